"""The wizard's step line: "1. Chọn tệp › 2. Ghép cột › 3. Kiểm tra", the current one in bold."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

STEPS = ("1. Chọn tệp", "2. Ghép cột", "3. Kiểm tra")


class StepLine(QWidget):
    """The three steps of the wizard in a row; ``set_current`` makes one bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        for index, text in enumerate(STEPS):
            if index:
                layout.addWidget(QLabel("›"))
            label = QLabel(text)
            layout.addWidget(label)
            self.labels.append(label)
        layout.addStretch(1)

    def set_current(self, step: int) -> None:
        for index, label in enumerate(self.labels):
            current = index == step
            label.setStyleSheet(
                "font-weight: bold; font-size: 11pt;" if current else "color: palette(mid);"
            )
