"""The "Đánh giá, xếp loại" page runs a small cycle end to end: open the year from the dialog,
see who is not evaluated and why, enter the three steps, keep a level against the score band
with a reason, see the quota breach, close the year and find everything read-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt

from partydesk.domain.evaluation import Level, RuleCode, Stage, Subject
from partydesk.domain.member import Member, MemberStatus, Standing
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.services.app import AppServices
from partydesk.ui import messages, preview_task
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.evaluation import print_menu
from partydesk.ui.evaluation.reason_dialog import ReasonDialog
from partydesk.ui.pages.evaluation import EvaluationPage
from partydesk.ui.tasks import default_runner
from tests.common import WARD_OFFICE

OFFICIAL_SINCE = date(2015, 5, 19)


@pytest.fixture
def office(services: AppServices) -> dict[str, int]:
    """Two chi bộ, six members: exempt, newly admitted, probationary, three ordinary."""
    services.office.save(WARD_OFFICE)
    register = services.register
    ids: dict[str, int] = {}
    ids["an_phat"] = register.save_organisation(
        Organisation(
            name="Chi bộ Công ty An Phát", kind=OrgKind.CELL_BASE, founded_on=date(2020, 1, 1)
        )
    )
    ids["binh_minh"] = register.save_organisation(
        Organisation(
            name="Chi bộ ghép Bình Minh", kind=OrgKind.CELL_COMBINED, founded_on=date(2020, 1, 1)
        )
    )

    def member(key: str, name: str, org: str, **more) -> None:
        fields = {
            "ceremony_date": OFFICIAL_SINCE,
            "official_date": date(2016, 5, 19),
            "standing": Standing.OFFICIAL,
        }
        fields.update(more)
        ids[key] = register.save_member(Member(full_name=name, organisation_id=ids[org], **fields))

    member("an", "Nguyễn Văn An", "an_phat")
    member("binh", "Trần Thị Bình", "an_phat")
    member("cuong", "Lê Văn Cường", "an_phat")  # disciplined in the year (entered on the page)
    member("dung", "Phạm Văn Dũng", "an_phat", status=MemberStatus.EXEMPT)
    member(
        "em",
        "Hoàng Thị Em",
        "binh_minh",
        ceremony_date=date(2025, 3, 1),
        official_date=None,
        standing=Standing.PROBATIONARY,
    )
    member(
        "giang",
        "Đỗ Văn Giang",
        "binh_minh",
        ceremony_date=date(2025, 10, 31),  # two months before the reference date
        official_date=None,
        standing=Standing.PROBATIONARY,
    )
    return ids


@pytest.fixture
def page(qtbot, services: AppServices, office: dict[str, int], monkeypatch) -> EvaluationPage:
    widget = EvaluationPage(services)
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.show()
    return widget


@pytest.fixture
def notices(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    for name in ("show_info", "show_warning", "show_error"):
        monkeypatch.setattr(
            messages, name, lambda _p, title, text, *_a, **_k: shown.append((title, text))
        )
    return shown


def open_2025(qtbot, page: EvaluationPage, notices: list) -> None:
    page.bar.open_button.click()
    dialog = page.bar.last_dialog
    assert dialog is not None
    assert dialog.year.value() == 2026  # the current year has no cycle yet
    dialog.year.setValue(2025)
    assert "QĐ 366 / HD 43" in dialog.rule_set.text()
    assert dialog.reference_date.text() == "31/12/2025"
    assert dialog.member_deadline.date() is not None
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    qtbot.waitUntil(lambda: bool(notices))


def choose_org(page: EvaluationPage, organisation_id: int) -> None:
    row = page.orgs.model.row_of(organisation_id)
    assert row is not None
    page.orgs.table.selectRow(row)
    assert page.org is not None and page.org.organisation_id == organisation_id


def edit(page: EvaluationPage, member_id: int, values: dict[str, object]) -> None:
    model = page.member_model
    row = model.row_of(member_id)
    assert row is not None
    for key, value in values.items():
        column = model.column_of(key)
        assert column is not None, key
        assert model.setData(model.index(row, column), value), key


def cell(page: EvaluationPage, member_id: int, key: str) -> str:
    model = page.member_model
    return model.index(model.row_of(member_id), model.column_of(key)).data()


def keep_with_reason(monkeypatch, reason: str) -> list[ReasonDialog]:
    """Answer the reason dialog by typing ``reason`` into each row and pressing OK."""
    asked: list[ReasonDialog] = []

    def answer(dialog: ReasonDialog) -> int:
        asked.append(dialog)
        for edit_box in dialog.edits:
            edit_box.setText(reason)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", answer)
    return asked


def test_a_small_cycle_end_to_end(qtbot, page, office, services, notices, monkeypatch) -> None:
    evaluation = services.evaluation
    assert page.orgs.model.rowCount() == 0
    open_2025(qtbot, page, notices)
    title, summary = notices[-1]
    assert title == "Kỳ đánh giá năm 2025"
    assert summary.startswith("Đã lập danh sách: 4 đảng viên thuộc diện đánh giá, 2 không")
    assert "miễn công tác và sinh hoạt đảng: 1" in summary
    assert "2 tổ chức đảng" in summary
    cycle = page.cycle
    assert cycle is not None and cycle.year == 2025 and not cycle.is_closed
    assert "Năm 2025 · QĐ 366 / HD 43 · đang mở" in page.bar.combo.currentText()
    assert page.orgs.model.rowCount() == 2

    # Who is not evaluated shows the reason and cannot be given a level.
    choose_org(page, office["an_phat"])
    model = page.member_model
    assert cell(page, office["dung"], "exclusion") == "Miễn công tác và sinh hoạt đảng"
    assert cell(page, office["an"], "exclusion") == "Có"
    dung = model.index(model.row_of(office["dung"]), model.column_of("self_level"))
    assert not model.flags(dung) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(dung, Level.GOOD.value)
    assert cell(page, office["an"], "form") == "2C"  # outside the political system

    # Enter the three steps; Bình's self level contradicts her score band.
    edit(
        page,
        office["an"],
        {
            "self_score": "95",
            "self_level": "HTXSNV",
            "proposed_level": "HTXSNV",
            "votes_for": "3",
            "vote_base": "3",
            "decided_level": "HTXSNV",
            "decided_score": "95",
        },
    )
    edit(
        page,
        office["binh"],
        {
            "self_score": "92,5",
            "self_level": "HTTNV",
            "proposed_level": "HTXSNV",
            "decided_level": "HTXSNV",
        },
    )
    edit(
        page,
        office["cuong"],
        {
            "discipline": "KHIEN_TRACH",
            "self_score": "45",
            "self_level": "KHTNV",
            "proposed_level": "KHTNV",
            "decided_level": "KHTNV",
        },
    )
    assert cell(page, office["an"], "vote_share") == "100%"
    assert page.save_button.isEnabled()
    asked = keep_with_reason(monkeypatch, "Đảng viên tự đánh giá khiêm tốn")
    page.save_button.click()
    assert len(asked) == 1
    assert [label.text() for label in asked[0].labels] == [
        "Trần Thị Bình: 92,5 điểm thuộc khung Hoàn thành xuất sắc nhiệm vụ (từ 90), không khớp "
        "mức Hoàn thành tốt nhiệm vụ (tự đánh giá)."
    ]
    assert not model.is_dirty
    check = evaluation.check(cycle.id)
    binh = Subject.member(office["binh"])
    assert [
        o.reason for o in check.overrides if o.subject == binh and o.rule is RuleCode.SCORE_BAND
    ] == ["Đảng viên tự đánh giá khiêm tốn"]
    saved = {r.member_id: r for r in evaluation.member_rows(cycle.id, office["an_phat"])}
    assert saved[office["an"]].decided_score == 95
    assert saved[office["binh"]].self_score == 92.5

    # The checks tab lists the quota breach of An Phát (2 HTXSNV beside 0 HTTNV).
    page.tabs.setCurrentWidget(page.checks)
    qtbot.waitUntil(lambda: page.checks.model.rowCount() > 0, timeout=5000)
    messages_ = [page.checks.model.row_at(r).violation for r in range(page.checks.model.rowCount())]
    assert any(v.rule is RuleCode.QUOTA for v in messages_)
    assert "HTXSNV 2 / tối đa 0 (20% của 0 HTTNV)" in page.checks.quota.text()

    # Organisations decided, Bình Minh's members too; then the year closes.
    page.tabs.setCurrentWidget(page.org_panel)
    panel = page.org_panel
    panel.decided_level.setCurrentIndex(panel.decided_level.findData(Level.GOOD.value))
    panel.save_button.click()
    decided = {o.organisation_id: o.decided_level for o in evaluation.org_rows(cycle.id)}
    assert decided == {office["an_phat"]: Level.GOOD, office["binh_minh"]: None}
    choose_org(page, office["binh_minh"])
    assert cell(page, office["giang"], "exclusion") == "Mới kết nạp chưa đủ thời gian"
    assert cell(page, office["em"], "probationary") == "Dự bị"
    edit(page, office["em"], {"self_score": "80", "self_level": "HTTNV", "decided_level": "HTTNV"})
    page.save_button.click()
    page.tabs.setCurrentWidget(page.org_panel)
    panel.decided_level.setCurrentIndex(panel.decided_level.findData(Level.GOOD.value))
    panel.save_button.click()
    assert all(o.decided_level is Level.GOOD for o in evaluation.org_rows(cycle.id))

    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    page.bar.close_button.click()
    assert evaluation.cycle(cycle.id).is_closed
    assert page.banner.isVisible()
    assert page.banner.text().startswith("Kỳ đánh giá đã kết thúc ngày 21/11/2026: chỉ xem")
    assert "đã kết thúc" in page.bar.combo.currentText()
    for member_id in (office["em"], office["giang"]):
        row = page.member_model.row_of(member_id)
        for column in range(page.member_model.columnCount()):
            index = page.member_model.index(row, column)
            assert not page.member_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not page.org_panel.save_button.isEnabled()
    assert not page.bar.close_button.isEnabled() and page.bar.reopen_button.isEnabled()

    # Reopening needs a reason; the tables become editable again.
    keep_with_reason(monkeypatch, "Cấp trên yêu cầu rà soát lại")
    page.bar.reopen_button.click()
    assert not evaluation.cycle(cycle.id).is_closed
    assert not page.banner.isVisible()
    assert page.org_panel.save_button.isEnabled()
    qtbot.waitUntil(lambda: not default_runner().is_busy)


def test_typing_is_never_lost_and_bad_input_names_the_cell(
    qtbot, page, office, services, notices, monkeypatch
) -> None:
    open_2025(qtbot, page, notices)
    choose_org(page, office["an_phat"])
    edit(page, office["binh"], {"self_score": "120", "self_level": "HTXSNV"})
    assert not page.member_model.setData(
        page.member_model.index(0, page.member_model.column_of("self_score")), "chín mươi"
    )
    assert "phải là số" in page.member_hint.text()

    # Leaving asks Lưu / Bỏ / Hủy: Hủy stays on the organisation with the typing kept.
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_choice", lambda _p, _t, text, _c: asked.append(text) or None)
    page.orgs.table.selectRow(page.orgs.model.row_of(office["binh_minh"]))
    assert asked and "Chi bộ Công ty An Phát" in asked[0]
    assert page.org.organisation_id == office["an_phat"]
    assert page.member_model.is_dirty

    # Saving refuses the score and names the member and the field; the cell is marked.
    page.save_button.click()
    title, text = notices[-1]
    assert text == "Trần Thị Bình: Điểm tự chấm phải từ 0 đến 100."
    row = page.member_model.row_of(office["binh"])
    column = page.member_model.column_of("self_score")
    assert page.members.currentIndex().row() == row
    assert page.members.currentIndex().column() == column
    assert page.member_model.index(row, column).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert services.evaluation.member_rows(page.cycle.id, office["an_phat"])[0].self_level is None

    # "Bỏ thay đổi" answers the question: the other organisation opens, nothing saved.
    edit(page, office["binh"], {"self_score": "92"})
    monkeypatch.setattr(messages, "ask_choice", lambda *_a: 1)
    page.orgs.table.selectRow(page.orgs.model.row_of(office["binh_minh"]))
    assert page.org.organisation_id == office["binh_minh"]
    saved = services.evaluation.member_rows(page.cycle.id, office["an_phat"])
    assert all(r.self_score is None for r in saved)


def test_missing_list_jumps_to_the_member_and_checks_keep_reasons(
    qtbot, page, office, services, notices, monkeypatch
) -> None:
    open_2025(qtbot, page, notices)
    page.tabs.setCurrentWidget(page.missing)
    qtbot.waitUntil(lambda: page.missing.count(Stage.SELF) == 4, timeout=5000)
    assert page.missing.stage_buttons[Stage.DECIDED].text() == "Quyết định (4)"
    page.missing.show_stage(Stage.SELF)
    names = [page.missing.model.index(r, 0).data() for r in range(page.missing.model.rowCount())]
    em = names.index("Hoàng Thị Em")
    assert page.missing.model.index(em, 2).data() == "Chi bộ ghép Bình Minh"
    page.missing.table.activated.emit(page.missing.model.index(em, 0))
    assert page.org.organisation_id == office["binh_minh"]
    assert page.tabs.currentIndex() == 0
    assert page.members.currentIndex().row() == page.member_model.row_of(office["em"])

    # A quota warning can carry a reason written from the checks tab.
    choose_org(page, office["an_phat"])
    for key in ("an", "binh"):
        edit(page, office[key], {"decided_level": "HTXSNV"})
    page.save_button.click()
    page.tabs.setCurrentWidget(page.checks)
    qtbot.waitUntil(lambda: page.checks.model.rowCount() == 1, timeout=5000)
    assert page.checks.model.row_at(0).violation.rule is RuleCode.QUOTA
    keep_with_reason(monkeypatch, "Tập thể thống nhất đề nghị")
    page.checks.reason_button.click()
    qtbot.waitUntil(lambda: page.checks.model.row_at(0).reason != "", timeout=5000)
    assert page.checks.model.row_at(0).reason == "Tập thể thống nhất đề nghị"
    assert [o.rule for o in services.evaluation.check(page.cycle.id).overrides] == [RuleCode.QUOTA]
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    page.checks.clear_button.click()
    qtbot.waitUntil(lambda: page.checks.model.row_at(0).reason == "", timeout=5000)
    assert services.evaluation.check(page.cycle.id).overrides == ()
    qtbot.waitUntil(lambda: not default_runner().is_busy)


# --- the "In, xuất" menu: previews, the sheet as Excel, batches into a folder ---------


@pytest.fixture
def previews(monkeypatch) -> list[tuple[Path, str]]:
    """The files the page sent to the print preview, with their titles (no dialog opened)."""
    shown: list[tuple[Path, str]] = []

    def record(target, title, *_args, **_kwargs):
        shown.append((Path(target), title))
        return None

    monkeypatch.setattr(preview_task.pdf_preview, "show_pdf_preview", record)
    return shown


def opened(page: EvaluationPage, services: AppServices, organisation_id: int) -> int:
    cycle = services.evaluation.open_cycle(services.evaluation.propose_cycle(2025))
    page.refresh()
    choose_org(page, organisation_id)
    return cycle.id


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_organisation_forms_and_ballots_open_in_the_preview(
    qtbot, page, services, office, previews, notices
) -> None:
    opened(page, services, office["an_phat"])
    menu = page.print_button
    menu._update_actions()
    assert menu.org_forms.isEnabled() and menu.sheet_pdf.isEnabled()

    menu.org_forms.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1 or bool(notices), timeout=20000)
    assert not notices, notices
    text = pdf_text(previews[0][0])
    assert "BÁO CÁO KIỂM ĐIỂM TẬP THỂ" in text.upper()
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        assert name in text
    assert "Phạm Văn Dũng" not in text  # exempt: not evaluated, writes no form
    assert "Mẫu 2C-HD KĐ.ĐG 2025" in text

    menu.org_ballots.trigger()
    qtbot.waitUntil(lambda: len(previews) == 2 or bool(notices), timeout=20000)
    assert not notices, notices
    assert len(PdfReader(str(previews[1][0])).pages) == 3  # one ballot per evaluated voter


def test_sheet_is_exported_to_excel(qtbot, page, services, office, notices, tmp_path, monkeypatch):
    opened(page, services, office["an_phat"])
    target = tmp_path / "bieu.xlsx"
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_a: target)
    page.print_button.sheet_xlsx.trigger()
    qtbot.waitUntil(lambda: bool(notices), timeout=20000)
    assert "Đã ghi biểu tổng hợp" in notices[-1][1]
    sheet = load_workbook(target).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Chi bộ Công ty An Phát" in values
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_all_forms_go_to_a_folder_one_file_per_organisation(
    qtbot, page, services, office, notices, tmp_path, monkeypatch
) -> None:
    opened(page, services, office["an_phat"])
    folder = tmp_path / "in"
    folder.mkdir()
    monkeypatch.setattr(print_menu.messages, "ask_choice", lambda *_a: 1)
    monkeypatch.setattr(
        print_menu.QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder)
    )
    page.print_button.all_forms.trigger()
    qtbot.waitUntil(lambda: bool(notices), timeout=30000)
    assert sorted(p.name for p in folder.iterdir()) == [
        "Chi bộ Công ty An Phát.pdf",
        "Chi bộ ghép Bình Minh.pdf",
    ]


def test_the_cells_remarks_and_the_discipline_are_kept(qtbot, page, services, office) -> None:
    cycle = services.evaluation.open_cycle(services.evaluation.propose_cycle(2025))
    page.refresh()
    choose_org(page, office["an_phat"])
    edit(
        page,
        office["cuong"],
        {
            "discipline": "KHIEN_TRACH",
            "discipline_note": "QĐ số 05-QĐ/CB ngày 10/6/2025",
            "remarks": "Có ý thức tự phê bình, đã khắc phục",
        },
    )
    assert page.save_members()
    saved = services.evaluation.member_rows(cycle.id, office["an_phat"])
    cuong = next(r for r in saved if r.member_id == office["cuong"])
    assert cuong.discipline_note == "QĐ số 05-QĐ/CB ngày 10/6/2025"
    assert cuong.remarks == "Có ý thức tự phê bình, đã khắc phục"
    assert cell(page, office["cuong"], "remarks") == "Có ý thức tự phê bình, đã khắc phục"
