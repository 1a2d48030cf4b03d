"""The table a file is read into, the limits it must stay within, and the refusal when it does not.

``TableBuilder`` takes the file's rows one at a time, so a reader never holds more than the
limits allow: it normalises every text cell to NFC, refuses an oversized cell, row or file as
soon as it sees one (naming the row and column), finds the heading row, and pads ragged rows.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from partydesk.domain.import_cells import Cell, cell_text
from partydesk.domain.importing import blank_row, column_letter
from partydesk.domain.numbers import grouped

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What an import file may hold (reliability §3.6): beyond it the file is refused."""

    max_bytes: int = 50 * MB
    max_rows: int = 100_000
    max_cell_chars: int = 10_000
    max_columns: int = 200
    # The zip container of an .xlsx, checked before any XML is parsed (zip bombs).
    max_unzipped_bytes: int = 200 * MB
    max_zip_ratio: int = 100
    max_zip_entries: int = 10_000


ENCODING_LABELS = {
    "": "Excel (.xlsx)",
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (có BOM)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32",
    "cp1258": "Windows-1258",
}


@dataclass
class RawTable:
    """A file's first table: its headings and data rows, every text NFC.

    ``rows[i]`` is the file's row ``first_data_row + i`` (as a spreadsheet numbers it); every
    row has ``len(headers)`` cells. ``encoding`` is "" for an .xlsx.
    """

    source: Path
    sheet: str
    encoding: str
    headers: list[str]
    rows: list[list[Cell]]
    first_data_row: int

    def file_row(self, index: int) -> int:
        return self.first_data_row + index

    @property
    def encoding_label(self) -> str:
        return ENCODING_LABELS.get(self.encoding, self.encoding)


class ImportFileRefused(Exception):
    """A file that cannot be imported; ``message`` names the file and says why, in Vietnamese."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        self.message = (
            f"Không nhập được tệp “{self.path.name}”: {reason} "
            "Dữ liệu trong PartyDesk không bị thay đổi."
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


class TableBuilder:
    """Builds a ``RawTable`` from rows given in file order (row numbers consecutive from 1).

    The heading row is the first row with at least 60 % as many filled cells as the fullest of
    the first ``HEADER_SCAN`` filled rows: title lines above a table ("DANH SÁCH ĐẢNG VIÊN",
    merged across it) fill one cell and are skipped.
    """

    HEADER_SCAN = 30
    HEADER_SHARE = 0.6

    def __init__(self, path: Path, limits: ReadLimits) -> None:
        self._path = path
        self._limits = limits
        self._scan: list[tuple[int, list[Cell]]] = []  # rows from the first filled one
        self._scanned_filled = 0
        self._header: tuple[int, list[Cell]] | None = None
        self._rows: list[list[Cell]] = []
        self._blank_run = 0
        self._width = 0

    def refuse(self, reason: str) -> ImportFileRefused:
        return ImportFileRefused(self._path, reason)

    def add(self, number: int, cells: Sequence[Cell]) -> None:
        row = self._clean(number, cells)
        if self._header is None:
            self._scan_row(number, row)
        else:
            self._data_row(number, row)

    def _clean(self, number: int, cells: Sequence[Cell]) -> list[Cell]:
        row = list(cells)
        while row and _blank(row[-1]):
            row.pop()
        if len(row) > self._limits.max_columns:
            raise self.refuse(
                f"dòng {number} có {grouped(len(row))} cột, vượt giới hạn "
                f"{self._limits.max_columns} cột."
            )
        for index, cell in enumerate(row):
            if isinstance(cell, str):
                if len(cell) > self._limits.max_cell_chars * 4:  # too long even before NFC
                    raise self._cell_too_long(number, index, len(cell))
                cell = unicodedata.normalize("NFC", cell)
                if len(cell) > self._limits.max_cell_chars:
                    raise self._cell_too_long(number, index, len(cell))
                row[index] = cell
        return row

    def _cell_too_long(self, number: int, index: int, length: int) -> ImportFileRefused:
        letter = column_letter(index)
        return self.refuse(
            f"ô {letter}{number} (dòng {number}, cột {letter}) có {grouped(length)} ký tự, "
            f"vượt giới hạn {grouped(self._limits.max_cell_chars)} ký tự một ô."
        )

    def _scan_row(self, number: int, row: list[Cell]) -> None:
        filled = not blank_row(row)
        if not self._scan and not filled:
            return
        self._scan.append((number, row))
        if filled:
            self._scanned_filled += 1
        if self._scanned_filled >= self.HEADER_SCAN:
            self._choose_header()

    def _choose_header(self) -> None:
        counts = [sum(not _blank(c) for c in row) for _, row in self._scan]
        threshold = max(1, math.ceil(max(counts) * self.HEADER_SHARE))
        at = next(i for i, count in enumerate(counts) if count >= threshold)
        self._header = self._scan[at]
        self._width = len(self._header[1])
        rest, self._scan = self._scan[at + 1 :], []
        for number, row in rest:
            self._data_row(number, row)

    def _data_row(self, number: int, row: list[Cell]) -> None:
        limit = self._limits.max_rows
        if blank_row(row):
            self._blank_run += 1
            if self._blank_run > limit:
                raise self.refuse(
                    f"có hơn {grouped(limit)} dòng trống liên tiếp (từ dòng "
                    f"{number - self._blank_run + 1}). Hãy xóa các dòng trống thừa rồi lưu lại."
                )
            return
        if len(self._rows) + self._blank_run + 1 > limit:
            raise self.refuse(
                f"tệp có hơn {grouped(limit)} dòng dữ liệu, vượt giới hạn. "
                "Hãy chia thành nhiều tệp nhỏ hơn."
            )
        self._rows.extend([] for _ in range(self._blank_run))
        self._blank_run = 0
        self._rows.append(row)
        self._width = max(self._width, len(row))

    def finish(self, sheet: str, encoding: str) -> RawTable | None:
        """The table, or None when the file (or sheet) has no filled row at all."""
        if self._header is None:
            if not self._scanned_filled:
                return None
            self._choose_header()
        assert self._header is not None
        number, heading = self._header
        headers = [" ".join(cell_text(c).split()) for c in heading]
        headers += [""] * (self._width - len(headers))
        for row in self._rows:
            row.extend([None] * (self._width - len(row)))
        return RawTable(self._path, sheet, encoding, headers, self._rows, number + 1)
