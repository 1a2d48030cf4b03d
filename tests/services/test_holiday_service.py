"""The holiday calendar in force: edited years over the default, and deadlines that follow it."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk.domain.dates import official_decision_deadline
from partydesk.domain.holidays import HolidayKind, HolidayRow
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.services.holidays import row_field

NGHI, LAM_BU = HolidayKind.DAY_OFF, HolidayKind.MAKE_UP


def test_a_year_not_edited_shows_the_builtin_table(services: AppServices) -> None:
    table = services.holidays.year_table(2027)
    assert not table.edited
    days_off = {r.day for r in table.rows if r.kind is NGHI}
    assert date(2027, 9, 2) in days_off
    assert date(2027, 2, 6) in days_off  # Tết Nguyên Đán 2027 (Saturday)
    assert services.holidays.calendar.holiday_name(date(2027, 2, 6)) == "Tết Nguyên Đán"


def test_make_up_days_of_the_default_appear_as_make_up_rows(services: AppServices) -> None:
    rows = services.holidays.year_table(2026).rows
    assert HolidayRow(date(2026, 8, 22), LAM_BU, "Ngày làm bù") in rows


def test_the_calendar_covers_five_years_either_side_of_today(services: AppServices) -> None:
    calendar = services.holidays.calendar
    assert calendar.is_holiday(date(2021, 9, 2))
    assert calendar.is_holiday(date(2031, 9, 2))


def test_an_extra_tet_day_moves_the_30_working_day_deadline_by_one(services: AppServices) -> None:
    probation_ends = date(2027, 1, 20)  # Wednesday; Tết 2027 falls inside the 30 working days
    before = official_decision_deadline(probation_ends, services.register.calendar)
    assert before == date(2027, 3, 10)  # Tết 04-10/02 skipped
    rows = list(services.holidays.year_table(2027).rows)
    rows.append(HolidayRow(date(2027, 2, 11), NGHI, "Nghỉ thêm Tết (quyết định của Chính phủ)"))
    services.holidays.save_year(2027, rows)

    # Every service sees the new table: the register, the due list and the warnings share it.
    after = official_decision_deadline(probation_ends, services.register.calendar)
    assert after == date(2027, 3, 11)
    assert services.holidays.calendar is services.register.calendar
    assert services.holidays.year_table(2027).edited


def test_a_make_up_saturday_counts_as_a_working_day(services: AppServices) -> None:
    rows = [
        *services.holidays.year_table(2027).rows,
        HolidayRow(date(2027, 2, 20), LAM_BU, "Làm bù cho ngày 11/02"),
        HolidayRow(date(2027, 2, 11), NGHI, "Nghỉ bù Tết"),
    ]
    services.holidays.save_year(2027, rows)
    calendar = services.holidays.calendar
    assert calendar.is_working_day(date(2027, 2, 20))
    assert not calendar.is_working_day(date(2027, 2, 11))
    # One day off swapped for one Saturday worked: the deadline is back where it was.
    assert official_decision_deadline(date(2027, 1, 20), calendar) == date(2027, 3, 10)


def test_removing_a_default_holiday_makes_it_a_working_day(services: AppServices) -> None:
    assert not services.holidays.calendar.is_working_day(date(2027, 11, 24))
    rows = [r for r in services.holidays.year_table(2027).rows if r.day != date(2027, 11, 24)]
    services.holidays.save_year(2027, rows)
    assert services.holidays.calendar.is_working_day(date(2027, 11, 24))  # a Wednesday
    # Other years keep the default.
    assert not services.holidays.calendar.is_working_day(date(2028, 11, 24))


def test_reset_goes_back_to_the_default(services: AppServices) -> None:
    default = services.holidays.year_table(2027).rows
    services.holidays.save_year(2027, [HolidayRow(date(2027, 1, 1), NGHI, "Tết Dương lịch")])
    assert services.holidays.calendar.is_working_day(date(2027, 9, 2))
    table = services.holidays.reset_year(2027)
    assert not table.edited
    assert table.rows == default
    assert not services.holidays.calendar.is_working_day(date(2027, 9, 2))


def test_a_year_far_from_today_can_be_edited_and_is_used(services: AppServices) -> None:
    assert services.holidays.year_table(2045).rows  # the default is computed on demand
    services.holidays.save_year(2045, [HolidayRow(date(2045, 3, 1), NGHI, "Ngày thử")])
    assert services.holidays.calendar.is_holiday(date(2045, 3, 1))


def test_names_are_nfc_and_empty_names_get_a_default(services: AppServices) -> None:
    decomposed = "Te\u0302\u0301t"  # "Tết" typed with combining marks
    saved = services.holidays.save_year(
        2027,
        [HolidayRow(date(2027, 2, 8), NGHI, decomposed), HolidayRow(date(2027, 2, 20), LAM_BU)],
    )
    assert [r.name for r in saved.rows] == ["Tết", "Ngày làm bù"]
    assert services.holidays.year_table(2027).rows == saved.rows


def _errors(services: AppServices, year: int, rows: list[HolidayRow]) -> dict[str, str]:
    with pytest.raises(InvalidRecord) as caught:
        services.holidays.save_year(year, rows)
    return caught.value.by_field()


def test_each_bad_row_is_named_and_nothing_is_saved(services: AppServices) -> None:
    errors = _errors(
        services,
        2027,
        [
            HolidayRow(date(2027, 1, 1), NGHI, "Tết Dương lịch"),
            HolidayRow(date(2028, 1, 3), NGHI, "Nhầm năm"),
            HolidayRow(date(2027, 1, 1), LAM_BU, "Trùng"),
            HolidayRow(date(2027, 2, 12), LAM_BU, "Thứ Sáu"),
            HolidayRow(date(2027, 4, 30), NGHI, "Lỗi\x00"),
        ],
    )
    assert errors == {
        row_field(1): "Dòng 2: ngày 03/01/2028 không thuộc năm 2027.",
        row_field(2): "Dòng 3: ngày 01/01/2027 đã có ở dòng 1; một ngày chỉ là ngày nghỉ lễ "
        "hoặc ngày làm bù, không thể là cả hai.",
        row_field(3): "Dòng 4: ngày làm bù 12/02/2027 là thứ Sáu; ngày làm bù phải là thứ Bảy "
        "hoặc Chủ nhật (ngày thường vốn đã là ngày làm việc).",
        row_field(4): errors[row_field(4)],
    }
    assert errors[row_field(4)].startswith("Dòng 5: Tên chứa ký tự điều khiển")
    assert not services.holidays.year_table(2027).edited


def test_a_day_off_on_a_weekend_is_accepted(services: AppServices) -> None:
    saved = services.holidays.save_year(2027, [HolidayRow(date(2027, 2, 6), NGHI, "Tết")])
    assert saved.rows[0].day.weekday() == 5


def test_an_empty_table_is_refused_with_the_way_back(services: AppServices) -> None:
    errors = _errors(services, 2027, [])
    assert "Khôi phục mặc định" in errors["rows"]
