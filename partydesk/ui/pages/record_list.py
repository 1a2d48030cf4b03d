"""A register list page: search box, "show ended" switch, the table, and add/edit/end actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.rows import ListQuery
from partydesk.ui.models.record_table import Column, RecordProxyModel, RecordTableModel, show
from partydesk.ui.widgets.search_box import SearchBox


class RecordListPage(QWidget):
    """One list of the register. Subclasses supply the columns, the queries and the editors."""

    records_changed = Signal()
    title = ""
    noun = "bản ghi"  # "doanh nghiệp", "tổ chức đảng", "đảng viên" in the count label
    add_text = "Thêm"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[Any] = RecordTableModel(
            self.columns(), self.fetch, self.count, self.is_ended, self
        )
        self._loaded = False
        self.proxy = RecordProxyModel(self)
        self.proxy.setSourceModel(self.model)

        self.search_box = SearchBox()
        self.search_box.search_changed.connect(self.proxy.set_search)
        self.show_ended = QCheckBox("Hiện cả bản ghi đã kết thúc")
        self.show_ended.toggled.connect(self.proxy.set_include_ended)
        self.count_label = QLabel()
        self.add_button = QPushButton(f"{self.add_text} (Ctrl+N)")
        self.add_button.clicked.connect(self.add_record)
        self.edit_button = QPushButton("Mở / sửa")
        self.edit_button.clicked.connect(self.edit_current)
        self.extra_buttons: list[QPushButton] = []
        # Shown while the list holds only the records an overview figure counts.
        self.figure_label = QLabel()
        self.figure_label.setWordWrap(True)
        self.clear_figure_button = QPushButton("Bỏ lọc, xem tất cả")
        self.clear_figure_button.clicked.connect(self.clear_only)
        self.figure_bar = QWidget()
        self.figure_bar.setObjectName("figureBar")
        self.figure_bar.setStyleSheet(
            "#figureBar { background: #eef4fb; border: 1px solid #9db7d5; border-radius: 3px; }"
        )
        bar = QHBoxLayout(self.figure_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.figure_label, 1)
        bar.addWidget(self.clear_figure_button)
        self.figure_bar.hide()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._on_table_activated)
        self.table.setTabKeyNavigation(False)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 2)
        top.addWidget(self.show_ended)
        top.addStretch(1)
        top.addWidget(self.count_label)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.edit_button)
        for button in self.action_buttons():
            self.extra_buttons.append(button)
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{self.title}</h2>")
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.figure_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.setTabOrder(self.search_box, self.show_ended)
        self.setTabOrder(self.show_ended, self.table)
        self.setTabOrder(self.table, self.add_button)

    # --- subclass hooks --------------------------------------------------------------------

    def columns(self) -> Sequence[Column[Any]]:
        raise NotImplementedError

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def count(self, query: ListQuery) -> int:
        raise NotImplementedError

    def is_ended(self, row: Any) -> bool:
        return False

    def open_editor(self, record_id: int | None) -> bool:
        """Show the add/edit dialog; return whether something was saved."""
        raise NotImplementedError

    def action_buttons(self) -> list[QPushButton]:
        return []

    # --- behaviour -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Lists load when first shown, so start-up pays only for the page on screen.
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload now if the page is on screen; otherwise when it is next shown."""
        if not self.isVisible() and not self._loaded:
            return
        current = self.current_id()
        self.model.reload()
        self._loaded = True
        self.select_id(current)

    def mark_stale(self) -> None:
        """Data changed elsewhere: reload now if visible, else on the next show."""
        self._loaded = False
        if self.isVisible():
            self.refresh()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def current_id(self) -> int | None:
        return self.proxy.record_id(self.table.currentIndex())

    def current_row(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def select_id(self, record_id: int | None) -> bool:
        if record_id is None:
            return False
        row = self.model.row_of_id(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def show_record(self, record_id: int) -> None:
        """Bring a record into view, clearing the search if it hides it (links from elsewhere)."""
        if self.select_id(record_id):
            return
        self.search_box.clear()
        self.show_ended.setChecked(True)
        self.model.set_query(ListQuery(include_ended=True))
        self._loaded = True
        while not self.select_id(record_id) and self.model.canFetchMore():
            self.model.fetchMore()

    def show_only(self, ids: Sequence[int], caption: str) -> None:
        """Show exactly ``ids`` (the records behind an overview figure), ended ones included,
        whatever other filter was set, until the clerk clears it."""
        self.search_box.clear()
        self.show_ended.blockSignals(True)
        self.show_ended.setChecked(True)
        self.show_ended.blockSignals(False)
        self.model.set_query(
            replace(
                self.model.query,
                search="",
                include_ended=True,
                organisation_id=None,
                enterprise_id=None,
                year=None,
                only_ids=tuple(ids),
            )
        )
        self.model.reload()
        self._loaded = True
        self.figure_label.setText(
            f"<b>Từ Tổng quan:</b> {escape(caption)} — {show(len(ids))} {self.noun}"
        )
        self.figure_bar.show()

    def clear_only(self) -> None:
        self.figure_bar.hide()
        self.show_ended.setChecked(False)
        self.model.set_query(replace(self.model.query, only_ids=None, include_ended=False))

    def add_record(self) -> None:
        if self.open_editor(None):
            self.after_change()

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None and self.open_editor(record_id):
            self.after_change()

    def after_change(self) -> None:
        self.refresh()
        self.records_changed.emit()

    def _on_table_activated(self, index: QModelIndex) -> None:
        record_id = self.proxy.record_id(index)
        if record_id is not None and self.open_editor(record_id):
            self.after_change()

    def _update_count(self) -> None:
        shown = self.model.total
        self.count_label.setText(f"{show(shown)} {self.noun}")


def button(text: str, slot: Callable[[], None]) -> QPushButton:
    widget = QPushButton(text)
    widget.clicked.connect(slot)
    return widget
