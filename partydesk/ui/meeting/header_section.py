"""Part 1 of the minutes: what meeting it is, for which month, when, where, in what form.

The duration beside the times is computed as the clerk types and compared with the minimum in
force on the meeting's date (90 minutes, 120 for a combined meeting, Hướng dẫn 42-HD/BTCTW), so
a short meeting is visible before approval warns about it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import Meeting, MeetingForm, MeetingKind
from partydesk.domain.meeting_rules import rules_on
from partydesk.ui.meeting.fields import NumberField, TimeField, combo, set_read_only, spin
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.date_field import DateField

OK_COLOR = "#2e7d32"
WARN_COLOR = "#c62828"


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    line = QHBoxLayout()
    line.setSpacing(6)
    for widget in widgets:
        line.addWidget(widget)
    if stretch:
        line.addStretch(1)
    return line


class HeaderSection(Section):
    """Kind, topic, month, date, times, place, form and the minutes' number."""

    date_changed = Signal(object)  # the meeting date typed: the roll is made for that day
    end_time_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__("&1. Thông tin chung", "Thông tin chung")
        self.kind_combo, self._kinds = combo([(k.label, k) for k in MeetingKind])
        self.topic_edit = QLineEdit()
        self.topic_edit.setMaxLength(300)
        self.topic_edit.setPlaceholderText("Tên chuyên đề (với buổi sinh hoạt chuyên đề)")
        self.month_spin = spin(12)
        self.month_spin.setMinimum(1)
        self.year_spin = spin(2100)
        self.year_spin.setMinimum(1930)
        self.date_field = DateField(field="on", field_label="Ngày họp")
        self.starts_field = TimeField("starts", "Giờ bắt đầu")
        self.ends_field = TimeField("ends", "Giờ kết thúc")
        self.duration_label = QLabel()
        self.duration_label.setWordWrap(True)
        self.duration_label.setMinimumWidth(140)
        self.duration_label.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred
        )
        self.place_edit = QLineEdit()
        self.place_edit.setMaxLength(300)
        self.form_combo, self._forms = combo([(f.label, f) for f in MeetingForm])
        self.number_field = NumberField(4, "")
        self.number_field.setToolTip("Để trống nếu biên bản ghi trong sổ, không đánh số.")

        errors = {
            name: self.field(name, widget)
            for name, widget in (
                ("kind", self.kind_combo),
                ("topic", self.topic_edit),
                ("period_month", self.month_spin),
                ("period_year", self.year_spin),
                ("on", self.date_field),
                ("starts", self.starts_field),
                ("ends", self.ends_field),
                ("place", self.place_edit),
                ("form", self.form_combo),
                ("number", self.number_field),
            )
        }

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        lines: list[tuple[str, QWidget, QHBoxLayout, list[str]]] = [
            (
                "Loại buổi họp",
                self.kind_combo,
                _row(
                    self.kind_combo,
                    QLabel("   Sinh hoạt tháng"),
                    self.month_spin,
                    QLabel("năm"),
                    self.year_spin,
                ),
                ["kind", "period_month", "period_year"],
            ),
            ("Chuyên đề", self.topic_edit, _row(self.topic_edit, stretch=False), ["topic"]),
            (
                "Ngày họp",
                self.date_field,
                _row(
                    self.date_field,
                    QLabel("   Bắt đầu lúc"),
                    self.starts_field,
                    QLabel("Kết thúc lúc"),
                    self.ends_field,
                    QLabel("  "),
                    self.duration_label,
                    stretch=False,  # the duration takes the rest of the line
                ),
                ["on", "starts", "ends"],
            ),
            (
                "Địa điểm",
                self.place_edit,
                _row(self.place_edit, QLabel("   Hình thức"), self.form_combo, stretch=False),
                ["place", "form"],
            ),
            (
                "Số biên bản",
                self.number_field,
                _row(self.number_field, QLabel("-BB/CB  (để trống nếu không đánh số)")),
                ["number"],
            ),
        ]
        row = 0
        for text, buddy, line, names in lines:
            grid.addWidget(_label(text, buddy), row, 0)
            grid.addLayout(line, row, 1)
            for name in names:
                grid.addWidget(errors[name], row + 1, 1)
                row += 1
            row += 1
        self.place_edit.setMinimumWidth(320)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.starts_field.time_changed.connect(self._on_time_changed)
        self.ends_field.time_changed.connect(self._on_time_changed)
        self.ends_field.time_changed.connect(self.end_time_changed.emit)
        self.date_field.editing_finished.connect(self._on_date_field_editing_finished)
        self._on = date.today()

    # --- values ---------------------------------------------------------------------------

    def kind(self) -> MeetingKind:
        return self._kinds[max(self.kind_combo.currentIndex(), 0)]  # type: ignore[return-value]

    def load(self, meeting: Meeting) -> None:
        self._on = meeting.on
        self.kind_combo.setCurrentIndex(self._kinds.index(meeting.kind))
        self.topic_edit.setText(meeting.topic)
        self.month_spin.setValue(meeting.period_month)
        self.year_spin.setValue(meeting.period_year)
        self.date_field.set_date(meeting.on)
        self.starts_field.set_time(meeting.starts)
        self.ends_field.set_time(meeting.ends)
        self.place_edit.setText(meeting.place)
        self.form_combo.setCurrentIndex(self._forms.index(meeting.form))
        self.number_field.set_value(meeting.number)
        self._update_topic()
        self._update_duration()

    def apply(self, meeting: Meeting) -> Meeting:
        return replace(
            meeting,
            kind=self.kind(),
            topic=self.topic_edit.text() if self.kind().has_topic else "",
            period_month=self.month_spin.value(),
            period_year=self.year_spin.value(),
            on=self.date_field.date() or self._on,
            starts=self.starts_field.time(),
            ends=self.ends_field.time(),
            place=self.place_edit.text(),
            form=self._forms[max(self.form_combo.currentIndex(), 0)],  # type: ignore[arg-type]
            number=self.number_field.value(),
        )

    def input_errors(self) -> list[ValidationError]:
        errors = []
        if self.date_field.is_empty():
            errors.append(ValidationError("on", "Ngày họp: không được để trống."))
        elif message := self.date_field.error_text():
            errors.append(ValidationError("on", message))
        for field in (self.starts_field, self.ends_field):
            if message := field.error_text():
                errors.append(ValidationError(field.field, message))
        return errors

    def set_end_time(self, value: object) -> None:
        """Mirror the end time typed at the close of the minutes (part 6)."""
        if self.ends_field.time() != value:
            self.ends_field.set_time(value)  # type: ignore[arg-type]

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.kind_combo,
            self.topic_edit,
            self.month_spin,
            self.year_spin,
            self.date_field,
            self.starts_field,
            self.ends_field,
            self.place_edit,
            self.form_combo,
            self.number_field,
        ):
            set_read_only(widget, read_only)

    # --- reactions ------------------------------------------------------------------------

    def _update_topic(self) -> None:
        has_topic = self.kind().has_topic
        self.topic_edit.setEnabled(has_topic)
        self.topic_edit.setPlaceholderText(
            "Tên chuyên đề" if has_topic else "Chỉ ghi với buổi sinh hoạt chuyên đề"
        )

    def _update_duration(self) -> None:
        starts, ends = self.starts_field.time(), self.ends_field.time()
        on = self.date_field.date() or self._on
        minimum = rules_on(on).minimum_for(self.kind())
        if starts is None or ends is None:
            text = "Thời lượng: chưa đủ giờ"
            color = "palette(mid)"
        else:
            minutes = (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)
            text = f"Thời lượng: {minutes} phút"
            color = OK_COLOR
            if minimum is not None:
                text += f" (tối thiểu {minimum})"
                if minutes < minimum:
                    color = WARN_COLOR
            if minutes <= 0:
                text, color = "Giờ kết thúc phải sau giờ bắt đầu", WARN_COLOR
        self.duration_label.setText(text)
        self.duration_label.setStyleSheet(f"color: {color};")

    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self._update_topic()
        self._update_duration()

    def _on_time_changed(self, _value: object) -> None:
        self._update_duration()

    def _on_date_field_editing_finished(self) -> None:
        new = self.date_field.date()
        if new is None or new == self._on:
            return
        old = self._on
        # The month the meeting is for follows the date unless the clerk set it apart.
        if (self.year_spin.value(), self.month_spin.value()) == (old.year, old.month):
            self.year_spin.setValue(new.year)
            self.month_spin.setValue(new.month)
        self._on = new
        self._update_duration()
        self.date_changed.emit(new)
