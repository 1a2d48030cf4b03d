"""Tests for the member list PDF (``partydesk.reports.member_list``): a 120-member chi bộ."""

from __future__ import annotations

import io
import random
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.reports.member_list import (
    MemberListDocument,
    MemberListRow,
    member_list_flowables,
    render_member_list,
)

from .test_hd36 import (
    assert_in_order,
    assert_nfc_only,
    assert_only_embedded_liberation_fonts,
    page_top_texts,
    pdf_text,
    squash,
)

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lương",
    "Trương",
    "Lưu",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Ngọc", "Minh", "Quốc", "Thanh", "Xuân"]
GIVEN = [
    "Ánh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hương",
    "Hường",
    "Lượng",
    "Mạnh",
    "Nguyệt",
    "Phượng",
    "Quỳnh",
    "Sơn",
    "Thủy",
    "Trường",
    "Tuấn",
    "Ước",
    "Ơn",
    "Vượng",
    "Yến",
]
PLACES = [
    "Xã Đông Hưng, tỉnh Hưng Yên",
    "Phường Dư Hàng Kênh, TP Hải Phòng",
    "Xã Ứng Hòa, TP Hà Nội",
    "Xã Quỳnh Lưu, tỉnh Nghệ An",
    "Phường An Khánh, TP Hồ Chí Minh",
    "Xã Phước Hậu, tỉnh Vĩnh Long",
]
EDUCATION = [
    "12/12\nTrung cấp LLCT\nĐại học Kinh tế\nTiếng Anh B1",
    "12/12\nSơ cấp LLCT\nKỹ sư cơ khí",
    "9/12\nCông nhân kỹ thuật",
    "12/12\nCao cấp LLCT\nThạc sĩ Quản trị\nTiếng Nga C",
]
JOBS = [
    "Công nhân\nKỹ thuật viên",
    "Sinh viên\nKỹ sư",
    "Bộ đội\nBảo vệ",
    "Giáo viên\nKế toán trưởng",
]
GENDERS = [
    "Nam\nKinh\nKhông",
    "Nữ\nKinh\nKhông",
    "Nam\nTày\nPhật giáo",
    "Nữ\nKhmer\nPhật giáo",
    "Nam\nKinh\nCông giáo",
]


def sample_rows(count: int = 120) -> list[MemberListRow]:
    rng = random.Random(36)
    rows = []
    for i in range(1, count + 1):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        joined = date(2000 + i % 25, 1 + i % 12, 1 + i % 28)
        row = MemberListRow(
            stt=str(i),
            full_name=name,
            gender_ethnicity_religion=rng.choice(GENDERS),
            hometown=rng.choice(PLACES),
            education=rng.choice(EDUCATION),
            occupation=rng.choice(JOBS),
            admission_dates=f"{joined:%d/%m/%Y}\n{joined.replace(year=joined.year + 1):%d/%m/%Y}",
            card_numbers=f"79.{100000 + i * 7}\nLL {2000 + i}",
            service="Hưu trí" if i % 17 == 0 else "",
            transfer_in=f"12/05/2024, từ Đảng bộ xã Ứng Hòa {i}" if i % 23 == 0 else "",
            transfer_out="",
            notes="Miễn sinh hoạt" if i % 31 == 0 else "",
        )
        rows.append(row)
    # Awkward input: NFD text (some Vietnamese IMEs), XML specials, every tricky letter.
    awkward = {
        4: {
            "full_name": unicodedata.normalize("NFD", "Trương Thị Ượng Ưởng"),
            "hometown": unicodedata.normalize("NFD", "Xã Ơn Đức, tỉnh Quảng Ngãi"),
        },
        9: {"full_name": "Đỗ Văn <Tèo> & Tí", "notes": "A&B <ghi chú>"},
        10: {
            "full_name": "Phạm Ạnh Ảnh Ấn Đặng",
            "death": "02/01/2026",
            "left_party": "Xóa tên, 03/02/2025",
        },
    }
    for index, changes in awkward.items():
        if index < count:
            rows[index] = replace(rows[index], **changes)
    return rows


def sample_document(count: int = 120) -> MemberListDocument:
    return MemberListDocument(
        header=DocumentHeader(
            upper_body="ĐẢNG BỘ PHƯỜNG AN KHÁNH",
            issuer="CHI BỘ CÔNG TY CỔ PHẦN ABC",
            number_text="Số 07-DS/CB",
            place="An Khánh",
            date=date(2026, 3, 15),
        ),
        organisation_name="Chi bộ Công ty cổ phần ABC",
        as_of=date(2026, 3, 1),
        rows=sample_rows(count),
        signer=SignatureBlock("T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn Đức"),
    )


def render(doc: MemberListDocument) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_member_list(doc, out)
    return out.getvalue(), pages


@pytest.fixture(scope="module")
def rendered() -> tuple[bytes, int]:
    return render(sample_document())


def expected_cells(row: MemberListRow) -> list[str]:
    movements = [
        f"Chuyển đến: {row.transfer_in}" if row.transfer_in else "",
        f"Từ trần: {row.death}" if row.death else "",
        f"Ra khỏi Đảng: {row.left_party}" if row.left_party else "",
    ]
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
        *movements,
        row.notes,
    ]


def test_every_value_appears_in_order_and_in_nfc(rendered):
    pdf, _ = rendered
    text = "\n".join(pdf_text(pdf))
    assert_nfc_only(text)
    doc = sample_document()
    needles = [
        "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
        "CHI BỘ CÔNG TY CỔ PHẦN ABC",
        "Số 07-DS/CB",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "An Khánh, ngày 15 tháng 3 năm 2026",
        "DANH SÁCH ĐẢNG VIÊN",
        "Chi bộ Công ty cổ phần ABC",
        "(Tính đến ngày 01 tháng 3 năm 2026)",
        "Số TT",
        "Họ và tên",
        "Nam/nữ, dân tộc, tôn giáo",
        "Quê quán",
        "Văn hóa, lý luận, CMNV, ngoại ngữ",
        "Ghi chú",
        "(1)",
        "(10–13)",
        "(14)",
    ]
    for row in doc.rows:
        needles += expected_cells(row)
    needles += ["Tổng số: 120 đảng viên.", "T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn Đức"]
    assert_in_order(text, needles)
    for special in (
        "Trương Thị Ượng Ưởng",
        "Xã Ơn Đức, tỉnh Quảng Ngãi",
        "Đỗ Văn <Tèo> & Tí",
        "A&B <ghi chú>",
        "Phạm Ạnh Ảnh Ấn Đặng",
        "Từ trần: 02/01/2026",
    ):
        assert squash(special) in squash(text)


def test_every_row_appears_exactly_once(rendered):
    pdf, _ = rendered
    text = "\n".join(pdf_text(pdf))
    for row in sample_document().rows:
        card = row.card_numbers.split("\n")[0]
        assert text.count(card) == 1, card


def test_closing_stays_with_the_last_rows(rendered):
    pdf, _ = rendered
    pages = pdf_text(pdf)
    last = pages[-1]
    assert_in_order(last, ["79.100833", "79.100840", "Tổng số: 120 đảng viên.", "Nguyễn Văn Đức"])
    assert all("Tổng số" not in page for page in pages[:-1])


def test_header_rows_repeat_on_every_page(rendered):
    pdf, pages = rendered
    for page_text in pdf_text(pdf)[1:]:
        assert_in_order(page_text, ["Số TT", "Họ và tên", "Ghi chú", "(1)", "(14)"])


def test_several_landscape_pages_numbered_from_page_two(rendered):
    pdf, pages = rendered
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == len(reader.pages) > 1
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    tops = page_top_texts(pdf)
    assert tops[0] == []
    assert tops[1:] == [[str(n)] for n in range(2, pages + 1)]


def test_metadata(rendered):
    pdf, _ = rendered
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.title == "Danh sách đảng viên – Chi bộ Công ty cổ phần ABC"
    assert meta.author == "CHI BỘ CÔNG TY CỔ PHẦN ABC"
    assert meta.subject == "Danh sách đảng viên tính đến 01/03/2026"


def test_only_embedded_liberation_fonts(rendered, tmp_path):
    pdf, _ = rendered
    path = tmp_path / "members.pdf"
    path.write_bytes(pdf)
    assert_only_embedded_liberation_fonts(path)


def test_two_renders_are_byte_identical(rendered):
    assert render(sample_document())[0] == rendered[0]


def test_empty_list_renders_one_page_without_signer():
    doc = MemberListDocument(
        header=sample_document().header,
        organisation_name="Chi bộ X",
        as_of=date(2026, 1, 5),
        rows=[],
        signer=None,
    )
    pdf, pages = render(doc)
    assert pages == 1
    assert_in_order(
        pdf_text(pdf)[0],
        [
            "DANH SÁCH ĐẢNG VIÊN",
            "(Tính đến ngày 05 tháng 01 năm 2026)",
            "Số TT",
            "Tổng số: 0 đảng viên.",
        ],
    )


def test_flowables_do_not_touch_the_input():
    doc = sample_document(3)
    member_list_flowables(doc)
    assert doc.rows[0].stt == "1"
