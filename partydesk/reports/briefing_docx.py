"""A briefing document's parts as an editable Word document (python-docx).

The same parts as the PDF (``briefing_pdf``), on the same HD 36 page as the chi bộ biên bản in
Word (``minutes_docx.new_document``: A4, margins 25/25/35/15 mm, Times New Roman, page numbers
from page 2). Tables are real Word tables whose heading row repeats on every page; the
sign-in sheet's rows keep their signing height. A form's writing lines are dotted tab leaders
across the text width.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import IO

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell

from partydesk.domain.documents import DocumentHeader, SignatureBlock
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
from partydesk.reports.hd36 import PARTY_TITLE, RECIPIENTS_LABEL, SEPARATOR, clean_text
from partydesk.reports.minutes_docx import (
    HEADER_SIZE,
    new_document,
    paragraph,
    right_share,
    two_columns,
)

_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_LEFT = WD_ALIGN_PARAGRAPH.LEFT
_RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
WRITING_LINE_PT = 21.3  # 7.5 mm, as on the PDF
CELL_SIZE = 12


def _header(document: DocxDocument, header: DocumentHeader) -> None:
    left, right = two_columns(document, 1 - right_share(clean_text(header.place_date_text)))
    lines = [(clean_text(header.upper_body).upper(), False)] if header.upper_body.strip() else []
    lines += [(clean_text(header.issuer).upper(), True), ("*", False)]
    if header.number_text:
        lines.append((header.number_text, False))
    for index, (text, bold) in enumerate(lines):
        paragraph(
            left, text, size=HEADER_SIZE, bold=bold, align=_CENTER, after=0, reuse_first=index == 0
        )
    paragraph(
        right, PARTY_TITLE, size=15, bold=True, underline=True, align=_CENTER, after=6,
        reuse_first=True,
    )  # fmt: skip
    paragraph(right, header.place_date_text, size=HEADER_SIZE, italic=True, align=_CENTER)


def _title(document: DocxDocument, title: Title) -> None:
    paragraph(document, title.kind_name.upper(), size=15, bold=True, align=_CENTER, before=18)
    if title.abstract:
        paragraph(document, title.abstract, size=HEADER_SIZE, bold=True, align=_CENTER, after=0)
    if title.subtitle:
        paragraph(document, title.subtitle, size=HEADER_SIZE, italic=True, align=_CENTER, after=0)
    paragraph(document, SEPARATOR, size=HEADER_SIZE, align=_CENTER, after=12)


def _line(document: DocxDocument, line: Line, keep_with_next: bool) -> None:
    kind = line.kind
    keep = keep_with_next or line.introduces or kind is LineKind.HEADING
    options = {
        LineKind.SECTION: {"bold": True, "align": _LEFT, "before": 6},
        LineKind.ITEM: {"bold": True, "indent": True},
        LineKind.LINE: {"indent": True},
        LineKind.ADDRESS: {"align": _CENTER, "before": 6, "after": 10},
        LineKind.HEADING: {"bold": True, "align": _CENTER, "after": 0},
        LineKind.NOTE: {"italic": True, "align": _CENTER, "after": 10},
        LineKind.BLOCK: {"bold": True, "align": _CENTER, "before": 14},
        LineKind.FORM_CODE: {"bold": True, "align": _RIGHT, "after": 0},
    }[kind]
    size = CELL_SIZE if kind is LineKind.FORM_CODE else HEADER_SIZE
    paragraph(document, line.text, size=size, keep_with_next=keep, **options)


def _writing_lines(document: DocxDocument, part: WritingLines) -> None:
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    for _ in range(part.count):
        added = paragraph(document, "", size=HEADER_SIZE, align=_LEFT, after=0)
        added.paragraph_format.line_spacing = Pt(WRITING_LINE_PT)
        added.paragraph_format.tab_stops.add_tab_stop(
            width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        added.runs[0].add_tab()


def _row_flag(row, tag: str) -> None:  # noqa: ANN001 - a python-docx row
    flag = OxmlElement(tag)
    row._tr.get_or_add_trPr().append(flag)


def _grid(document: DocxDocument, grid: Grid) -> None:
    table = document.add_table(rows=1 + len(grid.rows), cols=len(grid.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(column.width_mm) for column in grid.columns]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for index, row in enumerate(table.rows):
        header = index == 0
        values = [c.title for c in grid.columns] if header else grid.rows[index - 1]
        _row_flag(row, "w:tblHeader" if header else "w:cantSplit")
        if not header and grid.row_height_mm:
            row.height = Mm(grid.row_height_mm)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, width, column, value in zip(row.cells, widths, grid.columns, values, strict=True):
            cell.width = width
            cell.vertical_alignment = VALIGN.CENTER
            for number, text in enumerate(value.split("\n")):
                paragraph(
                    cell, text, size=CELL_SIZE, bold=header, after=0, reuse_first=number == 0,
                    align=_CENTER if header or column.centred else _LEFT,
                )  # fmt: skip
    paragraph(document, "", size=6, after=0)


def _signature(cell: _Cell, block: SignatureBlock | None, note: str = "") -> None:
    if block is None:
        return
    titles = [t for t in (block.authority or "", block.title) if clean_text(t).strip()]
    for index, text in enumerate(titles):
        paragraph(
            cell, clean_text(text).upper(), size=HEADER_SIZE, bold=True, align=_CENTER,
            before=12 if index == 0 else 0, after=0, reuse_first=index == 0,
        )  # fmt: skip
    if note.strip():
        paragraph(cell, note, size=HEADER_SIZE, italic=True, align=_CENTER, after=0)
    for _ in range(4):  # room for the handwritten signature and the seal, as on the PDF
        paragraph(cell, "", size=HEADER_SIZE, align=_CENTER, after=0)
    paragraph(cell, block.name, size=HEADER_SIZE, bold=True, align=_CENTER)


def _recipients(document: DocxDocument, part: Recipients) -> None:
    left, right = two_columns(document, 0.5)
    paragraph(
        left, RECIPIENTS_LABEL, size=HEADER_SIZE, underline=True, align=_LEFT, before=12,
        after=0, reuse_first=True,
    )  # fmt: skip
    for line in part.lines:
        paragraph(left, f"- {line}", size=CELL_SIZE, align=_LEFT, after=0)
    _signature(right, part.signature)


def add_parts(document: DocxDocument, printed: PrintedDocument) -> None:
    _add(document, printed.parts)
    # Word needs a paragraph after a final table; an empty one keeps the last page clean.
    document.add_paragraph()


def _add(document: DocxDocument, parts: Sequence[Part], together: bool = False) -> None:
    """The parts in order; ``together``: every line kept with what follows it."""
    for index, part in enumerate(parts):
        follows = parts[index + 1] if index + 1 < len(parts) else None
        if isinstance(part, Header):
            _header(document, part.header)
        elif isinstance(part, Title):
            _title(document, part)
        elif isinstance(part, Line):
            _line(document, part, together or isinstance(follows, Signatures | Recipients))
        elif isinstance(part, Grid):
            _grid(document, part)
        elif isinstance(part, WritingLines):
            _writing_lines(document, part)
        elif isinstance(part, NewPage):
            document.add_page_break()
        elif isinstance(part, Together):
            _add(document, part.parts, together=True)
        elif isinstance(part, Signatures):
            left, right = two_columns(document, 0.5)
            _signature(left, part.left, part.note)
            _signature(right, part.right, part.note)
        else:
            _recipients(document, part)


def write_docx(printed: PrintedDocument, out: str | PathLike[str] | IO[bytes]) -> None:
    """Write the document as a .docx to ``out`` (a path or a binary stream)."""
    document = new_document(printed.title, printed.author, printed.subject)
    add_parts(document, printed)
    document.save(out if hasattr(out, "write") else str(out))
