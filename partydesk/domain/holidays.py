"""Vietnamese public holidays and working-day arithmetic for Party deadlines.

Deadlines such as "30 working days after the probation ends" count ngày làm
việc: Monday to Friday, minus public holidays, plus the Saturdays the
government turns into working days (ngày làm bù) when it swaps days off.

The default table comes from the ``holidays`` package (Vietnamese names). For
2024-2026 it matches the official days off on every weekday:

* Tết 2025: the package lists Mon 27/01-Sat 01/02/2025; the official break for
  public servants was Sat 25/01-Sun 02/02/2025 (9 days), whose extra days are
  weekend days anyway.
* Tết 2026: the package lists Mon 16/02-Fri 20/02/2026; the official break is
  Sat 14/02-Sun 22/02/2026 (9 days), again the same working days.
* Swaps are included: 02/05/2025 off with Sat 26/04/2025 worked;
  31/08/2026 off with Sat 22/08/2026 worked; 29/04/2024 off with Sat 04/05/2024.

Limits, which is why the office must be able to edit the table (issue 4):

* The government fixes the exact Tết days and any swaps each year by decision;
  for years it has not yet decided, the package only estimates them from the
  Labour Code, and it may lag a late decision.
* From 2026 the package lists 24/11 (Ngày Văn hóa Việt Nam), following
  Resolution 80-NQ/TW; making it a paid holiday needs an amendment of the
  Labour Code, so check it before relying on it.
* The rules are those for public servants (the Party apparatus); private
  employers may choose other Tết days.

``HolidayCalendar.from_dates`` builds a calendar from an edited table and
``replacing_years`` lays the office's edited years (``HolidayRow`` lines) over
the default; only ``HolidayCalendar.default_for_years`` consults the package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from partydesk.domain.errors import ValidationError

DEFAULT_HOLIDAY_NAME = "Ngày nghỉ"
DEFAULT_MAKE_UP_NAME = "Ngày làm bù"

_SATURDAY = 5
_ONE_DAY = timedelta(days=1)


def _as_date(value: date) -> date:
    # datetime is a subclass of date but never equal to one, so a datetime key
    # would silently never match; normalise it.
    return value.date() if isinstance(value, datetime) else value


class HolidayKind(StrEnum):
    """A line of a year's table: a day off, or a weekend day worked in exchange."""

    DAY_OFF = "NGHI"
    MAKE_UP = "LAM_BU"

    @property
    def label(self) -> str:
        return "Nghỉ lễ" if self is HolidayKind.DAY_OFF else "Làm bù"


@dataclass(frozen=True)
class HolidayRow:
    """One line of a year's holiday table, as stored and as edited in the settings."""

    day: date
    kind: HolidayKind
    name: str = ""


@dataclass(frozen=True)
class HolidayCalendar:
    """Public holidays (date -> name) and make-up working days (weekend days worked).

    Build it with ``default_for_years`` or ``from_dates``. Dates outside the
    table are ordinary days: weekends off, weekdays worked.
    """

    names: Mapping[date, str] = field(default_factory=dict, hash=False)
    extra_working_days: frozenset[date] = frozenset()
    dates: frozenset[date] = field(init=False)

    def __post_init__(self) -> None:
        names = {_as_date(day): name for day, name in self.names.items()}
        extra = frozenset(_as_date(day) for day in self.extra_working_days)
        clash = sorted(extra.intersection(names))
        if clash:
            raise ValidationError(
                "ngay_nghi",
                f"Ngày {clash[0]:%d/%m/%Y} vừa là ngày nghỉ lễ vừa là ngày làm bù. "
                "Vui lòng sửa lại lịch nghỉ.",
            )
        # Frozen dataclass: assign the read-only normalised copies directly.
        object.__setattr__(self, "names", MappingProxyType(dict(sorted(names.items()))))
        object.__setattr__(self, "extra_working_days", extra)
        object.__setattr__(self, "dates", frozenset(names))

    # --- construction -----------------------------------------------------

    @classmethod
    def from_dates(
        cls,
        holidays: Mapping[date, str] | Iterable[date],
        extra_working_days: Iterable[date] = (),
    ) -> HolidayCalendar:
        """Calendar from a stored or edited table; plain dates get the name "Ngày nghỉ"."""
        if isinstance(holidays, Mapping):
            names = {day: (name or DEFAULT_HOLIDAY_NAME) for day, name in holidays.items()}
        else:
            names = dict.fromkeys(holidays, DEFAULT_HOLIDAY_NAME)
        return cls(names=names, extra_working_days=frozenset(extra_working_days))

    @classmethod
    def default_for_years(cls, years: Iterable[int]) -> HolidayCalendar:
        """Calendar from the ``holidays`` package for ``years`` (Vietnamese names)."""
        import holidays as holidays_lib  # 40 ms to import: only when a calendar is built

        wanted = sorted(set(years))
        table = holidays_lib.country_holidays("VN", years=wanted, language="vi")
        # get_list keeps every name when two holidays fall on the same day.
        names = {day: "; ".join(table.get_list(day)) for day in table}
        worked = getattr(table, "weekend_workdays", ())
        extra = frozenset(day for day in worked if day.year in wanted)
        return cls(names=names, extra_working_days=extra)

    def replacing_years(self, tables: Mapping[int, Iterable[HolidayRow]]) -> HolidayCalendar:
        """This calendar with each year of ``tables`` replaced by exactly that year's rows."""
        names = {d: n for d, n in self.names.items() if d.year not in tables}
        extra = {d for d in self.extra_working_days if d.year not in tables}
        for rows in tables.values():
            for row in rows:
                if row.kind is HolidayKind.MAKE_UP:
                    extra.add(row.day)
                else:
                    names[row.day] = row.name or DEFAULT_HOLIDAY_NAME
        return HolidayCalendar(names=names, extra_working_days=frozenset(extra))

    # --- queries ----------------------------------------------------------

    def holiday_name(self, day: date) -> str | None:
        return self.names.get(_as_date(day))

    def is_holiday(self, day: date) -> bool:
        return _as_date(day) in self.dates

    def is_working_day(self, day: date) -> bool:
        """Monday-Friday and not a holiday, or a weekend day declared a make-up working day."""
        day = _as_date(day)
        if day in self.extra_working_days:
            return True
        return day.weekday() < _SATURDAY and day not in self.dates

    def add_working_days(self, start: date, n: int) -> date:
        """The date that is ``n`` working days after ``start`` (``start`` itself not counted).

        ``n == 0`` returns ``start`` unchanged, even on a holiday. A negative
        ``n`` counts backwards. The result is always a working day when n != 0.
        """
        day = _as_date(start)
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the inverse of ``add_working_days``.

        ``add_working_days(start, k) == end`` implies ``working_days_between(start,
        end) == k``, also for negative k (then the days in [end, start) are counted).
        """
        start, end = _as_date(start), _as_date(end)
        if end < start:
            # Mirror of add_working_days with negative n: count [end, start).
            return -self.working_days_between(end - _ONE_DAY, start - _ONE_DAY)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def rows_for_year(self, year: int) -> list[HolidayRow]:
        """The table of one year, days off and make-up days together, in date order."""
        rows = [HolidayRow(day, HolidayKind.DAY_OFF, name) for day, name in self.names.items()]
        rows += [
            HolidayRow(day, HolidayKind.MAKE_UP, DEFAULT_MAKE_UP_NAME)
            for day in self.extra_working_days
        ]
        return sorted((r for r in rows if r.day.year == year), key=lambda r: r.day)

    def holidays_in_year(self, year: int) -> list[tuple[date, str]]:
        """(date, name) pairs of one year, in date order, for display and editing."""
        return [(day, name) for day, name in self.names.items() if day.year == year]
