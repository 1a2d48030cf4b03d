"""Opening a PartyDesk database file safely and configuring the one connection to it.

The order follows reliability decision D4: look at the file's header without SQLite, then a
read-only ``quick_check``, then open read-write. A file the user chose is never created,
overwritten or "repaired": every refusal leaves it byte-identical.

Locking: SQLite stays in its NORMAL locking mode (with ``journal_mode=DELETE`` and
``synchronous=FULL``). This departs from reliability D2's ``locking_mode=EXCLUSIVE`` on
purpose: the guard against two writers is the lock file (``store.file_lock``), and an
EXCLUSIVE connection would keep a second PartyDesk, opened read-only to look at the data while
a colleague works in it, from reading the file at all. A read-only open uses SQLite's
``mode=ro`` so not even a bug can write through it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
import sys
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from partydesk.store.errors import OpenError, OpenErrorKind, WriteFailed, write_failure_kind
from partydesk.store.journal import JournalRefused, journal_path

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


def read_only_uri(path: Path) -> str:
    """The ``file:…?mode=ro`` URI of ``path``, also for a Windows share (``\\\\server\\share``).

    SQLite refuses a URI authority other than "localhost", so a share is written with an
    empty authority and a path that starts with two slashes (``file:////server/share/…``).
    """
    text = Path(os.path.abspath(path)).as_posix()
    quoted = urllib.parse.quote(text, safe="/:")
    prefix = "file://" if text.startswith("/") else "file:///"
    return f"{prefix}{quoted}?mode=ro"


def _refused_read_only(path: Path, exc: sqlite3.Error) -> OpenError:
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        # A hot journal: a read-only connection can neither replay it nor read around it.
        return JournalRefused(path, journal_path(path), read_only=True)
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return OpenError(OpenErrorKind.CORRUPT, path, str(exc))
    kind = OpenErrorKind.CORRUPT if "malformed" in str(exc) else OpenErrorKind.UNREADABLE
    return OpenError(kind, path, str(exc))


def quick_check_read_only(path: Path) -> None:
    """Run ``PRAGMA quick_check`` on a read-only connection; raise ``OpenError`` if damaged."""
    conn = connect_read_only(path)
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        raise _refused_read_only(path, exc) from exc
    finally:
        conn.close()
    if rows != ["ok"]:
        raise OpenError(OpenErrorKind.CORRUPT, path, "; ".join(rows[:3]))


_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA cell_size_check = ON",
    "PRAGMA mmap_size = 0",
    "PRAGMA busy_timeout = 2000",
)


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection configured as every PartyDesk connection must be (D2, §1.8).

    ``check_same_thread`` is off because background tasks may use the connection; the store
    serialises access itself.
    """
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in _PRAGMAS:
        conn.execute(pragma)
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A ``mode=ro`` connection with the same settings: SQLite refuses every write on it.

    ``busy_timeout`` lets it wait out the moment another PartyDesk commits to the same file.
    """
    try:
        conn = sqlite3.connect(
            read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise OpenError(OpenErrorKind.UNREADABLE, path, str(exc)) from exc
    try:
        for pragma in _PRAGMAS:
            conn.execute(pragma)
    except sqlite3.Error as exc:
        conn.close()
        raise _refused_read_only(path, exc) from exc
    return conn


def why_read_only(
    path: Path, *, access=os.access, stat_of=os.stat, platform: str = sys.platform
) -> str | None:
    """Why ``path`` cannot be written where it is (a reason for the clerk), or None.

    Looks at the file's own permission and, on Windows, its read-only attribute, and at the
    folder, which must take the lock file and SQLite's journal. Root ignores permissions on
    POSIX; the lock file's creation is the final test there.
    """
    try:
        attributes = getattr(stat_of(path), "st_file_attributes", 0)
    except OSError:
        return None  # missing or unreadable: the open itself says so
    if platform == "win32" and attributes & stat.FILE_ATTRIBUTE_READONLY:
        return "tệp có thuộc tính chỉ đọc (Read-only)"
    if not access(path, os.W_OK):
        return "không có quyền ghi vào tệp"
    folder = path.parent
    if not access(folder, os.W_OK | os.X_OK):
        return f"không có quyền ghi vào thư mục {folder}"
    return None


class ReadOnlyNeedsUpgrade(OpenError):
    """An older file opened only to look at it: the upgrade it needs would write to it."""

    def __init__(self, path: Path, version: int, reason: str) -> None:
        self.version = version
        self.reason = reason
        super().__init__(OpenErrorKind.UNREADABLE, path, reason)

    @property
    def message(self) -> str:
        because = f" ({self.reason})" if self.reason else ""
        return (
            f"Tệp {self.path} có cấu trúc dữ liệu cũ (số {self.version}) và phải được nâng "
            f"cấp trước khi dùng, nhưng tệp đang chỉ mở để xem{because} nên không nâng cấp "
            "được. Tệp được giữ nguyên; hãy mở tệp ở chế độ làm việc bình thường một lần để "
            "PartyDesk nâng cấp (có sao lưu trước)."
        )


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
