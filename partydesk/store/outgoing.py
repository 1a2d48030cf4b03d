"""The outgoing document register and the office's committee terms, in SQLite.

Taking a number is one ``BEGIN IMMEDIATE`` transaction: the write lock is held from the moment
the last number is read until the new line is committed, so two connections (two PartyDesk
windows on one file) printing at once cannot read the same maximum. The table's UNIQUE
constraints stay the last guard. Lines are never deleted and their identity never changes (the
triggers of migration 0003 refuse it).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import sqlite_utils

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.outgoing import (
    NumberRequest,
    OfficeTerm,
    OutgoingDocument,
    OutgoingFilter,
    TermRef,
    clean_cancel_reason,
    clean_office_term,
    office_term_key,
    register_search_key,
)
from partydesk.domain.text import search_tokens
from partydesk.store.convert import iso, like_all, to_date
from partydesk.store.db import transaction
from partydesk.store.errors import NotFound

_COLUMNS = (
    "id, issuer_key, issuer_name, issuer_abbreviation, organisation_id, term_key, term_label,"
    " kind, number, issued_on, summary, signer, recipients, source, cancelled_on, cancel_reason"
)


def _document(row: sqlite3.Row | tuple[Any, ...]) -> OutgoingDocument:
    return OutgoingDocument(
        id=row[0],
        issuer_key=row[1],
        issuer_name=row[2],
        issuer_abbreviation=row[3],
        organisation_id=row[4],
        term_key=row[5],
        term_label=row[6],
        kind=row[7],
        number=row[8],
        issued_on=date.fromisoformat(row[9]),
        summary=row[10],
        signer=row[11],
        recipients=row[12],
        source=row[13],
        cancelled_on=to_date(row[14]),
        cancel_reason=row[15],
    )


class OutgoingRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # --- numbers ---------------------------------------------------------------------------

    def take_number(self, request: NumberRequest, term: TermRef) -> OutgoingDocument:
        """The live line of ``request.source``, or a new line with the next free number.

        The next number is one more than the highest ever given to the issuer, kind and term,
        cancelled lines included, so a number is never given twice. ``request`` must have been
        cleaned (``domain.outgoing.clean_number_request``).
        """
        try:
            return self._take_number(request, term)
        except sqlite3.IntegrityError:
            # Only reachable if another writer slipped past the transaction (a connection
            # outside PartyDesk's rules); the retry then sees its line and its number.
            return self._take_number(request, term)

    def _take_number(self, request: NumberRequest, term: TermRef) -> OutgoingDocument:
        issuer = request.issuer
        with transaction(self._db):
            existing = self.by_source(request.source)
            if existing is not None:
                return existing
            (highest,) = self._db.execute(
                "SELECT coalesce(max(number), 0) FROM outgoing_documents"
                " WHERE issuer_key = ? AND term_key = ? AND kind = ?",
                [issuer.key, term.key, request.kind],
            ).fetchone()
            row = {
                "issuer_key": issuer.key,
                "organisation_id": issuer.organisation_id,
                "issuer_name": issuer.name,
                "issuer_abbreviation": issuer.abbreviation,
                "term_key": term.key,
                "term_label": term.label,
                "kind": request.kind,
                "number": highest + 1,
                "issued_on": request.issued_on.isoformat(),
                "summary": request.summary,
                "signer": request.signer,
                "recipients": request.recipients,
                "source": request.source,
                "search_fold": register_search_key(request, highest + 1),
            }
            cursor = self._db.execute(
                f"INSERT INTO outgoing_documents ({', '.join(row)})"
                f" VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
            return self.get(cursor.lastrowid or 0)

    def get(self, document_id: int) -> OutgoingDocument:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM outgoing_documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise NotFound("văn bản đi", document_id)
        return _document(row)

    def by_source(self, source: str) -> OutgoingDocument | None:
        """The live (not cancelled) line of a printed document, if it has taken a number."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM outgoing_documents WHERE source = ? AND cancelled_on IS NULL",
            [source],
        ).fetchone()
        return _document(row) if row else None

    def cancel(self, document_id: int, on: date, reason: str) -> OutgoingDocument:
        """Mark a line cancelled; it keeps its number, which is never given again."""
        reason = clean_cancel_reason(reason)
        with transaction(self._db):
            document = self.get(document_id)
            if document.cancelled:
                raise ValidationError(
                    "reason",
                    f"Văn bản {document.number_text} đã bị hủy ngày "
                    f"{format_vn_date(document.cancelled_on)}; không hủy lại được.",
                )
            self._db.execute(
                "UPDATE outgoing_documents SET cancelled_on = ?, cancel_reason = ? WHERE id = ?",
                [on.isoformat(), reason, document_id],
            )
            return self.get(document_id)

    # --- the register view -----------------------------------------------------------------

    def _where(self, query: OutgoingFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.year is not None:
            clauses.append("issued_on >= ? AND issued_on < ?")
            params += [f"{query.year:04d}-01-01", f"{query.year + 1:04d}-01-01"]
        if query.issuer_key is not None:
            clauses.append("issuer_key = ?")
            params.append(query.issuer_key)
        if query.kind is not None:
            clauses.append("kind = ?")
            params.append(query.kind)
        if not query.include_cancelled:
            clauses.append("cancelled_on IS NULL")
        search, search_params = like_all("search_fold", search_tokens(query.search))
        clauses.append(search)
        return " AND ".join(clauses), params + search_params

    def documents(
        self, query: OutgoingFilter, newest_first: bool = False
    ) -> list[OutgoingDocument]:
        """The lines that match, in register order (date, then the order numbers were taken)."""
        where, params = self._where(query)
        direction = "DESC" if newest_first else "ASC"
        sql = (
            f"SELECT {_COLUMNS} FROM outgoing_documents WHERE {where}"
            f" ORDER BY issued_on {direction}, id {direction}"
        )
        return [_document(row) for row in self._db.execute(sql, params)]

    def count(self, query: OutgoingFilter) -> int:
        where, params = self._where(query)
        sql = f"SELECT count(*) FROM outgoing_documents WHERE {where}"
        return self._db.execute(sql, params).fetchone()[0]

    def years(self) -> list[int]:
        """The years that have register lines, newest first."""
        return [
            int(r[0])
            for r in self._db.execute(
                "SELECT DISTINCT substr(issued_on, 1, 4) FROM outgoing_documents ORDER BY 1 DESC"
            )
        ]

    def issuers(self) -> list[tuple[str, str]]:
        """(issuer key, latest name) of every issuer with register lines."""
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT issuer_key, issuer_name FROM outgoing_documents o WHERE id ="
                " (SELECT max(id) FROM outgoing_documents WHERE issuer_key = o.issuer_key)"
                " ORDER BY issuer_name"
            )
        ]

    # --- the office's committee terms ------------------------------------------------------

    def office_terms(self) -> list[OfficeTerm]:
        """The office's terms, newest first."""
        return [
            OfficeTerm(id=r[0], label=r[1], starts_on=date.fromisoformat(r[2]), notes=r[3])
            for r in self._db.execute(
                "SELECT id, label, starts_on, notes FROM office_terms ORDER BY starts_on DESC"
            )
        ]

    def save_office_term(self, term: OfficeTerm) -> int:
        term = clean_office_term(term)
        row = {"label": term.label, "starts_on": iso(term.starts_on), "notes": term.notes}
        with transaction(self._db):
            clash = self._db.execute(
                "SELECT label FROM office_terms WHERE starts_on = ? AND id IS NOT ?",
                [row["starts_on"], term.id],
            ).fetchone()
            if clash is not None:
                raise ValidationError(
                    "starts_on",
                    f"Ngày bắt đầu: đã có nhiệm kỳ “{clash[0]}” bắt đầu ngày "
                    f"{format_vn_date(term.starts_on)}.",
                )
            if term.id is None:
                return self._db["office_terms"].insert(row).last_pk
            if self._db["office_terms"].count_where("id = ?", [term.id]) == 0:
                raise NotFound("nhiệm kỳ cấp ủy", term.id)
            self._db["office_terms"].update(term.id, row)
            return term.id

    def delete_office_term(self, term_id: int) -> None:
        """Delete a term no register line has used; numbered documents keep their term."""
        with transaction(self._db):
            row = self._db.execute(
                "SELECT label FROM office_terms WHERE id = ?", [term_id]
            ).fetchone()
            if row is None:
                raise NotFound("nhiệm kỳ cấp ủy", term_id)
            used = self._db["outgoing_documents"].count_where(
                "term_key = ?", [office_term_key(term_id)]
            )
            if used:
                raise ValidationError(
                    "office_term",
                    f"Không xóa được “{row[0]}”: đã có {used} văn bản được cấp số trong nhiệm kỳ "
                    "này. Có thể sửa tên hoặc ngày bắt đầu.",
                )
            self._db.execute("DELETE FROM office_terms WHERE id = ?", [term_id])
