"""Tệp → Khôi phục từ bản sao lưu…: pick the backup to restore, seeing what each one holds.

Each row shows when the backup was made, why, its size, the PartyDesk and data-structure
versions and how many members, organisations, enterprises and minutes it holds, so the clerk
can tell the backups apart. A backup that no longer checks out is shown with the reason and
cannot be chosen. "Chọn tệp sao lưu khác…" checks any file (a copy on a USB drive) and adds it.
The dialog only chooses; the caller restores (``services.backups.restore_file``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.backups import BackupInfo
from partydesk.services.backups import describe_file, size_text
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.backup import format_moment
from partydesk.ui.tasks import report_task_error, run_with_progress
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.wrapped_label import WrappedLabel

TITLE = "Khôi phục từ bản sao lưu"
HEADERS = (
    "Ngày giờ",
    "Loại",
    "Kích thước",
    "Phiên bản PartyDesk",
    "Cấu trúc",
    "Đảng viên",
    "Tổ chức đảng",
    "Doanh nghiệp",
    "Biên bản",
    "Tình trạng",
)
# The counted tables shown, in column order after "Cấu trúc".
COUNT_COLUMNS = ("members", "organisations", "enterprises", "meetings")
STATUS_COLUMN = len(HEADERS) - 1
GOOD = "Tốt"
UNUSABLE = "Không dùng được"
FILE_FILTER = "Tệp sao lưu PartyDesk (*.sqlite *.db);;Mọi tệp (*)"
_DAMAGED_ROW = QBrush(QColor("#fdecea"))

INTRO = (
    "Chọn bản sao lưu muốn khôi phục. Các bản mới nhất ở trên; số đảng viên, tổ chức đảng, "
    "doanh nghiệp và biên bản giúp nhận ra bản cần dùng. Bản sao lưu trên ổ USB hoặc ở nơi "
    "khác: bấm “Chọn tệp sao lưu khác…”."
)
WARNING = (
    "Dữ liệu đang dùng sẽ được thay bằng bản sao lưu đã chọn: những gì nhập sau thời điểm "
    "sao lưu sẽ không còn. Trước khi thay, PartyDesk tự sao lưu dữ liệu hiện tại (loại “Trước "
    "khi khôi phục”), nên vẫn có thể quay lại nếu chọn nhầm."
)
EMPTY = (
    "Chưa có bản sao lưu nào của tệp dữ liệu này trong thư mục sao lưu. Hãy bấm “Chọn tệp sao "
    "lưu khác…” để chọn một tệp sao lưu (ví dụ trên ổ USB)."
)


def _count_text(info: BackupInfo, table: str) -> str:
    count = info.count(table)
    return "—" if count is None else f"{count:,}".replace(",", ".")


class RestoreDialog(QDialog):
    """The list of backups; ``chosen()`` is the one picked when the dialog was accepted."""

    def __init__(self, parent: QWidget | None, backups: list[BackupInfo]) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(1040, 460)
        self._backups: list[BackupInfo] = []
        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(INTRO))

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_ok)
        self.table.itemDoubleClicked.connect(lambda _item: self._accept_if_usable())
        layout.addWidget(self.table, 1)

        self.empty = WrappedLabel(EMPTY, "color: #555;")
        layout.addWidget(self.empty)
        self.problem = WrappedLabel("", "color: #b00020;")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)

        self.warning = WrappedLabel(WARNING, "color: #8a4b00; font-weight: bold;")
        layout.addWidget(self.warning)

        row = QHBoxLayout()
        self.other_button = QPushButton("Chọn tệp sao lưu khác…")
        self.other_button.clicked.connect(self.choose_other_file)
        row.addWidget(self.other_button)
        row.addStretch(1)
        buttons, self.ok_button = ok_cancel_buttons(self, "Khôi phục", self._accept_if_usable)
        row.addWidget(buttons)
        layout.addLayout(row)

        for info in backups:
            self._append(info)
        self._select_first_usable()
        self._update_ok()

    # --- contents ----------------------------------------------------------------------------

    @property
    def backups(self) -> list[BackupInfo]:
        return list(self._backups)

    def _append(self, info: BackupInfo, *, at: int | None = None) -> int:
        row = self.table.rowCount() if at is None else at
        self._backups.insert(row, info)
        self.table.insertRow(row)
        values = [
            format_moment(info.created),
            info.kind_label,
            size_text(info.size),
            info.app_version or "—",
            str(info.schema_version) if info.schema_version else "—",
            *(_count_text(info, table) for table in COUNT_COLUMNS),
            UNUSABLE if info.damaged else GOOD,
        ]
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if 2 <= column < STATUS_COLUMN:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(info.problem or str(info.path))
            if info.damaged:
                item.setBackground(_DAMAGED_ROW)
            self.table.setItem(row, column, item)
        self.empty.setVisible(not self._backups)
        return row

    def _select_first_usable(self) -> None:
        for row, info in enumerate(self._backups):
            if not info.damaged:
                self.table.selectRow(row)
                return

    def _current(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._backups[rows[0].row()]

    def chosen(self) -> Path | None:
        """The backup to restore: the selected usable row, or None."""
        info = self._current()
        return info.path if info is not None and not info.damaged else None

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)
        info = self._current()
        damaged = info is not None and info.damaged
        self.problem.setVisible(damaged)
        if damaged:
            self.problem.setText(
                f"Không khôi phục được từ bản sao lưu lúc {format_moment(info.created)} "
                f"({info.path.name}): {info.problem}."
            )

    def _accept_if_usable(self) -> None:
        if self.chosen() is not None:
            self.accept()

    # --- another file ------------------------------------------------------------------------

    def choose_other_file(self) -> None:
        """Pick a backup file anywhere, check it fully in the background, add it on top."""
        name, _ = QFileDialog.getOpenFileName(self, "Chọn tệp sao lưu", "", FILE_FILTER)
        if not name:
            return
        path = Path(name)
        for row, info in enumerate(self._backups):
            if info.path == path:
                self.table.selectRow(row)
                return
        run_with_progress(
            self,
            "Kiểm tra tệp sao lưu",
            lambda *, progress, cancel: describe_file(path),
            on_success=self.add_checked,
            on_failure=lambda exc: self._refuse(path, exc),
        )

    def add_checked(self, info: BackupInfo) -> None:
        row = self._append(info, at=0)
        self.table.selectRow(row)

    def _refuse(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, StoreError):
            messages.show_error(self, TITLE, f"{exc} Dữ liệu đang dùng không bị thay đổi.")
        else:
            report_task_error(self, TITLE, exc)


def choose_backup(parent: QWidget | None, backups: list[BackupInfo]) -> Path | None:
    """Show the dialog; the backup file the clerk chose to restore, or None."""
    dialog = RestoreDialog(parent, backups)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen()
        return None
    finally:
        dialog.deleteLater()
