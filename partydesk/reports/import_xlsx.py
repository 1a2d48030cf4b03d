"""The import workbooks: the template a clerk fills in, and the report of the rows refused.

Template: sheet one has the headings (required ones shaded), one example row and column formats
set so that what the clerk types survives (identifier columns are Text, "@", so CCCD
"001085012345" keeps its zero; date columns show dd/mm/yyyy). Sheet "Hướng dẫn" explains every
column, the date format and the accepted values.

Problem report: one row per problem (Dòng, Cột, Giá trị, Lý do) followed by the cells of the
file's row, so the clerk can fix them side by side. Written in write-only mode: a file with
errors on every one of 100,000 rows still writes in bounded memory.

Every text cell is written as a string cell (openpyxl would turn "=HYPERLINK(…)" into a live
formula) and text starting with a formula character gets Excel's quote prefix (reliability D9).
openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from os import PathLike
from typing import IO, Any

from partydesk.domain.import_cells import Cell, shown_value
from partydesk.domain.import_columns import ImportColumn, ImportKind, ValueType
from partydesk.domain.importing import RowProblem, column_letter
from partydesk.reports.xlsx_common import FONT_NAME, LINE_HEIGHT, set_text, solid_fill

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
REQUIRED_FILL = "FFF2CC"
HEADING_FILL = "E7E6E6"
GUIDE_SHEET = "Hướng dẫn"
REPORT_SHEET = "Lỗi nhập"
REPORT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Dòng", 8),
    ("Cột", 22),
    ("Giá trị", 24),
    ("Lý do", 60),
)
SOURCE_WIDTH = 18
CHARS_PER_WIDTH = 1.2  # letters of 11-point Times per unit of column width, words wrapped
MAX_ROW_HEIGHT = 409  # points: Excel's limit
Out = str | PathLike[str] | IO[bytes]


def set_value(cell: Any, value: Cell) -> None:
    """Numbers and dates stay typed; everything else is text."""
    if value is None:
        return
    if isinstance(value, date | datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT if not isinstance(value, datetime) else "DD/MM/YYYY HH:MM"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    else:
        set_text(cell, str(value))


def _fonts() -> dict[str, Any]:
    from openpyxl.styles import Font

    return {
        "normal": Font(name=FONT_NAME, size=11),
        "bold": Font(name=FONT_NAME, size=11, bold=True),
        "title": Font(name=FONT_NAME, size=14, bold=True),
        "example": Font(name=FONT_NAME, size=11, italic=True, color="595959"),
    }


def print_setup(sheet: Any, heading_row: int | None, *, one_page_wide: bool = True) -> None:
    """A4 landscape, one page wide, the heading row on every page (works in write-only mode)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    if one_page_wide:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    if heading_row is not None:
        sheet.print_title_rows = f"{heading_row}:{heading_row}"
    sheet.oddFooter.center.text = "Trang &P / &N"


def fit_row(sheet: Any, row: int, texts: Sequence[str], widths: Sequence[float]) -> None:
    """Give a row the height its longest wrapped text needs (neither openpyxl nor LibreOffice
    sizes rows of a generated file), up to Excel's largest row height."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        per_line = max(width * CHARS_PER_WIDTH, 1)
        lines = max(lines, sum(math.ceil(max(len(p), 1) / per_line) for p in text.split("\n")))
    if lines > 1:
        sheet.row_dimensions[row].height = min(LINE_HEIGHT * lines + 2, MAX_ROW_HEIGHT)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="9E9E9E")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _column_width(column: ImportColumn) -> float:
    longest = max(len(column.label), len(column.example), 8)
    return float(min(max(longest + 4, 12), 40))


# --- template ------------------------------------------------------------------------------


def write_template(
    kind: ImportKind,
    columns: Sequence[ImportColumn],
    examples: Mapping[str, Cell],
    lists: Sequence[tuple[str, Sequence[str]]],
    out: Out,
) -> None:
    """The template workbook. ``examples`` gives the example row by column key (a date as a
    ``date``); ``lists`` are the accepted values and register names the guide sheet lists."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    fonts = _fonts()
    border = _border()
    left = Alignment(horizontal="left", vertical="center")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.label
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _column_width(column)
        heading = sheet.cell(row=1, column=index)
        set_text(heading, column.label)
        heading.font = fonts["bold"]
        heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        heading.fill = solid_fill(REQUIRED_FILL if column.required else HEADING_FILL)
        heading.border = border
        if column.hint:
            note = ("Bắt buộc. " if column.required else "") + column.hint
            heading.comment = Comment(note, "PartyDesk", width=300, height=110)
        example = sheet.cell(row=2, column=index)
        example.font = fonts["example"]
        example.alignment = left
        example.border = border
        if column.value_type is ValueType.IDENTIFIER:
            # The whole column is Text, so numbers typed later keep their leading zeros.
            dimension.number_format = TEXT_FORMAT
            example.number_format = TEXT_FORMAT
        elif column.value_type is ValueType.DATE:
            dimension.number_format = DATE_FORMAT
        value = examples.get(column.key)
        if column.value_type is ValueType.IDENTIFIER:
            if value not in (None, ""):
                set_text(example, shown_value(value))
        elif value != "":
            set_value(example, value)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "B2"
    # Two dozen columns on one page would print unreadably small; the template is for typing.
    print_setup(sheet, 1, one_page_wide=False)
    _write_guide(workbook.create_sheet(GUIDE_SHEET), kind, columns, examples, lists, fonts)
    workbook.save(out)


def _write_guide(
    sheet: Any,
    kind: ImportKind,
    columns: Sequence[ImportColumn],
    examples: Mapping[str, Cell],
    lists: Sequence[tuple[str, Sequence[str]]],
    fonts: dict[str, Any],
) -> None:
    from openpyxl.styles import Alignment

    wrap = Alignment(vertical="top", wrap_text=True)
    border = _border()
    print_setup(sheet, None)
    widths = (26, 10, 60, 26, 40)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(index - 1)].width = width
    row = 1
    title = sheet.cell(row=row, column=1)
    set_text(title, f"HƯỚNG DẪN ĐIỀN TỆP NHẬP {kind.label.upper()}")
    title.font = fonts["title"]
    row += 2
    for line in _general_notes(kind):
        cell = sheet.cell(row=row, column=1)
        set_text(cell, line)
        cell.font = fonts["normal"]
        row += 1
    row += 1
    for index, text in enumerate(
        ("Cột", "Bắt buộc", "Cách ghi", "Ví dụ", "Tên cột khác cũng được nhận"), start=1
    ):
        cell = sheet.cell(row=row, column=index)
        set_text(cell, text)
        cell.font = fonts["bold"]
        cell.fill = solid_fill(HEADING_FILL)
        cell.border = border
    for column in columns:
        row += 1
        values = (
            column.label,
            "Có" if column.required else "",
            column.hint,
            shown_value(examples.get(column.key)),
            "; ".join(column.aliases),
        )
        for index, text in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index)
            set_text(cell, text)
            cell.font = fonts["bold"] if index == 1 else fonts["normal"]
            cell.alignment = wrap
            cell.border = border
            if index == 1 and column.required:
                cell.fill = solid_fill(REQUIRED_FILL)
        fit_row(sheet, row, values, widths)
    for heading, values in lists:
        row += 2
        cell = sheet.cell(row=row, column=1)
        set_text(cell, heading)
        cell.font = fonts["bold"]
        for value in values:
            row += 1
            cell = sheet.cell(row=row, column=1)
            set_text(cell, value)
            cell.font = fonts["normal"]
        if not values:
            row += 1
            cell = sheet.cell(row=row, column=1)
            set_text(cell, "(chưa có)")
            cell.font = fonts["example"]


def _general_notes(kind: ImportKind) -> list[str]:
    what = "một đảng viên" if kind is ImportKind.MEMBERS else "một doanh nghiệp"
    return [
        f"• Mỗi dòng của trang “{kind.label}” là {what}. Dòng 1 là tên cột: giữ nguyên tên "
        "cột; có thể bỏ những cột không dùng, trừ các cột bắt buộc (tô vàng).",
        "• Dòng 2 là ví dụ: hãy ghi đè hoặc xóa dòng này trước khi nhập.",
        "• Ngày ghi dạng ngày/tháng/năm đủ 4 chữ số năm, ví dụ 15/03/1985, hoặc dùng ô kiểu "
        "ngày của Excel.",
        "• Các cột số CCCD, số thẻ, số lý lịch, mã số thuế, điện thoại đã định dạng Văn bản để "
        "giữ số 0 ở đầu. Khi chép từ tệp khác, dùng “Dán giá trị” để không mất định dạng này.",
        "• Mỗi tệp tối đa 100.000 dòng và 50 MB. Nhận tệp .xlsx hoặc .csv (nên lưu kiểu "
        "“CSV UTF-8”).",
        "• Trước khi nhập, PartyDesk kiểm tra từng dòng và báo lỗi theo dòng, cột; chỉ khi "
        "không còn lỗi mới nhập, và nhập tất cả trong một lần (sao lưu dữ liệu trước khi nhập).",
    ]


# --- problem report ------------------------------------------------------------------------


def write_problem_report(
    problems: Sequence[RowProblem],
    headers: Sequence[str],
    source_rows: Mapping[int, Sequence[Cell]],
    out: Out,
) -> None:
    """One row per problem, then the cells of the file row it is about (``source_rows`` by
    file row number; file-wide problems have row 0 and no cells)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    fonts = _fonts()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(REPORT_SHEET)
    file_headings = [text or f"Cột {column_letter(i)}" for i, text in enumerate(headers)]
    for index, (_text, width) in enumerate(REPORT_COLUMNS):
        sheet.column_dimensions[column_letter(index)].width = width
    for index in range(len(file_headings)):
        sheet.column_dimensions[column_letter(len(REPORT_COLUMNS) + index)].width = SOURCE_WIDTH
    sheet.freeze_panes = "E2"
    last = column_letter(len(REPORT_COLUMNS) + len(file_headings) - 1)
    sheet.auto_filter.ref = f"A1:{last}{len(problems) + 1}"
    print_setup(sheet, 1)
    widths = [width for _, width in REPORT_COLUMNS] + [SOURCE_WIDTH] * len(file_headings)
    wrap = Alignment(vertical="top", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="top")
    border = _border()

    def text_cell(text: str, font: Any, fill: Any = None) -> Any:
        cell = WriteOnlyCell(sheet)
        set_text(cell, text)
        cell.font = font
        cell.alignment = wrap
        cell.border = border
        if fill is not None:
            cell.fill = fill
        return cell

    heading_fill = solid_fill(HEADING_FILL)
    # In write-only mode a row's height must be set before the row is appended.
    fit_row(sheet, 1, ["", "", "", "", *file_headings], widths)
    sheet.append(
        [text_cell(t, fonts["bold"], heading_fill) for t, _ in REPORT_COLUMNS]
        + [text_cell(t, fonts["bold"], heading_fill) for t in file_headings]
    )
    for number_in_sheet, problem in enumerate(problems, start=2):
        source = source_rows.get(problem.row, ())
        texts = [problem.column, problem.value, problem.reason] + [shown_value(v) for v in source]
        fit_row(sheet, number_in_sheet, ["", *texts], widths)
        if problem.row > 0:
            number = WriteOnlyCell(sheet, value=problem.row)
            number.font = fonts["normal"]
            number.border = border
        else:
            number = text_cell("Cả tệp", fonts["normal"])
        number.alignment = centre
        cells = [
            number,
            text_cell(problem.column or "(cả dòng)", fonts["normal"]),
            text_cell(problem.value, fonts["normal"]),
            text_cell(problem.reason, fonts["normal"]),
        ]
        for value in source:
            cell = WriteOnlyCell(sheet)
            set_value(cell, value)
            cell.font = fonts["normal"]
            cell.border = border
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    workbook.save(out)
