"""Light rows for the register's lists, and the query that selects them.

Lists show thousands of records; these rows carry only what a list column needs, so a page of
them is cheap to fetch. The full record is loaded when a row is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.domain.enterprise import EnterpriseStatus, EnterpriseType
from partydesk.domain.meeting import MeetingKind, MeetingState
from partydesk.domain.member import Gender, MemberStatus, Standing
from partydesk.domain.organisation import OrgKind


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a list shows: a typed search, whether ended records are included, and the order."""

    search: str = ""
    include_ended: bool = False
    sort: str = "name"
    descending: bool = False
    organisation_id: int | None = None
    enterprise_id: int | None = None
    year: int | None = None  # meetings: the year of the month they are for
    # Only these records (the ones an overview figure counts); None: no such restriction.
    only_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class EnterpriseRow:
    id: int
    name: str
    tax_code: str
    type: EnterpriseType
    ward: str
    workforce: int | None
    organisations: str
    members_working: int
    status: EnterpriseStatus


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    name: str
    kind: OrgKind
    parent_name: str
    enterprises: str
    official_members: int
    total_members: int
    secretary: str
    cadre: str
    ended_on: date | None


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    full_name: str
    birth_date: date | None
    gender: Gender | None
    organisation_name: str
    enterprise_name: str
    standing: Standing
    status: MemberStatus
    card_number: str
    admission_decision_date: date | None

    @property
    def status_label(self) -> str:
        if self.status.is_ended:
            return self.status.label
        if self.status is MemberStatus.ACTIVE:
            return self.standing.label
        return f"{self.standing.label} · {self.status.label}"


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    organisation_id: int
    organisation_name: str
    on: date
    kind: MeetingKind
    period_year: int
    period_month: int
    duration_minutes: int | None
    present: int
    total: int
    chair_name: str
    state: MeetingState
    addenda: int
