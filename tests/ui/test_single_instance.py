"""One PartyDesk per user and data folder: a second start brings the first to the front, the
installer's raw ``close\\n`` closes it through the normal close paths, anything else sent to
it is ignored; the Windows mutex and taskbar id with fake DLLs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from partydesk import app_identity
from partydesk.paths import DataPaths, data_paths
from partydesk.services.app import build_services
from partydesk.services.database import create_database
from partydesk.store.file_lock import current_user
from partydesk.ui import app as app_module
from partydesk.ui import messages, single_instance
from partydesk.ui.app import Application
from partydesk.ui.dialogs.enterprise_dialog import EnterpriseDialog
from partydesk.ui.single_instance import InstanceServer, bring_to_front, send_request
from partydesk.ui.tasks import TaskProgressDialog, default_runner, run_with_progress

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def name() -> str:
    return f"PartyDesk-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def server(qtbot, name: str) -> Iterator[InstanceServer]:
    instance = InstanceServer()
    assert instance.claim(name)
    assert instance.listening
    yield instance
    instance.close()
    instance.deleteLater()


def send_raw(name: str, data: bytes) -> None:
    """What the installer does: connect, write the bytes, close the pipe at once."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(2000), socket.errorString()
    socket.write(data)
    socket.flush()
    socket.waitForBytesWritten(2000)
    socket.close()


# --- the protocol ----------------------------------------------------------------------------


def test_a_second_claim_fails_and_asks_the_first_to_come_to_the_front(
    qtbot, server: InstanceServer, name: str
) -> None:
    second = InstanceServer()
    try:
        with qtbot.waitSignal(server.activate_requested):
            assert not second.claim(name)
        assert not second.listening
    finally:
        second.deleteLater()


def test_close_request_is_emitted(qtbot, server: InstanceServer, name: str) -> None:
    with qtbot.waitSignal(server.close_requested):
        assert send_request(name, app_identity.REQUEST_CLOSE)


def test_the_installers_raw_close_bytes_closed_at_once_are_understood(
    qtbot, server: InstanceServer, name: str
) -> None:
    with qtbot.waitSignal(server.close_requested):
        send_raw(name, b"close\n")


def test_unknown_lines_are_ignored_and_later_requests_still_read(
    qtbot, server: InstanceServer, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    closes: list[bool] = []
    server.close_requested.connect(lambda: closes.append(True))
    with qtbot.waitSignal(server.activate_requested):
        send_raw(name, b"close now\nrm -rf /\n\xff\xfeclose\nCLOSE\nactivate\n")
    assert closes == []
    assert "Unknown instance request ignored: b'close now'" in caplog.text


def test_an_over_long_line_ends_the_connection_unread(
    qtbot, server: InstanceServer, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    closes: list[bool] = []
    server.close_requested.connect(lambda: closes.append(True))
    caplog.set_level(logging.WARNING, logger=single_instance.__name__)
    send_raw(name, b"x" * 5000 + b"close\n")
    qtbot.waitUntil(lambda: "longer than 64 bytes" in caplog.text)
    # A later, well-formed request is still answered, and the "close" after the long line
    # never was.
    with qtbot.waitSignal(server.activate_requested):
        send_raw(name, b"activate\n")
    assert closes == []


def test_a_last_request_without_its_newline_still_counts(
    qtbot, server: InstanceServer, name: str
) -> None:
    with qtbot.waitSignal(server.close_requested):
        send_raw(name, b"close")


def test_nobody_answering_a_name_is_no_running_partydesk(name: str) -> None:
    assert not send_request(name, app_identity.REQUEST_ACTIVATE, timeout_ms=200)


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe never outlives its process")
def test_a_socket_file_left_by_a_crash_is_taken_over(qtbot, name: str) -> None:
    import socket as sockets

    from PySide6.QtCore import QDir

    stale = Path(QDir.tempPath()) / name
    leftover = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
    leftover.bind(str(stale))  # bound, never listening: what a killed process leaves
    leftover.close()
    assert stale.exists()
    instance = InstanceServer()
    try:
        assert instance.claim(name)
        assert instance.listening
        with qtbot.waitSignal(instance.close_requested):
            send_raw(name, b"close\n")
    finally:
        instance.close()
        instance.deleteLater()


# --- the name --------------------------------------------------------------------------------


def test_the_usual_data_folder_gives_the_name_the_installer_builds(tmp_path: Path) -> None:
    default = tmp_path / "AppData" / "Local" / "PartyDesk"
    assert app_identity.instance_server_name("nguyen.van.a", default, default) == (
        "PartyDesk-nguyen.van.a"
    )


def test_another_data_folder_gets_its_own_name(tmp_path: Path) -> None:
    default = tmp_path / "PartyDesk"
    usual = app_identity.instance_server_name("an", default, default)
    support = app_identity.instance_server_name("an", tmp_path / "ho-tro", default)
    demo = app_identity.instance_server_name("an", tmp_path / "demo", default)
    assert support.startswith("PartyDesk-an-")
    assert len({usual, support, demo}) == 3


# --- Windows: the mutex and the taskbar id -----------------------------------------------------


class FakeDll:
    """Records calls to one exported function and returns ``result`` (or raises it)."""

    def __init__(self, function: str, result: object) -> None:
        self.calls: list[tuple[object, ...]] = []

        def exported(*args: object) -> object:
            self.calls.append(args)
            if isinstance(result, BaseException):
                raise result
            return result

        setattr(self, function, exported)


@pytest.fixture
def no_mutex_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(single_instance, "_running_mutex", None)


def test_the_running_mutex_is_created_by_its_name_and_kept(no_mutex_yet) -> None:
    kernel32 = FakeDll("CreateMutexW", 0x2A4)
    assert single_instance.hold_running_mutex(kernel32) == 0x2A4
    assert kernel32.calls == [(None, False, "Local\\PartyDesk-running")]
    assert single_instance._running_mutex == 0x2A4
    # Held once for the process: asking again neither creates another nor drops it.
    assert single_instance.hold_running_mutex(FakeDll("CreateMutexW", 0x999)) == 0x2A4
    assert single_instance._running_mutex == 0x2A4


@pytest.mark.parametrize("result", [0, None, OSError(5, "Access is denied")])
def test_a_failing_mutex_is_logged_never_raised(
    no_mutex_yet, result: object, caplog: pytest.LogCaptureFixture
) -> None:
    assert single_instance.hold_running_mutex(FakeDll("CreateMutexW", result)) is None
    assert single_instance._running_mutex is None
    assert "Cannot create the mutex Local\\PartyDesk-running" in caplog.text


def test_a_kernel32_without_the_function_does_not_raise(no_mutex_yet) -> None:
    assert single_instance.hold_running_mutex(SimpleNamespace()) is None


@pytest.mark.skipif(sys.platform == "win32", reason="the real mutex on Windows")
def test_elsewhere_than_windows_there_is_no_mutex(no_mutex_yet) -> None:
    assert single_instance.hold_running_mutex() is None
    assert not single_instance.set_app_user_model_id()


def test_the_taskbar_id_is_set_and_a_refusal_is_not_raised() -> None:
    shell32 = FakeDll("SetCurrentProcessExplicitAppUserModelID", 0)
    assert single_instance.set_app_user_model_id(shell32)
    assert shell32.calls == [("PartyDesk.PartyDesk",)]
    assert not single_instance.set_app_user_model_id(
        FakeDll("SetCurrentProcessExplicitAppUserModelID", -2147024809)  # E_INVALIDARG
    )
    assert not single_instance.set_app_user_model_id(
        FakeDll("SetCurrentProcessExplicitAppUserModelID", OSError("no shell32"))
    )


# --- the application closing on request --------------------------------------------------------


@pytest.fixture
def application(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Application]:
    monkeypatch.setattr(app_module, "sign_in", lambda parent, services: True)
    paths = DataPaths(tmp_path / "data").ensure()
    application = Application(QApplication.instance(), paths)
    create_database(tmp_path / "dang-uy.sqlite").close()
    assert application.open_path(tmp_path / "dang-uy.sqlite")
    yield application
    application.shutdown()
    default_runner().wait_for_done(10_000)


def test_a_close_request_closes_the_main_window(qtbot, application: Application) -> None:
    window = application.window
    assert window is not None and window.isVisible()
    assert application.request_close()
    assert not window.isVisible()


def test_a_dialog_with_unsaved_changes_still_asks_and_no_keeps_partydesk_open(
    qtbot, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    asked: list[str] = []

    def ask_yes_no(parent, title: str, text: str, default_no: bool = True) -> bool:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    window = application.window
    assert window is not None and application.services is not None
    dialog = EnterpriseDialog(application.services, None, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.form.set("name", "Công ty TNHH Cơ khí Đức Thành")

    assert not application.request_close()  # "Không": nothing closes
    assert asked == ["Bỏ thay đổi?"]
    assert dialog.isVisible() and window.isVisible()

    assert application.request_close()  # "Có": the dialog, then the window
    assert asked == ["Bỏ thay đổi?", "Bỏ thay đổi?"]
    assert not dialog.isVisible() and not window.isVisible()


def test_a_job_behind_a_progress_dialog_keeps_partydesk_open_and_is_not_cancelled(
    qtbot, application: Application
) -> None:
    window = application.window
    release = threading.Event()
    outcome: list[str] = []

    def export(*, progress, cancel: threading.Event) -> str:
        release.wait(10)
        return "cancelled" if cancel.is_set() else "done"

    run_with_progress(window, "Xuất danh sách đảng viên", export, on_success=outcome.append)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, TaskProgressDialog) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )
    assert not application.request_close()
    assert window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: outcome == ["done"])
    assert application.request_close()
    assert not window.isVisible()


def test_bringing_to_front_restores_a_minimised_window_still_maximised(
    qtbot, application: Application
) -> None:
    window = application.window
    assert window is not None
    window.showMaximized()
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    assert window.isMinimized()
    bring_to_front(window)
    assert not window.isMinimized()
    assert window.windowState() & Qt.WindowState.WindowMaximized


# --- the real program ---------------------------------------------------------------------------


def wait_for_log(log_file: Path, text: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_file.exists() and text in log_file.read_text(encoding="utf-8"):
            return
        if process.poll() is not None:
            raise AssertionError(f"PartyDesk ended ({process.returncode}): {process.stderr.read()}")
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not logged in {timeout} s")


def test_partydesk_runs_once_and_closes_with_its_backup_on_the_installers_request(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    paths = DataPaths(data).ensure()
    store = create_database(paths.default_db)
    build_services(store, paths=paths).accounts.keep_login_off()
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "partydesk", "--data-dir", str(data)]
    log_file = paths.logs / "partydesk.log"

    first = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_log(log_file, f"Opened {paths.default_db}", first, 60)

        second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=60)
        assert second.returncode == 0, second.stderr
        wait_for_log(log_file, "asked this one to come to the front", first, 30)
        logged = log_file.read_text(encoding="utf-8")
        assert f"PartyDesk already runs for {data}; this start ends" in logged
        assert logged.count(f"Opened {paths.default_db}") == 1
        assert not list(paths.backups.rglob("*.sqlite"))

        name = app_identity.instance_server_name(current_user(), data, data_paths().root)
        send_raw(name, b"close\n")
        assert first.wait(60) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(10)
    logged = log_file.read_text(encoding="utf-8")
    assert "Asked to close (by the installer)" in logged
    assert f"Closed {paths.default_db}" in logged
    assert [p.name for p in paths.backups.rglob("*_khi-dong.sqlite")], "no backup on close"
