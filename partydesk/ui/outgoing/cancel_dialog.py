"""Cancelling a number: the reason is required and kept on the register line."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from partydesk.domain.errors import ValidationError
from partydesk.domain.outgoing import OutgoingDocument
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import FieldErrorLabel, clear_invalid, mark_invalid
from partydesk.ui.widgets.wrapped_label import WrappedLabel

NOTICE = (
    "Văn bản đã hủy vẫn giữ dòng trong sổ cùng lý do; số này không được cấp lại. "
    "In lại văn bản sẽ lấy số mới."
)


class CancelNumberDialog(QDialog):
    """Asks the reason and calls ``cancel_number(reason)``; stays open with the error beside
    the field when the reason is refused."""

    def __init__(
        self,
        document: OutgoingDocument,
        cancel_number: Callable[[str], OutgoingDocument],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cancel_number = cancel_number
        self.cancelled: OutgoingDocument | None = None
        self.setWindowTitle("Hủy số văn bản")
        layout = QVBoxLayout(self)
        layout.addWidget(
            WrappedLabel(
                f"<b>{escape(document.number_text)}</b> ngày "
                f"{document.issued_on:%d/%m/%Y} — {escape(document.summary)}"
            )
        )
        label = QLabel("&Lý do hủy (bắt buộc):")
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText("Ví dụ: in nhầm người ký, đã thay bằng văn bản khác")
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        label.setBuddy(self.reason_edit)
        self.reason_error = FieldErrorLabel()
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.reason_error)
        layout.addWidget(WrappedLabel(NOTICE))
        self.buttons, self.ok_button = ok_cancel_buttons(
            self, "Hủy số", self._on_ok_clicked, cancel_text="Không hủy"
        )
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self.reason_edit.setFocus()

    def _on_ok_clicked(self) -> None:
        try:
            self.cancelled = self._cancel_number(self.reason_edit.toPlainText())
        except ValidationError as exc:
            self.reason_error.set_error(exc.message)
            mark_invalid(self.reason_edit, exc.message)
            self.reason_edit.setFocus()
            return
        self.reason_error.clear_error()
        clear_invalid(self.reason_edit)
        self.accept()
