"""The due list page (Việc cần làm) with its month calendar.

"Danh sách" lists overdue items (red) and those coming up, by date; the filter shows instead
the items marked done or snoozed, so nothing disappears silently. "Lịch tháng" shows the same
items on a month grid with the meetings and briefing sittings of the month; a day's entries are
listed beside it. The items come from the whole register (a tenth of a second on a district
office, more the first time, when the holiday calendar is built), so they are computed in the
background.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.due import DueItem, DueList, DueStatus, MarkState
from partydesk.services.app import AppServices
from partydesk.services.progress import Progress
from partydesk.ui.due.calendar import ENTRY_COLORS, DueCalendar, day_entries
from partydesk.ui.due.list_model import ITEM_ROLE, DueListModel
from partydesk.ui.due.mark_dialog import MarkDialog
from partydesk.ui.export import export_file
from partydesk.ui.tasks import report_task_error, run_with_progress
from partydesk.ui.widgets.list_table import list_table

OPEN, SETTLED = "open", "settled"
LINK_ROLE = Qt.ItemDataRole.UserRole + 2


def summary_text(listed: DueList) -> str:
    if not listed.open:
        return "Không có việc nào quá hạn hoặc đến hạn trong 30 ngày tới."
    parts = []
    if listed.overdue_count:
        parts.append(
            f"<span style='color:#C62828'><b>{listed.overdue_count} việc quá hạn</b></span>"
        )
    if listed.upcoming_count:
        parts.append(f"{listed.upcoming_count} việc sắp đến hạn")
    return " · ".join(parts) + f" · {len(listed.settled)} việc đã xong hoặc tạm hoãn"


class DuePage(QWidget):
    """``record_requested(RecordLink)`` asks the window to open the record of an item."""

    record_requested = Signal(object)
    counted = Signal(int)  # open items (overdue and coming up)
    computed = Signal()  # the list and the calendar show a fresh computation

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stale = True
        self._generation = 0
        today = services.due.today()
        self.listed = DueList((), (), today)

        self.summary = QLabel("Đang tính…")
        self.filter = QComboBox()
        self.filter.setAccessibleName("Hiển thị")
        self.filter.addItem("Cần làm: quá hạn và sắp đến hạn", OPEN)
        self.filter.addItem("Đã xong / tạm hoãn", SETTLED)
        self.filter.currentIndexChanged.connect(self._show_list)
        self.model = DueListModel(self)
        self.table = list_table(self.model, (90, 330, 380))
        self.table.activated.connect(lambda _index: self.open_record())
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.done_button = QPushButton("Đánh dấu đã xong…")
        self.done_button.clicked.connect(lambda: self.mark_selected(MarkState.DONE))
        self.snooze_button = QPushButton("Tạm hoãn…")
        self.snooze_button.clicked.connect(lambda: self.mark_selected(MarkState.SNOOZED))
        self.unmark_button = QPushButton("Bỏ đánh dấu")
        self.unmark_button.clicked.connect(self.unmark_selected)
        self.open_button = QPushButton("Mở bản ghi")
        self.open_button.clicked.connect(self.open_record)
        self.export_button = QPushButton("Xuất lịch (.ics)…")
        self.export_button.setToolTip(
            "Lưu các việc cần làm, buổi sinh hoạt và hội nghị giao ban thành tệp lịch để nhập "
            "vào Outlook hoặc lịch điện thoại"
        )
        self.export_button.clicked.connect(self.export_ics)
        self.refresh_button = QPushButton("Làm mới")
        self.refresh_button.clicked.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(QLabel("Hiển thị"))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.done_button, self.snooze_button, self.unmark_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        list_tab = QWidget()
        list_layout = QVBoxLayout(list_tab)
        list_layout.addLayout(top)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(actions)

        self.calendar = DueCalendar(today)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._show_month())
        self.calendar.selectionChanged.connect(self._show_day)
        self.day_title = QLabel()
        self.day_list = QListWidget()
        self.day_list.setWordWrap(True)
        self.day_list.itemActivated.connect(self._on_day_item_activated)
        day_open = QPushButton("Mở bản ghi")
        day_open.clicked.connect(lambda: self._on_day_item_activated(self.day_list.currentItem()))
        side = QVBoxLayout()
        side.addWidget(self.day_title)
        side.addWidget(self.day_list, 1)
        side.addWidget(day_open)
        calendar_tab = QWidget()
        calendar_layout = QHBoxLayout(calendar_tab)
        calendar_layout.addWidget(self.calendar, 3)
        calendar_layout.addLayout(side, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(list_tab, "Danh sách")
        self.tabs.addTab(calendar_tab, "Lịch tháng")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Việc cần làm</h2>"))
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()

    # --- computing -------------------------------------------------------------------------

    @property
    def open_count(self) -> int:
        return len(self.listed.open)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def mark_stale(self) -> None:
        """Recompute when next shown (the data changed elsewhere)."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Recompute in the background; a newer request makes an older result obsolete."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        due = self._services.due

        def compute(*, progress: Progress, cancel: threading.Event) -> DueList:
            # Splitting the 100,000 items of a province office takes 0.2 s: it is done here,
            # with the items, not on the GUI thread.
            progress(0, 0, "Đang lập danh sách việc cần làm…")
            return due.due_list()

        def show(listed: Any) -> None:
            if generation == self._generation:
                self._show_list_of(listed)

        def fail(exc: BaseException) -> None:
            if generation == self._generation:
                self.summary.setText("Không lập được danh sách việc cần làm.")
            report_task_error(self, "Lập danh sách việc cần làm", exc)

        run_with_progress(
            self, "Lập danh sách việc cần làm", compute, on_success=show, on_failure=fail
        )

    def _show_list_of(self, listed: DueList) -> None:
        self.listed = listed
        self.summary.setText(summary_text(self.listed))
        self.calendar.set_today(listed.today)
        self._show_list()
        self._show_month()
        self.counted.emit(self.open_count)
        self.computed.emit()

    def _show_list(self) -> None:
        selected = self.selected_item()
        settled = self.filter.currentData() == SETTLED
        self.model.set_items(
            self.listed.settled if settled else self.listed.open, self.listed.today
        )
        row = self.model.row_of(selected.key) if selected else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    # --- the list --------------------------------------------------------------------------

    def selected_item(self) -> DueItem | None:
        index = self.table.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def _update_buttons(self, *_args: object) -> None:
        item = self.selected_item()
        marked = item is not None and item.mark is not None
        status = item.status(self.listed.today) if item else None
        self.done_button.setEnabled(item is not None and status is not DueStatus.DONE)
        self.snooze_button.setEnabled(item is not None and status is not DueStatus.DONE)
        self.unmark_button.setEnabled(marked)
        self.open_button.setEnabled(item is not None)

    def mark_selected(self, state: MarkState) -> MarkDialog | None:
        """Open the mark dialog for the selected item (returned for tests; it is modal)."""
        item = self.selected_item()
        if item is None:
            return None
        due = self._services.due

        def save(note: str, until: dt.date | None) -> None:
            if state is MarkState.DONE:
                due.mark_done(item.key, note)
            else:
                due.snooze(item.key, until, note)

        dialog = MarkDialog(item, state, self.listed.today, save, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def unmark_selected(self) -> None:
        item = self.selected_item()
        if item is None or item.mark is None:
            return
        self._services.due.unmark(item.key)
        self.refresh()

    def open_record(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.record_requested.emit(item.link)

    def export_ics(self) -> None:
        export_file(
            self,
            "Xuất lịch việc cần làm",
            "Việc cần làm.ics",
            "Tệp lịch iCalendar (*.ics)",
            self._services.due.write_ics,
            done_message=lambda count, target: (
                f"Đã lưu {count} sự kiện vào tệp:\n{target}\n\nMở tệp bằng Outlook (hoặc nhập "
                "vào lịch khác) để thêm các hạn vào lịch."
            ),
        )

    # --- the month calendar ----------------------------------------------------------------

    def _show_month(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = dt.date(year, month, 1)
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        items = [i for i in self.listed.items if first <= i.on <= last]
        events = self._services.due.events(first, last)
        self.calendar.set_entries(day_entries(items, events, self.listed.today))
        self._show_day()

    def _show_day(self) -> None:
        day = self.calendar.selected_day()
        entries = self.calendar.entries_on(day)
        count = f"{len(entries)} mục" if entries else "không có việc nào"
        self.day_title.setText(f"<b>Ngày {day:%d/%m/%Y}</b>: {count}")
        self.day_list.clear()
        for entry in entries:
            row = QListWidgetItem(entry.text)
            row.setData(LINK_ROLE, entry.link)
            row.setToolTip(entry.tip or entry.text)
            if entry.kind in ENTRY_COLORS:
                row.setForeground(ENTRY_COLORS[entry.kind])
            self.day_list.addItem(row)

    def show_day(self, day: dt.date) -> None:
        """Show ``day`` on the calendar tab (its month and its entries)."""
        self.tabs.setCurrentIndex(1)
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _on_day_item_activated(self, row: QListWidgetItem | None) -> None:
        link = row.data(LINK_ROLE) if row is not None else None
        if link is not None:
            self.record_requested.emit(link)
