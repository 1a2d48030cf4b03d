"""What the row shortcuts do where the cursor is: the nearest list around it gets the command.

Ctrl+Enter adds a row to the list being typed in (an opinion when the cursor is in an item's
opinions, a guest in the guests, a new agenda item elsewhere in an agenda item);
Ctrl+Shift+↑/↓ moves that row, Ctrl+Shift+Delete removes it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partydesk.ui.meeting.agenda_section import AgendaItemEditor, AgendaSection
from partydesk.ui.meeting.rows import RowTable


def _ancestors(widget: QWidget | None):  # noqa: ANN202 - a generator of widgets
    while widget is not None:
        yield widget
        widget = widget.parentWidget()


def add_row_at(widget: QWidget | None) -> bool:
    """Add a row to the nearest list around ``widget``; False if there is none."""
    for ancestor in _ancestors(widget):
        if isinstance(ancestor, RowTable) and ancestor.can_add_rows:
            ancestor.add_row()
            return True
        if isinstance(ancestor, AgendaItemEditor | AgendaSection):
            section = _agenda_of(ancestor)
            if section is not None and section.can_edit:
                section.add_item()
                return True
    return False


def move_row_at(widget: QWidget | None, delta: int) -> bool:
    for ancestor in _ancestors(widget):
        if isinstance(ancestor, RowTable) and ancestor.can_move_rows:
            index = ancestor.row_index_of(widget)
            if index is not None:
                ancestor.move_row(index, delta)
                return True
        if isinstance(ancestor, AgendaItemEditor):
            section = _agenda_of(ancestor)
            if section is not None and section.can_edit:
                section.move_item(ancestor, delta)
                if widget is not None:
                    widget.setFocus()
                return True
    return False


def remove_row_at(widget: QWidget | None) -> bool:
    for ancestor in _ancestors(widget):
        if isinstance(ancestor, RowTable) and ancestor.can_add_rows:
            index = ancestor.row_index_of(widget)
            if index is not None:
                ancestor.remove_row(index)
                return True
        if isinstance(ancestor, AgendaItemEditor):
            section = _agenda_of(ancestor)
            if section is not None and section.can_edit:
                section.remove_item(ancestor)
                return True
    return False


def _agenda_of(widget: QWidget) -> AgendaSection | None:
    for ancestor in _ancestors(widget):
        if isinstance(ancestor, AgendaSection):
            return ancestor
    return None
