"""Part 3 of the minutes: guests and upper-level representatives, chủ trì, thư ký, đảng phí.

Chủ trì and thư ký are picked from the members marked present, and the pickers follow the roll:
marking the chosen chủ trì absent empties the picker, and marking them present again brings
the choice back. A guest may be linked to a cadre of the supervising committee, which is how
the compliance view knows the cadre attended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.meeting import Guest, Meeting, RollEntry
from partydesk.domain.organisation import Cadre
from partydesk.ui.meeting.fields import NumberField, guard_wheel, set_read_only
from partydesk.ui.meeting.rows import Row, RowTable
from partydesk.ui.meeting.section import Section

NOT_CHOSEN = "— Chưa chọn —"
NO_CADRE = "— Không —"


def money_text(amount: int | None) -> str:
    """1250000 -> "1.250.000 đồng" (Vietnamese thousands separator)."""
    if amount is None:
        return ""
    return f"{amount:,} đồng".replace(",", ".")


class GuestRow(Row):
    def __init__(self, cadres: Sequence[Cadre]) -> None:
        super().__init__()
        self._cadres = list(cadres)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(120)
        self.position_edit = QLineEdit()
        self.position_edit.setMaxLength(200)
        self.unit_edit = QLineEdit()
        self.unit_edit.setMaxLength(200)
        self.upper_check = QCheckBox("Cấp trên")
        self.upper_check.setChecked(True)
        self.cadre_combo = QComboBox()
        self.cadre_combo.addItem(NO_CADRE)
        for cadre in self._cadres:
            self.cadre_combo.addItem(cadre.full_name if cadre.active else f"{cadre.full_name} (cũ)")
        self.cadre_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.cadre_combo.setMinimumContentsLength(12)
        guard_wheel(self.cadre_combo)
        self.cells = [
            self.name_edit,
            self.position_edit,
            self.unit_edit,
            self.upper_check,
            self.cadre_combo,
        ]
        self.cadre_combo.activated.connect(self._on_cadre_combo_activated)

    def cadre_id(self) -> int | None:
        index = self.cadre_combo.currentIndex()
        return self._cadres[index - 1].id if index > 0 else None

    def value(self) -> Guest:
        return Guest(
            full_name=self.name_edit.text(),
            position=self.position_edit.text(),
            unit=self.unit_edit.text(),
            upper_level=self.upper_check.isChecked(),
            cadre_id=self.cadre_id(),
        )

    def set_value(self, guest: Guest) -> None:
        self.name_edit.setText(guest.full_name)
        self.position_edit.setText(guest.position)
        self.unit_edit.setText(guest.unit)
        for edit in (self.name_edit, self.position_edit, self.unit_edit):
            edit.setCursorPosition(0)  # show the start of a long title, not its end
        self.upper_check.setChecked(guest.upper_level)
        ids = [c.id for c in self._cadres]
        index = ids.index(guest.cadre_id) + 1 if guest.cadre_id in ids else 0
        self.cadre_combo.setCurrentIndex(index)

    def _on_cadre_combo_activated(self, index: int) -> None:
        # Picking the cadre fills an empty name and position from the register.
        if index <= 0:
            return
        cadre = self._cadres[index - 1]
        if not self.name_edit.text().strip():
            self.name_edit.setText(cadre.full_name)
        if not self.position_edit.text().strip():
            self.position_edit.setText(cadre.title)
            self.position_edit.setCursorPosition(0)
        self.upper_check.setChecked(True)


class MemberPicker:
    """A combo of the members present, keeping the clerk's choice while they are marked absent."""

    def __init__(self, combo: QComboBox) -> None:
        self.combo = combo
        self.wanted: int | None = None
        self._ids: list[int | None] = [None]
        self._filling = False
        combo.addItem(NOT_CHOSEN)
        combo.currentIndexChanged.connect(self._on_combo_current_index_changed)

    def member_id(self) -> int | None:
        index = self.combo.currentIndex()
        return self._ids[index] if index >= 0 else None

    def set_member_id(self, member_id: int | None) -> None:
        self.wanted = member_id
        self._select()

    def offer(self, members: Sequence[tuple[int, str]]) -> None:
        self._filling = True
        try:
            self.combo.clear()
            self.combo.addItem(NOT_CHOSEN)
            self._ids = [None]
            for member_id, name in members:
                self.combo.addItem(name)
                self._ids.append(member_id)
        finally:
            self._filling = False
        self._select()

    def _select(self) -> None:
        index = self._ids.index(self.wanted) if self.wanted in self._ids else 0
        self._filling = True
        try:
            self.combo.setCurrentIndex(index)
        finally:
            self._filling = False

    def _on_combo_current_index_changed(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.wanted = self._ids[index]


class PeopleSection(Section):
    def __init__(self, cadres: Sequence[Cadre]) -> None:
        super().__init__(
            "&3. Đại biểu, khách mời, chủ trì, thư ký, đảng phí", "Đại biểu, chủ trì, thư ký"
        )
        self.guests = RowTable(
            [
                ("Họ và tên", 3),
                ("Chức vụ", 3),
                ("Đơn vị", 3),
                ("Đại biểu", 0),
                ("Cán bộ phụ trách", 2),
            ],
            lambda: GuestRow(cadres),
            add_text="Thêm đại biểu, khách mời",
            empty_text="Không có đại biểu, khách mời.",
        )
        self.chair_combo = QComboBox()
        self.secretary_combo = QComboBox()
        for box in (self.chair_combo, self.secretary_combo):
            box.setMinimumContentsLength(24)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            guard_wheel(box)
        self.chair = MemberPicker(self.chair_combo)
        self.secretary = MemberPicker(self.secretary_combo)
        self.dues_field = NumberField(11, "0")
        self.dues_words = QLabel()
        self._read_only = False
        self._roll: tuple[RollEntry, ...] = ()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label, widget, name in (
            ("Chủ trì", self.chair_combo, "chair_member_id"),
            ("Thư ký", self.secretary_combo, "secretary_member_id"),
        ):
            form.addRow(label, widget)
            form.labelForField(widget).setBuddy(widget)
            self.field(name, widget, form=form)
        dues = QWidget()
        dues_line = QHBoxLayout(dues)
        dues_line.setContentsMargins(0, 0, 0, 0)
        dues_line.addWidget(self.dues_field)
        dues_line.addWidget(QLabel("đồng"))
        dues_line.addWidget(self.dues_words)
        dues_line.addStretch(1)
        form.addRow("Đảng phí đã thu", dues)
        form.labelForField(dues).setBuddy(self.dues_field)
        self.field("dues_collected", self.dues_field, form=form, row=dues)
        hint = QLabel("Chủ trì và thư ký chọn trong số đảng viên có mặt.")
        hint.setStyleSheet("color: palette(dark);")
        form.addRow("", hint)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Đại biểu cấp trên và khách mời:"))
        layout.addWidget(self.guests)
        layout.addLayout(form)

        self.guests.changed.connect(self.changed.emit)
        self.guests.structure_changed.connect(self.structure_changed.emit)
        self.dues_field.textChanged.connect(self._on_dues_field_text_changed)

    def load(self, meeting: Meeting) -> None:
        self.guests.set_values(meeting.guests)
        self.dues_field.set_value(meeting.dues_collected)
        self.chair.wanted = meeting.chair_member_id
        self.secretary.wanted = meeting.secretary_member_id
        self.set_roll(meeting.roll)

    def set_roll(self, roll: tuple[RollEntry, ...]) -> None:
        """Offer the members present (everyone on the roll when the minutes are locked, so an
        approved meeting whose chủ trì was absent still shows them)."""
        self._roll = roll
        members = [(e.member_id, e.full_name) for e in roll if e.is_present or self._read_only]
        self.chair.offer(members)
        self.secretary.offer(members)

    def apply(self, meeting: Meeting) -> Meeting:
        return replace(
            meeting,
            guests=tuple(self.guests.values()),
            chair_member_id=self.chair.member_id(),
            secretary_member_id=self.secretary.member_id(),
            dues_collected=self.dues_field.value(),
        )

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.guests.set_read_only(read_only)
        for widget in (self.chair_combo, self.secretary_combo, self.dues_field):
            set_read_only(widget, read_only)
        self.set_roll(self._roll)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.guests.clear_errors()

    def _on_dues_field_text_changed(self, _text: str) -> None:
        amount = self.dues_field.value()
        self.dues_words.setText(f"({money_text(amount)})" if amount and amount >= 1000 else "")
