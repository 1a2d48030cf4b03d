"""The targets dialog of the overview: adding, editing, refusing, deleting, the Sông Công
example, the large-enterprise threshold, and a viewer who may only look."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from partydesk.domain.accounts import Actor, Role
from partydesk.domain.statistics import EXAMPLE_TARGETS, Key, Target
from partydesk.domain.statistics_text import target_value_text
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.overview.target_editor import INDICATOR_KEY_ROLE, TargetEditor
from partydesk.ui.overview.targets_dialog import INDICATOR_COLUMN, VALUE_COLUMN, TargetsDialog

# --- helpers -------------------------------------------------------------------------------


def run_modal(
    dialog_type: type[QDialog], interact: Callable[[Any], None], trigger: Callable[[], None]
) -> QDialog:
    """Open a modal dialog with ``trigger`` and drive it with ``interact`` while exec() runs;
    whatever is left open is closed, so a failed assertion cannot hang the test."""
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


def shown(qtbot, dialog: QDialog) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cells(dialog: TargetsDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def stored(services: AppServices) -> dict[tuple[Key, int], float]:
    return {(t.indicator, t.deadline_year): t.value for t in services.statistics.targets()}


@pytest.fixture
def infos(monkeypatch) -> list[tuple[str, str]]:
    shown_infos: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, title, text: shown_infos.append((title, text))
    )
    return shown_infos


def watch(dialog: TargetsDialog) -> list[int]:
    emitted: list[int] = []
    dialog.changed.connect(lambda: emitted.append(1))
    return emitted


# --- adding and editing --------------------------------------------------------------------


def test_a_target_is_added_and_listed(qtbot, services: AppServices) -> None:
    dialog = shown(qtbot, TargetsDialog(services))
    changed = watch(dialog)
    assert dialog.targets_shown() == []

    def fill(editor: TargetEditor) -> None:
        editor.set_indicator(Key.MEM_ADMITTED)
        editor.value.setValue(120)
        editor.deadline_year.setValue(2028)
        editor.source.setText("Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2025–2030")
        editor.ok_button.click()
        assert editor.result() == QDialog.DialogCode.Accepted

    run_modal(TargetEditor, fill, dialog.add_button.click)
    assert stored(services) == {(Key.MEM_ADMITTED, 2028): 120.0}
    assert cells(dialog, INDICATOR_COLUMN) == ["Kết nạp đảng viên mới"]
    assert cells(dialog, VALUE_COLUMN) == ["120"]
    assert dialog.selected() is not None and dialog.selected().value == 120  # the new row
    assert changed == [1]


def test_the_value_field_follows_the_indicator_unit(qtbot, services: AppServices) -> None:
    editor = shown(qtbot, TargetEditor(services))
    assert editor.chosen_key() is Key.DN_TOTAL and editor.value.suffix() == ""
    # Chosen in the combo itself, as the clerk does.
    editor.indicator.setCurrentIndex(
        editor.indicator.findData(Key.DN_WITH_ORG_RATE.value, INDICATOR_KEY_ROLE)
    )
    assert (editor.value.suffix(), editor.value.maximum(), editor.value.decimals()) == (
        " %",
        100,
        1,
    )
    editor.value.setValue(85.5)
    editor.set_indicator(Key.DN_WITH_ORG)  # a count: whole numbers, no percent sign
    assert (editor.value.suffix(), editor.value.decimals()) == ("", 0)
    assert editor.value.maximum() == 1_000_000 and editor.value.value() == 86
    editor.value.setValue(1200)
    editor.set_indicator(Key.MTG_RATE)  # back to a rate: a count over 100 cannot stay
    assert editor.value.value() == 100
    assert editor.deadline_year.value() == 2030
    assert (editor.deadline_year.minimum(), editor.deadline_year.maximum()) == (2000, 2100)


def test_every_indicator_is_offered_once(qtbot, services: AppServices) -> None:
    editor = shown(qtbot, TargetEditor(services))
    combo = editor.indicator
    offered = [
        combo.itemText(i) for i in range(combo.count()) if combo.itemData(i, INDICATOR_KEY_ROLE)
    ]
    assert len(offered) == len(Key) and len(set(offered)) == len(Key)
    assert "Doanh nghiệp từ 500 lao động trở lên chưa có tổ chức đảng" in offered
    # A "trong đó" line names the line it belongs to, so the two level lists differ.
    assert "Đảng viên được đánh giá: hoàn thành xuất sắc nhiệm vụ" in offered
    assert "Tổ chức đảng được xếp loại: hoàn thành xuất sắc nhiệm vụ" in offered


def test_a_target_is_edited_in_place(qtbot, services: AppServices) -> None:
    services.statistics.load_example_targets()
    dialog = shown(qtbot, TargetsDialog(services))
    dialog.table.selectRow(0)
    first = dialog.selected()
    assert first is not None and first.indicator is Key.DN_WITH_ORG_RATE

    def change(editor: TargetEditor) -> None:
        assert editor.windowTitle() == "Sửa chỉ tiêu"
        assert editor.chosen_key() is Key.DN_WITH_ORG_RATE and editor.value.value() == 15
        editor.value.setValue(20)
        editor.notes.setText("Điều chỉnh theo Nghị quyết Đại hội")
        editor.ok_button.click()

    run_modal(TargetEditor, change, dialog.edit_button.click)
    targets = services.statistics.targets()
    assert len(targets) == len(EXAMPLE_TARGETS)
    edited = next(t for t in targets if t.id == first.id)
    assert edited.value == 20 and edited.notes == "Điều chỉnh theo Nghị quyết Đại hội"
    assert cells(dialog, VALUE_COLUMN)[0] == "20 %"


def test_a_duplicate_is_refused_beside_the_indicator_and_nothing_typed_is_lost(
    qtbot, services: AppServices
) -> None:
    services.statistics.load_example_targets()
    editor = shown(qtbot, TargetEditor(services))
    editor.set_indicator(Key.DN_WITH_ORG_RATE)
    editor.value.setValue(25)
    editor.source.setText("Kế hoạch số 12-KH/ĐU")
    editor.ok_button.click()
    message = editor.fields.error_text("indicator")
    assert message is not None and "hạn năm 2030 đã có" in message
    assert editor.isVisible() and editor.saved_id is None
    assert (editor.chosen_key(), editor.value.value(), editor.source.text()) == (
        Key.DN_WITH_ORG_RATE,
        25,
        "Kế hoạch số 12-KH/ĐU",
    )
    editor.deadline_year.setValue(2027)  # another deadline is a target of its own
    editor.ok_button.click()
    assert editor.fields.error_text("indicator") is None and editor.saved_id is not None
    assert stored(services)[(Key.DN_WITH_ORG_RATE, 2027)] == 25


def test_a_value_of_zero_is_refused_beside_the_value(qtbot, services: AppServices) -> None:
    editor = shown(qtbot, TargetEditor(services))
    editor.set_indicator(Key.MEM_ADMITTED)
    editor.ok_button.click()
    assert editor.fields.error_text("value") == "Giá trị chỉ tiêu: phải là một số lớn hơn 0."
    assert services.statistics.targets() == []


# --- deleting and the example ----------------------------------------------------------------


def test_delete_asks_first(qtbot, services: AppServices, monkeypatch) -> None:
    services.statistics.load_example_targets()
    dialog = shown(qtbot, TargetsDialog(services))
    changed = watch(dialog)
    questions: list[str] = []
    answer = [False]

    def ask(_parent, _title: str, text: str, default_no: bool = True) -> bool:
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    assert not dialog.delete_button.isEnabled()  # nothing chosen yet
    dialog.table.selectRow(3)
    doomed = dialog.selected()
    assert doomed is not None and doomed.indicator is Key.ORG_BASE_ADMITTING_RATE
    dialog.delete_button.click()
    assert "Tỷ lệ tổ chức cơ sở đảng kết nạp được đảng viên mới: 80 %" in questions[0]
    assert len(services.statistics.targets()) == 4 and changed == []
    answer[0] = True
    dialog.delete_button.click()
    assert [t.indicator for t in services.statistics.targets()] == [
        t.indicator for t in EXAMPLE_TARGETS[:3]
    ]
    assert len(dialog.targets_shown()) == 3 and changed == [1]


def test_the_example_adds_four_then_nothing(
    qtbot, services: AppServices, infos: list[tuple[str, str]]
) -> None:
    dialog = shown(qtbot, TargetsDialog(services))
    changed = watch(dialog)
    dialog.example_button.click()
    assert len(dialog.targets_shown()) == 4 and changed == [1]
    assert infos[-1][1].startswith("Đã thêm 4 chỉ tiêu ví dụ")
    assert cells(dialog, VALUE_COLUMN) == ["15 %", "80 %", "70 %", "80 %"]
    dialog.example_button.click()
    assert len(dialog.targets_shown()) == 4 and changed == [1]
    assert "không thêm gì" in infos[-1][1]


# --- the threshold ---------------------------------------------------------------------------


def test_the_threshold_is_saved_with_apply(qtbot, services: AppServices) -> None:
    services.statistics.save_target(Target(Key.DN_LARGE_WITHOUT_ORG, 2, 2030))
    dialog = shown(qtbot, TargetsDialog(services))
    changed = watch(dialog)
    assert dialog.threshold.value() == 500 and not dialog.apply_button.isEnabled()
    assert cells(dialog, INDICATOR_COLUMN) == [
        "Doanh nghiệp từ 500 lao động trở lên chưa có tổ chức đảng"
    ]
    dialog.threshold.setValue(1000)
    assert dialog.apply_button.isEnabled() and services.statistics.large_workforce() == 500
    dialog.apply_button.click()
    assert services.statistics.large_workforce() == 1000 and changed == [1]
    assert not dialog.apply_button.isEnabled()
    assert cells(dialog, INDICATOR_COLUMN) == [
        "Doanh nghiệp từ 1.000 lao động trở lên chưa có tổ chức đảng"
    ]


def test_closing_with_a_threshold_not_applied_asks(
    qtbot, services: AppServices, monkeypatch
) -> None:
    dialog = shown(qtbot, TargetsDialog(services))
    answers = [None, 0]
    monkeypatch.setattr(messages, "ask_choice", lambda *_args: answers.pop(0))
    dialog.threshold.setValue(300)
    dialog.reject()  # "Hủy": stays open, the typed value kept
    assert dialog.isVisible() and dialog.threshold.value() == 300
    dialog.reject()  # "Áp dụng rồi đóng"
    assert not dialog.isVisible() and services.statistics.large_workforce() == 300


def test_target_value_text() -> None:
    assert target_value_text(Target(Key.DN_WITH_ORG_RATE, 12.5, 2030)) == "12,5 %"
    assert target_value_text(Target(Key.DN_TOTAL, 1200, 2030)) == "1.200"
    assert target_value_text(Target(Key.MTG_AVG_MINUTES, 90, 2030)) == "90 phút"


# --- a viewer --------------------------------------------------------------------------------


def test_a_viewer_sees_the_targets_with_every_button_disabled(qtbot, services: AppServices) -> None:
    services.statistics.load_example_targets()
    services.store.actor = Actor("xem", "Lê Thị Xem", Role.VIEWER)
    dialog = shown(qtbot, TargetsDialog(services))
    dialog.table.selectRow(0)
    assert len(dialog.targets_shown()) == 4 and dialog.selected() is not None
    for widget in (
        dialog.add_button,
        dialog.edit_button,
        dialog.delete_button,
        dialog.example_button,
        dialog.threshold,
        dialog.apply_button,
    ):
        assert not widget.isEnabled(), widget
    dialog.edit_selected()  # a double click opens no editor for a viewer
    assert QApplication.activeModalWidget() is None


def test_the_editor_tells_a_viewer_nothing_was_saved(qtbot, services: AppServices) -> None:
    services.store.actor = Actor("xem", "Lê Thị Xem", Role.VIEWER)
    editor = shown(qtbot, TargetEditor(services))
    editor.set_indicator(Key.MEM_ADMITTED)
    editor.value.setValue(10)
    editor.ok_button.click()
    assert "Không có gì bị thay đổi" in (editor.fields.error_text() or "")
    assert services.statistics.targets() == []
