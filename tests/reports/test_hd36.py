"""Tests for the HD 36 page machinery and the bundled fonts (``partydesk.reports.hd36``/``fonts``).

The PDF-inspection helpers at the top are shared with ``test_member_list.py``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from partydesk.domain.documents import DocumentHeader, SignatureBlock, format_document_number
from partydesk.reports import fonts, hd36

# --- shared PDF helpers -------------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace-insensitive form: a wrapped line in the PDF equals a space in the input."""
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in ``haystack`` after the previous one (whitespace-insensitive)."""
    text = squash(haystack)
    position = 0
    for needle in needles:
        wanted = squash(unicodedata.normalize("NFC", needle))
        if not wanted:
            continue
        found = text.find(wanted, position)
        assert found >= 0, (
            f"{wanted!r} not found after offset {position}: …{text[position : position + 200]!r}"
        )
        position = found + len(wanted)


def assert_nfc_only(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    assert not any(unicodedata.combining(ch) for ch in text), "combining marks in the PDF text"


def page_top_texts(pdf: bytes) -> list[list[str]]:
    """Per page, the text drawn above the top margin (where only the page number may be)."""
    result = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        found: list[str] = []

        def visit(text, cm, tm, font_dict, font_size, found=found, height=height):
            y = cm[3] * tm[5] + cm[5]
            if text.strip() and y > height - hd36.MARGIN_TOP:
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        result.append(found)
    return result


def pdffonts_rows(pdf_path: Path) -> list[tuple[str, str, str]]:
    """(name, type, embedded) per font row of poppler's ``pdffonts``; skips if it is missing."""
    binary = shutil.which("pdffonts")
    if binary is None:
        pytest.skip("pdffonts (poppler-utils) is not installed; cannot inspect embedded fonts")
    output = subprocess.run([binary, str(pdf_path)], check=True, capture_output=True, text=True)
    lines = output.stdout.splitlines()
    rows = []
    for line in lines[2:]:  # skip the heading and the dashed line
        # name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
        match = re.match(
            r"^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line
        )
        assert match, f"unexpected pdffonts line: {line!r}"
        rows.append((match.group(1), match.group(2), match.group(4)))
    return rows


def assert_only_embedded_liberation_fonts(pdf_path: Path) -> None:
    rows = pdffonts_rows(pdf_path)
    assert rows, "no fonts in the PDF at all"
    for name, font_type, embedded in rows:
        assert embedded == "yes", f"{name} is not embedded"
        assert "Liberation" in name, f"unexpected font {name} ({font_type})"
        for base14 in ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"):
            assert base14 not in name


# --- a portrait document ------------------------------------------------------------------

HEADER = DocumentHeader(
    upper_body="Đảng bộ phường An Khánh",
    issuer=unicodedata.normalize("NFD", "Chi bộ Công ty cổ phần ABC"),
    number_text=format_document_number(7, "BC", "CB"),
    place="An Khánh",
    date=date(2026, 3, 15),
)
BODY_TEXT = (
    "Thực hiện Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư, đồng chí Nguyễn Văn Đức & "
    "Trần Thị <Ngọc> đã hoàn thành tốt nhiệm vụ; ưu tiên ơn nghĩa, Đảng viên ạ."
)


def portrait_flowables(paragraphs: int = 40) -> list:
    width = hd36.text_width()
    flowables = [hd36.party_header(HEADER, width)]
    flowables += hd36.title("Báo cáo", "kết quả sinh hoạt chi bộ quý I năm 2026")
    flowables += [hd36.body(f"{i + 1}. {BODY_TEXT}") for i in range(paragraphs)]
    flowables.append(
        hd36.signature_blocks(
            SignatureBlock(None, "Thư ký", "Lê Thị Hương"),
            SignatureBlock(None, "Chủ trì", "Nguyễn Văn Ánh"),
        )
    )
    flowables.append(
        hd36.recipients(
            ["Đảng ủy phường (b/c),", "Chi ủy,", "- Lưu chi bộ."],
            SignatureBlock("T/M chi bộ", "Bí thư", "Phạm Đức Ước"),
        )
    )
    return flowables


def render_portrait(paragraphs: int = 40) -> bytes:
    out = io.BytesIO()
    hd36.build_document(
        portrait_flowables(paragraphs),
        out,
        title="Báo cáo quý I",
        author="Chi bộ Công ty cổ phần ABC",
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def portrait_pdf() -> bytes:
    return render_portrait()


def test_portrait_text_is_complete_in_order_and_nfc(portrait_pdf):
    text = "\n".join(pdf_text(portrait_pdf))
    assert_nfc_only(text)
    # Table cells are drawn one after the other: the whole left cell, then the right one.
    assert_in_order(
        text,
        [
            "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
            "CHI BỘ CÔNG TY CỔ PHẦN ABC",
            "*",
            "Số 07-BC/CB",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "An Khánh, ngày 15 tháng 3 năm 2026",
            "BÁO CÁO",
            "kết quả sinh hoạt chi bộ quý I năm 2026",
            "-----",
            "1. Thực hiện Chỉ thị 50-CT/TW",
            "Nguyễn Văn Đức & Trần Thị <Ngọc>",
            "Đảng viên ạ.",
            "40. Thực hiện",
            "THƯ KÝ",
            "Lê Thị Hương",
            "CHỦ TRÌ",
            "Nguyễn Văn Ánh",
            "Nơi nhận:",
            "- Đảng ủy phường (b/c),",
            "- Chi ủy,",
            "- Lưu chi bộ.",
            "T/M CHI BỘ",
            "BÍ THƯ",
            "Phạm Đức Ước",
        ],
    )
    assert "- - Lưu" not in text


def test_portrait_page_geometry_and_metadata(portrait_pdf):
    reader = PdfReader(io.BytesIO(portrait_pdf))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    assert reader.metadata.title == "Báo cáo quý I"
    assert reader.metadata.author == "Chi bộ Công ty cổ phần ABC"
    assert reader.metadata.subject == "Báo cáo quý I"


def test_page_numbers_from_page_two_only(portrait_pdf):
    tops = page_top_texts(portrait_pdf)
    assert tops[0] == []
    for number, texts in enumerate(tops[1:], start=2):
        assert texts == [str(number)]


def test_page_number_position(portrait_pdf):
    positions = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() == "2":
            positions.append((cm[0] * tm[4] + cm[4], cm[3] * tm[5] + cm[5]))

    PdfReader(io.BytesIO(portrait_pdf)).pages[1].extract_text(visitor_text=visit)
    assert positions, "page number not found on page 2"
    x, baseline = positions[0]
    centre = hd36.MARGIN_LEFT + hd36.text_width() / 2
    digit = pdfmetrics.stringWidth("2", fonts.SERIF, hd36.PAGE_NUMBER_SIZE)
    assert abs(x + digit / 2 - centre) < 1
    top_of_digits = baseline + pdfmetrics.getAscent(fonts.SERIF, hd36.PAGE_NUMBER_SIZE)
    assert abs((842 - top_of_digits) - 10 * mm) < 1


def test_portrait_uses_only_embedded_liberation_fonts(portrait_pdf, tmp_path):
    path = tmp_path / "portrait.pdf"
    path.write_bytes(portrait_pdf)
    assert_only_embedded_liberation_fonts(path)


def test_build_document_is_reproducible(portrait_pdf):
    assert render_portrait() == portrait_pdf


def test_build_document_accepts_a_path_and_returns_page_count(tmp_path):
    path = tmp_path / "short.pdf"
    pages = hd36.build_document(portrait_flowables(2), path, title="Ngắn", author="Chi bộ")
    assert pages == 1
    assert len(PdfReader(path).pages) == 1


def test_landscape_variant(tmp_path):
    path = tmp_path / "wide.pdf"
    width = hd36.text_width(landscape=True)
    hd36.build_document(
        [hd36.party_header(HEADER, width), hd36.body("Nội dung")],
        path,
        title="Ngang",
        author="Chi bộ",
        landscape=True,
    )
    page = PdfReader(path).pages[0]
    assert round(float(page.mediabox.width)) == 842
    assert round(float(page.mediabox.height)) == 595


def test_clean_and_escape_text():
    nfd = unicodedata.normalize("NFD", "Đức Ước\r\nơn\tạ\x00")
    assert hd36.clean_text(nfd) == "Đức Ước\nơn ạ"
    assert hd36.clean_text(None) == ""
    assert hd36.escape_text("A & B <c>\nD") == "A &amp; B &lt;c&gt;<br/>D"


def test_plain_string_table_cells_use_the_bundled_font(tmp_path):
    # Plain strings are drawn in the table's own cell font: Helvetica unless table_style set it.
    path = tmp_path / "table.pdf"
    table = hd36.make_table([["Đảng viên", "ưu tiên"], ["Ơn", "Ạ"]], [100, 100])
    hd36.build_document([table], path, title="Bảng", author="Chi bộ")
    assert_only_embedded_liberation_fonts(path)
    assert_in_order(pdf_text(path.read_bytes())[0], ["Đảng viên", "ưu tiên", "Ơn", "Ạ"])


def test_register_fonts_is_idempotent():
    fonts.register_fonts()
    fonts.register_fonts()
    for name in fonts.FONT_FILES:
        assert name in pdfmetrics.getRegisteredFontNames()


def test_register_fonts_reports_missing_files(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "font_path", lambda name: tmp_path / name)
    with pytest.raises(fonts.FontFilesMissingError) as caught:
        fonts.register_fonts()
    assert "LiberationSerif-Regular.ttf" in str(caught.value)
    assert len(caught.value.missing) == len(fonts.FONT_FILES)
