"""The audit log: one row per change, written in the change's own transaction, chained by hash.

How a row comes to be:

1. a service call runs inside ``AuditRecorder.recording(action)``, which opens the outermost
   transaction and names the action ("Sửa đảng viên");
2. the capture triggers (``partydesk.store.capture``) record every row the call writes;
3. just before COMMIT, ``transaction()`` calls ``AuditRecorder.before_commit``, which turns the
   captured rows into one audit row with old → new values, appends it to the hash chain and
   empties the capture table.

A write that reaches COMMIT outside any named action still gets its audit row (labelled as an
unnamed change) so nothing goes unlogged; tests run with ``PARTYDESK_STRICT_AUDIT=1``, which
makes such a write an error, so every write path in the services is named.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from partydesk.domain.accounts import Actor, Role
from partydesk.domain.audit import AuditEntry, ChainReport, ChangeOp, RecordChange
from partydesk.store.capture import capture_problems, decode_record

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
LISTED_CHANGES = 200  # a bulk change lists this many records and counts the rest
UNNAMED_ACTION = "Thay đổi dữ liệu (không rõ thao tác)"
SYSTEM_ACTOR = Actor(login="PartyDesk", display_name="PartyDesk", role=Role.ADMIN)

# Derived columns that only repeat another field (search and sort keys, timestamps of the row).
_DERIVED_SUFFIXES = ("_fold", "_sort")
_DERIVED_COLUMNS = frozenset({"updated_at", "created_at"})


class UnauditedWrite(RuntimeError):
    """Strict mode: a write committed outside any named action."""


def _strict() -> bool:
    return os.environ.get("PARTYDESK_STRICT_AUDIT") == "1"


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _shown(column: str) -> bool:
    return column not in _DERIVED_COLUMNS and not column.endswith(_DERIVED_SUFFIXES)


def _fields(op: ChangeOp, old: dict | None, new: dict | None) -> dict[str, tuple[object, object]]:
    old = old or {}
    new = new or {}
    if op is ChangeOp.UPDATE:
        return {c: (old.get(c), new.get(c)) for c in new if _shown(c) and old.get(c) != new.get(c)}
    values = new if op is ChangeOp.INSERT else old
    picked = {c: v for c, v in values.items() if _shown(c) and v not in (None, "")}
    return {c: ((None, v) if op is ChangeOp.INSERT else (v, None)) for c, v in picked.items()}


class Captured:
    """The rows captured in the current transaction, listed up to a limit and counted beyond."""

    def __init__(self) -> None:
        self.changes: list[RecordChange] = []
        self.counts: dict[str, dict[str, int]] = {}
        self.total = 0

    def add(self, table: str, row_id: int | None, op: ChangeOp, fields: dict) -> None:
        self.total += 1
        by_op = self.counts.setdefault(table, {})
        by_op[op.value] = by_op.get(op.value, 0) + 1
        if len(self.changes) < LISTED_CHANGES:
            self.changes.append(RecordChange(table, row_id, op, fields))

    @property
    def truncated(self) -> int:
        return self.total - len(self.changes)


def consume_capture(conn: sqlite3.Connection) -> Captured:
    """Read and remove every captured row (inside the caller's transaction)."""
    captured = Captured()
    rows = conn.execute(
        "SELECT tbl, row_id, op, old_json, new_json FROM change_capture ORDER BY id"
    )
    for table, row_id, op_code, old_json, new_json in rows:
        op = ChangeOp(op_code)
        old = decode_record(old_json) if old_json else None
        new = decode_record(new_json) if new_json else None
        fields = _fields(op, old, new)
        if op is ChangeOp.UPDATE and not fields:
            continue  # rewritten with the same values: nothing changed
        captured.add(table, row_id, op, fields)
    if captured.total or rows.rowcount:
        conn.execute("DELETE FROM change_capture")
    return captured


def _summary(captured: Captured) -> str:
    parts = []
    for table, by_op in captured.counts.items():
        ops = ", ".join(f"{ChangeOp(op).label} {n}" for op, n in sorted(by_op.items()))
        parts.append(f"{table}: {ops}")
    return "; ".join(parts)


def _diff_json(changes: list[RecordChange], counts: dict, truncated: int) -> str:
    payload = {
        "changes": [
            {
                "table": c.table,
                "id": c.row_id,
                "op": c.op.value,
                "fields": {k: [o, n] for k, (o, n) in c.fields.items()},
            }
            for c in changes
        ],
        "counts": counts,
        "truncated": truncated,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)


def row_hash(values: list[object]) -> str:
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_HASHED = (
    "seq, at, user_id, user_login, user_name, role, action, entity, entity_id, summary, "
    "diff_json, prev_hash"
)


def chain_head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, row_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def append_entry(
    conn: sqlite3.Connection,
    actor: Actor,
    action: str,
    *,
    summary: str = "",
    entity: str = "",
    entity_id: int | None = None,
    captured: Captured | None = None,
    at: str | None = None,
) -> int:
    """Append one chained row; the caller holds the write transaction."""
    captured = captured or Captured()
    if captured.changes and not entity:
        entity, entity_id = captured.changes[0].table, captured.changes[0].row_id
    if not summary:
        summary = _summary(captured)
    seq_before, prev = chain_head(conn)
    seq = seq_before + 1
    values: list[object] = [
        seq,
        at or _now(),
        actor.user_id,
        actor.login,
        actor.display_name,
        actor.role.value,
        action,
        entity,
        entity_id,
        summary,
        _diff_json(captured.changes, captured.counts, captured.truncated),
        prev,
    ]
    conn.execute(
        f"INSERT INTO audit_log ({_HASHED}, row_hash) VALUES ({', '.join('?' * 13)})",
        [*values, row_hash(values)],
    )
    return seq


def verify_chain(conn: sqlite3.Connection, known_head_seq: int = 0) -> ChainReport:
    """Walk the whole chain; report rows whose hash or link does not hold, and outside writes.

    ``known_head_seq`` is the last seq recorded outside the file (at the previous close): a
    chain that ends before it lost rows at its end.
    """
    expected_prev = GENESIS_HASH
    broken: list[int] = []
    checked = 0
    head_seq, head_hash = 0, GENESIS_HASH
    expected_seq = 1
    for row in conn.execute(f"SELECT {_HASHED}, row_hash FROM audit_log ORDER BY seq"):
        values, stored = list(row[:-1]), row[-1]
        seq, prev = values[0], values[-1]
        if seq != expected_seq or prev != expected_prev or row_hash(values) != stored:
            broken.append(seq)
        expected_prev, expected_seq = stored, seq + 1
        head_seq, head_hash = seq, stored
        checked += 1
    external = conn.execute("SELECT count(*) FROM change_capture").fetchone()[0]
    return ChainReport(
        checked=checked,
        broken_seqs=tuple(broken),
        head_seq=head_seq,
        head_hash=head_hash,
        external_changes=external,
        capture_problems=tuple(capture_problems(conn)),
        missing_tail=head_seq < known_head_seq,
    )


def decode_entry(row: dict) -> AuditEntry:
    diff = json.loads(row["diff_json"] or "{}")
    changes = tuple(
        RecordChange(
            c["table"],
            c.get("id"),
            ChangeOp(c["op"]),
            {k: (v[0], v[1]) for k, v in c.get("fields", {}).items()},
        )
        for c in diff.get("changes", [])
    )
    return AuditEntry(
        seq=row["seq"],
        at=row["at"],
        user_login=row["user_login"],
        user_name=row["user_name"],
        role=row["role"],
        action=row["action"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        summary=row["summary"],
        changes=changes,
        counts=diff.get("counts", {}),
        truncated=diff.get("truncated", 0),
    )


class AuditRecorder:
    """Names the action of the writes made on this thread and logs them at each COMMIT."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        actor: Callable[[], Actor],
        *,
        read_only: Callable[[], bool] = lambda: False,
    ) -> None:
        self._conn = conn
        self._actor = actor
        self._read_only = read_only
        self._local = threading.local()

    def _stack(self) -> list[str]:
        stack = getattr(self._local, "actions", None)
        if stack is None:
            stack = self._local.actions = []
        return stack

    @property
    def current_action(self) -> str | None:
        stack = self._stack()
        return stack[0] if stack else None

    @contextmanager
    def labelled(self, action: str) -> Iterator[None]:
        """Every COMMIT on this thread inside the block is logged under ``action``."""
        stack = self._stack()
        stack.append(action)
        try:
            yield
        finally:
            stack.pop()

    def before_commit(self, conn: sqlite3.Connection) -> None:
        """Called by ``transaction()`` just before its COMMIT."""
        captured = consume_capture(conn)
        if not captured.total:
            return
        action = self.current_action
        if action is None:
            if _strict():
                raise UnauditedWrite(f"write outside a named action: {_summary(captured)}")
            log.warning("Write outside a named action: %s", _summary(captured))
            action = UNNAMED_ACTION
        append_entry(conn, self._actor(), action, captured=captured)

    def record_event(
        self, action: str, summary: str, *, entity: str = "", entity_id: int | None = None
    ) -> None:
        """Log something that changes no record: a login, an export, a backup, a check.

        On a file open read-only nothing can be written; the event goes to the program's log.
        """
        if self._read_only():
            log.info("Audit event on a read-only file: %s — %s", action, summary)
            return
        conn = self._conn
        if conn.in_transaction:
            append_entry(
                conn, self._actor(), action, summary=summary, entity=entity, entity_id=entity_id
            )
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            self.before_commit(conn)
            append_entry(
                conn, self._actor(), action, summary=summary, entity=entity, entity_id=entity_id
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
