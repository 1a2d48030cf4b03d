"""The yearly classification sheets as an HD 36 landscape PDF (A4, bundled Liberation fonts).

Title block of the supervising committee, then the members table (sections by enterprise type,
subtotals, totals by organisation kind, grand total) with its two heading rows repeated on every
page, the organisations by level, the comparison with the previous year, and the signatures.
What each column holds comes from ``classification_columns``; here values only get their
Vietnamese look: "1.234" and "12,5".

Ordinary rows are plain strings, wrapped here with the font metrics, rather than Paragraphs:
a province sheet has thousands of rows and a Paragraph per cell would cost most of the time.
Bold lines (headings, subtotals, totals) are Paragraphs, because ``hd36.LongTable`` cuts pages
into tables of their own, where a row-indexed FONT command would land on the wrong row.
"""

from __future__ import annotations

from functools import lru_cache
from os import PathLike
from typing import Any, BinaryIO

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from partydesk.domain.classification import ClassificationSheet
from partydesk.domain.documents import DocumentHeader
from partydesk.domain.numbers import decimal_text, grouped
from partydesk.reports import hd36
from partydesk.reports.classification_columns import (
    COMPARISON_PART_TITLE,
    ORG_PART_TITLE,
    SHARE_NOTE,
    Format,
    Line,
    SheetHeader,
    SheetTable,
    Value,
    comparison_table,
    group_spans,
    member_table,
    no_previous_text,
    org_table,
    rule_set_line,
    sheet_title,
)
from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC

BODY_SIZE = 9
MIN_NUMBER_SIZE = 6
BODY_LEADING = 10.5
PADDING = 2
HEADER_ROWS = 2

_HEAD_STYLE = ParagraphStyle(
    "SheetHead", fontName=SERIF_BOLD, fontSize=8, leading=9.5, alignment=TA_CENTER
)
_BOLD_STYLES = {
    align: ParagraphStyle(
        f"SheetBold{align}",
        fontName=SERIF_BOLD,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        alignment=align,
    )
    for align in (TA_LEFT, TA_CENTER, TA_RIGHT)
}
_PART_STYLE = ParagraphStyle(
    "SheetPart", fontName=SERIF_BOLD, fontSize=13, leading=16, spaceBefore=14, spaceAfter=6
)
_NOTE_STYLE = ParagraphStyle(
    "SheetNote", fontName=SERIF_ITALIC, fontSize=11, leading=13, alignment=TA_RIGHT, spaceAfter=3
)
_MESSAGE_STYLE = ParagraphStyle("SheetMessage", fontName=SERIF_ITALIC, fontSize=13, leading=16)

_ALIGN = {
    Format.TEXT: "LEFT",
    Format.CENTRED: "CENTER",
    Format.COUNT: "RIGHT",
    Format.SHARE: "RIGHT",
    Format.POINTS: "RIGHT",
}
COMPILER_TITLE = "NGƯỜI LẬP BIỂU"
_PARAGRAPH_ALIGN = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT}


def format_value(value: Value, fmt: Format) -> str:
    """Vietnamese number style: "1.234" for counts, "12,5" for shares, "+2,3" for points."""
    if value is None:
        return ""
    if fmt is Format.COUNT and isinstance(value, int):
        return grouped(value)
    if fmt is Format.SHARE and isinstance(value, float):
        return decimal_text(value * 100, 1)
    if fmt is Format.POINTS and isinstance(value, float):
        text = decimal_text(value, 1, signed=True)
        return text[1:] if text in ("+0,0", "-0,0") else text
    return hd36.clean_text(str(value))


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: float) -> str:
    return "\n".join(simpleSplit(text, SERIF, BODY_SIZE, width))


def _column_widths(table: SheetTable, width: float) -> list[float]:
    total = sum(column.width for column in table.columns)
    return [width * column.width / total for column in table.columns]


def _header_rows(table: SheetTable) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    top: list[Any] = [""] * len(table.columns)
    bottom: list[Any] = [""] * len(table.columns)
    spans: list[tuple[Any, ...]] = []
    for index, column in enumerate(table.columns):
        if column.group:
            bottom[index] = hd36.paragraph(column.heading, _HEAD_STYLE)
        else:
            top[index] = hd36.paragraph(column.heading, _HEAD_STYLE)
            spans.append(("SPAN", (index, 0), (index, 1)))
    for first, last, text in group_spans(table.columns):
        top[first] = hd36.paragraph(text, _HEAD_STYLE)
        spans.append(("SPAN", (first, 0), (last, 0)))
    return [top, bottom], spans


@lru_cache(maxsize=64)
def _number_style(bold: bool, size: float, align: int) -> ParagraphStyle:
    return ParagraphStyle(
        f"SheetNumber{bold}{size}{align}",
        fontName=SERIF_BOLD if bold else SERIF,
        fontSize=size,
        leading=BODY_LEADING,
        alignment=align,
    )


def _fitted(text: str, width: float, bold: bool, align: int) -> Paragraph:
    """A number set smaller until it fits its column: a grand total must never wrap."""
    font = SERIF_BOLD if bold else SERIF
    size = BODY_SIZE
    while size > MIN_NUMBER_SIZE and stringWidth(text, font, size) > width:
        size -= 0.5
    return hd36.paragraph(text, _number_style(bold, size, align))


def _cells(line: Line, table: SheetTable, widths: list[float]) -> list[Any]:
    cells: list[Any] = []
    for value, column, width in zip(line.values, table.columns, widths, strict=True):
        text = format_value(value, column.format)
        align = _PARAGRAPH_ALIGN[_ALIGN[column.format]]
        room = width - 2 * PADDING
        is_text = column.format in (Format.TEXT, Format.CENTRED)
        if not text:
            cells.append("")
        elif not is_text and stringWidth(text, SERIF_BOLD, BODY_SIZE) > room:
            cells.append(_fitted(text, room, line.style.bold, align))
        elif line.style.bold:
            cells.append(hd36.paragraph(text, _BOLD_STYLES[align]))
        elif is_text:
            cells.append(_wrapped(text, room))
        else:
            cells.append(text)
    return cells


def sheet_table(
    table: SheetTable, width: float, closing: list[Flowable] | None = None
) -> hd36.LongTable:
    """The bordered table with its two heading rows, which repeat on every page."""
    widths = _column_widths(table, width)
    header, spans = _header_rows(table)
    body = [_cells(line, table, widths) for line in table.lines]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("FONT", (0, HEADER_ROWS), (-1, -1), SERIF, BODY_SIZE, BODY_LEADING),
        *spans,
    ]
    commands += [
        ("ALIGN", (index, HEADER_ROWS), (index, -1), _ALIGN[column.format])
        for index, column in enumerate(table.columns)
    ]
    return hd36.LongTable(header, body, widths, commands, closing=closing)


def _signature_cell(lines: list[str], name: str, lines_to_match: int) -> list[Flowable]:
    cell: list[Flowable] = [
        hd36.paragraph(line.upper(), hd36.SIGNATURE_TITLE_STYLE) for line in lines if line
    ]
    # The shorter title block is padded so both names print on the same line.
    missing = lines_to_match - len(cell)
    if missing > 0:
        cell.insert(0, Spacer(1, missing * hd36.SIGNATURE_TITLE_STYLE.leading))
    cell.append(Spacer(1, hd36.SIGNATURE_SPACE))
    cell.append(hd36.paragraph(name, hd36.SIGNATURE_NAME_STYLE))
    return cell


def _signatures(header: SheetHeader, width: float) -> Flowable:
    """NGƯỜI LẬP BIỂU on the left, the committee's signer ("T/M …", title) on the right."""
    left = [COMPILER_TITLE]
    right = [hd36.clean_text(header.signer_authority).strip(), header.signer_title]
    lines = max(len(left), len([line for line in right if line]))
    return hd36.make_table(
        [
            [
                _signature_cell(left, header.compiler_name, lines),
                _signature_cell(right, header.signer_name, lines),
            ]
        ],
        [width / 2, width / 2],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 12),
    )


def sheet_flowables(sheet: ClassificationSheet, header: SheetHeader) -> list[Flowable]:
    width = hd36.text_width(landscape=True)
    document_header = DocumentHeader(
        upper_body=header.party_body,
        issuer=header.committee,
        number_text=None,
        place=header.place,
        date=header.made_on,
    )
    flowables: list[Flowable] = [hd36.party_header(document_header, width)]
    flowables += hd36.title(sheet_title(sheet.year), None, rule_set_line(sheet))
    flowables.append(hd36.paragraph(SHARE_NOTE, _NOTE_STYLE))
    flowables.append(sheet_table(member_table(sheet), width))

    # Each short part stays on one page with its heading; the signatures close the last one.
    org_part = [hd36.paragraph(ORG_PART_TITLE, _PART_STYLE), sheet_table(org_table(sheet), width)]
    signatures = _signatures(header, width)
    comparison = comparison_table(sheet)
    comparison_part: list[Flowable] = [hd36.paragraph(COMPARISON_PART_TITLE, _PART_STYLE)]
    if comparison is None:
        message = hd36.paragraph(no_previous_text(sheet.year), _MESSAGE_STYLE)
        comparison_part += [message, signatures]
    else:
        comparison_part.append(sheet_table(comparison, width, closing=[signatures]))
    flowables += [KeepTogether(org_part), KeepTogether(comparison_part)]
    return flowables


def write_sheet_pdf(
    sheet: ClassificationSheet, header: SheetHeader, out: BinaryIO | str | PathLike[str]
) -> int:
    """Write the classification sheets as a landscape A4 PDF to ``out``; returns the page count."""
    return hd36.build_document(
        sheet_flowables(sheet, header),
        out,
        title=sheet_title(sheet.year),
        author=header.committee,
        subject=f"Biểu tổng hợp kết quả xếp loại năm {sheet.year}",
        landscape=True,
    )
