"""BriefingDocumentService: the round's four documents from a database, numbered once."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from partydesk.domain.briefing import Briefing, BriefingIssue, Half, IssueKind, IssueStatus
from partydesk.domain.errors import ValidationError
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import CommitteePost, CommitteeRole, Term
from partydesk.domain.outgoing import OutgoingFilter
from partydesk.domain.settings import OfficeSettings
from partydesk.services.app import AppServices
from partydesk.services.briefing_documents import BriefingDocumentService
from partydesk.services.progress import Cancelled
from partydesk.store.errors import NotFound
from tests.common import TODAY
from tests.reports.test_hd36 import assert_in_order, assert_only_embedded_liberation_fonts, squash
from tests.store.test_briefings import round_with_issue, seed_organisations

OFFICE = OfficeSettings(
    committee_full_name="Đảng ủy phường An Khánh",
    committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
    upper_body_header="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    locality="An Khánh",
    signer_name="Phạm Đình Thịnh",
)
SECRETARY = "Trần Văn Bình"


def seed_round(services: AppServices) -> Briefing:
    """The office, four cells (one with a bí thư in the register), an earlier round with an
    open issue, and a held round of two sittings with an answered issue."""
    services.office.save(OFFICE)
    ids = seed_organisations(services)
    member = services.register.save_member(
        Member(
            full_name=SECRETARY,
            organisation_id=ids["binh"],
            standing=Standing.OFFICIAL,
            admission_decision_date=date(2012, 5, 19),
            official_date=date(2013, 5, 19),
        )
    )
    services.register.save_term(
        Term(
            organisation_id=ids["binh"],
            label="2025–2030",
            starts_on=date(2025, 5, 10),
            posts=(CommitteePost(member, CommitteeRole.SECRETARY),),
        )
    )
    earlier = round_with_issue(ids, 2025, Half.SECOND, date(2026, 1, 8))
    earlier = replace(
        earlier,
        reports_due_on=date(2026, 1, 2),
        sittings=earlier.sittings[:1],
        invitees=tuple(replace(v, sitting_index=0) for v in earlier.invitees),
        issues=(BriefingIssue(ids["an"], IssueKind.PROPOSAL, "Cấp lại thẻ đảng viên bị mất"),),
    )
    services.briefings.save(earlier)
    current = round_with_issue(ids)
    answered = replace(
        current.issues[0],
        responsible="Văn phòng Đảng ủy",
        answer="Đã bố trí phòng họp tầng 2",
        status=IssueStatus.ANSWERED,
    )
    return services.briefings.save(
        replace(
            current,
            held=True,
            chair_name="Phạm Đình Thịnh",
            chair_title="Bí thư Đảng ủy phường",
            secretary_name="Lê Thu Trang",
            conclusion="Các chi bộ duy trì sinh hoạt định kỳ.",
            issues=(answered, current.issues[1]),
        )
    )


@pytest.fixture
def briefing(services) -> Briefing:
    return seed_round(services)


def pages(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(path).pages]


def register_lines(services: AppServices):
    return services.outgoing.documents(OutgoingFilter())


def test_invitations_take_one_number_per_sitting_and_keep_it_on_reprint(
    services, briefing, tmp_path
):
    out = tmp_path / "giay-moi.pdf"
    assert services.briefing_documents.write_invitations(briefing.id, out) == 2
    first, second = pages(out)
    assert_in_order(
        first,
        [
            "Số 01-GM/ĐU",
            "An Khánh, ngày 21 tháng 11 năm 2026",
            "GIẤY MỜI",
            f"Kính gửi: Đồng chí {SECRETARY}, Bí thư chi bộ Công ty Bình Minh",
            "Cụm 1",
            "Thời gian: thứ Năm, ngày 09 tháng 7 năm 2026",
            "Hội trường Đảng ủy phường",
            "trước ngày 02/07/2026",
            "Phạm Đình Thịnh",
        ],
    )
    # No bí thư recorded: addressed to the post.
    assert "Số 02-GM/ĐU" in second
    assert "Kính gửi: Đồng chí Bí thư chi bộ Công ty An Phát" in second
    lines = register_lines(services)
    sittings = [s.id for s in briefing.sittings]
    assert sorted(line.source for line in lines) == [
        f"briefing:{briefing.id}:GM:sitting:{sittings[0]}",
        f"briefing:{briefing.id}:GM:sitting:{sittings[1]}",
    ]
    assert {line.issued_on for line in lines} == {TODAY}

    # Printed again five days later, as one letter per sitting: same numbers, same date.
    later = BriefingDocumentService(
        services.store, services.outgoing, lambda: TODAY + timedelta(days=5)
    )
    again = tmp_path / "giay-moi-2.pdf"
    later.write_invitations(briefing.id, again, one_letter=True)
    texts = pages(again)
    assert "Số 01-GM/ĐU" in texts[0] and "ngày 21 tháng 11 năm 2026" in texts[0]
    assert_in_order(texts[1], ["DANH SÁCH TỔ CHỨC ĐẢNG ĐƯỢC MỜI", "Chi bộ Công ty Bình Minh"])
    assert "Số 02-GM/ĐU" in texts[2]
    assert len(register_lines(services)) == 2
    assert_only_embedded_liberation_fonts(again)


def test_invitations_as_docx(services, briefing, tmp_path):
    out = tmp_path / "giay-moi.docx"
    assert services.briefing_documents.write_invitations(briefing.id, out) == 0
    document = docx.Document(str(out))
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    text = "\n".join([*cells, *(p.text for p in document.paragraphs)])
    assert "Số 01-GM/ĐU" in text and "Số 02-GM/ĐU" in text
    assert f"Kính gửi: Đồng chí {SECRETARY}, Bí thư chi bộ Công ty Bình Minh" in text


def test_the_attendance_sheet_takes_no_number(services, briefing, tmp_path):
    out = tmp_path / "diem-danh.pdf"
    assert services.briefing_documents.write_attendance_sheet(briefing.id, out) == 2
    first, second = pages(out)
    assert_in_order(first, ["DANH SÁCH ĐẠI BIỂU", "Ký tên", "Chi bộ Công ty Bình Minh", SECRETARY])
    assert "Chi bộ Công ty An Phát" in second
    assert "Số" not in first.replace("Tổng số", "")
    assert register_lines(services) == []


def test_the_biên_bản_is_numbered_and_dated_its_last_sitting_day(services, briefing, tmp_path):
    out = tmp_path / "bien-ban.pdf"
    services.briefing_documents.write_minutes(briefing.id, out)
    text = " ".join(pages(out))
    assert_in_order(
        text,
        [
            "Số 01-BB/ĐU",
            "An Khánh, ngày 10 tháng 7 năm 2026",
            "BIÊN BẢN",
            "Chủ trì: đồng chí Phạm Đình Thịnh",
            "được mời: 2; có mặt: 1; vắng: 1",
            "Chi bộ Công ty An Phát: Đi công tác.",
            "Xin hỗ trợ phòng sinh hoạt",
            "Đã bố trí phòng họp tầng 2",
            "THƯ KÝ",
            "Lê Thu Trang",
        ],
    )
    [line] = register_lines(services)
    assert (line.source, line.issued_on) == (f"briefing:{briefing.id}:BB", date(2026, 7, 10))


def test_the_thông_báo_lists_answers_and_the_issues_carried_over(services, briefing, tmp_path):
    out = tmp_path / "thong-bao.docx"
    services.briefing_documents.write_conclusions(briefing.id, out)
    document = docx.Document(str(out))
    [issues] = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    rows = [[cell.text for cell in row.cells] for row in issues.rows[1:]]
    assert [row[1] for row in rows] == [
        "Chi bộ Công ty Bình Minh",
        "Chi bộ Công ty An Phát",
        "Chi bộ Công ty An Phát",
    ]
    assert "Đã bố trí phòng họp tầng 2" in rows[0][3] and rows[0][4] == "Đã trả lời"
    assert rows[2][2] == (
        "Kiến nghị: Cấp lại thẻ đảng viên bị mất (nêu tại kỳ giao ban 6 tháng cuối năm 2025)"
    )
    [line] = register_lines(services)
    assert (line.number_text, line.issued_on) == ("Số 01-TB/ĐU", TODAY)
    pdf = tmp_path / "thong-bao.pdf"
    services.briefing_documents.write_conclusions(briefing.id, pdf)
    assert "Số 01-TB/ĐU" in pages(pdf)[0]
    assert len(register_lines(services)) == 1


def test_a_round_not_yet_held_has_no_biên_bản_or_thông_báo(services, briefing, tmp_path):
    services.briefings.save(replace(briefing, held=False))
    for write in (
        services.briefing_documents.write_minutes,
        services.briefing_documents.write_conclusions,
    ):
        with pytest.raises(ValidationError, match="chưa được ghi là đã tổ chức"):
            write(briefing.id, tmp_path / "x.pdf")
    assert register_lines(services) == [] and not (tmp_path / "x.pdf").exists()


def test_bad_requests_are_refused_in_vietnamese(services, briefing, tmp_path):
    documents = services.briefing_documents
    with pytest.raises(ValidationError, match="giay-moi.odt"):
        documents.write_invitations(briefing.id, tmp_path / "giay-moi.odt")
    with pytest.raises(NotFound, match="hội nghị giao ban"):
        documents.write_invitations(999, tmp_path / "x.pdf")
    # An office file from before the settings were filled in (the settings form refuses it).
    with services.store.audit.labelled("Kiểm thử: cài đặt cũ"):  # strict audit: named
        services.store.settings.save_office(replace(OFFICE, locality=""))
    with pytest.raises(ValidationError, match="Cài đặt"):
        documents.write_invitations(briefing.id, tmp_path / "x.pdf")
    assert register_lines(services) == []


def test_a_cancelled_write_leaves_no_file(services, briefing, tmp_path):
    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "diem-danh.pdf"
    with pytest.raises(Cancelled):
        services.briefing_documents.write_attendance_sheet(briefing.id, out, cancel=cancel)
    assert not out.exists() and not out.with_name(out.name + ".partial").exists()
