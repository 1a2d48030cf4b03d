"""Step 2 of the import wizard: match each file column to a PartyDesk column.

Required PartyDesk columns nobody chose are listed in red under the table; two file columns
sent to the same PartyDesk column are named too, and block "Kiểm tra" (which value would win
is not something to guess).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from partydesk.domain.importing import ImportColumn, file_column_name
from partydesk.services.importing.reader import RawTable
from partydesk.services.importing.service import ColumnMapping
from partydesk.ui.importing.file_page import table_summary
from partydesk.ui.importing.mapping_table import MappingTable
from partydesk.ui.widgets import WrappedLabel
from partydesk.ui.widgets.field_error import ERROR_COLOR

HINT = (
    "Chọn cột PartyDesk cho từng cột của tệp; cột nào không cần nhập thì để “— Bỏ qua —”. "
    "PartyDesk đã đoán sẵn theo tiêu đề cột và nhớ cách ghép của lần nhập trước. "
    "Bấm “Kiểm tra” để xem trước từng dòng; chưa có gì được ghi vào sổ."
)


def missing_required(columns: Sequence[ImportColumn], mapping: ColumnMapping) -> list[str]:
    chosen = set(mapping.values())
    return [column.label for column in columns if column.required and column.key not in chosen]


def doubled_choices(
    columns: Sequence[ImportColumn], headers: Sequence[str], mapping: ColumnMapping
) -> list[str]:
    """One sentence per PartyDesk column chosen for more than one file column."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, key in sorted(mapping.items()):
        by_key[key].append(index)
    labels = {column.key: column.label for column in columns}
    return [
        f"Cột {labels.get(key, key)} được chọn cho {len(indexes)} cột của tệp: "
        + ", ".join(file_column_name(i, list(headers)) for i in indexes)
        + "."
        for key, indexes in by_key.items()
        if len(indexes) > 1
    ]


class MappingPage(QWidget):
    """The table of file columns and what is still wrong with the choice."""

    changed = Signal()

    def __init__(self, columns: Sequence[ImportColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._headers: list[str] = []
        self.summary = WrappedLabel(style="font-weight: bold;")
        self.hint = WrappedLabel(HINT)
        self.table = MappingTable()
        self.table.mapping_changed.connect(self._on_table_mapping_changed)
        self.missing = WrappedLabel(style=f"color: {ERROR_COLOR};")
        self.missing.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)

    def set_table(self, table: RawTable, mapping: ColumnMapping) -> None:
        self._headers = list(table.headers)
        self.summary.setText(table_summary(table))
        self.table.set_table(table.headers, table.rows, self._columns, mapping)

    def mapping(self) -> ColumnMapping:
        return self.table.mapping()

    def missing_columns(self) -> list[str]:
        return missing_required(self._columns, self.mapping())

    def doubled(self) -> list[str]:
        return doubled_choices(self._columns, self._headers, self.mapping())

    @property
    def can_check(self) -> bool:
        return bool(self.mapping()) and not self.doubled()

    def _on_table_mapping_changed(self) -> None:
        lines = []
        missing = self.missing_columns()
        if missing:
            lines.append("Chưa ghép cột bắt buộc: " + ", ".join(missing) + ".")
        lines.extend(self.doubled())
        if not self.mapping():
            lines.append("Chưa ghép cột nào của tệp.")
        self.missing.setText("\n".join(lines))
        self.missing.setVisible(bool(lines))
        self.changed.emit()
