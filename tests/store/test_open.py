"""Opening files never damages them: each bad file gets its own message and stays identical."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from partydesk.store.db import APPLICATION_ID
from partydesk.store.errors import OpenError, OpenErrorKind
from partydesk.store.migrate import LATEST_VERSION
from partydesk.store.store import check_file, create_store, open_store


def fingerprint(path: Path) -> tuple[str, int, set[str]]:
    """Content hash, mtime and the sidecar files next to it: "untouched" means all equal."""
    sidecars = {p.name for p in path.parent.iterdir() if p.name != path.name}
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, sidecars


def make_ours(path: Path) -> Path:
    store = create_store(path)
    store.conn.execute("INSERT INTO settings VALUES ('x', '1')")
    store.close()
    return path


def zero_bytes(folder: Path) -> Path:
    path = folder / "empty.sqlite"
    path.write_bytes(b"")
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "random.sqlite"
    path.write_bytes(os.urandom(4096))
    return path


def renamed_xlsx(folder: Path) -> Path:
    path = folder / "sheet.sqlite"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return path


def other_application(folder: Path) -> Path:
    path = folder / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('không phải PartyDesk')")
    conn.commit()
    conn.close()
    return path


def truncated(folder: Path) -> Path:
    path = make_ours(folder / "truncated.sqlite")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def truncated_header(folder: Path) -> Path:
    path = make_ours(folder / "short.sqlite")
    path.write_bytes(path.read_bytes()[:60])
    return path


def newer_schema(folder: Path) -> Path:
    path = make_ours(folder / "newer.sqlite")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


def flipped_page(folder: Path) -> Path:
    """One byte flipped inside a b-tree page: quick_check must notice."""
    path = make_ours(folder / "flipped.sqlite")
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'members'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    data[offset] = 0x7F  # not a valid b-tree page type
    path.write_bytes(bytes(data))
    return path


BAD_FILES = [
    (zero_bytes, OpenErrorKind.EMPTY_FILE),
    (random_bytes, OpenErrorKind.NOT_SQLITE),
    (renamed_xlsx, OpenErrorKind.NOT_SQLITE),
    (other_application, OpenErrorKind.OTHER_APPLICATION),
    (truncated, OpenErrorKind.CORRUPT),
    (truncated_header, OpenErrorKind.NOT_SQLITE),
    (newer_schema, OpenErrorKind.TOO_NEW),
    (flipped_page, OpenErrorKind.CORRUPT),
]


@pytest.mark.parametrize(("make", "kind"), BAD_FILES, ids=[m.__name__ for m, _ in BAD_FILES])
def test_bad_file_is_refused_with_its_own_message_and_left_untouched(
    tmp_path: Path, make, kind: OpenErrorKind
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = make(folder)
    before = fingerprint(path)
    with pytest.raises(OpenError) as caught:
        open_store(path, tmp_path / "backups")
    assert caught.value.kind is kind
    assert str(path) in caught.value.message
    assert fingerprint(path) == before
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_each_kind_has_a_distinct_vietnamese_message(tmp_path: Path) -> None:
    messages = {
        OpenError(kind, tmp_path / "x.sqlite", "chi tiết").message for kind in OpenErrorKind
    }
    assert len(messages) == len(OpenErrorKind)
    assert all("x.sqlite" in m for m in messages)


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "khong-co.sqlite"
    with pytest.raises(OpenError) as caught:
        open_store(path, tmp_path / "backups")
    assert caught.value.kind is OpenErrorKind.NOT_FOUND
    assert not path.exists()


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = other_application(tmp_path)
    before = fingerprint(path)
    with pytest.raises(FileExistsError):
        create_store(path)
    assert fingerprint(path) == before


def test_new_file_is_stamped_and_configured(tmp_path: Path) -> None:
    store = create_store(tmp_path / "new.sqlite")
    conn = store.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    store.close()
    assert [p.name for p in tmp_path.iterdir()] == ["new.sqlite"]


def test_reopening_our_file_works_and_check_is_healthy(tmp_path: Path) -> None:
    path = make_ours(tmp_path / "ours.sqlite")
    store = open_store(path, tmp_path / "backups")
    assert store.settings.get_value("x") == 1
    store.close()
    report = check_file(path)
    assert report.healthy
    assert report.counts["members"] == 0


@pytest.mark.parametrize(("make", "kind"), BAD_FILES, ids=[m.__name__ for m, _ in BAD_FILES])
def test_check_reports_bad_files_without_touching_them(tmp_path: Path, make, kind) -> None:
    path = make(tmp_path)
    before = fingerprint(path)
    report = check_file(path)
    assert not report.healthy
    assert report.error is not None
    assert fingerprint(path) == before
