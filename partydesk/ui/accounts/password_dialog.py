"""Password dialogs: changing one's own password, and an administrator resetting another's.

``PasswordDialog(forced=True)`` is shown after a login with a temporary password: its second
button reads "Thoát" and the caller signs the account out when it is chosen.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import MIN_PASSWORD_LENGTH, AccessDenied, UserAccount
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.services.accounts import AccountService
from partydesk.ui.accounts.fields import FormErrors, password_edit
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons

CHANGE_TITLE = "Đổi mật khẩu"
RESET_TITLE = "Đặt lại mật khẩu"
FORCED_NOTE = (
    "Người quản trị đã đặt mật khẩu tạm cho tài khoản này. Hãy đặt mật khẩu mới của riêng bạn "
    "trước khi làm việc."
)
PASSWORD_RULE = (
    f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự, không bắt đầu hay kết thúc bằng dấu "
    "cách. Chữ hoa, chữ thường và chữ có dấu đều được tính là khác nhau."
)
MISMATCH = "Nhập lại mật khẩu: chưa khớp với mật khẩu mới."


def _submit(
    fields: FormErrors, new: QLineEdit, repeat: QLineEdit, save: Callable[[], None]
) -> bool:
    """Check that the two new passwords match, then ``save``; show what went wrong beside
    its field. True when saved."""
    fields.clear()
    if new.text() != repeat.text():
        repeat.clear()
        fields.show(ValidationError("repeat", MISMATCH))
        return False
    # Hashing a password takes about half a second by design (Argon2).
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        save()
    except (ValidationError, InvalidRecord) as exc:
        fields.show(exc)
        return False
    except AccessDenied as exc:
        fields.set_error(None, exc.message)
        return False
    finally:
        QApplication.restoreOverrideCursor()
    return True


class PasswordDialog(QDialog):
    """Change the signed-in account's own password: current, new, new again."""

    def __init__(
        self, parent: QWidget | None, accounts: AccountService, *, forced: bool = False
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle(CHANGE_TITLE)
        self.setMinimumWidth(460)
        self.error = FieldErrorLabel()
        form = QFormLayout()
        self.fields = FormErrors(form, self.error)
        self.old = self.fields.add("old_password", "Mật khẩu hiện tại", password_edit())
        self.new = self.fields.add("new_password", "Mật khẩu mới", password_edit())
        self.repeat = self.fields.add("repeat", "Nhập lại mật khẩu mới", password_edit())
        buttons, self.ok_button = ok_cancel_buttons(
            self, "Đổi mật khẩu", self._on_ok, cancel_text="Thoát" if forced else "Hủy"
        )
        layout = QVBoxLayout(self)
        if forced:
            layout.addWidget(WrappedLabel(FORCED_NOTE, "font-weight: bold;"))
        layout.addLayout(form)
        layout.addWidget(WrappedLabel(PASSWORD_RULE, "color: #555;"))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.old.setFocus()

    def _on_ok(self) -> None:
        def save() -> None:
            try:
                self._accounts.change_password(self.old.text(), self.new.text())
            except ValidationError as exc:
                if exc.field == "old_password":
                    self.old.clear()
                raise

        if _submit(self.fields, self.new, self.repeat, save):
            self.accept()


class ResetPasswordDialog(QDialog):
    """An administrator gives ``account`` a new password, by default a temporary one."""

    def __init__(
        self, parent: QWidget | None, accounts: AccountService, account: UserAccount
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._account = account
        self.setWindowTitle(RESET_TITLE)
        self.setMinimumWidth(460)
        self.error = FieldErrorLabel()
        form = QFormLayout()
        self.fields = FormErrors(form, self.error)
        self.new = self.fields.add("new_password", "Mật khẩu mới", password_edit())
        self.repeat = self.fields.add("repeat", "Nhập lại mật khẩu mới", password_edit())
        self.must_change = QCheckBox("Bắt đổi mật khẩu này ở lần đăng nhập sau")
        self.must_change.setChecked(True)
        form.addRow("", self.must_change)
        buttons, self.ok_button = ok_cancel_buttons(self, "Đặt lại mật khẩu", self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(
            WrappedLabel(
                f"Tài khoản: <b>{html.escape(account.login)}</b> "
                f"({html.escape(account.display_name)}). Mật khẩu cũ "
                "không dùng được nữa; nếu tài khoản đang tạm khóa vì nhập sai, khóa được gỡ."
            )
        )
        layout.addLayout(form)
        layout.addWidget(WrappedLabel(PASSWORD_RULE, "color: #555;"))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.new.setFocus()

    def _on_ok(self) -> None:
        def save() -> None:
            self._accounts.reset_password(
                self._account.id, self.new.text(), must_change=self.must_change.isChecked()
            )

        if _submit(self.fields, self.new, self.repeat, save):
            self.accept()
