"""The register lines as a table: number, date, kind, summary, signer, recipients, state.

A cancelled line stays in the table, greyed and struck through, with the date and reason of the
cancellation in its tooltip: the register keeps every number it gave.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from partydesk.domain.dates import format_vn_date
from partydesk.domain.outgoing import OutgoingDocument

HEADERS = (
    "Số và ký hiệu",
    "Nơi ban hành",
    "Ngày",
    "Loại văn bản",
    "Trích yếu",
    "Người ký",
    "Nơi nhận",
    "Tình trạng",
)
ISSUER_COLUMN, SUMMARY_COLUMN, RECIPIENTS_COLUMN, STATE_COLUMN = 1, 4, 6, 7
CANCELLED_COLOUR = QColor("#8a8a8a")
_Index = QModelIndex | QPersistentModelIndex


def _one_line(text: str) -> str:
    return " ".join(text.split())


class RegisterModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.documents: list[OutgoingDocument] = []

    def set_documents(self, documents: list[OutgoingDocument]) -> None:
        self.beginResetModel()
        self.documents = documents
        self.endResetModel()

    def document(self, row: int) -> OutgoingDocument | None:
        return self.documents[row] if 0 <= row < len(self.documents) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.documents)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        document = self.document(index.row())
        if document is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(document, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if document.cancelled:
                return document.cancel_note
            # The cells show one line; the tooltip keeps the line breaks of the original.
            full = {
                ISSUER_COLUMN: document.issuer_name,
                SUMMARY_COLUMN: document.summary,
                RECIPIENTS_COLUMN: document.recipients,
            }
            return full.get(column) or None
        if role == Qt.ItemDataRole.ForegroundRole and document.cancelled:
            return CANCELLED_COLOUR
        if role == Qt.ItemDataRole.FontRole and document.cancelled and column != STATE_COLUMN:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    @staticmethod
    def _text(document: OutgoingDocument, column: int) -> str:
        return (
            document.number_symbol,
            document.issuer_name,
            format_vn_date(document.issued_on),
            document.kind_name,
            _one_line(document.summary),
            document.signer,
            _one_line(document.recipients),
            document.state_text,
        )[column]
