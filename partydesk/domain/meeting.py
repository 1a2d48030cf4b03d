"""A chi bộ meeting and its minutes (biên bản), laid out like the standard template (domain §1.4).

The record holds what the secretary writes down; everything the template derives (the
membership counts, each vote's base and result) is computed from it here, never typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time
from enum import StrEnum

from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus, Standing
from partydesk.domain.numbers import decimal_text


class MeetingKind(StrEnum):
    REGULAR = "THUONG_KY"
    THEMATIC = "CHUYEN_DE"
    COMBINED = "KET_HOP"  # thường kỳ kết hợp chuyên đề (HD 42: at least 120 minutes)
    EXTRAORDINARY = "BAT_THUONG"
    COMMITTEE = "HOP_CHI_UY"

    @property
    def label(self) -> str:
        return MEETING_KIND_LABELS[self]

    @property
    def is_regular(self) -> bool:
        """Counts as the month's thường kỳ meeting (a chuyên đề alone does not replace it)."""
        return self in (MeetingKind.REGULAR, MeetingKind.COMBINED)

    @property
    def is_thematic(self) -> bool:
        return self in (MeetingKind.THEMATIC, MeetingKind.COMBINED)

    @property
    def has_topic(self) -> bool:
        return self.is_thematic


MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.REGULAR: "Thường kỳ",
    MeetingKind.THEMATIC: "Chuyên đề",
    MeetingKind.COMBINED: "Thường kỳ kết hợp chuyên đề",
    MeetingKind.EXTRAORDINARY: "Bất thường",
    MeetingKind.COMMITTEE: "Họp chi ủy",
}


class MeetingForm(StrEnum):
    IN_PERSON = "TRUC_TIEP"
    ONLINE = "TRUC_TUYEN"
    HYBRID = "KET_HOP"

    @property
    def label(self) -> str:
        return {"TRUC_TIEP": "Trực tiếp", "TRUC_TUYEN": "Trực tuyến", "KET_HOP": "Kết hợp"}[
            self.value
        ]


class Presence(StrEnum):
    PRESENT = "CO_MAT"
    EXCUSED = "VANG_CO_LY_DO"
    UNEXCUSED = "VANG_KHONG_LY_DO"

    @property
    def label(self) -> str:
        return {
            "CO_MAT": "Có mặt",
            "VANG_CO_LY_DO": "Vắng có lý do",
            "VANG_KHONG_LY_DO": "Vắng không lý do",
        }[self.value]


class VoteKind(StrEnum):
    """What a question decides, which fixes the share of the base it needs (domain §1.5)."""

    ORDINARY = "THONG_THUONG"
    ADMISSION = "KET_NAP"
    OFFICIAL_RECOGNITION = "CONG_NHAN_CT"

    @property
    def label(self) -> str:
        return {
            "THONG_THUONG": "Thông thường (quá nửa)",
            "KET_NAP": "Kết nạp đảng viên (từ 2/3)",
            "CONG_NHAN_CT": "Công nhận đảng viên chính thức (từ 2/3)",
        }[self.value]

    @property
    def needs_two_thirds(self) -> bool:
        return self is not VoteKind.ORDINARY


class VoteForm(StrEnum):
    SHOW_OF_HANDS = "GIO_TAY"
    SECRET_BALLOT = "PHIEU_KIN"

    @property
    def label(self) -> str:
        return "Giơ tay" if self is VoteForm.SHOW_OF_HANDS else "Phiếu kín"


class MeetingState(StrEnum):
    DRAFT = "NHAP"
    APPROVED = "DA_THONG_QUA"  # approved and locked: corrections are addenda

    @property
    def label(self) -> str:
        return "Đang soạn" if self is MeetingState.DRAFT else "Đã thông qua, đã khóa"


# A member's situation that the roll copies from the register on the meeting date.
ROLL_STATUSES = frozenset(
    {
        MemberStatus.ACTIVE,
        MemberStatus.EXEMPT,
        MemberStatus.TEMP_AWAY,
        MemberStatus.TEMP_GUEST,
        MemberStatus.SUSPENDED,
    }
)


@dataclass(frozen=True, slots=True)
class RollEntry:
    """One line of the attendance roll, with the member as the register had them that day."""

    member_id: int
    full_name: str
    standing: Standing
    status: MemberStatus = MemberStatus.ACTIVE
    presence: Presence = Presence.PRESENT
    reason: str = ""

    @property
    def is_official(self) -> bool:
        return self.standing is Standing.OFFICIAL

    @property
    def is_present(self) -> bool:
        return self.presence is Presence.PRESENT

    @property
    def is_own_member(self) -> bool:
        """Registered in this chi bộ (not a guest here on sinh hoạt tạm thời)."""
        return self.status is not MemberStatus.TEMP_GUEST

    @property
    def can_vote(self) -> bool:
        """An official member of this chi bộ; dự bị members and guests do not vote here."""
        return self.is_official and self.is_own_member and self.status is not MemberStatus.SUSPENDED


@dataclass(frozen=True, slots=True)
class Guest:
    """An upper-level representative or an invited guest (đại biểu, khách mời)."""

    full_name: str
    position: str = ""
    unit: str = ""
    upper_level: bool = True
    cadre_id: int | None = None  # the supervising committee's cadre, when it is one


@dataclass(frozen=True, slots=True)
class Opinion:
    """One speaker's contribution to an agenda item, in the order spoken."""

    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class AgendaItem:
    title: str
    presenter: str = ""
    summary: str = ""
    opinions: tuple[Opinion, ...] = ()
    conclusion: str = ""  # the chair's conclusion on this item


@dataclass(frozen=True, slots=True)
class Vote:
    question: str
    in_favour: int = 0
    against: int = 0
    not_voting: int = 0
    kind: VoteKind = VoteKind.ORDINARY
    form: VoteForm = VoteForm.SHOW_OF_HANDS

    @property
    def cast(self) -> int:
        return self.in_favour + self.against + self.not_voting


@dataclass(frozen=True, slots=True)
class Task:
    """A task assigned at a meeting; it comes back, open, at the chi bộ's next meetings."""

    description: str
    assignee: str = ""
    assignee_member_id: int | None = None
    due: date | None = None
    done_on: date | None = None
    done_note: str = ""
    id: int | None = None
    meeting_id: int | None = None  # the meeting that assigned it
    assigned_on: date | None = None  # that meeting's date

    @property
    def is_open(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True, slots=True)
class Addendum:
    """A dated correction to approved minutes; printed after them, never merged into them."""

    on: date
    text: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    organisation_id: int
    on: date
    kind: MeetingKind = MeetingKind.REGULAR
    id: int | None = None
    period_year: int = 0  # the month the meeting is for ("sinh hoạt tháng 3 năm 2026")
    period_month: int = 0
    topic: str = ""
    starts: time | None = None
    ends: time | None = None
    place: str = ""
    form: MeetingForm = MeetingForm.IN_PERSON
    roll: tuple[RollEntry, ...] = ()
    guests: tuple[Guest, ...] = ()
    chair_member_id: int | None = None
    secretary_member_id: int | None = None
    dues_collected: int | None = None  # đồng
    agenda: tuple[AgendaItem, ...] = ()
    conclusion: str = ""
    votes: tuple[Vote, ...] = ()
    tasks: tuple[Task, ...] = ()
    quality_score: int | None = None
    minutes_read_at: time | None = None
    number: int | None = None  # "Số 07-BB/CB" when the minutes are numbered
    state: MeetingState = MeetingState.DRAFT
    approved_on: date | None = None
    override_reason: str = ""
    addenda: tuple[Addendum, ...] = ()

    def __post_init__(self) -> None:
        if not self.period_year:
            object.__setattr__(self, "period_year", self.on.year)
        if not self.period_month:
            object.__setattr__(self, "period_month", self.on.month)

    @property
    def is_locked(self) -> bool:
        return self.state is MeetingState.APPROVED

    @property
    def period(self) -> tuple[int, int]:
        return (self.period_year, self.period_month)

    @property
    def duration_minutes(self) -> int | None:
        return minutes_between(self.starts, self.ends)

    @property
    def counts(self) -> MembershipCounts:
        return MembershipCounts.of(self.roll)

    @property
    def vote_base(self) -> int:
        return vote_base(self.roll)

    def member_name(self, member_id: int | None) -> str:
        return next((e.full_name for e in self.roll if e.member_id == member_id), "")

    @property
    def chair_name(self) -> str:
        return self.member_name(self.chair_member_id)

    @property
    def secretary_name(self) -> str:
        return self.member_name(self.secretary_member_id)

    @property
    def title_line(self) -> str:
        """The line under "BIÊN BẢN": what meeting, for which month."""
        month = f"tháng {self.period_month} năm {self.period_year}"
        if self.kind is MeetingKind.REGULAR:
            return f"Sinh hoạt chi bộ thường kỳ {month}"
        if self.kind is MeetingKind.COMBINED:
            topic = f": {self.topic}" if self.topic else ""
            return f"Sinh hoạt chi bộ thường kỳ kết hợp chuyên đề {month}{topic}"
        if self.kind is MeetingKind.THEMATIC:
            topic = f": {self.topic}" if self.topic else ""
            return f"Sinh hoạt chi bộ chuyên đề {month}{topic}"
        if self.kind is MeetingKind.EXTRAORDINARY:
            return f"Sinh hoạt chi bộ bất thường ngày {self.on.day}/{self.on.month}/{self.on.year}"
        return f"Họp chi ủy {month}"

    def copy_structure(self, on: date, roll: tuple[RollEntry, ...]) -> Meeting:
        """A new draft for ``on`` with this meeting's structure: kind, place, form, guests,
        chair and secretary, and the agenda items' titles and presenters (the fast path for
        a chi bộ whose meetings follow the same order every month). The chair and secretary are
        kept when they are still on the roll."""
        roll_ids = {e.member_id for e in roll}
        return Meeting(
            organisation_id=self.organisation_id,
            on=on,
            kind=self.kind,
            topic="",
            starts=self.starts,
            ends=self.ends,
            place=self.place,
            form=self.form,
            roll=roll,
            guests=self.guests,
            chair_member_id=self.chair_member_id if self.chair_member_id in roll_ids else None,
            secretary_member_id=(
                self.secretary_member_id if self.secretary_member_id in roll_ids else None
            ),
            agenda=tuple(AgendaItem(a.title, a.presenter) for a in self.agenda),
        )

    def approved(self, on: date, override_reason: str = "") -> Meeting:
        return replace(
            self, state=MeetingState.APPROVED, approved_on=on, override_reason=override_reason
        )


def minutes_between(starts: time | None, ends: time | None) -> int | None:
    """How long a meeting held within one day lasted; None when a time is missing."""
    if starts is None or ends is None:
        return None
    return (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)


@dataclass(frozen=True, slots=True)
class MembershipCounts:
    """The "tình hình đảng viên" paragraph of the minutes, computed from the roll."""

    total: int = 0  # members of the chi bộ plus those here on sinh hoạt tạm thời
    official: int = 0
    probationary: int = 0
    temp_guests: int = 0  # sinh hoạt tạm thời đến
    exempt: int = 0  # miễn công tác và sinh hoạt
    temp_away: int = 0  # giới thiệu sinh hoạt tạm thời đi nơi khác
    present: int = 0
    present_official: int = 0
    present_probationary: int = 0
    present_temp_guests: int = 0
    excused: tuple[RollEntry, ...] = field(default=())
    unexcused: tuple[RollEntry, ...] = field(default=())

    @property
    def absent(self) -> int:
        return len(self.excused) + len(self.unexcused)

    @classmethod
    def of(cls, roll: tuple[RollEntry, ...] | list[RollEntry]) -> MembershipCounts:
        own = [e for e in roll if e.is_own_member]
        guests = [e for e in roll if not e.is_own_member]
        present = [e for e in roll if e.is_present]
        return cls(
            total=len(roll),
            official=sum(1 for e in own if e.is_official),
            probationary=sum(1 for e in own if not e.is_official),
            temp_guests=len(guests),
            exempt=sum(1 for e in roll if e.status is MemberStatus.EXEMPT),
            temp_away=sum(1 for e in roll if e.status is MemberStatus.TEMP_AWAY),
            present=len(present),
            present_official=sum(1 for e in present if e.is_own_member and e.is_official),
            present_probationary=sum(1 for e in present if e.is_own_member and not e.is_official),
            present_temp_guests=sum(1 for e in present if not e.is_own_member),
            excused=tuple(e for e in roll if e.presence is Presence.EXCUSED),
            unexcused=tuple(e for e in roll if e.presence is Presence.UNEXCUSED),
        )


def vote_base(roll: tuple[RollEntry, ...] | list[RollEntry]) -> int:
    """The base of every vote percentage (QĐ 294 điểm 9.3.2, domain §1.5).

    The official members called, minus those sent elsewhere on sinh hoạt tạm thời, minus the
    exempt members who are absent (an exempt member who attends is counted). Probationary
    members and members here on sinh hoạt tạm thời are not in it; nor are suspended members.
    """
    return sum(
        1
        for e in roll
        if e.can_vote
        and e.status is not MemberStatus.TEMP_AWAY
        and not (e.status is MemberStatus.EXEMPT and not e.is_present)
    )


def present_voters(roll: tuple[RollEntry, ...] | list[RollEntry]) -> int:
    """Official members present who may vote; a vote cannot count more hands than this."""
    return sum(1 for e in roll if e.can_vote and e.is_present)


@dataclass(frozen=True, slots=True)
class VoteOutcome:
    base: int
    required: int  # the fewest votes in favour that pass the question
    passed: bool


def required_in_favour(base: int, kind: VoteKind) -> int:
    """The fewest votes in favour that pass: more than half, or at least two thirds."""
    if kind.needs_two_thirds:
        return -(-2 * base // 3)  # ceil(2 base / 3)
    return base // 2 + 1


def vote_outcome(vote: Vote, base: int) -> VoteOutcome:
    required = required_in_favour(base, vote.kind)
    return VoteOutcome(base, required, base > 0 and vote.in_favour >= required)


def percent_text(part: int, whole: int) -> str:
    """ "90,0%" with the Vietnamese decimal comma; "—" when there is no base."""
    if whole <= 0:
        return "—"
    return f"{decimal_text(part * 100 / whole, 1)}%"


# Events by which a member comes into a chi bộ from elsewhere: before the first of them, the
# member was not on this chi bộ's roll.
ARRIVAL_EVENTS = frozenset({EventKind.TRANSFER_IN, EventKind.TEMP_IN})


def roll_entry_on(member: Member, events: list[MemberEvent], on: date) -> RollEntry | None:
    """The member as the roll of a meeting on ``on`` lists them, or None if not a member then.

    Standing and status are replayed from the member's dated events, so a roll made today for
    a meeting last spring shows who was dự bị, exempt or away at that time.
    """
    admitted = member.admission_decision_date
    if admitted is not None and admitted > on:
        return None
    arrivals = [e.on for e in events if e.kind in ARRIVAL_EVENTS]
    if arrivals and min(arrivals) > on:
        return None  # transferred in, or here on sinh hoạt tạm thời, only after that day
    status = MemberStatus.ACTIVE
    for event in sorted(events, key=lambda e: e.on):
        if event.on > on:
            break
        status = event.apply(replace(member, status=status)).status
    if status.is_ended:
        return None
    if member.official_date is not None:
        standing = Standing.OFFICIAL if member.official_date <= on else Standing.PROBATIONARY
    else:
        standing = member.standing
    presence = Presence.EXCUSED if status is MemberStatus.TEMP_AWAY else Presence.PRESENT
    reason = "Sinh hoạt tạm thời nơi khác" if status is MemberStatus.TEMP_AWAY else ""
    return RollEntry(
        member_id=member.id or 0,
        full_name=member.full_name,
        standing=standing,
        status=status,
        presence=presence,
        reason=reason,
    )
