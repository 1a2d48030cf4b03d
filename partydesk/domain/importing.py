"""Importing members and enterprises from a spreadsheet: the row checks and the duplicates.

A file is read elsewhere into rows of raw cells. Here each mapped cell is parsed by the rules
of its column (``import_cells``, ``import_columns``), the record is built and put through the
same ``validate_member`` / ``validate_enterprise`` a form uses, references to organisations and
enterprises are resolved against the register, and every failure becomes a ``RowProblem``
naming the file's row, the column and the reason in Vietnamese.

Duplicates are found by keys: a member's folded name + birth date, CCCD or card number; an
enterprise's tax code or folded name. Keys are computed from NFC text, so the two Unicode
spellings of one name ("dựng sẵn" and "tổ hợp") give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.errors import ValidationError
from partydesk.domain.identifiers import validate_cccd, validate_party_number, validate_tax_code
from partydesk.domain.import_cells import (
    LOST_ZEROS,
    Cell,
    CellError,
    cell_text,
    parse_date_cell,
    parse_enterprise_type,
    parse_gender,
    parse_identifier_cell,
    parse_int_cell,
    parse_standing,
    parse_yes_no,
    shown_value,
)
from partydesk.domain.import_columns import (
    ImportColumn,
    ImportKind,
    ValueType,
    column_by_key,
    columns,
    heading_key,
)
from partydesk.domain.member import Member, Standing
from partydesk.domain.text import fold
from partydesk.domain.validation import (
    ENTERPRISE_LABELS,
    MEMBER_LABELS,
    InvalidRecord,
    validate_enterprise,
    validate_member,
)

__all__ = [
    "LOST_ZEROS",
    "Cell",
    "CellError",
    "DuplicateFinder",
    "DuplicateKey",
    "ImportColumn",
    "ImportKind",
    "ImportedRow",
    "KeyKind",
    "ParsedRow",
    "References",
    "RegisterEntry",
    "RowProblem",
    "ValueType",
    "blank_row",
    "cell_text",
    "column_by_key",
    "column_letter",
    "columns",
    "describe_member",
    "enterprise_keys",
    "file_column_name",
    "heading_key",
    "mapping_problems",
    "member_keys",
    "name_birth_key",
    "parse_date_cell",
    "parse_enterprise_row",
    "parse_identifier_cell",
    "parse_int_cell",
    "parse_member_row",
    "parse_row",
    "parse_yes_no",
    "record_keys",
    "record_references",
    "shown_value",
]

_SHOWN_VALUE = 60


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row (or, with ``row`` 0, the whole file) cannot be imported.

    ``row`` is the row number as the spreadsheet shows it (the heading row is 1 in a plain
    file); ``column`` is the PartyDesk column's label, "" when the whole row is meant.
    """

    row: int
    column: str
    value: str
    reason: str

    def text(self) -> str:
        """ "Dòng 7, cột Ngày sinh (“31/02/1980”): ngày không có thật." """
        value = self.value if len(self.value) <= _SHOWN_VALUE else self.value[:_SHOWN_VALUE] + "…"
        where = []
        if self.row > 0:
            where.append(f"Dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}" if where else f"Cột {self.column}")
        place = ", ".join(where)
        if value:
            place += f" (“{value}”)"
        return f"{place}: {self.reason}" if place else self.reason[:1].upper() + self.reason[1:]


# --- references to the register -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """An organisation or enterprise of the register, as an import may name it."""

    id: int
    name: str
    code: str = ""  # organisation: ký hiệu; enterprise: mã số thuế
    ended: bool = False


class References:
    """Resolves the names and codes a file gives to organisations and enterprises."""

    def __init__(
        self, organisations: Iterable[RegisterEntry], enterprises: Iterable[RegisterEntry]
    ) -> None:
        self._organisations = _index(organisations)
        self._enterprises = _index(enterprises, code_key=_tax_key)
        self.organisation_ids = frozenset(e.id for e in self._organisations[2] if not e.ended)
        self.enterprise_ids = frozenset(e.id for e in self._enterprises[2] if not e.ended)
        self._answers: dict[tuple[str, str], int | CellError] = {}

    def organisation(self, text: str) -> int:
        return self._cached(
            "o", text, self._organisations, "tổ chức đảng", "đã giải thể hoặc sáp nhập"
        )

    def enterprise(self, text: str) -> int:
        return self._cached("e", text, self._enterprises, "doanh nghiệp", "đã giải thể")

    def _cached(self, table: str, text: str, index: _Index, what: str, ended: str) -> int:
        # A file names the same few organisations on thousands of rows.
        key = (table, text)
        if key not in self._answers:
            try:
                self._answers[key] = _resolve(index, text, what, ended)
            except CellError as exc:
                self._answers[key] = exc
        answer = self._answers[key]
        if isinstance(answer, CellError):
            raise CellError(answer.reason)
        return answer


def _tax_key(text: str) -> str:
    return re.sub(r"\s", "", text)


_Index = tuple[dict[str, list[RegisterEntry]], dict[str, list[RegisterEntry]], list[RegisterEntry]]


def _index(entries: Iterable[RegisterEntry], code_key: Callable[[str], str] = fold) -> _Index:
    by_name: dict[str, list[RegisterEntry]] = {}
    by_code: dict[str, list[RegisterEntry]] = {}
    listed = list(entries)
    for entry in listed:
        by_name.setdefault(fold(entry.name), []).append(entry)
        if entry.code:
            by_code.setdefault(code_key(entry.code), []).append(entry)
    return by_name, by_code, listed


def _resolve(index: _Index, text: str, what: str, ended_text: str) -> int:
    by_name, by_code, _ = index
    found = by_name.get(fold(text)) or by_code.get(fold(text)) or by_code.get(_tax_key(text))
    if not found:
        raise CellError(f"không có {what} nào tên như vậy trong sổ; hãy ghi đúng tên như trong sổ.")
    current = [entry for entry in found if not entry.ended]
    if not current:
        raise CellError(f"{what} này {ended_text}.")
    if len(current) > 1:
        raise CellError(
            f"có {len(current)} {what} cùng tên hoặc ký hiệu này trong sổ; hãy ghi tên đầy đủ "
            "để phân biệt."
        )
    return current[0].id


# --- duplicates ------------------------------------------------------------------------------


class KeyKind(StrEnum):
    NAME_BIRTH = "ten-ngay-sinh"
    CCCD = "cccd"
    CARD = "the-dang"
    TAX_CODE = "ma-so-thue"
    NAME = "ten"

    @property
    def column(self) -> str:
        """The key of the column the duplicate is reported in."""
        return {
            "ten-ngay-sinh": "full_name",
            "cccd": "cccd",
            "the-dang": "card_number",
            "ma-so-thue": "tax_code",
            "ten": "name",
        }[self.value]

    @property
    def phrase(self) -> str:
        return {
            "ten-ngay-sinh": "cùng họ tên và ngày sinh",
            "cccd": "cùng số CCCD",
            "the-dang": "cùng số thẻ đảng viên",
            "ma-so-thue": "cùng mã số thuế",
            "ten": "cùng tên doanh nghiệp",
        }[self.value]


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    kind: KeyKind
    value: str
    shown: str = field(default="", compare=False)  # the value as written, for messages


def name_birth_key(full_name: str, birth_date: date) -> str:
    """Folded name + birth date; NFC first, so both Unicode spellings give one key."""
    return f"{fold(unicodedata.normalize('NFC', full_name))}|{birth_date.isoformat()}"


def _normalised(check: Callable[[], str | None]) -> str:
    try:
        return check() or ""
    except ValidationError:
        return ""


def member_keys(
    full_name: str, birth_date: date | None, cccd: str = "", card_number: str = ""
) -> tuple[DuplicateKey, ...]:
    """The keys that identify a member; blank or malformed parts give no key."""
    keys = []
    if birth_date is not None:
        name_key = name_birth_key(full_name, birth_date)
        if not name_key.startswith("|"):  # a name with no letters gives no key
            keys.append(DuplicateKey(KeyKind.NAME_BIRTH, name_key, full_name))
    number = _normalised(lambda: validate_cccd(cccd)) if cccd else ""
    if number:
        keys.append(DuplicateKey(KeyKind.CCCD, number, cccd))
    card = (
        _normalised(lambda: validate_party_number(card_number, "card_number", "Số thẻ"))
        if card_number
        else ""
    )
    if card:
        keys.append(DuplicateKey(KeyKind.CARD, card, card_number))
    return tuple(keys)


def enterprise_keys(name: str, tax_code: str = "") -> tuple[DuplicateKey, ...]:
    keys = []
    folded = fold(unicodedata.normalize("NFC", name))
    if folded:
        keys.append(DuplicateKey(KeyKind.NAME, folded, name))
    code = _normalised(lambda: validate_tax_code(tax_code))
    if code:
        keys.append(DuplicateKey(KeyKind.TAX_CODE, code, tax_code))
    return tuple(keys)


# --- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """A record ready to be added, with the file row it came from."""

    row: int
    record: Member | Enterprise


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One file row checked: the record, or None when it has problems (or when a required
    column is not mapped, which is reported once for the whole file); the row's keys."""

    row: int
    record: Member | Enterprise | None
    problems: tuple[RowProblem, ...]
    keys: tuple[DuplicateKey, ...]


_PARSERS: dict[ValueType, Callable[..., Any]] = {
    ValueType.TEXT: cell_text,
    ValueType.DATE: parse_date_cell,
    ValueType.INTEGER: parse_int_cell,
    ValueType.YES_NO: parse_yes_no,
}
_CHOICES: dict[str, Callable[[Cell], Enum | None]] = {
    "gender": parse_gender,
    "standing": parse_standing,
    "type": parse_enterprise_type,
}
# Record fields whose validation errors belong to a column with another key.
_FIELD_COLUMN = {"organisation_id": "organisation", "enterprise_id": "enterprise"}
_LABEL_PREFIX = re.compile(r"^[^:.()\d]{1,45}: ")
REQUIRED_BLANK = "không được để trống (cột bắt buộc)."


# How the validators name fields that the import's columns call differently.
_VALIDATOR_LABELS = (*MEMBER_LABELS.values(), *ENTERPRISE_LABELS.values(), "Số điện thoại")


def _reason(message: str, label: str) -> str:
    """A validator's message without the field's name in front (the problem names the column):
    "Họ và tên: cần ghi đủ họ và tên." → "cần ghi đủ họ và tên."."""
    if _LABEL_PREFIX.match(message):
        return _LABEL_PREFIX.sub("", message, count=1)
    for name in (label, *_VALIDATOR_LABELS):
        rest = message[len(name) + 1 :]
        if name and message.startswith(name + " ") and rest[:1].islower():
            return rest
    return message


class _RowParser:
    """Parses one row's mapped cells; collects one problem per column at most."""

    def __init__(
        self, kind: ImportKind, row: int, cells: Mapping[str, Cell], refs: References
    ) -> None:
        self.by_key = column_by_key(kind)
        self.row = row
        self.cells = cells
        self.refs = refs
        self.problems: dict[str, RowProblem] = {}
        self.values: dict[str, Any] = {}

    def problem(self, key: str, reason: str) -> None:
        if key in self.problems:
            return
        column = self.by_key.get(key)
        value = shown_value(self.cells.get(key)) if column else ""
        self.problems[key] = RowProblem(self.row, column.label if column else "", value, reason)

    def parse_all(self) -> None:
        for key, raw in self.cells.items():
            column = self.by_key.get(key)
            if column is None:
                continue
            try:
                self.values[key] = self._parse(column, raw)
            except CellError as exc:
                self.problem(key, exc.reason)
                continue
            if column.required and self.values[key] in (None, ""):
                self.problem(key, REQUIRED_BLANK)

    def _parse(self, column: ImportColumn, raw: Cell) -> Any:
        if column.value_type is ValueType.IDENTIFIER:
            return parse_identifier_cell(raw, column.digits)
        if column.value_type is ValueType.CHOICE:
            return _CHOICES[column.key](raw)
        if column.value_type is ValueType.REFERENCE:
            text = cell_text(raw)
            if not text:
                return None
            if column.key == "organisation":
                return self.refs.organisation(text)
            return self.refs.enterprise(text)
        return _PARSERS[column.value_type](raw)

    def text(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) and value else default

    def validated(self, build: Callable[[], Any], validate: Callable[[Any], Any]) -> Any:
        """The validated record, or None after recording the validator's field errors."""
        try:
            return validate(build())
        except InvalidRecord as exc:
            for error in exc.errors:
                key = _FIELD_COLUMN.get(error.field, error.field)
                if key not in self.cells and key in self.by_key:
                    continue  # an unmapped column is reported once for the whole file
                column = self.by_key.get(key)
                self.problem(key, _reason(error.message, column.label if column else ""))
            return None

    def result(self, record: Any, keys: tuple[DuplicateKey, ...]) -> ParsedRow:
        order = {key: i for i, key in enumerate(self.by_key)}
        problems = tuple(
            self.problems[key] for key in sorted(self.problems, key=lambda k: order.get(k, 999))
        )
        return ParsedRow(self.row, None if problems else record, problems, keys)


def parse_member_row(
    row: int, cells: Mapping[str, Cell], refs: References, today: date
) -> ParsedRow:
    """One file row (cells by column key, mapped columns only) as a validated ``Member``."""
    p = _RowParser(ImportKind.MEMBERS, row, cells, refs)
    p.parse_all()
    v = p.values
    official_date = v.get("official_date")
    standing = v.get("standing") or (
        Standing.OFFICIAL if official_date is not None else Standing.PROBATIONARY
    )

    def build() -> Member:
        return Member(
            full_name=p.text("full_name"),
            birth_date=v.get("birth_date"),
            gender=v.get("gender"),
            ethnicity=p.text("ethnicity", "Kinh"),
            religion=p.text("religion", "Không"),
            cccd=p.text("cccd"),
            card_number=p.text("card_number"),
            dossier_number=p.text("dossier_number"),
            admission_decision_date=v.get("admission_decision_date"),
            admission_decision_number=p.text("admission_decision_number"),
            ceremony_date=v.get("ceremony_date"),
            official_date=official_date,
            standing=standing,
            organisation_id=v.get("organisation"),
            enterprise_id=v.get("enterprise"),
            job_title=p.text("job_title"),
            phone=p.text("phone"),
            email=p.text("email"),
            hometown=p.text("hometown"),
            residence=p.text("residence"),
            education=p.text("education"),
            expertise=p.text("expertise"),
            political_theory=p.text("political_theory"),
            notes=p.text("notes"),
        )

    member = p.validated(build, lambda m: validate_member(m, today))
    keys = member_keys(
        p.text("full_name"), v.get("birth_date"), p.text("cccd"), p.text("card_number")
    )
    return p.result(member, keys)


def parse_enterprise_row(
    row: int, cells: Mapping[str, Cell], refs: References, today: date
) -> ParsedRow:
    """One file row as a validated ``Enterprise``."""
    p = _RowParser(ImportKind.ENTERPRISES, row, cells, refs)
    p.parse_all()
    v = p.values

    def build() -> Enterprise:
        return Enterprise(
            name=p.text("name"),
            type=v.get("type") or EnterpriseType.OTHER,
            tax_code=p.text("tax_code"),
            established_on=v.get("established_on"),
            sector=p.text("sector"),
            address=p.text("address"),
            ward=p.text("ward"),
            workforce=v.get("workforce"),
            workforce_counted_on=v.get("workforce_counted_on"),
            legal_representative=p.text("legal_representative"),
            owner_is_member=bool(v.get("owner_is_member")),
            notes=p.text("notes"),
        )

    enterprise = p.validated(build, lambda e: validate_enterprise(e, today))
    return p.result(enterprise, enterprise_keys(p.text("name"), p.text("tax_code")))


def parse_row(
    kind: ImportKind, row: int, cells: Mapping[str, Cell], refs: References, today: date
) -> ParsedRow:
    if kind is ImportKind.MEMBERS:
        return parse_member_row(row, cells, refs, today)
    return parse_enterprise_row(row, cells, refs, today)


def record_keys(record: Member | Enterprise) -> tuple[DuplicateKey, ...]:
    if isinstance(record, Member):
        return member_keys(record.full_name, record.birth_date, record.cccd, record.card_number)
    return enterprise_keys(record.name, record.tax_code)


def record_references(record: Member | Enterprise) -> list[tuple[str, int | None]]:
    """(column key, id) of the register entries a record points to."""
    if isinstance(record, Member):
        return [("organisation", record.organisation_id), ("enterprise", record.enterprise_id)]
    return []


# --- the whole file -------------------------------------------------------------------------


def mapping_problems(
    kind: ImportKind, mapping: Mapping[int, str], headers: list[str]
) -> list[RowProblem]:
    """Whole-file problems of a column mapping: required columns unmapped, a column used twice."""
    problems = []
    by_key = column_by_key(kind)
    used: dict[str, list[int]] = {}
    for index, key in sorted(mapping.items()):
        if key in by_key:
            used.setdefault(key, []).append(index)
    for key, indexes in used.items():
        if len(indexes) > 1:
            names = ", ".join(file_column_name(i, headers) for i in indexes)
            problems.append(
                RowProblem(
                    0,
                    by_key[key].label,
                    "",
                    f"được ghép với {len(indexes)} cột của tệp ({names}); chỉ giữ một cột.",
                )
            )
    for column in columns(kind):
        if column.required and column.key not in used:
            problems.append(
                RowProblem(
                    0, column.label, "", "cột bắt buộc nhưng chưa được ghép với cột nào của tệp."
                )
            )
    return problems


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA": how a spreadsheet names the file's column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def file_column_name(index: int, headers: list[str]) -> str:
    heading = headers[index] if index < len(headers) else ""
    return f"{column_letter(index)} “{heading}”" if heading else column_letter(index)


class DuplicateFinder:
    """Finds rows that repeat an earlier row of the file or a record already in the register.

    ``register`` maps each key of the records already saved to how the message names that
    record ("Nguyễn Văn An, sinh 15/03/1985").
    """

    def __init__(self, kind: ImportKind, register: Mapping[DuplicateKey, str]) -> None:
        self._by_key = column_by_key(kind)
        self._register = register
        self._seen: dict[DuplicateKey, int] = {}

    def check(self, row: int, keys: Iterable[DuplicateKey]) -> tuple[list[RowProblem], bool, bool]:
        """Problems of a row's keys; whether it repeats the file, and whether the register."""
        problems: list[RowProblem] = []
        in_file = in_register = False
        for key in keys:
            label = self._by_key[key.kind.column].label
            first = self._seen.get(key)
            if first is not None:
                in_file = True
                reason = f"trùng với dòng {first} ({key.kind.phrase})."
                problems.append(RowProblem(row, label, key.shown, reason))
            else:
                self._seen[key] = row
            existing = self._register.get(key)
            if existing is not None:
                in_register = True
                reason = f"đã có trong sổ: {existing} ({key.kind.phrase})."
                problems.append(RowProblem(row, label, key.shown, reason))
        return problems, in_file, in_register


def describe_member(full_name: str, birth_date: date | None) -> str:
    return f"{full_name}, sinh {birth_date:%d/%m/%Y}" if birth_date else full_name


def blank_row(cells: Iterable[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)
