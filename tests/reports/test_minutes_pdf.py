"""Tests for one biên bản as a PDF (``partydesk.reports.minutes``).

The sample meeting at the top, with every field of the template filled, is shared with the
minute book, DOCX and blank template tests.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from partydesk.domain.documents import DocumentHeader, format_document_number
from partydesk.domain.meeting import (
    Addendum,
    AgendaItem,
    Guest,
    Meeting,
    MeetingForm,
    MeetingKind,
    MeetingState,
    Opinion,
    Presence,
    RollEntry,
    Task,
    Vote,
    VoteForm,
    VoteKind,
)
from partydesk.domain.member import MemberStatus, Standing
from partydesk.reports.fonts import SERIF
from partydesk.reports.minutes import (
    BlockKind,
    PlainText,
    minutes_blocks,
    render_minutes,
    vote_line,
)
from partydesk.reports.minutes_data import MinutesDocument

from .test_hd36 import (
    assert_in_order,
    assert_nfc_only,
    assert_only_embedded_liberation_fonts,
    page_top_texts,
    pdf_text,
    squash,
)

CHAIR = "Nguyễn Thị Hương"
SECRETARY = "Trần Văn Bình"
ORGANISATION = "Chi bộ Công ty cổ phần Đức Thành"

# (name, standing, status, presence, reason)
ROLL = (
    (CHAIR, Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.PRESENT, ""),
    (SECRETARY, Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.PRESENT, ""),
    ("Lê Đức Cường", Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.EXCUSED, "Đi công tác"),
    ("Phạm Thị Dung", Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.PRESENT, ""),
    ("Hoàng Văn Đạt", Standing.PROBATIONARY, MemberStatus.ACTIVE, Presence.PRESENT, ""),
    ("Vũ Thị Hà", Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.PRESENT, ""),
    ("Đặng Quốc Hùng", Standing.OFFICIAL, MemberStatus.EXEMPT, Presence.EXCUSED, "Ốm dài ngày"),
    (
        "Bùi Thị Lan",
        Standing.OFFICIAL,
        MemberStatus.TEMP_AWAY,
        Presence.EXCUSED,
        "Sinh hoạt tạm thời nơi khác",
    ),
    ("Đỗ Minh Long", Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.UNEXCUSED, ""),
    ("Ngô Thị Ước", Standing.OFFICIAL, MemberStatus.TEMP_GUEST, Presence.PRESENT, ""),
    ("Dương Văn Ơn", Standing.OFFICIAL, MemberStatus.ACTIVE, Presence.PRESENT, ""),
)
# Vote base (domain §1.5): 9 official own members, minus 1 away on sinh hoạt tạm thời, minus
# 1 exempt and absent = 7.
VOTE_BASE = 7

SUMMARY = (
    "Trong tháng, chi bộ đã lãnh đạo hoàn thành kế hoạch sản xuất kinh doanh, doanh thu đạt "
    "105% kế hoạch; công tác an toàn lao động được bảo đảm.\nĐề nghị chi bộ thảo luận, bổ sung."
)


def sample_roll() -> tuple[RollEntry, ...]:
    return tuple(
        RollEntry(i, name, standing, status, presence, reason)
        for i, (name, standing, status, presence, reason) in enumerate(ROLL, start=1)
    )


def sample_agenda(items: int = 2, opinions: int = 2) -> tuple[AgendaItem, ...]:
    titles = (
        "Thông tin thời sự, quán triệt văn bản cấp trên",
        "Đánh giá kết quả tháng 3, nhiệm vụ tháng 4 năm 2026",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Công tác phát triển đảng viên",
        "Tình hình tư tưởng của đảng viên và người lao động",
        "Công tác kiểm tra, giám sát",
    )
    speakers = ("Phạm Thị Dung", "Vũ Thị Hà", "Dương Văn Ơn", "Lê Văn Sơn")
    return tuple(
        AgendaItem(
            title=titles[k % len(titles)],
            presenter=CHAIR if k % 2 == 0 else SECRETARY,
            summary=SUMMARY,
            opinions=tuple(
                Opinion(
                    speakers[(k + j) % len(speakers)],
                    f"Ý kiến {k + 1}.{j + 1}: nhất trí với báo cáo; đề nghị bổ sung giải pháp "
                    "phát triển đảng viên trong công nhân trực tiếp sản xuất.",
                )
                for j in range(opinions)
            ),
            conclusion=f"Chi bộ thống nhất nội dung {k + 1}.",
        )
        for k in range(items)
    )


def sample_meeting(**changes: object) -> Meeting:
    meeting = Meeting(
        organisation_id=1,
        on=date(2026, 3, 15),
        kind=MeetingKind.REGULAR,
        id=5,
        starts=time(14, 0),
        ends=time(16, 15),
        place="Hội trường tầng 2, Công ty cổ phần Đức Thành",
        form=MeetingForm.HYBRID,
        roll=sample_roll(),
        guests=(
            Guest("Lê Văn Sơn", "Đảng ủy viên", "Đảng ủy phường An Khánh"),
            Guest("Trần Thị Yến", "Chủ tịch công đoàn", "Công ty", upper_level=False),
        ),
        chair_member_id=1,
        secretary_member_id=2,
        dues_collected=1_250_000,
        agenda=sample_agenda(),
        conclusion="Chi bộ thống nhất nghị quyết tháng 4 năm 2026.\nMột là, hoàn thành kế hoạch.",
        votes=(
            Vote("Thông qua nghị quyết tháng 4 năm 2026", 7, 0, 0),
            Vote(
                "Đề nghị kết nạp quần chúng Lê Văn Tùng",
                4,
                2,
                1,
                VoteKind.ADMISSION,
                VoteForm.SECRET_BALLOT,
            ),
        ),
        tasks=(
            Task(
                "Hoàn thiện hồ sơ kết nạp quần chúng Lê Văn Tùng", SECRETARY, 2, date(2026, 4, 10)
            ),
            Task("Tổ chức hội thi an toàn lao động", "Phạm Thị Dung", 4, date(2026, 4, 30)),
        ),
        quality_score=92,
        minutes_read_at=time(16, 5),
        number=7,
        state=MeetingState.APPROVED,
        approved_on=date(2026, 3, 16),
        override_reason="Đồng chí thư ký đến muộn 10 phút",
        addenda=(
            Addendum(date(2026, 4, 2), "Mục 2, dòng 3: sửa “105%” thành “103%”."),
            Addendum(date(2026, 4, 20), "Bổ sung: đồng chí Vũ Thị Hà vắng phần cuối."),
        ),
    )
    return replace(meeting, **changes)


def sample_header(meeting: Meeting) -> DocumentHeader:
    return DocumentHeader(
        upper_body="Đảng bộ phường An Khánh",
        issuer=ORGANISATION,
        number_text=format_document_number(meeting.number, "BB", "CB") if meeting.number else None,
        place="An Khánh",
        date=meeting.on,
    )


EARLIER_TASKS = (
    Task("Rà soát hồ sơ đảng viên", CHAIR, 1, date(2026, 3, 10), date(2026, 3, 15), "đã báo cáo"),
    Task("Sửa mái nhà xưởng", "Dương Văn Ơn", 11, date(2026, 3, 1)),
)


def sample_document(meeting: Meeting | None = None, earlier: tuple[Task, ...] = EARLIER_TASKS):
    meeting = meeting or sample_meeting()
    return MinutesDocument(sample_header(meeting), meeting, ORGANISATION, earlier)


def render(doc: MinutesDocument) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_minutes(doc, out)
    return out.getvalue(), pages


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return render(sample_document())[0]


# Every field of the template with its value, in the order of the template (domain §1.4).
TEMPLATE_ORDER = [
    "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
    "CHI BỘ CÔNG TY CỔ PHẦN ĐỨC THÀNH",
    "*",
    "Số 07-BB/CB",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "An Khánh, ngày 15 tháng 3 năm 2026",
    "BIÊN BẢN",
    "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026",
    "-----",
    "I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC",
    "- Thời gian bắt đầu: 14 giờ 00, ngày 15 tháng 3 năm 2026.",
    "- Địa điểm: Hội trường tầng 2, Công ty cổ phần Đức Thành.",
    "- Hình thức: kết hợp.",
    "II. TÌNH HÌNH ĐẢNG VIÊN",
    "- Tổng số đảng viên: 11 đồng chí; trong đó: chính thức 9, dự bị 1, sinh hoạt tạm thời đến 1.",
    "- Số đảng viên được miễn sinh hoạt: 1 đồng chí.",
    "- Số đảng viên giới thiệu sinh hoạt tạm thời đi nơi khác: 1 đồng chí.",
    "- Có mặt: 7 đồng chí; trong đó: chính thức 5, dự bị 1, sinh hoạt tạm thời 1.",
    "- Vắng có lý do: 3 đồng chí:",
    "+ Đồng chí Lê Đức Cường: Đi công tác.",
    "+ Đồng chí Đặng Quốc Hùng: Ốm dài ngày.",
    "+ Đồng chí Bùi Thị Lan: Sinh hoạt tạm thời nơi khác.",
    "- Vắng không lý do: 1 đồng chí: Đỗ Minh Long.",
    "III. ĐẠI BIỂU, CHỦ TRÌ, THƯ KÝ",
    "- Đại biểu cấp trên:",
    "+ Đồng chí Lê Văn Sơn, Đảng ủy viên, Đảng ủy phường An Khánh.",
    "- Khách mời:",
    "+ Đồng chí Trần Thị Yến, Chủ tịch công đoàn, Công ty.",
    f"- Chủ trì: đồng chí {CHAIR}.",
    f"- Thư ký: đồng chí {SECRETARY}.",
    "IV. NỘI DUNG SINH HOẠT",
    "- Đảng phí: chi bộ đã thu 1.250.000 đồng.",
    "- Kết quả thực hiện nhiệm vụ được phân công ở các kỳ trước:",
    f"+ Đồng chí {CHAIR}: Rà soát hồ sơ đảng viên (thời hạn: 10/03/2026): "
    "đã hoàn thành ngày 15/03/2026 (đã báo cáo).",
    "+ Đồng chí Dương Văn Ơn: Sửa mái nhà xưởng (thời hạn: 01/03/2026): chưa hoàn thành.",
    "1. Thông tin thời sự, quán triệt văn bản cấp trên",
    f"- Người trình bày: đồng chí {CHAIR}.",
    "- Tóm tắt nội dung: Trong tháng, chi bộ đã lãnh đạo hoàn thành kế hoạch",
    "Đề nghị chi bộ thảo luận, bổ sung.",
    "- Ý kiến thảo luận:",
    "+ Đồng chí Phạm Thị Dung: Ý kiến 1.1: nhất trí với báo cáo;",
    "+ Đồng chí Vũ Thị Hà: Ý kiến 1.2:",
    "- Chủ trì kết luận: Chi bộ thống nhất nội dung 1.",
    "2. Đánh giá kết quả tháng 3, nhiệm vụ tháng 4 năm 2026",
    f"- Người trình bày: đồng chí {SECRETARY}.",
    "+ Đồng chí Vũ Thị Hà: Ý kiến 2.1:",
    "+ Đồng chí Dương Văn Ơn: Ý kiến 2.2:",
    "- Chủ trì kết luận: Chi bộ thống nhất nội dung 2.",
    "V. KẾT LUẬN CHUNG, NGHỊ QUYẾT",
    "Chi bộ thống nhất nghị quyết tháng 4 năm 2026.",
    "Một là, hoàn thành kế hoạch.",
    "VI. BIỂU QUYẾT",
    "- Số đảng viên có quyền biểu quyết: 7 đồng chí.",
    "- Thông qua nghị quyết tháng 4 năm 2026: tán thành 7/7 đồng chí (100,0%); "
    "không tán thành 0 (0,0%); không biểu quyết 0 (0,0%). Hình thức: giơ tay. "
    "Kết quả: đạt (cần quá nửa, ít nhất 4 đồng chí tán thành).",
    "- Đề nghị kết nạp quần chúng Lê Văn Tùng: tán thành 4/7 đồng chí (57,1%); "
    "không tán thành 2 (28,6%); không biểu quyết 1 (14,3%). Hình thức: phiếu kín. "
    "Kết quả: không đạt (cần từ hai phần ba, ít nhất 5 đồng chí tán thành).",
    "VII. PHÂN CÔNG NHIỆM VỤ",
    f"- Đồng chí {SECRETARY}: Hoàn thiện hồ sơ kết nạp quần chúng Lê Văn Tùng "
    "(thời hạn: 10/04/2026).",
    "- Đồng chí Phạm Thị Dung: Tổ chức hội thi an toàn lao động (thời hạn: 30/04/2026).",
    "Chi bộ tự chấm điểm chất lượng buổi sinh hoạt: 92 điểm.",
    "Biên bản được thư ký đọc lại và chi bộ thông qua lúc 16 giờ 05.",
    "Buổi sinh hoạt kết thúc lúc 16 giờ 15 cùng ngày.",
    "THƯ KÝ",
    SECRETARY,
    "CHỦ TRÌ",
    CHAIR,
    "Ghi chú: biên bản được thông qua và khóa ngày 16/03/2026 khi còn điểm chưa đúng quy "
    "định; lý do: Đồng chí thư ký đến muộn 10 phút.",
    "ĐÍNH CHÍNH NGÀY 02/04/2026",
    "Mục 2, dòng 3: sửa “105%” thành “103%”.",
    "THƯ KÝ",
    SECRETARY,
    "CHỦ TRÌ",
    CHAIR,
    "ĐÍNH CHÍNH NGÀY 20/04/2026",
    "Bổ sung: đồng chí Vũ Thị Hà vắng phần cuối.",
    "THƯ KÝ",
    SECRETARY,
    "CHỦ TRÌ",
    CHAIR,
]


def test_every_field_and_value_prints_in_template_order(full_pdf):
    text = "\n".join(pdf_text(full_pdf))
    assert_in_order(text, TEMPLATE_ORDER)


def test_vietnamese_text_is_nfc_even_from_nfd_input():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    roll = tuple(replace(e, full_name=nfd) if e.member_id == 1 else e for e in sample_roll())
    meeting = sample_meeting(
        roll=roll, place=unicodedata.normalize("NFD", "Nhà văn hóa Đảng phí"), addenda=()
    )
    text = "\n".join(pdf_text(render(sample_document(meeting))[0]))
    assert_nfc_only(text)
    assert "Nguyễn Thị Hương" in text
    assert "Nhà văn hóa Đảng phí" in text
    assert "Đảng phí: chi bộ đã thu" in text


def test_only_the_bundled_fonts_are_embedded(full_pdf, tmp_path):
    path = tmp_path / "bien-ban.pdf"
    path.write_bytes(full_pdf)
    assert_only_embedded_liberation_fonts(path)


def test_page_numbers_from_page_two(full_pdf):
    tops = page_top_texts(full_pdf)
    assert len(tops) >= 2
    assert tops[0] == []
    for number, found in enumerate(tops[1:], start=2):
        assert found == [str(number)]


def test_number_prints_only_when_the_minutes_are_numbered():
    unnumbered = sample_meeting(number=None)
    text = "\n".join(pdf_text(render(sample_document(unnumbered))[0]))
    assert "-BB/" not in text
    assert "Số " not in squash(text).split("ĐẢNG CỘNG SẢN")[0]


def test_empty_optional_parts_are_left_out():
    bare = sample_meeting(
        guests=(),
        dues_collected=None,
        agenda=(AgendaItem("Đánh giá kết quả tháng 3"),),
        conclusion="",
        votes=(),
        tasks=(),
        quality_score=None,
        minutes_read_at=None,
        override_reason="",
        addenda=(),
    )
    text = squash("\n".join(pdf_text(render(sample_document(bare, earlier=()))[0])))
    for absent in (
        "Đại biểu cấp trên",
        "Khách mời",
        "Đảng phí",
        "Kết quả thực hiện nhiệm vụ",
        "Người trình bày",
        "Tóm tắt nội dung",
        "Ý kiến thảo luận",
        "Chủ trì kết luận",
        "KẾT LUẬN CHUNG",
        "BIỂU QUYẾT",
        "PHÂN CÔNG",
        "chấm điểm",
        "đọc lại",
        "Ghi chú",
        "ĐÍNH CHÍNH",
        "....",
    ):
        assert absent not in text, absent
    # The remaining parts are renumbered without gaps.
    assert_in_order(
        text,
        [
            "I. THỜI GIAN",
            "II. TÌNH HÌNH ĐẢNG VIÊN",
            "III. CHỦ TRÌ, THƯ KÝ",
            "IV. NỘI DUNG SINH HOẠT",
            "1. Đánh giá kết quả tháng 3",
            "Buổi sinh hoạt kết thúc lúc 16 giờ 15 cùng ngày.",
            "THƯ KÝ",
        ],
    )
    assert "V. " not in text.split("IV. NỘI DUNG")[1]


def test_no_absence_is_said_in_words():
    everyone = tuple(replace(e, presence=Presence.PRESENT, reason="") for e in sample_roll())
    blocks = [b.text for b in minutes_blocks(sample_document(sample_meeting(roll=everyone)))]
    assert "- Vắng có lý do: không có." in blocks
    assert "- Vắng không lý do: không có." in blocks


@pytest.mark.parametrize(
    ("vote", "expected"),
    [
        # Ordinary questions need more than half of the base (7): 4.
        (Vote("A", 4, 3, 0), "tán thành 4/7 đồng chí (57,1%)"),
        (Vote("A", 4, 3, 0), "Kết quả: đạt (cần quá nửa, ít nhất 4"),
        (Vote("A", 3, 1, 3), "Kết quả: không đạt (cần quá nửa, ít nhất 4"),
        # Kết nạp and công nhận chính thức need two thirds: ceil(14/3) = 5.
        (Vote("A", 5, 2, 0, VoteKind.ADMISSION), "Kết quả: đạt (cần từ hai phần ba, ít nhất 5"),
        (
            Vote("A", 4, 3, 0, VoteKind.OFFICIAL_RECOGNITION),
            "Kết quả: không đạt (cần từ hai phần ba",
        ),
        (Vote("A", 2, 0, 0, form=VoteForm.SECRET_BALLOT), "Hình thức: phiếu kín."),
    ],
)
def test_vote_lines_against_the_base(vote, expected):
    assert expected in vote_line(vote, VOTE_BASE)


def test_vote_base_is_computed_from_the_roll():
    assert sample_meeting().vote_base == VOTE_BASE
    blocks = minutes_blocks(sample_document())
    assert any(
        b.text == f"- Số đảng viên có quyền biểu quyết: {VOTE_BASE} đồng chí." for b in blocks
    )


def test_addenda_print_after_the_signatures_each_with_its_own():
    kinds = [b.kind for b in minutes_blocks(sample_document())]
    first_signature = kinds.index(BlockKind.SIGNATURES)
    addenda = [i for i, kind in enumerate(kinds) if kind is BlockKind.ADDENDUM]
    assert len(addenda) == 2 and all(i > first_signature for i in addenda)
    assert kinds.count(BlockKind.SIGNATURES) == 3
    assert kinds[-1] is BlockKind.SIGNATURES


def test_the_override_note_only_for_minutes_approved_with_a_reason():
    plain = sample_document(sample_meeting(override_reason=""))
    assert not any(b.kind is BlockKind.NOTE for b in minutes_blocks(plain))
    draft = sample_document(sample_meeting(state=MeetingState.DRAFT, approved_on=None))
    assert not any(b.kind is BlockKind.NOTE for b in minutes_blocks(draft))


def test_a_long_meeting_keeps_headings_and_signatures_with_their_text():
    meeting = sample_meeting(agenda=sample_agenda(items=6, opinions=6))
    doc = sample_document(meeting)
    pdf, pages = render(doc)
    assert pages >= 4
    headings = {
        squash(b.text)
        for b in minutes_blocks(doc)
        if b.kind in (BlockKind.SECTION, BlockKind.ITEM_TITLE) or b.text.endswith(":")
    }
    texts = pdf_text(pdf)
    for page in texts[:-1]:
        lines = [squash(line) for line in page.splitlines() if line.strip()]
        assert lines[-1] not in headings, f"heading {lines[-1]!r} left at the foot of a page"
    signed = next(p for p in texts if any(line.strip() == "THƯ KÝ" for line in p.splitlines()))
    assert "Buổi sinh hoạt kết thúc lúc" in signed


def test_metadata_names_the_meeting(full_pdf):
    info = PdfReader(io.BytesIO(full_pdf)).metadata
    assert info.title == "Biên bản – Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026"
    assert info.author == ORGANISATION


BODY = ParagraphStyle(
    "TestBody", fontName=SERIF, fontSize=13, leading=16, firstLineIndent=28, spaceBefore=3
)


def test_plain_text_splits_without_orphans_or_widows():
    style = BODY
    text = " ".join(f"từ{i}" for i in range(200))
    paragraph = PlainText(text, style)
    _, height = paragraph.wrap(300, 10_000)
    lines = round(height / style.leading)
    assert lines > 4
    # Room for all but one line: the last line does not go over alone.
    head, tail = paragraph.split(300, (lines - 1) * style.leading)
    assert head.wrap(300, 10_000)[1] == (lines - 2) * style.leading
    assert tail.wrap(300, 10_000)[1] == 2 * style.leading
    assert f"{head.text} {tail.text}" == text
    assert (head.first, head.last, tail.first, tail.last) == (True, False, False, True)
    assert tail.getSpaceBefore() == 0 and head.getSpaceAfter() == 0
    # Room for one line only: the first line does not stay behind alone.
    assert paragraph.split(300, style.leading * 1.5) == []


def test_plain_text_cuts_a_word_longer_than_the_line():
    style = BODY
    word = "Đ" * 80
    paragraph = PlainText(f"Mã {word} hết", style)
    paragraph.wrap(200, 1000)
    lines = paragraph._broken(200)
    assert len(lines) >= 3
    assert "".join("".join(line) for line in lines) == f"Mã{word}hết"
    font, size = style.fontName, style.fontSize
    for index, line in enumerate(lines):
        room = 200 - (style.firstLineIndent if index == 0 else 0)
        assert pdfmetrics.stringWidth(" ".join(line), font, size) <= room + 0.01
