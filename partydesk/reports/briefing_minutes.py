"""The biên bản of a briefing round (Số …-BB/ĐU), in the order of the chi bộ biên bản.

Time and place of every sitting, chair and secretary, the roll of invited organisations
(present, absent with reasons, six-month reports received), the committee's report, the
discussion, the issues each organisation raised, the chair's conclusion, then THƯ KÝ and
CHỦ TRÌ. Dated the last sitting day. Empty optional parts are left out rather than printed
as blanks.
"""

from __future__ import annotations

from partydesk.domain.briefing import Attendance, BriefingIssue
from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import SignatureBlock
from partydesk.reports.briefing_data import BriefingPapers
from partydesk.reports.briefing_layout import (
    Line,
    LineKind,
    Part,
    PrintedDocument,
    Signatures,
    Title,
    chair_text,
    clock_text,
    lines,
    numbered_header,
    round_document,
    sentence,
    sitting_time_text,
)

KIND_NAME = "Biên bản"
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def _time_and_place(papers: BriefingPapers) -> list[Line]:
    result: list[Line] = []
    several = len(papers.sittings) > 1
    for number, sitting in enumerate(papers.sittings, start=1):
        when = sitting_time_text(sitting.sitting)
        where = f", tại {sitting.place.strip()}" if sitting.place.strip() else ""
        if several:
            label = sitting.sitting.label.strip()
            name = f"Buổi {number}" + (f" ({label})" if label else "")
            result.append(Line(LineKind.LINE, sentence(f"- {name}: {when}{where}")))
        else:
            result.append(Line(LineKind.LINE, sentence(f"- Thời gian: {when}")))
            if where:
                result.append(Line(LineKind.LINE, sentence(f"- Địa điểm: {sitting.place}")))
    return result


def _people(papers: BriefingPapers) -> list[Line]:
    briefing = papers.briefing
    result: list[Line] = []
    if briefing.chair_name.strip():
        result.append(Line(LineKind.LINE, sentence(f"- Chủ trì: đồng chí {chair_text(briefing)}")))
    if briefing.secretary_name.strip():
        result.append(
            Line(LineKind.LINE, sentence(f"- Thư ký: đồng chí {briefing.secretary_name}"))
        )
    orgs = papers.organisations
    present = [o for o in orgs if o.attendance is Attendance.PRESENT]
    absent = [o for o in orgs if o.attendance is Attendance.ABSENT]
    unrecorded = len(orgs) - len(present) - len(absent)
    counts = (
        f"- Tổ chức đảng được mời: {len(orgs)}; có mặt: {len(present)}; vắng: {len(absent)}"
        + (f"; chưa ghi điểm danh: {unrecorded}" if unrecorded else "")
    )
    result.append(Line(LineKind.LINE, sentence(counts)))
    if absent:
        result.append(Line(LineKind.LINE, "- Vắng mặt:"))
        for org in absent:
            reason = f": {org.absence_reason.strip()}" if org.absence_reason.strip() else ""
            result.append(Line(LineKind.LINE, sentence(f"+ {org.name}{reason}")))
    received = [o for o in orgs if o.report_received_on is not None]
    due = briefing.reports_due_on
    late = [o for o in received if due and o.report_received_on and o.report_received_on > due]
    missing = [o.name for o in orgs if o.report_received_on is None]
    report = f"- Báo cáo {briefing.half.label}: đã nhận {len(received)}/{len(orgs)}"
    if due:
        report += f" (hạn {format_vn_date(due)}; nộp muộn: {len(late)})"
    result.append(Line(LineKind.LINE, sentence(report)))
    if missing:
        result.append(Line(LineKind.LINE, sentence(f"+ Chưa gửi báo cáo: {', '.join(missing)}")))
    return result


def issue_line(issue: BriefingIssue) -> str:
    """ "+ Kiến nghị: …; trả lời: … (Sở …)" as one organisation's item."""
    text = f"+ {issue.kind.label}: {issue.content.strip().rstrip('.')}"
    if issue.answer.strip():
        who = f" ({issue.responsible.strip()})" if issue.responsible.strip() else ""
        text += f". Trả lời{who}: {issue.answer.strip()}"
    elif issue.responsible.strip():
        text += f". Giao {issue.responsible.strip()} giải quyết"
    return sentence(text)


def _issues(papers: BriefingPapers) -> list[Line]:
    # Grouped by organisation, in the order the organisations first raised something.
    by_org: dict[str, list[BriefingIssue]] = {}
    for issue in papers.briefing.issues:
        by_org.setdefault(issue.organisation_name, []).append(issue)
    result: list[Line] = []
    for name, issues in by_org.items():
        result.append(Line(LineKind.LINE, f"- {name}:"))
        result += [Line(LineKind.LINE, issue_line(issue)) for issue in issues]
    return result


def _content(papers: BriefingPapers) -> list[Line]:
    briefing = papers.briefing
    items = (
        (
            "Báo cáo tình hình 6 tháng và nhiệm vụ thời gian tới",
            lines(LineKind.LINE, briefing.report_summary),
        ),
        ("Ý kiến thảo luận", lines(LineKind.LINE, briefing.discussion)),
        ("Khó khăn, vướng mắc, kiến nghị của các tổ chức đảng", _issues(papers)),
    )
    result = lines(LineKind.LINE, briefing.opening)
    number = 0
    for heading, content in items:
        if content:
            number += 1
            result += [Line(LineKind.ITEM, f"{number}. {heading}"), *content]
    return result


def minutes_document(papers: BriefingPapers) -> PrintedDocument:
    """The biên bản, dated and numbered as ``papers.number`` says."""
    briefing = papers.briefing
    parts: list[Part] = [
        numbered_header(papers),
        Title(KIND_NAME, briefing.title),
    ]
    sections = (
        ("Thời gian, địa điểm", _time_and_place(papers)),
        ("Thành phần", _people(papers)),
        ("Nội dung hội nghị", _content(papers)),
        ("Kết luận của chủ trì", lines(LineKind.LINE, briefing.conclusion)),
    )
    roman = iter(ROMAN)
    for heading, content in sections:
        if content:
            parts.append(Line(LineKind.SECTION, f"{next(roman)}. {heading.upper()}"))
            parts += content
    last = papers.sittings[-1].sitting if papers.sittings else None
    if last is not None and last.ends is not None:
        parts.append(
            Line(LineKind.LINE, f"Hội nghị kết thúc lúc {clock_text(last.ends)} cùng ngày.")
        )
    parts.append(
        Signatures(
            SignatureBlock(None, "Thư ký", briefing.secretary_name),
            SignatureBlock(None, "Chủ trì", briefing.chair_name),
        )
    )
    return round_document(papers, KIND_NAME, parts)
