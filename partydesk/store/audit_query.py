"""Reading the audit log: pages of entries newest first, filtered by text, user, record and date.

The text filter is accent-insensitive ("sua dang vien" finds "Sửa đảng viên") without folding
every row in Python, which would take seconds at 100,000 rows. The searched columns (action,
summary, user login and name, the record's table) repeat a small vocabulary: each distinct
value is folded once and kept, and the filter becomes ``column IN (the values whose folded
text contains the word)``, evaluated by SQLite. The log is append-only, so the vocabulary
grows by reading only the rows added since the last search. Every typed word must be found
in one of the columns (as in the register's search). A change's summary starts with its
record's name ("Nguyễn Văn An — members: sửa 1"), so a name finds the entries about it; values
deeper in the diff (an old phone number) are not searched. Measured on 100,000 entries: the
first search reads and folds the vocabulary (under a second), later ones take about 0.1 s.

Dates: ``at`` is local time with its UTC offset ("2026-11-21T09:30:00+07:00"); a day filter
compares its date part, which is the office's own calendar day, using the index on ``at``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

import sqlite_utils

from partydesk.domain.accounts import Role
from partydesk.domain.audit import AuditEntry, AuditFilter
from partydesk.domain.text import fold, name_sort_key, search_tokens
from partydesk.store.audit import decode_entry
from partydesk.store.store import TABLE_LABELS

# How the tables TABLE_LABELS does not name are shown in the log.
AUDIT_TABLE_LABELS = {
    **TABLE_LABELS,
    "briefing_sittings": "Buổi họp giao ban",
    "evaluation_ballots": "Kết quả kiểm phiếu đánh giá",
    "evaluation_ballot_votes": "Số phiếu đánh giá",
    "evaluation_overrides": "Lý do giữ mức xếp loại",
    "evaluation_rule_sets": "Bộ tiêu chí xếp loại",
    "evaluation_rule_changes": "Lịch sử sửa tiêu chí xếp loại",
    "holiday_years": "Năm có lịch nghỉ riêng",
    "meeting_agenda": "Nội dung sinh hoạt",
    "meeting_guests": "Khách mời dự sinh hoạt",
    "meeting_opinions": "Ý kiến phát biểu",
    "meeting_roll": "Điểm danh sinh hoạt",
    "meeting_votes": "Biểu quyết",
    "organisation_enterprises": "Tổ chức đảng – doanh nghiệp",
    "settings": "Cài đặt",
    "users": "Tài khoản",
    "audit_log": "Nhật ký thay đổi",
}

_WORD = re.compile(r"[a-z_]+")
_TEXT_COLUMNS = ("action", "summary", "user_login", "user_name", "entity", "role")
_COLUMNS = (
    "seq, at, user_id, user_login, user_name, role, action, entity, entity_id, summary, diff_json"
)


def table_label(table: str) -> str:
    return AUDIT_TABLE_LABELS.get(table, table)


def _folded_value(column: str, value: str) -> str:
    """What a word is looked for in: tables also by their Vietnamese names (as the page shows
    them), the role by its label."""
    if column == "entity":
        return fold(f"{value} {table_label(value)}")
    if column == "summary":  # "members: sửa 1" is shown as "Đảng viên: sửa 1"
        named = [AUDIT_TABLE_LABELS[w] for w in _WORD.findall(value) if w in AUDIT_TABLE_LABELS]
        return fold(" ".join([value, *named]))
    if column == "role":
        try:
            return fold(Role(value).label)
        except ValueError:
            return fold(value)
    return fold(value)


def next_day_bound(day: str) -> str:
    """A string just above every ``at`` of ``day`` ("YYYY-MM-DD"): '~' sorts after 'T'."""
    return f"{day}~"


class AuditQuery:
    """Read-only access to ``audit_log`` for the log's page, export and tests."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._conn: sqlite3.Connection = db.conn
        self._vocabulary: dict[str, dict[str, str]] = {c: {} for c in _TEXT_COLUMNS}
        self._read_upto = 0  # rows up to this seq are in the vocabulary

    # --- queries -------------------------------------------------------------------------

    def entries(self, audit_filter: AuditFilter, offset: int, limit: int) -> list[AuditEntry]:
        """Entries matching the filter, newest first."""
        where, params = self._where(audit_filter)
        return self._select(f"{where} ORDER BY seq DESC LIMIT ? OFFSET ?", [*params, limit, offset])

    def page(
        self, audit_filter: AuditFilter, before_seq: int | None, limit: int
    ) -> list[AuditEntry]:
        """Entries older than ``before_seq`` (from the newest when None), newest first.

        Unlike an offset, this keeps its place while new entries are appended, and costs the
        same on the last page as on the first.
        """
        where, params = self._where(audit_filter)
        if before_seq is not None:
            where += " AND seq < ?"
            params.append(before_seq)
        return self._select(
            f"{where} ORDER BY seq DESC LIMIT ?",
            [*params, limit],
        )

    def _select(self, tail: str, params: list[object]) -> list[AuditEntry]:
        cursor = self._conn.execute(f"SELECT {_COLUMNS} FROM audit_log WHERE {tail}", params)
        names = [d[0] for d in cursor.description]
        return [decode_entry(dict(zip(names, row, strict=True))) for row in cursor]

    def entry(self, seq: int) -> AuditEntry | None:
        found = self._select("seq = ?", [seq])
        return found[0] if found else None

    def count(self, audit_filter: AuditFilter) -> int:
        where, params = self._where(audit_filter)
        return self._conn.execute(
            f"SELECT count(*) FROM audit_log WHERE {where}", params
        ).fetchone()[0]

    def logins(self) -> list[tuple[str, str]]:
        """(login, name) of everyone in the log, by the name they last acted under, in the order
        of a Vietnamese list (given name first)."""
        rows = self._conn.execute(
            "SELECT user_login, user_name FROM audit_log WHERE seq IN "
            "(SELECT max(seq) FROM audit_log GROUP BY user_login)"
        ).fetchall()
        return sorted(((login, name) for login, name in rows), key=lambda r: name_sort_key(r[1]))

    def tables(self) -> list[str]:
        """The tables entries are about, ordered by how the clerk reads their names."""
        rows = self._conn.execute(
            "SELECT DISTINCT entity FROM audit_log WHERE entity <> ''"
        ).fetchall()
        return sorted((r[0] for r in rows), key=lambda t: fold(table_label(t)))

    def id_tables(self) -> frozenset[str]:
        """Tables whose row id is their own key (a single INTEGER PRIMARY KEY column), so "số
        12" names a record; other tables' row ids are SQLite's internal numbers."""
        found = set()
        names = [
            r[0]
            for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for name in names:
            keys = [r for r in self._conn.execute(f'PRAGMA table_info("{name}")') if r[5]]
            if len(keys) == 1 and (keys[0][2] or "").upper() == "INTEGER":
                found.add(name)
        return frozenset(found)

    def head_seq(self) -> int:
        return self._conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]

    # --- the filter ----------------------------------------------------------------------

    def _where(self, audit_filter: AuditFilter) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if audit_filter.user_login:
            clauses.append("user_login = ?")
            params.append(audit_filter.user_login)
        if audit_filter.entity:
            clause, values = _record_clause(audit_filter.entity, audit_filter.entity_id)
            clauses.append(clause)
            params.extend(values)
        if audit_filter.since:
            clauses.append("at >= ?")
            params.append(_day(audit_filter.since))
        if audit_filter.until:
            clauses.append("at < ?")
            params.append(next_day_bound(_day(audit_filter.until)))
        for token in search_tokens(audit_filter.text):
            clause, values = self._token_clause(token)
            clauses.append(clause)
            params.extend(values)
        return (" AND ".join(clauses) or "1"), params

    def _token_clause(self, token: str) -> tuple[str, list[object]]:
        """Rows where ``token`` is in the folded text of at least one searched column."""
        self._refresh_vocabulary()
        alternatives: list[str] = []
        params: list[object] = []
        for column, values in self._vocabulary.items():
            matching = [value for value, folded in values.items() if token in folded]
            if matching:
                alternatives.append(f"{column} IN (SELECT value FROM json_each(?))")
                params.append(json.dumps(matching, ensure_ascii=False))
        if not alternatives:
            return "0", []
        return "(" + " OR ".join(alternatives) + ")", params

    def _refresh_vocabulary(self) -> None:
        head = self.head_seq()
        if head <= self._read_upto:
            return
        for column in _TEXT_COLUMNS:
            known = self._vocabulary[column]
            for (value,) in self._conn.execute(
                f"SELECT DISTINCT {column} FROM audit_log WHERE seq > ? AND seq <= ?",
                [self._read_upto, head],
            ):
                if value and value not in known:
                    known[value] = _folded_value(column, value)
        self._read_upto = head


def _day(text: str) -> str:
    """The filter's day as YYYY-MM-DD (accepting a date object's text too)."""
    return date.fromisoformat(text[:10]).isoformat()


def _record_clause(table: str, row_id: int | None) -> tuple[str, list[object]]:
    """Entries about a record (or a table): named as their record, or listing it among their
    changes, or counting the table among a bulk change's."""
    if row_id is None:
        return (
            "(entity = ? OR instr(diff_json, ?) > 0 OR instr(diff_json, ?) > 0)",
            [table, f'"table":"{table}",', f'"{table}":{{"'],
        )
    return (
        "((entity = ? AND entity_id = ?) OR instr(diff_json, ?) > 0)",
        [table, row_id, f'"table":"{table}","id":{row_id},'],
    )
