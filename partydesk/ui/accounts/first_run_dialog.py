"""The first-run choice of a new data file: accounts with login, or one user without login.

Creating the administrator account turns login on and signs that account in. Choosing one
user without login is recorded (in the settings and the audit log) and can be changed later in
Cài đặt → Tài khoản. "Thoát" leaves the file undecided: the question comes back next time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import MIN_PASSWORD_LENGTH, AccessDenied
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.services.accounts import AccountService
from partydesk.store.file_lock import current_user
from partydesk.ui.accounts.fields import FormErrors, indented, login_edit, password_edit
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel

FIRST_RUN_TITLE = "Thiết lập ban đầu"
ADMIN_CHOICE = "Nhiều người dùng: tạo tài khoản quản trị, mỗi người đăng nhập bằng tài khoản riêng"
SINGLE_CHOICE = "Một người dùng, không cần đăng nhập"


def _single_user_note() -> str:
    return (
        "PartyDesk không hỏi mật khẩu và ghi mọi thay đổi dưới tên người dùng Windows "
        f"“{current_user()}”, với quyền quản trị. Chỉ nên chọn khi máy này chỉ một người dùng. "
        "Lựa chọn được ghi vào nhật ký và có thể đổi sau trong Cài đặt → Tài khoản."
    )


ADMIN_NOTE = (
    f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự. Tài khoản quản trị tạo thêm tài khoản "
    "cho từng người (Cán bộ nhập liệu, Chỉ xem) trong Cài đặt → Tài khoản. Quên mật khẩu thì "
    "người quản trị đặt lại được; nên tạo thêm một tài khoản Quản trị dự phòng."
)


class FirstRunDialog(QDialog):
    """Accepted once the choice is saved; rejected by "Thoát" (nothing saved)."""

    def __init__(self, parent: QWidget | None, accounts: AccountService) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle(FIRST_RUN_TITLE)
        self.setMinimumWidth(560)

        self.admin_choice = QRadioButton(ADMIN_CHOICE)
        self.single_choice = QRadioButton(SINGLE_CHOICE)
        group = QButtonGroup(self)
        group.addButton(self.admin_choice)
        group.addButton(self.single_choice)
        self.admin_choice.setChecked(True)

        self.error = FieldErrorLabel()
        form = QFormLayout()
        self.fields = FormErrors(form, self.error)
        self.login = self.fields.add("login", "Tên đăng nhập", login_edit())
        self.display_name = self.fields.add("display_name", "Họ tên", login_edit())
        self.display_name.setMaxLength(100)
        self.password = self.fields.add("password", "Mật khẩu", password_edit())
        self.repeat = self.fields.add("repeat", "Nhập lại mật khẩu", password_edit())
        self.admin_box = QWidget()
        admin_layout = QVBoxLayout(self.admin_box)
        admin_layout.addLayout(form)
        admin_layout.addWidget(WrappedLabel(ADMIN_NOTE, "color: #555;"))
        self.single_note = WrappedLabel(_single_user_note(), "color: #555;")

        buttons = QDialogButtonBox()
        self.continue_button = QPushButton("Tiếp tục")
        self.continue_button.setDefault(True)
        self.quit_button = QPushButton("Thoát")
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button.clicked.connect(self._on_continue_clicked)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            WrappedLabel(
                "Đây là lần đầu mở tệp dữ liệu này. Hãy chọn cách dùng PartyDesk ở văn phòng:"
            )
        )
        layout.addWidget(self.admin_choice)
        layout.addWidget(indented(self.admin_box))
        layout.addWidget(self.single_choice)
        layout.addWidget(indented(self.single_note))
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.admin_choice.toggled.connect(self._on_choice_toggled)
        self._on_choice_toggled()
        self.login.setFocus()

    def _on_choice_toggled(self) -> None:
        self.admin_box.setEnabled(self.admin_choice.isChecked())
        self.fields.clear()

    def _on_continue_clicked(self) -> None:
        self.fields.clear()
        try:
            if self.single_choice.isChecked():
                self._accounts.keep_login_off()
            else:
                self._create_admin()
        except (ValidationError, InvalidRecord) as exc:
            self.fields.show(exc)
            return
        except AccessDenied as exc:
            self.fields.set_error(None, exc.message)
            return
        self.accept()

    def _create_admin(self) -> None:
        if self.password.text() != self.repeat.text():
            self.repeat.clear()
            raise ValidationError("repeat", "Nhập lại mật khẩu: chưa khớp với mật khẩu ở trên.")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._accounts.create_first_admin(
                self.login.text(), self.display_name.text(), self.password.text()
            )
        finally:
            QApplication.restoreOverrideCursor()
