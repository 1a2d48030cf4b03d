"""The sample office's chi bộ meetings: minutes for every chi bộ over the sample period, with
gaps, short meetings, chuyên đề, votes, tasks, approvals and addenda, written chi bộ by chi bộ.

``meeting_plans`` lays out each chi bộ's calendar; this step writes each meeting as the
secretary would, starting from the register on that day: the roll with a few absences, chủ
trì and thư ký, hours, place and guests; ``meeting_minutes`` writes the rest. The minutes of
one chi bộ are written to the store before the next is started, so memory stays small.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from partydesk.domain.meeting import (
    Guest,
    Meeting,
    MeetingForm,
    MeetingKind,
    Presence,
    RollEntry,
    VoteKind,
    present_voters,
    required_in_favour,
    vote_base,
)
from partydesk.domain.meeting_rules import rules_on
from partydesk.domain.member import MemberStatus
from partydesk.domain.organisation import CommitteeRole, OrgKind
from partydesk.services.demo import meeting_texts as texts
from partydesk.services.demo.helpers import _lower_first, _saved, _short_company
from partydesk.services.demo.meeting_content import CellVoice, MinutesWriter
from partydesk.services.demo.meeting_minutes import _MinutesComposer
from partydesk.services.demo.meeting_plans import _Cell, _Planned
from partydesk.services.demo.meeting_register import OfficeDirectory
from partydesk.services.demo.plans import _OrgPlan
from partydesk.store.store import Store

_ROLES = (CommitteeRole.SECRETARY, CommitteeRole.DEPUTY_SECRETARY, CommitteeRole.COMMITTEE_MEMBER)
_REASONS = _MinutesComposer._cumulative(texts.ABSENCE_REASONS)


def _later(start: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


class _MeetingGenerator(_MinutesComposer):
    """Generator step that writes the minutes of every chi bộ, one chi bộ at a time."""

    def write_meetings(self, store: Store) -> None:
        office = OfficeDirectory(store, self.region.settings.committee_full_name)
        cells = self._cells()
        weak = self._weak_cells(cells)
        for index, org in enumerate(cells):
            months = self._existed_months(org)
            if months and org.id is not None:
                store.meetings.insert_many(self._cell_meetings(store, org, index in weak, office))
            self.tracker.advance(months)
        self._kept.clear()  # members of organisations that hold no meetings

    def _weak_cells(self, cells: list[_OrgPlan]) -> set[int]:
        """The few chi bộ where missed months and skipped chuyên đề cluster."""
        count = max(1, round(0.15 * len(cells)))
        planted = [i for i, org in enumerate(cells) if org.plant == "few"][:count]
        others = [i for i in range(len(cells)) if i not in planted]
        return set(planted) | set(self.rng.sample(others, max(0, count - len(planted))))

    def _cell_meetings(
        self, store: Store, org: _OrgPlan, weak: bool, office: OfficeDirectory
    ) -> list[Meeting]:
        register = self._register(store, org)
        if not register.members:
            return []  # merged away: its members are registered in the receiving chi bộ
        voice, places = self._voice(org)
        cell = _Cell(org, self._habits(weak), register, voice, places)
        plans = self._meeting_calendar(org, cell.habits, register)
        cell.report_days = [p.on for p in plans if p.kind.is_regular]
        admitted = register.admitted_here()
        meetings: list[Meeting] = []
        since = self._first_meeting_day()
        for plan in plans:
            notes = []
            if plan.kind.is_regular:
                for member in admitted:
                    ceremony = member.ceremony_date
                    if ceremony is not None and since < ceremony <= plan.on:
                        on = f"{ceremony:%d/%m/%Y}"
                        notes.append(texts.CEREMONY_NOTE.format(on=on, name=member.full_name))
                since = plan.on
            meeting = self._compose(cell, plan, office, notes)
            if meeting is not None:
                meetings.append(self._settle_state(cell, meeting))
        return meetings

    def _voice(self, org: _OrgPlan) -> tuple[CellVoice, tuple[str, ...]]:
        """How the minutes name the workplace, and where the chi bộ meets."""
        ents = [self.enterprises[i] for i in org.enterprises]
        main = ents[0]
        output = texts.OUTPUT_BY_SECTOR.get(main.sector.label, texts.DEFAULT_OUTPUT)
        if org.kind is OrgKind.CELL_COMBINED:
            unit = "các doanh nghiệp trong chi bộ"
            workers = sum(e.workforce for e in ents)
            places = tuple(f"Văn phòng {_short_company(e.name)}" for e in ents)
            return CellVoice(unit, unit, texts.DEFAULT_OUTPUT, workers), places
        if org.kind is OrgKind.CELL_UNDER_COMMITTEE:
            unit = org.name.removeprefix("Chi bộ ").split(",")[0]
            if unit.startswith("Phòng"):
                voice = CellVoice(unit, unit, texts.DEFAULT_OUTPUT, self.rng.randint(8, 30))
                return voice, (unit, "Hội trường công ty")
            voice = CellVoice(unit, unit, output, self.rng.randint(40, 250))
            return voice, (f"Phòng giao ban {_lower_first(unit)}", "Hội trường công ty")
        company = _short_company(main.name)
        unit = "công ty" if company.startswith("Công ty") else "doanh nghiệp"
        places = tuple(self.rng.sample(texts.COMPANY_PLACES, 2))
        return CellVoice(company, unit, output, main.workforce), places

    # --- one meeting -------------------------------------------------------------------------

    def _compose(
        self, cell: _Cell, plan: _Planned, office: OfficeDirectory, notes: list[str]
    ) -> Meeting | None:
        """The meeting as recorded, or None when it could not have been held."""
        rng, on, kind = self.rng, plan.on, plan.kind
        roll = list(cell.register.roll_on(on))
        posts = cell.register.posts_on(on)
        if kind is MeetingKind.COMMITTEE:
            committee = {i for ids in posts.values() for i in ids}
            roll = [e for e in roll if e.member_id in committee]
        if sum(1 for e in roll if e.can_vote) < 2:
            return None  # the register has too few official members that day to decide anything
        on_roll = {e.member_id for e in roll}
        plan.admissions = [m for m in plan.admissions if m.id not in on_roll]
        plan.recognitions = [m for m in plan.recognitions if m.id in on_roll]
        voting = bool(plan.admissions or plan.recognitions)
        if kind is MeetingKind.EXTRAORDINARY and not voting:
            return None
        roll = self._attendance(roll, cell, strict=voting)
        present = [e for e in roll if e.is_present]
        if len(present) < 2:
            return None
        chair = self._chair(posts, present)
        clerk = self._clerk(cell, posts, present, chair)
        starts = cell.habits.starts
        if rng.random() < 0.1:
            starts = _later(starts, rng.choice((-30, 30)))
        ends = _later(starts, self._duration(kind, on, cell.habits.weak))
        guests = self._guests(cell.org, plan, office, on_roll)
        writer = MinutesWriter(rng, cell.voice, on, plan.period)
        if kind.is_regular:
            plan.resolution = writer.plan_points()
        places = cell.places
        return Meeting(
            organisation_id=_saved(cell.org.id),
            on=on,
            kind=kind,
            period_year=plan.period[0],
            period_month=plan.period[1],
            topic=plan.topic,
            starts=starts,
            ends=ends,
            place=places[0] if rng.random() < 0.85 else rng.choice(places),
            form=MeetingForm.HYBRID if rng.random() < cell.habits.hybrid else MeetingForm.IN_PERSON,
            roll=tuple(roll),
            guests=guests,
            chair_member_id=chair,
            secretary_member_id=clerk,
            dues_collected=self._dues(cell, roll) if kind.is_regular else None,
            agenda=self._agenda(plan, writer, posts, present, chair, guests, notes),
            conclusion=self._conclusion(plan, writer),
            votes=self._votes(plan, writer, roll),
            tasks=self._tasks(cell, plan, writer, present),
            quality_score=self._score(cell, kind),
            minutes_read_at=_later(ends, -rng.randint(7, 15)),
            number=self._minutes_number(cell, plan),
        )

    def _attendance(self, roll: list[RollEntry], cell: _Cell, strict: bool) -> list[RollEntry]:
        """A few absences with reasons, rarely without; enough present for the votes to pass."""
        rng = self.rng
        absent, unexcused = (0.11, 0.03) if cell.habits.weak else (0.06, 0.003)
        marked = []
        for entry in roll:
            status = entry.status
            if status is MemberStatus.TEMP_AWAY:
                pass  # the register already has them excused: away on sinh hoạt tạm thời
            elif status is MemberStatus.SUSPENDED or (
                status is MemberStatus.EXEMPT and rng.random() < 0.8
            ):
                reason = (
                    texts.EXEMPT_REASON if status is MemberStatus.EXEMPT else texts.SUSPENDED_REASON
                )
                entry = replace(entry, presence=Presence.EXCUSED, reason=reason)
            elif status is not MemberStatus.EXEMPT:
                draw = rng.random()
                if draw < unexcused:
                    entry = replace(entry, presence=Presence.UNEXCUSED)
                elif draw < absent:
                    reason = self._pick(_REASONS)
                    entry = replace(entry, presence=Presence.EXCUSED, reason=reason)
            marked.append(entry)
        kind = VoteKind.ADMISSION if strict else VoteKind.ORDINARY
        while present_voters(marked) < required_in_favour(vote_base(marked), kind):
            missing = next(
                (
                    i
                    for i, e in enumerate(marked)
                    if not e.is_present and e.can_vote and e.status is not MemberStatus.TEMP_AWAY
                ),
                None,
            )
            if missing is None:
                break
            marked[missing] = replace(marked[missing], presence=Presence.PRESENT, reason="")
        return marked

    def _chair(self, posts: dict[CommitteeRole, list[int]], present: list[RollEntry]) -> int:
        """The bí thư chairs; in their absence the phó bí thư, a chi ủy viên or a member."""
        present_ids = {e.member_id for e in present}
        for role in _ROLES:
            for member_id in posts.get(role, ()):
                if member_id in present_ids:
                    return member_id
        officials = [e for e in present if e.is_official and e.is_own_member] or present
        return self.rng.choice(officials).member_id

    def _clerk(
        self,
        cell: _Cell,
        posts: dict[CommitteeRole, list[int]],
        present: list[RollEntry],
        chair: int,
    ) -> int:
        """The usual thư ký when present, else a chi ủy viên, else another member."""
        habits = cell.habits
        present_ids = {e.member_id for e in present}
        if habits.clerk in present_ids and habits.clerk != chair:
            return habits.clerk
        for role in (CommitteeRole.COMMITTEE_MEMBER, CommitteeRole.DEPUTY_SECRETARY):
            for member_id in posts.get(role, ()):
                if member_id in present_ids and member_id != chair:
                    habits.clerk = habits.clerk or member_id
                    return member_id
        others = [e for e in present if e.member_id != chair]
        own = [e for e in others if e.is_own_member] or others
        clerk = self.rng.choice(own).member_id
        habits.clerk = habits.clerk or clerk
        return clerk

    def _duration(self, kind: MeetingKind, on: date, weak: bool) -> int:
        """Minutes the meeting lasted: where a minimum is in force (HD 42), mostly that or more
        and a few short; before it, an hour to two."""
        randint = self.rng.randint
        minimum = rules_on(on).minimum_for(kind)
        if kind is MeetingKind.COMMITTEE:
            return randint(45, 90)
        if minimum is None:
            return randint(90, 150) if kind is MeetingKind.COMBINED else randint(60, 120)
        if self._chance(0.25 if weak else 0.05):
            return randint(minimum - 30, minimum - 5)
        return randint(minimum + 2, minimum + 50)

    def _guests(
        self, org: _OrgPlan, plan: _Planned, office: OfficeDirectory, on_roll: set[int]
    ) -> tuple[Guest, ...]:
        """The cadre in charge on the visits planned; for a chi bộ trực thuộc, now and then
        (and for votes on members, usually) a member of the đảng ủy above it."""
        guests = []
        top = org
        while top.parent is not None:
            top = self.orgs[top.parent]
        if plan.cadre and top.id is not None:
            cadre = office.cadre_guest(top.id, plan.on)
            if cadre is not None:
                guests.append(cadre)
        voting = bool(plan.admissions or plan.recognitions)
        if org.parent is not None and self._chance(0.5 if voting else 0.12):
            parent = self.orgs[org.parent]
            member = office.committee_guest(parent.id or 0, parent.name, plan.on, on_roll)
            if member is not None:
                guests.append(member)
        return tuple(guests)
