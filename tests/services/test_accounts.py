"""AccountService (T14): first-run setup, login and lock-out on a fake clock, rehash on login,
the administrator's rules, refusals that change nothing, and no password anywhere it could
leak (logs, exception messages, the audit log, the database file)."""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from partydesk.domain.accounts import (
    WRONG_LOGIN_MESSAGE,
    AccessDenied,
    Actor,
    LoginRefused,
    LoginState,
    Permission,
    Role,
)
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.services.accounts import (
    ACTION_LOGIN,
    ACTION_LOGIN_FAILED,
    DEFAULT_IDLE_MINUTES,
    AccountService,
)
from partydesk.services.app import AppServices
from partydesk.store.audit import verify_chain
from partydesk.store.store import Store

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ADMIN_PW = "Quản-trị-2026"
CLERK_PW = "nhập-liệu-2026"
VIEWER_PW = "chỉ-xem-2026"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 8, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(services: AppServices) -> Store:
    return services.store


@pytest.fixture
def accounts(store: Store, clock: Clock) -> AccountService:
    return AccountService(store, now=clock, hasher=CHEAP)


@pytest.fixture
def office(accounts: AccountService) -> AccountService:
    """An office with login on: an administrator (signed in), a clerk and a viewer."""
    accounts.create_first_admin("admin", "Nguyễn Văn An", ADMIN_PW)
    accounts.create_user("ha", "Lê Thu Hà", Role.CLERK, CLERK_PW, must_change=False)
    accounts.create_user("duc", "Phạm Minh Đức", Role.VIEWER, VIEWER_PW, must_change=False)
    return accounts


def audit_rows(store: Store, after: int = 0) -> list[dict]:
    cursor = store.conn.execute("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq", [after])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def head(store: Store) -> int:
    return store.conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]


def user_rows(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT * FROM users ORDER BY id").fetchall()


def refused(call: Callable[[], object]) -> LoginRefused:
    with pytest.raises(LoginRefused) as caught:
        call()
    return caught.value


# --- first run -----------------------------------------------------------------------------


def test_a_new_file_needs_setup(accounts: AccountService, store: Store) -> None:
    assert accounts.state() is LoginState.NEEDS_SETUP
    assert store.actor.role is Role.ADMIN and store.actor.user_id is None
    assert accounts.idle_minutes() == DEFAULT_IDLE_MINUTES


def test_keep_login_off(accounts: AccountService, store: Store) -> None:
    windows = store.actor
    accounts.keep_login_off()
    assert accounts.state() is LoginState.OFF
    assert store.actor == windows and accounts.can(Permission.ACCOUNTS)
    row = audit_rows(store)[-1]
    assert row["action"] == "Chọn dùng một người, không cần đăng nhập"
    assert row["user_login"] == windows.login
    with pytest.raises(ValidationError, match="đã được thiết lập"):
        accounts.create_first_admin("admin", "An", ADMIN_PW)
    assert accounts.state() is LoginState.OFF and user_rows(store) == []


def test_create_first_admin(accounts: AccountService, store: Store) -> None:
    windows = store.actor
    admin = accounts.create_first_admin("Admin", "Nguyễn Văn An", ADMIN_PW)
    assert accounts.state() is LoginState.ON
    assert admin.role is Role.ADMIN and not admin.must_change_pw
    assert store.actor == admin.actor and accounts.current_account() == admin
    row = audit_rows(store)[-1]
    assert row["action"] == "Tạo tài khoản quản trị đầu tiên"
    assert row["user_login"] == windows.login  # done by the Windows user, before any login
    with pytest.raises(ValidationError):
        accounts.keep_login_off()
    with pytest.raises(ValidationError):
        accounts.create_first_admin("admin2", "B", ADMIN_PW)


def test_first_admin_input_is_checked(accounts: AccountService, store: Store) -> None:
    with pytest.raises(InvalidRecord) as caught:
        accounts.create_first_admin("có dấu cách", "  ", "ngắn")
    assert set(caught.value.by_field()) == {"login", "display_name", "password"}
    assert accounts.state() is LoginState.NEEDS_SETUP and user_rows(store) == []


def test_users_without_the_setting_still_ask_for_a_login(
    office: AccountService, store: Store
) -> None:
    store.conn.execute("DELETE FROM settings WHERE key = 'security.login'")
    store.conn.execute("DELETE FROM change_capture")
    assert office.state() is LoginState.ON


# --- login -----------------------------------------------------------------------------------


def test_unknown_login_and_wrong_password_read_the_same(
    office: AccountService, store: Store
) -> None:
    office.logout()
    assert refused(lambda: office.login("khong-co", CLERK_PW)).message == WRONG_LOGIN_MESSAGE
    assert refused(lambda: office.login("ha", "sai-mat-khau")).message == WRONG_LOGIN_MESSAGE
    assert not store.actor.signed_in


def test_login_success(office: AccountService, store: Store, clock: Clock) -> None:
    office.logout()
    refused(lambda: office.login("ha", "sai-mat-khau"))
    clock.advance(5)
    before = head(store)
    actor = office.login("HA", CLERK_PW)  # the login's case does not matter
    assert actor == Actor("ha", "Lê Thu Hà", Role.CLERK, user_id=2)
    assert store.actor == actor
    account = office.current_account()
    assert account is not None
    assert account.failed_count == 0 and account.last_login_at == clock.now
    (row,) = audit_rows(store, before)
    assert row["action"] == ACTION_LOGIN and row["user_login"] == "ha"
    assert "ha" in row["summary"]
    assert json.loads(row["diff_json"])["changes"][0]["fields"]["failed_count"] == [1, 0]


def test_failed_logins_are_logged_with_the_login_name(office: AccountService, store: Store) -> None:
    office.logout()
    before = head(store)
    refused(lambda: office.login("ha", "sai-mat-khau"))
    refused(lambda: office.login("người-lạ", "sai-mat-khau"))
    rows = audit_rows(store, before)
    assert [r["action"] for r in rows] == [ACTION_LOGIN_FAILED] * 2
    assert "ha" in rows[0]["summary"] and "sai mật khẩu" in rows[0]["summary"]
    assert rows[0]["entity"] == "users" and rows[0]["entity_id"] == 2
    assert "người-lạ" not in rows[1]["summary"]  # it may be a password in the wrong field
    assert "không thuộc tài khoản nào" in rows[1]["summary"]


def test_a_disabled_account_is_refused(office: AccountService, store: Store) -> None:
    office.update_user(2, "Lê Thu Hà", Role.CLERK, True)
    office.logout()
    wrong = refused(lambda: office.login("ha", "sai-mat-khau"))
    assert wrong.message == WRONG_LOGIN_MESSAGE  # a wrong password reveals nothing
    right = refused(lambda: office.login("ha", CLERK_PW))
    assert "đã bị khóa" in right.message
    assert not store.actor.signed_in
    assert "tài khoản đã bị khóa" in audit_rows(store)[-1]["summary"]


def test_unicode_spelling_of_login_and_password(accounts: AccountService, store: Store) -> None:
    accounts.create_first_admin("hà.lê", "Lê Thu Hà", "Mật khẩu Đúng")
    accounts.logout()
    nfd = unicodedata.normalize("NFD", "HÀ.LÊ")
    accounts.login(nfd, unicodedata.normalize("NFD", "Mật khẩu Đúng"))
    assert store.actor.login == "hà.lê"
    accounts.logout()
    refused(lambda: accounts.login("hà.lê", "mật khẩu đúng"))  # case still matters


def test_logout_refuses_every_service_call(office: AccountService, store: Store) -> None:
    before = head(store)
    office.logout()
    assert not store.actor.signed_in
    assert audit_rows(store, before)[0]["action"] == "Đăng xuất"
    with pytest.raises(AccessDenied, match="Chưa đăng nhập"):
        office.set_idle_minutes(5)
    with pytest.raises(AccessDenied):
        office.users()
    assert not office.can(Permission.PRINT)


# --- lock-out on a fake clock ------------------------------------------------------------


def test_lockout_schedule(office: AccountService, store: Store, clock: Clock) -> None:
    office.logout()
    for _ in range(4):  # four failures are free
        assert refused(lambda: office.login("ha", "sai-mat-khau")).wait is None
    fifth = refused(lambda: office.login("ha", "sai-mat-khau"))
    assert fifth.wait == timedelta(seconds=30) and "30 giây" in fifth.message
    clock.advance(29)
    # Even the right password waits; the attempt does not extend the wait.
    early = refused(lambda: office.login("ha", CLERK_PW))
    assert early.wait == timedelta(seconds=1) and "1 giây" in early.message
    assert office._users.get(2).failed_count == 5
    expected_waits = [60, 120, 240, 480, 900, 900]
    clock.advance(1)
    for seconds in expected_waits:
        again = refused(lambda: office.login("ha", "sai-mat-khau"))
        assert again.wait == timedelta(seconds=seconds)
        clock.advance(seconds)
    account = office._users.get(2)
    assert account.failed_count == 11
    office.login("ha", CLERK_PW)
    account = office._users.get(2)
    assert account.failed_count == 0 and account.locked_until is None


def test_lockout_survives_reopening_the_service(
    office: AccountService, store: Store, clock: Clock
) -> None:
    office.logout()
    for _ in range(5):
        refused(lambda: office.login("ha", "sai-mat-khau"))
    fresh = AccountService(store, now=clock, hasher=CHEAP)
    assert refused(lambda: fresh.login("ha", CLERK_PW)).wait == timedelta(seconds=30)


def test_unknown_logins_lock_out_like_real_ones(office: AccountService, clock: Clock) -> None:
    office.logout()
    for _ in range(4):
        refused(lambda: office.login("khong-co", "sai-mat-khau"))
    fifth = refused(lambda: office.login("khong-co", "sai-mat-khau"))
    assert fifth.wait == timedelta(seconds=30)
    assert fifth.message.startswith(WRONG_LOGIN_MESSAGE)


# --- rehash -------------------------------------------------------------------------------


def test_login_upgrades_a_weak_hash(office: AccountService, store: Store, clock: Clock) -> None:
    weak = office._users.password_hash(2)
    assert "m=8,t=1,p=1" in weak
    strong = PasswordHasher()
    upgraded = AccountService(store, now=clock, hasher=strong)
    upgraded.logout()
    upgraded.login("ha", CLERK_PW)
    stored = office._users.password_hash(2)
    assert stored != weak and not strong.check_needs_rehash(stored)
    assert f"m={strong.memory_cost},t={strong.time_cost},p={strong.parallelism}" in stored
    changes = json.loads(audit_rows(store)[-1]["diff_json"])["changes"]
    assert {"pw_hash": ["***", "*** (mới)"]}.items() <= changes[-1]["fields"].items()
    upgraded.logout()
    upgraded.login("ha", CLERK_PW)  # the new hash still accepts the same password
    assert office._users.password_hash(2) == stored  # and is not rehashed again


# --- own password ---------------------------------------------------------------------------


def test_change_password(office: AccountService, store: Store) -> None:
    office.logout()
    office.login("duc", VIEWER_PW)  # a viewer may change their own password
    with pytest.raises(ValidationError) as wrong:
        office.change_password("sai-mat-khau", "mật-khẩu-mới-1")
    assert wrong.value.field == "old_password"
    with pytest.raises(ValidationError) as same:
        office.change_password(VIEWER_PW, VIEWER_PW)
    assert same.value.field == "new_password"
    with pytest.raises(ValidationError) as short:
        office.change_password(VIEWER_PW, "ngắn")
    assert short.value.field == "new_password"
    office.change_password(VIEWER_PW, "mật-khẩu-mới-1")
    assert audit_rows(store)[-1]["action"] == "Đổi mật khẩu"
    office.logout()
    refused(lambda: office.login("duc", VIEWER_PW))
    office.login("duc", "mật-khẩu-mới-1")


def test_temporary_password_must_be_changed(office: AccountService) -> None:
    office.create_user("moi", "Người Mới", Role.CLERK, "tạm-thời-123")
    office.logout()
    office.login("moi", "tạm-thời-123")
    assert office.current_account().must_change_pw
    office.change_password("tạm-thời-123", "của-riêng-tôi")
    assert not office.current_account().must_change_pw


def test_verify_password_for_the_screen_lock(office: AccountService, store: Store) -> None:
    assert office.verify_password(ADMIN_PW)
    assert not office.verify_password("sai-mat-khau")
    assert store.actor.login == "admin"  # a failed unlock does not sign anybody out
    assert audit_rows(store)[-1]["action"] == ACTION_LOGIN_FAILED


# --- the administrator's rules ----------------------------------------------------------------


def test_duplicate_login_is_a_field_error(office: AccountService, store: Store) -> None:
    before = user_rows(store)
    with pytest.raises(InvalidRecord) as caught:
        office.create_user("HA", "Người khác", Role.VIEWER, "mat-khau-dai")
    assert "HA" in caught.value.by_field()["login"]
    assert user_rows(store) == before


def test_last_admin_cannot_be_demoted_or_locked(office: AccountService, store: Store) -> None:
    before_users, before_head = user_rows(store), head(store)
    with pytest.raises(ValidationError) as demote:
        office.update_user(1, "Nguyễn Văn An", Role.CLERK, False)
    assert demote.value.field == "role" and "Quản trị cuối cùng" in demote.value.message
    with pytest.raises(ValidationError) as lock:
        office.update_user(1, "Nguyễn Văn An", Role.ADMIN, True)
    assert lock.value.field == "disabled"
    assert user_rows(store) == before_users and head(store) == before_head
    # With a second administrator the first may step down.
    office.update_user(2, "Lê Thu Hà", Role.ADMIN, False)
    office.update_user(1, "Nguyễn Văn An", Role.CLERK, False)
    assert store.actor.role is Role.CLERK  # the change applies to the session at once
    assert not office.can(Permission.ACCOUNTS)


def test_nobody_locks_their_own_account(office: AccountService) -> None:
    office.update_user(2, "Lê Thu Hà", Role.ADMIN, False)
    with pytest.raises(ValidationError, match="đang đăng nhập"):
        office.update_user(1, "Nguyễn Văn An", Role.ADMIN, True)


def test_unlocking_clears_a_lockout(office: AccountService, store: Store) -> None:
    admin = store.actor
    office.logout()
    for _ in range(5):
        refused(lambda: office.login("ha", "sai-mat-khau"))
    store.actor = admin
    office.update_user(2, "Lê Thu Hà", Role.CLERK, False)
    account = office._users.get(2)
    assert account.failed_count == 0 and account.locked_until is None


def test_reset_password(office: AccountService, store: Store) -> None:
    office.reset_password(2, "mật-khẩu-tạm-1")
    assert audit_rows(store)[-1]["action"] == "Đặt lại mật khẩu"
    office.logout()
    refused(lambda: office.login("ha", CLERK_PW))
    office.login("ha", "mật-khẩu-tạm-1")
    assert office.current_account().must_change_pw


def test_login_required_needs_an_active_admin(accounts: AccountService, store: Store) -> None:
    accounts.keep_login_off()
    with pytest.raises(ValidationError) as caught:
        accounts.set_login_required(True)
    assert "Quản trị" in caught.value.message
    assert accounts.state() is LoginState.OFF
    accounts.create_user("admin", "An", Role.ADMIN, ADMIN_PW, must_change=False)
    accounts.set_login_required(True)
    assert accounts.state() is LoginState.ON
    accounts.set_login_required(False)
    assert accounts.state() is LoginState.OFF


def test_idle_minutes(office: AccountService, store: Store) -> None:
    office.set_idle_minutes(0)
    assert office.idle_minutes() == 0
    with pytest.raises(ValidationError) as caught:
        office.set_idle_minutes(241)
    assert caught.value.field == "idle_minutes"
    office.logout()
    office.login("ha", CLERK_PW)
    with pytest.raises(AccessDenied):
        office.set_idle_minutes(30)  # a clerk may not change settings
    assert office.idle_minutes() == 0


# --- refusals change nothing --------------------------------------------------------------


def test_viewer_refused_on_account_writes(office: AccountService, store: Store) -> None:
    office.logout()
    office.login("duc", VIEWER_PW)
    before_users, before_head = user_rows(store), head(store)
    for call in (
        lambda: office.users(),
        lambda: office.create_user("x", "X", Role.ADMIN, "mat-khau-dai"),
        lambda: office.update_user(2, "X", Role.ADMIN, False),
        lambda: office.reset_password(1, "mat-khau-dai"),
        lambda: office.set_login_required(False),
        lambda: office.set_idle_minutes(1),
    ):
        with pytest.raises(AccessDenied) as caught:
            call()
        assert "Phạm Minh Đức" in str(caught.value)
    assert user_rows(store) == before_users and head(store) == before_head
    assert office.can(Permission.PRINT) and not office.can(Permission.EDIT)


def test_viewer_refused_on_a_register_write(
    services: AppServices, office: AccountService, store: Store
) -> None:
    office.logout()
    office.login("duc", VIEWER_PW)
    before_head = head(store)
    with pytest.raises(AccessDenied):
        services.register.save_enterprise(
            Enterprise(name="Công ty TNHH Minh Phát", type=EnterpriseType.PRIVATE)
        )
    assert store.conn.execute("SELECT count(*) FROM enterprises").fetchone()[0] == 0
    assert head(store) == before_head


# --- a file open read-only ------------------------------------------------------------------


def test_login_on_a_read_only_file_writes_nothing(
    office: AccountService, store: Store, clock: Clock
) -> None:
    office.logout()
    store.read_only = True
    before_users, before_head = user_rows(store), head(store)
    for _ in range(5):
        refused(lambda: office.login("ha", "sai-mat-khau"))
    assert refused(lambda: office.login("ha", CLERK_PW)).wait == timedelta(seconds=30)
    clock.advance(30)
    office.login("ha", CLERK_PW)
    assert store.actor.login == "ha" and not office.can(Permission.EDIT)
    assert user_rows(store) == before_users and head(store) == before_head
    with pytest.raises(AccessDenied, match="chỉ để xem"):
        office.change_password(CLERK_PW, "mật-khẩu-mới-1")


# --- nothing leaks -------------------------------------------------------------------------


def test_no_password_or_hash_anywhere(
    office: AccountService, store: Store, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    secrets = [ADMIN_PW, CLERK_PW, VIEWER_PW, "tạm-thời-bí-mật", "của-riêng-bí-mật", "sai-bí-mật"]
    messages: list[str] = []
    with caplog.at_level(logging.DEBUG):
        office.create_user("moi", "Người Mới", Role.CLERK, "tạm-thời-bí-mật")
        office.reset_password(3, "tạm-thời-bí-mật")
        office.logout()
        for login in ("ha", "khong-co", "moi"):
            messages.append(refused(lambda login=login: office.login(login, "sai-bí-mật")).message)
        # A password typed into the login field, then into both.
        messages.append(refused(lambda: office.login(CLERK_PW, "")).message)
        messages.append(refused(lambda: office.login(CLERK_PW, CLERK_PW)).message)
        office.login("moi", "tạm-thời-bí-mật")
        try:
            office.change_password("sai-bí-mật", "của-riêng-bí-mật")
        except ValidationError as exc:
            messages.append(str(exc))
        office.change_password("tạm-thời-bí-mật", "của-riêng-bí-mật")
        office.logout()
        office.login("moi", "của-riêng-bí-mật")
    hashes = [office._users.password_hash(i) for i in (1, 2, 3, 4)]
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    audit = json.dumps(audit_rows(store), ensure_ascii=False)
    data = Path(store.path).read_bytes()
    for secret in secrets:
        assert secret not in logged
        assert secret not in audit
        assert all(secret not in m for m in messages)
        for spelling in ("NFC", "NFD"):
            encoded = unicodedata.normalize(spelling, secret).encode("utf-8")
            assert encoded not in data
            assert unicodedata.normalize(spelling, secret).encode("utf-16-le") not in data
    for stored_hash in hashes:
        assert stored_hash not in audit and stored_hash not in logged
    assert verify_chain(store.conn).broken_seqs == ()
