"""The "Tổ chức" tab: an organisation's own evaluation (Mẫu 01, proposal, decision).

The page saves it (``save_requested``) through the same reason flow as the members; the
panel only shows the row and reads it back, refusing text that is not a score or a date.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import OrgEvaluation
from partydesk.domain.rule_sets import RuleSet
from partydesk.ui.evaluation.values import level_choices, level_or_none, parse_score, score_text
from partydesk.ui.widgets import DateField, FieldErrorLabel, WrappedLabel


class OrgPanel(QWidget):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: OrgEvaluation | None = None
        self._rule_set: RuleSet | None = None
        self.title = WrappedLabel()
        self.report_on = DateField(field="report_on")
        self.self_score = QLineEdit()
        self.self_level = QComboBox()
        self.leadership_disciplined = QCheckBox(
            "Lãnh đạo hoặc đơn vị trực thuộc bị kỷ luật trong năm"
        )
        self.proposed_level = QComboBox()
        self.decided_level = QComboBox()
        self.decided_score = QLineEdit()
        self.decision_number = QLineEdit()
        self.decision_number.setPlaceholderText("Ví dụ: 125-QĐ/ĐU")
        self.decision_date = DateField(field="decision_date")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        for combo in (self.self_level, self.proposed_level, self.decided_level):
            combo.setMaximumWidth(340)
        self.decision_number.setMaximumWidth(340)
        for score in (self.self_score, self.decided_score):
            score.setMaximumWidth(80)
            score.setPlaceholderText("0–100")
        self.error = FieldErrorLabel()
        self.save_button = QPushButton("Lưu đánh giá tổ chức")
        self.save_button.clicked.connect(self.save_requested)

        form = QFormLayout()
        form.addRow("Ngày nhận báo cáo (Mẫu 01)", self.report_on)
        form.addRow("Tự chấm điểm", self.self_score)
        form.addRow("Tự xếp loại", self.self_level)
        form.addRow("", self.leadership_disciplined)
        form.addRow("Mức đề xuất", self.proposed_level)
        form.addRow("Mức quyết định", self.decided_level)
        form.addRow("Điểm quyết định", self.decided_score)
        form.addRow("Số quyết định", self.decision_number)
        form.addRow("Ngày quyết định", self.decision_date)
        form.addRow("Ghi chú", self.notes)
        self._form = form
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def load(self, org: OrgEvaluation, rule_set: RuleSet, *, read_only: bool) -> None:
        self._loaded = org
        self._rule_set = rule_set
        form_name = rule_set.org_form.full_code
        self.title.setText(f"<b>{org.name}</b> – báo cáo kiểm điểm tập thể theo {form_name}")
        for combo, level in (
            (self.self_level, org.self_level),
            (self.proposed_level, org.proposed_level),
            (self.decided_level, org.decided_level),
        ):
            combo.clear()
            for label, value in level_choices(rule_set):
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(level.value if level else ""), 0))
        self.report_on.set_date(org.report_on)
        self.self_score.setText(score_text(org.self_score))
        self.decided_score.setText(score_text(org.decided_score))
        self.leadership_disciplined.setChecked(org.leadership_disciplined)
        self.decision_number.setText(org.decision_number)
        self.decision_date.set_date(org.decision_date)
        self.notes.setPlainText(org.notes)
        self._form.setRowVisible(self.self_score, rule_set.scored)
        self._form.setRowVisible(self.decided_score, rule_set.scored)
        self.error.clear_error()
        for widget in (
            self.self_level,
            self.proposed_level,
            self.decided_level,
            self.leadership_disciplined,
            self.save_button,
        ):
            widget.setEnabled(not read_only)
        for edit in (self.self_score, self.decided_score, self.decision_number):
            edit.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        self.report_on.set_read_only(read_only)
        self.decision_date.set_read_only(read_only)

    @property
    def loaded(self) -> OrgEvaluation | None:
        return self._loaded

    def value(self) -> OrgEvaluation:
        """The row as typed; ValidationError naming the field when a score or date is wrong."""
        assert self._loaded is not None
        who = self._loaded.name
        dates = {}
        for widget, field, label in (
            (self.report_on, "report_on", "Ngày nhận báo cáo"),
            (self.decision_date, "decision_date", "Ngày quyết định"),
        ):
            problem = widget.error_text()
            if problem:
                raise ValidationError(field, f"{who}: {label}: {problem}")
            dates[field] = widget.date()
        scores = {}
        for edit, field, label in (
            (self.self_score, "self_score", "Điểm tự chấm"),
            (self.decided_score, "decided_score", "Điểm quyết định"),
        ):
            try:
                scores[field] = parse_score(edit.text())
            except ValueError:
                raise ValidationError(
                    field, f"{who}: {label} phải là số (ví dụ 85 hoặc 85,5)."
                ) from None
        return replace(
            self._loaded,
            **dates,
            **scores,
            self_level=level_or_none(self.self_level.currentData()),
            proposed_level=level_or_none(self.proposed_level.currentData()),
            decided_level=level_or_none(self.decided_level.currentData()),
            leadership_disciplined=self.leadership_disciplined.isChecked(),
            decision_number=self.decision_number.text(),
            notes=self.notes.toPlainText(),
        )

    def is_dirty(self) -> bool:
        if self._loaded is None or not self.save_button.isEnabled():
            return False
        try:
            return self.value() != self._loaded
        except ValidationError:
            return True  # something was typed that is not yet a value

    def focus_field(self, field: str) -> None:
        widgets = {
            "report_on": self.report_on,
            "self_score": self.self_score,
            "self_level": self.self_level,
            "proposed_level": self.proposed_level,
            "decided_level": self.decided_level,
            "decided_score": self.decided_score,
            "decision_number": self.decision_number,
            "decision_date": self.decision_date,
            "notes": self.notes,
        }
        widget = widgets.get(field)
        if widget is not None:
            (widget.line_edit if isinstance(widget, DateField) else widget).setFocus()
