"""Schema versioning: numbered SQL migrations, each applied in one transaction.

The version lives in ``PRAGMA user_version``; the file is stamped with PartyDesk's
``application_id`` by the first step. An existing file is backed up with the SQLite backup API
before any step runs; a file newer than this program is refused before anything is written.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from partydesk.store.audit import SYSTEM_ACTOR, append_entry, consume_capture
from partydesk.store.capture import install_capture
from partydesk.store.db import APPLICATION_ID

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> tuple[Migration, ...]:
    """The migrations shipped with the package, in version order, numbered without gaps."""
    found = []
    for entry in resources.files("partydesk.store.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise RuntimeError(f"Migrations are not numbered 1..N: {[m.name for m in found]}")
    return tuple(found)


MIGRATIONS = load_migrations()
LATEST_VERSION = MIGRATIONS[-1].version


class MigrationError(Exception):
    def __init__(self, migration: Migration, cause: BaseException) -> None:
        self.migration = migration
        super().__init__(f"{migration.name}: {cause}")


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def backup_before_migration(conn: sqlite3.Connection, backups_dir: Path, version: int) -> Path:
    """Copy the database in one step with the backup API (D3) and return the copy's path."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"truoc-nang-cap_v{version}_{stamp}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = backups_dir / f"truoc-nang-cap_v{version}_{stamp}-{counter}.sqlite"
    copy = sqlite3.connect(str(target))
    try:
        conn.backup(copy, pages=-1)
    finally:
        copy.close()
    return target


AUDIT_VERSION = 5  # the first schema with the audit log and change capture


def statements(sql: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    found, pending = [], ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                found.append(pending.strip())
            pending = ""
    if pending.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in pending.splitlines()
    ):
        raise ValueError(f"incomplete statement at the end: {pending.strip()[:80]}")
    return found


def apply_migration(conn: sqlite3.Connection, migration: Migration) -> None:
    """Apply one step atomically: a failure leaves neither its tables nor its version behind.

    From the audit schema on, the same transaction regenerates the capture triggers for the
    new columns and logs the step in the audit chain.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        if migration.version == 1:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in statements(migration.sql):
            conn.execute(statement)
        if migration.version >= AUDIT_VERSION:
            install_capture(conn)
            captured = consume_capture(conn)
            append_entry(
                conn,
                SYSTEM_ACTOR,
                f"Nâng cấp cấu trúc dữ liệu lên số {migration.version}",
                summary=migration.name,
                captured=captured,
            )
        conn.execute(f"PRAGMA user_version = {migration.version}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise MigrationError(migration, exc) from exc


def migrate(conn: sqlite3.Connection, *, target: int = LATEST_VERSION) -> list[Migration]:
    """Bring the schema up to ``target``; return the steps applied."""
    applied = []
    current = schema_version(conn)
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            apply_migration(conn, migration)
            applied.append(migration)
    return applied
