"""The adjustable fields of one evaluation rule set, as a form (used by ``RuleSetsBox``).

``load`` shows a rule set, ``rule_set`` reads the form back over it (the code and the years
it covers are not adjustable), ``show_error`` puts a service refusal under its field.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import LEVEL_ORDER, Exclusion, Level, MemberForm
from partydesk.domain.rule_sets import Deadline, FormSpec, RuleSet
from partydesk.ui.widgets.date_field import VIETNAMESE_LOCALE
from partydesk.ui.widgets.field_error import (
    attach_error_label,
    clear_invalid,
    mark_invalid,
)

NO_CAP = "Không giới hạn"
ROUND_DOWN, ROUND_NEAREST = "Làm tròn xuống", "Làm tròn gần nhất"
ORG_FORM_KEY = "01"
# The form rows: the organisation's Mẫu 01, then each kind of member form.
_FORM_ROWS = {
    ORG_FORM_KEY: "Mẫu của tổ chức đảng",
    MemberForm.STAFF.value: "Mẫu đảng viên",
    MemberForm.LEADER.value: "Mẫu cán bộ lãnh đạo, quản lý",
    MemberForm.OUTSIDE.value: "Mẫu ngoài hệ thống chính trị",
}


def _row(*widgets: QWidget | str, stretch_last: bool = False) -> QWidget:
    host = QWidget()
    layout = QHBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(QLabel(widget) if isinstance(widget, str) else widget)
    if not stretch_last:
        layout.addStretch(1)
    return host


def _number_box(low: float, high: float) -> QDoubleSpinBox:
    """A decimal box with the Vietnamese comma ("12,5"), whatever the system locale."""
    box = QDoubleSpinBox()
    box.setLocale(VIETNAMESE_LOCALE)
    box.setRange(low, high)
    box.setDecimals(1)
    return box


def _percent_box(low: float, high: float) -> QDoubleSpinBox:
    box = _number_box(low, high)
    box.setSuffix(" %")
    return box


def _level_combo(with_none: bool) -> QComboBox:
    combo = QComboBox()
    if with_none:
        combo.addItem(NO_CAP, "")
    for level in LEVEL_ORDER:
        combo.addItem(f"{level.short} – {level.label}", level.value)
    return combo


class _DeadlineRow(QWidget):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setAccessibleName(f"{label}: ngày")
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setAccessibleName(f"{label}: tháng")
        self.next_year = QCheckBox("năm sau năm đánh giá")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("ngày"), self.day, QLabel("tháng"), self.month, self.next_year):
            layout.addWidget(widget)
        layout.addStretch(1)

    def load(self, deadline: Deadline) -> None:
        self.day.setValue(deadline.day)
        self.month.setValue(deadline.month)
        self.next_year.setChecked(deadline.next_year)

    def deadline(self) -> Deadline:
        return Deadline(self.month.value(), self.day.value(), self.next_year.isChecked())


class _FormSpecRow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.code = QLineEdit()
        self.code.setMaximumWidth(60)
        self.code.setAccessibleName("Mã mẫu")
        self.full_code = QLineEdit()
        self.full_code.setMaximumWidth(190)
        self.full_code.setAccessibleName("Ký hiệu mẫu")
        self.title = QLineEdit()
        self.title.setAccessibleName("Tên mẫu")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.code)
        layout.addWidget(self.full_code)
        layout.addWidget(self.title, 1)

    def load(self, form: FormSpec) -> None:
        self.code.setText(form.code)
        self.full_code.setText(form.full_code)
        self.title.setText(form.title)
        self.title.setCursorPosition(0)
        self.title.setToolTip(form.title)

    def spec(self) -> FormSpec:
        return FormSpec(self.code.text(), self.full_code.text(), self.title.text())


class RuleSetForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: RuleSet | None = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.layout_form = form
        self.name = QLineEdit()
        self.regulation = QLineEdit()
        self.guidance = QLineEdit()
        form.addRow("Tên", self.name)
        form.addRow("Quy định", self.regulation)
        form.addRow("Hướng dẫn", self.guidance)
        self.level_names = [QLineEdit() for _ in LEVEL_ORDER]
        for level, edit in zip(LEVEL_ORDER, self.level_names, strict=True):
            form.addRow(f"Tên mức {level.short}", edit)
        self.bands = {level: _number_box(0, 100) for level in LEVEL_ORDER[:-1]}
        band_parts: list[QWidget | str] = []
        for level, box in self.bands.items():
            box.setSpecialValueText("—")  # 0 is never a band's minimum: shown for "no band"
            box.setAccessibleName(f"Điểm tối thiểu {level.short}")
            band_parts += [f"{level.short} từ", box]
        self.bands_row = _row(*band_parts)
        self.bands_hint = QLabel()
        self.bands_hint.setStyleSheet("color: #555;")
        form.addRow("Khung điểm (tối thiểu)", self.bands_row)
        form.addRow("", self.bands_hint)
        self.quota = _percent_box(0.1, 100)
        self.quota.setAccessibleName("Tỷ lệ HTXSNV tối đa")
        self.rounding = QComboBox()
        self.rounding.addItems([ROUND_DOWN, ROUND_NEAREST])
        self.quota_row = _row(self.quota, "số HTTNV trong nhóm,", self.rounding)
        form.addRow("Tỷ lệ HTXSNV tối đa", self.quota_row)
        self.disciplined_max = _level_combo(with_none=False)
        form.addRow("Mức tối đa khi bị kỷ luật", self.disciplined_max)
        self.probationary_max = _level_combo(with_none=True)
        form.addRow("Mức tối đa của đảng viên dự bị", self.probationary_max)
        self.new_member_months = QSpinBox()
        self.new_member_months.setRange(0, 24)
        self.new_member_months.setSuffix(" tháng")
        form.addRow("Mới kết nạp chưa đủ (không đánh giá)", _row(self.new_member_months))
        self.ballot_majority = _percent_box(50, 99.9)
        form.addRow("Tỷ lệ phiếu cần đạt (trên)", _row(self.ballot_majority, "số phiếu hợp lệ"))
        self.deadlines = {
            "member_deadline": _DeadlineRow("Hạn đảng viên nộp bản kiểm điểm"),
            "cell_deadline": _DeadlineRow("Hạn chi bộ họp kiểm điểm"),
            "decision_deadline": _DeadlineRow("Hạn cấp ủy quyết định"),
        }
        form.addRow("Hạn nộp bản kiểm điểm", self.deadlines["member_deadline"])
        form.addRow("Hạn chi bộ họp kiểm điểm", self.deadlines["cell_deadline"])
        form.addRow("Hạn cấp ủy quyết định", self.deadlines["decision_deadline"])
        form.addRow("", QLabel("<i>Mẫu: mã, ký hiệu in trên mẫu, tên mẫu</i>"))
        self.forms = {key: _FormSpecRow() for key in _FORM_ROWS}
        for key, row in self.forms.items():
            form.addRow(_FORM_ROWS[key], row)
        self.exclusions = {e: QCheckBox(e.label) for e in Exclusion}
        exclusions = QWidget()
        column = QVBoxLayout(exclusions)
        column.setContentsMargins(0, 0, 0, 0)
        for box in self.exclusions.values():
            column.addWidget(box)
        form.addRow("Không đánh giá", exclusions)

        # Where each of the service's field names shows its message, and what it marks red.
        targets: dict[str, tuple[QWidget, list[QWidget]]] = {
            "ten": (self.name, [self.name]),
            "quy_dinh": (self.regulation, [self.regulation]),
            "huong_dan": (self.guidance, [self.guidance]),
            "khung_diem": (self.bands_hint, list(self.bands.values())),
            "ty_le": (self.quota_row, [self.quota]),
            "thang_ket_nap": (self.new_member_months.parentWidget(), [self.new_member_months]),
            "da_so": (self.ballot_majority.parentWidget(), [self.ballot_majority]),
            "han_dang_vien": (self.deadlines["member_deadline"], []),
            "han_chi_bo": (self.deadlines["cell_deadline"], []),
            "han_quyet_dinh": (self.deadlines["decision_deadline"], []),
        }
        for i, edit in enumerate(self.level_names):
            targets[f"ten_muc_{i}"] = (edit, [edit])
        for key, row in self.forms.items():
            field = "mau_01" if key == ORG_FORM_KEY else f"mau_{key}"
            targets[field] = (row, [row.code, row.full_code, row.title])
        self._errors = {
            field: (attach_error_label(form, anchor), marked)
            for field, (anchor, marked) in targets.items()
        }

    # --- loading and reading --------------------------------------------------------------------

    def load(self, rule_set: RuleSet) -> None:
        self._loaded = rule_set
        self.clear_errors()
        self.name.setText(rule_set.name)
        for edit, value in (
            (self.regulation, rule_set.regulation),
            (self.guidance, rule_set.guidance),
        ):
            edit.setText(value)
            edit.setCursorPosition(0)
        for edit, name in zip(self.level_names, rule_set.level_names, strict=True):
            edit.setText(name)
        minimums = dict(rule_set.bands)
        for level, box in self.bands.items():
            box.setValue(minimums.get(level, 0))
        self.bands_row.setEnabled(rule_set.scored)
        self.bands_hint.setText(
            f"{LEVEL_ORDER[-1].short}: dưới điểm tối thiểu của {LEVEL_ORDER[-2].short}."
            if rule_set.scored
            else "Bộ quy tắc này không chấm điểm theo thang 100."
        )
        self.quota.setValue(rule_set.quota_share * 100)
        self.rounding.setCurrentIndex(1 if rule_set.quota_round_half_up else 0)
        cap = rule_set.disciplined_max.value
        self.disciplined_max.setCurrentIndex(self.disciplined_max.findData(cap))
        cap = rule_set.probationary_max.value if rule_set.probationary_max else ""
        self.probationary_max.setCurrentIndex(self.probationary_max.findData(cap))
        self.new_member_months.setValue(rule_set.new_member_months)
        self.ballot_majority.setValue(rule_set.ballot_majority * 100)
        for key, row in self.deadlines.items():
            row.load(getattr(rule_set, key))
        specs = {ORG_FORM_KEY: rule_set.org_form}
        specs.update({kind.value: spec for kind, spec in rule_set.member_forms})
        for key, row in self.forms.items():
            if key in specs:
                row.load(specs[key])
            self.layout_form.setRowVisible(row, key in specs)
        for exclusion, box in self.exclusions.items():
            box.setChecked(exclusion in rule_set.exclusions)

    def rule_set(self) -> RuleSet:
        """The form read over the loaded rule set; the service validates it."""
        assert self._loaded is not None
        loaded = self._loaded
        cap = self.probationary_max.currentData()
        member_forms = tuple(
            (kind, self.forms[kind.value].spec()) for kind, _spec in loaded.member_forms
        )
        bands = (
            tuple((level, box.value()) for level, box in self.bands.items())
            if loaded.scored
            else loaded.bands
        )
        return replace(
            loaded,
            name=self.name.text(),
            regulation=self.regulation.text(),
            guidance=self.guidance.text(),
            level_names=tuple(edit.text() for edit in self.level_names),  # type: ignore[arg-type]
            bands=bands,
            quota_share=round(self.quota.value() / 100, 6),
            quota_round_half_up=self.rounding.currentIndex() == 1,
            disciplined_max=Level(str(self.disciplined_max.currentData())),
            probationary_max=Level(str(cap)) if cap else None,
            new_member_months=self.new_member_months.value(),
            ballot_majority=round(self.ballot_majority.value() / 100, 6),
            member_deadline=self.deadlines["member_deadline"].deadline(),
            cell_deadline=self.deadlines["cell_deadline"].deadline(),
            decision_deadline=self.deadlines["decision_deadline"].deadline(),
            org_form=self.forms[ORG_FORM_KEY].spec(),
            member_forms=member_forms,
            exclusions=frozenset(e for e, box in self.exclusions.items() if box.isChecked()),
        )

    # --- errors ---------------------------------------------------------------------------------

    def show_error(self, error: ValidationError) -> bool:
        """Show the message under its field; False when the field is not on this form."""
        self.clear_errors()
        if error.field not in self._errors:
            return False
        label, marked = self._errors[error.field]
        label.set_error(error.message)
        for widget in marked:
            mark_invalid(widget, error.message)
        if marked:
            marked[0].setFocus()
        return True

    def error_text(self, field: str) -> str | None:
        return self._errors[field][0].error()

    def clear_errors(self) -> None:
        for label, marked in self._errors.values():
            label.clear_error()
            for widget in marked:
                clear_invalid(widget)
