"""The backup engine: one-step copies that are verified before they get their name, manifests,
listing that never trusts a file blindly, and no half-written file after any failure (T3, T7)."""

from __future__ import annotations

import builtins
import errno
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path

import pytest

from partydesk.domain.backups import BackupKind
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.store import backup as engine
from partydesk.store.audit import chain_head
from partydesk.store.backup import (
    BackupFailed,
    BackupUnusable,
    backup_infos,
    backup_set_dir,
    create_backup,
    inspect_backup,
    make_backup,
    manifest_path,
    read_manifest,
    remove_stale_temps,
    write_backup,
)
from partydesk.store.errors import OpenError, OpenErrorKind
from partydesk.store.migrate import LATEST_VERSION
from partydesk.store.store import Store, create_store, open_store
from tests.store.test_migrations import database_at
from tests.store.test_open import (
    fingerprint,
    flipped_page,
    newer_schema,
    other_application,
    random_bytes,
    truncated,
    zero_bytes,
)

MOMENT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


def add_enterprise(store: Store, name: str) -> int:
    """One audited write, as a service would make it."""
    with store.lock, store.audit.labelled("Thêm doanh nghiệp (thử)"):
        return store.enterprises.save(Enterprise(name=name, type=EnterpriseType.PRIVATE))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = create_store(tmp_path / "van-phong.sqlite")
    for n in range(3):
        add_enterprise(store, f"Công ty Minh Phát {n}")
    yield store
    store.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    """The file's logical content (schema and rows), as SQL."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


# --- making a backup ------------------------------------------------------------------------


def test_a_backup_is_verified_and_describes_itself(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "out" / "sao-luu.sqlite"
    facts = write_backup(store.conn, target, lock=store.lock)
    assert facts.path == target and target.exists()
    assert facts.sha256 == sha(target) and facts.size == target.stat().st_size
    assert facts.schema_version == LATEST_VERSION
    assert facts.counts["enterprises"] == 3 and facts.counts["members"] == 0
    assert (facts.audit_head_seq, facts.audit_head_hash) == chain_head(store.conn)
    assert files_in(target.parent) == {"sao-luu.sqlite"}  # no temp, no journal left
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_the_manifest_records_every_field(store: Store, tmp_path: Path) -> None:
    info = make_backup(
        store.conn,
        tmp_path / "a.sqlite",
        BackupKind.MANUAL,
        MOMENT,
        lock=store.lock,
        source_name="van-phong.sqlite",
    )
    assert manifest_path(info.path).name == "a.sqlite.json"
    assert read_manifest(info.path) == info
    data = json.loads(manifest_path(info.path).read_text(encoding="utf-8"))
    assert data["kind"] == "thu-cong" and data["created"] == "2026-11-21T09:30:00+00:00"
    assert data["counts"]["enterprises"] == 3 and data["sha256"] == sha(info.path)


def test_a_backup_never_overwrites(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "a.sqlite"
    target.write_bytes(b"the clerk's own file")
    with pytest.raises(BackupFailed, match="không ghi đè"):
        write_backup(store.conn, target, lock=store.lock)
    assert target.read_bytes() == b"the clerk's own file"


def test_names_sort_by_time_and_sets_are_per_file(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "set"
    first = create_backup(
        store.conn, folder, BackupKind.DAILY, MOMENT, lock=store.lock, source_name="Văn phòng.db"
    )
    again = create_backup(
        store.conn, folder, BackupKind.DAILY, MOMENT, lock=store.lock, source_name="Văn phòng.db"
    )
    assert first.path.name == "van-phong_20261121-093000_hang-ngay.sqlite"
    assert again.path.name == "van-phong_20261121-093000_hang-ngay-2.sqlite"
    one = backup_set_dir(tmp_path, tmp_path / "a" / "partydesk.sqlite")
    other = backup_set_dir(tmp_path, tmp_path / "b" / "partydesk.sqlite")
    assert one != other and one.name.startswith("partydesk-") and one.parent == tmp_path
    assert one == backup_set_dir(tmp_path, tmp_path / "a" / ".." / "a" / "partydesk.sqlite")


def test_backup_while_another_thread_writes_every_10_ms(store: Store, tmp_path: Path) -> None:
    """T7: the one-step copy under the store's lock finishes while writes go on, and the copy
    is a consistent state that includes every write committed before it."""
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                written.append(add_enterprise(store, f"Công ty {len(written)}"))
                time.sleep(0.01)
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:
            time.sleep(0.005)
        facts = [
            write_backup(store.conn, tmp_path / f"b{n}.sqlite", lock=store.lock) for n in range(3)
        ]
        while len(written) < 15:
            time.sleep(0.005)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    counts = [f.counts["enterprises"] for f in facts]
    assert counts == sorted(counts) and counts[0] >= 3 + 5 and counts[-1] <= 3 + len(written)
    for f in facts:
        conn = sqlite3.connect(f.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every enterprise row has its audit row: no transaction was caught half-way
        enterprises = conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]
        audit_rows = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'Thêm doanh nghiệp (thử)'"
        ).fetchone()[0]
        assert enterprises == audit_rows
        conn.close()


# --- checking files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make", [zero_bytes, random_bytes, other_application, truncated, flipped_page]
)
def test_inspect_refuses_what_is_not_a_good_backup_and_writes_nothing(tmp_path: Path, make) -> None:
    path = make(tmp_path)
    before = fingerprint(path)
    with pytest.raises(BackupUnusable) as caught:
        inspect_backup(path)
    assert str(path) in str(caught.value) and caught.value.reason
    assert fingerprint(path) == before


def test_inspect_describes_a_newer_file_without_refusing_it(tmp_path: Path) -> None:
    facts = inspect_backup(newer_schema(tmp_path))
    assert facts.schema_version == LATEST_VERSION + 1  # the restore refuses it, not the listing


def test_a_failed_check_of_the_copy_leaves_nothing(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    def damaged(path: Path) -> engine.BackupFacts:
        raise BackupUnusable(path, "tệp bị hỏng (giả lập)")

    monkeypatch.setattr(engine, "inspect_backup", damaged)
    with pytest.raises(BackupFailed, match="không đạt kiểm tra"):
        write_backup(store.conn, tmp_path / "out" / "a.sqlite", lock=store.lock)
    assert files_in(tmp_path / "out") == set()


# --- listing ----------------------------------------------------------------------------------


def test_listing_flags_what_cannot_be_trusted_and_never_crashes(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "set"
    good = create_backup(
        store.conn, folder, BackupKind.MANUAL, MOMENT, lock=store.lock, source_name="x"
    )
    changed = create_backup(
        store.conn,
        folder,
        BackupKind.DAILY,
        MOMENT.replace(hour=10),
        lock=store.lock,
        source_name="x",
    )
    data = bytearray(changed.path.read_bytes())
    data[-10] ^= 0xFF  # same size, other bytes
    changed.path.write_bytes(bytes(data))
    shrunk = create_backup(
        store.conn,
        folder,
        BackupKind.DAILY,
        MOMENT.replace(hour=11),
        lock=store.lock,
        source_name="x",
    )
    shrunk.path.write_bytes(shrunk.path.read_bytes()[:4096])
    orphan = folder / "tu-chep.sqlite"
    orphan.write_bytes(good.path.read_bytes())
    foreign = other_application(folder)
    garbage = folder / "hong-mo-ta.sqlite"
    garbage.write_bytes(good.path.read_bytes())
    manifest_path(garbage).write_text("{không phải json", encoding="utf-8")
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu", encoding="utf-8")

    listed = {info.path.name: info for info in backup_infos(folder)}
    assert set(listed) == {
        p.name for p in (good.path, changed.path, shrunk.path, orphan, foreign, garbage)
    }
    assert not listed[good.path.name].damaged
    assert "SHA-256" in listed[changed.path.name].problem
    assert "kích thước" in listed[shrunk.path.name].problem
    assert "mô tả" in listed[orphan.name].problem and listed[orphan.name].kind is None
    assert "chương trình khác" in listed[foreign.name].problem
    assert "không đọc được" in listed[garbage.name].problem

    cheap = {info.path.name: info for info in backup_infos(folder, check_hashes=False)}
    assert not cheap[changed.path.name].damaged  # same size: only the hash can tell
    assert cheap[shrunk.path.name].damaged
    assert backup_infos(tmp_path / "khong-co") == []


def test_listing_is_newest_first(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "set"
    for hour in (9, 14, 11):
        create_backup(
            store.conn,
            folder,
            BackupKind.MANUAL,
            MOMENT.replace(hour=hour),
            lock=store.lock,
            source_name="x",
        )
    assert [b.created.hour for b in backup_infos(folder)] == [14, 11, 9]


def test_stale_temporary_files_are_cleared_once_old(tmp_path: Path) -> None:
    old = tmp_path / "a.sqlite.tmp"
    journal = tmp_path / "a.sqlite.tmp-journal"
    fresh = tmp_path / "b.sqlite.tmp"
    keep = tmp_path / "c.sqlite"
    for path in (old, journal, fresh, keep):
        path.write_bytes(b"x")
    hour_ago = time.time() - 2 * engine.STALE_TEMP_SECONDS
    for path in (old, journal, keep):
        os.utime(path, (hour_ago, hour_ago))
    remove_stale_temps(tmp_path)
    assert files_in(tmp_path) == {"b.sqlite.tmp", "c.sqlite"}


# --- the migration backup ---------------------------------------------------------------------


def test_an_upgrade_is_preceded_by_a_verified_backup_in_the_files_set(tmp_path: Path) -> None:
    old = database_at(tmp_path / "cu.sqlite", LATEST_VERSION - 1)
    before = dump(old)
    store = open_store(old, tmp_path / "backups")
    store.close()
    [info] = backup_infos(backup_set_dir(tmp_path / "backups", old))
    assert info.kind is BackupKind.BEFORE_MIGRATION and not info.damaged
    assert info.schema_version == LATEST_VERSION - 1 and dump(info.path) == before
    assert info.path.name.endswith(f"_truoc-nang-cap_v{LATEST_VERSION - 1}.sqlite")


# --- failures at every step (T3) ---------------------------------------------------------------


class FailOnCall:
    """Makes the k-th call, over a set of functions, raise ``OSError(ENOSPC)`` (SQLite's loop of
    the failure point, applied to our own I/O)."""

    def __init__(self, monkeypatch, k: int, targets: list[tuple[object, str]]) -> None:
        self.k = k
        self.calls = 0
        self.failed = False
        for owner, name in targets:
            # A module's ``open`` is the builtin, found at call time: shadow it in the module.
            original = getattr(owner, name, builtins.open if name == "open" else None)
            monkeypatch.setattr(owner, name, self._wrap(original), raising=False)

    def _wrap(self, original: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            self.calls += 1
            if self.calls == self.k:
                self.failed = True
                raise OSError(errno.ENOSPC, "No space left on device")
            return original(*args, **kwargs)

        return wrapper


ENGINE_IO = [
    (engine, "copy_pages"),
    (engine, "sha256_file"),
    (engine, "open"),
    (engine.os, "replace"),
    (engine.os, "fsync"),
]


@contextmanager
def failing_at(monkeypatch, k: int, targets: list[tuple[object, str]]) -> Iterator[FailOnCall]:
    with monkeypatch.context() as patch:
        yield FailOnCall(patch, k, targets)


def test_disk_full_at_every_step_leaves_no_partial_file(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "set"
    db_before = sha(store.path)
    k = 0
    while True:
        k += 1
        assert k < 50, "the backup never completed"
        with failing_at(monkeypatch, k, ENGINE_IO) as failure:
            try:
                info = create_backup(
                    store.conn, folder, BackupKind.MANUAL, MOMENT, lock=store.lock, source_name="x"
                )
            except BackupFailed as exc:
                assert failure.failed
                assert "ổ đĩa đầy" in str(exc)
                assert files_in(folder) == set(), f"left behind at step {k}"
                assert sha(store.path) == db_before
                continue
        assert not failure.failed
        break
    assert k > 5  # every step was reached once: copy, hash, open, fsync, replace…
    assert files_in(folder) == {info.path.name, manifest_path(info.path).name}
    assert backup_infos(folder)[0].problem == ""
    add_enterprise(store, "Sau khi đầy ổ đĩa")  # the store keeps working


def test_no_lock_needed_for_a_connection_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "rieng.sqlite"
    create_store(path).close()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    facts = write_backup(conn, tmp_path / "copy.sqlite", lock=nullcontext())
    conn.close()
    assert facts.counts["enterprises"] == 0


def test_a_real_sqlite_full_during_the_copy_is_a_clear_failure(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """The backup step itself hits SQLITE_FULL (the copy's size is capped, as a full disk
    would): the clerk reads "ổ đĩa đầy" and no partial copy is left."""
    real_connect = sqlite3.connect

    def capped(*args, **kwargs) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 5")
        return conn

    monkeypatch.setattr(engine.sqlite3, "connect", capped)
    folder = tmp_path / "out"
    with pytest.raises(BackupFailed, match="ổ đĩa đầy"):
        write_backup(store.conn, folder / "a.sqlite", lock=store.lock)
    monkeypatch.undo()
    assert files_in(folder) == set()


def test_no_upgrade_without_its_backup(tmp_path: Path, monkeypatch) -> None:
    old = database_at(tmp_path / "cu.sqlite", LATEST_VERSION - 1)
    before = sha(old)

    def full_disk(conn: sqlite3.Connection, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(engine, "copy_pages", full_disk)
    with pytest.raises(OpenError) as caught:
        open_store(old, tmp_path / "backups")
    assert caught.value.kind is OpenErrorKind.MIGRATION_FAILED
    assert "ổ đĩa đầy" in caught.value.message
    assert sha(old) == before
    assert files_in(backup_set_dir(tmp_path / "backups", old)) == set()
