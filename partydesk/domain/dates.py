"""Dates as Vietnamese clerks type them, and the dates derived from a member's record.

Input is day first: "05/03/1975", "5/3/1975", "05-03-1975" or "05.03.1975".
Two-digit years are refused because "05/03/25" could be 1925 or 2025 for a
member's birth or admission.

Derived dates (Điều lệ Đảng and its guidance, see domain brief §5):

* the probation (dự bị) lasts 12 months from the admission ceremony (lễ kết nạp);
* the chi bộ must consider official membership within 30 working days after
  the probation ends;
* party seniority (tuổi đảng) counts from the date written on the admission
  decision (quyết định kết nạp), and the Huy hiệu Đảng is awarded at 30, 40,
  45, ... 90 years of it.

29 February: adding months or years lands on the last day of the month when
the day does not exist, so 29/02/2024 + 12 months = 28/02/2025 and someone
admitted on 29/02/1996 completes 30 years on 28/02/2026. ``party_age_years``
uses the same rule, so the age turns over on exactly the milestone date.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar

MIN_YEAR = 1900
MAX_YEAR = 2100

# Day, month, year with one separator used consistently; spaces around tolerated.
# ASCII digits only: int() would also accept Arabic-Indic or full-width digits.
_VN_DATE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)", re.ASCII)

_EXAMPLE = "ví dụ 05/03/1975"
_MAX_ECHO = 30  # characters of the typed text repeated in an error message


def _echo(text: str) -> str:
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 1] + "…"


def parse_vn_date(text: str | None, field_label: str, *, field: str = "date") -> date | None:
    """Parse "dd/mm/yyyy" (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy); blank -> None.

    Raises ``ValidationError`` whose message starts with ``field_label``, e.g.
    "Ngày sinh: ngày 31/02/2024 không có thật.".
    """
    if text is None or not text.strip():
        return None
    typed = text.strip()
    match = _VN_DATE.fullmatch(typed)
    if match is None:
        raise ValidationError(
            field,
            f"{field_label}: “{_echo(typed)}” không đúng dạng ngày/tháng/năm ({_EXAMPLE}).",
        )
    day_s, _, month_s, year_s = match.groups()
    if len(year_s) == 2:
        raise ValidationError(
            field,
            f"{field_label}: cần gõ năm đủ 4 chữ số ({_EXAMPLE}), "
            f"không rõ “{_echo(typed)}” là năm nào.",
        )
    if len(year_s) != 4:
        raise ValidationError(
            field,
            f"{field_label}: “{_echo(typed)}” không đúng dạng ngày/tháng/năm ({_EXAMPLE}).",
        )
    day, month, year = int(day_s), int(month_s), int(year_s)
    shown = f"{day:02d}/{month:02d}/{year:04d}"
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            field,
            f"{field_label}: năm {year} không hợp lệ (chỉ nhận từ {MIN_YEAR} đến {MAX_YEAR}).",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"{field_label}: ngày {shown} không có thật.") from None


def format_vn_date(d: date | None) -> str:
    """Format as "dd/mm/yyyy"; "" for None."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# --- derived dates ----------------------------------------------------------

PROBATION_MONTHS = 12
OFFICIAL_DECISION_WORKING_DAYS = 30
BADGE_MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


def add_months_clamped(d: date, months: int) -> date:
    """``d`` plus ``months``, on the month's last day when the day does not exist."""
    return d + relativedelta(months=months)


def add_years_clamped(d: date, years: int) -> date:
    """``d`` plus ``years``; 29 February goes to 28 February in a non-leap year."""
    # date.replace rather than relativedelta: the due list asks this of every member.
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year that has none
        return d.replace(year=d.year + years, day=28)


def probation_end(ceremony_date: date, months: int = PROBATION_MONTHS) -> date:
    """Date the probation (dự bị) is complete: lễ kết nạp + 12 months."""
    return add_months_clamped(ceremony_date, months)


def official_decision_deadline(
    probation_end: date,
    calendar: HolidayCalendar,
    working_days: int = OFFICIAL_DECISION_WORKING_DAYS,
) -> date:
    """Last day for the chi bộ to consider official membership (hạn xét chính thức)."""
    return calendar.add_working_days(probation_end, working_days)


def party_age_years(admission_decision_date: date, on: date) -> int:
    """Full years of tuổi đảng on ``on``, counted from the admission decision; 0 before it.

    Interruptions (a member re-admitted after leaving) are not handled here.
    """
    years = on.year - admission_decision_date.year
    if years > 0 and add_years_clamped(admission_decision_date, years) > on:
        years -= 1
    return max(years, 0)


def badge_milestone_date(admission_decision_date: date, milestone: int) -> date:
    """Date on which ``milestone`` years of tuổi đảng are completed."""
    return add_years_clamped(admission_decision_date, milestone)


def next_badge_milestone(
    admission_decision_date: date,
    on: date,
    milestones: tuple[int, ...] = BADGE_MILESTONES,
) -> tuple[int, date] | None:
    """The first milestone not yet reached on ``on``, with its date; None after the last.

    A milestone whose date is ``on`` itself counts as reached, so the next one
    is returned (``last_badge_milestone_reached`` gives the one reached).
    """
    for milestone in sorted(milestones):
        reached_on = badge_milestone_date(admission_decision_date, milestone)
        if reached_on > on:
            return milestone, reached_on
    return None


def last_badge_milestone_reached(
    admission_decision_date: date,
    on: date,
    milestones: tuple[int, ...] = BADGE_MILESTONES,
) -> int | None:
    """The highest milestone completed by ``on`` (it may have been awarded already), or None."""
    age = party_age_years(admission_decision_date, on)
    reached = [milestone for milestone in milestones if milestone <= age]
    return max(reached, default=None)
