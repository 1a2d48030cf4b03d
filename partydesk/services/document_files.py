"""Writing a document file safely: build from the store under its lock, render, move into place.

Shared by every service that prints (the register's documents, the minutes, the briefing
round's documents): a failure or a cancel never leaves a half-written file under the name the
clerk chose, and the store is read by one thread at a time while the GUI keeps using it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from partydesk.services.progress import Progress, check_cancel
from partydesk.store.store import Store

_Document = TypeVar("_Document")


def write_document(
    store: Store,
    target: Path,
    build: Callable[[], _Document],
    render: Callable[[_Document, BinaryIO], int],
    progress: Progress,
    cancel: threading.Event | None,
    fetching: str = "Đang lấy dữ liệu…",
) -> int:
    """Build a document from the store, then render it atomically to ``target``.

    This runs on a worker thread while the GUI reads the store too, hence the lock; the
    cancel is checked between the two steps and again before the file is moved into place.
    """
    progress(0, 2, fetching)
    with store.lock:
        document = build()
    check_cancel(cancel)
    progress(1, 2, "Đang dựng văn bản…")

    def write(handle: BinaryIO) -> int:
        pages = render(document, handle)
        check_cancel(cancel)
        return pages

    pages = write_atomically(target, write)
    progress(2, 2, "Xong")
    return pages


def write_atomically(target: Path, write: Callable[[BinaryIO], int]) -> int:
    """Write beside ``target`` and move into place only when complete, so a failure or a
    cancel never leaves a half-written file under the chosen name."""
    target = Path(target)
    temp = target.with_name(target.name + ".partial")
    try:
        with temp.open("wb") as handle:
            result = write(handle)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return result
