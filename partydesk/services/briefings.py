"""Briefing rounds: planning from the recurrence rule, attendance, issues and their follow-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partydesk.store.store import Store


class BriefingService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today
