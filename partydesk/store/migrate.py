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


def apply_migration(conn: sqlite3.Connection, migration: Migration) -> None:
    """Apply one step atomically: a failure leaves neither its tables nor its version behind.

    ``executescript`` commits any open transaction first, so BEGIN/COMMIT go inside the script.
    """
    stamp = f"PRAGMA application_id = {APPLICATION_ID};\n" if migration.version == 1 else ""
    script = (
        f"BEGIN IMMEDIATE;\n{stamp}{migration.sql}\n"
        f"PRAGMA user_version = {migration.version};\nCOMMIT;"
    )
    try:
        conn.executescript(script)
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
