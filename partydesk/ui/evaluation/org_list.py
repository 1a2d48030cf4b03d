"""The organisations of a cycle with their progress: the list on the left of the page.

Chi bộ trực thuộc and đảng bộ bộ phận follow their đảng bộ, indented with "└", and keep their
parent's name in the tooltip (and in the search: typing the đảng bộ's name finds its chi bộ).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from partydesk.domain.evaluation import OrgEvaluation
from partydesk.domain.organisation import OrgKind
from partydesk.domain.text import fold, text_sort_key
from partydesk.store.evaluation import OrgProgress
from partydesk.ui.compliance.matrix_model import short_kind, short_name
from partydesk.ui.widgets import SearchBox
from partydesk.ui.widgets.list_table import list_table

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ORGANISATION_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Tên tổ chức", "Loại", "Đảng viên", "Tự ĐG", "Đề xuất", "QĐ", "XL TC")
WIDTHS = (0, 66, 62, 46, 52, 44, 46)
HEADER_TIPS = (
    "",
    "",
    "Được đánh giá / tổng số trong danh sách",
    "Đã tự đánh giá / được đánh giá",
    "Đã có mức đề xuất / được đánh giá",
    "Quyết định: đã có mức được cấp ủy quyết định / được đánh giá",
    "Xếp loại tổ chức: mức được quyết định của tổ chức đảng",
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(frozen=True)
class OrgLine:
    org: OrgEvaluation
    progress: OrgProgress | None
    parent_name: str
    depth: int
    search_key: str

    @property
    def is_finished(self) -> bool:
        done = self.progress is None or self.progress.decided >= self.progress.evaluated
        return done and self.org.decided_level is not None


def org_lines(orgs: Sequence[OrgEvaluation], progress: Mapping[int, OrgProgress]) -> list[OrgLine]:
    """The organisations in tree order: each đảng bộ followed by its own units, by name."""
    by_id = {o.organisation_id: o for o in orgs}
    children: dict[int | None, list[OrgEvaluation]] = {}
    for org in orgs:
        parent = org.parent_id if org.parent_id in by_id else None
        children.setdefault(parent, []).append(org)
    lines: list[OrgLine] = []

    def walk(parent: int | None, depth: int) -> None:
        for org in sorted(children.get(parent, []), key=lambda o: text_sort_key(o.name)):
            parent_name = by_id[parent].name if parent is not None else ""
            key = fold(f"{org.name} {parent_name}")
            lines.append(OrgLine(org, progress.get(org.organisation_id), parent_name, depth, key))
            walk(org.organisation_id, depth + 1)

    walk(None, 0)
    return lines


def kind_label(kind: str) -> str:
    try:
        return OrgKind(kind).label
    except ValueError:
        return kind


def kind_text(kind: str) -> str:
    """The kind in the narrow column: "Cơ sở", "Trực thuộc", "Ghép", "ĐB cơ sở"."""
    try:
        found = OrgKind(kind)
    except ValueError:
        return kind
    return found.label.replace("Đảng bộ", "ĐB") if found.is_party_committee else short_kind(found)


class OrgListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[OrgLine] = []
        self._shown: list[OrgLine] = []
        self._query = ""
        self._unfinished_only = False

    def set_lines(self, lines: Sequence[OrgLine]) -> None:
        self.beginResetModel()
        self._all = list(lines)
        self._shown = self._filtered()
        self.endResetModel()

    def set_filter(self, query: str, unfinished_only: bool) -> None:
        self.beginResetModel()
        self._query = fold(query)
        self._unfinished_only = unfinished_only
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[OrgLine]:
        words = self._query.split()
        return [
            line
            for line in self._all
            if all(word in line.search_key for word in words)
            and not (self._unfinished_only and line.is_finished)
        ]

    @property
    def all_lines(self) -> list[OrgLine]:
        return list(self._all)

    def line_at(self, row: int) -> OrgLine:
        return self._shown[row]

    def row_of(self, organisation_id: int) -> int | None:
        return next(
            (
                n
                for n, line in enumerate(self._shown)
                if line.org.organisation_id == organisation_id
            ),
            None,
        )

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section] or None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._shown[index.row()]
        column = index.column()
        if role == ORGANISATION_ROLE:
            return line.org.organisation_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            under = f"\nThuộc {line.parent_name}" if line.parent_name else ""
            return f"{line.org.name} ({kind_label(line.org.kind)}){under}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return _RIGHT if column < 6 else _CENTER
        return None

    @staticmethod
    def _text(line: OrgLine, column: int) -> str:
        p = line.progress
        evaluated = p.evaluated if p else 0
        if column == 0:
            indent = "    " * (line.depth - 1) + "└ " if line.depth else ""
            return indent + short_name(line.org.name)
        if column == 1:
            return kind_text(line.org.kind)
        if column == 2:
            return f"{evaluated}/{p.total if p else 0}"
        if column in (3, 4, 5):
            done = (p.self_done, p.proposed, p.decided)[column - 3] if p else 0
            return f"{done}/{evaluated}"
        level = line.org.decided_level
        return level.value if level is not None else ""


class OrgListPane(QWidget):
    """The search box, the "not finished" switch and the list. ``org_chosen(OrgEvaluation)``
    when the clerk picks another organisation; ``select`` changes it without the signal."""

    org_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox()
        self.search.search_changed.connect(self._apply_filter)
        self.unfinished_only = QCheckBox("Chỉ hiện đơn vị chưa xong")
        self.unfinished_only.toggled.connect(self._apply_filter)
        self.model = OrgListModel(self)
        self.table = list_table(self.model, WIDTHS, stretch=0)
        # The kind is in each name's tooltip and a chi bộ trực thuộc is indented under its
        # đảng bộ: the names need the column's width more.
        self.table.setColumnHidden(1, True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._chosen: int | None = None
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.unfinished_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def set_lines(self, lines: Sequence[OrgLine]) -> None:
        self.model.set_lines(lines)

    def select(self, organisation_id: int | None) -> OrgEvaluation | None:
        """Select an organisation (shown by the filter, else the first one); returns it."""
        row = self.model.row_of(organisation_id) if organisation_id is not None else None
        if row is None and organisation_id is not None and self._is_known(organisation_id):
            self.search.clear()  # the filter hid it: show everything again
            self.unfinished_only.setChecked(False)
            row = self.model.row_of(organisation_id)
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._chosen = None
            return None
        self._chosen = self.model.line_at(row).org.organisation_id
        self._select_row(row)
        return self.model.line_at(row).org

    def _is_known(self, organisation_id: int) -> bool:
        return any(line.org.organisation_id == organisation_id for line in self.model.all_lines)

    def _select_row(self, row: int) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.selectRow(row)
        selection.blockSignals(False)
        self.table.viewport().update()

    def _apply_filter(self, *_args: object) -> None:
        self.model.set_filter(self.search.search_text(), self.unfinished_only.isChecked())
        row = self.model.row_of(self._chosen) if self._chosen is not None else None
        if row is not None:
            self._select_row(row)

    def _on_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        chosen = self.model.line_at(rows[0].row()).org
        if chosen.organisation_id != self._chosen:
            self.org_chosen.emit(chosen)
