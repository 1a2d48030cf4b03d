"""The search field above every list: accent-insensitive, debounced, Esc to clear.

``search_changed(str)`` fires 150 ms after the clerk stops typing (so a 20 000-member list is
not re-filtered on every keystroke), at once on Enter, and at once when the box is cleared.
The emitted text is NFC-normalised and stripped; folding away the accents ("nguyen" finds
"Nguyễn") is the search service's job.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

PLACEHOLDER = "Tìm kiếm (không cần gõ dấu)… Ctrl+F"
DEFAULT_DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """A QLineEdit that reports the search text once typing pauses."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, debounce_ms: int = DEFAULT_DEBOUNCE_MS):
        super().__init__(parent)
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self._last_emitted = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.textChanged.connect(self._on_self_text_changed)
        self.returnPressed.connect(self._on_self_return_pressed)

    def search_text(self) -> str:
        return unicodedata.normalize("NFC", self.text()).strip()

    def flush(self) -> None:
        """Emit the pending search now (if the text differs from the last one emitted)."""
        self._debounce.stop()
        text = self.search_text()
        if text != self._last_emitted:
            self._last_emitted = text
            self.search_changed.emit(text)

    def attach_shortcut(self, window: QWidget, sequence: QKeySequence | None = None) -> QShortcut:
        """Ctrl+F anywhere in ``window`` puts the cursor in this box with its text selected."""
        shortcut = QShortcut(sequence or QKeySequence(QKeySequence.StandardKey.Find), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self._on_shortcut_activated)
        return shortcut

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()  # textChanged("") emits at once
            event.accept()
            return
        # An Esc on an empty box falls through, so it still closes a dialog.
        super().keyPressEvent(event)

    def _on_self_text_changed(self, _text: str) -> None:
        if not self.search_text():
            self.flush()  # clearing the search should show the full list immediately
        else:
            self._debounce.start()

    def _on_self_return_pressed(self) -> None:
        self.flush()

    def _on_debounce_timeout(self) -> None:
        self.flush()

    def _on_shortcut_activated(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
