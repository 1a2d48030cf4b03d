"""``partydesk backup`` and ``partydesk restore``: verified copies and safe restores, no window."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from partydesk.cli import EXIT_OK, EXIT_UNHEALTHY, main
from partydesk.domain.backups import BackupKind
from partydesk.paths import DataPaths
from partydesk.services.backups import backup_folder
from partydesk.store.backup import backup_infos, manifest_path, read_manifest
from partydesk.store.file_lock import DatabaseLock
from partydesk.store.store import create_store
from tests.store.test_backup import add_enterprise, dump
from tests.store.test_open import fingerprint, other_application


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "van-phong.sqlite"
    store = create_store(path)
    for n in range(2):
        add_enterprise(store, f"Công ty Minh Phát {n}")
    store.close()
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_to_a_file_prints_what_was_checked(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "sao-luu.sqlite"
    before = fingerprint(db)
    assert main(["backup", "--db", str(db), "-o", str(out)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Đã sao lưu {db} ra {out}"
    assert (
        lines[1].startswith("Kích thước: ")
        and f"{out.stat().st_size:,}".replace(",", ".") in lines[1]
    )
    assert lines[2] == f"SHA-256: {sha(out)}"
    assert "Kiểm tra toàn vẹn: tốt" in lines
    assert "  Doanh nghiệp: 2" in lines and "  Kiến nghị, vướng mắc: 0" in lines
    assert read_manifest(out).kind is BackupKind.MANUAL
    assert dump(out) == dump(db)
    assert fingerprint(db)[:2] == before[:2]  # only read (same bytes, same time)


def test_backup_into_a_folder_names_the_file(db: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    assert main(["backup", "--db", str(db), "-o", str(folder)]) == EXIT_OK
    [made] = backup_infos(folder)
    assert made.path.name.startswith("van-phong_") and not made.damaged
    assert str(made.path) in capsys.readouterr().out


def test_backup_refuses_to_overwrite(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "co-san.sqlite"
    out.write_bytes(b"giu nguyen")
    assert main(["backup", "--db", str(db), "-o", str(out)]) == EXIT_UNHEALTHY
    captured = capsys.readouterr()
    assert captured.out == "" and "không ghi đè" in captured.err and "Traceback" not in captured.err
    assert out.read_bytes() == b"giu nguyen"


def test_backup_of_a_file_that_is_not_ours(tmp_path: Path, capsys) -> None:
    foreign = other_application(tmp_path)
    out = tmp_path / "ra.sqlite"
    assert main(["backup", "--db", str(foreign), "-o", str(out)]) == EXIT_UNHEALTHY
    assert "chương trình khác" in capsys.readouterr().err
    assert not out.exists() and not manifest_path(out).exists()


def test_restore_keeps_the_previous_data_and_says_where(db: Path, tmp_path: Path, capsys) -> None:
    data_dir = tmp_path / "data"
    out = tmp_path / "sao-luu.sqlite"
    assert main(["backup", "--db", str(db), "-o", str(out)]) == EXIT_OK
    conn = sqlite3.connect(db)  # the data moves on after the backup
    conn.execute("DELETE FROM settings")
    conn.commit()
    conn.close()
    moved_on = dump(db)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "restore", "--db", str(db), str(out)])
    assert code == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Đã khôi phục {db} từ {out}"
    [saved] = backup_infos(backup_folder(DataPaths(data_dir), db))
    assert lines[1] == f"Dữ liệu trước khi khôi phục được giữ ở: {saved.path}"
    assert saved.kind is BackupKind.BEFORE_RESTORE and dump(saved.path) == moved_on
    assert dump(db) == dump(out)
    assert not DatabaseLock.holder_of(db)  # the lock taken for the restore is released


def test_restore_refuses_a_foreign_file_and_changes_nothing(
    db: Path, tmp_path: Path, capsys
) -> None:
    foreign = other_application(tmp_path)
    before = fingerprint(db)
    code = main(["--data-dir", str(tmp_path / "data"), "restore", "--db", str(db), str(foreign)])
    assert code == EXIT_UNHEALTHY
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert "không phải PartyDesk" in captured.err and "không bị thay đổi" in captured.err
    assert fingerprint(db) == before


def test_restore_refuses_while_partydesk_has_the_file_open(
    db: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "sao-luu.sqlite"
    assert main(["backup", "--db", str(db), "-o", str(out)]) == EXIT_OK
    capsys.readouterr()
    before = fingerprint(db)
    with DatabaseLock.acquire(db):
        code = main(["--data-dir", str(tmp_path / "data"), "restore", "--db", str(db), str(out)])
        after = fingerprint(db)
    assert code == EXIT_UNHEALTHY
    assert "đang được mở" in capsys.readouterr().err
    assert after[:2] == before[:2]  # same bytes, same time (the lock file is the only sidecar)
