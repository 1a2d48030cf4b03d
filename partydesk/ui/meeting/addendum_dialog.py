"""A dated correction (đính chính) to approved minutes, which print it after them.

The dialog only collects the date and the text; ``submit`` (the service call) decides whether
they are acceptable, and its message is shown under the field it names, with the dialog kept
open so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QWidget

from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.ui.meeting.fields import GrowingTextEdit
from partydesk.ui.widgets.date_field import DateField
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import attach_error_label, clear_invalid, mark_invalid
from partydesk.ui.widgets.wrapped_label import WrappedLabel


class AddendumDialog(QDialog):
    def __init__(
        self,
        default_on: date,
        submit: Callable[[date, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm đính chính biên bản")
        self._submit = submit
        self.on_field = DateField(field="addendum_on", field_label="Ngày đính chính")
        self.on_field.set_date(default_on)
        self.text_edit = GrowingTextEdit(4, 14, "Nội dung đính chính")
        form = QFormLayout(self)
        form.addRow(
            WrappedLabel(
                "Biên bản đã khóa. Đính chính được in sau biên bản, kèm ngày; "
                "nội dung biên bản giữ nguyên."
            )
        )
        form.addRow("&Ngày", self.on_field)
        self.on_error = attach_error_label(form, self.on_field)
        form.addRow("Nội &dung", self.text_edit)
        self.text_error = attach_error_label(form, self.text_edit)
        for widget in (self.on_field, self.text_edit):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget.focusProxy() or widget)
        buttons, self.ok_button = ok_cancel_buttons(self, "Thêm đính chính", self.submit)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())
        self.text_edit.setFocus()

    def submit(self) -> None:
        for label, widget in ((self.on_error, self.on_field), (self.text_error, self.text_edit)):
            label.clear_error()
            clear_invalid(widget)
        try:
            if self.on_field.is_empty():
                raise ValidationError("addendum_on", "Ngày đính chính: không được để trống.")
            if message := self.on_field.error_text():
                raise ValidationError("addendum_on", message)
            on = self.on_field.date()
            assert on is not None
            self._submit(on, self.text_edit.toPlainText())
        except InvalidRecord as errors:
            for error in errors.errors:
                self._show(error)
            return
        except ValidationError as error:
            self._show(error)
            return
        self.accept()

    def _show(self, error: ValidationError) -> None:
        if error.field == "addendum_on":
            label, widget = self.on_error, self.on_field
        else:
            label, widget = self.text_error, self.text_edit
        label.set_error(error.message)
        mark_invalid(widget, error.message)
        (widget.focusProxy() or widget).setFocus()
