"""The settings box where the office adjusts an evaluation rule set when a new guidance arrives.

The year being evaluated picks its rule set (QĐ 132, QĐ 124, QĐ 366…); an office changes the
quota, the caps, the score bands, the forms or the default calendar of one here. Every
adjustment asks for a reason (usually the number of the new guidance) and is kept with the
rule set before and after, listed below as "Lịch sử điều chỉnh".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.rule_sets import RuleSet, rule_set_to_json
from partydesk.services.evaluation_rule_sets import RuleSetBook
from partydesk.ui import messages
from partydesk.ui.evaluation.reason_dialog import ask_text
from partydesk.ui.settings.rule_set_changes import describe_change
from partydesk.ui.settings.rule_set_form import RuleSetForm
from partydesk.ui.widgets.field_error import INVALID_FIELD_STYLESHEET, FieldErrorLabel
from partydesk.ui.widgets.wrapped_label import WrappedLabel

TITLE = "Bộ quy tắc đánh giá, xếp loại"
NOTE = (
    "Năm đánh giá chọn bộ quy tắc áp dụng. Khi cấp trên ban hành hướng dẫn mới (tỷ lệ hoàn "
    "thành xuất sắc, khung điểm, mẫu biểu, thời hạn…), sửa bộ quy tắc ở đây và ghi lý do, ví dụ"
    " số văn bản hướng dẫn; kỳ đánh giá đang mở áp dụng ngay, kỳ đã kết thúc giữ quy tắc cũ."
)
HISTORY_HEADERS = ("Thời gian", "Lý do", "Thay đổi")


def rule_set_caption(rule_set: RuleSet) -> str:
    """ "QĐ 366 / HD 43 (từ năm 2025)", "QĐ 124 / HD 25 (2023–2024)"."""
    if rule_set.last_year is None:
        years = f"từ năm {rule_set.first_year}"
    else:
        years = f"{rule_set.first_year}–{rule_set.last_year}"
    return f"{rule_set.name} ({years})"


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


class RuleSetsBox(QGroupBox):
    """Choose a rule set, edit its adjustable fields, save with a reason, see past changes."""

    def __init__(self, rule_sets: RuleSetBook, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self._book = rule_sets
        self._loaded_json: str | None = None
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(NOTE))

        top = QHBoxLayout()
        top.addWidget(QLabel("Bộ quy tắc"))
        self.choice = QComboBox()
        self.choice.setAccessibleName("Bộ quy tắc")
        for rule_set in rule_sets.all():
            self.choice.addItem(rule_set_caption(rule_set), rule_set.code)
        self.choice.setCurrentIndex(self.choice.count() - 1)  # the set in force now
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        top.addWidget(self.choice)
        top.addStretch(1)
        layout.addLayout(top)

        self.form = RuleSetForm()
        layout.addWidget(self.form)
        self.errors = FieldErrorLabel()
        layout.addWidget(self.errors)

        buttons = QHBoxLayout()
        self.save_button = QPushButton("Lưu điều chỉnh…")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.reload_button = QPushButton("Khôi phục")
        self.reload_button.setToolTip("Bỏ các sửa đổi chưa lưu, hiện lại bộ quy tắc đang dùng.")
        self.reload_button.clicked.connect(self.reload)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reload_button)
        layout.addLayout(buttons)

        layout.addWidget(QLabel("<b>Lịch sử điều chỉnh</b>"))
        self.history = QTableWidget(0, len(HISTORY_HEADERS))
        self.history.setHorizontalHeaderLabels(HISTORY_HEADERS)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setTabKeyNavigation(False)
        self.history.setWordWrap(True)
        self.history.verticalHeader().setVisible(False)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setColumnWidth(0, 120)
        self.history.setColumnWidth(1, 220)
        self.history.setMinimumHeight(140)
        layout.addWidget(self.history)
        self._shown = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if not self._shown:
            self._shown = True
            self.reload()
        super().showEvent(event)

    # --- loading --------------------------------------------------------------------------------

    def code(self) -> str:
        return str(self.choice.currentData())

    def select(self, code: str) -> None:
        self.choice.setCurrentIndex(self.choice.findData(code))

    def reload(self) -> None:
        """Show the chosen rule set as stored (dropping unsaved edits) and its history."""
        rule_set = self._book.get(self.code())
        self.choice.setItemText(self.choice.currentIndex(), rule_set_caption(rule_set))
        self.form.load(rule_set)
        self._loaded_json = rule_set_to_json(rule_set)
        self.errors.clear_error()
        self._fill_history()

    def _fill_history(self) -> None:
        changes = list(reversed(self._book.changes(self.code())))  # newest first
        self.history.setRowCount(len(changes))
        for row, change in enumerate(changes):
            lines = describe_change(change.before, change.after)
            for column, text in enumerate(
                (_when(change.changed_at), change.reason, "\n".join(lines))
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.history.setItem(row, column, item)
        self.history.resizeRowsToContents()

    def history_text(self) -> list[str]:
        """The "Thay đổi" cells, newest first."""
        return [self.history.item(row, 2).text() for row in range(self.history.rowCount())]

    def is_dirty(self) -> bool:
        return (
            self._loaded_json is not None
            and rule_set_to_json(self.form.rule_set()) != self._loaded_json
        )

    # --- saving ---------------------------------------------------------------------------------

    def save(self, reason: str) -> bool:
        """Store the form's rule set with ``reason``; refusals show under their field."""
        self.form.clear_errors()
        self.errors.clear_error()
        try:
            self._book.adjust(self.form.rule_set(), reason)
        except ValidationError as error:
            if not self.form.show_error(error):
                self.errors.set_error(error.message)
            return False
        self.reload()
        return True

    # --- slots ----------------------------------------------------------------------------------

    def _on_choice_changed(self, _index: int) -> None:
        # The previous set's unsaved edits are lost on purpose only after asking.
        if self.is_dirty() and not messages.ask_yes_no(
            self, TITLE, "Bộ quy tắc đang sửa có thay đổi chưa lưu. Bỏ các thay đổi đó?"
        ):
            previous = self.form.rule_set().code
            self.choice.blockSignals(True)
            self.select(previous)
            self.choice.blockSignals(False)
            return
        self.reload()

    def _on_save_button_clicked(self) -> None:
        if not self.is_dirty():
            messages.show_info(self, TITLE, "Bộ quy tắc không có gì thay đổi.")
            return
        name = self.form.rule_set().name
        reason = ask_text(
            self,
            "Lưu điều chỉnh bộ quy tắc",
            f"Ghi lý do điều chỉnh bộ quy tắc {name}, ví dụ số và ngày văn bản hướng dẫn mới. "
            "Lý do được lưu trong lịch sử điều chỉnh.",
            "Lý do điều chỉnh",
            "Lưu điều chỉnh",
        )
        if reason is None:
            return
        if self.save(reason):
            messages.show_info(self, TITLE, "Đã lưu điều chỉnh bộ quy tắc.")
