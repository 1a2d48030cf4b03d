"""The annual evaluation and classification (kiểm điểm, đánh giá, xếp loại chất lượng).

Every year each Party organisation and each member is classified at one of four levels
(domain.md §2.2). A cycle (kỳ đánh giá) belongs to a year and to the rule set in force for it;
opening a cycle snapshots who is evaluated and who is not. Each subject then goes through three
stages: self-assessment, the proposal (the chi bộ's vote, or the proposing committee), and the
decision of the competent committee. Rule checks (score bands, the discipline cap, the quota)
produce ``Violation``s; overriding one needs a reason that is kept (``Override``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    """The four levels, the same for organisations and members since QĐ 132 (domain §2.2)."""

    EXCELLENT = "HTXSNV"
    GOOD = "HTTNV"
    COMPLETED = "HTNV"
    FAILED = "KHTNV"

    @property
    def rank(self) -> int:
        """1 for the highest level, 4 for the lowest: a lower rank is a better level."""
        return LEVEL_ORDER.index(self) + 1

    @property
    def label(self) -> str:
        return DEFAULT_LEVEL_NAMES[self]

    @property
    def short(self) -> str:
        return self.value


LEVEL_ORDER: tuple[Level, ...] = (Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.FAILED)

DEFAULT_LEVEL_NAMES: dict[Level, str] = {
    Level.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Level.GOOD: "Hoàn thành tốt nhiệm vụ",
    Level.COMPLETED: "Hoàn thành nhiệm vụ",
    Level.FAILED: "Không hoàn thành nhiệm vụ",
}


class Stage(StrEnum):
    """The three steps each subject goes through (domain §2.6)."""

    SELF = "TU_DANH_GIA"
    PROPOSED = "DE_XUAT"
    DECIDED = "QUYET_DINH"

    @property
    def label(self) -> str:
        return {
            "TU_DANH_GIA": "Tự đánh giá",
            "DE_XUAT": "Đề xuất",
            "QUYET_DINH": "Quyết định",
        }[self.value]


class Exclusion(StrEnum):
    """Why a member on the roll is not evaluated this year (domain §2.4)."""

    EXEMPT = "MIEN_SH"  # miễn công tác và sinh hoạt đảng
    SUSPENDED = "DINH_CHI"  # đình chỉ sinh hoạt đảng
    NEW_MEMBER = "MOI_KET_NAP"  # admitted less than the rule set's months before
    TEMP_GUEST = "SHT_DEN"  # here on sinh hoạt tạm thời: classified where officially registered

    @property
    def label(self) -> str:
        return EXCLUSION_LABELS[self]


EXCLUSION_LABELS: dict[Exclusion, str] = {
    Exclusion.EXEMPT: "Miễn công tác và sinh hoạt đảng",
    Exclusion.SUSPENDED: "Đình chỉ sinh hoạt đảng",
    Exclusion.NEW_MEMBER: "Mới kết nạp chưa đủ thời gian",
    Exclusion.TEMP_GUEST: "Sinh hoạt tạm thời, đánh giá tại nơi sinh hoạt chính thức",
}


class MemberForm(StrEnum):
    """Which individual form a member writes; the rule set gives each its code and title."""

    STAFF = "A"  # 2A: not holding a leadership or management post
    LEADER = "B"  # 2B: holding a leadership or management post
    OUTSIDE = "C"  # 2C: not working in the political system (most members in private firms)


class Discipline(StrEnum):
    """A discipline imposed in the evaluation year (domain §5.6)."""

    REPRIMAND = "KHIEN_TRACH"
    WARNING = "CANH_CAO"
    DISMISSAL = "CACH_CHUC"

    @property
    def label(self) -> str:
        return {"KHIEN_TRACH": "Khiển trách", "CANH_CAO": "Cảnh cáo", "CACH_CHUC": "Cách chức"}[
            self.value
        ]


class RuleCode(StrEnum):
    """The checks the rule set makes; overrides are recorded per (subject, rule)."""

    SCORE_BAND = "DIEM"  # the level does not match the score band
    DISCIPLINE_CAP = "KY_LUAT"  # a member disciplined in the year rated above the cap
    PROBATION_CAP = "DU_BI"  # a probationary member rated above the cap, where one is set
    NOT_EVALUATED = "KHONG_DANH_GIA"  # a level given to a member who is not evaluated
    QUOTA = "TY_LE"  # HTXSNV above the share of HTTNV allowed in a comparison group

    @property
    def label(self) -> str:
        return {
            "DIEM": "Mức xếp loại không khớp khung điểm",
            "KY_LUAT": "Bị kỷ luật trong năm",
            "DU_BI": "Đảng viên dự bị",
            "KHONG_DANH_GIA": "Không thuộc diện đánh giá",
            "TY_LE": "Vượt tỷ lệ hoàn thành xuất sắc",
        }[self.value]

    @property
    def blocks(self) -> bool:
        """The quota is a warning; every other check needs an override reason to be saved."""
        return self is not RuleCode.QUOTA


@dataclass(frozen=True, slots=True)
class Subject:
    """What a violation or an override is about: a member, an organisation, or a quota group.

    ``key`` is the stored form: 'member:12', 'org:5', 'group:members:org:5', 'group:orgs:CHI_BO'.
    """

    key: str

    @staticmethod
    def member(member_id: int) -> Subject:
        return Subject(f"member:{member_id}")

    @staticmethod
    def organisation(organisation_id: int) -> Subject:
        return Subject(f"org:{organisation_id}")

    @staticmethod
    def group(group_key: str) -> Subject:
        return Subject(f"group:{group_key}")


@dataclass(frozen=True, slots=True)
class Violation:
    rule: RuleCode
    subject: Subject
    stage: Stage
    message: str  # Vietnamese, names the member, organisation or group

    @property
    def blocks(self) -> bool:
        return self.rule.blocks


@dataclass(frozen=True, slots=True)
class Override:
    """A recorded reason for keeping a level a rule check objects to."""

    subject: Subject
    rule: RuleCode
    reason: str
    recorded_at: str = ""  # ISO timestamp set by the store


@dataclass(frozen=True, slots=True)
class Cycle:
    """One year's evaluation. ``closed_on`` set means finished: its rows no longer change."""

    year: int
    rule_set_code: str
    reference_date: date  # the date eligibility is judged on (default 31/12 of the year)
    opened_on: date
    id: int | None = None
    guidance: str = ""  # the upper committee's kế hoạch / hướng dẫn for this cycle
    member_deadline: date | None = None  # members hand in their self-review forms
    cell_deadline: date | None = None  # chi bộ kiểm điểm meetings held
    decision_deadline: date | None = None  # the competent committee decides
    closed_on: date | None = None
    notes: str = ""

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class _StagedLevels:
    """A subject's level at each stage: ``self_level``, ``proposed_level``, ``decided_level``."""

    __slots__ = ()

    def level_at(self, stage: Stage) -> Level | None:
        return getattr(self, STAGE_LEVEL_FIELD[stage])


# The field (and store column) holding a subject's level at each stage.
STAGE_LEVEL_FIELD: dict[Stage, str] = {
    Stage.SELF: "self_level",
    Stage.PROPOSED: "proposed_level",
    Stage.DECIDED: "decided_level",
}


@dataclass(frozen=True, slots=True)
class MemberEvaluation(_StagedLevels):
    """One member's row in a cycle. Identity fields are a snapshot taken when the cycle opens."""

    cycle_id: int
    member_id: int
    organisation_id: int  # the organisation holding the member's record
    base_organisation_id: int  # its tổ chức cơ sở đảng: the default comparison group
    form: MemberForm
    full_name: str = ""
    exclusion: Exclusion | None = None
    exclusion_note: str = ""
    probationary: bool = False
    is_leader: bool = False
    discipline: Discipline | None = None
    discipline_note: str = ""
    self_score: float | None = None
    self_level: Level | None = None
    self_on: date | None = None  # the day the self-review form came in
    remarks: str = ""  # nhận xét của chi bộ
    temp_remarks: str = ""  # nhận xét của nơi sinh hoạt tạm thời
    proposed_level: Level | None = None
    vote_base: int | None = None  # members voting on the proposal
    votes_for: int | None = None
    decided_level: Level | None = None
    decided_score: float | None = None
    notes: str = ""

    @property
    def is_evaluated(self) -> bool:
        return self.exclusion is None

    @property
    def vote_share(self) -> float | None:
        if not self.vote_base or self.votes_for is None:
            return None
        return self.votes_for / self.vote_base


@dataclass(frozen=True, slots=True)
class OrgEvaluation(_StagedLevels):
    """One organisation's row in a cycle (Mẫu 01 self-assessment, proposal, decision)."""

    cycle_id: int
    organisation_id: int
    kind: str  # OrgKind value, snapshot
    name: str = ""
    parent_id: int | None = None  # the đảng bộ of a chi bộ trực thuộc; None when directly under
    enterprise_type: str = ""  # EnterpriseType value of the primary enterprise, snapshot
    self_score: float | None = None
    self_level: Level | None = None
    report_on: date | None = None  # the day Mẫu 01 came in
    leadership_disciplined: bool = False  # a subordinate unit or leadership member disciplined
    proposed_level: Level | None = None
    decided_level: Level | None = None
    decided_score: float | None = None
    decision_number: str = ""
    decision_date: date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class BallotCount:
    """The counted ballots (phiếu) of one organisation's members.

    ``votes`` maps (member id, level) to the number of ballots marking that level for that
    member. ``counters`` are the ban kiểm phiếu, one name per line (the first is trưởng ban).
    """

    cycle_id: int
    organisation_id: int
    issued: int
    returned: int
    invalid: int = 0
    counted_on: date | None = None
    counters: str = ""
    votes: tuple[tuple[int, Level, int], ...] = ()

    @property
    def valid(self) -> int:
        return self.returned - self.invalid

    def votes_for(self, member_id: int) -> dict[Level, int]:
        counts = dict.fromkeys(LEVEL_ORDER, 0)
        for mid, level, n in self.votes:
            if mid == member_id:
                counts[level] += n
        return counts
