"""Typing Vietnamese into widgets in tests.

``QTest.keyClicks`` aborts the process on any non-ASCII character (an assertion in Qt's
qasciikey.cpp), so Vietnamese text is sent as key events carrying the text, the way a
Vietnamese input method delivers committed characters.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    target = widget.focusProxy() or widget
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)
