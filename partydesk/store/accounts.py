"""Local accounts in the ``users`` table, and the audit rows of login attempts.

Rows come back as ``UserAccount``, which has no password-hash field: the hash is read and
written only through ``password_hash`` / ``set_password_hash``, so it cannot reach a repr, a
log record or an exception message by accident. The capture triggers record ``pw_hash`` only
as "***" (``partydesk.store.capture.SECRET_COLUMNS``).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import sqlite_utils

from partydesk.domain.accounts import Actor, Role, UserAccount, login_key
from partydesk.store.audit import append_entry, consume_capture
from partydesk.store.db import transaction
from partydesk.store.errors import DuplicateError, NotFound

_COLUMNS = (
    "id, login, display_name, role, disabled, must_change_pw, failed_count, locked_until, "
    "last_login_at"
)
# The fields ``update`` may change; the hash has its own method and the login never changes.
_UPDATABLE = frozenset(
    {
        "display_name",
        "role",
        "disabled",
        "must_change_pw",
        "failed_count",
        "locked_until",
        "last_login_at",
    }
)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _moment_text(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _from_row(row: tuple) -> UserAccount:
    return UserAccount(
        id=row[0],
        login=row[1],
        display_name=row[2],
        role=Role(row[3]),
        disabled=bool(row[4]),
        must_change_pw=bool(row[5]),
        failed_count=row[6],
        locked_until=_moment(row[7]),
        last_login_at=_moment(row[8]),
    )


def _column_value(value: Any) -> Any:
    if isinstance(value, Role):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return _moment_text(value)
    return value


class UserRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def add(
        self,
        login: str,
        display_name: str,
        role: Role,
        pw_hash: str,
        *,
        must_change_pw: bool = False,
    ) -> UserAccount:
        """Insert an account; a login whose key is already used raises ``DuplicateError``."""
        row = {
            "login": login,
            "login_key": login_key(login),
            "display_name": display_name,
            "role": role.value,
            "pw_hash": pw_hash,
            "must_change_pw": int(must_change_pw),
        }
        try:
            with transaction(self._db):
                user_id = self._db["users"].insert(row).last_pk
        except sqlite3.IntegrityError as exc:
            if "login_key" in str(exc):
                raise DuplicateError(
                    "login", f"Tên đăng nhập {login} đã có tài khoản khác dùng."
                ) from None
            raise
        return self.get(user_id)

    def get(self, user_id: int) -> UserAccount:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM users WHERE id = ?", [user_id]).fetchone()
        if row is None:
            raise NotFound("tài khoản", user_id)
        return _from_row(row)

    def by_login_key(self, key: str) -> UserAccount | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM users WHERE login_key = ?", [key]
        ).fetchone()
        return _from_row(row) if row else None

    def all(self) -> list[UserAccount]:
        return [
            _from_row(r)
            for r in self._db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY login_key, id")
        ]

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM users").fetchone()[0]

    def active_admin_ids(self) -> list[int]:
        rows = self._db.execute(
            "SELECT id FROM users WHERE role = ? AND disabled = 0 ORDER BY id",
            [Role.ADMIN.value],
        )
        return [r[0] for r in rows]

    def update(self, user_id: int, **fields: Any) -> UserAccount:
        """Change some of: display_name, role, disabled, must_change_pw, failed_count,
        locked_until, last_login_at. Returns the account as stored afterwards."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        self.get(user_id)
        if fields:
            values = {name: _column_value(v) for name, v in fields.items()}
            with transaction(self._db):
                self._db["users"].update(user_id, values)
        return self.get(user_id)

    def password_hash(self, user_id: int) -> str:
        row = self._db.execute("SELECT pw_hash FROM users WHERE id = ?", [user_id]).fetchone()
        if row is None:
            raise NotFound("tài khoản", user_id)
        return row[0]

    def set_password_hash(self, user_id: int, pw_hash: str) -> None:
        self.get(user_id)
        with transaction(self._db):
            self._db.execute("UPDATE users SET pw_hash = ? WHERE id = ?", [pw_hash, user_id])


def append_account_event(
    db: sqlite_utils.Database,
    actor: Actor,
    action: str,
    summary: str,
    *,
    user_id: int | None = None,
    after_capture_id: int = 0,
) -> None:
    """One audit row for a login attempt, holding the account changes the attempt made
    (failure count, lock-out, last login). Call inside the caller's write transaction: the
    captured rows are consumed here, so the COMMIT hook finds nothing left to log."""
    conn = db.conn
    # Capture rows up to ``after_capture_id`` were written by another program: they wait for
    # an administrator instead of being booked to this login.
    captured = consume_capture(conn, after_capture_id)
    append_entry(
        conn,
        actor,
        action,
        summary=summary,
        entity="users" if user_id is not None else "",
        entity_id=user_id,
        captured=captured,
    )
