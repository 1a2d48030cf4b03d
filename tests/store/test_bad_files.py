"""The rest of the bad-file matrix (T5) and files that cannot be written (T4).

``test_open.py`` covers the basic matrix (0 bytes, random bytes, an XLSX renamed, another
application's SQLite file, truncated files, a flipped b-tree byte, a newer schema). Here: a
file cut to its 100-byte header, rollback journals beside the file (another database's must
never be replayed into ours; our own crash's must be), the same matrix opened read-only, the
check command on them, and files or folders that cannot be written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from partydesk.domain.accounts import AccessDenied
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.services.app import build_services
from partydesk.store import store as store_module
from partydesk.store.db import APPLICATION_ID, ReadOnlyNeedsUpgrade, why_read_only
from partydesk.store.errors import OpenError, OpenErrorKind
from partydesk.store.file_lock import lock_path_for
from partydesk.store.journal import (
    JournalRefused,
    JournalVerdict,
    inspect_journal,
    journal_path,
)
from partydesk.store.local_copy import CopyFailed, copy_database
from partydesk.store.store import check_file, create_store, open_store
from tests.common import TODAY
from tests.store.test_open import BAD_FILES, fingerprint, make_ours

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "schema_v1.sqlite"

# A child that opens the file through open_store (taking its lock), starts a transaction big
# enough to spill pages into the file, and dies mid-write: a real hot journal is left behind.
CRASH_MID_WRITE = """
import os, sys
from pathlib import Path
from partydesk.store.db import transaction
from partydesk.store.store import open_store
path = Path(sys.argv[1])
store = open_store(path, path.parent / "backups")
store.conn.execute("PRAGMA cache_size = 5")
with store.audit.labelled("Thử ghi dở"):
    writing = transaction(store.db)
    writing.__enter__()
    for i in range(int(sys.argv[2])):
        store.conn.execute("INSERT INTO settings VALUES (?, ?)", (f"crash-{i}", "x" * 400))
    os._exit(9)
"""


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def crash_mid_write(path: Path, rows: int = 2000) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CRASH_MID_WRITE, str(path), str(rows)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr
    assert journal_path(path).exists(), "the crash left no journal"


def settings_rows(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM settings").fetchone()[0]
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


# --- a file cut to its header ------------------------------------------------------------------


def test_file_cut_to_its_100_byte_header_is_refused_untouched(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "cut.sqlite")
    path.write_bytes(path.read_bytes()[:100])
    before = fingerprint(path)
    with pytest.raises(OpenError) as caught:
        open_store(path, tmp_path / "backups")
    assert caught.value.kind is OpenErrorKind.CORRUPT
    assert str(path) in caught.value.message
    assert fingerprint(path) == before  # no lock file, no journal left beside it


# --- rollback journals beside the file ---------------------------------------------------------


def foreign_journal_from_another_app(folder: Path) -> Path:
    """The hot journal of another application's database, left by its crash."""
    other = folder / "other-app.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 5'); c.execute('BEGIN IMMEDIATE')\n"
        "for i in range(2000): c.execute('INSERT INTO notes (text) VALUES (?)', ('y' * 400,))\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(other)], check=False, timeout=60)
    return journal_path(other)


def foreign_journal_from_another_partydesk_file(folder: Path) -> Path:
    """The hot journal of ANOTHER PartyDesk file: same application id, same page size."""
    other = make_ours(folder / "other-office.sqlite")
    store = open_store(other, folder / "backups")
    for i in range(5):  # a different history: its change counter is not ours
        store.conn.execute("INSERT INTO settings VALUES (?, '1')", [f"other-{i}"])
    store.close()
    crash_mid_write(other)
    return journal_path(other)


@pytest.mark.parametrize(
    "make_journal",
    [foreign_journal_from_another_app, foreign_journal_from_another_partydesk_file],
    ids=["another-app", "another-partydesk-file"],
)
def test_journal_copied_from_another_database_is_never_replayed(
    tmp_path: Path, make_journal
) -> None:
    source_folder = tmp_path / "elsewhere"
    source_folder.mkdir()
    journal = make_journal(source_folder)
    folder = tmp_path / "office"
    folder.mkdir()
    path = make_ours(folder / "ours.sqlite")
    rows = settings_rows(path)
    shutil.copyfile(journal, journal_path(path))
    before = fingerprint(path)
    journal_before = digest(journal_path(path))

    with pytest.raises(JournalRefused) as caught:
        open_store(path, tmp_path / "backups")

    assert caught.value.kind is OpenErrorKind.CORRUPT  # so the latest backup is offered
    message = caught.value.message
    assert str(path) in message and "ours.sqlite-journal" in message
    assert "đóng các chương trình khác" in message and "khôi phục" in message
    assert fingerprint(path) == before  # both files byte-identical, nothing else beside them
    assert digest(journal_path(path)) == journal_before
    assert settings_rows_after_removing_journal(path) == rows


def settings_rows_after_removing_journal(path: Path) -> int:
    """The data is still ours: read a copy without the foreign journal."""
    copy = path.with_name("copy-" + path.name)
    shutil.copyfile(path, copy)
    try:
        assert integrity(copy) == ["ok"]
        return settings_rows(copy)
    finally:
        copy.unlink()


def test_foreign_journal_is_refused_even_after_our_own_crash(tmp_path: Path) -> None:
    """Our session crashed (its details are still in the lock file), but the journal now beside
    the file is another PartyDesk file's: page 1 in it does not match our file."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    foreign = foreign_journal_from_another_partydesk_file(elsewhere)
    path = make_ours(tmp_path / "ours.sqlite")
    crash_mid_write(path, rows=2000)
    shutil.copyfile(foreign, journal_path(path))
    before, journal_before = digest(path), digest(journal_path(path))
    with pytest.raises(JournalRefused):
        open_store(path, tmp_path / "backups")
    assert digest(path) == before
    assert digest(journal_path(path)) == journal_before


def test_our_own_crash_is_rolled_back_at_the_next_open(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    rows = settings_rows(path)
    crash_mid_write(path)
    finding = inspect_journal(path, APPLICATION_ID, crashed_session=True)
    assert finding.verdict is JournalVerdict.OURS

    store = open_store(path, tmp_path / "backups")
    try:
        assert store.file_lock.previous is not None  # the crashed session, named
        assert store.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == rows
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    assert not journal_path(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "backups") == ["ours.sqlite"]


def test_a_crash_journal_without_the_crashed_session_named_is_refused(tmp_path: Path) -> None:
    """No lock file says a PartyDesk session crashed on this file (it was deleted, or the file
    and journal were copied here): the safe side is to replay nothing."""
    path = make_ours(tmp_path / "ours.sqlite")
    crash_mid_write(path)
    lock_path_for(path).unlink()
    before, journal_before = digest(path), digest(journal_path(path))
    with pytest.raises(JournalRefused):
        open_store(path, tmp_path / "backups")
    assert digest(path) == before and digest(journal_path(path)) == journal_before


def test_a_journal_sqlite_would_ignore_is_harmless(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    journal_path(path).write_bytes(b"\x00" * 512)
    assert inspect_journal(path, APPLICATION_ID, crashed_session=False).verdict is (
        JournalVerdict.IGNORED
    )
    store = open_store(path, tmp_path / "backups")
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_garbage_named_like_a_journal_is_refused(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    garbage = bytearray(os.urandom(4096))
    garbage[0] = 1  # a first byte SQLite would take for a hot journal
    journal_path(path).write_bytes(bytes(garbage))
    with pytest.raises(JournalRefused):
        open_store(path, tmp_path / "backups")


def test_read_only_open_and_check_refuse_a_hot_journal_untouched(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    crash_mid_write(path)
    before, journal_before = digest(path), digest(journal_path(path))
    with pytest.raises(JournalRefused) as caught:
        open_store(path, tmp_path / "backups", read_only=True, reason="xem")
    assert "chỉ mở để xem" in caught.value.message
    report = check_file(path)
    assert isinstance(report.error, JournalRefused) and not report.healthy
    assert digest(path) == before and digest(journal_path(path)) == journal_before


# --- the matrix, opened read-only ----------------------------------------------------------------


@pytest.mark.parametrize(("make", "kind"), BAD_FILES, ids=[m.__name__ for m, _ in BAD_FILES])
def test_read_only_open_refuses_each_bad_file_untouched(tmp_path: Path, make, kind) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = make(folder)
    before = fingerprint(path)
    with pytest.raises(OpenError) as caught:
        open_store(path, tmp_path / "backups", read_only=True, reason="xem")
    assert caught.value.kind is kind
    assert fingerprint(path) == before


def test_older_file_opened_read_only_is_refused_with_its_own_message(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    shutil.copyfile(FIXTURE_V1, path)
    before = fingerprint(path)
    with pytest.raises(ReadOnlyNeedsUpgrade) as caught:
        open_store(path, tmp_path / "backups", read_only=True, reason="tệp đang được mở")
    message = caught.value.message
    assert "cấu trúc dữ liệu cũ (số 1)" in message and "tệp đang được mở" in message
    assert fingerprint(path) == before
    assert not (tmp_path / "backups").exists()


# --- files and folders that cannot be written (T4) ------------------------------------------


def refuse_a_write(store) -> None:
    services = build_services(store, today=lambda: TODAY)
    with pytest.raises(AccessDenied) as caught:
        services.register.save_enterprise(
            Enterprise(name="Công ty Thử", type=EnterpriseType.PRIVATE)
        )
    assert caught.value.read_only
    assert "chỉ để xem" in str(caught.value)


def _modes_enforced() -> bool:
    """False for root with its usual capabilities: it may write anything, whatever the mode
    (run these under ``setpriv --bounding-set=-dac_override,-dac_read_search,-fowner``)."""
    if sys.platform == "win32":
        return False
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"")
        probe.chmod(0o444)
        return not os.access(probe, os.W_OK)


needs_modes = pytest.mark.skipif(not _modes_enforced(), reason="file modes not enforced (root)")


@needs_modes
def test_read_only_file_opens_read_only_with_the_reason(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    path.chmod(0o444)
    before = fingerprint(path)
    store = open_store(path, tmp_path / "backups")
    try:
        assert store.read_only and "không có quyền ghi vào tệp" in store.read_only_reason
        refuse_a_write(store)
    finally:
        store.close()
    assert fingerprint(path) == before


@needs_modes
def test_read_only_folder_opens_read_only_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "khoa"
    folder.mkdir()
    path = make_ours(folder / "ours.sqlite")
    folder.chmod(0o555)
    try:
        before = fingerprint(path)
        store = open_store(path, tmp_path / "backups")
        try:
            assert store.read_only and str(folder) in store.read_only_reason
            refuse_a_write(store)
        finally:
            store.close()
        assert fingerprint(path) == before
    finally:
        folder.chmod(0o755)


def test_a_file_that_cannot_be_written_opens_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as the chmod tests, for any user: the probe says the file cannot be written."""
    path = make_ours(tmp_path / "ours.sqlite")
    before = fingerprint(path)
    monkeypatch.setattr(store_module, "why_read_only", lambda p: "tệp có thuộc tính chỉ đọc")
    store = open_store(path, tmp_path / "backups")
    try:
        assert store.read_only and store.file_lock is None
        assert store.read_only_reason == "tệp có thuộc tính chỉ đọc"
        refuse_a_write(store)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("INSERT INTO settings VALUES ('y', '2')")
    finally:
        store.close()
    assert fingerprint(path) == before


def test_a_folder_that_cannot_hold_the_lock_opens_read_only(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    lock_path_for(path).mkdir()  # the lock file cannot be created
    store = open_store(path, tmp_path / "backups")
    try:
        assert store.read_only
        assert "không tạo được tệp khóa" in store.read_only_reason
        refuse_a_write(store)
    finally:
        store.close()


class FakeStat:
    def __init__(self, attributes: int) -> None:
        self.st_file_attributes = attributes


def test_write_probe_reads_the_windows_read_only_attribute(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"x")
    allowed = lambda p, mode: True  # noqa: E731
    assert (
        why_read_only(path, access=allowed, stat_of=lambda p: FakeStat(1), platform="win32")
        == "tệp có thuộc tính chỉ đọc (Read-only)"
    )
    assert (
        why_read_only(path, access=allowed, stat_of=lambda p: FakeStat(0), platform="win32") is None
    )
    denied_folder = lambda p, mode: p != tmp_path  # noqa: E731
    reason = why_read_only(path, access=denied_folder, stat_of=lambda p: FakeStat(0))
    assert reason == f"không có quyền ghi vào thư mục {tmp_path}"


# --- copying a file here from a risky place --------------------------------------------------


def test_copy_here_never_overwrites_and_leaves_the_source_untouched(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    source = make_ours(share / "dang-uy.sqlite")
    before = fingerprint(source)
    here = tmp_path / "here"
    here.mkdir()
    (here / "dang-uy.sqlite").write_bytes(b"someone's file")

    copy = copy_database(source, here)

    assert copy == here / "dang-uy (2).sqlite"
    assert (here / "dang-uy.sqlite").read_bytes() == b"someone's file"
    assert fingerprint(source) == before
    assert integrity(copy) == ["ok"] and settings_rows(copy) == settings_rows(source)
    assert sorted(p.name for p in here.iterdir()) == ["dang-uy (2).sqlite", "dang-uy.sqlite"]
    store = open_store(copy, tmp_path / "backups")
    store.close()


def test_copy_here_of_a_file_another_partydesk_is_writing(tmp_path: Path) -> None:
    source = make_ours(tmp_path / "share.sqlite")
    writer = open_store(source, tmp_path / "backups")
    try:
        copy = copy_database(source, tmp_path / "here")
    finally:
        writer.close()
    assert integrity(copy) == ["ok"]


@pytest.mark.parametrize(
    ("make", "kind"), BAD_FILES[:4], ids=[m.__name__ for m, _ in BAD_FILES[:4]]
)
def test_copy_here_refuses_a_bad_file_and_leaves_nothing(tmp_path: Path, make, kind) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    source = make(folder)
    with pytest.raises(OpenError) as caught:
        copy_database(source, tmp_path / "here")
    assert caught.value.kind is kind
    assert not (tmp_path / "here").exists()


def test_copy_here_failing_to_write_leaves_no_partial_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = make_ours(tmp_path / "share.sqlite")
    here = tmp_path / "here"
    import partydesk.store.local_copy as local_copy

    def no_space(part: Path, folder: Path, name: str) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(local_copy, "_claim", no_space)
    with pytest.raises(CopyFailed) as caught:
        copy_database(source, here)
    assert "No space left on device" in str(caught.value) and "không bị thay đổi" in str(
        caught.value
    )
    assert list(here.iterdir()) == []


def test_create_store_holds_its_file_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    store = create_store(path)
    try:
        assert store.file_lock is not None and store.file_lock.held
        with pytest.raises(FileExistsError):
            create_store(path)
    finally:
        store.close()
