"""Enterprises on the committee's territory, classified as Party statistics classify them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class EnterpriseType(StrEnum):
    """The eight statistical categories of enterprise used in Party reports (domain §4.3)."""

    STATE = "DNNN"
    STATE_CONTROLLED_JSC = "CP_NN_CHI_PHOI"
    STATE_MINORITY_JSC = "CP_NN_KHONG_CHI_PHOI"
    PRIVATE = "TU_NHAN"
    FOREIGN = "FDI"
    COOPERATIVE = "HTX"
    NON_PUBLIC_SERVICE = "DVSN_NGOAI_CONG_LAP"
    OTHER = "KHAC"

    @property
    def label(self) -> str:
        return ENTERPRISE_TYPE_LABELS[self]


ENTERPRISE_TYPE_LABELS: dict[EnterpriseType, str] = {
    EnterpriseType.STATE: "Doanh nghiệp nhà nước",
    EnterpriseType.STATE_CONTROLLED_JSC: "Cổ phần có vốn nhà nước chi phối",
    EnterpriseType.STATE_MINORITY_JSC: "Cổ phần có vốn nhà nước không chi phối",
    EnterpriseType.PRIVATE: "Doanh nghiệp tư nhân (DNTN, TNHH, cổ phần tư nhân)",
    EnterpriseType.FOREIGN: "Doanh nghiệp có vốn đầu tư nước ngoài",
    EnterpriseType.COOPERATIVE: "Hợp tác xã",
    EnterpriseType.NON_PUBLIC_SERVICE: "Đơn vị sự nghiệp ngoài công lập",
    EnterpriseType.OTHER: "Cơ quan, loại hình khác",
}


class EnterpriseStatus(StrEnum):
    ACTIVE = "HOAT_DONG"
    SUSPENDED = "TAM_NGUNG"
    DISSOLVED = "GIAI_THE"

    @property
    def label(self) -> str:
        return {"HOAT_DONG": "Đang hoạt động", "TAM_NGUNG": "Tạm ngừng", "GIAI_THE": "Giải thể"}[
            self.value
        ]

    @property
    def is_ended(self) -> bool:
        return self is EnterpriseStatus.DISSOLVED


@dataclass(frozen=True, slots=True)
class MassOrganisation:
    """A công đoàn, Đoàn thanh niên or Hội phụ nữ inside the enterprise."""

    present: bool = False
    members: int | None = None


@dataclass(frozen=True, slots=True)
class Enterprise:
    """One enterprise of the register; ``id`` is None until it is saved."""

    name: str
    type: EnterpriseType
    id: int | None = None
    tax_code: str = ""
    sector: str = ""
    address: str = ""
    ward: str = ""
    workforce: int | None = None
    workforce_counted_on: date | None = None
    legal_representative: str = ""
    established_on: date | None = None  # ngày thành lập: before it, not on the territory
    owner_is_member: bool = False
    trade_union: MassOrganisation = MassOrganisation()
    youth_union: MassOrganisation = MassOrganisation()
    women_union: MassOrganisation = MassOrganisation()
    party_members_working: int | None = None
    official_members_working: int | None = None
    status: EnterpriseStatus = EnterpriseStatus.ACTIVE
    ended_on: date | None = None
    notes: str = ""

    @property
    def is_ended(self) -> bool:
        return self.status.is_ended
