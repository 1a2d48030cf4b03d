"""The "Đơn vị dự" tab: one row per invited organisation, filled like a spreadsheet.

Who came, their position, present or absent (with the reason), the day the six-month report
arrived; "Đúng hạn" is computed from the round's reports due date as the clerk types.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from partydesk.domain.briefing import Attendance, Invitee, Sitting
from partydesk.domain.briefing_rules import report_on_time
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

ORG, SITTING, NAME, POSITION, ATTENDANCE, REASON, RECEIVED, ON_TIME, NOTES = range(9)
HEADERS = [
    "Đơn vị",
    "Buổi",
    "Người dự",
    "Chức vụ",
    "Có mặt / vắng",
    "Lý do vắng",
    "Ngày nộp báo cáo",
    "Đúng hạn",
    "Ghi chú",
]
_COLUMN_OF_FIELD = {
    "sitting": SITTING,
    "attendee_name": NAME,
    "attendee_position": POSITION,
    "absence_reason": REASON,
    "report_received_on": RECEIVED,
    "notes": NOTES,
    "organisation": ORG,
}


def sitting_label(index: int, sitting: Sitting) -> str:
    """Short, the column is narrow: "Buổi 2 (11/12) Cụm 1"."""
    return f"Buổi {index + 1} ({sitting.on:%d/%m}) {sitting.label}".strip()


class InviteesSection(QWidget):
    def __init__(self, candidates: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._candidates = candidates  # (organisation id, name) that may be added
        self._reports_due: date | None = None
        self._sittings: tuple[Sitting, ...] = ()
        self.table = make_table(HEADERS, [230, 150, 150, 110, 95, 140, 110, 70])
        self.table.setAccessibleName("Đơn vị dự")
        self.sitting_delegate = choice_column(self.table, SITTING)
        attendance = [(a.label, a.value) for a in Attendance]
        self.attendance_delegate = choice_column(self.table, ATTENDANCE, attendance)
        self.table.itemChanged.connect(self._on_table_item_changed)

        self.summary = QLabel()
        self.add_button = QPushButton("Mời thêm đơn vị…")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button = QPushButton("Bỏ đơn vị đang chọn")
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.present_button = QPushButton("Đánh dấu cả buổi có mặt")
        self.present_button.setToolTip("Các đơn vị chưa ghi của buổi đang chọn thành “Có mặt”")
        self.present_button.clicked.connect(self._on_present_button_clicked)
        lay_out_section(
            self,
            "Gõ thẳng vào ô để nhập, Tab sang ô kế tiếp; ô “Buổi” và “Có mặt / vắng” "
            "mở danh sách chọn (F2 hoặc gõ phím bất kỳ).",
            self.table,
            self.summary,
            (self.present_button, self.add_button, self.remove_button),
        )

    # --- loading ----------------------------------------------------------------------------

    def load(self, invitees: tuple[Invitee, ...], sittings: tuple[Sitting, ...]) -> None:
        self.set_sittings(sittings)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for invitee in invitees:
            self._append(invitee)
        self.table.blockSignals(False)
        self._refresh_computed()

    def _append(self, v: Invitee) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        org = text_item(v.organisation_name, editable=False)
        org.setData(VALUE, v.organisation_id)
        org.setData(STORED, v)
        self.table.setItem(row, ORG, org)
        self.table.setItem(row, SITTING, self._sitting_item(v.sitting_index))
        self.table.setItem(row, NAME, text_item(v.attendee_name))
        self.table.setItem(row, POSITION, text_item(v.attendee_position))
        self.table.setItem(row, ATTENDANCE, choice_item(v.attendance.label, v.attendance.value))
        self.table.setItem(row, REASON, text_item(v.absence_reason))
        self.table.setItem(row, RECEIVED, date_item(v.report_received_on))
        self.table.setItem(row, ON_TIME, text_item("", editable=False))
        self.table.setItem(row, NOTES, text_item(v.notes))

    def _sitting_item(self, index: int) -> QTableWidgetItem:
        if 0 <= index < len(self._sittings):
            return choice_item(sitting_label(index, self._sittings[index]), str(index))
        return choice_item("", "-1")

    def set_sittings(self, sittings: tuple[Sitting, ...]) -> None:
        """New sitting labels for the choice column (dates or names may have changed)."""
        self._sittings = sittings
        self.sitting_delegate.set_choices(
            [(sitting_label(i, s), str(i)) for i, s in enumerate(sittings)]
        )
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self.table.setItem(row, SITTING, self._sitting_item(self._sitting_index(row)))
        self.table.blockSignals(False)

    def sitting_removed(self, removed: int) -> None:
        """Invitees of the removed sitting lose it; later sittings move up one place."""
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            index = self._sitting_index(row)
            shifted = -1 if index == removed else index - (index > removed)
            self.table.item(row, SITTING).setData(VALUE, str(shifted))
        self.table.blockSignals(False)

    def set_reports_due(self, due: date | None) -> None:
        self._reports_due = due
        self._refresh_computed()

    def organisation_ids(self) -> list[tuple[int, str]]:
        return [
            (int(cell_value(self.table, row, ORG)), cell_text(self.table, row, ORG))
            for row in range(self.table.rowCount())
        ]

    def _sitting_index(self, row: int) -> int:
        value = cell_value(self.table, row, SITTING)
        return int(value) if value.lstrip("-").isdigit() else -1

    # --- reading ----------------------------------------------------------------------------

    def invitees(self) -> tuple[Invitee, ...]:
        """The rows as invitees; ``InvalidRecord`` naming the row of a date that is not one."""
        errors: list[ValidationError] = []
        result = []
        for row in range(self.table.rowCount()):
            stored: Invitee = self.table.item(row, ORG).data(STORED)
            where = f"Đơn vị dự dòng {row + 1} ({stored.organisation_name})"
            try:
                received = cell_date(
                    self.table,
                    row,
                    RECEIVED,
                    f"{where}: ngày nộp báo cáo",
                    f"invitee:{row}:report_received_on",
                )
            except ValidationError as exc:
                errors.append(exc)
                continue
            result.append(
                replace(
                    stored,
                    sitting_index=self._sitting_index(row),
                    attendee_name=cell_text(self.table, row, NAME),
                    attendee_position=cell_text(self.table, row, POSITION),
                    attendance=Attendance(cell_value(self.table, row, ATTENDANCE)),
                    absence_reason=cell_text(self.table, row, REASON),
                    report_received_on=received,
                    notes=cell_text(self.table, row, NOTES),
                )
            )
        if errors:
            raise InvalidRecord(errors)
        return tuple(result)

    def show_errors(self, errors: InvalidRecord) -> None:
        clear_marks(self.table)
        for error in errors.errors:
            if error.field.startswith("invitee:"):
                _, row, name = error.field.split(":")
                mark_cell(self.table, int(row), _COLUMN_OF_FIELD.get(name, ORG), error.message)

    # --- computed column and summary --------------------------------------------------------

    def _refresh_computed(self) -> None:
        self.table.blockSignals(True)
        present = on_time = 0
        for row in range(self.table.rowCount()):
            self._update_on_time(row)
            present += cell_value(self.table, row, ATTENDANCE) == Attendance.PRESENT.value
            on_time += cell_text(self.table, row, ON_TIME) == "Đúng hạn"
        self.table.blockSignals(False)
        self.summary.setText(
            f"{self.table.rowCount()} đơn vị được mời, {present} có mặt, "
            f"{on_time} nộp báo cáo đúng hạn."
        )

    def _update_on_time(self, row: int) -> None:
        try:
            received = cell_date(self.table, row, RECEIVED, "", "")
        except ValidationError:
            received = None
        verdict = report_on_time(Invitee(0, report_received_on=received), self._reports_due)
        text = {None: "", True: "Đúng hạn", False: "Muộn"}[verdict]
        self.table.item(row, ON_TIME).setText(text)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (RECEIVED, ATTENDANCE):
            self._refresh_computed()

    # --- buttons ----------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        invited = {org_id for org_id, _ in self.organisation_ids()}
        choices = [(i, name) for i, name in self._candidates if i not in invited]
        if not choices:
            return
        names = [name for _, name in choices]
        name, ok = QInputDialog.getItem(self, "Mời thêm đơn vị", "Đơn vị:", names, 0, False)
        if not ok:
            return
        org_id = choices[names.index(name)][0]
        self.table.blockSignals(True)
        self._append(Invitee(org_id, sitting_index=0, organisation_name=name))
        self.table.blockSignals(False)
        self._refresh_computed()
        self.table.setCurrentCell(self.table.rowCount() - 1, NAME)

    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._refresh_computed()

    def _on_present_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        sitting = self._sitting_index(row)
        present = Attendance.PRESENT
        for other in range(self.table.rowCount()):
            unrecorded = cell_value(self.table, other, ATTENDANCE) == Attendance.UNRECORDED.value
            if self._sitting_index(other) == sitting and unrecorded:
                self.table.setItem(other, ATTENDANCE, choice_item(present.label, present.value))
        self._refresh_computed()
