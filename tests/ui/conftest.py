"""UI tests: collect Python garbage between tests, never in the middle of one.

PySide6 keeps a map from C++ addresses to Python wrappers. Widgets caught in reference cycles
(slots that close over ``self``) are freed whenever Python's cycle collector happens to run —
possibly in the middle of a later test, after Qt has reused the address — and a stale wrapper of
the wrong type then turns up (seen: a QWidgetItem where a layout returned a QWidget, and an
abort inside a progress dialog). Collecting at each test's end keeps that at a known point.
"""

import gc

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_after_each_test(qapp):  # noqa: ANN001, ANN202 - pytest fixture
    yield
    qapp.processEvents()
    gc.collect()
