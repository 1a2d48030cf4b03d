"""Names the sample office draws from: the two regions, Vietnamese names, hometowns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.domain.member import Gender
from partydesk.domain.settings import CommitteeLevel, OfficeSettings

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


_UNIVERSITIES = (
    "Bách khoa Hà Nội",
    "Kinh tế Quốc dân",
    "Xây dựng Hà Nội",
    "Công nghiệp Hà Nội",
    "Thương mại",
    "Giao thông Vận tải",
)
