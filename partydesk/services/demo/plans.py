"""The office planned in memory before it is written: enterprises, organisations, slots."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from partydesk.domain.enterprise import EnterpriseStatus, EnterpriseType
from partydesk.domain.member import EventKind, Gender, MemberStatus, Standing
from partydesk.domain.organisation import OrgEndReason, OrgKind
from partydesk.services.demo.catalogue import _NOT_COUNTED, _Sector


@dataclass(slots=True)
class _Person:
    full_name: str
    gender: Gender


@dataclass(slots=True)
class _EntPlan:
    name: str
    type: EnterpriseType
    sector: _Sector
    tax_code: str
    address: str
    ward: str
    workforce: int
    legal_representative: str
    status: EnterpriseStatus = EnterpriseStatus.ACTIVE
    ended_on: date | None = None
    owner: _Person | None = None
    without_org: bool = False  # planted: official members working but no organisation
    report_counts: bool = True
    extra_members: int = 0  # party members working here, registered elsewhere
    extra_official: int = 0
    counted: int = 0
    official: int = 0
    notes: str = ""
    established_on: date | None = None  # set once the organisations are planned
    id: int | None = None


@dataclass(slots=True)
class _Slot:
    """One member to be: what the plan fixes before the person is drawn."""

    standing: Standing
    status: MemberStatus
    enterprise: int | None
    owner: _Person | None = None
    overdue: bool = False
    elderly: bool = False
    before: date | None = None  # joined, and official, before this day (moves, dissolutions)
    moved_from: int | None = None  # the merged organisation the member came from

    @property
    def counted(self) -> bool:
        return self.status not in _NOT_COUNTED

    @property
    def counted_official(self) -> bool:
        return self.standing is Standing.OFFICIAL and self.status not in _NOT_COUNTED

    @property
    def active_official(self) -> bool:
        return self.standing is Standing.OFFICIAL and self.status is MemberStatus.ACTIVE


@dataclass(slots=True)
class _OrgPlan:
    kind: OrgKind
    name: str
    header_name: str
    enterprises: list[int]  # indexes of plan enterprises, the primary first
    founded_on: date
    founding_decision: str
    abbreviation: str = ""
    size: int = 0
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    ended_on: date | None = None
    end_reason: OrgEndReason | None = None
    end_decision: str = ""
    merged_into: int | None = None
    meeting_interval_months: int = 1
    meeting_exception_decision: str = ""
    size_exception_decision: str = ""
    address: str = ""
    phone: str = ""
    notes: str = ""
    plant: str = ""
    issuer: str = ""  # abbreviation of whoever decides on this organisation's members
    slots: list[_Slot] = field(default_factory=list)
    id: int | None = None
    pool: list[tuple[int, date]] = field(default_factory=list)  # active officials (id, official)
    former: list[int] = field(default_factory=list)  # members of an ended organisation

    @property
    def top_level(self) -> bool:
        return self.parent is None

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None

    @property
    def counted_official(self) -> int:
        return sum(1 for s in self.slots if s.counted_official)

    @property
    def active_officials(self) -> int:
        return sum(1 for s in self.slots if s.active_official)


@dataclass(slots=True)
class _Life:
    birth: date
    admission: date
    ceremony: date
    official: date | None
    joined: date  # when the member's history in this organisation begins
    transferred_in: date | None


@dataclass(frozen=True, slots=True)
class _Shape:
    """How many organisations of each kind the office has."""

    committees: int  # đảng bộ cơ sở
    children: tuple[int, ...]  # chi bộ trực thuộc of each đảng bộ cơ sở
    section_children: tuple[int, ...]  # chi bộ of each đảng bộ bộ phận
    ended: int
    combined: int
    cells: int  # chi bộ cơ sở


_Event = tuple[EventKind, date, str, str, int | None, date | None, str]
