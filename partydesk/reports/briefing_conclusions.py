"""The thông báo kết luận of a briefing round (Số …-TB/ĐU), sent to every cell.

The chair's conclusion, then a table of the issues raised at this round and of the open ones
carried over from earlier rounds, each with the body responsible, the answer, its status and
due date, so every cell sees where its difficulties and proposals stand.
"""

from __future__ import annotations

from partydesk.domain.briefing import Attendance, BriefingIssue
from partydesk.domain.dates import format_vn_date
from partydesk.reports.briefing_data import BriefingPapers, lower_first
from partydesk.reports.briefing_layout import (
    Column,
    Grid,
    Line,
    LineKind,
    Part,
    PrintedDocument,
    Recipients,
    Title,
    chair_text,
    lines,
    numbered_header,
    round_document,
    sentence,
)

KIND_NAME = "Thông báo"
RECIPIENTS = ("Các chi bộ, đảng bộ cơ sở trong doanh nghiệp,", "Lưu Văn phòng.")
COLUMNS = (
    Column("STT", 13, centred=True),
    Column("Tổ chức đảng", 31),
    Column("Nội dung", 44),
    Column("Cơ quan giải quyết, trả lời", 45),
    Column("Tình trạng, thời hạn", 27, centred=True),
)
CARRIED_MARK = "(từ kỳ trước)"


def _opening(papers: BriefingPapers) -> str:
    briefing = papers.briefing
    days = sorted({s.sitting.on for s in papers.sittings})
    when = ", ".join(format_vn_date(day) for day in days)
    places = sorted({s.place.strip() for s in papers.sittings if s.place.strip()})
    where = f", tại {'; '.join(places)}" if places else ""
    text = (
        f"Ngày {when}{where}, {papers.office.full_name} tổ chức {lower_first(briefing.title)} "
        "với các chi bộ, đảng bộ cơ sở trong doanh nghiệp."
    )
    if briefing.chair_name.strip():
        text += f" Đồng chí {chair_text(briefing)} chủ trì hội nghị."
    orgs = papers.organisations
    present = sum(1 for o in orgs if o.attendance is Attendance.PRESENT)
    return text + f" Dự hội nghị có {present}/{len(orgs)} tổ chức đảng được mời."


def _issue_row(index: int, issue: BriefingIssue, carried: bool) -> tuple[str, ...]:
    content = f"{issue.kind.label}: {issue.content.strip()}"
    if carried:
        raised = issue.raised_at.strip()
        content += f" (nêu tại kỳ giao ban {raised})" if raised else f" {CARRIED_MARK}"
    answer = "\n".join(part for part in (issue.responsible.strip(), issue.answer.strip()) if part)
    state = issue.status.label
    if issue.resolved_on is not None:
        state += f"\nngày {format_vn_date(issue.resolved_on)}"
    elif issue.due_on is not None:
        state += f"\nhạn {format_vn_date(issue.due_on)}"
    return (str(index), issue.organisation_name, content, answer, state)


def _issues(papers: BriefingPapers) -> list[Part]:
    listed = [(issue, False) for issue in papers.briefing.issues]
    listed += [(issue, True) for issue in papers.carried_issues]
    if not listed:
        return []
    rows = tuple(
        _issue_row(index, issue, carried) for index, (issue, carried) in enumerate(listed, 1)
    )
    return [
        Line(
            LineKind.LINE,
            "Khó khăn, vướng mắc, kiến nghị của các tổ chức đảng và việc giải quyết:",
        ),
        Grid(COLUMNS, rows),
    ]


def conclusions_document(papers: BriefingPapers) -> PrintedDocument:
    """The thông báo kết luận, dated and numbered as ``papers.number`` says."""
    briefing = papers.briefing
    parts: list[Part] = [
        numbered_header(papers),
        Title(KIND_NAME, f"kết luận {lower_first(briefing.title)}"),
        Line(LineKind.LINE, _opening(papers)),
    ]
    conclusion = lines(LineKind.LINE, briefing.conclusion)
    if conclusion:
        parts.append(Line(LineKind.LINE, "Đồng chí chủ trì hội nghị kết luận như sau:"))
        parts += conclusion
    parts += _issues(papers)
    parts.append(
        Line(
            LineKind.LINE,
            sentence(
                f"{papers.office.full_name} thông báo để các chi bộ, đảng bộ cơ sở trong "
                "doanh nghiệp biết, thực hiện"
            ),
        )
    )
    parts.append(Recipients(RECIPIENTS, papers.office.signer))
    return round_document(papers, "Thông báo kết luận", parts)
