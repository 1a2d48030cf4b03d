"""Local accounts: the first-run choice, login with lock-out, the administrator's account
management, and the two security settings (login on or off, minutes before the screen locks).

Passwords are hashed with Argon2id (reliability D6). ``AccountService`` takes the hasher so the
tests can pass a cheap one; the program uses argon2-cffi's defaults (RFC 9106 low-memory).

Passwords are normalised to NFC and nothing more: the same Vietnamese password typed with a
precomposed or a combining input method must match, while case, spaces inside and every other
difference the person typed stay significant (``domain.accounts.normalise_password``).

No password or hash ever reaches a log record, an exception message or the audit log: the
audit rows of login attempts name the account's login (text typed that matches no account is
not recorded: it may be a password typed into the wrong field), and the capture triggers
record ``pw_hash`` as "***".

Login attempts are written without a permission check (nobody is signed in yet) but under a
named action, in one transaction with their audit row, so strict audit mode holds.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from partydesk.domain.accounts import (
    WRONG_LOGIN_MESSAGE,
    AccessDenied,
    Actor,
    LoginRefused,
    LoginState,
    Permission,
    Role,
    UserAccount,
    locked_out_message,
    lockout_until,
    login_key,
    normalise_password,
    validate_login,
    validate_password,
)
from partydesk.domain.errors import ValidationError
from partydesk.domain.text import clean_text
from partydesk.domain.validation import InvalidRecord
from partydesk.services.audit import audited
from partydesk.store.accounts import UserRepository, append_account_event
from partydesk.store.db import transaction
from partydesk.store.errors import DuplicateError
from partydesk.store.file_lock import current_user
from partydesk.store.store import Store

log = logging.getLogger(__name__)

LOGIN_SETTING = "security.login"
IDLE_SETTING = "security.idle_minutes"
DEFAULT_IDLE_MINUTES = 15
MAX_IDLE_MINUTES = 240
MAX_DISPLAY_NAME_LENGTH = 100

ACTION_LOGIN = "Đăng nhập"
ACTION_LOGIN_FAILED = "Đăng nhập không thành công"
ACTION_LOGOUT = "Đăng xuất"
ACTION_UNLOCK = "Mở khóa màn hình"
ACTION_CHANGE_PASSWORD = "Đổi mật khẩu"

WRONG_OLD_PASSWORD = "Mật khẩu hiện tại không đúng."
UNKNOWN_LOGIN = (
    "tên đăng nhập không thuộc tài khoản nào (chữ đã gõ không được ghi lại, vì có thể là mật "
    "khẩu gõ nhầm ô)"
)


def _clean_display_name(display_name: str) -> str:
    name = clean_text(
        display_name, max_length=MAX_DISPLAY_NAME_LENGTH, field="display_name", label="Họ tên"
    )
    if not name:
        raise ValidationError("display_name", "Họ tên: chưa nhập.")
    return name


class AccountService:
    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime] = datetime.now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._store = store
        self._now = now
        self._hasher = hasher if hasher is not None else PasswordHasher()
        self._users = UserRepository(store.db)
        self._dummy_hash: str | None = None
        # Failure counts kept in memory: for logins that match no account (so they lock out
        # like real ones and reveal nothing) and for every login on a file open read-only.
        self._memory_failures: dict[str, tuple[int, datetime | None]] = {}

    # --- state ---------------------------------------------------------------------------

    def state(self) -> LoginState:
        with self._store.lock:
            value = self._store.settings.get_value(LOGIN_SETTING)
            if value == "on":
                return LoginState.ON
            if value == "off":
                return LoginState.OFF
            # Accounts without the setting (an interrupted setup): ask for a login, the safe way.
            return LoginState.NEEDS_SETUP if self._users.count() == 0 else LoginState.ON

    def can(self, permission: Permission) -> bool:
        """Whether the acting account may do this on this file (for enabling buttons)."""
        return self._store.actor.may(permission, read_only=self._store.read_only)

    def now(self) -> datetime:
        """The service's clock (lock-out times are compared with it)."""
        return self._now()

    def current_account(self) -> UserAccount | None:
        """The signed-in account; None for the Windows user (login off) or nobody."""
        actor = self._store.actor
        if not actor.signed_in or actor.user_id is None:
            return None
        with self._store.lock:
            return self._users.get(actor.user_id)

    # --- first run -----------------------------------------------------------------------

    def create_first_admin(self, login: str, display_name: str, password: str) -> UserAccount:
        """Create the administrator account, turn login on and sign that account in."""
        account = self._setup_first_admin(login, display_name, password)
        self._store.actor = account.actor
        return account

    @audited("Tạo tài khoản quản trị đầu tiên", Permission.ACCOUNTS)
    def _setup_first_admin(self, login: str, display_name: str, password: str) -> UserAccount:
        self._require_setup()
        account = self._add(login, display_name, Role.ADMIN, password, must_change=False)
        self._store.settings.set_value(LOGIN_SETTING, "on")
        return account

    @audited("Chọn dùng một người, không cần đăng nhập", Permission.ACCOUNTS)
    def keep_login_off(self) -> None:
        """A single-user office: the actor stays the Windows user, as administrator."""
        self._require_setup()
        self._store.settings.set_value(LOGIN_SETTING, "off")

    def _require_setup(self) -> None:
        if self.state() is not LoginState.NEEDS_SETUP:
            raise ValidationError(
                "login",
                "Tệp dữ liệu này đã được thiết lập đăng nhập. Muốn thay đổi, hãy vào "
                "Cài đặt → Tài khoản. Không có gì bị thay đổi.",
            )

    # --- login, unlock, logout -----------------------------------------------------------

    def login(self, login: str, password: str) -> Actor:
        """Sign an account in; raise ``LoginRefused`` with the message to show."""
        account, new_hash = self._authenticate(login, password, WRONG_LOGIN_MESSAGE, "")
        self._record_success(account, new_hash, ACTION_LOGIN)
        return self._store.actor

    def unlock(self, password: str) -> None:
        """Unlock the screen for the signed-in account; raise ``LoginRefused`` if refused."""
        actor = self._store.actor
        if not actor.signed_in or actor.user_id is None:
            raise LoginRefused("Chưa đăng nhập bằng tài khoản nào; hãy nhập tên đăng nhập.")
        account, new_hash = self._authenticate(
            actor.login, password, "Mật khẩu không đúng.", "Mở khóa màn hình. "
        )
        self._record_success(account, new_hash, ACTION_UNLOCK)

    def verify_password(self, password: str) -> bool:
        """Whether ``password`` is the signed-in account's (counts failures like a login)."""
        try:
            self.unlock(password)
        except LoginRefused:
            return False
        return True

    def logout(self) -> None:
        """Nobody is signed in afterwards: every service call is refused until a login."""
        actor = self._store.actor
        if actor.signed_in and actor.user_id is not None:
            self._log_attempt(
                ACTION_LOGOUT, f"Tên đăng nhập: {actor.login}", actor=actor, user_id=actor.user_id
            )
        self._store.actor = Actor.signed_out(current_user())

    def _authenticate(
        self, login: str, password: str, wrong_message: str, purpose: str
    ) -> tuple[UserAccount, str | None]:
        """Check a login and password with the lock-out rule; log and raise on failure.

        Returns the account and, when the stored hash uses weaker parameters than the
        hasher's, a new hash to store.
        """
        key = login_key(login)
        password = normalise_password(password)
        now = self._now()
        with self._store.lock:
            user = self._users.by_login_key(key) if key else None
            stored_hash = self._users.password_hash(user.id) if user else None
        failed, until = self._failures(user, key)
        if until is not None and until > now:
            self._log_failure(user, key, f"{purpose}đang tạm khóa đến {until:%H:%M:%S}")
            raise LoginRefused(locked_out_message(failed, until - now), wait=until - now)
        if not self._verify(stored_hash, password) or user is None:
            failed += 1
            until = lockout_until(failed, now)
            reason = "sai mật khẩu" if user else UNKNOWN_LOGIN
            self._log_failure(
                user, key, f"{purpose}{reason} (lần {failed} liên tiếp)", (failed, until)
            )
            if until is None:
                raise LoginRefused(wrong_message)
            wait = until - now
            raise LoginRefused(f"{wrong_message} {locked_out_message(failed, wait)}", wait=wait)
        if user.disabled:
            self._log_failure(user, key, f"{purpose}tài khoản đã bị khóa")
            raise LoginRefused(
                f"Tài khoản {user.login} đã bị khóa. Hãy nhờ người quản trị mở khóa."
            )
        assert stored_hash is not None
        new_hash = (
            self._hasher.hash(password) if self._hasher.check_needs_rehash(stored_hash) else None
        )
        return user, new_hash

    def _verify(self, stored_hash: str | None, password: str) -> bool:
        if stored_hash is None:
            # Spend the same time as for a real account, so timing does not tell them apart.
            if self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
            stored_hash = self._dummy_hash
            self._check_hash(stored_hash, password)
            return False
        return self._check_hash(stored_hash, password)

    def _check_hash(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except VerifyMismatchError:
            return False
        except (VerificationError, InvalidHashError):
            log.warning("A stored password hash is not a valid Argon2 hash; login refused.")
            return False

    def _failures(self, user: UserAccount | None, key: str) -> tuple[int, datetime | None]:
        if key in self._memory_failures:
            return self._memory_failures[key]
        if user is not None:
            return user.failed_count, user.locked_until
        return 0, None

    def _log_failure(
        self,
        user: UserAccount | None,
        key: str,
        reason: str,
        failures: tuple[int, datetime | None] | None = None,
    ) -> None:
        """One "Đăng nhập không thành công" row; ``failures`` are the new count and lock-out.

        The row names the account's login, never the text typed: a login that matches no
        account may be a password typed into the wrong field.
        """
        in_file = user is not None and not self._store.read_only
        if failures is not None and not in_file:
            self._memory_failures[key] = failures

        def save_failures() -> None:
            if failures is not None and user is not None:
                self._users.update(user.id, failed_count=failures[0], locked_until=failures[1])

        self._log_attempt(
            ACTION_LOGIN_FAILED,
            f"Tên đăng nhập: {user.login}; {reason}" if user else reason,
            actor=self._store.actor,
            user_id=user.id if user else None,
            change=save_failures if in_file else None,
        )

    def _record_success(self, account: UserAccount, new_hash: str | None, action: str) -> None:
        self._memory_failures.pop(login_key(account.login), None)

        def save_success() -> None:
            self._users.update(
                account.id, failed_count=0, locked_until=None, last_login_at=self._now()
            )
            if new_hash is not None:
                self._users.set_password_hash(account.id, new_hash)

        actor = account.actor
        self._log_attempt(
            action,
            f"Tên đăng nhập: {account.login}",
            actor=actor,
            user_id=account.id,
            change=save_success,
        )
        self._store.actor = actor
        log.info("%s: %s", action, account.login)

    def _log_attempt(
        self,
        action: str,
        summary: str,
        *,
        actor: Actor,
        user_id: int | None,
        change: Callable[[], None] | None = None,
    ) -> None:
        """Write ``change`` and its audit row in one transaction, under ``action``.

        No permission is checked: these are the writes that let someone sign in. On a file
        open read-only nothing is written; the attempt goes to the program's log.
        """
        if self._store.read_only:
            log.info("%s (read-only file): %s", action, summary)
            return
        store = self._store
        with store.lock, store.audit.labelled(action), transaction(store.db):
            if change is not None:
                change()
            append_account_event(
                store.db,
                actor,
                action,
                summary,
                user_id=user_id,
                after_capture_id=store.audit.external_upto,
            )

    # --- own password --------------------------------------------------------------------

    def change_password(self, old_password: str, new_password: str) -> None:
        """The signed-in account changes its own password (any role may)."""
        actor = self._store.actor
        if not actor.signed_in or actor.user_id is None:
            raise ValidationError(
                "old_password",
                "Đang làm việc không cần đăng nhập nên không có mật khẩu để đổi.",
            )
        if self._store.read_only:
            raise AccessDenied(actor, Permission.EDIT, read_only=True)
        new_password = validate_password(normalise_password(new_password), field="new_password")
        if new_password == normalise_password(old_password):
            raise ValidationError("new_password", "Mật khẩu mới: phải khác mật khẩu hiện tại.")
        try:
            account, _ = self._authenticate(
                actor.login, old_password, WRONG_OLD_PASSWORD, "Đổi mật khẩu. "
            )
        except LoginRefused as exc:
            raise ValidationError("old_password", exc.message) from None
        new_hash = self._hasher.hash(new_password)

        def save() -> None:
            self._users.set_password_hash(account.id, new_hash)
            self._users.update(account.id, must_change_pw=False, failed_count=0, locked_until=None)

        self._log_attempt(
            ACTION_CHANGE_PASSWORD,
            f"Tên đăng nhập: {account.login}",
            actor=actor,
            user_id=account.id,
            change=save,
        )

    # --- the administrator's account management -----------------------------------------

    def users(self) -> list[UserAccount]:
        self._store.actor.require(Permission.ACCOUNTS)
        with self._store.lock:
            return self._users.all()

    @audited("Tạo tài khoản", Permission.ACCOUNTS)
    def create_user(
        self,
        login: str,
        display_name: str,
        role: Role,
        password: str,
        must_change: bool = True,
    ) -> UserAccount:
        return self._add(login, display_name, Role(role), password, must_change=must_change)

    def update_user(
        self, user_id: int, display_name: str, role: Role, disabled: bool
    ) -> UserAccount:
        """Rename, change role, lock or unlock an account. Unlocking also clears a lock-out.

        The last active administrator can be neither demoted nor locked, and nobody can lock
        the account they are signed in with.
        """
        updated = self._update_user(user_id, display_name, Role(role), disabled)
        if updated.id == self._store.actor.user_id:
            self._store.actor = updated.actor  # a new name or role applies at once
        return updated

    @audited("Sửa tài khoản", Permission.ACCOUNTS)
    def _update_user(
        self, user_id: int, display_name: str, role: Role, disabled: bool
    ) -> UserAccount:
        user = self._users.get(user_id)
        name = _clean_display_name(display_name)
        last_admin = user.role is Role.ADMIN and self._users.active_admin_ids() == [user.id]
        if last_admin and role is not Role.ADMIN:
            raise ValidationError(
                "role",
                f"Tài khoản {user.login} là tài khoản Quản trị cuối cùng còn dùng được nên "
                "không bỏ quyền quản trị được. Hãy tạo (hoặc mở khóa) một tài khoản Quản trị "
                "khác trước. Không có gì bị thay đổi.",
            )
        if last_admin and disabled:
            raise ValidationError(
                "disabled",
                f"Tài khoản {user.login} là tài khoản Quản trị cuối cùng còn dùng được nên "
                "không khóa được. Hãy tạo (hoặc mở khóa) một tài khoản Quản trị khác trước. "
                "Không có gì bị thay đổi.",
            )
        if disabled and user.id == self._store.actor.user_id:
            raise ValidationError(
                "disabled",
                "Không thể khóa tài khoản đang đăng nhập. Không có gì bị thay đổi.",
            )
        changes: dict[str, object] = {"display_name": name, "role": role, "disabled": disabled}
        if not disabled and (user.disabled or user.failed_count):
            changes.update(failed_count=0, locked_until=None)
        return self._users.update(user_id, **changes)

    @audited("Đặt lại mật khẩu", Permission.ACCOUNTS)
    def reset_password(self, user_id: int, new_password: str, must_change: bool = True) -> None:
        """Give an account a new password (and clear its lock-out); by default a temporary
        one that must be changed at the next login."""
        self._users.get(user_id)
        password = validate_password(normalise_password(new_password), field="new_password")
        self._users.set_password_hash(user_id, self._hasher.hash(password))
        self._users.update(user_id, must_change_pw=must_change, failed_count=0, locked_until=None)

    @audited("Bật hoặc tắt đăng nhập", Permission.ACCOUNTS)
    def set_login_required(self, on: bool) -> None:
        if on and not self._users.active_admin_ids():
            raise ValidationError(
                "login_required",
                "Chưa có tài khoản Quản trị nào đang dùng được. Hãy tạo một tài khoản với vai "
                "trò Quản trị trước khi bật đăng nhập, để luôn có người quản lý được tài "
                "khoản. Không có gì bị thay đổi.",
            )
        self._store.settings.set_value(LOGIN_SETTING, "on" if on else "off")

    def _add(
        self, login: str, display_name: str, role: Role, password: str, *, must_change: bool
    ) -> UserAccount:
        errors: list[ValidationError] = []
        clean_login = clean_name = clean_password = ""
        try:
            clean_login = validate_login(login)
            if self._users.by_login_key(login_key(clean_login)) is not None:
                raise ValidationError(
                    "login", f"Tên đăng nhập {clean_login} đã có tài khoản khác dùng."
                )
        except ValidationError as exc:
            errors.append(exc)
        try:
            clean_name = _clean_display_name(display_name)
        except ValidationError as exc:
            errors.append(exc)
        try:
            clean_password = validate_password(normalise_password(password), field="password")
        except ValidationError as exc:
            errors.append(exc)
        if errors:
            raise InvalidRecord(errors)
        try:
            return self._users.add(
                clean_login,
                clean_name,
                role,
                self._hasher.hash(clean_password),
                must_change_pw=must_change,
            )
        except DuplicateError as exc:
            raise InvalidRecord([ValidationError(exc.field, str(exc))]) from None

    # --- security settings ---------------------------------------------------------------

    def idle_minutes(self) -> int:
        """Minutes without input before the screen locks (only with login on); 0 = never."""
        with self._store.lock:
            value = self._store.settings.get_value(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_IDLE_MINUTES

    @audited("Đổi thời gian tự khóa màn hình", Permission.SETTINGS)
    def set_idle_minutes(self, minutes: int) -> None:
        if not 0 <= minutes <= MAX_IDLE_MINUTES:
            raise ValidationError(
                "idle_minutes",
                f"Thời gian tự khóa màn hình: từ 0 (không tự khóa) đến {MAX_IDLE_MINUTES} phút.",
            )
        self._store.settings.set_value(IDLE_SETTING, int(minutes))
