"""Opening, creating, copying, checking and restoring database files; the sample office's file.

Opening for work takes the file's lock (``store.file_lock``): ``LockHeld`` tells the caller who
has it open, and the caller may open it ``read_only`` instead. A file that cannot be written is
opened read-only by itself, with the reason on ``Store.read_only_reason``.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from partydesk.domain.accounts import Permission
from partydesk.paths import DataPaths
from partydesk.services.audit import require
from partydesk.services.audit_log import Anchor, write_anchor
from partydesk.services.progress import Progress, no_progress
from partydesk.store.audit import chain_head
from partydesk.store.local_copy import copy_database
from partydesk.store.store import CheckReport, Store, check_file, create_store, open_store

RESTORE_ACTION = "Khôi phục dữ liệu từ bản sao lưu"


def open_database(
    path: Path, paths: DataPaths, *, read_only: bool = False, reason: str = ""
) -> Store:
    """Open an existing file (raises ``OpenError`` with the clerk's message, file untouched,
    or ``LockHeld`` when another PartyDesk has it open for work)."""
    return open_store(path, paths.backups, read_only=read_only, reason=reason)


def open_or_create_default(paths: DataPaths) -> Store:
    """The default database of this user: created empty the first time, opened afterwards.

    Only this path, chosen by PartyDesk itself, is ever created implicitly.
    """
    if not paths.default_db.exists():
        return create_store(paths.default_db)
    return open_store(paths.default_db, paths.backups)


def create_database(path: Path) -> Store:
    """A new empty file at a path the clerk chose in a "new file" dialog; never overwrites."""
    return create_store(path)


def copy_to_this_computer(source: Path, paths: DataPaths) -> Path:
    """A checked copy of a file on a risky place in the data folder (``paths.root``), under
    the same name or, when that is taken, ``<name> (2).sqlite``…; the source is only read."""
    return copy_database(source, paths.root)


def check_database(path: Path) -> CheckReport:
    """The file's health, read-only: header, schema version, ``integrity_check``,
    ``foreign_key_check`` and row counts. Safe on the file this program has open."""
    return check_file(path)


def note_restored(store: Store, backup: Path, previous: Path | None, paths: DataPaths) -> None:
    """After a restore: record it in the restored file's own log, and take its log's head as
    the one remembered outside the file (the old head belongs to the replaced data, so the
    check at the next open would otherwise report the restore as tampering)."""
    if store.read_only:
        return
    require(store, Permission.RESTORE)
    kept = f"; dữ liệu trước đó được giữ ở {previous}" if previous is not None else ""
    with store.lock:
        store.audit.record_event(RESTORE_ACTION, f"Từ {backup}{kept}")
        seq, row_hash = chain_head(store.conn)
    write_anchor(paths, store.path, Anchor(seq, row_hash))


def ensure_demo_database(
    paths: DataPaths,
    scale: str,
    *,
    today: date,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> Path:
    """The sample office's file in the data folder, created once; later runs reuse it."""
    from partydesk.services.demo import create_demo_database

    path = paths.demo_db(scale)
    if not path.exists():
        create_demo_database(path, scale, today=today, progress=progress, cancel=cancel)
    return path
