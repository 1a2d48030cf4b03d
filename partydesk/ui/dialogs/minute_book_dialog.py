"""What goes into a printed minute book: which chi bộ, which year or dates, which volume.

A chi bộ keeps one "sổ ghi biên bản" per period (usually a year, or a volume that ran out of
pages partway through one), so the clerk picks either a whole year or a from/to date range,
and the volume number printed on the cover ("Quyển số 2").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date
from partydesk.ui.forms import make_searchable
from partydesk.ui.widgets import DateField, FieldErrorLabel, clear_invalid, mark_invalid
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import INVALID_FIELD_STYLESHEET

MIN_YEAR, MAX_YEAR = 1930, 2100


@dataclass(frozen=True, slots=True)
class MinuteBookChoice:
    organisation_id: int
    organisation_name: str
    first: date
    last: date
    volume: int


def cell_combo(choices: list[tuple[int, str]], selected: int | None = None) -> QComboBox:
    """A searchable picker of chi bộ (id in the item data), ``selected`` preselected."""
    combo = make_searchable(QComboBox())
    for organisation_id, name in choices:
        combo.addItem(name, organisation_id)
    index = combo.findData(selected) if selected is not None else -1
    combo.setCurrentIndex(max(index, 0) if choices else -1)
    combo.setMinimumWidth(320)
    return combo


def chosen_cell(combo: QComboBox, choices: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The chi bộ whose name is in the picker; None when the typed text names none."""
    text = combo.currentText().strip()
    return next(((i, name) for i, name in choices if name == text), None)


class MinuteBookDialog(QDialog):
    """Asks for the chi bộ, the period and the volume; ``choice`` holds them once accepted."""

    def __init__(
        self,
        choices: list[tuple[int, str]],
        year: int,
        parent: QWidget | None = None,
        *,
        organisation_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("In sổ biên bản sinh hoạt chi bộ")
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        self.choice: MinuteBookChoice | None = None
        self._choices = choices

        self.cell = cell_combo(choices, organisation_id)
        self.whole_year = QRadioButton("Cả năm")
        self.date_range = QRadioButton("Từ ngày")
        self.whole_year.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.whole_year)
        group.addButton(self.date_range)
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(year)
        self.year.setAccessibleName("Năm")
        self.first = DateField(field="first", field_label="Từ ngày")
        self.first.set_date(date(year, 1, 1))
        self.last = DateField(field="last", field_label="Đến ngày")
        self.last.set_date(date(year, 12, 31))
        self.volume = QSpinBox()
        self.volume.setRange(1, 999)
        self.volume.setAccessibleName("Quyển số")
        self.volume.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.error = FieldErrorLabel()

        year_row = QHBoxLayout()
        year_row.addWidget(self.whole_year)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        range_row = QHBoxLayout()
        range_row.addWidget(self.date_range)
        range_row.addWidget(self.first)
        range_row.addWidget(QLabel("đến ngày"))
        range_row.addWidget(self.last)
        range_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Chi bộ", self.cell)
        form.addRow("Thời gian", year_row)
        form.addRow("", range_row)
        form.addRow("Quyển số", self.volume)
        buttons, self.ok_button = ok_cancel_buttons(self, "Tạo sổ biên bản")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        # Editing a year or a date says which of the two the clerk wants.
        self.year.valueChanged.connect(lambda _v: self.whole_year.setChecked(True))
        for field in (self.first, self.last):
            field.date_changed.connect(lambda _d: self.date_range.setChecked(True))

    def accept(self) -> None:
        choice = self._read()
        if choice is not None:
            self.choice = choice
            super().accept()

    def _read(self) -> MinuteBookChoice | None:
        for widget in (self.cell, self.first, self.last):
            clear_invalid(widget)
        cell = chosen_cell(self.cell, self._choices)
        if cell is None:
            return self._fail(self.cell, "Chi bộ: chọn một chi bộ trong danh sách.")
        if self.whole_year.isChecked():
            first, last = date(self.year.value(), 1, 1), date(self.year.value(), 12, 31)
        else:
            for field, label in ((self.first, "Từ ngày"), (self.last, "Đến ngày")):
                if field.error_text():
                    return self._fail(field, field.error_text() or "")
                if field.date() is None:
                    return self._fail(field, f"{label}: chưa nhập ngày.")
            first, last = self.first.date(), self.last.date()
            assert first is not None and last is not None
            if last < first:
                return self._fail(
                    self.last,
                    f"Đến ngày: phải từ ngày {format_vn_date(first)} trở về sau.",
                )
        self.error.clear_error()
        return MinuteBookChoice(cell[0], cell[1], first, last, self.volume.value())

    def _fail(self, widget: QWidget, message: str) -> None:
        mark_invalid(widget, message)
        self.error.set_error(message)
        widget.setFocus()
        return None
