"""The due list page (Việc cần làm) with its month calendar."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partydesk.services.app import AppServices


class DuePage(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services

    def mark_stale(self) -> None:
        """Recompute when next shown (the data changed elsewhere)."""
