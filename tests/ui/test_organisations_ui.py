"""The organisations page, the organisation dialog and its sub-dialogs, driven as a clerk would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QWidget,
)

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import (
    Cadre,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEndReason,
    OrgEnterpriseLink,
    OrgKind,
    Term,
)
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices
from partydesk.store.organisations import SORTS
from partydesk.ui import messages
from partydesk.ui.dialogs.cadres_dialog import CadreDialog, CadresDialog
from partydesk.ui.dialogs.organisation_dialog import (
    ACTIVE,
    NO_PARENT,
    AssignCadreDialog,
    CommitteePostDialog,
    OrganisationDialog,
    TermDialog,
)
from partydesk.ui.pages.organisations import OrganisationsPage
from partydesk.ui.widgets import DateField, FieldErrorLabel, is_marked_invalid

# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def enterprise_id(services: AppServices) -> int:
    return services.register.save_enterprise(
        Enterprise(name="Công ty cổ phần ABC", type=EnterpriseType.PRIVATE)
    )


@pytest.fixture
def boxes(monkeypatch) -> list[tuple[str, str]]:
    """Every message box the code tried to show; questions are answered "Có"."""
    shown: list[tuple[str, str]] = []

    def notice(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> None:
        shown.append((title, text))

    def ask(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> bool:
        shown.append((title, text))
        return True

    for name in ("show_info", "show_warning", "show_error"):
        monkeypatch.setattr(messages, name, notice)
    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return shown


@pytest.fixture
def cell(services: AppServices, enterprise_id: int) -> int:
    """A chi bộ cơ sở with three official members."""
    org_id = services.register.save_organisation(
        Organisation(
            name="Chi bộ Công ty cổ phần ABC",
            kind=OrgKind.CELL_BASE,
            enterprises=(OrgEnterpriseLink(enterprise_id, True),),
        )
    )
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        services.register.save_member(
            Member(
                full_name=name,
                organisation_id=org_id,
                birth_date=date(1985, 1, 1),
                standing=Standing.OFFICIAL,
                official_date=date(2015, 1, 1),
            )
        )
    return org_id


def member_ids(services: AppServices, org_id: int) -> dict[str, int]:
    return {
        text.split(" (")[0]: member_id
        for member_id, text in services.register.member_choices(org_id)
    }


# --- driving modal dialogs -----------------------------------------------------------------


def run_modal(
    dialog_type: type[QDialog],
    interact: Callable[[Any], None],
    trigger: Callable[[], None],
) -> QDialog:
    """Open a modal dialog with ``trigger`` and drive it with ``interact`` while exec() runs.

    Whatever ``interact`` leaves open is closed afterwards, so a failing assertion cannot
    leave the test hanging in exec(); the failure is re-raised once exec() has returned.
    """
    seen: list[QDialog] = []
    failures: list[BaseException] = []
    attempts = [0]

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            attempts[0] += 1
            if attempts[0] < 200:
                QTimer.singleShot(10, drive)
            else:
                failures.append(AssertionError(f"no {dialog_type.__name__} opened"))
                if isinstance(dialog, QDialog):
                    dialog.done(QDialog.DialogCode.Rejected)
            return
        seen.append(dialog)
        try:
            interact(dialog)
        except BaseException as exc:
            failures.append(exc)
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, drive)
    trigger()
    if failures:
        raise failures[0]
    assert seen, f"no {dialog_type.__name__} opened"
    return seen[0]


def save_button(dialog: QDialog) -> Any:
    buttons = dialog.findChild(QDialogButtonBox)
    return buttons.button(QDialogButtonBox.StandardButton.Save)


def choose(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Type as the clerk would, key by key.

    QTest.keyClicks asserts (and aborts the process) on letters outside Latin-1 such as "ộ",
    so Vietnamese text goes in as key events that carry the character.
    """
    target = widget.line_edit if isinstance(widget, DateField) else widget
    target.setFocus()
    if text.isascii():
        qtbot.keyClicks(target, text)
        return
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)


def error_of(dialog: Any, name: str) -> str | None:
    """The red message shown below the field ``name``."""
    widget = dialog.form.widget(name)
    row, _role = dialog.form.layout.getWidgetPosition(widget)
    item = dialog.form.layout.itemAt(row + 1, dialog.form.layout.ItemRole.FieldRole)
    label = item.widget()
    assert isinstance(label, FieldErrorLabel)
    return label.error() if not label.isHidden() else None


def shown_dialog(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown_page(qtbot, services: AppServices) -> OrganisationsPage:
    """The page on screen: lists load when first shown."""
    page = OrganisationsPage(services)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def page_names(page: OrganisationsPage) -> list[str]:
    return [page.model.row_at(row).name for row in range(page.model.rowCount())]


# --- the page ------------------------------------------------------------------------------


def test_page_columns_sort_by_store_keys(qtbot, services: AppServices) -> None:
    page = shown_page(qtbot, services)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers == [
        "Tên tổ chức đảng",
        "Loại",
        "Cấp trên",
        "Doanh nghiệp",
        "ĐV chính thức",
        "Tổng số ĐV",
        "Bí thư",
        "Cán bộ phụ trách",
        "Ngày kết thúc",
    ]
    for column in range(9):
        key = page.model._columns[column].sort_key
        assert key in SORTS
    assert page.count_label.text() == "0 tổ chức đảng"


def test_add_organisation_from_page(
    qtbot, services: AppServices, enterprise_id: int, boxes
) -> None:
    page = shown_page(qtbot, services)

    def fill(dialog: OrganisationDialog) -> None:
        type_into(qtbot, dialog.name_edit, "Chi bộ Công ty cổ phần ABC")
        type_into(qtbot, dialog.form.widget("founded_on"), "15032019")
        choose(dialog.kind_combo, OrgKind.CELL_BASE)
        dialog.tabs.setCurrentWidget(dialog.enterprise_links)
        links = dialog.enterprise_links
        type_into(qtbot, links.picker.lineEdit(), "Công ty cổ phần ABC")
        links.picker.completer().popup().hide()
        qtbot.keyClick(links.picker.lineEdit(), Qt.Key.Key_Return)
        assert dialog.isVisible(), "Enter in the picker must not save the dialog"
        assert links.links() == (OrgEnterpriseLink(enterprise_id, True),)
        assert dialog.tabs.tabText(1) == "Doanh nghiệp (1)"
        # Ctrl+S is a window shortcut: it only fires in the active window.
        with qtbot.waitActive(dialog):
            dialog.activateWindow()
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible(), dialog.banner.text()

    run_modal(OrganisationDialog, fill, page.add_button.click)

    assert page_names(page) == ["Chi bộ Công ty cổ phần ABC"]
    assert page.count_label.text() == "1 tổ chức đảng"
    row = page.model.row_at(0)
    assert row.kind is OrgKind.CELL_BASE
    assert row.enterprises == "Công ty cổ phần ABC"
    org = services.register.organisation(row.id)
    assert org.founded_on == date(2019, 3, 15)
    assert org.enterprises == (OrgEnterpriseLink(enterprise_id, True),)
    assert org.meeting_interval_months == 1
    assert boxes == []


def test_open_existing_from_page_and_rename(qtbot, services: AppServices, cell: int, boxes) -> None:
    page = shown_page(qtbot, services)
    assert page.select_id(cell)

    def rename(dialog: OrganisationDialog) -> None:
        assert dialog.form.get("name") == "Chi bộ Công ty cổ phần ABC"
        assert dialog.form.get("kind") == OrgKind.CELL_BASE
        dialog.name_edit.selectAll()
        type_into(qtbot, dialog.name_edit, "Chi bộ Công ty ABC")
        save_button(dialog).click()

    run_modal(OrganisationDialog, rename, page.edit_button.click)
    assert page_names(page) == ["Chi bộ Công ty ABC"]
    assert page.model.row_at(0).official_members == 3
    assert services.register.organisation(cell).enterprises  # links kept


# --- validation ----------------------------------------------------------------------------


def test_cell_under_committee_without_parent_is_refused_beside_the_field(
    qtbot, services: AppServices, boxes
) -> None:
    dialog = shown_dialog(qtbot, OrganisationDialog(services, None))
    type_into(qtbot, dialog.name_edit, "Chi bộ Phòng Kỹ thuật")
    choose(dialog.kind_combo, OrgKind.CELL_UNDER_COMMITTEE)
    assert dialog.parent_combo.isEnabled()
    assert dialog.parent_combo.currentText() == NO_PARENT

    save_button(dialog).click()

    assert dialog.isVisible()
    assert error_of(dialog, "parent_id") == (
        "Tổ chức cấp trên: chi bộ trực thuộc phải thuộc một đảng bộ."
    )
    assert is_marked_invalid(dialog.parent_combo)
    assert error_of(dialog, "name") is None
    assert dialog.banner.isVisible()
    assert services.register.count_organisations(ListQuery(include_ended=True)) == 0
    assert boxes == []


def test_parent_is_offered_only_for_kinds_that_have_one(qtbot, services: AppServices) -> None:
    committee = services.register.save_organisation(
        Organisation(name="Đảng bộ Tổng công ty", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    dialog = shown_dialog(qtbot, OrganisationDialog(services, None))
    label = dialog.form.layout.labelForField(dialog.parent_combo)

    choose(dialog.kind_combo, OrgKind.CELL_UNDER_COMMITTEE)
    assert dialog.parent_combo.isEnabled()
    assert label.text() == "Tổ chức cấp trên *"
    choose(dialog.parent_combo, committee)

    choose(dialog.kind_combo, OrgKind.PARTY_COMMITTEE_BASE)
    assert not dialog.parent_combo.isEnabled()
    assert dialog.parent_combo.currentData() is None
    assert label.text() == "Tổ chức cấp trên"
    assert dialog.abbreviation_edit.placeholderText() == "ĐU"


def test_cell_under_committee_with_parent_is_saved(qtbot, services: AppServices, boxes) -> None:
    committee = services.register.save_organisation(
        Organisation(name="Đảng bộ Tổng công ty", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    dialog = shown_dialog(qtbot, OrganisationDialog(services, None))
    type_into(qtbot, dialog.name_edit, "Chi bộ Phòng Kỹ thuật")
    choose(dialog.kind_combo, OrgKind.CELL_UNDER_COMMITTEE)
    choose(dialog.parent_combo, committee)
    type_into(qtbot, dialog.form.widget("phone"), "0912.345.678")
    save_button(dialog).click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    org = services.register.organisation(dialog.record_id)
    assert org.parent_id == committee
    assert org.kind is OrgKind.CELL_UNDER_COMMITTEE
    assert org.phone == "0912345678"


def test_sparser_meetings_need_a_decision(qtbot, services: AppServices, boxes) -> None:
    dialog = shown_dialog(qtbot, OrganisationDialog(services, None))
    type_into(qtbot, dialog.name_edit, "Chi bộ Công ty XYZ")
    dialog.interval_edit.clear()
    save_button(dialog).click()
    assert error_of(dialog, "meeting_interval_months").startswith("Định kỳ sinh hoạt:")

    type_into(qtbot, dialog.interval_edit, "2")
    save_button(dialog).click()
    assert error_of(dialog, "meeting_exception_decision").startswith(
        "Số quyết định về định kỳ sinh hoạt:"
    )
    assert services.register.count_organisations(ListQuery(include_ended=True)) == 0


# --- ending --------------------------------------------------------------------------------


def test_end_by_merging_through_the_end_section(
    qtbot, services: AppServices, cell: int, boxes
) -> None:
    target = services.register.save_organisation(
        Organisation(name="Chi bộ ghép phường Bến Thành", kind=OrgKind.CELL_COMBINED)
    )
    dialog = shown_dialog(qtbot, OrganisationDialog(services, cell))
    assert dialog.end_reason_combo.currentText() == ACTIVE
    assert not dialog.merged_into_combo.isEnabled()

    choose(dialog.end_reason_combo, OrgEndReason.DISSOLVED)
    assert not dialog.merged_into_combo.isEnabled()
    save_button(dialog).click()  # a reason without its date is refused
    assert error_of(dialog, "ended_on") == "Ngày giải thể, sáp nhập: cần ghi ngày."

    choose(dialog.end_reason_combo, OrgEndReason.MERGED)
    assert dialog.merged_into_combo.isEnabled()
    choose(dialog.merged_into_combo, target)
    type_into(qtbot, dialog.form.widget("ended_on"), "30/06/2026")
    type_into(qtbot, dialog.form.widget("end_decision"), "12-QĐ/ĐU")
    save_button(dialog).click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    org = services.register.organisation(cell)
    assert (org.end_reason, org.ended_on, org.merged_into_id, org.end_decision) == (
        OrgEndReason.MERGED,
        date(2026, 6, 30),
        target,
        "12-QĐ/ĐU",
    )
    page = shown_page(qtbot, services)
    assert page_names(page) == ["Chi bộ ghép phường Bến Thành"]
    page.show_ended.setChecked(True)
    assert sorted(page_names(page)) == [
        "Chi bộ Công ty cổ phần ABC",
        "Chi bộ ghép phường Bến Thành",
    ]


def test_ended_parent_stays_selected(qtbot, services: AppServices, boxes) -> None:
    committee = services.register.save_organisation(
        Organisation(name="Đảng bộ cũ", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    cell = services.register.save_organisation(
        Organisation(name="Chi bộ A", kind=OrgKind.CELL_UNDER_COMMITTEE, parent_id=committee)
    )
    services.register.end_organisation(committee, date(2026, 1, 1), OrgEndReason.DISSOLVED, "")
    dialog = shown_dialog(qtbot, OrganisationDialog(services, cell))
    assert dialog.parent_combo.currentData() == committee
    assert dialog.parent_combo.currentText() == "Đảng bộ cũ (đã kết thúc)"
    assert not dialog.is_dirty()


# --- enterprises ---------------------------------------------------------------------------


def test_combined_cell_spans_enterprises_with_one_primary(
    qtbot, services: AppServices, enterprise_id: int, boxes
) -> None:
    second = services.register.save_enterprise(
        Enterprise(name="Công ty TNHH Minh Phát", type=EnterpriseType.PRIVATE)
    )
    dialog = shown_dialog(qtbot, OrganisationDialog(services, None))
    type_into(qtbot, dialog.name_edit, "Chi bộ ghép")
    choose(dialog.kind_combo, OrgKind.CELL_COMBINED)
    links = dialog.enterprise_links
    dialog.tabs.setCurrentWidget(links)

    type_into(qtbot, links.picker.lineEdit(), "không có")
    links.add_button.click()
    assert links.picker_error.isVisible()
    assert links.links() == ()

    for name in ("Công ty cổ phần ABC", "Công ty TNHH Minh Phát"):
        links.picker.lineEdit().clear()
        type_into(qtbot, links.picker.lineEdit(), name)
        links.picker.completer().popup().hide()
        links.add_button.click()
    assert links.links() == (
        OrgEnterpriseLink(enterprise_id, True),
        OrgEnterpriseLink(second, False),
    )
    assert links.picker.count() == 0  # both are taken

    links.table.selectRow(1)
    links.primary_button.click()
    assert links.links() == (
        OrgEnterpriseLink(enterprise_id, False),
        OrgEnterpriseLink(second, True),
    )
    save_button(dialog).click()
    org = services.register.organisation(dialog.record_id)
    assert set(org.enterprises) == {
        OrgEnterpriseLink(enterprise_id, False),
        OrgEnterpriseLink(second, True),
    }

    reopened = shown_dialog(qtbot, OrganisationDialog(services, org.id))
    reopened.enterprise_links.table.selectRow(0)
    reopened.enterprise_links.remove_button.click()
    assert reopened.is_dirty()
    reopened.reject()  # the question is answered "Có"
    assert boxes and boxes[-1][0] == "Bỏ thay đổi?"
    assert len(services.register.organisation(org.id).enterprises) == 2


# --- terms ---------------------------------------------------------------------------------


def test_new_organisation_asks_to_save_before_terms(qtbot, services: AppServices) -> None:
    dialog = shown_dialog(qtbot, OrganisationDialog(services, None))
    tab_texts = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tab_texts == ["Thông tin", "Doanh nghiệp", "Nhiệm kỳ và cấp ủy", "Cán bộ phụ trách"]
    terms_tab = dialog.tabs.widget(2)
    assert dialog.terms_panel is not terms_tab
    texts = [label.text() for label in terms_tab.findChildren(QLabel)]
    assert "Lưu tổ chức trước khi nhập nhiệm kỳ." in texts


def add_post(qtbot, term_dialog: TermDialog, member_id: int, role: CommitteeRole) -> None:
    def fill(dialog: CommitteePostDialog) -> None:
        assert dialog.form.get("starts_on") == date(2025, 5, 10)  # the term's start
        choose(dialog.member_combo, member_id)
        choose(dialog.form.widget("role"), role)
        save_button(dialog).click()

    run_modal(CommitteePostDialog, fill, term_dialog.add_post_button.click)


def test_term_with_secretary_and_two_committee_members(
    qtbot, services: AppServices, cell: int, boxes
) -> None:
    members = member_ids(services, cell)
    dialog = shown_dialog(qtbot, OrganisationDialog(services, cell))
    dialog.tabs.setCurrentWidget(dialog.terms_panel)
    assert dialog.terms_table.rowCount() == 0

    def fill_term(term_dialog: TermDialog) -> None:
        type_into(qtbot, term_dialog.form.widget("label"), "2025–2030")
        type_into(qtbot, term_dialog.form.widget("starts_on"), "10/05/2025")
        type_into(qtbot, term_dialog.form.widget("congress_on"), "10/05/2025")
        add_post(qtbot, term_dialog, members["Nguyễn Văn An"], CommitteeRole.SECRETARY)
        add_post(qtbot, term_dialog, members["Trần Thị Bình"], CommitteeRole.COMMITTEE_MEMBER)
        add_post(qtbot, term_dialog, members["Lê Văn Cường"], CommitteeRole.COMMITTEE_MEMBER)
        assert term_dialog.posts_table.rowCount() == 3
        assert term_dialog.posts_table.item(0, 1).text() == "Bí thư"
        save_button(term_dialog).click()
        assert not term_dialog.isVisible()

    run_modal(TermDialog, fill_term, dialog.add_term_button.click)

    [term] = services.register.terms(cell)
    assert (term.label, term.starts_on, term.congress_on) == (
        "2025–2030",
        date(2025, 5, 10),
        date(2025, 5, 10),
    )
    roles = sorted((p.member_name, p.role) for p in term.posts)
    assert roles == [
        ("Lê Văn Cường", CommitteeRole.COMMITTEE_MEMBER),
        ("Nguyễn Văn An", CommitteeRole.SECRETARY),
        ("Trần Thị Bình", CommitteeRole.COMMITTEE_MEMBER),
    ]
    assert dialog.terms_table.rowCount() == 1
    assert dialog.terms_table.item(0, 4).text() == "Nguyễn Văn An"
    assert dialog.related_changed
    assert boxes == []


def test_term_with_two_secretaries_is_refused(
    qtbot, services: AppServices, cell: int, boxes
) -> None:
    members = member_ids(services, cell)
    organisation = services.register.organisation(cell)
    term_dialog = shown_dialog(qtbot, TermDialog(services, organisation, None))
    type_into(qtbot, term_dialog.form.widget("label"), "2025–2030")
    type_into(qtbot, term_dialog.form.widget("starts_on"), "10/05/2025")
    add_post(qtbot, term_dialog, members["Nguyễn Văn An"], CommitteeRole.SECRETARY)
    add_post(qtbot, term_dialog, members["Trần Thị Bình"], CommitteeRole.SECRETARY)

    save_button(term_dialog).click()

    assert term_dialog.isVisible()
    assert "Cấp ủy: chỉ có một bí thư trong một nhiệm kỳ." in term_dialog.banner.text()
    assert services.register.terms(cell) == []


def test_term_needs_label_and_start(qtbot, services: AppServices, cell: int, boxes) -> None:
    organisation = services.register.organisation(cell)
    term_dialog = shown_dialog(qtbot, TermDialog(services, organisation, None))
    save_button(term_dialog).click()
    assert error_of(term_dialog, "label").startswith("Nhiệm kỳ:")
    assert error_of(term_dialog, "starts_on") == "Ngày bắt đầu: không được để trống."


def test_member_cannot_hold_two_posts(qtbot, services: AppServices, cell: int, boxes) -> None:
    members = member_ids(services, cell)
    organisation = services.register.organisation(cell)
    term = Term(
        organisation_id=cell,
        label="2025–2030",
        starts_on=date(2025, 5, 10),
        posts=(CommitteePost(members["Nguyễn Văn An"], CommitteeRole.SECRETARY),),
    )
    services.register.save_term(term)
    [term] = services.register.terms(cell)
    term_dialog = shown_dialog(qtbot, TermDialog(services, organisation, term))

    def fill(dialog: CommitteePostDialog) -> None:
        choose(dialog.member_combo, members["Nguyễn Văn An"])
        save_button(dialog).click()
        assert dialog.isVisible()
        assert error_of(dialog, "member_id") == (
            "Đảng viên: đã có chức vụ khác trong nhiệm kỳ này."
        )

    run_modal(CommitteePostDialog, fill, term_dialog.add_post_button.click)
    assert term_dialog.posts_table.rowCount() == 1


# --- cadres --------------------------------------------------------------------------------


def test_assign_cadre(qtbot, services: AppServices, cell: int, boxes) -> None:
    first = services.register.save_cadre(Cadre("Võ Thị Hạnh", "Ủy viên Ban Thường vụ"))
    second = services.register.save_cadre(Cadre("Đặng Quốc Khánh"))
    dialog = shown_dialog(qtbot, OrganisationDialog(services, cell))
    dialog.tabs.setCurrentWidget(dialog.cadre_panel)

    def assign(cadre_id: int, starts: str) -> Callable[[AssignCadreDialog], None]:
        def fill(assign_dialog: AssignCadreDialog) -> None:
            choose(assign_dialog.cadre_combo, cadre_id)
            starts_on = assign_dialog.form.widget("starts_on")
            starts_on.clear()
            type_into(qtbot, starts_on, starts)
            save_button(assign_dialog).click()
            assert not assign_dialog.isVisible(), assign_dialog.banner.text()

        return fill

    run_modal(AssignCadreDialog, assign(first, "01/01/2025"), dialog.assign_button.click)
    assert dialog.assignments_table.item(0, 0).text() == "Võ Thị Hạnh"
    assert dialog.assignments_table.item(0, 2).text() == "đang phụ trách"

    run_modal(AssignCadreDialog, assign(second, "01/06/2026"), dialog.assign_button.click)
    history = services.register.assignments(cell)
    assert [(a.cadre_id, a.starts_on, a.ends_on) for a in history] == [
        (second, date(2026, 6, 1), None),
        (first, date(2025, 1, 1), date(2026, 5, 31)),  # ends the day before the next
    ]
    assert dialog.assignments_table.rowCount() == 2
    assert dialog.related_changed

    page = shown_page(qtbot, services)
    assert page.model.row_at(0).cadre == "Đặng Quốc Khánh"


def test_assignment_before_the_current_one_is_refused(
    qtbot, services: AppServices, cell: int, boxes
) -> None:
    first = services.register.save_cadre(Cadre("Võ Thị Hạnh"))
    second = services.register.save_cadre(Cadre("Đặng Quốc Khánh"))
    services.register.assign_cadre(cell, first, date(2025, 1, 1))
    assign_dialog = shown_dialog(
        qtbot, AssignCadreDialog(services, cell, services.register.assignments(cell))
    )
    choose(assign_dialog.cadre_combo, second)
    starts_on = assign_dialog.form.widget("starts_on")
    starts_on.clear()
    type_into(qtbot, starts_on, "01/01/2024")
    save_button(assign_dialog).click()
    assert error_of(assign_dialog, "starts_on").startswith("Từ ngày: phải sau ngày 01/01/2025")
    assert len(services.register.assignments(cell)) == 1


def test_cadres_dialog_adds_and_edits_from_the_page(qtbot, services: AppServices, boxes) -> None:
    page = shown_page(qtbot, services)

    def manage(cadres: CadresDialog) -> None:
        def add(cadre_dialog: CadreDialog) -> None:
            assert cadre_dialog.form.get("active") is True
            type_into(qtbot, cadre_dialog.form.widget("full_name"), "Võ Thị Hạnh")
            type_into(qtbot, cadre_dialog.form.widget("title"), "Ủy viên Ban Thường vụ")
            type_into(qtbot, cadre_dialog.form.widget("phone"), "0912 345 678")
            save_button(cadre_dialog).click()

        run_modal(CadreDialog, add, cadres.add_button.click)
        assert cadres.table.rowCount() == 1
        assert cadres.table.item(0, 2).text() == "0912345678"

        def retire(cadre_dialog: CadreDialog) -> None:
            cadre_dialog.form.widget("active").setChecked(False)
            save_button(cadre_dialog).click()

        cadres.table.selectRow(0)
        run_modal(CadreDialog, retire, cadres.edit_button.click)
        assert cadres.table.item(0, 3).text() == "Thôi công tác"
        cadres.reject()

    run_modal(CadresDialog, manage, page.cadres_button.click)
    [cadre] = services.register.cadres(include_inactive=True)
    assert (cadre.full_name, cadre.title, cadre.phone, cadre.active) == (
        "Võ Thị Hạnh",
        "Ủy viên Ban Thường vụ",
        "0912345678",
        False,
    )
    assert services.register.cadres() == []


def test_cadre_needs_a_name(qtbot, services: AppServices, boxes) -> None:
    dialog = shown_dialog(qtbot, CadreDialog(services, None))
    save_button(dialog).click()
    assert error_of(dialog, "full_name") == "Họ và tên cán bộ: không được để trống."
    assert services.register.cadres(include_inactive=True) == []
