"""The table of due items: Ngày, Việc, Đối tượng, Trạng thái; overdue items in red."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from partydesk.domain.dates import format_vn_date
from partydesk.domain.due import DueItem, DueStatus

HEADERS = ("Ngày", "Việc", "Đối tượng", "Trạng thái")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOR = QColor("#C62828")
SETTLED_COLOR = QColor("#757575")

_Index = QModelIndex | QPersistentModelIndex


class DueListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[DueItem, ...] = ()
        self._today = date.today()

    def set_items(self, items: tuple[DueItem, ...], today: date) -> None:
        self.beginResetModel()
        self._items = items
        self._today = today
        self.endResetModel()

    def item(self, row: int) -> DueItem:
        return self._items[row]

    def row_of(self, key: str) -> int | None:
        return next((r for r, i in enumerate(self._items) if i.key == key), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_vn_date(item.on),
                item.title,
                item.subject,
                item.status_text(self._today),
            )[column]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ForegroundRole:
            status = item.status(self._today)
            if status is DueStatus.OVERDUE:
                return QBrush(OVERDUE_COLOR)
            if status.is_settled:
                return QBrush(SETTLED_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(item)
        return None


def tooltip(item: DueItem) -> str:
    lines = [f"{item.kind.label}: {item.title}", item.subject]
    if item.detail:
        lines.append(item.detail)
    if item.mark is not None and item.mark.note:
        lines.append(f"Ghi chú ({format_vn_date(item.mark.marked_on)}): {item.mark.note}")
    return "\n".join(lines)
