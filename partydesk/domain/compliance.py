"""Whether each chi bộ met its meeting duties, month by month and quarter by quarter.

Per organisation and month: the thường kỳ meeting held or missing (respecting the
organisation's frequency: every N months, windows counted from January), its duration against
the rule in force, its minutes approved; per quarter: a chuyên đề held, and the supervising
cadre present at least once. The quarter duties are not [V] regulations (domain §1.1 [M], the
seed articles), so both can be switched off in the settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from partydesk.domain.organisation import OrgKind


class MonthState(StrEnum):
    NOT_APPLICABLE = "KHONG_AP_DUNG"  # the organisation did not exist that month
    FUTURE = "CHUA_DEN"
    IN_PROGRESS = "DANG_DIEN_RA"  # this month, not yet held: not a gap until it ends
    NOT_REQUIRED = "KHONG_BAT_BUOC"  # a month inside a longer window already satisfied
    MET = "DAT"
    MET_WITH_ISSUES = "CO_VAN_DE"  # held, but short or minutes not approved
    MISSING = "THIEU"

    @property
    def label(self) -> str:
        return MONTH_STATE_LABELS[self]

    @property
    def is_gap(self) -> bool:
        return self in (MonthState.MISSING, MonthState.MET_WITH_ISSUES)


MONTH_STATE_LABELS: dict[MonthState, str] = {
    MonthState.NOT_APPLICABLE: "Không áp dụng",
    MonthState.FUTURE: "Chưa đến",
    MonthState.IN_PROGRESS: "Trong tháng",
    MonthState.NOT_REQUIRED: "Không bắt buộc",
    MonthState.MET: "Đạt",
    MonthState.MET_WITH_ISSUES: "Có vấn đề",
    MonthState.MISSING: "Thiếu",
}


@dataclass(frozen=True, slots=True)
class ComplianceSettings:
    thematic_each_quarter: bool = True
    cadre_each_quarter: bool = True


@dataclass(frozen=True, slots=True)
class MeetingFact:
    """What compliance needs of one meeting."""

    period_year: int
    period_month: int
    on: date
    is_regular: bool
    is_thematic: bool
    duration_ok: bool | None  # None: times not recorded
    approved: bool
    cadre_present: bool


@dataclass(frozen=True, slots=True)
class OrganisationFacts:
    organisation_id: int
    name: str
    kind: OrgKind
    interval_months: int
    founded_on: date | None
    ended_on: date | None
    cadres: tuple[tuple[int, str], ...] = ()  # (cadre id, name) in charge during the year
    meetings: tuple[MeetingFact, ...] = ()


@dataclass(frozen=True, slots=True)
class MonthCell:
    month: int
    state: MonthState
    problems: tuple[str, ...] = ()  # "ngắn hơn quy định", "chưa thông qua biên bản"


@dataclass(frozen=True, slots=True)
class QuarterCell:
    quarter: int
    applicable: bool
    thematic: bool | None  # None: not checked (switched off, or quarter not over nor met)
    cadre: bool | None


@dataclass(frozen=True, slots=True)
class Gap:
    organisation_id: int
    organisation_name: str
    period: str  # "Tháng 3/2026", "Quý I/2026"
    problem: str


@dataclass(frozen=True, slots=True)
class OrganisationCompliance:
    organisation_id: int
    name: str
    kind: OrgKind
    cadres: tuple[tuple[int, str], ...]
    months: tuple[MonthCell, ...]
    quarters: tuple[QuarterCell, ...]
    gaps: tuple[Gap, ...] = field(default=())


ROMAN = ("I", "II", "III", "IV")
NOT_APPROVED = "biên bản chưa thông qua"


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def _existed(facts: OrganisationFacts, year: int, month: int) -> bool:
    first, last = date(year, month, 1), _month_end(year, month)
    if facts.founded_on and facts.founded_on > last:
        return False
    return not (facts.ended_on and facts.ended_on < first)


def _month_problems(meetings: list[MeetingFact]) -> tuple[str, ...]:
    problems: list[str] = []
    if all(m.duration_ok is False for m in meetings):
        problems.append("thời lượng ít hơn quy định")
    elif all(m.duration_ok is None for m in meetings):
        problems.append("chưa ghi giờ bắt đầu, kết thúc")
    if not any(m.approved for m in meetings):
        problems.append(NOT_APPROVED)
    return tuple(problems)


def organisation_compliance(
    facts: OrganisationFacts,
    year: int,
    today: date,
    settings: ComplianceSettings = ComplianceSettings(),
) -> OrganisationCompliance:
    interval = max(1, facts.interval_months)
    regular: dict[int, list[MeetingFact]] = {}
    for meeting in facts.meetings:
        if meeting.period_year == year and meeting.is_regular:
            regular.setdefault(meeting.period_month, []).append(meeting)

    months: list[MonthCell] = []
    gaps: list[Gap] = []
    for month in range(1, 13):
        window_start = ((month - 1) // interval) * interval + 1
        window = range(window_start, min(window_start + interval, 13))
        window_end = window[-1]
        held_here = regular.get(month, [])
        if not _existed(facts, year, month):
            state, problems = MonthState.NOT_APPLICABLE, ()
        elif held_here:
            problems = _month_problems(held_here)
            if _month_end(year, month) >= today:
                # Minutes are approved after the meeting: not yet a gap while the month runs.
                problems = tuple(p for p in problems if p != NOT_APPROVED)
            state = MonthState.MET_WITH_ISSUES if problems else MonthState.MET
        elif any(regular.get(m) for m in window):
            state, problems = MonthState.NOT_REQUIRED, ()
        elif date(year, month, 1) > today:
            state, problems = MonthState.FUTURE, ()
        elif _month_end(year, window_end) >= today:
            # The window (the month, for a monthly chi bộ) is still open: not yet a gap.
            state, problems = MonthState.IN_PROGRESS, ()
        elif month != window_end:
            state, problems = MonthState.NOT_REQUIRED, ()  # the window's gap is shown at its end
        else:
            state = MonthState.MISSING
            span = f"tháng {window_start}–{window_end}" if interval > 1 else f"tháng {month}"
            problems = (f"không có buổi sinh hoạt thường kỳ {span}",)
        months.append(MonthCell(month, state, problems))
        if state.is_gap:
            gaps.append(
                Gap(facts.organisation_id, facts.name, f"Tháng {month}/{year}", "; ".join(problems))
            )

    quarters: list[QuarterCell] = []
    for quarter in range(1, 5):
        quarter_months = range(quarter * 3 - 2, quarter * 3 + 1)
        applicable = any(_existed(facts, year, m) for m in quarter_months)
        in_quarter = [
            m for m in facts.meetings if m.period_year == year and m.period_month in quarter_months
        ]
        over = _month_end(year, quarter * 3) < today
        thematic = any(m.is_thematic for m in in_quarter)
        cadre = any(m.cadre_present for m in in_quarter)
        cell = QuarterCell(
            quarter,
            applicable,
            thematic=(thematic if (over or thematic) else None)
            if settings.thematic_each_quarter and applicable
            else None,
            # No cadre in charge, no duty to check: the gap is the assignment, not the visits.
            cadre=(cadre if (over or cadre) else None)
            if settings.cadre_each_quarter and applicable and facts.cadres
            else None,
        )
        quarters.append(cell)
        label = f"Quý {ROMAN[quarter - 1]}/{year}"
        if cell.thematic is False:
            gaps.append(
                Gap(facts.organisation_id, facts.name, label, "không có sinh hoạt chuyên đề")
            )
        if cell.cadre is False:
            gaps.append(
                Gap(facts.organisation_id, facts.name, label, "cán bộ phụ trách không dự buổi nào")
            )
    return OrganisationCompliance(
        facts.organisation_id,
        facts.name,
        facts.kind,
        facts.cadres,
        tuple(months),
        tuple(quarters),
        tuple(gaps),
    )


def compliance_matrix(
    organisations: Iterable[OrganisationFacts],
    year: int,
    today: date,
    settings: ComplianceSettings = ComplianceSettings(),
) -> list[OrganisationCompliance]:
    return [organisation_compliance(facts, year, today, settings) for facts in organisations]
