"""The committee's indicators (domain.md §4.4): what each one counts, and the figures of a year.

Every indicator is defined once here, in words (``definition``), and once in SQL
(``store.statistics_sql``), which the dashboard, the printed report, the XLSX and the list behind
each figure all use, so they cannot disagree. Stock indicators are counted on the period's day
(``Period.on``); flow indicators over the year up to that day, compared with the same stretch
of the year before. Classification results are those of one evaluation year
(``Statistics.classification_year``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta

from partydesk.domain.evaluation import Level

DEFAULT_LARGE_WORKFORCE = 500  # Gò Vấp's goal: organisations in every enterprise this size


class Section(StrEnum):
    ENTERPRISES = "DOANH_NGHIEP"
    ORGANISATIONS = "TO_CHUC"
    MEMBERS = "DANG_VIEN"
    MEETINGS = "SINH_HOAT"
    CLASSIFICATION = "XEP_LOAI"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS: dict[Section, str] = {
    Section.ENTERPRISES: "Doanh nghiệp và tổ chức đảng",
    Section.ORGANISATIONS: "Tổ chức đảng",
    Section.MEMBERS: "Đảng viên",
    Section.MEETINGS: "Sinh hoạt chi bộ",
    Section.CLASSIFICATION: "Đánh giá, xếp loại chất lượng",
}


class Subject(StrEnum):
    """The list a figure opens: the records it counts."""

    ENTERPRISE = "enterprise"
    ORGANISATION = "organisation"
    MEMBER = "member"
    MEETING = "meeting"
    COMPLIANCE = "compliance"  # the meeting-duty matrix of the year (required meetings)


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    MINUTES = "minutes"


class Key(StrEnum):
    """The indicators, in the order the dashboard and the report show them."""

    DN_TOTAL = "dn_total"
    DN_WITH_ORG = "dn_with_org"
    DN_WITH_ORG_RATE = "dn_with_org_rate"
    DN_3_OFFICIAL = "dn_3_official"
    DN_3_OFFICIAL_WITH_ORG = "dn_3_official_with_org"
    DN_3_OFFICIAL_WITHOUT_ORG = "dn_3_official_without_org"
    DN_3_OFFICIAL_RATE = "dn_3_official_rate"
    DN_LARGE_WITHOUT_ORG = "dn_large_without_org"
    DN_TRADE_UNION = "dn_trade_union"
    DN_TRADE_UNION_WITH_ORG = "dn_trade_union_with_org"
    DN_TRADE_UNION_RATE = "dn_trade_union_rate"
    DN_YOUTH_UNION = "dn_youth_union"
    DN_WOMEN_UNION = "dn_women_union"

    ORG_BASE = "org_base"
    ORG_PARTY_COMMITTEE = "org_party_committee"
    ORG_CELL_BASE = "org_cell_base"
    ORG_CELL_UNDER = "org_cell_under"
    ORG_CELL_COMBINED = "org_cell_combined"
    ORG_FOUNDED = "org_founded"
    ORG_BASE_ADMITTING = "org_base_admitting"
    ORG_BASE_ADMITTING_RATE = "org_base_admitting_rate"

    MEM_TOTAL = "mem_total"
    MEM_OFFICIAL = "mem_official"
    MEM_PROBATIONARY = "mem_probationary"
    MEM_FEMALE = "mem_female"
    MEM_OWNER = "mem_owner"
    MEM_MANAGER = "mem_manager"
    MEM_ADMITTED = "mem_admitted"
    MEM_ADMITTED_OWNER = "mem_admitted_owner"
    MEM_TRANSFERRED_IN = "mem_transferred_in"
    MEM_TRANSFERRED_OUT = "mem_transferred_out"

    MTG_REQUIRED = "mtg_required"
    MTG_HELD = "mtg_held"
    MTG_RATE = "mtg_rate"
    MTG_THEMATIC = "mtg_thematic"
    MTG_AVG_MINUTES = "mtg_avg_minutes"

    EVA_MEMBERS = "eva_members"
    EVA_M_EXCELLENT = "eva_m_excellent"
    EVA_M_GOOD = "eva_m_good"
    EVA_M_COMPLETED = "eva_m_completed"
    EVA_M_FAILED = "eva_m_failed"
    EVA_ORGS = "eva_orgs"
    EVA_O_EXCELLENT = "eva_o_excellent"
    EVA_O_GOOD = "eva_o_good"
    EVA_O_COMPLETED = "eva_o_completed"
    EVA_O_FAILED = "eva_o_failed"


@dataclass(frozen=True, slots=True)
class Indicator:
    """What one indicator is. A rate is ``rate_of[0] / rate_of[1]``; a figure with ``share_of``
    is also shown as its share of that one ("12 (8,5 %)")."""

    key: Key
    section: Section
    label: str
    definition: str
    subject: Subject | None
    unit: Unit = Unit.COUNT
    flow: bool = False  # counted over the year up to the day, not on the day
    indent: int = 0  # 1: "trong đó", a part of the line above
    rate_of: tuple[Key, Key] | None = None
    share_of: Key | None = None
    dated: bool = True  # False: read from the enterprise record as it is now, not on the day

    @property
    def counted(self) -> Key:
        """The indicator whose records this one shows: a rate's numerator, else itself."""
        return self.rate_of[0] if self.rate_of else self.key


def _i(
    key: Key, section: Section, label: str, definition: str, subject: Subject | None, **kw: Any
) -> Indicator:
    return Indicator(key, section, label, definition, subject, **kw)


_E, _O, _M, _G, _C = (
    Section.ENTERPRISES,
    Section.ORGANISATIONS,
    Section.MEMBERS,
    Section.MEETINGS,
    Section.CLASSIFICATION,
)
_ENT, _ORG, _MEM, _MTG = Subject.ENTERPRISE, Subject.ORGANISATION, Subject.MEMBER, Subject.MEETING
_ON_DAY_DN = (
    "Doanh nghiệp trong sổ chưa giải thể vào ngày tính (ngày thành lập, nếu có, không sau ngày đó)"
)
_HAS_ORG = "gắn với ít nhất một tổ chức đảng đang tồn tại vào ngày tính"
_OFFICIAL_WORKING = (
    "số đảng viên chính thức đang làm việc (số lớn hơn giữa số doanh nghiệp khai và số đảng"
    " viên chính thức trong sổ làm việc tại doanh nghiệp vào ngày tính) từ 3 trở lên"
)

MEMBER_LEVEL_KEYS: dict[Level, Key] = {
    Level.EXCELLENT: Key.EVA_M_EXCELLENT,
    Level.GOOD: Key.EVA_M_GOOD,
    Level.COMPLETED: Key.EVA_M_COMPLETED,
    Level.FAILED: Key.EVA_M_FAILED,
}
ORG_LEVEL_KEYS: dict[Level, Key] = {
    Level.EXCELLENT: Key.EVA_O_EXCELLENT,
    Level.GOOD: Key.EVA_O_GOOD,
    Level.COMPLETED: Key.EVA_O_COMPLETED,
    Level.FAILED: Key.EVA_O_FAILED,
}


def _levels(
    who: str, subject: Subject, total: Key, keys: dict[Level, Key]
) -> tuple[Indicator, ...]:
    """One "trong đó" line per classification level, each a share of ``total``."""
    return tuple(
        _i(
            key,
            _C,
            level.label,
            f"{who} xếp loại “{level.label}”.",
            subject,
            indent=1,
            share_of=total,
        )
        for level, key in keys.items()
    )


INDICATORS: tuple[Indicator, ...] = (
    _i(Key.DN_TOTAL, _E, "Doanh nghiệp trên địa bàn", _ON_DAY_DN + ".", _ENT),
    _i(Key.DN_WITH_ORG, _E, "Doanh nghiệp có tổ chức đảng", f"Doanh nghiệp {_HAS_ORG}.", _ENT),
    _i(
        Key.DN_WITH_ORG_RATE,
        _E,
        "Tỷ lệ doanh nghiệp có tổ chức đảng",
        "Doanh nghiệp có tổ chức đảng / doanh nghiệp trên địa bàn.",
        _ENT,
        unit=Unit.PERCENT,
        indent=1,
        rate_of=(Key.DN_WITH_ORG, Key.DN_TOTAL),
    ),
    _i(
        Key.DN_3_OFFICIAL,
        _E,
        "Doanh nghiệp có từ 3 đảng viên chính thức trở lên",
        f"Doanh nghiệp có {_OFFICIAL_WORKING} (Chỉ thị 33-CT/TW).",
        _ENT,
    ),
    _i(
        Key.DN_3_OFFICIAL_WITH_ORG,
        _E,
        "đã có tổ chức đảng",
        f"Trong số doanh nghiệp có từ 3 đảng viên chính thức, doanh nghiệp {_HAS_ORG}.",
        _ENT,
        indent=1,
        share_of=Key.DN_3_OFFICIAL,
    ),
    _i(
        Key.DN_3_OFFICIAL_WITHOUT_ORG,
        _E,
        "chưa có tổ chức đảng",
        "Trong số doanh nghiệp có từ 3 đảng viên chính thức, doanh nghiệp chưa gắn với tổ chức"
        " đảng nào đang tồn tại vào ngày tính.",
        _ENT,
        indent=1,
        share_of=Key.DN_3_OFFICIAL,
    ),
    _i(
        Key.DN_3_OFFICIAL_RATE,
        _E,
        "Tỷ lệ doanh nghiệp từ 3 đảng viên chính thức đã thành lập tổ chức đảng",
        "Doanh nghiệp từ 3 đảng viên chính thức đã có tổ chức đảng / doanh nghiệp từ 3 đảng viên"
        " chính thức.",
        _ENT,
        unit=Unit.PERCENT,
        indent=1,
        rate_of=(Key.DN_3_OFFICIAL_WITH_ORG, Key.DN_3_OFFICIAL),
    ),
    _i(
        Key.DN_LARGE_WITHOUT_ORG,
        _E,
        "Doanh nghiệp từ {large} lao động trở lên chưa có tổ chức đảng",
        "Doanh nghiệp trên địa bàn có số lao động (theo hồ sơ doanh nghiệp) từ ngưỡng đã đặt"
        " trở lên và chưa gắn với tổ chức đảng nào đang tồn tại vào ngày tính.",
        _ENT,
        dated=False,
    ),
    _i(
        Key.DN_TRADE_UNION,
        _E,
        "Doanh nghiệp có công đoàn cơ sở",
        "Doanh nghiệp trên địa bàn có công đoàn cơ sở (theo hồ sơ doanh nghiệp).",
        _ENT,
        dated=False,
    ),
    _i(
        Key.DN_TRADE_UNION_WITH_ORG,
        _E,
        "có tổ chức đảng",
        f"Doanh nghiệp có công đoàn cơ sở và {_HAS_ORG}.",
        _ENT,
        indent=1,
        share_of=Key.DN_TRADE_UNION,
        dated=False,
    ),
    _i(
        Key.DN_TRADE_UNION_RATE,
        _E,
        "Tỷ lệ doanh nghiệp có công đoàn đã thành lập tổ chức đảng",
        "Doanh nghiệp có công đoàn cơ sở và có tổ chức đảng / doanh nghiệp có công đoàn cơ sở.",
        _ENT,
        unit=Unit.PERCENT,
        indent=1,
        rate_of=(Key.DN_TRADE_UNION_WITH_ORG, Key.DN_TRADE_UNION),
        dated=False,
    ),
    _i(
        Key.DN_YOUTH_UNION,
        _E,
        "Doanh nghiệp có tổ chức Đoàn thanh niên",
        "Doanh nghiệp trên địa bàn có tổ chức Đoàn thanh niên (theo hồ sơ doanh nghiệp).",
        _ENT,
        dated=False,
    ),
    _i(
        Key.DN_WOMEN_UNION,
        _E,
        "Doanh nghiệp có Hội phụ nữ",
        "Doanh nghiệp trên địa bàn có tổ chức Hội phụ nữ (theo hồ sơ doanh nghiệp).",
        _ENT,
        dated=False,
    ),
    _i(
        Key.ORG_BASE,
        _O,
        "Tổ chức cơ sở đảng",
        "Tổ chức đảng trực thuộc cấp ủy (không có tổ chức cấp trên trong sổ), đang tồn tại vào"
        " ngày tính.",
        _ORG,
    ),
    _i(
        Key.ORG_PARTY_COMMITTEE,
        _O,
        "Đảng bộ cơ sở",
        "Đảng bộ cơ sở đang tồn tại vào ngày tính.",
        _ORG,
        indent=1,
    ),
    _i(
        Key.ORG_CELL_BASE,
        _O,
        "Chi bộ cơ sở",
        "Chi bộ cơ sở đang tồn tại vào ngày tính.",
        _ORG,
        indent=1,
    ),
    _i(
        Key.ORG_CELL_UNDER,
        _O,
        "Chi bộ trực thuộc đảng ủy cơ sở",
        "Chi bộ trực thuộc đang tồn tại vào ngày tính.",
        _ORG,
    ),
    _i(
        Key.ORG_CELL_COMBINED,
        _O,
        "Chi bộ ghép",
        "Chi bộ ghép (đảng viên của nhiều doanh nghiệp) đang tồn tại vào ngày tính.",
        _ORG,
    ),
    _i(
        Key.ORG_FOUNDED,
        _O,
        "Tổ chức đảng thành lập mới",
        "Tổ chức đảng có ngày thành lập từ đầu năm đến ngày tính.",
        _ORG,
        flow=True,
    ),
    _i(
        Key.ORG_BASE_ADMITTING,
        _O,
        "Tổ chức cơ sở đảng kết nạp được đảng viên mới",
        "Tổ chức cơ sở đảng có ít nhất một đảng viên (của nó hoặc của chi bộ trực thuộc) được"
        " kết nạp từ đầu năm đến ngày tính.",
        _ORG,
        flow=True,
    ),
    _i(
        Key.ORG_BASE_ADMITTING_RATE,
        _O,
        "Tỷ lệ tổ chức cơ sở đảng kết nạp được đảng viên mới",
        "Tổ chức cơ sở đảng kết nạp được đảng viên mới / tổ chức cơ sở đảng.",
        _ORG,
        unit=Unit.PERCENT,
        flow=True,
        indent=1,
        rate_of=(Key.ORG_BASE_ADMITTING, Key.ORG_BASE),
    ),
    _i(
        Key.MEM_TOTAL,
        _M,
        "Đảng viên",
        "Đảng viên có tên trong danh sách sinh hoạt vào ngày tính (đã kết nạp, chưa chuyển đi,"
        " từ trần, xóa tên, khai trừ hay ra khỏi Đảng); không tính đảng viên sinh hoạt tạm"
        " thời đến.",
        _MEM,
    ),
    _i(
        Key.MEM_OFFICIAL,
        _M,
        "đảng viên chính thức",
        "Đảng viên đã được công nhận chính thức vào ngày tính.",
        _MEM,
        indent=1,
        share_of=Key.MEM_TOTAL,
    ),
    _i(
        Key.MEM_PROBATIONARY,
        _M,
        "đảng viên dự bị",
        "Đảng viên chưa được công nhận chính thức vào ngày tính.",
        _MEM,
        indent=1,
        share_of=Key.MEM_TOTAL,
    ),
    _i(
        Key.MEM_FEMALE,
        _M,
        "đảng viên nữ",
        "Đảng viên có giới tính nữ.",
        _MEM,
        indent=1,
        share_of=Key.MEM_TOTAL,
    ),
    _i(
        Key.MEM_OWNER,
        _M,
        "là chủ doanh nghiệp",
        "Đảng viên được đánh dấu là chủ doanh nghiệp trong hồ sơ.",
        _MEM,
        indent=1,
        dated=False,
    ),
    _i(
        Key.MEM_MANAGER,
        _M,
        "là người quản lý doanh nghiệp",
        "Đảng viên được đánh dấu là người quản lý doanh nghiệp trong hồ sơ.",
        _MEM,
        indent=1,
        dated=False,
    ),
    _i(
        Key.MEM_ADMITTED,
        _M,
        "Kết nạp đảng viên mới",
        "Đảng viên có ngày kết nạp (lễ kết nạp, nếu không có thì quyết định) từ đầu năm đến ngày"
        " tính.",
        _MEM,
        flow=True,
    ),
    _i(
        Key.MEM_ADMITTED_OWNER,
        _M,
        "trong đó chủ doanh nghiệp",
        "Đảng viên kết nạp mới được đánh dấu là chủ doanh nghiệp.",
        _MEM,
        flow=True,
        indent=1,
        dated=False,
    ),
    _i(
        Key.MEM_TRANSFERRED_IN,
        _M,
        "Đảng viên chuyển sinh hoạt chính thức đến",
        "Đảng viên có sự kiện chuyển sinh hoạt chính thức đến từ ngoài sổ, từ đầu năm đến ngày"
        " tính.",
        _MEM,
        flow=True,
    ),
    _i(
        Key.MEM_TRANSFERRED_OUT,
        _M,
        "Đảng viên chuyển sinh hoạt chính thức đi",
        "Đảng viên có sự kiện chuyển sinh hoạt chính thức đi ra ngoài sổ, từ đầu năm đến ngày"
        " tính.",
        _MEM,
        flow=True,
    ),
    _i(
        Key.MTG_REQUIRED,
        _G,
        "Buổi sinh hoạt thường kỳ phải tổ chức",
        "Mỗi chi bộ đang tồn tại phải họp một buổi thường kỳ trong mỗi kỳ sinh hoạt (1 tháng,"
        " hoặc số tháng theo quyết định riêng) bắt đầu từ tháng 1 đến tháng của ngày tính.",
        Subject.COMPLIANCE,
        flow=True,
    ),
    _i(
        Key.MTG_HELD,
        _G,
        "Buổi sinh hoạt thường kỳ đã tổ chức",
        "Buổi sinh hoạt thường kỳ (kể cả kết hợp chuyên đề) của các tháng trong năm đến tháng"
        " của ngày tính, họp không sau ngày tính.",
        _MTG,
        flow=True,
    ),
    _i(
        Key.MTG_RATE,
        _G,
        "Tỷ lệ buổi thường kỳ đã tổ chức so với phải tổ chức",
        "Buổi thường kỳ đã tổ chức / buổi thường kỳ phải tổ chức.",
        _MTG,
        unit=Unit.PERCENT,
        flow=True,
        indent=1,
        rate_of=(Key.MTG_HELD, Key.MTG_REQUIRED),
    ),
    _i(
        Key.MTG_THEMATIC,
        _G,
        "Buổi sinh hoạt chuyên đề",
        "Buổi sinh hoạt chuyên đề hoặc thường kỳ kết hợp chuyên đề của các tháng đến ngày tính.",
        _MTG,
        flow=True,
    ),
    _i(
        Key.MTG_AVG_MINUTES,
        _G,
        "Thời lượng bình quân một buổi thường kỳ (phút)",
        "Bình quân (giờ kết thúc − giờ bắt đầu) của các buổi thường kỳ đã tổ chức có ghi giờ.",
        _MTG,
        unit=Unit.MINUTES,
        flow=True,
    ),
    _i(
        Key.EVA_MEMBERS,
        _C,
        "Đảng viên được đánh giá",
        "Đảng viên trong kỳ đánh giá của năm, không thuộc diện không đánh giá.",
        _MEM,
    ),
    *_levels("Đảng viên được cấp có thẩm quyền", _MEM, Key.EVA_MEMBERS, MEMBER_LEVEL_KEYS),
    _i(
        Key.EVA_ORGS,
        _C,
        "Tổ chức đảng được xếp loại",
        "Tổ chức đảng trong kỳ đánh giá của năm đã có mức xếp loại của cấp có thẩm quyền.",
        _ORG,
    ),
    *_levels("Tổ chức đảng được", _ORG, Key.EVA_ORGS, ORG_LEVEL_KEYS),
)

INDICATOR_BY_KEY: dict[Key, Indicator] = {i.key: i for i in INDICATORS}
assert len(INDICATOR_BY_KEY) == len(Key), "every Key has exactly one Indicator"


def indicator_label(indicator: Indicator, large_workforce: int) -> str:
    """The label as shown: the large-enterprise threshold is the office's own."""
    return indicator.label.replace("{large}", f"{large_workforce:,}".replace(",", "."))


def full_label(indicator: Indicator, large_workforce: int) -> str:
    """The label read on its own, away from the table: a "trong đó" line ("đã có tổ chức
    đảng", a level of the classification) is prefixed with the line it belongs to."""
    label = indicator_label(indicator, large_workforce)
    if not indicator.indent or indicator.rate_of is not None:
        return label
    parent = _parent_of(indicator)
    if parent is indicator:
        return label
    return f"{indicator_label(parent, large_workforce)}: {label[:1].lower()}{label[1:]}"


@dataclass(frozen=True, slots=True)
class Period:
    """The day stock figures are counted on; flows run from 1 January of ``on``'s year."""

    on: date

    @property
    def year(self) -> int:
        return self.on.year

    @property
    def start(self) -> date:
        return date(self.on.year, 1, 1)

    def previous(self) -> Period:
        """The same day a year earlier (29/2 becomes 28/2)."""
        return Period(self.on - relativedelta(years=1))

    @classmethod
    def for_year(cls, year: int, today: date) -> Period:
        """The current year up to today; a past year to 31/12; a future year is refused."""
        if year > today.year:
            raise ValueError(f"Năm {year} chưa đến.")
        return cls(today if year == today.year else date(year, 12, 31))


@dataclass(frozen=True, slots=True)
class Target:
    """A target the office set itself: ``value`` is a percentage for a rate, else a count."""

    indicator: Key
    value: float
    deadline_year: int
    source: str = ""
    notes: str = ""
    id: int | None = None

    def progress(self, current: float | None) -> float | None:
        """How far ``current`` is towards the target (1.0 = reached), None when unknown."""
        if current is None or self.value <= 0:
            return None
        return current / self.value


# The Sông Công targets quoted in the seed articles (issue 8), offered as a ready example.
EXAMPLE_SOURCE = (
    "Ví dụ: chỉ tiêu đến năm 2030 của Đảng bộ thành phố Sông Công (Thái Nguyên) thực hiện"
    " Nghị quyết 21-NQ/TW — đối chiếu văn bản gốc trước khi dùng"
)
EXAMPLE_TARGETS: tuple[Target, ...] = (
    Target(Key.DN_WITH_ORG_RATE, 15.0, 2030, EXAMPLE_SOURCE),
    Target(Key.DN_3_OFFICIAL_RATE, 80.0, 2030, EXAMPLE_SOURCE),
    Target(Key.DN_TRADE_UNION_RATE, 70.0, 2030, EXAMPLE_SOURCE),
    Target(Key.ORG_BASE_ADMITTING_RATE, 80.0, 2030, EXAMPLE_SOURCE, "Hằng năm"),
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One indicator's value in a period and the same period a year before.

    ``value`` is a count, a percentage (0–100) or minutes; None when it cannot be computed (a
    rate over nothing, no meeting with times). ``share`` is the percentage of ``share_of``.
    """

    key: Key
    value: float | None
    previous: float | None = None
    share: float | None = None
    target: Target | None = None

    @property
    def indicator(self) -> Indicator:
        return INDICATOR_BY_KEY[self.key]

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def progress(self) -> float | None:
        return self.target.progress(self.value) if self.target else None


@dataclass(frozen=True, slots=True)
class TypeBreakdown:
    """Organisations and members under one enterprise type (the type of the organisation's
    enterprise; ``type_label`` "Chưa gắn doanh nghiệp" for organisations without one)."""

    type_label: str
    enterprises: int
    enterprises_with_org: int
    organisations: int
    members: int


@dataclass(frozen=True, slots=True)
class ClassificationYear:
    """Decided levels of one evaluation year: members and organisations per level."""

    year: int
    members: dict[Level, int]
    organisations: dict[Level, int]

    @property
    def members_total(self) -> int:
        return sum(self.members.values())

    @property
    def organisations_total(self) -> int:
        return sum(self.organisations.values())


@dataclass(frozen=True, slots=True)
class MonthMeetings:
    """Regular meetings required and held for one month of the year (``month`` 1–12)."""

    month: int
    required: int
    held: int


@dataclass(frozen=True, slots=True)
class Statistics:
    """Everything the dashboard, the printed report and the XLSX show for one period."""

    period: Period
    figures: tuple[Figure, ...]
    large_workforce: int = DEFAULT_LARGE_WORKFORCE
    classification_year: int | None = None  # None: no evaluation year with decided levels
    by_enterprise_type: tuple[TypeBreakdown, ...] = ()
    classification: tuple[ClassificationYear, ...] = ()  # oldest first, at most five years
    meetings_by_month: tuple[MonthMeetings, ...] = ()  # months 1..month of ``period.on``
    targets: tuple[Target, ...] = field(default=())

    def figure(self, key: Key) -> Figure:
        for figure in self.figures:
            if figure.key is key:
                return figure
        raise KeyError(key)

    def label(self, key: Key) -> str:
        return indicator_label(INDICATOR_BY_KEY[key], self.large_workforce)


@dataclass(frozen=True, slots=True)
class FigureLink:
    """What clicking a figure opens: the records an indicator counts in a period."""

    key: Key
    period: Period
    classification_year: int | None = None
    large_workforce: int = DEFAULT_LARGE_WORKFORCE

    @property
    def subject(self) -> Subject | None:
        return INDICATOR_BY_KEY[INDICATOR_BY_KEY[self.key].counted].subject

    @property
    def caption(self) -> str:
        shown = INDICATOR_BY_KEY[INDICATOR_BY_KEY[self.key].counted]
        label = full_label(shown, self.large_workforce)
        if shown.section is Section.CLASSIFICATION and self.classification_year:
            return f"{label} (năm {self.classification_year})"
        when = self.period.on.strftime("%d/%m/%Y")
        if shown.flow:
            return f"{label} (01/01–{when})"
        return f"{label} (ngày {when})"


def _parent_of(indicator: Indicator) -> Indicator:
    """The nearest line above ``indicator`` that is not indented: what "trong đó" refers to."""
    index = INDICATORS.index(indicator)
    for earlier in reversed(INDICATORS[:index]):
        if earlier.indent == 0:
            return earlier
    return indicator
