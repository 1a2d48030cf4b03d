"""Background work: plain service functions run on QThreadPool, results come back on the GUI thread.

Services stay Qt-free (style guide R11): a long operation is a plain function
``fn(*args, progress, cancel, **kwargs)`` where ``progress(done, total, message)`` reports
progress and ``cancel`` is a ``threading.Event`` the function polls. ``Task`` wraps such a
function in a QRunnable; ``TaskRunner`` starts tasks, keeps them alive while they run and
delivers ``on_success`` / ``on_failure`` / ``on_cancelled`` on the GUI thread;
``run_with_progress`` adds the delayed, cancellable progress dialog of R12.

Cancellation is cooperative and needs no shared exception type: if the function raises while
its cancel event is set, the task counts as cancelled (no error box), whatever it raised.
A function that notices the request too late and returns normally has succeeded.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import SIGNAL, SLOT, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QPushButton, QWidget

from partydesk.ui import messages

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]

#: Services may report every item; the GUI thread only needs ~10 updates a second (and a fast
#: moving progress bar is a known source of trouble on Windows, see style guide R12).
PROGRESS_INTERVAL_S = 0.1
#: Jobs that finish sooner than this never show a progress dialog (no flashing).
PROGRESS_DIALOG_DELAY_MS = 500

WORKING_TEXT = "Đang xử lý…"
CANCELLING_TEXT = "Đang hủy, vui lòng chờ…"
CANCEL_TEXT = "Hủy"


class _TaskSignals(QObject):
    """Created on the GUI thread, so emits from the worker are queued to the GUI thread."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


class _ThrottledProgress:
    """The ``progress`` callable handed to the service; runs on the worker thread."""

    def __init__(self, emit: ProgressCallback, interval_s: float) -> None:
        self._emit = emit
        self._interval_s = interval_s
        self._last_emit: float | None = None

    def __call__(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        is_last = total > 0 and done >= total
        if self._last_emit is None or is_last or now - self._last_emit >= self._interval_s:
            self._last_emit = now
            self._emit(int(done), int(total), str(message))


class Task(QRunnable):
    """One run of ``fn`` on a pool thread.

    Signals (on ``task.signals``, delivered on the GUI thread): ``progress(done, total,
    message)``, then exactly one of ``succeeded(result)``, ``failed(exception)`` or
    ``cancelled()``, and finally ``finished()``.
    """

    def __init__(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        # Qt owns and deletes the runnable once run() returns (autoDelete); the Python object,
        # and with it the signals QObject, stays alive through TaskRunner's reference until
        # ``finished`` has been delivered, so the signals object is freed on the GUI thread.
        self.signals = _TaskSignals()
        self.cancel_event = threading.Event()
        self.name = getattr(fn, "__qualname__", repr(fn))
        self._fn = fn
        self._args = args
        self._kwargs = kwargs

    def cancel(self) -> None:
        """Ask the function to stop; it decides when (it polls ``cancel``)."""
        self.cancel_event.set()

    def run(self) -> None:
        # Worker thread: no widgets, no GUI-thread database connection, only signal emits.
        progress = _ThrottledProgress(self.signals.progress.emit, PROGRESS_INTERVAL_S)
        try:
            result = self._fn(
                *self._args, progress=progress, cancel=self.cancel_event, **self._kwargs
            )
        except Exception as exc:
            if self.cancel_event.is_set():
                log.info("Task %s cancelled (%s: %s)", self.name, type(exc).__name__, exc)
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


@dataclass
class _TaskRecord:
    task: Task
    on_success: SuccessCallback | None
    on_failure: FailureCallback | None
    on_cancelled: Callable[[], None] | None
    on_progress: ProgressCallback | None


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them referenced until they have finished.

    Every task's signals are connected to this runner's slots: the runner lives on the GUI
    thread, so each delivery is a queued call into the GUI thread whatever thread emitted it,
    and the callbacks run there. ``busy_changed(bool)`` lets windows disable actions that
    would start a conflicting write while something runs (R12).
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        # Keyed by the task's signals object, which is what sender() returns in the slots.
        # No per-task helper QObjects: deleting such children with deleteLater() from inside
        # their own slot crashed PySide6 6.12 once the runner itself was freed soon after.
        self._records: dict[QObject, _TaskRecord] = {}

    @property
    def is_busy(self) -> bool:
        return bool(self._records)

    @property
    def running_tasks(self) -> list[Task]:
        return [record.task for record in self._records.values()]

    def start(
        self,
        fn: Callable[..., Any],
        /,
        *args: Any,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: ProgressCallback | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run ``fn(*args, progress=..., cancel=..., **kwargs)`` in the background.

        Callbacks run on the GUI thread. Without ``on_failure`` a failure is logged and shown
        in an error box.
        """
        task = Task(fn, *args, **kwargs)
        signals = task.signals
        self._records[signals] = _TaskRecord(
            task, on_success, on_failure, on_cancelled, on_progress
        )
        signals.progress.connect(self._on_task_progress)
        signals.succeeded.connect(self._on_task_succeeded)
        signals.failed.connect(self._on_task_failed)
        signals.cancelled.connect(self._on_task_cancelled)
        signals.finished.connect(self._on_task_finished)
        self._pool.start(task)
        if len(self._records) == 1:
            self.busy_changed.emit(True)
        return task

    def cancel_all(self) -> None:
        for record in self._records.values():
            record.task.cancel()

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        """Block until the pool is idle (for shutdown and tests); True when it is."""
        return self._pool.waitForDone(timeout_ms)

    def _record(self) -> _TaskRecord | None:
        return self._records.get(self.sender())

    @Slot(int, int, str)
    def _on_task_progress(self, done: int, total: int, message: str) -> None:
        record = self._record()
        if record is not None and record.on_progress is not None:
            record.on_progress(done, total, message)

    @Slot(object)
    def _on_task_succeeded(self, result: object) -> None:
        record = self._record()
        if record is not None and record.on_success is not None:
            record.on_success(result)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        record = self._record()
        if record is not None and record.on_failure is not None:
            log.info("Task %s failed: %r", record.task.name, exc)
            record.on_failure(exc)
        else:
            report_task_error(None, None, exc)

    @Slot()
    def _on_task_cancelled(self) -> None:
        record = self._record()
        if record is not None and record.on_cancelled is not None:
            record.on_cancelled()

    @Slot()
    def _on_task_finished(self) -> None:
        if self._records.pop(self.sender(), None) is not None and not self._records:
            self.busy_changed.emit(False)


class TaskProgressDialog(QProgressDialog):
    """A window-modal progress dialog that stays open until its task has really ended.

    Qt's own QProgressDialog hides itself as soon as Cancel is pressed; here Cancel (or Esc, or
    the close button) only *requests* cancellation and the dialog says so, because the service
    may need a moment to stop and the window must stay blocked until it has.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, label: str = WORKING_TEXT) -> None:
        super().__init__(parent)
        self._finished = False
        self._cancel_requested = False
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setLabelText(label)
        # Our own bar and button: updating the bar directly avoids QProgressDialog.setValue(),
        # which re-enters the event loop in modal dialogs.
        self._bar = QProgressBar(self)
        self.setBar(self._bar)
        self._cancel_button = QPushButton(CANCEL_TEXT, self)
        self.setCancelButton(self._cancel_button)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(360)
        QObject.disconnect(self, SIGNAL("canceled()"), self, SLOT("cancel()"))
        self.canceled.connect(self._on_self_canceled)
        self.setRange(0, 0)  # busy indicator until the first progress report
        self.setMinimumDuration(PROGRESS_DIALOG_DELAY_MS)
        # Only setValue(minimum) arms the "show after minimumDuration" timer (checked in
        # PySide6 6.12); without it a job that never reports progress would never show.
        self.setValue(0)

    @property
    def was_cancel_requested(self) -> bool:
        return self._cancel_requested

    def update_progress(self, done: int, total: int, message: str) -> None:
        if self._cancel_requested:
            return  # keep saying "Đang hủy…"
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(min(max(done, 0), total))
        else:
            self._bar.setRange(0, 0)
        if message:
            self.setLabelText(message)

    def finish(self) -> None:
        """Close for good: the task has ended. Safe to call more than once."""
        if self._finished:
            return
        self._finished = True
        # reset() also stops the pending "show after 500 ms" timer, so a job that ended
        # quickly never flashes the dialog.
        self.reset()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
            return
        event.ignore()
        self._on_self_canceled()

    def reject(self) -> None:
        if self._finished:
            super().reject()
        else:
            self._on_self_canceled()

    def _on_self_canceled(self) -> None:
        if self._cancel_requested or self._finished:
            return
        self._cancel_requested = True
        self.setLabelText(CANCELLING_TEXT)
        self._cancel_button.setEnabled(False)
        self.cancel_requested.emit()


def report_task_error(parent: QWidget | None, title: str | None, exc: BaseException) -> None:
    """Log a failed task with its traceback and show it to the clerk (R21).

    ``title`` names the operation ("Xuất báo cáo"); the traceback goes behind the details
    button so support can read it without the clerk having to find the log file.
    """
    log.error("Background task failed: %s", title or "(untitled)", exc_info=exc)
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    text = f"Không thực hiện được “{title}”." if title else "Đã có lỗi khi xử lý."
    reason = str(exc).strip()
    if reason:
        text += f"\n\n{reason}"
    messages.show_error(parent, title or "Lỗi", text, details=details)


def default_runner() -> TaskRunner:
    """The application-wide runner, created on first use and owned by the QApplication."""
    global _default_runner
    # Also recreate it when its QApplication is gone (tests create one app after another).
    if _default_runner is None or not shiboken6.isValid(_default_runner):
        _default_runner = TaskRunner(QApplication.instance())
    return _default_runner


_default_runner: TaskRunner | None = None


def run_with_progress(
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    /,
    *args: Any,
    on_success: SuccessCallback | None = None,
    on_failure: FailureCallback | None = None,
    on_cancelled: Callable[[], None] | None = None,
    runner: TaskRunner | None = None,
    **kwargs: Any,
) -> Task:
    """Run ``fn`` in the background behind a delayed, cancellable progress dialog.

    ``title`` names the operation ("Xuất danh sách đảng viên"); it is the dialog title and
    appears in the error box. Failures go to ``on_failure`` if given, else to an error box
    via ``messages.show_error``; cancellation shows nothing and calls ``on_cancelled``.
    Remaining ``*args``/``**kwargs`` are passed to ``fn``.
    """
    dialog = TaskProgressDialog(parent, title)

    # The result signals arrive before ``finished``; close the progress dialog first so an
    # error box or a follow-up window never opens behind a still-visible progress dialog.
    def on_task_succeeded(result: object) -> None:
        dialog.finish()
        if on_success is not None:
            on_success(result)

    def on_task_failed(exc: BaseException) -> None:
        dialog.finish()
        if on_failure is not None:
            on_failure(exc)
        else:
            report_task_error(parent, title, exc)

    def on_task_cancelled() -> None:
        dialog.finish()
        if on_cancelled is not None:
            on_cancelled()

    task = (runner or default_runner()).start(
        fn,
        *args,
        on_success=on_task_succeeded,
        on_failure=on_task_failed,
        on_cancelled=on_task_cancelled,
        on_progress=dialog.update_progress,
        **kwargs,
    )
    dialog.cancel_requested.connect(task.cancel_event.set)
    return task
