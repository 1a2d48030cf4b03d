"""Tests for the editable DOCX of one biên bản (``partydesk.reports.minutes_docx``)."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import docx
import pytest
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from partydesk.reports.minutes import BlockKind, minutes_blocks
from partydesk.reports.minutes_docx import add_minutes, new_document, write_minutes_docx

from .test_hd36 import assert_in_order, pdf_text
from .test_minutes_pdf import (
    CHAIR,
    SECRETARY,
    TEMPLATE_ORDER,
    render,
    sample_document,
    sample_meeting,
)


def body_texts(document: docx.document.Document) -> list[str]:
    """Every non-empty paragraph of the body in order, table cells row by row, cell by cell."""
    texts: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            texts.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                for cell in row.cells:
                    texts += [p.text for p in cell.paragraphs]
    return [t for t in texts if t.strip()]


@pytest.fixture(scope="module")
def document() -> docx.document.Document:
    out = io.BytesIO()
    write_minutes_docx(sample_document(), out)
    return docx.Document(io.BytesIO(out.getvalue()))


def test_the_docx_has_every_field_in_template_order(document):
    assert_in_order("\n".join(body_texts(document)), TEMPLATE_ORDER)


def test_the_docx_says_exactly_what_the_pdf_says_in_the_same_order(document):
    doc = sample_document()
    texts = body_texts(document)
    blocks = [b.text for b in minutes_blocks(doc) if b.kind is not BlockKind.SIGNATURES and b.text]
    body = texts[texts.index("-----") + 1 :]
    signatures = {"THƯ KÝ", "CHỦ TRÌ", CHAIR, SECRETARY}
    assert [t for t in body if t not in signatures] == blocks
    assert_in_order("\n".join(pdf_text(render(doc)[0])), texts)


def test_text_is_nfc_and_real_paragraphs(document):
    texts = body_texts(document)
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert "Nguyễn Thị Hương" in "\n".join(texts)
    assert any(t.startswith("- Đảng phí:") for t in texts)
    assert not document.inline_shapes


def test_page_is_a4_with_hd36_margins_and_numbers_from_page_two(document):
    section = document.sections[0]

    def mm(*lengths):  # Word stores twentieths of a point: compare to a tenth of a millimetre
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin) == (25, 25)
    assert mm(section.left_margin, section.right_margin) == (35, 15)
    assert mm(section.header_distance) == (10,)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert not section.first_page_header.paragraphs[0].text


def test_header_is_a_borderless_two_column_table(document):
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
        "CHI BỘ CÔNG TY CỔ PHẦN ĐỨC THÀNH",
        "*",
        "Số 07-BB/CB",
    ]
    assert "w:tblBorders" in header._tbl.xml and 'w:val="nil"' in header._tbl.xml
    party, place_date = right.paragraphs
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.runs[0].bold and party.runs[0].underline
    assert place_date.text == "An Khánh, ngày 15 tháng 3 năm 2026"
    assert place_date.runs[0].italic


def test_fonts_are_times_new_roman_14_for_the_title_13_for_the_body(document):
    paragraphs = document.paragraphs
    title = next(p for p in paragraphs if p.text == "BIÊN BẢN")
    assert title.runs[0].font.name == "Times New Roman" and title.runs[0].bold
    line = next(p for p in paragraphs if p.text.startswith("- Địa điểm:"))
    assert line.runs[0].font.name == "Times New Roman"
    assert line.runs[0].font.size == Pt(13)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_signatures_are_a_table_after_the_closing_lines_then_addenda(document):
    texts = body_texts(document)
    end = texts.index("Buổi sinh hoạt kết thúc lúc 16 giờ 15 cùng ngày.")
    assert texts[end + 1 : end + 5] == ["THƯ KÝ", SECRETARY, "CHỦ TRÌ", CHAIR]
    assert texts.index("ĐÍNH CHÍNH NGÀY 02/04/2026") > end
    signature_tables = [t for t in document.tables[1:] if t.rows[0].cells[0].text.startswith("THƯ")]
    assert len(signature_tables) == 3


def test_an_unnumbered_meeting_has_no_number_line(tmp_path):
    path = tmp_path / "bien-ban.docx"
    write_minutes_docx(sample_document(sample_meeting(number=None)), path)
    left = docx.Document(str(path)).tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs][-1] == "*"


def test_several_biên_bản_in_one_document_each_from_a_new_page():
    document = new_document("Sổ biên bản", "Chi bộ")
    for month in (3, 4):
        meeting = sample_meeting(on=date(2026, month, 15), period_month=month)
        add_minutes(document, sample_document(meeting))
    xml = document.element.body.xml
    assert xml.count('w:type="page"') == 1
    texts = body_texts(document)
    assert_in_order(
        "\n".join(texts),
        [
            "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026",
            "ĐÍNH CHÍNH NGÀY 20/04/2026",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2026",
        ],
    )
