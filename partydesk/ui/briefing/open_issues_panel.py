"""An organisation's open briefing issues ("Kiến nghị chưa giải quyết"), read-only.

Shown on the organisation dialog, so whoever opens a cell sees what it asked for at the
briefing rounds and is still waiting on; the follow-up itself is edited in the round.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from partydesk.domain.briefing import BriefingIssue
from partydesk.domain.dates import format_vn_date
from partydesk.ui.dialogs.cadres_dialog import read_only_table

HEADERS = ["Nêu tại đợt", "Loại", "Nội dung", "Cơ quan giải quyết", "Trạng thái", "Hạn giải quyết"]


def issue_cells(issue: BriefingIssue) -> list[str]:
    return [
        issue.raised_at,
        issue.kind.label,
        issue.content,
        issue.responsible,
        issue.status.label,
        format_vn_date(issue.due_on),
    ]


class OpenIssuesPanel(QWidget):
    def __init__(self, issues: list[BriefingIssue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = read_only_table(HEADERS)
        self.table.setAccessibleName("Kiến nghị chưa giải quyết")
        self.table.setRowCount(len(issues))
        for row, issue in enumerate(issues):
            for column, text in enumerate(issue_cells(issue)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 320))
        note = QLabel(
            "Không có kiến nghị nào đang chờ giải quyết."
            if not issues
            else f"{len(issues)} kiến nghị chưa giải quyết. Theo dõi, trả lời tại đợt giao ban "
            "(trang Giao ban)."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
