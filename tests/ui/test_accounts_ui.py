"""The account dialogs (T14, UI side): first run both ways, login wrong then right, the forced
password change, the accounts dialog (add, reset, refusals, settings), and the screen lock
over an open dialog whose typed text survives."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from partydesk.domain.accounts import WRONG_LOGIN_MESSAGE, LoginState, Role
from partydesk.services.accounts import AccountService
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.accounts.accounts_dialog import AccountsDialog
from partydesk.ui.accounts.first_run_dialog import FirstRunDialog
from partydesk.ui.accounts.idle_lock import NOT_AVAILABLE, IdleLock, LockDialog
from partydesk.ui.accounts.login_dialog import LoginDialog
from partydesk.ui.accounts.password_dialog import PasswordDialog, ResetPasswordDialog
from partydesk.ui.accounts.sign_in import sign_in
from partydesk.ui.accounts.user_dialog import UserDialog
from tests.ui.keyboard import type_text

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ADMIN_PW = "Quản-trị-2026"
CLERK_PW = "nhập-liệu-2026"


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Information and warning boxes shown, as (title, text); questions answered "Có"."""
    shown: list[tuple[str, str]] = []
    for name in ("show_info", "show_warning", "show_error"):
        monkeypatch.setattr(
            messages, name, lambda _p, title, text, **_k: shown.append((title, text))
        )
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    return shown


@pytest.fixture
def app_services(qtbot, services: AppServices) -> SimpleNamespace:
    """What the account UI uses of AppServices, with a cheap hasher to keep the suite fast
    (``qtbot`` makes sure the QApplication exists)."""
    return SimpleNamespace(
        store=services.store, accounts=AccountService(services.store, hasher=CHEAP)
    )


@pytest.fixture
def office(app_services: SimpleNamespace) -> AccountService:
    """Login on; the administrator "admin" is signed in; "ha" is a clerk."""
    accounts: AccountService = app_services.accounts
    accounts.create_first_admin("admin", "Nguyễn Văn An", ADMIN_PW)
    accounts.create_user("ha", "Lê Thu Hà", Role.CLERK, CLERK_PW, must_change=False)
    return accounts


def run_modal(open_modal: Callable[[], object], *interactions: Callable[[QDialog], None]):
    """Call ``open_modal`` (which runs modal dialogs) and drive each dialog it opens, in turn,
    with the next interaction. Returns what ``open_modal`` returned."""
    failures: list[BaseException] = []
    base = QApplication.activeModalWidget()
    handled: list[QWidget] = []
    queue = list(interactions)

    def step(tries: int = 300) -> None:
        if not queue:
            return
        dialog = QApplication.activeModalWidget()
        fresh = (
            isinstance(dialog, QDialog)
            and dialog is not base
            and dialog.isVisible()
            and not any(dialog is seen for seen in handled)
        )
        if not fresh:
            if tries:
                QTimer.singleShot(10, lambda: step(tries - 1))
            return
        handled.append(dialog)
        interact = queue.pop(0)
        try:
            interact(dialog)
        except BaseException as exc:
            failures.append(exc)
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
            return
        if queue:
            QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
    result = open_modal()
    if failures:
        raise failures[0]
    assert not queue, f"{len(queue)} expected dialog(s) never opened"
    return result


def fill(edit: QLineEdit, text: str) -> None:
    edit.clear()
    type_text(edit, text)


# --- first run -------------------------------------------------------------------------------


def test_first_run_creates_the_administrator(app_services: SimpleNamespace) -> None:
    accounts: AccountService = app_services.accounts

    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, FirstRunDialog)
        assert dialog.admin_choice.isChecked()
        fill(dialog.login, "quantri")
        fill(dialog.display_name, "Nguyễn Văn An")
        fill(dialog.password, ADMIN_PW)
        fill(dialog.repeat, ADMIN_PW + "x")
        dialog.continue_button.click()
        assert "chưa khớp" in dialog.fields.error_text("repeat")
        assert dialog.isVisible() and accounts.state() is LoginState.NEEDS_SETUP
        fill(dialog.password, "ngắn")
        fill(dialog.repeat, "ngắn")
        dialog.continue_button.click()
        assert "ít nhất 8" in dialog.fields.error_text("password")
        fill(dialog.password, ADMIN_PW)
        fill(dialog.repeat, ADMIN_PW)
        dialog.continue_button.click()

    assert run_modal(lambda: sign_in(None, app_services), create) is True
    assert accounts.state() is LoginState.ON
    assert app_services.store.actor.login == "quantri"
    assert app_services.store.actor.display_name == "Nguyễn Văn An"


def test_first_run_single_user(app_services: SimpleNamespace) -> None:
    windows = app_services.store.actor

    def single(dialog: QDialog) -> None:
        assert isinstance(dialog, FirstRunDialog)
        assert "Cài đặt → Tài khoản" in dialog.single_note.text()
        dialog.single_choice.click()
        assert not dialog.admin_box.isEnabled()
        dialog.continue_button.click()

    assert run_modal(lambda: sign_in(None, app_services), single) is True
    assert app_services.accounts.state() is LoginState.OFF
    assert app_services.store.actor == windows


def test_first_run_quit_decides_nothing(app_services: SimpleNamespace) -> None:
    result = run_modal(lambda: sign_in(None, app_services), lambda d: d.quit_button.click())
    assert result is False
    assert app_services.accounts.state() is LoginState.NEEDS_SETUP


def test_login_off_asks_nothing(app_services: SimpleNamespace) -> None:
    app_services.accounts.keep_login_off()
    assert sign_in(None, app_services) is True


# --- login -------------------------------------------------------------------------------------


def test_login_wrong_then_right(app_services: SimpleNamespace, office: AccountService) -> None:
    store = app_services.store

    def log_in(dialog: QDialog) -> None:
        assert isinstance(dialog, LoginDialog)
        assert not store.actor.signed_in  # nobody acts while the dialog is open
        assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
        fill(dialog.login, "ha")
        fill(dialog.password, "sai-mật-khẩu")
        dialog.login_button.click()
        assert dialog.error.error() == WRONG_LOGIN_MESSAGE
        assert dialog.password.text() == "" and dialog.isVisible()
        fill(dialog.password, CLERK_PW)
        dialog.login_button.click()

    assert run_modal(lambda: sign_in(None, app_services), log_in) is True
    assert store.actor.login == "ha" and store.actor.role is Role.CLERK


def test_login_shows_the_wait_after_repeated_failures(
    app_services: SimpleNamespace, office: AccountService
) -> None:
    def fail_five_times(dialog: QDialog) -> None:
        fill(dialog.login, "ha")
        for _ in range(5):
            fill(dialog.password, "sai-mật-khẩu")
            dialog.login_button.click()
        assert "Hãy chờ 30 giây" in dialog.error.error()
        dialog.quit_button.click()

    assert run_modal(lambda: sign_in(None, app_services), fail_five_times) is False
    assert not app_services.store.actor.signed_in


def test_temporary_password_is_changed_first(
    app_services: SimpleNamespace, office: AccountService
) -> None:
    office.create_user("moi", "Người Mới", Role.VIEWER, "tạm-thời-123")

    def log_in(dialog: QDialog) -> None:
        fill(dialog.login, "moi")
        fill(dialog.password, "tạm-thời-123")
        dialog.login_button.click()

    def change(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog)
        assert dialog.ok_button.text() == "Đổi mật khẩu"
        fill(dialog.old, "tạm-thời-123")
        fill(dialog.new, "của-riêng-tôi")
        fill(dialog.repeat, "của-riêng-tôi")
        dialog.ok_button.click()

    assert run_modal(lambda: sign_in(None, app_services), log_in, change) is True
    assert not office.current_account().must_change_pw


def test_refusing_the_password_change_signs_out(
    app_services: SimpleNamespace, office: AccountService
) -> None:
    office.create_user("moi", "Người Mới", Role.VIEWER, "tạm-thời-123")

    def log_in(dialog: QDialog) -> None:
        fill(dialog.login, "moi")
        fill(dialog.password, "tạm-thời-123")
        dialog.login_button.click()

    def quit_(dialog: QDialog) -> None:
        dialog.reject()  # the "Thoát" button

    assert run_modal(lambda: sign_in(None, app_services), log_in, quit_) is False
    assert not app_services.store.actor.signed_in


def test_password_dialog_refusals(qtbot, office: AccountService) -> None:
    dialog = PasswordDialog(None, office)
    qtbot.addWidget(dialog)
    fill(dialog.old, "sai-mật-khẩu")
    fill(dialog.new, "mật-khẩu-mới-1")
    fill(dialog.repeat, "mật-khẩu-mới-2")
    dialog.ok_button.click()
    assert "chưa khớp" in dialog.fields.error_text("repeat")
    fill(dialog.repeat, "mật-khẩu-mới-1")
    dialog.ok_button.click()
    assert dialog.fields.error_text("old_password") == "Mật khẩu hiện tại không đúng."
    assert dialog.result() != QDialog.DialogCode.Accepted


# --- the accounts dialog -------------------------------------------------------------------------


@pytest.fixture
def accounts_dialog(qtbot, app_services: SimpleNamespace, office: AccountService) -> AccountsDialog:
    dialog = AccountsDialog(None, app_services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def table_column(dialog: AccountsDialog, column: int) -> list[str]:
    return [dialog.table.item(r, column).text() for r in range(dialog.table.rowCount())]


def select_login(dialog: AccountsDialog, login: str) -> None:
    dialog.table.selectRow(table_column(dialog, 0).index(login))


def test_accounts_dialog_lists_the_accounts(accounts_dialog: AccountsDialog) -> None:
    assert table_column(accounts_dialog, 0) == ["admin", "ha"]
    assert table_column(accounts_dialog, 2) == ["Quản trị", "Cán bộ nhập liệu"]
    assert "bạn đang đăng nhập" in table_column(accounts_dialog, 3)[0]
    assert table_column(accounts_dialog, 4)[1] == "Chưa đăng nhập"
    assert accounts_dialog.login_required.isChecked()
    assert accounts_dialog.idle_minutes.value() == 15


def test_add_then_reset_password(
    accounts_dialog: AccountsDialog, office: AccountService, notices: list
) -> None:
    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, UserDialog)
        fill(dialog.login, "thu.ha")
        fill(dialog.display_name, "Trần Thu Hà")
        dialog.role.setCurrentIndex(1)  # Chỉ xem
        assert dialog.rights.text() == "Được in và xuất văn bản."
        fill(dialog.password, "mật-khẩu-đầu")
        fill(dialog.repeat, "mật-khẩu-đầu")
        dialog.ok_button.click()

    run_modal(accounts_dialog.add_button.click, add)
    assert "thu.ha" in table_column(accounts_dialog, 0)
    assert accounts_dialog.selected().login == "thu.ha"
    assert accounts_dialog.selected().role is Role.VIEWER

    def reset(dialog: QDialog) -> None:
        assert isinstance(dialog, ResetPasswordDialog)
        fill(dialog.new, "mật-khẩu-tạm-2")
        fill(dialog.repeat, "mật-khẩu-tạm-2")
        dialog.ok_button.click()

    run_modal(accounts_dialog.reset_button.click, reset)
    assert notices and "thu.ha" in notices[-1][1]
    office.logout()
    office.login("thu.ha", "mật-khẩu-tạm-2")
    assert office.current_account().must_change_pw


def test_duplicate_login_is_shown_under_the_field(
    accounts_dialog: AccountsDialog, office: AccountService
) -> None:
    def add(dialog: QDialog) -> None:
        fill(dialog.login, "HA")
        fill(dialog.display_name, "Người khác")
        fill(dialog.password, "mật-khẩu-đầu")
        fill(dialog.repeat, "mật-khẩu-đầu")
        dialog.ok_button.click()
        assert "đã có tài khoản khác dùng" in dialog.fields.error_text("login")
        dialog.reject()

    run_modal(accounts_dialog.add_button.click, add)
    assert table_column(accounts_dialog, 0) == ["admin", "ha"]


def test_lock_and_unlock_an_account(accounts_dialog: AccountsDialog, notices: list) -> None:
    select_login(accounts_dialog, "ha")
    assert accounts_dialog.lock_button.text() == "Khóa"
    accounts_dialog.lock_button.click()
    assert table_column(accounts_dialog, 3)[1] == "Đã khóa"
    assert accounts_dialog.lock_button.text() == "Mở khóa"
    accounts_dialog.lock_button.click()
    assert table_column(accounts_dialog, 3)[1] == "Đang dùng"


def test_the_last_administrator_refusal_is_shown(
    accounts_dialog: AccountsDialog, office: AccountService, notices: list
) -> None:
    select_login(accounts_dialog, "admin")
    accounts_dialog.lock_button.click()
    assert notices and "Quản trị cuối cùng" in notices[-1][1]
    assert not office._users.get(1).disabled
    assert "Đang dùng" in table_column(accounts_dialog, 3)[0]


def test_login_on_off_and_idle_minutes(
    accounts_dialog: AccountsDialog, office: AccountService, notices: list
) -> None:
    changed: list[bool] = []
    accounts_dialog.security_changed.connect(lambda: changed.append(True))
    accounts_dialog.login_required.setChecked(False)
    assert office.state() is LoginState.OFF
    accounts_dialog.login_required.setChecked(True)
    assert office.state() is LoginState.ON
    assert notices[-1][0] == "Bật đăng nhập"
    accounts_dialog.idle_minutes.setValue(5)
    accounts_dialog.idle_minutes.editingFinished.emit()
    assert office.idle_minutes() == 5
    accounts_dialog.idle_minutes.setValue(7)
    accounts_dialog.done(QDialog.DialogCode.Rejected)  # closing saves the last value too
    assert office.idle_minutes() == 7
    assert len(changed) == 4


def test_login_on_without_an_administrator_is_refused(
    qtbot, app_services: SimpleNamespace, notices: list
) -> None:
    accounts: AccountService = app_services.accounts
    accounts.keep_login_off()
    dialog = AccountsDialog(None, app_services)
    qtbot.addWidget(dialog)
    dialog.login_required.setChecked(True)
    assert notices and "Chưa có tài khoản Quản trị" in notices[-1][1]
    assert not dialog.login_required.isChecked()
    assert accounts.state() is LoginState.OFF


# --- the screen lock ---------------------------------------------------------------------------


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def idle(office: AccountService, window: QWidget):
    quits: list[bool] = []
    lock = IdleLock(office, lambda: window, on_quit=lambda: quits.append(True))
    lock.quits = quits
    yield lock
    lock.uninstall()


def test_idle_lock_keeps_the_text_typed_in_an_open_dialog(
    idle: IdleLock, office: AccountService, window: QWidget
) -> None:
    other = QDialog(window)
    other.setWindowTitle("Sửa đảng viên")
    field = QLineEdit()
    QVBoxLayout(other).addWidget(field)
    typed = "Nguyễn Thị Bích Ngọc — ghi chú chưa lưu"
    seen: dict[str, object] = {}

    def unlock(lock: QDialog) -> None:
        assert isinstance(lock, LockDialog)
        assert "sau 15 phút không dùng" in lock.headline.text()
        assert lock.windowState() & Qt.WindowState.WindowFullScreen
        lock.reject()  # Esc does not unlock
        assert lock.isVisible()
        fill(lock.password, "sai-mật-khẩu")
        lock.unlock_button.click()
        assert lock.error.error() == "Mật khẩu không đúng." and lock.isVisible()
        seen["locked"] = idle.is_locked
        fill(lock.password, ADMIN_PW)
        lock.unlock_button.click()

    def work_then_wait(dialog: QDialog) -> None:
        type_text(field, typed)
        run_modal(idle.timer.timeout.emit, unlock)  # the idle countdown runs out
        seen["text"] = field.text()
        seen["visible"] = dialog.isVisible()
        dialog.accept()

    run_modal(other.exec, work_then_wait)
    assert seen == {"locked": True, "text": typed, "visible": True}
    assert not idle.is_locked and idle.timer.isActive()
    assert office._store.actor.login == "admin" and idle.quits == []


def test_idle_timer_follows_the_settings(idle: IdleLock, office: AccountService) -> None:
    assert idle.timer.isActive() and idle.timer.interval() == 15 * 60_000
    office.set_idle_minutes(0)
    idle.refresh()
    assert not idle.timer.isActive()
    office.set_idle_minutes(3)
    office.set_login_required(False)
    idle.refresh()
    assert not idle.timer.isActive()
    office.set_login_required(True)
    idle.refresh()
    assert idle.timer.isActive() and idle.timer.interval() == 3 * 60_000
    idle.set_interval_ms(50)
    assert idle.timer.interval() == 50


def test_input_restarts_the_countdown(idle: IdleLock, window: QWidget) -> None:
    restarts: list[bool] = []
    idle.timer.start = lambda *a: restarts.append(True)  # record instead of restarting
    QApplication.sendEvent(
        window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    )
    assert restarts
    restarts.clear()
    QApplication.sendEvent(window, QEvent(QEvent.Type.Paint))  # not input
    assert not restarts


def test_lock_needs_login_on(idle: IdleLock, office: AccountService, notices: list) -> None:
    office.set_login_required(False)
    assert idle.lock_now() is False
    assert notices == [("Khóa màn hình", NOT_AVAILABLE)]


def test_quit_from_the_lock_signs_out(idle: IdleLock, office: AccountService) -> None:
    asked: list[bool] = []
    idle.quit_requested.connect(lambda: asked.append(True))
    assert run_modal(idle.lock_now, lambda lock: lock.quit_button.click()) is True
    assert idle.quits == [True] and asked == [True]
    assert not office._store.actor.signed_in


def test_lock_after_login_turned_on_in_this_session(
    qtbot, app_services: SimpleNamespace, window: QWidget
) -> None:
    """The Windows user turned login on: unlocking means signing in with an account."""
    accounts: AccountService = app_services.accounts
    accounts.keep_login_off()
    accounts.create_user("ha", "Lê Thu Hà", Role.ADMIN, CLERK_PW, must_change=False)
    accounts.set_login_required(True)
    idle = IdleLock(accounts, lambda: window, on_quit=lambda: None)
    try:

        def sign(lock: QDialog) -> None:
            assert lock.login.isVisible()
            fill(lock.login, "ha")
            fill(lock.password, CLERK_PW)
            lock.unlock_button.click()

        run_modal(idle.lock_now, sign)
    finally:
        idle.uninstall()
    assert app_services.store.actor.login == "ha"
