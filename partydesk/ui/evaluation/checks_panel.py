"""The "Kiểm tra" tab: the rule checks that concern one organisation, and its quota.

``org_check`` gathers them from the whole cycle's check (the quota compares every member of a
tổ chức cơ sở đảng, across its chi bộ), so the page runs it in the background. Each line says
at which step it was found, whether it stops a save, and the reason kept for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from partydesk.domain.evaluation import Level, OrgEvaluation, RuleCode, Stage, Subject, Violation
from partydesk.domain.evaluation_rules import (
    member_quota_group,
    members_group_key,
    org_quota_group,
    quota_allowed,
)
from partydesk.domain.numbers import share_text
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.evaluation import EvaluationService
from partydesk.ui.models.list_model import AnyIndex, ListModel
from partydesk.ui.widgets.list_table import list_table

HEADERS = ("Bước", "Nội dung", "Loại", "Lý do đã ghi")
_RED = QBrush(QColor("#b00020"))
_AMBER = QBrush(QColor("#8a5a00"))


@dataclass(frozen=True)
class CheckLine:
    violation: Violation
    reason: str


@dataclass(frozen=True)
class OrgCheck:
    lines: tuple[CheckLine, ...]
    quota_lines: tuple[str, ...]  # "Quyết định: HTXSNV 3 / tối đa 3 (20% của 15 HTTNV)"


def quota_text(levels: Sequence[Level | None], rule_set: RuleSet) -> str:
    excellent = sum(1 for lv in levels if lv is Level.EXCELLENT)
    good = sum(1 for lv in levels if lv is Level.GOOD)
    allowed = quota_allowed(good, rule_set)
    over = " – vượt tỷ lệ" if excellent > allowed else ""
    return (
        f"{Level.EXCELLENT.value} {excellent} / tối đa {allowed} "
        f"({share_text(rule_set.quota_share)} của {good} {Level.GOOD.value}){over}"
    )


def org_check(service: EvaluationService, cycle_id: int, org: OrgEvaluation) -> OrgCheck:
    """The violations of this organisation, its members and its quota groups (both steps)."""
    rule_set = service.rules_of(service.cycle(cycle_id))
    everyone = service.member_rows(cycle_id)
    mine = [r for r in everyone if r.organisation_id == org.organisation_id]
    bases = sorted({r.base_organisation_id for r in mine})
    groups = {Subject.group(members_group_key(b)) for b in bases}
    groups.add(Subject.group(org_quota_group(org)))
    subjects = {Subject.member(r.member_id) for r in mine} | groups
    subjects.add(Subject.organisation(org.organisation_id))
    decided = service.check(cycle_id, Stage.DECIDED)
    proposed = service.check(cycle_id, Stage.PROPOSED)
    found = list(decided.violations) + [v for v in proposed.violations if v.rule is RuleCode.QUOTA]
    lines = tuple(
        CheckLine(v, decided.reason_for(v)) for v in _unique(found) if v.subject in subjects
    )
    names = {o.organisation_id: o.name for o in service.org_rows(cycle_id)}
    quota_lines = []
    for base in bases:
        group = [
            r
            for r in everyone
            if r.is_evaluated and member_quota_group(r) == members_group_key(base)
        ]
        for stage in (Stage.PROPOSED, Stage.DECIDED):
            levels = [r.level_at(stage) for r in group]
            quota_lines.append(
                f"Đảng viên của {names.get(base, base)}, {stage.label.lower()}: "
                f"{quota_text(levels, rule_set)}"
            )
    return OrgCheck(lines, tuple(quota_lines))


def _unique(found: Sequence[Violation]) -> list[Violation]:
    seen: set[tuple[Subject, RuleCode, Stage]] = set()
    result = []
    for v in found:
        key = (v.subject, v.rule, v.stage)
        if key not in seen:
            seen.add(key)
            result.append(v)
    return result


class CheckModel(ListModel[CheckLine]):
    headers = HEADERS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        v = line.violation
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            kind = "Phải có lý do" if v.blocks else "Cảnh báo"
            return (v.stage.label, v.message, kind, line.reason)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return _RED if v.blocks and not line.reason else _AMBER
        return None


class ChecksPanel(QWidget):
    """``reason_requested(line)`` / ``clear_requested(line)`` carry a ``CheckLine``: the page
    asks the reason and calls the service."""

    reason_requested = Signal(object)
    clear_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quota = QLabel()
        self.quota.setWordWrap(True)
        self.summary = QLabel()
        self.model = CheckModel(self)
        self.table = list_table(self.model, (80, 0, 100, 220), stretch=1)
        self.table.setWordWrap(True)  # the messages name the member and the numbers: keep whole
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self._on_reason_clicked())
        self.reason_button = QPushButton("Ghi lý do…")
        self.reason_button.clicked.connect(self._on_reason_clicked)
        self.clear_button = QPushButton("Bỏ lý do")
        self.clear_button.clicked.connect(self._on_clear_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.reason_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quota)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._read_only = True
        self._update_buttons()

    def show_waiting(self) -> None:
        self.summary.setText("Đang kiểm tra…")

    def show_result(self, result: OrgCheck, *, read_only: bool) -> None:
        self._read_only = read_only
        self.model.set_rows(result.lines)
        self.quota.setText(
            "<b>Tỷ lệ hoàn thành xuất sắc</b><br>" + "<br>".join(result.quota_lines)
            if result.quota_lines
            else ""
        )
        open_count = sum(1 for line in result.lines if line.violation.blocks and not line.reason)
        self.summary.setText(
            f"{len(result.lines)} trường hợp, {open_count} chưa có lý do"
            if result.lines
            else "Không có trường hợp nào trái quy tắc."
        )
        if result.lines:
            self.table.selectRow(0)
        self._update_buttons()

    def current_line(self) -> CheckLine | None:
        row = self.table.currentIndex().row()
        return self.model.row_at(row) if 0 <= row < self.model.rowCount() else None

    def _update_buttons(self, *_args: object) -> None:
        line = self.current_line()
        self.reason_button.setEnabled(line is not None and not self._read_only)
        self.clear_button.setEnabled(line is not None and bool(line.reason) and not self._read_only)

    def _on_reason_clicked(self) -> None:
        line = self.current_line()
        if line is not None and not self._read_only:
            self.reason_requested.emit(line)

    def _on_clear_clicked(self) -> None:
        line = self.current_line()
        if line is not None and line.reason and not self._read_only:
            self.clear_requested.emit(line)
