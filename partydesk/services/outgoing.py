"""The outgoing document register: numbers for printed documents, cancelling, the register view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partydesk.store.store import Store


class OutgoingService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today
