"""Members: records, their history of status events, and the accent-insensitive member search."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import sqlite_utils

from partydesk.domain.member import (
    EventKind,
    Gender,
    Member,
    MemberEvent,
    MemberStatus,
    Standing,
)
from partydesk.domain.rows import ListQuery, MemberRow
from partydesk.domain.text import fold, fts_prefix_query, name_sort_key
from partydesk.store.convert import iso, now_text, order_by, to_bool, to_date
from partydesk.store.db import transaction
from partydesk.store.errors import DuplicateError, NotFound
from partydesk.store.sql_fragments import ENDED_STATUS_SQL, ids_json, only_ids_clause

SORTS = {
    "name": "m.name_sort",
    "birth_date": "m.birth_date",
    "gender": "m.gender",
    "organisation": "o.name_sort",
    "enterprise": "e.name_sort",
    "status": "m.standing || m.status",
    "card_number": "m.card_number",
    "admission": "m.admission_decision_date",
}
_DATE_FIELDS = (
    "birth_date",
    "admission_decision_date",
    "ceremony_date",
    "official_date",
    "status_until",
)
_BOOL_FIELDS = ("is_owner", "is_manager", "in_political_system")
_TEXT_FIELDS = (
    "full_name",
    "birth_name",
    "ethnicity",
    "religion",
    "cccd",
    "hometown",
    "residence",
    "phone",
    "email",
    "education",
    "expertise",
    "political_theory",
    "occupation_before",
    "card_number",
    "dossier_number",
    "job_title",
    "admission_decision_number",
    "official_decision_number",
    "notes",
)
_UNIQUE_MESSAGES = {
    "cccd": ("cccd", "Số CCCD {value} đã có ở đảng viên khác."),
    "card_number": ("card_number", "Số thẻ đảng viên {value} đã có ở đảng viên khác."),
}


def search_text(member: Member) -> str:
    """The folded text the member search looks in: names, card, dossier and CCCD numbers."""
    parts = (member.full_name, member.birth_name, member.card_number, member.dossier_number)
    return fold(" ".join(p for p in (*parts, member.cccd) if p))


def _to_row(member: Member) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(member, name) for name in _TEXT_FIELDS}
    row.update({name: iso(getattr(member, name)) for name in _DATE_FIELDS})
    row.update({name: int(getattr(member, name)) for name in _BOOL_FIELDS})
    row.update(
        name_fold=fold(member.full_name),
        name_sort=name_sort_key(member.full_name),
        search_fold=search_text(member),
        gender=member.gender.value if member.gender else None,
        enterprise_id=member.enterprise_id,
        organisation_id=member.organisation_id,
        standing=member.standing.value,
        status=member.status.value,
    )
    return row


def _from_row(row: dict[str, Any]) -> Member:
    values: dict[str, Any] = {name: row[name] for name in _TEXT_FIELDS}
    values.update({name: to_date(row[name]) for name in _DATE_FIELDS})
    values.update({name: to_bool(row[name]) for name in _BOOL_FIELDS})
    return Member(
        id=row["id"],
        gender=Gender(row["gender"]) if row["gender"] else None,
        enterprise_id=row["enterprise_id"],
        organisation_id=row["organisation_id"],
        standing=Standing(row["standing"]),
        status=MemberStatus(row["status"]),
        **values,
    )


def _event_row(event: MemberEvent) -> dict[str, Any]:
    return {
        "member_id": event.member_id,
        "kind": event.kind.value,
        "on_date": iso(event.on),
        "decision_number": event.decision_number,
        "other_organisation": event.other_organisation,
        "to_organisation_id": event.to_organisation_id,
        "until": iso(event.until),
        "note": event.note,
    }


class MemberRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, member_id: int) -> Member:
        rows = list(self._db.query("SELECT * FROM members WHERE id = ?", [member_id]))
        if not rows:
            raise NotFound("đảng viên", member_id)
        return _from_row(rows[0])

    def save(self, member: Member) -> int:
        """Insert or update the record and its search index entry in one transaction."""
        row = _to_row(member)
        try:
            with transaction(self._db):
                if member.id is None:
                    member_id = self._db["members"].insert(row).last_pk
                else:
                    self.get(member.id)
                    row["updated_at"] = now_text()
                    self._db["members"].update(member.id, row)
                    member_id = member.id
                    self._db.execute("DELETE FROM members_fts WHERE rowid = ?", [member_id])
                self._db.execute(
                    "INSERT INTO members_fts (rowid, search_fold) VALUES (?, ?)",
                    [member_id, row["search_fold"]],
                )
                return member_id
        except sqlite3.IntegrityError as exc:
            for column, (field, message) in _UNIQUE_MESSAGES.items():
                if f"members.{column}" in str(exc):
                    raise DuplicateError(field, message.format(value=row[column])) from exc
            raise

    def insert_many(self, members: list[Member]) -> list[int]:
        """Insert new members in bulk (imports, the sample office); return their ids in order."""
        rows = [_to_row(m) for m in members]
        with transaction(self._db):
            first = (self._db.execute("SELECT coalesce(max(id), 0) FROM members").fetchone()[0]) + 1
            ids = list(range(first, first + len(rows)))
            for member_id, row in zip(ids, rows, strict=True):
                row["id"] = member_id
            self._db["members"].insert_all(rows, batch_size=500)
            self._db.conn.executemany(
                "INSERT INTO members_fts (rowid, search_fold) VALUES (?, ?)",
                [(row["id"], row["search_fold"]) for row in rows],
            )
        return ids

    def insert_events(self, events: list[MemberEvent]) -> None:
        """Record past events in bulk, without applying them: the records already show them."""
        with transaction(self._db):
            self._db["member_events"].insert_all((_event_row(e) for e in events), batch_size=500)

    def add_event(self, event: MemberEvent) -> Member:
        """Record a status event and apply it to the member, atomically; return the new record."""
        with transaction(self._db):
            member = self.get(event.member_id)
            updated = event.apply(member)
            self._db["member_events"].insert(_event_row(event))
            self.save(updated)
            return updated

    def events(self, member_id: int) -> list[MemberEvent]:
        return [
            MemberEvent(
                id=r[0],
                member_id=member_id,
                kind=EventKind(r[1]),
                on=to_date(r[2]),  # type: ignore[arg-type]
                decision_number=r[3],
                other_organisation=r[4],
                to_organisation_id=r[5],
                until=to_date(r[6]),
                note=r[7],
            )
            for r in self._db.execute(
                "SELECT id, kind, on_date, decision_number, other_organisation,"
                " to_organisation_id, until, note FROM member_events WHERE member_id = ?"
                " ORDER BY on_date, id",
                [member_id],
            )
        ]

    def _where(self, query: ListQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if not query.include_ended:
            clauses.append(f"m.status NOT IN {ENDED_STATUS_SQL}")
        if query.organisation_id is not None:
            clauses.append("m.organisation_id = ?")
            params.append(query.organisation_id)
        if query.enterprise_id is not None:
            clauses.append("m.enterprise_id = ?")
            params.append(query.enterprise_id)
        if query.only_ids is not None:
            clauses.append(only_ids_clause("m.id"))
            params.append(ids_json(query.only_ids))
        match = fts_prefix_query(query.search)
        if match:
            clauses.append("m.id IN (SELECT rowid FROM members_fts WHERE members_fts MATCH ?)")
            params.append(match)
        return (" AND ".join(clauses) or "1"), params

    def list_rows(self, query: ListQuery, offset: int = 0, limit: int = 200) -> list[MemberRow]:
        where, params = self._where(query)
        sql = (
            "SELECT m.id, m.full_name, m.birth_date, m.gender, o.name, e.name, m.standing,"
            " m.status, m.card_number, m.admission_decision_date FROM members m"
            " LEFT JOIN organisations o ON o.id = m.organisation_id"
            " LEFT JOIN enterprises e ON e.id = m.enterprise_id"
            f" WHERE {where} {order_by(SORTS, query.sort, query.descending, 'm.id')}"
            " LIMIT ? OFFSET ?"
        )
        return [
            MemberRow(
                id=r[0],
                full_name=r[1],
                birth_date=to_date(r[2]),
                gender=Gender(r[3]) if r[3] else None,
                organisation_name=r[4] or "",
                enterprise_name=r[5] or "",
                standing=Standing(r[6]),
                status=MemberStatus(r[7]),
                card_number=r[8],
                admission_decision_date=to_date(r[9]),
            )
            for r in self._db.execute(sql, [*params, limit, offset])
        ]

    def identities(self) -> list[tuple[str, date | None, str, str]]:
        """(full name, birth date, CCCD, card number) of every member, ended ones too: what an
        import checks duplicates against (a member who left is still the same person)."""
        return [
            (name, to_date(birth), cccd, card)
            for name, birth, cccd, card in self._db.execute(
                "SELECT full_name, birth_date, cccd, card_number FROM members ORDER BY id"
            )
        ]

    def count(self, query: ListQuery) -> int:
        where, params = self._where(query)
        return self._db.execute(f"SELECT count(*) FROM members m WHERE {where}", params).fetchone()[
            0
        ]

    def choices(self, organisation_id: int | None = None) -> list[tuple[int, str]]:
        """(id, "name (birth year)") of current members, for committee-post pickers."""
        where = f"status NOT IN {ENDED_STATUS_SQL}"
        params: list[Any] = []
        if organisation_id is not None:
            where += " AND organisation_id = ?"
            params.append(organisation_id)
        return [
            (r[0], f"{r[1]} ({r[2][:4]})" if r[2] else r[1])
            for r in self._db.execute(
                f"SELECT id, full_name, birth_date FROM members WHERE {where} ORDER BY name_sort",
                params,
            )
        ]
