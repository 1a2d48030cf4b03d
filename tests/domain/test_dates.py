"""Tests for partydesk.domain.dates: typed dates and the derived lifecycle dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partydesk.domain.dates import (
    BADGE_MILESTONES,
    add_months_clamped,
    add_years_clamped,
    badge_milestone_date,
    format_vn_date,
    last_badge_milestone_reached,
    next_badge_milestone,
    official_decision_deadline,
    parse_vn_date,
    party_age_years,
    probation_end,
)
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar

CAL = HolidayCalendar.default_for_years(range(2024, 2028))

# --- parsing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["05/03/1975", "5/3/1975", "05-03-1975", "05.03.1975", " 5 / 3 / 1975 ", "5.3.1975"],
)
def test_parse_accepted_forms(typed: str) -> None:
    assert parse_vn_date(typed, "Ngày sinh") == date(1975, 3, 5)


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_parse_blank_is_none(typed: str | None) -> None:
    assert parse_vn_date(typed, "Ngày sinh") is None


def test_parse_impossible_date_message() -> None:
    with pytest.raises(ValidationError) as info:
        parse_vn_date("31/02/2024", "Ngày sinh", field="ngay_sinh")
    assert info.value.field == "ngay_sinh"
    assert info.value.message == "Ngày sinh: ngày 31/02/2024 không có thật."


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("29/2/2023", "29/02/2023"), ("32/01/2024", "32/01/2024"), ("1/13/2024", "01/13/2024")],
)
def test_parse_impossible_dates(typed: str, shown: str) -> None:
    with pytest.raises(ValidationError, match=f"ngày {shown} không có thật"):
        parse_vn_date(typed, "Ngày kết nạp")


def test_parse_leap_day() -> None:
    assert parse_vn_date("29/02/2024", "Ngày kết nạp") == date(2024, 2, 29)


def test_parse_two_digit_year_refused() -> None:
    with pytest.raises(ValidationError) as info:
        parse_vn_date("05/03/75", "Ngày sinh")
    assert info.value.message.startswith("Ngày sinh: cần gõ năm đủ 4 chữ số")


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "05/03",
        "05/03/1975/1",
        "05/03-1975",  # mixed separators
        "1975-03-05",  # ISO: not what a clerk types
        "05 03 1975",
        "05/03/19755",
        "٠٥/٠٣/١٩٧٥",  # Arabic-Indic digits
        "ngày 5 tháng 3 năm 1975",
    ],
)
def test_parse_bad_format(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_vn_date(typed, "Ngày sinh")
    assert info.value.field == "date"
    assert info.value.message.startswith("Ngày sinh: “")
    assert "không đúng dạng ngày/tháng/năm" in info.value.message


def test_parse_bad_format_echo_is_truncated() -> None:
    with pytest.raises(ValidationError) as info:
        parse_vn_date("x" * 500, "Ngày sinh")
    assert len(info.value.message) < 150


@pytest.mark.parametrize("typed", ["01/01/1899", "01/01/2101", "01/01/0202"])
def test_parse_year_out_of_range(typed: str) -> None:
    with pytest.raises(ValidationError, match="không hợp lệ"):
        parse_vn_date(typed, "Ngày vào Đảng")


def test_format_vn_date() -> None:
    assert format_vn_date(date(1975, 3, 5)) == "05/03/1975"
    assert format_vn_date(date(2025, 12, 31)) == "31/12/2025"
    assert format_vn_date(None) == ""


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_format_parse_round_trip(d: date) -> None:
    assert parse_vn_date(format_vn_date(d), "Ngày") == d


# --- clamped arithmetic -----------------------------------------------------


def test_29_february() -> None:
    assert add_months_clamped(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_years_clamped(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years_clamped(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_months_clamped(date(2024, 1, 31), 1) == date(2024, 2, 29)


# --- probation and official membership --------------------------------------


def test_probation_end_is_twelve_months_after_ceremony() -> None:
    assert probation_end(date(2024, 9, 15)) == date(2025, 9, 15)
    assert probation_end(date(2024, 2, 29)) == date(2025, 2, 28)
    assert probation_end(date(2024, 9, 15), months=18) == date(2026, 3, 15)


def test_deadline_crossing_tet_2025() -> None:
    end = probation_end(date(2024, 1, 3))
    assert end == date(2025, 1, 3)
    # 30 working days; Mon 27/01-Fri 31/01/2025 are Tết, so one week later
    # than the plain weekday count (Fri 14/02/2025).
    assert official_decision_deadline(end, CAL) == date(2025, 2, 21)
    assert official_decision_deadline(end, HolidayCalendar()) == date(2025, 2, 14)


def test_deadline_crossing_tet_2026() -> None:
    end = probation_end(date(2025, 1, 15))
    assert official_decision_deadline(end, CAL) == date(2026, 3, 5)
    assert CAL.working_days_between(end, date(2026, 3, 5)) == 30


def test_deadline_when_probation_ends_on_a_weekend_in_tet() -> None:
    end = probation_end(date(2025, 2, 15))
    assert end == date(2026, 2, 15)  # a Sunday inside the Tết 2026 break
    assert official_decision_deadline(end, CAL) == date(2026, 4, 3)


def test_deadline_custom_working_days() -> None:
    assert official_decision_deadline(date(2025, 1, 24), CAL, working_days=1) == date(2025, 2, 3)


# --- tuổi đảng and badges ---------------------------------------------------


def test_party_age_counts_from_the_decision_date() -> None:
    decision = date(2024, 8, 25)  # ceremony was 15/09/2024, which does not matter
    assert party_age_years(decision, date(2025, 8, 24)) == 0
    assert party_age_years(decision, date(2025, 8, 25)) == 1
    assert party_age_years(decision, date(2054, 8, 25)) == 30
    assert party_age_years(decision, date(2024, 1, 1)) == 0  # before admission


def test_party_age_29_february() -> None:
    decision = date(1996, 2, 29)
    assert party_age_years(decision, date(2026, 2, 27)) == 29
    assert party_age_years(decision, date(2026, 2, 28)) == 30  # non-leap: 28/02
    assert party_age_years(date(2000, 2, 29), date(2024, 2, 28)) == 23  # leap: wait for 29/02
    assert party_age_years(date(2000, 2, 29), date(2024, 2, 29)) == 24


def test_next_badge_milestone() -> None:
    decision = date(1995, 9, 2)
    assert next_badge_milestone(decision, date(2025, 9, 1)) == (30, date(2025, 9, 2))
    assert next_badge_milestone(decision, date(2000, 1, 1)) == (30, date(2025, 9, 2))


def test_milestone_exactly_today_counts_as_reached() -> None:
    decision = date(1995, 9, 2)
    today = date(2025, 9, 2)
    assert next_badge_milestone(decision, today) == (40, date(2035, 9, 2))
    assert last_badge_milestone_reached(decision, today) == 30
    assert last_badge_milestone_reached(decision, today - timedelta(days=1)) is None


def test_milestone_on_29_february() -> None:
    decision = date(1996, 2, 29)
    assert next_badge_milestone(decision, date(2025, 1, 1)) == (30, date(2026, 2, 28))
    assert next_badge_milestone(decision, date(2026, 2, 28)) == (40, date(2036, 2, 29))
    assert badge_milestone_date(decision, 45) == date(2041, 2, 28)


def test_after_the_last_milestone() -> None:
    decision = date(1930, 2, 3)
    assert next_badge_milestone(decision, date(2020, 2, 3)) is None
    assert last_badge_milestone_reached(decision, date(2020, 2, 3)) == 90
    assert next_badge_milestone(decision, date(2020, 2, 2)) == (90, date(2020, 2, 3))


def test_milestones_skip_and_custom_list() -> None:
    decision = date(1980, 5, 19)
    # 30 reached in 2010, next is 40 (not 35: there is no 35-year badge).
    assert next_badge_milestone(decision, date(2015, 1, 1)) == (40, date(2020, 5, 19))
    assert last_badge_milestone_reached(decision, date(2029, 1, 1)) == 45
    assert next_badge_milestone(decision, date(2015, 1, 1), milestones=(50, 10)) == (
        50,
        date(2030, 5, 19),
    )
    assert BADGE_MILESTONES == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


@given(
    decision=st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=40_000),
)
def test_milestone_date_agrees_with_party_age(decision: date, offset: int) -> None:
    on = decision + timedelta(days=offset)
    result = next_badge_milestone(decision, on)
    if result is None:
        assert party_age_years(decision, on) >= BADGE_MILESTONES[-1]
        return
    milestone, reached_on = result
    assert reached_on > on
    assert party_age_years(decision, reached_on) == milestone
    assert party_age_years(decision, reached_on - timedelta(days=1)) == milestone - 1
    assert party_age_years(decision, on) < milestone
