"""The briefing rounds page (Giao ban): the recurrence rule, the rounds, and their documents.

Rounds are planned from the rule (a proposal opened in the round dialog), opened to record
attendance and issues, deleted while none of their documents took a number, and printed: the
invitations, the attendance sheet, the biên bản and the conclusion notice, each previewed as a
PDF or saved as DOCX for Word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.briefing import Briefing, BriefingRow
from partydesk.domain.briefing_rules import weekday_date
from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.services.app import AppServices
from partydesk.services.briefings import BriefingRefused
from partydesk.ui import messages
from partydesk.ui.briefing.dialog import BriefingDialog
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.preview_task import write_then_preview
from partydesk.ui.tasks import run_with_progress

HEADERS = [
    "Đợt giao ban",
    "Ngày họp",
    "Số buổi",
    "Đơn vị mời",
    "Có mặt",
    "Báo cáo đúng hạn",
    "Kiến nghị chưa giải quyết",
]
INVITATION_CHOICES = ["Mỗi đơn vị một giấy mời", "Một giấy mời kèm danh sách đơn vị"]


@dataclass(frozen=True)
class _Document:
    label: str  # the button and the file name
    writer: str  # the BriefingDocumentService method


DOCUMENTS = (
    _Document("Giấy mời", "write_invitations"),
    _Document("Danh sách ký tên", "write_attendance_sheet"),
    _Document("Biên bản hội nghị", "write_minutes"),
    _Document("Thông báo kết luận", "write_conclusions"),
)


# The register's kind of document → the writer that prints it (the attendance sheet has none).
DOCUMENT_WRITERS_BY_KIND = {
    "GM": "write_invitations",
    "BB": "write_minutes",
    "TB": "write_conclusions",
}


def days_text(row: BriefingRow) -> str:
    if row.first_day is None or row.last_day is None:
        return ""
    if row.first_day == row.last_day:
        return format_vn_date(row.first_day)
    return f"{format_vn_date(row.first_day)} – {format_vn_date(row.last_day)}"


class BriefingsPage(QWidget):
    """Emits ``records_changed`` after a round was saved or deleted (the due list shows it)."""

    records_changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stale = True
        self._rows: list[BriefingRow] = []
        self.last_preview: pdf_preview.PdfPreviewDialog | None = None
        self.last_dialog: BriefingDialog | None = None

        self.rule_edit = QLineEdit()
        self.rule_edit.setAccessibleName("Quy tắc lặp lịch giao ban")
        self.rule_edit.setToolTip(
            "Quy tắc lặp theo chuẩn iCalendar (RRULE). Ví dụ: FREQ=MONTHLY;BYMONTH=7,12;BYDAY=2TH "
            "là thứ Năm tuần thứ hai của tháng 7 và tháng 12."
        )
        self.rule_edit.textChanged.connect(self._on_rule_edit_text_changed)
        self.rule_button = QPushButton("Lưu quy tắc")
        self.rule_button.clicked.connect(self._on_rule_button_clicked)
        self.rule_hint = QLabel()
        self.rule_hint.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.table.cellActivated.connect(lambda _row, _column: self.open_current())

        self.plan_button = _button("Lập kế hoạch đợt mới…", self.plan_new)
        self.open_button = _button("Mở…", self.open_current)
        self.delete_button = _button("Xóa…", self.delete_current)
        self.print_buttons = [
            _button(doc.label, lambda _=False, d=doc: self.print_document(d)) for doc in DOCUMENTS
        ]
        self.docx_button = _button("Lưu DOCX…", self.save_docx)

        rule_row = QHBoxLayout()
        rule_row.addWidget(QLabel("Lịch giao ban:"))
        rule_row.addWidget(self.rule_edit, 1)
        rule_row.addWidget(self.rule_button)
        actions = QHBoxLayout()
        for widget in (self.plan_button, self.open_button, self.delete_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(QLabel("In:"))
        for widget in (*self.print_buttons, self.docx_button):
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Hội nghị giao ban</h2>"))
        layout.addLayout(rule_row)
        layout.addWidget(self.rule_hint)
        layout.addWidget(self.next_label)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

    # --- refreshing -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """Recompute when next shown (the data changed elsewhere)."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        self._stale = False
        briefings = self._services.briefings
        select_id = select_id if select_id is not None else self.current_id()
        self.rule_edit.setText(briefings.rule())
        upcoming = briefings.next_round()
        if upcoming is None:
            self.next_label.setText("")
        else:
            state = "đã lập kế hoạch" if upcoming.briefing_id else "chưa lập kế hoạch"
            due = (
                f", hạn nộp báo cáo {format_vn_date(upcoming.reports_due_on)}"
                if upcoming.reports_due_on
                else ""
            )
            self.next_label.setText(
                f"Đợt tới: {upcoming.title}, {weekday_date(upcoming.on)} ({state}{due})."
            )
        self._rows = briefings.rows()
        self.table.setRowCount(len(self._rows))
        for n, row in enumerate(self._rows):
            values = [
                row.title,
                days_text(row),
                str(row.sittings),
                str(row.invited),
                str(row.present),
                str(row.reports_on_time),
                str(row.open_issues),
            ]
            for column, value in enumerate(values):
                self.table.setItem(n, column, QTableWidgetItem(value))
        chosen = next((n for n, r in enumerate(self._rows) if r.id == select_id), 0)
        if self._rows:
            self.table.selectRow(chosen)
        self._update_actions()

    def show_briefing(self, briefing_id: int) -> None:
        """Select one round (links from the due list and the document register)."""
        if self._stale:
            self.refresh(briefing_id)
            return
        for n, row in enumerate(self._rows):
            if row.id == briefing_id:
                self.table.selectRow(n)
                return

    def current_row(self) -> BriefingRow | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row else None

    def _update_actions(self) -> None:
        chosen = self.current_row() is not None
        for widget in (self.open_button, self.delete_button, *self.print_buttons, self.docx_button):
            widget.setEnabled(chosen)

    # --- rounds -----------------------------------------------------------------------------

    def plan_new(self) -> None:
        try:
            proposal = self._services.briefings.plan()
        except ValidationError as exc:
            messages.show_error(self, "Lập kế hoạch giao ban", exc.message)
            return
        self._edit(proposal)

    def open_current(self) -> None:
        row_id = self.current_id()
        if row_id is not None:
            self._edit(self._services.briefings.get(row_id))

    def _edit(self, briefing: Briefing) -> None:
        dialog = BriefingDialog(self._services, briefing, self)
        self.last_dialog = dialog
        dialog.finished.connect(lambda _result: self._after_edit(dialog))
        dialog.open()

    def _after_edit(self, dialog: BriefingDialog) -> None:
        if dialog.result() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.refresh(dialog.saved.id)
            self.records_changed.emit()

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        question = (
            f"Xóa hội nghị giao ban {row.title}, cùng danh sách đơn vị dự và các kiến nghị "
            "nêu tại đợt này? Việc xóa không hoàn tác được."
        )
        if not messages.ask_yes_no(self, "Xóa đợt giao ban", question):
            return
        try:
            self._services.briefings.delete(row.id)
        except BriefingRefused as exc:
            messages.show_warning(self, "Xóa đợt giao ban", exc.message)
            return
        self.refresh()
        self.records_changed.emit()

    # --- documents --------------------------------------------------------------------------

    def _writer_args(self, document: _Document) -> dict[str, bool] | None:
        """Extra arguments of a writer; None when the clerk cancelled the question."""
        if document.writer != "write_invitations":
            return {}
        choice = messages.ask_choice(
            self, "In giấy mời", "In giấy mời theo cách nào?", INVITATION_CHOICES
        )
        return None if choice is None else {"one_letter": choice == 1}

    def print_kind(self, briefing_id: int, kind: str) -> None:
        """Reprint the document of one kind ("GM", "BB", "TB") of a round: the link from a line
        of the outgoing register. The number and date it took are kept."""
        self.show_briefing(briefing_id)
        writer = DOCUMENT_WRITERS_BY_KIND.get(kind)
        row = self.current_row()
        if writer is not None and row is not None and row.id == briefing_id:
            self.print_document(next(d for d in DOCUMENTS if d.writer == writer))

    def print_document(self, document: _Document) -> None:
        row = self.current_row()
        extra = self._writer_args(document) if row is not None else None
        if row is None or extra is None:
            return
        stem = f"{document.label} giao ban {row.title}"
        target = pdf_preview.preview_file(stem)
        write_then_preview(
            self,
            f"In {document.label.lower()}",
            getattr(self._services.briefing_documents, document.writer),
            (row.id, target),
            target,
            f"{document.label} – hội nghị giao ban {row.title}",
            on_shown=self._remember_preview,
            **extra,
        )

    def _remember_preview(self, dialog: pdf_preview.PdfPreviewDialog) -> None:
        self.last_preview = dialog

    def save_docx(self) -> None:
        row = self.current_row()
        if row is None:
            return
        labels = [doc.label for doc in DOCUMENTS]
        index = messages.ask_choice(self, "Lưu DOCX", "Lưu văn bản nào ra tệp Word?", labels)
        if index is None:
            return
        document = DOCUMENTS[index]
        extra = self._writer_args(document)
        if extra is None:
            return
        target = pdf_preview.ask_save_path(
            self,
            f"Lưu {document.label.lower()} ra DOCX",
            f"{document.label} giao ban {row.title}.docx",
            "Tài liệu Word (*.docx)",
        )
        if target is None:
            return
        run_with_progress(
            self,
            f"Lưu {document.label.lower()} ra DOCX",
            getattr(self._services.briefing_documents, document.writer),
            row.id,
            target,
            on_success=lambda _pages: messages.show_info(
                self, "Lưu DOCX", f"Đã lưu {document.label.lower()} vào tệp:\n{target}"
            ),
            **extra,
        )

    # --- the rule ---------------------------------------------------------------------------

    def _on_rule_edit_text_changed(self, text: str) -> None:
        try:
            self.rule_hint.setText(self._services.briefings.explain_rule(text))
            self.rule_hint.setStyleSheet("")
        except ValidationError as exc:
            self.rule_hint.setText(exc.message)
            self.rule_hint.setStyleSheet("color: #b00020;")

    def _on_rule_button_clicked(self) -> None:
        try:
            self._services.briefings.set_rule(self.rule_edit.text())
        except ValidationError as exc:
            messages.show_error(self, "Lịch giao ban", exc.message)
            return
        self.refresh()


def _button(text: str, slot: Callable[..., None]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    return button
