"""The office's own settings: which committee it is, how it is named in headers, who signs.

None of this is code: since 7/2025 the supervising committee is usually a ward or commune
committee, elsewhere a provincial one, so every name comes from here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum


class CommitteeLevel(StrEnum):
    WARD = "XA_PHUONG"
    PROVINCE = "TINH"
    DISTRICT = "HUYEN"  # before 7/2025; kept for offices importing old records
    BLOC = "KHOI"
    OTHER = "KHAC"

    @property
    def label(self) -> str:
        return {
            "XA_PHUONG": "Đảng ủy xã, phường, đặc khu",
            "TINH": "Tỉnh ủy, thành ủy",
            "HUYEN": "Quận ủy, huyện ủy (trước 7/2025)",
            "KHOI": "Đảng ủy khối",
            "KHAC": "Cấp khác",
        }[self.value]


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """Business settings stored in the database, so they travel with the file and its backups."""

    committee_level: CommitteeLevel = CommitteeLevel.WARD
    committee_full_name: str = ""  # "Đảng ủy phường An Khánh"
    committee_header: str = ""  # "ĐẢNG ỦY PHƯỜNG AN KHÁNH", as printed in document headers
    upper_body_header: str = ""  # the line above it, e.g. "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    party_body_header: str = ""  # the đảng bộ the base organisations print; blank: derived
    abbreviation: str = "ĐU"  # issuer abbreviation in numbers: "Số 01-GM/ĐU"
    locality: str = ""  # the place in "An Khánh, ngày … tháng … năm …"
    signer_authority: str = "T/M BAN THƯỜNG VỤ"
    signer_title: str = "BÍ THƯ"
    signer_name: str = ""

    @property
    def is_configured(self) -> bool:
        return bool(self.committee_full_name and self.committee_header and self.locality)

    @property
    def org_upper_body_header(self) -> str:
        """The upper line of a base organisation's document header: the đảng bộ it belongs to.

        Set explicitly in the settings, or derived from the committee's name: "ĐẢNG ỦY PHƯỜNG X"
        leads "ĐẢNG BỘ PHƯỜNG X", "TỈNH ỦY X" leads "ĐẢNG BỘ TỈNH X".
        """
        if self.party_body_header.strip():
            return self.party_body_header.strip()
        return derive_party_body(self.committee_header)


# How a committee's name becomes the name of the đảng bộ it leads (domain §3.6).
_COMMITTEE_TO_BODY = (
    ("ĐẢNG ỦY", "ĐẢNG BỘ"),
    ("ĐẢNG UỶ", "ĐẢNG BỘ"),
    ("TỈNH ỦY", "ĐẢNG BỘ TỈNH"),
    ("TỈNH UỶ", "ĐẢNG BỘ TỈNH"),
    ("THÀNH ỦY", "ĐẢNG BỘ THÀNH PHỐ"),
    ("THÀNH UỶ", "ĐẢNG BỘ THÀNH PHỐ"),
    ("QUẬN ỦY", "ĐẢNG BỘ QUẬN"),
    ("HUYỆN ỦY", "ĐẢNG BỘ HUYỆN"),
    ("THỊ ỦY", "ĐẢNG BỘ THỊ XÃ"),
)


def derive_party_body(committee_header: str) -> str:
    header = " ".join(committee_header.upper().split())
    for committee, body in _COMMITTEE_TO_BODY:
        if header.startswith(committee + " "):
            return body + header[len(committee) :]
    return header


SETTING_FIELDS = tuple(f.name for f in fields(OfficeSettings))
