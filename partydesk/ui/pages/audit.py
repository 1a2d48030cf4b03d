"""The audit log page (Nhật ký thay đổi): who changed what and when, and whether the log is
intact.

Entries are listed newest first and fetched a page at a time as the list scrolls; the filters
(search without accents, person, kind of record, from/to day) are answered by the store's
indexes, so a 100,000-entry log stays quick on the GUI thread. The selected entry's changed
records and fields (cũ → mới) show below the list. The integrity check and the Excel export
run in the background with progress and cancel. Only administrators read the log; anyone else
sees one sentence saying who can.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.audit import AuditEntry, AuditFilter, ChainReport
from partydesk.domain.numbers import grouped
from partydesk.services.app import AppServices
from partydesk.services.audit_log import AuditLogService, role_text, user_text
from partydesk.ui.audit.chain_dialog import TITLE as CHECK_TITLE
from partydesk.ui.audit.chain_dialog import ChainDialog
from partydesk.ui.audit.entries_model import ENTRY_ROLE, SUMMARY, AuditEntriesModel
from partydesk.ui.audit.entry_detail import EntryDetail
from partydesk.ui.audit.filter_bar import AuditFilterBar
from partydesk.ui.export import export_file
from partydesk.ui.tasks import run_with_progress
from partydesk.ui.widgets.list_table import list_table
from partydesk.ui.widgets.wrapped_label import WrappedLabel

COLUMN_WIDTHS = (70, 120, 190, 120, 210, 170, 0)  # 0: the summary takes the rest
EXPORT_TITLE = "Xuất nhật ký thay đổi ra Excel"


class AuditPage(QWidget):
    #: The entries shown were re-read (tests wait for it).
    refreshed = Signal()

    def __init__(
        self,
        services: AppServices,
        log_service: AuditLogService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._log = log_service
        self.chain_dialog: ChainDialog | None = None

        self.filters = AuditFilterBar()
        self.filters.filter_changed.connect(self._on_filter_changed)
        self.model = AuditEntriesModel(log_service.page, log_service.count, self._texts, self)
        self.table = list_table(self.model, COLUMN_WIDTHS, stretch=SUMMARY)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.detail = EntryDetail(log_service)
        self.count_label = QLabel()
        self.verify_button = QPushButton("Kiểm tra tính toàn vẹn")
        self.verify_button.setToolTip(
            "Kiểm tra chuỗi mã của nhật ký và tìm các thay đổi do chương trình khác ghi"
        )
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Lưu các dòng nhật ký đang lọc thành tệp .xlsx")
        self.export_button.clicked.connect(self.export_xlsx)

        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 320])  # the detail needs room for a record's fields
        splitter.setChildrenCollapsible(False)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.filters)
        content_layout.addLayout(actions)
        content_layout.addWidget(splitter, 1)

        self.denied = WrappedLabel()
        denied_page = QWidget()
        denied_layout = QVBoxLayout(denied_page)
        denied_layout.setContentsMargins(0, 0, 0, 0)
        denied_layout.addWidget(self.denied)
        denied_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(denied_page)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Nhật ký thay đổi</h2>"))
        layout.addWidget(self.stack, 1)

    # --- what is shown ---------------------------------------------------------------------

    @property
    def allowed(self) -> bool:
        return self._log.may_view()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # Every save anywhere adds an entry, and the account may have changed: re-read.
        self.refresh()
        super().showEvent(event)

    def mark_stale(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self, *_args: object) -> None:
        if not self.allowed:
            self.denied.setText(self._log.who_may_view())
            self.stack.setCurrentIndex(1)
            self.model.clear()
            self.detail.show_entry(None)
            self.refreshed.emit()
            return
        self.stack.setCurrentIndex(0)
        self.filters.set_choices(
            self._log.logins(), [(t, self._log.table_label(t)) for t in self._log.tables()]
        )
        self._reload(self.filters.current_filter())

    def _reload(self, audit_filter: AuditFilter) -> None:
        selected = self.detail.entry.seq if self.detail.entry is not None else None
        self.model.audit_filter = audit_filter
        self.model.reload()
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
            self.detail.show_entry(None)
        self._update_count()
        self.refreshed.emit()

    def _update_count(self) -> None:
        total = self.model.total
        if not total:
            self.count_label.setText("Không có dòng nhật ký nào phù hợp với bộ lọc.")
        else:
            self.count_label.setText(f"{grouped(total)} dòng nhật ký, mới nhất ở trên")
        self.export_button.setEnabled(bool(total))

    def _texts(self, entry: AuditEntry) -> tuple[str, str, str, str]:
        return (
            user_text(entry),
            role_text(entry.role),
            self._log.record_text(entry),
            self._log.summary_text(entry),
        )

    def selected_entry(self) -> AuditEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ENTRY_ROLE) if rows else None

    def _on_filter_changed(self, audit_filter: AuditFilter) -> None:
        if self.allowed:
            self._reload(audit_filter)

    def _on_current_row_changed(self, current, _previous) -> None:  # noqa: ANN001 - Qt
        self.detail.show_entry(self.model.entry(current.row()) if current.isValid() else None)

    # --- actions ---------------------------------------------------------------------------

    def verify(self) -> None:
        if not self.allowed:
            return
        run_with_progress(self, CHECK_TITLE, self._log.verify, on_success=self._show_report)

    def _show_report(self, report: ChainReport) -> None:
        refusal = self._log.why_not_acknowledge()
        dialog = ChainDialog(
            report,
            self._log.anchor(),
            acknowledge=None if refusal else self._log.acknowledge_external_changes,
            repair=None if refusal else self._log.repair_capture,
            refusal=refusal,
            parent=self,
        )
        dialog.finished.connect(self.refresh)
        self.chain_dialog = dialog
        self.refresh()  # the check itself is now the newest entry
        dialog.open()

    def export_xlsx(self) -> None:
        if not self.allowed:
            return
        export_file(
            self,
            EXPORT_TITLE,
            f"Nhật ký thay đổi {date.today():%d-%m-%Y}.xlsx",
            "Bảng tính Excel (*.xlsx)",
            self._write_xlsx,
            self.filters.current_filter(),
            done_message=lambda count, target: (
                f"Đã lưu {grouped(count)} dòng nhật ký thay đổi vào tệp:\n{target}"
            ),
        )

    def _write_xlsx(self, target, audit_filter: AuditFilter, *, progress, cancel) -> int:  # noqa: ANN001
        # export_file hands the chosen file first; the service takes the filter first.
        return self._log.export_xlsx(audit_filter, target, progress, cancel)
