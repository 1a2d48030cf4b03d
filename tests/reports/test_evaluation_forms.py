"""Tests for the printed papers of the annual evaluation, from hand-made papers.

Each paper is rendered through the briefing machinery and read back as text: the pre-filled
fields, the form's code per case, the score line only under a scored rule set, the ballot's
rows and columns, the count's numbers and shares, the decision's articles, one PDF for many
papers with each paper's own page numbers, cancelling, and the embedded fonts.
"""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_TAB_LEADER
from pypdf import PdfReader

from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.domain.evaluation import Level, MemberForm
from partydesk.domain.rule_sets import BUILTIN_RULE_SETS
from partydesk.reports.briefing_docx import write_docx
from partydesk.reports.briefing_pdf import render_pdf
from partydesk.reports.evaluation_ballots import ballot_document, count_record_document
from partydesk.reports.evaluation_decision import decision_document
from partydesk.reports.evaluation_forms import member_form_document, org_form_document
from partydesk.reports.evaluation_papers import (
    BallotPaper,
    CountRecordPaper,
    CountRow,
    DecidedMember,
    DecisionPaper,
    MemberFormPaper,
    OrgFormPaper,
    form_title_parts,
    percent_text,
)
from partydesk.reports.evaluation_pdf import RenderCancelled, render_papers

from .test_hd36 import (
    assert_in_order,
    assert_nfc_only,
    assert_only_embedded_liberation_fonts,
    page_top_texts,
    squash,
)

QD124, QD366 = BUILTIN_RULE_SETS[1], BUILTIN_RULE_SETS[2]
NAMES = QD366.level_names
ABC = "Chi bộ Công ty cổ phần ABC"
CELL_HEADER = DocumentHeader(
    "ĐẢNG BỘ PHƯỜNG AN KHÁNH", "CHI BỘ CÔNG TY CỔ PHẦN ABC", None, "An Khánh", None
)
OFFICE_HEADER = DocumentHeader(
    "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG AN KHÁNH", None, "An Khánh", date(2026, 1, 15)
)
COMMITTEE_SIGNATURE = SignatureBlock("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "")


def member_paper(kind_code: str = "2C", rule_set=QD366, **changes) -> MemberFormPaper:
    spec = next(spec for _, spec in rule_set.member_forms if spec.code == kind_code)
    title, usage = form_title_parts(spec.title)
    paper = MemberFormPaper(
        header=CELL_HEADER,
        form_code=spec.full_code,
        title=title,
        usage=usage,
        year=rule_set.first_year,
        member_name="Nguyễn Thị Hồng Nhung",
        birth_date=date(1988, 3, 7),
        party_post="Đảng viên",
        job_title="Kế toán trưởng",
        workplace="Công ty cổ phần ABC",
        organisation_name=ABC,
        leader=kind_code.endswith("B"),
        scored=rule_set.scored,
        level_names=rule_set.level_names,
        cell_signature=SignatureBlock("T/M CHI ỦY", "BÍ THƯ", "Trần Văn Bình"),
        committee_name="Đảng ủy phường An Khánh",
        committee_signature=COMMITTEE_SIGNATURE,
    )
    return replace(paper, **changes)


def org_paper(scored: bool = True) -> OrgFormPaper:
    return OrgFormPaper(
        header=CELL_HEADER,
        form_code="Mẫu 01-HD KĐ.ĐG 2025",
        title="Báo cáo kiểm điểm tập thể",
        year=2025,
        organisation_name=ABC,
        scored=scored,
        level_names=NAMES,
        signature=SignatureBlock("T/M CHI ỦY", "BÍ THƯ", "Trần Văn Bình"),
    )


def ballot_paper(members: int = 3) -> BallotPaper:
    names = ("Trần Văn Bình", "Lê Thị Cúc", "Phạm Đức Duy")
    extra = tuple(f"Đảng viên Số {n}" for n in range(4, members + 1))
    return BallotPaper(CELL_HEADER, 2025, ABC, (names + extra)[:members], NAMES)


def count_paper() -> CountRecordPaper:
    return CountRecordPaper(
        header=replace(CELL_HEADER, number_text="Số 05-BB/CB", date=date(2025, 12, 12)),
        year=2025,
        organisation_name=ABC,
        counted_on=date(2025, 12, 12),
        place="Hội trường Công ty cổ phần ABC",
        counters=("Lê Thị Cúc", "Phạm Đức Duy", "Vũ Minh Châu"),
        issued=14,
        returned=13,
        invalid=1,
        rows=(
            CountRow("Trần Văn Bình", (7, 4, 1, 0), Level.EXCELLENT),
            CountRow("Lê Thị Cúc", (2, 3, 6, 1), Level.COMPLETED),
            CountRow("Phạm Đức Duy", (0, 0, 6, 6), None),
        ),
        level_names=NAMES,
    )


def decision_paper(number: str | None = None) -> DecisionPaper:
    return DecisionPaper(
        header=replace(OFFICE_HEADER, number_text=number),
        issuer_abbreviation="ĐU",
        deciding_body="Ban Thường vụ Đảng ủy phường An Khánh",
        committee_name="Đảng ủy phường An Khánh",
        year=2025,
        regulation=QD366.regulation,
        guidance=QD366.guidance,
        organisation_name=ABC,
        proposal="Tờ trình số 03-TTr/CB ngày 15/12/2025",
        org_level=Level.GOOD,
        members=(
            DecidedMember("Trần Văn Bình", Level.EXCELLENT),
            DecidedMember("Lê Thị Cúc", Level.GOOD),
            DecidedMember("Phạm Đức Duy", Level.GOOD),
            DecidedMember("Vũ Minh Châu", Level.FAILED),
        ),
        level_names=NAMES,
        signature=SignatureBlock("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Đình Thịnh"),
    )


def render(document) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_pdf(document, out)
    return out.getvalue(), pages


def texts_of(pdf: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


# --- the member's form ------------------------------------------------------------------------


def test_the_2c_form_prints_the_identity_and_every_section_in_order():
    pdf, pages = render(member_form_document(member_paper("2C")))
    assert 2 <= pages <= 3
    text = squash(" ".join(texts_of(pdf)))
    assert_nfc_only(text)
    assert_in_order(
        text,
        [
            "Mẫu 2C-HD KĐ.ĐG 2025",
            "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
            "CHI BỘ CÔNG TY CỔ PHẦN ABC",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "An Khánh, ngày ..... tháng ..... năm 20...",
            "BẢN KIỂM ĐIỂM ĐẢNG VIÊN",
            "Năm 2025",
            "(Dùng cho đảng viên không làm việc trong hệ thống chính trị)",
            "- Họ và tên: Nguyễn Thị Hồng Nhung",
            "- Ngày sinh: 07/03/1988",
            "- Chức vụ đảng: Đảng viên",
            "vị trí việc làm: Kế toán trưởng",
            "- Đơn vị công tác: Công ty cổ phần ABC",
            f"- Sinh hoạt tại: {ABC}",
            "I. Ưu điểm, kết quả đạt được",
            "1. Về tư tưởng chính trị",
            "3. Việc thực hiện cam kết tu dưỡng",
            "II. Hạn chế, khuyết điểm và nguyên nhân",
            "III. Kết quả khắc phục",
            "IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
            "V. Phương hướng, biện pháp khắc phục",
            "VI. Tự nhận mức xếp loại chất lượng",
            "Tự chấm điểm: ............ /100 điểm",
            *(f"□ {name}" for name in NAMES),
            "NGƯỜI TỰ KIỂM ĐIỂM",
            "(Ký, ghi rõ họ tên)",
            "Nguyễn Thị Hồng Nhung",
            "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI ỦY (CHI BỘ)",
            "Chi bộ đề xuất xếp loại:",
            "ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN CỦA CẤP ỦY CÓ THẨM QUYỀN",
            "Đảng ủy phường An Khánh xếp loại:",
            "T/M CHI ỦY",
            "Trần Văn Bình",
            "T/M BAN THƯỜNG VỤ",
        ],
    )
    assert "Làm rõ trách nhiệm" not in text  # only on a leader's form


def test_the_leaders_form_adds_the_collectives_section():
    text = squash(" ".join(texts_of(render(member_form_document(member_paper("2B")))[0])))
    assert_in_order(
        text,
        [
            "Mẫu 2B-HD KĐ.ĐG 2025",
            "BẢN TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG",
            "(Dùng cho cán bộ lãnh đạo, quản lý)",
            "IV. Giải trình",
            "V. Làm rõ trách nhiệm cá nhân đối với hạn chế, khuyết điểm của tập thể",
            "VI. Phương hướng",
            "VII. Tự nhận mức xếp loại chất lượng",
            "Tự chấm điểm",
        ],
    )


def test_an_unscored_rule_set_asks_for_no_score_and_blanks_what_the_register_lacks():
    paper = member_paper("02A", QD124, birth_date=None, party_post="", job_title=" ")
    pdf, pages = render(member_form_document(paper))
    text = squash(" ".join(texts_of(pdf)))
    assert pages <= 3
    assert_in_order(
        text,
        [
            "Mẫu 02A-HD KĐ.ĐG 2023",
            "BẢN KIỂM ĐIỂM CÁ NHÂN",
            "Năm 2023",
            "- Ngày sinh: ........................",
            "- Chức vụ đảng: ........................",
            "vị trí việc làm: ........................",
            "- Đơn vị công tác: Công ty cổ phần ABC",
        ],
    )
    assert "chấm điểm" not in text and "/100" not in text


def test_a_rule_set_form_title_splits_into_title_and_usage():
    assert form_title_parts(QD366.form_for(MemberForm.OUTSIDE).title) == (
        "Bản kiểm điểm đảng viên",
        "Dùng cho đảng viên không làm việc trong hệ thống chính trị",
    )
    assert form_title_parts("Bản kiểm điểm cá nhân") == ("Bản kiểm điểm cá nhân", "")


# --- Mẫu 01 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("scored", [True, False])
def test_the_collective_report_is_prefilled_and_scored_only_when_the_year_is(scored):
    text = squash(" ".join(texts_of(render(org_form_document(org_paper(scored)))[0])))
    assert_in_order(
        text,
        [
            "Mẫu 01-HD KĐ.ĐG 2025",
            "CHI BỘ CÔNG TY CỔ PHẦN ABC",
            "BÁO CÁO KIỂM ĐIỂM TẬP THỂ",
            "Năm 2025",
            f"{ABC} báo cáo kết quả kiểm điểm tập thể",
            "I. Ưu điểm, kết quả đạt được",
            "II. Hạn chế, khuyết điểm và nguyên nhân",
            "III. Kết quả khắc phục",
            "IV. Phương hướng, biện pháp",
            "V. Tự đánh giá, xếp loại chất lượng tập thể",
            *(f"□ {name}" for name in NAMES),
            "T/M CHI ỦY",
            "BÍ THƯ",
            "Trần Văn Bình",
        ],
    )
    assert ("Tự chấm điểm: ............ /100 điểm" in text) is scored


# --- ballot and count -------------------------------------------------------------------------


def test_the_ballot_lists_the_members_under_the_level_columns_on_every_page():
    pdf, pages = render(ballot_document(ballot_paper(members=45)))
    texts = texts_of(pdf)
    assert pages == len(texts) >= 2
    assert_in_order(
        texts[0],
        [
            "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN",
            "Năm 2025",
            ABC,
            "Đánh dấu X vào một ô tương ứng với mức xếp loại đối với từng đảng viên",
            "1 Trần Văn Bình",
            "2 Lê Thị Cúc",
            "3 Phạm Đức Duy",
        ],
    )
    for text in texts:
        assert_in_order(text, ["STT", "Họ và tên", *NAMES])
    assert "45 Đảng viên Số 45" in texts[-1]
    whole = " ".join(texts)
    assert "Ký" not in whole and "BÍ THƯ" not in whole  # a secret ballot bears no signature


def test_the_count_record_gives_the_counts_the_shares_and_the_results():
    pdf, _ = render(count_record_document(count_paper()))
    text = squash(" ".join(texts_of(pdf)))
    assert_in_order(
        text,
        [
            "Số 05-BB/CB",
            "An Khánh, ngày 12 tháng 12 năm 2025",
            "BIÊN BẢN KIỂM PHIẾU",
            "đánh giá, xếp loại chất lượng đảng viên năm 2025",
            "Hôm nay, ngày 12 tháng 12 năm 2025, tại Hội trường Công ty cổ phần ABC",
            "1. Đồng chí Lê Thị Cúc – Trưởng ban",
            "2. Đồng chí Phạm Đức Duy – Thành viên",
            "- Số phiếu phát ra: 14.",
            "- Số phiếu thu về: 13.",
            "- Số phiếu hợp lệ: 12.",
            "- Số phiếu không hợp lệ: 1.",
            "Kết quả",
            "1 Trần Văn Bình 7 (58,33%) 4 (33,33%) 1 (8,33%) 0 (0,00%)",
            "2 Lê Thị Cúc 2 (16,67%) 3 (25,00%) 6 (50,00%) 1 (8,33%)",
            "3 Phạm Đức Duy 0 (0,00%) 0 (0,00%) 6 (50,00%) 6 (50,00%) Không đủ đa số",
            "mức cao nhất có trên 50% số phiếu hợp lệ, tính cộng dồn từ mức cao nhất",
            "TRƯỞNG BAN KIỂM PHIẾU",
            "Lê Thị Cúc",
        ],
    )
    assert text.count("THÀNH VIÊN") == 2
    assert "Vũ Minh Châu" in text.split("TRƯỞNG BAN KIỂM PHIẾU")[-1]


def test_a_count_record_without_a_ban_kiểm_phiếu_leaves_the_names_to_write():
    paper = replace(count_paper(), counters=(), place="")
    text = squash(" ".join(texts_of(render(count_record_document(paper))[0])))
    assert "tại ........................, Ban kiểm phiếu" in text
    assert "3. Đồng chí ........................ – Thành viên" in text


def test_percentages_use_the_decimal_comma():
    assert percent_text(7, 12) == "58,33%"
    assert percent_text(0, 0) == "0%"


# --- the decision -----------------------------------------------------------------------------


def test_the_decision_recognises_the_organisation_and_its_members():
    pdf, _ = render(decision_document(decision_paper()))
    text = squash(" ".join(texts_of(pdf)))
    assert_in_order(
        text,
        [
            "ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            "-QĐ/ĐU",
            "An Khánh, ngày 15 tháng 01 năm 2026",
            "QUYẾT ĐỊNH",
            "về việc công nhận kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên "
            "năm 2025",
            "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
            "Căn cứ Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị;",
            "Căn cứ Hướng dẫn số 43-HD/BTCTW",
            "Xét đề nghị của chi bộ Công ty cổ phần ABC (Tờ trình số 03-TTr/CB",
            "QUYẾT ĐỊNH:",
            "Điều 1. Công nhận chi bộ Công ty cổ phần ABC đạt mức xếp loại chất lượng năm 2025: "
            "Hoàn thành tốt nhiệm vụ.",
            "Điều 2. Công nhận kết quả xếp loại chất lượng năm 2025 của 4 đảng viên",
            "- Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (25,00%);",
            "- Hoàn thành tốt nhiệm vụ: 2 đồng chí (50,00%);",
            "- Hoàn thành nhiệm vụ: 0 đồng chí (0,00%);",
            "- Không hoàn thành nhiệm vụ: 1 đồng chí (25,00%);",
            "STT Họ và tên Mức xếp loại",
            "1 Trần Văn Bình Hoàn thành xuất sắc nhiệm vụ",
            "4 Vũ Minh Châu Không hoàn thành nhiệm vụ",
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
            "Nơi nhận:",
            "Như Điều 3,",
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ",
            "Phạm Đình Thịnh",
        ],
    )
    assert "Số 12-QĐ/ĐU" not in text


def test_a_numbered_decision_prints_its_number_and_an_undecided_level_is_left_blank():
    paper = replace(
        decision_paper("Số 12-QĐ/ĐU"),
        org_level=None,
        members=(DecidedMember("Trần Văn Bình", None), DecidedMember("Lê Thị Cúc", Level.GOOD)),
    )
    text = squash(" ".join(texts_of(render(decision_document(paper))[0])))
    assert "Số 12-QĐ/ĐU" in text
    assert "chất lượng năm 2025: ........................." in text
    assert "- Chưa xếp loại: 1 đồng chí." in text


# --- many papers in one PDF -------------------------------------------------------------------


def test_many_papers_each_start_a_page_and_number_their_own_pages():
    papers = [
        member_form_document(member_paper("2C")),
        ballot_document(ballot_paper()),
        member_form_document(member_paper("2B", member_name="Lê Thị Cúc")),
    ]
    alone = [render(paper)[1] for paper in papers]
    out = io.BytesIO()
    calls: list[tuple[int, int]] = []
    pages = render_papers(papers, out, progress=lambda done, total, _: calls.append((done, total)))
    assert pages == sum(alone)
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    pdf = out.getvalue()
    texts = texts_of(pdf)
    starts = [0, alone[0], alone[0] + alone[1]]
    assert "Nguyễn Thị Hồng Nhung" in texts[starts[0]]
    assert texts[starts[1]].startswith("ĐẢNG BỘ PHƯỜNG AN KHÁNH")
    assert "Lê Thị Cúc" in texts[starts[2]] and "Mẫu 2B" in texts[starts[2]]
    expected = [[] if page == 0 else [str(page + 1)] for count in alone for page in range(count)]
    assert page_top_texts(pdf) == expected


def test_cancelling_stops_between_papers_and_writes_nothing(tmp_path: Path):
    papers = [member_form_document(member_paper(member_name=f"Đảng viên {n}")) for n in range(5)]
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(done)
        if done == 2:
            cancel.set()

    target = tmp_path / "forms.pdf"
    with pytest.raises(RenderCancelled):
        render_papers(papers, target, progress, cancel)
    assert seen == [0, 1, 2]
    assert not target.exists()
    with pytest.raises(ValueError):
        render_papers([], io.BytesIO())


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(lambda: member_form_document(member_paper("2C")), id="member"),
        pytest.param(lambda: org_form_document(org_paper()), id="mau01"),
        pytest.param(lambda: ballot_document(ballot_paper()), id="ballot"),
        pytest.param(lambda: count_record_document(count_paper()), id="count"),
        pytest.param(lambda: decision_document(decision_paper()), id="decision"),
    ],
)
def test_every_paper_embeds_only_the_bundled_fonts_and_is_reproducible(document, tmp_path):
    first, _ = render(document())
    second, _ = render(document())
    assert first == second
    path = tmp_path / "paper.pdf"
    path.write_bytes(first)
    assert_only_embedded_liberation_fonts(path)


def test_the_form_as_docx_keeps_the_writing_lines_and_the_signature_note():
    out = io.BytesIO()
    write_docx(member_form_document(member_paper("2B")), out)
    document = Document(io.BytesIO(out.getvalue()))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "Mẫu 2B-HD KĐ.ĐG 2025"
    assert (
        "V. Làm rõ trách nhiệm cá nhân đối với hạn chế, khuyết điểm của tập thể (nếu có)" in texts
    )
    dotted = [
        p
        for p in document.paragraphs
        if any(stop.leader == WD_TAB_LEADER.DOTS for stop in p.paragraph_format.tab_stops)
    ]
    assert len(dotted) >= 30
    cells = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    assert "(Ký, ghi rõ họ tên)" in cells and "Nguyễn Thị Hồng Nhung" in cells
