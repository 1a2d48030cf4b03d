"""One PartyDesk per user and data folder, and the requests another process may send it.

A starting PartyDesk first asks the local server named by ``app_identity.instance_server_name``
(a named pipe ``\\\\.\\pipe\\<name>`` on Windows, a socket file on Linux) whether a PartyDesk is
already running: if one answers, it is sent ``activate`` and this process ends, so a second
double-click brings the open window back instead of a second process on the same SQLite file
(style guide R20, as Vorta's ``qt_single_application.py`` and Anki's ``secondInstance``).
Otherwise this process becomes that server.

The protocol, one ASCII request per line ending in ``\\n`` (the installer writes exactly
``close\\n`` and closes the pipe at once):

- ``activate``: bring the window to the front;
- ``close``: close the windows through their normal close paths (the installer, before it
  replaces the program's files).

Any local process of the same user can connect, so a line is only ever compared with these
words: anything else is logged and ignored, and a line longer than ``MAX_LINE_BYTES`` ends the
connection.

On Windows the process also holds the named mutex ``app_identity.RUNNING_MUTEX`` for its whole
life (the installer waits for it to go away) and sets its AppUserModelID, so the taskbar shows
PartyDesk's icon rather than pythonw's.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from partydesk import app_identity

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
WRITE_TIMEOUT_MS = 500
# The longest request is "activate"; room for a trailing "\r" and future short words.
MAX_LINE_BYTES = 64
# AllowSetForegroundWindow(ASFW_ANY), (DWORD)-1: any process may take the foreground from us.
_ASFW_ANY = 0xFFFFFFFF

# The handle of RUNNING_MUTEX, kept open until the process ends (the kernel then releases it).
_running_mutex: int | None = None


def hold_running_mutex(kernel32: Any = None) -> int | None:
    """Create ``app_identity.RUNNING_MUTEX`` and keep its handle for the life of the process.

    Only on Windows (or with ``kernel32`` given, for tests); elsewhere a no-op returning None.
    Never raises: without the mutex the installer merely cannot see this PartyDesk running.
    """
    global _running_mutex
    if _running_mutex is not None:
        return _running_mutex
    if kernel32 is None and sys.platform != "win32":
        return None
    try:
        if kernel32 is None:
            kernel32 = _load_dll("kernel32")
        create = kernel32.CreateMutexW
        create.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_wchar_p]
        create.restype = ctypes.c_void_p
        handle = create(None, False, app_identity.RUNNING_MUTEX)
    except Exception:  # a courtesy to the installer must never stop PartyDesk from starting
        log.exception("Cannot create the mutex %s", app_identity.RUNNING_MUTEX)
        return None
    if not handle:
        log.warning(
            "Cannot create the mutex %s (Windows error %s)",
            app_identity.RUNNING_MUTEX,
            _last_error(),
        )
        return None
    _running_mutex = handle
    return handle


def set_app_user_model_id(shell32: Any = None) -> bool:
    """Group PartyDesk's taskbar button under ``app_identity.APP_USER_MODEL_ID``.

    Must run before the first window is shown. Only on Windows (or with ``shell32`` given);
    never raises. True when Windows accepted the id.
    """
    if shell32 is None and sys.platform != "win32":
        return False
    try:
        if shell32 is None:
            shell32 = _load_dll("shell32")
        set_id = shell32.SetCurrentProcessExplicitAppUserModelID
        set_id.argtypes = [ctypes.c_wchar_p]
        set_id.restype = ctypes.c_long  # HRESULT
        result = set_id(app_identity.APP_USER_MODEL_ID)
    except Exception:  # only the taskbar icon depends on it
        log.exception("Cannot set the AppUserModelID")
        return False
    if result != 0:
        log.warning("SetCurrentProcessExplicitAppUserModelID returned 0x%08x", result & 0xFFFFFFFF)
        return False
    return True


def send_request(name: str, request: str, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Send one request line to the PartyDesk listening on ``name``; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    if request == app_identity.REQUEST_ACTIVATE:
        _allow_foreground()
    socket.write((request + "\n").encode("ascii"))
    sent = socket.waitForBytesWritten(WRITE_TIMEOUT_MS) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(WRITE_TIMEOUT_MS)
    if not sent:
        log.warning("PartyDesk on %s answered but did not take the request %r", name, request)
    return True


class InstanceServer(QObject):
    """The local server of the PartyDesk that runs; see the module docstring."""

    activate_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        # Only processes of this Windows user may connect (a DACL with the user's SID on the
        # pipe; a socket file only the user can open on Linux).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)
        self._connections: dict[QLocalSocket, bytearray] = {}

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    @property
    def full_name(self) -> str:
        """The pipe or socket path actually listened on ('' when not listening)."""
        return self._server.fullServerName()

    def claim(self, name: str) -> bool:
        """Become the PartyDesk of ``name``: False when another one answered (it has been asked
        to come to the front, and this process should end); True otherwise.

        True also when listening failed for another reason: this process is then the only
        PartyDesk anyone can tell of, so it runs, without answering a later one.
        """
        if self._ask_running(name):
            return False
        if self._server.listen(name):
            log.info("Listening for other starts of PartyDesk on %s", self.full_name)
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # A socket file left by a PartyDesk that crashed (never on Windows, where a named
            # pipe ends with its process) — unless one started at this very moment.
            if self._ask_running(name):
                return False
            QLocalServer.removeServer(name)
            if self._server.listen(name):
                log.info("Removed a stale instance socket %s", name)
                return True
        log.warning("Cannot listen on %s: %s", name, self._server.errorString())
        return True

    def close(self) -> None:
        self._server.close()
        for socket in list(self._connections):
            self._forget(socket)

    def _ask_running(self, name: str) -> bool:
        if not send_request(name, app_identity.REQUEST_ACTIVATE):
            return False
        log.info("PartyDesk is already running on %s: asked it to come to the front", name)
        return True

    # --- incoming requests -----------------------------------------------------------------

    def _on_server_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            self._connections[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            # The installer writes "close\n" and closes at once: what arrived with the
            # disconnect is still read.
            socket.disconnected.connect(lambda s=socket: self._on_socket_disconnected(s))
            self._read(socket)
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                self._on_socket_disconnected(socket)

    def _on_socket_disconnected(self, socket: QLocalSocket) -> None:
        if socket not in self._connections:
            return
        self._read(socket)
        pending = self._connections.get(socket)
        if pending:  # a last request without its newline: the writer has finished anyway
            self._dispatch(bytes(pending))
        self._forget(socket)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._connections.get(socket)
        if buffer is None:
            return
        while socket.bytesAvailable() > 0:
            buffer += bytes(socket.read(MAX_LINE_BYTES + 1).data())
            while (end := buffer.find(b"\n")) >= 0:
                line = bytes(buffer[:end])
                del buffer[: end + 1]
                self._dispatch(line)
            if len(buffer) > MAX_LINE_BYTES:
                log.warning("Instance request longer than %d bytes ignored", MAX_LINE_BYTES)
                self._forget(socket)
                return

    def _dispatch(self, line: bytes) -> None:
        # Emitted later, from the event loop rather than from inside this read: a close may ask
        # the clerk a question (a nested event loop) while this connection is still being read.
        request = line.strip()
        if request == app_identity.REQUEST_ACTIVATE.encode("ascii"):
            log.info("Another start of PartyDesk asked this one to come to the front")
            QTimer.singleShot(0, self, self.activate_requested.emit)
        elif request == app_identity.REQUEST_CLOSE.encode("ascii"):
            log.info("Asked to close (by the installer)")
            QTimer.singleShot(0, self, self.close_requested.emit)
        else:
            log.warning("Unknown instance request ignored: %r", request[:MAX_LINE_BYTES])

    def _forget(self, socket: QLocalSocket) -> None:
        if self._connections.pop(socket, None) is None:
            return
        socket.abort()  # its signals now find it forgotten and do nothing
        socket.deleteLater()


def bring_to_front(main_window: QWidget | None) -> None:
    """Show the clerk the PartyDesk already running: the main window restored if minimised
    (keeping it maximised if it was), and the dialog it is waiting on (or the sign-in before
    any window) raised above it and activated."""
    targets: list[QWidget] = []
    if main_window is not None and shiboken6.isValid(main_window) and main_window.isVisible():
        targets.append(main_window)
    modal = QApplication.activeModalWidget()
    if modal is not None and modal not in targets:
        targets.append(modal)
    for widget in targets:
        if widget.isMinimized():
            # Not showNormal(): that would also un-maximise a maximised window.
            widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMinimized)
        widget.raise_()
        widget.activateWindow()


def _allow_foreground() -> None:
    """Let the running PartyDesk take the foreground: Windows only lets the process the clerk
    just started (this one) do that, and hands the right on through this call."""
    if sys.platform != "win32":
        return
    try:
        user32 = _load_dll("user32")
        user32.AllowSetForegroundWindow.argtypes = [ctypes.c_uint32]
        user32.AllowSetForegroundWindow.restype = ctypes.c_int
        user32.AllowSetForegroundWindow(_ASFW_ANY)
    except Exception:  # the window then only flashes in the taskbar
        log.exception("AllowSetForegroundWindow failed")


def _load_dll(name: str) -> Any:
    return ctypes.WinDLL(name, use_last_error=True)  # type: ignore[attr-defined]


def _last_error() -> int:
    get = getattr(ctypes, "get_last_error", None)  # Windows only
    return get() if get is not None else 0
