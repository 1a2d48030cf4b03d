"""Briefing rounds, their sittings, invitees and issues, in SQLite.

A round's sittings and invitees are replaced as a whole when it is saved; its issues are
upserted by id, because an issue stays one row while it is followed up over later rounds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlite_utils

from partydesk.domain.briefing import (
    Attendance,
    Briefing,
    BriefingIssue,
    BriefingRow,
    Half,
    InviteCandidate,
    Invitee,
    IssueKind,
    IssueStatus,
    Sitting,
    SplitBy,
)
from partydesk.domain.briefing_rules import carried_over, round_key
from partydesk.store.convert import hhmm, iso, now_text, to_bool, to_date, to_time
from partydesk.store.db import transaction
from partydesk.store.errors import DuplicateError, NotFound

_RESOLVED = IssueStatus.RESOLVED.value
# Issues with the organisation's name and the round they were raised at.
_ISSUE_COLUMNS = (
    "SELECT i.id, i.briefing_id, i.organisation_id, i.kind, i.content, i.responsible, i.answer,"
    " i.status, i.due_on, i.resolved_on, o.name, b.year, b.half FROM briefing_issues i"
    " JOIN organisations o ON o.id = i.organisation_id JOIN briefings b ON b.id = i.briefing_id"
)
# Rounds ordered in time: a round is earlier than another when its (year, half) is smaller.
_ROUND_KEY = "(b.year * 2 + b.half)"


def _issue(r: Any) -> BriefingIssue:
    return BriefingIssue(
        id=r[0],
        briefing_id=r[1],
        organisation_id=r[2],
        kind=IssueKind(r[3]),
        content=r[4],
        responsible=r[5],
        answer=r[6],
        status=IssueStatus(r[7]),
        due_on=to_date(r[8]),
        resolved_on=to_date(r[9]),
        organisation_name=r[10],
        raised_at=f"{Half(str(r[12])).label} {r[11]}",
    )


def _issue_row(issue: BriefingIssue) -> dict[str, Any]:
    return {
        "organisation_id": issue.organisation_id,
        "kind": issue.kind.value,
        "content": issue.content,
        "responsible": issue.responsible,
        "answer": issue.answer,
        "status": issue.status.value,
        "due_on": iso(issue.due_on),
        "resolved_on": iso(issue.resolved_on),
    }


def _duplicate_message(year: int, half: Half) -> str:
    return (
        f"Đợt giao ban: đã có hội nghị giao ban {half.label} {year}. "
        "Mỗi nửa năm chỉ có một đợt; hãy mở đợt đã có để sửa."
    )


class BriefingRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- reading ----------------------------------------------------------------------------

    def get(self, briefing_id: int) -> Briefing:
        rows = list(self._db.query("SELECT * FROM briefings WHERE id = ?", [briefing_id]))
        if not rows:
            raise NotFound("hội nghị giao ban", briefing_id)
        r = rows[0]
        sitting_rows = self._db.execute(
            "SELECT id, on_date, label, starts, ends, place FROM briefing_sittings"
            " WHERE briefing_id = ? ORDER BY position",
            [briefing_id],
        ).fetchall()
        index_of = {s[0]: i for i, s in enumerate(sitting_rows)}
        sittings = tuple(
            Sitting(
                id=s[0],
                on=date.fromisoformat(s[1]),
                label=s[2],
                starts=to_time(s[3]),
                ends=to_time(s[4]),
                place=s[5],
            )
            for s in sitting_rows
        )
        invitees = tuple(
            Invitee(
                id=v[0],
                organisation_id=v[1],
                sitting_index=index_of[v[2]],
                attendee_name=v[3],
                attendee_position=v[4],
                attendance=Attendance(v[5]),
                absence_reason=v[6],
                report_received_on=to_date(v[7]),
                notes=v[8],
                organisation_name=v[9],
            )
            for v in self._db.execute(
                "SELECT v.id, v.organisation_id, v.sitting_id, v.attendee_name,"
                " v.attendee_position, v.attendance, v.absence_reason, v.report_received_on,"
                " v.notes, o.name FROM briefing_invitees v"
                " JOIN organisations o ON o.id = v.organisation_id"
                " JOIN briefing_sittings s ON s.id = v.sitting_id"
                " WHERE v.briefing_id = ? ORDER BY s.position, v.position",
                [briefing_id],
            )
        )
        issues = tuple(
            _issue(i)
            for i in self._db.execute(
                f"{_ISSUE_COLUMNS} WHERE i.briefing_id = ? ORDER BY i.position, i.id",
                [briefing_id],
            )
        )
        return Briefing(
            id=r["id"],
            year=r["year"],
            half=Half(str(r["half"])),
            sittings=sittings,
            place=r["place"],
            chair_name=r["chair_name"],
            chair_title=r["chair_title"],
            agenda=tuple(line for line in r["agenda"].split("\n") if line),
            reports_due_on=to_date(r["reports_due_on"]),
            split_by=SplitBy(r["split_by"]),
            held=to_bool(r["held"]),
            opening=r["opening"],
            report_summary=r["report_summary"],
            discussion=r["discussion"],
            conclusion=r["conclusion"],
            secretary_name=r["secretary_name"],
            notes=r["notes"],
            invitees=invitees,
            issues=issues,
        )

    def rows(self, year: int | None = None) -> list[BriefingRow]:
        """The rounds, newest first, with their attendance and open-issue counts."""
        where, params = ("WHERE b.year = ?", [year]) if year is not None else ("", [])
        sql = (
            "SELECT b.id, b.year, b.half,"
            " (SELECT min(on_date) FROM briefing_sittings WHERE briefing_id = b.id),"
            " (SELECT max(on_date) FROM briefing_sittings WHERE briefing_id = b.id),"
            " (SELECT count(*) FROM briefing_sittings WHERE briefing_id = b.id),"
            " (SELECT count(*) FROM briefing_invitees WHERE briefing_id = b.id),"
            " (SELECT count(*) FROM briefing_invitees WHERE briefing_id = b.id"
            "  AND attendance = 'CO_MAT'),"
            " (SELECT count(*) FROM briefing_invitees WHERE briefing_id = b.id"
            "  AND report_received_on IS NOT NULL AND (b.reports_due_on IS NULL"
            "  OR report_received_on <= b.reports_due_on)),"
            " (SELECT count(*) FROM briefing_issues WHERE briefing_id = b.id"
            f"  AND status <> '{_RESOLVED}')"
            f" FROM briefings b {where} ORDER BY b.year DESC, b.half DESC"
        )
        return [
            BriefingRow(
                id=r[0],
                year=r[1],
                half=Half(str(r[2])),
                first_day=to_date(r[3]),
                last_day=to_date(r[4]),
                sittings=r[5],
                invited=r[6],
                present=r[7],
                reports_on_time=r[8],
                open_issues=r[9],
            )
            for r in self._db.execute(sql, params)
        ]

    def find(self, year: int, half: Half) -> int | None:
        row = self._db.execute(
            "SELECT id FROM briefings WHERE year = ? AND half = ?", [year, int(half.value)]
        ).fetchone()
        return row[0] if row else None

    def latest(self) -> Briefing | None:
        """The most recent round by half-year, or None when there is none."""
        row = self._db.execute(
            "SELECT id FROM briefings ORDER BY year DESC, half DESC LIMIT 1"
        ).fetchone()
        return self.get(row[0]) if row else None

    def next_after(self, day: date) -> Briefing | None:
        """The first round with a sitting on or after ``day``."""
        row = self._db.execute(
            "SELECT briefing_id FROM briefing_sittings WHERE on_date >= ?"
            " ORDER BY on_date, briefing_id LIMIT 1",
            [day.isoformat()],
        ).fetchone()
        return self.get(row[0]) if row else None

    def carried_issues(self, briefing: Briefing) -> list[BriefingIssue]:
        """Issues raised by its invitees at earlier rounds and still open at this round."""
        organisation_ids = sorted({v.organisation_id for v in briefing.invitees})
        if not organisation_ids:
            return []
        marks = ", ".join("?" for _ in organisation_ids)
        sql = (
            f"{_ISSUE_COLUMNS} WHERE {_ROUND_KEY} < ? AND i.organisation_id IN ({marks})"
            " ORDER BY b.year, b.half, o.name_sort, i.position, i.id"
        )
        params = [round_key(briefing.year, briefing.half), *organisation_ids]
        return carried_over((_issue(r) for r in self._db.execute(sql, params)), briefing)

    def open_issues(self, organisation_id: int) -> list[BriefingIssue]:
        """The organisation's issues not yet resolved, oldest round first."""
        sql = (
            f"{_ISSUE_COLUMNS} WHERE i.organisation_id = ? AND i.status <> '{_RESOLVED}'"
            " ORDER BY b.year, b.half, i.position, i.id"
        )
        return [_issue(r) for r in self._db.execute(sql, [organisation_id])]

    def get_issue(self, issue_id: int) -> BriefingIssue:
        rows = self._db.execute(f"{_ISSUE_COLUMNS} WHERE i.id = ?", [issue_id]).fetchall()
        if not rows:
            raise NotFound("kiến nghị", issue_id)
        return _issue(rows[0])

    def numbered_documents(self, briefing_id: int) -> int:
        """How many lines of the outgoing register were taken by this round's documents."""
        return self._db.execute(
            "SELECT count(*) FROM outgoing_documents WHERE source LIKE ?",
            [f"briefing:{briefing_id}:%"],
        ).fetchone()[0]

    def candidates(self, on: date) -> list[InviteCandidate]:
        """Organisations a round invites by default: active ones directly under the office.

        Each comes with its cluster, its primary enterprise's ward and its cadre on ``on``.
        """
        day = on.isoformat()
        sql = (
            "SELECT o.id, o.name, o.cluster,"
            " (SELECT e.ward FROM organisation_enterprises oe"
            "  JOIN enterprises e ON e.id = oe.enterprise_id WHERE oe.organisation_id = o.id"
            "  ORDER BY oe.is_primary DESC, oe.enterprise_id LIMIT 1),"
            " (SELECT c.full_name FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id"
            "  WHERE a.organisation_id = o.id AND a.starts_on <= ?"
            "  AND (a.ends_on IS NULL OR a.ends_on >= ?) ORDER BY a.starts_on DESC LIMIT 1)"
            " FROM organisations o"
            " WHERE o.parent_id IS NULL AND (o.ended_on IS NULL OR o.ended_on > ?)"
            " AND (o.founded_on IS NULL OR o.founded_on <= ?)"
            " ORDER BY o.name_sort"
        )
        return [
            InviteCandidate(r[0], r[1], r[2] or "", r[3] or "", r[4] or "")
            for r in self._db.execute(sql, [day, day, day, day])
        ]

    # --- writing ----------------------------------------------------------------------------

    def save(self, briefing: Briefing) -> Briefing:
        """Insert or update a round in one transaction and return it as stored.

        Sittings and invitees are replaced; the round's issues are upserted by id (ids
        survive), and issues of this round missing from ``briefing.issues`` are deleted.
        """
        row = {
            "year": briefing.year,
            "half": int(briefing.half.value),
            "place": briefing.place,
            "chair_name": briefing.chair_name,
            "chair_title": briefing.chair_title,
            "agenda": "\n".join(briefing.agenda),
            "reports_due_on": iso(briefing.reports_due_on),
            "split_by": briefing.split_by.value,
            "held": int(briefing.held),
            "opening": briefing.opening,
            "report_summary": briefing.report_summary,
            "discussion": briefing.discussion,
            "conclusion": briefing.conclusion,
            "secretary_name": briefing.secretary_name,
            "notes": briefing.notes,
        }
        with transaction(self._db):
            same_half = self.find(briefing.year, briefing.half)
            if same_half is not None and same_half != briefing.id:
                raise DuplicateError("half", _duplicate_message(briefing.year, briefing.half))
            if briefing.id is None:
                briefing_id = self._db["briefings"].insert(row).last_pk
            else:
                self.get(briefing.id)
                row["updated_at"] = now_text()
                self._db["briefings"].update(briefing.id, row)
                briefing_id = briefing.id
            self._replace_sittings(briefing_id, briefing)
            self._upsert_issues(briefing_id, briefing.issues)
            return self.get(briefing_id)

    def _replace_sittings(self, briefing_id: int, briefing: Briefing) -> None:
        self._db.execute("DELETE FROM briefing_invitees WHERE briefing_id = ?", [briefing_id])
        self._db.execute("DELETE FROM briefing_sittings WHERE briefing_id = ?", [briefing_id])
        sitting_ids = [
            self._db["briefing_sittings"]
            .insert(
                {
                    "briefing_id": briefing_id,
                    "position": position,
                    "label": s.label,
                    "on_date": s.on.isoformat(),
                    "starts": hhmm(s.starts),
                    "ends": hhmm(s.ends),
                    "place": s.place,
                }
            )
            .last_pk
            for position, s in enumerate(briefing.sittings)
        ]
        self._db["briefing_invitees"].insert_all(
            {
                "briefing_id": briefing_id,
                "sitting_id": sitting_ids[v.sitting_index],
                "organisation_id": v.organisation_id,
                "position": position,
                "attendee_name": v.attendee_name,
                "attendee_position": v.attendee_position,
                "attendance": v.attendance.value,
                "absence_reason": v.absence_reason,
                "report_received_on": iso(v.report_received_on),
                "notes": v.notes,
            }
            for position, v in enumerate(briefing.invitees)
        )

    def _upsert_issues(self, briefing_id: int, issues: tuple[BriefingIssue, ...]) -> None:
        kept = [i.id for i in issues if i.id is not None]
        marks = ", ".join("?" for _ in kept) or "NULL"
        self._db.execute(
            f"DELETE FROM briefing_issues WHERE briefing_id = ? AND id NOT IN ({marks})",
            [briefing_id, *kept],
        )
        for position, issue in enumerate(issues):
            row = {**_issue_row(issue), "briefing_id": briefing_id, "position": position}
            if issue.id is None:
                self._db["briefing_issues"].insert(row)
            else:
                self._update_issue(issue.id, row, briefing_id)

    def _update_issue(self, issue_id: int, row: dict[str, Any], briefing_id: int) -> None:
        found = self._db.execute(
            "SELECT briefing_id FROM briefing_issues WHERE id = ?", [issue_id]
        ).fetchone()
        if found is None or found[0] != briefing_id:
            raise NotFound("kiến nghị của đợt giao ban này", issue_id)
        self._db["briefing_issues"].update(issue_id, row)

    def save_issue(self, issue: BriefingIssue) -> int:
        """Update an issue (a carried one, edited at a later round) or add one to its round."""
        with transaction(self._db):
            if issue.id is not None:
                self.get_issue(issue.id)
                self._db["briefing_issues"].update(issue.id, _issue_row(issue))
                return issue.id
            if issue.briefing_id is None:
                raise ValueError("a new issue needs the round it is raised at")
            position = self._db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM briefing_issues WHERE briefing_id = ?",
                [issue.briefing_id],
            ).fetchone()[0]
            row = {**_issue_row(issue), "briefing_id": issue.briefing_id, "position": position}
            return self._db["briefing_issues"].insert(row).last_pk

    def delete(self, briefing_id: int) -> None:
        """Delete a round with its sittings, invitees and the issues raised at it."""
        with transaction(self._db):
            self.get(briefing_id)
            self._db.execute("DELETE FROM briefings WHERE id = ?", [briefing_id])
