"""A briefing document's parts laid out as an HD 36 PDF (A4, bundled Liberation fonts).

Every part maps onto the shared machinery of ``hd36``: the header, title, signatures and
"Nơi nhận" block as every PartyDesk document prints them, tables as ``hd36.LongTable`` (the
heading row repeated on each page), body lines as the minutes' ``PlainText``, a form's blank
writing lines as dotted rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from partydesk.domain.documents import SignatureBlock
from partydesk.reports import hd36
from partydesk.reports.briefing_layout import (
    Grid,
    Header,
    Line,
    LineKind,
    NewPage,
    Part,
    PrintedDocument,
    Recipients,
    Signatures,
    Title,
    Together,
    WritingLines,
)
from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC
from partydesk.reports.minutes import PlainText

_INDENT = 10 * mm
_KEEP_BELOW = 3 * 17 + 12  # a heading and two lines of what it introduces


def _style(name: str, font: str, align: int, **extra: Any) -> ParagraphStyle:
    extra.setdefault("fontSize", 14)
    extra.setdefault("leading", 17)
    extra.setdefault("spaceAfter", 4)
    return ParagraphStyle(f"Briefing{name}", fontName=font, alignment=align, **extra)


_STYLES: dict[LineKind, ParagraphStyle] = {
    LineKind.SECTION: _style("Section", SERIF_BOLD, TA_LEFT, spaceBefore=6),
    LineKind.ITEM: _style("Item", SERIF_BOLD, TA_JUSTIFY, firstLineIndent=_INDENT),
    LineKind.LINE: _style("Line", SERIF, TA_JUSTIFY, firstLineIndent=_INDENT),
    LineKind.ADDRESS: _style("Address", SERIF, TA_CENTER, spaceBefore=6, spaceAfter=10),
    LineKind.HEADING: _style("Heading", SERIF_BOLD, TA_CENTER, spaceBefore=6, spaceAfter=0),
    LineKind.NOTE: _style("Note", SERIF_ITALIC, TA_CENTER, spaceAfter=10),
    LineKind.BLOCK: _style("Block", SERIF_BOLD, TA_CENTER, spaceBefore=14, spaceAfter=6),
    LineKind.FORM_CODE: _style("FormCode", SERIF_BOLD, TA_RIGHT, fontSize=12, leading=14),
}
_SIGNATURE_NOTE = _style("SignatureNote", SERIF_ITALIC, TA_CENTER, spaceAfter=0)
# Room for one handwritten line, and the dash pattern of its dotted rule.
WRITING_LINE_HEIGHT = 7.5 * mm
_WRITING_DASH = (0.8, 2.2)
_CELL = ParagraphStyle("BriefingCell", fontName=SERIF, fontSize=12, leading=14, alignment=TA_LEFT)
_CELL_CENTRED = ParagraphStyle("BriefingCellCentred", parent=_CELL, alignment=TA_CENTER)
_CELL_HEAD = ParagraphStyle("BriefingCellHead", parent=_CELL_CENTRED, fontName=SERIF_BOLD)
_PADDING = 3


def _line(line: Line, keep: bool = True) -> list[Flowable]:
    paragraph = PlainText(line.text, _STYLES[line.kind])
    if keep and line.introduces:
        return [CondPageBreak(_KEEP_BELOW), paragraph]
    return [paragraph]


def _grid(grid: Grid) -> Flowable:
    widths = [column.width_mm * mm for column in grid.columns]
    head = [hd36.paragraph(column.title, _CELL_HEAD) for column in grid.columns]
    rows: list[list[Any]] = []
    for values in grid.rows:
        row: list[Any] = [
            hd36.paragraph(value, _CELL_CENTRED if column.centred else _CELL)
            for column, value in zip(grid.columns, values, strict=True)
        ]
        if grid.row_height_mm:
            # The signing room: a strut in the last cell sets the row's least height (an empty
            # Paragraph has no height, so it is left out).
            strut = grid.row_height_mm * mm - 2 * _PADDING
            row[-1] = (
                [row[-1], Spacer(1, strut - _CELL.leading)] if values[-1] else Spacer(1, strut)
            )
        rows.append(row)
    return hd36.LongTable(
        [head],
        rows,
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), _PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING),
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ],
    )


class DottedLines(Flowable):
    """``count`` dotted rules across the text width, to write on; splits between pages."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * WRITING_LINE_HEIGHT
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // WRITING_LINE_HEIGHT)
        if fits < 1 or fits >= self.count:
            return []
        return [DottedLines(fits), DottedLines(self.count - fits)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.7)
        canvas.setDash(*_WRITING_DASH)
        for index in range(self.count):
            # Each rule at the foot of its line's room, where the handwriting sits.
            y = self.height - (index + 1) * WRITING_LINE_HEIGHT + 1
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def _noted_cell(block: SignatureBlock | None, note: str) -> list[Flowable]:
    if block is None:
        return []
    titles = [t for t in (block.authority or "", block.title) if hd36.clean_text(t).strip()]
    cell: list[Flowable] = [
        hd36.paragraph(hd36.clean_text(text).upper(), hd36.SIGNATURE_TITLE_STYLE) for text in titles
    ]
    cell.append(hd36.paragraph(note, _SIGNATURE_NOTE))
    cell.append(Spacer(1, hd36.SIGNATURE_SPACE - _SIGNATURE_NOTE.leading))
    cell.append(hd36.paragraph(block.name, hd36.SIGNATURE_NAME_STYLE))
    return cell


def _signatures(part: Signatures, width: float) -> Table:
    """``hd36.signature_blocks``, with the italic note under each title when there is one."""
    if not part.note.strip():
        return hd36.signature_blocks(part.left, part.right, width)
    return hd36.make_table(
        [[_noted_cell(part.left, part.note), _noted_cell(part.right, part.note)]],
        [width / 2, width / 2],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 12),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    )


def document_flowables(document: PrintedDocument) -> list[Flowable]:
    """The parts as flowables; a signature block takes the line above it to its page."""
    return _flowables(document.parts)


def _flowables(parts: Sequence[Part], keep: bool = True) -> list[Flowable]:
    """The parts as flowables; ``keep``: each heading and signature kept with its neighbour.

    Off inside a ``Together``, which keeps everything anyway: a KeepTogether nested in another
    always measures as too tall to fit, and would push the whole block to a page of its own.
    """
    width = hd36.text_width()
    flowables: list[Flowable] = []
    for part in parts:
        if isinstance(part, Header):
            flowables.append(hd36.party_header(part.header, width))
        elif isinstance(part, Title):
            flowables += hd36.title(part.kind_name, part.abstract, part.subtitle)
        elif isinstance(part, Line):
            flowables += _line(part, keep)
        elif isinstance(part, Grid):
            flowables += [_grid(part), Spacer(1, 6)]
        elif isinstance(part, WritingLines):
            flowables.append(DottedLines(part.count))
        elif isinstance(part, NewPage):
            flowables.append(PageBreak())
        elif isinstance(part, Together):
            flowables.append(KeepTogether(_flowables(part.parts, keep=False)))
        else:
            if isinstance(part, Signatures):
                block = _signatures(part, width)
            else:
                assert isinstance(part, Recipients)
                block = hd36.recipients(part.lines, part.signature, width)
            if not keep:
                flowables.append(block)
                continue
            above = [flowables.pop()] if flowables and isinstance(flowables[-1], PlainText) else []
            flowables.append(KeepTogether([*above, block]))
    return flowables


def render_pdf(document: PrintedDocument, out: BinaryIO | str | PathLike[str]) -> int:
    """Write the document as an A4 HD 36 PDF to ``out``; returns the number of pages."""
    return hd36.build_document(
        document_flowables(document),
        out,
        title=document.title,
        author=document.author,
        subject=document.subject,
    )
