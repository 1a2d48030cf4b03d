"""The "Đánh giá, xếp loại" tab of the member and organisation dialogs: one row per year.

Each year shows the level at every stage and, above the table, the warnings drawn from several
years (Không hoàn thành nhiệm vụ two years running is a ground for removal from the Party, an
organisation rated low twice in a row, a member who never self-assessed).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from partydesk.domain.dates import format_vn_date
from partydesk.domain.evaluation import Level, MemberEvaluation, OrgEvaluation
from partydesk.domain.evaluation_rules import format_score
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.cadres_dialog import fill_row, read_only_table
from partydesk.ui.widgets.wrapped_label import WrappedLabel

WARNING_STYLE = "color: #b35c00; font-weight: bold;"
MEMBER_HEADERS = (
    "Năm",
    "Mẫu",
    "Tự xếp loại",
    "Đề xuất",
    "Quyết định",
    "Điểm",
    "Kỷ luật",
    "Ghi chú",
)
ORG_HEADERS = (
    "Năm",
    "Tự xếp loại",
    "Đề xuất",
    "Quyết định",
    "Điểm",
    "Số quyết định",
    "Ngày quyết định",
)
EMPTY_TEXT = "Chưa có kỳ đánh giá, xếp loại nào."


def _level(level: Level | None) -> str:
    return level.short if level is not None else ""


def _score(row: MemberEvaluation | OrgEvaluation) -> str:
    score = row.decided_score if row.decided_score is not None else row.self_score
    return format_score(score) if score is not None else ""


class EvaluationHistoryTab(QWidget):
    """Years of classification of one member or one organisation, with their warnings."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = services.evaluation
        self.flags = WrappedLabel(style=WARNING_STYLE)
        self.flags.setVisible(False)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setStyleSheet("color: #555;")
        self.table = read_only_table(MEMBER_HEADERS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flags)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def show_member(self, member_id: int) -> None:
        history = self._service.member_history(member_id)
        rows = [(year, self._member_cells(year, row)) for year, row in history.rows]
        self._show(MEMBER_HEADERS, rows, history.flags, (60, 60, 90, 90, 90, 60, 90))

    def show_organisation(self, organisation_id: int) -> None:
        history = self._service.org_history(organisation_id)
        rows = [(year, self._org_cells(year, row)) for year, row in history.rows]
        self._show(ORG_HEADERS, rows, history.flags, (60, 100, 100, 100, 60, 160))

    def _show(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[int, Sequence[str]]],
        flags: Sequence[str],
        widths: Sequence[int],
    ) -> None:
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        newest_first = sorted(rows, key=lambda item: item[0], reverse=True)
        self.table.setRowCount(len(newest_first))
        for index, (year, cells) in enumerate(newest_first):
            fill_row(self.table, index, cells, year)
        self.flags.setText("\n".join(f"⚠ {flag}" for flag in flags))
        self.flags.setVisible(bool(flags))
        self.empty.setVisible(not rows)

    def _rules(self, row: MemberEvaluation | OrgEvaluation) -> RuleSet:
        return self._service.rules_of(self._service.cycle(row.cycle_id))

    def _member_cells(self, year: int, row: MemberEvaluation) -> list[str]:
        if not row.is_evaluated:
            assert row.exclusion is not None
            note = row.exclusion.label
            if row.exclusion_note:
                note = f"{note}: {row.exclusion_note}"
            return [str(year), "", "", "", "", "", "", f"Không đánh giá – {note}"]
        rules = self._rules(row)
        discipline = row.discipline.label if row.discipline else ""
        notes = "; ".join(text for text in (row.discipline_note, row.notes) if text)
        return [
            str(year),
            rules.form_for(row.form).code,
            _level(row.self_level),
            _level(row.proposed_level),
            _level(row.decided_level),
            _score(row),
            discipline,
            notes,
        ]

    @staticmethod
    def _org_cells(year: int, row: OrgEvaluation) -> list[str]:
        return [
            str(year),
            _level(row.self_level),
            _level(row.proposed_level),
            _level(row.decided_level),
            _score(row),
            row.decision_number,
            format_vn_date(row.decision_date) if row.decision_date else "",
        ]

    def row_texts(self) -> list[list[str]]:
        """Every cell as shown, newest year first."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
