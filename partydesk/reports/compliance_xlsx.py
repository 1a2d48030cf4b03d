"""The compliance matrix as an Excel workbook, for offices that file and forward spreadsheets.

Sheet "Tuân thủ <năm>": a title, the organisations × months matrix with the symbols and fill
colours the application shows (so a grayscale printout still reads), the four quarter duties,
and a legend; sheet "Danh sách thiếu sót": every gap, one per row. Pages are A4 landscape, fit
to one page wide, with the heading rows repeated on every printed page.

The symbols and colours live here, with no Qt, so the screen and the workbook cannot drift
apart: the UI imports them from this module. openpyxl is imported only when a workbook is
written (it costs ~0.2 s, not worth paying at start-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from os import PathLike
from typing import IO, Any

from partydesk.domain.compliance import (
    ROMAN,
    ComplianceSettings,
    MonthState,
    OrganisationCompliance,
    QuarterCell,
)
from partydesk.domain.dates import format_vn_date
from partydesk.reports.xlsx_common import (
    FONT_NAME,
    column_widths,
    fit_height,
    heading_row,
    page_setup,
    solid_fill,
    styles,
    title_lines,
    write_cell,
)


@dataclass(frozen=True, slots=True)
class CellStyle:
    symbol: str  # readable without colour: in grayscale print and for colour-blind readers
    fill: str  # background, RRGGBB
    text: str = "212121"  # foreground, RRGGBB


MONTH_STYLES: dict[MonthState, CellStyle] = {
    MonthState.MET: CellStyle("✓", "C8E6C9", "1B5E20"),
    MonthState.MET_WITH_ISSUES: CellStyle("!", "FFE0B2", "8A4B00"),
    MonthState.MISSING: CellStyle("✗", "FFCDD2", "B71C1C"),
    # Not "…": in a narrow cell it reads as text cut short.
    MonthState.IN_PROGRESS: CellStyle("○", "D6EAF8", "0D47A1"),
    MonthState.NOT_REQUIRED: CellStyle("–", "EEEEEE", "616161"),
    MonthState.FUTURE: CellStyle("", "FFFFFF"),
    MonthState.NOT_APPLICABLE: CellStyle("/", "E0E0E0", "757575"),
}

#: The legend, in the order a reader needs it: what is fine, what is wrong, what does not count.
LEGEND_ORDER: tuple[MonthState, ...] = (
    MonthState.MET,
    MonthState.MET_WITH_ISSUES,
    MonthState.MISSING,
    MonthState.IN_PROGRESS,
    MonthState.NOT_REQUIRED,
    MonthState.FUTURE,
    MonthState.NOT_APPLICABLE,
)

LEGEND_TEXT: dict[MonthState, str] = {
    MonthState.MET: "Đạt: có sinh hoạt thường kỳ, đủ thời lượng, biên bản đã thông qua",
    MonthState.MET_WITH_ISSUES: "Có vấn đề: thiếu thời lượng hoặc biên bản chưa thông qua",
    MonthState.MISSING: "Thiếu: không có buổi sinh hoạt thường kỳ",
    MonthState.IN_PROGRESS: "Trong tháng: chưa họp, tháng chưa kết thúc",
    MonthState.NOT_REQUIRED: "Không bắt buộc (chi bộ họp nhiều tháng một lần)",
    MonthState.FUTURE: "Chưa đến",
    MonthState.NOT_APPLICABLE: "Không áp dụng (chi bộ chưa thành lập hoặc đã kết thúc)",
}

QUARTER_MET = CellStyle("", "C8E6C9", "1B5E20")
QUARTER_MISSING = CellStyle("", "FFCDD2", "B71C1C")
QUARTER_PENDING = CellStyle("", "D6EAF8", "0D47A1")
QUARTER_NONE = CellStyle("", "FFFFFF")
PENDING = "○"
QUARTER_LEGEND = (
    "Quý: CĐ = sinh hoạt chuyên đề, CB = cán bộ phụ trách dự sinh hoạt; "
    "✓ có, ✗ không có, ○ quý chưa kết thúc"
)


def quarter_text(cell: QuarterCell, settings: ComplianceSettings) -> str:
    """Each quarter duty switched on, as "CĐ ✓ · CB ✗": ✓ met, ✗ missed, ○ quarter not over."""
    if not cell.applicable:
        return ""
    parts = []
    for label, on, value in (
        ("CĐ", settings.thematic_each_quarter, cell.thematic),
        ("CB", settings.cadre_each_quarter, cell.cadre),
    ):
        if on:
            parts.append(f"{label} {PENDING if value is None else '✓' if value else '✗'}")
    return " · ".join(parts)


def quarter_style(cell: QuarterCell, settings: ComplianceSettings) -> CellStyle:
    values = [
        value
        for on, value in (
            (settings.thematic_each_quarter, cell.thematic),
            (settings.cadre_each_quarter, cell.cadre),
        )
        if on
    ]
    if not cell.applicable or not values:
        return QUARTER_NONE
    if any(v is False for v in values):
        return QUARTER_MISSING
    if any(v is None for v in values):
        return QUARTER_PENDING
    return QUARTER_MET


def cadre_names(row: OrganisationCompliance) -> str:
    return ", ".join(name for _, name in row.cadres)


@dataclass(frozen=True)
class ComplianceReport:
    """What the workbook shows: the rows the service computed, and how they were selected."""

    year: int
    rows: Sequence[OrganisationCompliance]
    settings: ComplianceSettings
    committee_name: str = ""  # "Đảng ủy phường An Khánh"
    selection: str = ""  # "Chi bộ cơ sở; cán bộ phụ trách: Trần Văn B", blank for all
    made_on: date | None = None


MATRIX_SHEET_PREFIX = "Tuân thủ"
GAPS_SHEET = "Danh sách thiếu sót"
HEADER_ROW = 4  # rows 1–3: title, committee and selection, date
FIRST_MONTH_COLUMN = 5  # A STT, B tổ chức, C loại, D cán bộ phụ trách
MATRIX_HEADERS = (
    "STT",
    "Tổ chức đảng",
    "Loại",
    "Cán bộ phụ trách",
    *(f"T{m}" for m in range(1, 13)),
    *(f"Quý {r}" for r in ROMAN),
)
_WIDTHS = (5, 44, 17, 22, *(4.4,) * 12, *(14,) * 4)
_GAP_WIDTHS = (6, 44, 16, 70)
CHARS_PER_WIDTH = 1.35  # measured in LibreOffice, see xlsx_common.fit_height


def matrix_sheet_title(year: int) -> str:
    return f"{MATRIX_SHEET_PREFIX} {year}"


def write_compliance_workbook(
    report: ComplianceReport, out: str | PathLike[str] | IO[bytes]
) -> None:
    """Write the workbook to a path or a binary file object."""
    from openpyxl import Workbook

    book = Workbook()
    matrix = book.active
    matrix.title = matrix_sheet_title(report.year)
    _fill_matrix(matrix, report)
    _fill_gaps(book.create_sheet(GAPS_SHEET), report)
    book.save(out)


def _title_rows(
    sheet: Any,
    report: ComplianceReport,
    title: str,
    headings: Sequence[str],
    widths: Sequence[float],
) -> None:
    """The title lines, the heading row and the column widths of a sheet."""
    named = styles()
    lines = (
        (title, named["title"]),
        (
            "; ".join(p for p in (report.committee_name, report.selection) if p) or "Tất cả chi bộ",
            named["bold"],
        ),
        (f"Ngày lập: {format_vn_date(report.made_on)}" if report.made_on else "", named["italic"]),
    )
    title_lines(sheet, lines, len(headings))
    sheet.row_dimensions[1].height = 22
    heading_row(sheet, HEADER_ROW, headings)
    column_widths(sheet, widths)


def _fill_matrix(sheet: Any, report: ComplianceReport) -> None:
    from openpyxl.styles import Font

    named = styles()
    title = f"TÌNH HÌNH SINH HOẠT CHI BỘ NĂM {report.year}"
    _title_rows(sheet, report, title, MATRIX_HEADERS, _WIDTHS)

    row_number = HEADER_ROW
    for index, row in enumerate(report.rows, start=1):
        row_number = HEADER_ROW + index
        texts = (str(index), row.name, row.kind.label, cadre_names(row))
        for column, text in enumerate(texts, start=1):
            cell = write_cell(sheet, row_number, column, text)
            cell.font = named["normal"]
            cell.border = named["border"]
            cell.alignment = named["center"] if column == 1 else named["left"]
        fit_height(sheet, row_number, texts, _WIDTHS, CHARS_PER_WIDTH)
        for offset, month in enumerate(row.months):
            style = MONTH_STYLES[month.state]
            cell = write_cell(sheet, row_number, FIRST_MONTH_COLUMN + offset, style.symbol)
            _style_cell(cell, style, named)
        for offset, quarter in enumerate(row.quarters):
            style = quarter_style(quarter, report.settings)
            text = quarter_text(quarter, report.settings)
            cell = write_cell(sheet, row_number, FIRST_MONTH_COLUMN + 12 + offset, text)
            _style_cell(cell, style, named)
            cell.font = Font(name=FONT_NAME, color=style.text, size=10)

    if not report.rows:
        empty = write_cell(sheet, HEADER_ROW + 1, 2, "Không có chi bộ nào phù hợp.")
        empty.font = named["italic"]
        row_number = HEADER_ROW + 1

    # Names and months stay on screen while scrolling.
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=FIRST_MONTH_COLUMN)
    _legend(sheet, row_number + 2)
    page_setup(sheet, HEADER_ROW)


def _style_cell(cell: Any, style: CellStyle, named: dict[str, Any]) -> None:
    from openpyxl.styles import Font

    cell.fill = solid_fill(style.fill)
    cell.font = Font(name=FONT_NAME, color=style.text, bold=True)
    cell.alignment = named["center"]
    cell.border = named["border"]


def _legend(sheet: Any, first_row: int) -> None:
    named = styles()
    write_cell(sheet, first_row, 2, "Chú thích").font = named["bold"]
    row = first_row
    for row, state in enumerate(LEGEND_ORDER, start=first_row + 1):
        style = MONTH_STYLES[state]
        symbol = write_cell(sheet, row, 1, style.symbol)
        _style_cell(symbol, style, named)
        write_cell(sheet, row, 2, LEGEND_TEXT[state]).font = named["normal"]
    write_cell(sheet, row + 1, 2, QUARTER_LEGEND).font = named["normal"]


def _fill_gaps(sheet: Any, report: ComplianceReport) -> None:
    named = styles()
    headers = ("STT", "Tổ chức đảng", "Kỳ", "Vấn đề")
    _title_rows(sheet, report, f"DANH SÁCH THIẾU SÓT NĂM {report.year}", headers, _GAP_WIDTHS)
    gaps = [gap for row in report.rows for gap in row.gaps]
    for index, gap in enumerate(gaps, start=1):
        values = (
            index,
            gap.organisation_name,
            gap.period,
            gap.problem[:1].upper() + gap.problem[1:],
        )
        for column, value in enumerate(values, start=1):
            cell = write_cell(sheet, HEADER_ROW + index, column, value)
            cell.font = named["normal"]
            cell.border = named["border"]
            cell.alignment = named["center"] if column in (1, 3) else named["left"]
        fit_height(
            sheet, HEADER_ROW + index, [str(v) for v in values], _GAP_WIDTHS, CHARS_PER_WIDTH
        )
    if not gaps:
        empty = write_cell(sheet, HEADER_ROW + 1, 2, "Không có thiếu sót.")
        empty.font = named["italic"]
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    page_setup(sheet, HEADER_ROW)
