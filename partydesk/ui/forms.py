"""Declarative record forms: fields named like the domain record's attributes.

A dialog lists its fields once (``form.text("name", "Tên doanh nghiệp")`` …); the form then
loads a record into them, reads them back, and shows each validation message beside its field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.ui.widgets.date_field import DateField
from partydesk.ui.widgets.field_error import (
    FieldErrorLabel,
    attach_error_label,
    clear_invalid,
    mark_invalid,
)

_DIGITS = QRegularExpression(r"\d{0,9}")


def make_searchable(combo: QComboBox) -> QComboBox:
    """Let the clerk type into a picker and match anywhere in the names."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer() or QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


class RecordForm:
    """Fields of one record laid out in a QFormLayout, each with its error label."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self._errors: dict[str, FieldErrorLabel] = {}
        # The Python value of each combo item: Qt turns str-based enums into plain strings when
        # they are stored as item data, so the typed values are kept here, by item index.
        self._choices: dict[str, list[Any]] = {}
        self._integers: set[str] = set()
        self._first_error: QWidget | None = None

    # --- building --------------------------------------------------------------------------

    def _add(self, name: str, label: str, widget: QWidget, required: bool = False) -> None:
        widget.setObjectName(name)
        shown = f"{label} *" if required else label
        self.layout.addRow(shown, widget)
        label_widget = self.layout.labelForField(widget)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(widget.focusProxy() or widget)
        self._widgets[name] = widget
        self._labels[name] = label
        self._errors[name] = attach_error_label(self.layout, widget)

    def section(self, title: str) -> None:
        heading = QLabel(f"<b>{title}</b>")
        heading.setContentsMargins(0, 8, 0, 0)
        self.layout.addRow(heading)

    def text(
        self,
        name: str,
        label: str,
        *,
        required: bool = False,
        max_length: int = 200,
        placeholder: str = "",
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        self._add(name, label, edit, required)
        return edit

    def multiline(self, name: str, label: str, *, height: int = 70) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        self._add(name, label, edit)
        return edit

    def integer(self, name: str, label: str, *, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setValidator(QRegularExpressionValidator(_DIGITS, edit))
        edit.setPlaceholderText(placeholder)
        edit.setMaximumWidth(140)
        self._add(name, label, edit)
        self._integers.add(name)
        return edit

    def date(self, name: str, label: str, *, required: bool = False) -> DateField:
        field = DateField(field=name, field_label=label)
        self._add(name, label, field, required)
        field.editing_finished.connect(lambda: self._show_date_error(name))
        return field

    def choice(
        self,
        name: str,
        label: str,
        items: Sequence[tuple[str, Any]],
        *,
        required: bool = False,
        none_label: str | None = None,
        searchable: bool = False,
    ) -> QComboBox:
        combo = QComboBox()
        # Long names (organisations, enterprises) must not widen the whole form past the
        # dialog: the combo is as wide as the row allows and elides what does not fit.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        self._choices[name] = self._fill(combo, items, none_label)
        if searchable:
            make_searchable(combo)
        self._add(name, label, combo, required)
        return combo

    def enum_choice(
        self, name: str, label: str, enum: type[Enum], *, none_label: str | None = None
    ) -> QComboBox:
        return self.choice(
            name, label, [(member.label, member) for member in enum], none_label=none_label
        )  # type: ignore[attr-defined]

    def check(self, name: str, label: str, text: str = "") -> QCheckBox:
        box = QCheckBox(text)
        self._add(name, label, box)
        return box

    @staticmethod
    def _fill(
        combo: QComboBox, items: Sequence[tuple[str, Any]], none_label: str | None
    ) -> list[Any]:
        if combo.isEditable() or any(len(text) > 30 for text, _ in items):
            # A picker of records (organisations, enterprises) takes the whole row.
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.clear()
        values: list[Any] = []
        if none_label is not None:
            combo.addItem(none_label, None)
            values.append(None)
        for text, value in items:
            combo.addItem(text, value)
            values.append(value)
        return values

    def refill(
        self, name: str, items: Sequence[tuple[str, Any]], none_label: str | None = None
    ) -> None:
        combo = self.widget(name)
        assert isinstance(combo, QComboBox)
        current = self.get(name)
        self._choices[name] = self._fill(combo, items, none_label)
        self.set(name, current)

    # --- values ----------------------------------------------------------------------------

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def names(self) -> list[str]:
        return list(self._widgets)

    def get(self, name: str) -> Any:
        widget = self._widgets[name]
        if isinstance(widget, DateField):
            if widget.error_text():
                raise ValidationError(name, widget.error_text() or "")
            return widget.date()
        if isinstance(widget, QComboBox):
            index = widget.currentIndex()
            typed = widget.currentText()
            # A searchable combo whose typed text matches no item: refuse rather than guess.
            if widget.isEditable() and index >= 0 and typed != widget.itemText(index):
                if not typed.strip():
                    return None
                raise ValidationError(name, f"{self._labels[name]}: chọn một mục trong danh sách.")
            return self._choices[name][index] if index >= 0 else None
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QLineEdit):
            if name in self._integers:
                return int(widget.text()) if widget.text().strip() else None
            return widget.text()
        raise TypeError(name)

    def set(self, name: str, value: Any) -> None:
        widget = self._widgets[name]
        if isinstance(widget, DateField):
            widget.set_date(value if isinstance(value, date) else None)
        elif isinstance(widget, QComboBox):
            values = self._choices[name]
            index = values.index(value) if value in values else 0
            widget.setCurrentIndex(index if widget.count() else -1)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))

    def load(self, record: Any) -> None:
        """Put every attribute of ``record`` that has a field of the same name into it."""
        for name in self._widgets:
            if hasattr(record, name):
                self.set(name, getattr(record, name))

    def values(self, names: Sequence[str] | None = None) -> dict[str, Any]:
        """The typed values; raises ``InvalidRecord`` for dates or choices that cannot be read."""
        values: dict[str, Any] = {}
        errors: list[ValidationError] = []
        for name in names or self._widgets:
            try:
                values[name] = self.get(name)
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise InvalidRecord(errors)
        return values

    # --- errors ----------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for name, label in self._errors.items():
            label.clear_error()
            clear_invalid(self._widgets[name])

    def show_errors(self, errors: InvalidRecord) -> list[str]:
        """Show each message beside its field; return the messages of fields not on this form."""
        self.clear_errors()
        elsewhere = []
        first: QWidget | None = None
        for error in errors.errors:
            if error.field in self._errors:
                self._errors[error.field].set_error(error.message)
                mark_invalid(self._widgets[error.field], error.message)
                first = first or self._widgets[error.field]
            else:
                elsewhere.append(error.message)
        self._first_error = first
        if first is not None:
            first.setFocus()
        return elsewhere

    def focus_first_error(self) -> None:
        if self._first_error is not None:
            self._first_error.setFocus()

    def _show_date_error(self, name: str) -> None:
        widget = self._widgets[name]
        assert isinstance(widget, DateField)
        message = widget.error_text()
        self._errors[name].set_error(message)
        if message:
            mark_invalid(widget, message)
        else:
            clear_invalid(widget)
