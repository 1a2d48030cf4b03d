"""The yearly classification sheets as an Excel workbook, for offices that forward spreadsheets.

Sheet "Đảng viên": the members table (sections by enterprise type, subtotals, totals by
organisation kind, grand total); "Tổ chức đảng": organisations at each level by kind; "So sánh
năm trước": the comparison, only when the previous year had a cycle (otherwise the sheet is left
out rather than printed empty). Each sheet carries the committee's title block, two heading
rows repeated on every printed page, panes frozen below them and right of the name column.

Values are what ``classification_columns`` gives: counts as ints, shares as floats shown with
a percentage format, never a formula. Every text goes through ``xlsx_common.write_cell``: a
text that Excel would read as a formula ("=SUM(A1)", "+84…", "-…", "@…") is stored as a
string and marked with a quote prefix, so it stays text even when someone edits the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from os import PathLike
from typing import IO, Any

from partydesk.domain.classification import ClassificationSheet
from partydesk.domain.documents import format_place_date
from partydesk.reports.classification_columns import (
    COMPARISON_PART_TITLE,
    ORG_PART_TITLE,
    SHARE_NOTE,
    Format,
    SheetHeader,
    SheetTable,
    comparison_table,
    group_spans,
    member_table,
    org_table,
    rule_set_line,
    sheet_title,
)
from partydesk.reports.hd36 import PARTY_TITLE, clean_text
from partydesk.reports.xlsx_common import (
    HEADING_FILL,
    column_widths,
    fit_height,
    page_setup,
    set_text,
    solid_fill,
    styles,
    write_cell,
)

MEMBERS_SHEET = "Đảng viên"
ORGANISATIONS_SHEET = "Tổ chức đảng"
COMPARISON_SHEET = "So sánh năm trước"
HEADING_ROW = 8  # rows 1–3: the HD 36 header, 5–7: title, rule set, note; 8–9: headings
FIRST_DATA_ROW = HEADING_ROW + 2
CHARS_PER_WIDTH = 1.35  # measured in LibreOffice, see xlsx_common.fit_height

NUMBER_FORMATS = {
    Format.COUNT: "#,##0",
    Format.SHARE: "0.0%",
    Format.POINTS: "+0.0;-0.0;0.0",
}


def write_sheet_xlsx(
    sheet: ClassificationSheet, header: SheetHeader, out: str | PathLike[str] | IO[bytes]
) -> None:
    """Write the workbook to a path or a binary file object."""
    from openpyxl import Workbook

    book = Workbook()
    members = book.active
    members.title = MEMBERS_SHEET
    _write_table(members, sheet, header, sheet_title(sheet.year), member_table(sheet))
    organisations = book.create_sheet(ORGANISATIONS_SHEET)
    org_title = f"{ORG_PART_TITLE} NĂM {sheet.year}"
    _write_table(organisations, sheet, header, org_title, org_table(sheet))
    comparison = comparison_table(sheet)
    if comparison is not None:
        title = f"{COMPARISON_PART_TITLE}: NĂM {sheet.year} VÀ NĂM {sheet.year - 1}"
        _write_table(book.create_sheet(COMPARISON_SHEET), sheet, header, title, comparison)
    book.save(out)


class _Styles:
    """The cell styles of a sheet, as named styles registered once in the workbook.

    A province sheet has ~80,000 cells: setting font, border, alignment and number format on
    each, or even assigning a named style by name (a linear search per cell), costs more than
    writing the file. Each style is resolved once on a template cell; cells then take a copy
    of its style indices, as openpyxl's own worksheet copy does.
    """

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import Cell
        from openpyxl.styles import Alignment, NamedStyle

        book = ws.parent

        named = styles()
        aligns = {
            Format.TEXT: named["left"],
            Format.CENTRED: named["center"],
            **{
                fmt: Alignment(horizontal="right", vertical="center")
                for fmt in (Format.COUNT, Format.SHARE, Format.POINTS)
            },
        }
        self._arrays: dict[tuple[Format, bool], Any] = {}
        for fmt, alignment in aligns.items():
            for bold in (False, True):
                name = f"classification-{fmt.value}{'-bold' if bold else ''}"
                style = NamedStyle(
                    name=name,
                    font=named["bold" if bold else "normal"],
                    border=named["border"],
                    alignment=alignment,
                    number_format=NUMBER_FORMATS.get(fmt, "General"),
                )
                if name not in book.style_names:
                    book.add_named_style(style)
                template = Cell(ws)
                template.style = name
                self._arrays[fmt, bold] = template._style

    def apply(self, cell: Any, fmt: Format, bold: bool) -> None:
        cell._style = copy(self._arrays[fmt, bold])


def _title_block(ws: Any, header: SheetHeader, title: str, subtitle: str, width: int) -> None:
    """The HD 36 header over the two halves of the table, then the title lines."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    named = styles()
    split = max(1, width // 2)
    halves = ((1, split), (split + 1, width))
    place_date = format_place_date(header.place, header.made_on)
    blocks = (
        (1, clean_text(header.party_body).upper(), named["normal"], PARTY_TITLE, named["bold"]),
        (2, clean_text(header.committee).upper(), named["bold"], place_date, named["italic"]),
        (3, "*", named["normal"], "", named["normal"]),
    )
    for row, left_text, left_font, right_text, right_font in blocks:
        for (first, last), text, font in zip(
            halves, (left_text, right_text), (left_font, right_font), strict=True
        ):
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
            cell = write_cell(ws, row, first, text)
            cell.font = font
            cell.alignment = named["center"]
    lines = (
        (5, title, named["title"], named["center"]),
        (6, subtitle, named["italic"], named["center"]),
        (7, SHARE_NOTE, named["italic"], Alignment(horizontal="right")),
    )
    for row, text, font, alignment in lines:
        ws.merge_cells(f"A{row}:{get_column_letter(width)}{row}")
        cell = write_cell(ws, row, 1, text)
        cell.font = font
        cell.alignment = alignment
    ws.row_dimensions[5].height = 36


def _heading_rows(ws: Any, table: SheetTable) -> None:
    """Two heading rows: groups merged over their sub-columns, lone headings over both rows."""
    named = styles()
    fill = solid_fill(HEADING_FILL)
    for row in (HEADING_ROW, HEADING_ROW + 1):
        for column in range(1, len(table.columns) + 1):
            cell = ws.cell(row=row, column=column)
            cell.font = named["bold"]
            cell.alignment = named["center"]
            cell.border = named["border"]
            cell.fill = fill
    for index, column in enumerate(table.columns, start=1):
        if column.group:
            write_cell(ws, HEADING_ROW + 1, index, column.heading)
        else:
            write_cell(ws, HEADING_ROW, index, column.heading)
            ws.merge_cells(
                start_row=HEADING_ROW, start_column=index, end_row=HEADING_ROW + 1, end_column=index
            )
    for first, last, text in group_spans(table.columns):
        write_cell(ws, HEADING_ROW, first + 1, text)
        ws.merge_cells(
            start_row=HEADING_ROW, start_column=first + 1, end_row=HEADING_ROW, end_column=last + 1
        )
    ws.row_dimensions[HEADING_ROW].height = 48
    ws.row_dimensions[HEADING_ROW + 1].height = 32


def _write_table(
    ws: Any, sheet: ClassificationSheet, header: SheetHeader, title: str, table: SheetTable
) -> None:
    cell_styles = _Styles(ws)
    width = len(table.columns)
    widths: Sequence[float] = [column.width for column in table.columns]
    _title_block(ws, header, title, rule_set_line(sheet), width)
    _heading_rows(ws, table)
    column_widths(ws, widths)
    text_columns = [
        i for i, c in enumerate(table.columns) if c.format in (Format.TEXT, Format.CENTRED)
    ]
    for row, line in enumerate(table.lines, start=FIRST_DATA_ROW):
        bold = line.style.bold
        for index, (value, column) in enumerate(zip(line.values, table.columns, strict=True)):
            cell = ws.cell(row=row, column=index + 1)
            cell_styles.apply(cell, column.format, bold)
            if isinstance(value, str):
                set_text(cell, clean_text(value))
            elif value is not None:
                cell.value = value
        texts = [str(line.values[i] or "") for i in text_columns]
        fit_height(ws, row, texts, [widths[i] for i in text_columns], CHARS_PER_WIDTH)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=table.name_column + 2)
    page_setup(ws, HEADING_ROW)
    ws.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW + 1}"
