"""Reading a CSV file whatever Excel or another program saved it as.

The encoding is decided the way the bytes allow, never guessed from the content's language:

1. a byte-order mark says UTF-8 ("CSV UTF-8" from Excel), UTF-16 (Excel's "Unicode Text") or
   UTF-32;
2. NUL bytes in every other position without a mark mean UTF-16 without a BOM;
3. otherwise the whole file is checked as strict UTF-8 (streamed, constant memory);
4. failing that it is Windows-1258, the code page of Vietnamese Windows ("CSV (Comma
   delimited)" from Excel there). cp1258 writes most tones as separate combining marks, so
   every cell is normalised to NFC afterwards (``TableBuilder``).

The delimiter is the one of , ; or tab that appears most in the first filled line (Excel on a
Vietnamese Windows writes ";" when the list separator is set so).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from partydesk.services.importing.table import ImportFileRefused, RawTable, ReadLimits, TableBuilder

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 64 * 1024
_CHUNK = 1024 * 1024
DELIMITERS = (",", ";", "\t")

RESAVE = "Hãy mở tệp bằng Excel và lưu lại với kiểu “CSV UTF-8 (Comma delimited)” rồi chọn lại."


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NULs sit in every other byte (text that is mostly ASCII)."""
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    if odd_nuls > pairs * 0.3 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > pairs * 0.3 and odd_nuls == 0:
        return "utf-16-be"
    return None


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE)
    for mark, encoding in _BOMS:
        if sample.startswith(mark):
            return encoding
    if b"\x00" in sample:
        guessed = _utf16_without_bom(sample)
        if guessed is None:
            raise ImportFileRefused(
                path, "tệp không phải văn bản CSV (có ký tự NUL, giống tệp nhị phân). " + RESAVE
            )
        return guessed
    return "utf-8" if _is_utf8(path) else "cp1258"


def sniff_delimiter(sample: str) -> str:
    """The most frequent of , ; tab outside quotes in the first filled line ("," if none)."""
    line = next((text for text in sample.splitlines() if text.strip()), "")
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    with path.open(encoding=encoding, errors="strict", newline="") as handle:
        yield from csv.reader(handle, delimiter=delimiter, quotechar='"', strict=False)


def read_csv(path: Path, limits: ReadLimits) -> RawTable:
    encoding = detect_encoding(path)
    try:
        with path.open(encoding=encoding, errors="strict", newline="") as handle:
            delimiter = sniff_delimiter(handle.read(_SAMPLE))
    except UnicodeDecodeError as exc:
        raise _undecodable(path, encoding, 1) from exc
    # The csv module refuses fields over 128 KiB with an error that names neither the row nor
    # the column; the limit is raised to the file size so the builder can name both.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_bytes))
    builder = TableBuilder(path, limits)
    number = 0
    try:
        for number, record in enumerate(_records(path, encoding, delimiter), start=1):
            builder.add(number, [cell or None for cell in record])
    except UnicodeDecodeError as exc:
        raise _undecodable(path, encoding, number + 1) from exc
    except csv.Error as exc:
        raise ImportFileRefused(
            path, f"tệp CSV sai cấu trúc ở dòng {number + 1} ({exc}). {RESAVE}"
        ) from exc
    table = builder.finish(sheet="", encoding=encoding)
    if table is None:
        raise ImportFileRefused(path, "tệp không có dữ liệu.")
    return table


def _undecodable(path: Path, encoding: str, row: int) -> ImportFileRefused:
    return ImportFileRefused(
        path,
        f"không đọc được chữ trong tệp theo bảng mã {encoding} (khoảng dòng {row}); tệp có thể "
        f"dùng bảng mã khác (TCVN3, VNI…) hoặc bị hỏng. {RESAVE}",
    )
