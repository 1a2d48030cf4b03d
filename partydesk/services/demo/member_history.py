"""Member dates and history: birth, admission, official status, and the events that replay them."""

from __future__ import annotations

from datetime import date, timedelta

from partydesk.domain.dates import official_decision_deadline, probation_end
from partydesk.domain.member import ENDED_STATUSES, EventKind, Member, Standing
from partydesk.services.demo.catalogue import _FINAL_EVENT, _S
from partydesk.services.demo.helpers import _add_months, _add_years, _lower_first
from partydesk.services.demo.member_slots import _MemberSlotGenerator
from partydesk.services.demo.names import _UNIVERSITIES
from partydesk.services.demo.plans import _Event, _Life, _OrgPlan, _Slot


class _MemberHistoryGenerator(_MemberSlotGenerator):
    """Generator steps that date a member's life and draw the events that lead to the record."""

    # --- members: dates --------------------------------------------------------------------------

    def _deadline(self, ceremony: date) -> date:
        return official_decision_deadline(probation_end(ceremony), self.calendar)

    def _probation_ceremony(self, slot: _Slot, org: _OrgPlan) -> date:
        today = self.today
        if slot.status in ENDED_STATUSES:  # struck off when the probation was not recognised
            return self._between(self._months_ago(26), self._months_ago(14))
        if slot.overdue:
            ceremony = self._between(self._months_ago(17), self._months_ago(14))
            while self._deadline(ceremony) >= today - timedelta(days=3):
                ceremony -= timedelta(days=7)
            return ceremony
        lo = max(self._months_ago(12) + timedelta(days=10), org.founded_on + timedelta(days=45))
        ceremony = self._between(lo, today - timedelta(days=15))
        while self._deadline(ceremony) < today + timedelta(days=3):
            ceremony += timedelta(days=7)
        return min(ceremony, today)

    def _birth_for(self, admission: date) -> date:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            age = rng.randint(18, 24)
        else:
            age = rng.randint(25, 32) if roll < 0.9 else rng.randint(33, 42)
        age = max(age, 18, admission.year - 2004)
        age = min(age, 42, admission.year - 1961)
        return _add_years(admission, -age) - timedelta(days=rng.randint(0, 364))

    def _official_dates(self, slot: _Slot) -> tuple[date, date]:
        """(birth, admission decision) of an official member, with time to have been recognised."""
        rng = self.rng
        latest = self.today - timedelta(days=1)
        if slot.before is not None:
            latest = min(latest, slot.before - timedelta(days=1))
        latest_admission = _add_months(latest, -12) - timedelta(days=41)
        if slot.elderly:
            birth = date(rng.randint(1950, 1962), rng.randint(1, 12), rng.randint(1, 28))
            admission = _add_years(birth, rng.randint(19, 32))
            admission = min(admission + timedelta(days=rng.randint(0, 300)), latest_admission)
            return birth, admission
        years_back = min(int(rng.expovariate(1 / 9)), 40)
        admission = _add_years(latest_admission, -years_back)
        admission -= timedelta(days=rng.randint(0, 364))
        admission = max(admission, date(1985, 1, 1))
        admission = min(admission, latest_admission)
        return self._birth_for(admission), admission

    def _life(self, org: _OrgPlan, slot: _Slot) -> _Life:
        rng = self.rng
        if slot.standing is Standing.PROBATIONARY:
            ceremony = self._probation_ceremony(slot, org)
            admission = ceremony - timedelta(days=rng.randint(7, 40))
            return _Life(self._birth_for(admission), admission, ceremony, None, ceremony, None)
        birth, admission = self._official_dates(slot)
        ceremony = admission + timedelta(days=rng.randint(7, 40))
        official = probation_end(ceremony)
        guest = slot.status is _S.TEMP_GUEST
        admitted_here = (
            slot.moved_from is not None
            or not guest
            and admission >= org.founded_on
            and rng.random() < 0.75
        )
        if admitted_here or guest:
            return _Life(birth, admission, ceremony, official, ceremony, None)
        hi = self.today - timedelta(days=7)
        if slot.before is not None:
            hi = min(hi, slot.before - timedelta(days=1))
        moved_in = self._between(max(official, org.founded_on), hi)
        moved_in = min(moved_in, self.today)
        return _Life(birth, admission, ceremony, official, moved_in, moved_in)

    # --- members: history -------------------------------------------------------------------------

    def _elsewhere(self) -> str:
        """Another Party organisation, as a clerk writes it on a transfer."""
        rng = self.rng
        ward = _lower_first(rng.choice(self.region.residence_wards))
        district, province, _ = self._pick(self._hometowns)
        options = (
            f"Chi bộ Tổ dân phố số {rng.randint(1, 25)}, Đảng bộ {ward}",
            f"Đảng bộ {ward}, {self.region.city}",
            f"Đảng bộ {_lower_first(district)}, {province}",
            f"Chi bộ Sinh viên, Đảng bộ Trường Đại học {rng.choice(_UNIVERSITIES)}",
            f"Chi bộ Quân sự, Đảng bộ {_lower_first(district)}, {province}",
            f"Chi bộ Công ty TNHH {rng.choice(('Thương mại', 'Xây dựng', 'Cơ khí'))} "
            f"{self._brand()}, Đảng bộ {ward}",
        )
        return rng.choice(options)

    def _history(
        self, org: _OrgPlan, slot: _Slot, life: _Life, member: Member
    ) -> tuple[list[_Event], date | None]:
        """The member's events, oldest first, and the status end date they leave."""
        rng = self.rng
        today = self.today
        events: list[_Event] = []
        if slot.status is not _S.TEMP_GUEST:
            if life.transferred_in is None:
                number = member.admission_decision_number
                events.append((EventKind.ADMITTED, life.admission, number, "", None, None, ""))
                if life.official is not None:
                    number = member.official_decision_number
                    events.append(
                        (EventKind.RECOGNISED_OFFICIAL, life.official, number, "", None, None, "")
                    )
            else:
                on = life.transferred_in
                issuer = org.issuer or self._issuer(on)
                number = self._number("GGT", issuer, on) if rng.random() < 0.6 else ""
                other = self._elsewhere()
                events.append((EventKind.TRANSFER_IN, on, number, other, None, None, ""))
        if slot.moved_from is not None:
            merged = self.orgs[slot.moved_from]
            on = merged.ended_on or today
            events.append(
                (EventKind.TRANSFER_OUT, on, merged.end_decision, org.name, org.id, None,
                 f"Chuyển sinh hoạt do sáp nhập {merged.name}.")
            )  # fmt: skip
        if slot.status is _S.ACTIVE and slot.active_official and rng.random() < 0.015:
            events.extend(self._past_temporary(life))
        return self._final_event(org, slot, life, events)

    def _past_temporary(self, life: _Life) -> list[_Event]:
        """A finished spell of temporary activity elsewhere (KET_THUC_SHT)."""
        lo = life.joined + timedelta(days=30)
        hi = self.today - timedelta(days=200)
        if hi <= lo:
            return []
        went = self._between(lo, hi)
        until = _add_months(went, self.rng.choice((3, 6)))
        back = min(until, self.today - timedelta(days=1))
        return [
            (EventKind.TEMP_OUT, went, "", self._elsewhere(), None, until, ""),
            (EventKind.TEMP_ENDED, back, "", "", None, None, ""),
        ]

    def _final_event(
        self, org: _OrgPlan, slot: _Slot, life: _Life, events: list[_Event]
    ) -> tuple[list[_Event], date | None]:
        kind = _FINAL_EVENT.get(slot.status)
        if kind is None:
            return events, None
        rng, today = self.rng, self.today
        start = max(e[1] for e in events) if events else life.joined
        until: date | None = None
        other, number, note = "", "", ""
        if slot.status is _S.EXEMPT:
            lo = max(start, _add_years(life.birth, 60)) if slot.elderly else start
            on = self._between(max(lo, self._months_ago(96)), today - timedelta(days=14))
            if not slot.elderly:
                on = self._between(max(start, self._months_ago(10)), today - timedelta(days=14))
                until = max(_add_months(on, rng.choice((6, 9, 12))), today + timedelta(days=30))
        elif slot.status in (_S.TEMP_AWAY, _S.TEMP_GUEST):
            on = self._between(max(start, self._months_ago(10)), today - timedelta(days=7))
            until = max(_add_months(on, rng.choice((6, 9, 12))), today + timedelta(days=14))
            other = self._elsewhere()
        elif slot.status is _S.SUSPENDED:
            on = self._between(max(start, self._months_ago(6)), today - timedelta(days=7))
            number = self._number("QĐ", self._issuer(on), on)
        elif slot.standing is Standing.PROBATIONARY:  # struck off: probation not recognised
            on = probation_end(life.ceremony) + timedelta(days=rng.randint(10, 45))
            number = self._number("QĐ", self._issuer(on), on)
        elif slot.before is not None:  # the organisation was dissolved
            on = slot.before
            other = self._elsewhere()
        else:
            on = self._between(start + timedelta(days=30), today - timedelta(days=1))
            if kind is EventKind.TRANSFER_OUT:
                other = self._elsewhere()
            elif kind is not EventKind.DECEASED:
                number = self._number("QĐ", self._issuer(on), on)
        on = min(max(on, start), today)
        if until is not None and until <= on:
            until = on + timedelta(days=30)
        if slot.status is _S.EXEMPT and slot.elderly:
            note = "Tuổi cao, sức khỏe yếu."
        events.append((kind, on, number, other, None, until, note))
        return events, until
