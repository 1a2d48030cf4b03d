"""The Store: one open PartyDesk database and its repositories; opening, creating, checking."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from partydesk.domain.accounts import Actor
from partydesk.store.attention import AttentionFacts
from partydesk.store.audit import AuditRecorder
from partydesk.store.briefings import BriefingRepository
from partydesk.store.db import (
    APPLICATION_ID,
    BEFORE_COMMIT,
    ReadOnlyNeedsUpgrade,
    connect,
    connect_read_only,
    quick_check_read_only,
    read_header,
    why_read_only,
    wrap,
)
from partydesk.store.due import DueRepository
from partydesk.store.enterprises import EnterpriseRepository
from partydesk.store.errors import OpenError, OpenErrorKind
from partydesk.store.evaluation import EvaluationRepository
from partydesk.store.file_lock import DatabaseLock, LockUnavailable, current_user
from partydesk.store.holidays import HolidayRepository
from partydesk.store.journal import JournalRefused, JournalVerdict, inspect_journal
from partydesk.store.meetings import MeetingRepository
from partydesk.store.members import MemberRepository
from partydesk.store.migrate import (
    LATEST_VERSION,
    MigrationError,
    backup_before_migration,
    migrate,
    schema_version,
)
from partydesk.store.organisations import OrganisationRepository
from partydesk.store.outgoing import OutgoingRepository
from partydesk.store.settings import SettingsRepository
from partydesk.store.statistics import StatisticsRepository

log = logging.getLogger(__name__)

TABLE_LABELS = {
    "enterprises": "Doanh nghiệp",
    "organisations": "Tổ chức đảng",
    "members": "Đảng viên",
    "member_events": "Biến động đảng viên",
    "terms": "Nhiệm kỳ",
    "committee_posts": "Chức vụ cấp ủy",
    "cadres": "Cán bộ phụ trách",
    "cadre_assignments": "Phân công phụ trách",
    "meetings": "Buổi sinh hoạt",
    "meeting_tasks": "Nhiệm vụ được giao",
    "meeting_addenda": "Đính chính biên bản",
    "meeting_drafts": "Bản nháp đang soạn",
    "briefings": "Hội nghị giao ban",
    "briefing_invitees": "Đơn vị dự giao ban",
    "briefing_issues": "Kiến nghị, vướng mắc",
    "outgoing_documents": "Văn bản đi",
    "office_terms": "Nhiệm kỳ cấp ủy",
    "holidays": "Ngày nghỉ lễ",
    "due_marks": "Việc đã xử lý, tạm hoãn",
    "evaluation_cycles": "Kỳ đánh giá, xếp loại",
    "member_evaluations": "Đánh giá đảng viên",
    "org_evaluations": "Đánh giá tổ chức đảng",
    "statistics_targets": "Chỉ tiêu thống kê",
}
COUNTED_TABLES = tuple(TABLE_LABELS)


class Store:
    """An open database. The connection is used from one thread at a time (``lock``).

    ``actor`` is who acts through it: the Windows user until someone logs in. ``read_only``
    is set when the file is open only to look at it (another PartyDesk holds it, or it cannot
    be written; ``read_only_reason`` says which, for the clerk); the services then refuse every
    write before it reaches SQLite. ``file_lock`` is this session's right to write the file,
    released when the store closes.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        read_only: bool = False,
        read_only_reason: str = "",
        file_lock: DatabaseLock | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.db = wrap(conn)
        self.lock = threading.RLock()
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.file_lock = file_lock
        self.actor = Actor.windows_user(current_user())
        self.audit = AuditRecorder(conn, lambda: self.actor, read_only=lambda: self.read_only)
        setattr(self.db, BEFORE_COMMIT, self.audit.before_commit)
        self.settings = SettingsRepository(self.db)
        self.enterprises = EnterpriseRepository(self.db)
        self.organisations = OrganisationRepository(self.db)
        self.members = MemberRepository(self.db)
        self.meetings = MeetingRepository(self.db)
        self.attention = AttentionFacts(self.db)
        self.briefings = BriefingRepository(self.db)
        self.outgoing = OutgoingRepository(self.db)
        self.holidays = HolidayRepository(self.db)
        self.due = DueRepository(self.db)
        self.evaluation = EvaluationRepository(self.db)
        self.statistics = StatisticsRepository(self.db)
        self._reader: sqlite_utils.Database | None = None

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def counts(self) -> dict[str, int]:
        return {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES
        }

    def reader(self) -> sqlite_utils.Database:
        """A read-only connection of its own, for long reads on a worker thread that must not
        hold ``lock`` (the overview's counts), so the window's reads never wait for them. It
        sees what is committed; its user serialises its own calls."""
        if self._reader is None:
            self._reader = wrap(connect_read_only(self.path))
        return self._reader

    def close(self) -> None:
        """Close the connection, then give up the right to write the file (in that order:
        another PartyDesk may start writing the moment the lock is free)."""
        if self._reader is not None:
            self._reader.conn.close()
        self.conn.close()
        if self.file_lock is not None:
            self.file_lock.release()


def open_store(
    path: Path, backups_dir: Path, *, read_only: bool = False, reason: str = ""
) -> Store:
    """Open an existing PartyDesk file, migrating it (after a backup) when it is older.

    For writing, the file's lock is taken first (``LockHeld`` if another PartyDesk holds it:
    the caller may then open it ``read_only``). A file or folder that cannot be written, or
    that cannot hold a lock file, is opened read-only instead, with the reason in
    ``Store.read_only_reason``. ``read_only=True`` opens it only to look at it (``reason``
    says why), without a lock.

    Raises ``OpenError``; in every error case the file is left exactly as it was (and no
    lock file is left beside it), except a failed migration, which is rolled back step by
    step and leaves a backup beside it.
    """
    path = Path(path)
    header = read_header(path)
    if header.user_version > LATEST_VERSION:
        raise OpenError(OpenErrorKind.TOO_NEW, path, str(header.user_version))
    if not read_only:
        reason = why_read_only(path) or ""
        read_only = bool(reason)
    if read_only:
        return _open_read_only(path, header.user_version, reason)
    try:
        file_lock = DatabaseLock.acquire(path)
    except LockUnavailable as exc:
        log.warning("Opening %s read-only: %s", path, exc.detail)
        return _open_read_only(path, header.user_version, exc.reason)
    try:
        _replay_own_journal(path, crashed_session=file_lock.previous is not None)
        quick_check_read_only(path)
        conn = connect(path)
        try:
            if schema_version(conn) < LATEST_VERSION:
                backup = backup_before_migration(conn, backups_dir, schema_version(conn))
                try:
                    migrate(conn)
                except MigrationError as exc:
                    raise OpenError(
                        OpenErrorKind.MIGRATION_FAILED, path, str(exc), backup=backup
                    ) from exc
        except BaseException:
            conn.close()
            raise
    except BaseException:
        file_lock.release()
        raise
    return Store(path, conn, file_lock=file_lock)


def _replay_own_journal(path: Path, *, crashed_session: bool) -> None:
    """Let SQLite roll back the write a crashed PartyDesk session left half done; refuse any
    other journal that SQLite would replay (``store.journal``). Runs under the file's lock."""
    finding = inspect_journal(path, APPLICATION_ID, crashed_session=crashed_session)
    if finding.verdict is JournalVerdict.FOREIGN:
        log.warning("Refusing %s: journal beside it (%s)", path, finding.why)
        raise JournalRefused(path, finding.path)
    if finding.verdict is JournalVerdict.OURS:
        log.warning("Rolling back the write left unfinished in %s by a crashed session", path)
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            # The first read replays the hot journal into the file and deletes it.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise OpenError(OpenErrorKind.CORRUPT, path, str(exc)) from exc
        finally:
            conn.close()


def _open_read_only(path: Path, version: int, reason: str) -> Store:
    if version < LATEST_VERSION:
        raise ReadOnlyNeedsUpgrade(path, version, reason)
    quick_check_read_only(path)
    log.info("Opening %s read-only: %s", path, reason)
    return Store(path, connect_read_only(path), read_only=True, read_only_reason=reason)


def create_store(path: Path) -> Store:
    """Create a new, empty PartyDesk file at ``path``, which must not exist yet, and hold it.

    The file's lock is taken before anything is written (``LockHeld`` / ``LockUnavailable``).
    The schema is built in a temporary file beside it and moved into place in one step, so a
    crash never leaves a half-made database under the chosen name.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    file_lock = DatabaseLock.acquire(path)
    try:
        if path.exists():  # made by someone else before the lock was ours
            raise FileExistsError(path)
        temp = path.with_name(path.name + ".tmp")
        temp.unlink(missing_ok=True)
        conn = connect(temp)
        try:
            migrate(conn)
        finally:
            conn.close()
        os.replace(temp, path)
        return Store(path, connect(path), file_lock=file_lock)
    except BaseException:
        file_lock.release()
        raise


@dataclass
class CheckReport:
    """What ``partydesk check`` prints: the file's health without changing it."""

    path: Path
    schema_version: int = 0
    integrity: list[str] = field(default_factory=list)
    foreign_key_problems: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    error: OpenError | None = None

    latest: int = LATEST_VERSION

    @staticmethod
    def table_label(table: str) -> str:
        return TABLE_LABELS.get(table, table)

    @property
    def healthy(self) -> bool:
        return (
            self.error is None
            and self.integrity == ["ok"]
            and self.foreign_key_problems == 0
            and self.schema_version == LATEST_VERSION
        )


def check_file(path: Path) -> CheckReport:
    """Inspect a file read-only: header, schema version, integrity, foreign keys, row counts."""
    report = CheckReport(Path(path))
    try:
        header = read_header(report.path)
        report.schema_version = header.user_version
        if header.user_version > LATEST_VERSION:
            raise OpenError(OpenErrorKind.TOO_NEW, report.path, str(header.user_version))
        # Read-only, without the file's lock: a reader may look at a file another PartyDesk
        # has open (SQLite's own locks keep the two consistent).
        conn = connect_read_only(report.path)
        try:
            report.integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            report.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            report.counts = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in COUNTED_TABLES
                if t in tables
            }
        except sqlite3.DatabaseError as exc:
            raise _check_refusal(report.path, exc) from exc
        finally:
            conn.close()
    except OpenError as exc:
        report.error = exc
    return report


def _check_refusal(path: Path, exc: sqlite3.DatabaseError) -> OpenError:
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return JournalRefused(path, path.with_name(path.name + "-journal"), read_only=True)
    return OpenError(OpenErrorKind.CORRUPT, path, str(exc))
