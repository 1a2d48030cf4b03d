"""One writer per database file: a lock file beside it, held with an OS lock for the session.

``DatabaseLock.acquire(db_path)`` opens (creating it if needed) ``<db name>.lock`` and takes a
non-blocking OS lock on it: ``msvcrt.locking`` on byte 0 on Windows, ``fcntl.flock`` on POSIX.
The OS drops the lock however the process ends (crash, kill, power cut), so a crashed
session's lock is simply taken over: nobody deletes a "stale" file and there is no stale-lock
timeout to get wrong (GnuCash's lock inside the database has that problem, reliability §2.4).

The holder writes who it is (Windows user, computer, process id, since when, PartyDesk version)
as JSON from byte 16 on, outside the locked byte, so a second instance can read it while the
lock is held and tell the clerk who has the file open. A clean release blanks that JSON, so
finding it still there when acquiring means the previous session ended without releasing:
``previous`` carries it, and ``store.journal`` uses it to trust a rollback journal left by
that session's crash.

Written here rather than taken from a library: QLockFile is Qt (the store and the CLI must not
import Qt), and filelock / portalocker truncate the lock file when acquiring or lock the bytes
where the holder's details live, so a second instance could not read who holds it.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from partydesk._version import __version__
from partydesk.store.errors import StoreError

LOCK_SUFFIX = ".lock"
_PREAMBLE = b"PartyDesk lock\r\n"  # bytes 0-15; the holder's JSON starts at byte 16
_INFO_OFFSET = len(_PREAMBLE)
_MAX_INFO = 4096
# A second instance may read the file while the holder is still writing its details.
_READ_ATTEMPTS = 5
_READ_PAUSE_S = 0.05

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _same_file(fd: int, path: Path) -> bool:
        # Windows refuses to delete a file another process has open, so the file cannot be
        # swapped under a holder.
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _same_file(fd: int, path: Path) -> bool:
        """Whether ``path`` still names the file locked through ``fd``: a releasing holder
        deletes its lock file, and a lock taken on the deleted file guards nothing."""
        try:
            on_disk = os.stat(path)
        except FileNotFoundError:
            return False
        opened = os.fstat(fd)
        return (on_disk.st_dev, on_disk.st_ino) == (opened.st_dev, opened.st_ino)


def current_user() -> str:
    """The signed-in user's name: on Windows %USERNAME%, the name the installer also uses."""
    if sys.platform == "win32" and os.environ.get("USERNAME"):
        # getpass prefers LOGNAME/USER, which a clerk's other tools may have set to anything.
        return os.environ["USERNAME"]
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no name in the environment (a service account)
        return "?"


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds (or last held) a database file open for writing."""

    user: str
    host: str
    pid: int
    since: datetime
    app_version: str

    @classmethod
    def current(cls) -> LockHolder:
        return cls(
            user=current_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.now().astimezone().replace(microsecond=0),
            app_version=__version__,
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "user": self.user,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(),
                "app": self.app_version,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LockHolder | None:
        """The holder written in a lock file; None when blank or unreadable."""
        try:
            data = json.loads(text)
            return cls(
                user=str(data["user"]),
                host=str(data["host"]),
                pid=int(data["pid"]),
                since=datetime.fromisoformat(str(data["since"])),
                app_version=str(data.get("app", "")),
            )
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        """ "<user> trên máy <host> từ 08:15 ngày 21/11/2026"."""
        when = f"{self.since:%H:%M} ngày {self.since:%d/%m/%Y}"
        return f"{self.user} trên máy {self.host} từ {when}"

    @property
    def is_this_session_user(self) -> bool:
        """The same Windows user on this computer (another PartyDesk window of theirs)."""
        return self.user == current_user() and self.host == socket.gethostname()


class LockHeld(StoreError):
    """Another PartyDesk holds the file for writing; it may still be opened to look at it."""

    def __init__(self, holder: LockHolder | None, path: Path) -> None:
        self.holder = holder
        self.path = path
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.holder is None:
            return (
                f"Tệp dữ liệu {self.path} đang được mở bởi một chương trình PartyDesk khác "
                "(không đọc được tên người mở)."
            )
        text = f"Tệp dữ liệu {self.path} đang được mở bởi {self.holder.describe()}."
        if self.holder.is_this_session_user:
            text += " Có thể đó là một cửa sổ PartyDesk khác của chính anh/chị trên máy này."
        return text

    @property
    def reason(self) -> str:
        """Why the file is then open read-only, for the banner."""
        if self.holder is None:
            return "một chương trình PartyDesk khác đang mở tệp này để làm việc"
        return f"tệp đang được mở để làm việc bởi {self.holder.describe()}"


class LockUnavailable(StoreError):
    """No lock file can be made beside the database (read-only folder, no permission)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"Không tạo được tệp khóa cạnh tệp dữ liệu {path} ({detail}), "
            "nên không thể mở tệp để ghi."
        )

    @property
    def reason(self) -> str:
        return f"không tạo được tệp khóa trong thư mục {self.path.parent} ({self.detail})"


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _read_holder(fd: int) -> LockHolder | None:
    os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
    data = os.read(fd, _MAX_INFO)
    if not data.strip(b"\x00 \r\n"):
        return None
    return LockHolder.from_json(data.decode("utf-8", errors="replace"))


def _read_holder_patiently(fd: int) -> LockHolder | None:
    """The holder's details, waiting briefly if it has locked but not yet written them."""
    for attempt in range(_READ_ATTEMPTS):
        try:
            holder = _read_holder(fd)
        except OSError:
            holder = None
        if holder is not None:
            return holder
        if attempt + 1 < _READ_ATTEMPTS:
            time.sleep(_READ_PAUSE_S)
    return None


def _write_holder(fd: int, holder: LockHolder) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, _PREAMBLE + holder.to_json().encode("utf-8"))
    os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR))
    # Durable: after a power cut the details tell the next session that this one crashed.
    os.fsync(fd)


def _os_detail(exc: OSError) -> str:
    return exc.strerror or str(exc)


class DatabaseLock:
    """The right to write one database file, held until ``release()`` (or process end)."""

    def __init__(
        self, db_path: Path, fd: int, holder: LockHolder, previous: LockHolder | None
    ) -> None:
        self.db_path = db_path
        self.path = lock_path_for(db_path)
        self.holder = holder
        #: Details a session left behind without releasing: it crashed while holding the file.
        self.previous = previous
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: Path) -> DatabaseLock:
        """Take the file's lock without waiting.

        Raises ``LockHeld`` (with the holder's details when readable) if another process, or
        another open of the same file in this process, holds it, and ``LockUnavailable`` if no
        lock file can be created or written beside the database.
        """
        db_path = Path(db_path)
        lock_path = lock_path_for(db_path)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        for _ in range(3):
            try:
                fd = os.open(lock_path, flags, 0o666)
            except OSError as exc:
                raise LockUnavailable(db_path, _os_detail(exc)) from exc
            try:
                _try_lock(fd)
            except OSError:
                holder = _read_holder_patiently(fd)
                os.close(fd)
                raise LockHeld(holder, db_path) from None
            if not _same_file(fd, lock_path):
                # Locked a file its last holder deleted while releasing: start again.
                _close_quietly(fd)
                continue
            try:
                previous = _read_holder(fd)
                me = LockHolder.current()
                _write_holder(fd, me)
            except OSError as exc:
                _close_quietly(fd)
                raise LockUnavailable(db_path, _os_detail(exc)) from exc
            return cls(db_path, fd, me, previous)
        raise LockUnavailable(db_path, "tệp khóa liên tục bị xóa khi đang mở")

    @staticmethod
    def holder_of(db_path: Path) -> LockHolder | None:
        """The details written in the file's lock file (held or left by a crash), if any."""
        try:
            fd = os.open(lock_path_for(Path(db_path)), os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        try:
            return _read_holder(fd)
        except OSError:
            return None
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Blank the holder's details (a clean end), drop the lock and remove the lock file."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, _INFO_OFFSET)
        if sys.platform != "win32" and _same_file(fd, self.path):
            # Deleted while still locked: whoever opened it meanwhile sees it is gone and
            # retries on a new file (``_same_file`` in ``acquire``).
            _unlink_quietly(self.path)
        _close_quietly(fd)
        if sys.platform == "win32":
            # Fails, harmlessly, when another process has just opened it to take over.
            _unlink_quietly(self.path)

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def __del__(self) -> None:
        # A forgotten lock must not outlive its owner object in a long-running process.
        if getattr(self, "_fd", None) is not None:
            self.release()


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        _unlock(fd)
    with contextlib.suppress(OSError):
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
