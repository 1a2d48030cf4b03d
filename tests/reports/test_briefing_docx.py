"""Tests for the briefing documents as editable Word files (``partydesk.reports.briefing_docx``)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from partydesk.reports.briefing_attendance import SIGNING_ROW_MM, attendance_document
from partydesk.reports.briefing_conclusions import conclusions_document
from partydesk.reports.briefing_data import Numbered
from partydesk.reports.briefing_docx import write_docx
from partydesk.reports.briefing_invitation import invitation_document
from partydesk.reports.briefing_minutes import minutes_document

from .test_briefing_pdf import JULY_10, render, sample_papers, text_of
from .test_hd36 import assert_in_order
from .test_minutes_docx import body_texts


def open_docx(printed) -> docx.document.Document:
    out = io.BytesIO()
    write_docx(printed, out)
    return docx.Document(io.BytesIO(out.getvalue()))


@pytest.mark.parametrize(
    "build",
    [invitation_document, attendance_document, minutes_document, conclusions_document],
)
def test_the_docx_says_what_the_pdf_says_in_the_same_order(build):
    printed = build(sample_papers(Numbered("Số 07-BB/ĐU", JULY_10)))
    texts = body_texts(open_docx(printed))
    pdf_text = text_of(render(printed)[0])
    # Each line of the DOCX appears in the PDF in the same order (page numbers aside).
    assert_in_order(pdf_text, texts)
    assert len(texts) > 20


def test_the_docx_header_number_and_the_sheets_tables():
    document = open_docx(attendance_document(sample_papers(organisations=30)))
    grids = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(grids) == 2  # one per sitting
    first = grids[0]
    assert [c.text for c in first.rows[0].cells] == [
        "STT",
        "Tổ chức đảng",
        "Họ và tên người dự",
        "Chức vụ",
        "Ký tên",
    ]
    # The heading row repeats on each page; the signing rows keep their height.
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(first.rows) == 1 + 32
    assert all(abs(row.height - Mm(SIGNING_ROW_MM)) < Mm(0.1) for row in first.rows[1:])


def test_the_invitation_docx_carries_its_sitting_number():
    texts = body_texts(open_docx(invitation_document(sample_papers())))
    assert texts.count("Số 01-GM/ĐU") == 2 and texts.count("Số 02-GM/ĐU") == 2
    assert "Kính gửi: Đồng chí Nguyễn Văn An, Bí thư chi bộ Công ty cổ phần ABC" in texts
