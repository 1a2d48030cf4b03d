"""One audit entry in full: who, when, what, and every changed record with its fields' old and
new values (cũ → mới)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.audit import AuditEntry, ChangeOp, RecordChange, time_text
from partydesk.domain.numbers import grouped
from partydesk.services.audit_log import AuditLogService, role_text, user_text, value_text
from partydesk.ui.widgets.wrapped_label import WrappedLabel

HEADERS = ("Bản ghi, trường", "Cũ", "Mới")
NO_ENTRY = "Chọn một dòng trong nhật ký để xem chi tiết."
NO_CHANGES = "Thao tác này không sửa bản ghi nào (đăng nhập, xuất tệp, kiểm tra…)."


class EntryDetail(QWidget):
    def __init__(self, log_service: AuditLogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._log = log_service
        self.entry: AuditEntry | None = None
        self.heading = WrappedLabel(NO_ENTRY)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 230)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        self.show_entry(None)

    def show_entry(self, entry: AuditEntry | None) -> None:
        self.entry = entry
        self.tree.clear()
        if entry is None:
            self.heading.setText(NO_ENTRY)
            self.note.setText("")
            self.tree.setVisible(False)
            return
        record = self._log.record_text(entry)
        lines = [
            f"<b>{escape(entry.action)}</b> — dòng số {grouped(entry.seq)}",
            f"{escape(time_text(entry.at, seconds=True))} · {escape(user_text(entry))}"
            f" · {escape(role_text(entry.role))}",
        ]
        if record:
            lines.append(f"Bản ghi: {escape(record)}")
        summary = self._log.summary_text(entry)
        if summary:
            lines.append(f"Tóm tắt: {escape(summary)}")
        self.heading.setText("<br>".join(lines))
        for change in entry.changes:
            item = self._change_item(change)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # only once the item is in the tree
        self.tree.expandAll()
        self.tree.setVisible(bool(entry.changes))
        notes = []
        if not entry.changes and not entry.counts:
            notes.append(NO_CHANGES)
        if entry.truncated:
            notes.append(
                f"Thao tác sửa nhiều bản ghi: chỉ liệt kê {grouped(len(entry.changes))} bản "
                f"ghi đầu, {grouped(entry.truncated)} bản ghi khác chỉ được đếm (xem Tóm tắt)."
            )
        self.note.setText(" ".join(notes))

    def _change_item(self, change: RecordChange) -> QTreeWidgetItem:
        title = self._log.describe(
            RecordChange(change.table, change.row_id, change.op, {})
        )  # "Sửa đảng viên số 12"
        item = QTreeWidgetItem([title, "", ""])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        for name, (old, new) in change.fields.items():
            old_text = value_text(old) if change.op is not ChangeOp.INSERT else ""
            new_text = value_text(new) if change.op is not ChangeOp.DELETE else ""
            child = QTreeWidgetItem([name, old_text, new_text])
            for column, full in ((1, old), (2, new)):
                if full not in (None, ""):
                    child.setToolTip(column, str(full))
            item.addChild(child)
        return item
