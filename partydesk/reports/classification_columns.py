"""The columns and lines of the yearly classification sheets, shared by the PDF and XLSX writers.

Each of the three tables (members by organisation, organisations by level, comparison with the
previous year) is described once here as columns (two-level headings, value format, width) and
lines of raw values: ints for counts, floats for shares (0.125), str for text, None for an empty
cell. The PDF writer formats the values Vietnamese style ("1.234", "12,5"); the XLSX writer
stores them as numbers with a number format. Neither decides what a column holds, so the two
files cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Protocol

from partydesk.domain.classification import (
    ClassificationSheet,
    LevelCounts,
    MemberCounts,
    QuotaCheck,
    SheetRow,
)
from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.evaluation import LEVEL_ORDER, Level
from partydesk.domain.numbers import grouped
from partydesk.domain.settings import OfficeSettings

Value = int | float | str | None


@dataclass(frozen=True, slots=True)
class SheetHeader:
    """What the title and signature blocks print; filled from OfficeSettings by the service.

    ``party_body`` is the line above the committee in the HD 36 header (the đảng bộ it
    belongs to), ``committee`` the committee that makes the sheet, as printed in headers.
    """

    party_body: str
    committee: str
    place: str
    made_on: date
    signer_authority: str = ""  # "T/M BAN THƯỜNG VỤ"
    signer_title: str = ""  # "BÍ THƯ"
    signer_name: str = ""
    compiler_name: str = ""  # người lập biểu, blank: signed by hand

    @classmethod
    def from_settings(
        cls, settings: OfficeSettings, made_on: date, compiler_name: str = ""
    ) -> SheetHeader:
        return cls(
            party_body=settings.upper_body_header,
            committee=settings.committee_header,
            place=settings.locality,
            made_on=made_on,
            signer_authority=settings.signer_authority,
            signer_title=settings.signer_title,
            signer_name=settings.signer_name,
            compiler_name=compiler_name,
        )


def sheet_title(year: int) -> str:
    return (
        f"BIỂU TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM {year}"
    )


def rule_set_line(sheet: ClassificationSheet) -> str:
    return f"(Áp dụng {sheet.rule_set_name})"


ORG_PART_TITLE = "XẾP LOẠI TỔ CHỨC ĐẢNG"
COMPARISON_PART_TITLE = "SO SÁNH VỚI NĂM TRƯỚC"
SHARE_NOTE = "Tỷ lệ % tính trên số được đánh giá (tổ chức: trên số đã xếp loại)."


def no_previous_text(year: int) -> str:
    return f"Năm {year - 1} chưa có kỳ đánh giá trong dữ liệu."


class Format(Enum):
    TEXT = "text"  # left-aligned, wraps
    CENTRED = "centred"  # short text or a serial number
    COUNT = "count"  # int
    SHARE = "share"  # float in 0..1, shown as a percentage with one decimal
    POINTS = "points"  # float, difference in percentage points, signed


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    group: str = ""  # the upper heading spanning neighbours; "" spans both heading rows
    format: Format = Format.COUNT
    width: float = 5.0  # in XLSX character widths; the PDF scales them to the page


class LineStyle(Enum):
    ROW = "row"
    HEADING = "heading"  # a section heading ("I. Doanh nghiệp nhà nước"), bold
    KIND = "kind"  # a subtotal by organisation kind
    SUBTOTAL = "subtotal"  # bold
    TOTAL = "total"  # bold

    @property
    def bold(self) -> bool:
        return self in (LineStyle.HEADING, LineStyle.SUBTOTAL, LineStyle.TOTAL)


@dataclass(frozen=True, slots=True)
class Line:
    style: LineStyle
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class SheetTable:
    columns: tuple[Column, ...]
    lines: tuple[Line, ...]
    name_column: int = 1  # the panes freeze right of it


class Grouped(Protocol):
    """A column with an upper heading (``group``), as the sheets of any report have."""

    @property
    def group(self) -> str: ...


def group_spans(columns: Sequence[Grouped]) -> list[tuple[int, int, str]]:
    """(first, last, text) of each upper heading: neighbours with the same group share one."""
    spans: list[tuple[int, int, str]] = []
    for index, column in enumerate(columns):
        if column.group and spans and spans[-1][2] == column.group and spans[-1][1] == index - 1:
            spans[-1] = (spans[-1][0], index, column.group)
        elif column.group:
            spans.append((index, index, column.group))
    return spans


def roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in numerals:
        while number >= value:
            text += letters
            number -= value
    return text


# --- formats shared by both writers ----------------------------------------------------


def level_heading(sheet: ClassificationSheet, level: Level) -> str:
    return f"{sheet.level_names[level.rank - 1]} ({level.short})"


ENTERPRISE_SHORT: dict[str, str] = {
    EnterpriseType.STATE: "DNNN",
    EnterpriseType.STATE_CONTROLLED_JSC: "CP vốn NN chi phối",
    EnterpriseType.STATE_MINORITY_JSC: "CP vốn NN không chi phối",
    EnterpriseType.PRIVATE: "Tư nhân",
    EnterpriseType.FOREIGN: "FDI",
    EnterpriseType.COOPERATIVE: "HTX",
    EnterpriseType.NON_PUBLIC_SERVICE: "ĐVSN ngoài công lập",
    EnterpriseType.OTHER: "Khác",
}


def quota_text(quota: QuotaCheck) -> str:
    """ "3/15 · tối đa 3", then "Vượt" or "Vượt (có lý do)" on a second line; "" if nothing."""
    if quota.excellent == 0 and quota.good == 0:
        return ""
    text = f"{grouped(quota.excellent)}/{grouped(quota.good)} · tối đa {grouped(quota.allowed)}"
    if quota.exceeded:
        text += "\nVượt (có lý do)" if quota.overridden else "\nVượt"
    return text


def level_text(level: Level | None) -> str:
    return level.short if level is not None else "Chưa XL"


# --- part 1: members by organisation -------------------------------------------------------

NOT_EVALUATED = "Không đánh giá"
PROBATIONARY = "Đảng viên dự bị"


def member_columns(sheet: ClassificationSheet) -> tuple[Column, ...]:
    levels: list[Column] = []
    for level in LEVEL_ORDER:
        group = level_heading(sheet, level)
        levels += [Column("Số", group, Format.COUNT, 6.5), Column("%", group, Format.SHARE, 5.5)]
    return (
        Column("STT", "", Format.CENTRED, 4.5),
        Column("Tên tổ chức đảng", "", Format.TEXT, 22),
        Column("Loại hình DN", "", Format.CENTRED, 9),
        Column("Tổng số đảng viên", "", Format.COUNT, 7.5),
        Column("Miễn SH", NOT_EVALUATED, Format.COUNT, 5.5),
        Column("Đình chỉ", NOT_EVALUATED, Format.COUNT, 5.5),
        Column("Mới kết nạp", NOT_EVALUATED, Format.COUNT, 5.5),
        Column("Số được đánh giá", "", Format.COUNT, 7.5),
        *levels,
        Column("Chưa xếp loại", "", Format.COUNT, 5.5),
        Column("Tỷ lệ HTXSNV/ HTTNV", "", Format.CENTRED, 13.5),
        Column("Số", PROBATIONARY, Format.COUNT, 5.5),
        Column("Đã xếp loại", PROBATIONARY, Format.COUNT, 5.5),
        Column("Xếp loại tổ chức đảng", "", Format.CENTRED, 9.5),
        Column("Ghi chú", "", Format.TEXT, 9),
    )


def _count_values(counts: MemberCounts) -> tuple[Value, ...]:
    levels: list[Value] = []
    for level in LEVEL_ORDER:
        levels += [counts.level(level), counts.share(level)]
    return (
        counts.members,
        counts.exempt,
        counts.suspended,
        counts.new_members,
        counts.evaluated,
        *levels,
        counts.unclassified,
    )


def _member_line(
    style: LineStyle, number: Value, name: str, counts: MemberCounts, *extra: Value
) -> Line:
    """STT, name, then ``extra`` = (enterprise type, quota check, organisation level, note)."""
    enterprise, check, level, note = extra or (None, None, None, None)
    values = [number, name, enterprise, *_count_values(counts), check]
    values += [counts.probationary, counts.probationary_classified, level, note]
    return Line(style, tuple(values))


def _total_line(style: LineStyle, name: str, counts: MemberCounts) -> Line:
    ratio = None
    if counts.excellent or counts.good:
        ratio = f"{grouped(counts.excellent)}/{grouped(counts.good)}"
    return _member_line(style, None, name, counts, None, ratio, None, None)


def _row_line(row: SheetRow) -> Line:
    enterprise = ENTERPRISE_SHORT.get(row.enterprise_type, row.enterprise_type) or None
    check, level = quota_text(row.quota) or None, level_text(row.org_level)
    extra = (enterprise, check, level, row.note or None)
    return _member_line(LineStyle.ROW, row.number, row.name, row.counts, *extra)


def member_lines(sheet: ClassificationSheet) -> Iterator[Line]:
    blank = (None,) * (len(member_columns(sheet)) - 2)
    for index, section in enumerate(sheet.sections, start=1):
        yield Line(LineStyle.HEADING, (roman(index), section.label, *blank))
        for row in section.rows:
            yield _row_line(row)
        yield _total_line(LineStyle.SUBTOTAL, "Cộng", section.subtotal)
    if sheet.by_kind:
        yield Line(LineStyle.HEADING, (None, "Theo loại tổ chức", *blank))
        for kind in sheet.by_kind:
            name = f"{kind.label}: {grouped(kind.organisations)} tổ chức"
            yield _total_line(LineStyle.KIND, name, kind.counts)
    yield _total_line(LineStyle.TOTAL, "TỔNG CỘNG", sheet.total)


def member_table(sheet: ClassificationSheet) -> SheetTable:
    return SheetTable(member_columns(sheet), tuple(member_lines(sheet)))


# --- part 2: organisations by level --------------------------------------------------------


def org_columns(sheet: ClassificationSheet) -> tuple[Column, ...]:
    levels: list[Column] = []
    for level in LEVEL_ORDER:
        group = level_heading(sheet, level)
        levels += [Column("Số", group, Format.COUNT, 8), Column("%", group, Format.SHARE, 8)]
    return (
        Column("STT", "", Format.CENTRED, 5),
        Column("Loại tổ chức đảng", "", Format.TEXT, 30),
        Column("Tổng số tổ chức", "", Format.COUNT, 10),
        *levels,
        Column("Chưa xếp loại", "", Format.COUNT, 10),
    )


def _org_values(levels: LevelCounts) -> tuple[Value, ...]:
    values: list[Value] = [levels.total]
    for level in LEVEL_ORDER:
        values += [levels.level(level), levels.share(level)]
    return (*values, levels.unclassified)


def org_table(sheet: ClassificationSheet) -> SheetTable:
    lines = [
        Line(LineStyle.ROW, (number, line.label, *_org_values(line.levels)))
        for number, line in enumerate(sheet.org_levels, start=1)
    ]
    lines.append(Line(LineStyle.TOTAL, (None, "TỔNG CỘNG", *_org_values(sheet.org_total))))
    return SheetTable(org_columns(sheet), tuple(lines))


# --- part 3: comparison with the previous year --------------------------------------------


def comparison_columns(sheet: ClassificationSheet) -> tuple[Column, ...]:
    this, last = sheet.year, sheet.year - 1

    def block(group: str) -> list[Column]:
        return [
            Column(f"Năm {this}", group, Format.COUNT, 9),
            Column("%", group, Format.SHARE, 7),
            Column(f"Năm {last}", group, Format.COUNT, 9),
            Column("%", group, Format.SHARE, 7),
            Column("Chênh lệch (điểm %)", group, Format.POINTS, 10),
        ]

    return (
        Column("Mức xếp loại", "", Format.TEXT, 36),
        *block("Đảng viên"),
        *block("Tổ chức đảng"),
    )


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else (now - before) * 100


def comparison_table(sheet: ClassificationSheet) -> SheetTable | None:
    """Per level: this year and last year, number and share, and the change; None if no data."""
    before = sheet.previous
    if before is None:
        return None
    now = sheet.current
    lines: list[Line] = []
    for level in LEVEL_ORDER:
        values: list[Value] = [level_heading(sheet, level)]
        for this, last in (
            (now.members, before.members),
            (now.organisations, before.organisations),
        ):
            share_now, share_before = this.share(level), last.share(level)
            values += [
                this.level(level),
                share_now,
                last.level(level),
                share_before,
                _difference(share_now, share_before),
            ]
        lines.append(Line(LineStyle.ROW, tuple(values)))

    def counts_only(name: str, members: tuple[int, int], orgs: tuple[int, int]) -> tuple:
        return (name, members[0], None, members[1], None, None, orgs[0], None, orgs[1], None, None)

    unclassified = counts_only(
        "Chưa xếp loại",
        (now.members.unclassified, before.members.unclassified),
        (now.organisations.unclassified, before.organisations.unclassified),
    )
    evaluated = counts_only(
        "Tổng số được đánh giá",
        (now.members.evaluated, before.members.evaluated),
        (now.organisations.total, before.organisations.total),
    )
    lines += [Line(LineStyle.ROW, unclassified), Line(LineStyle.TOTAL, evaluated)]
    return SheetTable(comparison_columns(sheet), tuple(lines), name_column=0)
