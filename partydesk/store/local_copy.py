"""Copying a PartyDesk file from a risky place (a network share, a USB stick) to this computer.

The copy is made with SQLite's backup API from a read-only connection, in one step: a
consistent snapshot even if another PartyDesk is writing to the source (reliability §1.5). It
is written under a temporary name, checked, and only then given a name nobody uses yet: an
existing file is never replaced. The source is only read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from partydesk.store.db import connect_read_only, quick_check_read_only, read_header
from partydesk.store.errors import OpenError, OpenErrorKind, StoreError
from partydesk.store.migrate import LATEST_VERSION

_PART_SUFFIX = ".part"
_MAX_NAMES = 1000


class CopyFailed(StoreError):
    """The copy could not be made; the source is untouched and no partial copy is left."""

    def __init__(self, source: Path, folder: Path, detail: str) -> None:
        self.source = source
        self.folder = folder
        self.detail = detail
        super().__init__(
            f"Không sao chép được tệp {source} về thư mục {folder} ({detail}). Tệp gốc không "
            "bị thay đổi."
        )


def unused_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/<stem> (2)<suffix>``… : the first that does not exist
    (nor its lock or journal)."""
    original = Path(name)
    for number in range(1, _MAX_NAMES):
        candidate = folder / (
            name if number == 1 else f"{original.stem} ({number}){original.suffix}"
        )
        taken = (candidate, *_sidecars(candidate))
        if not any(p.exists() for p in taken):
            return candidate
    raise FileExistsError(folder / name)


def _sidecars(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + s) for s in (".lock", "-journal", "-wal", "-shm"))


def copy_database(source: Path, folder: Path) -> Path:
    """A checked copy of the PartyDesk file ``source`` in ``folder``; returns its path.

    Raises ``OpenError`` when the source is not a usable PartyDesk file and ``CopyFailed``
    when the copy cannot be written.
    """
    source, folder = Path(source), Path(folder)
    header = read_header(source)
    if header.user_version > LATEST_VERSION:
        raise OpenError(OpenErrorKind.TOO_NEW, source, str(header.user_version))
    quick_check_read_only(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = unused_name(folder, source.name)
    except OSError as exc:
        raise CopyFailed(source, folder, exc.strerror or str(exc)) from exc
    part = target.with_name(target.name + _PART_SUFFIX)
    try:
        _snapshot(source, part)
        quick_check_read_only(part)
        return _claim(part, folder, source.name)
    except OpenError as exc:
        raise CopyFailed(source, folder, f"bản sao không đọc lại được: {exc.detail}") from exc
    except (OSError, sqlite3.Error) as exc:
        detail = getattr(exc, "strerror", None) or str(exc)
        raise CopyFailed(source, folder, detail) from exc
    finally:
        for leftover in (part, part.with_name(part.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def _snapshot(source: Path, part: Path) -> None:
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(part, isolation_level=None)
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _claim(part: Path, folder: Path, name: str) -> Path:
    """Give the checked copy the first unused name, never replacing a file."""
    for _ in range(_MAX_NAMES):
        target = unused_name(folder, name)
        try:
            os.link(part, target)  # fails when the name is taken; never replaces
        except FileExistsError:
            continue
        except OSError:
            # No hard links on this file system. Windows' rename never replaces either; on
            # POSIX the check just before is as close as rename gets.
            if target.exists():
                continue
            os.rename(part, target)
            return target
        part.unlink()
        return target
    raise FileExistsError(folder / name)
