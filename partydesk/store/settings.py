"""The office's business settings, kept as JSON values in the database's ``settings`` table."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

import sqlite_utils

from partydesk.domain.settings import CommitteeLevel, OfficeSettings
from partydesk.store.db import transaction

_PREFIX = "office."


class SettingsRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def office(self) -> OfficeSettings:
        """The office settings; keys missing from the file take their declared defaults."""
        stored = {
            row["key"][len(_PREFIX) :]: json.loads(row["value"])
            for row in self._db.query(
                "SELECT key, value FROM settings WHERE key LIKE ?", [_PREFIX + "%"]
            )
        }
        values = {f.name: stored[f.name] for f in fields(OfficeSettings) if f.name in stored}
        if "committee_level" in values:
            values["committee_level"] = CommitteeLevel(values["committee_level"])
        return OfficeSettings(**values)

    def save_office(self, settings: OfficeSettings) -> None:
        rows = [
            {"key": _PREFIX + name, "value": json.dumps(value, ensure_ascii=False)}
            for name, value in asdict(settings).items()
        ]
        with transaction(self._db):
            self._db["settings"].upsert_all(rows, pk="key")

    def get_value(self, key: str, default: object = None) -> object:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_value(self, key: str, value: object) -> None:
        with transaction(self._db):
            self._db["settings"].upsert(
                {"key": key, "value": json.dumps(value, ensure_ascii=False)}, pk="key"
            )
