"""Migrations: every earlier schema upgrades, with a backup first; each step is atomic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from partydesk.domain.backups import BackupKind
from partydesk.store.backup import backup_infos, backup_set_dir
from partydesk.store.db import APPLICATION_ID, connect
from partydesk.store.errors import OpenError, OpenErrorKind
from partydesk.store.migrate import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    MigrationError,
    apply_migration,
    migrate,
)
from partydesk.store.store import create_store, open_store


def schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return sorted(
        conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall()
    )


def database_at(path: Path, version: int) -> Path:
    """A PartyDesk file as an earlier release left it: migrated only up to ``version``.

    Version 0 is a stamped file whose first migration never committed.
    """
    conn = connect(path)
    migrate(conn, target=version)
    if version == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    return path


def test_migrations_are_numbered_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_every_earlier_version_upgrades_to_the_fresh_schema(tmp_path: Path, version: int) -> None:
    old = database_at(tmp_path / "old.sqlite", version)
    store = open_store(old, tmp_path / "backups")
    fresh = create_store(tmp_path / "fresh.sqlite")
    assert store.schema_version == LATEST_VERSION
    assert schema(store.conn) == schema(fresh.conn)
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    [backup] = backup_infos(backup_set_dir(tmp_path / "backups", old))
    assert backup.kind is BackupKind.BEFORE_MIGRATION and backup.schema_version == version
    assert backup.path.name.endswith(f"_v{version}.sqlite") and not backup.damaged
    store.close()
    fresh.close()


def test_a_failing_step_leaves_neither_its_tables_nor_its_version(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.sqlite")
    migrate(conn)
    broken = Migration(LATEST_VERSION + 1, "9999_broken.sql", "CREATE TABLE half (x); SELECT nope;")
    with pytest.raises(MigrationError):
        apply_migration(conn, broken)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert "half" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not conn.in_transaction
    conn.close()


def test_a_failed_migration_on_open_reports_the_backup(tmp_path: Path, monkeypatch) -> None:
    path = database_at(tmp_path / "old.sqlite", 0)
    import partydesk.store.store as store_module

    def broken_migrate(conn: sqlite3.Connection, **_: object) -> list[Migration]:
        raise MigrationError(MIGRATIONS[0], RuntimeError("hỏng"))

    monkeypatch.setattr(store_module, "migrate", broken_migrate)
    with pytest.raises(OpenError) as caught:
        open_store(path, tmp_path / "backups")
    assert caught.value.kind is OpenErrorKind.MIGRATION_FAILED
    assert caught.value.backup is not None and caught.value.backup.exists()


FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_v*.sqlite")), ids=lambda p: p.name)
def test_released_files_upgrade_with_their_data(fixture: Path, tmp_path: Path) -> None:
    """Files written by released versions (their own code made them, with the sample office)
    open in this version: upgraded after a backup, every row kept, the file healthy."""
    path = tmp_path / fixture.name
    path.write_bytes(fixture.read_bytes())
    old = sqlite3.connect(path)
    before = {
        t: old.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for (t,) in old.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
        )
    }
    old.close()
    store = open_store(path, tmp_path / "backups")
    try:
        assert store.schema_version == LATEST_VERSION
        for table, count in before.items():
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.meetings.drafts() == []
    finally:
        store.close()
    assert len(list((tmp_path / "backups").iterdir())) == 1
