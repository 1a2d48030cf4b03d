"""The application's open and close flow, offscreen: a file someone else has open, a file on a
risky place, a damaged file with a backup to restore, the read-only banner, the backup and the
audit head at close, the restore and check entry points."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.paths import DataPaths
from partydesk.services.audit_log import read_anchor
from partydesk.services.backups import BackupService
from partydesk.services.location import Location, LocationKind
from partydesk.store.file_lock import lock_path_for
from partydesk.store.store import create_store, open_store
from partydesk.ui import app as app_module
from partydesk.ui import messages
from partydesk.ui.app import Application
from partydesk.ui.tasks import default_runner
from tests.store.test_open import fingerprint

SHARE_REASON = "Tệp nằm trên ổ mạng (\\\\MAYCHU\\chung). Qua mạng, SQLite không khóa tệp."


class Dialogs:
    """Answers the questions by button text, in order, and records every box shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.replies: list[str] = []
        self.asked: list[tuple[str, str, list[str]]] = []
        self.shown: list[tuple[str, str, str]] = []
        monkeypatch.setattr(messages, "ask_choice", self._ask_choice)
        for kind in ("show_info", "show_warning", "show_error"):
            monkeypatch.setattr(messages, kind, self._recorder(kind))

    def _recorder(self, kind: str):
        def show(parent, title: str, text: str, details: str | None = None) -> None:
            self.shown.append((kind, title, text))

        return show

    def _ask_choice(self, parent, title: str, text: str, choices: list[str]) -> int | None:
        self.asked.append((title, text, choices))
        reply = self.replies.pop(0)
        matching = [i for i, choice in enumerate(choices) if choice.startswith(reply)]
        assert matching, f"{reply!r} not among {choices}"
        return matching[0]

    def texts(self, kind: str) -> list[str]:
        return [text for shown_kind, _, text in self.shown if shown_kind == kind]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Sign-in answered "yes" (the accounts UI has its own tests); records who was asked."""
    calls: list[object] = []

    def sign_in(parent, services) -> bool:
        calls.append(services)
        return True

    monkeypatch.setattr(app_module, "sign_in", sign_in)
    return calls


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


def local_except_share(share: Path):
    def locate(path: Path) -> Location:
        if share in Path(path).parents:
            return Location(LocationKind.NETWORK, SHARE_REASON)
        return Location(LocationKind.LOCAL, "Tệp nằm trên ổ đĩa của máy này.")

    return locate


@pytest.fixture
def make_app(qtbot, paths: DataPaths, tmp_path: Path, signed_in):
    made: list[Application] = []

    def make() -> Application:
        application = Application(
            QApplication.instance(), paths, locate=local_except_share(tmp_path / "share")
        )
        made.append(application)
        return application

    yield make
    for application in made:
        application.shutdown()  # closes its window too
    default_runner().wait_for_done(10_000)


def new_file(path: Path) -> Path:
    store = create_store(path)
    store.close()
    return path


def banner_text(application: Application) -> str | None:
    banner = application.window.findChild(QLabel, "read_only_banner")
    return banner.text() if banner is not None else None


# --- a file someone else has open ----------------------------------------------------------------


def test_file_held_by_another_session_opens_read_only_with_the_banner(
    make_app, dialogs: Dialogs, tmp_path: Path
) -> None:
    path = new_file(tmp_path / "dang-uy.sqlite")
    holder = open_store(path, tmp_path / "b")  # a colleague's session
    try:
        application = make_app()
        dialogs.replies = ["Mở chỉ để xem"]
        assert application.open_path(path)
        title, text, choices = dialogs.asked[0]
        assert title == "Tệp dữ liệu đang được mở"
        assert "đang được mở bởi" in text and "trên máy" in text
        assert choices == ["Mở chỉ để xem", "Thoát"]
        assert application.store.read_only
        assert "đang được mở để làm việc bởi" in application.store.read_only_reason
        assert banner_text(application).startswith("Tệp dữ liệu đang mở chỉ để xem")
        assert "(chỉ xem)" in application.window.windowTitle()
    finally:
        holder.close()


def test_quitting_at_the_lock_question_opens_nothing(
    make_app, dialogs: Dialogs, tmp_path: Path
) -> None:
    path = new_file(tmp_path / "dang-uy.sqlite")
    holder = open_store(path, tmp_path / "b")
    try:
        application = make_app()
        dialogs.replies = ["Thoát"]
        assert not application.open_path(path)
        assert application.window is None and application.store is None
    finally:
        holder.close()


# --- a file on a risky place ---------------------------------------------------------------------


def test_file_on_a_share_is_copied_here_and_the_copy_opened(
    make_app, dialogs: Dialogs, tmp_path: Path, paths: DataPaths
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    source = new_file(share / "dang-uy.sqlite")
    before = fingerprint(source)
    application = make_app()
    dialogs.replies = ["Sao chép về máy này"]

    assert application.open_path(source)

    title, text, choices = dialogs.asked[0]
    assert title == "Tệp dữ liệu nằm trên ổ mạng"
    assert SHARE_REASON in text and str(source) in text
    assert choices == ["Sao chép về máy này rồi mở bản sao", "Chỉ xem", "Mở tệp khác…", "Thoát"]
    assert application.store.path == paths.root / "dang-uy.sqlite"
    assert not application.store.read_only
    assert any("không bị thay đổi" in t for t in dialogs.texts("show_info"))
    assert fingerprint(source) == before


def test_a_second_copy_gets_its_own_name(
    make_app, dialogs: Dialogs, tmp_path: Path, paths: DataPaths
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    source = new_file(share / "dang-uy.sqlite")
    (paths.root / "dang-uy.sqlite").write_bytes(b"not to be replaced")
    application = make_app()
    dialogs.replies = ["Sao chép về máy này"]
    assert application.open_path(source)
    assert application.store.path == paths.root / "dang-uy (2).sqlite"
    assert (paths.root / "dang-uy.sqlite").read_bytes() == b"not to be replaced"


def test_file_on_a_share_can_be_opened_only_to_look(
    make_app, dialogs: Dialogs, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    source = new_file(share / "dang-uy.sqlite")
    before = fingerprint(source)
    application = make_app()
    dialogs.replies = ["Chỉ xem"]
    assert application.open_path(source)
    assert application.store.read_only and application.store.read_only_reason == SHARE_REASON
    assert "ổ mạng" in banner_text(application)
    application.shutdown()
    assert fingerprint(source) == before  # no backup, no anchor, no lock file beside it


def test_a_new_file_on_a_share_is_refused(
    make_app, dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    application = make_app()
    assert application.open_path(new_file(tmp_path / "local.sqlite"))
    monkeypatch.setattr(
        app_module.QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(share / "moi.sqlite"), ""),
    )
    application._on_window_new_file_requested()
    assert not (share / "moi.sqlite").exists()
    assert any("không tạo tệp dữ liệu ở đó" in t for t in dialogs.texts("show_warning"))


# --- a damaged file ------------------------------------------------------------------------------


def damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'members'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size] = 0x7F
    path.write_bytes(bytes(data))


def test_damaged_file_offers_its_latest_backup_and_restores_it(
    make_app, dialogs: Dialogs, tmp_path: Path, paths: DataPaths, signed_in
) -> None:
    path = paths.root / "dang-uy.sqlite"
    store = create_store(path)
    BackupService(store, paths, datetime.now).backup_now()
    store.close()
    damage(path)
    application = make_app()
    dialogs.replies = ["Khôi phục bản sao lưu ngày"]

    assert application.open_path(path)

    title, text, choices = dialogs.asked[0]
    assert title == "Không mở được tệp dữ liệu"
    assert "bị hỏng" in text and "Có bản sao lưu tốt" in text and "không bị xóa" in text
    assert choices[0].startswith("Khôi phục bản sao lưu ngày ") and choices[1:] == [
        "Mở tệp khác…",
        "Thoát",
    ]
    assert application.store is not None and application.store.path == path
    assert application.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = [p for p in paths.root.iterdir() if p.name.startswith("dang-uy.sqlite.hong-")]
    assert len(kept) == 1  # the damaged file is kept, not deleted
    assert any("Đã khôi phục" in t for t in dialogs.texts("show_info"))
    # The restore is in the restored file's own log, and its head is the remembered one.
    assert read_anchor(paths, path) is not None
    assert len(signed_in) == 1


def test_damaged_file_without_a_backup_offers_another_file_or_quitting(
    make_app, dialogs: Dialogs, tmp_path: Path
) -> None:
    path = new_file(tmp_path / "dang-uy.sqlite")
    damage(path)
    before = fingerprint(path)
    application = make_app()
    dialogs.replies = ["Thoát"]
    assert not application.open_path(path)
    assert dialogs.asked[0][2] == ["Mở tệp khác…", "Thoát"]
    assert fingerprint(path) == before


# --- signing in ----------------------------------------------------------------------------------


def test_nobody_signing_in_closes_the_file_again(
    make_app, dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_file(tmp_path / "dang-uy.sqlite")
    monkeypatch.setattr(app_module, "sign_in", lambda parent, services: False)
    application = make_app()
    assert not application.open_path(path)
    assert application.window is None and application.store is None
    assert not lock_path_for(path).exists()


# --- closing -------------------------------------------------------------------------------------


def test_close_backs_up_remembers_the_audit_head_and_releases_the_lock(
    make_app, dialogs: Dialogs, paths: DataPaths
) -> None:
    path = paths.root / "dang-uy.sqlite"
    new_file(path)
    application = make_app()
    assert application.open_path(path)
    application.services.register.save_enterprise(
        Enterprise(name="Công ty TNHH Đức Thành", type=EnterpriseType.PRIVATE)
    )
    store = application.store
    assert lock_path_for(path).exists()

    application.shutdown()

    backups = BackupService(store, paths, datetime.now).listed()
    assert [b.kind.value for b in backups] == ["khi-dong"]
    assert backups[0].counts["enterprises"] == 1
    assert read_anchor(paths, path) is not None and read_anchor(paths, path).seq > 0
    assert not lock_path_for(path).exists()


def test_opening_another_file_closes_and_releases_the_first(
    make_app, dialogs: Dialogs, tmp_path: Path
) -> None:
    first = new_file(tmp_path / "mot.sqlite")
    second = new_file(tmp_path / "hai.sqlite")
    application = make_app()
    assert application.open_path(first)
    assert application.open_path(second)
    assert application.store.path == second
    assert not lock_path_for(first).exists() and lock_path_for(second).exists()


# --- menu entry points ---------------------------------------------------------------------------


def test_restore_from_a_backup_replaces_the_data_and_says_where_the_old_data_is(
    qtbot, make_app, dialogs: Dialogs, paths: DataPaths
) -> None:
    path = paths.root / "dang-uy.sqlite"
    new_file(path)
    application = make_app()
    assert application.open_path(path)
    qtbot.wait(50)  # the window settles, as it has by the time a clerk uses the menu
    backup = BackupService(application.store, paths, datetime.now).backup_now()
    application.services.register.save_enterprise(
        Enterprise(name="Công ty sau sao lưu", type=EnterpriseType.PRIVATE)
    )
    old_window = application.window

    assert application.restore_from(backup.path)

    assert application.window is not None and application.window is not old_window
    assert application.store.counts()["enterprises"] == 0
    message = dialogs.texts("show_info")[-1]
    assert "Đã khôi phục dữ liệu" in message and "Dữ liệu trước khi khôi phục được giữ ở" in message
    assert lock_path_for(path).exists() and application.store.file_lock.held


def test_restore_is_refused_on_a_read_only_file(make_app, dialogs: Dialogs, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    source = new_file(share / "dang-uy.sqlite")
    application = make_app()
    dialogs.replies = ["Chỉ xem"]
    assert application.open_path(source)
    assert not application.restore_from(tmp_path / "whatever.sqlite")
    assert "chỉ để xem" in dialogs.texts("show_warning")[-1]
    assert application.store is not None  # still open


def test_check_database_reports_the_open_file(
    qtbot, make_app, dialogs: Dialogs, tmp_path: Path
) -> None:
    path = new_file(tmp_path / "dang-uy.sqlite")
    application = make_app()
    assert application.open_path(path)
    application.check_database()
    qtbot.waitUntil(lambda: any("Kiểm tra toàn vẹn" in t for t in dialogs.texts("show_info")))
    text = dialogs.texts("show_info")[-1]
    assert "Kiểm tra toàn vẹn: tốt" in text and "Kết quả: tệp dữ liệu tốt." in text


def test_outside_writes_are_reported_after_opening(
    qtbot, make_app, dialogs: Dialogs, paths: DataPaths
) -> None:
    path = paths.root / "dang-uy.sqlite"
    new_file(path)
    conn = sqlite3.connect(path)  # another program writes to the file
    conn.execute("INSERT INTO settings (key, value) VALUES ('ngoai', '1')")
    conn.commit()
    conn.close()
    application = make_app()
    assert application.open_path(path)
    qtbot.waitUntil(lambda: bool(dialogs.texts("show_warning")), timeout=10_000)
    warning = dialogs.texts("show_warning")[0]
    assert "Nhật ký thay đổi" in warning or "chương trình khác" in warning


def test_a_failing_backup_on_close_is_shown_and_the_file_still_closes(
    make_app, dialogs: Dialogs, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = paths.root / "dang-uy.sqlite"
    new_file(path)
    application = make_app()
    assert application.open_path(path)

    def disk_full(self) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(BackupService, "backup_on_close", disk_full)
    application.shutdown()
    warning = dialogs.texts("show_warning")[-1]
    assert "Không sao lưu được dữ liệu khi đóng" in warning and "không bị ảnh hưởng" in warning
    assert read_anchor(paths, path) is not None  # the rest of the close still happened
    assert not lock_path_for(path).exists()


def test_the_half_hourly_timer_takes_the_daily_backup_in_the_background(
    qtbot, make_app, dialogs: Dialogs, paths: DataPaths
) -> None:
    path = paths.root / "dang-uy.sqlite"
    new_file(path)
    application = make_app()
    assert application.open_path(path)
    assert application._backup_timer.isActive()
    assert application._backup_timer.interval() == 30 * 60 * 1000
    application.services.register.save_enterprise(
        Enterprise(name="Công ty TNHH Đức Thành", type=EnterpriseType.PRIVATE)
    )
    application._on_backup_timer_timeout()
    qtbot.waitUntil(lambda: not application._backup_running, timeout=10_000)
    listed = BackupService(application.store, paths, datetime.now).listed()
    assert [b.kind.value for b in listed] == ["hang-ngay"]


def test_first_start_creates_the_default_file_and_later_starts_open_it(
    make_app, dialogs: Dialogs, paths: DataPaths
) -> None:
    application = make_app()
    assert application.start(None, None)
    assert application.store.path == paths.default_db and not application.store.read_only
    application.shutdown()
    again = make_app()
    assert again.start(None, None)
    assert again.store.path == paths.default_db
    assert dialogs.asked == []


@pytest.mark.skipif(
    not hasattr(app_module.AppServices, "__dataclass_fields__")
    or "accounts" not in app_module.AppServices.__dataclass_fields__,
    reason="AppServices.accounts is not wired yet",
)
def test_real_sign_in_of_a_file_with_login_off_opens_the_window(
    make_app, dialogs: Dialogs, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partydesk.ui.accounts.sign_in import sign_in

    monkeypatch.setattr(app_module, "sign_in", sign_in)
    path = paths.root / "dang-uy.sqlite"
    store = create_store(path)
    build = app_module.build_services(store)
    build.accounts.keep_login_off()
    store.close()
    application = make_app()
    assert application.open_path(path)
    assert application.window is not None
