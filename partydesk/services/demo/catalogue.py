"""What enterprises and members are made of: sectors, company names, titles, statuses."""

from __future__ import annotations

from dataclasses import dataclass

from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.member import ENDED_STATUSES, EventKind, MemberStatus, Standing

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
