"""Cài đặt → Tài khoản: the list of accounts and the two security settings.

Everything here goes through ``AccountService``, which refuses what the rules forbid (the last
administrator locked or demoted, login turned on without an administrator…); each refusal is
shown with the service's own message and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import AccessDenied, LoginState, UserAccount
from partydesk.domain.errors import ValidationError
from partydesk.services.accounts import MAX_IDLE_MINUTES, AccountService
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.accounts.password_dialog import ResetPasswordDialog
from partydesk.ui.accounts.user_dialog import UserDialog
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel

TITLE = "Tài khoản"
HEADERS = ("Tên đăng nhập", "Họ tên", "Vai trò", "Trạng thái", "Lần đăng nhập cuối")
LOGIN_REQUIRED_TEXT = "Bắt buộc đăng nhập: mỗi người dùng tài khoản và mật khẩu riêng"
LOGIN_NOTE = (
    "Khi bật, PartyDesk hỏi tên đăng nhập và mật khẩu mỗi lần mở tệp, và mỗi thay đổi trong "
    "nhật ký ghi rõ tài khoản nào đã làm. Khi tắt, mọi thay đổi ghi dưới tên người dùng Windows."
)
TURNED_ON = (
    "Đã bật đăng nhập. Từ lần mở tệp sau, và khi màn hình tự khóa, mọi người phải đăng nhập "
    "bằng tài khoản của mình."
)
TURN_OFF_QUESTION = (
    "Tắt đăng nhập? PartyDesk sẽ không hỏi mật khẩu nữa: ai mở được máy này đều làm được mọi "
    "việc, và nhật ký ghi mọi thay đổi dưới tên người dùng Windows. Các tài khoản vẫn được giữ "
    "để bật lại sau."
)


def _last_login(account: UserAccount) -> str:
    if account.last_login_at is None:
        return "Chưa đăng nhập"
    return f"{account.last_login_at:%d/%m/%Y %H:%M}"


class AccountsDialog(QDialog):
    """``security_changed`` fires after login on/off or the idle minutes were saved, so the
    screen lock can pick up the new setting."""

    security_changed = Signal()

    def __init__(self, parent: QWidget | None, services: AppServices) -> None:
        super().__init__(parent)
        self._accounts: AccountService = services.accounts
        self._rows: list[UserAccount] = []
        self.setWindowTitle(TITLE)
        self.resize(860, 520)

        self.login_required = QCheckBox(LOGIN_REQUIRED_TEXT)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(" phút")
        self.idle_minutes.setAccessibleName("Tự khóa màn hình sau số phút không dùng")
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel("Tự khóa màn hình sau"))
        idle_row.addWidget(self.idle_minutes)
        idle_row.addWidget(QLabel("không dùng (0 = không tự khóa; chỉ khi bật đăng nhập)"))
        idle_row.addStretch(1)
        security = QGroupBox("Đăng nhập")
        security_layout = QVBoxLayout(security)
        security_layout.addWidget(self.login_required)
        security_layout.addWidget(WrappedLabel(LOGIN_NOTE, "color: #555;"))
        security_layout.addLayout(idle_row)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.edit_selected)

        self.add_button = QPushButton("Thêm…")
        self.edit_button = QPushButton("Sửa…")
        self.reset_button = QPushButton("Đặt lại mật khẩu…")
        self.lock_button = QPushButton("Khóa")
        self.add_button.clicked.connect(self.add_account)
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.lock_button.clicked.connect(self.toggle_lock_selected)
        account_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.reset_button, self.lock_button):
            account_buttons.addWidget(button)
        account_buttons.addStretch(1)

        self.error = FieldErrorLabel()
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_box.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(security)
        layout.addWidget(QLabel("<b>Các tài khoản</b>"))
        layout.addWidget(self.table, 1)
        layout.addLayout(account_buttons)
        layout.addWidget(self.error)
        layout.addWidget(close_box)

        self._load_settings()
        self.login_required.toggled.connect(self._on_login_required_toggled)
        self.idle_minutes.editingFinished.connect(self.save_idle_minutes)
        self.reload()

    # --- the list ------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        try:
            self._rows = self._accounts.users()
        except AccessDenied as exc:
            self._rows = []
            self.error.set_error(exc.message)
            for widget in (self.add_button, self.login_required, self.idle_minutes, self.table):
                widget.setEnabled(False)
        now = self._accounts.now()
        current = self._accounts.current_account()
        self.table.setRowCount(len(self._rows))
        for row, account in enumerate(self._rows):
            status = account.status_text(now)
            if current is not None and current.id == account.id:
                status += " (bạn đang đăng nhập)"
            cells = (
                account.login,
                account.display_name,
                account.role.label,
                status,
                _last_login(account),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if account.id == select_id:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and self._rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> UserAccount | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.edit_button, self.reset_button, self.lock_button):
            button.setEnabled(account is not None)
        self.lock_button.setText("Mở khóa" if account and self._is_locked(account) else "Khóa")

    def _is_locked(self, account: UserAccount) -> bool:
        return account.disabled or account.locked_out(self._accounts.now())

    # --- buttons -------------------------------------------------------------------------

    def add_account(self) -> None:
        dialog = UserDialog(self, self._accounts)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.reload(dialog.saved.id)

    def edit_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = UserDialog(self, self._accounts, account)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(account.id)

    def reset_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = ResetPasswordDialog(self, self._accounts, account)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(account.id)
            messages.show_info(
                self,
                "Đặt lại mật khẩu",
                f"Đã đặt mật khẩu mới cho tài khoản {account.login}. Hãy báo mật khẩu này "
                "trực tiếp cho người dùng.",
            )

    def toggle_lock_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        lock = not self._is_locked(account)
        if lock and not messages.ask_yes_no(
            self,
            "Khóa tài khoản",
            f"Khóa tài khoản {account.login} ({account.display_name})? Người này sẽ không đăng "
            "nhập được cho tới khi được mở khóa. Dữ liệu và nhật ký của tài khoản vẫn giữ nguyên.",
        ):
            return
        self._refusable(
            "Khóa tài khoản" if lock else "Mở khóa tài khoản",
            lambda: self._accounts.update_user(
                account.id, account.display_name, account.role, lock
            ),
        )
        self.reload(account.id)

    # --- settings ------------------------------------------------------------------------

    def _load_settings(self) -> None:
        self.login_required.setChecked(self._accounts.state() is LoginState.ON)
        self._saved_idle = self._accounts.idle_minutes()
        self.idle_minutes.setValue(self._saved_idle)

    def _on_login_required_toggled(self, on: bool) -> None:
        if not on and not messages.ask_yes_no(self, "Tắt đăng nhập", TURN_OFF_QUESTION):
            self._set_checked_quietly(True)
            return
        if self._refusable("Bật hoặc tắt đăng nhập", lambda: self._accounts.set_login_required(on)):
            self.security_changed.emit()
            if on:
                messages.show_info(self, "Bật đăng nhập", TURNED_ON)
        else:
            self._set_checked_quietly(not on)

    def _set_checked_quietly(self, checked: bool) -> None:
        self.login_required.blockSignals(True)
        self.login_required.setChecked(checked)
        self.login_required.blockSignals(False)

    def save_idle_minutes(self) -> None:
        value = self.idle_minutes.value()
        if value == self._saved_idle:
            return
        if self._refusable("Tự khóa màn hình", lambda: self._accounts.set_idle_minutes(value)):
            self._saved_idle = value
            self.security_changed.emit()
        else:
            self.idle_minutes.setValue(self._saved_idle)

    def done(self, result: int) -> None:
        # A value typed into the spin box and not yet confirmed is saved on closing too.
        self.save_idle_minutes()
        super().done(result)

    def _refusable(self, title: str, call: Callable[[], object]) -> bool:
        """Run ``call``; show the service's refusal and return False if it refused."""
        try:
            call()
        except (ValidationError, AccessDenied) as exc:
            messages.show_warning(self, title, exc.message)
            return False
        return True
