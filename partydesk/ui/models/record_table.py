"""A table model over a paged SQL query, and the sort/filter proxy the views talk to.

At province scale (100,000 members) a list cannot hold every row or sort and filter them one
Python callback at a time: the model fetches pages of light rows on demand (``fetchMore``) and
asks the store to search and order them, where indexes and FTS make it fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from partydesk.domain.dates import format_vn_date
from partydesk.domain.numbers import grouped
from partydesk.domain.rows import ListQuery

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200
_ENDED_BRUSH = QBrush(QColor("#8a8a8a"))
_ROOT = QModelIndex()  # the invisible root of a flat table


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One list column: its header, how a row shows in it, and the store's sort key for it."""

    header: str
    value: Callable[[Row], Any]
    sort_key: str | None = None
    align_right: bool = False


def show(value: Any) -> str:
    """How a cell value is written: dates as dd/mm/yyyy, numbers with dot thousands."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else ""
    if isinstance(value, date):
        return format_vn_date(value)
    if isinstance(value, int):
        return grouped(value)
    return str(value)


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of one register list, fetched a page at a time from a service."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        fetch: Callable[[ListQuery, int, int], list[Row]],
        count: Callable[[ListQuery], int],
        is_ended: Callable[[Row], bool] = lambda row: False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._fetch = fetch
        self._count = count
        self._is_ended = is_ended
        self._query = ListQuery()
        self._rows: list[Row] = []
        self._total = 0
        self._loaded = False

    # --- query -----------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many rows the current query matches (not only those fetched so far)."""
        return self._total

    def set_query(self, query: ListQuery) -> None:
        """Change what the list shows; fetched now if the list was loaded, else on first load."""
        self._query = query
        if self._loaded:
            self.reload()

    def update_query(self, **changes: Any) -> None:
        self.set_query(replace(self._query, **changes))

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._total = self._count(self._query)
        self._rows = self._fetch(self._query, 0, PAGE_SIZE)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of_id(self, record_id: int) -> int | None:
        """Position of a record among the rows fetched so far."""
        for position, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return position
        return None

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return show(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._is_ended(row):
            return _ENDED_BRUSH
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return getattr(row, "id", None)
        return None

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:
        if parent.isValid():
            return
        more = self._fetch(self._query, len(self._rows), PAGE_SIZE)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key
        if key is None:
            return
        self.update_query(sort=key, descending=order is Qt.SortOrder.DescendingOrder)

    def is_sortable(self, column: int) -> bool:
        return self._columns[column].sort_key is not None


class RecordProxyModel(QSortFilterProxyModel):
    """The proxy between a list view and its ``RecordTableModel``.

    The view sorts and filters through it as through any QSortFilterProxyModel, but the work is
    handed to the source model's query: row-by-row comparisons through Python would take
    seconds on 100,000 rows, the store's indexes and FTS take milliseconds.
    """

    def source(self) -> RecordTableModel[Any]:
        return self.sourceModel()  # type: ignore[return-value]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= 0:
            self.source().sort(column, order)

    def set_search(self, text: str) -> None:
        self.source().update_query(search=text)

    def set_include_ended(self, include: bool) -> None:
        self.source().update_query(include_ended=include)

    def record_id(self, index: QModelIndex) -> int | None:
        return index.data(ID_ROLE) if index.isValid() else None
