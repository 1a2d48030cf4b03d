"""Validation messages shown in red next to the field they are about.

Two pieces that forms combine: ``FieldErrorLabel`` (the Vietnamese message, hidden while there
is none; ``attach_error_label`` puts it in the row below a field of a QFormLayout), and
``mark_invalid`` / ``clear_invalid``, which give the field itself a red border through the
dynamic property ``invalid`` and a stylesheet rule that matches it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QWidget

from partydesk.ui.widgets.wrapped_label import WrappedLabel

ERROR_COLOR = "#c62828"
INVALID_PROPERTY = "invalid"
INVALID_FIELD_STYLESHEET = (
    f'*[{INVALID_PROPERTY}="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 2px; '
    "padding: 1px 2px; background-color: #fff5f5; }"
)


class FieldErrorLabel(WrappedLabel):
    """A red, word-wrapped message that is hidden whenever it is empty.

    Attached to a QFormLayout it hides its whole form row, so an error-free form has no gaps.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        # A WrappedLabel spans the whole field column and takes the height its lines need.
        super().__init__("", f"color: {ERROR_COLOR};", parent)
        self._form: QFormLayout | None = None
        self.setObjectName("fieldError")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def error(self) -> str | None:
        return self.text() or None

    def set_error(self, message: str | None) -> None:
        self.setText(message or "")
        self._set_shown(bool(message))

    def clear_error(self) -> None:
        self.set_error(None)

    def _set_shown(self, shown: bool) -> None:
        if self._form is not None:
            self._form.setRowVisible(self, shown)
        else:
            self.setVisible(shown)


def attach_error_label(form: QFormLayout, field: QWidget) -> FieldErrorLabel:
    """Insert a hidden error row directly below ``field``'s row; return its label."""
    row, _role = form.getWidgetPosition(field)
    if row < 0:
        raise ValueError("the field is not in this form layout")
    label = FieldErrorLabel()
    form.insertRow(row + 1, "", label)
    label._form = form
    form.setRowVisible(label, False)
    return label


def mark_invalid(widget: QWidget, message: str | None = None) -> None:
    """Give the field a red border; ``message`` becomes its tooltip.

    A composite field (DateField) is marked on its focus proxy, the part with the frame.
    """
    target = _styled_part(widget)
    if INVALID_PROPERTY not in target.styleSheet():
        # Scoped to this widget so it works without an application stylesheet; the rule only
        # matches while the property is set, so a valid field keeps its native look.
        target.setStyleSheet(f"{target.styleSheet()}\n{INVALID_FIELD_STYLESHEET}".strip())
    if message is not None:
        target.setToolTip(message)
    _set_invalid_property(target, True)


def clear_invalid(widget: QWidget) -> None:
    target = _styled_part(widget)
    if is_marked_invalid(widget):
        target.setToolTip("")
    _set_invalid_property(target, False)


def is_marked_invalid(widget: QWidget) -> bool:
    return bool(_styled_part(widget).property(INVALID_PROPERTY))


def _styled_part(widget: QWidget) -> QWidget:
    return widget.focusProxy() or widget


def _set_invalid_property(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property(INVALID_PROPERTY)) == invalid:
        return
    widget.setProperty(INVALID_PROPERTY, invalid)
    # Stylesheets are not re-evaluated when a dynamic property changes; re-polish.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
