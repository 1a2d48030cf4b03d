"""The page machinery every PartyDesk PDF shares: Hướng dẫn 36-HD/VPTW layout for reportlab.

A4 with the HD 36 margins, page numbers from page 2, the two-column Party header, title block,
body styles, signature and "Nơi nhận" blocks, and ``build_document``, which writes a
reproducible PDF (same input, same bytes) with only the bundled fonts embedded.

Rules enforced here so renderers cannot forget them: every string is normalised to NFC and
XML-escaped before it reaches a Paragraph (reportlab does not compose combining marks, and "&"
or "<" in a name would break the markup), and every Table starts from ``table_style`` so its
default cell font is the bundled serif, never Helvetica.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from os import PathLike
from typing import Any, BinaryIO
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.reports.fonts import (
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    register_fonts,
)

# HD 36 front-side margins (domain.md §3.2). The landscape variant keeps the binding margin on
# the left, where a stapled landscape list is bound.
MARGIN_TOP = 25 * mm
MARGIN_BOTTOM = 25 * mm
MARGIN_LEFT = 35 * mm
MARGIN_RIGHT = 15 * mm
PAGE_NUMBER_FROM_TOP = 10 * mm
PAGE_NUMBER_SIZE = 13

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
SEPARATOR = "-----"
RECIPIENTS_LABEL = "Nơi nhận:"
# Room for the handwritten signature and the seal between the title and the printed name.
SIGNATURE_SPACE = 25 * mm
HEADER_GUTTER = 4 * mm
PLACE_DATE_MIN_SIZE = 12

# C0/C1 control characters other than tab and newline: invisible in a form field, but they
# would end up as garbage glyphs or broken markup in the PDF.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# --- text ---------------------------------------------------------------------------------


def clean_text(text: str | None) -> str:
    """NFC, tabs as spaces, control characters dropped; ``None`` becomes ``""``."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    return _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def escape_text(text: str | None) -> str:
    """Plain text → Paragraph markup: cleaned, XML-escaped, newlines as ``<br/>``."""
    return _xml_escape(clean_text(text)).replace("\n", "<br/>")


def page_size(landscape: bool = False) -> tuple[float, float]:
    return _landscape(A4) if landscape else A4


def text_width(landscape: bool = False) -> float:
    """Width of the text area between the HD 36 margins, in points."""
    return page_size(landscape)[0] - MARGIN_LEFT - MARGIN_RIGHT


def text_height(landscape: bool = False) -> float:
    return page_size(landscape)[1] - MARGIN_TOP - MARGIN_BOTTOM


# --- styles -------------------------------------------------------------------------------


def _style(
    name: str, font: str, size: float, *, align: int = TA_CENTER, **extra: Any
) -> ParagraphStyle:
    extra.setdefault("leading", round(size * 1.2, 1))
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **extra)


HEADER_UPPER_STYLE = _style("HeaderUpper", SERIF, 14)
HEADER_ISSUER_STYLE = _style("HeaderIssuer", SERIF_BOLD, 14)
HEADER_TEXT_STYLE = _style("HeaderText", SERIF, 14)
PARTY_TITLE_STYLE = _style("PartyTitle", SERIF_BOLD, 15, leading=18)
PLACE_DATE_STYLE = _style("PlaceDate", SERIF_ITALIC, 14)
TITLE_STYLE = _style("Title", SERIF_BOLD, 15, leading=19, spaceBefore=20)
ABSTRACT_STYLE = _style("Abstract", SERIF_BOLD, 14, leading=17)
SUBTITLE_STYLE = _style("Subtitle", SERIF_ITALIC, 14, leading=17)
SEPARATOR_STYLE = _style("Separator", SERIF, 14, spaceAfter=12)
# HD 36: body 13–14 pt, first-line indent 1–1.27 cm, at least 6 pt between paragraphs.
BODY_STYLE = _style(
    "Body", SERIF, 14, align=TA_JUSTIFY, leading=17, firstLineIndent=10 * mm, spaceAfter=6
)
BODY_13_STYLE = _style(
    "Body13", SERIF, 13, align=TA_JUSTIFY, leading=16, firstLineIndent=10 * mm, spaceAfter=6
)
SIGNATURE_TITLE_STYLE = _style("SignatureTitle", SERIF_BOLD, 14, leading=17)
SIGNATURE_NAME_STYLE = _style("SignatureName", SERIF_BOLD, 14, leading=17)
RECIPIENTS_LABEL_STYLE = _style("RecipientsLabel", SERIF, 14, align=TA_LEFT, leading=17)
RECIPIENT_STYLE = _style("Recipient", SERIF, 12, align=TA_LEFT, leading=14)


def paragraph(text: str | None, style: ParagraphStyle = BODY_STYLE) -> Paragraph:
    """A Paragraph of plain text (escaped, NFC); the safe default for any user data."""
    return Paragraph(escape_text(text), style)


def markup_paragraph(markup: str, style: ParagraphStyle = BODY_STYLE) -> Paragraph:
    """A Paragraph of trusted reportlab markup (``<b>``, ``<i>``); only NFC is applied.

    Build user data into it with ``escape_text``.
    """
    return Paragraph(clean_text(markup), style)


def body(text: str | None) -> Paragraph:
    """A justified 14 pt body paragraph with first-line indent."""
    return paragraph(text, BODY_STYLE)


# --- tables -------------------------------------------------------------------------------


def table_style(*commands: tuple[Any, ...], font: str = SERIF, size: float = 12) -> TableStyle:
    """A TableStyle whose first command sets the bundled serif as every cell's default font.

    Without it reportlab registers Helvetica for the table even when every cell is a Paragraph,
    and the PDF carries an unembedded base-14 font.
    """
    return TableStyle([("FONT", (0, 0), (-1, -1), font, size), *commands])


def make_table(
    data: Sequence[Sequence[Any]],
    col_widths: Sequence[float | str],
    *commands: tuple[Any, ...],
    repeat_rows: int = 0,
    h_align: str = "CENTER",
) -> Table:
    """A Table styled through ``table_style``; the only way renderers should build tables."""
    table = Table(
        [list(row) for row in data],
        colWidths=list(col_widths),
        repeatRows=repeat_rows,
        hAlign=h_align,
    )
    table.setStyle(table_style(*commands))
    return table


def _resolve_rows(command: tuple[Any, ...], body_end: int) -> tuple[Any, ...]:
    """Resolve negative row indices against ``body_end`` (the last non-closing row)."""
    name, (sc, sr), (ec, er), *rest = command
    if sr < 0:
        sr = body_end + 1 + sr
    if er < 0:
        er = body_end + 1 + er
    return (name, (sc, sr), (ec, er), *rest)


class LongTable(Flowable):
    """A table of many rows that pages itself: header rows on every page, linear time.

    reportlab's own Table re-measures every remaining row at each page break (quadratic: 1,500
    members took 10 s against 5 s here); here all row heights are measured once and every page
    is cut into its own plain Table. ``closing`` (a total, a signature) becomes a last, borderless
    row spanning all columns that is kept on one page with the last ``keep_with_closing`` rows.
    Negative row indices in ``commands`` count from the last body row, never the closing row.
    """

    def __init__(
        self,
        header_rows: Sequence[Sequence[Any]],
        body_rows: Sequence[Sequence[Any]],
        col_widths: Sequence[float],
        commands: Sequence[tuple[Any, ...]] = (),
        closing: Sequence[Flowable] | None = None,
        keep_with_closing: int = 2,
        _heights: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.header_rows = [list(row) for row in header_rows]
        self.body_rows = [list(row) for row in body_rows]
        self.col_widths = [float(width) for width in col_widths]
        self.commands = list(commands)
        self.closing = list(closing) if closing else None
        self.keep_with_closing = keep_with_closing
        self.hAlign = "CENTER"
        # Heights of header rows, body rows and the closing row, in that order.
        self._heights = _heights
        self._table: Table | None = None

    def _rows(self, body: list[list[Any]], with_closing: bool) -> list[list[Any]]:
        rows = self.header_rows + body
        if with_closing and self.closing is not None:
            rows.append([list(self.closing)] + [""] * (len(self.col_widths) - 1))
        return rows

    def _table_for(self, body: list[list[Any]], with_closing: bool) -> Table:
        rows = self._rows(body, with_closing)
        body_end = len(self.header_rows) + len(body) - 1
        commands = [_resolve_rows(command, body_end) for command in self.commands]
        if with_closing and self.closing is not None:
            last = len(rows) - 1
            commands += [
                ("SPAN", (0, last), (-1, last)),
                ("LEFTPADDING", (0, last), (-1, last), 0),
                ("RIGHTPADDING", (0, last), (-1, last), 0),
                ("TOPPADDING", (0, last), (-1, last), 8),
                ("VALIGN", (0, last), (-1, last), "TOP"),
            ]
        return make_table(rows, self.col_widths, *commands, repeat_rows=len(self.header_rows))

    def _measure(self) -> list[float]:
        if self._heights is None:
            # One wrap of the whole table measures every row; a row's height depends only on
            # its own cells and the fixed column widths, so it holds in any page slice.
            table = self._table_for(self.body_rows, with_closing=True)
            table.wrap(sum(self.col_widths), 1e9)
            self._heights = list(table._rowHeights)
        return self._heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = sum(self._measure())
        if self.height <= avail_height:
            self._table = self._table_for(self.body_rows, with_closing=True)
            self._table.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heights = self._measure()
        n_header = len(self.header_rows)
        n_body = len(self.body_rows)
        budget = avail_height - sum(heights[:n_header])
        taken = 0
        for height in heights[n_header : n_header + n_body]:
            if height > budget:
                break
            budget -= height
            taken += 1
        if self.closing is not None and taken > n_body - self.keep_with_closing:
            # The closing row did not fit with them: the last rows go with it to the next page.
            taken = max(0, n_body - self.keep_with_closing)
        if taken == 0:
            return []
        page = self._table_for(self.body_rows[:taken], with_closing=False)
        rest = LongTable(
            self.header_rows,
            self.body_rows[taken:],
            self.col_widths,
            self.commands,
            self.closing,
            self.keep_with_closing,
            _heights=heights[:n_header] + heights[n_header + taken :],
        )
        return [page, rest]

    def draw(self) -> None:
        assert self._table is not None, "LongTable drawn without a successful wrap"
        self._table.drawOn(self.canv, 0, 0)


_LAYOUT_COMMANDS: tuple[tuple[Any, ...], ...] = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)


class Rule(Flowable):
    """A horizontal rule of a fixed length, centred in the space it is given."""

    def __init__(
        self, length: float, thickness: float = 0.6, gap_before: float = 1.5, gap_after: float = 3
    ) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.gap_before = gap_before
        self.gap_after = gap_after
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.length, avail_width)
        self.height = self.gap_before + self.thickness + self.gap_after
        return self.width, self.height

    def draw(self) -> None:
        y = self.gap_after + self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.setStrokeColor(colors.black)
        self.canv.line(0, y, self.width, y)


# --- document parts -----------------------------------------------------------------------


def party_header(header: DocumentHeader, width: float) -> Table:
    """The HD 36 header: issuing body on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right.

    Left: upper body (caps) / issuer (caps, bold) / "*" / number. Right: the Party title, bold,
    with a rule exactly as long as the title, then the italic place and date.
    """
    register_fonts()
    party_width = pdfmetrics.stringWidth(PARTY_TITLE, SERIF_BOLD, PARTY_TITLE_STYLE.fontSize)
    place_date = clean_text(header.place_date_text)
    # The right column fits its longest line, but takes at least 45 % (so on a wide landscape
    # page the two blocks sit over the two halves) and at most 58 %, so the issuer keeps room.
    # A place-and-date line too long even then ("Thành phố Hồ Chí Minh, ngày …") is set down
    # to 12 pt before it is allowed to wrap.
    max_right = width * 0.58
    date_style = PLACE_DATE_STYLE
    date_width = pdfmetrics.stringWidth(place_date, SERIF_ITALIC, date_style.fontSize)
    while date_width + 6 > max_right and date_style.fontSize > PLACE_DATE_MIN_SIZE:
        size = date_style.fontSize - 0.5
        date_style = ParagraphStyle(
            f"PlaceDate{size}", parent=PLACE_DATE_STYLE, fontSize=size, leading=size * 1.2
        )
        date_width = pdfmetrics.stringWidth(place_date, SERIF_ITALIC, size)
    right_width = min(max(party_width + 6, date_width + 6, width * 0.45), max_right)
    left_width = width - right_width

    left: list[Flowable] = []
    if clean_text(header.upper_body).strip():
        left.append(paragraph(clean_text(header.upper_body).upper(), HEADER_UPPER_STYLE))
    left.append(paragraph(clean_text(header.issuer).upper(), HEADER_ISSUER_STYLE))
    left.append(paragraph("*", HEADER_TEXT_STYLE))
    if header.number_text:
        left.append(paragraph(header.number_text, HEADER_TEXT_STYLE))

    right: list[Flowable] = [
        paragraph(PARTY_TITLE, PARTY_TITLE_STYLE),
        # Clear of the dots below Ộ and Ệ, as the rule sits close under the title.
        Rule(party_width, gap_before=3.5, gap_after=5),
        paragraph(place_date, date_style),
    ]
    return make_table(
        [[left, right]],
        [left_width, right_width],
        *_LAYOUT_COMMANDS,
        # A gutter so a long issuer name wraps instead of running into the place-and-date line.
        ("RIGHTPADDING", (0, 0), (0, 0), HEADER_GUTTER),
    )


def title(
    kind_name: str, abstract: str | None = None, subtitle: str | None = None
) -> list[Flowable]:
    """Kind name (caps, bold, centred), the trích yếu below it, then the "-----" separator.

    ``subtitle`` is an optional italic line under the trích yếu ("tính đến ngày …").
    """
    parts: list[Flowable] = [paragraph(clean_text(kind_name).upper(), TITLE_STYLE)]
    if abstract and clean_text(abstract).strip():
        parts.append(paragraph(abstract, ABSTRACT_STYLE))
    if subtitle and clean_text(subtitle).strip():
        parts.append(paragraph(subtitle, SUBTITLE_STYLE))
    parts.append(paragraph(SEPARATOR, SEPARATOR_STYLE))
    return [KeepTogether(parts)]


def _signature_cell(block: SignatureBlock | None) -> list[Flowable]:
    if block is None:
        return []
    cell: list[Flowable] = []
    if block.authority and clean_text(block.authority).strip():
        cell.append(paragraph(clean_text(block.authority).upper(), SIGNATURE_TITLE_STYLE))
    cell.append(paragraph(clean_text(block.title).upper(), SIGNATURE_TITLE_STYLE))
    cell.append(Spacer(1, SIGNATURE_SPACE))
    cell.append(paragraph(block.name, SIGNATURE_NAME_STYLE))
    return cell


def signature_blocks(
    left: SignatureBlock | None, right: SignatureBlock | None, width: float | None = None
) -> Table:
    """Two signatures side by side (e.g. THƯ KÝ / CHỦ TRÌ); either side may be empty.

    ``width`` defaults to the full width of the frame the table lands in.
    """
    cols: list[float | str] = [width / 2, width / 2] if width else ["50%", "50%"]
    table = make_table(
        [[_signature_cell(left), _signature_cell(right)]],
        cols,
        *_LAYOUT_COMMANDS,
        ("TOPPADDING", (0, 0), (-1, -1), 12),
    )
    return table


def recipients(
    lines: Iterable[str], signature: SignatureBlock | None = None, width: float | None = None
) -> Table:
    """The "Nơi nhận:" block (label underlined, list at bottom left), a signature on the right.

    Each line gets the customary leading "- " unless it already starts with a dash.
    """
    cell: list[Flowable] = [
        markup_paragraph(f"<u>{escape_text(RECIPIENTS_LABEL)}</u>", RECIPIENTS_LABEL_STYLE)
    ]
    for line in lines:
        text = clean_text(line).strip()
        if not text:
            continue
        if not text.startswith(("-", "–")):
            text = f"- {text}"
        cell.append(paragraph(text, RECIPIENT_STYLE))
    cols: list[float | str] = [width / 2, width / 2] if width else ["50%", "50%"]
    return make_table(
        [[cell, _signature_cell(signature)]],
        cols,
        *_LAYOUT_COMMANDS,
        ("ALIGN", (0, 0), (0, 0), "LEFT"),
        ("TOPPADDING", (0, 0), (-1, -1), 12),
    )


# --- the document -------------------------------------------------------------------------


def draw_page_number(canvas: Any, doc: BaseDocTemplate) -> None:
    """HD 36: Arabic page numbers from page 2, centred over the text area, 10 mm from the top."""
    number = canvas.getPageNumber()
    if number < 2:
        return
    page_height = doc.pagesize[1]
    baseline = page_height - PAGE_NUMBER_FROM_TOP - pdfmetrics.getAscent(SERIF, PAGE_NUMBER_SIZE)
    canvas.saveState()
    canvas.setFont(SERIF, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(doc.leftMargin + doc.width / 2, baseline, str(number))
    canvas.restoreState()


PageHook = Callable[[Any, BaseDocTemplate], None]


def document_template(
    out: BinaryIO | str | PathLike[str],
    *,
    title: str,
    author: str,
    subject: str | None = None,
    landscape: bool = False,
    first_templates: Sequence[tuple[str, PageHook]] = (),
) -> BaseDocTemplate:
    """An HD 36 document on A4 with the text area exactly inside the margins.

    Its page template "hd36" numbers pages from page 2; ``first_templates`` are (id, onPage)
    templates placed before it (a book's cover page), which flowables select with
    ``NextPageTemplate``. The output is reproducible (``invariant``: fixed dates and IDs), so
    the same data always gives the same bytes, which tests and "has this changed?" checks use.
    """
    register_fonts()
    target: Any = out if hasattr(out, "write") else str(out)
    doc = BaseDocTemplate(
        target,
        pagesize=page_size(landscape),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean_text(title),
        author=clean_text(author),
        subject=clean_text(subject if subject is not None else title),
        creator="PartyDesk",
        invariant=True,
        lang="vi-VN",
        initialFontName=SERIF,
        initialFontSize=14,
        initialLeading=17,
    )

    def frame() -> Frame:
        # No frame padding: the text area is exactly the HD 36 margins.
        return Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="text",
        )

    templates = [
        PageTemplate(id=name, frames=[frame()], onPage=hook) for name, hook in first_templates
    ]
    templates.append(PageTemplate(id="hd36", frames=[frame()], onPage=draw_page_number))
    doc.addPageTemplates(templates)
    return doc


def build_document(
    flowables: Iterable[Flowable],
    out: BinaryIO | str | PathLike[str],
    *,
    title: str,
    author: str,
    subject: str | None = None,
    landscape: bool = False,
) -> int:
    """Lay out ``flowables`` on HD 36 pages and write the PDF to ``out``; returns the page count."""
    doc = document_template(out, title=title, author=author, subject=subject, landscape=landscape)
    doc.build(list(flowables))
    return doc.page
