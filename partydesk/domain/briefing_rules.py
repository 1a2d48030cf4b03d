"""Rules of briefing rounds: when they fall, which half they review, how they are split into
sittings, what a round must hold before it is saved, and which issues carry over.

The dates come from an RFC 5545 recurrence rule (python-dateutil ``rrule``) that the office
edits; working-day arithmetic uses the office's ``HolidayCalendar``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from dateutil.rrule import rrule, rrulestr

from partydesk.domain.briefing import (
    Attendance,
    Briefing,
    BriefingIssue,
    Half,
    InviteCandidate,
    Invitee,
    IssueStatus,
    Sitting,
    SplitBy,
)
from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.text import clean_multiline, clean_text, name_sort_key, text_sort_key
from partydesk.domain.validation import InvalidRecord

# The second Thursday of July and of December. (BYSETPOS with FREQ=YEARLY would pick the second
# Thursday of the two months together, that is July only: the rule must be monthly.)
DEFAULT_RULE = "FREQ=MONTHLY;BYMONTH=7,12;BYDAY=2TH"
REPORTS_DUE_WORKING_DAYS = 5
# Agenda of a round, from domain.md §6 (typical shape in practice).
DEFAULT_AGENDA = (
    "Tuyên bố lý do, giới thiệu đại biểu",
    "Báo cáo kết quả công tác xây dựng Đảng 6 tháng và nhiệm vụ thời gian tới",
    "Bí thư các tổ chức đảng báo cáo tình hình, khó khăn, vướng mắc, kiến nghị",
    "Thảo luận, giải đáp kiến nghị",
    "Hướng dẫn, triển khai nhiệm vụ thời gian tới",
    "Phát biểu kết luận của chủ trì hội nghị",
)
UNGROUPED_LABELS = {
    SplitBy.CLUSTER: "Chưa xếp cụm",
    SplitBy.WARD: "Chưa rõ địa bàn",
    SplitBy.CADRE: "Chưa phân công cán bộ",
}
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_RULE_FIELD = "briefing_rule"
_RULE_LABEL = "Quy tắc lặp lịch giao ban"


# --- dates ----------------------------------------------------------------------------------


def parse_rule(text: str, start: date) -> rrule:
    """The recurrence of ``text`` (an RRULE line) counted from ``start``; Vietnamese error."""
    body = clean_text(text, field=_RULE_FIELD, label=_RULE_LABEL).removeprefix("RRULE:")
    if not body:
        raise ValidationError(_RULE_FIELD, f"{_RULE_LABEL}: chưa nhập quy tắc.")
    if "DTSTART" in body.upper() or "\n" in body:
        raise ValidationError(
            _RULE_FIELD, f"{_RULE_LABEL}: chỉ ghi một dòng RRULE, không ghi DTSTART."
        )
    try:
        rule = rrulestr(body, dtstart=datetime.combine(start, datetime.min.time()))
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            _RULE_FIELD,
            f"{_RULE_LABEL}: không hiểu quy tắc “{body}” ({exc}). "
            "Ví dụ đúng: FREQ=MONTHLY;BYMONTH=7,12;BYDAY=2TH.",
        ) from None
    if not isinstance(rule, rrule):
        raise ValidationError(_RULE_FIELD, f"{_RULE_LABEL}: chỉ ghi một quy tắc.")
    return rule


def next_dates(text: str, after: date, count: int = 1) -> list[date]:
    """The next ``count`` dates of the rule strictly after ``after``."""
    rule = parse_rule(text, after)
    moment = datetime.combine(after, datetime.max.time())
    return [d.date() for d in rule.xafter(moment, count=count)]


def validate_rule(text: str, today: date) -> str:
    """The cleaned rule, if it gives at least one date in the coming two years."""
    dates = next_dates(text, today, 4)
    if not dates or (dates[0] - today).days > 731:
        raise ValidationError(
            _RULE_FIELD, f"{_RULE_LABEL}: quy tắc không cho ngày nào trong hai năm tới."
        )
    return clean_text(text, field=_RULE_FIELD, label=_RULE_LABEL).removeprefix("RRULE:")


def weekday_date(day: date) -> str:
    """A day with its weekday, "thứ Năm 09/07/2026"."""
    return f"{_WEEKDAYS[day.weekday()]} {format_vn_date(day)}"


def explain_rule(text: str, today: date, count: int = 4) -> str:
    """A short Vietnamese sentence listing the next dates the rule gives."""
    dates = next_dates(text, today, count)
    if not dates:
        return "Quy tắc không cho ngày nào sau hôm nay."
    shown = "; ".join(f"{weekday_date(d)} ({half_label_of(d)})" for d in dates)
    return f"Các đợt tiếp theo: {shown}."


def half_reviewed(day: date) -> tuple[int, Half]:
    """The half-year a round held on ``day`` reviews.

    January–March reviews the previous year's second half, April–September the first half,
    October–December the second half of the same year.
    """
    if day.month <= 3:
        return day.year - 1, Half.SECOND
    if day.month <= 9:
        return day.year, Half.FIRST
    return day.year, Half.SECOND


def half_label_of(day: date) -> str:
    year, half = half_reviewed(day)
    return f"{half.label} {year}"


def round_key(year: int, half: Half) -> int:
    """Orders rounds in time: smaller is earlier."""
    return year * 2 + int(half.value)


def reports_due(first_day: date, calendar: HolidayCalendar) -> date:
    """The cells' reports are due a few working days before the first sitting."""
    return calendar.add_working_days(first_day, -REPORTS_DUE_WORKING_DAYS)


def sitting_dates(first_day: date, count: int, calendar: HolidayCalendar) -> list[date]:
    """``count`` consecutive working days from ``first_day`` (which is kept as given)."""
    dates = [first_day]
    while len(dates) < count:
        dates.append(calendar.add_working_days(dates[-1], 1))
    return dates


# --- sittings -------------------------------------------------------------------------------


def _group_key(candidate: InviteCandidate, split_by: SplitBy) -> str:
    return {
        SplitBy.NONE: "",
        SplitBy.CLUSTER: candidate.cluster,
        SplitBy.WARD: candidate.ward,
        SplitBy.CADRE: candidate.cadre,
    }[split_by].strip()


def _sitting_label(key: str, split_by: SplitBy) -> str:
    if split_by is SplitBy.NONE:
        return ""
    if not key:
        return UNGROUPED_LABELS[split_by]
    return f"Đ/c {key}" if split_by is SplitBy.CADRE else key


def split_into_sittings(
    candidates: Sequence[InviteCandidate],
    split_by: SplitBy,
    first_day: date,
    calendar: HolidayCalendar,
) -> tuple[tuple[Sitting, ...], tuple[Invitee, ...]]:
    """Sittings (one per group, on consecutive working days) and the invitees placed in them.

    Groups are in Vietnamese alphabetical order; organisations without a value for the
    criterion form a last group. Invitees keep the candidates' order inside each sitting.
    """
    groups: dict[str, list[InviteCandidate]] = {}
    for candidate in candidates:
        groups.setdefault(_group_key(candidate, split_by), []).append(candidate)
    # Cadres are people: Vietnamese order sorts them by given name, not by family name.
    sort_key = name_sort_key if split_by is SplitBy.CADRE else text_sort_key
    keys = sorted(groups, key=lambda k: (k == "", sort_key(k)))
    if not keys:
        keys = [""]
    dates = sitting_dates(first_day, len(keys), calendar)
    sittings = tuple(
        Sitting(on=day, label=_sitting_label(key, split_by))
        for key, day in zip(keys, dates, strict=True)
    )
    invitees = tuple(
        Invitee(organisation_id=c.organisation_id, sitting_index=index, organisation_name=c.name)
        for index, key in enumerate(keys)
        for c in groups.get(key, [])
    )
    return sittings, invitees


def report_on_time(invitee: Invitee, due: date | None) -> bool | None:
    """Whether the invitee's report came by the due date; None when not received yet."""
    if invitee.report_received_on is None:
        return None
    return due is None or invitee.report_received_on <= due


# --- carry-over -----------------------------------------------------------------------------


def still_open_at(issue: BriefingIssue, day: date | None) -> bool:
    """Open now, or resolved only on or after ``day`` (so a past round still lists it)."""
    if issue.status.is_open:
        return True
    return day is not None and issue.resolved_on is not None and issue.resolved_on >= day


def carried_over(issues: Iterable[BriefingIssue], briefing: Briefing) -> list[BriefingIssue]:
    """Issues of ``briefing``'s invitees raised at other rounds and still open at it.

    ``issues`` must already be limited to earlier rounds (the store knows the rounds' order).
    """
    invited = {v.organisation_id for v in briefing.invitees}
    return [
        i
        for i in issues
        if i.organisation_id in invited
        and i.briefing_id != briefing.id
        and still_open_at(i, briefing.first_day)
    ]


# --- validation -----------------------------------------------------------------------------


class _Errors:
    """Collects one Vietnamese message per field."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, field: str, message: str) -> None:
        if all(e.field != field for e in self.errors):
            self.errors.append(ValidationError(field, message))

    def text(self, value: str, field: str, label: str, *, multiline: bool = False) -> str:
        clean = clean_multiline if multiline else clean_text
        try:
            return clean(value, field=field, label=label)
        except ValidationError as exc:
            self.add(exc.field, exc.message)
            return value


def _issue_where(issue: BriefingIssue, row: int | None) -> str:
    name = issue.organisation_name or "đơn vị"
    return f"Kiến nghị dòng {row} ({name})" if row is not None else f"Kiến nghị ({name})"


def _check_issue(
    issue: BriefingIssue, errors: _Errors, prefix: str, row: int | None
) -> BriefingIssue:
    where = _issue_where(issue, row)
    content = errors.text(issue.content, f"{prefix}content", f"{where}: nội dung", multiline=True)
    if not content:
        errors.add(f"{prefix}content", f"{where}: chưa nhập nội dung.")
    resolved_on = issue.resolved_on
    if issue.status is IssueStatus.RESOLVED and resolved_on is None:
        errors.add(f"{prefix}resolved_on", f"{where}: đã giải quyết thì phải ghi ngày giải quyết.")
    if issue.status is not IssueStatus.RESOLVED:
        resolved_on = None
    return replace(
        issue,
        content=content,
        responsible=errors.text(
            issue.responsible, f"{prefix}responsible", f"{where}: nơi giải quyết"
        ),
        answer=errors.text(issue.answer, f"{prefix}answer", f"{where}: trả lời", multiline=True),
        resolved_on=resolved_on,
    )


def validate_issue(issue: BriefingIssue) -> BriefingIssue:
    """An issue edited alone (a carried one): cleaned, or ``InvalidRecord``."""
    errors = _Errors()
    clean = _check_issue(issue, errors, "", None)
    if errors.errors:
        raise InvalidRecord(errors.errors)
    return clean


def _check_invitee(invitee: Invitee, row: int, sittings: int, errors: _Errors) -> Invitee:
    where = f"Đơn vị dự dòng {row} ({invitee.organisation_name or 'đơn vị'})"
    prefix = f"invitee:{row - 1}:"
    if not 0 <= invitee.sitting_index < sittings:
        errors.add(f"{prefix}sitting", f"{where}: chưa chọn buổi dự.")
    reason = errors.text(invitee.absence_reason, f"{prefix}absence_reason", f"{where}: lý do")
    if invitee.attendance is Attendance.ABSENT and not reason:
        errors.add(f"{prefix}absence_reason", f"{where}: vắng thì phải ghi lý do vắng.")
    return replace(
        invitee,
        attendee_name=errors.text(
            invitee.attendee_name, f"{prefix}attendee_name", f"{where}: người dự"
        ),
        attendee_position=errors.text(
            invitee.attendee_position, f"{prefix}attendee_position", f"{where}: chức vụ"
        ),
        absence_reason=reason if invitee.attendance is Attendance.ABSENT else "",
        notes=errors.text(invitee.notes, f"{prefix}notes", f"{where}: ghi chú"),
    )


def validate_briefing(briefing: Briefing) -> Briefing:
    """The round with its text cleaned, or ``InvalidRecord`` listing every problem."""
    errors = _Errors()
    if not 2000 <= briefing.year <= 2100:
        errors.add("year", "Năm: phải từ 2000 đến 2100.")
    if not briefing.sittings:
        errors.add("sittings", "Các buổi họp: phải có ít nhất một buổi, có ngày họp.")
    sittings = tuple(
        replace(
            s,
            label=errors.text(s.label, f"sitting:{n}:label", f"Buổi {n + 1}: tên buổi"),
            place=errors.text(s.place, f"sitting:{n}:place", f"Buổi {n + 1}: địa điểm"),
        )
        for n, s in enumerate(briefing.sittings)
    )
    for n, s in enumerate(sittings):
        if s.starts and s.ends and s.ends <= s.starts:
            errors.add(f"sitting:{n}:ends", f"Buổi {n + 1}: giờ kết thúc phải sau giờ bắt đầu.")
    if (
        briefing.reports_due_on
        and briefing.first_day
        and briefing.reports_due_on > briefing.first_day
    ):
        errors.add("reports_due_on", "Hạn nộp báo cáo: không được sau ngày họp đầu tiên.")
    seen: set[int] = set()
    for row, v in enumerate(briefing.invitees, start=1):
        if v.organisation_id in seen:
            errors.add(
                f"invitee:{row - 1}:organisation",
                f"Đơn vị dự dòng {row} ({v.organisation_name}): đơn vị đã có ở dòng khác.",
            )
        seen.add(v.organisation_id)
    invitees = tuple(
        _check_invitee(v, row, len(sittings), errors)
        for row, v in enumerate(briefing.invitees, start=1)
    )
    issues = tuple(
        _check_issue(i, errors, f"issue:{row - 1}:", row)
        for row, i in enumerate(briefing.issues, start=1)
    )
    for row, i in enumerate(issues, start=1):
        if i.organisation_id not in seen:
            errors.add(
                f"issue:{row - 1}:organisation",
                f"{_issue_where(i, row)}: đơn vị nêu kiến nghị không có trong danh sách dự.",
            )
    agenda = tuple(
        line
        for line in (
            errors.text(item, "agenda", "Chương trình hội nghị") for item in briefing.agenda
        )
        if line
    )
    clean = replace(
        briefing,
        sittings=sittings,
        invitees=invitees,
        issues=issues,
        agenda=agenda,
        place=errors.text(briefing.place, "place", "Địa điểm"),
        chair_name=errors.text(briefing.chair_name, "chair_name", "Chủ trì"),
        chair_title=errors.text(briefing.chair_title, "chair_title", "Chức vụ chủ trì"),
        secretary_name=errors.text(briefing.secretary_name, "secretary_name", "Thư ký"),
        **{
            name: errors.text(getattr(briefing, name), name, label, multiline=True)
            for name, label in _MINUTES_FIELDS.items()
        },
    )
    if errors.errors:
        raise InvalidRecord(errors.errors)
    return clean


_MINUTES_FIELDS = {
    "opening": "Biên bản: tuyên bố lý do, giới thiệu đại biểu",
    "report_summary": "Biên bản: báo cáo của cấp ủy",
    "discussion": "Biên bản: ý kiến thảo luận",
    "conclusion": "Kết luận của chủ trì",
    "notes": "Ghi chú",
}
