"""The minute book of one chi bộ (sổ ghi biên bản sinh hoạt chi bộ, domain §1.6) as one PDF.

A cover, a page that records how many pages the book has, every biên bản in date order each
from a new page, and an index of meetings with the page each starts on. The book is laid out
in a single pass: the page count, known only at the end, is drawn into a PDF form XObject that
page 2 references before it is defined, and the index is built from the pages recorded while
the minutes were laid out, which it follows. A second build to learn the page numbers would
double the time of the longest document PartyDesk prints.
"""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from typing import Any, BinaryIO

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import BLANK_DATE_TEXT
from partydesk.reports import hd36
from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from partydesk.reports.minutes import minutes_flowables
from partydesk.reports.minutes_data import MinuteBook, MinutesDocument

BOOK_TITLE = "SỔ GHI BIÊN BẢN SINH HOẠT CHI BỘ"
INDEX_TITLE = "MỤC LỤC"
_PAGE_COUNT_FORM = "PartyDeskPageCount"

BookProgress = Callable[[int, int, str], None]


class BookCancelled(Exception):
    """``should_stop`` answered yes: the book was abandoned part-way, its output is garbage."""


def page_count_text(pages: int) -> str:
    return f"Sổ này có {pages} trang, đánh số từ trang 1 đến trang {pages}."


def _style(name: str, font: str, size: float, **extra: Any) -> ParagraphStyle:
    extra.setdefault("leading", round(size * 1.25, 1))
    extra.setdefault("alignment", TA_CENTER)
    return ParagraphStyle(name, fontName=font, fontSize=size, **extra)


_COVER_UPPER = _style("BookCoverUpper", SERIF, 15)
_COVER_ISSUER = _style("BookCoverIssuer", SERIF_BOLD, 15)
_COVER_TITLE = _style("BookCoverTitle", SERIF_BOLD, 28, leading=40)
_COVER_VOLUME = _style("BookCoverVolume", SERIF_BOLD, 18, spaceBefore=24)
_COVER_RANGE = _style("BookCoverRange", SERIF_ITALIC, 15, spaceBefore=8)
_COVER_PLACE = _style("BookCoverPlace", SERIF, 14)
_COUNT_TITLE = _style("BookCountTitle", SERIF_BOLD, 16, spaceAfter=6)
_COUNT_TEXT = _style("BookCountText", SERIF, 14, leading=20, spaceAfter=4)
_COUNT_LINE = _style("BookCountLine", SERIF, 14, leading=20)
_SIGNER_DATE = _style("BookSignerDate", SERIF_ITALIC, 14, spaceAfter=4)
_PAGE_COUNT_SIZE = 14
_INDEX_TITLE = _style("BookIndexTitle", SERIF_BOLD, 15, spaceAfter=12)
_INDEX_HEAD = _style("BookIndexHead", SERIF_BOLD, 12, leading=14)
_INDEX_CELL = _style("BookIndexCell", SERIF, 12, leading=14, alignment=TA_LEFT)
_INDEX_CENTRED = _style("BookIndexCentred", SERIF, 12, leading=14)


# --- flowables that work with page numbers -------------------------------------------------


class _EntryStart(Flowable):
    """Zero-size mark at the top of each biên bản: records its page, adds a PDF bookmark,
    reports progress and gives the caller a chance to stop."""

    def __init__(self, index: int, title: str, on_start: Callable[[int, int], None]) -> None:
        super().__init__()
        self.index = index
        self.title = title
        self.on_start = on_start
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        key = f"bien-ban-{self.index}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.title, key, level=0)
        self.on_start(self.index, self.canv.getPageNumber())


class _PageCountLine(Flowable):
    """Page 2's sentence on the number of pages, drawn from a form defined at the very end."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = _PAGE_COUNT_SIZE * 1.6
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(_PAGE_COUNT_FORM)


class _DefinePageCount(Flowable):
    """The last flowable of the book: on the last page, the total is the current page."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.text_width = width
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        pages = canvas.getPageNumber()
        canvas.beginForm(_PAGE_COUNT_FORM)
        canvas.setFont(SERIF_BOLD, _PAGE_COUNT_SIZE)
        descent = -pdfmetrics.getDescent(SERIF_BOLD, _PAGE_COUNT_SIZE)
        canvas.drawCentredString(self.text_width / 2, descent + 2, page_count_text(pages))
        canvas.endForm()


class _Deferred(Flowable):
    """A flowable made only when it is first laid out, from facts gathered by then."""

    def __init__(self, make: Callable[[], Flowable]) -> None:
        super().__init__()
        self._make = make
        self._made: Flowable | None = None

    def _content(self) -> Flowable:
        if self._made is None:
            self._made = self._make()
        return self._made

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self._content().wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return self._content().split(avail_width, avail_height)

    def draw(self) -> None:
        self._content().drawOn(self.canv, 0, 0)


# --- the parts of the book -----------------------------------------------------------------


def _cover(book: MinuteBook) -> list[Flowable]:
    parts: list[Flowable] = [Spacer(1, 30 * mm)]
    if book.upper_body.strip():
        parts.append(hd36.paragraph(hd36.clean_text(book.upper_body).upper(), _COVER_UPPER))
    parts.append(hd36.paragraph(hd36.clean_text(book.issuer).upper(), _COVER_ISSUER))
    parts.append(hd36.paragraph("*", _COVER_UPPER))
    parts.append(Spacer(1, 50 * mm))
    # Broken where a reader pauses, not where the width runs out.
    parts.append(hd36.paragraph("SỔ GHI BIÊN BẢN", _COVER_TITLE))
    parts.append(hd36.paragraph("SINH HOẠT CHI BỘ", _COVER_TITLE))
    parts.append(hd36.paragraph(f"Quyển số {book.volume}", _COVER_VOLUME))
    parts.append(
        hd36.paragraph(
            f"Từ ngày {format_vn_date(book.first)} đến ngày {format_vn_date(book.last)}",
            _COVER_RANGE,
        )
    )
    parts.append(Spacer(1, 60 * mm))
    if book.place.strip():
        parts.append(hd36.paragraph(book.place, _COVER_PLACE))
    return parts


def _page_count_page(book: MinuteBook, width: float) -> list[Flowable]:
    entries = book.entries
    if entries:
        first, last = entries[0].meeting.on, entries[-1].meeting.on
        held = [
            f"Gồm biên bản của {len(entries)} buổi sinh hoạt,",
            f"họp từ ngày {format_vn_date(first)} đến ngày {format_vn_date(last)}.",
        ]
    else:
        held = ["Chưa có biên bản nào."]
    parts: list[Flowable] = [
        Spacer(1, 40 * mm),
        hd36.paragraph(BOOK_TITLE, _COUNT_TITLE),
        hd36.paragraph(f"Quyển số {book.volume}", _COUNT_TEXT),
        Spacer(1, 12 * mm),
        _PageCountLine(),
        *(hd36.paragraph(line, _COUNT_LINE) for line in held),
        Spacer(1, 16 * mm),
    ]
    place = book.place.strip()
    date_line = f"{place}, {BLANK_DATE_TEXT}" if place else BLANK_DATE_TEXT.capitalize()
    signer: list[Flowable] = [
        hd36.paragraph(date_line, _SIGNER_DATE),
        hd36.paragraph("T/M CHI BỘ", hd36.SIGNATURE_TITLE_STYLE),
        hd36.paragraph("BÍ THƯ", hd36.SIGNATURE_TITLE_STYLE),
        Spacer(1, hd36.SIGNATURE_SPACE),
    ]
    parts.append(
        hd36.make_table(
            [["", signer]],
            [width * 0.4, width * 0.6],
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return parts


def _index_table(entries: tuple[MinutesDocument, ...], pages: dict[int, int], width: float) -> Any:
    widths = [14 * mm, 28 * mm, width - 60 * mm, 18 * mm]
    header = [
        [
            hd36.paragraph(text, _INDEX_HEAD)
            for text in ("Số TT", "Ngày họp", "Buổi sinh hoạt", "Trang")
        ]
    ]
    body = []
    for index, entry in enumerate(entries):
        meeting = entry.meeting
        what = meeting.title_line
        if meeting.addenda:
            what += f" (kèm {len(meeting.addenda)} đính chính)"
        body.append(
            [
                hd36.paragraph(str(index + 1), _INDEX_CENTRED),
                hd36.paragraph(format_vn_date(meeting.on), _INDEX_CENTRED),
                hd36.paragraph(what, _INDEX_CELL),
                hd36.paragraph(str(pages[index]), _INDEX_CENTRED),
            ]
        )
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    return hd36.LongTable(header, body, widths, commands)


# --- the document --------------------------------------------------------------------------


def _draw_cover_frame(canvas: Any, doc: BaseDocTemplate) -> None:
    """A double border around the cover, inside the HD 36 margins."""
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    x, y = doc.leftMargin - 6 * mm, doc.bottomMargin - 6 * mm
    w, h = doc.width + 12 * mm, doc.height + 12 * mm
    canvas.setLineWidth(2)
    canvas.rect(x, y, w, h)
    canvas.setLineWidth(0.6)
    canvas.rect(x + 2 * mm, y + 2 * mm, w - 4 * mm, h - 4 * mm)
    canvas.restoreState()


def _document(out: BinaryIO | str | PathLike[str], book: MinuteBook) -> BaseDocTemplate:
    return hd36.document_template(
        out,
        title=f"Sổ ghi biên bản sinh hoạt chi bộ – {hd36.clean_text(book.organisation_name)}",
        author=hd36.clean_text(book.issuer),
        subject=(
            f"Quyển số {book.volume}, từ ngày {format_vn_date(book.first)} "
            f"đến ngày {format_vn_date(book.last)}"
        ),
        first_templates=[("cover", _draw_cover_frame)],
    )


def render_minute_book(
    book: MinuteBook,
    out: BinaryIO | str | PathLike[str],
    *,
    progress: BookProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Write the minute book PDF to ``out``; returns the number of pages.

    ``progress(done, total, message)`` is called as each biên bản is laid out; when
    ``should_stop()`` says yes the build stops with ``BookCancelled``.
    """
    register_fonts()
    width = hd36.text_width()
    entries = book.entries
    total = len(entries)
    pages: dict[int, int] = {}

    def check() -> None:
        if should_stop is not None and should_stop():
            raise BookCancelled

    def on_start(index: int, page: int) -> None:
        pages[index] = page
        check()
        if progress is not None:
            progress(index, total, f"Đang dàn trang biên bản {index + 1}/{total}…")

    flowables: list[Flowable] = [NextPageTemplate("hd36"), *_cover(book), PageBreak()]
    flowables += _page_count_page(book, width)
    for index, entry in enumerate(entries):
        check()
        flowables += [PageBreak(), _EntryStart(index, entry.meeting.title_line, on_start)]
        flowables += minutes_flowables(entry)
    flowables += [PageBreak(), hd36.paragraph(INDEX_TITLE, _INDEX_TITLE)]
    if entries:
        flowables.append(_Deferred(lambda: _index_table(entries, pages, width)))
    else:
        flowables.append(hd36.paragraph("Chưa có biên bản nào.", _COUNT_TEXT))
    flowables.append(_DefinePageCount(width))

    doc = _document(out, book)
    doc.build(flowables)
    if progress is not None:
        progress(total, total, "Xong")
    return doc.page
