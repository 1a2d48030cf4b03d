"""Shared test setup: Qt runs headless (offscreen) unless the environment says otherwise, and
every write must happen inside a named service action (strict audit)."""

import os

import pytest

# Must happen before anything imports PySide6 (pytest-qt creates the QApplication lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every commit must happen inside a named service action (partydesk.store.audit): a write
# that reaches COMMIT unnamed raises UnauditedWrite naming the tables it wrote. Child
# processes the tests start inherit it.
os.environ["PARTYDESK_STRICT_AUDIT"] = "1"

# PySide6 6.12 takes a reference from None on every void Qt call; on Python 3.11 a long UI run
# would free None and abort (partydesk.ui.none_refcount).
from partydesk.ui.none_refcount import guard_none_refcount  # noqa: E402

guard_none_refcount()


def pytest_unconfigure(config) -> None:  # noqa: ANN001 - pytest hook signature
    """End the test process without running the interpreter's final garbage collection.

    After a full UI run, PySide6 6.12 on Python 3.11 aborts while the interpreter tears down
    ("bool_dealloc: deallocating True or False", inside the final GC), turning a green run into
    exit code 134. Every result has been reported by now, so the process exits with pytest's
    own status instead of finalising Qt's wrappers in an arbitrary order.
    """
    import sys

    if "PySide6" not in sys.modules:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(getattr(config, "_partydesk_exitstatus", 0))


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    session.config._partydesk_exitstatus = int(exitstatus)


@pytest.fixture
def services(tmp_path):
    """The services of a fresh, empty database whose clock says ``tests.common.TODAY``."""
    from partydesk.paths import DataPaths
    from partydesk.services.app import build_services
    from partydesk.store.store import create_store
    from tests.common import TODAY

    store = create_store(tmp_path / "test.sqlite")
    yield build_services(store, today=lambda: TODAY, paths=DataPaths(tmp_path / "data"))
    _finish_background_tasks()
    store.close()


def _finish_background_tasks() -> None:
    """Let background work a UI test started end before its store closes: a worker still
    inside SQLite when another thread closes the connection crashes the whole run later."""
    import sys

    tasks = sys.modules.get("partydesk.ui.tasks")
    runner = getattr(tasks, "_default_runner", None)
    if runner is None:  # no UI work ran: nothing to wait for, and no runner to create
        return
    import shiboken6

    if shiboken6.isValid(runner):
        runner.cancel_all()
        runner.wait_for_done(30_000)
