"""What a meeting's minutes must satisfy: dated rule sets, save-time checks, approval warnings.

Rules change by regulation (domain §0): the 90/120-minute minimum comes from Hướng dẫn
42-HD/BTCTW of 28/10/2025, so a meeting is judged by the rule set in force on its date.
Save-time checks (``validate_meeting``) refuse what cannot be true; approval warnings
(``approval_warnings``) name what should not happen, and the clerk may approve anyway with a
recorded reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import (
    AgendaItem,
    Meeting,
    MeetingKind,
    Opinion,
    Presence,
    present_voters,
    vote_base,
    vote_outcome,
)
from partydesk.domain.numbers import grouped
from partydesk.domain.text import clean_multiline, clean_text
from partydesk.domain.validation import InvalidRecord


@dataclass(frozen=True, slots=True)
class MeetingRuleSet:
    """The meeting rules in force from ``effective`` until the next set."""

    effective: date
    source: str
    min_minutes: int | None  # None: no minimum in force
    min_minutes_combined: int | None

    def minimum_for(self, kind: MeetingKind) -> int | None:
        if kind is MeetingKind.COMBINED:
            return self.min_minutes_combined
        if kind is MeetingKind.COMMITTEE:
            return None  # HD 42's minimum is for chi bộ meetings, not the chi ủy's own
        return self.min_minutes


RULE_SETS: tuple[MeetingRuleSet, ...] = (
    MeetingRuleSet(date(2018, 5, 25), "Hướng dẫn 12-HD/BTCTW", None, None),
    MeetingRuleSet(date(2025, 10, 28), "Hướng dẫn 42-HD/BTCTW", 90, 120),
)


def rules_on(on: date) -> MeetingRuleSet:
    """The rule set in force on ``on`` (the earliest set for older dates)."""
    current = RULE_SETS[0]
    for rule_set in RULE_SETS:
        if rule_set.effective <= on:
            current = rule_set
    return current


def duration_ok(meeting: Meeting) -> bool | None:
    """Whether the meeting lasted the minimum in force; None when it cannot be told."""
    minimum = rules_on(meeting.on).minimum_for(meeting.kind)
    minutes = meeting.duration_minutes
    if minimum is None:
        return True
    if minutes is None:
        return None
    return minutes >= minimum


# --- checks on save -------------------------------------------------------------------------

MAX_CONCLUSION = 20_000


def _clean_agenda(item: AgendaItem) -> AgendaItem:
    return AgendaItem(
        title=clean_text(item.title),
        presenter=clean_text(item.presenter),
        summary=clean_multiline(item.summary),
        opinions=tuple(
            Opinion(clean_text(o.speaker), clean_multiline(o.text))
            for o in item.opinions
            if clean_text(o.speaker) or clean_multiline(o.text)
        ),
        conclusion=clean_multiline(item.conclusion),
    )


def clean_meeting(meeting: Meeting) -> Meeting:
    """The meeting with every text NFC-normalised and trimmed, and empty rows dropped."""
    return replace(
        meeting,
        topic=clean_text(meeting.topic),
        place=clean_text(meeting.place),
        roll=tuple(replace(e, reason=clean_text(e.reason)) for e in meeting.roll),
        guests=tuple(
            replace(
                g,
                full_name=clean_text(g.full_name),
                position=clean_text(g.position),
                unit=clean_text(g.unit),
            )
            for g in meeting.guests
            if clean_text(g.full_name)
        ),
        agenda=tuple(
            _clean_agenda(a)
            for a in meeting.agenda
            if clean_text(a.title) or clean_multiline(a.summary)
        ),
        conclusion=clean_multiline(meeting.conclusion),
        votes=tuple(
            replace(v, question=clean_text(v.question)) for v in meeting.votes if v.question.strip()
        ),
        tasks=tuple(
            replace(
                t,
                description=clean_multiline(t.description),
                assignee=clean_text(t.assignee),
                done_note=clean_text(t.done_note),
            )
            for t in meeting.tasks
            if t.description.strip()
        ),
        override_reason=clean_multiline(meeting.override_reason),
    )


def validate_meeting(meeting: Meeting) -> Meeting:
    """Clean the meeting and refuse what cannot be recorded; every message names its field."""
    meeting = clean_meeting(meeting)
    errors: list[ValidationError] = []

    def add(field: str, message: str) -> None:
        errors.append(ValidationError(field, message))

    if meeting.kind.has_topic and not meeting.topic:
        add("topic", "Chuyên đề: cần ghi tên chuyên đề của buổi sinh hoạt.")
    if not 1 <= meeting.period_month <= 12:
        add("period_month", "Tháng sinh hoạt: phải từ 1 đến 12.")
    if meeting.starts and meeting.ends and meeting.ends <= meeting.starts:
        add("ends", "Giờ kết thúc: phải sau giờ bắt đầu.")
    if meeting.minutes_read_at and meeting.starts and meeting.minutes_read_at < meeting.starts:
        add("minutes_read_at", "Giờ thông qua biên bản: phải sau giờ bắt đầu.")
    if meeting.minutes_read_at and meeting.ends and meeting.minutes_read_at > meeting.ends:
        add("minutes_read_at", "Giờ thông qua biên bản: phải trước giờ kết thúc.")
    roll_ids = {e.member_id for e in meeting.roll}
    for field_name, label, member_id in (
        ("chair_member_id", "Chủ trì", meeting.chair_member_id),
        ("secretary_member_id", "Thư ký", meeting.secretary_member_id),
    ):
        if member_id is not None and member_id not in roll_ids:
            add(field_name, f"{label}: phải là đảng viên trong danh sách điểm danh của chi bộ.")
    for index, entry in enumerate(meeting.roll, start=1):
        if entry.presence is Presence.EXCUSED and not entry.reason:
            add(
                f"roll.{index}",
                f"Điểm danh, dòng {index} ({entry.full_name}): vắng có lý do cần ghi lý do.",
            )
    if meeting.dues_collected is not None and meeting.dues_collected < 0:
        add("dues_collected", "Đảng phí đã thu: không được âm.")
    if meeting.quality_score is not None and not 0 <= meeting.quality_score <= 100:
        add("quality_score", "Điểm chất lượng buổi sinh hoạt: từ 0 đến 100.")
    for index, vote in enumerate(meeting.votes, start=1):
        if min(vote.in_favour, vote.against, vote.not_voting) < 0:
            add(f"votes.{index}", f"Biểu quyết {index}: số phiếu không được âm.")
    for index, item in enumerate(meeting.agenda, start=1):
        if not item.title:
            add(f"agenda.{index}", f"Nội dung {index}: cần ghi tên nội dung.")
    if len(meeting.conclusion) > MAX_CONCLUSION:
        add("conclusion", f"Kết luận: dài quá {grouped(MAX_CONCLUSION)} ký tự.")
    if errors:
        raise InvalidRecord(errors)
    return meeting


# --- warnings before approval ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApprovalWarning:
    code: str
    message: str


def approval_warnings(meeting: Meeting) -> list[ApprovalWarning]:
    """What should not be in approved minutes; the clerk may still approve with a reason."""
    warnings: list[ApprovalWarning] = []

    def warn(code: str, message: str) -> None:
        warnings.append(ApprovalWarning(code, message))

    rules = rules_on(meeting.on)
    minimum = rules.minimum_for(meeting.kind)
    minutes = meeting.duration_minutes
    if minutes is None:
        warn("time_missing", "Chưa ghi đủ giờ bắt đầu và giờ kết thúc.")
    elif minimum is not None and minutes < minimum:
        warn(
            "too_short",
            f"Buổi sinh hoạt kéo dài {minutes} phút, ít hơn {minimum} phút ({rules.source}).",
        )
    by_id = {e.member_id: e for e in meeting.roll}
    for code, label, member_id in (
        ("chair", "Chủ trì", meeting.chair_member_id),
        ("secretary", "Thư ký", meeting.secretary_member_id),
    ):
        entry = by_id.get(member_id) if member_id is not None else None
        if entry is None:
            warn(f"{code}_missing", f"Chưa chọn {label.lower()}.")
        elif not entry.is_present:
            warn(f"{code}_absent", f"{label} {entry.full_name} được điểm danh là vắng mặt.")
    chair = meeting.chair_member_id
    if chair is not None and chair == meeting.secretary_member_id:
        warn("same_person", "Chủ trì và thư ký là cùng một người.")
    duplicates = [i for i, n in Counter(e.member_id for e in meeting.roll).items() if n > 1]
    for member_id in duplicates:
        warn("duplicate", f"Đảng viên {by_id[member_id].full_name} có hai dòng điểm danh.")
    base = vote_base(meeting.roll)
    voters = present_voters(meeting.roll)
    if not meeting.roll:
        warn("no_roll", "Chưa có danh sách điểm danh.")
    elif voters * 2 <= base:
        warn(
            "quorum",
            f"Đảng viên chính thức có mặt ({voters}) chưa quá một nửa số đảng viên chính thức "
            f"được tính ({base}).",
        )
    for index, vote in enumerate(meeting.votes, start=1):
        outcome = vote_outcome(vote, base)
        if vote.cast > voters:
            warn(
                "vote_count",
                f"Biểu quyết {index} ({vote.question}): tổng số phiếu {vote.cast} nhiều hơn số "
                f"đảng viên chính thức có mặt ({voters}).",
            )
        if not outcome.passed:
            warn(
                "vote_failed",
                f"Biểu quyết {index} ({vote.question}): {vote.in_favour}/{base} tán thành, "
                f"cần ít nhất {outcome.required}; vấn đề không được thông qua.",
            )
    if meeting.minutes_read_at is None:
        warn("not_read", "Chưa ghi giờ thư ký đọc lại và chi bộ thông qua biên bản.")
    return warnings


def approve(meeting: Meeting, on: date, override_reason: str = "") -> Meeting:
    """The approved, locked meeting; warnings need a recorded reason to be overridden."""
    if meeting.is_locked:
        raise ValidationError("state", "Biên bản đã được thông qua và khóa.")
    meeting = validate_meeting(meeting)
    reason = clean_multiline(override_reason)
    if approval_warnings(meeting) and not reason:
        raise ValidationError(
            "override_reason",
            "Biên bản còn cảnh báo: cần ghi lý do vẫn thông qua.",
        )
    return meeting.approved(on, reason)


def validate_addendum_text(text: str) -> str:
    cleaned = clean_multiline(text)
    if not cleaned:
        raise ValidationError("addendum", "Nội dung đính chính: không được để trống.")
    return cleaned
