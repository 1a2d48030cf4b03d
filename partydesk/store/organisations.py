"""Party organisations with their enterprise links, committee terms and supervising cadres."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlite_utils

from partydesk.domain.organisation import (
    Cadre,
    CadreAssignment,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEndReason,
    OrgEnterpriseLink,
    OrgKind,
    Term,
)
from partydesk.domain.rows import ListQuery, OrganisationRow
from partydesk.domain.text import fold, name_sort_key, search_tokens, text_sort_key
from partydesk.store.convert import iso, like_all, now_text, order_by, to_bool, to_date
from partydesk.store.db import transaction
from partydesk.store.errors import NotFound
from partydesk.store.sql_fragments import COUNTED_STATUS, ids_json, only_ids_clause

_OFFICIAL = (
    "(SELECT count(*) FROM members m WHERE m.organisation_id = o.id"
    f" AND m.{COUNTED_STATUS} AND m.standing = 'CHINH_THUC')"
)
_TOTAL = f"(SELECT count(*) FROM members m WHERE m.organisation_id = o.id AND m.{COUNTED_STATUS})"
_ENTERPRISES = (
    "(SELECT group_concat(e.name, '; ') FROM organisation_enterprises oe"
    " JOIN enterprises e ON e.id = oe.enterprise_id WHERE oe.organisation_id = o.id)"
)
# Both take the day they are about as the named parameter :on (the service's clock).
_SECRETARY = (
    "(SELECT m.full_name FROM terms t JOIN committee_posts p ON p.term_id = t.id"
    " JOIN members m ON m.id = p.member_id"
    " WHERE t.organisation_id = o.id AND p.role = 'BI_THU' AND t.starts_on <= :on"
    " AND coalesce(p.starts_on, t.starts_on) <= :on AND (p.ends_on IS NULL OR p.ends_on >= :on)"
    " ORDER BY t.starts_on DESC, p.starts_on DESC LIMIT 1)"
)
_CADRE = (
    "(SELECT c.full_name FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id"
    " WHERE a.organisation_id = o.id AND a.starts_on <= :on"
    " AND (a.ends_on IS NULL OR a.ends_on >= :on) ORDER BY a.starts_on DESC LIMIT 1)"
)
SORTS = {
    "name": "o.name_sort",
    "kind": "o.kind",
    "parent": "parent_name",
    "enterprises": "enterprises",
    "official_members": "official_members",
    "total_members": "total_members",
    "secretary": "secretary",
    "cadre": "cadre",
    "ended_on": "o.ended_on",
}


def _to_row(org: Organisation) -> dict[str, Any]:
    return {
        "name": org.name,
        "name_fold": fold(org.name),
        "name_sort": text_sort_key(org.name),
        "header_name": org.header_name,
        "abbreviation": org.abbreviation,
        "kind": org.kind.value,
        "parent_id": org.parent_id,
        "founded_on": iso(org.founded_on),
        "founding_decision": org.founding_decision,
        "ended_on": iso(org.ended_on),
        "end_reason": org.end_reason.value if org.end_reason else None,
        "end_decision": org.end_decision,
        "merged_into_id": org.merged_into_id,
        "meeting_interval_months": org.meeting_interval_months,
        "meeting_exception_decision": org.meeting_exception_decision,
        "size_exception_decision": org.size_exception_decision,
        "address": org.address,
        "phone": org.phone,
        "notes": org.notes,
        "cluster": org.cluster,
    }


def _from_row(row: dict[str, Any], links: tuple[OrgEnterpriseLink, ...]) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        kind=OrgKind(row["kind"]),
        header_name=row["header_name"],
        abbreviation=row["abbreviation"],
        parent_id=row["parent_id"],
        enterprises=links,
        founded_on=to_date(row["founded_on"]),
        founding_decision=row["founding_decision"],
        ended_on=to_date(row["ended_on"]),
        end_reason=OrgEndReason(row["end_reason"]) if row["end_reason"] else None,
        end_decision=row["end_decision"],
        merged_into_id=row["merged_into_id"],
        meeting_interval_months=row["meeting_interval_months"],
        meeting_exception_decision=row["meeting_exception_decision"],
        size_exception_decision=row["size_exception_decision"],
        address=row["address"],
        phone=row["phone"],
        notes=row["notes"],
        cluster=row["cluster"],
    )


class OrganisationRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- organisations ---------------------------------------------------------------------

    def get(self, organisation_id: int) -> Organisation:
        rows = list(self._db.query("SELECT * FROM organisations WHERE id = ?", [organisation_id]))
        if not rows:
            raise NotFound("tổ chức đảng", organisation_id)
        links = tuple(
            OrgEnterpriseLink(r[0], to_bool(r[1]))
            for r in self._db.execute(
                "SELECT enterprise_id, is_primary FROM organisation_enterprises"
                " WHERE organisation_id = ? ORDER BY is_primary DESC, enterprise_id",
                [organisation_id],
            )
        )
        return _from_row(rows[0], links)

    def all(self) -> list[Organisation]:
        """Every organisation, ended ones too, with its enterprise links: two queries in all."""
        links: dict[int, list[OrgEnterpriseLink]] = {}
        for org_id, enterprise_id, primary in self._db.execute(
            "SELECT organisation_id, enterprise_id, is_primary FROM organisation_enterprises"
            " ORDER BY organisation_id, is_primary DESC, enterprise_id"
        ):
            links.setdefault(org_id, []).append(OrgEnterpriseLink(enterprise_id, to_bool(primary)))
        return [
            _from_row(row, tuple(links.get(row["id"], ())))
            for row in self._db.query("SELECT * FROM organisations ORDER BY name_sort")
        ]

    def save(self, org: Organisation) -> int:
        row = _to_row(org)
        with transaction(self._db):
            table = self._db["organisations"]
            if org.id is None:
                org_id = table.insert(row).last_pk
            else:
                self.get(org.id)
                row["updated_at"] = now_text()
                table.update(org.id, row)
                org_id = org.id
            self._db.execute(
                "DELETE FROM organisation_enterprises WHERE organisation_id = ?", [org_id]
            )
            self._db["organisation_enterprises"].insert_all(
                {
                    "organisation_id": org_id,
                    "enterprise_id": link.enterprise_id,
                    "is_primary": int(link.is_primary),
                }
                for link in org.enterprises
            )
            return org_id

    def _where(self, query: ListQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if not query.include_ended:
            clauses.append("o.ended_on IS NULL")
        if query.enterprise_id is not None:
            clauses.append(
                "o.id IN (SELECT organisation_id FROM organisation_enterprises"
                " WHERE enterprise_id = ?)"
            )
            params.append(query.enterprise_id)
        if query.only_ids is not None:
            clauses.append(only_ids_clause("o.id"))
            params.append(ids_json(query.only_ids))
        tokens = search_tokens(query.search)
        if tokens:
            clause, token_params = like_all("o.name_fold", tokens)
            clauses.append(clause)
            params.extend(token_params)
        return (" AND ".join(clauses) or "1"), params

    def list_rows(
        self, query: ListQuery, offset: int = 0, limit: int = 200, *, on: date | None = None
    ) -> list[OrganisationRow]:
        """A page of rows; bí thư and cadre columns show who is in office ``on`` (today)."""
        where, params = self._where(query)
        columns = (
            "SELECT o.id, o.name, o.kind, p.name AS parent_name,"
            f" {_ENTERPRISES} AS enterprises, {_OFFICIAL} AS official_members,"
            f" {_TOTAL} AS total_members, {_SECRETARY} AS secretary, {_CADRE} AS cadre,"
            " o.ended_on"
        )
        day = (on or date.today()).isoformat()
        # sqlite3 cannot mix named and positional parameters: the day becomes positional too.
        day_params = [day] * columns.count(":on")
        sql = (
            columns.replace(":on", "?")
            + " FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id"
            + f" WHERE {where} {order_by(SORTS, query.sort, query.descending, 'o.id')}"
            + " LIMIT ? OFFSET ?"
        )
        params = [*day_params, *params]
        return [
            OrganisationRow(
                id=r[0],
                name=r[1],
                kind=OrgKind(r[2]),
                parent_name=r[3] or "",
                enterprises=r[4] or "",
                official_members=r[5],
                total_members=r[6],
                secretary=r[7] or "",
                cadre=r[8] or "",
                ended_on=to_date(r[9]),
            )
            for r in self._db.execute(sql, [*params, limit, offset])
        ]

    def count(self, query: ListQuery) -> int:
        where, params = self._where(query)
        sql = f"SELECT count(*) FROM organisations o WHERE {where}"
        return self._db.execute(sql, params).fetchone()[0]

    def choices(
        self, include_ended: bool = False, kinds: frozenset[OrgKind] | None = None
    ) -> list[tuple[int, str]]:
        """(id, name) of organisations for pickers, in Vietnamese order."""
        clauses = [] if include_ended else ["ended_on IS NULL"]
        params: list[Any] = []
        if kinds:
            clauses.append(f"kind IN ({', '.join('?' for _ in kinds)})")
            params.extend(sorted(k.value for k in kinds))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT id, name FROM organisations {where} ORDER BY name_sort"
        return [(r[0], r[1]) for r in self._db.execute(sql, params)]

    # --- terms and committee posts ---------------------------------------------------------

    def terms(self, organisation_id: int) -> list[Term]:
        """The organisation's terms, newest first, each with its committee posts."""
        posts_by_term: dict[int, list[CommitteePost]] = {}
        for r in self._db.execute(
            "SELECT p.id, p.term_id, p.member_id, p.role, p.starts_on, p.ends_on, p.appointed,"
            " p.decision, m.full_name FROM committee_posts p JOIN terms t ON t.id = p.term_id"
            " JOIN members m ON m.id = p.member_id WHERE t.organisation_id = ?"
            " ORDER BY p.role, m.name_sort",
            [organisation_id],
        ):
            posts_by_term.setdefault(r[1], []).append(
                CommitteePost(
                    id=r[0],
                    member_id=r[2],
                    role=CommitteeRole(r[3]),
                    starts_on=to_date(r[4]),
                    ends_on=to_date(r[5]),
                    appointed=to_bool(r[6]),
                    decision=r[7],
                    member_name=r[8],
                )
            )
        return [
            Term(
                id=r[0],
                organisation_id=organisation_id,
                label=r[1],
                starts_on=date.fromisoformat(r[2]),
                ends_on=to_date(r[3]),
                congress_on=to_date(r[4]),
                notes=r[5],
                posts=tuple(posts_by_term.get(r[0], ())),
            )
            for r in self._db.execute(
                "SELECT id, label, starts_on, ends_on, congress_on, notes FROM terms"
                " WHERE organisation_id = ? ORDER BY starts_on DESC",
                [organisation_id],
            )
        ]

    def save_term(self, term: Term) -> int:
        """Insert or update a term and replace its posts with ``term.posts``."""
        row = {
            "organisation_id": term.organisation_id,
            "label": term.label,
            "starts_on": iso(term.starts_on),
            "ends_on": iso(term.ends_on),
            "congress_on": iso(term.congress_on),
            "notes": term.notes,
        }
        with transaction(self._db):
            if term.id is None:
                term_id = self._db["terms"].insert(row).last_pk
            else:
                self._db["terms"].update(term.id, row)
                term_id = term.id
            self._db.execute("DELETE FROM committee_posts WHERE term_id = ?", [term_id])
            self._db["committee_posts"].insert_all(
                {
                    "term_id": term_id,
                    "member_id": post.member_id,
                    "role": post.role.value,
                    "starts_on": iso(post.starts_on),
                    "ends_on": iso(post.ends_on),
                    "appointed": int(post.appointed),
                    "decision": post.decision,
                }
                for post in term.posts
            )
            return term_id

    # --- supervising cadres ----------------------------------------------------------------

    def cadres(self, include_inactive: bool = False) -> list[Cadre]:
        where = "" if include_inactive else "WHERE active = 1"
        return [
            Cadre(id=r[0], full_name=r[1], title=r[2], phone=r[3], active=to_bool(r[4]))
            for r in self._db.execute(
                f"SELECT id, full_name, title, phone, active FROM cadres {where} ORDER BY name_sort"
            )
        ]

    def save_cadre(self, cadre: Cadre) -> int:
        row = {
            "full_name": cadre.full_name,
            "name_fold": fold(cadre.full_name),
            "name_sort": name_sort_key(cadre.full_name),
            "title": cadre.title,
            "phone": cadre.phone,
            "active": int(cadre.active),
        }
        with transaction(self._db):
            if cadre.id is None:
                return self._db["cadres"].insert(row).last_pk
            self._db["cadres"].update(cadre.id, row)
            return cadre.id

    def assignments(self, organisation_id: int) -> list[CadreAssignment]:
        return [
            CadreAssignment(
                id=r[0],
                organisation_id=organisation_id,
                cadre_id=r[1],
                starts_on=date.fromisoformat(r[2]),
                ends_on=to_date(r[3]),
                cadre_name=r[4],
            )
            for r in self._db.execute(
                "SELECT a.id, a.cadre_id, a.starts_on, a.ends_on, c.full_name"
                " FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id"
                " WHERE a.organisation_id = ? ORDER BY a.starts_on DESC",
                [organisation_id],
            )
        ]

    def save_assignment(self, assignment: CadreAssignment) -> int:
        row = {
            "organisation_id": assignment.organisation_id,
            "cadre_id": assignment.cadre_id,
            "starts_on": iso(assignment.starts_on),
            "ends_on": iso(assignment.ends_on),
        }
        with transaction(self._db):
            if assignment.id is None:
                return self._db["cadre_assignments"].insert(row).last_pk
            self._db["cadre_assignments"].update(assignment.id, row)
            return assignment.id
