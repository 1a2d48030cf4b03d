"""The dialog that asks a reason for each item: a level kept against a rule, a reopening.

``ask_reasons`` and ``ask_text`` run it modally (tests patch ``ReasonDialog.exec``). One row per
item: its message, and a text field for the reason. OK needs every reason
written; Cancel leaves whatever the caller was doing untouched (unsaved edits stay).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import RuleCode, Subject, Violation
from partydesk.domain.text import clean_text
from partydesk.services.evaluation import EvaluationRefused
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons

KEEP_REASON_LABEL = "Lý do giữ mức xếp loại"


class ReasonDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        intro: str,
        items: Sequence[tuple[str, str]],  # (message, reason already written)
        *,
        field_label: str = KEEP_REASON_LABEL,
        ok_text: str = "Lưu kèm lý do",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(760)
        # Room for a few two-line messages before the list scrolls.
        self.setMinimumHeight(min(560, 170 + 64 * len(items)))
        self.edits: list[QLineEdit] = []
        self.labels: list[WrappedLabel] = []
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setColumnStretch(0, 1)
        for n, (message, reason) in enumerate(items):
            text = WrappedLabel(message)
            edit = QLineEdit(reason)
            edit.setPlaceholderText(field_label)
            edit.setAccessibleName(f"{field_label} {n + 1}")
            edit.setMinimumWidth(300)
            grid.addWidget(text, n, 0)
            grid.addWidget(edit, n, 1)
            self.edits.append(edit)
            self.labels.append(text)
        grid.setRowStretch(len(items), 1)  # rows at the top, the spare room below
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        self.error = FieldErrorLabel()
        buttons, self.ok_button = ok_cancel_buttons(self, ok_text, self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(intro))
        layout.addWidget(QLabel(f"<b>{field_label}:</b>"))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if self.edits:
            self.edits[0].setFocus()

    def texts(self) -> list[str]:
        return [clean_text(edit.text()) for edit in self.edits]

    def _on_ok(self) -> None:
        try:
            texts = self.texts()
        except ValidationError as exc:
            self.error.set_error(exc.message)
            return
        for n, text in enumerate(texts):
            if not text:
                self.error.set_error(f"Dòng {n + 1}: phải ghi lý do.")
                self.edits[n].setFocus()
                return
        self.accept()


Reasons = dict[tuple[Subject, RuleCode], str]


def ask_reasons(
    parent: QWidget | None,
    violations: Sequence[Violation],
    kept: Mapping[Violation, str] | None = None,
) -> Reasons | None:
    """Ask a reason for each violation; None when the clerk cancelled (nothing to save)."""
    dialog = ReasonDialog(
        parent,
        "Ghi lý do giữ mức xếp loại",
        "Các trường hợp dưới đây trái quy tắc của năm đánh giá. Muốn giữ mức đã nhập thì ghi lý "
        "do cho từng trường hợp (lý do được lưu cùng hồ sơ); bấm Hủy để sửa lại mức xếp loại.",
        [(v.message, (kept or {}).get(v, "")) for v in violations],
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return {(v.subject, v.rule): text for v, text in zip(violations, dialog.texts(), strict=True)}


def ask_text(
    parent: QWidget | None, title: str, intro: str, label: str, ok_text: str
) -> str | None:
    """Ask one reason (reopening a cycle); None when cancelled."""
    dialog = ReasonDialog(parent, title, intro, [("", "")], field_label=label, ok_text=ok_text)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.texts()[0]


def save_with_reasons(parent: QWidget | None, save: Callable[[Reasons], object]) -> bool:
    """Call ``save(reasons)`` until it passes: each refusal asks the reasons it lacks. False
    when the clerk cancelled (nothing was saved; the caller keeps the edits)."""
    reasons: Reasons = {}
    while True:
        try:
            save(dict(reasons))
        except EvaluationRefused as refused:
            given = ask_reasons(parent, refused.violations)
            if given is None:
                return False
            reasons.update(given)
            continue
        return True
