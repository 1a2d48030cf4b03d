"""Facts for the due list, and the done/snoozed marks, in SQLite."""

from __future__ import annotations

import sqlite_utils


class DueRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
