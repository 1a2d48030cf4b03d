"""The holiday calendar in force: the office's edited years over the default table.

Every working-day computation (the 30-working-day deadline after probation, the due list, the
start-up warnings) asks ``HolidayService.calendar``; it is the one source of truth. The default
table comes from the ``holidays`` package, which only estimates the Tết days and swaps the
government has not yet decided (see ``partydesk.domain.holidays``), so the office can replace
the table of any year in the settings and go back to the default later.

The calendar is built once (about 0.3 s the first time, for the lunar holidays) and cached; saving
or resetting a year drops the cache so the next question sees the new table. It may be built on a
worker thread while the GUI thread saves a year: a calendar built from the old table is then
returned to its caller but not kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from partydesk.domain.accounts import Permission
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import (
    DEFAULT_HOLIDAY_NAME,
    DEFAULT_MAKE_UP_NAME,
    HolidayCalendar,
    HolidayKind,
    HolidayRow,
)
from partydesk.domain.text import clean_text
from partydesk.domain.validation import InvalidRecord
from partydesk.services.audit import audited
from partydesk.store.store import Store

# The default table covers this many years either side of today; edited years are added to it.
YEARS_AROUND_TODAY = 5
FIRST_YEAR, LAST_YEAR = 2000, 2100
_SATURDAY = 5
_WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def weekday_name(day: date) -> str:
    """The Vietnamese name of the day of the week, as written in a sentence ("thứ Bảy")."""
    return _WEEKDAY_NAMES[day.weekday()]


def row_field(index: int) -> str:
    """The error field of the row at ``index`` (0-based), so the settings can point at it."""
    return f"row:{index}"


@dataclass(frozen=True)
class YearTable:
    """The holiday table of one year and where it comes from."""

    year: int
    rows: tuple[HolidayRow, ...]
    edited: bool  # True: the office's own table; False: the built-in default


class HolidayService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today
        self._guard = threading.Lock()
        self._default: HolidayCalendar | None = None
        self._calendar: HolidayCalendar | None = None
        self._generation = 0

    # --- the calendar in force ----------------------------------------------------------------

    @property
    def calendar(self) -> HolidayCalendar:
        """Weekends, holidays and make-up days: the default table with the edited years over it."""
        cached = self._calendar
        if cached is not None:
            return cached
        generation = self._generation
        with self._store.lock:
            tables = self._store.holidays.edited_tables()
        calendar = self._default_calendar().replacing_years(tables)
        with self._guard:
            if generation == self._generation:
                self._calendar = calendar
        return calendar

    def invalidate(self) -> None:
        """Forget the cached calendar: the next question rebuilds it from the database."""
        with self._guard:
            self._generation += 1
            self._calendar = None

    def _default_calendar(self) -> HolidayCalendar:
        if self._default is None:
            year = self._today().year
            years = range(year - YEARS_AROUND_TODAY, year + YEARS_AROUND_TODAY + 1)
            self._default = HolidayCalendar.default_for_years(years)
        return self._default

    def default_rows(self, year: int) -> list[HolidayRow]:
        """The built-in table of ``year`` (from the ``holidays`` package)."""
        default = self._default_calendar()
        if not any(day.year == year for day in default.dates):
            default = HolidayCalendar.default_for_years([year])
        return default.rows_for_year(year)

    # --- one year's table ---------------------------------------------------------------------

    def current_year(self) -> int:
        return self._today().year

    def year_table(self, year: int) -> YearTable:
        with self._store.lock:
            stored = self._store.holidays.year_rows(year)
        if stored is None:
            return YearTable(year, tuple(self.default_rows(year)), edited=False)
        return YearTable(year, tuple(stored), edited=True)

    # The cache is dropped inside the write transaction, which holds the store lock: a worker
    # rebuilding the calendar meanwhile waits for the lock and reads the committed table.

    @audited("Sửa bảng ngày nghỉ lễ", Permission.SETTINGS)
    def save_year(self, year: int, rows: Sequence[HolidayRow]) -> YearTable:
        """Make ``rows`` the table of ``year``; raises ``InvalidRecord`` naming each bad row."""
        clean = validate_year_table(year, rows)
        self._store.holidays.save_year(year, clean)
        self.invalidate()
        return YearTable(year, tuple(clean), edited=True)

    @audited("Dùng lại bảng ngày nghỉ lễ mặc định", Permission.SETTINGS)
    def reset_year(self, year: int) -> YearTable:
        """Go back to the built-in table of ``year``."""
        self._store.holidays.reset_year(year)
        self.invalidate()
        return self.year_table(year)


def validate_year_table(year: int, rows: Sequence[HolidayRow]) -> list[HolidayRow]:
    """The rows cleaned (names NFC, empty names filled, date order), or ``InvalidRecord``.

    Each error is reported on the field ``row_field(index)`` and its message starts with the row
    number the clerk sees ("Dòng 3: …").
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidRecord(
            [ValidationError("year", f"Năm: chỉ sửa được các năm từ {FIRST_YEAR} đến {LAST_YEAR}.")]
        )
    if not rows:
        raise InvalidRecord(
            [
                ValidationError(
                    "rows",
                    f"Bảng ngày nghỉ năm {year} đang trống. Nếu muốn dùng lại bảng có sẵn, "
                    "bấm “Khôi phục mặc định”.",
                )
            ]
        )
    errors: list[ValidationError] = []
    clean: list[HolidayRow] = []
    first_line: dict[date, int] = {}
    for index, row in enumerate(rows):
        line = index + 1
        field = row_field(index)
        problem = _row_problem(year, row, first_line.get(row.day))
        first_line.setdefault(row.day, line)
        if problem:
            errors.append(ValidationError(field, f"Dòng {line}: {problem}"))
            continue
        try:
            name = clean_text(row.name, max_length=200, field=field, label=f"Dòng {line}: Tên")
        except ValidationError as exc:
            errors.append(exc)
            continue
        fallback = DEFAULT_MAKE_UP_NAME if row.kind is HolidayKind.MAKE_UP else DEFAULT_HOLIDAY_NAME
        clean.append(replace(row, name=name or fallback))
    if errors:
        raise InvalidRecord(errors)
    return sorted(clean, key=lambda r: r.day)


def _row_problem(year: int, row: HolidayRow, earlier_line: int | None) -> str:
    """What is wrong with one row (without the "Dòng n:" prefix), or ``""``."""
    shown = f"{row.day:%d/%m/%Y}"
    if row.day.year != year:
        return f"ngày {shown} không thuộc năm {year}."
    if earlier_line is not None:
        return (
            f"ngày {shown} đã có ở dòng {earlier_line}; một ngày chỉ là ngày nghỉ lễ "
            "hoặc ngày làm bù, không thể là cả hai."
        )
    if row.kind is HolidayKind.MAKE_UP and row.day.weekday() < _SATURDAY:
        return (
            f"ngày làm bù {shown} là {weekday_name(row.day)}; ngày làm bù phải là "
            "thứ Bảy hoặc Chủ nhật (ngày thường vốn đã là ngày làm việc)."
        )
    return ""
