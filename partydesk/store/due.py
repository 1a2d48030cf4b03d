"""Facts for the due list, and the done/snoozed marks, in SQLite.

Each kind of fact is one set-based query over the whole register (no query per member or per
organisation); the rules that turn them into items are in ``partydesk.domain.due_rules``. The
briefing tables are only read here: they are written by ``store.briefings``.
"""

from __future__ import annotations

from datetime import date, time

import sqlite_utils

from partydesk.domain.briefing import Half
from partydesk.domain.due import CalendarEvent, DueMark, LinkTarget, MarkState, RecordLink
from partydesk.domain.due_rules import (
    MemberFacts,
    TermFacts,
)
from partydesk.domain.meeting import MeetingKind
from partydesk.domain.member import MemberStatus, Standing
from partydesk.store.convert import iso, to_date, to_time
from partydesk.store.db import transaction
from partydesk.store.sql_fragments import ENDED_STATUS_SQL

_TEMP = f"('{MemberStatus.TEMP_AWAY.value}', '{MemberStatus.TEMP_GUEST.value}')"


class DueRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- marks -----------------------------------------------------------------------------

    def marks(self) -> dict[str, DueMark]:
        return {
            r[0]: DueMark(r[0], MarkState(r[1]), date.fromisoformat(r[4]), r[3], to_date(r[2]))
            for r in self._db.execute("SELECT key, state, until, note, marked_on FROM due_marks")
        }

    def save_mark(self, mark: DueMark) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT INTO due_marks (key, state, until, note, marked_on) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET state = excluded.state, until = excluded.until,"
                " note = excluded.note, marked_on = excluded.marked_on",
                [mark.key, mark.state.value, iso(mark.until), mark.note, iso(mark.marked_on)],
            )

    def delete_mark(self, key: str) -> None:
        with transaction(self._db):
            self._db.execute("DELETE FROM due_marks WHERE key = ?", [key])

    # --- facts -----------------------------------------------------------------------------

    def meeting_intervals(self) -> dict[int, int]:
        """Every organisation's meeting interval in months (1 unless an exception allows more)."""
        sql = "SELECT id, meeting_interval_months FROM organisations"
        return {r[0]: r[1] for r in self._db.execute(sql)}

    def members(self) -> list[MemberFacts]:
        """Members still on the register with a date the due list follows: probationary members,
        members with an admission decision date (Huy hiệu), temporary activity with an end."""
        sql = f"""
            SELECT m.id, m.full_name, coalesce(o.name, ''), m.status, m.standing,
                   m.ceremony_date, m.admission_decision_date, m.status_until
            FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id
            WHERE m.status NOT IN {ENDED_STATUS_SQL}
              AND ((m.standing = :probationary AND m.ceremony_date IS NOT NULL)
                   OR m.admission_decision_date IS NOT NULL
                   OR (m.status IN {_TEMP} AND m.status_until IS NOT NULL))
        """
        return [
            MemberFacts(
                member_id=r[0],
                name=r[1],
                organisation=r[2],
                status=MemberStatus(r[3]),
                probationary=r[4] == Standing.PROBATIONARY.value,
                ceremony_date=to_date(r[5]),
                admission_decision_date=to_date(r[6]),
                status_until=to_date(r[7]),
            )
            for r in self._db.execute(sql, {"probationary": Standing.PROBATIONARY.value})
        ]

    def latest_terms(self) -> list[TermFacts]:
        """The latest term (by start) of every active organisation, when it has an end date."""
        sql = """
            SELECT t.id, t.organisation_id, o.name, t.label, t.ends_on
            FROM terms t JOIN organisations o ON o.id = t.organisation_id
            WHERE o.ended_on IS NULL AND t.ends_on IS NOT NULL
              AND t.id = (SELECT t2.id FROM terms t2 WHERE t2.organisation_id = t.organisation_id
                          ORDER BY t2.starts_on DESC, t2.id DESC LIMIT 1)
        """
        return [
            TermFacts(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]))
            for r in self._db.execute(sql)
        ]

    # --- the calendar's events -------------------------------------------------------------

    def events(self, first: date, last: date) -> list[CalendarEvent]:
        """Chi bộ meetings and briefing sittings from ``first`` to ``last``, by date."""
        span = [first.isoformat(), last.isoformat()]
        events = [
            CalendarEvent(
                uid=f"meeting-held:{r[0]}",
                on=date.fromisoformat(r[2]),
                title=f"Sinh hoạt chi bộ: {MeetingKind(r[3]).label.lower()}",
                subject=r[7],
                link=RecordLink(LinkTarget.MEETINGS, r[1], r[8]),
                starts=to_time(r[4]),
                ends=to_time(r[5]),
                place=r[6],
            )
            for r in self._db.execute(
                "SELECT m.id, m.organisation_id, m.on_date, m.kind, m.starts, m.ends, m.place,"
                " o.name, m.period_year FROM meetings m"
                " JOIN organisations o ON o.id = m.organisation_id"
                " WHERE m.on_date BETWEEN ? AND ?",
                span,
            )
        ]
        for r in self._db.execute(
            "SELECT s.id, s.briefing_id, s.on_date, s.starts, s.ends,"
            " CASE WHEN s.place <> '' THEN s.place ELSE b.place END, s.label, b.year, b.half"
            " FROM briefing_sittings s JOIN briefings b ON b.id = s.briefing_id"
            " WHERE s.on_date BETWEEN ? AND ?",
            span,
        ):
            events.append(
                CalendarEvent(
                    uid=f"sitting:{r[0]}",
                    on=date.fromisoformat(r[2]),
                    title=f"Hội nghị giao ban {Half(str(r[8])).label} {r[7]}",
                    subject=r[6] or "Các tổ chức đảng được mời",
                    link=RecordLink(LinkTarget.BRIEFING, r[1]),
                    starts=to_time(r[3]),
                    ends=to_time(r[4]),
                    place=r[5],
                )
            )
        return sorted(events, key=lambda e: (e.on, e.starts or time.min, e.title))
