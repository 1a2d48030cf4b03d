"""The "Kế hoạch" tab: half-year, place, chair, agenda, reports due date, and the sittings."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.briefing import Briefing, Half, Sitting, SplitBy
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.ui.briefing.table_editing import (
    cell_date,
    cell_text,
    clear_marks,
    date_item,
    make_table,
    mark_cell,
    text_item,
)
from partydesk.ui.forms import RecordForm

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?\s*$")
DATE, STARTS, ENDS, LABEL, PLACE = range(5)
_COLUMN_OF_FIELD = {"label": LABEL, "place": PLACE, "ends": ENDS, "starts": STARTS, "on": DATE}


def parse_time(text: str, label: str, field: str) -> time | None:
    """A typed time ("8", "8h", "08:30", "14h30"); blank gives None."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
    if hour > 23 or minute > 59:
        raise ValidationError(field, f"{label}: “{text.strip()}” không phải giờ (ví dụ 08:00).")
    return time(hour, minute)


def time_text(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


class PlanSection(QWidget):
    """Edits the round's plan.

    ``resplit_requested(SplitBy)`` asks to regroup the invitees into sittings;
    ``sitting_removed(row)`` tells the invitees' tab which sitting went.
    """

    resplit_requested = Signal(object)
    sitting_removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout()
        self.form = RecordForm(layout)
        self.form.integer("year", "Năm")
        self.form.enum_choice("half", "Nửa năm", Half)
        self.form.text("place", "Địa điểm", max_length=300)
        self.form.text("chair_name", "Chủ trì", max_length=120)
        self.form.text("chair_title", "Chức vụ người chủ trì", max_length=120)
        self.form.date("reports_due_on", "Hạn nộp báo cáo 6 tháng")
        self.form.multiline("agenda", "Chương trình (mỗi dòng một mục)", height=110)
        self.split_combo = self.form.enum_choice("split_by", "Chia buổi", SplitBy)
        self.resplit_button = QPushButton("Chia lại các buổi")
        self.resplit_button.setToolTip(
            "Xếp lại các đơn vị vào các buổi theo cách chia đã chọn, các buổi liền nhau "
            "theo ngày làm việc từ ngày của buổi đầu. Những gì đã ghi của từng đơn vị giữ nguyên."
        )
        self.resplit_button.clicked.connect(self._on_resplit_button_clicked)
        layout.addRow("", self.resplit_button)

        self.sittings = make_table(
            ["Ngày họp", "Từ giờ", "Đến giờ", "Tên buổi", "Địa điểm (trống: như trên)"],
            [100, 70, 70, 200],
        )
        self.sittings.setAccessibleName("Các buổi họp")
        self.add_button = QPushButton("Thêm buổi")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button = QPushButton("Bỏ buổi đang chọn")
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.sittings_error = QLabel()
        self.sittings_error.setStyleSheet("color: #b00020;")
        self.sittings_error.setWordWrap(True)
        self.sittings_error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("<b>Các buổi họp</b>"))
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)

        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addLayout(buttons)
        outer.addWidget(self.sittings, 1)
        outer.addWidget(self.sittings_error)

    # --- loading and reading ----------------------------------------------------------------

    def load(self, briefing: Briefing) -> None:
        # The agenda is edited as one line per item.
        self.form.load(replace(briefing, agenda="\n".join(briefing.agenda)))
        self.load_sittings(briefing.sittings)

    def load_sittings(self, sittings: tuple[Sitting, ...]) -> None:
        self.sittings.setRowCount(0)
        for sitting in sittings:
            self._append(sitting)

    def _append(self, sitting: Sitting) -> None:
        row = self.sittings.rowCount()
        self.sittings.insertRow(row)
        self.sittings.setItem(row, DATE, date_item(sitting.on))
        self.sittings.setItem(row, STARTS, text_item(time_text(sitting.starts)))
        self.sittings.setItem(row, ENDS, text_item(time_text(sitting.ends)))
        self.sittings.setItem(row, LABEL, text_item(sitting.label))
        self.sittings.setItem(row, PLACE, text_item(sitting.place))

    def read_sittings(self) -> tuple[Sitting, ...]:
        """The sittings typed; ``InvalidRecord`` naming the row of a bad date or time."""
        errors: list[ValidationError] = []
        sittings = []
        for row in range(self.sittings.rowCount()):
            where = f"Buổi {row + 1}"
            try:
                on = cell_date(self.sittings, row, DATE, f"{where}: ngày họp", f"sitting:{row}:on")
                if on is None:
                    raise ValidationError(f"sitting:{row}:on", f"{where}: chưa nhập ngày họp.")
                starts = self._time(row, STARTS, f"{where}: từ giờ", "starts")
                ends = self._time(row, ENDS, f"{where}: đến giờ", "ends")
            except ValidationError as exc:
                errors.append(exc)
                continue
            sittings.append(
                Sitting(
                    on=on,
                    starts=starts,
                    ends=ends,
                    label=cell_text(self.sittings, row, LABEL),
                    place=cell_text(self.sittings, row, PLACE),
                )
            )
        if errors:
            raise InvalidRecord(errors)
        return tuple(sittings)

    def _time(self, row: int, column: int, label: str, name: str) -> time | None:
        return parse_time(cell_text(self.sittings, row, column), label, f"sitting:{row}:{name}")

    def apply(self, briefing: Briefing) -> Briefing:
        """``briefing`` with this tab's values; ``InvalidRecord`` for unreadable input."""
        errors: list[ValidationError] = []
        try:
            values = self.form.values()
        except InvalidRecord as exc:
            errors += exc.errors
            values = {}
        try:
            sittings = self.read_sittings()
        except InvalidRecord as exc:
            errors += exc.errors
            sittings = briefing.sittings
        if errors:
            raise InvalidRecord(errors)
        agenda = tuple(line.strip() for line in values.pop("agenda").splitlines() if line.strip())
        if values["year"] is None:
            values["year"] = 0
        return replace(briefing, **values, agenda=agenda, sittings=sittings)

    # --- errors -----------------------------------------------------------------------------

    def show_errors(self, errors: InvalidRecord) -> None:
        """Show errors beside fields and in the cells of the sittings they name."""
        clear_marks(self.sittings)
        self.form.show_errors(
            InvalidRecord([e for e in errors.errors if not e.field.startswith("sitting")])
        )
        shown = []
        for error in errors.errors:
            if error.field.startswith("sitting:"):
                _, row, name = error.field.split(":")
                mark_cell(self.sittings, int(row), _COLUMN_OF_FIELD.get(name, DATE), error.message)
                shown.append(error.message)
            elif error.field == "sittings":
                shown.append(error.message)
        self.sittings_error.setText("\n".join(shown))
        self.sittings_error.setVisible(bool(shown))

    def owns(self, field: str) -> bool:
        return field.startswith("sitting") or field in self.form.names()

    # --- slots ------------------------------------------------------------------------------

    def _on_resplit_button_clicked(self) -> None:
        self.resplit_requested.emit(self.form.get("split_by"))

    def _on_add_button_clicked(self) -> None:
        row = self.sittings.rowCount()
        self.sittings.insertRow(row)
        for column in range(self.sittings.columnCount()):
            self.sittings.setItem(row, column, text_item(""))
        self.sittings.setCurrentCell(row, DATE)
        self.sittings.setFocus()

    def _on_remove_button_clicked(self) -> None:
        row = self.sittings.currentRow()
        if row >= 0:
            self.sittings.removeRow(row)
            self.sitting_removed.emit(row)
