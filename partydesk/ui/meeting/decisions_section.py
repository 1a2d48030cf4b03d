"""Part 6 of the minutes: the general conclusion, the votes, the tasks assigned, and the close
(quality score, the time the minutes were read back and approved, the end of the meeting).

Each vote shows its result as it is typed: the base is computed from the roll (official
members called, minus those away on sinh hoạt tạm thời, minus exempt members who are absent;
domain §1.5) and the share needed depends on what is decided (more than half; two thirds for
kết nạp and công nhận chính thức).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import (
    Meeting,
    RollEntry,
    Task,
    Vote,
    VoteForm,
    VoteKind,
    vote_base,
    vote_outcome,
)
from partydesk.ui.meeting.fields import (
    GrowingTextEdit,
    NumberField,
    TimeField,
    combo,
    guard_wheel,
    set_read_only,
    spin,
)
from partydesk.ui.meeting.rows import Row, RowTable
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.date_field import DateField

VOTE_KINDS = list(VoteKind)
VOTE_FORMS = list(VoteForm)
PASSED_COLOR = "#2e7d32"
FAILED_COLOR = "#c62828"
# Short labels for the narrow column; the tooltip and the printed minutes use the full ones.
SHORT_KIND_LABELS = {
    VoteKind.ORDINARY: "Thường (> 1/2)",
    VoteKind.ADMISSION: "Kết nạp (≥ 2/3)",
    VoteKind.OFFICIAL_RECOGNITION: "Công nhận CT (≥ 2/3)",
}


def outcome_text(vote: Vote, base: int) -> tuple[str, bool]:
    """("Cơ sở tính 9, cần ≥ 5: Đạt", passed) for the result column."""
    if base <= 0:
        return "Chưa có cơ sở tính (không có đảng viên chính thức)", False
    outcome = vote_outcome(vote, base)
    verdict = "Đạt" if outcome.passed else "Không đạt"
    return f"Cơ sở tính {base}, cần ≥ {outcome.required}: {verdict}", outcome.passed


class VoteRow(Row):
    def __init__(self, base: Callable[[], int]) -> None:
        super().__init__()
        self._base = base
        self.question_edit = QLineEdit()
        self.question_edit.setMaxLength(300)
        self.question_edit.setPlaceholderText("Vấn đề biểu quyết")
        self.question_edit.setMinimumWidth(150)
        # The column is narrow beside the counts; the whole question shows on hover.
        self.question_edit.textChanged.connect(self.question_edit.setToolTip)
        self.kind_combo, _ = combo([(SHORT_KIND_LABELS[k], k) for k in VOTE_KINDS])
        for index, kind in enumerate(VOTE_KINDS):
            self.kind_combo.setItemData(index, kind.label, Qt.ItemDataRole.ToolTipRole)
        self.form_combo, _ = combo([(f.label, f) for f in VOTE_FORMS])
        # Full width when there is room; narrower (clipped) rather than a sideways scroll.
        self.kind_combo.setMinimumWidth(110)
        self.form_combo.setMinimumWidth(70)
        self.in_favour_spin = spin()
        self.against_spin = spin()
        self.not_voting_spin = spin()
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setMinimumWidth(
            self.outcome_label.fontMetrics().horizontalAdvance("Cơ sở tính 99, cần ≥ 9:")
        )
        self.cells = [
            self.question_edit,
            self.kind_combo,
            self.form_combo,
            self.in_favour_spin,
            self.against_spin,
            self.not_voting_spin,
            self.outcome_label,
        ]
        for box in (self.in_favour_spin, self.against_spin, self.not_voting_spin):
            box.valueChanged.connect(self.update_outcome)
        self.kind_combo.currentIndexChanged.connect(self.update_outcome)
        self.update_outcome()

    def value(self) -> Vote:
        return Vote(
            question=self.question_edit.text(),
            in_favour=self.in_favour_spin.value(),
            against=self.against_spin.value(),
            not_voting=self.not_voting_spin.value(),
            kind=VOTE_KINDS[max(self.kind_combo.currentIndex(), 0)],
            form=VOTE_FORMS[max(self.form_combo.currentIndex(), 0)],
        )

    def set_value(self, vote: Vote) -> None:
        self.question_edit.setText(vote.question)
        self.kind_combo.setCurrentIndex(VOTE_KINDS.index(vote.kind))
        self.form_combo.setCurrentIndex(VOTE_FORMS.index(vote.form))
        self.in_favour_spin.setValue(vote.in_favour)
        self.against_spin.setValue(vote.against)
        self.not_voting_spin.setValue(vote.not_voting)
        self.update_outcome()

    def update_outcome(self, *_args: object) -> None:
        text, passed = outcome_text(self.value(), self._base())
        self.outcome_label.setText(text)
        color = PASSED_COLOR if passed else FAILED_COLOR
        self.outcome_label.setStyleSheet(f"color: {color}; font-weight: bold;")


class TaskRow(Row):
    def __init__(self, members: Callable[[], list[RollEntry]]) -> None:
        super().__init__()
        self._members = members
        self.task = Task("")
        self.assignee_combo = QComboBox()
        self.assignee_combo.setEditable(True)
        self.assignee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.assignee_combo.lineEdit().setPlaceholderText("Đảng viên hoặc bộ phận")
        self.assignee_combo.lineEdit().setMaxLength(120)
        guard_wheel(self.assignee_combo)
        completer = self.assignee_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        self.description_edit = QLineEdit()
        self.description_edit.setMaxLength(1000)
        self.description_edit.setPlaceholderText("Việc được giao")
        self.due_field = DateField(field="due", field_label="Hạn hoàn thành")
        self.cells = [self.assignee_combo, self.description_edit, self.due_field]
        self.offer_members()

    def offer_members(self) -> None:
        typed = self.assignee_combo.currentText()
        self.assignee_combo.blockSignals(True)
        try:
            self.assignee_combo.clear()
            for entry in self._members():
                self.assignee_combo.addItem(entry.full_name)
            self.assignee_combo.setCurrentIndex(-1)
            self.assignee_combo.setEditText(typed)
        finally:
            self.assignee_combo.blockSignals(False)

    def value(self) -> Task:
        assignee = self.assignee_combo.currentText()
        member = next((e for e in self._members() if e.full_name == assignee.strip()), None)
        return replace(
            self.task,
            description=self.description_edit.text(),
            assignee=assignee,
            assignee_member_id=member.member_id if member else None,
            due=self.due_field.date(),
        )

    def set_value(self, task: Task) -> None:
        self.task = task
        self.assignee_combo.setEditText(task.assignee)
        self.description_edit.setText(task.description)
        self.due_field.set_date(task.due)


class DecisionsSection(Section):
    end_time_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__(
            "&6. Kết luận, biểu quyết, phân công nhiệm vụ, kết thúc", "Kết luận, biểu quyết"
        )
        self._roll: tuple[RollEntry, ...] = ()
        self.conclusion_edit = GrowingTextEdit(4, 20, "Kết luận chung hoặc nghị quyết của chi bộ")
        self.votes = RowTable(
            [
                ("Vấn đề biểu quyết", 5),
                ("Loại", 0),
                ("Hình thức", 0),
                ("Tán<br>thành", 0),
                ("Không<br>tán thành", 0),
                ("Không<br>biểu quyết", 0),
                ("Kết quả", 3),
            ],
            lambda: VoteRow(self.base),
            add_text="Thêm biểu quyết",
            empty_text="Không có biểu quyết.",
        )
        self.tasks = RowTable(
            [("Người thực hiện", 3), ("Nội dung công việc", 7), ("Hạn", 0)],
            lambda: TaskRow(lambda: list(self._roll)),
            add_text="Thêm nhiệm vụ",
            empty_text="Không giao nhiệm vụ.",
            movable=True,
        )
        self.quality_field = NumberField(3, "")
        self.read_at_field = TimeField("minutes_read_at", "Giờ thông qua biên bản")
        self.ends_field = TimeField("ends", "Giờ kết thúc")

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("Kết luận chung, nghị quyết", self.conclusion_edit)
        self.field("conclusion", self.conclusion_edit, form=form)
        quality = QWidget()
        quality_line = QHBoxLayout(quality)
        quality_line.setContentsMargins(0, 0, 0, 0)
        quality_line.addWidget(self.quality_field)
        quality_line.addWidget(QLabel("điểm (0–100; không bắt buộc)"))
        quality_line.addStretch(1)
        close = QFormLayout()
        close.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        close.addRow("Chấm điểm chất lượng buổi sinh hoạt", quality)
        self.field("quality_score", self.quality_field, form=close, row=quality)
        close.addRow("Thư ký đọc lại, chi bộ thông qua biên bản lúc", self.read_at_field)
        self.field("minutes_read_at", self.read_at_field, form=close)
        close.addRow("Buổi sinh hoạt kết thúc lúc", self.ends_field)
        self.field("ends", self.ends_field, form=close)
        for layout, widget in (
            (form, self.conclusion_edit),
            (close, self.read_at_field),
            (close, self.ends_field),
        ):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        quality_label = close.labelForField(quality)
        if isinstance(quality_label, QLabel):
            quality_label.setBuddy(self.quality_field)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Biểu quyết</b>"))
        layout.addWidget(self.votes)
        layout.addWidget(QLabel("<b>Phân công nhiệm vụ</b>"))
        layout.addWidget(self.tasks)
        layout.addLayout(close)

        for table in (self.votes, self.tasks):
            table.changed.connect(self.changed.emit)
            table.structure_changed.connect(self.structure_changed.emit)
        self.tasks.structure_changed.connect(self._offer_members)
        self.ends_field.time_changed.connect(self.end_time_changed.emit)

    def base(self) -> int:
        return vote_base(self._roll)

    # --- values ---------------------------------------------------------------------------

    def load(self, meeting: Meeting) -> None:
        self._roll = meeting.roll
        self.conclusion_edit.setPlainText(meeting.conclusion)
        self.votes.set_values(meeting.votes)
        self.tasks.set_values(meeting.tasks)
        self.quality_field.set_value(meeting.quality_score)
        self.read_at_field.set_time(meeting.minutes_read_at)
        self.ends_field.set_time(meeting.ends)

    def set_roll(self, roll: tuple[RollEntry, ...]) -> None:
        self._roll = roll
        for row in self.votes.rows:
            assert isinstance(row, VoteRow)
            row.update_outcome()
        self._offer_members()

    def set_end_time(self, value: object) -> None:
        """Mirror the end time typed in part 1."""
        if self.ends_field.time() != value:
            self.ends_field.set_time(value)  # type: ignore[arg-type]

    def apply(self, meeting: Meeting) -> Meeting:
        return replace(
            meeting,
            conclusion=self.conclusion_edit.toPlainText(),
            votes=tuple(self.votes.values()),
            tasks=tuple(self.tasks.values()),
            quality_score=self.quality_field.value(),
            minutes_read_at=self.read_at_field.time(),
        )

    def adopt_task_ids(self, saved: tuple[Task, ...]) -> None:
        """After a save, give each row its stored task (with the id the store assigned), so the
        next save updates the same tasks instead of replacing them."""
        rows = [r for r in self.tasks.rows if isinstance(r, TaskRow)]
        kept = [r for r in rows if r.description_edit.text().strip()]
        for row, task in zip(kept, saved, strict=False):
            row.task = task

    def input_errors(self) -> list[ValidationError]:
        errors = []
        for field in (self.read_at_field, self.ends_field):
            if message := field.error_text():
                errors.append(ValidationError(field.field, message))
        for index, row in enumerate(self.tasks.rows, start=1):
            assert isinstance(row, TaskRow)
            if message := row.due_field.error_text():
                errors.append(ValidationError(f"tasks.{index}", f"Nhiệm vụ {index}: {message}"))
        return errors

    def show_error(self, field: str, message: str) -> bool:
        table, prefix = None, field.split(".")[0]
        if prefix == "votes":
            table = self.votes
            # The service numbers the votes left after dropping those without a question.
            rows = [i for i, r in enumerate(table.rows) if r.value().question.strip()]
        elif prefix == "tasks":
            table = self.tasks
            rows = list(range(len(table.rows)))
        if table is None:
            return super().show_error(field, message)
        index = int(field.split(".")[1]) - 1
        if not 0 <= index < len(rows):
            return False
        table.show_row_error(rows[index], message)
        self.first_error = self.first_error or table.rows[rows[index]].inputs()[0]
        return True

    def clear_errors(self) -> None:
        super().clear_errors()
        self.votes.clear_errors()
        self.tasks.clear_errors()

    def set_read_only(self, read_only: bool) -> None:
        self.votes.set_read_only(read_only)
        self.tasks.set_read_only(read_only)
        for widget in (
            self.conclusion_edit,
            self.quality_field,
            self.read_at_field,
            self.ends_field,
        ):
            set_read_only(widget, read_only)

    def _offer_members(self) -> None:
        for row in self.tasks.rows:
            assert isinstance(row, TaskRow)
            row.offer_members()
