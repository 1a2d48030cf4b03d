"""Party organisations of the sample office: their structure, planted cases, and their rows."""

from __future__ import annotations

from datetime import date, timedelta

from partydesk.domain.enterprise import EnterpriseStatus, EnterpriseType
from partydesk.domain.member import MemberStatus
from partydesk.domain.organisation import Organisation, OrgEndReason, OrgEnterpriseLink, OrgKind
from partydesk.services.demo.catalogue import _DEPARTMENTS, _OFF, MAX_WORKFORCE
from partydesk.services.demo.enterprises import _EnterpriseGenerator
from partydesk.services.demo.helpers import _add_months, _add_years, _saved, _short_company
from partydesk.services.demo.plans import _OrgPlan, _Shape, _Slot
from partydesk.store.store import Store


class _OrganisationGenerator(_EnterpriseGenerator):
    """Generator steps that plan and write the Party organisations."""

    # --- plan: organisations -------------------------------------------------------------------

    def _structure(self) -> _Shape:
        scale, rng = self.scale, self.rng
        n = scale.organisations
        n_db = max(2, round(n * scale.party_committee_share))
        children = tuple(rng.randint(*scale.cells_per_committee) for _ in range(n_db))
        section_children = tuple(rng.randint(2, 3) for _ in range(max(1, round(n_db * 0.1))))
        n_ended = max(2, round(n * 0.02))
        n_combined = max(2, round(n * 0.06))
        n_cells = n - n_db - sum(children) - len(section_children) - sum(section_children)
        n_cells -= n_ended + n_combined
        plants = ("few", "no_committee", "should_be", "size_exception", "term_ended")
        if n_cells < sum(self.plants[k] for k in plants) + 2:
            raise ValueError(f"Demo scale too small for its organisations: {scale}")
        return _Shape(n_db, children, section_children, n_ended, n_combined, n_cells)

    def _founded(self, lo: date, hi: date) -> date:
        return self._between(lo, min(hi, self.today - timedelta(days=90)))

    def _decision_for(self, on: date, issuer: str | None = None) -> str:
        return self._number("QĐ", issuer or self._issuer(on), on)

    def _add_org(self, plan: _OrgPlan) -> int:
        self.orgs.append(plan)
        self.tracker.advance()
        return len(self.orgs) - 1

    def _cell_size(self, plant: str) -> int:
        rng = self.rng
        sizes = {
            "few": 4,
            "no_committee": rng.randint(12, 22),
            "should_be": rng.randint(31, 36),
            "size_exception": rng.randint(30, 34),
            "term_ended": rng.randint(4, 8),
        }
        if plant in sizes:
            return sizes[plant]
        return 3 + round(26 * rng.betavariate(2.0, 1.6))

    def plan_organisations(self) -> None:
        shape = self._structure()
        cell_plants = (
            ["few"] * self.plants["few"]
            + ["no_committee"] * self.plants["no_committee"]
            + ["should_be"] * self.plants["should_be"]
            + ["size_exception"] * self.plants["size_exception"]
        )
        term_plants = self.plants["term_ended"]
        # One đảng bộ lets its term lapse too; the other plants are chi bộ cơ sở.
        cell_plants += ["term_ended"] * (term_plants - 1)
        cell_plants += [""] * (shape.cells - len(cell_plants))
        self.rng.shuffle(cell_plants)
        for plant in cell_plants:
            self._plan_cell(plant)
        combined = [self._plan_combined(k + 1) for k in range(shape.combined)]
        committees = [
            self._plan_committee(n_children, "term_ended" if k == 0 else "")
            for k, n_children in enumerate(shape.children)
        ]
        for k, n_children in enumerate(shape.section_children):
            self._plan_section(committees[k % len(committees)], n_children, k + 1)
        self._plan_ended(shape.ended, combined)
        self._size_committee_cells()

    def _plan_cell(self, plant: str) -> int:
        size = self._cell_size(plant)
        enterprise = self.new_enterprise(self._org_enterprise_type(False), size)
        ent = self.enterprises[enterprise]
        if plant:
            founded = self._founded(date(2000, 1, 1), _add_years(self.today, -11))
        elif self._chance(0.2):
            founded = self._founded(_add_months(self.today, -30), self.today)
        else:
            founded = self._founded(date(1998, 1, 1), _add_years(self.today, -2))
        name = f"Chi bộ {ent.name}"
        org = _OrgPlan(
            kind=OrgKind.CELL_BASE,
            name=name,
            header_name=name.upper(),
            enterprises=[enterprise],
            founded_on=founded,
            founding_decision=self._decision_for(founded),
            size=size,
            plant=plant,
            address=ent.address,
            phone=self._mobile() if self._chance(0.6) else "",
        )
        if plant == "size_exception":
            on = self._between(founded, self.today - timedelta(days=60))
            org.size_exception_decision = self._number("CV", self._issuer(on), on)
            org.notes = (
                "Chi bộ có trên 30 đảng viên; cấp ủy cấp trên đồng ý chưa thành lập đảng bộ "
                "cơ sở do doanh nghiệp đang sắp xếp lại sản xuất."
            )
        return self._add_org(org)

    def _plan_combined(self, number: int) -> int:
        meeting = number <= self.plants["meeting"]
        count = self.rng.randint(2, 4)
        types = self._cumulative(
            (
                (EnterpriseType.PRIVATE, 85),
                (EnterpriseType.COOPERATIVE, 10),
                (EnterpriseType.OTHER, 5),
            )
        )
        links = [
            self.new_enterprise(EnterpriseType.PRIVATE, small=True, sector="van_tai")
            if meeting
            else self.new_enterprise(self._pick(types), small=True)
            for _ in range(count)
        ]
        founded = self._founded(date(2012, 1, 1), _add_years(self.today, -1))
        name = f"Chi bộ ghép các doanh nghiệp số {number}"
        org = _OrgPlan(
            kind=OrgKind.CELL_COMBINED,
            name=name,
            header_name=name.upper(),
            enterprises=links,
            founded_on=founded,
            founding_decision=self._decision_for(founded),
            size=self.rng.randint(4, 10),
            address=self.enterprises[links[0]].address,
        )
        if meeting:
            on = self._between(founded, self.today - timedelta(days=60))
            org.meeting_interval_months = 2
            org.meeting_exception_decision = self._decision_for(on)
            org.notes = (
                "Đảng viên là lái xe đường dài, làm việc lưu động: sinh hoạt hai tháng một lần "
                "theo quyết định của cấp ủy cấp trên."
            )
        return self._add_org(org)

    def _plan_committee(self, n_children: int, plant: str) -> int:
        enterprise = self.new_enterprise(self._org_enterprise_type(True), 40 * n_children)
        ent = self.enterprises[enterprise]
        latest = _add_years(self.today, -11 if plant else -6)
        founded = self._founded(date(1995, 1, 1), latest)
        name = f"Đảng bộ {ent.name}"
        index = self._add_org(
            _OrgPlan(
                kind=OrgKind.PARTY_COMMITTEE_BASE,
                name=name,
                header_name=name.upper(),
                abbreviation="ĐU",
                enterprises=[enterprise],
                founded_on=founded,
                founding_decision=self._decision_for(founded),
                address=ent.address,
                phone=self._landline(),
                plant=plant,
            )
        )
        units = list(_DEPARTMENTS)
        self.rng.shuffle(units)
        office_units = units[: self.rng.randint(1, min(3, n_children))]
        workshop = "Đội Thi công" if ent.sector.word == "Xây dựng" else "Xưởng sản xuất"
        names = office_units + [
            f"{workshop} số {k + 1}" for k in range(n_children - len(office_units))
        ]
        for unit in names:
            self._plan_child(index, unit, enterprise)
        return index

    def _plan_child(self, parent: int, unit: str, enterprise: int, prefix: str = "") -> int:
        owner = self.orgs[parent]
        lo = owner.founded_on
        founded = self._founded(lo, max(lo, _add_years(self.today, -2)))
        short = _short_company(self.enterprises[enterprise].name)
        header = f"Chi bộ {unit}"
        index = self._add_org(
            _OrgPlan(
                kind=OrgKind.CELL_UNDER_COMMITTEE,
                name=f"{header}, {prefix}{short}",
                header_name=header.upper(),
                parent=parent,
                enterprises=[enterprise],
                founded_on=founded,
                founding_decision=self._number("QĐ", "ĐU", founded),
                issuer="ĐU",
            )
        )
        owner.children.append(index)
        return index

    def _plan_section(self, committee: int, n_children: int, number: int) -> None:
        parent = self.orgs[committee]
        enterprise = parent.enterprises[0]
        short = _short_company(self.enterprises[enterprise].name)
        lo = _add_years(parent.founded_on, 1)
        founded = self._founded(lo, max(lo, _add_years(self.today, -3)))
        unit = f"Nhà máy số {number}"
        section = self._add_org(
            _OrgPlan(
                kind=OrgKind.PARTY_COMMITTEE_SECTION,
                name=f"Đảng bộ {unit}, {short}",
                header_name=f"ĐẢNG BỘ {unit.upper()}",
                abbreviation="ĐU",
                parent=committee,
                enterprises=[enterprise],
                founded_on=founded,
                founding_decision=self._number("QĐ", "ĐU", founded),
                issuer="ĐU",
            )
        )
        parent.children.append(section)
        for k in range(n_children):
            self._plan_child(section, f"Phân xưởng {'ABCD'[k]}", enterprise, f"{unit}, ")

    def _plan_ended(self, count: int, combined: list[int]) -> None:
        for k in range(count):
            if k % 2 == 0:
                self._plan_dissolved()
            else:
                self._plan_merged(combined[-1 - (k // 2) % len(combined)])

    def _plan_dissolved(self) -> None:
        enterprise = self.new_enterprise(EnterpriseType.PRIVATE, 3)
        ent = self.enterprises[enterprise]
        founded = self._founded(date(2005, 1, 1), date(2016, 12, 31))
        ended = self._between(self._months_ago(60), self.today - timedelta(days=60))
        ent.status, ent.ended_on = EnterpriseStatus.DISSOLVED, ended
        ent.notes = "Doanh nghiệp đã giải thể; chi bộ giải thể theo quyết định của cấp ủy cấp trên."
        name = f"Chi bộ {ent.name}"
        org = _OrgPlan(
            kind=OrgKind.CELL_BASE,
            name=name,
            header_name=name.upper(),
            enterprises=[enterprise],
            founded_on=founded,
            founding_decision=self._decision_for(founded),
            ended_on=ended,
            end_reason=OrgEndReason.DISSOLVED,
            end_decision=self._decision_for(ended),
            size=3,
        )
        org.slots = [
            _Slot(_OFF, MemberStatus.TRANSFERRED_OUT, enterprise, before=ended) for _ in range(3)
        ]
        self._add_org(org)

    def _plan_merged(self, target: int) -> None:
        into = self.orgs[target]
        enterprise = self.new_enterprise(EnterpriseType.PRIVATE, 3, small=True)
        ent = self.enterprises[enterprise]
        founded = self._founded(date(2005, 1, 1), into.founded_on)
        lo = max(into.founded_on + timedelta(days=30), self._months_ago(60))
        ended = self._between(lo, self.today - timedelta(days=60))
        name = f"Chi bộ {ent.name}"
        index = self._add_org(
            _OrgPlan(
                kind=OrgKind.CELL_BASE,
                name=name,
                header_name=name.upper(),
                enterprises=[enterprise],
                founded_on=founded,
                founding_decision=self._decision_for(founded),
                ended_on=ended,
                end_reason=OrgEndReason.MERGED,
                end_decision=self._decision_for(ended),
                merged_into=target,
            )
        )
        into.enterprises.append(enterprise)
        moved = self.rng.randint(2, 4)
        into.size += moved
        into.slots.extend(
            _Slot(_OFF, MemberStatus.ACTIVE, enterprise, before=ended, moved_from=index)
            for _ in range(moved)
        )
        note = f"Tiếp nhận đảng viên của {name} (sáp nhập ngày {ended:%d/%m/%Y})."
        into.notes = f"{into.notes} {note}".strip()

    def _committee_cells(self) -> list[int]:
        return [i for i, o in enumerate(self.orgs) if o.kind is OrgKind.CELL_UNDER_COMMITTEE]

    def _size_committee_cells(self) -> None:
        """Give the chi bộ trực thuộc whatever members the other organisations leave over."""
        cells = self._committee_cells()
        others = sum(o.size for o in self.orgs if o.kind is not OrgKind.CELL_UNDER_COMMITTEE)
        remaining = self.scale.members - others
        if remaining < 6 * len(cells):
            raise ValueError(f"Demo scale has too few members for its organisations: {self.scale}")
        weights = [self.rng.uniform(0.5, 1.5) for _ in cells]
        total = sum(weights)
        sizes = [max(6, int(remaining * w / total)) for w in weights]
        k = 0
        while sum(sizes) != remaining:
            step = 1 if sum(sizes) < remaining else -1
            if step > 0 or sizes[k % len(sizes)] > 6:
                sizes[k % len(sizes)] += step
            k += 1
        for index, size in zip(cells, sizes, strict=True):
            self.orgs[index].size = size
        for org in self.orgs:
            if org.kind.is_party_committee:
                ent = self.enterprises[org.enterprises[0]]
                members = self._subtree_size(org)
                ent.workforce = max(ent.workforce, min(MAX_WORKFORCE, members * 3))

    def _subtree_size(self, org: _OrgPlan) -> int:
        return org.size + sum(self._subtree_size(self.orgs[c]) for c in org.children)

    # --- write: organisations ---------------------------------------------------------------------

    def _organisation(self, org: _OrgPlan) -> Organisation:
        links = tuple(
            OrgEnterpriseLink(_saved(self.enterprises[e].id), k == 0)
            for k, e in enumerate(org.enterprises)
        )
        return Organisation(
            name=org.name,
            kind=org.kind,
            header_name=org.header_name,
            abbreviation=org.abbreviation,
            parent_id=self.orgs[org.parent].id if org.parent is not None else None,
            enterprises=links,
            founded_on=org.founded_on,
            founding_decision=org.founding_decision,
            ended_on=org.ended_on,
            end_reason=org.end_reason,
            end_decision=org.end_decision,
            merged_into_id=self.orgs[org.merged_into].id if org.merged_into is not None else None,
            meeting_interval_months=org.meeting_interval_months,
            meeting_exception_decision=org.meeting_exception_decision,
            size_exception_decision=org.size_exception_decision,
            address=org.address,
            phone=org.phone,
            notes=org.notes,
        )

    def write_organisations(self, store: Store) -> None:
        for org in self.orgs:
            org.id = store.organisations.save(self._organisation(org))
            self.tracker.advance()
