"""The Store: one open PartyDesk database and its repositories; opening, creating, checking."""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from partydesk.domain.accounts import Actor
from partydesk.store.attention import AttentionFacts
from partydesk.store.audit import AuditRecorder
from partydesk.store.briefings import BriefingRepository
from partydesk.store.db import BEFORE_COMMIT, connect, quick_check_read_only, read_header, wrap
from partydesk.store.due import DueRepository
from partydesk.store.enterprises import EnterpriseRepository
from partydesk.store.errors import OpenError, OpenErrorKind
from partydesk.store.evaluation import EvaluationRepository
from partydesk.store.holidays import HolidayRepository
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
}
COUNTED_TABLES = tuple(TABLE_LABELS)


def windows_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment (a service account)
        return "?"


class Store:
    """An open database. The connection is used from one thread at a time (``lock``).

    ``actor`` is who acts through it: the Windows user until someone logs in. ``read_only``
    is set when the file is open only to look at it (another PartyDesk holds it, or it cannot
    be written); the services then refuse every write before it reaches SQLite.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.db = wrap(conn)
        self.lock = threading.RLock()
        self.read_only = read_only
        self.actor = Actor.windows_user(windows_user())
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

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def counts(self) -> dict[str, int]:
        return {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES
        }

    def close(self) -> None:
        self.conn.close()


def open_store(path: Path, backups_dir: Path) -> Store:
    """Open an existing PartyDesk file, migrating it (after a backup) when it is older.

    Raises ``OpenError``; in every error case the file is left exactly as it was, except a
    failed migration, which is rolled back step by step and leaves a backup beside it.
    """
    path = Path(path)
    header = read_header(path)
    if header.user_version > LATEST_VERSION:
        raise OpenError(OpenErrorKind.TOO_NEW, path, str(header.user_version))
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
    return Store(path, conn)


def create_store(path: Path) -> Store:
    """Create a new, empty PartyDesk file at ``path``, which must not exist yet.

    The schema is built in a temporary file beside it and moved into place in one step, so a
    crash never leaves a half-made database under the chosen name.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.unlink(missing_ok=True)
    conn = connect(temp)
    try:
        migrate(conn)
    finally:
        conn.close()
    os.replace(temp, path)
    return Store(path, connect(path))


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
        uri = f"{report.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
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
            raise OpenError(OpenErrorKind.CORRUPT, report.path, str(exc)) from exc
        finally:
            conn.close()
    except OpenError as exc:
        report.error = exc
    return report
