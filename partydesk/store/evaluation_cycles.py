"""Reading evaluation cycles, and the one way to write to an open cycle.

A closed cycle is a finished record. Every write to a cycle goes through ``_writing``, which
checks inside the write transaction that the cycle is open; the schema's triggers refuse the
same writes underneath. Either way the caller gets ``CycleClosed`` and nothing has changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from partydesk.domain.evaluation import Cycle
from partydesk.store.db import transaction
from partydesk.store.errors import CycleClosed, NotFound
from partydesk.store.evaluation_convert import CYCLE_COLUMNS, cycle_from_row

_CLOSED_TRIGGER = "evaluation cycle is closed"


class EvaluationNotFound(NotFound, KeyError):
    """A cycle or row that does not exist; a ``KeyError`` too, for callers looking rows up."""

    __str__ = Exception.__str__


class CycleAccess:
    """The cycle reads and the write guard shared by the parts of ``EvaluationRepository``."""

    _db: sqlite_utils.Database

    def cycles(self) -> list[Cycle]:
        """Every cycle, newest year first."""
        sql = f"SELECT {', '.join(CYCLE_COLUMNS)} FROM evaluation_cycles ORDER BY year DESC"
        return [cycle_from_row(r) for r in self._db.execute(sql)]

    def cycle(self, cycle_id: int) -> Cycle:
        found = self._cycle_where("id = ?", cycle_id)
        if found is None:
            raise EvaluationNotFound("kỳ đánh giá, xếp loại", cycle_id)
        return found

    def cycle_for_year(self, year: int) -> Cycle | None:
        return self._cycle_where("year = ?", year)

    def _cycle_where(self, where: str, value: int) -> Cycle | None:
        sql = f"SELECT {', '.join(CYCLE_COLUMNS)} FROM evaluation_cycles WHERE {where}"
        row = self._db.execute(sql, [value]).fetchone()
        return cycle_from_row(row) if row else None

    @contextmanager
    def _writing(self, *cycle_ids: int) -> Iterator[None]:
        """A write transaction on open cycles only; the closed-cycle trigger becomes CycleClosed."""
        try:
            with transaction(self._db):
                for cycle_id in sorted(set(cycle_ids)):
                    cycle = self.cycle(cycle_id)
                    if cycle.is_closed:
                        raise CycleClosed(cycle.year)
                yield
        except sqlite3.IntegrityError as exc:
            if _CLOSED_TRIGGER in str(exc):
                raise CycleClosed() from exc
            raise
