"""The top bar of the evaluation page: which year's cycle is shown, and the cycle's steps.

Opening a cycle and syncing its roll read the whole register, so they run in the background
with progress and cancel. Closing refuses while something is undecided or a rule violation has
no reason, and lists what is left; a closed cycle reopens only with a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import Cycle, MemberEvaluation
from partydesk.domain.numbers import grouped
from partydesk.services.app import AppServices
from partydesk.services.evaluation import EvaluationRefused
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.evaluation.cycle_dialog import CycleDialog
from partydesk.ui.evaluation.reason_dialog import ask_text
from partydesk.ui.tasks import run_with_progress

#: Unresolved items listed in the refusal box; the "Kiểm tra" tab has them all.
LISTED_ITEMS = 12


def cycle_title(cycle: Cycle, rule_set_name: str) -> str:
    state = f"đã kết thúc {format_vn_date(cycle.closed_on)}" if cycle.is_closed else "đang mở"
    return f"Năm {cycle.year} · {rule_set_name} · {state}"


def roster_summary(rows: Sequence[MemberEvaluation], organisations: int) -> str:
    """The line shown once a cycle is opened: who is evaluated, who is not and why, and how
    many organisations ("Đã lập danh sách: N đảng viên thuộc diện đánh giá, …")."""
    evaluated = sum(1 for r in rows if r.is_evaluated)
    reasons: dict[str, int] = {}
    for row in rows:
        if row.exclusion is not None:
            reasons[row.exclusion.label.lower()] = reasons.get(row.exclusion.label.lower(), 0) + 1
    why = "; ".join(f"{label}: {n}" for label, n in reasons.items())
    not_evaluated = len(rows) - evaluated
    return (
        f"Đã lập danh sách: {grouped(evaluated)} đảng viên thuộc diện đánh giá, "
        f"{grouped(not_evaluated)} không đánh giá{f' ({why})' if why else ''}, "
        f"{grouped(organisations)} tổ chức đảng."
    )


class CycleBar(QWidget):
    """``cycle_selected(cycle or None)`` after a switch or any change to the shown cycle."""

    cycle_selected = Signal(object)

    def __init__(
        self,
        services: AppServices,
        confirm_leave: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._evaluation = services.evaluation
        self._confirm_leave = confirm_leave
        self._cycles: list[Cycle] = []
        self._shown_id: int | None = None
        self.last_dialog: CycleDialog | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName("Kỳ đánh giá")
        self.combo.setMinimumWidth(330)
        self.combo.activated.connect(self._on_combo_activated)
        self.open_button = QPushButton("Mở kỳ đánh giá…")
        self.open_button.clicked.connect(self.open_new)
        self.edit_button = QPushButton("Sửa kỳ…")
        self.edit_button.clicked.connect(self.edit_current)
        self.sync_button = QPushButton("Cập nhật danh sách")
        self.sync_button.setToolTip("Thêm đảng viên, tổ chức mới vào danh sách của kỳ đánh giá")
        self.sync_button.clicked.connect(self.sync_roster)
        self.close_button = QPushButton("Kết thúc kỳ")
        self.close_button.clicked.connect(self.close_current)
        self.reopen_button = QPushButton("Mở lại…")
        self.reopen_button.clicked.connect(self.reopen_current)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Kỳ đánh giá:"))
        layout.addWidget(self.combo)
        for button in (
            self.open_button,
            self.edit_button,
            self.sync_button,
            self.close_button,
            self.reopen_button,
        ):
            layout.addWidget(button)
        layout.addStretch(1)

    # --- what is shown ---------------------------------------------------------------------

    def current(self) -> Cycle | None:
        return next((c for c in self._cycles if c.id == self._shown_id), None)

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the cycles (newest first); show ``select_id``, the shown one or the newest."""
        self._cycles = sorted(self._evaluation.cycles(), key=lambda c: -c.year)
        wanted = select_id if select_id is not None else self._shown_id
        if wanted not in {c.id for c in self._cycles}:
            wanted = self._cycles[0].id if self._cycles else None
        self._shown_id = wanted
        self.combo.clear()
        for cycle in self._cycles:
            name = self._evaluation.rules_of(cycle).name
            self.combo.addItem(cycle_title(cycle, name), cycle.id)
        self.combo.setCurrentIndex(max(self.combo.findData(wanted), 0) if wanted else -1)
        self._update_buttons()
        self.cycle_selected.emit(self.current())

    def _update_buttons(self) -> None:
        cycle = self.current()
        is_open = cycle is not None and not cycle.is_closed
        for button in (self.edit_button, self.sync_button, self.close_button):
            button.setEnabled(is_open)
        self.reopen_button.setEnabled(cycle is not None and cycle.is_closed)

    def _on_combo_activated(self, index: int) -> None:
        chosen = self.combo.itemData(index)
        if chosen == self._shown_id:
            return
        if not self._confirm_leave():
            self.combo.setCurrentIndex(max(self.combo.findData(self._shown_id), 0))
            return
        self.reload(int(chosen))

    # --- steps -----------------------------------------------------------------------------

    def open_new(self) -> None:
        if self._confirm_leave():
            self._run_dialog(None)

    def edit_current(self) -> None:
        cycle = self.current()
        if cycle is not None and self._confirm_leave():
            self._run_dialog(cycle)

    def _run_dialog(self, cycle: Cycle | None) -> None:
        dialog = CycleDialog(self._services, cycle, self)
        self.last_dialog = dialog
        dialog.finished.connect(lambda _result: self._after_dialog(dialog, cycle is None))
        dialog.open()

    def _after_dialog(self, dialog: CycleDialog, opened: bool) -> None:
        if dialog.result() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return
        self.reload(dialog.saved.id)
        if opened:
            rows = self._evaluation.member_rows(dialog.saved.id)
            orgs = len(self._evaluation.org_rows(dialog.saved.id))
            messages.show_info(
                self, f"Kỳ đánh giá năm {dialog.saved.year}", roster_summary(rows, orgs)
            )

    def sync_roster(self) -> None:
        cycle = self.current()
        if cycle is None or not self._confirm_leave():
            return

        def done(added: int) -> None:
            self.reload(cycle.id)
            text = (
                f"Đã thêm {grouped(added)} đảng viên, tổ chức đảng mới vào danh sách."
                if added
                else "Danh sách đã đầy đủ, không có ai mới."
            )
            messages.show_info(self, "Cập nhật danh sách", text)

        run_with_progress(
            self,
            f"Cập nhật danh sách đánh giá năm {cycle.year}",
            self._evaluation.sync_roster,
            cycle.id,
            on_success=done,
        )

    def close_current(self) -> None:
        cycle = self.current()
        if cycle is None or not self._confirm_leave():
            return
        question = (
            f"Kết thúc kỳ đánh giá năm {cycle.year}? Sau khi kết thúc, mọi kết quả chỉ còn để "
            "xem và in; muốn sửa phải mở lại kỳ kèm lý do."
        )
        if not messages.ask_yes_no(self, "Kết thúc kỳ đánh giá", question):
            return
        try:
            self._evaluation.close_cycle(cycle.id)
        except EvaluationRefused as refused:
            items = [f"• {v.message}" for v in refused.violations[:LISTED_ITEMS]]
            more = len(refused.violations) - LISTED_ITEMS
            if more > 0:
                items.append(f"… và {grouped(more)} trường hợp khác (xem thẻ Kiểm tra).")
            messages.show_warning(
                self, "Kết thúc kỳ đánh giá", "\n".join([refused.message, *items])
            )
            return
        except (ValidationError, StoreError) as exc:
            messages.show_error(self, "Kết thúc kỳ đánh giá", str(exc))
            return
        self.reload(cycle.id)

    def reopen_current(self) -> None:
        cycle = self.current()
        if cycle is None:
            return
        reason = ask_text(
            self,
            "Mở lại kỳ đánh giá",
            f"Kỳ đánh giá năm {cycle.year} đã kết thúc. Mở lại để sửa kết quả; lý do được ghi "
            "lại cùng kỳ đánh giá.",
            "Lý do mở lại",
            "Mở lại",
        )
        if reason is None:
            return
        try:
            self._evaluation.reopen_cycle(cycle.id, reason)
        except (ValidationError, StoreError) as exc:
            messages.show_error(self, "Mở lại kỳ đánh giá", str(exc))
            return
        self.reload(cycle.id)
