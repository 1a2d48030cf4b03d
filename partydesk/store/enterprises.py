"""Enterprises: reading and writing records, and the rows of the enterprise list."""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from partydesk.domain.enterprise import (
    Enterprise,
    EnterpriseStatus,
    EnterpriseType,
    MassOrganisation,
)
from partydesk.domain.rows import EnterpriseRow, ListQuery
from partydesk.domain.text import fold, search_tokens, text_sort_key
from partydesk.store.convert import iso, like_all, now_text, order_by, to_bool, to_date
from partydesk.store.db import transaction
from partydesk.store.errors import DuplicateError, NotFound
from partydesk.store.sql_fragments import COUNTED_STATUS, ids_json, only_ids_clause

_MEMBERS_WORKING = (
    f"(SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND m.{COUNTED_STATUS})"
)
_ORGANISATIONS = (
    "(SELECT group_concat(o.name, '; ') FROM organisation_enterprises oe"
    " JOIN organisations o ON o.id = oe.organisation_id"
    " WHERE oe.enterprise_id = e.id AND o.ended_on IS NULL)"
)
SORTS = {
    "name": "e.name_sort",
    "tax_code": "e.tax_code",
    "type": "e.type",
    "ward": "e.ward",
    "workforce": "e.workforce",
    "organisations": "organisations",
    "members_working": "members_working",
    "status": "e.status",
}


def _to_row(enterprise: Enterprise) -> dict[str, Any]:
    return {
        "name": enterprise.name,
        "name_fold": fold(enterprise.name),
        "name_sort": text_sort_key(enterprise.name),
        "tax_code": enterprise.tax_code,
        "type": enterprise.type.value,
        "sector": enterprise.sector,
        "address": enterprise.address,
        "ward": enterprise.ward,
        "workforce": enterprise.workforce,
        "workforce_counted_on": iso(enterprise.workforce_counted_on),
        "legal_representative": enterprise.legal_representative,
        "established_on": iso(enterprise.established_on),
        "owner_is_member": int(enterprise.owner_is_member),
        "trade_union": int(enterprise.trade_union.present),
        "trade_union_members": enterprise.trade_union.members,
        "youth_union": int(enterprise.youth_union.present),
        "youth_union_members": enterprise.youth_union.members,
        "women_union": int(enterprise.women_union.present),
        "women_union_members": enterprise.women_union.members,
        "party_members_working": enterprise.party_members_working,
        "official_members_working": enterprise.official_members_working,
        "status": enterprise.status.value,
        "ended_on": iso(enterprise.ended_on),
        "notes": enterprise.notes,
    }


def _from_row(row: dict[str, Any]) -> Enterprise:
    return Enterprise(
        id=row["id"],
        name=row["name"],
        type=EnterpriseType(row["type"]),
        tax_code=row["tax_code"],
        sector=row["sector"],
        address=row["address"],
        ward=row["ward"],
        workforce=row["workforce"],
        workforce_counted_on=to_date(row["workforce_counted_on"]),
        legal_representative=row["legal_representative"],
        established_on=to_date(row["established_on"]),
        owner_is_member=to_bool(row["owner_is_member"]),
        trade_union=MassOrganisation(to_bool(row["trade_union"]), row["trade_union_members"]),
        youth_union=MassOrganisation(to_bool(row["youth_union"]), row["youth_union_members"]),
        women_union=MassOrganisation(to_bool(row["women_union"]), row["women_union_members"]),
        party_members_working=row["party_members_working"],
        official_members_working=row["official_members_working"],
        status=EnterpriseStatus(row["status"]),
        ended_on=to_date(row["ended_on"]),
        notes=row["notes"],
    )


class EnterpriseRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, enterprise_id: int) -> Enterprise:
        rows = list(self._db.query("SELECT * FROM enterprises WHERE id = ?", [enterprise_id]))
        if not rows:
            raise NotFound("doanh nghiệp", enterprise_id)
        return _from_row(rows[0])

    def names_and_types(self) -> dict[int, tuple[str, EnterpriseType]]:
        """Every enterprise's name and type by id, for pages and sheets that group by type."""
        return {
            row[0]: (row[1], EnterpriseType(row[2]))
            for row in self._db.execute("SELECT id, name, type FROM enterprises")
        }

    def save(self, enterprise: Enterprise) -> int:
        """Insert or update; return the id. A tax code already used elsewhere is refused."""
        row = _to_row(enterprise)
        try:
            with transaction(self._db):
                table = self._db["enterprises"]
                if enterprise.id is None:
                    return table.insert(row).last_pk
                self.get(enterprise.id)
                row["updated_at"] = now_text()
                table.update(enterprise.id, row)
                return enterprise.id
        except sqlite3.IntegrityError as exc:
            if "tax_code" in str(exc):
                raise DuplicateError(
                    "tax_code", f"Mã số thuế {enterprise.tax_code} đã có ở doanh nghiệp khác."
                ) from exc
            raise

    def insert_many(self, enterprises: list[Enterprise]) -> list[int]:
        """Insert new enterprises in bulk; return their ids in order."""
        with transaction(self._db):
            return [self._db["enterprises"].insert(_to_row(e)).last_pk for e in enterprises]

    def _where(self, query: ListQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if not query.include_ended:
            clauses.append("e.status <> ?")
            params.append(EnterpriseStatus.DISSOLVED.value)
        if query.only_ids is not None:
            clauses.append(only_ids_clause("e.id"))
            params.append(ids_json(query.only_ids))
        tokens = search_tokens(query.search)
        if tokens:
            name_clause, name_params = like_all("(e.name_fold || ' ' || e.tax_code)", tokens)
            clauses.append(name_clause)
            params.extend(name_params)
        return (" AND ".join(clauses) or "1"), params

    def list_rows(self, query: ListQuery, offset: int = 0, limit: int = 200) -> list[EnterpriseRow]:
        where, params = self._where(query)
        sql = (
            f"SELECT e.id, e.name, e.tax_code, e.type, e.ward, e.workforce, e.status,"
            f" {_ORGANISATIONS} AS organisations, {_MEMBERS_WORKING} AS members_working"
            f" FROM enterprises e WHERE {where}"
            f" {order_by(SORTS, query.sort, query.descending, 'e.id')} LIMIT ? OFFSET ?"
        )
        return [
            EnterpriseRow(
                id=r[0],
                name=r[1],
                tax_code=r[2],
                type=EnterpriseType(r[3]),
                ward=r[4],
                workforce=r[5],
                status=EnterpriseStatus(r[6]),
                organisations=r[7] or "",
                members_working=r[8],
            )
            for r in self._db.execute(sql, [*params, limit, offset])
        ]

    def count(self, query: ListQuery) -> int:
        where, params = self._where(query)
        return self._db.execute(
            f"SELECT count(*) FROM enterprises e WHERE {where}", params
        ).fetchone()[0]

    def choices(self, include_ended: bool = False) -> list[tuple[int, str]]:
        """(id, name) of enterprises for pickers, in Vietnamese order."""
        where = "" if include_ended else "WHERE status <> 'GIAI_THE'"
        return [
            (r[0], r[1])
            for r in self._db.execute(
                f"SELECT id, name FROM enterprises {where} ORDER BY name_sort"
            )
        ]
