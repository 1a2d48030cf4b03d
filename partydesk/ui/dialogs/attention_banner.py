"""A yellow strip at the top of a record's dialog listing the warnings that concern it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from partydesk.domain.attention import Attention


class AttentionBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0b000; padding: 6px; color: #5c4400;"
        )
        self.setVisible(False)

    def show_items(self, items: Sequence[Attention]) -> None:
        lines = [f"⚠ {item.rule.title}: {item.message}" for item in items]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
