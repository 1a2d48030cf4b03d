"""The ballot tally (cumulative majority from the top level) and the progress of a cycle."""

from dataclasses import replace

import pytest

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    BallotCount,
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
)
from partydesk.domain.evaluation_rules import progress, tally
from partydesk.domain.rule_sets import BUILTIN_RULE_SETS, rule_set_for_year

RULES = rule_set_for_year(2025, BUILTIN_RULE_SETS)
XS, GOOD, DONE, FAIL = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.FAILED


def ballot(votes, returned=10, invalid=0) -> BallotCount:
    return BallotCount(
        cycle_id=1,
        organisation_id=5,
        issued=12,
        returned=returned,
        invalid=invalid,
        votes=tuple(votes),
    )


def test_clear_majority_at_the_top():
    result = tally(ballot([(1, XS, 6), (1, GOOD, 4)]), [1], RULES)[1]
    assert (result.result, result.share, result.valid) == (XS, 0.6, 10)
    assert result.counts == {XS: 6, GOOD: 4, DONE: 0, FAIL: 0}


def test_cumulative_from_the_top():
    # 4 HTXSNV alone is no majority, but 4 + 3 ballots support HTTNV or better.
    result = tally(ballot([(1, XS, 4), (1, GOOD, 3), (1, DONE, 3)]), [1], RULES)[1]
    assert (result.result, result.share) == (GOOD, 0.7)


def test_a_tie_is_not_a_majority():
    result = tally(ballot([(1, XS, 5), (1, GOOD, 5)]), [1], RULES)[1]
    assert result.result is GOOD and result.share == 1.0
    half = tally(ballot([(1, XS, 5), (1, DONE, 5)]), [1], RULES)[1]
    assert half.result is DONE


def test_blank_ballots_can_leave_no_result():
    result = tally(ballot([(1, XS, 3), (1, FAIL, 2)]), [1], RULES)[1]
    assert result.result is None and result.share is None
    assert tally(ballot([(1, FAIL, 6)]), [1], RULES)[1].result is FAIL


def test_invalid_ballots_are_not_counted():
    # 12 returned, 2 invalid: 6 of the 10 valid ballots is a majority, 6 of 12 would not be.
    result = tally(ballot([(1, XS, 6)], returned=12, invalid=2), [1], RULES)[1]
    assert (result.result, result.valid) == (XS, 10)


def test_several_members_each_get_their_own_result():
    votes = [(1, XS, 8), (2, GOOD, 3), (2, DONE, 7), (3, FAIL, 9)]
    results = tally(ballot(votes), [1, 2, 3, 4], RULES)
    assert {mid: r.result for mid, r in results.items()} == {1: XS, 2: DONE, 3: FAIL, 4: None}


def test_a_higher_majority_from_the_rule_set():
    two_thirds = replace(RULES, ballot_majority=2 / 3)
    assert tally(ballot([(1, XS, 6), (1, GOOD, 1)]), [1], two_thirds)[1].result is GOOD
    assert tally(ballot([(1, XS, 7)]), [1], two_thirds)[1].result is XS


def test_marks_above_the_valid_ballots_are_refused_naming_the_member():
    with pytest.raises(ValidationError) as caught:
        tally(ballot([(1, XS, 6), (1, GOOD, 5)]), [1], RULES, {1: "Lê Văn Cường"})
    assert caught.value.field == "votes"
    assert "Lê Văn Cường" in caught.value.message and "(11)" in caught.value.message


@pytest.mark.parametrize(
    "returned, invalid, field", [(13, 0, "returned"), (10, 11, "invalid"), (-1, 0, "issued")]
)
def test_impossible_ballot_counts_are_refused(returned, invalid, field):
    with pytest.raises(ValidationError) as caught:
        tally(ballot([], returned=returned, invalid=invalid), [1], RULES)
    assert caught.value.field == field


def row(**changes) -> MemberEvaluation:
    return replace(MemberEvaluation(1, 1, 3, 2, MemberForm.STAFF), **changes)


def test_progress_counts_only_members_evaluated_as_missing():
    rows = [
        row(self_level=GOOD, proposed_level=GOOD, decided_level=GOOD),
        row(self_level=GOOD, proposed_level=GOOD),
        row(self_level=XS),
        row(),
        row(exclusion=Exclusion.EXEMPT),
        row(exclusion=Exclusion.TEMP_GUEST),
    ]
    result = progress(rows)
    assert (result.total, result.evaluated, result.self_done) == (6, 4, 3)
    assert (result.proposed, result.decided) == (2, 1)
    assert (result.missing_self, result.missing_proposal, result.missing_decision) == (1, 2, 3)
