"""The composition root: the QApplication, the open database, its services, and the window.

This is the only place that decides which file is open; windows receive the services they
need and ask, through signals, for another file to be opened.

Opening a file (``open_path``), in order:

1. where is it? A network drive, a sync folder or a USB stick: offer a copy on this computer,
   opening it only to look at it, another file, or leaving (reliability D1);
2. take its lock: someone else working in it is named, and the file may be opened to look;
3. open it: a file that cannot be opened is explained, with the latest good backup offered;
4. sign in, then show the window (with the read-only banner when it is read-only), check the
   audit chain against the head remembered at the last close, and back up every 30 minutes.

Closing a file (another one opened, a restore, the end of the program): the backup on close,
the audit head remembered outside the file, the connection closed, the lock released.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from partydesk._version import __version__
from partydesk.app_identity import instance_server_name
from partydesk.domain.accounts import AccessDenied, Actor, Permission
from partydesk.domain.audit import ChainReport
from partydesk.paths import DataPaths, data_paths, icon_path
from partydesk.services.app import AppServices, build_services
from partydesk.services.audit import require
from partydesk.services.audit_log import check_at_open, remember_at_close
from partydesk.services.backups import BackupService, RestoreResult, latest_good, restore_file
from partydesk.services.database import (
    check_database,
    copy_to_this_computer,
    create_database,
    ensure_demo_database,
    note_restored,
    open_database,
)
from partydesk.services.location import Location, classify
from partydesk.services.progress import Progress
from partydesk.store import sqlite_gate
from partydesk.store.errors import OpenError, OpenErrorKind, StoreError, WriteFailed
from partydesk.store.file_lock import LockHeld, current_user
from partydesk.store.store import CheckReport, Store
from partydesk.ui import messages, open_dialogs
from partydesk.ui.accounts.idle_lock import IdleLock
from partydesk.ui.accounts.sign_in import sign_in
from partydesk.ui.fonts import install_fonts
from partydesk.ui.main_window import MainWindow
from partydesk.ui.none_refcount import guard_none_refcount
from partydesk.ui.open_dialogs import DamagedChoice, RiskyChoice
from partydesk.ui.qt_vietnamese import install_vietnamese
from partydesk.ui.single_instance import (
    InstanceServer,
    bring_to_front,
    hold_running_mutex,
    set_app_user_model_id,
)
from partydesk.ui.tasks import TaskProgressDialog, default_runner, run_with_progress

log = logging.getLogger(__name__)

FILE_FILTER = "Tệp dữ liệu PartyDesk (*.sqlite *.db);;Mọi tệp (*)"
BACKUP_INTERVAL_MS = 30 * 60 * 1000
# A file in one of these states may be the clerk's own data gone bad: offer its latest backup.
RESTORABLE = frozenset(
    {
        OpenErrorKind.NOT_FOUND,
        OpenErrorKind.EMPTY_FILE,
        OpenErrorKind.NOT_SQLITE,
        OpenErrorKind.OTHER_APPLICATION,
        OpenErrorKind.CORRUPT,
    }
)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with PartyDesk's name, icon, Vietnamese Qt strings and fonts."""
    guard_none_refcount()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("PartyDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("PartyDesk")
    app.setWindowIcon(QIcon(str(icon_path("partydesk.ico"))))
    app._pd_translator = install_vietnamese(app)  # type: ignore[attr-defined]  # keep alive
    install_fonts(app)
    return app


class Application:
    """Owns the open store and the main window, and swaps them when another file is opened.

    ``now`` and ``locate`` are the clock and the place classifier (replaced in tests).
    """

    def __init__(
        self,
        app: QApplication,
        paths: DataPaths,
        *,
        now: Callable[[], datetime] = datetime.now,
        locate: Callable[[Path], Location] = classify,
    ) -> None:
        self.app = app
        self.paths = paths
        self.ui_settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self.store: Store | None = None
        self.services: AppServices | None = None
        self.window: MainWindow | None = None
        self._now = now
        self._locate = locate
        self._backup_timer = QTimer()
        self._backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self._backup_running = False
        self._backup_warned = False
        self.idle_lock: IdleLock | None = None
        self._closing_on_request = False

    # --- opening ---------------------------------------------------------------------------

    def start(self, db: Path | None, demo_scale: str | None) -> bool:
        """Open the first database; False when the clerk chose to quit instead."""
        if demo_scale is not None:
            path = self._prepare_demo(demo_scale)
            if path is None:
                return False
            return self.open_path(path)
        if db is not None:
            return self.open_path(db)
        if self.paths.default_db.exists():
            return self.open_path(self.paths.default_db)
        try:
            store = create_database(self.paths.default_db)
        except (StoreError, OSError) as exc:
            messages.show_error(
                None,
                "Không tạo được tệp dữ liệu",
                f"Không tạo được tệp dữ liệu {self.paths.default_db}: {_reason(exc)}",
            )
            return False
        return self._show(store)

    def _prepare_demo(self, scale: str) -> Path | None:
        """Create the sample office once, in the background, behind a progress dialog."""
        if self.paths.demo_db(scale).exists():
            return self.paths.demo_db(scale)

        def create(*, progress: Progress, cancel: threading.Event) -> Path:
            return ensure_demo_database(
                self.paths, scale, today=date.today(), progress=progress, cancel=cancel
            )

        outcome = self._run_and_wait("Tạo văn phòng mẫu", create)
        if "error" in outcome:
            messages.show_error(
                None, "Văn phòng mẫu", f"Không tạo được văn phòng mẫu: {outcome['error']}"
            )
            return None
        return outcome.get("result")

    def open_path(
        self,
        path: Path,
        *,
        read_only: bool = False,
        reason: str = "",
        restored: RestoreResult | None = None,
        restored_by: Actor | None = None,
    ) -> bool:
        """Open ``path`` (see the module docstring); False when the clerk chose to quit.

        With a window already open, a refusal keeps it (and its file) as they were.
        """
        path = Path(path)
        if not read_only:
            location = self._locate(path.absolute())
            if location.risky:
                return self._open_risky(path, location)
        try:
            store = open_database(path, self.paths, read_only=read_only, reason=reason)
        except LockHeld as exc:
            log.info("%s is held: %s", path, exc.holder)
            if open_dialogs.ask_lock_held(self.window, exc, window_open=self._window_open):
                return self.open_path(path, read_only=True, reason=exc.reason)
            return self._window_open
        except OpenError as exc:
            return self._recover_from(exc)
        return self._show(store, restored=restored, restored_by=restored_by)

    @property
    def _window_open(self) -> bool:
        return self.window is not None

    def _open_risky(self, path: Path, location: Location) -> bool:
        # A copy into a data folder that is itself on a risky place would not help.
        can_copy = not self._locate(self.paths.root).risky
        choice = open_dialogs.ask_risky_location(
            self.window, path, location, can_copy=can_copy, window_open=self._window_open
        )
        if choice is RiskyChoice.COPY:
            return self._open_copy(path)
        if choice is RiskyChoice.VIEW:
            return self.open_path(path, read_only=True, reason=location.reason)
        if choice is RiskyChoice.OTHER:
            return self._open_other()
        return self._window_open

    def _open_copy(self, source: Path) -> bool:
        outcome = self._run_and_wait(
            "Sao chép tệp dữ liệu về máy này",
            lambda *, progress, cancel: copy_to_this_computer(source, self.paths),
        )
        error = outcome.get("error")
        if isinstance(error, OpenError):
            return self._recover_from(error)
        if error is not None:
            messages.show_error(self.window, "Không sao chép được tệp", _reason(error))
            return self._window_open
        if "result" not in outcome:  # cancelled
            return self._window_open
        copy: Path = outcome["result"]
        open_dialogs.show_copied(self.window, source, copy)
        return self.open_path(copy)

    def _open_other(self) -> bool:
        path = self._ask_file_to_open()
        if path is None:
            return self._window_open
        return self.open_path(path)

    def _recover_from(self, error: OpenError) -> bool:
        """Explain why a file cannot be opened; offer its latest good backup, another file,
        or leaving."""
        log.warning("Cannot open %s: %s (%s)", error.path, error.kind, error.detail)
        backup = self._latest_good(error.path) if error.kind in RESTORABLE else None
        choice = open_dialogs.ask_damaged_file(
            self.window,
            error,
            backup.created if backup is not None else None,
            window_open=self._window_open,
        )
        if choice is DamagedChoice.RESTORE and backup is not None:
            return self._restore_and_open(error.path, backup.path, restored_by=None)
        if choice is DamagedChoice.OTHER:
            return self._open_other()
        return self._window_open

    def _latest_good(self, path: Path) -> Any:
        try:
            return latest_good(self.paths, path)
        except Exception:  # looking for a backup must never stop the explanation
            log.exception("Looking for a backup of %s failed", path)
            return None

    def _restore_and_open(self, path: Path, backup: Path, *, restored_by: Actor | None) -> bool:
        """Replace ``path`` by ``backup`` (the replaced file is kept) and open the result."""
        result = self._restore(path, backup)
        if result is None:
            return self._window_open
        return self.open_path(path, restored=result, restored_by=restored_by)

    def _restore(self, path: Path, backup: Path) -> RestoreResult | None:
        """Run the restore behind a progress dialog and say how it went; None if it failed."""
        outcome = self._run_and_wait(
            "Khôi phục dữ liệu",
            lambda *, progress, cancel: restore_file(self.paths, path, backup, self._now),
        )
        error = outcome.get("error")
        if error is not None:
            log.warning("Restore of %s from %s failed: %r", path, backup, error)
            messages.show_error(self._parent(), "Không khôi phục được dữ liệu", _reason(error))
            return None
        result: RestoreResult | None = outcome.get("result")
        if result is not None:
            messages.show_info(self._parent(), "Đã khôi phục dữ liệu", result.message)
        return result

    def _ask_file_to_open(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Mở tệp dữ liệu PartyDesk", str(self.paths.root), FILE_FILTER
        )
        return Path(name) if name else None

    def _show(
        self,
        store: Store,
        *,
        restored: RestoreResult | None = None,
        restored_by: Actor | None = None,
    ) -> bool:
        services = build_services(store, paths=self.paths)
        if restored is not None:
            self._note_restored(store, restored, restored_by)
        # Before any window shows data: nobody sees the register without signing in.
        if not sign_in(self.window, services):
            log.info("Nobody signed in to %s; closing it", store.path)
            self._close_store(store, backup=False)
            return self._window_open
        old_window, old_store = self.window, self.store
        self.store = store
        self.services = services
        self.window = MainWindow(services, self.ui_settings)
        self.window.open_file_requested.connect(self._on_window_open_file_requested)
        self.window.check_database_requested.connect(self.check_database)
        self.window.restore_requested.connect(self.restore_from)
        self._install_idle_lock(services)
        self.window.new_file_requested.connect(self._on_window_new_file_requested)
        if store.read_only:
            self.window.show_read_only_banner(store.read_only_reason)
        self.window.show()
        if old_window is not None:
            _retire(old_window)
        if old_store is not None:
            self._close_store(old_store)
        log.info("Opened %s%s", store.path, " read-only" if store.read_only else "")
        self._after_open(store)
        return True

    def _install_idle_lock(self, services: AppServices) -> None:
        """One idle lock per open file: it asks that file's accounts for the password."""
        if self.idle_lock is not None:
            self.idle_lock.uninstall()
            self.idle_lock.deleteLater()
        self.idle_lock = IdleLock(services.accounts, lambda: self.window)
        assert self.window is not None
        self.window.lock_requested.connect(self.idle_lock.lock_now)
        self.window.security_changed.connect(self.idle_lock.refresh)

    def _note_restored(self, store: Store, result: RestoreResult, by: Actor | None) -> None:
        if by is not None:
            store.actor = by  # who chose the restore, until someone signs in
        try:
            note_restored(store, result.restored_from, result.previous_saved_as, self.paths)
        except (StoreError, AccessDenied, OSError) as exc:
            log.warning("Could not record the restore of %s: %s", store.path, exc)

    # --- after opening, while open, when closing -------------------------------------------

    def _after_open(self, store: Store) -> None:
        default_runner().start(
            lambda *, progress, cancel: check_at_open(store, self.paths),
            on_success=lambda report: self._on_chain_checked(store, report),
            on_failure=lambda exc: log.error("Audit chain check of %s failed: %r", store.path, exc),
        )
        if store.read_only:
            self._backup_timer.stop()
        else:
            self._backup_timer.start()

    def _on_chain_checked(self, store: Store, report: ChainReport) -> None:
        if report.intact or store is not self.store:
            return
        log.warning("Audit chain of %s: %s", store.path, report.describe())
        messages.show_warning(
            self._parent(),
            "Nhật ký thay đổi có vấn đề",
            "Khi mở tệp, PartyDesk kiểm tra nhật ký thay đổi và thấy:\n\n"
            + "\n".join(f"• {line}" for line in report.describe())
            + "\n\nDữ liệu vẫn mở bình thường. Người quản trị xem chi tiết ở trang Nhật ký thay "
            "đổi (nút Kiểm tra tính toàn vẹn).",
        )

    def _on_backup_timer_timeout(self) -> None:
        store = self.store
        if store is None or store.read_only or self._backup_running:
            return
        self._backup_running = True

        def finished(outcome: object) -> None:
            self._backup_running = False
            if isinstance(outcome, BaseException):
                self._on_daily_backup_failed(store, outcome)
            elif outcome is not None:
                log.info("Daily backup of %s: %s", store.path, outcome.path)  # type: ignore[attr-defined]

        default_runner().start(
            lambda *, progress, cancel: BackupService(store, self.paths, self._now).backup_if_due(),
            on_success=finished,
            on_failure=finished,
            on_cancelled=lambda: finished(None),
        )

    def _on_daily_backup_failed(self, store: Store, exc: BaseException) -> None:
        log.error("Daily backup of %s failed: %r", store.path, exc)
        if self._backup_warned:
            return  # once a session: the timer tries again every 30 minutes
        self._backup_warned = True
        messages.show_warning(
            self._parent(),
            "Sao lưu tự động",
            f"Không sao lưu tự động được dữ liệu: {_reason(exc)}\n\nDữ liệu đang dùng không bị "
            "ảnh hưởng. PartyDesk sẽ thử lại sau 30 phút; nên sao lưu ra USB ngay.",
        )

    def _close_store(self, store: Store, *, backup: bool = True) -> None:
        """The backup on close and the audit head remembered outside the file, then close
        (which releases the lock). A failing backup is shown, never blocks the close."""
        if not store.read_only:
            if backup:
                self._backup_on_close(store)
            remember_at_close(store, self.paths)
        store.close()
        log.info("Closed %s", store.path)

    def _backup_on_close(self, store: Store) -> None:
        outcome = self._run_and_wait(
            "Sao lưu dữ liệu trước khi đóng",
            lambda *, progress, cancel: BackupService(
                store, self.paths, self._now
            ).backup_on_close(),
        )
        error = outcome.get("error")
        if error is None:
            return
        log.error("Backup on close of %s failed: %r", store.path, error)
        messages.show_warning(
            self._parent(),
            "Sao lưu khi đóng",
            f"Không sao lưu được dữ liệu khi đóng tệp {store.path}: {_reason(error)}\n\nDữ liệu "
            "đã lưu trong tệp không bị ảnh hưởng. Lần mở sau PartyDesk sẽ sao lưu lại.",
        )

    def _parent(self) -> QWidget | None:
        window = self.window
        return window if window is not None and shiboken6.isValid(window) else None

    def _run_and_wait(self, title: str, fn: Callable[..., Any]) -> dict[str, Any]:
        """Run ``fn`` in the background behind a progress dialog and wait for it:
        ``{"result": …}``, ``{"error": exc}`` or ``{}`` when cancelled.

        Waits by processing events rather than with ``QEventLoop.exec()``, which returns at
        once while the application is quitting (the backup at close runs just then).
        """
        outcome: dict[str, Any] = {}
        finished: list[bool] = []

        def finish(key: str | None, value: object = None) -> None:
            if key is not None:
                outcome[key] = value
            finished.append(True)

        run_with_progress(
            self._parent(),
            title,
            fn,
            on_success=lambda result: finish("result", result),
            on_failure=lambda exc: finish("error", exc),
            on_cancelled=lambda: finish(None),
        )
        loop = QEventLoop()
        while not finished:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return outcome

    # --- menu entry points -----------------------------------------------------------------

    def restore_from(self, backup_path: Path) -> bool:
        """Replace the open file's data with a backup (Tệp → Khôi phục từ bản sao lưu…).

        The window and the store close and the lock is released, the backup replaces the file
        (the current data is saved first, see ``services.backups.restore_file``), and the file
        is opened again. False when it did not happen (not permitted, or the restore failed
        and the old data is open again).
        """
        store = self.store
        if store is None:
            return False
        try:
            require(store, Permission.RESTORE)
        except AccessDenied as exc:
            messages.show_warning(self._parent(), "Khôi phục dữ liệu", str(exc))
            return False
        path, actor = store.path, store.actor
        quits = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)  # the window closes before the new one opens
        try:
            self._backup_timer.stop()
            window, self.window = self.window, None
            if window is not None:
                _retire(window)
            default_runner().cancel_all()
            default_runner().wait_for_done(10_000)
            self.store = self.services = None
            # No backup on close: the restore saves the current data itself. No audit head
            # remembered: the restored file's own head becomes the remembered one.
            store.close()
            result = self._restore(path, Path(backup_path))
            if result is None:
                self.open_path(path)  # the data as it was
            else:
                self.open_path(path, restored=result, restored_by=actor)
        finally:
            self.app.setQuitOnLastWindowClosed(quits)
            if self.window is None and quits:
                self.app.quit()
        return result is not None

    def check_database(self) -> None:
        """Tệp → Kiểm tra dữ liệu: ``integrity_check`` and ``foreign_key_check`` of the open
        file, read-only, in the background; the report in a dialog."""
        store = self.store
        if store is None:
            return
        path = store.path

        def shown(report: CheckReport) -> None:
            open_dialogs.show_check_report(self._parent(), report)

        run_with_progress(
            self._parent(),
            "Kiểm tra dữ liệu",
            lambda *, progress, cancel: check_database(path),
            on_success=shown,
        )

    # --- window requests -------------------------------------------------------------------

    def _on_window_open_file_requested(self) -> None:
        path = self._ask_file_to_open()
        if path is not None and (self.store is None or path.resolve() != self.store.path.resolve()):
            self.open_path(path)

    def _on_window_new_file_requested(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Tạo tệp dữ liệu mới",
            str(self.paths.root / "du-lieu-moi.sqlite"),
            FILE_FILTER,
        )
        if not name:
            return
        path = Path(name)
        title = "Tạo tệp dữ liệu mới"
        if path.exists():
            # The save dialog already asked to replace it; PartyDesk still never overwrites data.
            messages.show_warning(
                self.window,
                title,
                f"Tệp {path} đã có. PartyDesk không ghi đè tệp; hãy chọn tên khác.",
            )
            return
        location = self._locate(path)
        if location.risky:
            messages.show_warning(
                self.window,
                title,
                f"{location.reason}\n\nPartyDesk không tạo tệp dữ liệu ở đó. Hãy chọn một thư "
                f"mục trên ổ đĩa của máy này, ví dụ {self.paths.root}.",
            )
            return
        try:
            store = create_database(path)
        except (StoreError, OSError) as exc:
            messages.show_error(self.window, title, f"Không tạo được tệp {path}: {_reason(exc)}")
            return
        self._show(store)

    def request_close(self) -> bool:
        """Close PartyDesk as the clerk would, because another process asked (the installer,
        before it replaces the program's files).

        The open dialogs first, then the main window, each through its own close path: a
        dialog with unsaved changes still asks, and once the main window has closed the event
        loop ends and ``shutdown`` makes the backup on close. Whatever refuses to close (a
        question answered "no", the lock screen) keeps PartyDesk open, and so does a job
        behind a progress dialog, which is left running rather than cancelled behind the
        clerk's back; the installer then asks the clerk to close PartyDesk. True when no
        window is left open.
        """
        if self._closing_on_request:
            log.info("Close request ignored: the previous one is still being answered")
            return False
        jobs = [
            w.windowTitle()
            for w in QApplication.topLevelWidgets()
            if isinstance(w, TaskProgressDialog) and w.isVisible()
        ]
        if jobs:
            log.info("Close request refused: still working on %s", ", ".join(jobs))
            return False
        self._closing_on_request = True
        try:
            QApplication.closeAllWindows()
        finally:
            self._closing_on_request = False
        still_open = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if still_open:
            log.info("Close request refused by %s", ", ".join(type(w).__name__ for w in still_open))
        return not still_open

    def shutdown(self) -> None:
        self._backup_timer.stop()
        window, self.window = self.window, None
        if window is not None and shiboken6.isValid(window):
            _retire(window)
        # Background work uses the store: let it end before the connection closes.
        default_runner().cancel_all()
        default_runner().wait_for_done(10_000)
        QCoreApplication.sendPostedEvents()
        if self.store is not None:
            store, self.store, self.services = self.store, None, None
            self._close_store(store)


def _retire(window: MainWindow) -> None:
    """Close a window whose store is about to close.

    Its close ends the background work it started; the results of that work are already
    queued to the GUI thread, so they are delivered now, while its store is still open, rather
    than later against a closed connection.
    """
    window.close()
    runner = default_runner()
    for _ in range(10):  # a delivered result may start a follow-up task: wait for it too
        runner.wait_for_done(10_000)
        QCoreApplication.sendPostedEvents()
        if not runner.is_busy:
            break
    window.deleteLater()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


# Errors whose message is written for the clerk; everything else is a bug to report.
REFUSALS = (AccessDenied, WriteFailed, LockHeld)


def install_excepthook(parent_getter: Callable[[], QWidget | None]) -> None:
    """Unexpected errors become a log entry and a dialog with copyable details (R21)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, REFUSALS):
            # A refusal that reached no handler (a permission, a full disk): its message
            # already tells the clerk what happened and that nothing was half-saved.
            log.warning("Refused: %s", exc)
            messages.show_warning(parent_getter(), "Không thực hiện được", str(exc))
            return
        log.critical("Unhandled error", exc_info=(kind, exc, tb))
        details = "".join(traceback.format_exception(kind, exc, tb))
        messages.show_error(
            parent_getter(),
            "Lỗi không mong đợi",
            "PartyDesk gặp lỗi không mong đợi. Dữ liệu đã lưu không bị ảnh hưởng; việc đang "
            f"làm dở có thể chưa được lưu.\n\n{exc}",
            details=details,
        )

    sys.excepthook = hook


def run_gui(paths: DataPaths, *, db: Path | None = None, demo_scale: str | None = None) -> int:
    set_app_user_model_id()  # before the first window, so the taskbar shows PartyDesk's icon
    app = create_application()
    hold_running_mutex()
    instance = InstanceServer(app)
    name = instance_server_name(current_user(), paths.root, data_paths().root)
    if not instance.claim(name):
        # The PartyDesk already running has been asked to come to the front; no file is
        # touched here, so two processes never fight over the same database.
        log.info("PartyDesk already runs for %s; this start ends", paths.root)
        return 0
    if problems := sqlite_gate.current_problems():
        # A SQLite without what PartyDesk needs would fail half-way through a migration or
        # a search: refuse before any file is opened (reliability T15).
        log.critical("Unsuitable SQLite: %s", problems)
        messages.show_error(
            None, "Không chạy được PartyDesk", sqlite_gate.unsuitable_message(problems)
        )
        instance.close()
        return 1
    application = Application(app, paths)
    instance.activate_requested.connect(lambda: bring_to_front(application.window))
    instance.close_requested.connect(application.request_close)
    install_excepthook(lambda: application.window)
    try:
        if not application.start(db, demo_scale):
            application.shutdown()
            return 1
        try:
            return app.exec()
        finally:
            application.shutdown()
    finally:
        instance.close()
