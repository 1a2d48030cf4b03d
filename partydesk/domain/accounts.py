"""Local accounts: the three roles, what each may do, and the rules for passwords and lock-out.

Roles only govern what people do *through PartyDesk*: anyone who can read the file as the
Windows user can bypass them (reliability §3.0). The matrix is still enforced in the service
layer, not only by hiding buttons, so a forgotten button cannot leak a write.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from partydesk.domain.errors import ValidationError


class Role(StrEnum):
    ADMIN = "QUAN_TRI"
    CLERK = "NHAP_LIEU"
    VIEWER = "CHI_XEM"

    @property
    def label(self) -> str:
        return {
            "QUAN_TRI": "Quản trị",
            "NHAP_LIEU": "Cán bộ nhập liệu",
            "CHI_XEM": "Chỉ xem",
        }[self.value]


class Permission(StrEnum):
    """What a service call needs. Reading the screens needs none."""

    PRINT = "in"  # print and export documents and lists (logged when personal data leaves)
    EDIT = "sua"  # change the register, minutes, briefings, evaluations, the outgoing register
    IMPORT = "nhap"  # import members or enterprises from a spreadsheet
    SETTINGS = "cai_dat"  # office settings, holidays, rule sets, backup retention
    ACCOUNTS = "tai_khoan"  # create, disable, reset accounts; turn login on or off
    RESTORE = "khoi_phuc"  # replace the data with a backup
    BACKUP = "sao_luu"  # copy the data out (a backup holds every personal record)

    @property
    def label(self) -> str:
        return {
            "in": "in và xuất văn bản",
            "sua": "sửa dữ liệu",
            "nhap": "nhập dữ liệu từ tệp Excel, CSV",
            "cai_dat": "sửa cài đặt",
            "tai_khoan": "quản lý tài khoản",
            "khoi_phuc": "khôi phục dữ liệu từ bản sao lưu",
            "sao_luu": "sao lưu dữ liệu ra ngoài",
        }[self.value]


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset(
        {Permission.PRINT, Permission.EDIT, Permission.IMPORT, Permission.BACKUP}
    ),
    Role.VIEWER: frozenset({Permission.PRINT}),
}

# What stays allowed when the file is open read-only (another PartyDesk holds it, or the
# file or its folder cannot be written): nothing that writes.
READ_ONLY_PERMISSIONS = frozenset({Permission.PRINT, Permission.BACKUP})


def allowed(role: Role, permission: Permission, *, read_only: bool = False) -> bool:
    if read_only and permission not in READ_ONLY_PERMISSIONS:
        return False
    return permission in PERMISSIONS[role]


class AccessDenied(PermissionError):
    """A service call the acting account may not make; nothing was changed."""

    def __init__(self, actor: Actor, permission: Permission, *, read_only: bool = False) -> None:
        self.actor = actor
        self.permission = permission
        self.read_only = read_only
        if not actor.signed_in:
            text = f"Chưa đăng nhập nên không thể {permission.label}. Không có gì bị thay đổi."
        elif read_only:
            text = (
                f"Tệp dữ liệu đang mở chỉ để xem nên không thể {permission.label}. "
                "Không có gì bị thay đổi."
            )
        else:
            text = (
                f"Tài khoản {actor.display_name} ({actor.role.label}) không được "
                f"{permission.label}. Không có gì bị thay đổi."
            )
        super().__init__(text)
        self.message = text

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: an account, or the Windows user when the office keeps login off."""

    login: str
    display_name: str
    role: Role
    user_id: int | None = None
    # False between a logout (or the start of a session with login on) and the next login:
    # nobody may do anything through the services until someone signs in.
    signed_in: bool = True

    @classmethod
    def windows_user(cls, name: str) -> Actor:
        """The actor of a single-user office (login off) and of the command line."""
        return cls(login=name, display_name=name, role=Role.ADMIN)

    @classmethod
    def signed_out(cls, windows_name: str) -> Actor:
        """Nobody is signed in; the audit rows of login attempts name the Windows user."""
        return cls(
            login=windows_name,
            display_name=f"{windows_name} (chưa đăng nhập)",
            role=Role.VIEWER,
            signed_in=False,
        )

    def may(self, permission: Permission, *, read_only: bool = False) -> bool:
        return self.signed_in and allowed(self.role, permission, read_only=read_only)

    def require(self, permission: Permission, *, read_only: bool = False) -> None:
        if not self.may(permission, read_only=read_only):
            raise AccessDenied(self, permission, read_only=read_only)


# --- lock-out after failed logins (reliability §3.1) ------------------------------------------

FREE_ATTEMPTS = 5
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=15)


def lockout_until(failed_count: int, failed_at: datetime) -> datetime | None:
    """When the next attempt is allowed after ``failed_count`` failures in a row.

    Five attempts are free; the fifth failure waits 30 s, each further one doubles the wait,
    up to 15 minutes.
    """
    if failed_count < FREE_ATTEMPTS:
        return None
    # The exponent is capped so a long run of failures cannot overflow timedelta.
    wait = FIRST_WAIT * (2 ** min(failed_count - FREE_ATTEMPTS, 16))
    return failed_at + min(wait, LONGEST_WAIT)


# --- passwords and logins ----------------------------------------------------------------------

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
MAX_LOGIN_LENGTH = 64


def validate_password(password: str, *, field: str = "mat_khau") -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(field, f"Mật khẩu: cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(field, f"Mật khẩu: tối đa {MAX_PASSWORD_LENGTH} ký tự.")
    if password.strip() != password:
        raise ValidationError(field, "Mật khẩu: không được bắt đầu hoặc kết thúc bằng dấu cách.")
    return password


def login_key(login: str) -> str:
    """The uniqueness key of a login name: case and Unicode spelling do not matter."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", login).casefold()).strip()


def normalise_password(password: str) -> str:
    """NFC only: the same password typed with a precomposed or a combining Vietnamese input
    method must match. Nothing else is changed (no case folding, no trimming, no NFKC), so
    every other difference the person typed stays significant."""
    return unicodedata.normalize("NFC", password)


def validate_login(login: str, *, field: str = "login") -> str:
    """A login name: NFC, no spaces or control characters, at most MAX_LOGIN_LENGTH."""
    text = unicodedata.normalize("NFC", login).strip()
    if not text:
        raise ValidationError(field, "Tên đăng nhập: chưa nhập.")
    if len(text) > MAX_LOGIN_LENGTH:
        raise ValidationError(field, f"Tên đăng nhập: tối đa {MAX_LOGIN_LENGTH} ký tự.")
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text):
        raise ValidationError(field, "Tên đăng nhập: không được có dấu cách hay ký tự điều khiển.")
    return text


# --- accounts as the services see them ---------------------------------------------------------


class LoginState(StrEnum):
    """Whether this file asks who is working."""

    NEEDS_SETUP = "needs_setup"  # never decided: the first run asks
    OFF = "off"  # a single-user office: everything is done as the Windows user
    ON = "on"  # everyone signs in with an account


@dataclass(frozen=True, slots=True)
class UserAccount:
    """One local account. The password hash is deliberately not a field: it is read and
    written only through the repository's explicit methods, so no repr or log shows it."""

    id: int
    login: str
    display_name: str
    role: Role
    disabled: bool = False
    must_change_pw: bool = False
    failed_count: int = 0
    locked_until: datetime | None = None
    last_login_at: datetime | None = None

    @property
    def actor(self) -> Actor:
        return Actor(
            login=self.login, display_name=self.display_name, role=self.role, user_id=self.id
        )

    @property
    def active(self) -> bool:
        return not self.disabled

    def locked_out(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def status_text(self, now: datetime) -> str:
        if self.disabled:
            return "Đã khóa"
        if self.locked_out(now):
            assert self.locked_until is not None
            return f"Tạm khóa đến {self.locked_until:%H:%M:%S} (nhập sai mật khẩu)"
        if self.must_change_pw:
            return "Đang dùng, phải đổi mật khẩu"
        return "Đang dùng"


def wait_text(wait: timedelta) -> str:
    """ "30 giây", "2 phút", "1 phút 30 giây": a wait rounded up to whole seconds."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} giây"
    return f"{minutes} phút {rest} giây" if rest else f"{minutes} phút"


WRONG_LOGIN_MESSAGE = "Tên đăng nhập hoặc mật khẩu không đúng."


class LoginRefused(Exception):
    """A login (or an unlock) that did not succeed; ``message`` is shown under the fields.

    ``wait`` is set when the account is locked out for a while after repeated failures.
    """

    def __init__(self, message: str, *, wait: timedelta | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.wait = wait

    def __str__(self) -> str:
        return self.message


def locked_out_message(failed_count: int, wait: timedelta) -> str:
    return (
        f"Đã nhập sai mật khẩu {failed_count} lần liên tiếp. Hãy chờ {wait_text(wait)} rồi thử lại."
    )
