"""The due list ("Việc cần làm"): what the office must do by when, computed from plain facts.

Every item has a date, a kind, a Vietnamese title, the record it links to and a stable key
('meeting:<org>:2026-11', 'official-deadline:<member>:<date>' …). The key is what a done or
snoozed mark is stored under, so a mark follows its item and never hides a different one.

The items themselves come from ``partydesk.domain.due_rules``; this module holds the types,
splits the items of a day into the open list and the settled ones, and checks a mark:

* The list shows overdue items and those due within a horizon (30 days; 6 months for Huy hiệu
  milestones and committee terms). A done item, or one snoozed until a later day, moves to the
  "settled" part ("Đã xong / tạm hoãn"); a snoozed item comes back on its until-date.
* Calendar events (meetings held or planned, briefing sittings) are not duties: they are shown
  in the month calendar and exported with the items, never marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from enum import StrEnum

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.text import clean_multiline


class DueKind(StrEnum):
    MEETING = "meeting"
    VISIT = "visit"
    PROBATION_END = "probation-end"
    OFFICIAL_DEADLINE = "official-deadline"
    BADGE = "badge"
    TERM_END = "term-end"
    BRIEFING = "briefing"
    REPORT = "report"
    TEMP_TRANSFER_END = "temp-transfer-end"
    EVALUATION = "evaluation"

    @property
    def label(self) -> str:
        return DUE_KIND_LABELS[self]

    @property
    def long_horizon(self) -> bool:
        """Listed months ahead: a badge ceremony or a congress is prepared long before."""
        return self in (DueKind.BADGE, DueKind.TERM_END)


DUE_KIND_LABELS: dict[DueKind, str] = {
    DueKind.MEETING: "Sinh hoạt chi bộ",
    DueKind.VISIT: "Cán bộ phụ trách dự sinh hoạt",
    DueKind.PROBATION_END: "Hết thời gian dự bị",
    DueKind.OFFICIAL_DEADLINE: "Hạn xét công nhận chính thức",
    DueKind.BADGE: "Huy hiệu Đảng",
    DueKind.TERM_END: "Hết nhiệm kỳ cấp ủy",
    DueKind.BRIEFING: "Hội nghị giao ban",
    DueKind.REPORT: "Báo cáo giao ban",
    DueKind.TEMP_TRANSFER_END: "Hết sinh hoạt tạm thời",
    DueKind.EVALUATION: "Đánh giá, xếp loại",
}


class LinkTarget(StrEnum):
    ORGANISATION = "organisation"
    MEMBER = "member"
    MEETINGS = "meetings"  # the meetings of one chi bộ in one year
    BRIEFING = "briefing"
    EVALUATION = "evaluation"  # an evaluation cycle, opened at one organisation when given


@dataclass(frozen=True, slots=True)
class RecordLink:
    target: LinkTarget
    record_id: int
    year: int | None = None  # for MEETINGS: the year to show
    organisation_id: int | None = None  # for EVALUATION: the organisation to select


class MarkState(StrEnum):
    DONE = "XONG"
    SNOOZED = "HOAN"


@dataclass(frozen=True, slots=True)
class DueMark:
    key: str
    state: MarkState
    marked_on: date
    note: str = ""
    until: date | None = None  # a snooze ends on this day


class DueStatus(StrEnum):
    OVERDUE = "QUA_HAN"
    TODAY = "HOM_NAY"
    UPCOMING = "SAP_DEN"
    SNOOZED = "TAM_HOAN"
    DONE = "DA_XONG"

    @property
    def label(self) -> str:
        return {
            "QUA_HAN": "Quá hạn",
            "HOM_NAY": "Hôm nay",
            "SAP_DEN": "Sắp đến hạn",
            "TAM_HOAN": "Tạm hoãn",
            "DA_XONG": "Đã xong",
        }[self.value]

    @property
    def is_settled(self) -> bool:
        return self in (DueStatus.SNOOZED, DueStatus.DONE)


@dataclass(frozen=True, slots=True)
class DueItem:
    key: str
    kind: DueKind
    on: date
    title: str
    subject: str  # the record the item is about ("Đối tượng")
    link: RecordLink
    detail: str = ""
    watch_from: date | None = None  # listed once this date is within the horizon, if earlier
    mark: DueMark | None = None

    def status(self, today: date) -> DueStatus:
        mark = self.mark
        if mark is not None and mark.state is MarkState.DONE:
            return DueStatus.DONE
        if mark is not None and mark.until is not None and mark.until > today:
            return DueStatus.SNOOZED
        if self.on < today:
            return DueStatus.OVERDUE
        return DueStatus.TODAY if self.on == today else DueStatus.UPCOMING

    def status_text(self, today: date) -> str:
        """The status column: "Quá hạn 12 ngày", "Tạm hoãn đến 05/12/2026" …"""
        status = self.status(today)
        if status is DueStatus.OVERDUE:
            return f"Quá hạn {(today - self.on).days} ngày"
        if status is DueStatus.UPCOMING:
            return f"Còn {(self.on - today).days} ngày"
        if status is DueStatus.SNOOZED and self.mark and self.mark.until:
            return f"Tạm hoãn đến {format_vn_date(self.mark.until)}"
        if status is DueStatus.DONE and self.mark:
            return f"Đã xong ngày {format_vn_date(self.mark.marked_on)}"
        return status.label


@dataclass(frozen=True, slots=True)
class DueWindow:
    days: int = 30
    long_days: int = 183  # about six months

    def limit(self, kind: DueKind, today: date) -> date:
        return today + timedelta(days=self.long_days if kind.long_horizon else self.days)


DEFAULT_WINDOW = DueWindow()


@dataclass(frozen=True, slots=True)
class DueList:
    open: tuple[DueItem, ...]  # overdue and coming up, by date
    settled: tuple[DueItem, ...]  # done, or snoozed until a later day
    today: date
    items: tuple[DueItem, ...] = ()  # every item, whatever its date, for the month calendar

    @property
    def overdue_count(self) -> int:
        return sum(1 for i in self.open if i.status(self.today) is DueStatus.OVERDUE)

    @property
    def upcoming_count(self) -> int:
        return len(self.open) - self.overdue_count


def _order(item: DueItem) -> tuple[date, str, str]:
    return (item.on, item.kind.label, item.subject)


def with_marks(items: Iterable[DueItem], marks: Mapping[str, DueMark]) -> list[DueItem]:
    # Copy only the few marked items: a province office has over 100,000 items.
    return [
        replace(item, mark=mark) if (mark := marks.get(item.key)) is not None else item
        for item in items
    ]


def due_list(
    items: Iterable[DueItem],
    marks: Mapping[str, DueMark],
    today: date,
    window: DueWindow = DEFAULT_WINDOW,
) -> DueList:
    """Split the items into the open list (overdue, or due within the horizon) and the settled
    ones (done, or snoozed until after today), each by date."""
    open_items: list[DueItem] = []
    settled: list[DueItem] = []
    marked = with_marks(items, marks)
    for item in marked:
        status = item.status(today)
        if status.is_settled:
            settled.append(item)
            continue
        limit = window.limit(item.kind, today)
        came_back = item.mark is not None  # a snooze ended: it shows whatever its date
        if came_back or item.on <= limit or (item.watch_from and item.watch_from <= limit):
            open_items.append(item)
    return DueList(
        tuple(sorted(open_items, key=_order)),
        tuple(sorted(settled, key=_order)),
        today,
        tuple(marked),
    )


def validate_mark(
    key: str, state: MarkState, note: str, until: date | None, today: date
) -> DueMark:
    """A mark as the clerk entered it, checked. A done item says what was done; a snooze needs
    a day after today to come back on."""
    clean = clean_multiline(note, max_length=2000, field="ghi_chu", label="Ghi chú")
    if state is MarkState.DONE:
        if not clean:
            raise ValidationError("ghi_chu", "Ghi chú: cần ghi đã xử lý việc này thế nào.")
        return DueMark(key, state, today, clean)
    if until is None:
        raise ValidationError("hoan_den", "Tạm hoãn đến ngày: cần nhập ngày.")
    if until <= today:
        raise ValidationError("hoan_den", "Tạm hoãn đến ngày: phải là một ngày sau hôm nay.")
    return DueMark(key, state, today, clean, until)


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """A meeting or a briefing sitting on a day of the calendar (with its times when known)."""

    uid: str  # stable, like an item's key: 'meeting-held:<id>', 'sitting:<id>'
    on: date
    title: str
    subject: str
    link: RecordLink
    starts: time | None = None
    ends: time | None = None
    place: str = ""
