"""Adding an account (login, name, role, first password) or editing one (name, role).

The role picker says what the chosen role may do, from the permission matrix itself, so the
text cannot drift from what the services enforce.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import PERMISSIONS, AccessDenied, Permission, Role, UserAccount
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.services.accounts import AccountService
from partydesk.ui.accounts.fields import FormErrors, login_edit, password_edit
from partydesk.ui.accounts.password_dialog import PASSWORD_RULE
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons

ADD_TITLE = "Thêm tài khoản"
EDIT_TITLE = "Sửa tài khoản"
ROLES = (Role.CLERK, Role.VIEWER, Role.ADMIN)


def role_rights(role: Role) -> str:
    """What ``role`` may do, in the order of the Permission enum."""
    rights = [p.label for p in Permission if p in PERMISSIONS[role]]
    return "Được " + ", ".join(rights) + "." if rights else "Chỉ xem."


class UserDialog(QDialog):
    """Accepted once the service saved the account (``saved`` holds it)."""

    def __init__(
        self,
        parent: QWidget | None,
        accounts: AccountService,
        account: UserAccount | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._account = account
        self.saved: UserAccount | None = None
        self.setWindowTitle(ADD_TITLE if account is None else EDIT_TITLE)
        self.setMinimumWidth(500)
        self.error = FieldErrorLabel()
        form = QFormLayout()
        self.fields = FormErrors(form, self.error)
        if account is None:
            self.login = self.fields.add("login", "Tên đăng nhập", login_edit())
        else:
            shown = QLabel(f"<b>{html.escape(account.login)}</b>")
            form.addRow("Tên đăng nhập", shown)
        self.display_name = self.fields.add("display_name", "Họ tên", login_edit())
        self.display_name.setMaxLength(100)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role.label, role.value)
        self.fields.add("role", "Vai trò", self.role)
        self.rights = WrappedLabel("", "color: #555;")
        form.addRow("", self.rights)
        self.role.currentIndexChanged.connect(self._on_role_changed)
        if account is None:
            self.password = self.fields.add("password", "Mật khẩu", password_edit())
            self.repeat = self.fields.add("repeat", "Nhập lại mật khẩu", password_edit())
            self.must_change = QCheckBox("Bắt đổi mật khẩu này ở lần đăng nhập đầu")
            self.must_change.setChecked(True)
            form.addRow("", self.must_change)
        else:
            self.display_name.setText(account.display_name)
            self.role.setCurrentIndex(ROLES.index(account.role))
        self._on_role_changed()
        buttons, self.ok_button = ok_cancel_buttons(
            self, "Thêm tài khoản" if account is None else "Lưu", self._on_ok
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if account is None:
            layout.addWidget(WrappedLabel(PASSWORD_RULE, "color: #555;"))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.login if account is None else self.display_name).setFocus()

    def chosen_role(self) -> Role:
        return ROLES[self.role.currentIndex()]

    def _on_role_changed(self) -> None:
        self.rights.setText(role_rights(self.chosen_role()))

    def _on_ok(self) -> None:
        self.fields.clear()
        try:
            self.saved = self._save()
        except (ValidationError, InvalidRecord) as exc:
            self.fields.show(exc)
            return
        except AccessDenied as exc:
            self.fields.set_error(None, exc.message)
            return
        self.accept()

    def _save(self) -> UserAccount:
        if self._account is not None:
            return self._accounts.update_user(
                self._account.id,
                self.display_name.text(),
                self.chosen_role(),
                self._account.disabled,
            )
        if self.password.text() != self.repeat.text():
            self.repeat.clear()
            raise ValidationError("repeat", "Nhập lại mật khẩu: chưa khớp với mật khẩu ở trên.")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self._accounts.create_user(
                self.login.text(),
                self.display_name.text(),
                self.chosen_role(),
                self.password.text(),
                must_change=self.must_change.isChecked(),
            )
        finally:
            QApplication.restoreOverrideCursor()
