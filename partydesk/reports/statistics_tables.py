"""What the printed statistics report's tables hold, shared by the PDF and the XLSX writers.

Table 1 (the indicators) is a list of lines: section headings, one line per indicator with its
``Figure``, or a message where a section has nothing to show (no classification result yet).
Tables 2–5 are ``Grid``s: columns (heading, optional upper heading, width) and rows of typed
cells, each with its own format, because one column may hold a percentage on one row and a
count on the next (a target). The PDF writes the cells Vietnamese style ("1.234", "12,5 %");
the XLSX stores the same values as numbers with a number format. Neither decides what a table
holds, so the two files cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from partydesk.domain.evaluation import LEVEL_ORDER, Level
from partydesk.domain.numbers import decimal_text, grouped
from partydesk.domain.statistics import (
    INDICATOR_BY_KEY,
    INDICATORS,
    Figure,
    Indicator,
    Section,
    Statistics,
    Target,
    Unit,
)

REPORT_KIND = "Báo cáo thống kê"
NONE_TEXT = "–"
MINUS = "\u2212"  # the typographic minus of "Tăng (+), giảm (−)"
INDENT_DASH = "– "
CURRENT_RECORD_MARK = " (*)"

PART_INDICATORS = "Biểu 1. Các chỉ số chủ yếu"
PART_BY_TYPE = "Biểu 2. Tổ chức đảng, đảng viên theo loại hình doanh nghiệp"
PART_CLASSIFICATION = "Biểu 3. Kết quả xếp loại qua các năm"
PART_MEETINGS = "Biểu 4. Sinh hoạt chi bộ thường kỳ theo tháng"
PART_TARGETS = "Biểu 5. Tiến độ thực hiện chỉ tiêu"
PART_CHARTS = "Biểu đồ"
PART_NOTES = "Ghi chú cách tính"
MEMBERS_CLASSIFICATION = "a) Kết quả xếp loại đảng viên qua các năm"
ORGS_CLASSIFICATION = "b) Kết quả xếp loại tổ chức đảng qua các năm"

NO_CLASSIFICATION = "Chưa có kết quả xếp loại"
NO_CLASSIFICATION_LINE = (
    "Chưa có kết quả xếp loại: chưa có năm đánh giá nào đã có mức xếp loại của cấp có thẩm quyền."
)
NO_BY_TYPE = "Chưa có doanh nghiệp, tổ chức đảng hay đảng viên trong sổ vào ngày tính."
NO_MEETINGS = "Chưa có chi bộ phải sinh hoạt thường kỳ trong năm."
NO_TARGETS = "Chưa đặt chỉ tiêu nào."
NO_CHARTS = "Chưa có số liệu để vẽ biểu đồ."
CURRENT_RECORD_NOTE = (
    "(*) Số lao động, công đoàn, đoàn thể, chủ doanh nghiệp, người quản lý đọc theo hồ sơ hiện"
    " tại của doanh nghiệp, đảng viên (sổ không lưu lịch sử các thông tin này), kể cả ở cột"
    " cùng kỳ."
)

RECIPIENT_UPPER = "Cấp ủy cấp trên (để báo cáo),"

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def abstract(year: int) -> str:
    return f"tình hình tổ chức đảng, đảng viên trong các doanh nghiệp năm {year}"


def as_of_line(on: date) -> str:
    return f"(số liệu đến ngày {on:%d/%m/%Y})"


def report_title(year: int) -> str:
    """The one-line title the XLSX sheets and the PDF's metadata use."""
    return f"{REPORT_KIND.upper()} {abstract(year)}"


def recipient_lines(committee_full_name: str) -> tuple[str, ...]:
    office = committee_full_name.strip()
    return (RECIPIENT_UPPER, f"Lưu Văn phòng {office}." if office else "Lưu Văn phòng.")


# --- numbers ------------------------------------------------------------------------------


def percent_text(value: float | None) -> str:
    """12.5 → "12,5 %"; None → "–"."""
    return NONE_TEXT if value is None else f"{decimal_text(value, 1)} %"


def number_text(value: float | None, unit: Unit) -> str:
    """A figure as printed: counts "1.234", rates "12,5 %", minutes "104,5"."""
    if value is None:
        return NONE_TEXT
    if unit is Unit.PERCENT:
        return percent_text(value)
    if unit is Unit.MINUTES:
        return decimal_text(value, 1)
    return grouped(round(value))


def signed_text(change: float | None, unit: Unit) -> str:
    """A change with its sign: "+37", "−5", "0"; rates in percentage points, one decimal."""
    if change is None:
        return NONE_TEXT
    if unit is Unit.COUNT:
        count = round(change)
        text = grouped(abs(count))
        return text if count == 0 else ("+" if count > 0 else MINUS) + text
    text = decimal_text(abs(change), 1)
    if text == "0,0":
        return text
    return ("+" if change > 0 else MINUS) + text


def target_value_text(target: Target, unit: Unit) -> str:
    """15.0 → "15,0 %" for a rate (one decimal, as every rate), 120.0 → "120" for a count."""
    return number_text(target.value, unit)


def target_text(target: Target | None, unit: Unit) -> str:
    """The "Chỉ tiêu" cell: value and deadline year, "15,0 % (2030)" (as on the screen)."""
    if target is None:
        return ""
    return f"{target_value_text(target, unit)} ({target.deadline_year})"


def progress_percent(progress: float | None) -> float | None:
    return None if progress is None else 100 * progress


# --- table 1: the indicators --------------------------------------------------------------


class LineKind(Enum):
    SECTION = "section"
    INDICATOR = "indicator"
    MESSAGE = "message"


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """One line of table 1. ``number`` is "I" for a section, "1" for a main indicator, "" for a
    "trong đó" line; ``text`` the section heading, the indicator's label or the message."""

    kind: LineKind
    number: str
    text: str
    figure: Figure | None = None
    parent_label: str = ""  # the main line a "trong đó" line belongs to

    @property
    def indicator(self) -> Indicator:
        assert self.figure is not None, "only indicator lines have an indicator"
        return self.figure.indicator

    @property
    def unit(self) -> Unit:
        return self.indicator.unit

    @property
    def shown_label(self) -> str:
        """The label as table 1 prints it: "– " before a part, "(*)" after a current-record
        indicator."""
        label = f"{INDENT_DASH}{self.text}" if self.indicator.indent else self.text
        return label + ("" if self.indicator.dated else CURRENT_RECORD_MARK)

    @property
    def note_label(self) -> str:
        """The label in the notes, where a part needs the line it is part of ("Đảng viên –
        đảng viên nữ"); a rate names both of its terms already."""
        if self.parent_label and self.indicator.rate_of is None:
            return f"{self.parent_label} – {self.text}"
        return self.text


def section_heading(section: Section, stats: Statistics) -> str:
    if section is Section.CLASSIFICATION and stats.classification_year is not None:
        return f"{section.label} (kết quả năm {stats.classification_year})"
    return section.label


def current_heading(stats: Statistics) -> str:
    return f"Năm {stats.period.year} (đến {stats.period.on:%d/%m/%Y})"


def previous_heading(stats: Statistics) -> str:
    previous = stats.period.previous()
    return f"Cùng kỳ năm {previous.year} (đến {previous.on:%d/%m/%Y})"


CHANGE_HEADING = f"Tăng (+), giảm ({MINUS})"
TARGET_HEADING = "Chỉ tiêu"
PROGRESS_HEADING = "Tiến độ"


def indicator_lines(stats: Statistics) -> list[IndicatorLine]:
    """Sections in catalogue order, numbered I, II…; main lines 1, 2… within each section.

    Without a classification year the classification section is one message line, not rows
    of zeros that would read as "nobody was classified".
    """
    lines: list[IndicatorLine] = []
    section: Section | None = None
    number = 0
    parent = ""
    for indicator in INDICATORS:
        if indicator.section is not section:
            section = indicator.section
            roman = ROMAN[len([x for x in lines if x.kind is LineKind.SECTION])]
            lines.append(IndicatorLine(LineKind.SECTION, roman, section_heading(section, stats)))
            number = 0
            if section is Section.CLASSIFICATION and stats.classification_year is None:
                lines.append(IndicatorLine(LineKind.MESSAGE, "", NO_CLASSIFICATION_LINE))
        if section is Section.CLASSIFICATION and stats.classification_year is None:
            continue
        label = stats.label(indicator.key)
        figure = stats.figure(indicator.key)
        if indicator.indent:
            lines.append(IndicatorLine(LineKind.INDICATOR, "", label, figure, parent))
        else:
            number += 1
            parent = label
            lines.append(IndicatorLine(LineKind.INDICATOR, str(number), label, figure))
    return lines


def value_with_share(line: IndicatorLine) -> str:
    """The current value, with its share of the main line when it has one: "123 (42,5 %)"."""
    figure = line.figure
    assert figure is not None
    text = number_text(figure.value, line.unit)
    if figure.share is not None and figure.value is not None:
        text += f" ({percent_text(figure.share)})"
    return text


# --- tables 2–5: grids --------------------------------------------------------------------


class Fmt(Enum):
    TEXT = "text"  # left-aligned, wraps
    CENTRED = "centred"  # a serial number, a month, a year (never grouped: "2030")
    COUNT = "count"  # "1.234"
    PERCENT = "percent"  # 0–100, "12,5 %"
    DECIMAL = "decimal"  # one decimal, "104,5"


Value = int | float | str | None


@dataclass(frozen=True, slots=True)
class Cell:
    value: Value
    fmt: Fmt = Fmt.COUNT

    @property
    def text(self) -> str:
        """The cell as the PDF prints it; an empty number is "–", an empty text stays empty."""
        if self.fmt in (Fmt.TEXT, Fmt.CENTRED):
            return "" if self.value is None else str(self.value)
        if self.value is None or isinstance(self.value, str):
            return NONE_TEXT if self.value is None else self.value
        if self.fmt is Fmt.PERCENT:
            return percent_text(self.value)
        if self.fmt is Fmt.DECIMAL:
            return decimal_text(self.value, 1)
        return grouped(round(self.value))


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    width: float  # in XLSX character widths; the PDF scales them to the page
    group: str = ""  # an upper heading shared by neighbouring columns
    align: str = "RIGHT"  # LEFT, CENTER or RIGHT


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    total: bool = False  # printed bold


@dataclass(frozen=True, slots=True)
class Grid:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty_text: str  # printed instead of the rows when there are none

    @property
    def has_groups(self) -> bool:
        return any(column.group for column in self.columns)


def _rate(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


_STT = Column("STT", 5, align="CENTER")


def by_type_grid(stats: Statistics) -> Grid:
    rows = [
        Row(
            (
                Cell(str(n), Fmt.CENTRED),
                Cell(r.type_label, Fmt.TEXT),
                Cell(r.enterprises),
                Cell(r.enterprises_with_org),
                Cell(_rate(r.enterprises_with_org, r.enterprises), Fmt.PERCENT),
                Cell(r.organisations),
                Cell(r.members),
            )
        )
        for n, r in enumerate(stats.by_enterprise_type, start=1)
    ]
    if rows:
        data = stats.by_enterprise_type
        enterprises = sum(r.enterprises for r in data)
        with_org = sum(r.enterprises_with_org for r in data)
        total = (
            Cell("", Fmt.CENTRED),
            Cell("Tổng cộng", Fmt.TEXT),
            Cell(enterprises),
            Cell(with_org),
            Cell(_rate(with_org, enterprises), Fmt.PERCENT),
            Cell(sum(r.organisations for r in data)),
            Cell(sum(r.members for r in data)),
        )
        rows.append(Row(total, total=True))
    columns = (
        _STT,
        Column("Loại hình doanh nghiệp", 40, align="LEFT"),
        Column("Doanh nghiệp", 13),
        Column("Doanh nghiệp có tổ chức đảng", 15),
        Column("Tỷ lệ có tổ chức đảng", 13),
        Column("Tổ chức đảng", 13),
        Column("Đảng viên", 13),
    )
    return Grid(PART_BY_TYPE, columns, tuple(rows), NO_BY_TYPE)


def _classification_grid(
    title: str, years: Sequence[tuple[int, dict[Level, int]]], total_heading: str
) -> Grid:
    columns = [Column("Năm", 8, align="CENTER")]
    for level in LEVEL_ORDER:
        columns += [
            Column("Số lượng", 10, group=level.label),
            Column("Tỷ lệ", 10, group=level.label),
        ]
    columns.append(Column(total_heading, 12))
    rows = []
    for year, counts in years:
        total = sum(counts.values())
        cells = [Cell(year, Fmt.CENTRED)]
        for level in LEVEL_ORDER:
            cells += [Cell(counts[level]), Cell(_rate(counts[level], total), Fmt.PERCENT)]
        cells.append(Cell(total))
        rows.append(Row(tuple(cells)))
    return Grid(title, tuple(columns), tuple(rows), NO_CLASSIFICATION_LINE)


def classification_grids(stats: Statistics) -> tuple[Grid, Grid]:
    """Members, then organisations: each level's count and share of those classified."""
    years = stats.classification
    members = _classification_grid(
        MEMBERS_CLASSIFICATION,
        [(y.year, y.members) for y in years],
        "Tổng số đảng viên được xếp loại",
    )
    orgs = _classification_grid(
        ORGS_CLASSIFICATION,
        [(y.year, y.organisations) for y in years],
        "Tổng số tổ chức được xếp loại",
    )
    return members, orgs


def meetings_grid(stats: Statistics) -> Grid:
    months = stats.meetings_by_month
    rows = [
        Row(
            (
                Cell(f"Tháng {m.month}", Fmt.CENTRED),
                Cell(m.required),
                Cell(m.held),
                Cell(_rate(m.held, m.required), Fmt.PERCENT),
            )
        )
        for m in months
    ]
    if rows:
        required = sum(m.required for m in months)
        held = sum(m.held for m in months)
        total = (
            Cell("Cộng", Fmt.CENTRED),
            Cell(required),
            Cell(held),
            Cell(_rate(held, required), Fmt.PERCENT),
        )
        rows.append(Row(total, total=True))
    columns = (
        Column("Tháng", 12, align="CENTER"),
        Column("Buổi phải tổ chức", 16),
        Column("Buổi đã tổ chức", 16),
        Column("Tỷ lệ đã tổ chức", 16),
    )
    return Grid(PART_MEETINGS, columns, tuple(rows), NO_MEETINGS)


def _unit_fmt(unit: Unit) -> Fmt:
    return {Unit.PERCENT: Fmt.PERCENT, Unit.MINUTES: Fmt.DECIMAL}.get(unit, Fmt.COUNT)


def targets_grid(stats: Statistics) -> Grid:
    rows = []
    for n, target in enumerate(stats.targets, start=1):
        indicator = INDICATOR_BY_KEY[target.indicator]
        fmt = _unit_fmt(indicator.unit)
        current = stats.figure(target.indicator).value
        source = " — ".join(part.strip() for part in (target.source, target.notes) if part.strip())
        rows.append(
            Row(
                (
                    Cell(str(n), Fmt.CENTRED),
                    Cell(stats.label(target.indicator), Fmt.TEXT),
                    Cell(target.value, fmt),
                    Cell(target.deadline_year, Fmt.CENTRED),
                    Cell(current, fmt),
                    Cell(progress_percent(target.progress(current)), Fmt.PERCENT),
                    Cell(source, Fmt.TEXT),
                )
            )
        )
    columns = (
        _STT,
        Column("Chỉ số", 34, align="LEFT"),
        Column("Chỉ tiêu", 10),
        Column("Hạn (năm)", 9, align="CENTER"),
        Column(f"Hiện đạt (đến {stats.period.on:%d/%m/%Y})", 12),
        Column("Tiến độ", 10),
        Column("Nguồn, ghi chú", 40, align="LEFT"),
    )
    return Grid(PART_TARGETS, columns, tuple(rows), NO_TARGETS)


# --- notes --------------------------------------------------------------------------------


def general_notes(stats: Statistics) -> list[str]:
    """How to read table 1, in the order a reader meets the columns."""
    on = f"{stats.period.on:%d/%m/%Y}"
    notes = [
        f"Số doanh nghiệp, tổ chức đảng, đảng viên tính vào ngày {on}; số phát sinh (thành lập"
        f" mới, kết nạp, chuyển đến, chuyển đi, sinh hoạt) cộng dồn từ 01/01 đến ngày {on}."
        " Cột cùng kỳ tính cùng cách cho cùng ngày năm trước.",
        "Tăng, giảm của một tỷ lệ tính bằng điểm phần trăm; tiến độ là số hiện đạt chia cho"
        " chỉ tiêu.",
        "Số trong ngoặc sau một dòng “trong đó” là tỷ lệ so với dòng chính ngay trên.",
    ]
    if stats.classification_year is not None:
        year = stats.classification_year
        notes.append(
            f"Kết quả xếp loại là của năm đánh giá {year}; cột cùng kỳ là kết quả năm {year - 1}."
        )
    notes.append(CURRENT_RECORD_NOTE)
    return notes
