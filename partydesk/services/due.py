"""The due list ("Việc cần làm") and its calendar: what is due when, done and snoozed marks.

The items come from the meeting compliance of the chi bộ (this month's and this quarter's
duties), the member register, the committee terms and the next briefing round; the rules are in
``partydesk.domain.due_rules``. Reads take the store's lock, so the page may compute on a
worker thread while the GUI reads the store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from partydesk.domain.due import (
    DEFAULT_WINDOW,
    CalendarEvent,
    DueItem,
    DueList,
    DueWindow,
    MarkState,
    due_list,
    validate_mark,
)
from partydesk.domain.due_evaluation import StepCounts, evaluation_items
from partydesk.domain.due_rules import briefing_items, member_items, term_items, visit_items
from partydesk.domain.due_rules import meeting_items as meeting_duty_items
from partydesk.domain.evaluation import Cycle
from partydesk.domain.holidays import HolidayCalendar
from partydesk.services.audit import audited, log_export
from partydesk.services.document_files import require_print, write_atomically
from partydesk.services.meetings import MeetingService
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.store import Store

#: The .ics export covers the meetings and sittings of this span around today.
ICS_PAST_DAYS = 31
ICS_FUTURE_DAYS = 183


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

    def today(self) -> date:
        return self._today()

    # --- reading ---------------------------------------------------------------------------

    def due_list(self, window: DueWindow = DEFAULT_WINDOW) -> DueList:
        """Overdue items and those due within the horizon, the done or snoozed ones, and every
        item the register gives today whatever its date (for the calendar), with its mark."""
        today = self._today()
        calendar = self._calendar()  # built outside the lock: the first build takes ~0.1 s
        years = {today.year, (today.replace(day=1) - timedelta(days=1)).year}
        with self._store.lock:
            facts = self._store.due
            intervals = facts.meeting_intervals()
            checked = self._meetings.compliance_settings().cadre_each_quarter
            items: list[DueItem] = []
            for year in sorted(years):  # January also looks back at December's duties
                rows = self._meetings.compliance(year)
                items += meeting_duty_items(rows, intervals, year, today)
                items += visit_items(rows, year, today, checked)
            members = facts.members()
            terms = facts.latest_terms()
            briefing = self._store.briefings.next_after(today)
            evaluation = self._evaluation_counts()
            marks = facts.marks()
        items += member_items(members, calendar, today)
        items += term_items(terms)
        items += briefing_items(briefing, today)
        for cycle, counts in evaluation:
            items += evaluation_items(cycle, counts)
        return due_list(items, marks, today, window)

    def _evaluation_counts(self) -> list[tuple[Cycle, list[StepCounts]]]:
        """Each open cycle with every organisation's progress (normally one cycle)."""
        repository = self._store.evaluation
        found = []
        for cycle in repository.cycles():
            if cycle.is_closed:
                continue
            progress = repository.progress_by_org(cycle.id)
            counts = []
            for org in repository.org_evaluations(cycle.id):
                p = progress.get(org.organisation_id)
                counts.append(
                    StepCounts(
                        org.organisation_id,
                        org.name,
                        p.evaluated if p else 0,
                        p.self_done if p else 0,
                        p.proposed if p else 0,
                        p.decided if p else 0,
                        org.decided_level is not None,
                    )
                )
            found.append((cycle, counts))
        return found

    def events(self, first: date, last: date) -> list[CalendarEvent]:
        """Meetings and briefing sittings between two days, for the month calendar."""
        with self._store.lock:
            return self._store.due.events(first, last)

    # --- marks -----------------------------------------------------------------------------

    @audited("Đánh dấu việc đã xử lý")
    def mark_done(self, key: str, note: str) -> None:
        self._save_mark(key, MarkState.DONE, note, None)

    @audited("Tạm hoãn việc cần làm")
    def snooze(self, key: str, until: date | None, note: str = "") -> None:
        self._save_mark(key, MarkState.SNOOZED, note, until)

    @audited("Bỏ đánh dấu việc cần làm")
    def unmark(self, key: str) -> None:
        """The item is open again (a done mark made by mistake, a snooze ended early)."""
        self._store.due.delete_mark(key)

    def _save_mark(self, key: str, state: MarkState, note: str, until: date | None) -> None:
        mark = validate_mark(key, state, note, until, self._today())
        self._store.due.save_mark(mark)

    # --- the .ics export -------------------------------------------------------------------

    def write_ics(
        self,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the open items (overdue and coming up) and the meetings and briefing sittings
        of the coming months as an iCalendar file; returns the number of events written."""
        from partydesk.reports.due_ics import due_calendar

        require_print(self._store)
        progress(0, 2, "Đang lập danh sách việc cần làm…")
        today = self._today()
        listed = self.due_list()
        events = self.events(
            today - timedelta(days=ICS_PAST_DAYS), today + timedelta(days=ICS_FUTURE_DAYS)
        )
        check_cancel(cancel)
        progress(1, 2, "Đang ghi tệp lịch…")
        data = due_calendar(listed.open, events, today=today, stamp=datetime.now().astimezone())

        def write(handle: BinaryIO) -> int:
            handle.write(data)
            check_cancel(cancel)
            return len(listed.open) + len(events)

        written = write_atomically(Path(target), write)
        log_export(self._store, "Lịch việc cần làm (.ics)", target, written)
        progress(2, 2, "Xong")
        return written
