"""The sample office's evaluation cycles: three finished years and the one in progress.

With ``today`` in late 2026 the office has closed cycles for 2023 and 2024 (QĐ 124 rules) and
2025 (QĐ 366, the first scored year), and an open 2026 cycle: about 40 % of the organisations
have their self-assessments in, 15 % have held the chi bộ kiểm điểm meeting (proposals and
votes), nothing is decided yet. Each year's roll comes from the real ``build_roster`` over the
register written earlier in the same transaction; the rows are filled in memory and inserted
once, complete, by ``create_cycle``.

Levels follow realistic shares (HTXSNV about 12–15 %, HTTNV about 70 %, HTNV 10–15 %, KHTNV
1–2 %), capped by the quota in every comparison group except a few planted ones: two groups a
finished year above the quota with a kept reason, and in 2026 one live breach on the proposals
without a reason, so the warning shows. Also planted: disciplined members rated KHTNV and one
rated HTNV with a kept reason (self-detected violation); under scored rules a few members
raised above their self-scored band with a kept reason; a member KHTNV in the last two finished
years and an organisation rated low in both; counted ballots for a few organisations.

How many cycles a scale has is ``DemoScale.evaluation_years`` (none at the province scale,
where each cycle would cost about 10 s). Rows, overrides and ballots go straight to
``EvaluationRepository``; the module ``evaluation_rows`` fills the members' rows and
``evaluation_orgs`` the organisations' rows and the ballots.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from partydesk.domain.dates import format_vn_date
from partydesk.domain.evaluation import Level
from partydesk.domain.member import MemberStatus
from partydesk.services.demo import evaluation_texts as texts
from partydesk.services.demo.evaluation_rows import _EvaluationRows, _Planted, _Year
from partydesk.services.evaluation import EvaluationService
from partydesk.services.evaluation_roster import build_roster
from partydesk.services.evaluation_rule_sets import RuleSetBook
from partydesk.services.progress import no_progress
from partydesk.store.store import Store

_OPENS = (10, 25)  # (month, day) from which a year's cycle is open: the kế hoạch is out


class _EvaluationGenerator(_EvaluationRows):
    """Generator step that writes the evaluation cycles, oldest first."""

    def evaluation_units(self) -> int:
        """Progress units: one per organisation and cycle."""
        return len(self._evaluation_years()) * len(self.orgs)

    def _evaluation_years(self) -> list[int]:
        """The years with a cycle; the last one is open (its kế hoạch is out by today)."""
        current = self.today.year
        if self.today < date(current, *_OPENS):
            current -= 1
        count = self.scale.evaluation_years
        return list(range(current - count + 1, current + 1))

    def write_evaluations(self, store: Store) -> None:
        service = EvaluationService(store, lambda: self.today)
        half = len(self.orgs) // 2
        years = []
        for year in self._evaluation_years():
            years.append(self._roll(store, service, year))
            self.tracker.advance(half)
        closed = [y for y in years if y.closed]
        twice = closed[-2:] if len(closed) >= 2 else []
        planted = self._plant_twice(twice)
        temp_away = {
            r[0]
            for r in store.db.conn.execute(
                "SELECT id FROM members WHERE status = ?", [MemberStatus.TEMP_AWAY.value]
            )
        }
        for year in years:
            if year.closed:
                self.fill_closed(year, planted, latest=year is closed[-1])
            else:
                self.fill_open(year, temp_away)
            self._write_year(store, year)
            self.tracker.advance(len(self.orgs) - half)
            year.members.clear()  # memory: the rows are in the store now

    # --- the roll ---------------------------------------------------------------------------

    def _roll(self, store: Store, service: EvaluationService, year: int) -> _Year:
        proposed = service.propose_cycle(year)
        closed = year < self._evaluation_years()[-1]
        latest = min(self.today, date(year, 11, 5))
        opened = self._between(date(year, *_OPENS), latest)
        planned_on = opened - timedelta(days=self.rng.randint(2, 8))
        issuer = self._issuer(planned_on)
        guidance = texts.GUIDANCE.format(
            number=self._number("KH", issuer, planned_on),
            on=format_vn_date(planned_on),
            year=year,
        )
        cycle = replace(proposed, opened_on=opened, guidance=guidance)
        rule_set = service.rule_sets.get(cycle.rule_set_code)
        roster = build_roster(store, cycle, rule_set, no_progress, None)
        months = rule_set.new_member_months
        members = [
            replace(row, exclusion_note=texts.EXCLUSION_NOTES[row.exclusion].format(months=months))
            if row.exclusion is not None
            else row
            for row in roster.members
        ]
        return _Year(cycle, rule_set, members, list(roster.organisations), closed)

    def _plant_twice(self, years: list[_Year]) -> _Planted:
        """A member KHTNV and an organisation rated low in both of the last two closed years."""
        if len(years) < 2:
            return {}
        first, second = years
        both = {r.member_id for r in first.members if r.is_evaluated} & {
            r.member_id for r in second.members if r.is_evaluated and not r.is_leader
        }
        planted: _Planted = {}
        if both:
            member_id = self.rng.choice(sorted(both))
            planted[first.cycle.year, "member", member_id] = Level.FAILED
            planted[second.cycle.year, "member", member_id] = Level.FAILED
        orgs = {o.organisation_id for o in first.orgs} & {o.organisation_id for o in second.orgs}
        if orgs:
            org_id = self.rng.choice(sorted(orgs))
            planted[first.cycle.year, "org", org_id] = Level.COMPLETED
            planted[second.cycle.year, "org", org_id] = Level.FAILED
        return planted

    # --- writing ----------------------------------------------------------------------------

    def _write_year(self, store: Store, year: _Year) -> None:
        saved = store.evaluation.create_cycle(year.cycle, year.members, year.orgs)
        assert saved.id is not None
        for override in year.overrides:
            store.evaluation.set_override(saved.id, override)
        for ballot in year.ballots:
            store.evaluation.save_ballot(replace(ballot, cycle_id=saved.id))
        if year.closed:
            decided = [o.decision_date for o in year.orgs if o.decision_date is not None]
            last = max(decided, default=year.cycle.decision_deadline or self.today)
            closed_on = min(self.today, last + timedelta(days=self.rng.randint(5, 20)))
            store.evaluation.close_cycle(saved.id, closed_on, RuleSetBook.to_json(year.rule_set))
