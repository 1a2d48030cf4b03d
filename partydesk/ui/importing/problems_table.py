"""The problems found by the import check: Dòng, Cột, Giá trị, Lý do — sortable by any column.

Rows sort by number (row 10 after row 9), the other columns alphabetically ignoring case
(rows in file order within them). The model sorts its own list in Python: a file of 100,000
bad rows sorts in a blink, where a QSortFilterProxyModel calling ``data()`` for each of the
n log n comparisons took tens of seconds. A value may be 10,000 characters long: the cell
shows the start, the tooltip a little more.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from partydesk.domain.importing import RowProblem
from partydesk.domain.numbers import grouped
from partydesk.ui.models.list_model import ListModel
from partydesk.ui.widgets.list_table import list_table

WHOLE_FILE = "Cả tệp"
WHOLE_ROW = "(cả dòng)"
VALUE_CHARS = 80
TOOLTIP_CHARS = 1000
ROW, COLUMN, VALUE, REASON = range(4)
WIDTHS = (70, 170, 220, 0)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ProblemsModel(ListModel[RowProblem]):
    headers = ("Dòng", "Cột", "Giá trị", "Lý do")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        problem = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(problem, column)
            return _shorten(" ".join(text.split()), VALUE_CHARS) if column == VALUE else text
        if role == Qt.ItemDataRole.ToolTipRole and column in (VALUE, REASON):
            return _shorten(self._text(problem, column), TOOLTIP_CHARS) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        def key(problem: RowProblem) -> tuple:
            if column == ROW:
                return (problem.row,)
            return (self._text(problem, column).casefold(), problem.row)

        self.layoutAboutToBeChanged.emit()
        # The current cell and the selection follow their problem to its new row.
        kept = [(index, id(self._rows[index.row()])) for index in self.persistentIndexList()]
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if kept:
            new_rows = {id(problem): row for row, problem in enumerate(self._rows)}
            self.changePersistentIndexList(
                [index for index, _ in kept],
                [self.index(new_rows[ident], index.column()) for index, ident in kept],
            )
        self.layoutChanged.emit()

    @staticmethod
    def _text(problem: RowProblem, column: int) -> str:
        if column == ROW:
            return grouped(problem.row) if problem.row > 0 else WHOLE_FILE
        if column == COLUMN:
            return problem.column or WHOLE_ROW
        if column == VALUE:
            return problem.value
        return problem.reason


def problems_view(model: ProblemsModel) -> QTableView:
    """A read-only table over ``model``, sorted by row; a header click sorts by its column."""
    view = list_table(model, WIDTHS)
    view.setSortingEnabled(True)
    view.sortByColumn(ROW, Qt.SortOrder.AscendingOrder)
    return view
