"""A guard against a PySide6 6.12 reference leak on ``None`` that aborts Python 3.11.

PySide6 ships stable-ABI (abi3) wheels. On this release every Qt method that returns nothing
hands back ``None`` without taking a reference, so each call (``setText``, ``show``,
``processEvents``…) takes one reference away from ``None``. Python 3.12 made ``None``
immortal, so there it is harmless; on 3.11 ``None``'s count reaches zero after some thousands
of calls (an ordinary session) and the interpreter aborts with "none_dealloc: deallocating
None". Measured here: 1,000 ``QLabel.setText`` calls took 1,000 references away.

Giving ``None`` a huge count up front keeps it alive for any realistic session (2**40 calls).
``None`` is never freed anyway, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40
_applied = False


def guard_none_refcount() -> None:
    """Apply once, before the QApplication exists; a no-op on Python 3.12 and later."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _MARGIN
    _applied = True
