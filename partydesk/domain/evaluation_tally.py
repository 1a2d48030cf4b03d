"""The count of the ballots (kiểm phiếu) and the progress of a cycle.

On a ballot each voter marks one level per member. A member gets the highest level that more
than the rule set's majority of the valid ballots put at that level or above: a ballot for
HTXSNV also supports HTTNV, so the shares are cumulative from the top. A blank line on a
ballot supports no level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import LEVEL_ORDER, BallotCount, Level, MemberEvaluation
from partydesk.domain.rule_sets import RuleSet


@dataclass(frozen=True, slots=True)
class Tally:
    counts: dict[Level, int]  # ballots marking exactly that level
    valid: int
    result: Level | None  # None: no level reached the majority
    share: float | None  # cumulative share of valid ballots for ``result``


def _check_ballot(ballot: BallotCount) -> None:
    if ballot.issued < 0 or ballot.returned < 0 or ballot.invalid < 0:
        raise ValidationError("issued", "Số phiếu phát ra, thu về và không hợp lệ không được âm.")
    if ballot.returned > ballot.issued:
        raise ValidationError(
            "returned",
            f"Số phiếu thu về ({ballot.returned}) lớn hơn số phiếu phát ra ({ballot.issued}).",
        )
    if ballot.invalid > ballot.returned:
        raise ValidationError(
            "invalid",
            f"Số phiếu không hợp lệ ({ballot.invalid}) lớn hơn số phiếu thu về "
            f"({ballot.returned}).",
        )


def tally(
    ballot: BallotCount,
    member_ids: Sequence[int],
    rule_set: RuleSet,
    names: Mapping[int, str] | None = None,
) -> dict[int, Tally]:
    """Each member's result; ``names`` (member id → full name) makes refusals name the member."""
    _check_ballot(ballot)
    majority = Fraction(str(rule_set.ballot_majority))
    valid = ballot.valid
    results: dict[int, Tally] = {}
    for member_id in member_ids:
        who = (names or {}).get(member_id) or f"Đảng viên (mã {member_id})"
        counts = ballot.votes_for(member_id)
        if any(n < 0 for n in counts.values()):
            raise ValidationError("votes", f"{who}: số phiếu của một mức không được âm.")
        marked = sum(counts.values())
        if marked > valid:
            raise ValidationError(
                "votes",
                f"{who}: tổng số phiếu các mức ({marked}) lớn hơn số phiếu hợp lệ ({valid}).",
            )
        result: Level | None = None
        share: float | None = None
        cumulative = 0
        for level in LEVEL_ORDER:
            cumulative += counts[level]
            if valid > 0 and Fraction(cumulative, valid) > majority:
                result, share = level, cumulative / valid
                break
        results[member_id] = Tally(counts, valid, result, share)
    return results


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a set of member rows has come; the missing counts are of members evaluated."""

    total: int
    evaluated: int
    self_done: int
    proposed: int
    decided: int

    @property
    def missing_self(self) -> int:
        return self.evaluated - self.self_done

    @property
    def missing_proposal(self) -> int:
        return self.evaluated - self.proposed

    @property
    def missing_decision(self) -> int:
        return self.evaluated - self.decided


def progress(evals: Iterable[MemberEvaluation]) -> Progress:
    total = evaluated = self_done = proposed = decided = 0
    for ev in evals:
        total += 1
        if not ev.is_evaluated:
            continue
        evaluated += 1
        self_done += ev.self_level is not None
        proposed += ev.proposed_level is not None
        decided += ev.decided_level is not None
    return Progress(total, evaluated, self_done, proposed, decided)
