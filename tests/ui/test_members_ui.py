"""The members page, the member dialog and the event dialog, driven as a clerk would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFormLayout, QWidget

from partydesk.domain.dates import format_vn_date, official_decision_deadline, probation_end
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.member import EventKind, Gender, Member, MemberStatus, Standing
from partydesk.domain.organisation import Organisation, OrgEnterpriseLink, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs.member_dialog import MemberDialog
from partydesk.ui.dialogs.member_event_dialog import MemberEventDialog
from partydesk.ui.forms import RecordForm
from partydesk.ui.pages.members import MembersPage
from partydesk.ui.widgets import DateField, FieldErrorLabel, is_marked_invalid

# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def enterprise_id(services: AppServices) -> int:
    return services.register.save_enterprise(
        Enterprise(name="Công ty Cổ phần Minh Phát", type=EnterpriseType.PRIVATE)
    )


@pytest.fixture
def organisation_id(services: AppServices, enterprise_id: int) -> int:
    return services.register.save_organisation(
        Organisation(
            name="Chi bộ Công ty Cổ phần Minh Phát",
            kind=OrgKind.CELL_BASE,
            enterprises=(OrgEnterpriseLink(enterprise_id, is_primary=True),),
        )
    )


@pytest.fixture
def page(qtbot, services: AppServices, organisation_id: int) -> MembersPage:
    widget = MembersPage(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Answer "Có" to every question box, remembering the titles asked."""
    titles: list[str] = []

    def ask_yes_no(_parent, title, _text, default_no=True):
        titles.append(title)
        return True

    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(messages, "show_error", lambda *a, **k: pytest.fail(f"error box: {a}"))
    return titles


# --- helpers -------------------------------------------------------------------------------


def run_modal(open_modal: Callable[[], object], interact: Callable[[QDialog], None]) -> None:
    """Call ``open_modal`` (which runs a dialog's exec()) and drive the dialog meanwhile.

    A failure inside ``interact`` closes the dialog, so exec() returns, and is re-raised here.
    """
    failures: list[BaseException] = []
    opened = QApplication.activeModalWidget()

    def step(tries: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if (dialog is None or dialog is opened) and tries:
            QTimer.singleShot(20, lambda: step(tries - 1))  # exec() has not shown it yet
            return
        try:
            assert isinstance(dialog, QDialog), "no modal dialog was opened"
            interact(dialog)
        except BaseException as exc:
            failures.append(exc)
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, step)
    open_modal()
    if failures:
        raise failures[0]


def show_dialog(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def press_save(qtbot, dialog: QDialog) -> None:
    """Ctrl+S, as the clerk saves."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def type_text(target: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks asserts on non-ASCII letters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)


def type_into(qtbot, form: RecordForm, name: str, text: str) -> None:
    widget = form.widget(name)
    target = widget.line_edit if isinstance(widget, DateField) else widget
    target.setFocus()
    type_text(target, text)


def choose(form: RecordForm, name: str, value: object) -> None:
    combo = form.widget(name)
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered in {name}"
    combo.setCurrentIndex(index)


def error_beside(form: RecordForm, name: str) -> str:
    """The message in the error row directly below a field ("" when hidden)."""
    row, _role = form.layout.getWidgetPosition(form.widget(name))
    item = form.layout.itemAt(row + 1, QFormLayout.ItemRole.FieldRole)
    label = item.widget() if item is not None else None
    assert isinstance(label, FieldErrorLabel)
    return label.text() if form.layout.isRowVisible(label) else ""


def listed_names(page: MembersPage) -> list[str]:
    return [page.model.row_at(row).full_name for row in range(page.model.rowCount())]


def add_member(services: AppServices, organisation_id: int, name: str, **fields) -> int:
    return services.register.save_member(
        Member(full_name=name, organisation_id=organisation_id, **fields)
    )


# --- adding and finding a member -----------------------------------------------------------


def test_add_member_through_page_then_find_it_without_accents(
    qtbot, page, services, organisation_id, enterprise_id, asked
):
    add_member(services, organisation_id, "Trần Thị Mai", gender=Gender.FEMALE)
    page.refresh()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MemberDialog)
        type_into(qtbot, dialog.personal, "full_name", "Nguyễn Văn Đức")
        type_into(qtbot, dialog.personal, "birth_date", "15/03/1990")
        choose(dialog.personal, "gender", Gender.MALE)
        type_into(qtbot, dialog.personal, "cccd", "001090012345")
        choose(dialog.work, "enterprise_id", enterprise_id)
        choose(dialog.party, "organisation_id", organisation_id)
        press_save(qtbot, dialog)

    run_modal(page.add_record, fill)

    assert services.register.count_members(ListQuery()) == 2
    assert sorted(listed_names(page)) == ["Nguyễn Văn Đức", "Trần Thị Mai"]
    saved = services.register.member_rows(ListQuery(search="duc"), 0, 10)[0]
    member = services.register.member(saved.id)
    assert member.birth_date == date(1990, 3, 15)
    assert member.cccd == "001090012345"
    assert member.enterprise_id == enterprise_id
    assert member.status is MemberStatus.ACTIVE

    page.search_box.setFocus()
    qtbot.keyClicks(page.search_box, "nguyen van duc")
    qtbot.waitUntil(lambda: page.model.query.search == "nguyen van duc")
    assert listed_names(page) == ["Nguyễn Văn Đức"]
    assert page.count_label.text() == "1 đảng viên"
    row = page.model.row_at(0)
    assert row.organisation_name == "Chi bộ Công ty Cổ phần Minh Phát"
    assert row.enterprise_name == "Công ty Cổ phần Minh Phát"


def test_new_member_dialog_presets_organisation_and_offers_only_starting_statuses(
    qtbot, services, organisation_id
):
    dialog = show_dialog(qtbot, MemberDialog(services, None, organisation_id=organisation_id))
    assert dialog.party.get("organisation_id") == organisation_id
    assert dialog.personal.get("ethnicity") == "Kinh"
    assert dialog.personal.get("religion") == "Không"
    status = dialog.party.widget("status")
    assert isinstance(status, QComboBox)
    assert [status.itemData(i) for i in range(status.count())] == [
        MemberStatus.ACTIVE,
        MemberStatus.TEMP_GUEST,
        MemberStatus.EXEMPT,
    ]
    assert not dialog.event_button.isEnabled()
    assert not dialog.is_dirty()


def test_bad_cccd_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot, services, organisation_id, asked
):
    dialog = show_dialog(qtbot, MemberDialog(services, None))
    type_into(qtbot, dialog.personal, "full_name", "Nguyễn Văn Đức")
    type_into(qtbot, dialog.personal, "cccd", "12345")
    choose(dialog.party, "organisation_id", organisation_id)
    press_save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "12 chữ số" in error_beside(dialog.personal, "cccd")
    assert is_marked_invalid(dialog.personal.widget("cccd"))
    assert dialog.tabs.currentIndex() == 0
    # The message is beside its field, so the banner only counts it.
    assert "12 chữ số" not in dialog.banner.text()
    assert services.register.count_members(ListQuery(include_ended=True)) == 0


def test_errors_on_two_tabs_focus_the_first_one_shown(qtbot, services, organisation_id, asked):
    dialog = show_dialog(qtbot, MemberDialog(services, None))
    type_into(qtbot, dialog.personal, "full_name", "Nguyễn Văn Đức")
    type_into(qtbot, dialog.personal, "cccd", "12345")
    press_save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is dialog.personal.widget("cccd")
    assert "chọn tổ chức đảng" in error_beside(dialog.party, "organisation_id")
    assert dialog.banner.text().startswith("Chưa lưu: 2 mục")


def test_missing_organisation_opens_the_party_tab(qtbot, services, organisation_id, asked):
    dialog = show_dialog(qtbot, MemberDialog(services, None))
    type_into(qtbot, dialog.personal, "full_name", "Nguyễn Văn Đức")
    press_save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == 2
    assert "chọn tổ chức đảng" in error_beside(dialog.party, "organisation_id")
    assert services.register.count_members(ListQuery()) == 0


def test_cccd_disagreeing_with_birth_date_and_gender_warns_without_blocking(
    qtbot, services, organisation_id, asked
):
    dialog = show_dialog(qtbot, MemberDialog(services, None, organisation_id=organisation_id))
    type_into(qtbot, dialog.personal, "full_name", "Nguyễn Văn Đức")
    type_into(qtbot, dialog.personal, "cccd", "001090012345")
    type_into(qtbot, dialog.personal, "birth_date", "15/03/1990")
    choose(dialog.personal, "gender", Gender.MALE)
    assert dialog.cccd_warning.isHidden()

    choose(dialog.personal, "gender", Gender.FEMALE)
    assert dialog.cccd_warning.isVisible()
    assert "nữ" in dialog.cccd_warning.text()
    dialog.personal.set("birth_date", date(1991, 3, 15))
    assert "1991" in dialog.cccd_warning.text()

    press_save(qtbot, dialog)  # only a warning: the record is saved
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.register.count_members(ListQuery()) == 1


def test_tab_order_follows_the_paper_record(qtbot, services):
    dialog = show_dialog(qtbot, MemberDialog(services, None))
    names = dialog.personal.names()
    dialog.personal.widget("full_name").setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    visited = []
    for _ in range(len(names) - 1):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        widget: QWidget | None = QApplication.focusWidget()
        while widget is not None and widget.objectName() not in names:
            widget = widget.parentWidget()
        assert widget is not None
        visited.append(widget.objectName())
    assert visited == names[1:]


# --- derived dates -------------------------------------------------------------------------


def test_derived_dates_follow_the_typed_dates(qtbot, services, organisation_id):
    dialog = show_dialog(qtbot, MemberDialog(services, None, organisation_id=organisation_id))
    assert dialog.derived.text("probation_ends").startswith("—")
    dialog.tabs.setCurrentIndex(2)
    type_into(qtbot, dialog.party, "admission_decision_date", "25/08/2026")
    type_into(qtbot, dialog.party, "ceremony_date", "15/09/2026")

    ends = probation_end(date(2026, 9, 15))
    assert dialog.derived.text("probation_ends") == "15/09/2027" == format_vn_date(ends)
    deadline = official_decision_deadline(ends, services.register.calendar)
    assert dialog.derived.text("official_deadline") == format_vn_date(deadline)
    assert dialog.derived.text("party_age").startswith("chưa tính")
    assert dialog.derived.text("next_badge") == "—"

    dialog.party.set("admission_decision_date", date(1995, 8, 25))
    dialog.party.set("ceremony_date", date(1995, 9, 15))
    choose(dialog.party, "standing", Standing.OFFICIAL)
    assert dialog.derived.text("party_age") == "31 năm (tính từ 25/08/1995)"
    assert dialog.derived.text("next_badge") == "40 năm, ngày 25/08/2035"
    assert dialog.derived.text("official_deadline").startswith("— (đã là")


# --- events: ending a member ---------------------------------------------------------------


def test_deceased_event_hides_member_until_show_ended(
    qtbot, page, services, organisation_id, asked
):
    member_id = add_member(
        services,
        organisation_id,
        "Nguyễn Văn Đức",
        admission_decision_date=date(1990, 5, 1),
        ceremony_date=date(1990, 5, 19),
        standing=Standing.OFFICIAL,
        official_date=date(1991, 5, 19),
    )
    add_member(services, organisation_id, "Trần Thị Mai")
    page.refresh()
    assert page.select_id(member_id)
    assert page.event_button.isEnabled()

    def record(dialog: QDialog) -> None:
        assert isinstance(dialog, MemberEventDialog)
        choose(dialog.form, "kind", EventKind.DECEASED)
        assert not dialog.until_field.isEnabled()
        assert "Từ trần" in dialog.preview_label.text()
        type_into(qtbot, dialog.form, "on", "10/11/2026")
        type_into(qtbot, dialog.form, "note", "Từ trần tại nhà riêng")
        press_save(qtbot, dialog)

    run_modal(page.event_button.click, record)

    assert asked == ["Kết thúc sinh hoạt?"]
    assert listed_names(page) == ["Trần Thị Mai"]
    page.show_ended.setChecked(True)
    assert sorted(listed_names(page)) == ["Nguyễn Văn Đức", "Trần Thị Mai"]
    row = page.model.row_of_id(member_id)
    assert row is not None
    assert page.model.row_at(row).status_label == "Từ trần"
    member = services.register.member(member_id)
    assert member.status is MemberStatus.DECEASED
    [event] = services.register.member_events(member_id)
    assert (event.kind, event.on, event.note) == (
        EventKind.DECEASED,
        date(2026, 11, 10),
        "Từ trần tại nhà riêng",
    )


def test_event_without_date_is_refused_beside_the_field(qtbot, services, organisation_id, asked):
    member_id = add_member(services, organisation_id, "Nguyễn Văn Đức")
    member = services.register.member(member_id)
    dialog = show_dialog(qtbot, MemberEventDialog(services, member))
    choose(dialog.form, "kind", EventKind.EXEMPTED)
    press_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "chưa nhập" in error_beside(dialog.form, "on")
    assert asked == []
    assert services.register.member_events(member_id) == []


def test_event_recorded_from_member_dialog_updates_status_and_history(
    qtbot, services, organisation_id, asked
):
    member_id = add_member(services, organisation_id, "Nguyễn Văn Đức", birth_date=date(1950, 1, 1))
    dialog = show_dialog(qtbot, MemberDialog(services, member_id))
    status = dialog.party.widget("status")
    assert not status.isEnabled()
    assert dialog.events_table.rowCount() == 0
    dialog.tabs.setCurrentIndex(3)

    def record(event_dialog: QDialog) -> None:
        assert isinstance(event_dialog, MemberEventDialog)
        choose(event_dialog.form, "kind", EventKind.EXEMPTED)
        assert event_dialog.until_field.isEnabled()
        type_into(qtbot, event_dialog.form, "on", "01/10/2026")
        type_into(qtbot, event_dialog.form, "until", "01/10/2027")
        type_into(qtbot, event_dialog.form, "decision_number", "12-QĐ/CB")
        press_save(qtbot, event_dialog)

    run_modal(dialog.event_button.click, record)

    assert asked == []  # an exemption does not end the membership
    assert dialog.events_recorded
    assert dialog.party.get("status") is MemberStatus.EXEMPT
    assert dialog.party.get("status_until") == date(2027, 10, 1)
    assert not dialog.is_dirty()
    assert dialog.events_table.rowCount() == 1
    cells = [dialog.events_table.item(0, c).text() for c in range(3)]
    assert cells == ["01/10/2026", "Miễn công tác và sinh hoạt đảng", "12-QĐ/CB"]

    # Saving the dialog afterwards keeps what the event did.
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.register.member(member_id).status is MemberStatus.EXEMPT
