"""The due list ("Việc cần làm") and its calendar: what is due when, done and snoozed marks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partydesk.domain.holidays import HolidayCalendar
from partydesk.services.meetings import MeetingService
from partydesk.store.store import Store


class DueService:
    def __init__(
        self,
        store: Store,
        meetings: MeetingService,
        calendar: Callable[[], HolidayCalendar],
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._meetings = meetings
        self._calendar = calendar
        self._today = today
