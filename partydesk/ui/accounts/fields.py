"""The form pieces the account dialogs share: password fields, and errors shown under the
field the service named (or under the whole form when it named none)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from partydesk.domain.accounts import MAX_LOGIN_LENGTH, MAX_PASSWORD_LENGTH
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.ui.widgets.field_error import (
    FieldErrorLabel,
    attach_error_label,
    clear_invalid,
    mark_invalid,
)


def indented(widget: QWidget, margin: int = 24) -> QWidget:
    """``widget`` shifted right, under the radio button or checkbox it belongs to."""
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setContentsMargins(margin, 0, 0, 0)
    layout.addWidget(widget)
    return host


def login_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(MAX_LOGIN_LENGTH)
    return edit


def password_edit() -> QLineEdit:
    """A field whose text is never shown, copied or remembered by an input method."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(MAX_PASSWORD_LENGTH)
    return edit


class FormErrors:
    """Fields of a QFormLayout by the service's field names, each with its error row."""

    def __init__(self, form: QFormLayout, general: FieldErrorLabel) -> None:
        self._form = form
        self._general = general
        self._fields: dict[str, tuple[QWidget, FieldErrorLabel]] = {}

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(name)
        widget.setAccessibleName(label)
        self._form.addRow(label, widget)
        self._fields[name] = (widget, attach_error_label(self._form, widget))
        return widget

    def clear(self) -> None:
        self._general.clear_error()
        for widget, error in self._fields.values():
            error.clear_error()
            clear_invalid(widget)

    def set_error(self, name: str | None, message: str) -> None:
        if name in self._fields:
            widget, error = self._fields[name]
            error.set_error(message)
            mark_invalid(widget)
        else:
            self._general.set_error(message)

    def show(self, error: ValidationError | InvalidRecord) -> None:
        """Show every message of ``error`` beside its field; focus the first such field."""
        self.clear()
        errors = error.errors if isinstance(error, InvalidRecord) else [error]
        for item in errors:
            self.set_error(item.field, item.message)
        first = next((e.field for e in errors if e.field in self._fields), None)
        if first is not None:
            self._fields[first][0].setFocus()

    def error_text(self, name: str | None = None) -> str | None:
        """The message shown under field ``name`` (under the form when None); for tests."""
        label = self._fields[name][1] if name is not None else self._general
        return label.error()
