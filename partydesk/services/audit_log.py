"""The audit log's use cases: browsing it, checking it, exporting it, and answering tampering.

Who may read it: the log shows every change to every member's record with its old and new
values, and who made it, so it is as sensitive as the records together. Reading it needs the
administrator's permission to manage accounts (``VIEW_PERMISSION``): administrators hold
clerks to account, clerks and viewers do not browse each other's work. Reading writes nothing,
so it is allowed on a file open read-only.

An anchor outside the file: at every close the chain head (seq, hash) of the file is written to
``audit-anchors.json`` in the data folder, keyed by the file's path. At the next open the chain
is checked against it, which catches what the chain alone cannot: rows removed at the end, and
a chain rewritten with recomputed hashes (the code is open; anyone can recompute them). The
anchor only moves forward along the same chain: a file found shorter or rewritten keeps its old
anchor, and is reported at every open, until an administrator acknowledges what was found.

Writes made outside PartyDesk (DB Browser, a script) are caught by the capture triggers and
wait in ``change_capture``; an administrator acknowledges them, which moves them into one
audit row "Ghi nhận thay đổi ngoài PartyDesk" holding their old → new values. Capture triggers
found missing or altered are reinstalled only by an administrator's explicit, audited action.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from partydesk.domain.accounts import PERMISSIONS, Permission, Role
from partydesk.domain.audit import (
    AuditEntry,
    AuditFilter,
    ChainReport,
    ChangeOp,
    RecordChange,
)
from partydesk.domain.dates import format_vn_date
from partydesk.domain.numbers import grouped
from partydesk.paths import DataPaths
from partydesk.services.audit import audited, log_export, require
from partydesk.services.document_files import write_atomically
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.audit import (
    TITLE_SEPARATOR,
    ChainWalk,
    append_entry,
    chain_head,
    consume_capture,
)
from partydesk.store.audit_query import AuditQuery, table_label
from partydesk.store.capture import capture_problems, install_append_only, install_capture
from partydesk.store.db import transaction
from partydesk.store.store import Store

log = logging.getLogger(__name__)

VIEW_PERMISSION = Permission.ACCOUNTS
ANCHORS_FILE = "audit-anchors.json"
VERIFY_ACTION = "Kiểm tra nhật ký thay đổi"
ACKNOWLEDGE_ACTION = "Ghi nhận thay đổi ngoài PartyDesk"
REPAIR_ACTION = "Cài lại theo dõi thay đổi"
CHECK_STEP = 5000  # rows checked per hold of the store's lock
EXPORT_STEP = 1000  # entries read per hold of the store's lock
EMPTY_VALUE = "(trống)"
_VERBS = {ChangeOp.INSERT: "Thêm", ChangeOp.UPDATE: "Sửa", ChangeOp.DELETE: "Xóa"}


# --- the anchor outside the file -----------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """What this machine remembers of a file's chain: its head at the last close, and the
    problems an administrator has already acknowledged (not repeated at each open)."""

    seq: int
    hash: str
    accepted_broken: tuple[int, ...] = ()
    accepted_gaps: tuple[tuple[int, int], ...] = ()

    @property
    def head(self) -> tuple[int, str]:
        return self.seq, self.hash


def anchors_path(paths: DataPaths) -> Path:
    return paths.root / ANCHORS_FILE


def _key(db_path: Path) -> str:
    return str(Path(db_path).resolve())


def _read_anchors(paths: DataPaths) -> dict[str, dict]:
    try:
        data = json.loads(anchors_path(paths).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        # A damaged anchors file protects nothing; the chain itself is still checked.
        log.warning("Cannot read %s: %s", anchors_path(paths), exc)
        return {}
    return data if isinstance(data, dict) else {}


def read_anchor(paths: DataPaths, db_path: Path) -> Anchor | None:
    entry = _read_anchors(paths).get(_key(db_path))
    if not isinstance(entry, dict):
        return None
    try:
        return Anchor(
            seq=int(entry["seq"]),
            hash=str(entry["hash"]),
            accepted_broken=tuple(int(s) for s in entry.get("accepted_broken", ())),
            accepted_gaps=tuple((int(a), int(b)) for a, b in entry.get("accepted_gaps", ())),
        )
    except (KeyError, TypeError, ValueError):
        log.warning("Ignoring a malformed audit anchor for %s", db_path)
        return None


def write_anchor(paths: DataPaths, db_path: Path, anchor: Anchor) -> None:
    """Record ``anchor`` for the file, replacing the anchors file in one step."""
    anchors = _read_anchors(paths)
    anchors[_key(db_path)] = {
        "seq": anchor.seq,
        "hash": anchor.hash,
        "accepted_broken": list(anchor.accepted_broken),
        "accepted_gaps": [list(g) for g in anchor.accepted_gaps],
        "at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    target = anchors_path(paths)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".tmp")
    try:
        with temp.open("w", encoding="utf-8") as handle:
            json.dump(anchors, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _row_hash_at(store: Store, seq: int) -> str | None:
    row = store.conn.execute("SELECT row_hash FROM audit_log WHERE seq = ?", [seq]).fetchone()
    return row[0] if row else None


def remember_at_close(store: Store, paths: DataPaths) -> None:
    """Remember the file's chain head outside it (called as the file is closed).

    The anchor moves forward only along the same chain: when the chain is now shorter than the
    remembered head, or holds another row there, the old anchor is kept so the next open
    reports it again (an administrator's acknowledgement moves it). A failure to write is
    logged, never raised: it must not stop the program from closing.
    """
    try:
        with store.lock:
            head_seq, head_hash = chain_head(store.conn)
            anchor = read_anchor(paths, store.path)
            if anchor is not None and (
                head_seq < anchor.seq or _row_hash_at(store, anchor.seq) != anchor.hash
            ):
                log.warning(
                    "Audit chain of %s no longer continues the remembered head %s; "
                    "keeping the anchor until an administrator acknowledges it",
                    store.path,
                    anchor.seq,
                )
                return
            if anchor is not None and head_seq == anchor.seq:
                return  # nothing new: leave the file as it is
            kept = anchor or Anchor(0, "")
            write_anchor(paths, store.path, replace(kept, seq=head_seq, hash=head_hash))
    except OSError as exc:
        log.warning("Could not remember the audit chain head of %s: %s", store.path, exc)


def reset_anchor(store: Store, paths: DataPaths) -> None:
    """Remember the file's current chain head as it is, forgetting what was remembered before.

    For a file just restored from a backup: its log legitimately ends before the head
    remembered for the file it replaced (the restore itself is an administrator's logged
    action), so call this after reopening it and before ``check_at_open``.
    """
    with store.lock:
        head_seq, head_hash = chain_head(store.conn)
    write_anchor(paths, store.path, Anchor(head_seq, head_hash))


def _with_labels(report: ChainReport) -> ChainReport:
    labels = {table: table_label(table) for table, _ in report.external_tables}
    return replace(report, table_labels=labels)


def _walk(
    store: Store,
    known_head: tuple[int, str] | None,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> ChainReport:
    """Check the whole chain, a step at a time so other work can use the store between."""
    with store.lock:
        total = chain_head(store.conn)[0]
    walk = ChainWalk(known_head)
    while True:
        check_cancel(cancel)
        with store.lock:
            done = walk.step(store.conn, CHECK_STEP)
            if done:
                report = walk.report(store.conn)
                # Every capture row waiting now is an outside write: none may be claimed by
                # the next PartyDesk commit.
                store.audit.note_external()
        total = max(total, walk.checked)
        progress(
            walk.checked,
            total,
            f"Đã kiểm tra {grouped(walk.checked)}/{grouped(total)} dòng nhật ký…",
        )
        if done:
            return _with_labels(report)


def check_at_open(store: Store, paths: DataPaths) -> ChainReport:
    """Check the chain of a file just opened against the head remembered at its last close.

    Problems an administrator acknowledged earlier on this machine (rows found altered or
    missing) are left out, so each open reports only what is new; the log page's check
    reports everything.
    """
    anchor = read_anchor(paths, store.path)
    report = _walk(store, anchor.head if anchor and anchor.seq else None)
    if anchor is None:
        return report
    return replace(
        report,
        broken_seqs=tuple(s for s in report.broken_seqs if s not in anchor.accepted_broken),
        gaps=tuple(g for g in report.gaps if g not in anchor.accepted_gaps),
    )


# --- the service ---------------------------------------------------------------------------


def acknowledgeable(report: ChainReport) -> bool:
    """Whether an administrator has something to acknowledge: outside writes or chain damage
    (altered capture triggers are reinstalled instead, by ``repair_capture``)."""
    return bool(report.external_changes) or not report.chain_intact


def roles_who_may_view() -> list[Role]:
    return [role for role in Role if VIEW_PERMISSION in PERMISSIONS[role]]


class AuditLogService:
    def __init__(self, store: Store, paths: DataPaths) -> None:
        self._store = store
        self._paths = paths
        self._query = AuditQuery(store.db)
        self._id_tables: frozenset[str] | None = None

    # --- who may read it ---------------------------------------------------------------

    def may_view(self) -> bool:
        return self._store.actor.may(VIEW_PERMISSION)

    def who_may_view(self) -> str:
        """The sentence the page shows to someone who may not read the log."""
        roles = " hoặc ".join(role.label for role in roles_who_may_view())
        actor = self._store.actor
        return (
            f"Chỉ tài khoản có vai trò {roles} mới xem được nhật ký thay đổi. "
            f"Tài khoản đang dùng: {actor.display_name} ({actor.role.label})."
        )

    def why_not_acknowledge(self) -> str:
        """Why problems cannot be acknowledged (nor triggers repaired) here; "" when they can."""
        if self._store.read_only:
            return "Tệp dữ liệu đang mở chỉ để xem nên không thể ghi nhận hay cài lại."
        if not self._store.actor.may(Permission.ACCOUNTS):
            return "Chỉ tài khoản Quản trị mới ghi nhận được các vấn đề này."
        return ""

    def _require_view(self) -> None:
        # Not services.audit.require: reading is allowed on a file open read-only.
        self._store.actor.require(VIEW_PERMISSION)

    # --- browsing ----------------------------------------------------------------------

    def entries(self, audit_filter: AuditFilter, offset: int, limit: int) -> list[AuditEntry]:
        self._require_view()
        with self._store.lock:
            return self._query.entries(audit_filter, offset, limit)

    def page(
        self, audit_filter: AuditFilter, before_seq: int | None, limit: int
    ) -> list[AuditEntry]:
        """Entries older than ``before_seq`` (all when None), newest first: pages that stay
        put while new entries are added at the top."""
        self._require_view()
        with self._store.lock:
            return self._query.page(audit_filter, before_seq, limit)

    def entry(self, seq: int) -> AuditEntry | None:
        self._require_view()
        with self._store.lock:
            return self._query.entry(seq)

    def count(self, audit_filter: AuditFilter) -> int:
        self._require_view()
        with self._store.lock:
            return self._query.count(audit_filter)

    def logins(self) -> list[tuple[str, str]]:
        self._require_view()
        with self._store.lock:
            return self._query.logins()

    def tables(self) -> list[str]:
        self._require_view()
        with self._store.lock:
            return self._query.tables()

    def head(self) -> tuple[int, str]:
        with self._store.lock:
            return chain_head(self._store.conn)

    # --- wording -------------------------------------------------------------------------

    @staticmethod
    def table_label(table: str) -> str:
        return table_label(table)

    def record_name(self, table: str, row_id: int | None) -> str:
        """ "Đảng viên số 12"; the table alone when its row ids are SQLite's own numbers."""
        if not table:
            return ""
        label = table_label(table)
        if row_id is not None and table in self._keyed_tables():
            return f"{label} số {row_id}"
        return label

    def _keyed_tables(self) -> frozenset[str]:
        if self._id_tables is None:
            with self._store.lock:
                self._id_tables = self._query.id_tables()
        return self._id_tables

    def record_text(self, entry: AuditEntry) -> str:
        return self.record_name(entry.entity, entry.entity_id)

    def summary_text(self, entry: AuditEntry) -> str:
        """The entry's summary in words, tables by their names: "Nguyễn Văn An — Đảng viên:
        sửa 1" (events keep the summary they were logged with)."""
        if not entry.counts:
            return entry.summary
        parts = []
        for table, by_op in entry.counts.items():
            ops = ", ".join(f"{ChangeOp(op).label} {grouped(n)}" for op, n in sorted(by_op.items()))
            parts.append(f"{table_label(table)}: {ops}")
        counted = "; ".join(parts)
        title, separator, _ = entry.summary.rpartition(TITLE_SEPARATOR)
        return f"{title}{separator}{counted}"

    def describe(self, change: RecordChange) -> str:
        """One changed record in a sentence: "Sửa đảng viên số 12: phone: 0912 → 0913"."""
        record = self.record_name(change.table, change.row_id)
        record = record[:1].lower() + record[1:]
        parts = []
        for name, (old, new) in change.fields.items():
            if change.op is ChangeOp.UPDATE:
                parts.append(f"{name}: {value_text(old)} → {value_text(new)}")
            else:
                shown = new if change.op is ChangeOp.INSERT else old
                parts.append(f"{name} = {value_text(shown)}")
        text = f"{_VERBS[change.op]} {record}"
        return f"{text}: {'; '.join(parts)}" if parts else text

    def details_text(self, entry: AuditEntry) -> str:
        """Every listed change, one a line, and what was only counted."""
        lines = [self.describe(change) for change in entry.changes]
        if entry.truncated:
            lines.append(
                f"… và {grouped(entry.truncated)} bản ghi khác (chỉ đếm số lượng, xem Tóm tắt)."
            )
        return "\n".join(lines)

    # --- checking ------------------------------------------------------------------------

    def anchor(self) -> Anchor | None:
        return read_anchor(self._paths, self._store.path)

    def verify(
        self, *, progress: Progress = no_progress, cancel: threading.Event | None = None
    ) -> ChainReport:
        """Check the whole chain against the head remembered outside the file; report every
        problem (acknowledged ones too), and log the check unless the file is read-only."""
        self._require_view()
        anchor = self.anchor()
        report = _walk(
            self._store, anchor.head if anchor and anchor.seq else None, progress, cancel
        )
        with self._store.lock:
            # record_event leaves a read-only file alone (it goes to the program's log).
            self._store.audit.record_event(
                VERIFY_ACTION, self.report_summary(report), entity="audit_log"
            )
        return report

    @staticmethod
    def report_summary(report: ChainReport) -> str:
        if report.intact:
            return (
                f"Nhật ký nguyên vẹn: {grouped(report.checked)} dòng, dòng cuối số "
                f"{grouped(report.head_seq)}, mã {report.head_hash[:16]}."
            )
        return f"Đã kiểm tra {grouped(report.checked)} dòng. Phát hiện: " + " ".join(
            report.describe()
        )

    @audited(ACKNOWLEDGE_ACTION, Permission.ACCOUNTS, one_transaction=False)
    def acknowledge_external_changes(self) -> int:
        """Record what the last check found as acknowledged by this administrator; return how
        many outside writes were moved into the log.

        One audit row holds the outside writes (their old → new values) and names the chain
        problems found; the anchor outside the file moves to the current head and remembers the
        acknowledged rows, so the next opens do not report them again. Nothing is undone: the
        data written by the other program stays as it is.
        """
        store = self._store
        with store.lock:
            anchor = self.anchor()
            report = _walk(store, anchor.head if anchor and anchor.seq else None)
            if not acknowledgeable(report):
                return 0
            # The triggers are not acknowledged away: repair_capture reinstalls them.
            found = " ".join(replace(report, capture_problems=()).describe())
            with transaction(store.db):
                captured = consume_capture(store.conn)  # every waiting row: all are outside
                append_entry(
                    store.conn,
                    store.actor,
                    ACKNOWLEDGE_ACTION,
                    summary=f"Quản trị đã xem và ghi nhận: {found}",
                    entity="" if captured.changes else "audit_log",
                    captured=captured,
                )
            store.audit.note_external()
            head_seq, head_hash = chain_head(store.conn)
            write_anchor(
                self._paths,
                store.path,
                Anchor(
                    seq=head_seq,
                    hash=head_hash,
                    accepted_broken=tuple(
                        sorted({*(anchor.accepted_broken if anchor else ()), *report.broken_seqs})
                    ),
                    accepted_gaps=tuple(
                        sorted({*(anchor.accepted_gaps if anchor else ()), *report.gaps})
                    ),
                ),
            )
        return captured.total

    def capture_problems(self) -> list[str]:
        with self._store.lock:
            return capture_problems(self._store.conn)

    @audited(REPAIR_ACTION, Permission.ACCOUNTS, one_transaction=False)
    def repair_capture(self) -> int:
        """Reinstall the capture triggers found missing or altered; return how many problems
        were fixed. Logged with the problems it fixed; nothing happens when there are none."""
        store = self._store
        with store.lock:
            problems = capture_problems(store.conn)
            if not problems:
                return 0
            with transaction(store.db):
                install_capture(store.conn)
                install_append_only(store.conn)
                store.audit.record_event(
                    REPAIR_ACTION,
                    "Đã cài lại các trigger theo dõi thay đổi: " + "; ".join(problems) + ".",
                    entity="audit_log",
                )
        return len(problems)

    # --- export --------------------------------------------------------------------------

    def export_xlsx(
        self,
        audit_filter: AuditFilter,
        path: Path,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the entries matching the filter to an XLSX workbook; return how many.

        Written beside ``path`` and moved into place at the end, so a failure or a cancel
        never leaves a half-written file; the export itself is logged.
        """
        from partydesk.reports.audit_xlsx import AuditLogSheet, write_audit_log

        self._require_view()
        require(self._store, Permission.PRINT)
        with self._store.lock:
            total = self._query.count(audit_filter)
            head_seq, head_hash = chain_head(self._store.conn)
        progress(0, total, "Đang lấy nhật ký thay đổi…")
        sheet = AuditLogSheet(
            rows=self._export_rows(audit_filter, head_seq, total, progress, cancel),
            selection=self.filter_text(audit_filter),
            footer=(
                f"Lập ngày {format_vn_date(date.today())}. Dòng cuối của nhật ký: số "
                f"{grouped(head_seq)}, mã {head_hash[:16]}"
            ),
        )

        def write(handle: BinaryIO) -> int:
            count = write_audit_log(sheet, handle)
            check_cancel(cancel)
            return count

        count = write_atomically(path, write)
        log_export(self._store, "Nhật ký thay đổi", path, count)
        progress(total, total, "Xong")
        return count

    def _export_rows(
        self,
        audit_filter: AuditFilter,
        head_seq: int,
        total: int,
        progress: Progress,
        cancel: threading.Event | None,
    ) -> Iterator[tuple[object, ...]]:
        before: int | None = head_seq + 1
        done = 0
        while True:
            check_cancel(cancel)
            with self._store.lock:
                chunk = self._query.page(audit_filter, before, EXPORT_STEP)
            for entry in chunk:
                yield self.export_row(entry)
            done += len(chunk)
            progress(done, max(total, done), f"Đã ghi {grouped(done)}/{grouped(total)} dòng…")
            if len(chunk) < EXPORT_STEP:
                return
            before = chunk[-1].seq

    def export_row(self, entry: AuditEntry) -> tuple[object, ...]:
        try:
            moment: object = datetime.fromisoformat(entry.at)
        except ValueError:
            moment = entry.at
        return (
            entry.seq,
            moment,
            user_text(entry),
            role_text(entry.role),
            entry.action,
            self.record_text(entry),
            self.summary_text(entry),
            self.details_text(entry),
        )

    def filter_text(self, audit_filter: AuditFilter) -> str:
        """The filters in words, for the export's page header."""
        parts = []
        if audit_filter.text:
            parts.append(f"có chữ “{audit_filter.text}”")
        if audit_filter.user_login:
            parts.append(f"người thực hiện {audit_filter.user_login}")
        if audit_filter.entity:
            parts.append(f"bản ghi {self.record_name(audit_filter.entity, audit_filter.entity_id)}")
        if audit_filter.since:
            parts.append(f"từ {format_vn_date(date.fromisoformat(audit_filter.since))}")
        if audit_filter.until:
            parts.append(f"đến {format_vn_date(date.fromisoformat(audit_filter.until))}")
        return "; ".join(parts)


def value_text(value: object) -> str:
    """A field's value on one line: "(trống)" for nothing, line breaks shown as " ⏎ "."""
    if value is None or value == "":
        return EMPTY_VALUE
    return " ⏎ ".join(str(value).splitlines()) or EMPTY_VALUE


def user_text(entry: AuditEntry) -> str:
    if entry.user_name and entry.user_name != entry.user_login:
        return f"{entry.user_name} ({entry.user_login})"
    return entry.user_login


def role_text(role: str) -> str:
    try:
        return Role(role).label
    except ValueError:
        return role
