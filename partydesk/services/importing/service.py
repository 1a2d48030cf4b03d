"""The import use case: read a file, map its columns, check every row, then add all or nothing.

1. ``read`` a file into a ``RawTable`` (``reader``), refusing what is too big or hostile;
2. ``suggest_mapping`` pairs the file's headings with PartyDesk's columns (a mapping the clerk
   confirmed before comes first: offices reuse the same spreadsheet every year);
3. ``preview`` checks every row (cells, the record's rules, references, duplicates in the file
   and against the register) and lists every problem by row and column;
4. ``run`` imports only a preview without problems: a verified backup first, then every record
   in one transaction, checked again inside it, so a failure or a cancel adds nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from partydesk.domain.accounts import Permission
from partydesk.domain.backups import BackupKind
from partydesk.domain.enterprise import ENTERPRISE_TYPE_LABELS
from partydesk.domain.import_cells import Cell, parse_date_cell, parse_int_cell
from partydesk.domain.importing import (
    DuplicateFinder,
    ImportedRow,
    ImportKind,
    RowProblem,
    ValueType,
    blank_row,
    column_by_key,
    columns,
    heading_key,
    mapping_problems,
    parse_row,
    record_keys,
    record_references,
)
from partydesk.domain.numbers import grouped
from partydesk.paths import DataPaths
from partydesk.reports.import_xlsx import write_problem_report
from partydesk.reports.import_xlsx import write_template as write_template_workbook
from partydesk.services.audit import audited, log_export, require
from partydesk.services.backups import BackupService
from partydesk.services.document_files import write_atomically
from partydesk.services.importing.reader import RawTable, ReadLimits, read_table
from partydesk.services.importing.snapshot import RegisterSnapshot, read_snapshot
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.store import Store

ColumnMapping = dict[int, str]
"""File column index → ``ImportColumn.key``."""

MAPPING_KEY = "import.mapping.{kind}"
INSERT_CHUNK = 1_000
PROGRESS_EVERY = 500
NO_ROWS = "tệp không có dòng dữ liệu nào dưới dòng tên cột."


@dataclass
class ImportPreview:
    """The result of checking a file: the records ready to add and every problem found."""

    kind: ImportKind
    table: RawTable
    mapping: ColumnMapping
    valid: list[ImportedRow]
    problems: list[RowProblem]
    duplicates_in_file: int
    duplicates_in_register: int

    @property
    def ok_count(self) -> int:
        return len(self.valid)

    @property
    def problem_rows(self) -> int:
        """How many of the file's rows have at least one problem."""
        return len({p.row for p in self.problems if p.row > 0})

    @property
    def can_import(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    kind: ImportKind
    added: int
    backup_path: Path | None


class ImportNotReady(Exception):
    """The import was not started (or was rolled back): the rows still have problems."""

    def __init__(self, problems: list[RowProblem], message: str) -> None:
        self.problems = problems
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class SaveFailed(Exception):
    """The report or template could not be written; ``message`` says where and why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.message = f"Không lưu được tệp “{path.name}” ({path.parent}): {reason}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class ImportService:
    def __init__(
        self,
        store: Store,
        paths: DataPaths,
        today: Callable[[], date] = date.today,
        limits: ReadLimits = ReadLimits(),  # noqa: B008 - frozen dataclass
    ) -> None:
        self._store = store
        self._paths = paths
        self._today = today
        self._limits = limits

    # --- reading and mapping -------------------------------------------------------------------

    def read(self, path: Path) -> RawTable:
        """The file's first table; raises ``ImportFileRefused`` with the reason."""
        return read_table(Path(path), self._limits)

    def _remembered(self, kind: ImportKind) -> dict[str, str]:
        with self._store.lock:
            stored = self._store.settings.get_value(MAPPING_KEY.format(kind=kind.value), {})
        return stored if isinstance(stored, dict) else {}

    def suggest_mapping(self, kind: ImportKind, headers: list[str]) -> ColumnMapping:
        """A PartyDesk column for each heading that names one: remembered pairings first, then
        the columns' labels and the other headings they are known by."""
        keys = column_by_key(kind)
        remembered = {k: v for k, v in self._remembered(kind).items() if v in keys}
        known: dict[str, str] = {}
        for column in columns(kind):
            for text in (column.label, *column.aliases):
                known.setdefault(heading_key(text), column.key)
        mapping: ColumnMapping = {}
        used: set[str] = set()
        for source in (remembered, known):
            for index, heading in enumerate(headers):
                key = source.get(heading_key(heading)) if heading_key(heading) else None
                if index not in mapping and key is not None and key not in used:
                    mapping[index] = key
                    used.add(key)
        return dict(sorted(mapping.items()))

    @audited("Ghi nhớ cách ghép cột nhập", Permission.IMPORT)
    def remember_mapping(
        self, kind: ImportKind, headers: list[str], mapping: ColumnMapping
    ) -> None:
        """Keep the clerk's pairings (by heading) for the next file of this kind."""
        keys = column_by_key(kind)
        remembered = self._remembered(kind)
        for index, key in mapping.items():
            if key in keys and 0 <= index < len(headers) and heading_key(headers[index]):
                remembered[heading_key(headers[index])] = key
        self._store.settings.set_value(MAPPING_KEY.format(kind=kind.value), remembered)

    # --- checking ------------------------------------------------------------------------------

    def preview(
        self,
        kind: ImportKind,
        table: RawTable,
        mapping: ColumnMapping,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> ImportPreview:
        """Every check of every row; nothing is written."""
        keys = column_by_key(kind)
        mapping = {i: k for i, k in mapping.items() if k in keys and 0 <= i < len(table.headers)}
        problems = mapping_problems(kind, mapping, table.headers)
        snapshot = read_snapshot(self._store, kind)
        finder = DuplicateFinder(kind, snapshot.keys)
        today = self._today()
        valid: list[ImportedRow] = []
        in_file = in_register = 0
        total = len(table.rows)
        filled = 0
        for index, cells in enumerate(table.rows):
            if index % PROGRESS_EVERY == 0:
                check_cancel(cancel)
                progress(index, total, f"Đang kiểm tra dòng {grouped(index + 1)}/{grouped(total)}")
            if blank_row(cells):
                continue
            filled += 1
            row = table.file_row(index)
            mapped = {key: cells[i] for i, key in mapping.items()}
            parsed = parse_row(kind, row, mapped, snapshot.references, today)
            duplicates, repeats_file, repeats_register = finder.check(row, parsed.keys)
            in_file += repeats_file
            in_register += repeats_register
            problems.extend(parsed.problems)
            problems.extend(duplicates)
            if parsed.record is not None and not duplicates:
                valid.append(ImportedRow(row, parsed.record))
        if not filled:
            problems.append(RowProblem(0, "", "", NO_ROWS))
        progress(total, total, "Đã kiểm tra xong")
        return ImportPreview(kind, table, mapping, valid, problems, in_file, in_register)

    def save_problems(self, preview: ImportPreview, path: Path) -> Path:
        """The problems as an Excel workbook, each with the cells of its file row."""
        require(self._store, Permission.PRINT)
        path = Path(path)
        table = preview.table
        wanted = {p.row for p in preview.problems if p.row > 0}
        source_rows = {
            table.file_row(i): cells
            for i, cells in enumerate(table.rows)
            if table.file_row(i) in wanted
        }
        _save(
            path,
            lambda handle: write_problem_report(
                preview.problems, table.headers, source_rows, handle
            ),
        )
        log_export(
            self._store,
            f"Báo cáo lỗi nhập {preview.kind.label.lower()} từ {table.source.name}",
            path,
            len(preview.problems),
        )
        return path

    # --- importing -----------------------------------------------------------------------------

    def run(
        self,
        preview: ImportPreview,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> ImportResult:
        """Add every record of a preview without problems: backup, then one transaction.

        Raises ``ImportNotReady`` (nothing added) when the preview has problems or the
        register changed so that a row no longer passes; ``Cancelled`` after a cancel (the
        transaction is rolled back); ``AccessDenied``, ``BackupFailed`` or ``WriteFailed``.
        """
        if not preview.can_import:
            raise ImportNotReady(
                preview.problems,
                f"Tệp còn {grouped(preview.problem_rows or len(preview.problems))} dòng có lỗi "
                "nên chưa nhập gì. Hãy sửa tệp theo báo cáo lỗi rồi kiểm tra lại.",
            )
        require(self._store, Permission.IMPORT)
        if not preview.valid:
            return ImportResult(preview.kind, 0, None)
        check_cancel(cancel)
        progress(0, len(preview.valid), "Đang sao lưu dữ liệu trước khi nhập…")
        backup = BackupService(self._store, self._paths, datetime.now).backup_now(
            BackupKind.BEFORE_IMPORT
        )
        if preview.kind is ImportKind.MEMBERS:
            added = self._add_members(preview.valid, progress, cancel)
        else:
            added = self._add_enterprises(preview.valid, progress, cancel)
        return ImportResult(preview.kind, added, backup.path)

    @audited("Nhập đảng viên từ tệp", Permission.IMPORT)
    def _add_members(
        self, rows: list[ImportedRow], progress: Progress, cancel: threading.Event | None
    ) -> int:
        members = self._checked_again(ImportKind.MEMBERS, rows)
        self._insert(members, self._store.members.insert_many, progress, cancel)
        return len(members)

    @audited("Nhập doanh nghiệp từ tệp", Permission.IMPORT)
    def _add_enterprises(
        self, rows: list[ImportedRow], progress: Progress, cancel: threading.Event | None
    ) -> int:
        enterprises = self._checked_again(ImportKind.ENTERPRISES, rows)
        self._insert(enterprises, self._store.enterprises.insert_many, progress, cancel)
        return len(enterprises)

    def _insert(
        self,
        records: list,
        insert_many: Callable[[list], list[int]],
        progress: Progress,
        cancel: threading.Event | None,
    ) -> None:
        total = len(records)
        for start in range(0, total, INSERT_CHUNK):
            check_cancel(cancel)
            progress(start, total, f"Đang nhập {grouped(start)}/{grouped(total)}")
            insert_many(records[start : start + INSERT_CHUNK])
        check_cancel(cancel)
        progress(total, total, "Đang ghi vào tệp dữ liệu…")

    def _checked_again(self, kind: ImportKind, rows: list[ImportedRow]) -> list:
        """The records, checked again against the register as it is inside the transaction.

        Only what depends on the register is checked again (references, duplicates): the
        record's own rules were checked by the preview, and the one that depends on the date
        (nothing in the future) can only pass more easily as time goes by.
        """
        snapshot = read_snapshot(self._store, kind)
        finder = DuplicateFinder(kind, snapshot.keys)
        labels = {c.key: c.label for c in columns(kind)}
        problems: list[RowProblem] = []
        for imported in rows:
            problems.extend(_stale_references(imported, snapshot, labels))
            problems.extend(finder.check(imported.row, record_keys(imported.record))[0])
        if problems:
            raise ImportNotReady(
                problems,
                "Dữ liệu trong PartyDesk đã thay đổi từ lúc kiểm tra tệp: "
                f"{problems[0].text()} Chưa nhập gì; hãy kiểm tra lại tệp.",
            )
        return [imported.record for imported in rows]

    # --- template ------------------------------------------------------------------------------

    def write_template(self, kind: ImportKind, path: Path) -> Path:
        """The Excel template for ``kind``: headings, an example row and a guide sheet. The
        example names a real organisation and enterprise of the register when there is one."""
        path = Path(path)
        snapshot = read_snapshot(self._store, kind)
        typed = {ValueType.DATE: parse_date_cell, ValueType.INTEGER: parse_int_cell}
        examples: dict[str, Cell] = {
            c.key: typed.get(c.value_type, str)(c.example) for c in columns(kind)
        }
        organisations = snapshot.current_names(snapshot.organisations)
        enterprises = snapshot.current_names(snapshot.enterprises)
        if kind is ImportKind.MEMBERS:
            examples["organisation"] = organisations[0] if organisations else ""
            examples["enterprise"] = enterprises[0] if enterprises else ""
            lists = [
                ("Giới tính: ghi một trong", ["Nam", "Nữ"]),
                ("Chính thức/Dự bị: ghi một trong", ["Chính thức", "Dự bị"]),
                ("Tổ chức đảng đang có trong sổ (ghi đúng tên)", organisations),
                ("Doanh nghiệp đang có trong sổ (ghi đúng tên hoặc mã số thuế)", enterprises),
            ]
        else:
            lists = [
                ("Loại hình: ghi một trong", list(ENTERPRISE_TYPE_LABELS.values())),
                ("Chủ doanh nghiệp là đảng viên: ghi một trong", ["Có", "Không"]),
            ]
        _save(
            path,
            lambda handle: write_template_workbook(kind, columns(kind), examples, lists, handle),
        )
        return path


def _stale_references(
    imported: ImportedRow, snapshot: RegisterSnapshot, labels: dict[str, str]
) -> list[RowProblem]:
    problems = []
    allowed = {
        "organisation": snapshot.references.organisation_ids,
        "enterprise": snapshot.references.enterprise_ids,
    }
    for key, ref in record_references(imported.record):
        if ref is not None and ref not in allowed[key]:
            problems.append(
                RowProblem(
                    imported.row,
                    labels[key],
                    "",
                    "không còn trong sổ (đã bị xóa, giải thể hoặc sáp nhập sau khi kiểm tra).",
                )
            )
    return problems


def _save(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` atomically; an OS refusal becomes a ``SaveFailed`` naming the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, lambda handle: write(handle) or 0)
    except PermissionError as exc:
        raise SaveFailed(
            path,
            "tệp đang mở trong Excel hoặc thư mục không cho phép ghi. Hãy đóng tệp đó "
            "hoặc chọn nơi lưu khác.",
        ) from exc
    except OSError as exc:
        raise SaveFailed(path, f"{exc.strerror or exc}.") from exc
