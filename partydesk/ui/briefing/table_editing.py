"""Spreadsheet-like tables of the briefing dialog: typed cells, choice cells, cell errors, and
the layout of a tab around its table.

The clerk fills dozens of rows from paper lists, so cells are edited by simply typing (no
double click), Tab moves along the row, and a choice cell opens a combo box whose typed value
is kept as item data next to the label shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date, parse_vn_date

VALUE = Qt.ItemDataRole.UserRole
STORED = Qt.ItemDataRole.UserRole + 1  # on a row's first cell: the record the row was loaded from
_ERROR_BRUSH = QBrush(QColor("#f8d7da"))
AnyIndex = QModelIndex | QPersistentModelIndex


def make_table(headers: Sequence[str], widths: Sequence[int] = ()) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


def lay_out_section(
    section: QWidget,
    hint: str,
    table: QTableWidget,
    summary: QLabel,
    buttons: Sequence[QPushButton],
) -> None:
    """A tab of the dialog: how to fill it over the table, its summary and buttons under it."""
    row = QHBoxLayout()
    row.addWidget(summary, 1)
    for button in buttons:
        row.addWidget(button)
    hint_label = QLabel(hint)
    hint_label.setWordWrap(True)
    layout = QVBoxLayout(section)
    layout.addWidget(hint_label)
    layout.addWidget(table, 1)
    layout.addLayout(row)


def choice_column(
    table: QTableWidget, column: int, choices: Sequence[tuple[str, str]] = ()
) -> ChoiceDelegate:
    """Edit ``column`` with a combo box of (label, value) ``choices``.

    The caller keeps the returned delegate: a parented wrapper that Python collects loses its
    Python overrides.
    """
    delegate = ChoiceDelegate(choices, table)
    table.setItemDelegateForColumn(column, delegate)
    return delegate


def text_item(text: str, *, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def choice_item(label: str, value: str, *, editable: bool = True) -> QTableWidgetItem:
    item = text_item(label, editable=editable)
    item.setData(VALUE, value)
    return item


def date_item(value: date | None) -> QTableWidgetItem:
    return text_item(format_vn_date(value))


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def cell_value(table: QTableWidget, row: int, column: int) -> str:
    """The item data of a choice cell (Qt gives a StrEnum back as a plain str)."""
    item = table.item(row, column)
    value = item.data(VALUE) if item is not None else None
    return "" if value is None else str(value)


def cell_date(table: QTableWidget, row: int, column: int, label: str, field: str) -> date | None:
    """The date typed in a cell; ``ValidationError`` naming ``label`` when it is not one."""
    return parse_vn_date(cell_text(table, row, column), label, field=field)


def mark_cell(table: QTableWidget, row: int, column: int, message: str) -> None:
    item = table.item(row, column)
    if item is None:
        item = text_item("")
        table.setItem(row, column, item)
    item.setBackground(_ERROR_BRUSH)
    item.setToolTip(message)


def clear_marks(table: QTableWidget) -> None:
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None and item.toolTip():
                item.setBackground(QBrush())
                item.setToolTip("")


class ChoiceDelegate(QStyledItemDelegate):
    """A combo-box editor for one column; the cell keeps the label and the value."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = list(choices)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        self.choices = list(choices)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self.choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(VALUE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        # The value first: changing the text emits itemChanged, whose handlers read the value.
        model.setData(index, editor.currentData(), VALUE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
