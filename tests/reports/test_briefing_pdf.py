"""Tests for the four briefing documents as HD 36 PDFs, from hand-made data.

The sample round at the top (two sittings, attendance, issues in every status, one carried
over) is shared with the DOCX tests.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from partydesk.domain.briefing import (
    Attendance,
    Briefing,
    BriefingIssue,
    Half,
    IssueKind,
    IssueStatus,
    Sitting,
)
from partydesk.domain.documents import SignatureBlock
from partydesk.reports.briefing_attendance import attendance_document
from partydesk.reports.briefing_conclusions import conclusions_document
from partydesk.reports.briefing_data import (
    BriefingPapers,
    InvitedOrganisation,
    IssuingOffice,
    Numbered,
    SittingPapers,
)
from partydesk.reports.briefing_invitation import invitation_document
from partydesk.reports.briefing_minutes import minutes_document
from partydesk.reports.briefing_pdf import render_pdf

from .test_hd36 import (
    assert_in_order,
    assert_nfc_only,
    assert_only_embedded_liberation_fonts,
    squash,
)

OFFICE = IssuingOffice(
    upper_body="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    issuer="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
    full_name="Đảng ủy phường An Khánh",
    place="An Khánh",
    signer=SignatureBlock("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Phạm Đình Thịnh"),
)
ABC = "Chi bộ Công ty cổ phần ABC"
XUAN = "Chi bộ Công ty TNHH Xuân Phong"
BAO_HUY = "Chi bộ Bệnh viện Bảo Huy"
HONG = "Đảng bộ Công ty Hồng Minh"
JULY_9 = date(2026, 7, 9)
JULY_10 = date(2026, 7, 10)
PRINTED = date(2026, 6, 20)

SITTINGS = (
    Sitting(JULY_9, "Cụm 1", time(8, 0), time(11, 0), id=11),
    Sitting(JULY_10, "Cụm 2", time(14, 0), time(16, 30), "Nhà văn hóa tổ 5", id=12),
)
ISSUES = (
    BriefingIssue(
        1,
        IssueKind.PROPOSAL,
        "Hỗ trợ kinh phí sinh hoạt chi bộ",
        "Văn phòng Đảng ủy",
        "Đã bố trí 2 triệu đồng mỗi quý",
        IssueStatus.RESOLVED,
        JULY_10,
        date(2026, 7, 20),
        organisation_name=ABC,
    ),
    BriefingIssue(
        2,
        IssueKind.DIFFICULTY,
        "Đảng viên làm ca đêm khó dự sinh hoạt",
        "Ban Xây dựng Đảng",
        "",
        IssueStatus.IN_PROGRESS,
        date(2026, 9, 30),
        organisation_name=XUAN,
    ),
    BriefingIssue(
        1,
        IssueKind.PROBLEM,
        "Chưa rõ thủ tục chuyển sinh hoạt tạm thời",
        "",
        "Hướng dẫn tại hội nghị",
        IssueStatus.ANSWERED,
        organisation_name=ABC,
    ),
    BriefingIssue(
        3, IssueKind.PROPOSAL, "Tập huấn nghiệp vụ cho bí thư mới", organisation_name=HONG
    ),
)
CARRIED = (
    BriefingIssue(
        4,
        IssueKind.PROPOSAL,
        "Cấp lại thẻ đảng viên bị mất",
        "Ban Tổ chức",
        "Đang làm thủ tục",
        IssueStatus.IN_PROGRESS,
        date(2026, 8, 31),
        briefing_id=1,
        organisation_name=BAO_HUY,
    ),
)
BRIEFING = Briefing(
    2026,
    Half.FIRST,
    SITTINGS,
    "Hội trường Đảng ủy phường An Khánh",
    "Phạm Đình Thịnh",
    "Bí thư Đảng ủy phường",
    ("Báo cáo tình hình 6 tháng đầu năm", "Các chi bộ phát biểu"),
    date(2026, 6, 30),
    held=True,
    opening="Đồng chí Chánh Văn phòng tuyên bố lý do.",
    report_summary="Toàn khối có 42 chi bộ, 620 đảng viên.\nKết nạp 12 đảng viên mới.",
    discussion="Các chi bộ nêu khó khăn về thời gian sinh hoạt.",
    conclusion="Các chi bộ duy trì sinh hoạt định kỳ.\nHoàn thành kết nạp đảng viên đúng hạn.",
    secretary_name="Lê Thu Trang",
    issues=ISSUES,
    id=5,
)


def sample_papers(number: Numbered | None = None, organisations: int = 0) -> BriefingPapers:
    """The sample round; ``organisations`` adds that many more cells to the first sitting."""
    first = (
        InvitedOrganisation(
            ABC,
            "Nguyễn Văn An",
            "Nguyễn Văn An",
            "Bí thư",
            Attendance.PRESENT,
            report_received_on=date(2026, 6, 28),
        ),
        InvitedOrganisation(
            XUAN, "", attendance=Attendance.ABSENT, absence_reason="Đi công tác nước ngoài"
        ),
        *(
            InvitedOrganisation(f"Chi bộ Công ty số {n}", f"Trần Văn Số {n}")
            for n in range(1, organisations + 1)
        ),
    )
    second = (
        InvitedOrganisation(
            BAO_HUY,
            "Đỗ Thị Bình",
            "Vũ Minh Châu",
            "Phó Bí thư",
            Attendance.PRESENT,
            report_received_on=date(2026, 7, 2),
        ),
        InvitedOrganisation(HONG, "Hoàng Văn Dũng", attendance=Attendance.PRESENT),
    )
    return BriefingPapers(
        office=OFFICE,
        briefing=BRIEFING,
        sittings=(
            SittingPapers(SITTINGS[0], BRIEFING.place, first, Numbered("Số 01-GM/ĐU", PRINTED)),
            SittingPapers(SITTINGS[1], SITTINGS[1].place, second, Numbered("Số 02-GM/ĐU", PRINTED)),
        ),
        number=number,
        carried_issues=CARRIED,
    )


def render(document) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_pdf(document, out)
    return out.getvalue(), pages


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_one_invitation_per_organisation_with_its_sitting_number():
    pdf, pages = render(invitation_document(sample_papers()))
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == len(reader.pages) == 4
    texts = [squash(page.extract_text()) for page in reader.pages]
    assert "Số 01-GM/ĐU" in texts[0] and "Số 01-GM/ĐU" in texts[1]
    assert "Số 02-GM/ĐU" in texts[2] and "Số 02-GM/ĐU" in texts[3]
    assert "Đồng chí Nguyễn Văn An, Bí thư chi bộ Công ty cổ phần ABC" in texts[0]
    # No bí thư in the register: addressed to the post.
    assert "Kính gửi: Đồng chí Bí thư chi bộ Công ty TNHH Xuân Phong" in texts[1]
    assert "Bí thư đảng bộ Công ty Hồng Minh" in texts[3]
    assert_in_order(
        texts[2],
        [
            "GIẤY MỜI",
            "dự hội nghị giao ban 6 tháng đầu năm 2026",
            "Kính gửi:",
            "Thời gian: 14 giờ 00, thứ Sáu, ngày 10 tháng 7 năm 2026",
            "Địa điểm: Nhà văn hóa tổ 5",
            "+ Báo cáo tình hình 6 tháng đầu năm.",
            "trước ngày 30/06/2026",
            "Nơi nhận:",
            "Lưu Văn phòng.",
            "T/M BAN THƯỜNG VỤ",
            "Phạm Đình Thịnh",
        ],
    )
    assert "An Khánh, ngày 20 tháng 6 năm 2026" in texts[0]
    assert "Cụm 2" in texts[2] and "Hội trường Đảng ủy" in texts[0]


def test_one_letter_per_sitting_appends_the_invited_organisations():
    pdf, _ = render(invitation_document(sample_papers(), one_letter=True))
    texts = [squash(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(texts) == 4  # a letter and its list, for each sitting
    assert "Kính gửi: Đồng chí bí thư các chi bộ, đảng bộ cơ sở có tên trong danh sách" in texts[0]
    assert_in_order(
        texts[1],
        [
            "DANH SÁCH TỔ CHỨC ĐẢNG ĐƯỢC MỜI",
            "Kèm theo Giấy mời 01-GM/ĐU ngày 20/06/2026",
            ABC,
            XUAN,
        ],
    )
    assert_in_order(texts[3], ["02-GM/ĐU", BAO_HUY, "Đỗ Thị Bình", HONG, "Hoàng Văn Dũng"])
    assert ABC not in texts[3]


def test_the_attendance_sheet_repeats_its_heading_on_every_page(tmp_path: Path):
    pdf, pages = render(attendance_document(sample_papers(organisations=30)))
    texts = [squash(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages >= 4  # 32 tall rows run over several pages, then the second sitting
    first_sitting = [t for t in texts if "Cụm 2" not in t and BAO_HUY not in t]
    assert len(first_sitting) >= 3
    for text in texts:
        assert_in_order(text, ["STT", "Tổ chức đảng", "Họ và tên người dự", "Chức vụ", "Ký tên"])
    whole = "\n".join(texts)
    assert re.search(r"Số \d+-", whole) is None  # an attachment: no number
    assert_in_order(whole, ["DANH SÁCH ĐẠI BIỂU", "Cụm 1: 8 giờ 00, ngày 09/07/2026", ABC])
    assert "Trần Văn Số 30" in whole and "Tổng số: 32 tổ chức đảng được mời." in whole
    # The recorded attendee signs, else the bí thư from the register.
    assert_in_order(
        whole, [BAO_HUY, "Vũ Minh Châu", "Phó Bí thư", HONG, "Hoàng Văn Dũng", "Bí thư"]
    )
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    assert_only_embedded_liberation_fonts(path)


def test_the_biên_bản_follows_the_template():
    papers = sample_papers(Numbered("Số 03-BB/ĐU", JULY_10))
    pdf, _ = render(minutes_document(papers))
    text = squash(text_of(pdf))
    assert_nfc_only(text)
    assert_in_order(
        text,
        [
            "Số 03-BB/ĐU",
            "An Khánh, ngày 10 tháng 7 năm 2026",
            "BIÊN BẢN",
            "Hội nghị giao ban 6 tháng đầu năm 2026",
            "I. THỜI GIAN, ĐỊA ĐIỂM",
            "Buổi 1 (Cụm 1): 8 giờ 00, thứ Năm, ngày 09 tháng 7 năm 2026",
            "Buổi 2 (Cụm 2)",
            "II. THÀNH PHẦN",
            "Chủ trì: đồng chí Phạm Đình Thịnh, Bí thư Đảng ủy phường.",
            "Thư ký: đồng chí Lê Thu Trang.",
            "được mời: 4; có mặt: 3; vắng: 1",
            f"+ {XUAN}: Đi công tác nước ngoài.",
            "đã nhận 2/4 (hạn 30/06/2026; nộp muộn: 1)",
            "III. NỘI DUNG HỘI NGHỊ",
            "tuyên bố lý do",
            "1. Báo cáo tình hình 6 tháng",
            "Kết nạp 12 đảng viên mới.",
            "2. Ý kiến thảo luận",
            "3. Khó khăn, vướng mắc, kiến nghị",
            f"- {ABC}:",
            "+ Kiến nghị: Hỗ trợ kinh phí sinh hoạt chi bộ. Trả lời (Văn phòng Đảng ủy): Đã bố trí",
            "+ Vướng mắc: Chưa rõ thủ tục",
            f"- {XUAN}:",
            "Giao Ban Xây dựng Đảng giải quyết.",
            f"- {HONG}:",
            "IV. KẾT LUẬN CỦA CHỦ TRÌ",
            "Hoàn thành kết nạp đảng viên đúng hạn.",
            "Hội nghị kết thúc lúc 16 giờ 30 cùng ngày.",
            "THƯ KÝ",
            "CHỦ TRÌ",
        ],
    )
    assert "Cấp lại thẻ" not in text  # carried issues belong to the thông báo, not the biên bản


def test_an_empty_part_is_left_out_of_the_biên_bản():
    papers = sample_papers(Numbered("Số 03-BB/ĐU", JULY_10))
    bare = replace(papers.briefing, report_summary="", discussion="", conclusion="", issues=())
    text = squash(text_of(render(minutes_document(replace(papers, briefing=bare)))[0]))
    assert "IV." not in text and "Ý kiến thảo luận" not in text
    assert "III. KẾT LUẬN" not in text and "III. NỘI DUNG HỘI NGHỊ" in text


def test_the_thông_báo_lists_issues_with_their_answers_and_the_carried_ones():
    papers = sample_papers(Numbered("Số 04-TB/ĐU", PRINTED))
    pdf, _ = render(conclusions_document(papers))
    text = squash(text_of(pdf))
    assert_in_order(
        text,
        [
            "Số 04-TB/ĐU",
            "THÔNG BÁO",
            "kết luận hội nghị giao ban 6 tháng đầu năm 2026",
            "Ngày 09/07/2026, 10/07/2026, tại Hội trường Đảng ủy phường An Khánh; Nhà văn hóa",
            "Dự hội nghị có 3/4 tổ chức đảng được mời.",
            "kết luận như sau:",
            "Các chi bộ duy trì sinh hoạt định kỳ.",
            "Cơ quan giải quyết, trả lời",
            "Hỗ trợ kinh phí",
            "Đã bố trí 2 triệu đồng mỗi quý",
            "Đã giải quyết",
            "Đảng viên làm ca đêm",
            "Đang xử lý",
            "hạn 30/09/2026",
            "Hướng dẫn tại hội nghị",
            "Tập huấn nghiệp vụ",
            "Mới",
            BAO_HUY,
            "Cấp lại thẻ đảng viên bị mất (từ kỳ trước)",
            "Nơi nhận:",
            "Các chi bộ, đảng bộ cơ sở trong doanh nghiệp,",
            "Lưu Văn phòng.",
            "Phạm Đình Thịnh",
        ],
    )


@pytest.mark.parametrize(
    "build",
    [invitation_document, attendance_document, minutes_document, conclusions_document],
)
def test_every_document_embeds_only_the_bundled_fonts_and_is_reproducible(build, tmp_path):
    papers = sample_papers(Numbered("Số 01-BB/ĐU", JULY_10))
    first, _ = render(build(papers))
    second, _ = render(build(papers))
    assert first == second
    path = tmp_path / "doc.pdf"
    path.write_bytes(first)
    assert_only_embedded_liberation_fonts(path)
    assert_nfc_only(text_of(first))
