"""Backups and restore: automatic and manual backups, copies to a USB drive, and restoring a file.

Each data file has its own set of backups (``backup_folder``), made with the verified engine of
``partydesk.store.backup`` and rotated by ``partydesk.domain.backups.kept``. ``BackupService``
works on an open store; ``latest_good``, ``restore_file`` and ``backup_file`` need none (app
start, the command line), and ``restore_file`` must run with the file closed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from partydesk.domain.accounts import Permission
from partydesk.domain.backups import (
    BackupInfo,
    BackupKind,
    Retention,
    kept,
)
from partydesk.domain.errors import ValidationError
from partydesk.paths import DataPaths
from partydesk.services.audit import audited, require
from partydesk.services.progress import Cancelled, Progress, check_cancel, no_progress
from partydesk.store.audit import chain_head
from partydesk.store.backup import (
    CHUNK_SIZE,
    BackupFacts,
    BackupFailed,
    BackupUnusable,
    ManifestError,
    backup_infos,
    backup_name,
    backup_set_dir,
    check_against_manifest,
    create_backup,
    fsync_dir,
    inspect_backup,
    make_backup,
    manifest_path,
    open_reason,
    os_reason,
    read_manifest,
    read_only_connection,
    remove_backup,
    remove_quietly,
    remove_stale_temps,
    sha256_file,
    sidecars,
    unique_path,
    write_manifest,
)
from partydesk.store.db import quick_check_read_only, read_header
from partydesk.store.errors import OpenError, StoreError
from partydesk.store.migrate import LATEST_VERSION
from partydesk.store.store import Store

log = logging.getLogger(__name__)

RETENTION_KEY = "backup.retention"
PART_SUFFIX = ".part"
SAFE_TO_REMOVE = "Bản sao đã được đọc lại và kiểm tra. Có thể rút ổ USB an toàn."
SAME_DISK = (
    "Bản sao đã được đọc lại và kiểm tra. Lưu ý: thư mục này nằm trên cùng ổ đĩa với dữ liệu; "
    "nếu ổ đĩa hỏng hoặc máy bị mất thì mất cả hai, nên hãy sao lưu thêm ra ổ USB."
)

Now = Callable[[], datetime]


def backup_folder(paths: DataPaths, db_path: Path) -> Path:
    """The folder holding the backups of the data file ``db_path``."""
    return backup_set_dir(paths.backups, db_path)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def size_text(size: int) -> str:
    """ "215,3 MB": a file size as a clerk reads it."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    if size < 1024**3:
        return f"{size / 1024**2:.1f} MB".replace(".", ",")
    return f"{size / 1024**3:.2f} GB".replace(".", ",")


@dataclass(frozen=True, slots=True)
class CopyResult:
    """A backup copied out of PartyDesk and read back: where, how big, its SHA-256."""

    path: Path
    size: int
    sha256: str
    message: str


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A finished restore. ``previous_saved_as`` is where the replaced data went (a backup in
    the file's set, or ``<name>.hong-<time>`` beside it when it could not be opened), or None
    when there was no file to replace."""

    restored_from: Path
    previous_saved_as: Path | None
    schema_version: int
    counts: dict[str, int]

    @property
    def message(self) -> str:
        text = f"Đã khôi phục dữ liệu từ bản sao lưu {self.restored_from}."
        if self.previous_saved_as is not None:
            text += f" Dữ liệu trước khi khôi phục được giữ ở {self.previous_saved_as}."
        return text


class RestoreFailed(StoreError):
    """The restore did not happen; the data file is exactly as it was."""

    def __init__(self, backup: Path, reason: str) -> None:
        self.backup = backup
        self.reason = reason
        super().__init__(
            f"Không khôi phục được từ tệp {backup}: {reason}. Tệp dữ liệu đang dùng không bị "
            "thay đổi."
        )


class BackupService:
    """Backups of the open store's file: make, list, rotate, copy out."""

    def __init__(self, store: Store, paths: DataPaths, now: Now) -> None:
        self._store = store
        self._paths = paths
        self._now = now

    @property
    def folder(self) -> Path:
        return backup_folder(self._paths, self._store.path)

    def _moment(self) -> datetime:
        return _aware(self._now())

    # --- settings ------------------------------------------------------------------------------

    def retention(self) -> Retention:
        with self._store.lock:
            stored = self._store.settings.get_value(RETENTION_KEY)
        if stored is None:
            return Retention()
        try:
            return Retention.from_dict(stored)
        except ValidationError as exc:
            log.warning("Stored backup retention ignored (%s): %r", exc, stored)
            return Retention()

    @audited("Sửa chế độ sao lưu", Permission.SETTINGS)
    def set_retention(self, retention: Retention) -> Retention:
        # A Retention is valid by construction; stored as plain counts.
        self._store.settings.set_value(RETENTION_KEY, retention.to_dict())
        return retention

    # --- making backups ------------------------------------------------------------------------

    def backup_now(self, kind: BackupKind = BackupKind.MANUAL) -> BackupInfo:
        """A verified backup of the open file now, then rotation; raises ``BackupFailed``."""
        store = self._store
        info = create_backup(
            store.conn,
            self.folder,
            kind,
            self._moment(),
            lock=store.lock,
            source_name=store.path.name,
        )
        self._rotate()
        self._record("Sao lưu dữ liệu", f"{kind.label}: {info.path.name}")
        return info

    def _record(self, action: str, summary: str) -> None:
        """Log the event in the audit chain. A backup is most needed when the data disk is in
        trouble, so a log that cannot be written fails nothing: it goes to the program's log."""
        try:
            with self._store.lock:
                self._store.audit.record_event(action, summary)
        except (sqlite3.Error, StoreError) as exc:
            log.warning("Audit event not written (%s): %s — %s", exc, action, summary)

    def backup_if_due(self) -> BackupInfo | None:
        """The daily backup: at most one a calendar day, none when nothing changed since the
        newest backup. A file open read-only changes nothing here: its writer backs it up."""
        if self._store.read_only:
            return None
        today = self._moment().date()
        listed = self.listed()
        if any(
            b.kind is BackupKind.DAILY
            and b.created.astimezone(self._moment().tzinfo).date() == today
            for b in listed
        ):
            return None
        newest = next((b for b in listed if not b.damaged), None)
        if newest is not None and not self.changed_since(newest):
            return None
        return self.backup_now(BackupKind.DAILY)

    def backup_on_close(self) -> BackupInfo | None:
        """The backup taken when the program closes, unless nothing changed since the newest
        (never for a file open read-only: nothing was changed through it)."""
        if self._store.read_only:
            return None
        newest = next((b for b in self.listed() if not b.damaged), None)
        if newest is not None and not self.changed_since(newest):
            return None
        return self.backup_now(BackupKind.ON_CLOSE)

    def changed_since(self, backup: BackupInfo) -> bool:
        """Whether the data differs from ``backup``, judged by the audit chain.

        Events that change no record (logins, exports, backups) do not count. A chain that is
        shorter than the backup's, or forked from it (a restore), counts as changed.
        """
        conn = self._store.conn
        with self._store.lock:
            if self._store.schema_version != backup.schema_version:
                return True
            head_seq, _ = chain_head(conn)
            if head_seq < backup.audit_head_seq:
                return True
            if backup.audit_head_seq and backup.audit_head_hash:
                row = conn.execute(
                    "SELECT row_hash FROM audit_log WHERE seq = ?", [backup.audit_head_seq]
                ).fetchone()
                if row is None or row[0] != backup.audit_head_hash:
                    return True
            later_change = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM audit_log WHERE seq > ? "
                "AND json_extract(diff_json, '$.counts') <> '{}')",
                [backup.audit_head_seq],
            ).fetchone()[0]
            outside = conn.execute("SELECT EXISTS (SELECT 1 FROM change_capture)").fetchone()[0]
        return bool(later_change or outside)

    def listed(self) -> list[BackupInfo]:
        """This file's backups, newest first, checked by size only (cheap: no file is read)."""
        return backup_infos(self.folder, check_hashes=False)

    def _rotate(self) -> None:
        """Delete the backups rotation no longer keeps; a failure here never fails a backup."""
        listed = self.listed()
        keep = kept(listed, self.retention(), self._moment())
        for info in listed:
            if info.path in keep:
                continue
            try:
                remove_backup(info.path)
            except OSError as exc:
                log.warning("Could not delete old backup %s: %s", info.path, exc)
        remove_stale_temps(self.folder)

    def backups(self) -> list[BackupInfo]:
        """Every backup of the open file, newest first, each checked against its SHA-256."""
        return backup_infos(self.folder)

    # --- copying out ---------------------------------------------------------------------------

    def copy_to_folder(
        self,
        folder: Path,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> CopyResult:
        """A fresh verified backup, copied to ``folder`` (a USB drive) and read back.

        The copy is written under a ``.part`` name, flushed to the device, renamed, then read
        back and compared by SHA-256; a mismatch deletes it and raises ``BackupFailed``. A
        cancel removes the partial copy. Needs the "backup" permission; logged with the
        destination.
        """
        require(self._store, Permission.BACKUP)
        folder = Path(folder)
        if not folder.is_dir():
            raise BackupFailed(folder, "không có thư mục này (ổ USB có thể đã bị rút ra)")
        progress(0, 0, "Đang tạo bản sao lưu mới…")
        info = self.backup_now(BackupKind.MANUAL)
        check_cancel(cancel)
        target = copy_verified(info, folder, progress, cancel)
        self._record("Sao lưu ra USB, thư mục", f"{target} ({size_text(info.size)})")
        message = (
            f"Đã sao lưu ra {target} (kích thước {size_text(info.size)}, mã kiểm tra "
            f"SHA-256 {info.sha256}). "
        )
        message += SAME_DISK if _same_disk(folder, self._store.path) else SAFE_TO_REMOVE
        return CopyResult(target, info.size, info.sha256, message)


def _same_disk(folder: Path, db_path: Path) -> bool:
    try:
        return os.stat(folder).st_dev == os.stat(db_path).st_dev
    except OSError:
        return False


def copy_verified(
    info: BackupInfo,
    folder: Path,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> Path:
    """Copy a backup and its manifest into ``folder``; read the copy back and compare.

    Returns the copy's path. Raises ``BackupFailed`` (nothing left behind) or ``Cancelled``.
    """
    target = unique_path(folder, info.path.name)
    part = target.with_name(target.name + PART_SUFFIX)
    total = info.size * 2  # written once, read back once
    moved = False
    try:
        _copy_chunks(info.path, part, lambda done: progress(done, total, _writing(folder)), cancel)
        os.replace(part, target)
        moved = True
        fsync_dir(folder)
        _drop_cached_pages(target)
        actual = sha256_file(
            target, lambda done: progress(info.size + done, total, "Đang đọc lại để kiểm tra…")
        )
        if actual != info.sha256:
            raise BackupFailed(
                target,
                "bản chép đọc lại không khớp mã kiểm tra SHA-256 (ổ đĩa có thể bị lỗi hoặc "
                "không đủ dung lượng thật); bản chép hỏng đã được xóa",
            )
        check_cancel(cancel)
        write_manifest(replace(info, path=target))
    except (BackupFailed, Cancelled):
        _remove_copy(part, target if moved else None)
        raise
    except OSError as exc:
        _remove_copy(part, target if moved else None)
        raise BackupFailed(target, os_reason(exc)) from exc
    progress(total, total, "Xong")
    return target


def _writing(folder: Path) -> str:
    return f"Đang chép ra {folder}…"


def _copy_chunks(
    source: Path, target: Path, progress: Callable[[int], None], cancel: threading.Event | None
) -> None:
    done = 0
    with open(source, "rb") as src, open(target, "xb") as out:
        while chunk := src.read(CHUNK_SIZE):
            check_cancel(cancel)
            out.write(chunk)
            done += len(chunk)
            progress(done)
        out.flush()
        os.fsync(out.fileno())


def _drop_cached_pages(path: Path) -> None:
    """Ask the OS to forget its cached copy, so the read-back comes from the drive (Linux).

    Windows has no equivalent short of unbuffered I/O; there the flush is what we rely on.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def _remove_copy(part: Path, target: Path | None) -> None:
    remove_quietly(part)
    if target is not None:
        remove_quietly(target, manifest_path(target))


# --- with no open store ----------------------------------------------------------------------


def latest_good(paths: DataPaths, db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` that still matches its manifest and can be restored."""
    for info in backup_infos(backup_folder(paths, db_path), check_hashes=False):
        if info.damaged or info.kind is None or info.schema_version > LATEST_VERSION:
            continue
        checked = check_against_manifest(info)
        if not checked.damaged:
            return checked
    return None


def describe_file(path: Path) -> BackupInfo:
    """A backup file the clerk picked anywhere: fully checked, described by its manifest when it
    has one. Raises ``BackupUnusable`` when it cannot be restored."""
    facts = inspect_backup(path)
    if facts.schema_version > LATEST_VERSION:
        raise BackupUnusable(path, _too_new(facts.schema_version))
    try:
        info = read_manifest(path)
    except ManifestError:
        return _info_from_facts(facts)
    if info.sha256 != facts.sha256:
        raise BackupUnusable(
            path, "mã kiểm tra SHA-256 không khớp tệp mô tả: tệp đã bị thay đổi hoặc bị hỏng"
        )
    return info


def _info_from_facts(facts: BackupFacts) -> BackupInfo:
    try:
        created = datetime.fromtimestamp(facts.path.stat().st_mtime).astimezone()
    except OSError:
        created = datetime.now().astimezone()
    return BackupInfo(
        path=facts.path,
        created=created,
        kind=None,
        size=facts.size,
        sha256=facts.sha256,
        app_version="",
        schema_version=facts.schema_version,
        counts=dict(facts.counts),
        audit_head_seq=facts.audit_head_seq,
        source_name="",
        audit_head_hash=facts.audit_head_hash,
    )


def _too_new(version: int) -> str:
    return (
        f"được tạo bởi phiên bản PartyDesk mới hơn (cấu trúc dữ liệu số {version}, chương "
        f"trình này đọc được đến số {LATEST_VERSION}); hãy cập nhật PartyDesk"
    )


def backup_file(db_path: Path, out: Path, now: Now | datetime) -> BackupInfo:
    """A verified backup of a closed (or idle) data file at ``out``: a new file, or a new name
    inside ``out`` when it is a folder. Never overwrites; raises ``OpenError`` for a file that
    is not PartyDesk's and ``BackupFailed`` for the rest."""
    db_path, out = Path(db_path), Path(out)
    read_header(db_path)
    created = _aware(now() if callable(now) else now)
    if out.is_dir():
        target = unique_path(out, backup_name(db_path.name, created, BackupKind.MANUAL))
    elif out.exists() or manifest_path(out).exists():
        raise BackupFailed(out, "đã có tệp cùng tên; PartyDesk không ghi đè")
    elif not out.parent.is_dir():
        raise BackupFailed(out, f"không có thư mục {out.parent}")
    else:
        target = out
    try:
        conn = read_only_connection(db_path)
    except sqlite3.Error as exc:
        raise BackupFailed(target, f"không mở được tệp dữ liệu ({exc})") from exc
    with closing(conn):
        return make_backup(
            conn,
            target,
            BackupKind.MANUAL,
            created,
            lock=nullcontext(),
            source_name=db_path.name,
        )


def restore_file(
    paths: DataPaths, db_path: Path, backup_path: Path, now: Now | datetime
) -> RestoreResult:
    """Replace the data file ``db_path`` with the backup ``backup_path`` (reliability §1.5).

    1. copy the backup to a temporary file beside the data file and check the copy: a
       PartyDesk file, undamaged, not newer than this program, and identical to its manifest;
    2. save the current file: a verified backup ("before restore") in its set, or, when it
       cannot be opened, a byte copy ``<name>.hong-<time>`` beside it (with its journal);
    3. remove the data file's journal, WAL and shared-memory files;
    4. move the checked copy over the data file in one step.

    The caller has closed every connection to ``db_path``. Raises ``RestoreFailed``; on
    failure the data file is exactly as it was.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    created = _aware(now() if callable(now) else now)
    if db_path.exists() and _same_file(db_path, backup_path):
        raise RestoreFailed(backup_path, "đây chính là tệp dữ liệu đang dùng")
    expected = _expected_hash(backup_path)
    temp = db_path.with_name(f"{db_path.name}.khoi-phuc{PART_SUFFIX}")
    remove_quietly(temp, *sidecars(temp))
    try:
        facts = _checked_copy(backup_path, temp, expected)
        previous = _save_current(paths, db_path, created)
        for sidecar in sidecars(db_path):
            sidecar.unlink(missing_ok=True)
        os.replace(temp, db_path)
    except OSError as exc:
        remove_quietly(temp, *sidecars(temp))
        raise RestoreFailed(backup_path, os_reason(exc)) from exc
    except BaseException:
        remove_quietly(temp, *sidecars(temp))
        raise
    try:
        fsync_dir(db_path.parent)
    except OSError as exc:  # the file is replaced already: only the rename's durability is late
        log.warning("Could not flush the folder of %s after the restore: %s", db_path, exc)
    log.info("Restored %s from %s; previous data kept at %s", db_path, backup_path, previous)
    return RestoreResult(backup_path, previous, facts.schema_version, dict(facts.counts))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _expected_hash(backup_path: Path) -> str | None:
    """The SHA-256 the backup's manifest records, if it has a readable one."""
    try:
        return read_manifest(backup_path).sha256
    except ManifestError:
        return None


def _checked_copy(backup_path: Path, temp: Path, expected: str | None) -> BackupFacts:
    """Copy the backup to ``temp`` and check the copy; raise ``RestoreFailed`` if unusable."""
    try:
        header = read_header(backup_path)
    except OpenError as exc:
        raise RestoreFailed(backup_path, open_reason(exc)) from exc
    if header.user_version > LATEST_VERSION:
        raise RestoreFailed(backup_path, _too_new(header.user_version))
    try:
        _copy_chunks(backup_path, temp, lambda _done: None, None)
    except OSError as exc:
        raise RestoreFailed(backup_path, f"không chép được bản sao lưu ({os_reason(exc)})") from exc
    try:
        facts = inspect_backup(temp)
    except BackupUnusable as exc:
        raise RestoreFailed(backup_path, exc.reason) from exc
    if expected is not None and facts.sha256 != expected:
        raise RestoreFailed(
            backup_path,
            "mã kiểm tra SHA-256 không khớp tệp mô tả kèm theo: bản sao lưu đã bị thay đổi "
            "hoặc bị hỏng",
        )
    if facts.schema_version > LATEST_VERSION:
        raise RestoreFailed(backup_path, _too_new(facts.schema_version))
    return facts


def _save_current(paths: DataPaths, db_path: Path, created: datetime) -> Path | None:
    """Keep the data about to be replaced; its path, or None when there is no file."""
    if not db_path.exists():
        return None
    try:
        read_header(db_path)
        quick_check_read_only(db_path)
        conn = read_only_connection(db_path)
    except (OpenError, sqlite3.Error) as exc:
        log.warning("Current file %s cannot be opened (%s); keeping a byte copy", db_path, exc)
        return _keep_damaged(db_path, created)
    with closing(conn):
        try:
            info = create_backup(
                conn,
                backup_folder(paths, db_path),
                BackupKind.BEFORE_RESTORE,
                created,
                lock=nullcontext(),
                source_name=db_path.name,
            )
        except BackupFailed as exc:
            raise RestoreFailed(
                db_path, f"không sao lưu được dữ liệu hiện tại trước khi khôi phục ({exc.reason})"
            ) from exc
    return info.path


def _keep_damaged(db_path: Path, created: datetime) -> Path:
    """``<name>.hong-<time>`` beside the file: a verified byte copy, with its journal if any."""
    stamp = created.strftime("%Y%m%d-%H%M%S")
    keep = db_path.with_name(f"{db_path.name}.hong-{stamp}")
    counter = 1
    while keep.exists():
        counter += 1
        keep = db_path.with_name(f"{db_path.name}.hong-{stamp}-{counter}")
    pairs = [(db_path, keep)] + [
        (side, keep_side)
        for side, keep_side in zip(sidecars(db_path), sidecars(keep), strict=True)
        if side.exists()
    ]
    written: list[Path] = []
    try:
        for source, copy in pairs:
            written.append(copy)
            _copy_chunks(source, copy, lambda _done: None, None)
            if sha256_file(copy) != sha256_file(source):
                raise OSError(f"bản chép {copy} không khớp tệp gốc")
        fsync_dir(db_path.parent)
    except OSError as exc:
        remove_quietly(*written)
        raise RestoreFailed(
            db_path,
            f"không giữ lại được bản chép của dữ liệu hiện tại ({os_reason(exc)})",
        ) from exc
    return keep
