"""The composition root: the QApplication, the open database, its services, and the window.

This is the only place that decides which file is open; windows receive the services they
need and ask, through signals, for another file to be opened.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from partydesk._version import __version__
from partydesk.paths import DataPaths, icon_path
from partydesk.services.app import AppServices, build_services
from partydesk.services.database import (
    create_database,
    ensure_demo_database,
    open_database,
    open_or_create_default,
)
from partydesk.services.progress import Progress
from partydesk.store.errors import OpenError
from partydesk.store.store import Store
from partydesk.ui import messages
from partydesk.ui.fonts import install_fonts
from partydesk.ui.main_window import MainWindow
from partydesk.ui.qt_vietnamese import install_vietnamese
from partydesk.ui.tasks import default_runner, run_with_progress

log = logging.getLogger(__name__)

FILE_FILTER = "Tệp dữ liệu PartyDesk (*.sqlite *.db);;Mọi tệp (*)"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with PartyDesk's name, icon, Vietnamese Qt strings and fonts."""
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
    """Owns the open store and the main window, and swaps them when another file is opened."""

    def __init__(self, app: QApplication, paths: DataPaths) -> None:
        self.app = app
        self.paths = paths
        self.ui_settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self.store: Store | None = None
        self.services: AppServices | None = None
        self.window: MainWindow | None = None

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
        try:
            return self._show(open_or_create_default(self.paths))
        except OpenError as exc:
            return self._recover_from(exc)

    def _prepare_demo(self, scale: str) -> Path | None:
        """Create the sample office once, in the background, behind a progress dialog."""
        if self.paths.demo_db(scale).exists():
            return self.paths.demo_db(scale)
        loop = QEventLoop()
        outcome: dict[str, object] = {}

        def create(*, progress: Progress, cancel: threading.Event) -> Path:
            return ensure_demo_database(
                self.paths, scale, today=date.today(), progress=progress, cancel=cancel
            )

        def finish(key: str, value: object = None) -> None:
            outcome[key] = value
            loop.quit()

        run_with_progress(
            None,
            "Tạo văn phòng mẫu",
            create,
            on_success=lambda path: finish("path", path),
            on_failure=lambda exc: finish("error", exc),
            on_cancelled=lambda: finish("cancelled"),
        )
        loop.exec()
        if "error" in outcome:
            messages.show_error(
                None, "Văn phòng mẫu", f"Không tạo được văn phòng mẫu: {outcome['error']}"
            )
            return None
        return outcome.get("path")  # type: ignore[return-value]

    def open_path(self, path: Path) -> bool:
        try:
            store = open_database(path, self.paths)
        except OpenError as exc:
            return self._recover_from(exc)
        return self._show(store)

    def _recover_from(self, error: OpenError) -> bool:
        """Explain why a file cannot be opened and let the clerk pick another or quit."""
        log.warning("Cannot open %s: %s", error.path, error.kind)
        choice = messages.ask_choice(
            self.window,
            "Không mở được tệp dữ liệu",
            error.message,
            ["Mở tệp khác…", "Thoát"] if self.window is None else ["Mở tệp khác…", "Đóng"],
        )
        if choice == 0:
            path = self._ask_file_to_open()
            if path is not None:
                return self.open_path(path)
        return self.window is not None

    def _ask_file_to_open(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Mở tệp dữ liệu PartyDesk", str(self.paths.root), FILE_FILTER
        )
        return Path(name) if name else None

    def _show(self, store: Store) -> bool:
        old_window, old_store = self.window, self.store
        self.store = store
        self.services = build_services(store)
        self.window = MainWindow(self.services, self.ui_settings)
        self.window.open_file_requested.connect(self._on_window_open_file_requested)
        self.window.new_file_requested.connect(self._on_window_new_file_requested)
        self.window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_store is not None:
            old_store.close()
        log.info("Opened %s", store.path)
        return True

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
        if path.exists():
            # The save dialog already asked to replace it; PartyDesk still never overwrites data.
            messages.show_warning(
                self.window,
                "Tạo tệp dữ liệu mới",
                f"Tệp {path} đã có. PartyDesk không ghi đè tệp; hãy chọn tên khác.",
            )
            return
        self._show(create_database(path))

    def shutdown(self) -> None:
        # Background work uses the store: let it end before the connection closes.
        default_runner().cancel_all()
        default_runner().wait_for_done(10_000)
        if self.store is not None:
            self.store.close()
            self.store = None


def install_excepthook(parent_getter: Callable[[], QWidget | None]) -> None:
    """Unexpected errors become a log entry and a dialog with copyable details (R21)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
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
    app = create_application()
    application = Application(app, paths)
    install_excepthook(lambda: application.window)
    if not application.start(db, demo_scale):
        application.shutdown()
        return 1
    try:
        return app.exec()
    finally:
        application.shutdown()
