"""Opening a PartyDesk database file safely and configuring the one connection to it.

The order follows reliability decision D4: look at the file's header without SQLite, then a
read-only ``quick_check``, then open read-write. A file the user chose is never created,
overwritten or "repaired": every refusal leaves it byte-identical.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from partydesk.store.errors import OpenError, OpenErrorKind, WriteFailed, write_failure_kind

APPLICATION_ID = int.from_bytes(b"PDsk", "big")
SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100


@dataclass(frozen=True, slots=True)
class FileHeader:
    """What the first 100 bytes of a SQLite file say, read without opening it with SQLite."""

    application_id: int
    user_version: int
    page_count: int


def read_header(path: Path) -> FileHeader:
    """Classify ``path`` from its header; raise ``OpenError`` for anything that is not ours."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise OpenError(OpenErrorKind.NOT_FOUND, path) from None
    except OSError as exc:
        raise OpenError(OpenErrorKind.UNREADABLE, path, exc.strerror or str(exc)) from exc
    if size == 0:
        raise OpenError(OpenErrorKind.EMPTY_FILE, path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEADER_SIZE)
    except OSError as exc:
        raise OpenError(OpenErrorKind.UNREADABLE, path, exc.strerror or str(exc)) from exc
    if len(head) < _HEADER_SIZE or not head.startswith(SQLITE_HEADER):
        raise OpenError(OpenErrorKind.NOT_SQLITE, path)
    (page_count,) = struct.unpack(">I", head[28:32])
    (user_version,) = struct.unpack(">I", head[60:64])
    (application_id,) = struct.unpack(">i", head[68:72])
    if application_id != APPLICATION_ID:
        raise OpenError(OpenErrorKind.OTHER_APPLICATION, path)
    return FileHeader(application_id, user_version, page_count)


def quick_check_read_only(path: Path) -> None:
    """Run ``PRAGMA quick_check`` on a read-only connection; raise ``OpenError`` if damaged."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise OpenError(OpenErrorKind.UNREADABLE, path, str(exc)) from exc
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        raise OpenError(OpenErrorKind.CORRUPT, path, str(exc)) from exc
    finally:
        conn.close()
    if rows != ["ok"]:
        raise OpenError(OpenErrorKind.CORRUPT, path, "; ".join(rows[:3]))


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection configured as every PartyDesk connection must be (D2, §1.8).

    ``check_same_thread`` is off because background tasks may use the connection; the store
    serialises access itself.
    """
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in (
        "PRAGMA foreign_keys = ON",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA synchronous = FULL",
        "PRAGMA trusted_schema = OFF",
        "PRAGMA cell_size_check = ON",
        "PRAGMA mmap_size = 0",
        "PRAGMA busy_timeout = 2000",
    ):
        conn.execute(pragma)
    return conn


def wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    return sqlite_utils.Database(conn)


# Called with the connection just before each outermost COMMIT (the audit log's writer).
BEFORE_COMMIT = "partydesk_before_commit"


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One explicit write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on error.

    sqlite-utils calls inside it nest as savepoints, so a repository method can be used alone
    or as part of a larger use case. A failure the disk or file causes (full, read-only, I/O,
    gone) leaves nothing half-written and becomes a ``WriteFailed`` with the clerk's message.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
            hook = getattr(db, BEFORE_COMMIT, None)
            if hook is not None:
                hook(conn)
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may already have rolled back by itself (disk full, for one).
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as exc:
        kind = write_failure_kind(exc)
        if kind is None or isinstance(exc, sqlite3.IntegrityError):
            raise
        raise WriteFailed(kind, database_path(conn), str(exc)) from exc


def database_path(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""
