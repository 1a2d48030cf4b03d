"""``partydesk --self-test`` (R19): it passes on this installation, each check fails with a
clear line when the dependency it proves is broken, the next checks still run, and without a
console (pythonw.exe) the lines go to ``selftest.log``."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from partydesk.paths import DataPaths
from partydesk.store import sqlite_gate
from partydesk.ui import selftest
from partydesk.ui.selftest import CHECKS, Workspace, require_bundled_fonts, run_self_test

ROOT = Path(__file__).resolve().parents[2]
TITLES = {check: title for title, check in CHECKS}


def passing(workspace: Workspace) -> str:
    return "vẫn chạy"


def failing(workspace: Workspace) -> str:
    raise KeyError("hỏng")


def run_only(monkeypatch, capsys, *checks) -> tuple[int, list[str]]:  # noqa: ANN001
    """Run the self-test with only ``checks`` (each followed by one that passes)."""
    chosen = [(TITLES.get(check, check.__name__), check) for check in checks]
    monkeypatch.setattr(selftest, "CHECKS", (*chosen, ("Sau đó", passing)))
    code = run_self_test()
    return code, capsys.readouterr().out.splitlines()


def line_of(lines: list[str], check) -> str:  # noqa: ANN001
    title = TITLES[check]
    return next(line for line in lines if line.startswith(("[ĐẠT] ", "[LỖI] ")) and title in line)


def assert_fails(code: int, lines: list[str], check, *words: str) -> None:  # noqa: ANN001
    line = line_of(lines, check)
    assert code == 1
    assert line.startswith("[LỖI] "), line
    for word in words:
        assert word in line, line
    # The failure did not stop the run.
    assert "[ĐẠT] Sau đó: vẫn chạy" in lines
    assert lines[-1].startswith("Kết quả: 1 kiểm tra bị lỗi")


def test_the_self_test_passes_on_this_installation(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "partydesk", "--data-dir", str(tmp_path), "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    for title, _check in CHECKS:
        assert any(line.startswith(f"[ĐẠT] {title}: ") for line in lines), title
    assert lines[-1].startswith("Kết quả: mọi kiểm tra đều đạt")
    # Where it ran, so CI shows the tree it tested.
    assert f"Gói partydesk: {ROOT / 'partydesk'}" in lines
    assert any(line.startswith("Python: ") and sys.executable in line for line in lines)
    assert f"Thư mục tài nguyên: {ROOT / 'resources'}" in lines
    assert any(line.startswith("Qt: 6.") for line in lines)
    sqlite_line = next(line for line in lines if line.startswith("SQLite: "))
    assert sqlite3.sqlite_version in sqlite_line and "ENABLE_FTS5" in sqlite_line


def test_an_unsuitable_sqlite_fails_the_gate_and_is_shown(monkeypatch, capsys) -> None:
    old = sqlite_gate.SqliteBuild("3.31.1", frozenset({"ENABLE_FTS4", "THREADSAFE=1"}))
    monkeypatch.setattr(sqlite_gate, "current_build", lambda: old)
    code, lines = run_only(monkeypatch, capsys, selftest.check_sqlite)
    assert_fails(code, lines, selftest.check_sqlite, "3.31.1 quá cũ", "SQLITE_ENABLE_FTS5")
    assert "SQLite: 3.31.1; tùy chọn biên dịch: ENABLE_FTS4, THREADSAFE=1" in lines


def test_a_missing_python_docx_fails_the_word_check(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    monkeypatch.delitem(sys.modules, "partydesk.reports.minutes_docx", raising=False)
    code, lines = run_only(monkeypatch, capsys, selftest.check_word)
    assert_fails(code, lines, selftest.check_word, "thiếu mô-đun docx")


def test_openpyxl_without_defusedxml_fails_the_excel_check(monkeypatch, capsys) -> None:
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    code, lines = run_only(monkeypatch, capsys, selftest.check_excel)
    assert_fails(code, lines, selftest.check_excel, "defusedxml")


def test_a_missing_tzdata_fails_the_calendar_check(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "tzdata", None)
    code, lines = run_only(monkeypatch, capsys, selftest.check_calendar)
    assert_fails(code, lines, selftest.check_calendar, "thiếu mô-đun tzdata")


def test_a_missing_holidays_package_fails_its_check(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)
    code, lines = run_only(monkeypatch, capsys, selftest.check_holidays)
    assert_fails(code, lines, selftest.check_holidays, "thiếu mô-đun holidays")


def test_a_hasher_that_accepts_any_password_fails_the_password_check(monkeypatch, capsys) -> None:
    from argon2 import PasswordHasher

    monkeypatch.setattr(PasswordHasher, "verify", lambda self, stored, password: True)
    code, lines = run_only(monkeypatch, capsys, selftest.check_passwords)
    assert_fails(code, lines, selftest.check_passwords, "mật khẩu sai")


def test_a_backup_that_cannot_be_copied_fails_the_backup_check(monkeypatch, capsys) -> None:
    from partydesk.store import backup

    def broken_copy(conn: sqlite3.Connection, target: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup, "copy_pages", broken_copy)
    code, lines = run_only(monkeypatch, capsys, selftest.check_backup)
    assert_fails(code, lines, selftest.check_backup, "BackupFailed")


def test_a_missing_qt_plugin_fails_the_plugin_check(monkeypatch, capsys) -> None:
    monkeypatch.setattr(selftest, "REQUIRED_PLUGINS", (("imageformats", "khong-co"),))
    code, lines = run_only(monkeypatch, capsys, selftest.check_qt_plugins)
    assert_fails(code, lines, selftest.check_qt_plugins, "thiếu trình cắm Qt “khong-co”")


def test_a_failing_database_is_reported_once_then_named_by_the_checks_needing_it(
    monkeypatch, capsys
) -> None:
    def fill(workspace: Workspace, services: object) -> None:
        raise KeyError("hỏng")

    monkeypatch.setattr(Workspace, "_fill", fill)
    checks = (selftest.check_database, selftest.check_word)
    monkeypatch.setattr(selftest, "CHECKS", tuple((TITLES[check], check) for check in checks))
    assert run_self_test() == 1
    lines = capsys.readouterr().out.splitlines()
    assert line_of(lines, selftest.check_database).endswith("KeyError: 'hỏng'")
    assert "không có dữ liệu kiểm tra (KeyError: 'hỏng')" in line_of(lines, selftest.check_word)


def test_without_a_console_the_lines_and_tracebacks_go_to_the_log(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(selftest, "CHECKS", (("Đạt", passing), ("Hỏng", failing)))
    assert run_self_test(log_dir=tmp_path / "logs") == 1
    log = (tmp_path / "logs" / "selftest.log").read_text(encoding="utf-8")
    assert log.startswith("PartyDesk ")
    assert "[ĐẠT] Đạt: vẫn chạy\n" in log
    assert "[LỖI] Hỏng: KeyError: 'hỏng'\n" in log
    assert "Traceback (most recent call last)" in log
    assert "Kết quả: 1 kiểm tra bị lỗi" in log


def test_without_a_console_or_log_dir_the_default_logs_folder_is_used(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(selftest, "data_paths", lambda: DataPaths(tmp_path))
    monkeypatch.setattr(selftest, "CHECKS", (("Đạt", passing),))
    assert run_self_test() == 0
    log = (tmp_path / "logs" / "selftest.log").read_text(encoding="utf-8")
    assert "Kết quả: mọi kiểm tra đều đạt" in log


def test_a_native_crash_would_dump_its_stack_where_the_lines_go(
    monkeypatch, tmp_path: Path
) -> None:
    import faulthandler

    calls = []
    monkeypatch.setattr(faulthandler, "is_enabled", lambda: False)
    monkeypatch.setattr(faulthandler, "enable", lambda file, all_threads: calls.append(file.name))
    monkeypatch.setattr(faulthandler, "disable", lambda: calls.append("tắt"))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(selftest, "CHECKS", (("Đạt", passing),))
    assert run_self_test(log_dir=tmp_path) == 0
    assert calls == [str(tmp_path / "selftest.log"), "tắt"]


def test_a_console_that_cannot_print_vietnamese_still_gets_every_line(monkeypatch) -> None:
    console = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", console)
    monkeypatch.setattr(selftest, "CHECKS", (("Đạt", passing),))
    assert run_self_test() == 0
    console.seek(0)
    text = console.read()
    assert "[\\u0110\\u1ea0T] \\u0110\\u1ea1t: v\\u1eabn ch\\u1ea1y" in text
    assert text.rstrip().splitlines()[-1].startswith("K\\u1ebft qu\\u1ea3")


def test_pdf_fonts_must_be_the_bundled_ones_embedded() -> None:
    embedded = b"<< /BaseFont /AAAAAA+LiberationSerif /FontFile2 5 0 R >>"
    assert require_bundled_fonts(embedded, "Thử") == 1
    with pytest.raises(AssertionError, match="Helvetica"):
        require_bundled_fonts(embedded + b"<< /BaseFont /Helvetica >>", "Thử")
    with pytest.raises(AssertionError, match="không có phông nào"):
        require_bundled_fonts(b"%PDF-1.4", "Thử")
    with pytest.raises(AssertionError, match="LiberationSerif"):
        require_bundled_fonts(b"<< /BaseFont /AAAAAA+LiberationSerif >>", "Thử")
