"""An editable list of rows laid out as a table of ordinary input widgets.

The minutes have many short lists (guests, opinions, votes, tasks). A QTableWidget inside the
long scrolling form would nest a second scroll area and hide its cells from Tab; here each row
is a line of real inputs in one grid, so Tab walks them in reading order, columns line up, and
the table is exactly as tall as its rows. Row buttons (up, down, remove) stay out of the Tab
chain; the dialog's shortcuts reach them (Ctrl+Enter adds a row, Ctrl+Shift+↑/↓ moves the row
being typed in, Ctrl+Shift+Delete removes it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.ui.meeting.fields import set_read_only, watch
from partydesk.ui.widgets.field_error import FieldErrorLabel, clear_invalid, mark_invalid

ADD_SHORTCUT = "Ctrl+Enter"
MOVE_UP_SHORTCUT = "Ctrl+Shift+Up"
MOVE_DOWN_SHORTCUT = "Ctrl+Shift+Down"
REMOVE_SHORTCUT = "Ctrl+Shift+Delete"


class Row:
    """One row: its input widgets in column order, and how to read and fill them."""

    def __init__(self) -> None:
        self.cells: list[QWidget] = []
        self.error = FieldErrorLabel()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def inputs(self) -> list[QWidget]:
        """The widgets the clerk edits (cells may also hold read-only labels)."""
        return [c for c in self.cells if not isinstance(c, QLabel)]

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs():
            set_read_only(widget, read_only)

    def contains(self, widget: QWidget | None) -> bool:
        while widget is not None:
            if any(widget is cell for cell in self.cells):
                return True
            widget = widget.parentWidget()
        return False


class RowTable(QWidget):
    """Rows of inputs under a header line, with add / move / remove.

    ``changed`` fires on every edit of a row and on every added, moved or removed row;
    ``structure_changed`` only on the latter (the dialog then rebuilds the Tab order).
    """

    changed = Signal()
    structure_changed = Signal()

    def __init__(
        self,
        columns: Sequence[tuple[str, int]],
        make_row: Callable[[], Row],
        *,
        add_text: str | None = None,
        empty_text: str = "",
        movable: bool = False,
        numbered: bool = True,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._make_row = make_row
        self._movable = movable
        self._numbered = numbered
        self._editable_rows = add_text is not None
        self._read_only = False
        self.rows: list[Row] = []
        self._numbers: list[QLabel] = []
        self._buttons: list[QWidget] = []

        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        self._headers = [self._header_label(title) for title, _ in self._columns]
        for column, (_, stretch) in enumerate(self._columns, start=1):
            self.grid.setColumnStretch(column, stretch)

        self.empty_label = QLabel(empty_text)
        self.empty_label.setStyleSheet("color: palette(mid); font-style: italic;")
        self.add_button = QPushButton(f"{add_text} ({ADD_SHORTCUT})" if add_text else "")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        # Only now that they have a parent: showing a parentless widget opens a window.
        self.add_button.setVisible(self._editable_rows)
        self._relayout()

    @staticmethod
    def _header_label(title: str) -> QLabel:
        label = QLabel(f"<b>{title}</b>")
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        return label

    # --- values ---------------------------------------------------------------------------

    def values(self) -> list[Any]:
        return [row.value() for row in self.rows]

    def set_values(self, values: Sequence[Any]) -> None:
        for index in reversed(range(len(self.rows))):
            self._discard(index)
        for value in values:
            row = self._new_row()
            row.set_value(value)
            for widget in row.inputs():
                if isinstance(widget, QLineEdit):
                    widget.setCursorPosition(0)  # a long text in a narrow cell shows its start
        self._relayout()
        self.structure_changed.emit()

    # --- structure ------------------------------------------------------------------------

    def add_row(self, value: Any = None) -> Row:
        """Append a row (filled with ``value`` if given) and put the cursor in it."""
        row = self._new_row()
        if value is not None:
            row.set_value(value)
        self._relayout()
        for cell in row.cells:
            cell.show()  # the layout would show them later; focus needs them shown now
        self.structure_changed.emit()
        self.changed.emit()
        inputs = row.inputs()
        if inputs:
            inputs[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def remove_row(self, index: int) -> None:
        self._discard(index)
        self._relayout()
        self.structure_changed.emit()
        self.changed.emit()
        if self.rows:
            self.focus_row(min(index, len(self.rows) - 1))
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_row(self, index: int, delta: int) -> None:
        target = index + delta
        if not (0 <= index < len(self.rows) and 0 <= target < len(self.rows)):
            return
        focused = self.focusWidget()
        self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
        self._buttons[index], self._buttons[target] = self._buttons[target], self._buttons[index]
        self._relayout()
        self.structure_changed.emit()
        self.changed.emit()
        if focused is not None:
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def row_index_of(self, widget: QWidget | None) -> int | None:
        for index, row in enumerate(self.rows):
            if row.contains(widget):
                return index
        return None

    def focus_row(self, index: int) -> None:
        inputs = self.rows[index].inputs()
        if inputs:
            inputs[0].setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def can_add_rows(self) -> bool:
        return self._editable_rows and not self._read_only

    @property
    def can_move_rows(self) -> bool:
        return self._movable and self.can_add_rows

    # --- errors and locking ---------------------------------------------------------------

    def show_row_error(self, index: int, message: str, widget: QWidget | None = None) -> None:
        """Show ``message`` under the row and mark ``widget`` (its first input by default)."""
        row = self.rows[index]
        row.error.set_error(message)
        inputs = row.inputs()
        target = widget or (inputs[0] if inputs else None)
        if target is not None:
            mark_invalid(target, message)

    def clear_errors(self) -> None:
        for row in self.rows:
            row.error.clear_error()
            for widget in row.inputs():
                clear_invalid(widget)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self.rows:
            row.set_read_only(read_only)
        self.add_button.setVisible(self._editable_rows and not read_only)
        for buttons in self._buttons:
            buttons.setVisible(self._editable_rows and not read_only)

    # --- internals ------------------------------------------------------------------------

    def _new_row(self) -> Row:
        row = self._make_row()
        for widget in row.inputs():
            watch(widget, self.changed.emit)
        if self._read_only:
            row.set_read_only(True)
        self.rows.append(row)
        self._buttons.append(self._row_buttons(row))
        return row

    def _row_buttons(self, row: Row) -> QWidget:
        box = QWidget(self)  # parented at once: setVisible below must not open a window
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        style = self.style()
        moves: list[tuple[QStyle.StandardPixmap, str, int]] = []
        if self._movable:
            moves = [
                (QStyle.StandardPixmap.SP_ArrowUp, f"Chuyển lên ({MOVE_UP_SHORTCUT})", -1),
                (QStyle.StandardPixmap.SP_ArrowDown, f"Chuyển xuống ({MOVE_DOWN_SHORTCUT})", 1),
            ]
        for pixmap, tip, delta in moves:
            button = self._tool_button(style.standardIcon(pixmap), tip)
            button.clicked.connect(lambda _=False, r=row, d=delta: self.move_row(self._index(r), d))
            layout.addWidget(button)
        remove = self._tool_button(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton),
            f"Xóa dòng này ({REMOVE_SHORTCUT})",
        )
        remove.clicked.connect(lambda _=False, r=row: self.remove_row(self._index(r)))
        layout.addWidget(remove)
        box.setVisible(self._editable_rows and not self._read_only)
        return box

    @staticmethod
    def _tool_button(icon: Any, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        # Out of the Tab chain: the row's shortcuts reach it, and a stray Space cannot delete.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _index(self, row: Row) -> int:
        return next(i for i, r in enumerate(self.rows) if r is row)

    def _discard(self, index: int) -> None:
        row = self.rows.pop(index)
        buttons = self._buttons.pop(index)
        for widget in (*row.cells, row.error, buttons):
            widget.setParent(None)
            widget.deleteLater()

    def _relayout(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        for label in self._numbers:
            label.hide()  # deleted later, but must not show meanwhile
            label.deleteLater()
        self._numbers = []
        for column, header in enumerate(self._headers, start=1):
            self.grid.addWidget(header, 0, column)
            header.setVisible(bool(self.rows))
        last = len(self._columns) + 1
        for index, row in enumerate(self.rows):
            grid_row = 1 + 2 * index
            if self._numbered:
                number = QLabel(f"{index + 1}.")
                number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                number.setContentsMargins(0, 4, 0, 0)
                self._numbers.append(number)
                self.grid.addWidget(number, grid_row, 0)
            for column, cell in enumerate(row.cells, start=1):
                self.grid.addWidget(cell, grid_row, column, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(self._buttons[index], grid_row, last, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(row.error, grid_row + 1, 1, 1, len(self._columns))
        self.empty_label.setVisible(not self.rows and bool(self.empty_label.text()))

    def _on_add_button_clicked(self) -> None:
        self.add_row()
