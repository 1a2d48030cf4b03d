"""The parts a briefing document is made of, and the wording the four documents share.

Each document (giấy mời, danh sách đại biểu, biên bản, thông báo kết luận) is written once as a
``PrintedDocument``: a sequence of parts (the HD 36 header, the title, lines, a table, the
signatures, the "Nơi nhận" block, a page break). ``briefing_pdf`` and ``briefing_docx`` lay the
same parts out, so the PDF and the editable DOCX always say the same words in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from partydesk.domain.briefing import Briefing, Sitting
from partydesk.domain.documents import DocumentHeader, SignatureBlock, format_date_words
from partydesk.reports.briefing_data import BriefingPapers

_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class LineKind(StrEnum):
    SECTION = "section"  # "I. THỜI GIAN, ĐỊA ĐIỂM", bold, flush left
    ITEM = "item"  # "1. Báo cáo …", bold, indented
    LINE = "line"  # "- Thời gian: …", indented first line
    ADDRESS = "address"  # "Kính gửi: …", centred
    HEADING = "heading"  # an appendix's title, bold, centred (written in capitals)
    NOTE = "note"  # an italic centred remark under a heading
    FORM_CODE = "form_code"  # a printed form's code over the header, flush right ("Mẫu 2C-…")
    BLOCK = "block"  # a form's block heading, bold, centred, kept with what follows it


@dataclass(frozen=True, slots=True)
class Header:
    header: DocumentHeader


@dataclass(frozen=True, slots=True)
class Title:
    kind_name: str  # "Giấy mời"
    abstract: str = ""  # the trích yếu under it
    subtitle: str = ""  # an italic line under the trích yếu


@dataclass(frozen=True, slots=True)
class Line:
    kind: LineKind
    text: str

    @property
    def introduces(self) -> bool:
        """A section or item heading, or a line ending in ":", stays with what follows it."""
        kinds = (LineKind.SECTION, LineKind.ITEM, LineKind.BLOCK)
        return self.kind in kinds or self.text.endswith(":")


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width_mm: float
    centred: bool = False


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table whose heading row repeats on every page it runs over.

    ``row_height_mm`` is the least height of a row: room for a handwritten signature.
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    row_height_mm: float = 0


@dataclass(frozen=True, slots=True)
class WritingLines:
    """Dotted lines left blank for handwriting (a form's sections)."""

    count: int


@dataclass(frozen=True, slots=True)
class Signatures:
    """One or two signatures; ``note``: an italic line under each title ("(Ký, ghi rõ họ tên)")."""

    left: SignatureBlock | None
    right: SignatureBlock | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Recipients:
    lines: tuple[str, ...]
    signature: SignatureBlock


@dataclass(frozen=True, slots=True)
class NewPage:
    pass


@dataclass(frozen=True, slots=True)
class Together:
    """Parts kept on one page: a form's last section with the signature under it."""

    parts: tuple[Part, ...]


Part = Header | Title | Line | Grid | WritingLines | Signatures | Recipients | NewPage | Together


@dataclass(frozen=True, slots=True)
class PrintedDocument:
    title: str
    author: str
    subject: str
    parts: tuple[Part, ...]


def round_document(papers: BriefingPapers, name: str, parts: Sequence[Part]) -> PrintedDocument:
    """One of the round's documents, its file properties "<name> – <round title>"."""
    title = papers.briefing.title
    return PrintedDocument(
        title=f"{name} – {title}",
        author=papers.office.full_name,
        subject=title,
        parts=tuple(parts),
    )


def numbered_header(papers: BriefingPapers) -> Header:
    """The office's header with the document's own number and date (blank when it has none)."""
    number = papers.number
    return Header(
        papers.office.header(
            number.number_text if number else None, number.issued_on if number else None
        )
    )


# --- shared wording ---------------------------------------------------------------------------


def clock_text(at: time) -> str:
    """ "8 giờ 00" as Party documents write the time of day."""
    return f"{at.hour} giờ {at.minute:02d}"


def day_text(on: date) -> str:
    """ "thứ Năm, ngày 09 tháng 7 năm 2026"."""
    return f"{_WEEKDAYS[on.weekday()]}, {format_date_words(on)}"


def sitting_time_text(sitting: Sitting) -> str:
    """ "8 giờ 00, thứ Năm, ngày 09 tháng 7 năm 2026" (the day alone when no hour is set)."""
    day = day_text(sitting.on)
    return f"{clock_text(sitting.starts)}, {day}" if sitting.starts else day


def chair_text(briefing: Briefing) -> str:
    """ "Nguyễn Văn A, Phó Bí thư Đảng ủy": who chairs the round, with the title when known."""
    chair = briefing.chair_name.strip()
    title = briefing.chair_title.strip()
    return f"{chair}, {title}" if title else chair


def sentence(text: str) -> str:
    """End with a full stop unless the text already ends with punctuation."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;…" else text + "."


def paragraphs(text: str) -> list[str]:
    """A multi-line field as its non-empty paragraphs."""
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def lines(kind: LineKind, text: str, first: str = "") -> list[Line]:
    """A multi-line field as lines, ``first`` in front of its first paragraph."""
    parts = paragraphs(text)
    if not parts:
        return []
    return [Line(kind, sentence(f"{first}{parts[0]}"))] + [
        Line(LineKind.LINE, sentence(part)) for part in parts[1:]
    ]
