"""Flags over several years of a member's or an organisation's classification."""

from dataclasses import replace

from partydesk.domain.evaluation import (
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
)
from partydesk.domain.evaluation_history import member_flags, org_flags


def row(year: int, decided: Level | None = None, self_level: Level | None = Level.GOOD, **more):
    ev = MemberEvaluation(year, 1, 3, 2, MemberForm.STAFF, decided_level=decided)
    return (year, replace(ev, self_level=self_level, **more))


def org_row(year: int, decided: Level | None):
    return (year, OrgEvaluation(year, 5, "CHI_BO_CO_SO", decided_level=decided))


def test_two_consecutive_failed_years():
    history = [row(2025, Level.FAILED), row(2023, Level.GOOD), row(2024, Level.FAILED)]
    assert member_flags(history) == ["Không hoàn thành nhiệm vụ 2 năm liền (2024, 2025)"]


def test_failed_years_with_a_gap_are_not_consecutive():
    history = [row(2023, Level.FAILED), row(2024, Level.COMPLETED), row(2025, Level.FAILED)]
    assert member_flags(history) == []
    missing_year = [row(2022, Level.FAILED), row(2024, Level.FAILED)]
    assert member_flags(missing_year) == []


def test_three_years_running_is_one_flag():
    history = [row(year, Level.FAILED) for year in (2023, 2024, 2025)]
    assert member_flags(history) == ["Không hoàn thành nhiệm vụ 3 năm liền (2023, 2024, 2025)"]


def test_never_self_assessed():
    history = [row(2024, Level.GOOD, self_level=None), row(2025, None, self_level=None)]
    assert member_flags(history) == ["Chưa lần nào tự đánh giá"]
    history.append(row(2023, Level.GOOD))
    assert member_flags(history) == []


def test_never_evaluated_is_not_flagged_for_self_assessment():
    history = [row(2025, None, self_level=None, exclusion=Exclusion.NEW_MEMBER)]
    assert member_flags(history) == []
    assert member_flags([]) == []


def test_org_rated_low_twice():
    history = [org_row(2024, Level.COMPLETED), org_row(2025, Level.FAILED)]
    assert org_flags(history) == ["Xếp loại thấp 2 năm liền (2024: HTNV, 2025: KHTNV)"]
    assert org_flags([org_row(2024, Level.COMPLETED), org_row(2025, Level.GOOD)]) == []
    assert org_flags([org_row(2023, Level.COMPLETED), org_row(2025, Level.FAILED)]) == []
