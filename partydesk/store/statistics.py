"""Reads behind the overview (indicators, breakdowns, charts) and the office's targets."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import sqlite_utils

from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.evaluation import LEVEL_ORDER, Level
from partydesk.domain.statistics import (
    DEFAULT_LARGE_WORKFORCE,
    ClassificationYear,
    Key,
    Period,
    Target,
    TypeBreakdown,
)
from partydesk.store.db import transaction
from partydesk.store.statistics_sql import (
    HELD_BY_MONTH_SQL,
    INDICATOR_SQL,
    REQUIRED_MEETINGS_SQL,
    counts_sql,
    indicator_sql,
)

LARGE_WORKFORCE_KEY = "statistics.large_workforce"
NO_ENTERPRISE = "Chưa gắn doanh nghiệp"
# Evaluation years the classification chart looks back over.
CLASSIFICATION_YEARS = 5


def parameters(period: Period, *, eval_year: int | None, large_workforce: int) -> dict[str, Any]:
    """The named parameters every statistics query takes."""
    return {
        "on": period.on.isoformat(),
        "start": period.start.isoformat(),
        "year": period.year,
        "month": period.on.month,
        "eval_year": eval_year if eval_year is not None else -1,
        "large": large_workforce,
    }


class StatisticsRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- indicators ------------------------------------------------------------------------

    def counts(
        self, period: Period, keys: list[Key], *, eval_year: int | None, large_workforce: int
    ) -> dict[Key, float | None]:
        """The value of each indicator of ``keys`` that has SQL (counts, the average length):
        one statement, the member roll replayed once."""
        return self._counts(period, keys, eval_year, large_workforce, by_type=False)[0]

    def counts_by_type(
        self, period: Period, keys: list[Key], *, eval_year: int | None, large_workforce: int
    ) -> tuple[dict[Key, float | None], list[TypeBreakdown]]:
        """``counts`` and the breakdown by enterprise type, in the same statement."""
        return self._counts(period, keys, eval_year, large_workforce, by_type=True)

    def _counts(
        self,
        period: Period,
        keys: list[Key],
        eval_year: int | None,
        large_workforce: int,
        *,
        by_type: bool,
    ) -> tuple[dict[Key, float | None], list[TypeBreakdown]]:
        relations: dict[str, list[Key]] = defaultdict(list)
        for key in keys:
            relations[INDICATOR_SQL[key].relation].append(key)
        ordered = [k for keys_ in relations.values() for k in keys_]
        params = parameters(period, eval_year=eval_year, large_workforce=large_workforce)
        row = self._db.execute(counts_sql(dict(relations), by_type=by_type), params).fetchone()
        counts = dict(zip(ordered, row[: len(ordered)], strict=True))
        breakdown = _breakdown(json.loads(row[len(ordered)])) if by_type else []
        return counts, breakdown

    def record_ids(
        self, key: Key, period: Period, *, eval_year: int | None, large_workforce: int
    ) -> list[int]:
        """The ids of the records indicator ``key`` counts, by its own query."""
        params = parameters(period, eval_year=eval_year, large_workforce=large_workforce)
        return [r[0] for r in self._db.execute(indicator_sql(key), params)]

    def required_meetings(self, period: Period) -> list[int]:
        """Regular meetings required in each month from January to the day's month."""
        params = parameters(period, eval_year=None, large_workforce=0)
        return [r[1] for r in self._db.execute(REQUIRED_MEETINGS_SQL, params)]

    def held_meetings(self, period: Period) -> dict[int, int]:
        params = parameters(period, eval_year=None, large_workforce=0)
        return dict(self._db.execute(HELD_BY_MONTH_SQL, params).fetchall())

    def classification_years(self, up_to: int) -> list[ClassificationYear]:
        """Decided levels of the last evaluation years up to ``up_to`` that decided any."""
        members: dict[int, dict[Level, int]] = defaultdict(dict)
        organisations: dict[int, dict[Level, int]] = defaultdict(dict)
        for table, into, extra in (
            ("member_evaluations", members, "AND e.exclusion IS NULL"),
            ("org_evaluations", organisations, ""),
        ):
            sql = f"""SELECT c.year, e.decided_level, count(*) FROM {table} e
                JOIN evaluation_cycles c ON c.id = e.cycle_id
                WHERE c.year <= ? AND e.decided_level IS NOT NULL {extra}
                GROUP BY c.year, e.decided_level"""
            for year, level, n in self._db.execute(sql, [up_to]):
                into[year][Level(level)] = n
        years = sorted(set(members) | set(organisations))[-CLASSIFICATION_YEARS:]
        return [
            ClassificationYear(
                year,
                {level: members[year].get(level, 0) for level in LEVEL_ORDER},
                {level: organisations[year].get(level, 0) for level in LEVEL_ORDER},
            )
            for year in years
        ]

    def first_year(self) -> int | None:
        """The earliest year the register has something dated in (the year picker's start)."""
        sql = """SELECT min(y) FROM (
            SELECT CAST(substr(min(on_date), 1, 4) AS INTEGER) AS y FROM member_events
            UNION ALL SELECT min(period_year) FROM meetings
            UNION ALL SELECT min(year) FROM evaluation_cycles
            UNION ALL SELECT CAST(substr(min(founded_on), 1, 4) AS INTEGER) FROM organisations)"""
        return self._db.execute(sql).fetchone()[0]

    # --- the office's targets and threshold ---------------------------------------------------

    def targets(self) -> list[Target]:
        sql = (
            "SELECT id, indicator, target_value, deadline_year, source, notes"
            " FROM statistics_targets ORDER BY deadline_year, id"
        )
        known = set(Key)
        return [
            Target(Key(r[1]), r[2], r[3], r[4], r[5], id=r[0])
            for r in self._db.execute(sql)
            if r[1] in known
        ]

    def save_target(self, target: Target) -> int:
        """Insert or update; the (indicator, deadline year) pair is unique (sqlite3 error)."""
        row = {
            "indicator": target.indicator.value,
            "target_value": target.value,
            "deadline_year": target.deadline_year,
            "source": target.source,
            "notes": target.notes,
        }
        with transaction(self._db):
            if target.id is None:
                return int(self._db["statistics_targets"].insert(row).last_pk)
            self._db["statistics_targets"].update(target.id, row)
            return target.id

    def delete_target(self, target_id: int) -> None:
        with transaction(self._db):
            self._db.execute("DELETE FROM statistics_targets WHERE id = ?", [target_id])

    def target_exists(self, indicator: Key, deadline_year: int, except_id: int | None) -> bool:
        sql = (
            "SELECT 1 FROM statistics_targets WHERE indicator = ? AND deadline_year = ?"
            " AND id IS NOT ?"
        )
        return (
            self._db.execute(sql, [indicator.value, deadline_year, except_id]).fetchone()
            is not None
        )

    def large_workforce(self) -> int:
        row = self._db.execute(
            "SELECT value FROM settings WHERE key = ?", [LARGE_WORKFORCE_KEY]
        ).fetchone()
        return int(row[0]) if row else DEFAULT_LARGE_WORKFORCE

    def set_large_workforce(self, value: int) -> None:
        with transaction(self._db):
            self._db["settings"].upsert({"key": LARGE_WORKFORCE_KEY, "value": str(value)}, pk="key")


def _breakdown(rows: list[list[Any]]) -> list[TypeBreakdown]:
    """``BY_TYPE_SELECT``'s rows as one line per enterprise type, in the types' order."""
    cells: dict[str | None, dict[str, tuple[int, int]]] = defaultdict(dict)
    for what, type_, n, with_org in rows:
        cells[type_][what] = (n, with_org)
    lines = []
    for type_ in [*EnterpriseType, None]:
        found = cells.get(type_.value if type_ else None)
        if not found:
            continue
        enterprises, with_org = found.get("E", (0, 0))
        lines.append(
            TypeBreakdown(
                type_label=type_.label if type_ else NO_ENTERPRISE,
                enterprises=enterprises,
                enterprises_with_org=with_org,
                organisations=found.get("O", (0, 0))[0],
                members=found.get("M", (0, 0))[0],
            )
        )
    return lines
