"""create_demo_database: the sample office as a new PartyDesk file, all or nothing."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

from partydesk.services.demo.generator import populate_demo
from partydesk.services.demo.scales import DemoSummary, _scale
from partydesk.services.progress import Progress, no_progress
from partydesk.store.store import create_store


def _remove_database_file(path: Path) -> None:
    """Delete a database file with its journal, so a stale journal is never replayed onto it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def create_demo_database(
    path: Path,
    scale: str = "district",
    seed: int = 2026,
    *,
    today: date,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> DemoSummary:
    """Build the sample office as a new PartyDesk file at ``path``, which must not exist.

    The file is built beside ``path`` (``<name>.demo-tmp``) and moved into place when complete;
    on cancel or error the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    _scale(scale)
    if path.exists():
        raise FileExistsError(path)
    temp = path.with_name(path.name + ".demo-tmp")
    _remove_database_file(temp)
    _remove_database_file(temp.with_name(temp.name + ".tmp"))
    try:
        store = create_store(temp)
    except BaseException:
        _remove_database_file(temp)
        raise
    try:
        summary = populate_demo(store, scale, seed, today=today, progress=progress, cancel=cancel)
    except BaseException:
        store.close()
        _remove_database_file(temp)
        raise
    # The change capture filled and emptied its table at every commit: two thirds of a new
    # sample file would be free pages that every backup copies.
    store.conn.execute("VACUUM")
    store.close()
    if path.exists():
        _remove_database_file(temp)
        raise FileExistsError(path)
    os.replace(temp, path)
    return summary
