"""The blank biên bản: the standard template on paper, for a chi bộ that writes minutes by hand.

The header, the title and the member list are printed; everything the secretary writes at
the meeting is a dotted blank, an attendance box or ruled space, in the order of the printed
minutes (``minutes.minutes_blocks``), so a handwritten copy can be typed in later field by field.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from partydesk.domain.documents import SignatureBlock
from partydesk.domain.meeting import RollEntry
from partydesk.domain.member import MemberStatus
from partydesk.reports import hd36
from partydesk.reports.fonts import SERIF, SERIF_BOLD
from partydesk.reports.minutes import (
    CHAIR_TITLE,
    KIND_NAME,
    ROMAN,
    SECRETARY_TITLE,
    PlainText,
)
from partydesk.reports.minutes_data import BlankMinutes

DOTS = "....."  # a short blank: a number, an hour
BOX = "□"
_INDENT = 10 * mm
_RULE_SPACING = 22  # points between ruled lines: room for handwriting
_RULE_GAP = 5  # below the last ruled line, before the next printed line
_KEEP_BELOW = 3 * 16 + 12

_LINE_STYLE = ParagraphStyle(
    "BlankLine",
    fontName=SERIF,
    fontSize=13,
    leading=16,
    alignment=TA_LEFT,
    firstLineIndent=_INDENT,
    spaceAfter=5,
)
_SECTION_STYLE = ParagraphStyle(
    "BlankSection",
    fontName=SERIF_BOLD,
    fontSize=13,
    leading=16,
    alignment=TA_LEFT,
    spaceBefore=8,
    spaceAfter=4,
)
_ITEM_STYLE = ParagraphStyle("BlankItem", parent=_LINE_STYLE, fontName=SERIF_BOLD)
_HEAD_STYLE = ParagraphStyle(
    "BlankRollHead", fontName=SERIF_BOLD, fontSize=11, leading=13, alignment=TA_CENTER
)
_CELL_STYLE = ParagraphStyle(
    "BlankRollCell", fontName=SERIF, fontSize=11, leading=13, alignment=TA_LEFT
)
_CELL_CENTRED_STYLE = ParagraphStyle("BlankRollCentred", parent=_CELL_STYLE, alignment=TA_CENTER)


class RuledLines(Flowable):
    """Dotted lines to write on; splits across pages line by line."""

    def __init__(self, count: int, spacing: float = _RULE_SPACING) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.spacing + _RULE_GAP
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - _RULE_GAP) // self.spacing)
        if fits < 1 or fits >= self.count:
            return []
        return [RuledLines(fits, self.spacing), RuledLines(self.count - fits, self.spacing)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.Color(0.35, 0.35, 0.35))
        canvas.setLineWidth(0.5)
        canvas.setDash(1, 2)
        for index in range(self.count):
            y = self.height - (index + 1) * self.spacing
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def filled(text: str, style: ParagraphStyle = _LINE_STYLE, suffix: str = "") -> PlainText:
    """``text``, dots to the end of its (single) line, then ``suffix``: a blank to write on."""
    available = hd36.text_width() - style.firstLineIndent - 2
    used = pdfmetrics.stringWidth(text + suffix, style.fontName, style.fontSize)
    dot = pdfmetrics.stringWidth(".", style.fontName, style.fontSize)
    count = max(3, int((available - used) // dot))
    return PlainText(text + "." * count + suffix, style)


def _line(text: str) -> PlainText:
    return PlainText(text, _LINE_STYLE)


def _section(number: int, heading: str) -> list[Flowable]:
    return [
        CondPageBreak(_KEEP_BELOW),
        PlainText(f"{ROMAN[number]}. {heading.upper()}", _SECTION_STYLE),
    ]


def _led(text: str, lines: int) -> list[Flowable]:
    """A lead line with ruled space under it, never split from its first ruled lines."""
    return [CondPageBreak(_KEEP_BELOW), _line(text), RuledLines(lines)]


def _standing(entry: RollEntry) -> str:
    if entry.status is MemberStatus.TEMP_GUEST:
        return "Sinh hoạt tạm thời"
    label = "Chính thức" if entry.is_official else "Dự bị"
    if entry.status is MemberStatus.EXEMPT:
        return f"{label}, miễn sinh hoạt"
    if entry.status is MemberStatus.TEMP_AWAY:
        return f"{label}, sinh hoạt tạm thời nơi khác"
    return label


def roll_table(roll: Sequence[RollEntry], width: float) -> Flowable:
    """The attendance list: printed names, empty boxes to tick, room for the reason."""
    widths = [11 * mm, 46 * mm, 34 * mm, 14 * mm, 14 * mm, 14 * mm]
    widths.append(width - sum(widths))
    headings = (
        "Số TT",
        "Họ và tên",
        "Đảng viên",
        "Có mặt",
        "Vắng có lý do",
        "Vắng không lý do",
        "Lý do vắng",
    )
    header = [[hd36.paragraph(text, _HEAD_STYLE) for text in headings]]
    body: list[list[Any]] = [
        [
            hd36.paragraph(str(index), _CELL_CENTRED_STYLE),
            hd36.paragraph(entry.full_name, _CELL_STYLE),
            hd36.paragraph(_standing(entry), _CELL_STYLE),
            "",
            "",
            "",
            "",
        ]
        for index, entry in enumerate(roll, start=1)
    ]
    # Rows of a known height, so the boxes are big enough to tick by hand.
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    if not body:
        body = [["", "", "", "", "", "", ""] for _ in range(10)]
    return hd36.LongTable(header, body, widths, commands)


def _task_table(width: float, rows: int = 5) -> Flowable:
    widths = [11 * mm, 45 * mm, width - 11 * mm - 45 * mm - 28 * mm, 28 * mm]
    header = [
        [
            hd36.paragraph(text, _HEAD_STYLE)
            for text in ("Số TT", "Người thực hiện", "Nội dung công việc", "Thời hạn")
        ]
    ]
    body = [[hd36.paragraph(str(i), _CELL_CENTRED_STYLE), "", "", ""] for i in range(1, rows + 1)]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
    ]
    return hd36.LongTable(header, body, widths, commands)


def _agenda_item(number: int) -> list[Flowable]:
    return [
        CondPageBreak(_KEEP_BELOW + 4 * _RULE_SPACING),
        filled(f"{number}. ", _ITEM_STYLE),
        filled("- Người trình bày: đồng chí "),
        _line("- Tóm tắt nội dung:"),
        RuledLines(6),
        *_led("- Ý kiến thảo luận:", 10),
        *_led("- Chủ trì kết luận:", 3),
    ]


def _vote(number: int) -> list[Flowable]:
    return [
        CondPageBreak(_KEEP_BELOW),
        filled(f"{number}. Nội dung biểu quyết: "),
        _line(
            f"Tán thành {DOTS}/{DOTS} đồng chí ({DOTS}%); không tán thành {DOTS} ({DOTS}%); "
            f"không biểu quyết {DOTS} ({DOTS}%)."
        ),
        _line(
            f"Hình thức: {BOX} giơ tay   {BOX} phiếu kín.   Kết quả: {BOX} đạt   {BOX} không đạt."
        ),
    ]


def blank_minutes_flowables(doc: BlankMinutes) -> list[Flowable]:
    width = hd36.text_width()
    flowables: list[Flowable] = [hd36.party_header(doc.header, width)]
    flowables += hd36.title(KIND_NAME, f"Sinh hoạt chi bộ {DOTS * 3} tháng {DOTS} năm 20{DOTS}")

    flowables += _section(0, "Thời gian, địa điểm, hình thức")
    flowables.append(
        _line(f"- Thời gian bắt đầu: {DOTS} giờ {DOTS}, ngày {DOTS} tháng {DOTS} năm 20{DOTS}.")
    )
    flowables.append(filled("- Địa điểm: "))
    flowables.append(_line(f"- Hình thức: {BOX} trực tiếp   {BOX} trực tuyến   {BOX} kết hợp."))

    flowables += _section(1, "Tình hình đảng viên")
    flowables += [
        _line(
            f"- Tổng số đảng viên: {DOTS} đồng chí; trong đó: chính thức {DOTS}, dự bị {DOTS}, "
            f"sinh hoạt tạm thời đến {DOTS}."
        ),
        _line(f"- Số đảng viên được miễn sinh hoạt: {DOTS} đồng chí."),
        _line(f"- Số đảng viên giới thiệu sinh hoạt tạm thời đi nơi khác: {DOTS} đồng chí."),
        _line(
            f"- Có mặt: {DOTS} đồng chí; trong đó: chính thức {DOTS}, dự bị {DOTS}, "
            f"sinh hoạt tạm thời {DOTS}."
        ),
        _line(f"- Vắng có lý do: {DOTS} đồng chí; vắng không lý do: {DOTS} đồng chí."),
        CondPageBreak(_KEEP_BELOW + 30),
        _line("- Điểm danh (đánh dấu vào ô tương ứng):"),
        roll_table(doc.roll, width),
    ]

    flowables += _section(2, "Đại biểu, chủ trì, thư ký")
    flowables += _led("- Đại biểu cấp trên, khách mời (họ tên, chức vụ, đơn vị):", 3)
    flowables.append(filled("- Chủ trì: đồng chí "))
    flowables.append(filled("- Thư ký: đồng chí "))

    flowables += _section(3, "Nội dung sinh hoạt")
    flowables.append(filled("- Đảng phí: chi bộ đã thu ", suffix=" đồng."))
    flowables += _led("- Kết quả thực hiện nhiệm vụ được phân công ở các kỳ trước:", 3)
    for number in range(1, doc.agenda_lines + 1):
        flowables += _agenda_item(number)

    flowables += _section(4, "Kết luận chung, nghị quyết")
    flowables.append(RuledLines(8))
    flowables += _section(5, "Biểu quyết")
    flowables.append(_line(f"- Số đảng viên có quyền biểu quyết: {DOTS} đồng chí."))
    for number in (1, 2):
        flowables += _vote(number)
    # The task table is short: it stays on one page with its heading.
    flowables.append(KeepTogether([*_section(6, "Phân công nhiệm vụ"), _task_table(width)]))

    flowables.append(
        PlainText(
            f"Chi bộ tự chấm điểm chất lượng buổi sinh hoạt: {DOTS} điểm.",
            ParagraphStyle("BlankClosingFirst", parent=_LINE_STYLE, spaceBefore=10),
        )
    )
    flowables.append(
        _line(f"Biên bản được thư ký đọc lại và chi bộ thông qua lúc {DOTS} giờ {DOTS}.")
    )
    ending = _line(f"Buổi sinh hoạt kết thúc lúc {DOTS} giờ {DOTS} cùng ngày.")
    signatures = hd36.signature_blocks(
        SignatureBlock(None, SECRETARY_TITLE, ""), SignatureBlock(None, CHAIR_TITLE, ""), width
    )
    flowables.append(KeepTogether([ending, signatures]))
    return flowables


def render_blank_minutes(doc: BlankMinutes, out: BinaryIO | str | PathLike[str]) -> int:
    """Write the blank template PDF (A4, HD 36) to ``out``; returns the number of pages."""
    return hd36.build_document(
        blank_minutes_flowables(doc),
        out,
        title=f"Mẫu biên bản sinh hoạt chi bộ – {hd36.clean_text(doc.organisation_name)}",
        author=doc.header.issuer,
    )
