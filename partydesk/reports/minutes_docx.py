"""One biên bản as an editable Word document (python-docx), for offices that finish in Word.

Same words in the same order as the PDF (both lay out ``minutes.minutes_blocks``), on the same
HD 36 page: A4, margins 25/25/35/15 mm, the two-column header as a borderless table with
"ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the place and date in italics, Times New Roman (14 pt
for the header and title, 13 pt for the body), page numbers from page 2. Everything is real
paragraphs and tables, so the clerk can edit any line.
"""

from __future__ import annotations

from os import PathLike
from typing import IO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import CharacterStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from reportlab.pdfbase import pdfmetrics

from partydesk.domain.documents import SignatureBlock
from partydesk.reports.fonts import SERIF_BOLD, SERIF_ITALIC, register_fonts
from partydesk.reports.hd36 import PARTY_TITLE, SEPARATOR, clean_text, text_width
from partydesk.reports.minutes import KIND_NAME, Block, BlockKind, minutes_blocks
from partydesk.reports.minutes_data import MinutesDocument

FONT = "Times New Roman"
BODY_SIZE = 13
HEADER_SIZE = 14
INDENT = Mm(10)
TEXT_WIDTH = Mm(210 - 35 - 15)

_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _set_font(target: Run | CharacterStyle, size: float) -> None:
    """Times New Roman for every script slot, so Word never substitutes another font for the
    Vietnamese letters it classes as complex or East Asian."""
    target.font.name = FONT
    target.font.size = Pt(size)
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def paragraph(
    owner: DocxDocument | _Cell,
    text: str,
    *,
    size: float = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = _JUSTIFY,
    indent: bool = False,
    before: float = 0,
    after: float = 4,
    keep_with_next: bool = False,
    reuse_first: bool = False,
) -> Paragraph:
    """Add one paragraph of plain text; ``reuse_first`` fills a new table cell's empty one."""
    if reuse_first and owner.paragraphs and not owner.paragraphs[0].text:
        added = owner.paragraphs[0]
    else:
        added = owner.add_paragraph()
    run = added.add_run(clean_text(text))
    _set_font(run, size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    fmt = added.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_with_next
    if indent:
        fmt.first_line_indent = INDENT
    return added


def _layout_table(table: Table) -> None:
    """No borders and no cell margins: a table used only to place two blocks side by side."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    # The row is never split over two pages (a signature and its name stay together).
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    row_pr.append(cant_split)


def two_columns(document: DocxDocument, left_share: float) -> tuple[_Cell, _Cell]:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _layout_table(table)
    left_width = int(TEXT_WIDTH * left_share)
    widths = (left_width, TEXT_WIDTH - left_width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    left, right = table.rows[0].cells
    left.width, right.width = widths
    return left, right


def right_share(place_date: str) -> float:
    """The right column's share of the width, measured as the PDF header measures it (the
    same Times metrics), so both copies break the header lines in the same places."""
    register_fonts()
    width = text_width()
    party = pdfmetrics.stringWidth(PARTY_TITLE, SERIF_BOLD, 15)
    date_line = pdfmetrics.stringWidth(place_date, SERIF_ITALIC, HEADER_SIZE)
    right = min(max(party + 6, date_line + 6, width * 0.45), width * 0.58)
    return right / width


def _header(document: DocxDocument, doc: MinutesDocument) -> None:
    header = doc.header
    left, right = two_columns(document, 1 - right_share(clean_text(header.place_date_text)))
    cell_lines: list[tuple[str, bool]] = []
    if clean_text(header.upper_body).strip():
        cell_lines.append((clean_text(header.upper_body).upper(), False))
    cell_lines.append((clean_text(header.issuer).upper(), True))
    cell_lines.append(("*", False))
    if header.number_text:
        cell_lines.append((header.number_text, False))
    for index, (text, bold) in enumerate(cell_lines):
        paragraph(
            left,
            text,
            size=HEADER_SIZE,
            bold=bold,
            align=_CENTER,
            after=0,
            reuse_first=index == 0,
        )
    paragraph(
        right,
        PARTY_TITLE,
        size=15,
        bold=True,
        underline=True,
        align=_CENTER,
        after=6,
        reuse_first=True,
    )
    paragraph(right, header.place_date_text, size=HEADER_SIZE, italic=True, align=_CENTER)


def _title(document: DocxDocument, doc: MinutesDocument) -> None:
    paragraph(document, KIND_NAME.upper(), size=15, bold=True, align=_CENTER, before=18, after=0)
    paragraph(document, doc.meeting.title_line, size=HEADER_SIZE, bold=True, align=_CENTER, after=0)
    paragraph(document, SEPARATOR, size=HEADER_SIZE, align=_CENTER, after=12)


def _signature_cell(cell: _Cell, block: SignatureBlock | None) -> None:
    if block is None:
        return
    paragraph(
        cell,
        block.title.upper(),
        size=HEADER_SIZE,
        bold=True,
        align=_CENTER,
        before=12,
        reuse_first=True,
    )
    # Room for the handwritten signature, as on the PDF.
    for _ in range(4):
        paragraph(cell, "", size=HEADER_SIZE, align=_CENTER, after=0)
    paragraph(cell, block.name, size=HEADER_SIZE, bold=True, align=_CENTER)


def _signatures(document: DocxDocument, block: Block) -> None:
    left, right = two_columns(document, 0.5)
    _signature_cell(left, block.left)
    _signature_cell(right, block.right)


def _block(document: DocxDocument, block: Block, *, keep_with_next: bool = False) -> None:
    """One block; ``keep_with_next`` ties the line above a signature table to it."""
    kind = block.kind
    if kind is BlockKind.SIGNATURES:
        _signatures(document, block)
    elif kind is BlockKind.SECTION:
        paragraph(
            document,
            block.text,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=6,
            keep_with_next=True,
        )
    elif kind is BlockKind.ITEM_TITLE:
        paragraph(document, block.text, bold=True, indent=True, keep_with_next=True)
    elif kind is BlockKind.ADDENDUM:
        paragraph(
            document, block.text, bold=True, align=_CENTER, before=18, after=6, keep_with_next=True
        )
    elif kind is BlockKind.NOTE:
        paragraph(document, block.text, size=11, italic=True, before=8)
    else:
        paragraph(
            document,
            block.text,
            indent=True,
            keep_with_next=keep_with_next or block.text.endswith(":"),
        )


def _page_numbers(section: Section) -> None:
    """HD 36: Arabic page number centred at the top from page 2; none on page 1."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _CENTER
    run = paragraph.add_run()
    _set_font(run, BODY_SIZE)
    for tag, attribute, value in (
        ("w:fldChar", "w:fldCharType", "begin"),
        ("w:instrText", None, "PAGE"),
        ("w:fldChar", "w:fldCharType", "end"),
    ):
        element = OxmlElement(tag)
        if attribute is None:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        else:
            element.set(qn(attribute), value)
        run._r.append(element)


def new_document(title: str, author: str, subject: str = "") -> DocxDocument:
    """An empty Word document on the HD 36 page, Times New Roman 13 pt, numbered from page 2."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.left_margin, section.right_margin = Mm(35), Mm(15)
    _set_font(document.styles["Normal"], BODY_SIZE)
    _page_numbers(section)
    properties = document.core_properties
    properties.title = clean_text(title)
    properties.author = clean_text(author)
    properties.subject = clean_text(subject)
    properties.language = "vi-VN"
    return document


def add_minutes(document: DocxDocument, doc: MinutesDocument) -> None:
    """Append one biên bản, from a new page unless the document is still empty.

    Several biên bản in one document make the minute book for offices that print from Word.
    """
    if any(p.text for p in document.paragraphs) or document.tables:
        document.add_page_break()
    _header(document, doc)
    _title(document, doc)
    blocks = minutes_blocks(doc)
    for index, block in enumerate(blocks):
        follows = blocks[index + 1].kind if index + 1 < len(blocks) else None
        _block(document, block, keep_with_next=follows is BlockKind.SIGNATURES)
    # Word needs a paragraph after a final table; an empty one keeps the last page clean.
    document.add_paragraph()


def write_minutes_docx(doc: MinutesDocument, out: str | PathLike[str] | IO[bytes]) -> None:
    """Write the biên bản as a .docx to ``out`` (a path or a binary stream)."""
    document = new_document(
        f"Biên bản – {doc.meeting.title_line}", doc.header.issuer, doc.organisation_name
    )
    add_minutes(document, doc)
    document.save(out if hasattr(out, "write") else str(out))
