"""The office's settings: read them, and save them after validation."""

from __future__ import annotations

from partydesk.domain.accounts import Permission
from partydesk.domain.settings import OfficeSettings
from partydesk.domain.validation import validate_office_settings
from partydesk.services.audit import audited
from partydesk.store.store import Store


class OfficeService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def settings(self) -> OfficeSettings:
        return self._store.settings.office()

    @audited("Sửa thông tin cấp ủy", Permission.SETTINGS)
    def save(self, settings: OfficeSettings) -> OfficeSettings:
        clean = validate_office_settings(settings)
        self._store.settings.save_office(clean)
        return clean
