"""The "Cần chú ý" page: every warning about the register, grouped by rule, each a link."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.attention import Attention, Rule, Subject
from partydesk.services.app import AppServices

SUBJECT_ROLE = Qt.ItemDataRole.UserRole + 1


class AttentionPage(QWidget):
    """Warnings to act on; activating one opens its record on the matching page."""

    record_requested = Signal(object, int)  # (Subject, id)
    counted = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stale = True
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Cần chú ý", "Chi tiết"])
        self.tree.setColumnWidth(0, 380)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.refresh_button = QPushButton("Làm mới (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button = QPushButton("Mở bản ghi")
        self.open_button.clicked.connect(self._on_open_button_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Cần chú ý</h2>"))
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def mark_stale(self) -> None:
        """The register changed: recompute now if on screen, else when next shown.

        Applying every rule to a province-sized register takes about half a second, too long
        to spend after each save while the clerk is on another page.
        """
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        items = self._services.attention.items()
        self.tree.clear()
        by_rule: dict[Rule, list[Attention]] = {}
        for item in items:
            by_rule.setdefault(item.rule, []).append(item)
        for rule, group in by_rule.items():
            parent = QTreeWidgetItem([f"{rule.title} ({len(group)})", ""])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for item in group:
                child = QTreeWidgetItem([item.subject_name, item.message])
                child.setToolTip(1, item.message)
                child.setData(0, SUBJECT_ROLE, (item.subject, item.subject_id))
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
            parent.setExpanded(True)
        if items:
            self.summary.setText(
                f"{len(items)} việc cần xem xét. Nhấn Enter hoặc nhấp đúp để mở bản ghi."
            )
        else:
            self.summary.setText("Không có gì cần chú ý.")
        self.counted.emit(len(items))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        target = item.data(0, SUBJECT_ROLE) if item is not None else None
        if target:
            subject, subject_id = target
            self.record_requested.emit(Subject(subject), subject_id)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._open(item)

    def _on_open_button_clicked(self) -> None:
        self._open(self.tree.currentItem())
