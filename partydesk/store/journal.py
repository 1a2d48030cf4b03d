"""A rollback journal found beside a database file: may SQLite replay it into the file?

SQLite replays any "hot" ``<name>-journal`` into ``<name>`` at the next open, whatever
database the journal came from (howtocorrupt §1.3/§1.4): a journal copied from another file
would write that file's pages into ours. A journal left by PartyDesk's own crash, though, MUST
be replayed, or the half-written transaction stays in the file.

So before SQLite sees the file read-write, ``inspect_journal`` decides. A journal is trusted
only when all of these hold:

* the session that last held the file's lock ended without releasing it (``crashed_session``:
  its details are still in the lock file, see ``store.file_lock``);
* the journal's page size is the database's;
* if the journal holds page 1 (the file header, journaled by almost every transaction), that
  page is a PartyDesk header whose change counter is the database's or one less.

Anything else that SQLite would replay is ``FOREIGN`` and the file is refused, untouched, with
the journal left where it is. A journal SQLite ignores (empty, first byte zero) is harmless.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from partydesk.store.errors import OpenError, OpenErrorKind

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_JOURNAL_HEADER = struct.Struct(">8sIIIII")  # magic, records, nonce, db pages, sector, page size
_SQLITE_HEADER = b"SQLite format 3\x00"
_PAGE1_APPLICATION_ID = slice(68, 72)
_PAGE1_CHANGE_COUNTER = slice(24, 28)
_MAX_SEGMENTS = 10_000


class JournalVerdict(StrEnum):
    NONE = "none"  # no journal beside the file
    IGNORED = "ignored"  # SQLite will not replay it (empty or zeroed header)
    OURS = "ours"  # left by this file's own interrupted write: SQLite must replay it
    FOREIGN = "foreign"  # would be replayed but cannot be shown to belong to this file


@dataclass(frozen=True, slots=True)
class JournalFinding:
    verdict: JournalVerdict
    path: Path
    why: str = ""  # for the log


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-journal")


def _db_page_size(header: bytes) -> int:
    (size,) = struct.unpack(">H", header[16:18])
    return 65536 if size == 1 else size


def inspect_journal(db_path: Path, application_id: int, *, crashed_session: bool) -> JournalFinding:
    """Whether the journal beside ``db_path`` (if any) may be replayed into it.

    Reads the journal and the database's header only; changes nothing.
    """
    path = journal_path(db_path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return JournalFinding(JournalVerdict.NONE, path)
    with handle, db_path.open("rb") as db:
        return _judge(handle, db.read(100), application_id, path, crashed_session)


def _judge(
    journal: BinaryIO, db_header: bytes, application_id: int, path: Path, crashed_session: bool
) -> JournalFinding:
    head = journal.read(_JOURNAL_HEADER.size)
    if not head or head[0] == 0:
        return JournalFinding(JournalVerdict.IGNORED, path, "empty or zeroed journal")

    def foreign(why: str) -> JournalFinding:
        return JournalFinding(JournalVerdict.FOREIGN, path, why)

    if len(head) < _JOURNAL_HEADER.size or not head.startswith(JOURNAL_MAGIC):
        return foreign("not a rollback journal header")
    _, _, _, _, sector_size, page_size = _JOURNAL_HEADER.unpack(head)
    if page_size != _db_page_size(db_header):
        return foreign(f"journal page size {page_size}")
    if sector_size < _JOURNAL_HEADER.size or sector_size & (sector_size - 1):
        return foreign(f"journal sector size {sector_size}")
    for page in _journal_page_ones(journal, sector_size, page_size):
        if not page.startswith(_SQLITE_HEADER):
            return foreign("journaled page 1 is not a SQLite header")
        (journal_app,) = struct.unpack(">i", page[_PAGE1_APPLICATION_ID])
        if journal_app != application_id:
            return foreign("journaled page 1 belongs to another application")
        (then,) = struct.unpack(">I", page[_PAGE1_CHANGE_COUNTER])
        (now,) = struct.unpack(">I", db_header[_PAGE1_CHANGE_COUNTER])
        if (now - then) % 2**32 not in (0, 1):
            return foreign(f"change counter {then} in the journal, {now} in the file")
    if not crashed_session:
        return foreign("no PartyDesk session on this file ended without closing it")
    return JournalFinding(JournalVerdict.OURS, path)


def _journal_page_ones(journal: BinaryIO, sector_size: int, page_size: int) -> list[bytes]:
    """Every copy of page 1 in the journal's segments (each segment: a header at a sector
    boundary, then its records). Reads page numbers only, not every page: a journal can be as
    large as a big transaction."""
    record = 4 + page_size + 4  # page number, page, checksum
    found = []
    offset = 0
    for _ in range(_MAX_SEGMENTS):
        journal.seek(offset)
        head = journal.read(12)
        if len(head) < 12 or not head.startswith(JOURNAL_MAGIC):
            break
        (count,) = struct.unpack_from(">I", head, 8)
        position = offset + sector_size
        for _ in range(count):
            journal.seek(position)
            number = journal.read(4)
            if len(number) < 4:
                return found
            if struct.unpack(">I", number)[0] == 1:
                page = journal.read(page_size)
                if len(page) < page_size:
                    return found
                found.append(page)
            position += record
        if count == 0:
            break
        offset = -(-position // sector_size) * sector_size  # the next sector boundary
    return found


class JournalRefused(OpenError):
    """A rollback journal beside the file that PartyDesk will not let SQLite replay.

    Counted as a damaged file (``OpenErrorKind.CORRUPT``) so the clerk is offered the latest
    backup; the message is its own.
    """

    def __init__(self, path: Path, journal: Path, *, read_only: bool = False) -> None:
        self.journal = journal
        self.read_only = read_only
        super().__init__(OpenErrorKind.CORRUPT, path, "rollback journal")

    @property
    def message(self) -> str:
        if self.read_only:
            return (
                f"Bên cạnh tệp dữ liệu {self.path} có tệp {self.journal.name} của một lần ghi "
                "chưa xong. Khi chỉ mở để xem, PartyDesk không thể xử lý lần ghi dở này nên "
                "không mở tệp; cả hai tệp được giữ nguyên. Hãy mở tệp ở chế độ làm việc bình "
                "thường trên máy có quyền ghi, hoặc khôi phục từ bản sao lưu gần nhất."
            )
        return (
            f"Bên cạnh tệp dữ liệu {self.path} có tệp {self.journal.name} không phải của một "
            "lần ghi dở của PartyDesk trên tệp này (có thể được chép từ nơi khác, hoặc một "
            "chương trình khác đang ghi vào tệp). PartyDesk không mở tệp để tránh chép nội "
            "dung lạ vào dữ liệu; cả hai tệp được giữ nguyên. Hãy đóng các chương trình khác "
            "đang mở tệp rồi thử lại, hoặc khôi phục từ bản sao lưu gần nhất."
        )
