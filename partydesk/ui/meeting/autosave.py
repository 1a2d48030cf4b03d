"""Autosave of the meeting form: every edit restarts a short single-shot timer, and the form's
content is written as a draft when typing pauses (``IDLE_MS``) or, for a clerk who types on
without pausing, once the oldest unsaved edit is ``MAX_DELAY_MS`` old.

The draft goes to SQLite with synchronous=FULL (a few milliseconds), so writing it on the GUI
thread is fine, and a crash or a power cut loses at most the last ``MAX_DELAY_MS`` of typing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

IDLE_MS = 1500
MAX_DELAY_MS = 2000

log = logging.getLogger(__name__)


class Autosaver(QObject):
    """Debounces edits into draft writes.

    ``saved(datetime)`` after each write; ``failed(str)`` when a write raised (the form stays
    usable, and the next edit tries again).
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        write: Callable[[], None],
        idle_ms: int = IDLE_MS,
        max_delay_ms: int = MAX_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._write = write
        self.idle_ms = idle_ms
        self.max_delay_ms = max(max_delay_ms, idle_ms)
        self._pending = False
        self._first_unsaved = 0.0
        self.enabled = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)

    @property
    def pending(self) -> bool:
        """An edit has not been written yet."""
        return self._pending

    def touch(self) -> None:
        """An edit happened: write it once typing pauses, and not later than the deadline."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not self._pending:
            self._pending = True
            self._first_unsaved = now
        deadline = min(now + self.idle_ms / 1000, self._first_unsaved + self.max_delay_ms / 1000)
        self.timer.start(max(0, round((deadline - now) * 1000)))

    def flush(self) -> None:
        """Write a pending edit now (the window is closing)."""
        if self._pending:
            self.timer.stop()
            self._save()

    def cancel(self) -> None:
        """Forget a pending edit (it was just saved for real)."""
        self.timer.stop()
        self._pending = False

    def _on_timer_timeout(self) -> None:
        self._save()

    def _save(self) -> None:
        try:
            self._write()
        except Exception as exc:  # a draft that cannot be written must not break the form
            log.exception("autosave of the meeting draft failed")
            self.failed.emit(str(exc))
            return
        self._pending = False
        self.saved.emit(datetime.now())
