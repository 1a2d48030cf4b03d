"""Terms and committees: congress dates, chi ủy and đảng ủy posts of each organisation."""

from __future__ import annotations

from datetime import date, timedelta

from partydesk.domain.organisation import CommitteePost, CommitteeRole, OrgKind, Term
from partydesk.services.demo.helpers import _add_months, _committee_size, _saved
from partydesk.services.demo.members import _MemberGenerator
from partydesk.services.demo.plans import _OrgPlan
from partydesk.store.store import Store


class _TermGenerator(_MemberGenerator):
    """Generator steps that write the terms and their committee posts."""

    def _period(self, org: _OrgPlan) -> int:
        """Months of a term: 5 years, "5 năm 2 lần" for chi bộ trực thuộc and đảng bộ bộ phận."""
        return 60 if org.top_level else 30

    def _congress_dates(self, org: _OrgPlan, on: date) -> tuple[date, date, date]:
        """(previous, current, next) nominal congress dates of the organisation around ``on``."""
        period = self._period(org)
        anchor = date(2025, 3, 1) if org.top_level else date(2025, 2, 1)
        offset = timedelta(days=self.rng.randint(0, 110 if org.top_level else 70))
        k = 0
        while _add_months(anchor, period * k) + offset > on:
            k -= 1
        while _add_months(anchor, period * (k + 1)) + offset <= on:
            k += 1
        current = _add_months(anchor, period * k) + offset
        return (
            _add_months(anchor, period * (k - 1)) + offset,
            current,
            _add_months(anchor, period * (k + 1)) + offset,
        )

    def _term_spans(self, org: _OrgPlan) -> list[tuple[date, date, bool]]:
        """(start, end, appointed) of each term, oldest first."""
        one = timedelta(days=1)
        if org.ended_on is not None:  # the last term ends with the organisation
            _, current, _ = self._congress_dates(org, org.ended_on)
            if current > org.founded_on:
                return [(current, org.ended_on, False)]
            start = min(org.founded_on + timedelta(days=self.rng.randint(7, 30)), org.ended_on)
            return [(start, org.ended_on, True)]
        previous, current, following = self._congress_dates(org, self.today)
        founding = org.founded_on + timedelta(days=self.rng.randint(7, 30))
        if org.founded_on >= current:
            spans = [(min(founding, self.today), following - one, True)]
        elif org.founded_on > previous:
            spans = [(founding, current - one, True)] if founding < current - one else []
            spans.append((current, following - one, False))
        else:
            spans = [(previous, current - one, False), (current, following - one, False)]
        if org.plant == "term_ended" and len(spans) > 1:
            spans.pop()
        return spans

    def _post_roles(self, org: _OrgPlan, official: int, available: int) -> list[CommitteeRole]:
        role = CommitteeRole
        if org.kind.is_party_committee:
            size = 5 if official < 100 else 7 if official < 250 else 9
            if org.kind is OrgKind.PARTY_COMMITTEE_SECTION:
                size = 3 if official < 40 else 5
            size = min(size, available)
            deputies = 2 if size >= 9 else 1
            return (
                [role.SECRETARY]
                + [role.DEPUTY_SECRETARY] * deputies
                + [role.COMMITTEE_MEMBER] * (size - 1 - deputies)
            )
        if org.plant == "no_committee":
            return [role.SECRETARY, role.DEPUTY_SECRETARY]
        if official >= 9:
            size = min(_committee_size(official), available)
            return [role.SECRETARY, role.DEPUTY_SECRETARY] + [role.COMMITTEE_MEMBER] * (size - 2)
        if official >= 5 and self._chance(0.6):
            return [role.SECRETARY, role.DEPUTY_SECRETARY]
        return [role.SECRETARY]

    def _pool(self, org: _OrgPlan) -> list[tuple[int, date]]:
        if org.kind.is_party_committee:
            return [m for c in org.children for m in self._pool(self.orgs[c])]
        return org.pool

    def _posts(
        self, org: _OrgPlan, start: date, end: date, appointed: bool, current: bool
    ) -> tuple[CommitteePost, ...]:
        pool = self._pool(org)
        if org.is_ended:
            pool = [(m, start) for m in org.former]
        official = len(pool) if org.kind.is_party_committee else org.counted_official or len(pool)
        eligible = [m for m, on in pool if on <= start]
        if len(eligible) < 3 and current:
            eligible = [m for m, _ in pool]
        roles = self._post_roles(org, official, len(eligible))
        if not eligible or not roles:
            return ()
        chosen = self.rng.sample(eligible, min(len(roles), len(eligible)))
        issuer = org.issuer if not org.top_level else self._issuer(start)
        decision = self._number("QĐ", issuer, start)
        return tuple(
            CommitteePost(
                member_id=member_id,
                role=role,
                starts_on=start,
                ends_on=None if current else end,
                appointed=appointed,
                decision=decision if appointed or role is CommitteeRole.SECRETARY else "",
            )
            for member_id, role in zip(chosen, roles, strict=False)
        )

    def write_terms(self, store: Store) -> None:
        for org in self.orgs:
            spans = self._term_spans(org)
            for k, (start, end, appointed) in enumerate(spans):
                current = k == len(spans) - 1 and end >= self.today
                label = f"{start.year}–{end.year}"
                notes = (
                    "Cấp ủy lâm thời do cấp ủy cấp trên chỉ định khi thành lập."
                    if appointed
                    else ""
                )
                term = Term(
                    organisation_id=_saved(org.id),
                    label=label,
                    starts_on=start,
                    ends_on=end,
                    congress_on=None if appointed else start,
                    notes=notes,
                    posts=self._posts(org, start, end, appointed, current),
                )
                store.organisations.save_term(term)
            self.tracker.advance()
