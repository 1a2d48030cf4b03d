"""Every connection PartyDesk opens carries the settings reliability §0 D2 and §1.8 require
(T15): rollback journal, full sync, foreign keys, no trust in the file's schema, cell checks.

Connections are caught where they are made: ``sqlite3.connect`` is wrapped so that each
connection PartyDesk opens while creating, opening, re-opening read-only and checking a file
is recorded with its settings as they are when it is closed (or at the end of the test, for
those still open). A connection the store keeps for its work must have all five settings; a
short-lived one that only reads a file the clerk chose (``quick_check`` before opening, the
``check`` command) must at least not trust its schema and check its cells.

The SQLite version is reported with the verdict of the WAL gate (≥ 3.51.3, or the 3.50.7 and
3.44.6 backports of the WAL-reset fix, reliability §1.1); PartyDesk must never switch to WAL,
so the gate only matters the day it does.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from partydesk.store.db import connect, connect_read_only
from partydesk.store.store import check_file, create_store, open_store

PARTYDESK = Path(__file__).resolve().parents[2] / "partydesk"

# What a working connection must say (PRAGMA name → value).
REQUIRED = {
    "journal_mode": "delete",
    "synchronous": 2,
    "foreign_keys": 1,
    "trusted_schema": 0,
    "cell_size_check": 1,
}
# What a short-lived reading connection must say.
REQUIRED_FOR_READING = {"trusted_schema": 0, "cell_size_check": 1}

# First releases with the WAL-reset fix, per release line (reliability §1.1).
WAL_FIX = {(3, 44): (3, 44, 6), (3, 50): (3, 50, 7)}
WAL_FIX_MAINLINE = (3, 51, 3)


def settings_of(conn: sqlite3.Connection) -> dict[str, object]:
    settings: dict[str, object] = {
        name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in REQUIRED
    }
    settings["locking_mode"] = conn.execute("PRAGMA locking_mode").fetchone()[0]
    settings["file"] = conn.execute("PRAGMA database_list").fetchone()[2]
    return settings


class Recorded(sqlite3.Connection):
    """A connection that notes its settings just before it is closed."""

    seen: list[dict[str, object]]
    opened_by: str

    def close(self) -> None:
        if not getattr(self, "_noted", False):
            self._noted = True
            self.seen.append(settings_of(self) | {"opened_by": self.opened_by})
        super().close()


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every connection opened through ``sqlite3.connect`` while the test runs."""
    seen: list[dict[str, object]] = []
    opened: list[Recorded] = []
    real_connect = sqlite3.connect

    def recording_connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, factory=Recorded, **kwargs)  # type: ignore[call-overload]
        conn.seen = seen
        conn.opened_by = sys._getframe(1).f_code.co_name
        opened.append(conn)
        return conn

    monkeypatch.setattr(sqlite3, "connect", recording_connect)
    yield seen
    for conn in opened:
        with contextlib.suppress(sqlite3.ProgrammingError):  # closed by the code under test
            conn.close()


def wrong_settings(settings: dict[str, object], required: dict[str, object]) -> dict:
    return {name: settings[name] for name, value in required.items() if settings[name] != value}


def test_every_working_connection_has_the_required_settings(tmp_path: Path) -> None:
    path = tmp_path / "data.sqlite"
    backups = tmp_path / "backups"
    openers = (
        ("create_store", lambda: create_store(path)),
        ("open_store", lambda: open_store(path, backups)),
        ("open_store read-only", lambda: open_store(path, backups, read_only=True)),
    )
    for label, make in openers:
        store = make()
        try:
            assert not wrong_settings(settings_of(store.conn), REQUIRED), label
        finally:
            store.close()
    for label, conn in (("connect", connect(path)), ("connect_read_only", connect_read_only(path))):
        try:
            assert not wrong_settings(settings_of(conn), REQUIRED), label
        finally:
            conn.close()


def test_every_connection_opened_along_the_way_is_safe(
    tmp_path: Path, recorded: list[dict[str, object]]
) -> None:
    """Create, open, open read-only and check a file; every connection made on the way,
    short-lived ones included, reads it without trusting it."""
    path = tmp_path / "data.sqlite"
    create_store(path).close()
    open_store(path, tmp_path / "backups").close()
    open_store(path, tmp_path / "backups", read_only=True).close()
    assert check_file(path).healthy
    assert len(recorded) >= 4
    problems = {}
    for settings in recorded:
        wrong = wrong_settings(settings, REQUIRED_FOR_READING | {"journal_mode": "delete"})
        if wrong:
            problems[f"{settings['opened_by']}()"] = wrong
    assert not problems


def wal_gate_allows(version: tuple[int, int, int]) -> bool:
    """Whether this SQLite has the WAL-reset fix (the condition to ever enable WAL)."""
    backport = WAL_FIX.get(version[:2])
    if backport is not None:
        return version >= backport
    return version >= WAL_FIX_MAINLINE


def test_the_wal_gate_knows_the_fixed_releases() -> None:
    assert [wal_gate_allows(v) for v in ((3, 51, 2), (3, 51, 3), (3, 53, 1))] == [0, 1, 1]
    assert [wal_gate_allows(v) for v in ((3, 50, 6), (3, 50, 7), (3, 44, 5), (3, 44, 6))] == [
        0,
        1,
        0,
        1,
    ]
    assert not wal_gate_allows((3, 45, 3)) and not wal_gate_allows((3, 40, 1))


def test_sqlite_version_is_reported_and_wal_is_never_set(
    tmp_path: Path, record_property: pytest.FixtureRequest
) -> None:
    version = sqlite3.sqlite_version_info
    verdict = "would pass" if wal_gate_allows(version) else "would fail"
    print(f"SQLite {sqlite3.sqlite_version}: the WAL gate {verdict}; PartyDesk uses DELETE")
    record_property("sqlite_version", sqlite3.sqlite_version)  # type: ignore[operator]
    # The code never asks for another journal mode than DELETE, in Python or in SQL.
    settings = []
    for source in [*PARTYDESK.rglob("*.py"), *PARTYDESK.rglob("*.sql")]:
        text = source.read_text("utf-8")
        settings += [
            (source.name, mode)
            for mode in re.findall(r"journal_mode\s*=\s*['\"]?(\w+)", text, re.IGNORECASE)
        ]
    assert settings and all(mode.lower() == "delete" for _, mode in settings), settings
    store = create_store(tmp_path / "data.sqlite")
    try:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        store.close()
    assert not (tmp_path / "data.sqlite-wal").exists()


def test_full_text_search_is_compiled_in() -> None:
    """The member search uses FTS5; a bundled SQLite without it could not open the file."""
    conn = sqlite3.connect(":memory:")
    try:
        options = {row[0] for row in conn.execute("PRAGMA compile_options")}
    finally:
        conn.close()
    assert "ENABLE_FTS5" in options
