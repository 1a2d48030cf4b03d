"""Briefing conferences (hội nghị giao ban) the committee holds with its cells every six months.

A round belongs to a half-year (6 tháng đầu năm / cuối năm). It is held in one or more sittings
(split by cluster, ward or supervising cadre, each with its own date); each invited organisation
records who came, whether its six-month report arrived on time, and the issues it raised
(khó khăn, vướng mắc, kiến nghị), which are followed up until resolved. See domain.md §6.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


class Half(StrEnum):
    FIRST = "1"
    SECOND = "2"

    @property
    def label(self) -> str:
        return "6 tháng đầu năm" if self is Half.FIRST else "6 tháng cuối năm"


class SplitBy(StrEnum):
    NONE = "KHONG"
    CLUSTER = "CUM"
    WARD = "PHUONG"
    CADRE = "CAN_BO"

    @property
    def label(self) -> str:
        return {
            "KHONG": "Một buổi chung",
            "CUM": "Theo cụm giao ban",
            "PHUONG": "Theo địa bàn (xã, phường)",
            "CAN_BO": "Theo cán bộ phụ trách",
        }[self.value]


class Attendance(StrEnum):
    UNRECORDED = "CHUA_GHI"
    PRESENT = "CO_MAT"
    ABSENT = "VANG"

    @property
    def label(self) -> str:
        return {"CHUA_GHI": "Chưa ghi", "CO_MAT": "Có mặt", "VANG": "Vắng"}[self.value]


class IssueKind(StrEnum):
    DIFFICULTY = "KHO_KHAN"
    PROBLEM = "VUONG_MAC"
    PROPOSAL = "KIEN_NGHI"

    @property
    def label(self) -> str:
        return {"KHO_KHAN": "Khó khăn", "VUONG_MAC": "Vướng mắc", "KIEN_NGHI": "Kiến nghị"}[
            self.value
        ]


class IssueStatus(StrEnum):
    NEW = "MOI"
    IN_PROGRESS = "DANG_XU_LY"
    ANSWERED = "DA_TRA_LOI"
    RESOLVED = "DA_GIAI_QUYET"

    @property
    def label(self) -> str:
        return {
            "MOI": "Mới",
            "DANG_XU_LY": "Đang xử lý",
            "DA_TRA_LOI": "Đã trả lời",
            "DA_GIAI_QUYET": "Đã giải quyết",
        }[self.value]

    @property
    def is_open(self) -> bool:
        """Open issues carry over into the next round; only a resolved one is closed."""
        return self is not IssueStatus.RESOLVED


@dataclass(frozen=True, slots=True)
class Sitting:
    """One dated sitting of a round; ``place`` blank means the round's place."""

    on: date
    label: str = ""
    starts: time | None = None
    ends: time | None = None
    place: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Invitee:
    """One invited organisation at a round, and what it did there."""

    organisation_id: int
    sitting_index: int = 0  # index into Briefing.sittings
    attendee_name: str = ""
    attendee_position: str = ""
    attendance: Attendance = Attendance.UNRECORDED
    absence_reason: str = ""
    report_received_on: date | None = None
    notes: str = ""
    organisation_name: str = ""  # filled by the store for display
    id: int | None = None


@dataclass(frozen=True, slots=True)
class BriefingIssue:
    """A difficulty, problem or proposal raised by a cell, followed up until resolved."""

    organisation_id: int
    kind: IssueKind
    content: str
    responsible: str = ""
    answer: str = ""
    status: IssueStatus = IssueStatus.NEW
    due_on: date | None = None
    resolved_on: date | None = None
    briefing_id: int | None = None  # the round it was raised at
    organisation_name: str = ""  # filled by the store for display
    raised_at: str = ""  # filled by the store: the round it was raised at, "6 tháng đầu năm 2026"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Briefing:
    """A briefing round with its sittings, invitees and the issues raised at it."""

    year: int
    half: Half
    sittings: tuple[Sitting, ...] = ()
    place: str = ""
    chair_name: str = ""
    chair_title: str = ""
    agenda: tuple[str, ...] = ()
    reports_due_on: date | None = None
    split_by: SplitBy = SplitBy.NONE
    held: bool = False
    opening: str = ""
    report_summary: str = ""
    discussion: str = ""
    conclusion: str = ""
    secretary_name: str = ""
    notes: str = ""
    invitees: tuple[Invitee, ...] = ()
    issues: tuple[BriefingIssue, ...] = field(default=())
    id: int | None = None

    @property
    def title(self) -> str:
        """The round's name, e.g. "Hội nghị giao ban 6 tháng đầu năm 2026"."""
        return f"Hội nghị giao ban {self.half.label} {self.year}"

    @property
    def first_day(self) -> date | None:
        return min((s.on for s in self.sittings), default=None)

    @property
    def last_day(self) -> date | None:
        return max((s.on for s in self.sittings), default=None)


@dataclass(frozen=True, slots=True)
class BriefingRow:
    """One line of the rounds list: when, how many came, how many reports on time, issues open."""

    id: int
    year: int
    half: Half
    first_day: date | None
    last_day: date | None
    sittings: int
    invited: int
    present: int
    reports_on_time: int
    open_issues: int

    @property
    def title(self) -> str:
        return f"{self.half.label} {self.year}"


@dataclass(frozen=True, slots=True)
class InviteCandidate:
    """An organisation that can be invited, with what sittings may be split by."""

    organisation_id: int
    name: str
    cluster: str = ""
    ward: str = ""  # the ward of its primary enterprise
    cadre: str = ""  # its supervising cadre on the planning day
