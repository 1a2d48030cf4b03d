"""The briefing rounds page (Giao ban)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partydesk.services.app import AppServices


class BriefingsPage(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services

    def mark_stale(self) -> None:
        """Recompute when next shown (the data changed elsewhere)."""
