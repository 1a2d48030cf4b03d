"""One biên bản (the minutes of a chi bộ meeting) as an HD 36 PDF, and the text it prints.

``minutes_blocks`` turns a ``MinutesDocument`` into the headings, lines and signatures of the
standard template (domain §1.4), in the template's order. The PDF renderer here, the minute
book and the DOCX writer only lay those blocks out, so every copy of a biên bản says the same
words in the same order. Optional parts that are empty (no guests, no votes, no tasks…) are
left out rather than printed as blanks; the membership counts are always printed, as the
template asks for every one of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from functools import lru_cache
from os import PathLike
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import SignatureBlock, format_date_words
from partydesk.domain.meeting import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MembershipCounts,
    RollEntry,
    Task,
    Vote,
    percent_text,
    vote_outcome,
)
from partydesk.reports import hd36
from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC
from partydesk.reports.minutes_data import MinutesDocument

KIND_NAME = "Biên bản"
SECRETARY_TITLE = "Thư ký"
CHAIR_TITLE = "Chủ trì"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class BlockKind(StrEnum):
    SECTION = "section"  # "I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC"
    ITEM_TITLE = "item_title"  # "1. Học tập và làm theo…": an agenda item
    LINE = "line"  # "- Địa điểm: …"
    SUBLINE = "subline"  # "+ Đồng chí …: …"
    TEXT = "text"  # a free paragraph: a summary, a conclusion, an addendum
    CLOSING = "closing"  # the read-back and end times, kept with the signatures
    NOTE = "note"  # small italic remark: approved despite warnings
    SIGNATURES = "signatures"  # THƯ KÝ on the left, CHỦ TRÌ on the right
    ADDENDUM = "addendum"  # "ĐÍNH CHÍNH NGÀY dd/mm/yyyy"


@dataclass(frozen=True, slots=True)
class Block:
    """One printed element of the minutes; ``text`` is final (bullets and numbers included)."""

    kind: BlockKind
    text: str = ""
    left: SignatureBlock | None = None
    right: SignatureBlock | None = None


# --- wording ------------------------------------------------------------------------------


def clock_text(at: time) -> str:
    """ "14 giờ 00" as minutes write the time of day."""
    return f"{at.hour} giờ {at.minute:02d}"


def money_text(amount: int) -> str:
    """ "1.250.000 đồng" with the Vietnamese thousands dot."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def _paragraphs(text: str) -> list[str]:
    """A multi-line field as its non-empty paragraphs."""
    return [line.strip() for line in hd36.clean_text(text).split("\n") if line.strip()]


def _sentence(text: str) -> str:
    """End with a full stop unless the text already ends with punctuation."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?:;…" else text + "."


def _with_rest(kind: BlockKind, first: str, text: str) -> list[Block]:
    """``first`` followed by the text's first paragraph, then its other paragraphs."""
    parts = _paragraphs(text)
    if not parts:
        return []
    blocks = [Block(kind, _sentence(f"{first}{parts[0]}"))]
    blocks += [Block(BlockKind.TEXT, _sentence(part)) for part in parts[1:]]
    return blocks


def _names(entries: tuple[RollEntry, ...]) -> str:
    return ", ".join(e.full_name for e in entries)


# --- the template, part by part ------------------------------------------------------------


def _time_and_place(meeting: Meeting) -> list[Block]:
    when = format_date_words(meeting.on)
    start = f"{clock_text(meeting.starts)}, {when}" if meeting.starts else when
    blocks = [Block(BlockKind.LINE, f"- Thời gian bắt đầu: {start}.")]
    if meeting.place.strip():
        blocks.append(Block(BlockKind.LINE, _sentence(f"- Địa điểm: {meeting.place.strip()}")))
    blocks.append(Block(BlockKind.LINE, f"- Hình thức: {meeting.form.label.lower()}."))
    return blocks


def _membership(meeting: Meeting) -> list[Block]:
    c = meeting.counts
    if meeting.kind is MeetingKind.COMMITTEE:
        # A chi ủy meeting calls the committee, not the chi bộ: its roll is the chi ủy.
        return [
            Block(BlockKind.LINE, f"- Tổng số cấp ủy viên: {c.total} đồng chí."),
            Block(BlockKind.LINE, f"- Có mặt: {c.present} đồng chí."),
            *_absences(c),
        ]
    blocks = [
        Block(
            BlockKind.LINE,
            f"- Tổng số đảng viên: {c.total} đồng chí; trong đó: chính thức {c.official}, "
            f"dự bị {c.probationary}, sinh hoạt tạm thời đến {c.temp_guests}.",
        ),
        Block(BlockKind.LINE, f"- Số đảng viên được miễn sinh hoạt: {c.exempt} đồng chí."),
        Block(
            BlockKind.LINE,
            f"- Số đảng viên giới thiệu sinh hoạt tạm thời đi nơi khác: {c.temp_away} đồng chí.",
        ),
        Block(
            BlockKind.LINE,
            f"- Có mặt: {c.present} đồng chí; trong đó: chính thức {c.present_official}, "
            f"dự bị {c.present_probationary}, sinh hoạt tạm thời {c.present_temp_guests}.",
        ),
    ]
    return blocks + _absences(c)


def _absences(c: MembershipCounts) -> list[Block]:
    blocks: list[Block] = []
    if c.excused:
        blocks.append(Block(BlockKind.LINE, f"- Vắng có lý do: {len(c.excused)} đồng chí:"))
        blocks += [
            Block(BlockKind.SUBLINE, _sentence(f"+ Đồng chí {e.full_name}: {e.reason.strip()}"))
            if e.reason.strip()
            else Block(BlockKind.SUBLINE, f"+ Đồng chí {e.full_name}.")
            for e in c.excused
        ]
    else:
        blocks.append(Block(BlockKind.LINE, "- Vắng có lý do: không có."))
    if c.unexcused:
        blocks.append(
            Block(
                BlockKind.LINE,
                f"- Vắng không lý do: {len(c.unexcused)} đồng chí: {_names(c.unexcused)}.",
            )
        )
    else:
        blocks.append(Block(BlockKind.LINE, "- Vắng không lý do: không có."))
    return blocks


def _guest_line(full_name: str, position: str, unit: str) -> str:
    details = ", ".join(p.strip() for p in (position, unit) if p.strip())
    return _sentence(f"+ Đồng chí {full_name}" + (f", {details}" if details else ""))


def _people(meeting: Meeting) -> list[Block]:
    blocks: list[Block] = []
    for upper, label in ((True, "Đại biểu cấp trên"), (False, "Khách mời")):
        guests = [g for g in meeting.guests if g.upper_level is upper and g.full_name.strip()]
        if guests:
            blocks.append(Block(BlockKind.LINE, f"- {label}:"))
            blocks += [
                Block(BlockKind.SUBLINE, _guest_line(g.full_name, g.position, g.unit))
                for g in guests
            ]
    if meeting.chair_name:
        blocks.append(Block(BlockKind.LINE, f"- Chủ trì: đồng chí {meeting.chair_name}."))
    if meeting.secretary_name:
        blocks.append(Block(BlockKind.LINE, f"- Thư ký: đồng chí {meeting.secretary_name}."))
    return blocks


def _task_line(task: Task) -> str:
    who = f"Đồng chí {task.assignee.strip()}: " if task.assignee.strip() else ""
    description = " ".join(_paragraphs(task.description))
    due = f" (thời hạn: {format_vn_date(task.due)})" if task.due else ""
    return f"{who}{description.rstrip('.')}{due}"


def _earlier_task_line(task: Task) -> str:
    if task.done_on is not None:
        state = f"đã hoàn thành ngày {format_vn_date(task.done_on)}"
        note = task.done_note.strip().rstrip(".;")
        if note:
            state += f" ({note})"
    else:
        state = "chưa hoàn thành"
    return f"+ {_task_line(task)}: {state}."


def _agenda_item(number: int, item: AgendaItem) -> list[Block]:
    blocks = [Block(BlockKind.ITEM_TITLE, f"{number}. {item.title.strip()}")]
    if item.presenter.strip():
        blocks.append(
            Block(BlockKind.LINE, f"- Người trình bày: đồng chí {item.presenter.strip()}.")
        )
    blocks += _with_rest(BlockKind.LINE, "- Tóm tắt nội dung: ", item.summary)
    opinions = [o for o in item.opinions if o.speaker.strip() or o.text.strip()]
    if opinions:
        blocks.append(Block(BlockKind.LINE, "- Ý kiến thảo luận:"))
        for opinion in opinions:
            speaker = f"+ Đồng chí {opinion.speaker.strip()}" if opinion.speaker.strip() else "+"
            said = _with_rest(BlockKind.SUBLINE, f"{speaker}: ", opinion.text)
            blocks += said or [Block(BlockKind.SUBLINE, f"{speaker}.")]
    blocks += _with_rest(BlockKind.LINE, "- Chủ trì kết luận: ", item.conclusion)
    return blocks


def _content(doc: MinutesDocument) -> list[Block]:
    meeting = doc.meeting
    blocks: list[Block] = []
    if meeting.dues_collected is not None:
        blocks.append(
            Block(
                BlockKind.LINE,
                f"- Đảng phí: chi bộ đã thu {money_text(meeting.dues_collected)}.",
            )
        )
    if doc.earlier_tasks:
        blocks.append(
            Block(BlockKind.LINE, "- Kết quả thực hiện nhiệm vụ được phân công ở các kỳ trước:")
        )
        blocks += [Block(BlockKind.SUBLINE, _earlier_task_line(t)) for t in doc.earlier_tasks]
    for number, item in enumerate(meeting.agenda, start=1):
        blocks += _agenda_item(number, item)
    return blocks


def vote_line(vote: Vote, base: int) -> str:
    """One question's result: counts against the base, shares, form, and đạt / không đạt."""
    outcome = vote_outcome(vote, base)
    threshold = "từ hai phần ba" if vote.kind.needs_two_thirds else "quá nửa"
    result = "đạt" if outcome.passed else "không đạt"
    return (
        f"- {vote.question.strip().rstrip('.')}: tán thành {vote.in_favour}/{base} đồng chí "
        f"({percent_text(vote.in_favour, base)}); không tán thành {vote.against} "
        f"({percent_text(vote.against, base)}); không biểu quyết {vote.not_voting} "
        f"({percent_text(vote.not_voting, base)}). Hình thức: {vote.form.label.lower()}. "
        f"Kết quả: {result} (cần {threshold}, ít nhất {outcome.required} đồng chí tán thành)."
    )


def _votes(meeting: Meeting) -> list[Block]:
    base = meeting.vote_base
    blocks = [Block(BlockKind.LINE, f"- Số đảng viên có quyền biểu quyết: {base} đồng chí.")]
    blocks += [Block(BlockKind.LINE, vote_line(v, base)) for v in meeting.votes]
    return blocks


def _closing(meeting: Meeting) -> list[Block]:
    blocks: list[Block] = []
    if meeting.quality_score is not None:
        blocks.append(
            Block(
                BlockKind.CLOSING,
                f"Chi bộ tự chấm điểm chất lượng buổi sinh hoạt: {meeting.quality_score} điểm.",
            )
        )
    if meeting.minutes_read_at is not None:
        blocks.append(
            Block(
                BlockKind.CLOSING,
                "Biên bản được thư ký đọc lại và chi bộ thông qua lúc "
                f"{clock_text(meeting.minutes_read_at)}.",
            )
        )
    if meeting.ends is not None:
        blocks.append(
            Block(
                BlockKind.CLOSING,
                f"Buổi sinh hoạt kết thúc lúc {clock_text(meeting.ends)} cùng ngày.",
            )
        )
    return blocks


def signatures(meeting: Meeting) -> Block:
    return Block(
        BlockKind.SIGNATURES,
        left=SignatureBlock(None, SECRETARY_TITLE, meeting.secretary_name),
        right=SignatureBlock(None, CHAIR_TITLE, meeting.chair_name),
    )


def _sections(doc: MinutesDocument) -> Iterator[tuple[str, list[Block]]]:
    meeting = doc.meeting
    yield "Thời gian, địa điểm, hình thức", _time_and_place(meeting)
    yield "Tình hình đảng viên", _membership(meeting)
    people = "Đại biểu, chủ trì, thư ký" if meeting.guests else "Chủ trì, thư ký"
    yield people, _people(meeting)
    yield "Nội dung sinh hoạt", _content(doc)
    conclusion = [Block(BlockKind.TEXT, _sentence(p)) for p in _paragraphs(meeting.conclusion)]
    yield "Kết luận chung, nghị quyết", conclusion
    yield "Biểu quyết", _votes(meeting) if meeting.votes else []
    tasks = [Block(BlockKind.LINE, f"- {_task_line(t)}.") for t in meeting.tasks]
    yield "Phân công nhiệm vụ", tasks


def minutes_blocks(doc: MinutesDocument) -> list[Block]:
    """Everything below the title, in the template's order; empty parts are left out."""
    meeting = doc.meeting
    blocks: list[Block] = []
    number = 0
    for heading, content in _sections(doc):
        if content:
            blocks.append(Block(BlockKind.SECTION, f"{ROMAN[number]}. {heading.upper()}"))
            blocks += content
            number += 1
    blocks += _closing(meeting)
    blocks.append(signatures(meeting))
    if meeting.is_locked and meeting.override_reason.strip() and meeting.approved_on:
        reason = " ".join(_paragraphs(meeting.override_reason))
        blocks.append(
            Block(
                BlockKind.NOTE,
                _sentence(
                    f"Ghi chú: biên bản được thông qua và khóa ngày "
                    f"{format_vn_date(meeting.approved_on)} khi còn điểm chưa đúng quy định; "
                    f"lý do: {reason}"
                ),
            )
        )
    for addendum in meeting.addenda:
        blocks.append(Block(BlockKind.ADDENDUM, addendum_title(addendum.on)))
        blocks += [Block(BlockKind.TEXT, part) for part in _paragraphs(addendum.text)]
        blocks.append(signatures(meeting))
    return blocks


def addendum_title(on: date) -> str:
    return f"ĐÍNH CHÍNH NGÀY {format_vn_date(on)}"


# --- PDF ----------------------------------------------------------------------------------

_INDENT = 10 * mm
_SECTION_STYLE = ParagraphStyle(
    "MinutesSection",
    fontName=SERIF_BOLD,
    fontSize=13,
    leading=16,
    alignment=TA_LEFT,
    spaceBefore=6,
    spaceAfter=4,
)
_ITEM_TITLE_STYLE = ParagraphStyle(
    "MinutesItemTitle",
    fontName=SERIF_BOLD,
    fontSize=13,
    leading=16,
    alignment=TA_JUSTIFY,
    firstLineIndent=_INDENT,
    spaceAfter=4,
)
_LINE_STYLE = ParagraphStyle(
    "MinutesLine",
    fontName=SERIF,
    fontSize=13,
    leading=16,
    alignment=TA_JUSTIFY,
    firstLineIndent=_INDENT,
    spaceAfter=4,
)
_NOTE_STYLE = ParagraphStyle(
    "MinutesNote",
    fontName=SERIF_ITALIC,
    fontSize=11,
    leading=13,
    alignment=TA_JUSTIFY,
    spaceBefore=10,
)
_ADDENDUM_STYLE = ParagraphStyle(
    "MinutesAddendum",
    fontName=SERIF_BOLD,
    fontSize=13,
    leading=16,
    alignment=TA_CENTER,
    spaceBefore=24,
    spaceAfter=6,
)

_STYLES: dict[BlockKind, ParagraphStyle] = {
    BlockKind.SECTION: _SECTION_STYLE,
    BlockKind.ITEM_TITLE: _ITEM_TITLE_STYLE,
    BlockKind.LINE: _LINE_STYLE,
    BlockKind.SUBLINE: _LINE_STYLE,
    BlockKind.TEXT: _LINE_STYLE,
    BlockKind.CLOSING: _LINE_STYLE,
    BlockKind.NOTE: _NOTE_STYLE,
    BlockKind.ADDENDUM: _ADDENDUM_STYLE,
}
# Room a heading needs below it (itself and two lines of what it introduces), so that it is
# never the last line of a page. A conditional page break costs nothing, where keepWithNext
# would lay out every heading and the paragraph after it twice.
_HEADED_KINDS = frozenset({BlockKind.SECTION, BlockKind.ITEM_TITLE, BlockKind.ADDENDUM})
_KEEP_BELOW = 3 * 16 + 12


@lru_cache(maxsize=50_000)
def _word_width(word: str, font: str, size: float) -> float:
    # Minutes repeat the same few thousand words ("đồng chí", "chi bộ"…): measured once each.
    return pdfmetrics.stringWidth(word, font, size)


def _break_lines(
    words: list[str], style: ParagraphStyle, width: float, indent: float
) -> list[list[str]]:
    """Greedy line breaking, the first line shortened by ``indent``; a word wider than a whole
    line is cut where it must be."""
    font, size = style.fontName, style.fontSize
    space = _word_width(" ", font, size)
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    room = width - indent
    for word in words:
        word_width = _word_width(word, font, size)
        if line and used + space + word_width > room:
            lines.append(line)
            line, used, room = [], 0.0, width
        while not line and word_width > room and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and _word_width(word[:cut], font, size) > room:
                cut -= 1
            lines.append([word[:cut]])
            word, room = word[cut:], width
            word_width = _word_width(word, font, size)
        used = used + space + word_width if line else word_width
        line.append(word)
    if line:
        lines.append(line)
    return lines


class PlainText(Flowable):
    """A paragraph of plain text in one font: the minutes' body, at a fraction of the cost of
    reportlab's Paragraph.

    A minute book is hundreds of pages of plain lines. Paragraph parses markup, measures every
    word at every layout attempt and measures both halves again when a page break splits it;
    here words are measured once (and cached across paragraphs), lines are broken once per
    width, and a split only slices the lines already broken. Justified, left or centred, with
    the style's first-line indent, spacing and leading; no orphan or widow line.
    """

    def __init__(
        self, text: str, style: ParagraphStyle, *, first: bool = True, last: bool = True
    ) -> None:
        super().__init__()
        self.text = " ".join(hd36.clean_text(text).split())
        self.style = style
        self.first = first  # holds the paragraph's first line (indented, space before)
        self.last = last  # holds its last line (not justified, space after)
        self.spaceBefore = style.spaceBefore if first else 0
        self.spaceAfter = style.spaceAfter if last else 0
        self._lines: list[list[str]] = []
        self._width: float | None = None

    def _broken(self, width: float) -> list[list[str]]:
        if self._width != width:
            indent = self.style.firstLineIndent if self.first else 0
            words = self.text.split(" ") if self.text else []
            self._lines = _break_lines(words, self.style, width, indent)
            self._width = width
        return self._lines

    def _part(self, lines: list[list[str]], width: float, first: bool, last: bool) -> PlainText:
        part = PlainText(
            " ".join(" ".join(line) for line in lines), self.style, first=first, last=last
        )
        part._lines, part._width = lines, width
        return part

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self._broken(avail_width)) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._broken(avail_width)
        fits = int((avail_height + 1e-6) // self.style.leading)
        if len(lines) - fits == 1 and len(lines) > 2:
            fits -= 1  # a widow line takes a companion to the next page
        if fits < min(2, len(lines)) or fits >= len(lines):
            return []  # an orphan first line goes to the next page with the rest
        return [
            self._part(lines[:fits], avail_width, self.first, False),
            self._part(lines[fits:], avail_width, False, self.last),
        ]

    def draw(self) -> None:
        style = self.style
        font, size = style.fontName, style.fontSize
        space = _word_width(" ", font, size)
        lines = self._broken(self.width)
        text = self.canv.beginText()
        text.setFont(font, size, style.leading)
        baseline = self.height - size
        for index, words in enumerate(lines):
            indent = style.firstLineIndent if index == 0 and self.first else 0
            room = self.width - indent
            used = sum(_word_width(w, font, size) for w in words) + space * (len(words) - 1)
            x = indent
            if style.alignment == TA_CENTER:
                x += (room - used) / 2
            elif style.alignment == TA_RIGHT:
                x += room - used
            last_line = self.last and index == len(lines) - 1
            justify = style.alignment == TA_JUSTIFY and not last_line and len(words) > 1
            text.setWordSpace((room - used) / (len(words) - 1) if justify else 0)
            text.setTextOrigin(x, baseline - index * style.leading)
            text.textOut(" ".join(words))
        self.canv.drawText(text)


def _block_flowables(block: Block, width: float) -> list[Flowable]:
    if block.kind is BlockKind.SIGNATURES:
        return [hd36.signature_blocks(block.left, block.right, width)]
    paragraph = PlainText(block.text, _STYLES[block.kind])
    # A line ending in ":" announces the lines under it, like a heading.
    if block.kind in _HEADED_KINDS or block.text.endswith(":"):
        return [CondPageBreak(_KEEP_BELOW), paragraph]
    return [paragraph]


def minutes_flowables(doc: MinutesDocument) -> list[Flowable]:
    """The biên bản as flowables: header, title, the blocks, signatures, addenda."""
    width = hd36.text_width()
    flowables: list[Flowable] = [hd36.party_header(doc.header, width)]
    flowables += hd36.title(KIND_NAME, doc.meeting.title_line)
    closing: list[Flowable] = []  # the closing lines above the next signatures
    signed: list[Flowable] = []  # the signatures with those lines and any note under them
    for block in minutes_blocks(doc):
        parts = _block_flowables(block, width)
        if block.kind is BlockKind.CLOSING:
            closing += parts
        elif block.kind is BlockKind.SIGNATURES:
            # Signatures never stand alone on a page: they take the last line above them
            # (the end time, or an addendum's last line) and the note below them along.
            flowables += closing[:-1]
            signed = [closing[-1] if closing else flowables.pop(), *parts]
            closing = []
        elif block.kind is BlockKind.NOTE and signed:
            signed += parts
        else:
            if signed:
                flowables.append(KeepTogether(signed))
                signed = []
            flowables += closing + parts
            closing = []
    if signed:
        flowables.append(KeepTogether(signed))
    return flowables + closing


def render_minutes(doc: MinutesDocument, out: BinaryIO | str | PathLike[str]) -> int:
    """Write the biên bản PDF (A4, HD 36) to ``out``; returns the number of pages."""
    return hd36.build_document(
        minutes_flowables(doc),
        out,
        title=f"Biên bản – {doc.meeting.title_line}",
        author=doc.header.issuer,
        subject=f"{doc.meeting.title_line} – {hd36.clean_text(doc.organisation_name)}",
    )
