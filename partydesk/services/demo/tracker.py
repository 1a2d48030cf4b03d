"""Progress of the generator in work units, with cancel checked every 1 %."""

from __future__ import annotations

import threading

from partydesk.domain.numbers import grouped
from partydesk.services.progress import Progress, check_cancel


class _Tracker:
    """Progress in work units; reports (and checks for cancel) every 1 % of the work."""

    def __init__(self, progress: Progress, cancel: threading.Event | None, total: int) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = max(total, 1)
        self.done = 0
        self._step = max(1, self.total // 100)
        self._next = self._step
        self._label = ""
        self._count = 0
        self._phase_done = 0

    def phase(self, label: str, count: int) -> None:
        check_cancel(self._cancel)
        self._label, self._count, self._phase_done = label, count, 0

    @property
    def phase_done(self) -> int:
        return self._phase_done

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._phase_done += n
        if self.done >= self._next:
            self._next = (self.done // self._step + 1) * self._step
            check_cancel(self._cancel)
            message = f"{self._label}… {grouped(self._phase_done)}/{grouped(self._count)}"
            self._progress(min(self.done, self.total), self.total, message)
