"""The frame shared by the parts of the meeting form, one per part of the paper template.

A section is a titled group box (its title carries an Alt accelerator, "&1. Thông tin chung",
which moves the cursor into it). It loads its part of a ``Meeting``, writes its part back
(``apply``), reports every edit through ``changed``, and shows the validation messages that
belong to its fields right under them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QWidget

from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import Meeting
from partydesk.ui.meeting.fields import watch
from partydesk.ui.widgets.field_error import (
    FieldErrorLabel,
    attach_error_label,
    clear_invalid,
    mark_invalid,
)


@dataclass
class _Field:
    widget: QWidget
    error: FieldErrorLabel


class Section(QGroupBox):
    changed = Signal()
    structure_changed = Signal()  # widgets were added or removed: rebuild the Tab order

    def __init__(self, title: str, short_title: str) -> None:
        super().__init__(title)
        self.short_title = short_title  # for the section index beside the form
        self._fields: dict[str, _Field] = {}
        self.first_error: QWidget | None = None
        self.setStyleSheet("QGroupBox { font-weight: bold; } QGroupBox * { font-weight: normal; }")

    # --- subclass interface ---------------------------------------------------------------

    def load(self, meeting: Meeting) -> None:
        raise NotImplementedError

    def apply(self, meeting: Meeting) -> Meeting:
        """``meeting`` with this section's part replaced by what the form holds."""
        raise NotImplementedError

    def input_errors(self) -> list[ValidationError]:
        """Entries that cannot be read at all (a time "25:00"), before the service sees them."""
        return []

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    # --- fields and their messages --------------------------------------------------------

    def field(
        self,
        name: str,
        widget: QWidget,
        *,
        form: QFormLayout | None = None,
        row: QWidget | None = None,
        watched: bool = True,
    ) -> FieldErrorLabel:
        """Register ``widget`` as the input of ``name``; return its (hidden) message label.

        With ``form``, the label is placed under the form row holding ``row`` (the widget
        itself unless it sits in a container with other widgets).
        """
        widget.setObjectName(name)
        error = FieldErrorLabel() if form is None else attach_error_label(form, row or widget)
        self._fields[name] = _Field(widget, error)
        if watched:
            watch(widget, self.changed.emit)
        return error

    def show_error(self, field: str, message: str) -> bool:
        """Show ``message`` under the field named ``field``; False if it is not in this section."""
        found = self._fields.get(field)
        if found is None:
            return False
        found.error.set_error(message)
        mark_invalid(found.widget, message)
        self.first_error = self.first_error or found.widget
        return True

    def clear_errors(self) -> None:
        self.first_error = None
        for found in self._fields.values():
            found.error.clear_error()
            clear_invalid(found.widget)

    def focus_first_error(self) -> None:
        if self.first_error is not None:
            target = self.first_error.focusProxy() or self.first_error
            target.setFocus(Qt.FocusReason.OtherFocusReason)
