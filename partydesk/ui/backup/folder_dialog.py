"""Tệp → Sao lưu ra USB/thư mục…: choose a folder, copy a fresh backup there, read it back.

The copy runs in the background behind a progress dialog that can be cancelled; the clerk is
told where the copy is, its size and SHA-256, that it was read back and checked, and that the
drive can now be removed (or, for a folder on the same disk, why that is not enough).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from partydesk.domain.accounts import AccessDenied, Permission
from partydesk.services.app import AppServices
from partydesk.services.backups import BackupService, CopyResult
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.tasks import report_task_error, run_with_progress

TITLE = "Sao lưu ra USB, thư mục"
CHOOSE_TITLE = "Chọn ổ USB hoặc thư mục để chép bản sao lưu"


def backup_to_folder(parent: QWidget | None, services: AppServices, backups: BackupService) -> None:
    """Ask for a folder and copy a verified backup into it; report the outcome in a box."""
    store = services.store
    if not store.actor.may(Permission.BACKUP, read_only=store.read_only):
        denied = AccessDenied(store.actor, Permission.BACKUP, read_only=store.read_only)
        messages.show_error(parent, TITLE, denied.message)
        return
    folder = QFileDialog.getExistingDirectory(parent, CHOOSE_TITLE)
    if not folder:
        return

    def succeeded(result: CopyResult) -> None:
        messages.show_info(parent, TITLE, result.message)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, StoreError | AccessDenied):
            messages.show_error(parent, TITLE, str(exc))
        else:  # a bug: the details button carries the traceback for support
            report_task_error(parent, TITLE, exc)

    run_with_progress(
        parent,
        TITLE,
        backups.copy_to_folder,
        Path(folder),
        on_success=succeeded,
        on_failure=failed,
        on_cancelled=lambda: messages.show_info(
            parent, TITLE, "Đã hủy. Phần đã chép dở trên ổ đích đã được xóa."
        ),
    )
