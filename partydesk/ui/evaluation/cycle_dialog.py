"""The dialog that opens a year's evaluation cycle, or edits the dates and texts of one.

The rule set follows from the year and is shown, not chosen: the year decides it
(``rule_set_for_year``). Opening a cycle reads the whole register, so it runs in the
background behind a progress dialog; the dialog stays open until it succeeded, so a refusal
never loses what was typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import Cycle
from partydesk.domain.rule_sets import rule_set_for_year
from partydesk.services.app import AppServices
from partydesk.ui.tasks import report_task_error, run_with_progress
from partydesk.ui.widgets import DateField, FieldErrorLabel, WrappedLabel
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons


def next_year_without_cycle(years: set[int], today: date) -> int:
    """The current year unless it has a cycle; then the first later year without one."""
    year = today.year
    while year in years:
        year += 1
    return year


class CycleDialog(QDialog):
    """``saved`` holds the opened or updated cycle once the dialog was accepted."""

    def __init__(self, services: AppServices, cycle: Cycle | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._services = services
        self._evaluation = services.evaluation
        self._editing = cycle
        self.saved: Cycle | None = None
        self.setWindowTitle("Sửa kỳ đánh giá" if cycle else "Mở kỳ đánh giá, xếp loại")
        self.setMinimumWidth(620)

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName("Năm đánh giá")
        self.year.setMaximumWidth(100)
        self.rule_set = WrappedLabel()
        self.reference_date = DateField(field="ngay_xet")
        self.member_deadline = DateField(field="han_dang_vien")
        self.cell_deadline = DateField(field="han_chi_bo")
        self.decision_deadline = DateField(field="han_quyet_dinh")
        self.guidance = QLineEdit()
        self.guidance.setPlaceholderText("Ví dụ: Kế hoạch số 12-KH/ĐU ngày 01/11/2026")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.error = FieldErrorLabel()

        form = QFormLayout()
        form.addRow("Năm đánh giá", self.year)
        form.addRow("Bộ quy tắc", self.rule_set)
        form.addRow("Ngày xét điều kiện", self.reference_date)
        form.addRow("Hạn đảng viên nộp bản kiểm điểm", self.member_deadline)
        form.addRow("Hạn chi bộ họp kiểm điểm", self.cell_deadline)
        form.addRow("Hạn cấp ủy quyết định", self.decision_deadline)
        form.addRow("Văn bản hướng dẫn của cấp trên", self.guidance)
        form.addRow("Ghi chú", self.notes)
        ok_text = "Lưu" if cycle else "Mở kỳ đánh giá"
        buttons, self.ok_button = ok_cancel_buttons(self, ok_text, self._on_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if cycle is None:
            years = {c.year for c in self._evaluation.cycles()}
            self.year.setValue(next_year_without_cycle(years, self._evaluation.today()))
            self._load(self._evaluation.propose_cycle(self.year.value()))
            self.year.valueChanged.connect(self._on_year_value_changed)
        else:
            self.year.setValue(cycle.year)
            self.year.setEnabled(False)  # the year picked the rule set and the roll
            self._load(cycle)

    def _load(self, cycle: Cycle) -> None:
        self.reference_date.set_date(cycle.reference_date)
        self.member_deadline.set_date(cycle.member_deadline)
        self.cell_deadline.set_date(cycle.cell_deadline)
        self.decision_deadline.set_date(cycle.decision_deadline)
        self.guidance.setText(cycle.guidance)
        self.notes.setPlainText(cycle.notes)
        self._show_rule_set(cycle.year)

    def _show_rule_set(self, year: int) -> None:
        try:
            rules = rule_set_for_year(year, self._evaluation.rule_sets.all())
        except ValidationError as exc:
            self.rule_set.setText(exc.message)
            return
        self.rule_set.setText(f"<b>{rules.name}</b><br>{rules.regulation}<br>{rules.guidance}")

    def _on_year_value_changed(self, year: int) -> None:
        try:
            proposal = self._evaluation.propose_cycle(year)
        except ValidationError as exc:
            self.error.set_error(exc.message)
            return
        self.error.clear_error()
        self._load(replace(proposal, guidance=self.guidance.text(), notes=self.notes.toPlainText()))

    def cycle(self) -> Cycle:
        """The cycle as typed; ValidationError naming the field when a date is not one."""
        for widget, field, label in (
            (self.reference_date, "ngay_xet", "Ngày xét điều kiện"),
            (self.member_deadline, "han_dang_vien", "Hạn đảng viên nộp bản kiểm điểm"),
            (self.cell_deadline, "han_chi_bo", "Hạn chi bộ họp kiểm điểm"),
            (self.decision_deadline, "han_quyet_dinh", "Hạn cấp ủy quyết định"),
        ):
            problem = widget.error_text()
            if problem:
                raise ValidationError(field, f"{label}: {problem}")
        reference = self.reference_date.date()
        if reference is None:
            raise ValidationError("ngay_xet", "Ngày xét điều kiện: phải có ngày.")
        base = self._editing or self._evaluation.propose_cycle(self.year.value())
        return replace(
            base,
            reference_date=reference,
            member_deadline=self.member_deadline.date(),
            cell_deadline=self.cell_deadline.date(),
            decision_deadline=self.decision_deadline.date(),
            guidance=self.guidance.text(),
            notes=self.notes.toPlainText(),
        )

    def _on_ok(self) -> None:
        try:
            cycle = self.cycle()
            if self._editing is not None:
                self.saved = self._evaluation.update_cycle(cycle)
                self.accept()
                return
        except ValidationError as exc:
            self.error.set_error(exc.message)
            return
        self.ok_button.setEnabled(False)
        run_with_progress(
            self,
            f"Lập danh sách đánh giá năm {cycle.year}",
            self._evaluation.open_cycle,
            cycle,
            on_success=self._on_opened,
            on_failure=self._on_open_failed,
            on_cancelled=lambda: self.ok_button.setEnabled(True),
        )

    def _on_opened(self, cycle: Cycle) -> None:
        self.saved = cycle
        self.accept()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.error.set_error(exc.message)
        else:
            report_task_error(self, "Mở kỳ đánh giá", exc)
