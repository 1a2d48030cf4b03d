"""Local accounts: the three roles, what each may do, and the rules for passwords and lock-out.

Roles only govern what people do *through PartyDesk*: anyone who can read the file as the
Windows user can bypass them (reliability §3.0). The matrix is still enforced in the service
layer, not only by hiding buttons, so a forgotten button cannot leak a write.
"""

from __future__ import annotations

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
        if read_only:
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

    @classmethod
    def windows_user(cls, name: str) -> Actor:
        """The actor of a single-user office (login off) and of the command line."""
        return cls(login=name, display_name=name, role=Role.ADMIN)

    def may(self, permission: Permission, *, read_only: bool = False) -> bool:
        return allowed(self.role, permission, read_only=read_only)

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
    wait = FIRST_WAIT * (2 ** (failed_count - FREE_ATTEMPTS))
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
    import unicodedata

    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", login).casefold()).strip()
