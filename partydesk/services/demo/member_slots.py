"""Member slots: how many members each organisation has, with which standing and status."""

from __future__ import annotations

from partydesk.domain.member import MemberStatus, Standing
from partydesk.services.demo.catalogue import _NOT_COUNTED, _OFF, _PROB, _S
from partydesk.services.demo.helpers import _committee_size
from partydesk.services.demo.organisations import _OrganisationGenerator
from partydesk.services.demo.plans import _OrgPlan, _Slot


class _MemberSlotGenerator(_OrganisationGenerator):
    """Generator steps that plan each organisation's members: standing and status."""

    def _draw_status(self) -> tuple[Standing, MemberStatus]:
        return self._pick(self._statuses)

    def _new_org(self, org: _OrgPlan) -> bool:
        """Founded less than 14 months ago: no member admitted there is still probationary."""
        return org.founded_on > self._months_ago(14)

    def plan_slots(self) -> None:
        for org in self.orgs:
            if org.is_ended or org.kind.is_party_committee:
                continue
            self._fill_slots(org)
        self._plant_overdue()
        self._cover_statuses()

    def _fill_slots(self, org: _OrgPlan) -> None:
        rng = self.rng
        links = org.enterprises
        moved = list(org.slots)
        slots: list[_Slot] = []
        if org.plant == "few":
            slots = [
                _Slot(_OFF, _S.ACTIVE, links[0]),
                _Slot(_OFF, _S.ACTIVE, links[0]),
                _Slot(_PROB, _S.ACTIVE, links[0]),
                _Slot(_OFF, _S.TRANSFERRED_OUT, links[0]),
            ]
        else:
            own_links = [e for e in links if all(s.enterprise != e for s in moved)]
            for k in range(org.size - len(moved)):
                standing, status = self._draw_status()
                if org.plant in ("should_be", "size_exception") and status in _NOT_COUNTED:
                    standing, status = _OFF, _S.ACTIVE
                if standing is _PROB and self._new_org(org):
                    standing = _OFF
                enterprise = own_links[k] if k < len(own_links) else rng.choice(own_links)
                slots.append(_Slot(standing, status, enterprise))
        org.slots = slots + moved
        for slot in org.slots:
            self._age_slot(slot)
        if org.plant != "few":
            self._ensure_officials(org)

    def _age_slot(self, slot: _Slot) -> None:
        """Elderly exempt or deceased members are retired: no enterprise."""
        retired = (slot.status is _S.EXEMPT and self._chance(0.5)) or (
            slot.status is _S.DECEASED and self._chance(0.6)
        )
        if retired:
            slot.elderly = True
            slot.enterprise = None

    def _ensure_officials(self, org: _OrgPlan) -> None:
        """At least 3 official members, and enough active ones for the chi ủy they must elect."""
        convertible = [s for s in org.slots if s.moved_from is None]
        while org.counted_official < 3 or org.active_officials < 2:
            slot = next(s for s in convertible if not s.active_official)
            self._make_active_official(slot, org)
        official = org.counted_official
        if official >= 9:
            while org.active_officials < _committee_size(official):
                slot = next(s for s in convertible if not s.active_official)
                self._make_active_official(slot, org)

    @staticmethod
    def _make_active_official(slot: _Slot, org: _OrgPlan) -> None:
        slot.standing, slot.status, slot.elderly = _OFF, _S.ACTIVE, False
        if slot.enterprise is None:
            slot.enterprise = org.enterprises[0]

    def _plant_overdue(self) -> None:
        """A few probationary members whose official-status decision is overdue."""
        candidates = [
            slot
            for org in self.orgs
            if not org.plant and org.kind.is_cell and not org.is_ended and not self._new_org(org)
            for slot in org.slots
            if slot.standing is _PROB and slot.status is _S.ACTIVE
        ]
        for slot in self.rng.sample(candidates, min(self.plants["overdue"], len(candidates))):
            slot.overdue = True

    def _cover_statuses(self) -> None:
        """Every status and standing appears at least once, even in the smallest office."""
        present = {(s.status, s.standing) for o in self.orgs for s in o.slots}
        statuses = {status for status, _ in present}
        largest = max(self._committee_cells(), key=lambda i: self.orgs[i].size)
        spare = [s for s in self.orgs[largest].slots if s.active_official and not s.owner]
        for status in MemberStatus:
            if status not in statuses:
                slot = spare.pop()
                slot.status = status
                self._age_slot(slot)
