"""The sample office ("--demo"): a deterministic, realistic register for trying PartyDesk out.

``create_demo_database`` builds a complete PartyDesk file for a made-up supervising committee and
``populate_demo`` fills an empty store with it. Two scales are offered:

* ``district``: the Đảng ủy of a Hà Nội ward (about 400 enterprises, 120 Party organisations,
  3,000 members), the typical office since the district level ended on 01/7/2025;
* ``province``: a Tỉnh ủy (about 6,000 enterprises, 2,000 organisations, 100,000 members), to
  feel how the program copes with a large register.

``_tiny`` (60 enterprises, 24 organisations, 400 members) exists for the test suite; the leading
underscore keeps it out of the command line.

The data is Vietnamese and follows the domain rules: names in Vietnamese order weighted by real
family-name frequency, valid tax codes, CCCD numbers that agree with the birth year and gender,
admission, ceremony and official dates that follow the Điều lệ, committee terms with their posts,
and a member history whose events replay to the member's record. A handful of records
deliberately trigger each "cần chú ý" rule, so the panel has something to show without being
noise.

Everything comes from ``random.Random(seed)`` and the ``today`` passed in: the same seed, scale
and day give the same rows. The generator first plans the office in memory (structure, sizes and
statuses, so figures such as "đảng viên đang làm việc" are known before enterprises are written),
then writes it inside one transaction with bulk inserts, so it is fast and all-or-nothing.
"""

from __future__ import annotations

import calendar
import os
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from partydesk.domain.dates import official_decision_deadline, probation_end
from partydesk.domain.enterprise import (
    Enterprise,
    EnterpriseStatus,
    EnterpriseType,
    MassOrganisation,
)
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.identifiers import tax_check_digit
from partydesk.domain.member import (
    ENDED_STATUSES,
    EventKind,
    Gender,
    Member,
    MemberEvent,
    MemberStatus,
    Standing,
)
from partydesk.domain.organisation import (
    Cadre,
    CadreAssignment,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEndReason,
    OrgEnterpriseLink,
    OrgKind,
    Term,
)
from partydesk.domain.settings import CommitteeLevel, OfficeSettings
from partydesk.domain.text import fold
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.db import transaction
from partydesk.store.store import Store, create_store

T = TypeVar("T")

# --- scales -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoScale:
    """Target sizes of a sample office; the generator lands on them exactly or within 5 %."""

    enterprises: int
    organisations: int
    members: int
    cadres: int = 8
    party_committee_share: float = 0.06  # share of organisations that are đảng bộ cơ sở
    cells_per_committee: tuple[int, int] = (4, 8)  # chi bộ trực thuộc of each đảng bộ
    region: str = "ha_noi"


SCALES: dict[str, DemoScale] = {
    "district": DemoScale(enterprises=400, organisations=120, members=3000),
    "province": DemoScale(
        6000,
        2000,
        100_000,
        cadres=60,
        party_committee_share=0.08,
        cells_per_committee=(4, 10),
        region="bac_ninh",
    ),
    # For the test suite only (fast); the underscore keeps it out of the command line.
    "_tiny": DemoScale(
        60, 24, 400, cadres=4, party_committee_share=0.1, cells_per_committee=(3, 4)
    ),
}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the sample office contains, row counts per table."""

    scale: str
    seed: int
    enterprises: int
    organisations: int
    members: int
    member_events: int
    terms: int
    committee_posts: int
    cadres: int
    cadre_assignments: int

    def describe(self) -> str:
        """One Vietnamese line for the command line and logs."""
        parts = (
            (self.enterprises, "doanh nghiệp"),
            (self.organisations, "tổ chức đảng"),
            (self.members, "đảng viên"),
            (self.member_events, "biến động đảng viên"),
            (self.terms, "nhiệm kỳ"),
            (self.committee_posts, "chức vụ cấp ủy"),
            (self.cadres, "cán bộ phụ trách"),
        )
        return ", ".join(f"{_vn(n)} {label}" for n, label in parts) + "."


# --- regions: the committee and its territory ---------------------------------------------------

# Since 01/7/2025 there is no district level: older decisions were signed by the huyện ủy (or
# the provincial đảng ủy khối), newer ones by the ward or provincial committee itself.
TWO_LEVEL_SINCE = date(2025, 7, 1)


@dataclass(frozen=True, slots=True)
class _Region:
    settings: OfficeSettings
    old_issuer: str  # issuer abbreviation of decisions before 01/7/2025
    city: str  # closes every address: "thành phố Hà Nội"
    enterprise_wards: tuple[str, ...]
    residence_wards: tuple[str, ...]
    local_streets: tuple[str, ...]  # streets of the committee's territory
    streets: tuple[str, ...]  # streets where members live
    industrial_parks: tuple[str, ...]
    tax_prefixes: tuple[str, ...]
    local_cccd_codes: tuple[str, ...]
    landline_prefix: str
    leader_titles: tuple[str, ...]  # cadre titles; the first is the Bí thư who signs
    member_titles: tuple[str, ...]  # more cadre titles, used in turn when more are needed
    inactive_title: str
    places: tuple[str, ...]  # used in names of state-owned companies


_HA_NOI = _Region(
    settings=OfficeSettings(
        committee_level=CommitteeLevel.WARD,
        committee_full_name="Đảng ủy phường An Khánh",
        committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
        upper_body_header="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        abbreviation="ĐU",
        locality="An Khánh",
        signer_authority="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
    ),
    old_issuer="HU",
    city="thành phố Hà Nội",
    enterprise_wards=("Phường An Khánh",),
    residence_wards=(
        "Phường An Khánh",
        "Phường Tây Mỗ",
        "Phường Đại Mỗ",
        "Phường Xuân Phương",
        "Phường Từ Liêm",
        "Phường Dương Nội",
        "Phường Hà Đông",
        "Phường Kiến Hưng",
        "Phường Thanh Xuân",
        "Phường Khương Đình",
        "Phường Cầu Giấy",
        "Phường Yên Hòa",
        "Phường Láng",
        "Phường Đống Đa",
        "Xã Hoài Đức",
        "Xã Sơn Đồng",
        "Xã Dương Hòa",
        "Xã Đan Phượng",
    ),
    local_streets=(
        "đại lộ Thăng Long",
        "đường Lê Trọng Tấn",
        "đường An Khánh",
        "phố Song Phương",
        "phố Vân Lũng",
        "phố Lũng Kênh",
        "đường Lê Quang Đạo",
    ),
    streets=(
        "phố Nguyễn Trãi",
        "phố Lê Trọng Tấn",
        "đường Lê Quang Đạo",
        "phố Trần Phú",
        "đường Tố Hữu",
        "phố Quang Trung",
        "đường Lê Văn Lương",
        "phố Trần Duy Hưng",
        "đường Láng",
        "phố Xuân Thủy",
        "đường Hồ Tùng Mậu",
        "phố Vạn Phúc",
        "đường Phùng Khoang",
        "phố Văn Quán",
        "phố Nguyễn Văn Lộc",
        "đường Mỗ Lao",
        "phố Lưu Hữu Phước",
        "phố Đỗ Đức Dục",
    ),
    industrial_parks=("Cụm công nghiệp An Khánh", "Khu đô thị Nam An Khánh"),
    tax_prefixes=("0100", "0101", "0102", "0104", "0105", "0106", "0107", "0108", "0109", "0110"),
    local_cccd_codes=("001",),
    landline_prefix="024",
    leader_titles=(
        "Bí thư Đảng ủy phường",
        "Phó Bí thư Thường trực Đảng ủy phường",
        "Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân phường",
        "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy phường",
        "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy phường",
        "Đảng ủy viên, Phó Chủ tịch Ủy ban nhân dân phường",
        "Đảng ủy viên, Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường",
    ),
    member_titles=(
        "Đảng ủy viên, Phó Trưởng Ban Xây dựng Đảng",
        "Đảng ủy viên, Chủ tịch Công đoàn phường",
        "Đảng ủy viên, Bí thư Đoàn Thanh niên phường",
    ),
    inactive_title="Nguyên Ủy viên Ban Thường vụ Huyện ủy Hoài Đức",
    places=("Hà Nội", "Thăng Long", "Hà Đông", "Sông Đà", "Tràng An", "Hoài Đức"),
)

_BAC_NINH_WARDS = (
    "Phường Kinh Bắc", "Phường Võ Cường", "Phường Vũ Ninh", "Phường Hạp Lĩnh", "Phường Nam Sơn",
    "Phường Từ Sơn", "Phường Tam Sơn", "Phường Đồng Nguyên", "Phường Phù Khê",
    "Phường Thuận Thành", "Phường Trạm Lộ", "Phường Quế Võ", "Phường Nhân Hòa",
    "Phường Bắc Giang", "Phường Đa Mai", "Phường Việt Yên", "Phường Nếnh", "Xã Yên Phong",
    "Xã Tiên Du", "Xã Đại Đồng", "Xã Gia Bình", "Xã Lương Tài",
)  # fmt: skip

_BAC_NINH = _Region(
    settings=OfficeSettings(
        committee_level=CommitteeLevel.PROVINCE,
        committee_full_name="Tỉnh ủy Bắc Ninh",
        committee_header="TỈNH ỦY BẮC NINH",
        upper_body_header="",  # a tỉnh ủy prints its own name alone (HD 36)
        abbreviation="TU",
        locality="Bắc Ninh",
        signer_authority="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
    ),
    old_issuer="ĐUK",
    city="tỉnh Bắc Ninh",
    enterprise_wards=_BAC_NINH_WARDS,
    residence_wards=_BAC_NINH_WARDS,
    local_streets=(
        "đường Lý Thái Tổ",
        "đường Ngô Gia Tự",
        "đường Nguyễn Gia Thiều",
        "đường Trần Hưng Đạo",
        "đường Kinh Dương Vương",
        "đường Lý Anh Tông",
        "đường Lê Thái Tổ",
        "đường Hùng Vương",
    ),
    streets=(
        "đường Lý Thái Tổ",
        "đường Ngô Gia Tự",
        "đường Nguyễn Gia Thiều",
        "đường Trần Hưng Đạo",
        "đường Hai Bà Trưng",
        "đường Nguyễn Trãi",
        "đường Nguyễn Văn Cừ",
        "đường Lý Anh Tông",
        "phố Hoàng Quốc Việt",
        "đường Hoàng Văn Thụ",
        "đường Xương Giang",
        "đường Lê Lợi",
        "đường Minh Khai",
    ),
    industrial_parks=(
        "Khu công nghiệp Quế Võ",
        "Khu công nghiệp Tiên Sơn",
        "Khu công nghiệp VSIP Bắc Ninh",
        "Khu công nghiệp Yên Phong",
        "Khu công nghiệp Đại Đồng – Hoàn Sơn",
        "Khu công nghiệp Thuận Thành II",
        "Khu công nghiệp Quang Châu",
        "Khu công nghiệp Đình Trám",
        "Khu công nghiệp Vân Trung",
        "Khu công nghiệp Song Khê – Nội Hoàng",
    ),
    tax_prefixes=("2300", "2301", "2400", "2401"),
    local_cccd_codes=("027", "024"),
    landline_prefix="0222",
    leader_titles=(
        "Bí thư Tỉnh ủy",
        "Phó Bí thư Thường trực Tỉnh ủy",
        "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh",
        "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy",
        "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
        "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ủy viên Ban Thường vụ, Bí thư Đảng ủy Ủy ban nhân dân tỉnh",
        "Ủy viên Ban Thường vụ, Bí thư Đảng ủy các cơ quan Đảng tỉnh",
        "Ủy viên Ban Thường vụ, Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh",
        "Tỉnh ủy viên, Phó Trưởng Ban Tổ chức Tỉnh ủy",
        "Tỉnh ủy viên, Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
        "Tỉnh ủy viên, Giám đốc Sở Công Thương",
        "Tỉnh ủy viên, Giám đốc Sở Tài chính",
        "Tỉnh ủy viên, Giám đốc Sở Nội vụ",
        "Tỉnh ủy viên, Trưởng Ban Quản lý các khu công nghiệp tỉnh",
        "Tỉnh ủy viên, Chủ tịch Liên đoàn Lao động tỉnh",
        "Tỉnh ủy viên, Bí thư Tỉnh đoàn",
    ),
    member_titles=tuple(
        f"Tỉnh ủy viên, Bí thư Đảng ủy {ward[0].lower()}{ward[1:]}" for ward in _BAC_NINH_WARDS
    )
    + (
        "Phó Trưởng Ban Tổ chức Tỉnh ủy",
        "Trưởng phòng Tổ chức cơ sở đảng, Ban Tổ chức Tỉnh ủy",
        "Phó Trưởng phòng Tổ chức cơ sở đảng, Ban Tổ chức Tỉnh ủy",
        "Chuyên viên Ban Tổ chức Tỉnh ủy",
        "Chuyên viên Ủy ban Kiểm tra Tỉnh ủy",
    ),
    inactive_title="Nguyên Phó Bí thư Đảng ủy Khối Doanh nghiệp tỉnh",
    places=("Bắc Ninh", "Kinh Bắc", "Bắc Giang", "Từ Sơn", "Quế Võ", "Thuận Thành"),
)

_REGIONS = {"ha_noi": _HA_NOI, "bac_ninh": _BAC_NINH}

# --- people: names, hometowns ------------------------------------------------------------------

_FAMILY_NAMES = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 71), ("Hoàng", 46), ("Huỳnh", 5),
    ("Phan", 45), ("Vũ", 35), ("Võ", 4), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 9), ("Đào", 8), ("Đoàn", 5), ("Trịnh", 7),
    ("Mai", 5), ("Lương", 5), ("Tạ", 4), ("Hà", 5), ("Lưu", 4), ("Cao", 4), ("Chu", 3),
    ("Phùng", 3), ("Kiều", 2), ("Triệu", 2), ("Vương", 2), ("Tô", 2), ("Khuất", 1),
    ("Nghiêm", 1), ("Quách", 1), ("Lại", 1), ("Nông", 1),
)  # fmt: skip
# Rare compound family names: tricky for sorting and search.
_COMPOUND_FAMILY = {Gender.MALE: ("Tôn Thất", "Âu Dương"), Gender.FEMALE: ("Tôn Nữ", "Âu Dương")}

_MIDDLE_NAMES = {
    Gender.MALE: (
        ("Văn", 300), ("Hữu", 60), ("Đức", 80), ("Minh", 90), ("Quang", 60), ("Công", 50),
        ("Xuân", 40), ("Thanh", 40), ("Mạnh", 30), ("Ngọc", 30), ("Tiến", 30), ("Duy", 40),
        ("Trọng", 30), ("Thế", 30), ("Quốc", 40), ("Anh", 30), ("Hoàng", 30), ("Việt", 30),
        ("Đình", 40), ("Bá", 20), ("Khắc", 10), ("Trung", 20),
    ),
    Gender.FEMALE: (
        ("Thị", 400), ("Ngọc", 70), ("Thu", 60), ("Thanh", 60), ("Kim", 30), ("Hồng", 40),
        ("Minh", 40), ("Phương", 30), ("Thùy", 40), ("Bích", 20), ("Diệu", 10), ("Mai", 20),
        ("Khánh", 30), ("Quỳnh", 20), ("Hải", 20), ("Mỹ", 20), ("Bảo", 10), ("Tuyết", 10),
    ),
}  # fmt: skip
_SECOND_MIDDLE_FEMALE = ("Thu", "Thanh", "Ngọc", "Kim", "Mỹ", "Hồng", "Bích", "Minh", "Hải")

_GIVEN_NAMES = {
    Gender.MALE: (
        "Anh", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Hải", "Hiếu", "Hoàng", "Huy", "Khánh",
        "Long", "Minh", "Nam", "Phong", "Quân", "Quang", "Sơn", "Thắng", "Thành", "Trung",
        "Tuấn", "Tùng", "Việt", "Vinh", "Hưng", "Lâm", "Toàn", "Thịnh", "Đạt", "Kiên", "Lực",
        "Phúc", "Khoa", "Nghĩa", "Duy", "Tú", "Trường", "Hậu", "Lợi", "Hưởng", "Chiến",
        "Điệp", "Giang", "Hiệp", "Hòa", "Kỳ", "Luân", "Mạnh", "Nguyên", "Quyết", "Tâm",
        "Thái", "Thuận", "Tiến", "Trọng", "Tuyên", "Vũ", "Vượng", "Đông", "Định", "Chính",
        "Thưởng", "Ước", "Khương", "Lượng",
    ),
    Gender.FEMALE: (
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hồng",
        "Huế", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "Ngân", "Nga", "Ngọc",
        "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thơ", "Thủy", "Thúy", "Trang", "Tuyết",
        "Vân", "Yến", "Nguyệt", "Xuân", "Ly", "Nhàn", "Hường", "Thư", "Duyên", "Huệ", "Lệ",
        "My", "Nhi", "Phượng", "Sen", "Thắm", "Thương", "Trinh", "Uyên", "Vy", "Ánh", "Dương",
        "Lụa", "Ỷ Lan", "Mỹ",
    ),
}  # fmt: skip

_FOREIGN_PEOPLE = {
    "KR": ("Kim Min-soo", "Lee Jae-won", "Park Sung-ho", "Choi Young-jin", "Jung Hae-il",
           "Kang Dong-hyun", "Yoon Seok-jin", "Han Ji-hoon"),
    "JP": ("Tanaka Hiroshi", "Suzuki Kenji", "Yamamoto Takeshi", "Sato Akira", "Nakamura Yuki"),
    "CN": ("Chen Wei-ming", "Lin Chih-hao", "Wang Jian", "Zhang Lei", "Huang Kuo-wei"),
}  # fmt: skip

# (district or town, province as written on old records, CCCD province code, weight)
_HOMETOWNS = (
    ("Huyện Hoài Đức", "thành phố Hà Nội", "001", 6),
    ("Huyện Đan Phượng", "thành phố Hà Nội", "001", 4),
    ("Huyện Thạch Thất", "thành phố Hà Nội", "001", 3),
    ("Huyện Quốc Oai", "thành phố Hà Nội", "001", 3),
    ("Huyện Chương Mỹ", "thành phố Hà Nội", "001", 3),
    ("Quận Đống Đa", "thành phố Hà Nội", "001", 2),
    ("Huyện Hải Hậu", "tỉnh Nam Định", "036", 3),
    ("Huyện Giao Thủy", "tỉnh Nam Định", "036", 2),
    ("Huyện Vũ Thư", "tỉnh Thái Bình", "034", 2),
    ("Huyện Quỳnh Phụ", "tỉnh Thái Bình", "034", 2),
    ("Huyện Kim Động", "tỉnh Hưng Yên", "033", 2),
    ("Huyện Thanh Miện", "tỉnh Hải Dương", "030", 2),
    ("Huyện Yên Phong", "tỉnh Bắc Ninh", "027", 3),
    ("Huyện Tiên Du", "tỉnh Bắc Ninh", "027", 3),
    ("Thị xã Từ Sơn", "tỉnh Bắc Ninh", "027", 2),
    ("Huyện Quế Võ", "tỉnh Bắc Ninh", "027", 2),
    ("Huyện Gia Bình", "tỉnh Bắc Ninh", "027", 2),
    ("Huyện Lục Nam", "tỉnh Bắc Giang", "024", 2),
    ("Huyện Việt Yên", "tỉnh Bắc Giang", "024", 2),
    ("Huyện Yên Dũng", "tỉnh Bắc Giang", "024", 2),
    ("Huyện Nghi Lộc", "tỉnh Nghệ An", "040", 2),
    ("Huyện Đô Lương", "tỉnh Nghệ An", "040", 2),
    ("Huyện Hoằng Hóa", "tỉnh Thanh Hóa", "038", 2),
    ("Huyện Can Lộc", "tỉnh Hà Tĩnh", "042", 1),
    ("Huyện Lâm Thao", "tỉnh Phú Thọ", "025", 1),
    ("Huyện Vĩnh Tường", "tỉnh Vĩnh Phúc", "026", 1),
    ("Huyện Kim Sơn", "tỉnh Ninh Bình", "037", 1),
    ("Huyện Lý Nhân", "tỉnh Hà Nam", "035", 1),
    ("Huyện Thủy Nguyên", "thành phố Hải Phòng", "031", 1),
    ("Huyện Phú Bình", "tỉnh Thái Nguyên", "019", 1),
    ("Huyện Cao Lộc", "tỉnh Lạng Sơn", "020", 1),
    ("Huyện Lương Sơn", "tỉnh Hòa Bình", "017", 1),
    ("Huyện Hàm Yên", "tỉnh Tuyên Quang", "008", 1),
    ("Huyện Phú Vang", "tỉnh Thừa Thiên Huế", "046", 1),
    ("Huyện Duy Xuyên", "tỉnh Quảng Nam", "049", 1),
)
# Ethnic minorities where they live; everyone else is Kinh (with a few Hoa).
_ETHNICITY_BY_CODE = {"020": ("Nùng", "Tày"), "017": ("Mường",), "008": ("Tày", "Dao")}

_MOBILE_PREFIXES = (
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "033", "034", "035",
    "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "083", "085",
)  # fmt: skip
_VILLAGES = ("Thôn Đông", "Thôn Đoài", "Thôn Thượng", "Thôn Trung", "Thôn Hạ", "Thôn Lại Yên")

# --- enterprises ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sector:
    label: str  # the "Ngành nghề" field
    word: str  # as it appears in company names
    female_share: float
    jobs: tuple[str, ...]
    expertise: tuple[str, ...]


_SECTORS = {
    "may": _Sector(
        "May mặc",
        "May mặc",
        0.75,
        ("Công nhân may", "Tổ trưởng chuyền may", "Nhân viên KCS", "Thợ cắt", "Kỹ thuật chuyền"),
        ("Trung cấp Công nghệ may", "Cử nhân Công nghệ dệt may", "Kỹ sư Dệt may"),
    ),
    "co_khi": _Sector(
        "Cơ khí chế tạo",
        "Cơ khí",
        0.15,
        ("Thợ hàn", "Thợ tiện", "Công nhân lắp ráp", "Kỹ thuật viên CNC", "Tổ trưởng sản xuất"),
        ("Kỹ sư Cơ khí", "Cao đẳng Cơ khí", "Trung cấp Hàn"),
    ),
    "xay_dung": _Sector(
        "Xây dựng",
        "Xây dựng",
        0.15,
        (
            "Kỹ sư giám sát",
            "Chỉ huy trưởng công trình",
            "Công nhân xây dựng",
            "Đội trưởng thi công",
        ),
        ("Kỹ sư Xây dựng dân dụng", "Kỹ sư Cầu đường", "Cao đẳng Xây dựng"),
    ),
    "thuong_mai": _Sector(
        "Thương mại",
        "Thương mại và Dịch vụ",
        0.5,
        ("Nhân viên bán hàng", "Nhân viên kinh doanh", "Thủ kho", "Nhân viên giao nhận"),
        ("Cử nhân Kinh tế", "Cử nhân Quản trị kinh doanh", "Cử nhân Thương mại"),
    ),
    "van_tai": _Sector(
        "Vận tải hàng hóa",
        "Vận tải",
        0.12,
        ("Lái xe", "Điều độ vận tải", "Phụ xe", "Thợ sửa chữa ô tô"),
        ("Trung cấp Lái xe", "Kỹ sư Ô tô", "Cử nhân Kinh tế vận tải"),
    ),
    "logistics": _Sector(
        "Logistics",
        "Logistics",
        0.35,
        ("Nhân viên chứng từ", "Nhân viên kho", "Điều phối viên", "Nhân viên khai báo hải quan"),
        ("Cử nhân Logistics", "Cử nhân Kinh tế đối ngoại", "Cử nhân Kinh tế vận tải"),
    ),
    "phan_mem": _Sector(
        "Phần mềm",
        "Công nghệ Phần mềm",
        0.3,
        ("Lập trình viên", "Kỹ sư kiểm thử", "Trưởng nhóm phát triển", "Chuyên viên phân tích"),
        ("Kỹ sư Công nghệ thông tin", "Cử nhân Khoa học máy tính", "Thạc sĩ Hệ thống thông tin"),
    ),
    "thuc_pham": _Sector(
        "Chế biến thực phẩm",
        "Thực phẩm",
        0.6,
        ("Công nhân chế biến", "Nhân viên kiểm nghiệm", "Tổ trưởng sản xuất", "Nhân viên kho lạnh"),
        ("Kỹ sư Công nghệ thực phẩm", "Trung cấp Chế biến thực phẩm", "Cử nhân Hóa học"),
    ),
    "an_uong": _Sector(
        "Dịch vụ ăn uống",
        "Dịch vụ Ăn uống",
        0.55,
        ("Đầu bếp", "Nhân viên phục vụ", "Quản lý nhà hàng", "Thu ngân"),
        ("Trung cấp Kỹ thuật chế biến món ăn", "Cao đẳng Quản trị nhà hàng", "Cử nhân Du lịch"),
    ),
    "in_an": _Sector(
        "In ấn",
        "In và Bao bì",
        0.4,
        ("Thợ in offset", "Nhân viên thiết kế", "Công nhân đóng gói", "Kỹ thuật viên chế bản"),
        ("Kỹ sư In", "Cao đẳng Công nghệ in", "Cử nhân Mỹ thuật công nghiệp"),
    ),
    "dien_tu": _Sector(
        "Điện tử",
        "Điện tử",
        0.65,
        ("Công nhân lắp ráp linh kiện", "Kỹ thuật viên SMT", "Nhân viên kiểm tra chất lượng"),
        ("Kỹ sư Điện tử viễn thông", "Cao đẳng Điện tử", "Trung cấp Điện"),
    ),
    "nhua": _Sector(
        "Sản xuất nhựa",
        "Nhựa",
        0.4,
        ("Công nhân vận hành máy ép", "Kỹ thuật viên khuôn mẫu", "Thủ kho"),
        ("Kỹ sư Hóa polyme", "Cao đẳng Cơ khí"),
    ),
    "duoc": _Sector(
        "Dược phẩm",
        "Dược phẩm",
        0.6,
        ("Dược sĩ", "Trình dược viên", "Kỹ thuật viên kiểm nghiệm"),
        ("Dược sĩ đại học", "Dược sĩ trung học", "Cử nhân Hóa dược"),
    ),
    "bat_dong_san": _Sector(
        "Kinh doanh bất động sản",
        "Đầu tư và Phát triển Bất động sản",
        0.4,
        ("Chuyên viên kinh doanh", "Chuyên viên pháp lý dự án", "Quản lý tòa nhà"),
        ("Cử nhân Kinh tế", "Cử nhân Luật", "Kỹ sư Xây dựng"),
    ),
    "vlxd": _Sector(
        "Vật liệu xây dựng",
        "Vật liệu Xây dựng",
        0.2,
        ("Công nhân sản xuất", "Lái máy xúc", "Nhân viên bán hàng"),
        ("Kỹ sư Vật liệu", "Cao đẳng Cơ khí"),
    ),
    "moi_truong": _Sector(
        "Môi trường đô thị",
        "Môi trường Đô thị",
        0.45,
        ("Công nhân vệ sinh môi trường", "Lái xe chuyên dùng", "Tổ trưởng thu gom"),
        ("Kỹ sư Môi trường", "Trung cấp Môi trường"),
    ),
    "nong_nghiep": _Sector(
        "Dịch vụ nông nghiệp",
        "Dịch vụ Nông nghiệp",
        0.45,
        ("Cán bộ kỹ thuật nông nghiệp", "Thành viên hợp tác xã", "Thủ kho vật tư"),
        ("Kỹ sư Nông học", "Trung cấp Chăn nuôi thú y"),
    ),
    "giao_duc": _Sector(
        "Giáo dục mầm non",
        "Giáo dục",
        0.9,
        ("Giáo viên mầm non", "Nhân viên cấp dưỡng", "Kế toán"),
        ("Cử nhân Giáo dục mầm non", "Cao đẳng Sư phạm mầm non"),
    ),
    "y_te": _Sector(
        "Y tế tư nhân",
        "Y tế",
        0.65,
        ("Bác sĩ", "Điều dưỡng", "Kỹ thuật viên xét nghiệm", "Dược sĩ"),
        ("Bác sĩ đa khoa", "Cử nhân Điều dưỡng", "Dược sĩ đại học"),
    ),
    "phap_ly": _Sector(
        "Dịch vụ pháp lý",
        "Luật",
        0.5,
        ("Luật sư", "Chuyên viên pháp lý", "Công chứng viên"),
        ("Cử nhân Luật", "Thạc sĩ Luật"),
    ),
    "tin_dung": _Sector(
        "Tài chính tín dụng",
        "Tín dụng",
        0.6,
        ("Cán bộ tín dụng", "Giao dịch viên", "Kế toán"),
        ("Cử nhân Tài chính – Ngân hàng", "Cử nhân Kế toán"),
    ),
}

_SECTORS_BY_TYPE: dict[EnterpriseType, tuple[tuple[str, int], ...]] = {
    EnterpriseType.PRIVATE: (
        ("thuong_mai", 10), ("xay_dung", 7), ("may", 5), ("co_khi", 5), ("van_tai", 4),
        ("logistics", 4), ("phan_mem", 4), ("thuc_pham", 4), ("an_uong", 4), ("in_an", 3),
        ("nhua", 2), ("duoc", 2), ("bat_dong_san", 3), ("vlxd", 2), ("dien_tu", 1),
    ),
    EnterpriseType.FOREIGN: (
        ("dien_tu", 6), ("may", 4), ("co_khi", 3), ("nhua", 2), ("logistics", 1),
        ("thuc_pham", 1), ("phan_mem", 1),
    ),
    EnterpriseType.STATE: (
        ("moi_truong", 3), ("xay_dung", 2), ("van_tai", 1), ("in_an", 1), ("thuong_mai", 1),
    ),
    EnterpriseType.STATE_CONTROLLED_JSC: (
        ("xay_dung", 3), ("co_khi", 2), ("van_tai", 2), ("duoc", 1), ("vlxd", 1), ("in_an", 1),
    ),
    EnterpriseType.STATE_MINORITY_JSC: (
        ("xay_dung", 2), ("may", 2), ("thuong_mai", 2), ("thuc_pham", 1), ("vlxd", 1),
    ),
    EnterpriseType.COOPERATIVE: (
        ("nong_nghiep", 4), ("van_tai", 2), ("moi_truong", 1), ("thuong_mai", 1),
    ),
    EnterpriseType.NON_PUBLIC_SERVICE: (("giao_duc", 3), ("y_te", 2)),
    EnterpriseType.OTHER: (("phap_ly", 2), ("tin_dung", 1)),
}  # fmt: skip

# Workforce medians by type (log-normal around them, 10 to 3,000).
_WORKFORCE_MEDIAN = {
    EnterpriseType.STATE: 300,
    EnterpriseType.STATE_CONTROLLED_JSC: 250,
    EnterpriseType.STATE_MINORITY_JSC: 150,
    EnterpriseType.PRIVATE: 45,
    EnterpriseType.FOREIGN: 400,
    EnterpriseType.COOPERATIVE: 25,
    EnterpriseType.NON_PUBLIC_SERVICE: 40,
    EnterpriseType.OTHER: 20,
}
MIN_WORKFORCE, MAX_WORKFORCE = 10, 3000

_BRAND_FIRST = (
    "Minh", "Thành", "Hưng", "Phú", "An", "Đại", "Hoàng", "Việt", "Tân", "Hồng", "Trường",
    "Phúc", "Bảo", "Đức", "Hải", "Kim", "Quang", "Thiên", "Nam", "Đông", "Vĩnh", "Gia", "Hòa",
    "Thái", "Tiến", "Hợp", "Toàn", "Xuân", "Ngọc", "Long",
)  # fmt: skip
_BRAND_SECOND = (
    "Phát", "Thành", "Thịnh", "Cường", "Long", "Dương", "Hà", "Việt", "An", "Lộc", "Minh",
    "Tiến", "Hưng", "Phong", "Khang", "Nguyên", "Sơn", "Hải", "Đạt", "Vượng", "Tín", "Nghĩa",
    "Lợi", "Phú", "Quang", "Huy",
)  # fmt: skip
_BRAND_SPECIAL = (
    "Sông Hồng", "Thăng Long", "Kinh Bắc", "Tràng An", "Hồng Hà", "Trường Sơn", "Đông Đô",
    "Bình Minh", "Ánh Dương", "Sao Việt", "Đại Việt", "Hải Đăng", "Phương Đông", "Lạc Hồng",
    "Hoa Sen", "Thành Công", "Hưng Thịnh", "Phú Cường", "Minh Phát", "Ngôi Sao Xanh",
)  # fmt: skip
_FOREIGN_SYLLABLES = (
    ("Sam", "Dae", "Seo", "Hae", "Dong", "Jin", "Young", "Han", "Sung", "Hyun", "Kwang", "Myung"),
    ("woo", "won", "jin", "sung", "yang", "shin", "il", "kwang", "hwa", "tech"),
)
_FOREIGN_BRANDS = (
    ("Minami", "JP"), ("Takara", "JP"), ("Fujiwa", "JP"), ("Shinwa", "JP"), ("Marukawa", "JP"),
    ("Nishida", "JP"), ("Everwin", "CN"), ("Greatway", "CN"), ("Tianli", "CN"),
    ("Jufeng", "CN"), ("Hongyu", "CN"), ("Goldtek", "CN"), ("Sunrise Precision", "CN"),
)  # fmt: skip
_OWNER_TITLES = (
    "Giám đốc",
    "Chủ tịch Hội đồng thành viên kiêm Giám đốc",
    "Chủ tịch Hội đồng quản trị",
)
_MANAGER_TITLES = (
    "Phó Giám đốc",
    "Trưởng phòng Kỹ thuật",
    "Trưởng phòng Hành chính – Nhân sự",
    "Kế toán trưởng",
    "Quản đốc phân xưởng",
    "Trưởng phòng Kinh doanh",
)
_OFFICE_JOBS = (
    "Kế toán",
    "Nhân viên hành chính",
    "Nhân viên nhân sự",
    "Nhân viên kinh doanh",
    "Thủ kho",
    "Lái xe",
    "Nhân viên bảo vệ",
)
_GENERAL_EXPERTISE = (
    "Cử nhân Kinh tế",
    "Cử nhân Kế toán",
    "Cử nhân Quản trị kinh doanh",
    "Kỹ sư Điện",
    "Cao đẳng Kỹ thuật",
    "Cử nhân Luật",
    "Cử nhân Ngôn ngữ Anh",
    "Thạc sĩ Quản trị kinh doanh",
)
_DEPARTMENTS = (
    "Khối Văn phòng",
    "Phòng Kỹ thuật",
    "Phòng Kế hoạch – Vật tư",
    "Phòng Tài chính – Kế toán",
    "Phòng Kinh doanh",
    "Phòng Quản lý chất lượng",
    "Kho vận",
    "Đội Xe",
    "Ban Quản lý dự án",
)

# --- members: statuses --------------------------------------------------------------------------

_OFF, _PROB = Standing.OFFICIAL, Standing.PROBATIONARY
_S = MemberStatus
# (standing, status) of a member of an ordinary chi bộ, in per mille.
_STATUS_TABLE = (
    ((_OFF, _S.ACTIVE), 771),
    ((_PROB, _S.ACTIVE), 125),
    ((_OFF, _S.EXEMPT), 20),
    ((_OFF, _S.TEMP_AWAY), 13),
    ((_PROB, _S.TEMP_AWAY), 2),
    ((_OFF, _S.TEMP_GUEST), 13),
    ((_PROB, _S.TEMP_GUEST), 2),
    ((_OFF, _S.SUSPENDED), 3),
    ((_OFF, _S.TRANSFERRED_OUT), 26),
    ((_OFF, _S.DECEASED), 9),
    ((_OFF, _S.STRUCK_OFF), 3),
    ((_PROB, _S.STRUCK_OFF), 3),
    ((_OFF, _S.EXPELLED), 3),
    ((_OFF, _S.RESIGNED), 4),
)
_NOT_COUNTED = ENDED_STATUSES | {MemberStatus.TEMP_GUEST}

_FINAL_EVENT = {
    MemberStatus.EXEMPT: EventKind.EXEMPTED,
    MemberStatus.TEMP_AWAY: EventKind.TEMP_OUT,
    MemberStatus.TEMP_GUEST: EventKind.TEMP_IN,
    MemberStatus.SUSPENDED: EventKind.SUSPENDED,
    MemberStatus.TRANSFERRED_OUT: EventKind.TRANSFER_OUT,
    MemberStatus.DECEASED: EventKind.DECEASED,
    MemberStatus.STRUCK_OFF: EventKind.STRUCK_OFF,
    MemberStatus.EXPELLED: EventKind.EXPELLED,
    MemberStatus.RESIGNED: EventKind.RESIGNED,
}

# Planted anomalies: how many of each at district scale (120 organisations); scaled by size.
_PLANTS_PER_120 = {
    "few": 3,  # chi bộ with fewer than 3 official members
    "no_committee": 2,  # ≥ 9 official members, no chi ủy
    "should_be": 2,  # chi bộ cơ sở with ≥ 30 members and no written approval
    "size_exception": 1,  # the same, with the upper committee's approval (no warning)
    "term_ended": 2,  # latest term over, no new one
    "meeting": 1,  # meets every 2 months by decision
    "without_org": 3,  # enterprise with ≥ 3 official members and no organisation
    "overdue": 4,  # probation over, official decision overdue
}

# --- plans: the office in memory before it is written ------------------------------------------


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

_UNIVERSITIES = (
    "Bách khoa Hà Nội",
    "Kinh tế Quốc dân",
    "Xây dựng Hà Nội",
    "Công nghiệp Hà Nội",
    "Thương mại",
    "Giao thông Vận tải",
)

# --- small helpers ----------------------------------------------------------------------------


def _vn(n: int) -> str:
    """Thousands grouped with dots, as Vietnamese writes numbers (100.000)."""
    return f"{n:,}".replace(",", ".")


def _add_months(d: date, months: int) -> date:
    """``d`` plus ``months``, clamped to the month's last day.

    Same result as ``partydesk.domain.dates.add_months_clamped`` (relativedelta), several times
    faster, which matters for the 100,000 members of the province scale.
    """
    years, month0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + years, month0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _add_years(d: date, years: int) -> date:
    """``d`` plus ``years``; 29 February becomes 28 February in a common year."""
    return _add_months(d, 12 * years)


def _saved(record_id: int | None) -> int:
    """The id of a planned record that has been written (planned records get theirs then)."""
    assert record_id is not None, "record not written yet"
    return record_id


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _short_company(name: str) -> str:
    for long, short in (
        ("Công ty TNHH Một thành viên", "Công ty TNHH MTV"),
        ("Công ty Cổ phần", "Công ty CP"),
    ):
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def _committee_size(official: int) -> int:
    """Members of a chi ủy elected by a chi bộ with ``official`` official members (≤ 7)."""
    if official < 20:
        return 3
    return 5 if official < 60 else 7


def _remove_database_file(path: Path) -> None:
    """Delete a database file with its journal, so a stale journal is never replayed onto it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class _Tracker:
    """Progress in work units; reports (and checks for cancel) every 1 % of the work."""

    def __init__(self, progress: Progress, cancel: threading.Event | None, total: int) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = max(total, 1)
        self.done = 0
        self._step = max(1, self.total // 100)
        self._next = self._step
        self._label = ""
        self._count = 0
        self._phase_done = 0

    def phase(self, label: str, count: int) -> None:
        check_cancel(self._cancel)
        self._label, self._count, self._phase_done = label, count, 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._phase_done += n
        if self.done >= self._next:
            self._next = (self.done // self._step + 1) * self._step
            check_cancel(self._cancel)
            message = f"{self._label}… {_vn(self._phase_done)}/{_vn(self._count)}"
            self._progress(min(self.done, self.total), self.total, message)


# --- the generator ------------------------------------------------------------------------------


class _Generator:
    """Plans the office from one random stream, then writes it into the store."""

    def __init__(self, scale: DemoScale, seed: int, today: date, tracker: _Tracker) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.tracker = tracker
        self.region = _REGIONS[scale.region]
        self.enterprises: list[_EntPlan] = []
        self.orgs: list[_OrgPlan] = []
        self.cadres: list[Cadre] = []
        self._names: set[str] = set()
        self._tax_codes: set[str] = set()
        self._cccds: set[str] = set()
        self._cards: set[str] = set()
        self._dossiers: set[str] = set()
        self._numbers: dict[tuple[str, str, int], int] = {}
        self._calendar: HolidayCalendar | None = None
        self._ago: dict[int, date] = {}
        factor = scale.organisations / 120
        self.plants = {k: max(1, round(v * factor)) for k, v in _PLANTS_PER_120.items()}
        self._family = self._cumulative(_FAMILY_NAMES)
        self._middle = {g: self._cumulative(v) for g, v in _MIDDLE_NAMES.items()}
        self._hometowns = self._cumulative(
            [
                ((d, p, c), w * (12 if c in self.region.local_cccd_codes else 1))
                for d, p, c, w in _HOMETOWNS
            ]
        )
        self._statuses = self._cumulative(_STATUS_TABLE)

    # --- random helpers ----------------------------------------------------------------------

    @staticmethod
    def _cumulative(pairs: Sequence[tuple[T, int | float]]) -> tuple[list[T], list[float]]:
        values, weights, total = [], [], 0.0
        for value, weight in pairs:
            total += weight
            values.append(value)
            weights.append(total)
        return values, weights

    def _pick(self, table: tuple[list[T], list[float]]) -> T:
        return self.rng.choices(table[0], cum_weights=table[1])[0]

    def _between(self, lo: date, hi: date) -> date:
        """A random day in [lo, hi]; ``lo`` when the range is empty."""
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def _months_ago(self, months: int) -> date:
        day = self._ago.get(months)
        if day is None:
            day = self._ago[months] = _add_months(self.today, -months)
        return day

    def _chance(self, p: float) -> bool:
        return self.rng.random() < p

    @property
    def calendar(self) -> HolidayCalendar:
        if self._calendar is None:
            years = range(self.today.year - 3, self.today.year + 3)
            self._calendar = HolidayCalendar.default_for_years(years)
        return self._calendar

    def _number(self, kind: str, issuer: str, on: date) -> str:
        """A Party document number "125-QĐ/ĐU", increasing within one issuer, kind and year."""
        key = (kind, issuer, on.year)
        current = self._numbers.get(key)
        current = self.rng.randint(1, 60) if current is None else current + self.rng.randint(1, 3)
        self._numbers[key] = current
        return f"{current}-{kind}/{issuer}"

    def _issuer(self, on: date) -> str:
        if on < TWO_LEVEL_SINCE:
            return self.region.old_issuer
        return self.region.settings.abbreviation

    def _unique(self, used: set[str], make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in used:
                used.add(value)
                return value

    # --- people ------------------------------------------------------------------------------

    def person(self, gender: Gender | None = None, birth_year: int = 1980) -> _Person:
        if gender is None:
            gender = Gender.MALE if self._chance(0.55) else Gender.FEMALE
        return _Person(self._full_name(gender, birth_year), gender)

    def _full_name(self, gender: Gender, birth_year: int) -> str:
        rng = self.rng
        if rng.random() < 0.003:
            family = rng.choice(_COMPOUND_FAMILY[gender])
        else:
            family = self._pick(self._family)
        if gender is Gender.FEMALE:
            middle = self._pick(self._middle[gender])
            if middle == "Thị" and birth_year >= 1985 and rng.random() < 0.5:
                middle = self._pick(self._middle[gender])
            if middle == "Thị" and rng.random() < 0.25:
                middle = f"Thị {rng.choice(_SECOND_MIDDLE_FEMALE)}"
        else:
            middle = self._pick(self._middle[gender])
            if middle == "Văn" and birth_year >= 1985 and rng.random() < 0.4:
                middle = self._pick(self._middle[gender])
        given = rng.choice(_GIVEN_NAMES[gender])
        if given == middle:
            given = rng.choice(_GIVEN_NAMES[gender])
        return f"{family} {middle} {given}"

    def _mobile(self) -> str:
        return f"{self.rng.choice(_MOBILE_PREFIXES)}{self.rng.randrange(10**7):07d}"

    def _landline(self) -> str:
        prefix = self.region.landline_prefix
        digits = 10 - len(prefix)
        return f"{prefix}{self.rng.choice('36')}{self.rng.randrange(10**digits):0{digits}d}"

    def _residence(self) -> str:
        rng = self.rng
        ward = rng.choice(self.region.residence_wards)
        place = f"{_lower_first(ward)}, {self.region.city}"
        if ward.startswith("Xã"):
            return f"{rng.choice(_VILLAGES)}, {place}"
        street = rng.choice(self.region.streets)
        roll = rng.random()
        if roll < 0.45:
            return f"Số {rng.randint(1, 120)} ngõ {rng.randint(2, 350)} {street}, {place}"
        if roll < 0.6:
            return (
                f"Số {rng.randint(1, 40)} ngách {rng.randint(2, 90)}/{rng.randint(2, 350)} "
                f"{street}, {place}"
            )
        if roll < 0.85:
            return f"Số {rng.randint(1, 400)} {street}, {place}"
        return f"Tổ dân phố số {rng.randint(1, 30)}, {place}"

    # --- plan: cadres --------------------------------------------------------------------------

    def plan_cadres(self) -> None:
        region = self.region
        n_inactive = max(1, round(self.scale.cadres / 20))
        titles = list(region.leader_titles) + list(region.member_titles)
        while len(titles) < self.scale.cadres - n_inactive:
            titles.append(region.member_titles[-1])
        active = titles[: self.scale.cadres - n_inactive]
        for title in active:
            person = self.person(birth_year=self.rng.randint(1966, 1985))
            self.cadres.append(Cadre(person.full_name, title, self._mobile(), True))
        for _ in range(n_inactive):
            person = self.person(birth_year=1962)
            self.cadres.append(Cadre(person.full_name, region.inactive_title, "", False))

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

    # --- plan: member slots ---------------------------------------------------------------------

    def _draw_status(self) -> tuple[Standing, MemberStatus]:
        return self._pick(self._statuses)

    def _new_org(self, org: _OrgPlan) -> bool:
        """Founded less than 14 months ago: no member admitted there is still probationary."""
        return org.founded_on > self._months_ago(14)

    def plan_slots(self) -> None:
        for org in self.orgs:
            if org.is_ended or org.kind.is_party_committee:
                continue
            self._fill_slots(org)
        self._plant_overdue()
        self._cover_statuses()

    def _fill_slots(self, org: _OrgPlan) -> None:
        rng = self.rng
        links = org.enterprises
        moved = list(org.slots)
        slots: list[_Slot] = []
        if org.plant == "few":
            slots = [
                _Slot(_OFF, _S.ACTIVE, links[0]),
                _Slot(_OFF, _S.ACTIVE, links[0]),
                _Slot(_PROB, _S.ACTIVE, links[0]),
                _Slot(_OFF, _S.TRANSFERRED_OUT, links[0]),
            ]
        else:
            own_links = [e for e in links if all(s.enterprise != e for s in moved)]
            for k in range(org.size - len(moved)):
                standing, status = self._draw_status()
                if org.plant in ("should_be", "size_exception") and status in _NOT_COUNTED:
                    standing, status = _OFF, _S.ACTIVE
                if standing is _PROB and self._new_org(org):
                    standing = _OFF
                enterprise = own_links[k] if k < len(own_links) else rng.choice(own_links)
                slots.append(_Slot(standing, status, enterprise))
        org.slots = slots + moved
        for slot in org.slots:
            self._age_slot(slot)
        if org.plant != "few":
            self._ensure_officials(org)

    def _age_slot(self, slot: _Slot) -> None:
        """Elderly exempt or deceased members are retired: no enterprise."""
        retired = (slot.status is _S.EXEMPT and self._chance(0.5)) or (
            slot.status is _S.DECEASED and self._chance(0.6)
        )
        if retired:
            slot.elderly = True
            slot.enterprise = None

    def _ensure_officials(self, org: _OrgPlan) -> None:
        """At least 3 official members, and enough active ones for the chi ủy they must elect."""
        convertible = [s for s in org.slots if s.moved_from is None]
        while org.counted_official < 3 or org.active_officials < 2:
            slot = next(s for s in convertible if not s.active_official)
            self._make_active_official(slot, org)
        official = org.counted_official
        if official >= 9:
            while org.active_officials < _committee_size(official):
                slot = next(s for s in convertible if not s.active_official)
                self._make_active_official(slot, org)

    @staticmethod
    def _make_active_official(slot: _Slot, org: _OrgPlan) -> None:
        slot.standing, slot.status, slot.elderly = _OFF, _S.ACTIVE, False
        if slot.enterprise is None:
            slot.enterprise = org.enterprises[0]

    def _plant_overdue(self) -> None:
        """A few probationary members whose official-status decision is overdue."""
        candidates = [
            slot
            for org in self.orgs
            if not org.plant and org.kind.is_cell and not org.is_ended and not self._new_org(org)
            for slot in org.slots
            if slot.standing is _PROB and slot.status is _S.ACTIVE
        ]
        for slot in self.rng.sample(candidates, min(self.plants["overdue"], len(candidates))):
            slot.overdue = True

    def _cover_statuses(self) -> None:
        """Every status and standing appears at least once, even in the smallest office."""
        present = {(s.status, s.standing) for o in self.orgs for s in o.slots}
        statuses = {status for status, _ in present}
        largest = max(self._committee_cells(), key=lambda i: self.orgs[i].size)
        spare = [s for s in self.orgs[largest].slots if s.active_official and not s.owner]
        for status in MemberStatus:
            if status not in statuses:
                slot = spare.pop()
                slot.status = status
                self._age_slot(slot)

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

    def _counted_on(self, ended: date | None) -> date:
        limit = min(self.today - timedelta(days=15), ended or self.today)
        year = limit.year
        candidates = [date(year, 6, 30), date(year - 1, 12, 31), date(year - 1, 6, 30)]
        valid = [d for d in candidates if d <= limit]
        return valid[1] if len(valid) > 1 and self._chance(0.2) else valid[0]

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
            workforce_counted_on=self._counted_on(ent.ended_on),
            legal_representative=ent.legal_representative,
            owner_is_member=ent.owner is not None,
            trade_union=self._mass(w, min(0.95, 0.08 + w / 400), (0.55, 0.95)),
            youth_union=self._mass(w, min(0.7, 0.05 + w / 1000), (0.08, 0.3)),
            women_union=self._mass(w, min(0.5, 0.03 + w / 1500), (female * 0.5, female * 0.9)),
            party_members_working=party,
            official_members_working=official,
            status=ent.status,
            ended_on=ent.ended_on,
            notes=ent.notes,
        )

    def write_enterprises(self, store: Store) -> None:
        chunk = max(50, len(self.enterprises) // 50)
        for start in range(0, len(self.enterprises), chunk):
            plans = self.enterprises[start : start + chunk]
            ids = store.enterprises.insert_many([self._enterprise(e) for e in plans])
            for plan, new_id in zip(plans, ids, strict=True):
                plan.id = new_id
            self.tracker.advance(len(plans))

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

    # --- write: members ---------------------------------------------------------------------

    def write_members(self, store: Store) -> None:
        work = [(org, slot) for org in self.orgs for slot in org.slots]
        chunk = max(200, len(work) // 100)
        for start in range(0, len(work), chunk):
            part = work[start : start + chunk]
            built = [self._member(org, slot) for org, slot in part]
            ids = store.members.insert_many([member for member, _ in built])
            events: list[MemberEvent] = []
            for member_id, (org, slot), (member, history) in zip(ids, part, built, strict=True):
                events.extend(
                    MemberEvent(member_id, kind, on, number, other, to, until, note)
                    for kind, on, number, other, to, until, note in history
                )
                self._remember(member_id, org, slot, member)
            store.members.insert_events(events)
            self.tracker.advance(len(part))

    def _remember(self, member_id: int, org: _OrgPlan, slot: _Slot, member: Member) -> None:
        """Keep who can sit on committees: active official members, by organisation."""
        if slot.moved_from is not None:
            self.orgs[slot.moved_from].former.append(member_id)
        if org.is_ended:
            org.former.append(member_id)
        elif slot.active_official and member.official_date is not None:
            org.pool.append((member_id, member.official_date))

    def _member(self, org: _OrgPlan, slot: _Slot) -> tuple[Member, list[_Event]]:
        rng = self.rng
        life = self._life(org, slot)
        ent = self.enterprises[slot.enterprise] if slot.enterprise is not None else None
        if slot.owner is not None:
            who = slot.owner
        else:
            female = ent.sector.female_share if ent else 0.45
            gender = Gender.FEMALE if rng.random() < female else Gender.MALE
            who = _Person(self._full_name(gender, life.birth.year), gender)
        hometown_district, province, code = self._pick(self._hometowns)
        official = life.official is not None
        card = ""
        if official and not (life.official > self._months_ago(4) and self._chance(0.5)):
            card = self._unique(self._cards, lambda: f"{rng.randrange(10**8):08d}")
        job, manager, political = self._job(slot)
        issuer = org.issuer or self._issuer(life.admission)
        member = Member(
            full_name=who.full_name,
            birth_date=life.birth,
            gender=who.gender,
            ethnicity=self._ethnicity(code),
            religion=self._religion(),
            cccd=self._cccd(code, life.birth, who.gender),
            hometown=f"{hometown_district}, {province}",
            residence=self._residence(),
            phone=self._mobile() if rng.random() < 0.85 else "",
            email=self._email(who.full_name, life.birth) if rng.random() < 0.25 else "",
            education="10/10" if life.birth.year < 1975 and rng.random() < 0.5 else "12/12",
            expertise=self._expertise(slot),
            political_theory=self._theory(official, manager),
            occupation_before=self._occupation(life),
            card_number=card,
            dossier_number=self._unique(self._dossiers, lambda: f"{rng.randrange(1, 10**6):06d}"),
            enterprise_id=ent.id if ent else None,
            job_title=job,
            is_owner=slot.owner is not None,
            is_manager=manager,
            in_political_system=political,
            admission_decision_date=life.admission,
            admission_decision_number=self._number("QĐ", issuer, life.admission),
            ceremony_date=life.ceremony,
            official_date=life.official,
            official_decision_number=(
                self._number("QĐ", org.issuer or self._issuer(life.official), life.official)
                if life.official
                else ""
            ),
            organisation_id=org.id,
            standing=slot.standing,
            status=slot.status,
            notes=self._member_notes(slot),
        )
        history, until = self._history(org, slot, life, member)
        if until is not None:
            member = replace(member, status_until=until)
        return member, history

    # --- members: dates --------------------------------------------------------------------------

    def _deadline(self, ceremony: date) -> date:
        return official_decision_deadline(probation_end(ceremony), self.calendar)

    def _probation_ceremony(self, slot: _Slot, org: _OrgPlan) -> date:
        today = self.today
        if slot.status in ENDED_STATUSES:  # struck off when the probation was not recognised
            return self._between(self._months_ago(26), self._months_ago(14))
        if slot.overdue:
            ceremony = self._between(self._months_ago(17), self._months_ago(14))
            while self._deadline(ceremony) >= today - timedelta(days=3):
                ceremony -= timedelta(days=7)
            return ceremony
        lo = max(self._months_ago(12) + timedelta(days=10), org.founded_on + timedelta(days=45))
        ceremony = self._between(lo, today - timedelta(days=15))
        while self._deadline(ceremony) < today + timedelta(days=3):
            ceremony += timedelta(days=7)
        return min(ceremony, today)

    def _birth_for(self, admission: date) -> date:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            age = rng.randint(18, 24)
        else:
            age = rng.randint(25, 32) if roll < 0.9 else rng.randint(33, 42)
        age = max(age, 18, admission.year - 2004)
        age = min(age, 42, admission.year - 1961)
        return _add_years(admission, -age) - timedelta(days=rng.randint(0, 364))

    def _official_dates(self, slot: _Slot) -> tuple[date, date]:
        """(birth, admission decision) of an official member, with time to have been recognised."""
        rng = self.rng
        latest = self.today - timedelta(days=1)
        if slot.before is not None:
            latest = min(latest, slot.before - timedelta(days=1))
        latest_admission = _add_months(latest, -12) - timedelta(days=41)
        if slot.elderly:
            birth = date(rng.randint(1950, 1962), rng.randint(1, 12), rng.randint(1, 28))
            admission = _add_years(birth, rng.randint(19, 32))
            admission = min(admission + timedelta(days=rng.randint(0, 300)), latest_admission)
            return birth, admission
        years_back = min(int(rng.expovariate(1 / 9)), 40)
        admission = _add_years(latest_admission, -years_back)
        admission -= timedelta(days=rng.randint(0, 364))
        admission = max(admission, date(1985, 1, 1))
        admission = min(admission, latest_admission)
        return self._birth_for(admission), admission

    def _life(self, org: _OrgPlan, slot: _Slot) -> _Life:
        rng = self.rng
        if slot.standing is Standing.PROBATIONARY:
            ceremony = self._probation_ceremony(slot, org)
            admission = ceremony - timedelta(days=rng.randint(7, 40))
            return _Life(self._birth_for(admission), admission, ceremony, None, ceremony, None)
        birth, admission = self._official_dates(slot)
        ceremony = admission + timedelta(days=rng.randint(7, 40))
        official = probation_end(ceremony)
        guest = slot.status is _S.TEMP_GUEST
        admitted_here = (
            slot.moved_from is not None
            or not guest
            and admission >= org.founded_on
            and rng.random() < 0.75
        )
        if admitted_here or guest:
            return _Life(birth, admission, ceremony, official, ceremony, None)
        hi = self.today - timedelta(days=7)
        if slot.before is not None:
            hi = min(hi, slot.before - timedelta(days=1))
        moved_in = self._between(max(official, org.founded_on), hi)
        moved_in = min(moved_in, self.today)
        return _Life(birth, admission, ceremony, official, moved_in, moved_in)

    # --- members: history -------------------------------------------------------------------------

    def _elsewhere(self) -> str:
        """Another Party organisation, as a clerk writes it on a transfer."""
        rng = self.rng
        ward = _lower_first(rng.choice(self.region.residence_wards))
        district, province, _ = self._pick(self._hometowns)
        options = (
            f"Chi bộ Tổ dân phố số {rng.randint(1, 25)}, Đảng bộ {ward}",
            f"Đảng bộ {ward}, {self.region.city}",
            f"Đảng bộ {_lower_first(district)}, {province}",
            f"Chi bộ Sinh viên, Đảng bộ Trường Đại học {rng.choice(_UNIVERSITIES)}",
            f"Chi bộ Quân sự, Đảng bộ {_lower_first(district)}, {province}",
            f"Chi bộ Công ty TNHH {rng.choice(('Thương mại', 'Xây dựng', 'Cơ khí'))} "
            f"{self._brand()}, Đảng bộ {ward}",
        )
        return rng.choice(options)

    def _history(
        self, org: _OrgPlan, slot: _Slot, life: _Life, member: Member
    ) -> tuple[list[_Event], date | None]:
        """The member's events, oldest first, and the status end date they leave."""
        rng = self.rng
        today = self.today
        events: list[_Event] = []
        if slot.status is not _S.TEMP_GUEST:
            if life.transferred_in is None:
                number = member.admission_decision_number
                events.append((EventKind.ADMITTED, life.admission, number, "", None, None, ""))
                if life.official is not None:
                    number = member.official_decision_number
                    events.append(
                        (EventKind.RECOGNISED_OFFICIAL, life.official, number, "", None, None, "")
                    )
            else:
                on = life.transferred_in
                issuer = org.issuer or self._issuer(on)
                number = self._number("GGT", issuer, on) if rng.random() < 0.6 else ""
                other = self._elsewhere()
                events.append((EventKind.TRANSFER_IN, on, number, other, None, None, ""))
        if slot.moved_from is not None:
            merged = self.orgs[slot.moved_from]
            on = merged.ended_on or today
            events.append(
                (EventKind.TRANSFER_OUT, on, merged.end_decision, org.name, org.id, None,
                 f"Chuyển sinh hoạt do sáp nhập {merged.name}.")
            )  # fmt: skip
        if slot.status is _S.ACTIVE and slot.active_official and rng.random() < 0.015:
            events.extend(self._past_temporary(life))
        return self._final_event(org, slot, life, events)

    def _past_temporary(self, life: _Life) -> list[_Event]:
        """A finished spell of temporary activity elsewhere (KET_THUC_SHT)."""
        lo = life.joined + timedelta(days=30)
        hi = self.today - timedelta(days=200)
        if hi <= lo:
            return []
        went = self._between(lo, hi)
        until = _add_months(went, self.rng.choice((3, 6)))
        back = min(until, self.today - timedelta(days=1))
        return [
            (EventKind.TEMP_OUT, went, "", self._elsewhere(), None, until, ""),
            (EventKind.TEMP_ENDED, back, "", "", None, None, ""),
        ]

    def _final_event(
        self, org: _OrgPlan, slot: _Slot, life: _Life, events: list[_Event]
    ) -> tuple[list[_Event], date | None]:
        kind = _FINAL_EVENT.get(slot.status)
        if kind is None:
            return events, None
        rng, today = self.rng, self.today
        start = max(e[1] for e in events) if events else life.joined
        until: date | None = None
        other, number, note = "", "", ""
        if slot.status is _S.EXEMPT:
            lo = max(start, _add_years(life.birth, 60)) if slot.elderly else start
            on = self._between(max(lo, self._months_ago(96)), today - timedelta(days=14))
            if not slot.elderly:
                on = self._between(max(start, self._months_ago(10)), today - timedelta(days=14))
                until = max(_add_months(on, rng.choice((6, 9, 12))), today + timedelta(days=30))
        elif slot.status in (_S.TEMP_AWAY, _S.TEMP_GUEST):
            on = self._between(max(start, self._months_ago(10)), today - timedelta(days=7))
            until = max(_add_months(on, rng.choice((6, 9, 12))), today + timedelta(days=14))
            other = self._elsewhere()
        elif slot.status is _S.SUSPENDED:
            on = self._between(max(start, self._months_ago(6)), today - timedelta(days=7))
            number = self._number("QĐ", self._issuer(on), on)
        elif slot.standing is Standing.PROBATIONARY:  # struck off: probation not recognised
            on = probation_end(life.ceremony) + timedelta(days=rng.randint(10, 45))
            number = self._number("QĐ", self._issuer(on), on)
        elif slot.before is not None:  # the organisation was dissolved
            on = slot.before
            other = self._elsewhere()
        else:
            on = self._between(start + timedelta(days=30), today - timedelta(days=1))
            if kind is EventKind.TRANSFER_OUT:
                other = self._elsewhere()
            elif kind is not EventKind.DECEASED:
                number = self._number("QĐ", self._issuer(on), on)
        on = min(max(on, start), today)
        if until is not None and until <= on:
            until = on + timedelta(days=30)
        if slot.status is _S.EXEMPT and slot.elderly:
            note = "Tuổi cao, sức khỏe yếu."
        events.append((kind, on, number, other, None, until, note))
        return events, until

    # --- members: identity and work ---------------------------------------------------------------

    def _cccd(self, code: str, birth: date, gender: Gender) -> str:
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender is Gender.FEMALE else 0)
        prefix = f"{code}{digit}{birth.year % 100:02d}"
        return self._unique(self._cccds, lambda: f"{prefix}{self.rng.randrange(10**6):06d}")

    def _ethnicity(self, code: str) -> str:
        minorities = _ETHNICITY_BY_CODE.get(code)
        if minorities and self.rng.random() < 0.5:
            return self.rng.choice(minorities)
        return "Hoa" if self.rng.random() < 0.003 else "Kinh"

    def _religion(self) -> str:
        roll = self.rng.random()
        return "Phật giáo" if roll < 0.03 else "Công giáo" if roll < 0.04 else "Không"

    def _email(self, full_name: str, birth: date) -> str:
        local = fold(full_name).replace(" ", "")
        domain = self.rng.choice(("gmail.com", "gmail.com", "gmail.com", "yahoo.com"))
        return f"{local}{birth.year % 100:02d}@{domain}"

    def _job(self, slot: _Slot) -> tuple[str, bool, bool]:
        """(job title, is manager, works in the political system)."""
        rng = self.rng
        if slot.enterprise is None:
            return "Nghỉ hưu", False, False
        ent = self.enterprises[slot.enterprise]
        if slot.owner is not None:
            if ent.name.startswith("Doanh nghiệp tư nhân"):
                return "Chủ doanh nghiệp", True, False
            return rng.choice(_OWNER_TITLES[:2]), True, False
        roll = rng.random()
        if slot.active_official and roll < 0.07:
            return rng.choice(_MANAGER_TITLES), True, False
        if slot.active_official and roll < 0.08 and ent.workforce >= 300:
            return "Chủ tịch Công đoàn cơ sở (chuyên trách)", False, True
        if roll < 0.7:
            return rng.choice(ent.sector.jobs), False, False
        return rng.choice(_OFFICE_JOBS), False, False

    def _expertise(self, slot: _Slot) -> str:
        rng = self.rng
        if slot.enterprise is not None and rng.random() < 0.6:
            return rng.choice(self.enterprises[slot.enterprise].sector.expertise)
        return rng.choice(_GENERAL_EXPERTISE) if rng.random() < 0.8 else ""

    def _theory(self, official: bool, manager: bool) -> str:
        roll = self.rng.random()
        if not official:
            return "" if roll < 0.8 else "Sơ cấp"
        if manager and roll < 0.5:
            return "Trung cấp"
        if roll < 0.7:
            return "Sơ cấp"
        return "Trung cấp" if roll < 0.85 else "Cao cấp" if roll < 0.87 else ""

    def _occupation(self, life: _Life) -> str:
        age = life.admission.year - life.birth.year
        if age <= 22:
            return self.rng.choice(("Sinh viên", "Học sinh", "Bộ đội", "Công nhân"))
        return self.rng.choice(("Công nhân", "Nhân viên văn phòng", "Kỹ sư", "Bộ đội xuất ngũ"))

    def _member_notes(self, slot: _Slot) -> str:
        if slot.owner is not None:
            return "Chủ doanh nghiệp là đảng viên."
        if slot.overdue:
            return "Chi bộ chưa họp xét công nhận đảng viên chính thức."
        return ""

    # --- write: terms and committees ----------------------------------------------------------

    def _period(self, org: _OrgPlan) -> int:
        """Months of a term: 5 years, "5 năm 2 lần" for chi bộ trực thuộc and đảng bộ bộ phận."""
        return 60 if org.top_level else 30

    def _congress_dates(self, org: _OrgPlan, on: date) -> tuple[date, date, date]:
        """(previous, current, next) nominal congress dates of the organisation around ``on``."""
        period = self._period(org)
        anchor = date(2025, 3, 1) if org.top_level else date(2025, 2, 1)
        offset = timedelta(days=self.rng.randint(0, 110 if org.top_level else 70))
        k = 0
        while _add_months(anchor, period * k) + offset > on:
            k -= 1
        while _add_months(anchor, period * (k + 1)) + offset <= on:
            k += 1
        current = _add_months(anchor, period * k) + offset
        return (
            _add_months(anchor, period * (k - 1)) + offset,
            current,
            _add_months(anchor, period * (k + 1)) + offset,
        )

    def _term_spans(self, org: _OrgPlan) -> list[tuple[date, date, bool]]:
        """(start, end, appointed) of each term, oldest first."""
        one = timedelta(days=1)
        if org.ended_on is not None:  # the last term ends with the organisation
            _, current, _ = self._congress_dates(org, org.ended_on)
            if current > org.founded_on:
                return [(current, org.ended_on, False)]
            start = min(org.founded_on + timedelta(days=self.rng.randint(7, 30)), org.ended_on)
            return [(start, org.ended_on, True)]
        previous, current, following = self._congress_dates(org, self.today)
        founding = org.founded_on + timedelta(days=self.rng.randint(7, 30))
        if org.founded_on >= current:
            spans = [(min(founding, self.today), following - one, True)]
        elif org.founded_on > previous:
            spans = [(founding, current - one, True)] if founding < current - one else []
            spans.append((current, following - one, False))
        else:
            spans = [(previous, current - one, False), (current, following - one, False)]
        if org.plant == "term_ended" and len(spans) > 1:
            spans.pop()
        return spans

    def _post_roles(self, org: _OrgPlan, official: int, available: int) -> list[CommitteeRole]:
        role = CommitteeRole
        if org.kind.is_party_committee:
            size = 5 if official < 100 else 7 if official < 250 else 9
            if org.kind is OrgKind.PARTY_COMMITTEE_SECTION:
                size = 3 if official < 40 else 5
            size = min(size, available)
            deputies = 2 if size >= 9 else 1
            return (
                [role.SECRETARY]
                + [role.DEPUTY_SECRETARY] * deputies
                + [role.COMMITTEE_MEMBER] * (size - 1 - deputies)
            )
        if org.plant == "no_committee":
            return [role.SECRETARY, role.DEPUTY_SECRETARY]
        if official >= 9:
            size = min(_committee_size(official), available)
            return [role.SECRETARY, role.DEPUTY_SECRETARY] + [role.COMMITTEE_MEMBER] * (size - 2)
        if official >= 5 and self._chance(0.6):
            return [role.SECRETARY, role.DEPUTY_SECRETARY]
        return [role.SECRETARY]

    def _pool(self, org: _OrgPlan) -> list[tuple[int, date]]:
        if org.kind.is_party_committee:
            return [m for c in org.children for m in self._pool(self.orgs[c])]
        return org.pool

    def _posts(
        self, org: _OrgPlan, start: date, end: date, appointed: bool, current: bool
    ) -> tuple[CommitteePost, ...]:
        pool = self._pool(org)
        if org.is_ended:
            pool = [(m, start) for m in org.former]
        official = len(pool) if org.kind.is_party_committee else org.counted_official or len(pool)
        eligible = [m for m, on in pool if on <= start]
        if len(eligible) < 3 and current:
            eligible = [m for m, _ in pool]
        roles = self._post_roles(org, official, len(eligible))
        if not eligible or not roles:
            return ()
        chosen = self.rng.sample(eligible, min(len(roles), len(eligible)))
        issuer = org.issuer if not org.top_level else self._issuer(start)
        decision = self._number("QĐ", issuer, start)
        return tuple(
            CommitteePost(
                member_id=member_id,
                role=role,
                starts_on=start,
                ends_on=None if current else end,
                appointed=appointed,
                decision=decision if appointed or role is CommitteeRole.SECRETARY else "",
            )
            for member_id, role in zip(chosen, roles, strict=False)
        )

    def write_terms(self, store: Store) -> None:
        for org in self.orgs:
            spans = self._term_spans(org)
            for k, (start, end, appointed) in enumerate(spans):
                current = k == len(spans) - 1 and end >= self.today
                label = f"{start.year}–{end.year}"
                notes = (
                    "Cấp ủy lâm thời do cấp ủy cấp trên chỉ định khi thành lập."
                    if appointed
                    else ""
                )
                term = Term(
                    organisation_id=_saved(org.id),
                    label=label,
                    starts_on=start,
                    ends_on=end,
                    congress_on=None if appointed else start,
                    notes=notes,
                    posts=self._posts(org, start, end, appointed, current),
                )
                store.organisations.save_term(term)
            self.tracker.advance()

    # --- write: cadres -------------------------------------------------------------------------

    def write_cadres(self, store: Store) -> None:
        ids = [store.organisations.save_cadre(cadre) for cadre in self.cadres]
        active = [i for i, c in zip(ids, self.cadres, strict=True) if c.active]
        renewal = TWO_LEVEL_SINCE
        if renewal > self.today - timedelta(days=30):
            renewal = self.today - timedelta(days=200)
        for org in self.orgs:
            if org.top_level:
                for assignment in self._assignments(org, ids, active, renewal):
                    store.organisations.save_assignment(assignment)
            self.tracker.advance()

    def _assignments(
        self, org: _OrgPlan, ids: list[int], active: list[int], renewal: date
    ) -> list[CadreAssignment]:
        rng = self.rng
        org_id = _saved(org.id)
        start = max(org.founded_on, date(2020, 10, 1)) + timedelta(days=rng.randint(5, 30))
        start = min(start, self.today)
        if org.is_ended:
            assert org.ended_on is not None
            start = min(start, org.ended_on)
            return [CadreAssignment(org_id, rng.choice(ids), start, org.ended_on)]
        if start < renewal - timedelta(days=1) and rng.random() < 0.45:
            first = rng.choice(ids)
            second = rng.choice([c for c in active if c != first] or active)
            return [
                CadreAssignment(org_id, first, start, renewal - timedelta(days=1)),
                CadreAssignment(org_id, second, renewal),
            ]
        return [CadreAssignment(org_id, rng.choice(active), start)]

    def write_settings(self, store: Store) -> None:
        settings = self.region.settings
        signer = self.cadres[0].full_name
        store.settings.save_office(
            OfficeSettings(
                committee_level=settings.committee_level,
                committee_full_name=settings.committee_full_name,
                committee_header=settings.committee_header,
                upper_body_header=settings.upper_body_header,
                abbreviation=settings.abbreviation,
                locality=settings.locality,
                signer_authority=settings.signer_authority,
                signer_title=settings.signer_title,
                signer_name=signer,
            )
        )


# --- public API ----------------------------------------------------------------------------------


def _scale(scale: str) -> DemoScale:
    try:
        return SCALES[scale]
    except KeyError:
        known = ", ".join(s for s in SCALES if not s.startswith("_"))
        raise ValueError(f"Unknown demo scale {scale!r}; expected one of: {known}") from None


def populate_demo(
    store: Store,
    scale: str = "district",
    seed: int = 2026,
    *,
    today: date,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> DemoSummary:
    """Fill an empty store with the sample office of ``scale``; all of it or, on error, nothing.

    Raises ``ValueError`` for an unknown scale or a store that already holds records, and
    ``Cancelled`` when ``cancel`` is set (checked at every 1 % of the work).
    """
    target = _scale(scale)
    counts = store.counts()
    if counts["enterprises"] or counts["organisations"] or counts["members"]:
        raise ValueError(
            "Cơ sở dữ liệu đã có dữ liệu; chỉ tạo văn phòng mẫu trong một tệp mới, trống."
        )
    n_ent, n_org, n_mem = target.enterprises, target.organisations, target.members
    tracker = _Tracker(progress, cancel, 2 * n_ent + 4 * n_org + n_mem)
    generator = _Generator(target, seed, today, tracker)
    with store.lock, transaction(store.db):
        tracker.phase("Đang chuẩn bị doanh nghiệp và tổ chức đảng", n_ent + n_org)
        generator.plan_cadres()
        generator.plan_organisations()
        generator.plan_free_enterprises()
        generator.plan_slots()
        generator.plan_owners()
        generator.count_members_working()
        tracker.phase("Đang tạo doanh nghiệp", n_ent)
        generator.write_enterprises(store)
        tracker.phase("Đang tạo tổ chức đảng", n_org)
        generator.write_organisations(store)
        tracker.phase("Đang tạo đảng viên", n_mem)
        generator.write_members(store)
        tracker.phase("Đang tạo nhiệm kỳ và cấp ủy", n_org)
        generator.write_terms(store)
        tracker.phase("Đang phân công cán bộ phụ trách", n_org)
        generator.write_cadres(store)
        generator.write_settings(store)
        check_cancel(cancel)
    counts = store.counts()
    progress(tracker.total, tracker.total, "Đã tạo xong văn phòng mẫu.")
    return DemoSummary(scale=scale, seed=seed, **counts)


def create_demo_database(
    path: Path,
    scale: str = "district",
    seed: int = 2026,
    *,
    today: date,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> DemoSummary:
    """Build the sample office as a new PartyDesk file at ``path``, which must not exist.

    The file is built beside ``path`` (``<name>.demo-tmp``) and moved into place when complete;
    on cancel or error the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    _scale(scale)
    if path.exists():
        raise FileExistsError(path)
    temp = path.with_name(path.name + ".demo-tmp")
    _remove_database_file(temp)
    _remove_database_file(temp.with_name(temp.name + ".tmp"))
    try:
        store = create_store(temp)
    except BaseException:
        _remove_database_file(temp)
        raise
    try:
        summary = populate_demo(store, scale, seed, today=today, progress=progress, cancel=cancel)
    except BaseException:
        store.close()
        _remove_database_file(temp)
        raise
    store.close()
    if path.exists():
        _remove_database_file(temp)
        raise FileExistsError(path)
    os.replace(temp, path)
    return summary
