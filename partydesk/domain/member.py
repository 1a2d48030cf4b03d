"""Party members, their standing and activity status, and the events that change them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum


class Gender(StrEnum):
    MALE = "NAM"
    FEMALE = "NU"

    @property
    def label(self) -> str:
        return "Nam" if self is Gender.MALE else "Nữ"


class Standing(StrEnum):
    """Probationary or full member: orthogonal to where and whether the member is active."""

    PROBATIONARY = "DU_BI"
    OFFICIAL = "CHINH_THUC"

    @property
    def label(self) -> str:
        return "Dự bị" if self is Standing.PROBATIONARY else "Chính thức"


class MemberStatus(StrEnum):
    """Activity status of a member in the organisation that holds the record (domain §8.3)."""

    ACTIVE = "DANG_SINH_HOAT"
    EXEMPT = "MIEN_CT_SH"  # miễn công tác và sinh hoạt đảng
    SUSPENDED = "DINH_CHI_SH"
    TEMP_AWAY = "SHT_NOI_KHAC"  # sent to sinh hoạt tạm thời elsewhere
    TEMP_GUEST = "SHT_DEN"  # here on sinh hoạt tạm thời, officially registered elsewhere
    TRANSFERRED_OUT = "DA_CHUYEN_DI"
    DECEASED = "TU_TRAN"
    STRUCK_OFF = "XOA_TEN"
    EXPELLED = "KHAI_TRU"
    RESIGNED = "XIN_RA"

    @property
    def label(self) -> str:
        return MEMBER_STATUS_LABELS[self]

    @property
    def is_ended(self) -> bool:
        """The member has left the organisation; the record is kept and hidden by default."""
        return self in ENDED_STATUSES


MEMBER_STATUS_LABELS: dict[MemberStatus, str] = {
    MemberStatus.ACTIVE: "Đang sinh hoạt",
    MemberStatus.EXEMPT: "Miễn công tác và sinh hoạt",
    MemberStatus.SUSPENDED: "Đình chỉ sinh hoạt",
    MemberStatus.TEMP_AWAY: "Sinh hoạt tạm thời nơi khác",
    MemberStatus.TEMP_GUEST: "Sinh hoạt tạm thời đến",
    MemberStatus.TRANSFERRED_OUT: "Đã chuyển đi",
    MemberStatus.DECEASED: "Từ trần",
    MemberStatus.STRUCK_OFF: "Xóa tên",
    MemberStatus.EXPELLED: "Khai trừ",
    MemberStatus.RESIGNED: "Xin ra khỏi Đảng",
}

ENDED_STATUSES = frozenset(
    {
        MemberStatus.TRANSFERRED_OUT,
        MemberStatus.DECEASED,
        MemberStatus.STRUCK_OFF,
        MemberStatus.EXPELLED,
        MemberStatus.RESIGNED,
    }
)


@dataclass(frozen=True, slots=True)
class Member:
    """A Party member's record. CCCD, số thẻ and số lý lịch are text: leading zeros count."""

    full_name: str
    id: int | None = None
    birth_name: str = ""
    birth_date: date | None = None
    gender: Gender | None = None
    ethnicity: str = "Kinh"
    religion: str = "Không"
    cccd: str = ""
    hometown: str = ""
    residence: str = ""
    phone: str = ""
    email: str = ""
    education: str = ""
    expertise: str = ""
    political_theory: str = ""
    occupation_before: str = ""
    card_number: str = ""
    dossier_number: str = ""
    enterprise_id: int | None = None
    job_title: str = ""
    is_owner: bool = False
    is_manager: bool = False
    in_political_system: bool = False
    admission_decision_date: date | None = None
    admission_decision_number: str = ""
    ceremony_date: date | None = None
    official_date: date | None = None
    official_decision_number: str = ""
    organisation_id: int | None = None
    standing: Standing = Standing.PROBATIONARY
    status: MemberStatus = MemberStatus.ACTIVE
    status_until: date | None = None  # end of an exemption or of sinh hoạt tạm thời
    notes: str = ""

    @property
    def is_ended(self) -> bool:
        return self.status.is_ended

    @property
    def is_official(self) -> bool:
        return self.standing is Standing.OFFICIAL

    @property
    def status_label(self) -> str:
        if self.is_ended:
            return self.status.label
        if self.status is MemberStatus.ACTIVE:
            return self.standing.label
        return f"{self.standing.label} · {self.status.label}"


class EventKind(StrEnum):
    """Status events of a member's life in the Party (biến động, domain §8.3)."""

    ADMITTED = "KET_NAP"
    RECOGNISED_OFFICIAL = "CONG_NHAN_CT"
    TRANSFER_OUT = "CHUYEN_CT_DI"
    TRANSFER_IN = "CHUYEN_CT_DEN"
    TEMP_OUT = "CHUYEN_TAM_THOI_DI"
    TEMP_IN = "CHUYEN_TAM_THOI_DEN"
    TEMP_ENDED = "KET_THUC_SHT"
    EXEMPTED = "MIEN_SH"
    RESUMED = "TRO_LAI_SH"
    SUSPENDED = "DINH_CHI"
    DECEASED = "TU_TRAN"
    STRUCK_OFF = "XOA_TEN"
    EXPELLED = "KHAI_TRU"
    RESIGNED = "XIN_RA"

    @property
    def label(self) -> str:
        return EVENT_KIND_LABELS[self]


EVENT_KIND_LABELS: dict[EventKind, str] = {
    EventKind.ADMITTED: "Kết nạp",
    EventKind.RECOGNISED_OFFICIAL: "Công nhận đảng viên chính thức",
    EventKind.TRANSFER_OUT: "Chuyển sinh hoạt chính thức đi",
    EventKind.TRANSFER_IN: "Chuyển sinh hoạt chính thức đến",
    EventKind.TEMP_OUT: "Chuyển sinh hoạt tạm thời đi",
    EventKind.TEMP_IN: "Sinh hoạt tạm thời đến",
    EventKind.TEMP_ENDED: "Kết thúc sinh hoạt tạm thời",
    EventKind.EXEMPTED: "Miễn công tác và sinh hoạt đảng",
    EventKind.RESUMED: "Trở lại sinh hoạt",
    EventKind.SUSPENDED: "Đình chỉ sinh hoạt",
    EventKind.DECEASED: "Từ trần",
    EventKind.STRUCK_OFF: "Xóa tên",
    EventKind.EXPELLED: "Khai trừ",
    EventKind.RESIGNED: "Xin ra khỏi Đảng",
}

# The activity status each event leaves the member in; None keeps the current status.
_STATUS_AFTER: dict[EventKind, MemberStatus | None] = {
    EventKind.ADMITTED: MemberStatus.ACTIVE,
    EventKind.RECOGNISED_OFFICIAL: None,
    EventKind.TRANSFER_OUT: MemberStatus.TRANSFERRED_OUT,
    EventKind.TRANSFER_IN: MemberStatus.ACTIVE,
    EventKind.TEMP_OUT: MemberStatus.TEMP_AWAY,
    EventKind.TEMP_IN: MemberStatus.TEMP_GUEST,
    EventKind.TEMP_ENDED: MemberStatus.ACTIVE,
    EventKind.EXEMPTED: MemberStatus.EXEMPT,
    EventKind.RESUMED: MemberStatus.ACTIVE,
    EventKind.SUSPENDED: MemberStatus.SUSPENDED,
    EventKind.DECEASED: MemberStatus.DECEASED,
    EventKind.STRUCK_OFF: MemberStatus.STRUCK_OFF,
    EventKind.EXPELLED: MemberStatus.EXPELLED,
    EventKind.RESIGNED: MemberStatus.RESIGNED,
}

STATUS_AFTER: Mapping[EventKind, MemberStatus | None] = _STATUS_AFTER

# Events that carry an end date (the exemption or the temporary activity runs until then).
EVENTS_WITH_UNTIL = frozenset({EventKind.TEMP_OUT, EventKind.TEMP_IN, EventKind.EXEMPTED})


@dataclass(frozen=True, slots=True)
class MemberEvent:
    """One dated event in a member's history; applying it updates the member's record."""

    member_id: int
    kind: EventKind
    on: date
    decision_number: str = ""
    other_organisation: str = ""  # where the member came from or went to, as written
    to_organisation_id: int | None = None  # for transfers inside the register
    until: date | None = None
    note: str = ""
    id: int | None = None

    def apply(self, member: Member) -> Member:
        """The member record as it is after this event."""
        status = _STATUS_AFTER[self.kind]
        changes: dict[str, object] = {}
        if status is not None:
            changes["status"] = status
            changes["status_until"] = self.until if self.kind in EVENTS_WITH_UNTIL else None
        if self.kind is EventKind.ADMITTED:
            changes["standing"] = Standing.PROBATIONARY
            changes["admission_decision_date"] = member.admission_decision_date or self.on
            if self.decision_number:
                changes["admission_decision_number"] = self.decision_number
        if self.kind is EventKind.RECOGNISED_OFFICIAL:
            changes["standing"] = Standing.OFFICIAL
            changes["official_date"] = self.on
            if self.decision_number:
                changes["official_decision_number"] = self.decision_number
        if self.to_organisation_id is not None and self.kind in (
            EventKind.TRANSFER_IN,
            EventKind.TRANSFER_OUT,
        ):
            # A transfer between two organisations of the register moves the record and keeps
            # the member active; only a transfer out of the register ends it.
            changes["organisation_id"] = self.to_organisation_id
            changes["status"] = MemberStatus.ACTIVE
        return replace(member, **changes)
