"""Part 2 of the minutes: the attendance roll and the membership counts it produces.

The roll lists the chi bộ's members as the register had them on the meeting date. The clerk
only marks who is absent (and why); every count of the "tình hình đảng viên" paragraph, and
the base of every vote, is computed from it (``MembershipCounts``), never typed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from partydesk.domain.meeting import (
    Meeting,
    MembershipCounts,
    Presence,
    RollEntry,
    present_voters,
    vote_base,
)
from partydesk.domain.member import MemberStatus
from partydesk.ui.meeting.fields import combo
from partydesk.ui.meeting.rows import Row, RowTable
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.wrapped_label import WrappedLabel

PRESENCES = list(Presence)


class RollRow(Row):
    def __init__(self) -> None:
        super().__init__()
        self.entry: RollEntry | None = None
        self.name_label = QLabel()
        self.standing_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: palette(dark);")
        self.presence_combo, _ = combo([(p.label, p) for p in PRESENCES])
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText("Lý do vắng")
        for label in (self.name_label, self.standing_label, self.status_label):
            label.setMinimumHeight(self.reason_edit.sizeHint().height())
        self.cells = [
            self.name_label,
            self.standing_label,
            self.status_label,
            self.presence_combo,
            self.reason_edit,
        ]
        self.presence_combo.currentIndexChanged.connect(self._update_reason)

    def presence(self) -> Presence:
        return PRESENCES[max(self.presence_combo.currentIndex(), 0)]

    def set_presence(self, presence: Presence) -> None:
        self.presence_combo.setCurrentIndex(PRESENCES.index(presence))

    def value(self) -> RollEntry:
        assert self.entry is not None
        presence = self.presence()
        reason = "" if presence is Presence.PRESENT else self.reason_edit.text()
        return replace(self.entry, presence=presence, reason=reason)

    def set_value(self, entry: RollEntry) -> None:
        self.entry = entry
        self.name_label.setText(entry.full_name)
        self.standing_label.setText(entry.standing.label)
        situation = "" if entry.status is MemberStatus.ACTIVE else entry.status.label
        self.status_label.setText(situation)
        self.reason_edit.setText(entry.reason)
        self.set_presence(entry.presence)
        self._update_reason()

    def _update_reason(self) -> None:
        # Tab skips the reason of a member who is present (a disabled field takes no focus).
        absent = self.presence() is not Presence.PRESENT
        if not self.reason_edit.isReadOnly():
            self.reason_edit.setEnabled(absent)


def counts_text(roll: tuple[RollEntry, ...]) -> str:
    """The "tình hình đảng viên" paragraph of the minutes, as the form shows it."""
    c = MembershipCounts.of(roll)
    return (
        f"Tổng số đảng viên: <b>{c.total}</b> (chính thức {c.official}, dự bị "
        f"{c.probationary}, sinh hoạt tạm thời đến {c.temp_guests}); miễn công tác và sinh "
        f"hoạt: {c.exempt}; giới thiệu sinh hoạt tạm thời nơi khác: {c.temp_away}.<br>"
        f"Có mặt: <b>{c.present}</b> (chính thức {c.present_official}, dự bị "
        f"{c.present_probationary}, sinh hoạt tạm thời đến {c.present_temp_guests}). "
        f"Vắng: <b>{c.absent}</b> (có lý do {len(c.excused)}, không lý do "
        f"{len(c.unexcused)}).<br>"
        f"Cơ sở tính tỷ lệ biểu quyết: <b>{vote_base(roll)}</b> đảng viên chính thức; "
        f"chính thức có mặt được biểu quyết: {present_voters(roll)}."
    )


class RollSection(Section):
    roll_changed = Signal()  # who is present changed: pickers and vote results follow

    def __init__(self) -> None:
        super().__init__("&2. Điểm danh và tình hình đảng viên", "Điểm danh")
        self.table = RowTable(
            [
                ("Họ và tên", 3),
                ("Đảng viên", 1),
                ("Tình trạng", 2),
                ("Điểm danh", 2),
                ("Lý do vắng", 4),
            ],
            RollRow,
            empty_text="Chi bộ không có đảng viên nào vào ngày họp.",
        )
        self.all_present_button = QPushButton("Tất cả có mặt")
        self.all_present_button.setAutoDefault(False)
        self.all_present_button.setToolTip(
            "Đánh dấu mọi đảng viên là có mặt (trừ người đang sinh hoạt tạm thời nơi khác)."
        )
        self.counts_label = WrappedLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setObjectName("counts")

        hint = QLabel("Chỉ cần đánh dấu người vắng; các con số được tính từ danh sách này.")
        hint.setStyleSheet("color: palette(dark);")
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.all_present_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.counts_label)

        self.table.changed.connect(self.changed.emit)
        self.table.structure_changed.connect(self.structure_changed.emit)
        self.all_present_button.clicked.connect(self._on_all_present_button_clicked)

    def rows(self) -> list[RollRow]:
        return self.table.rows  # type: ignore[return-value]

    def roll(self) -> tuple[RollEntry, ...]:
        return tuple(row.value() for row in self.rows())

    def load(self, meeting: Meeting) -> None:
        self.set_roll(meeting.roll)

    def set_roll(self, roll: tuple[RollEntry, ...]) -> None:
        self.table.set_values(roll)
        for row in self.rows():
            row.presence_combo.currentIndexChanged.connect(self._on_presence_changed)
        self._on_presence_changed()

    def merge_roll(self, roll: tuple[RollEntry, ...]) -> None:
        """Take the roll of a new meeting date, keeping the marks of members still on it."""
        marked = {e.member_id: e for e in self.roll()}
        self.set_roll(
            tuple(
                replace(e, presence=marked[e.member_id].presence, reason=marked[e.member_id].reason)
                if e.member_id in marked
                else e
                for e in roll
            )
        )
        self.changed.emit()

    def apply(self, meeting: Meeting) -> Meeting:
        return replace(meeting, roll=self.roll())

    def show_error(self, field: str, message: str) -> bool:
        if not field.startswith("roll."):
            return super().show_error(field, message)
        index = int(field.split(".")[1]) - 1
        if not 0 <= index < len(self.rows()):
            return False
        reason = self.rows()[index].reason_edit
        self.table.show_row_error(index, message, reason)
        self.first_error = self.first_error or reason
        return True

    def clear_errors(self) -> None:
        super().clear_errors()
        self.table.clear_errors()

    def set_read_only(self, read_only: bool) -> None:
        self.table.set_read_only(read_only)
        self.all_present_button.setVisible(not read_only)

    def _on_presence_changed(self, *_args: object) -> None:
        self.counts_label.setText(counts_text(self.roll()))
        self.roll_changed.emit()

    def _on_all_present_button_clicked(self) -> None:
        for row in self.rows():
            away = row.entry is not None and row.entry.status is MemberStatus.TEMP_AWAY
            if not away:
                row.set_presence(Presence.PRESENT)
