"""The office's edited holiday tables, in SQLite."""

from __future__ import annotations

import sqlite_utils


class HolidayRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
