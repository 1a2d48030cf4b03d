"""The users repository: accounts round-trip without their hash, logins are unique whatever
their case or Unicode spelling, and the audit log never sees a password hash."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

import pytest

from partydesk.domain.accounts import Actor, Role, UserAccount
from partydesk.store.accounts import UserRepository, append_account_event
from partydesk.store.db import transaction
from partydesk.store.errors import DuplicateError, NotFound
from partydesk.store.store import Store, create_store

HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$ZmFrZWhhc2hmYWtlaGFzaA"
NEW_HASH = "$argon2id$v=19$m=8,t=1,p=1$b3RoZXJzYWx0$bmV3aGFzaG5ld2hhc2g"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")
    store = create_store(tmp_path / "users.sqlite")
    yield store
    store.close()


@pytest.fixture
def users(store: Store) -> UserRepository:
    return UserRepository(store.db)


def named(store: Store, action: str = "Thử nghiệm") -> AbstractContextManager[None]:
    """Writes in the test run under a named action, as strict audit mode requires."""
    return store.audit.labelled(action)


def audit_text(store: Store) -> str:
    rows = store.conn.execute("SELECT * FROM audit_log").fetchall()
    return json.dumps(rows, ensure_ascii=False)


def test_add_and_read_back(store: Store, users: UserRepository) -> None:
    with named(store):
        added = users.add("Thu.Ha", "Lê Thu Hà", Role.CLERK, HASH, must_change_pw=True)
    assert added == UserAccount(
        id=added.id,
        login="Thu.Ha",
        display_name="Lê Thu Hà",
        role=Role.CLERK,
        must_change_pw=True,
    )
    assert users.get(added.id) == added
    assert users.by_login_key("thu.ha") == added
    assert users.by_login_key("khong-co") is None
    assert users.all() == [added]
    assert users.count() == 1
    assert users.password_hash(added.id) == HASH


def test_duplicate_login_names_the_field(store: Store, users: UserRepository) -> None:
    with named(store):
        users.add("hà.lê", "Hà", Role.VIEWER, HASH)
        decomposed_upper = unicodedata.normalize("NFD", "HÀ.LÊ")
        with pytest.raises(DuplicateError) as caught:
            users.add(decomposed_upper, "Người khác", Role.VIEWER, HASH)
    assert caught.value.field == "login"
    assert "đã có tài khoản khác dùng" in str(caught.value)
    assert users.count() == 1


def test_update_fields(store: Store, users: UserRepository) -> None:
    moment = datetime(2026, 11, 21, 8, 30, 15)
    with named(store):
        added = users.add("an", "An", Role.ADMIN, HASH)
        updated = users.update(
            added.id,
            display_name="Nguyễn Văn An",
            role=Role.CLERK,
            disabled=True,
            must_change_pw=True,
            failed_count=3,
            locked_until=moment,
            last_login_at=moment,
        )
    assert updated == UserAccount(
        id=added.id,
        login="an",
        display_name="Nguyễn Văn An",
        role=Role.CLERK,
        disabled=True,
        must_change_pw=True,
        failed_count=3,
        locked_until=moment,
        last_login_at=moment,
    )
    with named(store):
        cleared = users.update(added.id, locked_until=None, failed_count=0)
    assert cleared.locked_until is None and cleared.failed_count == 0
    with pytest.raises(ValueError, match="not updatable"):
        users.update(added.id, pw_hash="x")
    with pytest.raises(ValueError, match="not updatable"):
        users.update(added.id, login="khac")


def test_missing_account(users: UserRepository) -> None:
    with pytest.raises(NotFound):
        users.get(42)
    with pytest.raises(NotFound):
        users.password_hash(42)
    with pytest.raises(NotFound):
        users.update(42, display_name="x")


def test_active_admins(store: Store, users: UserRepository) -> None:
    with named(store):
        a = users.add("a", "A", Role.ADMIN, HASH)
        b = users.add("b", "B", Role.ADMIN, HASH)
        users.add("c", "C", Role.CLERK, HASH)
        users.update(b.id, disabled=True)
    assert users.active_admin_ids() == [a.id]


def test_the_audit_log_never_holds_the_hash(store: Store, users: UserRepository) -> None:
    with named(store, "Tạo tài khoản"):
        added = users.add("an", "An", Role.ADMIN, HASH)
    with named(store, "Đặt lại mật khẩu"):
        users.set_password_hash(added.id, NEW_HASH)
    assert users.password_hash(added.id) == NEW_HASH
    text = audit_text(store)
    assert HASH not in text and NEW_HASH not in text
    assert "c2FsdHNhbHQ" not in text and "b3RoZXJzYWx0" not in text  # not even the salts
    last = store.conn.execute("SELECT diff_json FROM audit_log ORDER BY seq DESC").fetchone()[0]
    assert json.loads(last)["changes"][0]["fields"]["pw_hash"] == ["***", "*** (mới)"]


def test_an_account_event_takes_the_captured_changes_in_one_row(
    store: Store, users: UserRepository
) -> None:
    with named(store):
        added = users.add("an", "An", Role.ADMIN, HASH)
    before = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    actor = Actor.signed_out("may")
    with named(store, "Đăng nhập không thành công"), transaction(store.db):
        users.update(added.id, failed_count=1)
        append_account_event(store.db, actor, "Đăng nhập không thành công", "an", user_id=added.id)
    rows = store.conn.execute(
        "SELECT action, summary, entity, entity_id, diff_json FROM audit_log WHERE seq > ?",
        [before],
    ).fetchall()
    assert len(rows) == 1
    action, summary, entity, entity_id, diff = rows[0]
    assert (action, summary, entity, entity_id) == ("Đăng nhập không thành công", "an", "users", 1)
    assert json.loads(diff)["changes"][0]["fields"] == {"failed_count": [0, 1]}
    assert store.conn.execute("SELECT count(*) FROM change_capture").fetchone()[0] == 0
