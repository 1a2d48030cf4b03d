"""The "Kiến nghị" tab: issues raised at this round, and open ones carried from earlier rounds.

A carried issue keeps the round and organisation it came from (those cells are read-only);
its answer, status and dates are followed up here and saved on the same row (same id).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from partydesk.domain.briefing import BriefingIssue, IssueKind, IssueStatus
from partydesk.domain.briefing_rules import validate_issue
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.ui.briefing.table_editing import (
    STORED,
    VALUE,
    cell_date,
    cell_text,
    cell_value,
    choice_column,
    choice_item,
    clear_marks,
    date_item,
    lay_out_section,
    make_table,
    mark_cell,
    text_item,
)

ROUND, ORG, KIND, CONTENT, RESPONSIBLE, ANSWER, STATUS, DUE, RESOLVED = range(9)
HEADERS = [
    "Nêu tại đợt",
    "Đơn vị",
    "Loại",
    "Nội dung",
    "Cơ quan giải quyết",
    "Trả lời",
    "Trạng thái",
    "Hạn giải quyết",
    "Ngày giải quyết",
]
THIS_ROUND = "Đợt này"
_COLUMN_OF_FIELD = {
    "organisation": ORG,
    "content": CONTENT,
    "responsible": RESPONSIBLE,
    "answer": ANSWER,
    "resolved_on": RESOLVED,
    "due_on": DUE,
}
_CARRIED_BRUSH = QBrush(QColor("#eef3f8"))


class IssuesSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = make_table(HEADERS, [140, 180, 90, 260, 150, 220, 110, 100])
        self.table.setAccessibleName("Khó khăn, vướng mắc, kiến nghị")
        self.org_delegate = choice_column(self.table, ORG)
        kinds = [(k.label, k.value) for k in IssueKind]
        self.kind_delegate = choice_column(self.table, KIND, kinds)
        statuses = [(s.label, s.value) for s in IssueStatus]
        self.status_delegate = choice_column(self.table, STATUS, statuses)

        self.add_button = QPushButton("Thêm kiến nghị")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button = QPushButton("Xóa kiến nghị đang chọn")
        self.remove_button.setToolTip("Chỉ xóa được kiến nghị nêu tại đợt này.")
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.summary = QLabel()
        lay_out_section(
            self,
            "Dòng nền xanh nhạt là kiến nghị chưa giải quyết của các đợt trước, được chuyển sang "
            "để theo dõi: sửa trả lời, trạng thái, ngày giải quyết ngay tại đây.",
            self.table,
            self.summary,
            (self.add_button, self.remove_button),
        )

    # --- loading ----------------------------------------------------------------------------

    def load(self, own: tuple[BriefingIssue, ...], carried: list[BriefingIssue]) -> None:
        self.table.setRowCount(0)
        for issue in own:
            self._append(issue, carried=False)
        for issue in carried:
            self._append(issue, carried=True)
        self._update_summary()

    def set_organisations(self, organisations: list[tuple[int, str]]) -> None:
        """The invited organisations an issue of this round can come from."""
        self.org_delegate.set_choices([(name, str(org_id)) for org_id, name in organisations])

    def _append(self, issue: BriefingIssue, *, carried: bool) -> int:
        """Add a row; this round's issues come first (their rows match the round's numbering),
        then the carried ones."""
        row = self.table.rowCount() if carried else self._own_count()
        self.table.insertRow(row)
        origin = text_item(issue.raised_at if carried else THIS_ROUND, editable=False)
        origin.setData(STORED, issue)
        origin.setData(VALUE, "carried" if carried else "own")
        self.table.setItem(row, ROUND, origin)
        org = choice_item(issue.organisation_name, str(issue.organisation_id), editable=not carried)
        self.table.setItem(row, ORG, org)
        self.table.setItem(
            row, KIND, choice_item(issue.kind.label, issue.kind.value, editable=not carried)
        )
        self.table.setItem(row, CONTENT, text_item(issue.content, editable=not carried))
        self.table.setItem(row, RESPONSIBLE, text_item(issue.responsible))
        self.table.setItem(row, ANSWER, text_item(issue.answer))
        self.table.setItem(row, STATUS, choice_item(issue.status.label, issue.status.value))
        self.table.setItem(row, DUE, date_item(issue.due_on))
        self.table.setItem(row, RESOLVED, date_item(issue.resolved_on))
        if carried:
            for column in range(self.table.columnCount()):
                self.table.item(row, column).setBackground(_CARRIED_BRUSH)
        return row

    def _own_count(self) -> int:
        return sum(not self._is_carried(r) for r in range(self.table.rowCount()))

    def _is_carried(self, row: int) -> bool:
        return cell_value(self.table, row, ROUND) == "carried"

    # --- reading ----------------------------------------------------------------------------

    def _read(self, row: int, where: str) -> BriefingIssue:
        stored: BriefingIssue = self.table.item(row, ROUND).data(STORED)
        org_value = cell_value(self.table, row, ORG)
        return replace(
            stored,
            organisation_id=int(org_value) if org_value.isdigit() else 0,
            organisation_name=cell_text(self.table, row, ORG),
            kind=IssueKind(cell_value(self.table, row, KIND)),
            content=cell_text(self.table, row, CONTENT),
            responsible=cell_text(self.table, row, RESPONSIBLE),
            answer=cell_text(self.table, row, ANSWER),
            status=IssueStatus(cell_value(self.table, row, STATUS)),
            due_on=cell_date(self.table, row, DUE, f"{where}: hạn giải quyết", "due_on"),
            resolved_on=cell_date(
                self.table, row, RESOLVED, f"{where}: ngày giải quyết", "resolved_on"
            ),
        )

    def issues(self) -> tuple[tuple[BriefingIssue, ...], list[BriefingIssue]]:
        """(issues raised at this round, carried issues checked alone); ``InvalidRecord``.

        Errors are named ``issue:<row>:<field>`` (this round's issues are the first rows, so
        the row is also their index, as the round's validation names them) or
        ``carried:<row>:<field>``.
        """
        errors: list[ValidationError] = []
        own: list[BriefingIssue] = []
        carried: list[BriefingIssue] = []
        for row in range(self.table.rowCount()):
            is_carried = self._is_carried(row)
            prefix = f"carried:{row}:" if is_carried else f"issue:{row}:"
            where = f"Kiến nghị dòng {row + 1} ({cell_text(self.table, row, ORG) or 'đơn vị'})"
            try:
                issue = self._read(row, where)
            except ValidationError as exc:
                errors.append(ValidationError(prefix + exc.field, exc.message))
                continue
            if not is_carried:
                own.append(issue)
                continue
            try:
                carried.append(validate_issue(issue))
            except InvalidRecord as exc:
                # validate_issue names the issue without its row: name the row instead.
                alone = f"Kiến nghị ({issue.organisation_name or 'đơn vị'})"
                errors += [
                    ValidationError(prefix + e.field, e.message.replace(alone, where, 1))
                    for e in exc.errors
                ]
        if errors:
            raise InvalidRecord(errors)
        return tuple(own), carried

    def show_errors(self, errors: InvalidRecord) -> None:
        clear_marks(self.table)
        for error in errors.errors:
            parts = error.field.split(":")
            if len(parts) != 3 or parts[0] not in ("issue", "carried"):
                continue
            row = int(parts[1])  # this round's issues are the first rows, in order
            mark_cell(self.table, row, _COLUMN_OF_FIELD.get(parts[2], CONTENT), error.message)

    # --- buttons ----------------------------------------------------------------------------

    def _update_summary(self) -> None:
        rows = range(self.table.rowCount())
        carried = sum(self._is_carried(r) for r in rows)
        self.summary.setText(
            f"{len(rows) - carried} kiến nghị nêu tại đợt này, {carried} chuyển từ đợt trước."
        )

    def _on_add_button_clicked(self) -> None:
        choices = self.org_delegate.choices
        name, value = choices[0] if choices else ("", "0")
        row = self._append(
            BriefingIssue(int(value), IssueKind.PROPOSAL, "", organisation_name=name),
            carried=False,
        )
        self._update_summary()
        self.table.setCurrentCell(row, ORG)
        self.table.setFocus()

    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and not self._is_carried(row):
            self.table.removeRow(row)
            self._update_summary()
