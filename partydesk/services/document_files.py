"""Writing a document file safely: permitted, built under the store's lock, rendered, moved
into place, logged.

Shared by every service that prints or exports (the register's documents, the minutes, the
briefing round's documents, the evaluation papers, the Excel lists, the calendar file):

- the acting account must be allowed to print (``Permission.PRINT``) before anything is read;
- the file is written beside the chosen name and moved into place only when complete, so a
  failure or a cancel never leaves a half-written file under the name the clerk chose;
- a file holding personal data that was written is logged (``log_export``: what, where, how
  many rows), as the audit trail must cover data leaving the program (reliability §3.5).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from partydesk.domain.accounts import Permission
from partydesk.services.audit import log_export, require
from partydesk.services.progress import Progress, check_cancel
from partydesk.store.store import Store

_Document = TypeVar("_Document")

PARTIAL_SUFFIX = ".partial"


def require_print(store: Store) -> None:
    """Refuse (``AccessDenied``) before any work when the account may not print or export."""
    require(store, Permission.PRINT)


def write_document(
    store: Store,
    target: Path,
    build: Callable[[], _Document],
    render: Callable[[_Document, BinaryIO], int],
    progress: Progress,
    cancel: threading.Event | None,
    fetching: str = "Đang lấy dữ liệu…",
    *,
    what: str | Callable[[_Document], str],
    count: Callable[[_Document], int | None] | None = None,
) -> int:
    """Build a document from the store, render it atomically to ``target``, log the export.

    This runs on a worker thread while the GUI reads the store too, hence the lock; the
    cancel is checked between the two steps and again before the file is moved into place.
    ``what`` names the document in the audit log ("Danh sách đảng viên"), or makes the name
    from the document built; ``count`` gives the number of records it holds.
    """
    require_print(store)
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
    name = what if isinstance(what, str) else what(document)
    log_export(store, name, target, count(document) if count is not None else None)
    progress(2, 2, "Xong")
    return pages


def write_atomically(target: Path, write: Callable[[BinaryIO], int]) -> int:
    """Write beside ``target`` and move into place only when complete, so a failure or a
    cancel never leaves a half-written file under the chosen name (nor the partial one)."""
    target = Path(target)
    temp = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        with temp.open("wb") as handle:
            result = write(handle)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return result
