"""Tests for partydesk.domain.holidays: the default Vietnamese table and working-day arithmetic."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import DEFAULT_HOLIDAY_NAME, HolidayCalendar


@pytest.fixture(scope="module")
def cal() -> HolidayCalendar:
    return HolidayCalendar.default_for_years(range(2024, 2028))


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# --- the default table ------------------------------------------------------


def test_tet_2025_official_break_is_all_days_off(cal: HolidayCalendar) -> None:
    # Official break for public servants: Sat 25/01 - Sun 02/02/2025 (9 days).
    assert not any(cal.is_working_day(d) for d in days(date(2025, 1, 25), date(2025, 2, 2)))
    assert cal.is_working_day(date(2025, 1, 24))
    assert cal.is_working_day(date(2025, 2, 3))
    assert cal.holiday_name(date(2025, 1, 29)) == "Tết Nguyên Đán"


def test_tet_2026_official_break_is_all_days_off(cal: HolidayCalendar) -> None:
    # Official break: Sat 14/02 - Sun 22/02/2026 (9 days).
    assert not any(cal.is_working_day(d) for d in days(date(2026, 2, 14), date(2026, 2, 22)))
    assert cal.is_working_day(date(2026, 2, 13))
    assert cal.is_working_day(date(2026, 2, 23))


def test_tet_2024(cal: HolidayCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in days(date(2024, 2, 8), date(2024, 2, 14)))
    assert cal.is_working_day(date(2024, 2, 7))
    assert cal.is_working_day(date(2024, 2, 15))


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_fixed_holidays_every_year(cal: HolidayCalendar, year: int) -> None:
    for month, day in [(1, 1), (4, 30), (5, 1), (9, 2)]:
        assert cal.is_holiday(date(year, month, day)), (year, month, day)


def test_swapped_days_2025(cal: HolidayCalendar) -> None:
    # 30/4-04/5/2025: Fri 02/05 off, worked on Sat 26/04 instead.
    assert cal.is_holiday(date(2025, 5, 2))
    assert cal.is_working_day(date(2025, 4, 26))
    assert date(2025, 4, 26) in cal.extra_working_days


def test_national_day_2025_and_hung_kings_2025(cal: HolidayCalendar) -> None:
    assert not cal.is_working_day(date(2025, 9, 1))
    assert not cal.is_working_day(date(2025, 9, 2))
    assert cal.holiday_name(date(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"


def test_make_up_days_only_for_requested_years() -> None:
    only_2025 = HolidayCalendar.default_for_years([2025])
    assert only_2025.extra_working_days == {date(2025, 4, 26)}
    assert {d.year for d in only_2025.dates} == {2025}


def test_days_outside_the_table_are_ordinary(cal: HolidayCalendar) -> None:
    assert cal.is_working_day(date(2035, 1, 1))  # a Monday, no table for 2035
    assert not cal.is_working_day(date(2035, 1, 6))  # a Saturday


# --- arithmetic -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 1, 24), 1, date(2025, 2, 3)),  # Friday before Tết 2025
        (date(2025, 1, 24), 5, date(2025, 2, 7)),
        (date(2025, 1, 20), 10, date(2025, 2, 10)),
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # Friday before Tết 2026
        (date(2026, 2, 11), 5, date(2026, 2, 25)),
        (date(2024, 6, 8), 1, date(2024, 6, 10)),  # Saturday start
        (date(2024, 6, 9), 1, date(2024, 6, 10)),  # Sunday start
        (date(2024, 6, 8), 5, date(2024, 6, 14)),
        (date(2025, 4, 29), 1, date(2025, 5, 5)),  # 30/4, 1/5, 2/5 off, then weekend
        (date(2025, 4, 25), 1, date(2025, 4, 26)),  # Saturday worked as a make-up day
        (date(2024, 4, 26), 1, date(2024, 5, 2)),  # 29/4 (swap), 30/4, 1/5 off
        (date(2025, 8, 29), 1, date(2025, 9, 3)),  # National Day 2025
        (date(2026, 8, 28), 1, date(2026, 9, 3)),  # 31/8 swap, 1/9, 2/9 off
        (date(2024, 12, 31), 1, date(2025, 1, 2)),  # New Year
    ],
)
def test_add_working_days(cal: HolidayCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_working_days(start, n) == expected
    assert cal.working_days_between(start, expected) == n


@pytest.mark.parametrize("start", [date(2025, 1, 29), date(2025, 3, 3), date(2024, 6, 8)])
def test_add_zero_working_days_returns_start(cal: HolidayCalendar, start: date) -> None:
    assert cal.add_working_days(start, 0) == start
    assert cal.working_days_between(start, start) == 0


def test_add_negative_working_days(cal: HolidayCalendar) -> None:
    assert cal.add_working_days(date(2025, 2, 3), -1) == date(2025, 1, 24)
    assert cal.add_working_days(date(2025, 2, 1), -1) == date(2025, 1, 24)
    assert cal.working_days_between(date(2025, 2, 3), date(2025, 1, 24)) == -1


def test_accepts_datetime(cal: HolidayCalendar) -> None:
    assert cal.add_working_days(datetime(2025, 1, 24, 15, 30), 1) == date(2025, 2, 3)
    assert not cal.is_working_day(datetime(2025, 1, 29, 8, 0))


_CAL_2023_2027 = HolidayCalendar.default_for_years(range(2023, 2028))


@given(
    start=st.dates(min_value=date(2023, 12, 1), max_value=date(2027, 6, 30)),
    n=st.integers(min_value=-80, max_value=80),
)
def test_working_days_between_inverts_add(start: date, n: int) -> None:
    cal = _CAL_2023_2027
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    if n:
        assert cal.is_working_day(end)


# --- construction from an edited table --------------------------------------


def test_from_dates_mapping_and_iterable() -> None:
    cal = HolidayCalendar.from_dates({date(2030, 2, 4): "Tết Canh Tuất", date(2030, 2, 5): ""})
    assert cal.holiday_name(date(2030, 2, 4)) == "Tết Canh Tuất"
    assert cal.holiday_name(date(2030, 2, 5)) == DEFAULT_HOLIDAY_NAME
    assert cal.holiday_name(date(2030, 2, 6)) is None
    plain = HolidayCalendar.from_dates([date(2030, 2, 4)], extra_working_days=[date(2030, 2, 9)])
    assert plain.dates == frozenset({date(2030, 2, 4)})
    assert plain.is_working_day(date(2030, 2, 9))  # a Saturday worked


def test_edited_table_changes_deadlines() -> None:
    default = HolidayCalendar.default_for_years([2025])
    edited_names = {d: n for d, n in default.names.items() if d != date(2025, 1, 27)}
    edited = HolidayCalendar.from_dates(edited_names, default.extra_working_days)
    assert edited.is_working_day(date(2025, 1, 27))
    assert edited.add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 27)


def test_from_dates_normalises_datetimes() -> None:
    cal = HolidayCalendar.from_dates([datetime(2030, 2, 4, 12, 0)])
    assert cal.dates == frozenset({date(2030, 2, 4)})
    assert type(next(iter(cal.dates))) is date


def test_holiday_that_is_also_a_make_up_day_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        HolidayCalendar.from_dates([date(2030, 2, 9)], extra_working_days=[date(2030, 2, 9)])
    assert info.value.field == "ngay_nghi"
    assert "09/02/2030" in info.value.message


def test_calendar_is_immutable_and_hashable() -> None:
    a = HolidayCalendar.default_for_years([2025])
    b = HolidayCalendar.default_for_years([2025])
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.dates = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.names[date(2025, 6, 2)] = "x"  # type: ignore[index]


def test_holidays_in_year_sorted() -> None:
    cal = HolidayCalendar.default_for_years([2025, 2026])
    listed = cal.holidays_in_year(2025)
    assert [d for d, _ in listed] == sorted(d for d in cal.dates if d.year == 2025)
    assert listed[0] == (date(2025, 1, 1), "Tết Dương lịch")
