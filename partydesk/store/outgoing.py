"""The outgoing document register and the office's committee terms, in SQLite."""

from __future__ import annotations

import sqlite_utils


class OutgoingRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
