"""Read-only evaluation queries over whole cycles: counts, progress, history, the roster.

These back the yearly classification sheet, the progress board and the opening of a cycle, so
each is one SQL query (or a couple for the roster) whatever the size of the office.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from partydesk.domain.classification import MemberCounts
from partydesk.domain.evaluation import MemberEvaluation, OrgEvaluation
from partydesk.domain.member import EventKind, Member, MemberEvent
from partydesk.store.evaluation_convert import (
    MEMBER_COLUMNS,
    ORG_COLUMNS,
    column_list,
    member_from_row,
    org_from_row,
)
from partydesk.store.members import _from_row as member_record


@dataclass(frozen=True, slots=True)
class OrgProgress:
    """How far one organisation's members are through the stages (evaluated members only)."""

    organisation_id: int
    total: int  # rows on the roll, evaluated or not
    evaluated: int
    self_done: int
    proposed: int
    decided: int


@dataclass(frozen=True, slots=True)
class RosterSource:
    """What the domain needs to decide whether a member is on a cycle's roll, and how."""

    member: Member
    events: tuple[MemberEvent, ...]
    is_committee_member: bool  # held a committee post (any role) on the reference date


# The member columns of the classification sheet, in ``MemberCounts`` field order (its
# docstrings are the definition): evaluated means no exclusion; levels are decided levels.
_EVALUATED = "exclusion IS NULL"
_COUNT_CONDITIONS = (
    "exclusion IS NOT 'SHT_DEN'",
    "exclusion = 'MIEN_SH'",
    "exclusion = 'DINH_CHI'",
    "exclusion = 'MOI_KET_NAP'",
    _EVALUATED,
    f"{_EVALUATED} AND decided_level = 'HTXSNV'",
    f"{_EVALUATED} AND decided_level = 'HTTNV'",
    f"{_EVALUATED} AND decided_level = 'HTNV'",
    f"{_EVALUATED} AND decided_level = 'KHTNV'",
    f"{_EVALUATED} AND decided_level IS NULL",
    f"{_EVALUATED} AND probationary = 1",
    f"{_EVALUATED} AND probationary = 1 AND decided_level IS NOT NULL",
)
_PROGRESS_CONDITIONS = (
    "1",
    _EVALUATED,
    f"{_EVALUATED} AND self_level IS NOT NULL",
    f"{_EVALUATED} AND proposed_level IS NOT NULL",
    f"{_EVALUATED} AND decided_level IS NOT NULL",
)


def _sums(conditions: tuple[str, ...]) -> str:
    return ", ".join(f"sum(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in conditions)


# A post counts when both its term and the post itself cover the day (Term/CommitteePost
# .is_current); a post without dates lasts as long as its term.
_COMMITTEE_ON = (
    "SELECT DISTINCT p.member_id FROM committee_posts p JOIN terms t ON t.id = p.term_id"
    " WHERE t.starts_on <= :on AND (t.ends_on IS NULL OR t.ends_on >= :on)"
    " AND (p.starts_on IS NULL OR p.starts_on <= :on) AND (p.ends_on IS NULL OR p.ends_on >= :on)"
)


_EVENT_KINDS = {kind.value: kind for kind in EventKind}


class EvaluationFacts:
    """The aggregate reads of ``EvaluationRepository`` (which inherits them)."""

    _db: sqlite_utils.Database

    def member_counts(self, cycle_id: int) -> dict[int, MemberCounts]:
        """The classification sheet's member columns per tổ chức cơ sở đảng."""
        sql = (
            f"SELECT base_organisation_id, {_sums(_COUNT_CONDITIONS)} FROM member_evaluations"
            " WHERE cycle_id = ? GROUP BY base_organisation_id"
        )
        return {r[0]: MemberCounts(*r[1:]) for r in self._db.execute(sql, [cycle_id])}

    def progress_by_org(self, cycle_id: int) -> dict[int, OrgProgress]:
        """Per organisation holding the records: rows, evaluated, and how many passed each stage."""
        sql = (
            f"SELECT organisation_id, {_sums(_PROGRESS_CONDITIONS)} FROM member_evaluations"
            " WHERE cycle_id = ? GROUP BY organisation_id"
        )
        return {r[0]: OrgProgress(*r) for r in self._db.execute(sql, [cycle_id])}

    def member_history(self, member_id: int) -> list[tuple[int, MemberEvaluation]]:
        """(year, row) of every cycle the member was on the roll of, oldest first."""
        sql = (
            f"SELECT c.year, {column_list(MEMBER_COLUMNS, 'e')} FROM member_evaluations e"
            " JOIN evaluation_cycles c ON c.id = e.cycle_id WHERE e.member_id = ?"
            " ORDER BY c.year"
        )
        return [(r[0], member_from_row(r[1:])) for r in self._db.execute(sql, [member_id])]

    def org_history(self, organisation_id: int) -> list[tuple[int, OrgEvaluation]]:
        """(year, row) of every cycle that evaluated the organisation, oldest first."""
        sql = (
            f"SELECT c.year, {column_list(ORG_COLUMNS, 'e')} FROM org_evaluations e"
            " JOIN evaluation_cycles c ON c.id = e.cycle_id WHERE e.organisation_id = ?"
            " ORDER BY c.year"
        )
        return [(r[0], org_from_row(r[1:])) for r in self._db.execute(sql, [organisation_id])]

    def roster_sources(
        self, reference_date: date, after_id: int = 0, limit: int = -1
    ) -> list[RosterSource]:
        """Member records held by an organisation (ended ones too), with their events.

        The domain decides from these who was on the roll on ``reference_date`` and how each
        is evaluated; the store only gathers them, in three queries. Records come in id order:
        ``after_id`` and ``limit`` read them a slice at a time, so a province's 100,000 records
        are never all in memory at once.
        """
        # sqlite3.Row is read by column name as member_record expects, without building a
        # dict per row: a third of the time at 100,000 members.
        cursor = self._db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        rows = cursor.execute(
            "SELECT * FROM members WHERE organisation_id IS NOT NULL AND id > ?"
            " ORDER BY id LIMIT ?",
            (after_id, limit),
        ).fetchall()
        if not rows:
            return []
        events: dict[int, list[MemberEvent]] = defaultdict(list)
        for r in self._db.execute(
            "SELECT v.id, v.member_id, v.kind, v.on_date, v.decision_number,"
            " v.other_organisation, v.to_organisation_id, v.until, v.note"
            " FROM member_events v WHERE v.member_id > ? AND v.member_id <= ?"
            " ORDER BY v.member_id, v.on_date, v.id",
            (after_id, rows[-1]["id"]),
        ):
            events[r[1]].append(
                MemberEvent(
                    id=r[0],
                    member_id=r[1],
                    kind=_EVENT_KINDS[r[2]],
                    on=date.fromisoformat(r[3]),
                    decision_number=r[4],
                    other_organisation=r[5],
                    to_organisation_id=r[6],
                    until=date.fromisoformat(r[7]) if r[7] else None,
                    note=r[8],
                )
            )
        on = reference_date.isoformat()
        committee = {r[0] for r in self._db.execute(_COMMITTEE_ON, {"on": on})}
        return [
            RosterSource(
                member=member_record(row),  # type: ignore[arg-type]
                events=tuple(events.get(row["id"], ())),
                is_committee_member=row["id"] in committee,
            )
            for row in rows
        ]
