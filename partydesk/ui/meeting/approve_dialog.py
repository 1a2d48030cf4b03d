"""Approving and locking the minutes: the warnings that remain, and the reason to go ahead.

Approved minutes cannot be edited any more (a correction becomes a dated addendum), so the
dialog says so. When the rules warn about something (a short meeting, an absent chủ trì, a vote
below its base, a member listed twice) the clerk may still approve, but only with a reason,
which is kept with the minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from partydesk.domain.meeting_rules import ApprovalWarning
from partydesk.ui.meeting.fields import GrowingTextEdit
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import ERROR_COLOR
from partydesk.ui.widgets.wrapped_label import WrappedLabel

LOCK_NOTICE = (
    "Sau khi thông qua, biên bản được khóa: không sửa được nữa, chỉ có thể thêm đính chính "
    "có ghi ngày."
)


class ApproveDialog(QDialog):
    def __init__(self, warnings: Sequence[ApprovalWarning], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Thông qua và khóa biên bản")
        self.warnings = list(warnings)
        layout = QVBoxLayout(self)
        self.reason_edit = GrowingTextEdit(3, 8, "Ví dụ: chi bộ đã thống nhất …")
        self.reason_edit.setObjectName("override_reason")
        self.reason_label = QLabel("&Lý do vẫn thông qua (bắt buộc):")
        self.reason_label.setBuddy(self.reason_edit)
        if self.warnings:
            items = "".join(f"<li>{escape(w.message)}</li>" for w in self.warnings)
            heading = WrappedLabel(
                f"<b style='color:{ERROR_COLOR}'>Biên bản còn {len(self.warnings)} cảnh báo:"
                f"</b><ul style='margin-left:-20px'>{items}</ul>"
            )
            layout.addWidget(heading)
            layout.addWidget(self.reason_label)
            layout.addWidget(self.reason_edit)
        else:
            layout.addWidget(WrappedLabel("Biên bản không có cảnh báo nào."))
            self.reason_label.setVisible(False)
            self.reason_edit.setVisible(False)
        layout.addWidget(WrappedLabel(LOCK_NOTICE))
        self.buttons, self.ok_button = ok_cancel_buttons(self, "Thông qua và khóa")
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(560, self.sizeHint().height())
        if self.warnings:
            self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.warnings or bool(self.reason()))


def ask_approval(parent: QWidget | None, warnings: Sequence[ApprovalWarning]) -> str | None:
    """The reason to approve ("" when there are no warnings), or None if the clerk cancelled."""
    dialog = ApproveDialog(warnings, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason()
