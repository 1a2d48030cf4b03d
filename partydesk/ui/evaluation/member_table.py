"""The member table of one organisation: an editable grid of the three stages.

Edits stay in the model until the page saves them (``changed_rows``); nothing is written while
typing. Members who are not evaluated are greyed and their levels and scores cannot be typed.
Columns are named by the ``MemberEvaluation`` field they edit, so a refusal naming a field
(``ValidationError.field``) finds its cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from partydesk.domain.evaluation import MemberEvaluation
from partydesk.domain.numbers import share_text
from partydesk.domain.rule_sets import RuleSet
from partydesk.ui.evaluation.values import (
    discipline_choices,
    discipline_or_none,
    level_choices,
    level_or_none,
    parse_count,
    parse_score,
    score_text,
)

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_GREY = QBrush(QColor("#8a8a8a"))
_ERROR = QBrush(QColor("#f8d7da"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_EDIT = Qt.ItemDataRole.EditRole
_DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True)
class Column:
    key: str  # the MemberEvaluation field it shows (or a computed name)
    header: str
    width: int
    kind: str = "text"  # text | level | discipline | score | count | fixed
    scored_only: bool = False
    tooltip: str = ""


COLUMNS = (
    Column("full_name", "Họ và tên", 140, "fixed"),
    Column("form", "Mẫu", 38, "fixed", tooltip="Mẫu bản kiểm điểm theo bộ quy tắc của năm"),
    Column("exclusion", "Diện ĐG", 64, "fixed", tooltip="Diện đánh giá: Có, hoặc lý do không"),
    Column("probationary", "Dự bị", 44, "fixed"),
    Column("discipline", "Kỷ luật", 70, "discipline", tooltip="Kỷ luật trong năm đánh giá"),
    Column(
        "discipline_note",
        "Nội dung kỷ luật",
        110,
        tooltip="Số, ngày quyết định và nội dung vi phạm; tự phát hiện, khắc phục (nếu có)",
    ),
    Column("self_score", "Tự chấm", 56, "score", True, "Điểm tự chấm (thang 100)"),
    Column("self_level", "Tự xếp loại", 76, "level"),
    Column("proposed_level", "Đề xuất", 62, "level", tooltip="Mức chi bộ đề xuất"),
    Column("votes_for", "Tán thành", 62, "count", tooltip="Số đảng viên tán thành mức đề xuất"),
    Column("vote_base", "Số BQ", 50, "count", tooltip="Số đảng viên biểu quyết"),
    Column("vote_share", "Tỷ lệ", 46, "fixed", tooltip="Tỷ lệ tán thành"),
    Column("remarks", "Nhận xét của chi bộ", 160, tooltip="Nhận xét, đánh giá của chi ủy (chi bộ)"),
    Column(
        "temp_remarks",
        "Nhận xét nơi SHT",
        110,
        tooltip="Nhận xét của chi bộ nơi đảng viên sinh hoạt tạm thời (nếu có)",
    ),
    Column("decided_level", "Quyết định", 70, "level", tooltip="Mức cấp ủy quyết định"),
    Column("decided_score", "Điểm QĐ", 58, "score", True, "Điểm cấp ủy quyết định"),
    Column("notes", "Ghi chú", 120),
)
# Columns a member who is not evaluated still has: everything else stays empty for them.
_OPEN_FOR_EXCLUDED = frozenset({"notes"})


class MemberTableModel(QAbstractTableModel):
    """``edit_refused(message)``: a typed value is not a number (nothing was changed)."""

    edit_refused = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._saved: list[MemberEvaluation] = []
        self._rows: list[MemberEvaluation] = []
        self._rule_set: RuleSet | None = None
        self._columns: tuple[Column, ...] = ()
        self._read_only = True
        self._marked: tuple[int, str] | None = None
        self._level_choices: list[tuple[str, str]] = []
        self._was_dirty = False

    # --- loading and reading back -----------------------------------------------------------

    def set_rows(
        self, rows: Sequence[MemberEvaluation], rule_set: RuleSet, *, read_only: bool
    ) -> None:
        self.beginResetModel()
        self._saved = list(rows)
        self._rows = list(rows)
        self._rule_set = rule_set
        self._columns = tuple(c for c in COLUMNS if rule_set.scored or not c.scored_only)
        self._read_only = read_only
        self._marked = None
        self._level_choices = level_choices(rule_set)
        self.endResetModel()
        self._notify_dirty()

    def clear(self) -> None:
        self.beginResetModel()
        self._saved, self._rows, self._marked = [], [], None
        self.endResetModel()
        self._notify_dirty()

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def read_only(self) -> bool:
        return self._read_only

    def rows(self) -> list[MemberEvaluation]:
        return list(self._rows)

    def row_at(self, row: int) -> MemberEvaluation:
        return self._rows[row]

    def changed_rows(self) -> list[MemberEvaluation]:
        return [now for now, was in zip(self._rows, self._saved, strict=True) if now != was]

    @property
    def is_dirty(self) -> bool:
        return any(now != was for now, was in zip(self._rows, self._saved, strict=True))

    def column_of(self, key: str) -> int | None:
        return next((n for n, c in enumerate(self._columns) if c.key == key), None)

    def row_of(self, member_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.member_id == member_id), None)

    def choices_for(self, column: int) -> list[tuple[str, str]]:
        kind = self._columns[column].kind
        if kind == "level":
            return self._level_choices
        if kind == "discipline":
            return discipline_choices()
        return []

    def mark(self, row: int | None, key: str | None) -> None:
        """Highlight the cell a refusal named (or none)."""
        self._marked = (row, key) if row is not None and key is not None else None
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == _DISPLAY:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def is_editable(self, row: MemberEvaluation, column: Column) -> bool:
        if self._read_only or column.kind == "fixed":
            return False
        return row.is_evaluated or column.key in _OPEN_FOR_EXCLUDED

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if self.is_editable(self._rows[index.row()], self._columns[index.column()]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base & ~Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == _DISPLAY:
            return self._text(row, column)
        if role == _EDIT:
            if column.kind in ("level", "discipline"):
                value = getattr(row, column.key)
                return value.value if value is not None else ""
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_evaluated:
            return _GREY
        if role == Qt.ItemDataRole.BackgroundRole and self._marked == (index.row(), column.key):
            return _ERROR
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("score", "count") or column.key == "vote_share":
                return _RIGHT
            if column.key in ("form", "probationary"):
                return _CENTER
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _text(self, row: MemberEvaluation, column: Column) -> str:
        key = column.key
        if key == "form":
            return self._rule_set.form_for(row.form).code if self._rule_set else ""
        if key == "exclusion":
            return row.exclusion.label if row.exclusion else "Có"
        if key == "probationary":
            return "Dự bị" if row.probationary else ""
        if key == "vote_share":
            share = row.vote_share
            return share_text(round(share, 3)) if share is not None else ""
        value = getattr(row, key)
        if column.kind == "level":
            return value.value if value is not None else ""
        if column.kind == "discipline":
            return value.label if value is not None else ""
        if column.kind == "score":
            return score_text(value)
        if column.kind == "count":
            return "" if value is None else str(value)
        return str(value or "")

    def _tooltip(self, row: MemberEvaluation, column: Column) -> str | None:
        if column.key == "exclusion" and row.exclusion is not None:
            note = f"\n{row.exclusion_note}" if row.exclusion_note else ""
            return f"Không đánh giá: {row.exclusion.label}{note}"
        if column.kind == "level" and self._rule_set is not None:
            level = getattr(row, column.key)
            return self._rule_set.level_name(level) if level is not None else None
        if column.key == "full_name" and row.is_leader:
            return f"{row.full_name} (cán bộ lãnh đạo, quản lý)"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid():
            return False
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if not self.is_editable(row, column):
            return False
        try:
            new_value = self._read(column, value)
        except ValueError:
            what = "số nguyên" if column.kind == "count" else "số (ví dụ 85 hoặc 85,5)"
            self.edit_refused.emit(
                f"{row.full_name}: {column.header} phải là {what}, không phải “{value}”."
            )
            return False
        self._rows[index.row()] = replace(row, **{column.key: new_value})
        left = self.index(index.row(), 0)
        right = self.index(index.row(), len(self._columns) - 1)
        self.dataChanged.emit(left, right)
        self._notify_dirty()
        return True

    @staticmethod
    def _read(column: Column, value: Any) -> object:
        if column.kind == "level":
            return level_or_none(value)
        if column.kind == "discipline":
            return discipline_or_none(value)
        if column.kind == "score":
            return value if isinstance(value, float | int) else parse_score(str(value or ""))
        if column.kind == "count":
            return value if isinstance(value, int) else parse_count(str(value or ""))
        return str(value or "")

    def _notify_dirty(self) -> None:
        dirty = self.is_dirty
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the level and discipline columns; other cells edit as text."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        model = index.model()
        choices = model.choices_for(index.column()) if isinstance(model, MemberTableModel) else []
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(_EDIT)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _EDIT)
        else:
            super().setModelData(editor, model, index)


class MemberTableView(QTableView):
    """The grid: typing starts editing, Tab walks along the row, as in a spreadsheet."""

    def __init__(self, model: MemberTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        # Kept on self: a parented delegate wrapper that Python collects loses its overrides.
        self.delegate = ChoiceDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)
        model.modelReset.connect(self._size_columns)

    def commit_editing(self) -> None:
        """Put an open cell editor's value into the model (Ctrl+S while typing in a cell)."""
        editor = QApplication.focusWidget()
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _size_columns(self) -> None:
        model = self.model()
        assert isinstance(model, MemberTableModel)
        for n, column in enumerate(model.columns):
            self.setColumnWidth(n, column.width)
