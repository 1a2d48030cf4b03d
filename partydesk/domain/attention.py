"""Rules that warn ("cần chú ý"): situations in the register the office should act on.

The rules take plain facts gathered by the store, so they can be tested on hand-made values and
shown the same way in the attention panel and beside the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from partydesk.domain.organisation import OrgKind

MIN_OFFICIAL_MEMBERS = 3  # Điều lệ: a chi bộ needs at least 3 official members
COMMITTEE_THRESHOLD = 9  # ≥ 9 official members elect a chi ủy
PARTY_COMMITTEE_THRESHOLD = 30  # ≥ 30 members form a đảng bộ cơ sở


class Subject(StrEnum):
    ENTERPRISE = "enterprise"
    ORGANISATION = "organisation"
    MEMBER = "member"


class Rule(StrEnum):
    FEW_OFFICIAL_MEMBERS = "few_official_members"
    NO_COMMITTEE = "no_committee"
    SHOULD_BE_PARTY_COMMITTEE = "should_be_party_committee"
    ENTERPRISE_WITHOUT_ORG = "enterprise_without_org"
    PROBATION_OVERDUE = "probation_overdue"
    TERM_ENDED = "term_ended"

    @property
    def title(self) -> str:
        return RULE_TITLES[self]


RULE_TITLES: dict[Rule, str] = {
    Rule.FEW_OFFICIAL_MEMBERS: "Chi bộ có dưới 3 đảng viên chính thức",
    Rule.NO_COMMITTEE: "Chi bộ từ 9 đảng viên chính thức nhưng chưa có chi ủy",
    Rule.SHOULD_BE_PARTY_COMMITTEE: "Từ 30 đảng viên nhưng chưa là đảng bộ",
    Rule.ENTERPRISE_WITHOUT_ORG: "Doanh nghiệp có từ 3 đảng viên chính thức chưa có tổ chức đảng",
    Rule.PROBATION_OVERDUE: "Quá hạn xét công nhận đảng viên chính thức",
    Rule.TERM_ENDED: "Nhiệm kỳ cấp ủy đã kết thúc",
}


@dataclass(frozen=True, slots=True)
class Attention:
    """One item of the "cần chú ý" panel, pointing at the record it is about."""

    rule: Rule
    subject: Subject
    subject_id: int
    subject_name: str
    message: str
    since: date | None = None


@dataclass(frozen=True, slots=True)
class OrgFacts:
    id: int
    name: str
    kind: OrgKind
    official_members: int
    total_members: int
    has_committee: bool
    size_exception_decision: str
    latest_term_ends_on: date | None


@dataclass(frozen=True, slots=True)
class EnterpriseFacts:
    id: int
    name: str
    official_members_working: int
    has_organisation: bool


@dataclass(frozen=True, slots=True)
class ProbationFacts:
    member_id: int
    name: str
    organisation_name: str
    deadline: date


def organisation_attention(org: OrgFacts, today: date) -> Iterator[Attention]:
    if org.kind.is_cell and org.official_members < MIN_OFFICIAL_MEMBERS:
        yield Attention(
            Rule.FEW_OFFICIAL_MEMBERS,
            Subject.ORGANISATION,
            org.id,
            org.name,
            f"Chỉ có {org.official_members} đảng viên chính thức (cần ít nhất "
            f"{MIN_OFFICIAL_MEMBERS}): cấp ủy cấp trên cần bổ sung đảng viên hoặc sáp nhập.",
        )
    if org.kind.is_cell and org.official_members >= COMMITTEE_THRESHOLD and not org.has_committee:
        yield Attention(
            Rule.NO_COMMITTEE,
            Subject.ORGANISATION,
            org.id,
            org.name,
            f"Có {org.official_members} đảng viên chính thức nhưng nhiệm kỳ hiện tại chưa có "
            "chi ủy viên.",
        )
    if (
        org.kind is OrgKind.CELL_BASE
        and org.total_members >= PARTY_COMMITTEE_THRESHOLD
        and not org.size_exception_decision
    ):
        yield Attention(
            Rule.SHOULD_BE_PARTY_COMMITTEE,
            Subject.ORGANISATION,
            org.id,
            org.name,
            f"Có {org.total_members} đảng viên: cần lập đảng bộ cơ sở, hoặc ghi số văn bản "
            "đồng ý của cấp trên.",
        )
    if org.latest_term_ends_on is not None and org.latest_term_ends_on < today:
        yield Attention(
            Rule.TERM_ENDED,
            Subject.ORGANISATION,
            org.id,
            org.name,
            f"Nhiệm kỳ cấp ủy kết thúc ngày {org.latest_term_ends_on:%d/%m/%Y}, chưa có nhiệm "
            "kỳ mới.",
            since=org.latest_term_ends_on,
        )


def enterprise_attention(enterprise: EnterpriseFacts) -> Iterator[Attention]:
    if (
        enterprise.official_members_working >= MIN_OFFICIAL_MEMBERS
        and not enterprise.has_organisation
    ):
        yield Attention(
            Rule.ENTERPRISE_WITHOUT_ORG,
            Subject.ENTERPRISE,
            enterprise.id,
            enterprise.name,
            f"Có {enterprise.official_members_working} đảng viên chính thức đang làm việc nhưng "
            "chưa có tổ chức đảng (Chỉ thị 33-CT/TW).",
        )


def probation_attention(probation: ProbationFacts, today: date) -> Iterator[Attention]:
    if probation.deadline < today:
        yield Attention(
            Rule.PROBATION_OVERDUE,
            Subject.MEMBER,
            probation.member_id,
            probation.name,
            f"{probation.organisation_name}: hạn xét công nhận chính thức là "
            f"{probation.deadline:%d/%m/%Y}, chưa có quyết định.",
            since=probation.deadline,
        )


def collect_attention(
    orgs: Iterable[OrgFacts],
    enterprises: Iterable[EnterpriseFacts],
    probations: Iterable[ProbationFacts],
    today: date,
) -> list[Attention]:
    """All attention items, grouped by rule in the order of ``Rule``."""
    items: list[Attention] = []
    for org in orgs:
        items.extend(organisation_attention(org, today))
    for enterprise in enterprises:
        items.extend(enterprise_attention(enterprise))
    for probation in probations:
        items.extend(probation_attention(probation, today))
    order = {rule: i for i, rule in enumerate(Rule)}
    return sorted(items, key=lambda a: (order[a.rule], a.subject_name))
