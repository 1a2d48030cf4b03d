"""Reading an import file (.xlsx or .csv) into a ``RawTable``, or refusing it with a reason.

Everything a file can do wrong ends as ``ImportFileRefused`` with a Vietnamese message naming
the file: too big, the wrong kind (.xls, .xlsm, a renamed picture), damaged, hostile (zip bomb,
XML entities), an unreadable encoding, a row, column or cell beyond the limits. The file is only
ever read.
"""

from __future__ import annotations

from pathlib import Path

from partydesk.domain.numbers import grouped
from partydesk.services.importing.csv_file import read_csv
from partydesk.services.importing.table import (
    MB,
    ImportFileRefused,
    RawTable,
    ReadLimits,
)
from partydesk.services.importing.xlsx_file import read_xlsx

__all__ = ["ImportFileRefused", "RawTable", "ReadLimits", "read_table"]

XLSX_SUFFIXES = frozenset({".xlsx"})
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_REFUSED_SUFFIXES = {
    ".xlsm": "tệp Excel có macro (.xlsm) không được nhận vì lý do an toàn. Hãy lưu lại dạng "
    ".xlsx (Excel Workbook) rồi chọn lại.",
    ".xltm": "mẫu Excel có macro (.xltm) không được nhận vì lý do an toàn. Hãy lưu lại dạng "
    ".xlsx rồi chọn lại.",
    ".xlam": "tệp bổ trợ Excel (.xlam) không phải bảng dữ liệu.",
    ".xls": "định dạng Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở bằng Excel và lưu lại "
    "dạng .xlsx (Excel Workbook) hoặc CSV UTF-8 rồi chọn lại.",
    ".xlsb": "định dạng Excel nhị phân (.xlsb) không được hỗ trợ. Hãy lưu lại dạng .xlsx rồi "
    "chọn lại.",
    ".ods": "bảng tính LibreOffice (.ods) không được hỗ trợ. Hãy lưu lại dạng .xlsx hoặc CSV "
    "rồi chọn lại.",
}


def _size_text(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",") + " MB" if size >= MB else f"{grouped(size)} byte"


def read_table(path: Path, limits: ReadLimits = ReadLimits()) -> RawTable:  # noqa: B008 - frozen
    """The first filled table of ``path``; raises ``ImportFileRefused`` for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        raise ImportFileRefused(path, _REFUSED_SUFFIXES[suffix])
    if suffix not in XLSX_SUFFIXES | CSV_SUFFIXES:
        raise ImportFileRefused(
            path,
            "chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv). Hãy lưu dữ liệu thành một trong "
            "hai dạng đó rồi chọn lại.",
        )
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportFileRefused(path, "đây không phải là một tệp.")
    except FileNotFoundError:
        raise ImportFileRefused(
            path, "không tìm thấy tệp (có thể đã bị chuyển hoặc xóa)."
        ) from None
    except OSError as exc:
        raise ImportFileRefused(path, f"không mở được tệp ({exc.strerror or exc}).") from exc
    if size == 0:
        raise ImportFileRefused(path, "tệp rỗng (0 byte).")
    if size > limits.max_bytes:
        raise ImportFileRefused(
            path,
            f"tệp nặng {_size_text(size)}, vượt giới hạn {_size_text(limits.max_bytes)}. Hãy "
            "chia thành nhiều tệp nhỏ hơn.",
        )
    try:
        if suffix in XLSX_SUFFIXES:
            return read_xlsx(path, limits)
        return read_csv(path, limits)
    except OSError as exc:
        raise ImportFileRefused(path, f"không đọc được tệp ({exc.strerror or exc}).") from exc
    except MemoryError as exc:
        raise ImportFileRefused(path, "tệp quá lớn để đọc trên máy này.") from exc
