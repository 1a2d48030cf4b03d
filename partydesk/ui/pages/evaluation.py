"""The "Đánh giá, xếp loại" page: a year's evaluation cycle, organisation by organisation.

The top bar picks the cycle and runs its steps; the left lists the cycle's organisations with
their progress; the right shows the chosen organisation's members (an editable grid of the
three steps), its own evaluation, the rule checks that concern it, and the cycle-wide list of
who has not passed each step. Edits stay in the grid until "Lưu" (Ctrl+S) and are never
dropped silently: leaving the organisation asks Lưu / Bỏ / Hủy. A save the rules object to
asks a reason for each case; a closed cycle is shown read-only.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import Cycle, MemberForm, OrgEvaluation
from partydesk.domain.evaluation_validation import validate_member_evaluation
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.app import AppServices
from partydesk.services.progress import Progress
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.evaluation.ballot_tab import BallotTab
from partydesk.ui.evaluation.checks_panel import CheckLine, ChecksPanel, org_check
from partydesk.ui.evaluation.cycle_bar import CycleBar
from partydesk.ui.evaluation.member_table import MemberTableModel, MemberTableView
from partydesk.ui.evaluation.missing_panel import MissingPanel, load_missing
from partydesk.ui.evaluation.org_list import OrgListPane, org_lines
from partydesk.ui.evaluation.org_panel import OrgPanel
from partydesk.ui.evaluation.print_menu import PrintButton
from partydesk.ui.evaluation.reason_dialog import ask_text, save_with_reasons
from partydesk.ui.evaluation.status_line import status_text
from partydesk.ui.tasks import default_runner

SAVE_TITLE = "Lưu kết quả đánh giá"


class EvaluationPage(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._evaluation = services.evaluation
        self._stale = True
        self._generation = 0  # a newer background load makes an older result obsolete
        self.cycle: Cycle | None = None
        self.rule_set: RuleSet | None = None
        self.org: OrgEvaluation | None = None

        self.bar = CycleBar(services, self.confirm_leave)
        self.bar.cycle_selected.connect(self._show_cycle)
        self.print_button = PrintButton(services, self._print_context)
        self.bar.layout().addWidget(self.print_button)
        self.banner = QLabel()
        self.banner.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0c060; padding: 4px; color: #5a4300;"
        )
        self.banner.setVisible(False)

        self.orgs = OrgListPane()
        self.orgs.org_chosen.connect(self._on_org_chosen)

        self.member_model = MemberTableModel(self)
        self.member_model.edit_refused.connect(self._on_edit_refused)
        self.member_model.dirty_changed.connect(self._on_dirty_changed)
        self.members = MemberTableView(self.member_model)
        self.member_hint = QLabel()
        self.save_button = QPushButton("Lưu (Ctrl+S)")
        self.save_button.clicked.connect(self.save_members)
        self.undo_button = QPushButton("Bỏ thay đổi")
        self.undo_button.clicked.connect(self._reload_org)
        self.ballot = BallotTab(services)
        self.ballot.saved.connect(self._reload_org)
        self.org_panel = OrgPanel()
        self.org_panel.save_requested.connect(self.save_organisation)
        self.checks = ChecksPanel()
        self.checks.reason_requested.connect(self._write_reason)
        self.checks.clear_requested.connect(self._clear_reason)
        self.missing = MissingPanel()
        self.missing.member_requested.connect(self.show_member)

        member_tab = QWidget()
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.member_hint, 1)
        member_buttons.addWidget(self.undo_button)
        member_buttons.addWidget(self.save_button)
        member_layout = QVBoxLayout(member_tab)
        member_layout.addWidget(self.members, 1)
        member_layout.addLayout(member_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(member_tab, "Đảng viên")
        self.tabs.addTab(self.ballot, "Kiểm phiếu")
        self.tabs.addTab(self.org_panel, "Tổ chức")
        self.tabs.addTab(self.checks, "Kiểm tra")
        self.tabs.addTab(self.missing, "Chưa đánh giá (cả kỳ)")
        self.tabs.currentChanged.connect(lambda _index: self._load_tab())

        self.org_title = QLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.org_title)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.orgs)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 800])  # room for the names; the member grid scrolls sideways
        splitter.setChildrenCollapsible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Đánh giá, xếp loại chất lượng</h2>"))
        layout.addWidget(self.bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._on_save_shortcut)
        self.orgs.search.attach_shortcut(self)
        self._on_dirty_changed(False)

    # --- refreshing -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """The register changed: re-read when next shown (typed edits are kept)."""
        self._stale = True
        if self.isVisible() and not self.member_model.is_dirty:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.bar.reload()

    def _show_cycle(self, cycle: Cycle | None) -> None:
        self.cycle = cycle
        self.rule_set = self._evaluation.rules_of(cycle) if cycle else None
        if cycle is not None and cycle.is_closed:
            self.banner.setText(
                f"Kỳ đánh giá đã kết thúc ngày {format_vn_date(cycle.closed_on)}: chỉ xem. "
                "Muốn sửa, bấm “Mở lại…” và ghi lý do."
            )
        self.banner.setVisible(cycle is not None and cycle.is_closed)
        self._reload_orgs(keep=self.org.organisation_id if self.org else None)

    @property
    def read_only(self) -> bool:
        return self.cycle is None or self.cycle.is_closed

    def _reload_orgs(self, keep: int | None = None) -> None:
        """Re-read the organisations and their progress (two queries) and reselect ``keep``."""
        if self.cycle is None:
            self.orgs.set_lines([])
            self.status.setText("Chưa có kỳ đánh giá nào: bấm “Mở kỳ đánh giá…” để bắt đầu.")
            self._show_org(None)
            return
        orgs = self._evaluation.org_rows(self.cycle.id)
        progress = self._evaluation.progress(self.cycle.id)
        self.orgs.set_lines(org_lines(orgs, progress))
        self.status.setText(status_text(self.cycle, progress, self._evaluation.today()))
        self._select_org(keep)

    def _select_org(self, organisation_id: int | None) -> None:
        self._show_org(self.orgs.select(organisation_id))

    def _on_org_chosen(self, chosen: OrgEvaluation) -> None:
        if self.confirm_leave():
            self._show_org(self.orgs.select(chosen.organisation_id))
        else:
            self.orgs.select(self.org.organisation_id if self.org else None)

    def _show_org(self, org: OrgEvaluation | None) -> None:
        self.org = org
        if org is None or self.cycle is None or self.rule_set is None:
            self.org_title.setText("")
            self.member_model.clear()
            self._load_tab()
            return
        self.org_title.setText(f"<b>{org.name}</b>")
        rows = self._evaluation.member_rows(self.cycle.id, org.organisation_id)
        self.member_model.set_rows(rows, self.rule_set, read_only=self.read_only)
        self.org_panel.load(org, self.rule_set, read_only=self.read_only)
        self.ballot.show_organisation(self.cycle, org.organisation_id, self.read_only)
        self.member_hint.setText(_member_hint(rows, self.read_only))
        self._load_tab()

    def _reload_org(self) -> None:
        """Re-read the shown organisation (after a save, or to drop the edits)."""
        keep = self.org.organisation_id if self.org else None
        self.member_model.clear()
        self._reload_orgs(keep)

    # --- the tabs that compute ------------------------------------------------------------

    def _load_tab(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.checks:
            self._load_checks()
        elif current is self.missing:
            self._load_missing()

    def _run(self, title: str, compute: Any, show: Any) -> None:
        """Compute in the background under the store lock; only the newest result is shown."""
        self._generation += 1
        generation = self._generation
        lock = self._services.store.lock

        def work(*, progress: Progress, cancel: threading.Event) -> object:
            progress(0, 0, title)
            with lock:
                return compute()

        def done(result: object) -> None:
            if generation == self._generation:
                show(result)

        default_runner().start(work, on_success=done)

    def _load_checks(self) -> None:
        cycle, org = self.cycle, self.org
        if cycle is None or org is None:
            return
        self.checks.show_waiting()
        self._run(
            "Đang kiểm tra…",
            lambda: org_check(self._evaluation, cycle.id, org),
            lambda result: self.checks.show_result(result, read_only=self.read_only),
        )

    def _load_missing(self) -> None:
        cycle, rule_set = self.cycle, self.rule_set
        if cycle is None or rule_set is None:
            return
        forms = {kind: rule_set.form_for(kind).code for kind in MemberForm}
        self._run(
            "Đang lập danh sách chưa đánh giá…",
            lambda: load_missing(self._evaluation, cycle.id),
            lambda result: self.missing.show_missing(result[0], result[1], forms),
        )

    def _print_context(self) -> tuple[Cycle | None, OrgEvaluation | None, int | None]:
        """What the "In, xuất" menu prints for: the cycle, organisation and member shown."""
        index = self.members.currentIndex()
        member_id = (
            self.member_model.row_at(index.row()).member_id
            if index.isValid() and self.org is not None
            else None
        )
        return self.cycle, self.org, member_id

    def show_cycle(self, cycle_id: int, organisation_id: int | None = None) -> None:
        """Show a cycle, at one organisation when given (links from the due list)."""
        if not self.confirm_leave():
            return
        self._stale = False
        self.bar.reload(select_id=cycle_id)
        if organisation_id is not None:
            self._select_org(organisation_id)

    def show_member(self, organisation_id: int, member_id: int) -> None:
        """Show one member's row in their organisation (from the "Chưa đánh giá" list)."""
        if self.org is None or self.org.organisation_id != organisation_id:
            if not self.confirm_leave():
                return
            self._select_org(organisation_id)
        self.tabs.setCurrentIndex(0)
        row = self.member_model.row_of(member_id)
        if row is not None:
            self.members.setCurrentIndex(self.member_model.index(row, 0))
            self.members.setFocus()

    # --- saving -----------------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        """True when the shown organisation may be left: nothing typed, saved, or dropped."""
        members_dirty = self.member_model.is_dirty
        org_dirty = self.org_panel.is_dirty()
        if not members_dirty and not org_dirty:
            return True
        name = self.org.name if self.org else ""
        choice = messages.ask_choice(
            self,
            "Thay đổi chưa lưu",
            f"Kết quả đánh giá của {name} có thay đổi chưa lưu. Lưu trước khi chuyển?",
            ["Lưu", "Bỏ thay đổi"],
        )
        if choice is None:
            return False
        if choice == 1:
            return True
        return (not members_dirty or self.save_members()) and (
            not org_dirty or self.save_organisation()
        )

    def _on_save_shortcut(self) -> None:
        if self.tabs.currentWidget() is self.org_panel:
            self.save_organisation()
        else:
            self.save_members()

    def save_members(self) -> bool:
        """Save the edited rows; True when saved (or nothing to save)."""
        self.members.commit_editing()
        rows = self.member_model.changed_rows()
        if self.cycle is None or self.rule_set is None or not rows:
            return True
        for row in rows:
            try:
                validate_member_evaluation(row, self.rule_set)
            except ValidationError as exc:
                self._refuse_cell(row.member_id, exc)
                return False
        cycle_id = self.cycle.id
        try:
            if not save_with_reasons(
                self, lambda reasons: self._evaluation.save_members(cycle_id, rows, reasons)
            ):
                return False  # cancelled: the edits stay in the grid, unsaved
        except (ValidationError, StoreError) as exc:
            messages.show_error(self, SAVE_TITLE, str(exc))
            return False
        self.member_model.mark(None, None)
        self._reload_org()
        return True

    def _refuse_cell(self, member_id: int, exc: ValidationError) -> None:
        row = self.member_model.row_of(member_id)
        column = self.member_model.column_of(exc.field)
        self.member_model.mark(row, exc.field)
        messages.show_error(self, SAVE_TITLE, exc.message)
        if row is not None:
            self.members.setCurrentIndex(self.member_model.index(row, column or 0))
            self.members.setFocus()

    def save_organisation(self) -> bool:
        if self.cycle is None or self.org_panel.loaded is None:
            return True
        try:
            row = self.org_panel.value()
        except ValidationError as exc:
            self.org_panel.error.set_error(exc.message)
            self.org_panel.focus_field(exc.field)
            return False
        try:
            if not save_with_reasons(
                self, lambda reasons: self._evaluation.save_organisation(row, reasons)
            ):
                return False
        except ValidationError as exc:
            self.org_panel.error.set_error(exc.message)
            self.org_panel.focus_field(exc.field)
            return False
        except StoreError as exc:
            messages.show_error(self, SAVE_TITLE, str(exc))
            return False
        self._reload_org()
        return True

    def _write_reason(self, line: CheckLine) -> None:
        if self.cycle is None:
            return
        v = line.violation
        reason = ask_text(
            self,
            "Ghi lý do",
            v.message,
            "Lý do giữ mức xếp loại",
            "Ghi lý do",
        )
        if reason is None:
            return
        try:
            self._evaluation.set_override(self.cycle.id, v.subject, v.rule, reason)
        except (ValidationError, StoreError) as exc:
            messages.show_error(self, "Ghi lý do", str(exc))
            return
        self._load_checks()

    def _clear_reason(self, line: CheckLine) -> None:
        if self.cycle is None:
            return
        v = line.violation
        if not messages.ask_yes_no(self, "Bỏ lý do", f"Bỏ lý do đã ghi cho:\n{v.message}"):
            return
        try:
            self._evaluation.clear_override(self.cycle.id, v.subject, v.rule)
        except StoreError as exc:
            messages.show_error(self, "Bỏ lý do", str(exc))
            return
        self._load_checks()

    def _on_edit_refused(self, message: str) -> None:
        self.member_hint.setText(f"<span style='color:#b00020'>{message}</span>")

    def _on_dirty_changed(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.undo_button.setEnabled(dirty)


def _member_hint(rows: list, read_only: bool) -> str:
    evaluated = sum(1 for r in rows if r.is_evaluated)
    text = f"{evaluated}/{len(rows)} đảng viên thuộc diện đánh giá."
    if read_only:
        return text + " Chỉ xem."
    return text + " Gõ để sửa ô; Tab sang ô bên phải; Ctrl+S để lưu."
