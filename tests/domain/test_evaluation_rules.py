"""Rule sets by year, score bands, the caps and the quota of the annual evaluation."""

from dataclasses import replace

import pytest

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    Discipline,
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
    Override,
    RuleCode,
    Stage,
    Subject,
)
from partydesk.domain.evaluation_rules import (
    band_for_score,
    band_text,
    member_quota_group,
    member_violations,
    org_quota_group,
    org_violations,
    quota_allowed,
    quota_violations,
    unresolved,
)
from partydesk.domain.rule_sets import (
    BUILTIN_RULE_SETS,
    rule_set_for_year,
    rule_set_from_json,
    rule_set_to_json,
)

QD124 = rule_set_for_year(2024, BUILTIN_RULE_SETS)
QD366 = rule_set_for_year(2025, BUILTIN_RULE_SETS)


def member(**changes) -> MemberEvaluation:
    base = MemberEvaluation(
        cycle_id=1,
        member_id=7,
        organisation_id=3,
        base_organisation_id=2,
        form=MemberForm.OUTSIDE,
        full_name="Nguyễn Văn A",
    )
    return replace(base, **changes)


def org(**changes) -> OrgEvaluation:
    base = OrgEvaluation(
        cycle_id=1, organisation_id=5, kind="CHI_BO_CO_SO", name="Chi bộ Công ty X"
    )
    return replace(base, **changes)


# --- rule sets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "year, code",
    [(2018, "QD132"), (2022, "QD132"), (2023, "QD124"), (2024, "QD124"), (2025, "QD366")],
)
def test_rule_set_by_year(year, code):
    assert rule_set_for_year(year, BUILTIN_RULE_SETS).code == code


def test_latest_rule_set_covers_later_years():
    assert rule_set_for_year(2030, BUILTIN_RULE_SETS).code == "QD366"


def test_no_rule_set_before_2018():
    with pytest.raises(ValidationError) as caught:
        rule_set_for_year(2017, BUILTIN_RULE_SETS)
    assert "2017" in caught.value.message


@pytest.mark.parametrize("rule_set", BUILTIN_RULE_SETS, ids=lambda r: r.code)
def test_rule_set_json_round_trip(rule_set):
    other = BUILTIN_RULE_SETS[0] if rule_set is not BUILTIN_RULE_SETS[0] else BUILTIN_RULE_SETS[1]
    assert rule_set_from_json(rule_set_to_json(rule_set), other) == rule_set


def test_adjusted_rule_set_round_trip_keeps_the_changes():
    adjusted = replace(QD366, quota_share=0.25, probationary_max=Level.GOOD, new_member_months=12)
    back = rule_set_from_json(rule_set_to_json(adjusted), QD366)
    assert (back.quota_share, back.probationary_max, back.new_member_months) == (
        0.25,
        Level.GOOD,
        12,
    )


# --- score bands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, level",
    [
        (100, Level.EXCELLENT),
        (90, Level.EXCELLENT),
        (89.9, Level.GOOD),
        (70, Level.GOOD),
        (69.9, Level.COMPLETED),
        (50, Level.COMPLETED),
        (49.9, Level.FAILED),
        (0, Level.FAILED),
    ],
)
def test_band_boundaries(score, level):
    assert band_for_score(QD366, score) is level


def test_band_needs_a_scored_rule_set():
    with pytest.raises(ValueError):
        band_for_score(QD124, 90)


def test_band_text():
    assert band_text(QD366, Level.EXCELLENT) == "từ 90"
    assert band_text(QD366, Level.GOOD) == "70 – dưới 90"
    assert band_text(QD366, Level.FAILED) == "dưới 50"


# --- member and organisation checks -----------------------------------------------------


def test_score_band_message_names_member_numbers_and_stage():
    ev = member(self_score=85, self_level=Level.GOOD, decided_level=Level.EXCELLENT)
    (violation,) = member_violations(ev, QD366)
    assert violation.rule is RuleCode.SCORE_BAND
    assert violation.stage is Stage.DECIDED
    assert violation.subject == Subject.member(7)
    assert violation.message == (
        "Nguyễn Văn A: 85 điểm thuộc khung Hoàn thành tốt nhiệm vụ (70 – dưới 90), "
        "không khớp mức Hoàn thành xuất sắc nhiệm vụ (quyết định)."
    )


def test_decided_score_replaces_the_self_score_at_the_decision():
    ev = member(self_score=92, self_level=Level.EXCELLENT, decided_score=85.5)
    ok = replace(ev, proposed_level=Level.EXCELLENT, decided_level=Level.GOOD)
    assert member_violations(ok, QD366) == []
    wrong = replace(ok, decided_level=Level.EXCELLENT)
    (violation,) = member_violations(wrong, QD366)
    assert violation.stage is Stage.DECIDED
    assert "85,5 điểm" in violation.message


def test_proposal_is_checked_against_the_self_score():
    ev = member(self_score=69.9, self_level=Level.COMPLETED, proposed_level=Level.GOOD)
    assert [(v.rule, v.stage) for v in member_violations(ev, QD366)] == [
        (RuleCode.SCORE_BAND, Stage.PROPOSED)
    ]


def test_proposal_below_the_self_score_band_is_the_cells_judgement():
    ev = member(self_score=91, self_level=Level.EXCELLENT, proposed_level=Level.GOOD)
    assert member_violations(ev, QD366) == []


def test_no_band_check_without_scores():
    ev = member(self_level=Level.EXCELLENT, decided_level=Level.EXCELLENT)
    assert member_violations(ev, QD124) == []
    assert member_violations(ev, QD366) == []


def test_discipline_cap():
    ev = member(
        discipline=Discipline.WARNING,
        self_level=Level.GOOD,
        proposed_level=Level.GOOD,
        decided_level=Level.FAILED,
    )
    found = member_violations(ev, QD124)
    assert [(v.rule, v.stage) for v in found] == [(RuleCode.DISCIPLINE_CAP, Stage.PROPOSED)]
    assert "Nguyễn Văn A bị kỷ luật cảnh cáo" in found[0].message
    assert member_violations(replace(ev, discipline=None), QD124) == []
    lenient = replace(QD124, disciplined_max=Level.COMPLETED)
    assert len(member_violations(replace(ev, proposed_level=Level.COMPLETED), lenient)) == 0
    assert len(member_violations(ev, lenient)) == 1


def test_probation_cap_only_where_set():
    ev = member(probationary=True, proposed_level=Level.EXCELLENT, decided_level=Level.GOOD)
    assert member_violations(ev, QD124) == []
    capped = replace(QD124, probationary_max=Level.GOOD)
    found = member_violations(ev, capped)
    assert [(v.rule, v.stage) for v in found] == [(RuleCode.PROBATION_CAP, Stage.PROPOSED)]
    assert "dự bị" in found[0].message
    assert member_violations(replace(ev, probationary=False), capped) == []


def test_org_discipline_blocks_the_two_top_levels():
    ev = org(leadership_disciplined=True, proposed_level=Level.GOOD, decided_level=Level.COMPLETED)
    found = org_violations(ev, QD124)
    assert [(v.rule, v.stage, v.subject) for v in found] == [
        (RuleCode.DISCIPLINE_CAP, Stage.PROPOSED, Subject.organisation(5))
    ]
    assert found[0].message.startswith("Chi bộ Công ty X:")
    assert org_violations(replace(ev, leadership_disciplined=False), QD124) == []


def test_org_score_band():
    ev = org(self_score=91, self_level=Level.GOOD)
    (violation,) = org_violations(ev, QD366)
    assert violation.rule is RuleCode.SCORE_BAND and violation.stage is Stage.SELF


# --- quota ------------------------------------------------------------------------------


@pytest.mark.parametrize("good, allowed", [(0, 0), (4, 0), (5, 1), (14, 2), (15, 3), (12, 2)])
def test_quota_floor(good, allowed):
    assert quota_allowed(good, QD366) == allowed


@pytest.mark.parametrize("good, allowed", [(13, 3), (12, 2), (0, 0), (3, 1), (2, 0)])
def test_quota_half_up(good, allowed):
    half_up = replace(QD366, quota_round_half_up=True)
    assert quota_allowed(good, half_up) == allowed


def test_quota_exact_at_the_boundary_for_awkward_shares():
    # 0.29 × 100 is 28.999999999999996 in binary floating point; exactly 29 here.
    assert quota_allowed(100, replace(QD366, quota_share=0.29)) == 29
    # 0.35 × 10 = 3.5 exactly: half-up gives 4, floor 3.
    assert quota_allowed(10, replace(QD366, quota_share=0.35, quota_round_half_up=True)) == 4
    assert quota_allowed(10, replace(QD366, quota_share=0.35)) == 3


def test_quota_groups():
    assert member_quota_group(member()) == "members:org:2"
    assert org_quota_group(org(kind="CHI_BO_TRUC_THUOC", parent_id=9)) == "orgs:parent:9"
    assert org_quota_group(org(kind="CHI_BO_GHEP")) == "orgs:kind:CHI_BO_CO_SO"
    assert org_quota_group(org(kind="DANG_BO_CO_SO")) == "orgs:kind:DANG_BO_CO_SO"


def test_quota_violations_per_group():
    xs, good, done = Level.EXCELLENT, Level.GOOD, Level.COMPLETED
    groups = {
        "members:org:1": [xs] * 4 + [good] * 12 + [done, None],
        "members:org:2": [xs] * 3 + [good] * 15,
        "members:org:3": [xs] + [good] * 4,
    }
    labels = {"members:org:1": "Chi bộ Công ty X", "members:org:2": "B", "members:org:3": "C"}
    found = quota_violations(groups, QD366, Stage.DECIDED, labels.__getitem__)
    assert [v.subject for v in found] == [
        Subject.group("members:org:1"),
        Subject.group("members:org:3"),
    ]
    assert all(v.rule is RuleCode.QUOTA and not v.blocks for v in found)
    assert found[0].message == (
        "Chi bộ Công ty X: 4 hoàn thành xuất sắc nhiệm vụ, vượt mức tối đa 2 "
        "(20% của 12 hoàn thành tốt nhiệm vụ)."
    )


def test_unresolved_ignores_warnings_and_answered_violations():
    band = member_violations(member(self_score=85, decided_level=Level.EXCELLENT), QD366)
    cap = member_violations(
        member(member_id=8, discipline=Discipline.REPRIMAND, proposed_level=Level.GOOD), QD366
    )
    quota = quota_violations({"g": [Level.EXCELLENT]}, QD366, Stage.DECIDED, str)
    answered = Override(Subject.member(7), RuleCode.SCORE_BAND, "Thành tích nổi bật")
    assert unresolved(band + cap + quota, [answered]) == cap
    other_rule = Override(Subject.member(8), RuleCode.SCORE_BAND, "Không liên quan")
    assert unresolved(cap, [other_rule]) == cap


def test_excluded_member_row_is_not_checked_for_levels_it_cannot_have():
    ev = member(exclusion=Exclusion.NEW_MEMBER)
    assert member_violations(ev, QD366) == []
