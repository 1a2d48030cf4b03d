"""Enterprises of the sample office: names, tax codes, workforce, owners, and their rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from partydesk.domain.enterprise import (
    Enterprise,
    EnterpriseStatus,
    EnterpriseType,
    MassOrganisation,
)
from partydesk.domain.identifiers import tax_check_digit
from partydesk.domain.member import Standing
from partydesk.domain.organisation import OrgKind
from partydesk.services.demo.catalogue import (
    _BRAND_FIRST,
    _BRAND_SECOND,
    _BRAND_SPECIAL,
    _FOREIGN_BRANDS,
    _FOREIGN_SYLLABLES,
    _SECTORS,
    _SECTORS_BY_TYPE,
    _WORKFORCE_MEDIAN,
    MAX_WORKFORCE,
    MIN_WORKFORCE,
    _Sector,
)
from partydesk.services.demo.founding import (
    counted_since_founding,
    founding_dates,
    latest_founding,
)
from partydesk.services.demo.helpers import _lower_first
from partydesk.services.demo.names import _FOREIGN_PEOPLE
from partydesk.services.demo.people import _PeopleGenerator
from partydesk.services.demo.plans import _EntPlan
from partydesk.services.demo.scales import DemoScale
from partydesk.services.demo.tracker import _Tracker
from partydesk.store.store import Store


class _EnterpriseGenerator(_PeopleGenerator):
    """Generator steps that plan and write the enterprises."""

    def __init__(self, scale: DemoScale, seed: int, today: date, tracker: _Tracker) -> None:
        super().__init__(scale, seed, today, tracker)
        # Founding dates come from a stream of their own: drawing them from the main one would
        # move every later draw, and with it every sample record other steps and tests rely on.
        self._founding_rng = random.Random(f"founding-{seed}")

    # --- plan: enterprises ---------------------------------------------------------------------

    def _sector(self, type_: EnterpriseType, forced: str | None = None) -> _Sector:
        if forced is not None:
            return _SECTORS[forced]
        return _SECTORS[self._pick(self._cumulative(_SECTORS_BY_TYPE[type_]))]

    def _brand(self) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            return rng.choice(_BRAND_SPECIAL)
        first = rng.choice(_BRAND_FIRST)
        second = rng.choice(_BRAND_SECOND)
        return f"{first} {second}" if first != second else f"{first} Phát"

    def _foreign_brand(self) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(_FOREIGN_BRANDS)
        first, second = _FOREIGN_SYLLABLES
        return f"{rng.choice(first)}{rng.choice(second)}", "KR"

    def _company_name(self, type_: EnterpriseType, sector: _Sector) -> tuple[str, str]:
        """(name, nationality of the owners) for a new enterprise, unique in the register."""
        name, origin = self._name_candidate(type_, sector)
        for _ in range(200):
            if name not in self._names:
                break
            name, origin = self._name_candidate(type_, sector)
        base, k = name, 2
        while name in self._names:
            name, k = f"{base} {k}", k + 1
        self._names.add(name)
        return name, origin

    def _name_candidate(self, type_: EnterpriseType, sector: _Sector) -> tuple[str, str]:
        rng, word = self.rng, sector.word
        if type_ is EnterpriseType.FOREIGN:
            brand, origin = self._foreign_brand()
            form = rng.random()
            if form < 0.5:
                return f"Công ty TNHH {word} {brand} Việt Nam", origin
            if form < 0.8:
                return f"Công ty TNHH {brand} Vina", origin
            return f"Công ty TNHH {brand} {word} Việt Nam", origin
        if type_ is EnterpriseType.STATE:
            place = rng.choice(self.region.places + (self._brand(),))
            return f"Công ty TNHH Một thành viên {word} {place}", "VN"
        if type_ in (EnterpriseType.STATE_CONTROLLED_JSC, EnterpriseType.STATE_MINORITY_JSC):
            if rng.random() < 0.3:
                place = rng.choice(self.region.places)
                return f"Công ty Cổ phần {word} số {rng.randint(1, 12)} {place}", "VN"
            return f"Công ty Cổ phần {word} {self._brand()}", "VN"
        if type_ is EnterpriseType.COOPERATIVE:
            return f"Hợp tác xã {word} {self._brand()}", "VN"
        if type_ is EnterpriseType.NON_PUBLIC_SERVICE:
            if sector.word == "Giáo dục":
                school = rng.choice(("Trường Mầm non Tư thục", "Trường Mầm non Song ngữ"))
                return f"{school} {self._brand()}", "VN"
            clinic = rng.choice(("Phòng khám Đa khoa", "Bệnh viện Đa khoa Tư nhân"))
            return f"{clinic} {self._brand()}", "VN"
        if type_ is EnterpriseType.OTHER:
            if sector.word == "Luật":
                office = rng.choice(("Văn phòng Luật sư", "Văn phòng Công chứng", "Công ty Luật"))
                return f"{office} {self._brand()}", "VN"
            return f"Quỹ Tín dụng nhân dân {self._brand()}", "VN"
        form = rng.random()
        if form < 0.5:
            return f"Công ty TNHH {word} {self._brand()}", "VN"
        if form < 0.72:
            return f"Công ty Cổ phần {word} {self._brand()}", "VN"
        if form < 0.82:
            return f"Công ty TNHH Một thành viên {word} {self._brand()}", "VN"
        if form < 0.92 and not word.startswith("Đầu tư"):
            return f"Công ty Cổ phần Đầu tư {word} {self._brand()}", "VN"
        return f"Doanh nghiệp tư nhân {self._brand()}", "VN"

    def _tax_code(self, branch: bool = False) -> str:
        def make() -> str:
            while True:
                first_nine = f"{self.rng.choice(self.region.tax_prefixes)}"
                first_nine += f"{self.rng.randrange(10**5):05d}"
                check = tax_check_digit(first_nine)
                if check is not None:
                    code = f"{first_nine}{check}"
                    return f"{code}-{self.rng.randint(1, 9):03d}" if branch else code

        return self._unique(self._tax_codes, make)

    def _workforce(self, type_: EnterpriseType, members: int, small: bool = False) -> int:
        median = 20 if small else _WORKFORCE_MEDIAN[type_]
        value = int(median * self.rng.lognormvariate(0, 0.9))
        if value < MIN_WORKFORCE:
            value = MIN_WORKFORCE + self.rng.randint(0, 12)
        if members:
            value = max(value, int(members * self.rng.uniform(3, 10)), members + 10)
        if small:
            value = min(value, 90)
        return max(MIN_WORKFORCE, min(MAX_WORKFORCE, value))

    def _enterprise_address(self, type_: EnterpriseType, ward: str) -> str:
        rng, region = self.rng, self.region
        place = f"{_lower_first(ward)}, {region.city}"
        factory = type_ in (EnterpriseType.FOREIGN, EnterpriseType.STATE_CONTROLLED_JSC)
        if region.industrial_parks and (factory or rng.random() < 0.15):
            park = rng.choice(region.industrial_parks)
            return f"Lô {rng.choice('ABCDE')}{rng.randint(1, 24)}, {park}, {place}"
        street = rng.choice(region.local_streets)
        if rng.random() < 0.4:
            return f"Số {rng.randint(1, 80)} ngõ {rng.randint(2, 200)} {street}, {place}"
        return f"Số {rng.randint(1, 500)} {street}, {place}"

    def new_enterprise(
        self,
        type_: EnterpriseType,
        members: int = 0,
        *,
        small: bool = False,
        sector: str | None = None,
    ) -> int:
        """Plan one enterprise and return its index."""
        sec = self._sector(type_, sector)
        name, origin = self._company_name(type_, sec)
        branch = type_ is EnterpriseType.PRIVATE and not members and self._chance(0.03)
        if branch:
            self._names.discard(name)
            name = f"Chi nhánh {name} tại {self.region.settings.locality}"
            self._names.add(name)
        ward = self.rng.choice(self.region.enterprise_wards)
        if origin == "VN":
            representative = self.person(birth_year=self.rng.randint(1960, 1990)).full_name
        else:
            representative = self.rng.choice(_FOREIGN_PEOPLE[origin])
        self.enterprises.append(
            _EntPlan(
                name=name,
                type=type_,
                sector=sec,
                tax_code=self._tax_code(branch),
                address=self._enterprise_address(type_, ward),
                ward=ward,
                workforce=self._workforce(type_, members, small),
                legal_representative=representative,
            )
        )
        self.tracker.advance()
        return len(self.enterprises) - 1

    def _org_enterprise_type(self, large: bool) -> EnterpriseType:
        weights = (
            ((EnterpriseType.FOREIGN, 35), (EnterpriseType.PRIVATE, 35), (EnterpriseType.STATE, 8))
            + ((EnterpriseType.STATE_CONTROLLED_JSC, 12), (EnterpriseType.STATE_MINORITY_JSC, 10))
            if large
            else (
                (EnterpriseType.PRIVATE, 70),
                (EnterpriseType.FOREIGN, 8),
                (EnterpriseType.STATE_CONTROLLED_JSC, 4),
                (EnterpriseType.STATE_MINORITY_JSC, 4),
                (EnterpriseType.COOPERATIVE, 5),
                (EnterpriseType.NON_PUBLIC_SERVICE, 5),
                (EnterpriseType.STATE, 2),
                (EnterpriseType.OTHER, 2),
            )
        )
        return self._pick(self._cumulative(weights))

    # --- plan: enterprises without an organisation ---------------------------------------------

    def plan_free_enterprises(self) -> None:
        missing = self.scale.enterprises - len(self.enterprises)
        if missing < len(EnterpriseType) + self.plants["without_org"]:
            raise ValueError(f"Demo scale has too few enterprises: {self.scale}")
        free_types = self._cumulative(
            (
                (EnterpriseType.PRIVATE, 84),
                (EnterpriseType.FOREIGN, 8),
                (EnterpriseType.COOPERATIVE, 3),
                (EnterpriseType.NON_PUBLIC_SERVICE, 2),
                (EnterpriseType.OTHER, 2),
                (EnterpriseType.STATE_MINORITY_JSC, 1),
            )
        )
        for k in range(missing):
            # The first few cover every type, so each appears even in a small office.
            type_ = list(EnterpriseType)[k] if k < len(EnterpriseType) else self._pick(free_types)
            index = self.new_enterprise(type_, small=type_ is EnterpriseType.PRIVATE)
            self._free_enterprise_facts(self.enterprises[index], k)

    def _free_enterprise_facts(self, ent: _EntPlan, k: int) -> None:
        rng = self.rng
        if len(EnterpriseType) <= k < len(EnterpriseType) + self.plants["without_org"]:
            ent.without_org = True
            ent.extra_official = rng.randint(3, 6)
            ent.extra_members = ent.extra_official + rng.randint(0, 2)
            ent.workforce = max(ent.workforce, 40)
            return
        roll = rng.random()
        if roll < 0.02:
            ent.status = EnterpriseStatus.SUSPENDED
            since = self._between(self._months_ago(18), self.today - timedelta(days=20))
            ent.notes = f"Tạm ngừng kinh doanh từ ngày {since:%d/%m/%Y}."
        elif roll < 0.04:
            ent.status = EnterpriseStatus.DISSOLVED
            ent.ended_on = self._between(self._months_ago(48), self.today - timedelta(days=10))
            ent.notes = "Đã giải thể."
        if rng.random() < 0.45:
            ent.report_counts = False
        elif rng.random() < 0.3:
            ent.extra_members = rng.randint(1, 2)
            ent.extra_official = rng.randint(0, min(2, ent.extra_members))

    # --- plan: owners and enterprise figures ---------------------------------------------------

    def plan_owners(self) -> None:
        for org in self.orgs:
            if org.is_ended or org.kind not in (OrgKind.CELL_BASE, OrgKind.CELL_COMBINED):
                continue
            for index in org.enterprises:
                ent = self.enterprises[index]
                branch = ent.name.startswith("Chi nhánh")
                if ent.type is not EnterpriseType.PRIVATE or branch or not self._chance(0.1):
                    continue
                holders = [
                    s
                    for s in org.slots
                    if s.enterprise == index and s.active_official and s.moved_from is None
                ]
                if holders:
                    owner = self.person(birth_year=1975)
                    holders[0].owner = owner
                    ent.owner = owner
                    ent.legal_representative = owner.full_name

    def count_members_working(self) -> None:
        for org in self.orgs:
            for slot in org.slots:
                if slot.enterprise is None or not slot.counted:
                    continue
                ent = self.enterprises[slot.enterprise]
                ent.counted += 1
                ent.official += slot.standing is Standing.OFFICIAL
        linked = {i for o in self.orgs if not o.is_ended for i in o.enterprises}
        for index, ent in enumerate(self.enterprises):
            if index in linked and self._chance(0.25):
                ent.extra_members = self.rng.randint(1, 3)
                ent.extra_official = self.rng.randint(0, ent.extra_members)

    # --- write: enterprises ---------------------------------------------------------------------

    def _counted_on(self, ended: date | None, established: date | None) -> date:
        limit = min(self.today - timedelta(days=15), ended or self.today)
        year = limit.year
        candidates = [date(year, 6, 30), date(year - 1, 12, 31), date(year - 1, 6, 30)]
        valid = [d for d in candidates if d <= limit]
        counted = valid[1] if len(valid) > 1 and self._chance(0.2) else valid[0]
        if established is None:
            return counted
        return counted_since_founding(counted, established, limit)

    def plan_founding(self) -> None:
        """Give every planned enterprise its founding day, once its organisations are known."""
        founded: dict[int, list[date]] = {}
        for org in self.orgs:
            for index in org.enterprises:
                founded.setdefault(index, []).append(org.founded_on)
        latest = [
            latest_founding(ent, founded.get(index, []), self.today)
            for index, ent in enumerate(self.enterprises)
        ]
        days = founding_dates(self.enterprises, latest, self.today, self._founding_rng)
        for ent, day in zip(self.enterprises, days, strict=True):
            ent.established_on = day

    def _mass(self, workforce: int, chance: float, share: tuple[float, float]) -> MassOrganisation:
        if not self._chance(chance):
            return MassOrganisation()
        if self._chance(0.1):
            return MassOrganisation(True, None)
        return MassOrganisation(True, max(1, round(workforce * self.rng.uniform(*share))))

    def _enterprise(self, ent: _EntPlan) -> Enterprise:
        w = ent.workforce
        female = ent.sector.female_share
        party: int | None = None
        official: int | None = None
        if ent.report_counts or ent.counted:
            party = ent.counted + ent.extra_members
            official = ent.official + ent.extra_official
        return Enterprise(
            name=ent.name,
            type=ent.type,
            tax_code=ent.tax_code,
            sector=ent.sector.label,
            address=ent.address,
            ward=ent.ward,
            workforce=w,
            workforce_counted_on=self._counted_on(ent.ended_on, ent.established_on),
            legal_representative=ent.legal_representative,
            owner_is_member=ent.owner is not None,
            trade_union=self._mass(w, min(0.95, 0.08 + w / 400), (0.55, 0.95)),
            youth_union=self._mass(w, min(0.7, 0.05 + w / 1000), (0.08, 0.3)),
            women_union=self._mass(w, min(0.5, 0.03 + w / 1500), (female * 0.5, female * 0.9)),
            party_members_working=party,
            official_members_working=official,
            status=ent.status,
            established_on=ent.established_on,
            ended_on=ent.ended_on,
            notes=ent.notes,
        )

    def write_enterprises(self, store: Store) -> None:
        # Planned here rather than as a step of its own: it needs every organisation planned.
        self.plan_founding()
        chunk = max(50, len(self.enterprises) // 50)
        for start in range(0, len(self.enterprises), chunk):
            plans = self.enterprises[start : start + chunk]
            ids = store.enterprises.insert_many([self._enterprise(e) for e in plans])
            for plan, new_id in zip(plans, ids, strict=True):
                plan.id = new_id
            self.tracker.advance(len(plans))
