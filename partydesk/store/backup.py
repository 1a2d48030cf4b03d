"""Making and checking backup files of a PartyDesk database (reliability D3, §1.5).

A backup is made in one step with SQLite's backup API from the app's own connection, under the
store's lock, into a temporary file beside its final name. The copy is then checked read-only
(``integrity_check``, foreign keys, ``application_id``, row counts, audit chain head, SHA-256)
and only then moved into place; a manifest ``<name>.json`` beside it records what was found.
Any failure removes what was written, so a half-made backup never lies under a backup's name.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from partydesk._version import __version__
from partydesk.domain.backups import BackupInfo, BackupKind, slug
from partydesk.store.audit import GENESIS_HASH, chain_head
from partydesk.store.db import APPLICATION_ID, read_header, read_only_uri
from partydesk.store.errors import OpenError, OpenErrorKind, StoreError
from partydesk.store.store import COUNTED_TABLES

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite"
MANIFEST_SUFFIX = ".json"
TEMP_SUFFIX = ".tmp"
MANIFEST_FORMAT = 1
CHUNK_SIZE = 1 << 20
# Leftovers of a backup cut short by a crash or power cut are removed after this long.
STALE_TEMP_SECONDS = 3600


class BackupFailed(StoreError):
    """A backup could not be made; nothing half-written is left and the data is unchanged."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"Không tạo được bản sao lưu {path}: {reason}. Dữ liệu đang dùng không bị ảnh "
            "hưởng; phần đã ghi dở (nếu có) đã được xóa."
        )


class BackupUnusable(StoreError):
    """A file that cannot serve as a PartyDesk backup: missing, foreign, damaged."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"Tệp {path} không dùng được làm bản sao lưu: {reason}.")


@dataclass(frozen=True, slots=True)
class BackupFacts:
    """What reading a backup file found; only files that passed every check get one."""

    path: Path
    size: int
    sha256: str
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict, hash=False)
    audit_head_seq: int = 0
    audit_head_hash: str = GENESIS_HASH


def os_reason(exc: OSError) -> str:
    """A clerk's words for an I/O failure."""
    code = exc.errno
    if code == errno.ENOSPC:
        return "ổ đĩa đầy"
    if code in (errno.EACCES, errno.EPERM):
        return "không có quyền ghi vào thư mục này (hoặc tệp đang bị chương trình khác giữ)"
    if code == errno.EROFS:
        return "ổ đĩa hoặc thư mục chỉ cho đọc"
    if code == errno.ENOENT:
        return "không còn tìm thấy thư mục hoặc ổ đĩa (có thể ổ đã bị rút ra)"
    if code == errno.EIO:
        return "lỗi đọc ghi ổ đĩa"
    return exc.strerror or str(exc)


_OPEN_REASONS = {
    OpenErrorKind.NOT_FOUND: "không tìm thấy tệp",
    OpenErrorKind.EMPTY_FILE: "tệp trống (0 byte)",
    OpenErrorKind.NOT_SQLITE: "không phải tệp dữ liệu PartyDesk",
    OpenErrorKind.OTHER_APPLICATION: "là cơ sở dữ liệu của chương trình khác, không phải PartyDesk",
    OpenErrorKind.CORRUPT: "tệp bị hỏng",
    OpenErrorKind.TOO_NEW: "được tạo bởi phiên bản PartyDesk mới hơn",
}


def open_reason(exc: OpenError) -> str:
    reason = _OPEN_REASONS.get(exc.kind, "không đọc được tệp")
    return f"{reason} ({exc.detail})" if exc.detail else reason


# --- names and folders ------------------------------------------------------------------------


def backup_set_dir(backups_root: Path, db_path: Path) -> Path:
    """The folder of one data file's backups: its name and a short hash of its full path, so two
    files called ``partydesk.sqlite`` in different folders never share (or rotate) a set."""
    key = os.path.normcase(str(Path(db_path).resolve()))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]  # a name, not a security hash
    return Path(backups_root) / f"{slug(Path(db_path).stem)}-{digest}"


def backup_name(source_name: str, created: datetime, kind: BackupKind, note: str = "") -> str:
    """``partydesk_20261121-143005_thu-cong.sqlite``: sorts by time, says what it is."""
    parts = [slug(Path(source_name).stem), created.strftime("%Y%m%d-%H%M%S"), kind.value]
    if note:
        parts.append(slug(note))
    return "_".join(parts) + BACKUP_SUFFIX


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``… when taken (with its manifest)."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 1
    while candidate.exists() or manifest_path(candidate).exists():
        counter += 1
        candidate = folder / f"{stem}-{counter}{suffix}"
    return candidate


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def temp_path(target: Path) -> Path:
    return target.with_name(target.name + TEMP_SUFFIX)


def sidecars(path: Path) -> list[Path]:
    """The files SQLite may keep beside a database: its rollback journal, WAL and shared memory."""
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def remove_quietly(*paths: Path) -> None:
    """Delete leftovers of a failed step; a file that cannot be deleted is logged, not raised,
    so the original failure is the one reported."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not remove %s: %s", path, exc)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    done = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done)
    return digest.hexdigest()


# --- checking ---------------------------------------------------------------------------------


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A ``mode=ro`` connection for reading a file we do not trust yet (reliability §1.8)."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        conn.execute("PRAGMA mmap_size = 0")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def inspect_backup(path: Path) -> BackupFacts:
    """Check a backup file read-only and describe it; raise ``BackupUnusable`` if it fails.

    Checks, in order: the header (a PartyDesk file, not empty, not foreign), the SHA-256 of its
    bytes, ``integrity_check`` (must be exactly ``ok``), ``foreign_key_check`` (must be empty),
    ``application_id``; then reads the schema version, the row counts and the audit chain head.
    The file is never written.
    """
    path = Path(path)
    try:
        read_header(path)
    except OpenError as exc:
        raise BackupUnusable(path, open_reason(exc)) from exc
    try:
        size = path.stat().st_size
        sha = sha256_file(path)
    except OSError as exc:
        raise BackupUnusable(path, f"không đọc được tệp ({os_reason(exc)})") from exc
    try:
        with closing(read_only_connection(path)) as conn:
            return _describe(conn, path, size, sha)
    except sqlite3.DatabaseError as exc:
        raise BackupUnusable(path, f"tệp bị hỏng ({exc})") from exc


def _describe(conn: sqlite3.Connection, path: Path, size: int, sha: str) -> BackupFacts:
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        raise BackupUnusable(path, f"tệp bị hỏng (kiểm tra toàn vẹn: {'; '.join(integrity[:3])})")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise BackupUnusable(path, f"có {len(problems)} bản ghi sai liên kết (khóa ngoại)")
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise BackupUnusable(path, _OPEN_REASONS[OpenErrorKind.OTHER_APPLICATION])
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in COUNTED_TABLES
        if table in tables
    }
    head_seq, head_hash = chain_head(conn) if "audit_log" in tables else (0, GENESIS_HASH)
    return BackupFacts(path, size, sha, version, counts, head_seq, head_hash)


# --- writing ----------------------------------------------------------------------------------


def copy_pages(conn: sqlite3.Connection, target: Path) -> None:
    """The database, copied whole in one step (``pages=-1``): a stepwise copy restarts forever
    while another connection writes (§1.5), and one step sees one consistent state."""
    dst = sqlite3.connect(str(target))
    try:
        # The settings every PartyDesk connection carries (T15); FULL makes the copy durable.
        for pragma in (
            "PRAGMA journal_mode = DELETE",
            "PRAGMA synchronous = FULL",
            "PRAGMA trusted_schema = OFF",
            "PRAGMA cell_size_check = ON",
        ):
            dst.execute(pragma)
        conn.backup(dst, pages=-1)
    finally:
        dst.close()


def write_backup(
    conn: sqlite3.Connection, target: Path, *, lock: AbstractContextManager
) -> BackupFacts:
    """Copy the database of ``conn`` to ``target`` (which must not exist) and verify the copy.

    The pages are copied under ``lock`` (the store's lock, so no write of another thread is
    half-way); the check runs outside it on the copy, so the clerk can keep working. Raises
    ``BackupFailed``; on any failure nothing is left at ``target`` or beside it.
    """
    target = Path(target)
    temp = temp_path(target)
    moved = False
    try:
        if target.exists():
            raise BackupFailed(target, "đã có tệp cùng tên; PartyDesk không ghi đè")
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_quietly(temp, *sidecars(temp))
        with lock:
            copy_pages(conn, temp)
        facts = inspect_backup(temp)
        os.replace(temp, target)
        moved = True
        fsync_dir(target.parent)
    except BackupFailed:
        _undo(temp, target if moved else None)
        raise
    except BackupUnusable as exc:
        _undo(temp, target if moved else None)
        raise BackupFailed(target, f"bản sao vừa tạo không đạt kiểm tra ({exc.reason})") from exc
    except OSError as exc:
        _undo(temp, target if moved else None)
        raise BackupFailed(target, os_reason(exc)) from exc
    except sqlite3.Error as exc:
        _undo(temp, target if moved else None)
        raise BackupFailed(target, _sqlite_reason(exc)) from exc
    return replace(facts, path=target)


def _sqlite_reason(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return "ổ đĩa đầy"
    if name == "SQLITE_READONLY_ROLLBACK":
        return (
            "tệp dữ liệu còn dở một lần ghi (có tệp -journal bên cạnh); hãy mở tệp bằng "
            "PartyDesk một lần rồi sao lưu lại"
        )
    if name.startswith("SQLITE_READONLY") or name.startswith("SQLITE_CANTOPEN"):
        return "không ghi được vào thư mục sao lưu"
    return f"lỗi cơ sở dữ liệu: {exc}"


def _undo(temp: Path, target: Path | None) -> None:
    remove_quietly(temp, *sidecars(temp))
    if target is not None:
        remove_quietly(target, manifest_path(target))


def make_backup(
    conn: sqlite3.Connection,
    target: Path,
    kind: BackupKind,
    created: datetime,
    *,
    lock: AbstractContextManager,
    source_name: str,
) -> BackupInfo:
    """A verified backup at ``target`` with its manifest; both or neither are left."""
    facts = write_backup(conn, target, lock=lock)
    info = BackupInfo(
        path=facts.path,
        created=created,
        kind=kind,
        size=facts.size,
        sha256=facts.sha256,
        app_version=__version__,
        schema_version=facts.schema_version,
        counts=dict(facts.counts),
        audit_head_seq=facts.audit_head_seq,
        source_name=source_name,
        audit_head_hash=facts.audit_head_hash,
    )
    try:
        write_manifest(info)
    except OSError as exc:
        _undo(temp_path(target), target)
        raise BackupFailed(target, os_reason(exc)) from exc
    return info


def create_backup(
    conn: sqlite3.Connection,
    folder: Path,
    kind: BackupKind,
    created: datetime,
    *,
    lock: AbstractContextManager,
    source_name: str,
    note: str = "",
) -> BackupInfo:
    """A new verified backup in ``folder``, named after the source, the time and the kind."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFailed(folder, os_reason(exc)) from exc
    target = unique_path(folder, backup_name(source_name, created, kind, note))
    return make_backup(conn, target, kind, created, lock=lock, source_name=source_name)


# --- manifests --------------------------------------------------------------------------------


def manifest_text(info: BackupInfo) -> str:
    payload = {
        "format": MANIFEST_FORMAT,
        "application": "PartyDesk",
        "file": info.path.name,
        "created": info.created.isoformat(timespec="seconds"),
        "kind": info.kind.value if info.kind is not None else None,
        "size": info.size,
        "sha256": info.sha256,
        "app_version": info.app_version,
        "schema_version": info.schema_version,
        "counts": info.counts,
        "audit_head_seq": info.audit_head_seq,
        "audit_head_hash": info.audit_head_hash,
        "source_name": info.source_name,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_manifest(info: BackupInfo) -> Path:
    """Write ``<backup>.json`` atomically (temp, fsync, rename)."""
    path = manifest_path(info.path)
    temp = temp_path(path)
    try:
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(manifest_text(info))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        remove_quietly(temp)
    return path


class ManifestError(ValueError):
    """A manifest that is missing or cannot be read; the message is the clerk's."""


def read_manifest(path: Path) -> BackupInfo:
    """The BackupInfo the manifest beside backup ``path`` records (not checked against the file).

    Raises ``ManifestError`` when there is none or it cannot be understood.
    """
    path = Path(path)
    try:
        data = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError("không có tệp mô tả kèm theo (.json)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"tệp mô tả kèm theo không đọc được ({exc})") from exc
    try:
        created = datetime.fromisoformat(data["created"])
        if created.tzinfo is None:
            created = created.astimezone()
        kind = BackupKind(data["kind"]) if data.get("kind") else None
        return BackupInfo(
            path=path,
            created=created,
            kind=kind,
            size=int(data["size"]),
            sha256=str(data["sha256"]),
            app_version=str(data.get("app_version", "")),
            schema_version=int(data.get("schema_version", 0)),
            counts={str(k): int(v) for k, v in dict(data.get("counts", {})).items()},
            audit_head_seq=int(data.get("audit_head_seq", 0)),
            source_name=str(data.get("source_name", "")),
            audit_head_hash=str(data.get("audit_head_hash", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ManifestError(f"tệp mô tả kèm theo không hợp lệ ({exc})") from exc


# --- listing ----------------------------------------------------------------------------------


def undescribed(path: Path, problem: str) -> BackupInfo:
    """A file in a backup folder that no valid manifest describes: listed, flagged, not trusted."""
    try:
        stat = path.stat()
        size, created = stat.st_size, datetime.fromtimestamp(stat.st_mtime).astimezone()
    except OSError:
        size, created = 0, datetime.fromtimestamp(0).astimezone()
    version = 0
    try:
        version = read_header(path).user_version
    except OpenError as exc:
        problem = f"{problem}; {open_reason(exc)}"
    return BackupInfo(
        path=path,
        created=created,
        kind=None,
        size=size,
        sha256="",
        app_version="",
        schema_version=version,
        source_name="",
        problem=problem,
    )


def check_against_manifest(info: BackupInfo, *, check_hash: bool = True) -> BackupInfo:
    """The same info with ``problem`` set when the file no longer matches its manifest."""
    try:
        size = info.path.stat().st_size
    except OSError as exc:
        return replace(info, problem=f"không đọc được tệp ({os_reason(exc)})")
    if size != info.size:
        return replace(
            info, problem="kích thước tệp khác với lúc tạo: tệp đã bị thay đổi hoặc bị hỏng"
        )
    if check_hash:
        try:
            actual = sha256_file(info.path)
        except OSError as exc:
            return replace(info, problem=f"không đọc được tệp ({os_reason(exc)})")
        if actual != info.sha256:
            return replace(
                info, problem="mã kiểm tra SHA-256 không khớp: tệp đã bị thay đổi hoặc bị hỏng"
            )
    return info


def backup_infos(folder: Path, *, check_hashes: bool = True) -> list[BackupInfo]:
    """Every backup file in ``folder``, newest first, each checked against its manifest.

    A file without a valid manifest, or whose size or SHA-256 no longer matches it, is listed
    with ``problem`` set instead of being hidden, so the clerk sees it and why. Hashing reads
    every file; ``check_hashes=False`` compares sizes only (for rotation and the daily check).
    Never raises for a foreign or unreadable file.
    """
    folder = Path(folder)
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == BACKUP_SUFFIX and p.is_file())
    except OSError:
        return []
    infos = []
    for path in files:
        try:
            info = check_against_manifest(read_manifest(path), check_hash=check_hashes)
        except ManifestError as exc:
            info = undescribed(path, str(exc))
        infos.append(info)
    infos.sort(key=lambda b: b.created, reverse=True)
    return infos


def remove_backup(path: Path) -> None:
    """Delete a backup and its manifest (rotation); raises OSError when it cannot."""
    Path(path).unlink(missing_ok=True)
    manifest_path(Path(path)).unlink(missing_ok=True)


def remove_stale_temps(folder: Path, now: float | None = None) -> None:
    """Leftovers of a backup cut short by a crash (``*.tmp`` and their journals), once old."""
    now = time.time() if now is None else now
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return
    for path in entries:
        if TEMP_SUFFIX not in path.suffixes and not path.name.endswith(TEMP_SUFFIX + "-journal"):
            continue
        try:
            if now - path.stat().st_mtime > STALE_TEMP_SECONDS:
                path.unlink()
        except OSError as exc:
            log.warning("Could not remove stale %s: %s", path, exc)
