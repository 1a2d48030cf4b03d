"""Part 4 of the minutes: tasks assigned at earlier meetings that are still open.

They come back, meeting after meeting, until the chi bộ reports them done. Ticking "Đã xong"
marks a task done on this meeting's date when the meeting is saved (not before: closing the
form without saving changes nothing).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout

from partydesk.domain.dates import format_vn_date
from partydesk.domain.meeting import Meeting, Task
from partydesk.ui.meeting.rows import Row, RowTable
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.wrapped_label import WrappedLabel


class EarlierTaskRow(Row):
    def __init__(self) -> None:
        super().__init__()
        self.task: Task | None = None
        self.assigned_label = QLabel()
        self.assignee_label = QLabel()
        self.description_label = WrappedLabel()
        self.due_label = QLabel()
        self.done_check = QCheckBox("Đã xong")
        self.cells = [
            self.assigned_label,
            self.assignee_label,
            self.description_label,
            self.due_label,
            self.done_check,
        ]

    def value(self) -> Task:
        assert self.task is not None
        return self.task

    def set_value(self, task: Task) -> None:
        self.task = task
        self.assigned_label.setText(format_vn_date(task.assigned_on))
        self.assignee_label.setText(task.assignee)
        self.description_label.setText(task.description)
        self.due_label.setText(format_vn_date(task.due))


class EarlierTasksSection(Section):
    def __init__(self) -> None:
        super().__init__("&4. Nhiệm vụ các kỳ trước chưa hoàn thành", "Nhiệm vụ kỳ trước")
        self.table = RowTable(
            [
                ("Giao ngày", 0),
                ("Người thực hiện", 2),
                ("Nội dung", 6),
                ("Hạn", 0),
                ("Kết quả", 0),
            ],
            EarlierTaskRow,
            empty_text="Không có nhiệm vụ nào của các buổi trước còn mở.",
            numbered=False,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.table.changed.connect(self.changed.emit)
        self.table.structure_changed.connect(self.structure_changed.emit)
        self._recorded: dict[int, bool] = {}

    def rows(self) -> list[EarlierTaskRow]:
        return self.table.rows  # type: ignore[return-value]

    def set_tasks(self, tasks: list[Task]) -> None:
        self.table.set_values(tasks)
        self._recorded = {t.id: False for t in tasks if t.id is not None}

    def changes(self) -> list[tuple[int, bool]]:
        """(task id, done) for every tick that differs from what the store has."""
        changes = []
        for row in self.rows():
            task_id = row.value().id
            if task_id is not None and row.done_check.isChecked() != self._recorded[task_id]:
                changes.append((task_id, row.done_check.isChecked()))
        return changes

    def recorded(self, task_id: int, done: bool, on: date | None) -> None:
        """Remember that the store now holds ``done`` for the task."""
        self._recorded[task_id] = done
        for row in self.rows():
            if row.value().id == task_id:
                row.task = replace(row.value(), done_on=on if done else None)

    def load(self, meeting: Meeting) -> None:
        """Earlier tasks are not part of the meeting; the dialog fetches them."""

    def apply(self, meeting: Meeting) -> Meeting:
        return meeting

    def set_read_only(self, read_only: bool) -> None:
        self.table.set_read_only(read_only)
