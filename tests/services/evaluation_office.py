"""A small office register for the evaluation service and document tests.

Two tổ chức cơ sở đảng: a đảng bộ with one chi bộ trực thuộc, and a chi bộ cơ sở. Its members
cover every case the roll of 31/12/2025 decides: exempt, suspended, admitted less than six
months before, here on sinh hoạt tạm thời, probationary, a leader in the political system
holding a committee post (form 2B) and ordinary members outside it (form 2C).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from partydesk.domain.evaluation import Cycle, Level, MemberEvaluation
from partydesk.domain.member import Member, MemberStatus, Standing
from partydesk.domain.organisation import CommitteePost, CommitteeRole, Organisation, OrgKind, Term
from partydesk.services.app import AppServices
from tests.common import WARD_OFFICE

OFFICE = replace(
    WARD_OFFICE,
    upper_body_header="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    signer_name="Phạm Đình Thịnh",
)

BASE = "Đảng bộ Công ty Sông Hồng"
UNDER = "Chi bộ Phân xưởng 1"
CELL = "Chi bộ Công ty An Phát"

LEADER = "Đỗ Văn Lãnh"  # in the political system, Bí thư of the đảng bộ: 2B
ORDINARY = "Vũ Thị Thường"  # member of the chi bộ trực thuộc, outside the system: 2C
COLLEAGUE = "Ngô Văn Bạn"  # a second ordinary member of the đảng bộ
PROBATIONARY = "Hoàng Văn Dự"
EXEMPT = "Nguyễn Văn Miễn"
SUSPENDED = "Trần Thị Đình"
NEW = "Lê Văn Mới"
GUEST = "Phạm Thị Tạm"

ORDINARY_BIRTH = date(1988, 3, 7)


@dataclass
class EvaluationOffice:
    services: AppServices
    base: int
    under: int
    cell: int
    members: dict[str, int]

    @property
    def evaluation(self):
        return self.services.evaluation

    def open(self, year: int = 2025) -> Cycle:
        return self.evaluation.open_cycle(self.evaluation.propose_cycle(year))

    def row(self, cycle: Cycle, name: str) -> MemberEvaluation:
        member_id = self.members[name]
        return next(r for r in self.evaluation.member_rows(cycle.id) if r.member_id == member_id)

    def add_member(self, name: str, organisation_id: int, **fields) -> int:
        member_id = self.services.register.save_member(
            Member(full_name=name, organisation_id=organisation_id, **_official(fields))
        )
        self.members[name] = member_id
        return member_id

    def decide_everything(self, cycle: Cycle, level: Level = Level.GOOD) -> None:
        """Every evaluated member and every organisation decided at ``level`` (no scores)."""
        rows = [
            replace(r, self_level=level, proposed_level=level, decided_level=level)
            for r in self.evaluation.member_rows(cycle.id)
            if r.is_evaluated
        ]
        self.evaluation.save_members(cycle.id, rows)
        for org in self.evaluation.org_rows(cycle.id):
            self.evaluation.save_organisation(replace(org, decided_level=level))


def _official(fields: dict) -> dict:
    values = {
        "standing": Standing.OFFICIAL,
        "admission_decision_date": date(2010, 5, 19),
        "official_date": date(2011, 5, 19),
    }
    values.update(fields)
    return values


def build_office(services: AppServices) -> EvaluationOffice:
    services.office.save(OFFICE)
    register = services.register
    base = register.save_organisation(Organisation(BASE, OrgKind.PARTY_COMMITTEE_BASE))
    under = register.save_organisation(
        Organisation(UNDER, OrgKind.CELL_UNDER_COMMITTEE, parent_id=base)
    )
    cell = register.save_organisation(Organisation(CELL, OrgKind.CELL_BASE))
    office = EvaluationOffice(services, base, under, cell, {})
    office.add_member(LEADER, base, in_political_system=True, birth_date=date(1975, 1, 2))
    office.add_member(ORDINARY, under, birth_date=ORDINARY_BIRTH, job_title="Kỹ sư")
    office.add_member(COLLEAGUE, under)
    office.add_member(
        PROBATIONARY,
        cell,
        standing=Standing.PROBATIONARY,
        admission_decision_date=date(2025, 3, 1),
        official_date=None,
    )
    office.add_member(EXEMPT, cell, status=MemberStatus.EXEMPT)
    office.add_member(SUSPENDED, cell, status=MemberStatus.SUSPENDED)
    office.add_member(
        NEW,
        cell,
        standing=Standing.PROBATIONARY,
        admission_decision_date=date(2025, 9, 1),
        official_date=None,
    )
    office.add_member(GUEST, cell, status=MemberStatus.TEMP_GUEST)
    register.save_term(
        Term(
            organisation_id=base,
            label="2020–2025",
            starts_on=date(2020, 6, 1),
            posts=(CommitteePost(office.members[LEADER], CommitteeRole.SECRETARY),),
        )
    )
    return office
