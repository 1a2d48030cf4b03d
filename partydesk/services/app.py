"""The services of one open database, built once by the composition root and passed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from partydesk.services.attention import AttentionService
from partydesk.services.documents import DocumentService
from partydesk.services.meetings import MeetingService
from partydesk.services.office import OfficeService
from partydesk.services.register import RegisterService
from partydesk.store.store import Store


@dataclass(frozen=True)
class AppServices:
    store: Store
    register: RegisterService
    attention: AttentionService
    office: OfficeService
    documents: DocumentService
    meetings: MeetingService


def build_services(store: Store, today: Callable[[], date] = date.today) -> AppServices:
    register = RegisterService(store, today)
    meetings = MeetingService(store, today)
    return AppServices(
        store=store,
        register=register,
        attention=AttentionService(store, lambda: register.calendar, today),
        office=OfficeService(store),
        documents=DocumentService(store, meetings, today),
        meetings=meetings,
    )
