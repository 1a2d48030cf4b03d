"""Roles and permissions (T14): every cell of the matrix from an explicit table, read-only
files, the signed-out state, the lock-out schedule, and the password and login rules."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

import pytest

from partydesk.domain.accounts import (
    AccessDenied,
    Actor,
    Permission,
    Role,
    UserAccount,
    allowed,
    locked_out_message,
    lockout_until,
    login_key,
    normalise_password,
    validate_login,
    validate_password,
    wait_text,
)
from partydesk.domain.errors import ValidationError

P = Permission
# Written out by hand from the design (reliability §3.1), not derived from PERMISSIONS.
EXPECTED = {
    Role.ADMIN: {
        P.PRINT: True,
        P.EDIT: True,
        P.IMPORT: True,
        P.SETTINGS: True,
        P.ACCOUNTS: True,
        P.RESTORE: True,
        P.BACKUP: True,
    },
    Role.CLERK: {
        P.PRINT: True,
        P.EDIT: True,
        P.IMPORT: True,
        P.SETTINGS: False,
        P.ACCOUNTS: False,
        P.RESTORE: False,
        P.BACKUP: True,
    },
    Role.VIEWER: {
        P.PRINT: True,
        P.EDIT: False,
        P.IMPORT: False,
        P.SETTINGS: False,
        P.ACCOUNTS: False,
        P.RESTORE: False,
        P.BACKUP: False,
    },
}
# On a file open read-only only what does not write stays allowed.
EXPECTED_READ_ONLY = {
    Role.ADMIN: {P.PRINT, P.BACKUP},
    Role.CLERK: {P.PRINT, P.BACKUP},
    Role.VIEWER: {P.PRINT},
}
CELLS = [(role, permission) for role in Role for permission in Permission]


def test_the_expected_table_covers_every_cell() -> None:
    assert {(r, p) for r, row in EXPECTED.items() for p in row} == set(CELLS)


@pytest.mark.parametrize(("role", "permission"), CELLS)
def test_matrix_cell(role: Role, permission: Permission) -> None:
    expected = EXPECTED[role][permission]
    actor = Actor(login="x", display_name="X", role=role, user_id=1)
    assert allowed(role, permission) is expected
    assert actor.may(permission) is expected
    if expected:
        actor.require(permission)
    else:
        with pytest.raises(AccessDenied) as caught:
            actor.require(permission)
        assert role.label in str(caught.value) and permission.label in str(caught.value)
        assert "Không có gì bị thay đổi" in str(caught.value)


@pytest.mark.parametrize(("role", "permission"), CELLS)
def test_matrix_cell_read_only(role: Role, permission: Permission) -> None:
    expected = permission in EXPECTED_READ_ONLY[role]
    assert allowed(role, permission, read_only=True) is expected
    if not expected:
        actor = Actor(login="x", display_name="X", role=role)
        with pytest.raises(AccessDenied) as caught:
            actor.require(permission, read_only=True)
        assert "chỉ để xem" in str(caught.value)


@pytest.mark.parametrize("permission", list(Permission))
def test_nobody_signed_in_may_do_nothing(permission: Permission) -> None:
    actor = Actor.signed_out("may-van-phong")
    assert not actor.may(permission)
    with pytest.raises(AccessDenied) as caught:
        actor.require(permission)
    assert str(caught.value).startswith("Chưa đăng nhập")


def test_windows_user_is_an_administrator() -> None:
    actor = Actor.windows_user("ketoan")
    assert actor.role is Role.ADMIN and actor.signed_in and actor.user_id is None


# --- lock-out ------------------------------------------------------------------------------

T0 = datetime(2026, 11, 21, 8, 0, 0)


@pytest.mark.parametrize(
    ("failures", "wait_seconds"),
    [
        (0, None),
        (1, None),
        (4, None),
        (5, 30),
        (6, 60),
        (7, 120),
        (8, 240),
        (9, 480),
        (10, 900),  # 960 s capped at 15 minutes
        (11, 900),
        (60, 900),  # a long run of failures neither overflows nor grows past the cap
        (10_000, 900),
    ],
)
def test_lockout_schedule(failures: int, wait_seconds: int | None) -> None:
    until = lockout_until(failures, T0)
    if wait_seconds is None:
        assert until is None
    else:
        assert until == T0 + timedelta(seconds=wait_seconds)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(30, "30 giây"), (0.2, "1 giây"), (29.1, "30 giây"), (60, "1 phút"), (90, "1 phút 30 giây")],
)
def test_wait_text(seconds: float, text: str) -> None:
    assert wait_text(timedelta(seconds=seconds)) == text


def test_locked_out_message_says_how_long() -> None:
    text = locked_out_message(6, timedelta(minutes=15))
    assert "6 lần" in text and "15 phút" in text


# --- passwords and logins -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "fragment"),
    [("ngan", "ít nhất 8"), (" co-dau-cach", "dấu cách"), ("x" * 257, "tối đa 256")],
)
def test_bad_passwords(password: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_password(password, field="password")
    assert caught.value.field == "password" and fragment in caught.value.message
    assert password not in caught.value.message


def test_password_normalisation_is_nfc_only() -> None:
    decomposed = unicodedata.normalize("NFD", "Mật khẩu Đúng")
    assert normalise_password(decomposed) == "Mật khẩu Đúng"
    assert normalise_password("ABC def") == "ABC def"  # case and spaces stay
    assert normalise_password("ﬁle①") == "ﬁle①"  # no NFKC folding


def test_login_rules() -> None:
    assert validate_login("  " + unicodedata.normalize("NFD", "hà.lê") + " ") == "hà.lê"
    for bad, fragment in [("", "chưa nhập"), ("a b", "dấu cách"), ("a\u202eb", "điều khiển")]:
        with pytest.raises(ValidationError) as caught:
            validate_login(bad)
        assert caught.value.field == "login" and fragment in caught.value.message
    with pytest.raises(ValidationError):
        validate_login("x" * 65)


def test_login_key_ignores_case_and_unicode_spelling() -> None:
    assert login_key("HÀ.Lê") == login_key(unicodedata.normalize("NFD", "hà.lê"))


def test_account_never_carries_a_password_hash() -> None:
    account = UserAccount(id=1, login="ha", display_name="Lê Thu Hà", role=Role.CLERK)
    assert "hash" not in repr(account).lower()
    assert not any("hash" in name or name.startswith("pw") for name in account.__slots__)
    assert account.actor == Actor("ha", "Lê Thu Hà", Role.CLERK, user_id=1)


def test_account_status() -> None:
    base = UserAccount(id=1, login="ha", display_name="Hà", role=Role.CLERK)
    later = T0 + timedelta(seconds=30)
    assert base.status_text(T0) == "Đang dùng"
    assert UserAccount(**{**_fields(base), "disabled": True}).status_text(T0) == "Đã khóa"
    locked = UserAccount(**{**_fields(base), "locked_until": later})
    assert locked.locked_out(T0) and "08:00:30" in locked.status_text(T0)
    assert not locked.locked_out(later) and locked.status_text(later) == "Đang dùng"
    must = UserAccount(**{**_fields(base), "must_change_pw": True})
    assert "phải đổi mật khẩu" in must.status_text(T0)


def _fields(account: UserAccount) -> dict:
    return {name: getattr(account, name) for name in account.__slots__}
