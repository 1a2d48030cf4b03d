"""The office's edited holiday tables, in SQLite.

A year listed in ``holiday_years`` uses exactly its stored rows (possibly after the office has
removed a day the default table had); a year not listed falls back to the default table, which
this repository knows nothing about.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlite_utils

from partydesk.domain.holidays import HolidayKind, HolidayRow
from partydesk.store.db import transaction


def _row(record: tuple[str, str, str]) -> HolidayRow:
    day, kind, name = record
    return HolidayRow(date.fromisoformat(day), HolidayKind(kind), name)


class HolidayRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def edited_years(self) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT year FROM holiday_years ORDER BY year")]

    def edited_tables(self) -> dict[int, list[HolidayRow]]:
        """Every edited year with its rows (an edited year may have none left)."""
        tables: dict[int, list[HolidayRow]] = {year: [] for year in self.edited_years()}
        for record in self._db.execute("SELECT day, kind, name FROM holidays ORDER BY day"):
            row = _row(record)
            tables.setdefault(row.day.year, []).append(row)
        return tables

    def year_rows(self, year: int) -> list[HolidayRow] | None:
        """The stored rows of ``year``, or ``None`` when the office has not edited that year."""
        listed = self._db.execute("SELECT 1 FROM holiday_years WHERE year = ?", [year]).fetchone()
        if listed is None:
            return None
        records = self._db.execute(
            "SELECT day, kind, name FROM holidays WHERE year = ? ORDER BY day", [year]
        )
        return [_row(r) for r in records]

    def save_year(self, year: int, rows: Iterable[HolidayRow]) -> None:
        """Replace the table of ``year`` by ``rows`` (already validated by the service)."""
        with transaction(self._db):
            self._db.execute(
                "INSERT INTO holiday_years (year) VALUES (?) ON CONFLICT (year) DO UPDATE "
                "SET edited_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
                [year],
            )
            self._db.execute("DELETE FROM holidays WHERE year = ?", [year])
            self._db.conn.executemany(
                "INSERT INTO holidays (day, year, kind, name) VALUES (?, ?, ?, ?)",
                [(r.day.isoformat(), year, r.kind.value, r.name) for r in rows],
            )

    def reset_year(self, year: int) -> None:
        """Forget the office's table of ``year``: the default table applies again."""
        with transaction(self._db):
            # The rows go with their year (ON DELETE CASCADE).
            self._db.execute("DELETE FROM holiday_years WHERE year = ?", [year])
