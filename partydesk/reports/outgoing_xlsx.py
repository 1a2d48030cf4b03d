"""The outgoing document register (sổ đăng ký văn bản đi) as an Excel workbook.

One sheet "Sổ văn bản đi": the title with the committee's name and the period, then one row per
register line in register order, cancelled lines included with the date and reason of the
cancellation in "Ghi chú" (a register keeps every number it gave). A4 landscape, fit to one page
wide, heading row repeated on every printed page and frozen on screen. openpyxl is imported only
when a workbook is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from os import PathLike
from typing import IO

from partydesk.domain.dates import format_vn_date
from partydesk.domain.outgoing import OutgoingDocument
from partydesk.reports.xlsx_common import (
    FONT_NAME,
    column_widths,
    fit_height,
    heading_row,
    page_setup,
    styles,
    title_lines,
    write_cell,
)

SHEET_TITLE = "Sổ văn bản đi"
TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
HEADER_ROW = 5  # rows 1–4: committee, title, period and selection, date made
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Số TT", 6),
    ("Số và ký hiệu", 14),
    ("Nơi ban hành", 22),  # the register may hold the office's lines and its cells' together
    ("Ngày", 11),
    ("Loại văn bản", 13),
    ("Trích yếu", 40),
    ("Người ký", 18),
    ("Nơi nhận", 26),
    ("Nhiệm kỳ", 18),
    ("Ghi chú", 24),
)
WIDTHS = tuple(width for _heading, width in COLUMNS)
CENTRED_COLUMNS = frozenset({1, 4})
CHARS_PER_WIDTH = 1.2  # letters of 11-point Times per unit of column width, words wrapped whole
CANCELLED_TEXT = "808080"


@dataclass(frozen=True)
class OutgoingRegisterReport:
    documents: Sequence[OutgoingDocument]
    committee_name: str = ""  # "Đảng ủy phường An Khánh"
    period: str = ""  # "Năm 2026"
    selection: str = ""  # the filters applied, blank for the whole register
    made_on: date | None = None


def row_values(index: int, document: OutgoingDocument) -> tuple[str, ...]:
    """The texts of one register row, in ``COLUMNS`` order."""
    return (
        str(index),
        document.number_symbol,
        document.issuer_name,
        format_vn_date(document.issued_on),
        document.kind_name,
        document.summary,
        document.signer,
        document.recipients,
        document.term_label,
        document.cancel_note,
    )


def write_register(report: OutgoingRegisterReport, out: str | PathLike[str] | IO[bytes]) -> None:
    """Write the workbook to a path or a binary file object."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    named = styles()
    border = named["border"]
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    top_centre = Alignment(horizontal="center", vertical="top", wrap_text=True)

    lines = (
        (report.committee_name.upper(), Font(name=FONT_NAME, size=12, bold=True)),
        (TITLE, named["title"]),
        (" — ".join(p for p in (report.period, report.selection) if p), named["bold"]),
        (f"Ngày lập: {format_vn_date(report.made_on)}" if report.made_on else "", named["italic"]),
    )
    title_lines(sheet, lines, len(COLUMNS))
    sheet.row_dimensions[2].height = 22
    heading_row(sheet, HEADER_ROW, [heading for heading, _width in COLUMNS])
    column_widths(sheet, WIDTHS)

    normal = named["normal"]
    struck = Font(name=FONT_NAME, size=11, color=CANCELLED_TEXT, strike=True)
    grey = Font(name=FONT_NAME, size=11, color=CANCELLED_TEXT, italic=True)
    for index, document in enumerate(report.documents, start=1):
        row = HEADER_ROW + index
        values = row_values(index, document)
        for column, value in enumerate(values, start=1):
            cell = write_cell(sheet, row, column, value)
            cell.border = border
            cell.alignment = top_centre if column in CENTRED_COLUMNS else left
            if not document.cancelled:
                cell.font = normal
            else:  # the number stays readable; the note says why it is void
                cell.font = grey if column == len(COLUMNS) else struck
        fit_height(sheet, row, values, WIDTHS, CHARS_PER_WIDTH)
    if not report.documents:
        empty = write_cell(sheet, HEADER_ROW + 1, 2, "Chưa có văn bản nào.")
        empty.font = named["italic"]

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    page_setup(sheet, HEADER_ROW)
    book.save(out)
