"""Errors of the store, each with the Vietnamese message a clerk sees and the file it is about."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class OpenErrorKind(StrEnum):
    NOT_FOUND = "not_found"
    EMPTY_FILE = "empty_file"
    NOT_SQLITE = "not_sqlite"
    OTHER_APPLICATION = "other_application"
    CORRUPT = "corrupt"
    TOO_NEW = "too_new"
    UNREADABLE = "unreadable"
    MIGRATION_FAILED = "migration_failed"


_MESSAGES: dict[OpenErrorKind, str] = {
    OpenErrorKind.NOT_FOUND: "Không tìm thấy tệp dữ liệu {path}.",
    OpenErrorKind.EMPTY_FILE: (
        "Tệp {path} trống (0 byte), không phải tệp dữ liệu PartyDesk. Tệp được giữ nguyên."
    ),
    OpenErrorKind.NOT_SQLITE: (
        "Tệp {path} không phải tệp dữ liệu PartyDesk (không phải cơ sở dữ liệu SQLite). "
        "Tệp được giữ nguyên."
    ),
    OpenErrorKind.OTHER_APPLICATION: (
        "Tệp {path} là cơ sở dữ liệu của một chương trình khác, không phải của PartyDesk. "
        "Tệp được giữ nguyên."
    ),
    OpenErrorKind.CORRUPT: (
        "Tệp dữ liệu {path} bị hỏng ({detail}). PartyDesk không ghi gì vào tệp này; "
        "hãy khôi phục từ bản sao lưu gần nhất."
    ),
    OpenErrorKind.TOO_NEW: (
        "Tệp {path} được tạo bởi phiên bản PartyDesk mới hơn (cấu trúc dữ liệu số {detail}). "
        "Hãy cập nhật PartyDesk; tệp được giữ nguyên."
    ),
    OpenErrorKind.UNREADABLE: "Không đọc được tệp {path}: {detail}",
    OpenErrorKind.MIGRATION_FAILED: (
        "Không nâng cấp được cấu trúc dữ liệu của tệp {path} ({detail}). Tệp được giữ nguyên "
        "như trước khi nâng cấp; bản sao lưu nằm ở {backup}."
    ),
}


class StoreError(Exception):
    """Base class of the store's own errors."""


class OpenError(StoreError):
    """A file could not be opened as a PartyDesk database; the file was not changed."""

    def __init__(
        self, kind: OpenErrorKind, path: Path, detail: str = "", backup: Path | None = None
    ) -> None:
        self.kind = kind
        self.path = path
        self.detail = detail
        self.backup = backup
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _MESSAGES[self.kind].format(
            path=self.path, detail=self.detail, backup=self.backup or "—"
        )


class WriteFailedKind(StrEnum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    IO_ERROR = "io_error"
    BUSY = "busy"
    GONE = "gone"
    CORRUPT = "corrupt"


_WRITE_MESSAGES: dict[WriteFailedKind, str] = {
    WriteFailedKind.DISK_FULL: (
        "Ổ đĩa đầy nên không lưu được. Không có gì bị lưu dở; hãy giải phóng dung lượng "
        "ổ đĩa chứa {path} rồi lưu lại — nội dung đang nhập vẫn còn trên màn hình."
    ),
    WriteFailedKind.READ_ONLY: (
        "Tệp dữ liệu {path} hoặc thư mục chứa nó đang ở chế độ chỉ đọc nên không lưu được. "
        "Không có gì bị lưu dở; hãy bỏ thuộc tính chỉ đọc (hoặc xin quyền ghi) rồi lưu lại."
    ),
    WriteFailedKind.IO_ERROR: (
        "Lỗi đọc ghi ổ đĩa khi lưu vào {path} ({detail}). Không có gì bị lưu dở. Có thể do "
        "ổ đĩa bị rút ra, ổ mạng bị ngắt, phần mềm diệt virus hoặc đồng bộ đang giữ tệp, hay "
        "ổ đĩa có lỗi; khắc phục rồi lưu lại."
    ),
    WriteFailedKind.BUSY: (
        "Tệp dữ liệu {path} đang bị một chương trình khác giữ nên chưa lưu được. Không có gì "
        "bị lưu dở; hãy thử lại sau giây lát."
    ),
    WriteFailedKind.GONE: (
        "Không còn tìm thấy tệp dữ liệu {path} (tệp bị xóa, đổi tên hoặc ổ đĩa bị rút). "
        "Không có gì bị lưu dở; hãy trả tệp về chỗ cũ rồi lưu lại."
    ),
    WriteFailedKind.CORRUPT: (
        "Tệp dữ liệu {path} bị hỏng nên không lưu được ({detail}). Không có gì bị lưu dở; "
        "hãy khôi phục từ bản sao lưu gần nhất."
    ),
}


class WriteFailed(StoreError):
    """A write the disk or the file refused; the transaction was rolled back whole."""

    def __init__(self, kind: WriteFailedKind, path: object, detail: str = "") -> None:
        self.kind = kind
        self.path = path
        self.detail = detail
        super().__init__(_WRITE_MESSAGES[kind].format(path=path, detail=detail))


def write_failure_kind(error: BaseException) -> WriteFailedKind | None:
    """Which clerk-facing failure a ``sqlite3`` error is, from its error name; None if a bug."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if name == "SQLITE_READONLY_DBMOVED":  # the file was moved or deleted while open
        return WriteFailedKind.GONE
    if name == "SQLITE_FULL" or "disk is full" in text:
        return WriteFailedKind.DISK_FULL
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return WriteFailedKind.READ_ONLY
    if name in {"SQLITE_BUSY", "SQLITE_LOCKED"} or "database is locked" in text:
        return WriteFailedKind.BUSY
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return WriteFailedKind.GONE
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return WriteFailedKind.IO_ERROR
    if name in {"SQLITE_CORRUPT", "SQLITE_NOTADB"} or "malformed" in text:
        return WriteFailedKind.CORRUPT
    return None


class NotFound(StoreError):
    """A record asked for by id does not exist."""

    def __init__(self, what: str, record_id: int) -> None:
        super().__init__(f"Không tìm thấy {what} có mã {record_id}.")


class DuplicateError(StoreError):
    """A unique field (tax code, CCCD, card number) is already used by another record."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class CycleClosed(StoreError):
    """A write on an evaluation cycle that was closed; nothing was changed."""

    def __init__(self, year: int | None = None) -> None:
        self.year = year
        which = f"Kỳ đánh giá, xếp loại năm {year}" if year is not None else "Kỳ đánh giá, xếp loại"
        super().__init__(
            f"{which} đã kết thúc nên không sửa được. Muốn sửa, hãy mở lại kỳ và ghi rõ lý do."
        )


class CycleExists(DuplicateError):
    """A second evaluation cycle for a year that already has one."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            "year",
            f"Năm {year} đã có kỳ đánh giá, xếp loại. Mỗi năm chỉ có một kỳ; hãy mở kỳ đã có.",
        )
