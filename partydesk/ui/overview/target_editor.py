"""Adding or editing one of the office's targets: the indicator, the value, the deadline year.

The dialog saves through the statistics service itself, so a refusal (a duplicate, a rate
over 100 %) is shown under the field it is about while everything typed stays in place.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import AccessDenied
from partydesk.domain.errors import ValidationError
from partydesk.domain.statistics import (
    INDICATOR_BY_KEY,
    INDICATORS,
    Key,
    Target,
    Unit,
    full_label,
)
from partydesk.domain.statistics_rules import MAX_YEAR, MIN_YEAR
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.accounts.fields import FormErrors
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import INVALID_FIELD_STYLESHEET

ADD_TITLE = "Thêm chỉ tiêu"
EDIT_TITLE = "Sửa chỉ tiêu"
DEFAULT_DEADLINE = 2030
MAX_COUNT = 1_000_000
INDICATOR_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def indicator_choices(large_workforce: int) -> QStandardItemModel:
    """Every indicator, grouped under a bold heading (not selectable) for its section."""
    model = QStandardItemModel()
    section = None
    bold = QFont()
    bold.setBold(True)
    for indicator in INDICATORS:
        if indicator.section is not section:
            section = indicator.section
            heading = QStandardItem(section.label)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            heading.setFont(bold)
            model.appendRow(heading)
        item = QStandardItem(full_label(indicator, large_workforce))
        item.setData(indicator.key.value, INDICATOR_KEY_ROLE)
        model.appendRow(item)
    return model


class _FramedSpinBox(QFrame):
    """The value's spin box inside a frame, which is what turns red on an error: the error
    style sheet set on a spin box itself hides its text and breaks its arrows."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        self.spin = QDoubleSpinBox()
        self.spin.setLocale(VIETNAMESE)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.spin.setMinimumWidth(150)
        layout.addWidget(self.spin)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def setFocus(self, *args: object) -> None:  # noqa: N802 - the form focuses a field by it
        self.spin.setFocus(*args)  # type: ignore[arg-type]


class TargetEditor(QDialog):
    """Accepted once the service saved the target; ``saved_id`` holds its id."""

    def __init__(
        self,
        services: AppServices,
        target: Target | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._target = target
        self.saved_id: int | None = None
        self.setWindowTitle(ADD_TITLE if target is None else EDIT_TITLE)
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        self.setMinimumWidth(620)
        large = services.statistics.large_workforce()

        self.error = FieldErrorLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields = FormErrors(form, self.error)
        self.indicator = QComboBox()
        self.indicator.setModel(indicator_choices(large))
        self.indicator.setMaxVisibleItems(20)
        self.indicator.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.indicator.setMinimumContentsLength(30)
        # Labels run to 70 letters: the combo takes the whole row rather than eliding them.
        self.indicator.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.fields.add("indicator", "Chỉ số", self.indicator)
        framed = _FramedSpinBox()
        self.value = framed.spin
        self.fields.add("value", "Chỉ tiêu", framed)
        self.deadline_year = QSpinBox()
        self.deadline_year.setRange(MIN_YEAR, MAX_YEAR)
        self.deadline_year.setValue(DEFAULT_DEADLINE)
        self.deadline_year.setMaximumWidth(100)
        self.fields.add("deadline_year", "Hạn (năm)", self.deadline_year)
        self.source = QLineEdit()
        self.source.setMaxLength(300)
        self.source.setPlaceholderText("Ví dụ: Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2025–2030")
        self.fields.add("source", "Nguồn (văn bản đề ra)", self.source)
        self.notes = QLineEdit()
        self.notes.setMaxLength(300)
        self.fields.add("notes", "Ghi chú", self.notes)
        self.unit_note = WrappedLabel("", "color: #555;")
        form.insertRow(4, "", self.unit_note)  # under the value's row and its error row

        buttons, self.ok_button = ok_cancel_buttons(
            self, "Thêm chỉ tiêu" if target is None else "Lưu", self._on_ok
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.indicator.currentIndexChanged.connect(lambda _row: self._on_indicator_changed())
        if target is not None:
            self.set_indicator(target.indicator)
            self.value.setValue(target.value)
            self.deadline_year.setValue(target.deadline_year)
            for edit, text in ((self.source, target.source), (self.notes, target.notes)):
                edit.setText(text)
                edit.setCursorPosition(0)  # a long source reads from its beginning
        else:
            self.set_indicator(INDICATORS[0].key)
        self.indicator.setFocus()

    # --- the indicator and its unit ---------------------------------------------------------

    def set_indicator(self, key: Key) -> None:
        for row in range(self.indicator.count()):
            if self.indicator.itemData(row, INDICATOR_KEY_ROLE) == key.value:
                self.indicator.setCurrentIndex(row)
                self._on_indicator_changed()
                return
        raise KeyError(key)

    def chosen_key(self) -> Key | None:
        value = self.indicator.currentData(INDICATOR_KEY_ROLE)
        return Key(value) if value else None

    def _on_indicator_changed(self) -> None:
        key = self.chosen_key()
        if key is None:
            return
        unit = INDICATOR_BY_KEY[key].unit
        current = self.value.value()
        if unit is Unit.PERCENT:
            self.value.setDecimals(1)
            self.value.setRange(0, 100)
            self.value.setSuffix(" %")
            self.unit_note.setText("Tỷ lệ phần trăm, từ trên 0 đến 100 %.")
        elif unit is Unit.MINUTES:
            self.value.setDecimals(0)
            self.value.setRange(0, 24 * 60)
            self.value.setSuffix(" phút")
            self.unit_note.setText("Số phút của một buổi sinh hoạt.")
        else:
            self.value.setDecimals(0)
            self.value.setRange(0, MAX_COUNT)
            self.value.setSuffix("")
            self.unit_note.setText("Số lượng (số nguyên).")
        self.value.setSingleStep(1)
        self.value.setValue(current)  # kept when it fits the new unit, else clamped to it

    # --- saving -----------------------------------------------------------------------------

    def typed_target(self) -> Target:
        key = self.chosen_key()
        if key is None:
            raise ValidationError("indicator", "Chỉ số: hãy chọn một chỉ số trong danh sách.")
        return Target(
            indicator=key,
            value=self.value.value(),
            deadline_year=self.deadline_year.value(),
            source=self.source.text(),
            notes=self.notes.text(),
            id=self._target.id if self._target is not None else None,
        )

    def _on_ok(self) -> None:
        self.fields.clear()
        try:
            self.saved_id = self._services.statistics.save_target(self.typed_target())
        except (ValidationError, InvalidRecord) as exc:
            self.fields.show(exc)
            return
        except AccessDenied as exc:
            self.fields.set_error(None, exc.message)
            return
        except StoreError as exc:
            messages.show_error(self, "Không lưu được chỉ tiêu", str(exc))
            return
        self.accept()
