"""The settings box for the holiday table: edit a year, save it, see errors per row, reset."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from partydesk.domain.dates import official_decision_deadline
from partydesk.domain.holidays import HolidayKind
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.pages.settings import SettingsPage
from partydesk.ui.settings.holidays_box import (
    DATE_COLUMN,
    KIND_COLUMN,
    NAME_COLUMN,
    WEEKDAY_COLUMN,
    HolidaysBox,
)
from tests.ui.keyboard import type_text


@pytest.fixture
def answers(monkeypatch) -> list[str]:
    """Questions asked; every one answered "Có"."""
    asked: list[str] = []

    def ask(_parent, _title: str, text: str, *_a, **_k) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return asked


@pytest.fixture
def box(qtbot, services: AppServices) -> HolidaysBox:
    box = HolidaysBox(services.holidays)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


def cell(box: HolidaysBox, row: int, column: int) -> str:
    return box.table.item(row, column).text()


def row_of(box: HolidaysBox, shown_date: str) -> int:
    return next(r for r in range(box.table.rowCount()) if cell(box, r, DATE_COLUMN) == shown_date)


def type_in_cell(qtbot, box: HolidaysBox, row: int, column: int, text: str) -> None:
    box.table.setCurrentCell(row, column)
    box.table.editItem(box.table.item(row, column))
    editor = box.table.indexWidget(box.table.model().index(row, column))
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_shows_the_current_year_from_the_builtin_table(box: HolidaysBox) -> None:
    assert box.year.value() == 2026
    assert "bảng có sẵn" in box.source.text()
    row = row_of(box, "02/09/2026")
    assert cell(box, row, WEEKDAY_COLUMN) == "Thứ Tư"
    assert cell(box, row, NAME_COLUMN) == "Quốc khánh"
    make_up = row_of(box, "22/08/2026")
    assert box.table.cellWidget(make_up, KIND_COLUMN).currentText() == "Làm bù"
    assert not box.reset_button.isEnabled()


def test_adding_a_tet_day_saves_and_moves_the_deadline(
    qtbot, box: HolidaysBox, services: AppServices, answers: list[str]
) -> None:
    box.year.setValue(2027)
    assert answers == []  # nothing was edited, so nothing to ask
    before = official_decision_deadline(date(2027, 1, 20), services.register.calendar)
    box.add_row()
    new = box.table.rowCount() - 1
    type_in_cell(qtbot, box, new, DATE_COLUMN, "11/02/2027")
    type_in_cell(qtbot, box, new, NAME_COLUMN, "Nghỉ thêm Tết")
    assert cell(box, new, WEEKDAY_COLUMN) == "Thứ Năm"
    with qtbot.waitSignal(box.changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)

    assert "do văn phòng sửa" in box.source.text()
    assert box.reset_button.isEnabled()
    assert cell(box, row_of(box, "11/02/2027"), NAME_COLUMN) == "Nghỉ thêm Tết"
    after = official_decision_deadline(date(2027, 1, 20), services.register.calendar)
    assert (before, after) == (date(2027, 3, 10), date(2027, 3, 11))


def test_errors_name_the_row_and_nothing_is_saved(
    qtbot, box: HolidaysBox, services: AppServices
) -> None:
    box.load_year(2027)
    box.add_row()
    box.add_row()
    first, second = box.table.rowCount() - 2, box.table.rowCount() - 1
    box.table.item(first, DATE_COLUMN).setText("31/02/2027")
    box.table.item(second, DATE_COLUMN).setText("12/02/2027")
    combo = box.table.cellWidget(second, KIND_COLUMN)
    combo.setCurrentIndex(combo.findData(HolidayKind.MAKE_UP.value))
    assert not box.save()
    assert f"Dòng {first + 1}: Ngày" in box.errors.text()
    assert box.errors.isVisible()
    # The unreadable date is reported first; once fixed, the service names the weekday make-up.
    box.table.item(first, DATE_COLUMN).setText("13/02/2027")
    assert not box.save()
    assert box.errors.text() == (
        f"Dòng {second + 1}: ngày làm bù 12/02/2027 là thứ Sáu; ngày làm bù phải là thứ Bảy "
        "hoặc Chủ nhật (ngày thường vốn đã là ngày làm việc)."
    )
    assert box.table.currentRow() == second
    assert box.table.item(second, DATE_COLUMN).background().color().name() == "#fdecea"
    assert not services.holidays.year_table(2027).edited


def test_an_empty_date_is_reported(box: HolidaysBox) -> None:
    box.add_row()
    assert not box.save()
    assert box.errors.text() == f"Dòng {box.table.rowCount()}: Ngày: chưa ghi ngày."


def test_changing_year_with_unsaved_edits_asks_and_can_keep_them(
    box: HolidaysBox, monkeypatch
) -> None:
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: False)
    box.remove_selected_rows()  # no row chosen: nothing removed, nothing to lose
    box.table.setCurrentCell(0, DATE_COLUMN)
    box.remove_selected_rows()
    rows = box.table.rowCount()
    box.year.setValue(2027)
    assert box.year.value() == 2026
    assert box.table.rowCount() == rows


def test_reset_goes_back_to_the_builtin_table(
    box: HolidaysBox, services: AppServices, answers: list[str]
) -> None:
    default_rows = box.table.rowCount()
    box.table.setCurrentCell(row_of(box, "24/11/2026"), DATE_COLUMN)
    box.remove_selected_rows()
    assert box.save()
    assert services.holidays.calendar.is_working_day(date(2026, 11, 24))
    assert box.table.rowCount() == default_rows - 1
    box.reset()
    assert answers and "2026" in answers[-1]
    assert box.table.rowCount() == default_rows
    assert "bảng có sẵn" in box.source.text()
    assert not services.holidays.calendar.is_working_day(date(2026, 11, 24))


def test_the_settings_page_holds_the_box_and_passes_its_signal_on(
    qtbot, services: AppServices
) -> None:
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.holidays_box.table.rowCount() > 0  # loaded when shown
    with qtbot.waitSignal(page.holidays_changed):
        assert page.holidays_box.save()
    assert services.holidays.year_table(2026).edited
