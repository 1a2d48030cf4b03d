"""The holiday calendar in force: the office's edited years over the default table."""

from __future__ import annotations

from partydesk.store.store import Store


class HolidayService:
    def __init__(self, store: Store) -> None:
        self._store = store
