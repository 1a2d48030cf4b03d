"""Opening, creating and checking database files, and the sample office's database."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from partydesk.paths import DataPaths
from partydesk.services.progress import Progress, no_progress
from partydesk.store.store import CheckReport, Store, check_file, create_store, open_store


def open_database(path: Path, paths: DataPaths) -> Store:
    """Open an existing file (raises ``OpenError`` with the clerk's message, file untouched)."""
    return open_store(path, paths.backups)


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


def check_database(path: Path) -> CheckReport:
    return check_file(path)


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
