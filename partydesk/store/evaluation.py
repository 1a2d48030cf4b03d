"""The annual evaluation's records: cycles, member and organisation rows, overrides, ballots.

The repository is assembled from parts: ``evaluation_cycles`` (cycle reads and the closed-cycle
write guard), ``evaluation_ballots`` (overrides and ballots), ``evaluation_facts`` (counts,
progress, history, the roster) and ``evaluation_rules`` (the office's rule-set adjustments).
This module writes cycles and reads and writes their member and organisation rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlite_utils

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    STAGE_LEVEL_FIELD,
    Cycle,
    MemberEvaluation,
    OrgEvaluation,
    Stage,
)
from partydesk.store.convert import iso
from partydesk.store.db import transaction
from partydesk.store.errors import CycleExists
from partydesk.store.evaluation_ballots import OverridesAndBallots
from partydesk.store.evaluation_convert import (
    MEMBER_COLUMNS,
    MEMBER_KEY,
    MEMBER_MUTABLE,
    ORG_COLUMNS,
    ORG_KEY,
    ORG_MUTABLE,
    column_list,
    member_from_row,
    member_values,
    org_from_row,
    org_values,
)
from partydesk.store.evaluation_cycles import EvaluationNotFound
from partydesk.store.evaluation_facts import EvaluationFacts, OrgProgress, RosterSource
from partydesk.store.evaluation_rules import RuleChange, RuleSetStore

__all__ = [
    "EvaluationNotFound",
    "EvaluationRepository",
    "OrgProgress",
    "RosterSource",
    "RuleChange",
]

# Members in the order of the printed lists: by tổ chức cơ sở, its own members before those of
# its chi bộ trực thuộc, then by chi bộ, then by Vietnamese name order (given name first).
_MEMBER_ORDER = (
    " ORDER BY b.name_sort, e.base_organisation_id, e.organisation_id <> e.base_organisation_id,"
    " o.name_sort, e.organisation_id, m.name_sort, e.member_id"
)
_MEMBER_SELECT = (
    f"SELECT {column_list(MEMBER_COLUMNS, 'e')} FROM member_evaluations e"
    " JOIN organisations b ON b.id = e.base_organisation_id"
    " JOIN organisations o ON o.id = e.organisation_id"
    " JOIN members m ON m.id = e.member_id"
)
_ORG_SELECT = f"SELECT {column_list(ORG_COLUMNS, 'e')} FROM org_evaluations e"


def _insert_sql(table: str, columns: tuple[str, ...], conflict: str = "") -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){conflict}"


def _update_sql(table: str, mutable: tuple[str, ...], key: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = ?" for c in mutable)
    return f"UPDATE {table} SET {sets} WHERE {' AND '.join(f'{c} = ?' for c in key)}"


_INSERT_MEMBER = _insert_sql("member_evaluations", MEMBER_COLUMNS)
_ADD_MEMBER = _insert_sql("member_evaluations", MEMBER_COLUMNS, " ON CONFLICT DO NOTHING")
_UPDATE_MEMBER = _update_sql("member_evaluations", MEMBER_MUTABLE, MEMBER_KEY)
_INSERT_ORG = _insert_sql("org_evaluations", ORG_COLUMNS)
_ADD_ORG = _insert_sql("org_evaluations", ORG_COLUMNS, " ON CONFLICT DO NOTHING")
_UPDATE_ORG = _update_sql("org_evaluations", ORG_MUTABLE, ORG_KEY)


class EvaluationRepository(OverridesAndBallots, EvaluationFacts, RuleSetStore):
    """The evaluation records; see the module docstrings of its parts."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- cycles -----------------------------------------------------------------------------

    def create_cycle(
        self,
        cycle: Cycle,
        members: Sequence[MemberEvaluation],
        orgs: Sequence[OrgEvaluation],
    ) -> Cycle:
        """Insert the cycle and its roll in one transaction; rows' cycle_id is replaced."""
        with transaction(self._db):
            if self.cycle_for_year(cycle.year) is not None:
                raise CycleExists(cycle.year)
            cycle_id = (
                self._db["evaluation_cycles"]
                .insert(
                    {
                        "year": cycle.year,
                        "rule_set_code": cycle.rule_set_code,
                        "reference_date": cycle.reference_date.isoformat(),
                        "opened_on": cycle.opened_on.isoformat(),
                        "guidance": cycle.guidance,
                        "member_deadline": iso(cycle.member_deadline),
                        "cell_deadline": iso(cycle.cell_deadline),
                        "decision_deadline": iso(cycle.decision_deadline),
                        "notes": cycle.notes,
                    }
                )
                .last_pk
            )
            self._insert_rows(cycle_id, members, orgs, _INSERT_MEMBER, _INSERT_ORG)
        return self.cycle(cycle_id)

    def add_rows(
        self,
        cycle_id: int,
        members: Sequence[MemberEvaluation],
        orgs: Sequence[OrgEvaluation],
    ) -> int:
        """Add rows for members and organisations not yet in the cycle; others stay as they are.
        Returns how many rows were added."""
        with self._writing(cycle_id):
            return self._insert_rows(cycle_id, members, orgs, _ADD_MEMBER, _ADD_ORG)

    def _insert_rows(
        self,
        cycle_id: int,
        members: Sequence[MemberEvaluation],
        orgs: Sequence[OrgEvaluation],
        member_sql: str,
        org_sql: str,
    ) -> int:
        """Insert the rows; return how many were inserted (trigger writes not counted)."""
        conn = self._db.conn
        added = conn.executemany(
            member_sql, ((cycle_id, r.member_id, *member_values(r)) for r in members)
        ).rowcount
        added += conn.executemany(
            org_sql, ((cycle_id, r.organisation_id, *org_values(r)) for r in orgs)
        ).rowcount
        return added

    def update_cycle(self, cycle: Cycle) -> None:
        """Save what may change while a cycle is open: guidance, dates, deadlines and notes."""
        assert cycle.id is not None
        with self._writing(cycle.id):
            self._db["evaluation_cycles"].update(
                cycle.id,
                {
                    "guidance": cycle.guidance,
                    "reference_date": cycle.reference_date.isoformat(),
                    "member_deadline": iso(cycle.member_deadline),
                    "cell_deadline": iso(cycle.cell_deadline),
                    "decision_deadline": iso(cycle.decision_deadline),
                    "notes": cycle.notes,
                },
            )

    def close_cycle(self, cycle_id: int, on: date, rules_snapshot: str) -> None:
        """Close the cycle, keeping the rule set it was decided under; its rows then lock."""
        with self._writing(cycle_id):
            self._db["evaluation_cycles"].update(
                cycle_id, {"closed_on": on.isoformat(), "rules_snapshot": rules_snapshot}
            )

    def reopen_cycle(self, cycle_id: int, reason: str, on: date) -> None:
        """Open a closed cycle again, noting the day and the reason; the snapshot is kept."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("reason", "Lý do mở lại kỳ đánh giá: bắt buộc phải ghi.")
        with transaction(self._db):
            cycle = self.cycle(cycle_id)
            if not cycle.is_closed:
                raise ValidationError(
                    "closed_on",
                    f"Kỳ đánh giá, xếp loại năm {cycle.year} đang mở, không cần mở lại.",
                )
            line = f"Mở lại ngày {format_vn_date(on)}: {reason}"
            notes = f"{cycle.notes}\n{line}" if cycle.notes else line
            self._db["evaluation_cycles"].update(cycle_id, {"closed_on": None, "notes": notes})

    def rules_snapshot(self, cycle_id: int) -> str | None:
        self.cycle(cycle_id)
        return self._db.execute(
            "SELECT rules_snapshot FROM evaluation_cycles WHERE id = ?", [cycle_id]
        ).fetchone()[0]

    def delete_cycle(self, cycle_id: int) -> None:
        """Delete an open cycle with all its rows, overrides and ballots."""
        with self._writing(cycle_id):
            self._db.execute("DELETE FROM evaluation_cycles WHERE id = ?", [cycle_id])

    # --- rows -------------------------------------------------------------------------------

    def member_evaluations(
        self,
        cycle_id: int,
        *,
        organisation_id: int | None = None,
        base_organisation_id: int | None = None,
    ) -> list[MemberEvaluation]:
        """The cycle's member rows in list order, optionally of one organisation or cơ sở."""
        where, params = ["e.cycle_id = ?"], [cycle_id]
        if organisation_id is not None:
            where.append("e.organisation_id = ?")
            params.append(organisation_id)
        if base_organisation_id is not None:
            where.append("e.base_organisation_id = ?")
            params.append(base_organisation_id)
        return self._members(" AND ".join(where), params)

    def _members(self, where: str, params: list[object]) -> list[MemberEvaluation]:
        sql = f"{_MEMBER_SELECT} WHERE {where}{_MEMBER_ORDER}"
        return [member_from_row(r) for r in self._db.execute(sql, params)]

    def member_evaluation(self, cycle_id: int, member_id: int) -> MemberEvaluation:
        sql = f"{_MEMBER_SELECT} WHERE e.cycle_id = ? AND e.member_id = ?"
        row = self._db.execute(sql, [cycle_id, member_id]).fetchone()
        if row is None:
            raise EvaluationNotFound("đảng viên trong kỳ đánh giá", member_id)
        return member_from_row(row)

    def save_member_evaluations(self, rows: Sequence[MemberEvaluation]) -> None:
        """Save every field of the rows but their keys, in one transaction."""
        with self._writing(*(r.cycle_id for r in rows)):
            for r in rows:
                changed = self._db.execute(
                    _UPDATE_MEMBER, [*member_values(r), r.cycle_id, r.member_id]
                ).rowcount
                if changed != 1:
                    raise EvaluationNotFound("đảng viên trong kỳ đánh giá", r.member_id)

    def missing(
        self, cycle_id: int, stage: Stage, organisation_id: int | None = None
    ) -> list[MemberEvaluation]:
        """Evaluated members without a level at ``stage`` ("Chưa đánh giá").

        ``organisation_id`` narrows it to the members an organisation holds or, for a tổ chức
        cơ sở, to all its members, those of its chi bộ trực thuộc included.
        """
        where = f"e.cycle_id = ? AND e.exclusion IS NULL AND e.{STAGE_LEVEL_FIELD[stage]} IS NULL"
        params: list[object] = [cycle_id]
        if organisation_id is not None:
            where += " AND (e.organisation_id = ? OR e.base_organisation_id = ?)"
            params += [organisation_id, organisation_id]
        return self._members(where, params)

    def org_evaluations(self, cycle_id: int) -> list[OrgEvaluation]:
        sql = (
            f"{_ORG_SELECT} JOIN organisations o ON o.id = e.organisation_id"
            " WHERE e.cycle_id = ? ORDER BY o.name_sort, e.organisation_id"
        )
        return [org_from_row(r) for r in self._db.execute(sql, [cycle_id])]

    def org_evaluation(self, cycle_id: int, organisation_id: int) -> OrgEvaluation:
        sql = f"{_ORG_SELECT} WHERE e.cycle_id = ? AND e.organisation_id = ?"
        row = self._db.execute(sql, [cycle_id, organisation_id]).fetchone()
        if row is None:
            raise EvaluationNotFound("tổ chức đảng trong kỳ đánh giá", organisation_id)
        return org_from_row(row)

    def save_org_evaluation(self, row: OrgEvaluation) -> None:
        with self._writing(row.cycle_id):
            params = [*org_values(row), row.cycle_id, row.organisation_id]
            if self._db.execute(_UPDATE_ORG, params).rowcount != 1:
                raise EvaluationNotFound("tổ chức đảng trong kỳ đánh giá", row.organisation_id)
