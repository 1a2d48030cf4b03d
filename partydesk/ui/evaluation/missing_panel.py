"""The cycle-wide "Chưa đánh giá" view: who has not yet passed each step, where they are.

One list per step (Tự đánh giá, Đề xuất, Quyết định) with its count on the switch; a double
click or Enter on a member asks the page to show that member in their organisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from partydesk.domain.evaluation import MemberEvaluation, Stage
from partydesk.domain.numbers import grouped
from partydesk.services.evaluation import EvaluationService
from partydesk.ui.models.list_model import AnyIndex, ListModel
from partydesk.ui.widgets.list_table import list_table

HEADERS = ("Họ và tên", "Mẫu", "Tổ chức đảng")

Missing = dict[Stage, list[MemberEvaluation]]


def load_missing(service: EvaluationService, cycle_id: int) -> tuple[Missing, dict[int, str]]:
    """Every step's missing members and the organisation names (one query each)."""
    missing = {stage: service.missing(cycle_id, stage) for stage in Stage}
    names = {o.organisation_id: o.name for o in service.org_rows(cycle_id)}
    return missing, names


class MissingModel(ListModel[MemberEvaluation]):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: Mapping[int, str] = {}
        self._forms: Mapping[object, str] = {}

    def set_labels(self, names: Mapping[int, str], forms: Mapping[object, str]) -> None:
        """The organisation names and form labels the rows show."""
        self.beginResetModel()
        self._names = names
        self._forms = forms
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (
            row.full_name,
            self._forms.get(row.form, ""),
            self._names.get(row.organisation_id, ""),
        )[index.column()]


class MissingPanel(QWidget):
    """``member_requested(organisation_id, member_id)``: show this member's row."""

    member_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._missing: Missing = {stage: [] for stage in Stage}
        self.stage_buttons: dict[Stage, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        switch = QHBoxLayout()
        switch.addWidget(QLabel("Chưa xong bước:"))
        for stage in Stage:
            button = QPushButton(stage.label)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=stage: self.show_stage(s))
            group.addButton(button)
            switch.addWidget(button)
            self.stage_buttons[stage] = button
        switch.addStretch(1)
        self.hint = QLabel("Nhấp đúp hoặc Enter để mở đảng viên trong tổ chức của mình.")
        self.model = MissingModel(self)
        self.table = list_table(self.model, (220, 50))
        self.table.activated.connect(self._on_table_activated)
        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.stage = Stage.SELF
        self.stage_buttons[Stage.SELF].setChecked(True)

    def show_missing(
        self, missing: Missing, names: dict[int, str], forms: Mapping[object, str]
    ) -> None:
        self._missing = missing
        self.model.set_labels(names, dict(forms))
        for stage, button in self.stage_buttons.items():
            button.setText(f"{stage.label} ({grouped(len(missing.get(stage, [])))})")
        self.show_stage(self.stage)

    def count(self, stage: Stage) -> int:
        return len(self._missing.get(stage, []))

    def show_stage(self, stage: Stage) -> None:
        self.stage = stage
        self.stage_buttons[stage].setChecked(True)
        self.model.set_rows(self._missing.get(stage, []))

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        self.member_requested.emit(row.organisation_id, row.member_id)
