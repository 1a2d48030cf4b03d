"""The checks of the annual evaluation: score bands, caps, the quota (domain.md §2.3).

Every check reads its numbers from the rule set. A check that fails gives a ``Violation``
with a Vietnamese message naming the member, organisation or group and the numbers; saving a
level a blocking check objects to needs an ``Override`` with a reason. Input that can never be
right (a score of 120, more votes than voters) is refused outright by
``evaluation_validation``; the ballot tally and the progress counts live in
``evaluation_tally``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction

from partydesk.domain.evaluation import (
    LEVEL_ORDER,
    Level,
    MemberEvaluation,
    OrgEvaluation,
    Override,
    RuleCode,
    Stage,
    Subject,
    Violation,
)
from partydesk.domain.evaluation_tally import Progress, Tally, progress, tally
from partydesk.domain.evaluation_validation import (
    validate_member_evaluation,
    validate_org_evaluation,
)
from partydesk.domain.numbers import decimal_text, share_text
from partydesk.domain.organisation import OrgKind
from partydesk.domain.rule_sets import RuleSet

# The save-time refusals and the ballot tally live in their own modules; they are re-exported
# so the service reaches every evaluation rule through this one module.
__all__ = [
    "Progress",
    "Tally",
    "band_for_score",
    "band_text",
    "format_score",
    "member_quota_group",
    "members_group_key",
    "member_violations",
    "org_quota_group",
    "org_violations",
    "progress",
    "quota_allowed",
    "quota_violations",
    "tally",
    "unresolved",
    "validate_member_evaluation",
    "validate_org_evaluation",
]

# Stages at which a cap applies: a member may write any level on the self-review form.
_CAPPED_STAGES = (Stage.PROPOSED, Stage.DECIDED)


def format_score(score: float) -> str:
    """85 → "85", 85.5 → "85,5": the Vietnamese decimal comma, no trailing zero."""
    return decimal_text(score, 1, trim=True)


def band_for_score(rule_set: RuleSet, score: float) -> Level:
    """The level whose band holds ``score``; below every band is the lowest level."""
    if not rule_set.scored:
        raise ValueError(f"Bộ quy tắc {rule_set.name} không chấm điểm.")
    for level, minimum in rule_set.bands:
        if score >= minimum:
            return level
    return LEVEL_ORDER[-1]


def band_text(rule_set: RuleSet, level: Level) -> str:
    """The band of a level as printed: "70 – dưới 90", "từ 90", "dưới 50"."""
    minimums = dict(rule_set.bands)
    low = minimums.get(level)
    higher = [minimums[lv] for lv in LEVEL_ORDER[: level.rank - 1] if lv in minimums]
    high = min(higher) if higher else None
    if low is None:
        return f"dưới {format_score(high)}" if high is not None else ""
    if high is None:
        return f"từ {format_score(low)}"
    return f"{format_score(low)} – dưới {format_score(high)}"


def _score_at(ev: MemberEvaluation | OrgEvaluation, stage: Stage) -> float | None:
    """The score a stage's level is checked against: the decision's own score when given."""
    if stage is Stage.DECIDED and ev.decided_score is not None:
        return ev.decided_score
    return ev.self_score


def _band_violation(
    ev: MemberEvaluation | OrgEvaluation,
    rule_set: RuleSet,
    stage: Stage,
    who: str,
    subject: Subject,
) -> Violation | None:
    level = ev.level_at(stage)
    score = _score_at(ev, stage)
    if not rule_set.scored or level is None or score is None:
        return None
    band = band_for_score(rule_set, score)
    # The chi bộ's proposal carries no score of its own: it may propose below the member's
    # self-scored band (its own judgement, for the committee to score), never above it.
    if band is level or (stage is Stage.PROPOSED and level.rank > band.rank):
        return None
    message = (
        f"{who}: {format_score(score)} điểm thuộc khung {rule_set.level_name(band)} "
        f"({band_text(rule_set, band)}), không khớp mức {rule_set.level_name(level)} "
        f"({stage.label.lower()})."
    )
    return Violation(RuleCode.SCORE_BAND, subject, stage, message)


def _band_violations(
    ev: MemberEvaluation | OrgEvaluation, rule_set: RuleSet, who: str, subject: Subject
) -> list[Violation]:
    """The score-band check at every stage."""
    found = (_band_violation(ev, rule_set, stage, who, subject) for stage in Stage)
    return [v for v in found if v is not None]


def member_violations(ev: MemberEvaluation, rule_set: RuleSet) -> list[Violation]:
    """The rule checks a member's levels fail, stage by stage."""
    subject = Subject.member(ev.member_id)
    who = ev.full_name or f"Đảng viên (mã {ev.member_id})"
    found = _band_violations(ev, rule_set, who, subject)
    for stage in _CAPPED_STAGES:
        level = ev.level_at(stage)
        if level is None:
            continue
        where = stage.label.lower()
        cap = rule_set.disciplined_max
        if ev.discipline is not None and level.rank < cap.rank:
            found.append(
                Violation(
                    RuleCode.DISCIPLINE_CAP,
                    subject,
                    stage,
                    f"{who} bị kỷ luật {ev.discipline.label.lower()} trong năm nên chỉ được "
                    f"xếp loại cao nhất {rule_set.level_name(cap)}, không được "
                    f"{rule_set.level_name(level)} ({where}).",
                )
            )
        cap = rule_set.probationary_max
        if ev.probationary and cap is not None and level.rank < cap.rank:
            found.append(
                Violation(
                    RuleCode.PROBATION_CAP,
                    subject,
                    stage,
                    f"{who} là đảng viên dự bị nên chỉ được xếp loại cao nhất "
                    f"{rule_set.level_name(cap)}, không được {rule_set.level_name(level)} "
                    f"({where}).",
                )
            )
    return found


# A collective with discipline in its leadership or subordinate units cannot reach these.
_CLEAN_LEADERSHIP_LEVELS = frozenset({Level.EXCELLENT, Level.GOOD})


def org_violations(ev: OrgEvaluation, rule_set: RuleSet) -> list[Violation]:
    """The rule checks an organisation's levels fail, stage by stage."""
    subject = Subject.organisation(ev.organisation_id)
    who = ev.name or f"Tổ chức đảng (mã {ev.organisation_id})"
    found = _band_violations(ev, rule_set, who, subject)
    for stage in _CAPPED_STAGES:
        level = ev.level_at(stage)
        if ev.leadership_disciplined and level in _CLEAN_LEADERSHIP_LEVELS:
            found.append(
                Violation(
                    RuleCode.DISCIPLINE_CAP,
                    subject,
                    stage,
                    f"{who}: có tổ chức trực thuộc hoặc thành viên lãnh đạo bị kỷ luật trong năm "
                    f"nên không được xếp loại {rule_set.level_name(level)} "
                    f"({stage.label.lower()}).",
                )
            )
    return found


# --- the quota ----------------------------------------------------------------------------


def quota_allowed(good: int, rule_set: RuleSet) -> int:
    """The most HTXSNV allowed beside ``good`` HTTNV, computed exactly (0.2 × 15 is 3)."""
    exact = Fraction(str(rule_set.quota_share)) * max(good, 0)
    if rule_set.quota_round_half_up:
        return int(exact + Fraction(1, 2))  # int() floors a non-negative Fraction
    return int(exact)


def members_group_key(base_organisation_id: int) -> str:
    """The comparison group of the members of one tổ chức cơ sở đảng."""
    return f"members:org:{base_organisation_id}"


def member_quota_group(ev: MemberEvaluation) -> str:
    """Members are compared within their tổ chức cơ sở đảng."""
    return members_group_key(ev.base_organisation_id)


def org_quota_group(ev: OrgEvaluation) -> str:
    """Chi bộ trực thuộc and đảng bộ bộ phận within their đảng bộ; others by kind."""
    if ev.parent_id is not None:
        return f"orgs:parent:{ev.parent_id}"
    kind = OrgKind.CELL_BASE.value if ev.kind == OrgKind.CELL_COMBINED.value else ev.kind
    return f"orgs:kind:{kind}"


def quota_violations(
    levels_by_group: Mapping[str, Sequence[Level | None]],
    rule_set: RuleSet,
    stage: Stage,
    group_label: Callable[[str], str],
) -> list[Violation]:
    """One warning per comparison group with more HTXSNV than the quota allows."""
    found: list[Violation] = []
    excellent_name = rule_set.level_name(Level.EXCELLENT).lower()
    good_name = rule_set.level_name(Level.GOOD).lower()
    for key, levels in levels_by_group.items():
        excellent = sum(1 for lv in levels if lv is Level.EXCELLENT)
        good = sum(1 for lv in levels if lv is Level.GOOD)
        allowed = quota_allowed(good, rule_set)
        if excellent <= allowed:
            continue
        message = (
            f"{group_label(key)}: {excellent} {excellent_name}, vượt mức tối đa {allowed} "
            f"({share_text(rule_set.quota_share)} của {good} {good_name})."
        )
        found.append(Violation(RuleCode.QUOTA, Subject.group(key), stage, message))
    return found


def unresolved(violations: Iterable[Violation], overrides: Iterable[Override]) -> list[Violation]:
    """The blocking violations no recorded override answers (same subject and rule)."""
    answered = {(o.subject, o.rule) for o in overrides}
    return [v for v in violations if v.blocks and (v.subject, v.rule) not in answered]
