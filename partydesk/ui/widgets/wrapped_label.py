"""A word-wrapped label that is exactly as tall as its text needs at the width it gets."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class WrappedLabel(QLabel):
    """A word-wrapped label as tall as its text needs at the width it is given.

    In a QFormLayout a wrapped QLabel is sized from its own guess of a "nice" width, a few
    words per line: kept narrow it wastes the row, made expanding it keeps the tall guessed
    height and leaves gaps. Reporting the height for the actual width fixes both.
    """

    def __init__(self, text: str = "", style: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setStyleSheet(style)
        # Fixed height: a short form in a tall scroll area must not hand the spare space to
        # the label (it would float in the middle of a tall row).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return self._fitted(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._fitted(super().minimumSizeHint())

    def _fitted(self, hint: QSize) -> QSize:
        if self.width() > 0:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the height depends on the width just given
