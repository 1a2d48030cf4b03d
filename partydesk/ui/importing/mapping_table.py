"""The column-matching table: one row per file column, a combo box choosing its PartyDesk column.

A file may have up to 200 columns, so the choice is a combo box in each row rather than a
form; Tab walks from combo box to combo box and the table scrolls to the one with focus.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from partydesk.domain.importing import Cell, ImportColumn, cell_text, column_letter
from partydesk.services.importing.service import ColumnMapping

SKIP_TEXT = "— Bỏ qua —"
SAMPLE_ROWS = 3
SAMPLE_CHARS = 40  # per value; a cell may hold 10,000 characters
HEADERS = ("Cột trong tệp", f"Ví dụ ({SAMPLE_ROWS} dòng đầu)", "Ghép vào cột PartyDesk")
COLUMN_WIDTHS = (220, 0, 300)
ROW_HEIGHT = 30


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sample_text(rows: Sequence[Sequence[Cell]], column: int) -> str:
    values = [cell_text(row[column]) if column < len(row) else "" for row in rows[:SAMPLE_ROWS]]
    return " · ".join(shorten(value, SAMPLE_CHARS) or "(trống)" for value in values)


def column_choice_text(column: ImportColumn) -> str:
    return f"{column.label} (bắt buộc)" if column.required else column.label


def choices_model(columns: Sequence[ImportColumn], parent: QWidget) -> QStandardItemModel:
    """ "— Bỏ qua —" then every PartyDesk column, each with its hint as a tooltip."""
    model = QStandardItemModel(parent)
    model.appendRow(QStandardItem(SKIP_TEXT))
    for column in columns:
        item = QStandardItem(column_choice_text(column))
        if column.hint:
            item.setToolTip(column.hint)
        model.appendRow(item)
    return model


class ColumnCombo(QComboBox):
    """A combo box that lets the wheel scroll the table unless the clerk is working in it."""

    focused = Signal()

    def __init__(self, choices: QStandardItemModel, accessible_name: str) -> None:
        super().__init__()
        # Every row shares one list of choices: a file may have 200 columns.
        self.setModel(choices)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(accessible_name)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the table scrolls instead of the value changing under the mouse

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()


class MappingTable(QTableWidget):
    """Shows a file's columns; ``mapping()`` is the clerk's current choice."""

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Keyboard focus belongs to the combo boxes: Tab goes from one to the next.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                self.setColumnWidth(column, width)
        self._combos: list[ColumnCombo] = []
        self._keys: list[str | None] = [None]  # by choice index; 0 is "— Bỏ qua —"

    @property
    def combos(self) -> list[ColumnCombo]:
        return list(self._combos)

    def set_table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        columns: Sequence[ImportColumn],
        mapping: ColumnMapping,
    ) -> None:
        """One row per file column, the combo boxes preset from ``mapping``."""
        self.setRowCount(0)
        choices = choices_model(columns, self)
        self._keys = [None, *(column.key for column in columns)]
        self._combos = []
        self.setRowCount(len(headers))
        for index, header in enumerate(headers):
            title = header.strip() or "(không có tiêu đề)"
            # The letter finds the column in Excel; the heading says what it holds.
            self.setItem(
                index, 0, QTableWidgetItem(f"{column_letter(index)}. {shorten(title, 80)}")
            )
            sample_item = QTableWidgetItem(sample_text(rows, index))
            sample_item.setToolTip(sample_item.text())
            self.setItem(index, 1, sample_item)
            combo = ColumnCombo(choices, f"Ghép cột “{shorten(title, 40)}” vào")
            combo.setCurrentIndex(self._choice_index(mapping.get(index)))
            combo.currentIndexChanged.connect(self.mapping_changed)
            combo.focused.connect(lambda row=index: self._on_combo_focused(row))
            self.setCellWidget(index, 2, combo)
            self._combos.append(combo)
        self.mapping_changed.emit()

    def _choice_index(self, key: str | None) -> int:
        return self._keys.index(key) if key in self._keys else 0

    def mapping(self) -> ColumnMapping:
        chosen = (
            (index, self._keys[combo.currentIndex()]) for index, combo in enumerate(self._combos)
        )
        return {index: key for index, key in chosen if key is not None}

    def choose(self, file_column: int, key: str | None) -> None:
        """Set one row's choice (``None``: skip the column)."""
        self._combos[file_column].setCurrentIndex(self._choice_index(key))

    def _on_combo_focused(self, row: int) -> None:
        self.scrollToItem(self.item(row, 0))
