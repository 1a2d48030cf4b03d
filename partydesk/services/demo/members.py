"""Members of the sample office: identity, work, and the bulk insert of members and events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from partydesk.domain.member import Gender, Member, MemberEvent
from partydesk.domain.text import fold
from partydesk.services.demo.catalogue import (
    _GENERAL_EXPERTISE,
    _MANAGER_TITLES,
    _OFFICE_JOBS,
    _OWNER_TITLES,
)
from partydesk.services.demo.member_history import _MemberHistoryGenerator
from partydesk.services.demo.names import _ETHNICITY_BY_CODE
from partydesk.services.demo.plans import _Event, _Life, _OrgPlan, _Person, _Slot
from partydesk.store.store import Store


class _MemberGenerator(_MemberHistoryGenerator):
    """Generator steps that build and write the members."""

    # --- write: members ---------------------------------------------------------------------

    def write_members(self, store: Store) -> None:
        work = [(org, slot) for org in self.orgs for slot in org.slots]
        chunk = max(200, len(work) // 100)
        for start in range(0, len(work), chunk):
            part = work[start : start + chunk]
            built = [self._member(org, slot) for org, slot in part]
            ids = store.members.insert_many([member for member, _ in built])
            events: list[MemberEvent] = []
            for member_id, (org, slot), (member, history) in zip(ids, part, built, strict=True):
                events.extend(
                    MemberEvent(member_id, kind, on, number, other, to, until, note)
                    for kind, on, number, other, to, until, note in history
                )
                self._remember(member_id, org, slot, member)
            store.members.insert_events(events)
            self.tracker.advance(len(part))

    def _remember(self, member_id: int, org: _OrgPlan, slot: _Slot, member: Member) -> None:
        """Keep who can sit on committees: active official members, by organisation."""
        if slot.moved_from is not None:
            self.orgs[slot.moved_from].former.append(member_id)
        if org.is_ended:
            org.former.append(member_id)
        elif slot.active_official and member.official_date is not None:
            org.pool.append((member_id, member.official_date))

    def _member(self, org: _OrgPlan, slot: _Slot) -> tuple[Member, list[_Event]]:
        rng = self.rng
        life = self._life(org, slot)
        ent = self.enterprises[slot.enterprise] if slot.enterprise is not None else None
        if slot.owner is not None:
            who = slot.owner
        else:
            female = ent.sector.female_share if ent else 0.45
            gender = Gender.FEMALE if rng.random() < female else Gender.MALE
            who = _Person(self._full_name(gender, life.birth.year), gender)
        hometown_district, province, code = self._pick(self._hometowns)
        official = life.official is not None
        card = ""
        if official and not (life.official > self._months_ago(4) and self._chance(0.5)):
            card = self._unique(self._cards, lambda: f"{rng.randrange(10**8):08d}")
        job, manager, political = self._job(slot)
        issuer = org.issuer or self._issuer(life.admission)
        member = Member(
            full_name=who.full_name,
            birth_date=life.birth,
            gender=who.gender,
            ethnicity=self._ethnicity(code),
            religion=self._religion(),
            cccd=self._cccd(code, life.birth, who.gender),
            hometown=f"{hometown_district}, {province}",
            residence=self._residence(),
            phone=self._mobile() if rng.random() < 0.85 else "",
            email=self._email(who.full_name, life.birth) if rng.random() < 0.25 else "",
            education="10/10" if life.birth.year < 1975 and rng.random() < 0.5 else "12/12",
            expertise=self._expertise(slot),
            political_theory=self._theory(official, manager),
            occupation_before=self._occupation(life),
            card_number=card,
            dossier_number=self._unique(self._dossiers, lambda: f"{rng.randrange(1, 10**6):06d}"),
            enterprise_id=ent.id if ent else None,
            job_title=job,
            is_owner=slot.owner is not None,
            is_manager=manager,
            in_political_system=political,
            admission_decision_date=life.admission,
            admission_decision_number=self._number("QĐ", issuer, life.admission),
            ceremony_date=life.ceremony,
            official_date=life.official,
            official_decision_number=(
                self._number("QĐ", org.issuer or self._issuer(life.official), life.official)
                if life.official
                else ""
            ),
            organisation_id=org.id,
            standing=slot.standing,
            status=slot.status,
            notes=self._member_notes(slot),
        )
        history, until = self._history(org, slot, life, member)
        if until is not None:
            member = replace(member, status_until=until)
        return member, history

    # --- members: identity and work ---------------------------------------------------------------

    def _cccd(self, code: str, birth: date, gender: Gender) -> str:
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender is Gender.FEMALE else 0)
        prefix = f"{code}{digit}{birth.year % 100:02d}"
        return self._unique(self._cccds, lambda: f"{prefix}{self.rng.randrange(10**6):06d}")

    def _ethnicity(self, code: str) -> str:
        minorities = _ETHNICITY_BY_CODE.get(code)
        if minorities and self.rng.random() < 0.5:
            return self.rng.choice(minorities)
        return "Hoa" if self.rng.random() < 0.003 else "Kinh"

    def _religion(self) -> str:
        roll = self.rng.random()
        return "Phật giáo" if roll < 0.03 else "Công giáo" if roll < 0.04 else "Không"

    def _email(self, full_name: str, birth: date) -> str:
        local = fold(full_name).replace(" ", "")
        domain = self.rng.choice(("gmail.com", "gmail.com", "gmail.com", "yahoo.com"))
        return f"{local}{birth.year % 100:02d}@{domain}"

    def _job(self, slot: _Slot) -> tuple[str, bool, bool]:
        """(job title, is manager, works in the political system)."""
        rng = self.rng
        if slot.enterprise is None:
            return "Nghỉ hưu", False, False
        ent = self.enterprises[slot.enterprise]
        if slot.owner is not None:
            if ent.name.startswith("Doanh nghiệp tư nhân"):
                return "Chủ doanh nghiệp", True, False
            return rng.choice(_OWNER_TITLES[:2]), True, False
        roll = rng.random()
        if slot.active_official and roll < 0.07:
            return rng.choice(_MANAGER_TITLES), True, False
        if slot.active_official and roll < 0.08 and ent.workforce >= 300:
            return "Chủ tịch Công đoàn cơ sở (chuyên trách)", False, True
        if roll < 0.7:
            return rng.choice(ent.sector.jobs), False, False
        return rng.choice(_OFFICE_JOBS), False, False

    def _expertise(self, slot: _Slot) -> str:
        rng = self.rng
        if slot.enterprise is not None and rng.random() < 0.6:
            return rng.choice(self.enterprises[slot.enterprise].sector.expertise)
        return rng.choice(_GENERAL_EXPERTISE) if rng.random() < 0.8 else ""

    def _theory(self, official: bool, manager: bool) -> str:
        roll = self.rng.random()
        if not official:
            return "" if roll < 0.8 else "Sơ cấp"
        if manager and roll < 0.5:
            return "Trung cấp"
        if roll < 0.7:
            return "Sơ cấp"
        return "Trung cấp" if roll < 0.85 else "Cao cấp" if roll < 0.87 else ""

    def _occupation(self, life: _Life) -> str:
        age = life.admission.year - life.birth.year
        if age <= 22:
            return self.rng.choice(("Sinh viên", "Học sinh", "Bộ đội", "Công nhân"))
        return self.rng.choice(("Công nhân", "Nhân viên văn phòng", "Kỹ sư", "Bộ đội xuất ngũ"))

    def _member_notes(self, slot: _Slot) -> str:
        if slot.owner is not None:
            return "Chủ doanh nghiệp là đảng viên."
        if slot.overdue:
            return "Chi bộ chưa họp xét công nhận đảng viên chính thức."
        return ""
