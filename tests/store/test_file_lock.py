"""The lock file: one writer per database, the holder named, a crashed holder taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from partydesk.store.file_lock import (
    DatabaseLock,
    LockHeld,
    LockHolder,
    LockUnavailable,
    current_user,
    lock_path_for,
)
from partydesk.store.store import create_store, open_store

ROOT = Path(__file__).resolve().parents[2]


def test_lock_file_sits_beside_the_database_and_names_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    with DatabaseLock.acquire(db) as lock:
        assert lock.path == tmp_path / "du-lieu.sqlite.lock"
        assert lock.path.exists()
        holder = DatabaseLock.holder_of(db)
        assert holder is not None
        assert (holder.user, holder.host, holder.pid) == (
            current_user(),
            socket.gethostname(),
            os.getpid(),
        )
        assert holder.since.tzinfo is not None
        # The JSON starts at byte 16, outside the byte Windows locks.
        raw = lock.path.read_bytes()
        assert json.loads(raw[16:])["pid"] == os.getpid()


def test_second_acquire_is_refused_with_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    first = DatabaseLock.acquire(db)
    try:
        with pytest.raises(LockHeld) as caught:
            DatabaseLock.acquire(db)
        assert caught.value.holder is not None
        assert caught.value.holder.pid == os.getpid()
        assert caught.value.path == db
    finally:
        first.release()
    # Released: free again, and nothing is left behind.
    assert not lock_path_for(db).exists()
    DatabaseLock.acquire(db).release()


def test_lock_held_message_names_user_host_and_time(tmp_path: Path) -> None:
    holder = LockHolder(
        user="nguyenvana",
        host="PC-VANPHONG",
        pid=4242,
        since=datetime(2026, 11, 21, 8, 5).astimezone(),
        app_version="0.1.0",
    )
    message = LockHeld(holder, tmp_path / "dang-uy.sqlite").message
    assert message == (
        f"Tệp dữ liệu {tmp_path / 'dang-uy.sqlite'} đang được mở bởi nguyenvana trên máy "
        "PC-VANPHONG từ 08:05 ngày 21/11/2026."
    )
    unknown = LockHeld(None, tmp_path / "dang-uy.sqlite").message
    assert "PartyDesk khác" in unknown and "dang-uy.sqlite" in unknown


def test_holder_round_trips_through_json_and_rejects_garbage() -> None:
    holder = LockHolder.current()
    assert LockHolder.from_json(holder.to_json()) == holder
    for text in ("", "{", "[]", '{"user": "a"}', '{"user":"a","host":"b","pid":"x","since":"1"}'):
        assert LockHolder.from_json(text) is None


def test_clean_release_leaves_no_previous_holder(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    DatabaseLock.acquire(db).release()
    lock = DatabaseLock.acquire(db)
    assert lock.previous is None
    lock.release()


def test_releasing_twice_is_harmless(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    lock = DatabaseLock.acquire(db)
    lock.release()
    lock.release()
    assert not lock.held


def _crash_holding_the_lock(db: Path) -> int:
    """A child process takes the lock and dies without releasing it; returns its pid."""
    code = (
        "import os, sys; from pathlib import Path;"
        "from partydesk.store.file_lock import DatabaseLock;"
        "lock = DatabaseLock.acquire(Path(sys.argv[1]));"
        "print(os.getpid(), flush=True); os._exit(9)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 9, done.stderr
    return int(done.stdout.strip())


def test_a_crashed_holder_is_taken_over_without_deleting_anything(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    pid = _crash_holding_the_lock(db)
    assert lock_path_for(db).exists()  # the crash left its lock file behind…
    stale = DatabaseLock.holder_of(db)
    assert stale is not None and stale.pid == pid
    lock = DatabaseLock.acquire(db)  # …and the OS lock died with the process
    try:
        assert lock.previous is not None and lock.previous.pid == pid
        assert DatabaseLock.holder_of(db).pid == os.getpid()
    finally:
        lock.release()


def test_a_folder_that_cannot_hold_a_lock_file_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    lock_path_for(db).mkdir()  # something that cannot be opened as the lock file
    with pytest.raises(LockUnavailable) as caught:
        DatabaseLock.acquire(db)
    assert str(tmp_path) in caught.value.reason
    assert "du-lieu.sqlite" in str(caught.value)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX: a file deleted while locked")
def test_a_lock_file_deleted_by_its_releasing_holder_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between opening the lock file and locking it, its holder may release and delete it; the
    lock taken on the deleted file guards nothing, so acquire starts again on a new file."""
    import partydesk.store.file_lock as file_lock

    db = tmp_path / "du-lieu.sqlite"
    real_try_lock = file_lock._try_lock
    calls: list[int] = []

    def try_lock_after_the_holder_left(fd: int) -> None:
        if not calls:
            os.unlink(lock_path_for(db))  # the previous holder's release
        calls.append(fd)
        real_try_lock(fd)

    monkeypatch.setattr(file_lock, "_try_lock", try_lock_after_the_holder_left)
    lock = DatabaseLock.acquire(db)
    try:
        assert len(calls) == 2
        assert lock_path_for(db).exists()
        assert DatabaseLock.holder_of(db).pid == os.getpid()
    finally:
        lock.release()


def test_store_holds_the_lock_until_it_closes(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    store = create_store(db)
    with pytest.raises(LockHeld):
        open_store(db, tmp_path / "backups")
    with pytest.raises(LockHeld):
        DatabaseLock.acquire(db)
    store.close()
    assert not lock_path_for(db).exists()
    again = open_store(db, tmp_path / "backups")
    assert again.file_lock is not None and again.file_lock.held
    again.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["du-lieu.sqlite"]


def test_read_only_open_needs_no_lock_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite"
    writer = create_store(db)
    reader = open_store(db, tmp_path / "backups", read_only=True, reason="đang xem thử")
    try:
        assert reader.read_only and reader.file_lock is None
        assert reader.read_only_reason == "đang xem thử"
        with pytest.raises(Exception, match="readonly"):
            reader.conn.execute("INSERT INTO settings VALUES ('x', '1')")
    finally:
        reader.close()
    assert writer.file_lock.held  # the reader's close does not touch the writer's lock
    writer.close()
