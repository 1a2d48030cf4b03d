"""Save-time refusals of evaluation rows: impossible scores, votes and levels."""

import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
)
from partydesk.domain.evaluation_rules import validate_member_evaluation, validate_org_evaluation
from partydesk.domain.rule_sets import BUILTIN_RULE_SETS, rule_set_for_year

QD124 = rule_set_for_year(2024, BUILTIN_RULE_SETS)
QD366 = rule_set_for_year(2025, BUILTIN_RULE_SETS)
NAME = "Trần Thị Bình"


def member(**changes) -> MemberEvaluation:
    base = MemberEvaluation(
        cycle_id=1,
        member_id=7,
        organisation_id=3,
        base_organisation_id=2,
        form=MemberForm.STAFF,
        full_name=NAME,
    )
    return replace(base, **changes)


def refused(ev, rule_set=QD366) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_member_evaluation(ev, rule_set)
    return caught.value


def test_text_is_nfc_cleaned():
    decomposed = unicodedata.normalize("NFD", "Nhận xét tốt\r\n")
    ev = validate_member_evaluation(
        member(full_name=unicodedata.normalize("NFD", NAME), remarks=decomposed), QD366
    )
    assert ev.full_name == NAME
    assert ev.remarks == "Nhận xét tốt"


@pytest.mark.parametrize("score", [-0.1, 100.1, 85.25, float("nan")])
def test_bad_scores_are_refused(score):
    error = refused(member(self_score=score))
    assert error.field == "self_score"
    assert NAME in error.message and "Điểm tự chấm" in error.message


@pytest.mark.parametrize("score", [0, 100, 85.5, 90.0])
def test_good_scores_pass(score):
    assert validate_member_evaluation(member(decided_score=score), QD366).decided_score == score


def test_score_in_an_unscored_year_is_refused():
    error = refused(member(decided_score=80), QD124)
    assert error.field == "decided_score"
    assert "QĐ 124" in error.message


def test_votes():
    assert refused(member(vote_base=10, votes_for=6)).field == "proposed_level"
    too_many = refused(member(proposed_level=Level.GOOD, vote_base=10, votes_for=11))
    assert too_many.field == "votes_for" and "(11)" in too_many.message and NAME in too_many.message
    assert refused(member(proposed_level=Level.GOOD, vote_base=10, votes_for=-1)).field == (
        "votes_for"
    )
    assert refused(member(proposed_level=Level.GOOD, vote_base=-3)).field == "vote_base"
    ok = member(proposed_level=Level.GOOD, vote_base=10, votes_for=10)
    assert validate_member_evaluation(ok, QD366).votes_for == 10


@pytest.mark.parametrize("field", ["self_level", "proposed_level", "decided_level"])
def test_level_for_a_member_not_evaluated_is_refused(field):
    error = refused(member(exclusion=Exclusion.SUSPENDED, **{field: Level.GOOD}))
    assert error.field == field
    assert NAME in error.message and "đình chỉ" in error.message


def test_discipline_note_without_discipline_is_fine():
    ev = validate_member_evaluation(member(discipline_note="Đã xoá kỷ luật năm trước"), QD366)
    assert ev.discipline is None and ev.discipline_note


def org(**changes) -> OrgEvaluation:
    return replace(OrgEvaluation(1, 5, "CHI_BO_CO_SO", name="Chi bộ Công ty X"), **changes)


def test_org_decision_needs_date_and_level():
    with pytest.raises(ValidationError) as caught:
        validate_org_evaluation(org(decision_number="12-QĐ/ĐU"), QD366)
    assert caught.value.field == "decision_date" and "Chi bộ Công ty X" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        validate_org_evaluation(org(decision_date=date(2026, 1, 20)), QD366)
    assert caught.value.field == "decided_level"
    ok = org(
        decision_number=" 12-QĐ/ĐU ", decision_date=date(2026, 1, 20), decided_level=Level.GOOD
    )
    assert validate_org_evaluation(ok, QD366).decision_number == "12-QĐ/ĐU"


def test_org_score_out_of_range():
    with pytest.raises(ValidationError) as caught:
        validate_org_evaluation(org(self_score=101), QD366)
    assert caught.value.field == "self_score"
