"""Tests for the blank biên bản to fill in by hand (``partydesk.reports.blank_minutes``)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from partydesk.domain.documents import BLANK_DATE_TEXT
from partydesk.domain.meeting import RollEntry
from partydesk.domain.member import MemberStatus, Standing
from partydesk.reports.blank_minutes import RuledLines, render_blank_minutes
from partydesk.reports.minutes_data import BlankMinutes

from .test_hd36 import (
    assert_in_order,
    assert_nfc_only,
    assert_only_embedded_liberation_fonts,
    page_top_texts,
    pdf_text,
    squash,
)
from .test_minutes_pdf import ORGANISATION, sample_header, sample_meeting, sample_roll

ROLL_HEADINGS = ["Số TT", "Họ và tên", "Đảng viên", "Có mặt", "Vắng có lý do", "Vắng không lý do"]


def blank(roll: tuple[RollEntry, ...] = sample_roll(), agenda_lines: int = 3) -> BlankMinutes:
    header = replace(sample_header(sample_meeting()), number_text=None, date=None)
    return BlankMinutes(header, ORGANISATION, roll, agenda_lines)


def render(doc: BlankMinutes) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_blank_minutes(doc, out)
    return out.getvalue(), pages


@pytest.fixture(scope="module")
def blank_pdf() -> bytes:
    return render(blank())[0]


def test_the_template_prints_in_the_order_of_the_minutes(blank_pdf):
    text = "\n".join(pdf_text(blank_pdf))
    assert_nfc_only(text)
    assert_in_order(
        text,
        [
            "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
            "CHI BỘ CÔNG TY CỔ PHẦN ĐỨC THÀNH",
            "*",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            f"An Khánh, {BLANK_DATE_TEXT}",
            "BIÊN BẢN",
            "Sinh hoạt chi bộ ...............",
            "I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC",
            "- Thời gian bắt đầu: ..... giờ ....., ngày ..... tháng ..... năm 20.....",
            "- Địa điểm: ......",
            "- Hình thức: □ trực tiếp □ trực tuyến □ kết hợp.",
            "II. TÌNH HÌNH ĐẢNG VIÊN",
            "- Tổng số đảng viên: ..... đồng chí",
            "- Số đảng viên được miễn sinh hoạt: ..... đồng chí.",
            "- Số đảng viên giới thiệu sinh hoạt tạm thời đi nơi khác: ..... đồng chí.",
            "- Có mặt: ..... đồng chí",
            "- Điểm danh",
            *ROLL_HEADINGS,
            "Lý do vắng",
            "III. ĐẠI BIỂU, CHỦ TRÌ, THƯ KÝ",
            "- Đại biểu cấp trên, khách mời",
            "- Chủ trì: đồng chí ......",
            "- Thư ký: đồng chí ......",
            "IV. NỘI DUNG SINH HOẠT",
            "- Đảng phí: chi bộ đã thu ...",
            "đồng.",
            "- Kết quả thực hiện nhiệm vụ được phân công ở các kỳ trước:",
            "1. ......",
            "- Người trình bày: đồng chí ......",
            "- Tóm tắt nội dung:",
            "- Ý kiến thảo luận:",
            "- Chủ trì kết luận:",
            "2. ......",
            "3. ......",
            "V. KẾT LUẬN CHUNG, NGHỊ QUYẾT",
            "VI. BIỂU QUYẾT",
            "- Số đảng viên có quyền biểu quyết: ..... đồng chí.",
            "1. Nội dung biểu quyết: ......",
            "Hình thức: □ giơ tay □ phiếu kín. Kết quả: □ đạt □ không đạt.",
            "VII. PHÂN CÔNG NHIỆM VỤ",
            "Người thực hiện",
            "Thời hạn",
            "Chi bộ tự chấm điểm chất lượng buổi sinh hoạt: ..... điểm.",
            "Biên bản được thư ký đọc lại và chi bộ thông qua lúc ..... giờ .....",
            "Buổi sinh hoạt kết thúc lúc ..... giờ ..... cùng ngày.",
            "THƯ KÝ",
            "CHỦ TRÌ",
        ],
    )
    assert "4. ......" not in squash(text).split("VI. BIỂU QUYẾT")[0]


def test_every_member_is_listed_in_roll_order_with_their_standing(blank_pdf):
    text = "\n".join(pdf_text(blank_pdf))
    wanted = []
    for number, entry in enumerate(sample_roll(), start=1):
        wanted += [str(number), entry.full_name]
    assert_in_order(text, wanted)
    squashed = squash(text)
    assert "Đặng Quốc Hùng Chính thức, miễn sinh hoạt" in squashed
    assert "Bùi Thị Lan Chính thức, sinh hoạt tạm thời nơi khác" in squashed
    assert "Hoàng Văn Đạt Dự bị" in squashed
    assert "Ngô Thị Ước Sinh hoạt tạm thời" in squashed


def test_a_large_chi_bo_repeats_the_roll_heading_on_each_page():
    roll = tuple(
        RollEntry(i, f"Nguyễn Văn Thành {i}", Standing.OFFICIAL, MemberStatus.ACTIVE)
        for i in range(1, 121)
    )
    pdf, pages = render(blank(roll))
    texts = pdf_text(pdf)
    roll_pages = [t for t in texts if "Nguyễn Văn Thành" in t]
    assert len(roll_pages) >= 3
    for page in roll_pages:
        assert_in_order(page, ROLL_HEADINGS)
    assert_in_order("\n".join(texts), ["Nguyễn Văn Thành 1\n", "Nguyễn Văn Thành 120"])
    assert [t for t in page_top_texts(pdf)[1:]] == [[str(n)] for n in range(2, pages + 1)]


def test_the_number_of_agenda_items_is_the_documents():
    text = squash("\n".join(pdf_text(render(blank(agenda_lines=5))[0])))
    body = text.split("IV. NỘI DUNG SINH HOẠT")[1].split("V. KẾT LUẬN")[0]
    assert body.count("- Người trình bày: đồng chí") == 5


def test_only_the_bundled_fonts_are_embedded(blank_pdf, tmp_path):
    path = tmp_path / "mau-bien-ban.pdf"
    path.write_bytes(blank_pdf)
    assert_only_embedded_liberation_fonts(path)


def test_ruled_space_splits_line_by_line_across_pages():
    lines = RuledLines(10, spacing=20)
    assert lines.wrap(400, 1000) == (400, 205)
    first, rest = lines.split(400, 105)
    assert (first.count, rest.count) == (5, 5)
    assert lines.split(400, 10) == []
