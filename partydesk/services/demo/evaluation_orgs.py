"""The organisations' rows of a year, counted ballots, and what every year's filling shares.

Organisations are rated with the quota held in each comparison group; a finished year's
decisions are numbered by the committee that takes them (the office for the organisations
under it, a đảng ủy for its chi bộ trực thuộc), in January of the next year. A few
organisations' ballots are counted so that the tally gives exactly the proposals.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypeVar

from partydesk.domain.evaluation import (
    LEVEL_ORDER,
    BallotCount,
    Cycle,
    Level,
    MemberEvaluation,
    OrgEvaluation,
    Override,
)
from partydesk.domain.evaluation_rules import org_quota_group, quota_allowed
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.demo import evaluation_texts as texts
from partydesk.services.demo.briefings import _BriefingGenerator

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

_BALLOT_ORGS = 3  # organisations with counted ballots, in the latest closed and the open cycle
_ORG_WEIGHTS = ((Level.EXCELLENT, 15), (Level.GOOD, 70), (Level.COMPLETED, 12), (Level.FAILED, 3))
# Self-assigned scores (out of 100) by level, inside the QĐ 366 bands.
_SCORES = {Level.EXCELLENT: (90, 97), Level.GOOD: (72, 89), Level.COMPLETED: (52, 69)}
_FAILED_SCORES = (32, 49)
_SELF_HIGHER = 0.06  # unscored years: the proposal is one level below the self level
_COMMITTEE = "ĐU"  # a đảng ủy cơ sở, deciding for its chi bộ trực thuộc


@dataclass(slots=True)
class _Year:
    """One cycle being planned: its roll, then the rows filled in."""

    cycle: Cycle
    rule_set: RuleSet
    members: list[MemberEvaluation]
    orgs: list[OrgEvaluation]
    closed: bool
    overrides: list[Override] = field(default_factory=list)
    ballots: list[BallotCount] = field(default_factory=list)


class _OrgRows(_BriefingGenerator):
    """Generator step helpers: organisation rows, ballots, the quota and scores."""

    def _quota(
        self,
        groups: dict[K, list[int]],
        levels: dict[int, Level],
        fixed: set[int],
        rule_set: RuleSet,
        breach: set[K],
    ) -> None:
        """Hold every group to the quota, demoting drawn HTXSNV (``fixed`` levels stay); then
        lift each ``breach`` group just above it."""
        for key, ids in groups.items():
            excellent = [i for i in ids if levels[i] is Level.EXCELLENT]
            good = sum(1 for i in ids if levels[i] is Level.GOOD)
            movable = [i for i in excellent if i not in fixed]
            while len(excellent) > quota_allowed(good, rule_set) and movable:
                demoted = movable.pop()
                levels[demoted] = Level.GOOD
                excellent.remove(demoted)
                good += 1
            if key not in breach:
                continue
            promotable = [i for i in ids if levels[i] is Level.GOOD and i not in fixed]
            while len(excellent) <= quota_allowed(good, rule_set) and promotable:
                chosen = promotable.pop(self.rng.randrange(len(promotable)))
                levels[chosen] = Level.EXCELLENT
                excellent.append(chosen)
                good -= 1

    def _with_ballots(
        self, year: _Year, rows: list[MemberEvaluation], meetings: dict[int, date]
    ) -> list[MemberEvaluation]:
        """Counted ballots for a few organisations, and their rows set as the tally gives them."""
        voting = _grouped(
            (r for r in rows if r.proposed_level is not None), lambda r: r.organisation_id
        )
        eligible = sorted(
            org for org, members in voting.items() if len(members) >= 3 and org in meetings
        )
        counted: dict[int, MemberEvaluation] = {}
        for org in self.rng.sample(eligible, min(_BALLOT_ORGS, len(eligible))):
            ballot, members = self._ballot(org, voting[org], meetings[org])
            year.ballots.append(ballot)
            counted.update((r.member_id, r) for r in members)
        return [counted.get(r.member_id, r) for r in rows]

    def _ballot(
        self, org_id: int, rows: list[MemberEvaluation], counted_on: date
    ) -> tuple[BallotCount, list[MemberEvaluation]]:
        """The counted ballots of one meeting: each member's level wins more than half of the
        valid ballots counted from the top (voters = valid ballots, votes for = at or above)."""
        rng = self.rng
        present = rows[0].vote_base or len(rows)
        invalid = 1 if present > 6 and rng.random() < 0.3 else 0
        valid = present - invalid
        votes: list[tuple[int, Level, int]] = []
        counted: list[MemberEvaluation] = []
        for row in rows:
            level = row.proposed_level
            assert level is not None
            backing = min(valid, max(valid // 2 + 1, (row.votes_for or valid) - invalid))
            higher = rng.randint(0, min(2, valid // 2, backing)) if level.rank > 1 else 0
            if higher:
                votes.append((row.member_id, LEVEL_ORDER[level.rank - 2], higher))
            votes.append((row.member_id, level, backing - higher))
            if level.rank < len(LEVEL_ORDER) and valid > backing:
                votes.append((row.member_id, LEVEL_ORDER[level.rank], valid - backing))
            counted.append(replace(row, vote_base=valid, votes_for=backing))
        counters = "\n".join(r.full_name for r in rows[:3])
        ballot = BallotCount(
            0, org_id, present, present, invalid, counted_on, counters, tuple(votes)
        )
        return ballot, counted

    # --- organisations --------------------------------------------------------------------

    def _org_levels(
        self, orgs: list[OrgEvaluation], rule_set: RuleSet, fixed: dict[int, Level]
    ) -> dict[int, Level]:
        weights = self._cumulative(_ORG_WEIGHTS)
        levels = {
            o.organisation_id: fixed.get(o.organisation_id) or self._pick(weights) for o in orgs
        }
        groups = _grouped(orgs, org_quota_group)
        ids = {k: [o.organisation_id for o in members] for k, members in groups.items()}
        self._quota(ids, levels, set(fixed), rule_set, set())
        return levels

    def _org_row(
        self,
        year: _Year,
        org: OrgEvaluation,
        level: Level,
        meeting: date,
        decision: tuple[str, date] | None = None,
        planted: bool = False,
        proposed: bool = True,
    ) -> OrgEvaluation:
        """Mẫu 01 in before the meeting; the proposal and, in a closed year, the decision."""
        own = level
        if not year.rule_set.scored and level.rank > 1 and self.rng.random() < _SELF_HIGHER:
            own = LEVEL_ORDER[level.rank - 2]
        earliest = year.cycle.opened_on + timedelta(days=3)
        report_on = max(earliest, meeting - timedelta(days=self.rng.randint(0, 5)))
        number, decided_on = decision or ("", None)
        return replace(
            org,
            self_level=own,
            self_score=self._level_score(own) if year.rule_set.scored else None,
            report_on=min(report_on, meeting),
            leadership_disciplined=planted and level is Level.FAILED,
            proposed_level=level if proposed else None,
            decided_level=level if decision else None,
            decision_number=number,
            decision_date=decided_on,
            notes=texts.LOW_ORG_NOTES.get(level, "") if planted else "",
        )

    def _decision(
        self, decisions: dict[int | None, tuple[str, date]], org: OrgEvaluation, year: int
    ) -> tuple[str, date]:
        """One decision a year per deciding committee: the office for the organisations under
        it, a đảng ủy for its chi bộ trực thuộc; taken in January of the next year."""
        decider = org.parent_id
        if decider not in decisions:
            on = date(year + 1, 1, self.rng.randint(6, 24))
            issuer = self._issuer(on) if decider is None else _COMMITTEE
            decisions[decider] = (self._number("QĐ", issuer, on), on)
        return decisions[decider]

    def _level_score(self, level: Level, span: tuple[int, int] | None = None) -> float:
        low, high = span or _SCORES.get(level, _FAILED_SCORES)
        score = float(self.rng.randint(low, high))
        return score + 0.5 if score < high and self.rng.random() < 0.2 else score


def _grouped(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups
