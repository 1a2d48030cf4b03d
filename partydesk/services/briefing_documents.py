"""The briefing round's documents: invitations, attendance sheet, biên bản, conclusion notice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partydesk.services.outgoing import OutgoingService
from partydesk.store.store import Store


class BriefingDocumentService:
    def __init__(
        self, store: Store, outgoing: OutgoingService, today: Callable[[], date] = date.today
    ) -> None:
        self._store = store
        self._outgoing = outgoing
        self._today = today
