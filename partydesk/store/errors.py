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
