"""What the office's Excel workbooks share: safe cells, typeface, heading rows, row heights,
print set-up.

Every workbook prints like a Party document (Times New Roman), with its title lines merged
across the table, a grey heading row repeated on every printed page, rows tall enough for their
wrapped text, and A4 landscape pages fit to one page wide. openpyxl is imported only when a
workbook is written (it costs ~0.2 s, not worth paying at start-up).

Every cell goes through ``write_cell`` (or ``set_text``): the register holds text the clerk
typed or imported, and openpyxl turns any string starting with "=" into a live formula
(reliability §3.6, D9). A text is always a string cell; one starting with a character a
spreadsheet reads as the start of a formula also gets Excel's quote prefix, so it stays text
when someone edits the cell, and shows unchanged. Numbers and dates stay typed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

#: The typeface of Party documents (HD 36); LibreOffice substitutes the metric twin.
FONT_NAME = "Times New Roman"
LINE_HEIGHT = 15  # points per line of 11-point text
HEADING_FILL = "F5F5F5"

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection,
#: ASVS 5.0 V1.2.10): "=", "+", "-", "@", Tab, CR.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TYPED = (int, float, Decimal, date, datetime)


def set_text(cell: Any, text: str) -> Any:
    """Make ``cell`` hold ``text`` as text, never as a formula; return the cell."""
    cell.value = text
    cell.data_type = "s"  # openpyxl made it "f" if the text starts with "="
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def write_cell(sheet: Any, row: int, column: int, value: object) -> Any:
    """Put ``value`` in a cell and return it: text as safe text, numbers and dates typed,
    ``None`` or ``""`` left empty. Anything else is written as its text."""
    cell = sheet.cell(row=row, column=column)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, _TYPED):  # bool is an int: TRUE/FALSE
        cell.value = value
    else:
        set_text(cell, value if isinstance(value, str) else str(value))
    return cell


def styles() -> dict[str, Any]:
    """The borders, alignments and fonts the tables use, by name."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="9E9E9E")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "normal": Font(name=FONT_NAME, size=11),
        "bold": Font(name=FONT_NAME, size=11, bold=True),
        "title": Font(name=FONT_NAME, size=14, bold=True),
        "italic": Font(name=FONT_NAME, size=11, italic=True),
    }


def solid_fill(hex_colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=hex_colour, end_color=hex_colour)


def title_lines(sheet: Any, lines: Sequence[tuple[str, Any]], last_column: int) -> None:
    """Each (text, font) on its own row from the first, merged and centred across the table."""
    from openpyxl.utils import get_column_letter

    end = get_column_letter(last_column)
    centre = styles()["center"]
    for row, (text, font) in enumerate(lines, start=1):
        sheet.merge_cells(f"A{row}:{end}{row}")
        cell = write_cell(sheet, row, 1, text)
        cell.font = font
        cell.alignment = centre


def heading_row(sheet: Any, row: int, headings: Sequence[str]) -> None:
    """The table's bold, grey, bordered heading row."""
    named = styles()
    for column, text in enumerate(headings, start=1):
        cell = write_cell(sheet, row, column, text)
        cell.font = named["bold"]
        cell.alignment = named["center"]
        cell.border = named["border"]
        cell.fill = solid_fill(HEADING_FILL)
    sheet.row_dimensions[row].height = 30


def column_widths(sheet: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def fit_height(
    sheet: Any, row: int, texts: Sequence[str], widths: Sequence[float], chars_per_width: float
) -> None:
    """Give a row the lines its longest wrapped cell needs.

    Neither openpyxl nor LibreOffice's import sizes rows to wrapped text, so long texts would
    overlap the next row. A column of width w (in widths of "0") holds about
    ``chars_per_width`` × w letters of 11-point Times New Roman once words are wrapped whole.
    """
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        per_line = width * chars_per_width
        lines = max(
            lines, sum(math.ceil(max(len(part), 1) / per_line) for part in text.split("\n"))
        )
    if lines > 1:
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 2


def page_setup(sheet: Any, heading_row: int) -> None:
    """A4 landscape, one page wide, the heading row repeated on every page, page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    sheet.oddFooter.center.text = "Trang &P / &N"
