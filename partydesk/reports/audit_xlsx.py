"""The audit log (nhật ký thay đổi) as an Excel workbook: one row per entry, as on screen.

One sheet, the heading in row 1 (bold, frozen, with filters), one row per entry newest first,
the detail of every changed field in the last column. The printed pages carry the filters in
their header and the chain head in their footer (reliability §3.3: an anchor outside the file).

The log can hold 100,000 entries, so the workbook is streamed (openpyxl's write-only mode): rows
are written as the service reads them, never all held at once, and every cell takes one of four
styles registered once. Every text cell is a string cell and text that a spreadsheet would read
as a formula (= + - @, tab, CR) is marked as text (reliability D9): the log holds whatever was
typed, and whatever another program wrote.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from os import PathLike
from typing import IO, Any

from partydesk.reports.xlsx_common import (
    FONT_NAME,
    HEADING_FILL,
    LINE_HEIGHT,
    set_text,
    solid_fill,
)

SHEET_TITLE = "Nhật ký thay đổi"
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Số", 8),
    ("Thời gian", 19),
    ("Người thực hiện", 24),
    ("Vai trò", 15),
    ("Thao tác", 28),
    ("Bản ghi", 24),
    ("Tóm tắt", 40),
    ("Chi tiết", 70),
)
WIDTHS = tuple(width for _heading, width in COLUMNS)
CHARS_PER_WIDTH = 1.2  # letters of 11-point Times per unit of column width
MAX_LINES = 15  # a row taller than this is cut on screen; the cell keeps all its text
CELL_LIMIT = 32_767  # Excel's longest cell text
TIME_FORMAT = "dd/mm/yyyy hh:mm:ss"
HEADING_STYLE = "PartyDesk – tiêu đề"
BODY_STYLE = "PartyDesk – chữ"
NUMBER_STYLE = "PartyDesk – số"
TIME_STYLE = "PartyDesk – thời gian"

Row = tuple[object, ...]


@dataclass(frozen=True)
class AuditLogSheet:
    """The entries to write and what the pages say.

    Each row holds ``COLUMNS``' values: the seq (int), the local time (a datetime, written
    without its offset: the office's own clock), then texts.
    """

    rows: Iterable[Row]
    selection: str = ""  # the filters applied; blank for the whole log
    footer: str = ""  # the chain head and the date made


def write_audit_log(sheet_data: AuditLogSheet, out: str | PathLike[str] | IO[bytes]) -> int:
    """Write the workbook to a path or a binary file object; return the rows written."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    _add_styles(book)
    sheet = book.create_sheet(SHEET_TITLE)
    # A write-only sheet takes its widths, panes and set-up before the first row.
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    _page_setup(sheet, sheet_data)

    cells = _Cells(sheet)
    sheet.row_dimensions[1].height = 30
    sheet.append([cells.cell(title, HEADING_STYLE) for title, _width in COLUMNS])
    written = 0
    try:
        for values in sheet_data.rows:
            lines = _lines(values)
            if lines > 1:
                sheet.row_dimensions[written + 2].height = LINE_HEIGHT * lines + 2
            sheet.append([cells.cell(value) for value in values])
            written += 1
    except BaseException:
        # The rows stopped coming (a cancel, a read error): end the sheet's stream cleanly so
        # its temporary file is closed now, not by the garbage collector with an error.
        sheet.close()
        raise
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{written + 1}"
    book.save(out)
    return written


class _Cells:
    """Makes the sheet's cells. Each takes a copy of a template cell's style: assigning a
    named style cell by cell costs a third of the whole export at 100,000 entries."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._sheet = sheet
        self._templates = {}
        for style in (HEADING_STYLE, BODY_STYLE, NUMBER_STYLE, TIME_STYLE):
            template = WriteOnlyCell(sheet)
            template.style = style
            self._templates[style] = template._style

    def _styled(self, value: object, style: str) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._sheet, value=value)
        cell._style = copy(self._templates[style])
        return cell

    def cell(self, value: object, style: str = BODY_STYLE) -> Any:
        if isinstance(value, datetime):  # a real time, so the filter can pick days and months
            return self._styled(value.replace(tzinfo=None), TIME_STYLE)
        if value is None:
            return self._styled(None, style)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self._styled(value, NUMBER_STYLE)
        return set_text(self._styled(None, style), _clean(str(value)))


def _clean(text: str) -> str:
    """Text a cell can hold: no control characters XML refuses, within Excel's length."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", text)
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - 1] + "…"
    return text


def _add_styles(book: Any) -> None:
    """The cell styles, registered once: styling 800,000 cells one attribute at a time takes
    over a minute (openpyxl hashes every style object it is given)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    thin = Side(style="thin", color="9E9E9E")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    normal = Font(name=FONT_NAME, size=11)
    top_left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    top_right = Alignment(horizontal="right", vertical="top")
    heading = NamedStyle(
        name=HEADING_STYLE,
        font=Font(name=FONT_NAME, size=11, bold=True),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=border,
        fill=solid_fill(HEADING_FILL),
    )
    body = NamedStyle(name=BODY_STYLE, font=normal, alignment=top_left, border=border)
    body.number_format = "@"
    number = NamedStyle(name=NUMBER_STYLE, font=normal, alignment=top_right, border=border)
    number.number_format = "0"
    moment = NamedStyle(name=TIME_STYLE, font=normal, alignment=top_right, border=border)
    moment.number_format = TIME_FORMAT
    for style in (heading, body, number, moment):
        book.add_named_style(style)


def _lines(values: Row) -> int:
    """The lines the row's longest wrapped text needs (LibreOffice does not size rows)."""
    lines = 1
    for value, width in zip(values, WIDTHS, strict=False):
        if not isinstance(value, str):
            continue
        per_line = width * CHARS_PER_WIDTH
        lines = max(
            lines, sum(math.ceil(max(len(part), 1) / per_line) for part in value.split("\n"))
        )
    return min(lines, MAX_LINES)


def _page_setup(sheet: Any, sheet_data: AuditLogSheet) -> None:
    """A4 landscape, one page wide, the heading repeated; filters and chain head on the page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4 (write-only sheets lack the PAPERSIZE_A4 constant)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8  # room for the header and footer
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = _header_text(f"{SHEET_TITLE.upper()}  {sheet_data.selection}")
    sheet.oddFooter.left.text = _header_text(sheet_data.footer)
    sheet.oddFooter.right.text = "Trang &P / &N"


def _header_text(text: str) -> str:
    """Header and footer texts treat '&' as a code: double it, and keep within Excel's limit."""
    return text.strip().replace("&", "&&")[:200]
