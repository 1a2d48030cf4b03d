"""What the tests share: the fixed day every service-level test runs on, the office settings a
clerk enters first, and a database dump to compare two runs by."""

import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from partydesk.domain.settings import OfficeSettings

TODAY = date(2026, 11, 21)

#: A ward committee's settings: enough to print headers and take numbers.
WARD_OFFICE = OfficeSettings(
    committee_full_name="Đảng ủy phường An Khánh",
    committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
    locality="An Khánh",
)


def dump_tables(path: Path, tables: Iterable[str]) -> dict[str, list[tuple]]:
    """Every row of ``tables`` in the database file, in rowid order, without the timestamps
    (which differ between two otherwise identical runs)."""
    conn = sqlite3.connect(path)
    try:
        result = {}
        for table in tables:
            columns = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info({table})")
                if r[1] not in ("created_at", "updated_at")
            ]
            result[table] = conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"
            ).fetchall()
        return result
    finally:
        conn.close()
