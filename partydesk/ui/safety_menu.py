"""The main window's data-safety and account entries: backup, restore, check, import, accounts.

Each entry checks the acting account's permission first (the services check again) and says
who may do it, rather than failing halfway. Replacing the open file (restore, check) is the
application's business: the window only asks for it through its signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from partydesk.domain.accounts import AccessDenied, Permission
from partydesk.domain.importing import ImportKind
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.accounts.accounts_dialog import AccountsDialog
from partydesk.ui.accounts.password_dialog import PasswordDialog
from partydesk.ui.backup.folder_dialog import backup_to_folder
from partydesk.ui.backup.restore_dialog import choose_backup
from partydesk.ui.importing import open_import
from partydesk.ui.tasks import run_with_progress


def permitted(parent: QWidget, services: AppServices, permission: Permission, title: str) -> bool:
    """True when the acting account may do this; otherwise say why and return False."""
    store = services.store
    if store.actor.may(permission, read_only=store.read_only):
        return True
    messages.show_warning(
        parent, title, AccessDenied(store.actor, permission, read_only=store.read_only).message
    )
    return False


def back_up_to_folder(parent: QWidget, services: AppServices) -> None:
    if permitted(parent, services, Permission.BACKUP, "Sao lưu ra USB/thư mục"):
        backup_to_folder(parent, services, services.backups)


def ask_restore(parent: QWidget, services: AppServices, restore: Callable[[Path], None]) -> None:
    """List the backups (each is hashed: in the background), let the clerk pick, restore."""
    title = "Khôi phục từ bản sao lưu"
    if not permitted(parent, services, Permission.RESTORE, title):
        return

    def chosen(listed: object) -> None:
        path = choose_backup(parent, listed)  # type: ignore[arg-type]
        if path is not None:
            restore(path)

    run_with_progress(
        parent,
        "Đọc danh sách bản sao lưu",
        lambda *, progress, cancel: services.backups.backups(),
        on_success=chosen,
    )


def import_from_file(
    parent: QWidget, services: AppServices, kind: ImportKind, settings: QSettings
) -> bool:
    """The import wizard; True when records were added."""
    result = open_import(parent, services, services.importer, kind, settings)
    return result is not None and bool(result.added)


def change_password(parent: QWidget, services: AppServices) -> None:
    if services.accounts.current_account() is None:
        messages.show_info(
            parent,
            "Đổi mật khẩu",
            "Đang làm việc không cần đăng nhập nên không có mật khẩu để đổi. Quản trị có thể "
            "bật đăng nhập trong Cài đặt → Tài khoản.",
        )
        return
    PasswordDialog(parent, services.accounts).exec()


def manage_accounts(parent: QWidget, services: AppServices, on_changed: Callable[[], None]) -> None:
    if not permitted(parent, services, Permission.ACCOUNTS, "Tài khoản"):
        return
    dialog = AccountsDialog(parent, services)
    dialog.security_changed.connect(on_changed)
    dialog.exec()
