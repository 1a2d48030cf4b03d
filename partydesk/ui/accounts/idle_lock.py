"""The screen lock: after some minutes without keyboard or mouse input (login on only), or
from Tệp → Khóa màn hình, a full-screen modal dialog covers every PartyDesk window.

Nothing is closed: the lock is a modal dialog on top of whatever was open, so text typed into
an open dialog is still there after unlocking. Only the account that was signed in can unlock
it (with its password); somebody else uses "Thoát", which signs out and ends the program.
Service calls running meanwhile (autosaved drafts) keep working as the signed-in account.

``IdleLock`` is an event filter on the QApplication: every key press, mouse click, move or
wheel restarts a single-shot timer. Tests set the interval (``set_interval_ms``) or call
``lock_now()`` instead of waiting.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import LoginRefused, LoginState
from partydesk.services.accounts import AccountService
from partydesk.ui import messages
from partydesk.ui.accounts.fields import login_edit, password_edit
from partydesk.ui.widgets import FieldErrorLabel

LOCK_TITLE = "PartyDesk đã khóa"
QUIT_RESULT = 2  # LockDialog's result when "Thoát" was chosen
NOT_AVAILABLE = (
    "Chưa bật đăng nhập nên không khóa được màn hình (không có mật khẩu để mở lại). "
    "Người quản trị bật đăng nhập trong Cài đặt → Tài khoản."
)
QUIT_NOTE = (
    "Người khác muốn dùng máy: bấm Thoát để đăng xuất và đóng PartyDesk (nội dung đang nhập dở "
    "ở các cửa sổ chưa lưu sẽ không được giữ; dữ liệu đã lưu không mất), rồi mở lại và đăng "
    "nhập bằng tài khoản của mình."
)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def load_qt_types() -> None:
    """Create the Python class of every Qt type of the loaded PySide6 modules, now.

    PySide6 creates its Python classes lazily. An application-wide event filter is handed
    every object and every kind of event, and creating a class for the first time from inside
    the filter re-enters shiboken's lazy type creation and crashes the process (seen here with
    QTouchEvent → QPointerEvent; reported elsewhere with QProxyStyle, e.g.
    TimeLineAnnotator/desktop#586). Doing it up front, once, takes under 0.1 s once the
    program's windows are imported.
    """
    for name, module in list(sys.modules.items()):
        if name.startswith("PySide6.Qt") and module is not None:
            for attribute in dir(module):
                if attribute.startswith("Q"):
                    getattr(module, attribute)


def _wrapped(text: str, style: str = "") -> QLabel:
    # A plain wrapping QLabel: inside the fixed-width panel its height follows its width.
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


def locked_headline(minutes: int | None) -> str:
    if minutes:
        return f"Màn hình đã khóa sau {minutes} phút không dùng."
    return "Màn hình đã khóa."


class LockDialog(QDialog):
    """Full screen, on top, not closable by Esc or the window's close button.

    Accepted when unlocked; finished with ``QUIT_RESULT`` when "Thoát" was chosen.
    """

    def __init__(
        self, parent: QWidget | None, accounts: AccountService, minutes: int | None
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._may_close = False
        self.setWindowTitle(LOCK_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("lockScreen")
        # The cover hides the personal data on the windows behind it.
        self.setStyleSheet(
            "QDialog#lockScreen { background-color: #37474f; }"
            "QFrame#lockPanel { background-color: white; border-radius: 6px; }"
        )

        account = accounts.current_account()
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFixedWidth(500)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 20)
        self.headline = QLabel(f"<b>{locked_headline(minutes)}</b>")
        self.headline.setStyleSheet("font-size: 13pt;")
        inner.addWidget(self.headline)
        form = QFormLayout()
        self.login = login_edit()
        self.login.setAccessibleName("Tên đăng nhập")
        self.password = password_edit()
        self.password.setAccessibleName("Mật khẩu")
        if account is None:
            # Login was turned on during this session: whoever unlocks signs in with an account.
            inner.addWidget(
                _wrapped(
                    "Đăng nhập bằng tài khoản để làm việc tiếp. Mọi cửa sổ và nội "
                    "dung đang nhập vẫn giữ nguyên."
                )
            )
            form.addRow("Tên đăng nhập", self.login)
        else:
            inner.addWidget(
                _wrapped(
                    f"Tài khoản: <b>{html.escape(account.display_name)}</b> "
                    f"({html.escape(account.login)}). Nhập mật khẩu để làm việc tiếp; mọi cửa "
                    "sổ và nội dung đang nhập vẫn giữ nguyên."
                )
            )
        self.login.setVisible(account is None)
        form.addRow("Mật khẩu", self.password)
        inner.addLayout(form)
        self.error = FieldErrorLabel()
        inner.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.unlock_button = QPushButton("Mở khóa")
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton("Thoát")
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.quit_button.clicked.connect(self._on_quit_clicked)
        inner.addWidget(buttons)
        inner.addWidget(_wrapped(QUIT_NOTE, "color: #555;"))

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        (self.login if account is None else self.password).setFocus()

    def _on_unlock_clicked(self) -> None:
        if self.login.isVisible() and not self.login.text().strip():
            self.error.set_error("Hãy nhập tên đăng nhập.")
            self.login.setFocus()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.login.isVisible():
                self._accounts.login(self.login.text(), self.password.text())
            else:
                self._accounts.unlock(self.password.text())
        except LoginRefused as refused:
            self.password.clear()
            self.error.set_error(refused.message)
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._finish(QDialog.DialogCode.Accepted)

    def _on_quit_clicked(self) -> None:
        self._finish(QUIT_RESULT)

    def _finish(self, result: int) -> None:
        self._may_close = True
        self.done(int(result))

    def reject(self) -> None:
        """Esc does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()


class IdleLock(QObject):
    """Locks the screen after the configured idle minutes while login is on."""

    locked = Signal()
    unlocked = Signal()
    quit_requested = Signal()  # "Thoát" on the lock: the account is already signed out

    def __init__(
        self,
        accounts: AccountService,
        parent_window: Callable[[], QWidget | None] = QApplication.activeWindow,
        *,
        on_quit: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._parent_window = parent_window
        self._on_quit = on_quit if on_quit is not None else QApplication.quit
        self._interval_override: int | None = None
        self._minutes = 0
        self._is_locked = False
        self.dialog: LockDialog | None = None  # the lock dialog while it is shown
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        app = QApplication.instance()
        assert app is not None
        load_qt_types()
        app.installEventFilter(self)
        self.refresh()

    @property
    def is_locked(self) -> bool:
        return self._is_locked

    def set_interval_ms(self, interval: int | None) -> None:
        """Tests: lock after ``interval`` ms instead of the setting's minutes (None: back)."""
        self._interval_override = interval
        self.refresh()

    def refresh(self) -> None:
        """Re-read the settings (login on/off, minutes) and restart the idle countdown."""
        self._minutes = self._accounts.idle_minutes()
        interval = self._interval_override
        if interval is None:
            interval = self._minutes * 60_000
        if interval > 0 and self._accounts.state() is LoginState.ON:
            self.timer.setInterval(interval)
            self.timer.start()
        else:
            self.timer.stop()

    def uninstall(self) -> None:
        """Stop watching input (the file is being closed)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in _INPUT_EVENTS
            and not self._is_locked
            and self.timer.interval() > 0
            and self.timer.isActive()
        ):
            self.timer.start()  # input: the countdown starts again
        return False

    def _on_timer_timeout(self) -> None:
        self.lock_now(idle_minutes=self._minutes)

    def lock_now(self, *, idle_minutes: int | None = None) -> bool:
        """Show the lock until the account unlocks it (True) or chooses Thoát (True, and
        ``quit_requested`` fires). False when login is off (explained) or already locked."""
        if self._is_locked:
            return False
        parent = self._parent_window()
        if self._accounts.state() is not LoginState.ON:
            if idle_minutes is None:
                messages.show_info(parent, "Khóa màn hình", NOT_AVAILABLE)
            return False
        self._is_locked = True
        self.timer.stop()
        self.locked.emit()
        self.dialog = LockDialog(parent, self._accounts, idle_minutes)
        self.dialog.setWindowState(Qt.WindowState.WindowFullScreen)
        try:
            result = self.dialog.exec()
        finally:
            self._is_locked = False
            self.dialog.deleteLater()
            self.dialog = None
        if result == QUIT_RESULT:
            self._accounts.logout()
            self.quit_requested.emit()
            self._on_quit()
            return True
        self.unlocked.emit()
        self.refresh()
        return True
