"""The table of the "Kiểm phiếu" tab: one row per member, the ballots marking each level, and
the tally of those numbers (valid ballots, the level reached, its share)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from partydesk.domain.evaluation import LEVEL_ORDER, BallotCount, Level, MemberEvaluation
from partydesk.domain.evaluation_rules import Tally
from partydesk.domain.numbers import share_text
from partydesk.domain.rule_sets import RuleSet

NAME_COLUMN = 0
FIRST_LEVEL_COLUMN = 1
VALID_COLUMN = FIRST_LEVEL_COLUMN + len(LEVEL_ORDER)
RESULT_COLUMN = VALID_COLUMN + 1
SHARE_COLUMN = RESULT_COLUMN + 1
MAX_BALLOTS = 9999
NO_RESULT = "chưa đạt"
COUNT_ERROR = "số phiếu sai"
_BAD_ROW = QBrush(QColor("#fdecea"))
_EDITING = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class _CountDelegate(QStyledItemDelegate):
    """Vote cells are edited with a spin box that cannot go negative."""

    def createEditor(  # noqa: N802 - Qt override
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_BALLOTS)
        editor.setFrame(False)
        return editor


def _read_only_item(text: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class BallotTable(QTableWidget):
    votes_changed = Signal()  # a vote cell was edited: recompute the tally

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, SHARE_COLUMN + 1, parent)
        self._members: list[MemberEvaluation] = []
        self.setItemDelegate(_CountDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(FIRST_LEVEL_COLUMN, SHARE_COLUMN + 1):
            self.setColumnWidth(column, 78)
        self.setColumnWidth(RESULT_COLUMN, 120)
        self.itemChanged.connect(self._on_item_changed)

    def fill(
        self, members: Sequence[MemberEvaluation], rule_set: RuleSet, ballot: BallotCount | None
    ) -> None:
        self._members = list(members)
        self.blockSignals(True)
        headers = ["Họ và tên", *(lv.short for lv in LEVEL_ORDER), "Hợp lệ", "Kết quả", "Tỷ lệ"]
        self.setHorizontalHeaderLabels(headers)
        for offset, level in enumerate(LEVEL_ORDER):
            header = self.horizontalHeaderItem(FIRST_LEVEL_COLUMN + offset)
            header.setToolTip(rule_set.level_name(level))
        self.setRowCount(len(self._members))
        for row, member in enumerate(self._members):
            self.setItem(row, NAME_COLUMN, _read_only_item(member.full_name))
            votes = ballot.votes_for(member.member_id) if ballot else {}
            for offset, level in enumerate(LEVEL_ORDER):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.EditRole, votes.get(level, 0))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, FIRST_LEVEL_COLUMN + offset, item)
            for column in (VALID_COLUMN, RESULT_COLUMN, SHARE_COLUMN):
                item = _read_only_item()
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, item)
        self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        none = QAbstractItemView.EditTrigger.NoEditTriggers
        self.setEditTriggers(none if read_only else _EDITING)

    def votes(self) -> tuple[tuple[int, Level, int], ...]:
        """(member id, level, ballots) of every non-zero cell."""
        found = []
        for row, member in enumerate(self._members):
            for offset, level in enumerate(LEVEL_ORDER):
                n = self._vote(row, offset)
                if n:
                    found.append((member.member_id, level, n))
        return tuple(found)

    def _vote(self, row: int, offset: int) -> int:
        value = self.item(row, FIRST_LEVEL_COLUMN + offset).data(Qt.ItemDataRole.EditRole)
        try:
            return max(int(value or 0), 0)
        except (TypeError, ValueError):
            return 0

    def set_votes(self, member_id: int, counts: Mapping[Level, int]) -> None:
        row = self._row_of(member_id)
        for offset, level in enumerate(LEVEL_ORDER):
            item = self.item(row, FIRST_LEVEL_COLUMN + offset)
            item.setData(Qt.ItemDataRole.EditRole, counts.get(level, 0))

    def show_tallies(
        self, results: Mapping[int, Tally | str], valid: int, rule_set: RuleSet
    ) -> None:
        """Each member's tally, or the reason the typed numbers cannot be counted."""
        self.blockSignals(True)
        for row, member in enumerate(self._members):
            self._show_tally(row, results[member.member_id], valid, rule_set)
        self.blockSignals(False)

    def _show_tally(self, row: int, result: Tally | str, valid: int, rule_set: RuleSet) -> None:
        self.item(row, VALID_COLUMN).setText(str(valid))
        result_item = self.item(row, RESULT_COLUMN)
        share_item = self.item(row, SHARE_COLUMN)
        problem = result if isinstance(result, str) else ""
        if isinstance(result, str):
            result_item.setText(COUNT_ERROR)
            share_item.setText("")
        elif result.result is None:
            result_item.setText(NO_RESULT)
            share_item.setText("")
        else:
            result_item.setText(result.result.short)
            share_item.setText(share_text(round(result.share or 0, 3)))
        for column in range(self.columnCount()):
            item = self.item(row, column)
            item.setBackground(_BAD_ROW if problem else QBrush())
            item.setToolTip(problem)
        if not problem and not isinstance(result, str) and result.result is not None:
            result_item.setToolTip(rule_set.level_name(result.result))
        elif not problem:
            result_item.setToolTip("Không mức nào đạt quá bán số phiếu hợp lệ.")

    def result_text(self, member_id: int) -> str:
        return self.item(self._row_of(member_id), RESULT_COLUMN).text()

    def _row_of(self, member_id: int) -> int:
        return next(i for i, m in enumerate(self._members) if m.member_id == member_id)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if FIRST_LEVEL_COLUMN <= item.column() < VALID_COLUMN:
            self.votes_changed.emit()
