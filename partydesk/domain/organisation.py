"""Party organisations, their committee terms, committee posts and supervising cadres."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class OrgKind(StrEnum):
    """Kinds of Party organisation a supervising committee deals with (domain §4.1, §8.2)."""

    PARTY_COMMITTEE_BASE = "DANG_BO_CO_SO"
    CELL_BASE = "CHI_BO_CO_SO"
    PARTY_COMMITTEE_SECTION = "DANG_BO_BO_PHAN"
    CELL_UNDER_COMMITTEE = "CHI_BO_TRUC_THUOC"
    CELL_COMBINED = "CHI_BO_GHEP"

    @property
    def label(self) -> str:
        return ORG_KIND_LABELS[self]

    @property
    def is_cell(self) -> bool:
        """A chi bộ of any kind: the unit that holds monthly meetings and keeps minutes."""
        return self in CELL_KINDS

    @property
    def is_party_committee(self) -> bool:
        return self in (OrgKind.PARTY_COMMITTEE_BASE, OrgKind.PARTY_COMMITTEE_SECTION)

    @property
    def default_abbreviation(self) -> str:
        """The issuer abbreviation printed in document numbers ("Số 01-BB/CB")."""
        return "ĐU" if self.is_party_committee else "CB"


ORG_KIND_LABELS: dict[OrgKind, str] = {
    OrgKind.PARTY_COMMITTEE_BASE: "Đảng bộ cơ sở",
    OrgKind.CELL_BASE: "Chi bộ cơ sở",
    OrgKind.PARTY_COMMITTEE_SECTION: "Đảng bộ bộ phận",
    OrgKind.CELL_UNDER_COMMITTEE: "Chi bộ trực thuộc",
    OrgKind.CELL_COMBINED: "Chi bộ ghép",
}

CELL_KINDS = frozenset({OrgKind.CELL_BASE, OrgKind.CELL_UNDER_COMMITTEE, OrgKind.CELL_COMBINED})

# Kinds whose parent is another organisation of the register rather than the supervising committee.
KINDS_WITH_PARENT = frozenset({OrgKind.CELL_UNDER_COMMITTEE, OrgKind.PARTY_COMMITTEE_SECTION})


class OrgEndReason(StrEnum):
    DISSOLVED = "GIAI_THE"
    MERGED = "SAP_NHAP"

    @property
    def label(self) -> str:
        return {"GIAI_THE": "Giải thể", "SAP_NHAP": "Sáp nhập"}[self.value]


@dataclass(frozen=True, slots=True)
class OrgEnterpriseLink:
    enterprise_id: int
    is_primary: bool = False


@dataclass(frozen=True, slots=True)
class Organisation:
    """A Party organisation; ``id`` is None until saved. Ended organisations keep their record."""

    name: str
    kind: OrgKind
    id: int | None = None
    header_name: str = ""
    abbreviation: str = ""
    parent_id: int | None = None
    enterprises: tuple[OrgEnterpriseLink, ...] = ()
    founded_on: date | None = None
    founding_decision: str = ""
    ended_on: date | None = None
    end_reason: OrgEndReason | None = None
    end_decision: str = ""
    merged_into_id: int | None = None
    meeting_interval_months: int = 1
    meeting_exception_decision: str = ""
    size_exception_decision: str = ""
    address: str = ""
    phone: str = ""
    notes: str = ""
    cluster: str = ""  # cụm giao ban: briefing rounds can be split into sittings by it

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None

    @property
    def printed_header(self) -> str:
        """The issuer line of document headers, in capitals ("CHI BỘ CÔNG TY CỔ PHẦN ABC")."""
        return (self.header_name or self.name).upper()

    @property
    def issuer_abbreviation(self) -> str:
        return self.abbreviation or self.kind.default_abbreviation


class CommitteeRole(StrEnum):
    SECRETARY = "BI_THU"
    DEPUTY_SECRETARY = "PHO_BI_THU"
    COMMITTEE_MEMBER = "UY_VIEN"

    @property
    def label(self) -> str:
        return {"BI_THU": "Bí thư", "PHO_BI_THU": "Phó Bí thư", "UY_VIEN": "Cấp ủy viên"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class CommitteePost:
    """A member's post in the committee of one term (bí thư, phó bí thư, chi ủy/đảng ủy viên)."""

    member_id: int
    role: CommitteeRole
    starts_on: date | None = None
    ends_on: date | None = None
    appointed: bool = False  # chỉ định instead of bầu
    decision: str = ""
    id: int | None = None
    member_name: str = ""  # filled by the store for display

    def is_current(self, on: date) -> bool:
        started = self.starts_on is None or self.starts_on <= on
        return started and (self.ends_on is None or self.ends_on >= on)


@dataclass(frozen=True, slots=True)
class Term:
    """A committee term (nhiệm kỳ) of one organisation, with the posts elected or appointed."""

    organisation_id: int
    label: str
    starts_on: date
    ends_on: date | None = None
    congress_on: date | None = None
    notes: str = ""
    posts: tuple[CommitteePost, ...] = field(default=())
    id: int | None = None

    def is_current(self, on: date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def has_ended(self, on: date) -> bool:
        return self.ends_on is not None and self.ends_on < on

    def current_posts(self, on: date) -> tuple[CommitteePost, ...]:
        return tuple(p for p in self.posts if p.is_current(on))

    def has_committee(self, on: date) -> bool:
        """A chi ủy exists when the term has committee members beyond the secretaries."""
        return any(p.role is CommitteeRole.COMMITTEE_MEMBER for p in self.current_posts(on))


def secretary_on(terms: Iterable[Term], on: date) -> CommitteePost | None:
    """The bí thư's post in force on ``on`` in the organisation's terms, None when none is."""
    return next(
        (
            post
            for term in terms
            if term.is_current(on)
            for post in term.current_posts(on)
            if post.role is CommitteeRole.SECRETARY
        ),
        None,
    )


@dataclass(frozen=True, slots=True)
class Cadre:
    """A cadre of the supervising committee who can be put in charge of organisations."""

    full_name: str
    title: str = ""
    phone: str = ""
    active: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CadreAssignment:
    """The supervising cadre (cán bộ phụ trách) of an organisation over a period (Chỉ thị 33)."""

    organisation_id: int
    cadre_id: int
    starts_on: date
    ends_on: date | None = None
    id: int | None = None
    cadre_name: str = ""

    def is_current(self, on: date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)
