"""Briefing rounds, their sittings, invitees and issues, in SQLite."""

from __future__ import annotations

import sqlite_utils


class BriefingRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
