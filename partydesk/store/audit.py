"""The audit log: one row per change, written in the change's own transaction, chained by hash.

How a row comes to be:

1. a service call runs inside ``AuditRecorder.labelled(action)`` (``services.audit.audited``),
   which names the action ("Sửa đảng viên") of the transaction it opens;
2. the capture triggers (``partydesk.store.capture``) record every row the call writes;
3. just before COMMIT, ``transaction()`` calls ``AuditRecorder.before_commit``, which turns the
   captured rows into one audit row with old → new values, appends it to the hash chain and
   removes them from the capture table.

Rows another program wrote (through the same triggers) before PartyDesk opened the file are
left in the capture table: no PartyDesk action may claim them (``external_upto``). They are
reported by the check (``ChainWalk``) until an administrator acknowledges them.

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
        self.title = ""  # what the first listed record is called ("Nguyễn Văn An")

    def add(
        self, table: str, row_id: int | None, op: ChangeOp, fields: dict, title: str = ""
    ) -> None:
        self.total += 1
        by_op = self.counts.setdefault(table, {})
        by_op[op.value] = by_op.get(op.value, 0) + 1
        if not self.changes:
            self.title = title
        if len(self.changes) < LISTED_CHANGES:
            self.changes.append(RecordChange(table, row_id, op, fields))

    def add_counted(self, table: str, op_code: str, count: int) -> None:
        """Rows of a bulk change that are counted, not read."""
        self.total += count
        by_op = self.counts.setdefault(table, {})
        by_op[op_code] = by_op.get(op_code, 0) + count

    @property
    def truncated(self) -> int:
        return self.total - len(self.changes)


# Beyond this many captured rows a change is a bulk one (an import, a new evaluation cycle,
# the sample office): the first rows are read and listed, the rest only counted by table in
# SQL — decoding 100,000 rows to list 200 of them cost a third of a bulk write.
BULK_ROWS = 5_000


def consume_capture(conn: sqlite3.Connection, after_id: int = 0) -> Captured:
    """Read and remove the captured rows after ``after_id`` (inside the caller's transaction).

    Rows up to ``after_id`` were written by another program before this transaction (see
    ``AuditRecorder.external_upto``): they stay until an administrator acknowledges them.

    A row deleted and written back with the same values changed nothing: repositories replace
    a record's child rows wholesale (a meeting's roll, an organisation's enterprises), and
    listing every unchanged one as removed and added would bury the real change. Such pairs
    are dropped; the deletions left are listed after the other changes.
    """
    captured = Captured()
    deleted: dict[str, list[tuple[str, int | None, dict, str]]] = {}
    found = False
    read_upto = None
    waiting = conn.execute(
        "SELECT count(*) FROM change_capture WHERE id > ?", [after_id]
    ).fetchone()[0]
    if waiting > BULK_ROWS:
        read_upto = conn.execute(
            "SELECT id FROM change_capture WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
            [after_id, LISTED_CHANGES - 1],
        ).fetchone()[0]
        for table, op_code, count in conn.execute(
            "SELECT tbl, op, count(*) FROM change_capture WHERE id > ? GROUP BY tbl, op",
            [read_upto],
        ):
            captured.add_counted(table, op_code, count)
    rows = conn.execute(
        "SELECT tbl, row_id, op, old_json, new_json FROM change_capture "
        "WHERE id > ? AND id <= ? ORDER BY id",
        [after_id, read_upto if read_upto is not None else 2**62],
    )
    for table, row_id, op_code, old_json, new_json in rows:
        found = True
        op = ChangeOp(op_code)
        old = decode_record(old_json) if old_json else None
        new = decode_record(new_json) if new_json else None
        fields = _fields(op, old, new)
        if op is ChangeOp.UPDATE and not fields:
            continue  # rewritten with the same values: nothing changed
        title = record_title(new or old or {})
        if op is ChangeOp.UPDATE:
            captured.add(table, row_id, op, fields, title)
            continue
        key = _content_key(table, op, fields)
        if op is ChangeOp.DELETE:
            deleted.setdefault(key, []).append((table, row_id, fields, title))
        elif deleted.get(key):
            deleted[key].pop()  # written back as it was
        else:
            captured.add(table, row_id, op, fields, title)
    for pending in deleted.values():
        for table, row_id, fields, title in pending:
            captured.add(table, row_id, ChangeOp.DELETE, fields, title)
    if found or waiting:
        conn.execute("DELETE FROM change_capture WHERE id > ?", [after_id])
    return captured


def _content_key(table: str, op: ChangeOp, fields: dict[str, tuple[object, object]]) -> str:
    """A deleted or inserted row's table and values, to find one written back unchanged."""
    values = {name: (old if op is ChangeOp.DELETE else new) for name, (old, new) in fields.items()}
    return table + "\x00" + json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)


def external_capture(conn: sqlite3.Connection) -> tuple[int, tuple[tuple[str, int], ...]]:
    """The captured rows waiting outside any PartyDesk transaction, and their tables (most
    first). Call it outside a transaction: then every row there was written by another
    program."""
    by_table = conn.execute(
        "SELECT tbl, count(*) FROM change_capture GROUP BY tbl ORDER BY count(*) DESC, tbl"
    ).fetchall()
    return sum(n for _, n in by_table), tuple((t, n) for t, n in by_table)


def capture_watermark(conn: sqlite3.Connection) -> int:
    """The highest capture row id present (0 when none, or before the audit schema)."""
    try:
        row = conn.execute("SELECT max(id) FROM change_capture").fetchone()
    except sqlite3.OperationalError:  # no change_capture table: a file older than 0005
        return 0
    return row[0] or 0


# The columns that name a record, most telling first: the summary starts with the first listed
# record's name, so the log's search finds "Nguyễn Văn An" without reading every diff.
TITLE_COLUMNS = ("full_name", "name", "number_symbol", "title", "label", "topic", "key")
TITLE_SEPARATOR = " — "
_TITLE_LENGTH = 80


def record_title(values: dict[str, object]) -> str:
    for column in TITLE_COLUMNS:
        value = values.get(column)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= _TITLE_LENGTH else text[: _TITLE_LENGTH - 1] + "…"
    return ""


def _summary(captured: Captured) -> str:
    """ "Nguyễn Văn An — members: sửa 1; member_events: thêm 1"."""
    parts = []
    for table, by_op in captured.counts.items():
        ops = ", ".join(f"{ChangeOp(op).label} {n}" for op, n in sorted(by_op.items()))
        parts.append(f"{table}: {ops}")
    counted = "; ".join(parts)
    return f"{captured.title}{TITLE_SEPARATOR}{counted}" if captured.title else counted


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


# The canonical form of a row: compact JSON, text as it is. One encoder for every row (the
# check of a 100,000-row chain spends a tenth of its time building encoders otherwise).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def row_hash(values: list[object]) -> str:
    canonical = _CANONICAL.encode(values)
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


class ChainWalk:
    """Walks the hash chain a step at a time, so a long check can report progress and let
    other work use the store between steps.

    A row is *broken* when its own hash does not match its fields, or when its link to the
    previous row holds neither the previous row's stored hash nor the hash its fields give
    (so a single altered field, even the stored hash itself, flags exactly that row). Missing
    sequence numbers are reported as gaps; the link across a gap cannot be checked.
    ``known_head`` is the (seq, row_hash) recorded outside the file at the last close.
    """

    def __init__(self, known_head: tuple[int, str] | None = None) -> None:
        self.known_head = known_head
        self.checked = 0
        self.broken: list[int] = []
        self.gaps: list[tuple[int, int]] = []
        self.head_seq, self.head_hash = 0, GENESIS_HASH
        self._links = {GENESIS_HASH}  # hashes the next row may link to
        self._next_from = -(2**63)  # the smallest seq not yet read
        self._anchor_found: str | None = None
        self.done = False

    def step(self, conn: sqlite3.Connection, limit: int = 5000) -> bool:
        """Check up to ``limit`` more rows; True once the end of the chain was reached."""
        rows = conn.execute(
            f"SELECT {_HASHED}, row_hash FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?",
            [self._next_from, limit],
        ).fetchall()
        for row in rows:
            self._check(list(row[:-1]), row[-1])
        self.done = len(rows) < limit
        return self.done

    def _check(self, values: list[object], stored: str) -> None:
        seq, prev = int(values[0]), values[-1]  # type: ignore[call-overload]
        expected_seq = self.head_seq + 1
        computed = row_hash(values)
        own_ok = computed == stored
        if seq > expected_seq:
            self.gaps.append((expected_seq, seq - 1))
            link_ok = True  # the row it linked to is gone; the gap is what is reported
        else:
            link_ok = seq == expected_seq and prev in self._links
        if not (own_ok and link_ok):
            self.broken.append(seq)
        if self.known_head is not None and seq == self.known_head[0]:
            self._anchor_found = stored
        self._links = {stored, computed}
        self.head_seq, self.head_hash = seq, stored
        self._next_from = seq + 1
        self.checked += 1

    def report(self, conn: sqlite3.Connection) -> ChainReport:
        """The result, with the outside writes and the capture triggers' state."""
        external, by_table = external_capture(conn)
        known_seq, known_hash = self.known_head or (0, "")
        missing_tail = self.head_seq < known_seq
        anchor_mismatch = bool(known_hash) and not missing_tail and self._anchor_found != known_hash
        return ChainReport(
            checked=self.checked,
            broken_seqs=tuple(self.broken),
            head_seq=self.head_seq,
            head_hash=self.head_hash,
            external_changes=external,
            capture_problems=tuple(capture_problems(conn)),
            missing_tail=missing_tail,
            gaps=tuple(self.gaps),
            anchor_mismatch=anchor_mismatch,
            external_tables=by_table,
        )


def verify_chain(
    conn: sqlite3.Connection, known_head_seq: int = 0, known_head_hash: str = ""
) -> ChainReport:
    """Walk the whole chain; report rows whose hash or link does not hold, and outside writes.

    ``known_head_seq`` (and ``known_head_hash``) is the head recorded outside the file at the
    previous close: a chain that ends before it lost rows at its end; a different row at that
    seq means the chain was rewritten.
    """
    walk = ChainWalk((known_head_seq, known_head_hash) if known_head_seq else None)
    while not walk.step(conn):
        pass
    return walk.report(conn)


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
        # Capture rows up to this id were written by another program before PartyDesk opened
        # the file (or before the last check): no PartyDesk commit may claim them as its own.
        self.external_upto = capture_watermark(conn)

    def note_external(self) -> None:
        """Re-read which capture rows are outside writes; call under the store's lock and
        outside a transaction, when every row waiting there is one."""
        if not self._conn.in_transaction:
            self.external_upto = capture_watermark(self._conn)

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
        captured = consume_capture(conn, self.external_upto)
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
