"""Shared test setup: Qt runs headless (offscreen) unless the environment says otherwise."""

import os

# Must happen before anything imports PySide6 (pytest-qt creates the QApplication lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
