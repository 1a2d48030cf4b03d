"""The login dialog: login name and password, the refusal under the fields, "Thoát".

A refusal (wrong login or password, a locked account, the wait after repeated failures) is the
service's message, shown under the fields; the password field is emptied for the next try.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import LoginRefused
from partydesk.services.accounts import AccountService
from partydesk.ui.accounts.fields import login_edit, password_edit
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel

LOGIN_TITLE = "Đăng nhập PartyDesk"


class LoginDialog(QDialog):
    """Accepted once an account has signed in; rejected by "Thoát"."""

    def __init__(
        self,
        parent: QWidget | None,
        accounts: AccountService,
        *,
        intro: str = "Hãy đăng nhập bằng tài khoản của bạn.",
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle(LOGIN_TITLE)
        self.setMinimumWidth(420)

        self.login = login_edit()
        self.login.setAccessibleName("Tên đăng nhập")
        self.password = password_edit()
        self.password.setAccessibleName("Mật khẩu")
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.login)
        form.addRow("Mật khẩu", self.password)
        self.error = FieldErrorLabel()

        buttons = QDialogButtonBox()
        self.login_button = QPushButton("Đăng nhập")
        self.login_button.setDefault(True)
        self.quit_button = QPushButton("Thoát")
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.clicked.connect(self._on_login_clicked)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(intro))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.login.setFocus()

    def _on_login_clicked(self) -> None:
        if not self.login.text().strip():
            self._refuse("Hãy nhập tên đăng nhập.", self.login)
            return
        if not self.password.text():
            self._refuse("Hãy nhập mật khẩu.", self.password)
            return
        # Checking a password takes about half a second by design (Argon2).
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._accounts.login(self.login.text(), self.password.text())
        except LoginRefused as refused:
            self.password.clear()
            self._refuse(refused.message, self.password)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.error.clear_error()
        self.accept()

    def _refuse(self, message: str, focus: QLineEdit) -> None:
        self.error.set_error(message)
        focus.setFocus()
