"""The organisation's member list, "DANH SÁCH ĐẢNG VIÊN", as an HD 36 landscape PDF.

Modelled on the Sổ danh sách đảng viên (Mẫu 7-HSĐV, domain.md §5.1). Mẫu 7 has 14 columns; at a
readable 10 pt only 11 fit across a landscape A4 page, so columns 10–13 (chuyển đi, chuyển đến,
từ trần, ra khỏi Đảng), which are empty for almost every current member, share one column with
a labelled line per event. The column-number row under the heading cites the Mẫu 7 numbers, so
the list can still be reconciled column by column with the book.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from typing import Any, BinaryIO

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from partydesk.domain.documents import DocumentHeader, SignatureBlock, format_date_words
from partydesk.reports import hd36
from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC

KIND_NAME = "Danh sách đảng viên"


@dataclass(frozen=True)
class MemberListRow:
    """One member's row as display strings ("\\n" starts a new line within a cell).

    Fields follow Mẫu 7-HSĐV columns 1–14; the renderer merges 10–13 into one column.
    """

    stt: str
    full_name: str  # 2. Họ và tên (khai sinh)
    gender_ethnicity_religion: str  # 3. Nam/nữ, dân tộc, tôn giáo
    hometown: str  # 4. Quê quán
    education: str  # 5. Văn hóa, lý luận, CMNV, ngoại ngữ
    occupation: str  # 6. Nghề nghiệp trước khi vào Đảng, hiện nay
    admission_dates: str  # 7. Ngày vào Đảng, ngày chính thức
    card_numbers: str  # 8. Số thẻ đảng viên, số lý lịch, số Huy hiệu Đảng
    service: str = ""  # 9. Bộ đội, công an, hưu trí
    transfer_out: str = ""  # 10. Ngày chuyển đi, đến đảng bộ cơ sở nào
    transfer_in: str = ""  # 11. Ngày chuyển đến, từ đảng bộ cơ sở nào
    death: str = ""  # 12. Ngày từ trần
    left_party: str = ""  # 13. Lý do / ngày ra khỏi Đảng, hình thức
    notes: str = ""  # 14. Ghi chú


@dataclass(frozen=True)
class MemberListDocument:
    header: DocumentHeader
    organisation_name: str
    as_of: date
    rows: list[MemberListRow] = field(default_factory=list)
    signer: SignatureBlock | None = None


@dataclass(frozen=True)
class _Column:
    heading: str
    form_columns: str  # the Mẫu 7-HSĐV column number(s) shown under the heading
    weight: float  # share of the table width
    centred: bool


_COLUMNS: tuple[_Column, ...] = (
    _Column("Số TT", "1", 24, True),
    _Column("Họ và tên", "2", 98, False),
    _Column("Nam/nữ, dân tộc, tôn giáo", "3", 56, True),
    _Column("Quê quán", "4", 84, False),
    _Column("Văn hóa, lý luận, CMNV, ngoại ngữ", "5", 84, False),
    _Column("Nghề nghiệp trước khi vào Đảng, hiện nay", "6", 76, False),
    _Column("Ngày vào Đảng, ngày chính thức", "7", 60, True),
    _Column("Số thẻ đảng viên, số lý lịch, số Huy hiệu", "8", 64, True),
    _Column("Bộ đội, công an, hưu trí", "9", 46, True),
    _Column("Chuyển đi, chuyển đến, từ trần, ra khỏi Đảng", "10–13", 74, False),
    _Column("Ghi chú", "14", 44, False),
)

_HEAD_STYLE = ParagraphStyle(
    "MemberListHead", fontName=SERIF_BOLD, fontSize=10, leading=12, alignment=TA_CENTER
)
_NUMBER_STYLE = ParagraphStyle(
    "MemberListColumnNumber", fontName=SERIF_ITALIC, fontSize=9, leading=10, alignment=TA_CENTER
)
_CELL_STYLE = ParagraphStyle(
    "MemberListCell", fontName=SERIF, fontSize=10, leading=12, alignment=TA_LEFT
)
_CELL_CENTRED_STYLE = ParagraphStyle(
    "MemberListCellCentred", parent=_CELL_STYLE, alignment=TA_CENTER
)
_NAME_STYLE = ParagraphStyle("MemberListName", parent=_CELL_STYLE, fontName=SERIF_BOLD)
_TOTAL_STYLE = ParagraphStyle("MemberListTotal", fontName=SERIF, fontSize=13, leading=16)


def _movements(row: MemberListRow) -> str:
    labelled = (
        ("Chuyển đi", row.transfer_out),
        ("Chuyển đến", row.transfer_in),
        ("Từ trần", row.death),
        ("Ra khỏi Đảng", row.left_party),
    )
    return "\n".join(
        f"{label}: {hd36.clean_text(value).strip()}"
        for label, value in labelled
        if hd36.clean_text(value).strip()
    )


def _cells(row: MemberListRow) -> list[str]:
    return [
        row.stt,
        row.full_name,
        row.gender_ethnicity_religion,
        row.hometown,
        row.education,
        row.occupation,
        row.admission_dates,
        row.card_numbers,
        row.service,
        _movements(row),
        row.notes,
    ]


def _cell(text: str, column: _Column, index: int) -> Any:
    text = hd36.clean_text(text).strip()
    if not text:
        return ""  # an empty string cell is far cheaper than an empty Paragraph
    if index == 1:
        return hd36.paragraph(text, _NAME_STYLE)
    return hd36.paragraph(text, _CELL_CENTRED_STYLE if column.centred else _CELL_STYLE)


def member_table(
    rows: Sequence[MemberListRow], width: float, closing: Sequence[Flowable] = ()
) -> Flowable:
    """The bordered list; the heading and column-number rows repeat on every page.

    ``closing`` (total, signature) follows as a borderless last row, tied to the last two
    members so a page break never leaves the signature alone on the final page.
    """
    total = sum(column.weight for column in _COLUMNS)
    widths = [width * column.weight / total for column in _COLUMNS]
    header = [
        [hd36.paragraph(column.heading, _HEAD_STYLE) for column in _COLUMNS],
        [hd36.paragraph(f"({column.form_columns})", _NUMBER_STYLE) for column in _COLUMNS],
    ]
    body = [
        [
            _cell(text, column, i)
            for i, (text, column) in enumerate(zip(_cells(row), _COLUMNS, strict=True))
        ]
        for row in rows
    ]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return hd36.LongTable(header, body, widths, commands, closing=list(closing) or None)


def member_list_flowables(doc: MemberListDocument) -> list[Flowable]:
    width = hd36.text_width(landscape=True)
    flowables: list[Flowable] = [hd36.party_header(doc.header, width)]
    flowables += hd36.title(
        KIND_NAME, doc.organisation_name, f"(Tính đến {format_date_words(doc.as_of)})"
    )
    closing: list[Flowable] = [hd36.paragraph(f"Tổng số: {len(doc.rows)} đảng viên.", _TOTAL_STYLE)]
    if doc.signer is not None:
        closing.append(hd36.signature_blocks(None, doc.signer, width))
    flowables.append(member_table(doc.rows, width, closing))
    return flowables


def render_member_list(doc: MemberListDocument, out: BinaryIO | str | PathLike[str]) -> int:
    """Write the member list PDF (landscape A4) to ``out``; returns the number of pages."""
    return hd36.build_document(
        member_list_flowables(doc),
        out,
        title=f"Danh sách đảng viên – {hd36.clean_text(doc.organisation_name)}",
        author=doc.header.issuer,
        subject=f"Danh sách đảng viên tính đến {doc.as_of:%d/%m/%Y}",
        landscape=True,
    )
