"""The Giao ban page: plan a round, record attendance and an issue, print the invitations."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableWidget

from partydesk.domain.briefing import Attendance, IssueKind, IssueStatus
from partydesk.ui import messages
from partydesk.ui.briefing import invitees_section as inv
from partydesk.ui.briefing import issues_section as iss
from partydesk.ui.pages.briefings import BriefingsPage
from tests.common import WARD_OFFICE
from tests.store.test_briefings import seed_organisations
from tests.ui.keyboard import type_text


def type_into_cell(qtbot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Type into a cell as a clerk does: select it, type, press Enter."""
    table.setCurrentCell(row, column)
    index = table.currentIndex()
    if table.indexWidget(index) is None:
        table.edit(index)
    editor = table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # committed (queued)


def choose_in_cell(qtbot, table: QTableWidget, row: int, column: int, label: str) -> None:
    table.setCurrentCell(row, column)
    table.edit(table.currentIndex())
    combo = table.indexWidget(table.currentIndex())
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(label))
    QTest.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == label)


@pytest.fixture
def notices(monkeypatch):
    """Message boxes shown, instead of blocking the test on them."""
    shown: list[str] = []
    for name in ("show_info", "show_warning", "show_error"):
        monkeypatch.setattr(messages, name, lambda _parent, _title, text, **_kw: shown.append(text))
    monkeypatch.setattr(messages, "ask_choice", lambda *_args: 0)
    return shown


@pytest.fixture
def page(qtbot, services, notices):
    widget = BriefingsPage(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def row_of(table: QTableWidget, column: int, text: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, column).text() == text)


def test_plan_record_attendance_and_issue_then_print_invitations(qtbot, page, services, notices):
    services.office.save(WARD_OFFICE)
    ids = seed_organisations(services)
    assert "thứ Năm 10/12/2026" in page.rule_hint.text()
    page.plan_new()
    dialog = page.last_dialog
    assert dialog.windowTitle() == "Lập kế hoạch – Hội nghị giao ban 6 tháng cuối năm 2026"
    assert dialog.plan.sittings.item(0, 0).text() == "10/12/2026"

    dialog.tabs.setCurrentIndex(1)
    table = dialog.invitees.table
    assert table.rowCount() == 4
    binh = row_of(table, inv.ORG, "Chi bộ Công ty Bình Minh")
    type_into_cell(qtbot, table, binh, inv.NAME, "Trần Văn Bình")
    type_into_cell(qtbot, table, binh, inv.POSITION, "Bí thư")
    choose_in_cell(qtbot, table, binh, inv.ATTENDANCE, "Có mặt")
    type_into_cell(qtbot, table, binh, inv.RECEIVED, "02/12/2026")
    assert table.item(binh, inv.ON_TIME).text() == "Đúng hạn"
    an = row_of(table, inv.ORG, "Chi bộ Công ty An Phát")
    choose_in_cell(qtbot, table, an, inv.ATTENDANCE, "Vắng")
    type_into_cell(qtbot, table, an, inv.RECEIVED, "05/12/2026")
    assert table.item(an, inv.ON_TIME).text() == "Muộn"

    # Absent without a reason: refused, the cell is marked and the tab shown.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.tabs.currentIndex() == 1
    assert "vắng thì phải ghi lý do vắng" in table.item(an, inv.REASON).toolTip()
    assert f"Đơn vị dự dòng {an + 1} (Chi bộ Công ty An Phát)" in dialog.error_label.text()
    type_into_cell(qtbot, table, an, inv.REASON, "Đi công tác")

    dialog.tabs.setCurrentIndex(2)
    issues = dialog.issues
    qtbot.mouseClick(issues.add_button, Qt.MouseButton.LeftButton)
    choose_in_cell(qtbot, issues.table, 0, iss.ORG, "Chi bộ Công ty Bình Minh")
    type_into_cell(qtbot, issues.table, 0, iss.CONTENT, "Xin hỗ trợ phòng sinh hoạt")
    type_into_cell(qtbot, issues.table, 0, iss.RESPONSIBLE, "Văn phòng Đảng ủy")
    type_into_cell(qtbot, issues.table, 0, iss.DUE, "31/12/2026")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None, dialog.error_label.text()
    saved = services.briefings.get(dialog.saved.id)
    by_org = {v.organisation_id: v for v in saved.invitees}
    assert by_org[ids["binh"]].attendee_name == "Trần Văn Bình"
    assert by_org[ids["binh"]].attendance is Attendance.PRESENT
    assert by_org[ids["an"]].absence_reason == "Đi công tác"
    (issue,) = saved.issues
    assert (issue.organisation_id, issue.kind, issue.status) == (
        ids["binh"],
        IssueKind.PROPOSAL,
        IssueStatus.NEW,
    )
    assert issue.due_on == date(2026, 12, 31)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 4).text() == "1"  # present

    qtbot.mouseClick(page.print_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_preview is not None or bool(notices), timeout=20000)
    assert not notices
    preview = page.last_preview
    assert preview.document.pageCount() == 4  # one letter per organisation
    assert "Giấy mời" in preview.windowTitle()
    preview.close()


def test_carried_issue_shows_in_next_round_and_is_followed_up_there(qtbot, page, services):
    from tests.store.test_briefings import round_with_issue

    ids = seed_organisations(services)
    earlier = services.briefings.save(round_with_issue(ids))
    page.refresh()
    page.plan_new()
    dialog = page.last_dialog
    table = dialog.issues.table
    assert table.rowCount() == 2
    row = row_of(table, iss.CONTENT, "Xin hỗ trợ phòng sinh hoạt")
    assert table.item(row, iss.ROUND).text() == "6 tháng đầu năm 2026"
    assert not table.item(row, iss.CONTENT).flags() & Qt.ItemFlag.ItemIsEditable
    choose_in_cell(qtbot, table, row, iss.STATUS, "Đã giải quyết")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert "đã giải quyết thì phải ghi ngày giải quyết" in table.item(row, iss.RESOLVED).toolTip()
    type_into_cell(qtbot, table, row, iss.RESOLVED, "10/12/2026")
    type_into_cell(qtbot, table, row, iss.ANSWER, "Đã bố trí phòng họp")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None, dialog.error_label.text()
    followed = services.store.briefings.get_issue(earlier.issues[0].id)
    assert (followed.status, followed.answer) == (IssueStatus.RESOLVED, "Đã bố trí phòng họp")
    assert followed.briefing_id == earlier.id


def test_organisation_dialog_lists_open_issues_and_keeps_the_cluster(qtbot, services):
    from partydesk.ui.dialogs.organisation_dialog import OrganisationDialog
    from tests.store.test_briefings import round_with_issue

    ids = seed_organisations(services)
    services.briefings.save(round_with_issue(ids))
    dialog = OrganisationDialog(services, ids["binh"])
    qtbot.addWidget(dialog)
    table = dialog.open_issues.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(6)] == [
        "6 tháng đầu năm 2026",
        "Kiến nghị",
        "Xin hỗ trợ phòng sinh hoạt",
        "",
        "Mới",
        "",
    ]
    assert dialog.form.get("cluster") == "Cụm 1"
    dialog.form.set("cluster", "Cụm 3")
    services.register.save_organisation(dialog.collect())
    assert services.register.organisation(ids["binh"]).cluster == "Cụm 3"
