"""Cadres of the supervising committee, their assignments, and the office settings they sign."""

from __future__ import annotations

from datetime import date, timedelta

from partydesk.domain.organisation import Cadre, CadreAssignment
from partydesk.domain.settings import OfficeSettings
from partydesk.domain.statistics import EXAMPLE_TARGETS
from partydesk.services.demo.helpers import _saved
from partydesk.services.demo.names import TWO_LEVEL_SINCE
from partydesk.services.demo.plans import _OrgPlan
from partydesk.services.demo.terms import _TermGenerator
from partydesk.store.store import Store


class _CadreGenerator(_TermGenerator):
    """Generator steps for the committee's cadres, their assignments and the office settings."""

    # --- plan: cadres --------------------------------------------------------------------------

    def plan_cadres(self) -> None:
        region = self.region
        n_inactive = max(1, round(self.scale.cadres / 20))
        titles = list(region.leader_titles) + list(region.member_titles)
        while len(titles) < self.scale.cadres - n_inactive:
            titles.append(region.member_titles[-1])
        active = titles[: self.scale.cadres - n_inactive]
        for title in active:
            person = self.person(birth_year=self.rng.randint(1966, 1985))
            self.cadres.append(Cadre(person.full_name, title, self._mobile(), True))
        for _ in range(n_inactive):
            person = self.person(birth_year=1962)
            self.cadres.append(Cadre(person.full_name, region.inactive_title, "", False))

    # --- write: cadres -------------------------------------------------------------------------

    def write_cadres(self, store: Store) -> None:
        ids = [store.organisations.save_cadre(cadre) for cadre in self.cadres]
        active = [i for i, c in zip(ids, self.cadres, strict=True) if c.active]
        renewal = TWO_LEVEL_SINCE
        if renewal > self.today - timedelta(days=30):
            renewal = self.today - timedelta(days=200)
        for org in self.orgs:
            if org.top_level:
                for assignment in self._assignments(org, ids, active, renewal):
                    store.organisations.save_assignment(assignment)
            self.tracker.advance()

    def _assignments(
        self, org: _OrgPlan, ids: list[int], active: list[int], renewal: date
    ) -> list[CadreAssignment]:
        rng = self.rng
        org_id = _saved(org.id)
        start = max(org.founded_on, date(2020, 10, 1)) + timedelta(days=rng.randint(5, 30))
        start = min(start, self.today)
        if org.is_ended:
            assert org.ended_on is not None
            start = min(start, org.ended_on)
            return [CadreAssignment(org_id, rng.choice(ids), start, org.ended_on)]
        if start < renewal - timedelta(days=1) and rng.random() < 0.45:
            first = rng.choice(ids)
            second = rng.choice([c for c in active if c != first] or active)
            return [
                CadreAssignment(org_id, first, start, renewal - timedelta(days=1)),
                CadreAssignment(org_id, second, renewal),
            ]
        return [CadreAssignment(org_id, rng.choice(active), start)]

    def write_settings(self, store: Store) -> None:
        settings = self.region.settings
        signer = self.cadres[0].full_name
        store.settings.save_office(
            OfficeSettings(
                committee_level=settings.committee_level,
                committee_full_name=settings.committee_full_name,
                committee_header=settings.committee_header,
                upper_body_header=settings.upper_body_header,
                abbreviation=settings.abbreviation,
                locality=settings.locality,
                signer_authority=settings.signer_authority,
                signer_title=settings.signer_title,
                signer_name=signer,
            )
        )
        # The overview shows progress towards targets: the sample office has the ready example.
        for target in EXAMPLE_TARGETS:
            store.statistics.save_target(target)
        # A sample office for one person trying the program: no login question at start.
        store.settings.set_value("security.login", "off")
