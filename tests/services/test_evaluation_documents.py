"""EvaluationDocumentService on a small register: pre-filled forms (one PDF or a folder, and a
cancel that leaves nothing), ballots, the count record, numbered decisions and the yearly
classification sheet checked against an independent count of the stored rows."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from partydesk.domain.classification import LevelCounts, MemberCounts
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import LEVEL_ORDER, BallotCount, Level
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.outgoing import OutgoingFilter
from partydesk.services.progress import Cancelled
from tests.common import TODAY
from tests.reports.test_hd36 import assert_in_order, squash
from tests.services.evaluation_office import (
    BASE,
    CELL,
    COLLEAGUE,
    EXEMPT,
    GUEST,
    LEADER,
    NEW,
    ORDINARY,
    PROBATIONARY,
    SUSPENDED,
    UNDER,
    EvaluationOffice,
    build_office,
)

UNSAFE = 'Chi bộ "Tổ 3/4": Kho?'
EVIL = '=HYPERLINK("x")'


@pytest.fixture
def office(services) -> EvaluationOffice:
    return build_office(services)


def pages(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(path).pages]


def register_lines(office: EvaluationOffice):
    return office.services.outgoing.documents(OutgoingFilter())


# --- forms ----------------------------------------------------------------------------------


def test_a_members_form_is_pre_filled_with_the_form_of_the_case(office, tmp_path):
    cycle = office.open()
    documents = office.services.evaluation_documents
    target = tmp_path / "thuong.pdf"
    count = documents.write_forms(cycle.id, target, member_id=office.members[ORDINARY])
    text = pages(target)
    assert count == len(text)
    assert_in_order(
        " ".join(text),
        [
            "Mẫu 2C-HD KĐ.ĐG 2025",
            "BẢN KIỂM ĐIỂM ĐẢNG VIÊN",
            "Năm 2025",
            "Họ và tên: Vũ Thị Thường",
            "Ngày sinh: 07/03/1988",
            "Sinh hoạt tại: Chi bộ Phân xưởng 1",
        ],
    )
    assert "Mẫu 01" not in text[0] and "2B" not in " ".join(text)

    leader = tmp_path / "lanh.pdf"
    documents.write_forms(cycle.id, leader, member_id=office.members[LEADER])
    assert_in_order(
        " ".join(pages(leader)),
        ["Mẫu 2B-HD KĐ.ĐG 2025", "Năm 2025", f"Họ và tên: {LEADER}", "Chức vụ đảng: Bí thư"],
    )


def test_the_2024_forms_follow_the_rules_of_that_year(office, tmp_path):
    cycle = office.open(2024)
    target = tmp_path / "2024.pdf"
    office.services.evaluation_documents.write_forms(
        cycle.id, target, member_id=office.members[ORDINARY]
    )
    text = " ".join(pages(target))
    assert "Mẫu 02A-HD KĐ.ĐG 2023" in text and "Năm 2024" in text and ORDINARY in text


def test_an_organisations_forms_start_with_mau_01_then_each_evaluated_member(office, tmp_path):
    cycle = office.open()
    target = tmp_path / "an-phat.pdf"
    office.services.evaluation_documents.write_forms(cycle.id, target, organisation_id=office.cell)
    text = pages(target)
    assert text[0].startswith("Mẫu 01")
    assert "BÁO CÁO KIỂM ĐIỂM TẬP THỂ" in text[0] and CELL in text[0]
    everything = " ".join(text)
    assert everything.count("Họ và tên:") == 1
    assert f"Họ và tên: {PROBATIONARY}" in everything
    for excluded in (EXEMPT, SUSPENDED, NEW, GUEST):
        assert excluded not in everything


def test_folder_mode_writes_one_safe_file_per_organisation_and_nothing_else(office, tmp_path):
    unsafe = office.services.register.save_organisation(Organisation(UNSAFE, OrgKind.CELL_BASE))
    office.add_member("Bùi Văn Kho", unsafe)
    cycle = office.open()
    folder = tmp_path / "mau"
    pages_written = office.services.evaluation_documents.write_forms(cycle.id, folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{BASE}.pdf", f"{UNDER}.pdf", f"{CELL}.pdf", "Chi bộ Tổ 34 Kho.pdf"])
    assert [p.name for p in tmp_path.rglob("*") if "partial" in p.name] == []
    assert pages_written == sum(len(PdfReader(folder / name).pages) for name in names)
    kho = pages(folder / "Chi bộ Tổ 34 Kho.pdf")
    assert kho[0].startswith("Mẫu 01") and UNSAFE in kho[0]
    assert "Bùi Văn Kho" in " ".join(kho)


def _cancel_after_first(event: threading.Event):
    seen: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(done)
        if done >= 1:
            event.set()

    return progress, seen


@pytest.mark.parametrize("target_name", ["tat-ca.pdf", "thu-muc"])
def test_cancelling_leaves_no_file(office, tmp_path, target_name):
    cycle = office.open()
    out = tmp_path / "out"
    out.mkdir()
    cancel = threading.Event()
    progress, seen = _cancel_after_first(cancel)
    with pytest.raises(Cancelled):
        office.services.evaluation_documents.write_forms(
            cycle.id, out / target_name, progress=progress, cancel=cancel
        )
    assert 1 in seen  # the first paper was done before the cancel
    leftovers = [p.relative_to(out) for p in out.rglob("*") if p.is_file()]
    assert leftovers == []


# --- ballots and the count record -----------------------------------------------------------


def test_one_ballot_per_evaluated_member(office, tmp_path):
    cycle = office.open()
    documents = office.services.evaluation_documents
    target = tmp_path / "phieu.pdf"
    documents.write_ballots(cycle.id, target, organisation_id=office.under)
    text = pages(target)
    assert len(text) == 2
    for page in text:
        assert "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN" in page
        assert COLLEAGUE in page and ORDINARY in page

    everyone = tmp_path / "tat-ca.pdf"
    documents.write_ballots(cycle.id, everyone)
    all_pages = pages(everyone)
    ballots = [p for p in all_pages if "PHIẾU ĐÁNH GIÁ" in p]
    assert len(ballots) == 4  # 1 + 2 + 1 evaluated members
    assert sum(PROBATIONARY in p for p in ballots) == 1
    assert not any(EXEMPT in p or GUEST in p for p in ballots)


def test_the_count_record_prints_the_numbers_and_each_result(office, tmp_path):
    cycle = office.open()
    documents = office.services.evaluation_documents
    target = tmp_path / "bien-ban.pdf"
    with pytest.raises(ValidationError, match="Chưa nhập kết quả kiểm phiếu"):
        documents.write_count_record(cycle.id, office.under, target)
    assert not target.exists()
    office.evaluation.save_ballot(
        BallotCount(
            cycle.id,
            office.under,
            issued=10,
            returned=9,
            invalid=1,
            counted_on=date(2025, 12, 18),
            counters=f"{COLLEAGUE}\n{ORDINARY}",
            votes=(
                (office.members[ORDINARY], Level.EXCELLENT, 3),
                (office.members[ORDINARY], Level.GOOD, 2),
                (office.members[COLLEAGUE], Level.COMPLETED, 8),
            ),
        )
    )
    documents.write_count_record(cycle.id, office.under, target)
    assert_in_order(
        " ".join(pages(target)),
        [
            "BIÊN BẢN KIỂM PHIẾU",
            "ngày 18 tháng 12 năm 2025",
            f"Đồng chí {COLLEAGUE} – Trưởng ban",
            "Số phiếu phát ra: 10",
            "Số phiếu thu về: 9",
            "Số phiếu hợp lệ: 8",
            "Số phiếu không hợp lệ: 1",
            COLLEAGUE,
            "8 (100,00",  # the narrow column wraps before "%)"
            "Hoàn thành nhiệm vụ",
            ORDINARY,
            "3 (37,50%) 2 (25,00%)",
            "Hoàn thành tốt nhiệm vụ",
        ],
    )


# --- decisions ------------------------------------------------------------------------------


def test_a_decision_takes_one_number_and_keeps_it_on_reprint(office, tmp_path):
    cycle = office.open()
    office.decide_everything(cycle)
    documents = office.services.evaluation_documents
    first = tmp_path / "qd.pdf"
    documents.write_decisions(cycle.id, first, organisation_id=office.under)
    assert "Số 01-QĐ/ĐU" in pages(first)[0]
    assert_in_order(" ".join(pages(first)), ["QUYẾT ĐỊNH", "Phân xưởng 1", ORDINARY])
    row = next(o for o in office.evaluation.org_rows(cycle.id) if o.organisation_id == office.under)
    assert (row.decision_number, row.decision_date) == ("01-QĐ/ĐU", TODAY)
    assert len(register_lines(office)) == 1

    again = tmp_path / "qd-lai.pdf"
    documents.write_decisions(cycle.id, again, organisation_id=office.under)
    assert "Số 01-QĐ/ĐU" in pages(again)[0]
    assert len(register_lines(office)) == 1

    everyone = tmp_path / "qd-tat-ca"
    documents.write_decisions(cycle.id, everyone)
    assert len(list(everyone.iterdir())) == 3
    numbers = sorted(o.decision_number for o in office.evaluation.org_rows(cycle.id))
    assert numbers == ["01-QĐ/ĐU", "02-QĐ/ĐU", "03-QĐ/ĐU"]
    assert len(register_lines(office)) == 3


def test_no_decision_for_an_undecided_organisation(office, tmp_path):
    cycle = office.open()
    target = tmp_path / "qd.pdf"
    with pytest.raises(ValidationError, match=f"{CELL} chưa có mức xếp loại"):
        office.services.evaluation_documents.write_decisions(
            cycle.id, target, organisation_id=office.cell
        )
    with pytest.raises(ValidationError, match="Chưa có tổ chức đảng nào"):
        office.services.evaluation_documents.write_decisions(cycle.id, target)
    assert not target.exists()
    assert register_lines(office) == []


# --- the classification sheet ---------------------------------------------------------------


def _decide_2025(office: EvaluationOffice):
    cycle = office.open()
    levels = {LEADER: Level.EXCELLENT, ORDINARY: Level.GOOD, COLLEAGUE: Level.FAILED}
    office.evaluation.save_members(
        cycle.id,
        [replace(office.row(cycle, name), decided_level=lv) for name, lv in levels.items()],
    )
    for org in office.evaluation.org_rows(cycle.id):
        level = {office.base: Level.GOOD, office.under: Level.COMPLETED}.get(org.organisation_id)
        office.evaluation.save_organisation(replace(org, decided_level=level))
    return cycle


def _independent_member_counts(database: Path, cycle_id: int) -> dict[int, MemberCounts]:
    """The sheet's member columns per tổ chức cơ sở, counted here from the raw rows."""
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute(
            "SELECT base_organisation_id, exclusion, decided_level, probationary"
            " FROM member_evaluations WHERE cycle_id = ?",
            [cycle_id],
        ).fetchall()
    finally:
        conn.close()
    tallies: dict[int, dict[str, int]] = {}
    level_field = dict(zip(LEVEL_ORDER, ("excellent", "good", "completed", "failed"), strict=True))
    excluded_field = {"MIEN_SH": "exempt", "DINH_CHI": "suspended", "MOI_KET_NAP": "new_members"}
    for base, exclusion, decided, probationary in rows:
        t = tallies.setdefault(base, dict.fromkeys((f.name for f in fields(MemberCounts)), 0))
        if exclusion == "SHT_DEN":
            continue
        t["members"] += 1
        if exclusion is not None:
            t[excluded_field[exclusion]] += 1
            continue
        t["evaluated"] += 1
        t["probationary"] += bool(probationary)
        if decided is None:
            t["unclassified"] += 1
        else:
            t[level_field[Level(decided)]] += 1
            t["probationary_classified"] += bool(probationary)
    return {base: MemberCounts(**t) for base, t in tallies.items()}


def _independent_org_levels(database: Path, cycle_id: int) -> LevelCounts:
    conn = sqlite3.connect(database)
    try:
        decided = [
            r[0]
            for r in conn.execute(
                "SELECT decided_level FROM org_evaluations WHERE cycle_id = ?", [cycle_id]
            )
        ]
    finally:
        conn.close()
    return LevelCounts(
        excellent=decided.count("HTXSNV"),
        good=decided.count("HTTNV"),
        completed=decided.count("HTNV"),
        failed=decided.count("KHTNV"),
        unclassified=decided.count(None),
    )


def test_the_sheet_adds_up_and_matches_an_independent_count(office, tmp_path):
    cycle = _decide_2025(office)
    documents = office.services.evaluation_documents
    sheet = documents.classification_sheet(cycle.id)
    assert sheet.year == 2025 and sheet.previous is None
    rows = sheet.rows
    assert {r.organisation_id for r in rows} == {office.base, office.cell}  # cơ sở only
    total = MemberCounts()
    for row in rows:
        total = total + row.counts
    assert sheet.total == total
    assert sum((s.subtotal for s in sheet.sections), MemberCounts()) == sheet.total
    assert sum((k.counts for k in sheet.by_kind), MemberCounts()) == sheet.total

    independent = _independent_member_counts(tmp_path / "test.sqlite", cycle.id)
    assert {r.organisation_id: r.counts for r in rows} == independent
    assert sheet.total == MemberCounts(
        members=7,
        exempt=1,
        suspended=1,
        new_members=1,
        evaluated=4,
        excellent=1,
        good=1,
        failed=1,
        unclassified=1,
        probationary=1,
        probationary_classified=0,
    )
    assert sheet.org_total == _independent_org_levels(tmp_path / "test.sqlite", cycle.id)
    assert sheet.org_total == LevelCounts(good=1, completed=1, unclassified=1)
    assert sum((line.levels for line in sheet.org_levels), LevelCounts()) == sheet.org_total


def test_the_sheet_compares_with_the_previous_year(office, tmp_path):
    cycle = _decide_2025(office)
    earlier = office.open(2024)
    office.decide_everything(earlier, Level.COMPLETED)
    sheet = office.services.evaluation_documents.classification_sheet(cycle.id)
    assert sheet.previous is not None and sheet.previous.year == 2024
    independent = _independent_member_counts(tmp_path / "test.sqlite", earlier.id)
    assert sheet.previous.members == sum(independent.values(), MemberCounts())
    assert sheet.previous.members.completed == 3  # the 2025 admissions were not yet on the roll
    assert sheet.previous.organisations == LevelCounts(completed=3)
    assert office.services.evaluation_documents.classification_sheet(earlier.id).previous is None


def test_the_sheet_as_a_workbook_holds_numbers_and_no_formula(office, tmp_path):
    evil = office.services.register.save_organisation(Organisation(EVIL, OrgKind.CELL_BASE))
    office.add_member("Bùi Văn Độc", evil)
    cycle = _decide_2025(office)
    documents = office.services.evaluation_documents
    target = tmp_path / "bieu.xlsx"
    assert documents.write_sheet(cycle.id, target) == 0
    sheet = documents.classification_sheet(cycle.id)
    book = openpyxl.load_workbook(target)
    cells = [cell for ws in book for row in ws.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    (evil_cell,) = [cell for cell in cells if cell.value == EVIL]
    assert evil_cell.data_type == "s"
    members = book.worksheets[0]
    total_row = next(
        row for row in members.iter_rows() if any(cell.value == "TỔNG CỘNG" for cell in row)
    )
    numbers = [cell.value for cell in total_row if isinstance(cell.value, int | float)]
    assert all(type(value) in (int, float) for value in numbers)
    t = sheet.total
    assert numbers[:5] == [t.members, t.exempt, t.suspended, t.new_members, t.evaluated]
    assert numbers[0] == 8  # 7 of the office and the member of the extra chi bộ
    evil_row = next(row for row in members.iter_rows() if any(c.value == EVIL for c in row))
    assert [c.value for c in evil_row if isinstance(c.value, int)][:2] == [
        next(r.number for r in sheet.rows if r.name == EVIL),
        1,
    ]


def test_the_sheet_as_a_pdf(office, tmp_path):
    cycle = _decide_2025(office)
    documents = office.services.evaluation_documents
    target = tmp_path / "bieu.pdf"
    count = documents.write_sheet(cycle.id, target)
    text = pages(target)
    assert count == len(text) >= 1
    everything = " ".join(text)
    assert_in_order(
        everything,
        [
            "BIỂU TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN",
            "NĂM 2025",
            CELL,
            "TỔNG CỘNG",
        ],
    )
    with pytest.raises(ValidationError, match="đuôi .pdf hoặc .xlsx"):
        documents.write_sheet(cycle.id, tmp_path / "bieu.docx")
    assert not (tmp_path / "bieu.docx").exists()
