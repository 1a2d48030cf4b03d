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

from partydesk.store.audit import (
    SYSTEM_ACTOR,
    append_entry,
    capture_watermark,
    consume_capture,
)
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
    """A verified backup (kind "before migration") in the file's own backup set; its path.

    The copy is made in one step with the backup API and checked before any step runs (D3).
    If it cannot be made, nothing is migrated: the open fails with the reason, file unchanged.
    """
    # Imported here: the backup engine reads ``store.store``, which imports this module.
    from contextlib import nullcontext

    from partydesk.domain.backups import BackupKind
    from partydesk.store.backup import BackupFailed, backup_set_dir, create_backup
    from partydesk.store.db import database_path
    from partydesk.store.errors import OpenError, OpenErrorKind

    db_path = Path(database_path(conn))
    try:
        info = create_backup(
            conn,
            backup_set_dir(backups_dir, db_path),
            BackupKind.BEFORE_MIGRATION,
            datetime.now().astimezone(),
            lock=nullcontext(),
            source_name=db_path.name,
            note=f"v{version}",
        )
    except BackupFailed as exc:
        raise OpenError(
            OpenErrorKind.MIGRATION_FAILED,
            db_path,
            f"không tạo được bản sao lưu trước khi nâng cấp: {exc.reason}",
        ) from exc
    return info.path


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
        # Capture rows already there were written by another program: they stay for an
        # administrator to see, not booked to the upgrade.
        outside_upto = capture_watermark(conn)
        if migration.version == 1:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in statements(migration.sql):
            conn.execute(statement)
        if migration.version >= AUDIT_VERSION:
            install_capture(conn)
            captured = consume_capture(conn, outside_upto)
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
