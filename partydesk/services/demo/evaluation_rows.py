"""Filling one year's evaluation rows in memory: levels, scores, votes, dates, kept reasons.

Levels are drawn per subject, then held to the quota in every comparison group (planted
breaches aside), so the figures look like a real office's. Under a scored rule set every
score sits in the band of its level, except the planted members raised with a kept reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from partydesk.domain.evaluation import (
    LEVEL_ORDER,
    Discipline,
    Level,
    MemberEvaluation,
    Override,
    RuleCode,
    Subject,
)
from partydesk.domain.evaluation_rules import members_group_key
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.demo import evaluation_texts as texts
from partydesk.services.demo.evaluation_orgs import (
    _ORG_WEIGHTS,
    _SELF_HIGHER,
    _grouped,
    _OrgRows,
    _Year,
)

# Levels fixed ahead for the multi-year flags: (year, "member" | "org", id) → level.
_Planted = dict[tuple[int, str, int], Level]

_SELF_SHARE = 0.40  # of the organisations, self-assessments in by today (the open cycle)
_PROPOSED_SHARE = 0.15  # of the organisations, chi bộ meeting held and proposals voted
_BREACHES = 2  # member groups above the quota, with a kept reason, in each closed year
_MEMBER_WEIGHTS = (
    (Level.EXCELLENT, 16),
    (Level.GOOD, 70),
    (Level.COMPLETED, 13),
    (Level.FAILED, 1),
)
_PROBATION_WEIGHTS = ((Level.GOOD, 84), (Level.COMPLETED, 15), (Level.FAILED, 1))
_RAISED_SCORES = (85, 89)  # self-scored HTTNV, raised to HTXSNV with a kept reason


@dataclass(slots=True)
class _MemberPlan:
    """What a year decides for its members before the rows are built."""

    levels: dict[int, Level] = field(default_factory=dict)
    raised: set[int] = field(default_factory=set)  # self-scored a band below, kept reason
    disciplined: dict[int, Discipline] = field(default_factory=dict)
    self_detected: int | None = None  # disciplined, rated HTNV with a kept reason
    breaches: set[int] = field(default_factory=set)  # tổ chức cơ sở above the quota, kept


class _EvaluationRows(_OrgRows):
    """Generator step helpers that fill a year's member and organisation rows."""

    # --- a finished year ------------------------------------------------------------------

    def fill_closed(self, year: _Year, planted: _Planted, latest: bool) -> None:
        """Every evaluated member and organisation self-assessed, proposed and decided."""
        cycle = year.cycle
        assert cycle.member_deadline is not None and cycle.cell_deadline is not None
        evaluated = [r for r in year.members if r.is_evaluated]
        fixed = {k[2]: lv for k, lv in planted.items() if k[:2] == (cycle.year, "member")}
        plan = self._member_plan(evaluated, year.rule_set, fixed, _BREACHES, latest)
        year.overrides.extend(self._member_overrides(plan))
        start = cycle.member_deadline - timedelta(days=4)
        meetings = {o.organisation_id: self._between(start, cycle.cell_deadline) for o in year.orgs}
        rows = self._member_rows(year, plan, meetings, set())
        year.members[:] = self._with_ballots(year, rows, meetings if latest else {})
        org_fixed = {k[2]: lv for k, lv in planted.items() if k[:2] == (cycle.year, "org")}
        levels = self._org_levels(year.orgs, year.rule_set, org_fixed)
        decisions: dict[int | None, tuple[str, date]] = {}
        year.orgs[:] = [
            self._org_row(
                year,
                org,
                levels[org.organisation_id],
                meetings[org.organisation_id],
                decision=self._decision(decisions, org, cycle.year),
                planted=org.organisation_id in org_fixed,
            )
            for org in year.orgs
        ]

    # --- the open year --------------------------------------------------------------------

    def fill_open(self, year: _Year, temp_away: set[int]) -> None:
        """Self-assessments in for 40 % of the organisations, proposals for 15 %, no decision."""
        cycle, rng = year.cycle, self.rng
        org_ids = [o.organisation_id for o in year.orgs]
        self_orgs = rng.sample(org_ids, round(_SELF_SHARE * len(org_ids)))
        proposed_orgs = set(rng.sample(self_orgs, round(_PROPOSED_SHARE * len(org_ids))))
        last = self.today - timedelta(days=1)
        first_meeting = cycle.opened_on + timedelta(days=10)
        meetings = {
            org_id: self._between(first_meeting, last) if org_id in proposed_orgs else last
            for org_id in self_orgs
        }
        voting = [r for r in year.members if r.is_evaluated and r.organisation_id in proposed_orgs]
        plan = self._member_plan(voting, year.rule_set, {}, 0, latest=False)
        # One live breach: the proposals of one group above the quota, no reason given yet.
        groups = _grouped(voting, lambda r: r.base_organisation_id)
        live = [
            g
            for g in sorted(groups)
            if any(plan.levels[r.member_id] is Level.GOOD for r in groups[g])
        ]
        if live:
            ids = {live[0]: [r.member_id for r in groups[live[0]]]}
            self._quota(ids, plan.levels, set(), year.rule_set, {live[0]})
        year.overrides.extend(self._member_overrides(plan))
        rows = self._member_rows(year, plan, meetings, temp_away)
        ballots = {k: v for k, v in meetings.items() if k in proposed_orgs}
        year.members[:] = self._with_ballots(year, rows, ballots)
        levels = self._org_levels(
            [o for o in year.orgs if o.organisation_id in proposed_orgs], year.rule_set, {}
        )
        weights = self._cumulative(_ORG_WEIGHTS)
        year.orgs[:] = [
            self._org_row(
                year,
                org,
                levels.get(org.organisation_id) or self._pick(weights),
                meetings[org.organisation_id],
                proposed=org.organisation_id in proposed_orgs,
            )
            if org.organisation_id in meetings
            else org
            for org in year.orgs
        ]

    # --- members --------------------------------------------------------------------------

    def _member_plan(
        self,
        rows: list[MemberEvaluation],
        rule_set: RuleSet,
        fixed: dict[int, Level],
        breaches: int,
        latest: bool,
    ) -> _MemberPlan:
        """Levels of the members who reach the proposal, held to the quota by group."""
        rng = self.rng
        plan = _MemberPlan(levels=dict(fixed))
        free = [r for r in rows if r.member_id not in fixed]
        groups = _grouped(rows, lambda r: r.base_organisation_id)
        big = sorted(g for g, members in groups.items() if len(members) >= 10)
        # A few disciplined members, KHTNV; in the latest closed year one of them HTNV.
        count = max(1, round(0.003 * len(rows))) + int(latest)
        for row in rng.sample(free, min(count, len(free))):
            plan.disciplined[row.member_id] = rng.choice(tuple(texts.DISCIPLINE_NOTES))
            plan.levels[row.member_id] = Level.FAILED
        if latest and plan.disciplined:
            plan.self_detected = next(iter(plan.disciplined))
            plan.levels[plan.self_detected] = Level.COMPLETED
        if rule_set.scored:
            pool = [
                r for r in free if r.base_organisation_id in big and r.member_id not in plan.levels
            ]
            for row in rng.sample(pool, min(len(pool), max(1, min(5, len(rows) // 700)))):
                plan.raised.add(row.member_id)
                plan.levels[row.member_id] = Level.EXCELLENT
        held = set(plan.levels)
        member_weights = self._cumulative(_MEMBER_WEIGHTS)
        probation_weights = self._cumulative(_PROBATION_WEIGHTS)
        for row in free:
            if row.member_id not in held:
                weights = probation_weights if row.probationary else member_weights
                plan.levels[row.member_id] = self._pick(weights)
        plan.breaches = set(rng.sample(big, min(breaches, len(big))))
        ids = {g: [r.member_id for r in members] for g, members in groups.items()}
        self._quota(ids, plan.levels, held, rule_set, plan.breaches)
        return plan

    def _member_overrides(self, plan: _MemberPlan) -> list[Override]:
        overrides = [
            Override(Subject.member(i), RuleCode.SCORE_BAND, texts.EXCEPTIONAL)
            for i in sorted(plan.raised)
        ]
        if plan.self_detected is not None:
            subject = Subject.member(plan.self_detected)
            overrides.append(Override(subject, RuleCode.DISCIPLINE_CAP, texts.SELF_DETECTED))
        for base_id in sorted(plan.breaches):
            reason = self.rng.choice(texts.QUOTA_REASONS)
            overrides.append(
                Override(Subject.group(members_group_key(base_id)), RuleCode.QUOTA, reason)
            )
        return overrides

    def _member_rows(
        self, year: _Year, plan: _MemberPlan, meetings: dict[int, date], temp_away: set[int]
    ) -> list[MemberEvaluation]:
        """Rows of members who voted (plan.levels) filled to the proposal, or the decision in a
        closed year; others of an organisation with a meeting date self-assessed, most of them."""
        rng, cycle = self.rng, year.cycle
        scored = year.rule_set.scored
        voters: dict[int, int] = {}
        for row in year.members:
            if row.member_id in plan.levels:
                voters[row.organisation_id] = voters.get(row.organisation_id, 0) + 1
        present = {
            org: n - (rng.choice((0, 0, 0, 1, 1, 2)) if n > 5 else 0) for org, n in voters.items()
        }
        opened = cycle.opened_on + timedelta(days=5)
        self_weights = self._cumulative(_MEMBER_WEIGHTS)
        rows: list[MemberEvaluation] = []
        for row in year.members:
            level = plan.levels.get(row.member_id)
            meeting = meetings.get(row.organisation_id)
            if not row.is_evaluated or meeting is None or (level is None and rng.random() < 0.1):
                rows.append(row)
                continue
            if level is None:
                own = self._pick(self_weights)
                rows.append(
                    replace(
                        row,
                        self_level=own,
                        self_score=self._level_score(own) if scored else None,
                        self_on=self._between(opened, meeting),
                        temp_remarks=texts.TEMP_REMARKS if row.member_id in temp_away else "",
                    )
                )
                continue
            own = level
            if row.member_id in plan.raised:
                own = Level.GOOD
            elif not scored and level.rank > 1 and rng.random() < _SELF_HIGHER:
                own = LEVEL_ORDER[level.rank - 2]
            score = None
            if scored:
                score = self._level_score(
                    own, _RAISED_SCORES if row.member_id in plan.raised else None
                )
            base = present[row.organisation_id]
            discipline = plan.disciplined.get(row.member_id)
            rows.append(
                replace(
                    row,
                    self_level=own,
                    self_score=score,
                    self_on=self._between(opened, meeting - timedelta(days=1)),
                    remarks=rng.choice(texts.REMARKS[level]),
                    temp_remarks=texts.TEMP_REMARKS if row.member_id in temp_away else "",
                    proposed_level=level,
                    vote_base=base,
                    votes_for=max(base // 2 + 1, base - rng.choice((0, 0, 0, 1, 2))),
                    decided_level=level if year.closed else None,
                    discipline=discipline,
                    discipline_note=rng.choice(texts.DISCIPLINE_NOTES[discipline])
                    if discipline
                    else "",
                )
            )
        return rows
