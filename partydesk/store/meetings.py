"""Meetings and their minutes: the record with its rows, tasks, addenda and autosaved drafts.

A meeting's rows (roll, guests, agenda and opinions, votes, tasks) are replaced as a whole when
it is saved, inside one transaction. Approved meetings are locked here (``MeetingLocked``) and,
as a backstop, by the schema's triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlite_utils

from partydesk.domain.compliance import MeetingFact, OrganisationFacts
from partydesk.domain.meeting import (
    Addendum,
    AgendaItem,
    Guest,
    Meeting,
    MeetingForm,
    MeetingKind,
    MeetingState,
    Opinion,
    Presence,
    RollEntry,
    Task,
    Vote,
    VoteForm,
    VoteKind,
    minutes_between,
)
from partydesk.domain.meeting_rules import duration_ok
from partydesk.domain.member import MemberStatus, Standing
from partydesk.domain.organisation import CELL_KINDS, OrgKind
from partydesk.domain.rows import ListQuery, MeetingRow
from partydesk.domain.text import search_tokens
from partydesk.store.convert import hhmm, iso, like_all, now_text, order_by, to_date, to_time
from partydesk.store.db import transaction
from partydesk.store.errors import NotFound, StoreError
from partydesk.store.sql_fragments import ids_json, only_ids_clause

SORTS = {
    "date": "m.on_date",
    "organisation": "o.name_sort",
    "kind": "m.kind",
    "state": "m.state",
}
_CHILD_TABLES = (
    "meeting_opinions",
    "meeting_agenda",
    "meeting_votes",
    "meeting_guests",
    "meeting_roll",
)
_CELL_KINDS_SQL = "(" + ", ".join(f"'{k.value}'" for k in sorted(CELL_KINDS)) + ")"


class MeetingLocked(StoreError):
    """The minutes were approved: they can only receive addenda."""

    def __init__(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        super().__init__(
            f"Biên bản (mã {meeting_id}) đã được thông qua và khóa; chỉ thêm đính chính."
        )


@dataclass(frozen=True, slots=True)
class Draft:
    """The autosaved content of a meeting form (``meeting_id`` 0: a meeting not saved yet)."""

    meeting_id: int
    organisation_id: int
    payload: str
    saved_at: datetime
    organisation_name: str = ""


def _meeting_row(meeting: Meeting) -> dict[str, Any]:
    return {
        "organisation_id": meeting.organisation_id,
        "on_date": iso(meeting.on),
        "period_year": meeting.period_year,
        "period_month": meeting.period_month,
        "kind": meeting.kind.value,
        "topic": meeting.topic,
        "starts": hhmm(meeting.starts),
        "ends": hhmm(meeting.ends),
        "place": meeting.place,
        "form": meeting.form.value,
        "chair_member_id": meeting.chair_member_id,
        "secretary_member_id": meeting.secretary_member_id,
        "dues_collected": meeting.dues_collected,
        "conclusion": meeting.conclusion,
        "quality_score": meeting.quality_score,
        "minutes_read_at": hhmm(meeting.minutes_read_at),
        "number": meeting.number,
        "state": MeetingState.DRAFT.value,
        "approved_on": None,
        "override_reason": "",
    }


class MeetingRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- reading ----------------------------------------------------------------------------

    def get(self, meeting_id: int) -> Meeting:
        found = self.get_many([meeting_id])
        if not found:
            raise NotFound("buổi sinh hoạt", meeting_id)
        return found[0]

    def get_many(self, meeting_ids: list[int]) -> list[Meeting]:
        """Full meetings, in the order of ``meeting_ids``; each child table read once."""
        if not meeting_ids:
            return []
        found: list[Meeting] = []
        for start in range(0, len(meeting_ids), 500):
            found.extend(self._get_chunk(meeting_ids[start : start + 500]))
        order = {mid: i for i, mid in enumerate(meeting_ids)}
        return sorted(found, key=lambda m: order[m.id or 0])

    def _get_chunk(self, ids: list[int]) -> list[Meeting]:
        marks = ", ".join("?" for _ in ids)

        def rows(sql: str) -> list[sqlite3.Row]:
            return self._db.execute(sql.format(marks=marks), ids).fetchall()

        by_meeting: dict[int, dict[str, list[Any]]] = {
            i: {"roll": [], "guests": [], "agenda": [], "votes": [], "tasks": [], "addenda": []}
            for i in ids
        }
        opinions: dict[tuple[int, int], list[Opinion]] = {}
        for r in rows(
            "SELECT meeting_id, agenda_position, speaker, text FROM meeting_opinions"
            " WHERE meeting_id IN ({marks}) ORDER BY meeting_id, agenda_position, position"
        ):
            opinions.setdefault((r[0], r[1]), []).append(Opinion(r[2], r[3]))
        for r in rows(
            "SELECT meeting_id, member_id, full_name, standing, status, presence, reason"
            " FROM meeting_roll WHERE meeting_id IN ({marks}) ORDER BY meeting_id, position"
        ):
            by_meeting[r[0]]["roll"].append(
                RollEntry(r[1], r[2], Standing(r[3]), MemberStatus(r[4]), Presence(r[5]), r[6])
            )
        for r in rows(
            "SELECT meeting_id, full_name, job, unit, upper_level, cadre_id FROM meeting_guests"
            " WHERE meeting_id IN ({marks}) ORDER BY meeting_id, position"
        ):
            by_meeting[r[0]]["guests"].append(Guest(r[1], r[2], r[3], bool(r[4]), r[5]))
        for r in rows(
            "SELECT meeting_id, position, title, presenter, summary, conclusion"
            " FROM meeting_agenda WHERE meeting_id IN ({marks}) ORDER BY meeting_id, position"
        ):
            by_meeting[r[0]]["agenda"].append(
                AgendaItem(r[2], r[3], r[4], tuple(opinions.get((r[0], r[1]), ())), r[5])
            )
        for r in rows(
            "SELECT meeting_id, question, in_favour, against, not_voting, kind, form"
            " FROM meeting_votes WHERE meeting_id IN ({marks}) ORDER BY meeting_id, position"
        ):
            by_meeting[r[0]]["votes"].append(
                Vote(r[1], r[2], r[3], r[4], VoteKind(r[5]), VoteForm(r[6]))
            )
        for r in rows(
            "SELECT t.meeting_id, t.description, t.assignee, t.assignee_member_id, t.due,"
            " t.done_on, t.done_note, t.id, m.on_date FROM meeting_tasks t"
            " JOIN meetings m ON m.id = t.meeting_id"
            " WHERE t.meeting_id IN ({marks}) ORDER BY t.meeting_id, t.position"
        ):
            by_meeting[r[0]]["tasks"].append(
                Task(
                    r[1], r[2], r[3], to_date(r[4]), to_date(r[5]), r[6], r[7], r[0], to_date(r[8])
                )
            )
        for r in rows(
            "SELECT meeting_id, on_date, text, id FROM meeting_addenda"
            " WHERE meeting_id IN ({marks}) ORDER BY meeting_id, on_date, id"
        ):
            by_meeting[r[0]]["addenda"].append(Addendum(to_date(r[1]), r[2], r[3]))  # type: ignore[arg-type]

        meetings = []
        for r in self._db.query(f"SELECT * FROM meetings WHERE id IN ({marks})", ids):
            children = by_meeting[r["id"]]
            meetings.append(
                Meeting(
                    id=r["id"],
                    organisation_id=r["organisation_id"],
                    on=to_date(r["on_date"]),  # type: ignore[arg-type]
                    kind=MeetingKind(r["kind"]),
                    period_year=r["period_year"],
                    period_month=r["period_month"],
                    topic=r["topic"],
                    starts=to_time(r["starts"]),
                    ends=to_time(r["ends"]),
                    place=r["place"],
                    form=MeetingForm(r["form"]),
                    roll=tuple(children["roll"]),
                    guests=tuple(children["guests"]),
                    chair_member_id=r["chair_member_id"],
                    secretary_member_id=r["secretary_member_id"],
                    dues_collected=r["dues_collected"],
                    agenda=tuple(children["agenda"]),
                    conclusion=r["conclusion"],
                    votes=tuple(children["votes"]),
                    tasks=tuple(children["tasks"]),
                    quality_score=r["quality_score"],
                    minutes_read_at=to_time(r["minutes_read_at"]),
                    number=r["number"],
                    state=MeetingState(r["state"]),
                    approved_on=to_date(r["approved_on"]),
                    override_reason=r["override_reason"],
                    addenda=tuple(children["addenda"]),
                )
            )
        return meetings

    def state(self, meeting_id: int) -> MeetingState:
        row = self._db.execute("SELECT state FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        if row is None:
            raise NotFound("buổi sinh hoạt", meeting_id)
        return MeetingState(row[0])

    def ids_between(self, organisation_id: int, first: date, last: date) -> list[int]:
        """The organisation's meetings held from ``first`` to ``last``, in date order."""
        return [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM meetings WHERE organisation_id = ? AND on_date BETWEEN ? AND ?"
                " ORDER BY on_date, starts, id",
                [organisation_id, iso(first), iso(last)],
            )
        ]

    def previous(
        self, organisation_id: int, before: date, exclude_id: int | None = None
    ) -> int | None:
        """The organisation's latest meeting before ``before`` (for "copy last month")."""
        row = self._db.execute(
            "SELECT id FROM meetings WHERE organisation_id = ? AND on_date <= ? AND id <> ?"
            " ORDER BY on_date DESC, id DESC LIMIT 1",
            [organisation_id, iso(before), exclude_id or 0],
        ).fetchone()
        return row[0] if row else None

    def open_tasks(
        self, organisation_id: int, before: date, exclude_meeting_id: int | None = None
    ) -> list[Task]:
        """Tasks assigned at the organisation's earlier meetings and not yet marked done."""
        return [
            Task(r[0], r[1], r[2], to_date(r[3]), None, "", r[4], r[5], to_date(r[6]))
            for r in self._db.execute(
                "SELECT t.description, t.assignee, t.assignee_member_id, t.due, t.id,"
                " t.meeting_id, m.on_date FROM meeting_tasks t JOIN meetings m ON m.id ="
                " t.meeting_id WHERE m.organisation_id = ? AND t.done_on IS NULL"
                " AND m.on_date <= ? AND m.id <> ? ORDER BY m.on_date, t.position",
                [organisation_id, iso(before), exclude_meeting_id or 0],
            )
        ]

    def _where(self, query: ListQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.organisation_id is not None:
            clauses.append("(m.organisation_id = ? OR o.parent_id = ?)")
            params += [query.organisation_id, query.organisation_id]
        if query.year is not None:
            clauses.append("m.period_year = ?")
            params.append(query.year)
        if query.only_ids is not None:
            clauses.append(only_ids_clause("m.id"))
            params.append(ids_json(query.only_ids))
        where, like_params = like_all("o.name_fold", search_tokens(query.search))
        clauses.append(where)
        params += like_params
        return " AND ".join(clauses), params

    def list_rows(self, query: ListQuery, offset: int = 0, limit: int = 200) -> list[MeetingRow]:
        where, params = self._where(query)
        sql = (
            "SELECT m.id, m.organisation_id, o.name, m.on_date, m.kind, m.period_year,"
            " m.period_month, m.starts, m.ends, m.state,"
            " (SELECT count(*) FROM meeting_roll r WHERE r.meeting_id = m.id"
            "   AND r.presence = 'CO_MAT'),"
            " (SELECT count(*) FROM meeting_roll r WHERE r.meeting_id = m.id),"
            " (SELECT full_name FROM meeting_roll r WHERE r.meeting_id = m.id"
            "   AND r.member_id = m.chair_member_id),"
            " (SELECT count(*) FROM meeting_addenda a WHERE a.meeting_id = m.id)"
            " FROM meetings m JOIN organisations o ON o.id = m.organisation_id"
            f" WHERE {where} {order_by(SORTS, query.sort, query.descending, 'm.id')}"
            " LIMIT ? OFFSET ?"
        )
        result = []
        for r in self._db.execute(sql, [*params, limit, offset]):
            result.append(
                MeetingRow(
                    id=r[0],
                    organisation_id=r[1],
                    organisation_name=r[2],
                    on=to_date(r[3]),  # type: ignore[arg-type]
                    kind=MeetingKind(r[4]),
                    period_year=r[5],
                    period_month=r[6],
                    duration_minutes=minutes_between(to_time(r[7]), to_time(r[8])),
                    state=MeetingState(r[9]),
                    present=r[10],
                    total=r[11],
                    chair_name=r[12] or "",
                    addenda=r[13],
                )
            )
        return result

    def count(self, query: ListQuery) -> int:
        where, params = self._where(query)
        return self._db.execute(
            "SELECT count(*) FROM meetings m JOIN organisations o ON o.id = m.organisation_id"
            f" WHERE {where}",
            params,
        ).fetchone()[0]

    # --- writing ----------------------------------------------------------------------------

    def save(self, meeting: Meeting) -> int:
        """Insert or replace a draft meeting with all its rows; refuse approved minutes."""
        with transaction(self._db):
            if meeting.id is not None and self.state(meeting.id) is MeetingState.APPROVED:
                raise MeetingLocked(meeting.id)
            row = _meeting_row(meeting)
            if meeting.id is None:
                meeting_id = self._insert_meeting(row)
            else:
                meeting_id = meeting.id
                row["updated_at"] = now_text()
                self._db["meetings"].update(meeting_id, row)
                for table in _CHILD_TABLES:
                    self._db.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])
            self._insert_children(meeting_id, meeting)
            return meeting_id

    def insert_many(self, meetings: Iterable[Meeting]) -> int:
        """Bulk insert of complete meetings, approved ones included (the sample office)."""
        count = 0
        with transaction(self._db):
            for meeting in meetings:
                meeting_id = self._insert_meeting(_meeting_row(meeting))
                self._insert_children(meeting_id, meeting, new=True)
                for addendum in meeting.addenda:
                    self._insert_addendum(meeting_id, addendum)
                if meeting.is_locked:
                    self._lock(meeting_id, meeting)
                count += 1
        return count

    def _insert_meeting(self, row: dict[str, Any]) -> int:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self._db.execute(
            f"INSERT INTO meetings ({columns}) VALUES ({marks})", list(row.values())
        )
        return cursor.lastrowid or 0

    def _insert_children(self, meeting_id: int, meeting: Meeting, new: bool = False) -> None:
        conn = self._db.conn
        conn.executemany(
            "INSERT INTO meeting_roll (meeting_id, position, member_id, full_name, standing,"
            " status, presence, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    meeting_id,
                    i,
                    e.member_id,
                    e.full_name,
                    e.standing.value,
                    e.status.value,
                    e.presence.value,
                    e.reason,
                )
                for i, e in enumerate(meeting.roll, start=1)
            ],
        )
        conn.executemany(
            "INSERT INTO meeting_guests (meeting_id, position, full_name, job, unit,"
            " upper_level, cadre_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (meeting_id, i, g.full_name, g.position, g.unit, int(g.upper_level), g.cadre_id)
                for i, g in enumerate(meeting.guests, start=1)
            ],
        )
        conn.executemany(
            "INSERT INTO meeting_agenda (meeting_id, position, title, presenter, summary,"
            " conclusion) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (meeting_id, i, a.title, a.presenter, a.summary, a.conclusion)
                for i, a in enumerate(meeting.agenda, start=1)
            ],
        )
        conn.executemany(
            "INSERT INTO meeting_opinions (meeting_id, agenda_position, position, speaker, text)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (meeting_id, i, j, o.speaker, o.text)
                for i, a in enumerate(meeting.agenda, start=1)
                for j, o in enumerate(a.opinions, start=1)
            ],
        )
        conn.executemany(
            "INSERT INTO meeting_votes (meeting_id, position, question, kind, form, in_favour,"
            " against, not_voting) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    meeting_id,
                    i,
                    v.question,
                    v.kind.value,
                    v.form.value,
                    v.in_favour,
                    v.against,
                    v.not_voting,
                )
                for i, v in enumerate(meeting.votes, start=1)
            ],
        )
        # Tasks keep their ids across saves, so "done" marks made at later meetings survive an
        # edit of the meeting that assigned them.
        kept = [t.id for t in meeting.tasks if t.id is not None]
        if not new:
            marks = ", ".join("?" for _ in kept) or "NULL"
            self._db.execute(
                f"DELETE FROM meeting_tasks WHERE meeting_id = ? AND id NOT IN ({marks})",
                [meeting_id, *kept],
            )
        values = [
            (
                task.description,
                task.assignee,
                task.assignee_member_id,
                iso(task.due),
                iso(task.done_on),
                task.done_note,
                meeting_id,
                position,
                task.id,
            )
            for position, task in enumerate(meeting.tasks, start=1)
        ]
        conn.executemany(
            "UPDATE meeting_tasks SET description = ?, assignee = ?, assignee_member_id = ?,"
            " due = ?, done_on = ?, done_note = ?, meeting_id = ?, position = ? WHERE id = ?",
            [v for v in values if v[-1] is not None],
        )
        conn.executemany(
            "INSERT INTO meeting_tasks (description, assignee, assignee_member_id, due, done_on,"
            " done_note, meeting_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [v[:-1] for v in values if v[-1] is None],
        )

    def _lock(self, meeting_id: int, meeting: Meeting) -> None:
        self._db.execute(
            "UPDATE meetings SET state = ?, approved_on = ?, override_reason = ?, updated_at = ?"
            " WHERE id = ?",
            [
                MeetingState.APPROVED.value,
                iso(meeting.approved_on),
                meeting.override_reason,
                now_text(),
                meeting_id,
            ],
        )

    def approve(self, meeting: Meeting) -> int:
        """Save the approved meeting's final content and lock it, in one transaction."""
        if meeting.approved_on is None or not meeting.is_locked:
            raise ValueError("approve() needs a meeting returned by meeting_rules.approve")
        with transaction(self._db):
            draft = Meeting(**{**_fields(meeting), "state": MeetingState.DRAFT})
            meeting_id = self.save(draft)
            self._lock(meeting_id, meeting)
            self.delete_draft(meeting_id, meeting.organisation_id)
            return meeting_id

    def delete(self, meeting_id: int) -> None:
        """Delete a draft meeting and its rows; approved minutes cannot be deleted."""
        with transaction(self._db):
            if self.state(meeting_id) is MeetingState.APPROVED:
                raise MeetingLocked(meeting_id)
            for table in (*_CHILD_TABLES, "meeting_tasks", "meeting_addenda"):
                self._db.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])
            self._db.execute("DELETE FROM meeting_drafts WHERE meeting_id = ?", [meeting_id])
            self._db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])

    def add_addendum(self, meeting_id: int, addendum: Addendum) -> int:
        with transaction(self._db):
            if self.state(meeting_id) is not MeetingState.APPROVED:
                raise ValueError("addenda are for approved minutes; edit a draft directly")
            return self._insert_addendum(meeting_id, addendum)

    def _insert_addendum(self, meeting_id: int, addendum: Addendum) -> int:
        return (
            self._db["meeting_addenda"]
            .insert({"meeting_id": meeting_id, "on_date": iso(addendum.on), "text": addendum.text})
            .last_pk
        )

    def set_task_done(self, task_id: int, done_on: date | None, note: str = "") -> None:
        with transaction(self._db):
            cursor = self._db.execute(
                "UPDATE meeting_tasks SET done_on = ?, done_note = ? WHERE id = ?",
                [iso(done_on), note, task_id],
            )
            if cursor.rowcount == 0:
                raise NotFound("nhiệm vụ", task_id)

    # --- drafts -----------------------------------------------------------------------------

    def save_draft(self, meeting_id: int | None, organisation_id: int, payload: str) -> None:
        with transaction(self._db):
            self._db["meeting_drafts"].upsert(
                {
                    "meeting_id": meeting_id or 0,
                    "organisation_id": organisation_id,
                    "payload": payload,
                    "saved_at": now_text(),
                },
                pk=("meeting_id", "organisation_id"),
            )

    def draft(self, meeting_id: int | None, organisation_id: int) -> Draft | None:
        found = self._drafts(
            "WHERE d.meeting_id = ? AND d.organisation_id = ?", [meeting_id or 0, organisation_id]
        )
        return found[0] if found else None

    def drafts(self) -> list[Draft]:
        return self._drafts("", [])

    def _drafts(self, where: str, params: list[Any]) -> list[Draft]:
        return [
            Draft(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4] or "")
            for r in self._db.execute(
                "SELECT d.meeting_id, d.organisation_id, d.payload, d.saved_at, o.name"
                " FROM meeting_drafts d LEFT JOIN organisations o ON o.id = d.organisation_id"
                f" {where} ORDER BY d.saved_at DESC",
                params,
            )
        ]

    def delete_draft(self, meeting_id: int | None, organisation_id: int) -> None:
        with transaction(self._db):
            self._db.execute(
                "DELETE FROM meeting_drafts WHERE meeting_id = ? AND organisation_id = ?",
                [meeting_id or 0, organisation_id],
            )

    # --- compliance -------------------------------------------------------------------------

    def compliance_facts(self, year: int) -> list[OrganisationFacts]:
        """Every chi bộ that existed in ``year``, with the facts of its meetings for that year
        (by the month they are for) and the cadres in charge of it during the year."""
        first, last = f"{year}-01-01", f"{year}-12-31"
        cadres: dict[int, dict[int, str]] = {}
        assigned: dict[int, list[tuple[int, str, str | None]]] = {}
        for r in self._db.execute(
            "SELECT a.organisation_id, a.cadre_id, c.full_name, a.starts_on, a.ends_on"
            " FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id"
            " WHERE a.starts_on <= ? AND (a.ends_on IS NULL OR a.ends_on >= ?)"
            " ORDER BY a.starts_on",
            [last, first],
        ):
            cadres.setdefault(r[0], {})[r[1]] = r[2]
            assigned.setdefault(r[0], []).append((r[1], r[3], r[4]))
        # A chi bộ trực thuộc is usually followed by the cadre in charge of its đảng bộ.
        parents = {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT id, parent_id FROM organisations WHERE parent_id IS NOT NULL"
            )
        }
        guests: dict[int, set[int]] = {}
        for r in self._db.execute(
            "SELECT g.meeting_id, g.cadre_id FROM meeting_guests g JOIN meetings m"
            " ON m.id = g.meeting_id WHERE m.period_year = ? AND g.cadre_id IS NOT NULL",
            [year],
        ):
            guests.setdefault(r[0], set()).add(r[1])
        meetings: dict[int, list[MeetingFact]] = {}
        for r in self._db.query(
            "SELECT id, organisation_id, on_date, period_year, period_month, kind, starts, ends,"
            " state FROM meetings WHERE period_year = ?",
            [year],
        ):
            on = to_date(r["on_date"])
            assert on is not None
            kind = MeetingKind(r["kind"])
            probe = Meeting(
                r["organisation_id"], on, kind, starts=to_time(r["starts"]), ends=to_time(r["ends"])
            )
            in_charge = _in_charge(assigned, r["organisation_id"], r["on_date"]) or _in_charge(
                assigned, parents.get(r["organisation_id"]), r["on_date"]
            )
            meetings.setdefault(r["organisation_id"], []).append(
                MeetingFact(
                    period_year=r["period_year"],
                    period_month=r["period_month"],
                    on=on,
                    is_regular=kind.is_regular,
                    is_thematic=kind.is_thematic,
                    duration_ok=duration_ok(probe),
                    approved=r["state"] == MeetingState.APPROVED.value,
                    cadre_present=bool(guests.get(r["id"], set()) & in_charge),
                )
            )
        return [
            OrganisationFacts(
                organisation_id=r["id"],
                name=r["name"],
                kind=OrgKind(r["kind"]),
                interval_months=r["meeting_interval_months"],
                founded_on=to_date(r["founded_on"]),
                ended_on=to_date(r["ended_on"]),
                cadres=tuple(
                    (cadres.get(r["id"]) or cadres.get(parents.get(r["id"], 0), {})).items()
                ),
                meetings=tuple(sorted(meetings.get(r["id"], ()), key=lambda m: m.on)),
            )
            for r in self._db.query(
                "SELECT id, name, kind, meeting_interval_months, founded_on, ended_on"
                f" FROM organisations WHERE kind IN {_CELL_KINDS_SQL}"
                " AND (founded_on IS NULL OR founded_on <= ?)"
                " AND (ended_on IS NULL OR ended_on >= ?) ORDER BY name_sort",
                [last, first],
            )
        ]

    # --- tasks reviewed in the minutes ------------------------------------------------------

    def tasks_reviewed_at(self, organisation_id: int, on: date, meeting_id: int) -> list[Task]:
        """Tasks of the organisation's earlier meetings whose outcome this meeting reports.

        Those still open when the previous meeting was held: assigned at a meeting before this
        one (an earlier day, or the same day and saved earlier) and not done by the previous
        meeting's date. A task done since then is reported done here; one done after ``on``
        is returned as it is stored and the caller decides how to show it.
        """
        before = "(m.on_date < ? OR (m.on_date = ? AND m.id < ?))"
        day, params = iso(on), [organisation_id, meeting_id]
        previous = self._db.execute(
            "SELECT max(m.on_date) FROM meetings m WHERE m.organisation_id = ? AND m.id <> ?"
            f" AND {before}",
            [*params, day, day, meeting_id],
        ).fetchone()[0]
        return [
            Task(r[0], r[1], r[2], to_date(r[3]), to_date(r[4]), r[5], r[6], r[7], to_date(r[8]))
            for r in self._db.execute(
                "SELECT t.description, t.assignee, t.assignee_member_id, t.due, t.done_on,"
                " t.done_note, t.id, t.meeting_id, m.on_date FROM meeting_tasks t"
                " JOIN meetings m ON m.id = t.meeting_id WHERE m.organisation_id = ?"
                f" AND m.id <> ? AND {before} AND (t.done_on IS NULL OR t.done_on > ?)"
                " ORDER BY m.on_date, m.id, t.position",
                [*params, day, day, meeting_id, previous or ""],
            )
        ]


def _in_charge(
    assigned: dict[int, list[tuple[int, str, str | None]]], organisation_id: int | None, day: str
) -> set[int]:
    """The cadres assigned to the organisation on ``day`` (ISO dates compare as text)."""
    return {
        cadre_id
        for cadre_id, starts_on, ends_on in assigned.get(organisation_id or 0, [])
        if starts_on <= day and (ends_on is None or ends_on >= day)
    }


def _fields(meeting: Meeting) -> dict[str, Any]:
    return {name: getattr(meeting, name) for name in Meeting.__dataclass_fields__}
