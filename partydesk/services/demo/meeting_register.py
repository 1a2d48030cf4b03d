"""The register as the sample meetings see it: a chi bộ's roll and committee posts on any date,
and the guests who come from above (the cadre in charge, a member of the đảng ủy).

The generator keeps each chi bộ's members and their history as it writes them
(``_RegisterKeeper``), so the meetings answer "who was on the roll that day" from memory with
the domain's own ``roll_entry_on``, instead of reading 100,000 members back one by one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from partydesk.domain.meeting import Guest, RollEntry, roll_entry_on
from partydesk.domain.member import EventKind, Member, MemberEvent, Standing
from partydesk.domain.organisation import CadreAssignment, CommitteeRole, Term
from partydesk.domain.text import name_sort_key
from partydesk.services.demo.cadres import _CadreGenerator
from partydesk.services.demo.helpers import _saved
from partydesk.services.demo.plans import _Event, _OrgPlan, _Slot
from partydesk.services.demo.scales import DemoScale
from partydesk.services.demo.tracker import _Tracker
from partydesk.store.store import Store

# Events by which a member arrives in a chi bộ from outside it: before that day the member was
# not on this chi bộ's roll, whatever the admission date says.
_ARRIVALS = (EventKind.TRANSFER_IN, EventKind.TEMP_IN)


@dataclass(slots=True)
class _RegisteredMember:
    """A member with the dates at which their line on the roll can change."""

    member: Member
    events: list[MemberEvent]
    arrived: date | None  # joined this chi bộ from elsewhere on this day
    changes: list[date]  # sorted: admission, official date, events, arrival
    entries: dict[int, RollEntry | None] = field(default_factory=dict)

    def entry_on(self, on: date) -> RollEntry | None:
        """``roll_entry_on`` for ``on``, computed once per stretch between two changes."""
        if self.arrived is not None and on < self.arrived:
            return None
        stretch = bisect_right(self.changes, on)
        if stretch not in self.entries:
            self.entries[stretch] = roll_entry_on(self.member, self.events, on)
        return self.entries[stretch]


def _arrival(events: list[MemberEvent], organisation_id: int) -> date | None:
    """The day a member came to this chi bộ from elsewhere (None: admitted here)."""
    for event in events:
        if event.kind is EventKind.TRANSFER_OUT and event.to_organisation_id == organisation_id:
            return event.on  # moved here from another chi bộ of the register (a merger)
    first = events[0] if events else None
    if first is not None and first.kind in _ARRIVALS:
        return first.on
    return None


class CellRegister:
    """The members and committee posts of one chi bộ, answered by date from memory.

    ``members`` are the chi bộ's members with their events, as written to the register (its
    members table and member history), and ``terms`` its terms with their posts.
    """

    def __init__(
        self,
        organisation_id: int,
        members: list[tuple[Member, list[MemberEvent]]],
        terms: list[Term],
    ) -> None:
        self.organisation_id = organisation_id
        registered = []
        for member, unsorted in members:
            events = sorted(unsorted, key=lambda e: e.on)
            arrived = _arrival(events, organisation_id)
            changes = {e.on for e in events}
            for day in (member.admission_decision_date, member.official_date, arrived):
                if day is not None:
                    changes.add(day)
            registered.append(_RegisteredMember(member, events, arrived, sorted(changes)))
        registered.sort(key=lambda m: (name_sort_key(m.member.full_name), m.member.id or 0))
        self.members = registered
        self.terms = terms
        # Between two of these days no line of the roll changes.
        self._changes = sorted({day for m in registered for day in m.changes})
        self._rolls: dict[int, tuple[RollEntry, ...]] = {}

    def roll_on(self, on: date) -> tuple[RollEntry, ...]:
        """The roll of a meeting on ``on``, in Vietnamese name order, everyone present."""
        stretch = bisect_right(self._changes, on)
        roll = self._rolls.get(stretch)
        if roll is None:
            entries = (m.entry_on(on) for m in self.members)
            roll = self._rolls[stretch] = tuple(e for e in entries if e is not None)
        return roll

    def posts_on(self, on: date) -> dict[CommitteeRole, list[int]]:
        """Member ids holding each committee post on ``on`` (bí thư, phó bí thư, chi ủy viên)."""
        posts: dict[CommitteeRole, list[int]] = {}
        for term in self.terms:
            if term.is_current(on):
                for post in term.current_posts(on):
                    posts.setdefault(post.role, []).append(post.member_id)
        return posts

    def admitted_here(self) -> list[Member]:
        """Members whose admission this chi bộ voted on (admitted here, not transferred in)."""
        return [
            m.member
            for m in self.members
            if m.arrived is None and any(e.kind is EventKind.ADMITTED for e in m.events)
        ]

    def recognised_here(self) -> list[Member]:
        """Members recognised as official while in this chi bộ (it voted on it)."""
        return [
            m.member
            for m in self.members
            if m.member.official_date is not None
            and (m.arrived is None or m.member.official_date >= m.arrived)
            and any(e.kind is EventKind.RECOGNISED_OFFICIAL for e in m.events)
        ]


_GUEST_POSITIONS = {
    CommitteeRole.SECRETARY: "Bí thư Đảng ủy",
    CommitteeRole.DEPUTY_SECRETARY: "Phó Bí thư Đảng ủy",
    CommitteeRole.COMMITTEE_MEMBER: "Đảng ủy viên",
}


class OfficeDirectory:
    """Who comes to a chi bộ from above: the supervising committee's cadre in charge, and the
    đảng ủy of a chi bộ trực thuộc; read from the store once per organisation."""

    def __init__(self, store: Store, committee_name: str) -> None:
        self._store = store
        self._committee_name = committee_name
        self._cadres = {c.id: c for c in store.organisations.cadres(include_inactive=True)}
        self._assignments: dict[int, list[CadreAssignment]] = {}
        self._terms: dict[int, list[Term]] = {}

    def cadre_guest(self, organisation_id: int, on: date) -> Guest | None:
        """The cadre in charge of the (top-level) organisation on ``on``, as a guest."""
        assignments = self._assignments.get(organisation_id)
        if assignments is None:
            assignments = self._store.organisations.assignments(organisation_id)
            self._assignments[organisation_id] = assignments
        for assignment in assignments:
            cadre = self._cadres.get(assignment.cadre_id)
            if assignment.is_current(on) and cadre is not None:
                return Guest(cadre.full_name, cadre.title, self._committee_name, True, cadre.id)
        return None

    def committee_guest(
        self, organisation_id: int, name: str, on: date, exclude: set[int]
    ) -> Guest | None:
        """A member of the đảng ủy above a chi bộ trực thuộc who is not in that chi bộ."""
        terms = self._terms.get(organisation_id)
        if terms is None:
            terms = self._terms[organisation_id] = self._store.organisations.terms(organisation_id)
        committee = name.replace("Đảng bộ", "Đảng ủy", 1)
        for term in terms:
            if term.is_current(on):
                for post in sorted(
                    term.current_posts(on), key=lambda p: p.role is not CommitteeRole.SECRETARY
                ):
                    if post.member_id not in exclude and post.member_name:
                        position = _GUEST_POSITIONS[post.role]
                        return Guest(post.member_name, position, committee, True)
        return None


# A member as the meetings need them, kept while the members are written: id, name, admission,
# ceremony and official dates, standing, and the history (the member events' fields).
_Kept = tuple[int, str, date | None, date | None, date | None, Standing, list[_Event]]


class _RegisterKeeper(_CadreGenerator):
    """Generator steps that keep each chi bộ's members and history as they are written."""

    def __init__(self, scale: DemoScale, seed: int, today: date, tracker: _Tracker) -> None:
        super().__init__(scale, seed, today, tracker)
        self._histories: dict[int, list[_Event]] = {}
        self._kept: dict[int, list[_Kept]] = {}  # organisation id → its members

    # The meetings read each chi bộ's members and history as written rather than querying them
    # back one member at a time, which for the province's 100,000 members took seconds.
    def _member(self, org: _OrgPlan, slot: _Slot) -> tuple[Member, list[_Event]]:
        member, history = super()._member(org, slot)
        self._histories[id(slot)] = history
        return member, history

    def _remember(self, member_id: int, org: _OrgPlan, slot: _Slot, member: Member) -> None:
        super()._remember(member_id, org, slot, member)
        history = self._histories.pop(id(slot))
        kept = (
            member_id,
            member.full_name,
            member.admission_decision_date,
            member.ceremony_date,
            member.official_date,
            member.standing,
            history,
        )
        self._kept.setdefault(_saved(org.id), []).append(kept)

    def _register(self, store: Store, org: _OrgPlan) -> CellRegister:
        """The chi bộ's register: its members with their events, and its terms."""
        members = []
        for member_id, name, admitted, ceremony, official, standing, history in self._kept.pop(
            _saved(org.id), []
        ):
            member = Member(
                full_name=name,
                id=member_id,
                admission_decision_date=admitted,
                ceremony_date=ceremony,
                official_date=official,
                standing=standing,
                organisation_id=org.id,
            )
            events = [MemberEvent(member_id, *fields) for fields in history]
            members.append((member, events))
        return CellRegister(_saved(org.id), members, store.organisations.terms(_saved(org.id)))
