"""Small input widgets of the meeting form and the one way every edit is reported.

``watch`` connects whatever signal a widget has for "the value changed" to a callback, so a
section can say "any edit here changes the minutes" in one line per widget; the dialog uses that
to restart the autosave timer. ``TimeField`` is an optional "07:30" entry (QTimeEdit always holds
a time, but a meeting's end time is often unknown while it is being typed), ``GrowingTextEdit``
is a plain-text box that grows with what is typed instead of hiding it behind a scroll bar, and
``NumberField`` an optional whole number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QSizeF, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.ui.widgets.date_field import DateField

# --- change notification ------------------------------------------------------------------


def watch(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever the clerk changes ``widget``'s value."""
    if isinstance(widget, DateField):
        widget.line_edit.textChanged.connect(lambda *_: callback())
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda *_: callback())
        if widget.isEditable():
            widget.editTextChanged.connect(lambda *_: callback())
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(lambda *_: callback())
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(lambda *_: callback())
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(callback)
    elif isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda *_: callback())
    else:
        raise TypeError(f"cannot watch {type(widget).__name__}")


class _WheelGuard(QObject):
    """Ignore the mouse wheel over a combo or spin box that does not have focus.

    The form scrolls; without this, scrolling past a vote or a presence combo silently changes
    it under the pointer.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


_WHEEL_GUARD: _WheelGuard | None = None


def guard_wheel(widget: QComboBox | QAbstractSpinBox) -> None:
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard()
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_WHEEL_GUARD)


# --- pickers ------------------------------------------------------------------------------


def combo(items: list[tuple[str, object]]) -> tuple[QComboBox, list[object]]:
    """A non-editable combo and the Python value of each item (Qt turns StrEnums into str)."""
    box = QComboBox()
    values: list[object] = []
    for text, value in items:
        box.addItem(text)
        values.append(value)
    guard_wheel(box)
    return box, values


def spin(maximum: int = 999) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0000") + 16)
    guard_wheel(box)
    return box


# --- whole numbers ------------------------------------------------------------------------


class NumberField(QLineEdit):
    """An optional whole number (blank is None); digits only, so it never holds a bad value."""

    def __init__(self, max_digits: int = 9, placeholder: str = "") -> None:
        super().__init__()
        pattern = QRegularExpression(rf"\d{{0,{max_digits}}}")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setPlaceholderText(placeholder)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        digits = "0" * min(max_digits, 12)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance(digits + "000") + 16)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


# --- times --------------------------------------------------------------------------------

_TIME_TYPING = QRegularExpression(r" *(\d{0,4}|\d{1,2}[:hHgG.]\d{0,2}) *")
_TIME_SEPARATED = re.compile(r"(\d{1,2})[:hHgG.](\d{0,2})", re.ASCII)
_TIME_DIGITS = re.compile(r"\d{1,4}", re.ASCII)


def parse_time_text(text: str, field: str, label: str) -> time | None:
    """Read "7:30", "07:30", "7h30", "730" or "7" as a time; None when blank.

    Raises ``ValidationError`` naming the field when the text is not a time of day.
    """
    typed = text.strip()
    if not typed:
        return None
    separated = _TIME_SEPARATED.fullmatch(typed)
    if separated is not None:
        hour, minute = int(separated.group(1)), int(separated.group(2) or 0)
    elif _TIME_DIGITS.fullmatch(typed):
        if len(typed) <= 2:
            hour, minute = int(typed), 0
        else:
            hour, minute = int(typed[:-2]), int(typed[-2:])
    else:
        raise ValidationError(field, f"{label}: “{typed}” không phải là giờ (nhập dạng 07:30).")
    if hour > 23 or minute > 59:
        raise ValidationError(field, f"{label}: {typed} không phải là giờ có thật.")
    return time(hour, minute)


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


class TimeField(QLineEdit):
    """An optional time of day typed as 07:30 (also 7:30, 7h30, 730); blank means not known.

    ``time_changed(object)`` carries the new ``datetime.time`` or None whenever the value read
    from the text changes; the text is normalised to "07:30" when the clerk leaves the field.
    """

    time_changed = Signal(object)

    def __init__(self, field: str, label: str) -> None:
        super().__init__()
        self.field = field
        self.label = label
        self._last: time | None = None
        self.setValidator(QRegularExpressionValidator(_TIME_TYPING, self))
        self.setPlaceholderText("hh:mm")
        self.setToolTip(f"{label}: nhập dạng 07:30 (hoặc 7h30, 730).")
        width = self.fontMetrics().horizontalAdvance("00:00") + 24
        self.setFixedWidth(max(width, 64))
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._on_editing_finished)

    def time(self) -> time | None:
        """The time typed, or None when blank or not a time."""
        try:
            return parse_time_text(self.text(), self.field, self.label)
        except ValidationError:
            return None

    def set_time(self, value: time | None) -> None:
        self.setText(format_time(value))

    def error_text(self) -> str | None:
        try:
            parse_time_text(self.text(), self.field, self.label)
        except ValidationError as exc:
            return exc.message
        return None

    def _on_text_changed(self, _text: str) -> None:
        value = self.time()
        if value != self._last:
            self._last = value
            self.time_changed.emit(value)

    def _on_editing_finished(self) -> None:
        value = self.time()
        if value is not None and self.text() != format_time(value):
            self.setText(format_time(value))


# --- text that grows ----------------------------------------------------------------------


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text box as tall as its text, from ``min_lines`` up to ``max_lines``.

    Tab leaves the box (the form is driven by the keyboard); Shift+Enter or Enter make new
    lines as usual.
    """

    def __init__(self, min_lines: int = 2, max_lines: int = 12, placeholder: str = "") -> None:
        super().__init__()
        self._min_lines = min_lines
        self._max_lines = max_lines
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit(QSizeF(0, min_lines))

    def _fit(self, size: QSizeF) -> None:
        # QPlainTextEdit's document height is counted in lines, wrapped lines included.
        lines = min(max(int(size.height()), self._min_lines), self._max_lines)
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        height = lines * self.fontMetrics().lineSpacing() + frame + 2
        if self.height() != height:
            self.setFixedHeight(height)


_PLACEHOLDER_PROPERTY = "editablePlaceholder"


def set_read_only(widget: QWidget, read_only: bool) -> None:
    """Lock an input of approved minutes: text stays selectable (to copy), choices go grey.

    A locked empty field shows nothing rather than its hint ("Người trình bày"), which would
    read like content of the minutes.
    """
    if isinstance(widget, DateField):
        widget.set_read_only(read_only)
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setReadOnly(read_only)
        if read_only and widget.placeholderText():
            widget.setProperty(_PLACEHOLDER_PROPERTY, widget.placeholderText())
            widget.setPlaceholderText("")
        elif not read_only and widget.property(_PLACEHOLDER_PROPERTY):
            widget.setPlaceholderText(str(widget.property(_PLACEHOLDER_PROPERTY)))
    else:
        widget.setEnabled(not read_only)
