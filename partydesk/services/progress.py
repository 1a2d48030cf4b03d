"""The contract of long-running use cases: a progress callback and a cancel event."""

from __future__ import annotations

import threading
from collections.abc import Callable

Progress = Callable[[int, int, str], None]
"""``progress(done, total, message)``; called from the worker thread, so it must be cheap."""


class Cancelled(Exception):
    """The user cancelled the work; whatever it was writing has been discarded."""


def no_progress(done: int, total: int, message: str) -> None:
    """The progress callback for callers that do not show progress."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled
