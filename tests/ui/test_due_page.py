"""The "Việc cần làm" page on a small office (21/11/2026): the list with overdue items in red,
marking an item done with a note (it moves to the done/snoozed filter), snoozing, the month
calendar with the items on their days, the links to records, and the start-up in the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from partydesk.domain.due import LinkTarget, MarkState
from partydesk.services.app import AppServices
from partydesk.ui.due.calendar import EntryKind
from partydesk.ui.due.list_model import ITEM_ROLE, OVERDUE_COLOR
from partydesk.ui.due.mark_dialog import MarkDialog
from partydesk.ui.main_window import MainWindow
from partydesk.ui.pages.due import SETTLED, DuePage
from tests.services.test_due import DueOffice, due_office
from tests.ui.keyboard import type_text


@pytest.fixture
def office(services: AppServices) -> DueOffice:
    return due_office(services)


@pytest.fixture
def page(qtbot, services: AppServices, office: DueOffice) -> DuePage:
    widget = DuePage(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    with qtbot.waitSignal(widget.computed, timeout=5000):
        widget.show()
    return widget


def keys(page: DuePage) -> list[str]:
    return [page.model.item(r).key for r in range(page.model.rowCount())]


def select(page: DuePage, key: str) -> None:
    row = page.model.row_of(key)
    assert row is not None, key
    page.table.setCurrentIndex(page.model.index(row, 0))


def open_mark_dialog(qtbot, page: DuePage, button) -> MarkDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(MarkDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_list_shows_overdue_items_in_red(page: DuePage, office: DueOffice) -> None:
    assert page.model.rowCount() == 10
    assert "1 việc quá hạn" in page.summary.text() and "9 việc sắp đến hạn" in page.summary.text()
    first = page.model.index(0, 0)
    assert [page.model.index(0, c).data() for c in range(4)] == [
        "31/10/2026",
        "Sinh hoạt chi bộ thường kỳ tháng 10/2026",
        "Chi bộ ghép Bình Minh",
        "Quá hạn 21 ngày",
    ]
    assert first.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert page.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not page.done_button.isEnabled()  # nothing selected yet


def test_mark_done_with_a_note_moves_it_to_the_done_filter(
    qtbot, page: DuePage, office: DueOffice
) -> None:
    key = f"meeting:{office.binh_minh}:2026-10"
    select(page, key)
    dialog = open_mark_dialog(qtbot, page, page.done_button)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Ghi chú" in dialog.error.text()  # a note is required
    type_text(dialog.note, "Đã nhắc bí thư chi bộ họp bù")
    with qtbot.waitSignal(page.computed, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert key not in keys(page) and page.model.rowCount() == 9
    assert "1 việc đã xong hoặc tạm hoãn" in page.summary.text()

    page.filter.setCurrentIndex(page.filter.findData(SETTLED))
    assert keys(page) == [key]
    assert page.model.index(0, 3).data() == "Đã xong ngày 21/11/2026"
    assert "Đã nhắc bí thư chi bộ họp bù" in page.model.index(0, 1).data(
        Qt.ItemDataRole.ToolTipRole
    )
    select(page, key)
    assert page.unmark_button.isEnabled() and not page.done_button.isEnabled()
    with qtbot.waitSignal(page.computed, timeout=5000):
        qtbot.mouseClick(page.unmark_button, Qt.MouseButton.LeftButton)
    assert keys(page) == []


def test_snooze_until_a_day(qtbot, page: DuePage, office: DueOffice) -> None:
    key = f"report:{office.briefing}:{office.binh_minh}"
    select(page, key)
    dialog = open_mark_dialog(qtbot, page, page.snooze_button)
    dialog.until.clear()
    type_text(dialog.until.line_edit, "01/12/2026")
    with qtbot.waitSignal(page.computed, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert key not in keys(page)
    page.filter.setCurrentIndex(page.filter.findData(SETTLED))
    assert [page.model.index(0, c).data() for c in (0, 3)] == [
        "05/12/2026",
        "Tạm hoãn đến 01/12/2026",
    ]


def test_the_calendar_shows_items_and_events_on_their_days(
    qtbot, page: DuePage, office: DueOffice
) -> None:
    page.show_day(date(2026, 12, 15))
    assert page.tabs.currentIndex() == 1
    assert page.calendar.monthShown() == 12
    texts = [page.day_list.item(r).text() for r in range(page.day_list.count())]
    assert texts == [
        "Hội nghị giao ban 6 tháng cuối năm 2026 – Các tổ chức đảng được mời",
        "14:00 Hội nghị giao ban 6 tháng cuối năm 2026 – Các tổ chức đảng được mời",
    ]
    page.show_day(date(2026, 10, 31))
    (entry,) = page.calendar.entries_on(date(2026, 10, 31))
    assert entry.kind == EntryKind.OVERDUE and "tháng 10/2026" in entry.text
    page.show_day(date(2026, 10, 10))  # An Phát's meeting of October, held
    assert [e.kind for e in page.calendar.entries_on(date(2026, 10, 10))] == [EntryKind.EVENT]
    with qtbot.waitSignal(page.record_requested) as signal:
        page.day_list.itemActivated.emit(page.day_list.item(0))
    assert signal.args[0].target is LinkTarget.MEETINGS
    assert signal.args[0].record_id == office.an_phat


def test_start_up_names_what_is_due_on_the_overview_and_links_open_records(
    qtbot, services: AppServices, office: DueOffice, tmp_path: Path
) -> None:
    window = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    # The overview is the first page; what is due is counted on it and in the navigation.
    assert window.pages.currentWidget() is window.overview
    qtbot.waitUntil(lambda: "10 việc cần làm" in window.overview.reminders.text(), timeout=5000)
    nav = window.nav.item(window.pages.indexOf(window.due)).text()
    assert nav == "Việc cần làm (10)"
    window.overview.reminders.linkActivated.emit("due")
    assert window.pages.currentWidget() is window.due
    select(window.due, f"meeting:{office.binh_minh}:2026-10")
    assert window.due.selected_item().link.target is LinkTarget.MEETINGS
    qtbot.mouseClick(window.due.open_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.meetings


def test_mark_dialog_for_a_selected_item_only(page: DuePage) -> None:
    assert page.mark_selected(MarkState.DONE) is None
    page.table.setCurrentIndex(page.model.index(0, 0))
    dialog = page.mark_selected(MarkState.SNOOZED)
    assert dialog is not None and dialog.until.date() == date(2026, 11, 28)
    assert page.table.currentIndex().data(ITEM_ROLE).key == keys(page)[0]
    dialog.reject()
