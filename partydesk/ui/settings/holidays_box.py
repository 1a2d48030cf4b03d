"""The settings box where the office checks and edits the holiday table of each year.

Every deadline counted in working days (the 30 working days to decide official membership, the
due list) skips the days off of this table and counts its make-up Saturdays. The built-in table
only estimates the Tết days the government has not yet decided, so the clerk checks each year
against the official notice and edits it here; "Khôi phục mặc định" goes back to the built-in
table. Unsaved edits are never dropped silently: changing the year asks first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayKind, HolidayRow
from partydesk.domain.validation import InvalidRecord
from partydesk.services.holidays import (
    FIRST_YEAR,
    LAST_YEAR,
    HolidayService,
    YearTable,
    row_field,
    weekday_name,
)
from partydesk.ui import messages
from partydesk.ui.widgets.date_field import parse_date_text
from partydesk.ui.widgets.field_error import FieldErrorLabel
from partydesk.ui.widgets.wrapped_label import WrappedLabel

DATE_COLUMN, WEEKDAY_COLUMN, KIND_COLUMN, NAME_COLUMN = range(4)
_HEADERS = ("Ngày", "Thứ", "Loại", "Tên")
_INVALID_ROW = QBrush(QColor("#fdecea"))
_WEEKEND = 5

NOTE = (
    "Mọi hạn tính theo ngày làm việc (ví dụ 30 ngày làm việc để xét công nhận đảng viên chính "
    "thức, danh sách “Việc cần làm”) bỏ qua các ngày nghỉ trong bảng này và tính các ngày làm "
    "bù. Chính phủ quyết định ngày nghỉ Tết và các ngày hoán đổi từng năm, nên bảng có sẵn chỉ "
    "là ước tính cho những năm chưa có quyết định; từ năm 2026 bảng có sẵn còn ghi ngày 24/11 "
    "(Ngày Văn hóa Việt Nam), cần đối chiếu. Khi có thông báo nghỉ Tết, hãy kiểm tra và sửa "
    "bảng của năm đó. Ngày lễ trùng thứ Bảy, Chủ nhật thì thêm ngày nghỉ bù theo thông báo."
)


def _source_text(table: YearTable) -> str:
    if table.edited:
        return f"Năm {table.year} đang dùng bảng do văn phòng sửa."
    return f"Năm {table.year} đang dùng bảng có sẵn của chương trình (chưa sửa)."


class HolidaysBox(QGroupBox):
    """Year chooser, the table of that year, and its save / reset buttons."""

    changed = Signal()  # a year was saved or reset: deadlines must be recomputed

    def __init__(self, holidays: HolidayService, parent: QWidget | None = None) -> None:
        super().__init__("Ngày nghỉ lễ, Tết và ngày làm bù", parent)
        self._holidays = holidays
        self._loaded_year: int | None = None
        self._dirty = False
        layout = QVBoxLayout(self)
        note = WrappedLabel(NOTE)
        layout.addWidget(note)

        top = QHBoxLayout()
        top.addWidget(QLabel("Năm"))
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(holidays.current_year())
        self.year.setAccessibleName("Năm")
        self.year.valueChanged.connect(self._on_year_changed)
        top.addWidget(self.year)
        self.source = QLabel()
        top.addWidget(self.source, 1)
        layout.addLayout(top)

        self.table = QTableWidget(0, len(_HEADERS))
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(True)  # the row numbers the errors refer to
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(DATE_COLUMN, 110)
        self.table.setColumnWidth(WEEKDAY_COLUMN, 90)
        self.table.setColumnWidth(KIND_COLUMN, 110)
        self.table.setMinimumHeight(360)
        self.table.itemChanged.connect(self._on_item_changed)
        layout.addWidget(self.table)

        self.errors = FieldErrorLabel()
        layout.addWidget(self.errors)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Thêm dòng")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("Xóa dòng")
        self.remove_button.clicked.connect(self.remove_selected_rows)
        self.save_button = QPushButton("Lưu năm nay")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Khôi phục mặc định")
        self.reset_button.clicked.connect(self.reset)
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.save_button, self.reset_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    # --- loading ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # Loaded when first shown: the built-in table costs a moment to compute the first time,
        # which the settings page should not add to the program's start-up.
        if self._loaded_year is None:
            self.load_year(self.year.value())
        super().showEvent(event)

    def load_year(self, year: int) -> None:
        """Show the table of ``year`` (dropping any unsaved edits)."""
        if self.year.value() != year:
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
        self._show_table(self._holidays.year_table(year))

    def _show_table(self, table: YearTable) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in table.rows:
            self._append_row(format_vn_date(row.day), row.kind, row.name)
        self.table.blockSignals(False)
        self._loaded_year = table.year
        self.source.setText(_source_text(table))
        self.reset_button.setEnabled(table.edited)
        self.errors.clear_error()
        self._dirty = False

    def _append_row(self, day_text: str, kind: HolidayKind, name: str) -> int:
        index = self.table.rowCount()
        self.table.insertRow(index)
        self.table.setItem(index, DATE_COLUMN, QTableWidgetItem(day_text))
        weekday = QTableWidgetItem()
        weekday.setFlags(weekday.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(index, WEEKDAY_COLUMN, weekday)
        kind_box = QComboBox()
        for choice in HolidayKind:
            kind_box.addItem(choice.label, choice.value)
        kind_box.setCurrentIndex(kind_box.findData(kind.value))
        kind_box.currentIndexChanged.connect(self._mark_dirty)
        self.table.setCellWidget(index, KIND_COLUMN, kind_box)
        self.table.setItem(index, NAME_COLUMN, QTableWidgetItem(name))
        self._show_weekday(index)
        return index

    def _show_weekday(self, index: int) -> None:
        item = self.table.item(index, WEEKDAY_COLUMN)
        try:
            day = parse_date_text(self.table.item(index, DATE_COLUMN).text())
        except ValidationError:
            day = None
        text = weekday_name(day) if day else ""
        item.setText(text[:1].upper() + text[1:])
        font = item.font()
        font.setBold(day is not None and day.weekday() >= _WEEKEND)
        item.setFont(font)

    # --- editing ------------------------------------------------------------------------------

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        self._dirty = True
        if item.column() == DATE_COLUMN:
            self.table.blockSignals(True)
            self._show_weekday(item.row())
            self.table.blockSignals(False)

    def add_row(self) -> None:
        self.table.blockSignals(True)
        index = self._append_row("", HolidayKind.DAY_OFF, "")
        self.table.blockSignals(False)
        self._dirty = True
        self.table.setCurrentCell(index, DATE_COLUMN)
        self.table.editItem(self.table.item(index, DATE_COLUMN))

    def remove_selected_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for index in rows:
            self.table.removeRow(index)
        if rows:
            self._dirty = True

    def _on_year_changed(self, year: int) -> None:
        if self._dirty and self._loaded_year is not None:
            keep = not messages.ask_yes_no(
                self,
                "Ngày nghỉ lễ",
                f"Bảng năm {self._loaded_year} có thay đổi chưa lưu. Bỏ các thay đổi đó để xem "
                f"năm {year}?",
            )
            if keep:
                self.year.blockSignals(True)
                self.year.setValue(self._loaded_year)
                self.year.blockSignals(False)
                return
        self.load_year(year)

    # --- reading, saving ----------------------------------------------------------------------

    def rows(self) -> list[HolidayRow]:
        """The table as typed; raises ``InvalidRecord`` naming each row whose date is unreadable."""
        rows: list[HolidayRow] = []
        errors: list[ValidationError] = []
        for index in range(self.table.rowCount()):
            label = f"Dòng {index + 1}: Ngày"
            text = self.table.item(index, DATE_COLUMN).text()
            try:
                day = parse_date_text(text, field=row_field(index), field_label=label)
            except ValidationError as exc:
                errors.append(exc)
                continue
            if day is None:
                errors.append(ValidationError(row_field(index), f"{label}: chưa ghi ngày."))
                continue
            kind = HolidayKind(self.table.cellWidget(index, KIND_COLUMN).currentData())
            rows.append(HolidayRow(day, kind, self.table.item(index, NAME_COLUMN).text()))
        if errors:
            raise InvalidRecord(errors)
        return rows

    def save(self) -> bool:
        year = self.year.value()
        try:
            table = self._holidays.save_year(year, self.rows())
        except InvalidRecord as invalid:
            self._show_errors(invalid.errors)
            return False
        self._show_table(table)
        self.changed.emit()
        return True

    def reset(self) -> None:
        year = self.year.value()
        if not messages.ask_yes_no(
            self,
            "Ngày nghỉ lễ",
            f"Bỏ bảng ngày nghỉ năm {year} do văn phòng sửa và dùng lại bảng có sẵn?",
        ):
            return
        self._show_table(self._holidays.reset_year(year))
        self.changed.emit()

    def _show_errors(self, errors: Sequence[ValidationError]) -> None:
        self.errors.set_error("\n".join(e.message for e in errors))
        bad = {e.field for e in errors}
        self.table.blockSignals(True)
        for index in range(self.table.rowCount()):
            brush = _INVALID_ROW if row_field(index) in bad else QBrush()
            for column in (DATE_COLUMN, WEEKDAY_COLUMN, NAME_COLUMN):
                self.table.item(index, column).setBackground(brush)
        self.table.blockSignals(False)
        first = next((i for i in range(self.table.rowCount()) if row_field(i) in bad), None)
        if first is not None:
            self.table.setCurrentCell(first, DATE_COLUMN)
