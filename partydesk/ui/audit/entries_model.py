"""The audit log's entries as a table, newest first, fetched a page at a time as it scrolls.

Pages are asked for "older than the last entry shown" rather than by position, so entries
added while the clerk scrolls (every save adds one) neither repeat nor shift the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from partydesk.domain.audit import AuditEntry, AuditFilter, time_text
from partydesk.domain.numbers import grouped

HEADERS = (
    "Số",
    "Thời gian",
    "Người thực hiện",
    "Vai trò",
    "Thao tác",
    "Bản ghi",
    "Tóm tắt",
)
SEQ, TIME, USER, ROLE, ACTION, RECORD, SUMMARY = range(len(HEADERS))
PAGE_SIZE = 200
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

Fetch = Callable[[AuditFilter, int | None, int], list[AuditEntry]]


class AuditEntriesModel(QAbstractTableModel):
    """``texts(entry)`` gives the words of the user, role, record and summary columns."""

    def __init__(
        self,
        fetch: Fetch,
        count: Callable[[AuditFilter], int],
        texts: Callable[[AuditEntry], tuple[str, str, str, str]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self._texts = texts
        self.audit_filter = AuditFilter()
        self.entries: list[AuditEntry] = []
        self._shown: list[tuple[str, str, str, str]] = []
        self.total = 0

    def set_filter(self, audit_filter: AuditFilter) -> None:
        self.audit_filter = audit_filter
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.total = self._count(self.audit_filter)
        self.entries = self._fetch(self.audit_filter, None, PAGE_SIZE)
        self._shown = [self._texts(e) for e in self.entries]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.entries, self._shown, self.total = [], [], 0
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, seq: int) -> int | None:
        return next((i for i, e in enumerate(self.entries) if e.seq == seq), None)

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TIME:
                return time_text(entry.at, seconds=True)
            return self._text(index.row(), entry, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ROLE:
            return entry
        return None

    def _text(self, row: int, entry: AuditEntry, column: int) -> str:
        if column == SEQ:
            return grouped(entry.seq)
        if column == TIME:
            return time_text(entry.at)
        if column == ACTION:
            return entry.action
        user, role, record, summary = self._shown[row]
        text = {USER: user, ROLE: role, RECORD: record, SUMMARY: summary}[column]
        return " ".join(text.split())  # one line in the table

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and len(self.entries) < self.total

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if parent.isValid() or not self.entries:
            return
        more = self._fetch(self.audit_filter, self.entries[-1].seq, PAGE_SIZE)
        if not more:
            self.total = len(self.entries)
            return
        first = len(self.entries)
        self.beginInsertRows(_ROOT, first, first + len(more) - 1)
        self.entries.extend(more)
        self._shown.extend(self._texts(e) for e in more)
        self.endInsertRows()
