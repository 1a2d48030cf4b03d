"""The statistics report as an Excel workbook, for offices that forward figures as spreadsheets.

Sheets: "Chỉ số" (Biểu 1 with the definition of every indicator beside it), "Theo loại hình",
"Xếp loại" (members, then organisations), "Sinh hoạt" and "Chỉ tiêu" (Biểu 2–5). Each starts
with the committee, the report's title, the day the figures are counted on and the place and
date, then a grey heading row repeated on every printed page. What each table holds comes from
``statistics_tables``, as for the PDF.

Every number is a typed cell: counts with "#,##0"; every percentage (rates, shares, progress,
the change of a rate) as a fraction with a "0.0%" format, so 12.5 % is stored as 0.125 and
sums and charts made from the sheet work. Where the PDF prints "123 (42,5 %)" the sheet has
two columns, the count and the share. Every text, the office's own names included, goes
through ``xlsx_common.write_cell``, so a name starting with "=" stays text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, BinaryIO

from partydesk.domain.documents import format_place_date
from partydesk.domain.statistics import Unit
from partydesk.reports.classification_columns import group_spans
from partydesk.reports.hd36 import clean_text
from partydesk.reports.statistics_report import StatisticsReport
from partydesk.reports.statistics_tables import (
    CHANGE_HEADING,
    CURRENT_RECORD_NOTE,
    PART_INDICATORS,
    PROGRESS_HEADING,
    TARGET_HEADING,
    Cell,
    Fmt,
    Grid,
    IndicatorLine,
    LineKind,
    as_of_line,
    by_type_grid,
    classification_grids,
    current_heading,
    indicator_lines,
    meetings_grid,
    previous_heading,
    progress_percent,
    report_title,
    targets_grid,
)
from partydesk.reports.xlsx_common import (
    HEADING_FILL,
    column_widths,
    fit_height,
    page_setup,
    solid_fill,
    styles,
    title_lines,
    write_cell,
)

INDICATORS_SHEET = "Chỉ số"
BY_TYPE_SHEET = "Theo loại hình"
CLASSIFICATION_SHEET = "Xếp loại"
MEETINGS_SHEET = "Sinh hoạt"
TARGETS_SHEET = "Chỉ tiêu"

TITLE_ROWS = 4  # committee, title, "số liệu đến ngày …", place and date
PART_ROW = TITLE_ROWS + 2  # the table's own title ("Biểu 1. …"), after a blank row
HEADING_ROW = PART_ROW + 1
CHARS_PER_WIDTH = 1.35  # measured in LibreOffice, see xlsx_common.fit_height
TITLE_CHARS_PER_WIDTH = 0.9  # the same for the 14-point bold title
TITLE_LINE_HEIGHT = 19
SECTION_FILL = "E6E6E6"

COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
DECIMAL_FORMAT = "0.0"
YEAR_FORMAT = "0"
CHANGE_FORMATS = {
    Unit.COUNT: "+#,##0;-#,##0;0",
    Unit.PERCENT: "+0.0%;-0.0%;0.0%",
    Unit.MINUTES: "+0.0;-0.0;0.0",
}
VALUE_FORMATS = {
    Unit.COUNT: COUNT_FORMAT,
    Unit.PERCENT: PERCENT_FORMAT,
    Unit.MINUTES: DECIMAL_FORMAT,
}

INDICATOR_COLUMNS = (
    ("STT", 6),
    ("Chỉ số", 50),
    ("", 16),  # the previous period's heading names its day
    ("", 16),
    ("Tỷ lệ so với dòng chính", 13),
    (CHANGE_HEADING, 13),
    (TARGET_HEADING, 11),
    ("Hạn chỉ tiêu (năm)", 10),
    (PROGRESS_HEADING, 10),
    ("Cách tính", 70),
)


def write_statistics_xlsx(report: StatisticsReport, handle: BinaryIO) -> int:
    """Write the workbook to ``handle``; returns the number of indicator rows on "Chỉ số"."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = INDICATORS_SHEET
    written = _indicators_sheet(sheet, report)
    stats = report.stats
    _grid_sheet(book.create_sheet(BY_TYPE_SHEET), report, [by_type_grid(stats)])
    _grid_sheet(book.create_sheet(CLASSIFICATION_SHEET), report, list(classification_grids(stats)))
    _grid_sheet(book.create_sheet(MEETINGS_SHEET), report, [meetings_grid(stats)])
    _grid_sheet(book.create_sheet(TARGETS_SHEET), report, [targets_grid(stats)])
    book.save(handle)
    return written


def _title_block(ws: Any, report: StatisticsReport, widths: Sequence[float]) -> None:
    """The committee, the title, the day the figures are counted on, the place and date,
    merged across the table; a narrow table gets the title on as many lines as it needs."""
    named = styles()
    stats = report.stats
    office = report.office
    title = report_title(stats.period.year)
    lines = [
        (clean_text(office.committee_header or office.committee_full_name).upper(), named["bold"]),
        (title, named["title"]),
        (as_of_line(stats.period.on), named["italic"]),
        (format_place_date(clean_text(office.locality), report.made_on), named["italic"]),
    ]
    title_lines(ws, lines, len(widths))
    title_lines_needed = math.ceil(len(title) / (sum(widths) * TITLE_CHARS_PER_WIDTH))
    ws.row_dimensions[2].height = TITLE_LINE_HEIGHT * title_lines_needed + 4


def _border_row(ws: Any, row: int, columns: int) -> None:
    """Borders and the Party typeface on a table row, before its cells are filled."""
    named = styles()
    for column in range(1, columns + 1):
        cell = ws.cell(row=row, column=column)
        cell.border = named["border"]
        cell.font = named["normal"]


def _number(ws: Any, row: int, column: int, value: float | None, number_format: str) -> Any:
    cell = write_cell(ws, row, column, value)
    cell.number_format = number_format
    cell.alignment = _right()
    return cell


def _right() -> Any:
    from openpyxl.styles import Alignment

    return Alignment(horizontal="right", vertical="center")


def _fraction(value: float | None) -> float | None:
    """A percentage (12.5) as the fraction a "0.0%" cell holds (0.125)."""
    return None if value is None else value / 100


# --- Biểu 1 -------------------------------------------------------------------------------


def _indicators_sheet(ws: Any, report: StatisticsReport) -> int:
    stats = report.stats
    named = styles()
    headings = [heading for heading, _ in INDICATOR_COLUMNS]
    headings[2], headings[3] = previous_heading(stats), current_heading(stats)
    widths = [width for _, width in INDICATOR_COLUMNS]
    last = len(headings)
    _title_block(ws, report, widths)
    write_cell(ws, PART_ROW, 1, PART_INDICATORS).font = named["bold"]
    _heading(ws, HEADING_ROW, headings)
    column_widths(ws, widths)
    row = HEADING_ROW + 1
    written = 0
    for line in indicator_lines(stats):
        if line.kind is LineKind.INDICATOR:
            _indicator_row(ws, row, line)
            fit_height(
                ws, row, [line.shown_label, line.indicator.definition], [widths[1], widths[-1]],
                CHARS_PER_WIDTH,
            )  # fmt: skip
            written += 1
        else:
            _border_row(ws, row, last)
            write_cell(ws, row, 1, line.number).alignment = named["center"]
            cell = write_cell(ws, row, 2, line.text)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
            if line.kind is LineKind.SECTION:
                cell.font = named["bold"]
                ws.cell(row=row, column=1).font = named["bold"]
                for column in range(1, last + 1):
                    ws.cell(row=row, column=column).fill = solid_fill(SECTION_FILL)
            else:
                cell.font = named["italic"]
        row += 1
    note = write_cell(ws, row + 1, 1, CURRENT_RECORD_NOTE)
    note.font = named["italic"]
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=last)
    ws.freeze_panes = f"C{HEADING_ROW + 1}"  # a string: C8 may be inside a merged section row
    page_setup(ws, HEADING_ROW)
    return written


def _indicator_row(ws: Any, row: int, line: IndicatorLine) -> None:
    named = styles()
    figure = line.figure
    assert figure is not None
    unit = line.unit
    _border_row(ws, row, len(INDICATOR_COLUMNS))
    write_cell(ws, row, 1, line.number).alignment = named["center"]
    label = write_cell(ws, row, 2, line.shown_label)
    label.alignment = named["left"]
    value_format = VALUE_FORMATS[unit]
    _number(ws, row, 3, _stored(figure.previous, unit), value_format)
    _number(ws, row, 4, _stored(figure.value, unit), value_format)
    _number(ws, row, 5, _fraction(figure.share), PERCENT_FORMAT)
    _number(ws, row, 6, _stored(figure.change, unit), CHANGE_FORMATS[unit])
    if figure.target is not None:
        _number(ws, row, 7, _stored(figure.target.value, unit), value_format)
        _number(ws, row, 8, figure.target.deadline_year, YEAR_FORMAT)
        _number(ws, row, 9, _fraction(progress_percent(figure.progress)), PERCENT_FORMAT)
    definition = write_cell(ws, row, 10, line.indicator.definition)
    definition.alignment = named["left"]
    definition.font = named["italic"]


def _stored(value: float | None, unit: Unit) -> float | int | None:
    """A figure as its cell holds it: a whole count, a rate as a fraction, minutes as is."""
    if value is None:
        return None
    if unit is Unit.PERCENT:
        return value / 100
    return round(value) if unit is Unit.COUNT else value


# --- Biểu 2–5 -----------------------------------------------------------------------------


def _heading(ws: Any, row: int, headings: Sequence[str]) -> None:
    named = styles()
    for column, text in enumerate(headings, start=1):
        cell = write_cell(ws, row, column, text)
        cell.font = named["bold"]
        cell.alignment = named["center"]
        cell.border = named["border"]
        cell.fill = solid_fill(HEADING_FILL)
    ws.row_dimensions[row].height = 32


def _grid_heading(ws: Any, row: int, grid: Grid) -> int:
    """The grid's heading rows from ``row``; returns how many (2 when columns are grouped)."""
    if not grid.has_groups:
        _heading(ws, row, [c.heading for c in grid.columns])
        return 1
    _heading(ws, row, [c.group or c.heading for c in grid.columns])
    _heading(ws, row + 1, [c.heading if c.group else "" for c in grid.columns])
    for index, column in enumerate(grid.columns, start=1):
        if not column.group:
            ws.merge_cells(start_row=row, start_column=index, end_row=row + 1, end_column=index)
    for first, last, _ in group_spans(grid.columns):
        ws.merge_cells(start_row=row, start_column=first + 1, end_row=row, end_column=last + 1)
    return 2


def _grid_cell(ws: Any, row: int, column: int, cell: Cell, align: str) -> Any:
    named = styles()
    if cell.fmt is Fmt.TEXT or isinstance(cell.value, str):
        written = write_cell(ws, row, column, clean_text(str(cell.value or "")))
        written.alignment = named["left"] if align == "LEFT" else named["center"]
        return written
    if cell.fmt is Fmt.PERCENT:
        return _number(ws, row, column, _fraction(cell.value), PERCENT_FORMAT)
    if cell.fmt is Fmt.DECIMAL:
        return _number(ws, row, column, cell.value, DECIMAL_FORMAT)
    if cell.fmt is Fmt.CENTRED:
        written = _number(ws, row, column, cell.value, YEAR_FORMAT)
        written.alignment = named["center"]
        return written
    return _number(ws, row, column, cell.value, COUNT_FORMAT)


def _write_grid(ws: Any, row: int, grid: Grid) -> int:
    """One grid from ``row`` (its title, headings, rows); returns the next free row."""
    named = styles()
    title = write_cell(ws, row, 1, grid.title)
    title.font = named["bold"]
    row += 1
    heading_rows = _grid_heading(ws, row, grid)
    row += heading_rows
    widths = [c.width for c in grid.columns]
    text_columns = [i for i, c in enumerate(grid.columns) if c.align == "LEFT"]
    for line in grid.rows:
        for index, (cell, column) in enumerate(zip(line.cells, grid.columns, strict=True)):
            written = _grid_cell(ws, row, index + 1, cell, column.align)
            written.border = named["border"]
            written.font = named["bold" if line.total else "normal"]
        texts = [str(line.cells[i].value or "") for i in text_columns]
        fit_height(ws, row, texts, [widths[i] for i in text_columns], CHARS_PER_WIDTH)
        row += 1
    if not grid.rows:
        _border_row(ws, row, len(grid.columns))
        message = write_cell(ws, row, 1, grid.empty_text)
        message.font = named["italic"]
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(grid.columns))
        row += 1
    return row + 1


def _grid_sheet(ws: Any, report: StatisticsReport, grids: list[Grid]) -> None:
    """Grids with the same columns under the title block, one after the other; the first
    one's headings repeat on every printed page."""
    _title_block(ws, report, [c.width for c in grids[0].columns])
    column_widths(ws, [c.width for c in grids[0].columns])
    row = PART_ROW
    first_heading = PART_ROW + 1
    heading_rows = 2 if grids[0].has_groups else 1
    for grid in grids:
        row = _write_grid(ws, row, grid)
    ws.freeze_panes = f"A{first_heading + heading_rows}"
    page_setup(ws, first_heading)
    ws.print_title_rows = f"{first_heading}:{first_heading + heading_rows - 1}"
