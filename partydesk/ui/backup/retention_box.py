"""The "Sao lưu tự động" box of the Settings page: how many backups are kept, where they are.

The four counts go to ``BackupService.set_retention`` (which needs the settings permission);
"Mở thư mục" shows this data file's backup folder in Explorer; "Sao lưu ngay" makes a verified
backup at once, in the background.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import AccessDenied
from partydesk.domain.backups import BackupInfo, Retention
from partydesk.domain.errors import ValidationError
from partydesk.services.backups import BackupService, size_text
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.backup import format_moment
from partydesk.ui.tasks import report_task_error, run_with_progress
from partydesk.ui.widgets.wrapped_label import WrappedLabel

TITLE = "Sao lưu tự động"
NOTE = (
    "PartyDesk tự sao lưu dữ liệu mỗi ngày một lần và khi đóng chương trình (nếu dữ liệu có "
    "thay đổi), và trước khi nâng cấp, khôi phục hay nhập dữ liệu từ tệp. Mỗi bản sao lưu "
    "được kiểm tra ngay sau khi tạo. Mọi bản sao lưu của hôm nay và hôm qua được giữ; trước "
    "đó giữ bản mới nhất của mỗi ngày, mỗi tuần, mỗi tháng theo các số dưới đây. Thư mục sao "
    "lưu nằm trên cùng ổ đĩa với dữ liệu, nên hãy thường xuyên sao lưu thêm ra ổ USB "
    "(Tệp → Sao lưu ra USB/thư mục…)."
)
_FIELDS = {
    "daily": "Số ngày giữ bản hằng ngày",
    "weekly": "Số tuần giữ bản hằng tuần",
    "monthly": "Số tháng giữ bản hằng tháng",
    "special": "Số bản trước nâng cấp, khôi phục, nhập",
}


def describe_newest(backups: list[BackupInfo]) -> str:
    good = [b for b in backups if not b.damaged]
    if not good:
        return "Chưa có bản sao lưu nào của tệp dữ liệu này."
    newest = good[0]
    return (
        f"Có {len(good)} bản sao lưu; mới nhất lúc {format_moment(newest.created)} "
        f"({newest.kind_label}, {size_text(newest.size)})."
    )


class RetentionBox(QGroupBox):
    """Retention counts, the backup folder, and a "back up now" button."""

    backed_up = Signal(object)  # the BackupInfo of a backup made with "Sao lưu ngay"

    def __init__(self, backups: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self._backups = backups
        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(NOTE))

        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        current = backups.retention()
        for name, label in _FIELDS.items():
            _, low, high = Retention.limits(name)
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setValue(getattr(current, name))
            spin.setAccessibleName(label)
            spin.setMaximumWidth(90)
            form.addRow(label, spin)
            self.spins[name] = spin
        layout.addLayout(form)

        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Thư mục sao lưu:"))
        self.folder_label = QLabel(str(backups.folder))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        folder_row.addWidget(self.folder_label, 1)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.clicked.connect(self.open_folder)
        folder_row.addWidget(self.open_button)
        layout.addLayout(folder_row)

        self.status = WrappedLabel("", "color: #555;")
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.save_button = QPushButton("Lưu chế độ sao lưu")
        self.save_button.clicked.connect(self.save)
        self.backup_button = QPushButton("Sao lưu ngay")
        self.backup_button.clicked.connect(self.backup_now)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh_status()

    def retention(self) -> Retention:
        """The counts as shown; raises ValidationError (spin boxes keep them in range)."""
        return Retention(**{name: spin.value() for name, spin in self.spins.items()})

    def refresh_status(self) -> None:
        self.status.setText(describe_newest(self._backups.listed()))

    def save(self) -> bool:
        try:
            saved = self._backups.set_retention(self.retention())
        except (ValidationError, AccessDenied, StoreError) as exc:
            messages.show_error(self, TITLE, str(exc))
            return False
        messages.show_info(
            self,
            TITLE,
            f"Đã lưu: giữ bản sao lưu của {saved.daily} ngày, {saved.weekly} tuần, "
            f"{saved.monthly} tháng và {saved.special} bản trước nâng cấp, khôi phục, nhập. "
            "Các bản cũ hơn sẽ được xóa ở lần sao lưu sau.",
        )
        return True

    def open_folder(self) -> bool:
        folder = self._backups.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            messages.show_error(self, TITLE, f"Không tạo được thư mục {folder}: {exc}")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)

        def done(info: BackupInfo) -> None:
            self.backup_button.setEnabled(True)
            self.refresh_status()
            self.backed_up.emit(info)
            messages.show_info(
                self,
                TITLE,
                f"Đã sao lưu và kiểm tra: {info.path} ({size_text(info.size)}).",
            )

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            if isinstance(exc, StoreError):
                messages.show_error(self, TITLE, str(exc))
            else:
                report_task_error(self, TITLE, exc)

        run_with_progress(
            self,
            "Sao lưu ngay",
            lambda *, progress, cancel: self._backups.backup_now(),
            on_success=done,
            on_failure=failed,
            on_cancelled=lambda: self.backup_button.setEnabled(True),
        )
