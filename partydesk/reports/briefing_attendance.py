"""The danh sách đại biểu (sign-in sheet) of a briefing round: one table per sitting.

The sheet is an attachment to the biên bản, not a document issued on its own, so it takes no
number from the outgoing register; its header is dated the day of the sitting. Each row leaves
room for a handwritten signature, and the table's heading row repeats on every page.
"""

from __future__ import annotations

from partydesk.domain.dates import format_vn_date
from partydesk.reports.briefing_data import BriefingPapers, InvitedOrganisation, lower_first
from partydesk.reports.briefing_layout import (
    Column,
    Grid,
    Header,
    Line,
    LineKind,
    NewPage,
    Part,
    PrintedDocument,
    Title,
    clock_text,
    round_document,
)

KIND_NAME = "Danh sách đại biểu"
COLUMNS = (
    Column("STT", 13, centred=True),
    Column("Tổ chức đảng", 54),
    Column("Họ và tên người dự", 38),
    Column("Chức vụ", 24),
    Column("Ký tên", 31),
)
SIGNING_ROW_MM = 14


def _who(org: InvitedOrganisation) -> tuple[str, str]:
    """Who is expected to sign: the attendee recorded, else the bí thư the register knows."""
    if org.attendee_name.strip():
        return org.attendee_name.strip(), org.attendee_position.strip()
    if org.secretary_name.strip():
        return org.secretary_name.strip(), "Bí thư"
    return "", ""


def attendance_document(papers: BriefingPapers) -> PrintedDocument:
    """Every sitting's sheet, each from a new page."""
    parts: list[Part] = []
    for papers_of_sitting in papers.sittings:
        sitting = papers_of_sitting.sitting
        if parts:
            parts.append(NewPage())
        when = f"ngày {format_vn_date(sitting.on)}"
        if sitting.starts:
            when = f"{clock_text(sitting.starts)}, {when}"
        where = (
            f", tại {papers_of_sitting.place.strip()}" if papers_of_sitting.place.strip() else ""
        )
        label = f"{sitting.label.strip()}: " if sitting.label.strip() else ""
        rows = tuple(
            (str(index), org.name, *_who(org), "")
            for index, org in enumerate(papers_of_sitting.organisations, start=1)
        )
        parts += [
            Header(papers.office.header(None, sitting.on)),
            Title(
                KIND_NAME,
                f"dự {lower_first(papers.briefing.title)}",
                f"{label}{when}{where}",
            ),
            Grid(COLUMNS, rows, row_height_mm=SIGNING_ROW_MM),
            Line(
                LineKind.LINE,
                f"Tổng số: {len(rows)} tổ chức đảng được mời.",
            ),
        ]
    return round_document(papers, KIND_NAME, parts)
