"""The rules of the due list: which items each kind of fact gives on a day.

One function per source of facts (the compliance of the chi bộ, members, committee terms, the
next briefing round). They return every item the facts give, whatever its date; the horizon is
applied by ``partydesk.domain.due.due_list``, so the month calendar sees the same items.
Rules that are not obvious:

* Period duties (the window's thường kỳ meeting, the quarter's cadre visit) are due at the end
  of their window; a missed one stays overdue during the next period only: after that it is a
  compliance gap (the "Tuân thủ" page), no longer something still to be done.
* The end of a probation is announced before it comes; the 30-working-day deadline for official
  recognition is listed from the same day as the end (``watch_from``) and is overdue while the
  member is still dự bị after it.
* A Huy hiệu milestone is listed until its day; the member's next milestone follows.
* A committee term whose end has passed stays overdue until a newer term is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from partydesk.domain.briefing import Briefing
from partydesk.domain.compliance import ROMAN, MonthState, OrganisationCompliance
from partydesk.domain.dates import (
    format_vn_date,
    next_badge_milestone,
    official_decision_deadline,
    probation_end,
)
from partydesk.domain.due import DueItem, DueKind, LinkTarget, RecordLink
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.member import MemberStatus

TEMP_STATUSES = (MemberStatus.TEMP_AWAY, MemberStatus.TEMP_GUEST)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    member_id: int
    name: str
    organisation: str
    status: MemberStatus
    probationary: bool
    ceremony_date: date | None = None
    admission_decision_date: date | None = None
    status_until: date | None = None


@dataclass(frozen=True, slots=True)
class TermFacts:
    """The latest term of an active organisation, when it has an end date."""

    term_id: int
    organisation_id: int
    organisation: str
    label: str
    ends_on: date


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _previous_month(today: date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def meeting_items(
    rows: Iterable[OrganisationCompliance],
    intervals: Mapping[int, int],
    year: int,
    today: date,
) -> list[DueItem]:
    """The thường kỳ meeting of the window running today, not yet held (due at the window's
    end), and a window that ended last month without one (overdue)."""
    items: list[DueItem] = []
    for row in rows:
        interval = max(1, intervals.get(row.organisation_id, 1))
        ends_seen: set[int] = set()
        for cell in row.months:
            start = ((cell.month - 1) // interval) * interval + 1
            end = min(start + interval - 1, 12)
            running = cell.state is MonthState.IN_PROGRESS and end not in ends_seen
            missed = cell.state is MonthState.MISSING and (year, end) == _previous_month(today)
            if not (running or missed):
                continue
            ends_seen.add(end)
            span = f"tháng {start}–{end}/{year}" if end > start else f"tháng {end}/{year}"
            items.append(
                DueItem(
                    key=f"meeting:{row.organisation_id}:{year}-{end:02d}",
                    kind=DueKind.MEETING,
                    on=_month_end(year, end),
                    title=f"Sinh hoạt chi bộ thường kỳ {span}",
                    subject=row.name,
                    link=RecordLink(LinkTarget.MEETINGS, row.organisation_id, year),
                    detail="Chưa có buổi sinh hoạt thường kỳ nào được ghi.",
                )
            )
    return items


def visit_items(
    rows: Iterable[OrganisationCompliance], year: int, today: date, checked: bool
) -> list[DueItem]:
    """The supervising cadre has not attended a meeting in the current quarter (due at its
    end), or did not in the quarter that ended last (overdue). ``checked``: the office keeps
    this duty (a compliance setting)."""
    if not checked:
        return []
    current = (today.year, (today.month - 1) // 3 + 1)
    previous = (current[0], current[1] - 1) if current[1] > 1 else (current[0] - 1, 4)
    items: list[DueItem] = []
    for row in rows:
        for cell in row.quarters:
            running = (year, cell.quarter) == current and cell.cadre is None
            missed = (year, cell.quarter) == previous and cell.cadre is False
            if not (cell.applicable and row.cadres and (running or missed)):
                continue
            items.append(
                DueItem(
                    key=f"visit:{row.organisation_id}:{year}-Q{cell.quarter}",
                    kind=DueKind.VISIT,
                    on=_month_end(year, cell.quarter * 3),
                    title=f"Cán bộ phụ trách dự sinh hoạt quý {ROMAN[cell.quarter - 1]}/{year}",
                    subject=row.name,
                    link=RecordLink(LinkTarget.MEETINGS, row.organisation_id, year),
                    detail="Cán bộ phụ trách: " + ", ".join(name for _, name in row.cadres),
                )
            )
    return items


def member_items(
    members: Iterable[MemberFacts], calendar: HolidayCalendar, today: date
) -> list[DueItem]:
    """Probation ending, the deadline for official recognition, the next Huy hiệu milestone and
    the end of sinh hoạt tạm thời. Guests on temporary activity here are followed by their own
    organisation, except for the end of their stay."""
    items: list[DueItem] = []
    deadlines: dict[date, date] = {}  # probation end → deadline; many members share a date
    for m in members:
        link = RecordLink(LinkTarget.MEMBER, m.member_id)
        subject = f"{m.name} ({m.organisation})" if m.organisation else m.name
        home = m.status is not MemberStatus.TEMP_GUEST
        if home and m.probationary and m.ceremony_date is not None:
            ends = probation_end(m.ceremony_date)
            deadline = deadlines.get(ends) or deadlines.setdefault(
                ends, official_decision_deadline(ends, calendar)
            )
            if ends >= today:
                items.append(
                    DueItem(
                        f"probation-end:{m.member_id}:{ends.isoformat()}",
                        DueKind.PROBATION_END,
                        ends,
                        "Hết 12 tháng dự bị",
                        subject,
                        link,
                        f"Kết nạp ngày {format_vn_date(m.ceremony_date)}; hạn xét công nhận "
                        f"chính thức {format_vn_date(deadline)}.",
                    )
                )
            items.append(
                DueItem(
                    f"official-deadline:{m.member_id}:{deadline.isoformat()}",
                    DueKind.OFFICIAL_DEADLINE,
                    deadline,
                    "Hạn xét công nhận đảng viên chính thức",
                    subject,
                    link,
                    f"Hết dự bị ngày {format_vn_date(ends)}; chi bộ xét trong 30 ngày làm việc.",
                    watch_from=ends,
                )
            )
        if home and m.admission_decision_date is not None:
            milestone = next_badge_milestone(m.admission_decision_date, today - timedelta(days=1))
            if milestone is not None:
                years, on = milestone
                items.append(
                    DueItem(
                        f"badge:{m.member_id}:{years}",
                        DueKind.BADGE,
                        on,
                        f"Đủ {years} năm tuổi đảng: Huy hiệu {years} năm",
                        subject,
                        link,
                        f"Tuổi đảng tính từ {format_vn_date(m.admission_decision_date)}.",
                    )
                )
        if m.status in TEMP_STATUSES and m.status_until is not None:
            items.append(
                DueItem(
                    f"temp-transfer-end:{m.member_id}:{m.status_until.isoformat()}",
                    DueKind.TEMP_TRANSFER_END,
                    m.status_until,
                    f"Hết thời hạn {m.status.label.lower()}",
                    subject,
                    link,
                    "Ghi biến động kết thúc sinh hoạt tạm thời, hoặc gia hạn.",
                )
            )
    return items


def term_items(terms: Iterable[TermFacts]) -> list[DueItem]:
    """The end of each organisation's latest term (overdue once passed)."""
    return [
        DueItem(
            f"term-end:{t.term_id}:{t.ends_on.isoformat()}",
            DueKind.TERM_END,
            t.ends_on,
            f"Hết nhiệm kỳ cấp ủy {t.label}".rstrip(),
            t.organisation,
            RecordLink(LinkTarget.ORGANISATION, t.organisation_id),
            "Chuẩn bị đại hội, bầu cấp ủy nhiệm kỳ mới.",
        )
        for t in terms
    ]


def briefing_items(briefing: Briefing | None, today: date) -> list[DueItem]:
    """The sittings of the next round still to come, and each invited organisation's report not
    yet received (due on the round's report date, or at its sitting)."""
    if briefing is None or briefing.id is None:
        return []
    link = RecordLink(LinkTarget.BRIEFING, briefing.id)
    missing = [v for v in briefing.invitees if v.report_received_on is None]
    items = [
        DueItem(
            f"briefing:{briefing.id}:{s.id}",
            DueKind.BRIEFING,
            s.on,
            briefing.title,
            s.label or "Các tổ chức đảng được mời",
            link,
            f"{len(missing)} đơn vị chưa nộp báo cáo.",
        )
        for s in briefing.sittings
        if s.on >= today
    ]
    for invitee in missing:
        items.append(
            DueItem(
                f"report:{briefing.id}:{invitee.organisation_id}",
                DueKind.REPORT,
                briefing.reports_due_on or briefing.sittings[invitee.sitting_index].on,
                f"Nộp báo cáo {briefing.half.label} {briefing.year}",
                invitee.organisation_name,
                link,
                f"Báo cáo gửi trước {briefing.title.lower()}.",
            )
        )
    return items
