"""The kill loop of the crash test (reliability T1), shared by the quick and the slow test.

    .venv/bin/python -m tests.reliability.kill_loop [--kills N] [--db FILE] [--seed S]

Each round starts ``crash_child`` on the same database file (it grows from round to round),
waits until the child is writing, lets it write for U(50, 400) ms, kills it with SIGKILL and
checks the file as the program would find it after a crash:

- ``open_store`` opens it (header, read-only ``quick_check``, hot journal rolled back);
- ``integrity_check`` is ``ok`` and ``foreign_key_check`` finds nothing;
- the audit chain verifies, no capture trigger is missing and ``change_capture`` is empty
  (a commit never leaves captured rows behind);
- every change the child acknowledged is there, with all its child rows;
- the round added one audit row per acknowledged write, or one more (a write that committed
  while the child was killed before it could print), each under a named action.

After the last round the whole file is checked once more: every acknowledgement of every
round, and the audit log replayed record by record against the tables. A business row no
audit row accounts for, an audit row whose record is missing, or a record whose fields
differ from what its audit rows say, is a half change.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from partydesk.store.audit import UNNAMED_ACTION, chain_head, verify_chain
from partydesk.store.capture import SECRET_COLUMNS, captured_tables
from partydesk.store.store import Store, open_store
from tests.reliability.crash_child import MARKS, READY, prepare

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 60
# How a killed child ends: by SIGKILL on POSIX, with exit code 1 from TerminateProcess.
KILLED_CODE = -signal.SIGKILL if os.name == "posix" else 1
_DELETED = object()
_UNKNOWN = object()  # a record first seen updated: its earlier values are not in the log


@dataclass(frozen=True, slots=True)
class Ack:
    """One acknowledgement line of the child: ``<kind> <id> <marker> [table=count …]``."""

    kind: str
    record_id: int
    marker: str
    counts: tuple[tuple[str, int], ...] = ()

    @classmethod
    def parse(cls, line: str) -> Ack:
        kind, record_id, marker, *rest = line.split()
        counts = tuple((name, int(n)) for name, n in (part.split("=") for part in rest))
        return cls(kind, int(record_id), marker, counts)

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} ({self.marker})"


@dataclass
class KillFigures:
    """What the loop found; every list holds one description per problem."""

    kills: int = 0
    acknowledged: int = 0
    unacknowledged_commits: int = 0  # committed, but killed before the line was printed
    hot_journals: int = 0  # kills that left a rollback journal: killed inside a transaction
    by_kind: Counter = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    audit_rows: int = 0
    file_mb: float = 0.0
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.partial or self.integrity_failures)

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.by_kind.items()))
        lines = [
            f"kills {self.kills}, acknowledged commits {self.acknowledged} ({kinds}),"
            f" committed but unacknowledged {self.unacknowledged_commits},"
            f" hot journals left {self.hot_journals}",
            f"missing {len(self.missing)}, partial {len(self.partial)},"
            f" integrity failures {len(self.integrity_failures)};"
            f" {self.audit_rows} audit rows, {self.file_mb:.1f} MB, {self.seconds:.1f} s",
        ]
        for label, problems in (
            ("missing", self.missing),
            ("partial", self.partial),
            ("integrity", self.integrity_failures),
        ):
            lines.extend(f"  {label}: {problem}" for problem in problems[:20])
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "kills": self.kills,
            "acknowledged": self.acknowledged,
            "unacknowledged_commits": self.unacknowledged_commits,
            "hot_journals": self.hot_journals,
            "by_kind": dict(self.by_kind),
            "missing": len(self.missing),
            "partial": len(self.partial),
            "integrity_failures": len(self.integrity_failures),
            "audit_rows": self.audit_rows,
            "file_mb": round(self.file_mb, 2),
            "seconds": round(self.seconds, 1),
        }


# --- one round -----------------------------------------------------------------------------


def child_command(db: Path, seed: int) -> list[str]:
    return [sys.executable, "-m", "tests.reliability.crash_child", str(db), str(seed)]


def kill_child(db: Path, seed: int, delay_s: float, log: Path) -> tuple[list[Ack], str | None]:
    """Start the child, let it write ``delay_s`` after it is ready, kill it (SIGKILL; on
    Windows ``TerminateProcess``).

    Returns its acknowledgements and, if it did not die of the kill, why.
    """
    env = {**os.environ, "PARTYDESK_STRICT_AUDIT": "1"}
    lines: queue.Queue[bytes | None] = queue.Queue()
    with log.open("wb") as stderr:
        child = subprocess.Popen(
            child_command(db, seed), cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=stderr
        )
        reader = threading.Thread(target=_pump, args=(child, lines), daemon=True)
        reader.start()
        try:
            first = lines.get(timeout=READY_TIMEOUT_S)
        except queue.Empty:
            first = b""
        if first != READY.encode() + b"\n":
            child.kill()
            child.wait()
            return [], f"round {seed}: the child was not ready ({first!r}): {_tail(log)}"
        time.sleep(delay_s)
        child.kill()
        code = child.wait()
        reader.join()
    acks = []
    while (line := lines.get()) is not None:
        # A line the kill cut short (no newline yet) was never acknowledged.
        if line.endswith(b"\n"):
            acks.append(Ack.parse(line.decode("utf-8")))
    if code != KILLED_CODE:
        return acks, f"round {seed}: the child ended by itself (code {code}): {_tail(log)}"
    return acks, None


def _pump(child: subprocess.Popen, lines: queue.Queue) -> None:
    """Move the child's output lines to ``lines``, then None at its end."""
    assert child.stdout is not None
    for line in child.stdout:
        lines.put(line)
    lines.put(None)


def _tail(log: Path, lines: int = 8) -> str:
    return " | ".join(log.read_text("utf-8", errors="replace").strip().splitlines()[-lines:])


# --- the checks ----------------------------------------------------------------------------


def integrity_problems(store: Store) -> list[str]:
    conn = store.conn
    problems = []
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.append("integrity_check: " + "; ".join(integrity[:5]))
    foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        problems.append(f"foreign_key_check: {len(foreign)} rows, first {foreign[0]}")
    report = verify_chain(conn)
    if report.broken_seqs:
        problems.append(f"audit chain broken at seq {list(report.broken_seqs[:5])}")
    if report.external_changes:
        problems.append(f"change_capture holds {report.external_changes} rows after a commit")
    if report.capture_problems:
        problems.append("capture triggers: " + "; ".join(report.capture_problems[:3]))
    return problems


def ack_problem(conn: sqlite3.Connection, ack: Ack) -> str | None:
    """Why an acknowledged change is not (wholly) in the file; None when it is."""
    mark = MARKS[ack.kind]
    text = mark.text(ack.marker)
    if mark.prefix:
        test, params = f"substr({mark.column}, 1, ?) = ?", [len(text), text]
    else:
        test, params = f"{mark.column} = ?", [text]
    found = conn.execute(
        f"SELECT count(*) FROM {mark.table} WHERE {mark.id_column} = ? AND {test}",
        [ack.record_id, *params],
    ).fetchone()[0]
    if not found:
        return f"{ack}: no {mark.table} row with its marker"
    for table, expected in ack.counts:
        # Meetings' child rows are keyed by meeting_id.
        rows = conn.execute(
            f"SELECT count(*) FROM {table} WHERE meeting_id = ?", [ack.record_id]
        ).fetchone()[0]
        if rows != expected:
            return f"{ack}: {rows} {table} rows, {expected} acknowledged"
    return None


def row_keys(conn: sqlite3.Connection) -> set[tuple[str, int]]:
    """(table, rowid) of every row of every captured table."""
    keys: set[tuple[str, int]] = set()
    for table in captured_tables(conn):
        keys.update((table, r[0]) for r in conn.execute(f'SELECT rowid FROM "{table}"'))
    return keys


def _shown(table: str, column: str) -> bool:
    """The columns the audit log records values of (see partydesk.store.audit._shown)."""
    if column in ("updated_at", "created_at") or column.endswith(("_fold", "_sort")):
        return False
    return column not in SECRET_COLUMNS.get(table, frozenset())


def replay_problems(conn: sqlite3.Connection, unaudited: set[tuple[str, int]]) -> list[str]:
    """Replay the audit log record by record and compare it with the tables.

    ``unaudited`` are rows that may exist without an audit row (written by the migrations
    before the loop started).
    """
    problems: list[str] = []
    state: dict[tuple[str, int], object] = {}
    for seq, diff_json in conn.execute("SELECT seq, diff_json FROM audit_log ORDER BY seq"):
        diff = json.loads(diff_json or "{}")
        if diff.get("truncated"):
            problems.append(f"audit row {seq} lists only part of its changes: cannot replay")
        for change in diff.get("changes", []):
            key = (change["table"], change["id"])
            values = {column: pair[1] for column, pair in change.get("fields", {}).items()}
            if change["op"] == "I":
                state[key] = values
            elif change["op"] == "D":
                state[key] = _DELETED
            else:
                known = state.get(key, _UNKNOWN)
                if isinstance(known, dict):
                    known.update(values)
                else:
                    state[key] = _UNKNOWN
    seen: set[tuple[str, int]] = set()
    for table in captured_tables(conn):
        cursor = conn.execute(f'SELECT rowid, * FROM "{table}"')
        columns = [d[0] for d in cursor.description][1:]
        for rowid, *values in cursor:
            key = (table, rowid)
            seen.add(key)
            logged = state.get(key)
            if logged is None:
                if key not in unaudited:
                    problems.append(f"{table} row {rowid} has no audit row")
            elif logged is _DELETED:
                problems.append(f"{table} row {rowid} is logged as deleted but is there")
            elif isinstance(logged, dict):
                for column, value in zip(columns, values, strict=True):
                    if not _shown(table, column):
                        continue
                    expected = logged.get(column, _UNKNOWN)
                    same = value in (None, "") if expected is _UNKNOWN else value == expected
                    if not same:
                        problems.append(
                            f"{table} row {rowid}: {column} is {value!r},"
                            f" the audit log says {expected if expected is not _UNKNOWN else ''!r}"
                        )
                        break
    for key, logged in state.items():
        if logged is not _DELETED and key not in seen:
            problems.append(f"{key[0]} row {key[1]} is in the audit log but not in the table")
    return problems


# --- the loop ------------------------------------------------------------------------------


def run_kill_loop(
    db: Path,
    kills: int,
    seed: int = 2026,
    *,
    delay_ms: tuple[int, int] = (50, 400),
    report: Callable[[int, KillFigures], None] | None = None,
) -> KillFigures:
    """Kill a writing child ``kills`` times on ``db`` (created if missing) and check the file.

    ``seed`` fixes the kill delays and the children's writes; round ``r`` runs child seed
    ``seed * 1000 + r`` so markers never repeat on one file.
    """
    started = time.perf_counter()
    figures = KillFigures()
    if not db.exists():
        prepare(db)
    rng = random.Random(seed)
    store = open_store(db, db.parent / "backups")
    try:
        unaudited = row_keys(store.conn)
        head, _ = chain_head(store.conn)
    finally:
        store.close()
    acks: list[Ack] = []
    journal = db.with_name(db.name + "-journal")
    for round_ in range(1, kills + 1):
        delay_s = rng.uniform(*delay_ms) / 1000
        child_seed = seed * 1000 + round_
        log = db.with_name(f"child-{child_seed}.log")
        round_acks, failure = kill_child(db, child_seed, delay_s, log)
        figures.kills += 1
        if failure:
            figures.integrity_failures.append(failure)
        acks.extend(round_acks)
        figures.acknowledged += len(round_acks)
        figures.by_kind.update(ack.kind for ack in round_acks)
        figures.hot_journals += journal.exists()
        head = check_round(db, round_, round_acks, head, figures)
        log.unlink(missing_ok=True)
        if report is not None:
            report(round_, figures)
    check_whole_file(db, acks, unaudited, figures)
    figures.file_mb = db.stat().st_size / 1e6
    figures.seconds = time.perf_counter() - started
    return figures


def check_round(
    db: Path, round_: int, acks: list[Ack], head_before: int, figures: KillFigures
) -> int:
    """The checks after one kill; returns the audit chain's head seq."""
    try:
        store = open_store(db, db.parent / "backups")
    except Exception as exc:  # any failure to open after a crash is the finding
        figures.integrity_failures.append(f"round {round_}: open_store failed: {exc}")
        return head_before
    try:
        figures.integrity_failures.extend(
            f"round {round_}: {problem}" for problem in integrity_problems(store)
        )
        conn = store.conn
        for ack in acks:
            problem = ack_problem(conn, ack)
            if problem:
                figures.missing.append(f"round {round_}: {problem}")
        head, _ = chain_head(conn)
        added = head - head_before
        if added == len(acks) + 1:
            figures.unacknowledged_commits += 1
        elif added != len(acks):
            figures.partial.append(
                f"round {round_}: {added} audit rows for {len(acks)} acknowledged writes"
            )
        unnamed = conn.execute(
            "SELECT count(*) FROM audit_log WHERE seq > ? AND action = ?",
            [head_before, UNNAMED_ACTION],
        ).fetchone()[0]
        if unnamed:
            figures.partial.append(f"round {round_}: {unnamed} audit rows without an action")
        return head
    finally:
        store.close()


def check_whole_file(
    db: Path, acks: list[Ack], unaudited: set[tuple[str, int]], figures: KillFigures
) -> None:
    store = open_store(db, db.parent / "backups")
    try:
        conn = store.conn
        for ack in acks:
            problem = ack_problem(conn, ack)
            if problem:
                figures.missing.append(f"at the end: {problem}")
        figures.partial.extend(replay_problems(conn, unaudited))
        figures.integrity_failures.extend(f"at the end: {p}" for p in integrity_problems(store))
        figures.audit_rows = chain_head(conn)[0]
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", type=Path, help="the file to kill writers on (created if new)")
    args = parser.parse_args()
    if args.db is None:
        import tempfile

        args.db = Path(tempfile.mkdtemp(prefix="partydesk-crash-")) / "crash.sqlite"

    def progress(round_: int, figures: KillFigures) -> None:
        if round_ % 10 == 0 or round_ == args.kills:
            print(
                f"  {round_}/{args.kills} kills, {figures.acknowledged} acknowledged",
                file=sys.stderr,
            )

    figures = run_kill_loop(args.db, args.kills, args.seed, report=progress)
    print(f"{args.db}\n{figures.summary()}")
    print(json.dumps(figures.as_dict()))
    return 0 if figures.clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
