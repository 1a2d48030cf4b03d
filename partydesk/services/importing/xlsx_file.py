"""Reading the first filled sheet of an .xlsx, after checking its zip container is not a bomb.

Order of defences (reliability §3.6):

1. the zip's directory is read without decompressing anything: too many entries, too many
   bytes once unpacked, or an entry that unpacks more than ``max_zip_ratio`` times its packed
   size is refused. Python's zipfile stops an entry at its declared size (and then fails its
   CRC), so a lying directory cannot unpack more than it declares;
2. a workbook with a VBA project is refused, whatever its file name says;
3. openpyxl parses the XML through defusedxml (installed as a dependency), which refuses
   entity declarations: a "billion laughs" file raises ``DefusedXmlException``;
4. the sheet is read in read-only mode, each row at most ``max_columns + 1`` cells wide, and the
   ``TableBuilder`` stops at the first row, cell or count beyond the limits.
"""

from __future__ import annotations

import logging
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from partydesk.domain.import_cells import Cell
from partydesk.domain.numbers import grouped
from partydesk.services.importing.table import (
    MB,
    ImportFileRefused,
    RawTable,
    ReadLimits,
    TableBuilder,
)

log = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any Office file with a password
ZIP_MAGIC = b"PK\x03\x04"
_RATIO_CHECKED_FROM = 1 * MB  # tiny parts compress wildly (an empty sheet) and are harmless

NOT_XLSX = (
    "tệp không phải tệp Excel .xlsx hợp lệ hoặc đã bị hỏng (có thể tệp chưa chép xong hoặc bị "
    "đổi đuôi). Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi chọn lại."
)
PROTECTED = (
    "tệp là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu mở tệp. Hãy mở bằng Excel, bỏ mật "
    "khẩu và lưu lại dạng .xlsx (Excel Workbook) rồi chọn lại."
)
HOSTILE = "tệp có thể độc hại nên không được mở."
UNSAFE_XML = (
    "tệp Excel chứa khai báo XML không an toàn (thực thể, DTD); " + HOSTILE + " Hãy chép dữ "
    "liệu sang một tệp Excel mới rồi thử lại."
)
MACROS = (
    "tệp có chứa macro (VBA) nên không được nhận vì lý do an toàn. Hãy lưu lại dạng .xlsx "
    "(Excel Workbook, không macro) rồi chọn lại."
)


def _megabytes(size: int) -> str:
    return f"{grouped(max(1, round(size / MB)))} MB"


def check_zip(path: Path, limits: ReadLimits) -> None:
    """Refuse a container that is not a zip, is a bomb, or carries macros; read nothing else."""
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(OLE_MAGIC[:4]):
        raise ImportFileRefused(path, PROTECTED)
    if not magic.startswith(ZIP_MAGIC):
        raise ImportFileRefused(path, NOT_XLSX)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    # A damaged directory raises BadZipFile, but also NotImplementedError (an unknown zip
    # version), struct.error, UnicodeDecodeError, OverflowError...: all mean "not an .xlsx".
    except Exception as exc:
        log.info("Not a zip: %s: %r", path, exc)
        raise ImportFileRefused(path, NOT_XLSX) from exc
    if len(infos) > limits.max_zip_entries:
        raise ImportFileRefused(
            path,
            f"tệp Excel có tới {grouped(len(infos))} thành phần, bất thường; {HOSTILE}",
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise ImportFileRefused(
            path,
            f"nội dung tệp Excel khi giải nén lên tới {_megabytes(total)}, vượt giới hạn "
            f"{_megabytes(limits.max_unzipped_bytes)}; {HOSTILE} Nếu đây là dữ liệu thật, hãy "
            "chia thành nhiều tệp nhỏ hơn.",
        )
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size >= _RATIO_CHECKED_FROM and info.file_size > limits.max_zip_ratio * packed:
            raise ImportFileRefused(
                path,
                f"một phần của tệp Excel nén bất thường (giải nén ra {_megabytes(info.file_size)}"
                f", gấp {grouped(info.file_size // packed)} lần); {HOSTILE}",
            )
        if info.filename.lower().endswith("vbaproject.bin"):
            raise ImportFileRefused(path, MACROS)


def _cell(value: Any) -> Cell:
    """An openpyxl value as a raw cell: dates stay dates, booleans become Có/Không."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value
    if isinstance(value, date | int | float):
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _unreadable(path: Path, exc: BaseException) -> ImportFileRefused:
    """The refusal for an exception openpyxl raised: unsafe XML (found anywhere in the chain of
    causes, since openpyxl wraps it in a ValueError) or simply a damaged workbook."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return ImportFileRefused(path, UNSAFE_XML)
        cause = cause.__cause__ or cause.__context__
    log.info("Unreadable workbook %s: %r", path, exc)
    return ImportFileRefused(path, NOT_XLSX)


def read_xlsx(path: Path, limits: ReadLimits) -> RawTable:
    check_zip(path, limits)
    from openpyxl import load_workbook

    # openpyxl raises whatever its parsers meet in a damaged file (KeyError for a missing
    # part, ValueError, TypeError, ParseError, zlib.error...): each means "not a readable
    # workbook", so every exception becomes the one refusal.
    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:
        raise _unreadable(path, exc) from exc
    try:
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            table = _read_sheet(path, sheet, limits)
            if table is not None:
                return table
    except ImportFileRefused:
        raise
    except Exception as exc:  # the same reasoning as above, for the sheet's own XML
        raise _unreadable(path, exc) from exc
    finally:
        workbook.close()
    raise ImportFileRefused(path, "tệp không có dữ liệu: mọi trang tính đều trống.")


def _read_sheet(path: Path, sheet: Any, limits: ReadLimits) -> RawTable | None:
    # The sheet's declared size can be anything (a hostile file says XFD1048576); without it
    # openpyxl pads nothing beyond the cells really present, and max_col bounds each row.
    sheet.reset_dimensions()
    builder = TableBuilder(path, limits)
    rows = sheet.iter_rows(min_row=1, max_col=limits.max_columns + 1, values_only=True)
    for number, values in enumerate(rows, start=1):
        builder.add(number, [_cell(v) for v in values])
    return builder.finish(sheet=sheet.title, encoding="")
