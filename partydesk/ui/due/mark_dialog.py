"""Mark a due item done (with what was done) or snoozed until a day (with why)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from partydesk.domain.dates import format_vn_date
from partydesk.domain.due import DueItem, MarkState
from partydesk.domain.errors import ValidationError
from partydesk.ui.widgets.date_field import DateField
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import FieldErrorLabel

#: Called with (note, until) when OK is pressed; raises ValidationError to keep the dialog open.
SaveMark = Callable[[str, dt.date | None], None]

DEFAULT_SNOOZE_DAYS = 7


class MarkDialog(QDialog):
    def __init__(
        self,
        item: DueItem,
        state: MarkState,
        today: dt.date,
        save: SaveMark,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._save = save
        done = state is MarkState.DONE
        self.setWindowTitle("Đánh dấu đã xong" if done else "Tạm hoãn việc cần làm")
        self.setMinimumWidth(460)

        about = QLabel(
            f"<b>{html.escape(item.title)}</b><br>{html.escape(item.subject)}<br>"
            f"Hạn: {format_vn_date(item.on)}"
        )
        about.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            "Đã xử lý thế nào (bắt buộc)" if done else "Lý do tạm hoãn (không bắt buộc)"
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.until = DateField(field="hoan_den", field_label="Tạm hoãn đến ngày")
        self.until.set_date(today + dt.timedelta(days=DEFAULT_SNOOZE_DAYS))
        self.error = FieldErrorLabel()

        form = QFormLayout()
        form.addRow("Ghi chú", self.note)
        if not done:
            form.addRow("Tạm hoãn đến ngày", self.until)
        buttons, self.ok_button = ok_cancel_buttons(
            self, "Đánh dấu đã xong" if done else "Tạm hoãn", self._on_ok
        )
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.note.setFocus()

    def _on_ok(self) -> None:
        until = None
        if self._state is MarkState.SNOOZED:
            problem = self.until.error_text()
            if problem:
                self.error.set_error(problem)
                return
            until = self.until.date()
        try:
            self._save(self.note.toPlainText(), until)
        except ValidationError as exc:
            self.error.set_error(exc.message)
            return
        self.accept()
