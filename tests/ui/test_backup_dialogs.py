"""The backup windows: copy to a USB folder, choose a backup to restore, retention settings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from partydesk.domain.accounts import Actor, Role
from partydesk.domain.backups import BackupKind, Retention
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices
from partydesk.services.backups import BackupService
from partydesk.store.backup import backup_infos, manifest_path
from partydesk.ui import messages
from partydesk.ui.backup import folder_dialog, restore_dialog, retention_box
from partydesk.ui.backup.folder_dialog import backup_to_folder
from partydesk.ui.backup.restore_dialog import (
    COUNT_COLUMNS,
    GOOD,
    HEADERS,
    STATUS_COLUMN,
    UNUSABLE,
    RestoreDialog,
    choose_backup,
)
from partydesk.ui.backup.retention_box import RetentionBox
from tests.store.test_backup import add_enterprise
from tests.store.test_open import other_application


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


@pytest.fixture
def notices(monkeypatch) -> list[tuple[str, str, str]]:
    shown: list[tuple[str, str, str]] = []
    for name in ("show_info", "show_warning", "show_error"):
        monkeypatch.setattr(
            messages,
            name,
            lambda _p, title, text, *_a, _name=name, **_k: shown.append((_name, title, text)),
        )
    return shown


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def backups(services: AppServices, tmp_path: Path, clock: Clock) -> BackupService:
    add_enterprise(services.store, "Công ty Minh Phát")
    return BackupService(services.store, DataPaths(tmp_path / "data"), clock)


def cells(dialog: RestoreDialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


# --- restore dialog ---------------------------------------------------------------------------


@pytest.fixture
def three(backups: BackupService, services: AppServices, clock: Clock) -> list:
    """Three backups, newest first; the middle one damaged after it was made."""
    first = backups.backup_now(BackupKind.DAILY)
    clock.moment = clock.moment.replace(hour=12)
    add_enterprise(services.store, "Công ty thứ hai")
    middle = backups.backup_now(BackupKind.ON_CLOSE)
    clock.moment = clock.moment.replace(hour=15)
    newest = backups.backup_now(BackupKind.MANUAL)
    data = bytearray(middle.path.read_bytes())
    data[-3] ^= 0xFF
    middle.path.write_bytes(bytes(data))
    listed = backups.backups()
    assert [b.path for b in listed] == [newest.path, middle.path, first.path]
    return listed


def test_the_table_shows_what_each_backup_holds(qtbot, three) -> None:
    dialog = RestoreDialog(None, three)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.columnCount() == len(HEADERS) and HEADERS[0] == "Ngày giờ"
    newest = cells(dialog, 0)
    assert newest[0].startswith("21/11/2026") and newest[1] == BackupKind.MANUAL.label
    assert newest[3] == three[0].app_version and newest[4] == str(three[0].schema_version)
    assert newest[5 + COUNT_COLUMNS.index("enterprises")] == "2"
    assert newest[STATUS_COLUMN] == GOOD
    assert cells(dialog, 1)[STATUS_COLUMN] == UNUSABLE
    assert "SHA-256" in dialog.table.item(1, STATUS_COLUMN).toolTip()
    assert cells(dialog, 2)[5 + COUNT_COLUMNS.index("enterprises")] == "1"
    assert (
        "được thay" in dialog.warning.text() and "sao lưu dữ liệu hiện tại" in dialog.warning.text()
    )
    # the newest usable one is chosen; a damaged one cannot be
    assert dialog.chosen() == three[0].path and dialog.ok_button.isEnabled()
    assert not dialog.problem.isVisible()
    dialog.table.selectRow(1)
    assert dialog.chosen() is None and not dialog.ok_button.isEnabled()
    assert dialog.problem.isVisible() and "SHA-256" in dialog.problem.text()
    dialog.table.selectRow(2)
    assert dialog.chosen() == three[2].path and not dialog.problem.isVisible()
    assert not dialog.empty.isVisible()


def test_with_no_backups_the_dialog_says_what_to_do(qtbot) -> None:
    dialog = RestoreDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and "Chọn tệp sao lưu khác" in dialog.empty.text()
    assert dialog.chosen() is None and not dialog.ok_button.isEnabled()


def test_another_file_is_checked_then_added(
    qtbot, three, tmp_path: Path, monkeypatch, notices
) -> None:
    copy = tmp_path / "usb" / "ban-sao.sqlite"
    copy.parent.mkdir()
    copy.write_bytes(three[0].path.read_bytes())  # a copy without its manifest
    monkeypatch.setattr(
        restore_dialog.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(copy), "")
    )
    dialog = RestoreDialog(None, three)
    qtbot.addWidget(dialog)
    dialog.other_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=10000)
    assert cells(dialog, 0)[1] == "Không rõ" and cells(dialog, 0)[STATUS_COLUMN] == GOOD
    assert dialog.chosen() == copy and notices == []


def test_a_file_that_is_no_backup_is_refused_with_the_reason(
    qtbot, three, tmp_path: Path, monkeypatch, notices
) -> None:
    foreign = other_application(tmp_path)
    monkeypatch.setattr(
        restore_dialog.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(foreign), "")
    )
    dialog = RestoreDialog(None, three)
    qtbot.addWidget(dialog)
    dialog.other_button.click()
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    kind, _title, text = notices[0]
    assert kind == "show_error" and str(foreign) in text and "chương trình khác" in text
    assert dialog.table.rowCount() == 3


def test_choose_backup_returns_the_chosen_file(qtbot, three, monkeypatch) -> None:
    def accept(dialog: RestoreDialog) -> int:
        dialog.table.selectRow(2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", accept)
    assert choose_backup(None, three) == three[2].path
    monkeypatch.setattr(RestoreDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert choose_backup(None, three) is None


# --- copy to a USB folder ---------------------------------------------------------------------


def test_backup_to_a_folder_copies_and_reports(
    qtbot, services: AppServices, backups: BackupService, tmp_path: Path, monkeypatch, notices
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(
        folder_dialog.QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb)
    )
    backup_to_folder(None, services, backups)
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    kind, title, text = notices[0]
    assert kind == "show_info" and title == folder_dialog.TITLE
    [copy] = backup_infos(usb)
    assert str(copy.path) in text and copy.sha256 in text and "đọc lại và kiểm tra" in text
    assert manifest_path(copy.path).exists()


def test_no_folder_chosen_does_nothing(
    services: AppServices, backups: BackupService, monkeypatch, notices
) -> None:
    monkeypatch.setattr(folder_dialog.QFileDialog, "getExistingDirectory", lambda *_a, **_k: "")
    backup_to_folder(None, services, backups)
    assert notices == [] and backups.listed() == []


def test_a_viewer_is_told_before_choosing_a_folder(
    services: AppServices, backups: BackupService, monkeypatch, notices
) -> None:
    services.store.actor = Actor("xem", "Nguyễn Văn Xem", Role.VIEWER)

    def never(*_a, **_k) -> str:
        raise AssertionError("no folder dialog for someone who may not copy data out")

    monkeypatch.setattr(folder_dialog.QFileDialog, "getExistingDirectory", never)
    backup_to_folder(None, services, backups)
    [(kind, _title, text)] = notices
    assert kind == "show_error" and "Nguyễn Văn Xem" in text and "sao lưu" in text


def test_a_failed_copy_is_reported_with_its_reason(
    qtbot, services: AppServices, backups: BackupService, tmp_path: Path, monkeypatch, notices
) -> None:
    gone = tmp_path / "usb-da-rut"
    monkeypatch.setattr(
        folder_dialog.QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(gone)
    )
    backup_to_folder(None, services, backups)
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    kind, _title, text = notices[0]
    assert kind == "show_error" and "rút ra" in text and "không bị ảnh hưởng" in text


# --- retention box ----------------------------------------------------------------------------


@pytest.fixture
def box(qtbot, backups: BackupService) -> RetentionBox:
    box = RetentionBox(backups)
    qtbot.addWidget(box)
    box.show()
    return box


def test_retention_is_shown_and_saved(box: RetentionBox, backups: BackupService, notices) -> None:
    assert {n: s.value() for n, s in box.spins.items()} == Retention().to_dict()
    assert box.folder_label.text() == str(backups.folder)
    assert "Chưa có bản sao lưu" in box.status.text()
    box.spins["daily"].setValue(14)
    box.spins["monthly"].setValue(24)
    box.save_button.click()
    assert backups.retention() == Retention(daily=14, weekly=4, monthly=24, special=10)
    assert notices[-1][0] == "show_info" and "14 ngày" in notices[-1][2]


def test_saving_without_the_right_shows_why(
    box: RetentionBox, backups: BackupService, services: AppServices, notices
) -> None:
    services.store.actor = Actor("nhaplieu", "Trần Thị Nhập", Role.CLERK)
    box.spins["daily"].setValue(30)
    box.save_button.click()
    [(kind, _title, text)] = notices
    assert kind == "show_error" and "Trần Thị Nhập" in text and "Không có gì bị thay đổi" in text
    assert backups.retention() == Retention()


def test_back_up_now_and_open_the_folder(
    qtbot, box: RetentionBox, backups: BackupService, monkeypatch, notices
) -> None:
    box.backup_button.click()
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    [made] = backups.listed()
    assert notices[0][0] == "show_info" and str(made.path) in notices[0][2]
    assert "Có 1 bản sao lưu" in box.status.text() and box.backup_button.isEnabled()
    opened: list[str] = []
    monkeypatch.setattr(
        retention_box.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    box.open_button.click()
    assert opened == [str(backups.folder)]
