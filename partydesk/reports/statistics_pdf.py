"""The printed "BÁO CÁO THỐNG KÊ": one year's indicators as an HD 36 landscape PDF.

The committee's header and title, then Biểu 1 (every indicator: the same day a year before,
this year, the change, the target and the progress towards it), Biểu 2–5 (by enterprise type,
classification over the years, monthly meetings, targets), the dashboard's four charts, the
definition of every indicator printed, and the signature with "Nơi nhận". What each table
holds comes from ``statistics_tables``, which the XLSX writer shares.

Landscape, because Biểu 1 needs seven columns and a share beside a count ("123 (42,5 %)")
without wrapping, and Biểu 3 nine; the header and signature blocks sit over the two halves of
the page as in the office's other landscape sheets. Tables are reportlab Tables (a few dozen
rows), so row-indexed styles (section rows, totals) follow their rows across a page break.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.domain.statistics import Statistics
from partydesk.reports import hd36
from partydesk.reports.classification_columns import group_spans
from partydesk.reports.evaluation_decision import BLANK_NUMBER
from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC
from partydesk.reports.statistics_charts_pdf import chart_drawing
from partydesk.reports.statistics_report import StatisticsReport
from partydesk.reports.statistics_tables import (
    CHANGE_HEADING,
    CURRENT_RECORD_MARK,
    CURRENT_RECORD_NOTE,
    NO_CHARTS,
    PART_CHARTS,
    PART_CLASSIFICATION,
    PART_INDICATORS,
    PART_NOTES,
    PROGRESS_HEADING,
    REPORT_KIND,
    TARGET_HEADING,
    Fmt,
    Grid,
    IndicatorLine,
    LineKind,
    abstract,
    as_of_line,
    by_type_grid,
    classification_grids,
    current_heading,
    general_notes,
    indicator_lines,
    meetings_grid,
    number_text,
    percent_text,
    previous_heading,
    progress_percent,
    recipient_lines,
    report_title,
    signed_text,
    target_text,
    targets_grid,
    value_with_share,
)

TABLE_SIZE = 10.5
TABLE_LEADING = 12.5
HEAD_SIZE = 10
PADDING = 3
SECTION_FILL = colors.Color(0.9, 0.9, 0.9)
HEAD_FILL = colors.Color(0.96, 0.96, 0.96)
POINTS_PER_WIDTH = 6.5  # a Grid column's XLSX width in points of 10.5-point Times
CHART_HEIGHT = 172
CHART_GAP = 18


def _style(name: str, font: str, size: float, align: int, **extra: Any) -> ParagraphStyle:
    extra.setdefault("leading", round(size * 1.2, 1))
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **extra)


HEAD_STYLE = _style("StatHead", SERIF_BOLD, HEAD_SIZE, TA_CENTER)
CELL_STYLE = _style("StatCell", SERIF, TABLE_SIZE, TA_LEFT, leading=TABLE_LEADING)
SUB_CELL_STYLE = _style("StatSub", SERIF, TABLE_SIZE, TA_LEFT, leading=TABLE_LEADING, leftIndent=10)
BOLD_CELL_STYLE = _style("StatBold", SERIF_BOLD, TABLE_SIZE, TA_LEFT, leading=TABLE_LEADING)
BOLD_CENTRE_STYLE = _style("StatBoldC", SERIF_BOLD, TABLE_SIZE, TA_CENTER, leading=TABLE_LEADING)
MESSAGE_STYLE = _style("StatMessage", SERIF_ITALIC, TABLE_SIZE, TA_LEFT, leading=TABLE_LEADING)
PART_STYLE = _style("StatPart", SERIF_BOLD, 13, TA_LEFT, spaceBefore=14, spaceAfter=6)
SUBPART_STYLE = _style("StatSubPart", SERIF_BOLD, 12, TA_LEFT, spaceBefore=8, spaceAfter=4)
NOTE_STYLE = _style("StatNote", SERIF_ITALIC, 10, TA_JUSTIFY, leading=12, spaceBefore=3)
DEFINITION_STYLE = _style(
    "StatDefinition", SERIF_ITALIC, 10, TA_JUSTIFY, leading=12, leftIndent=14, spaceAfter=1.5
)
NOTE_SECTION_STYLE = _style("StatNoteSection", SERIF_BOLD, 11, TA_LEFT, spaceBefore=6)
CHART_TITLE_STYLE = _style("StatChartTitle", SERIF_BOLD, 11, TA_CENTER, spaceAfter=4)

_GRID_COMMANDS: tuple[tuple[Any, ...], ...] = (
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("FONT", (0, 0), (-1, -1), SERIF, TABLE_SIZE, TABLE_LEADING),
    ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
)


def write_statistics_pdf(report: StatisticsReport, handle: BinaryIO) -> int:
    """Write the report as a landscape A4 PDF to ``handle``; returns the page count.

    The same report always gives the same bytes (``hd36.build_document`` is reproducible).
    """
    stats = report.stats
    office = report.office
    return hd36.build_document(
        statistics_flowables(report),
        handle,
        title=report_title(stats.period.year),
        author=office.committee_full_name or office.committee_header,
        subject=f"{REPORT_KIND} năm {stats.period.year} {as_of_line(stats.period.on)}",
        landscape=True,
    )


def statistics_flowables(report: StatisticsReport) -> list[Flowable]:
    stats = report.stats
    width = hd36.text_width(landscape=True)
    flowables: list[Flowable] = [hd36.party_header(_document_header(report), width)]
    flowables += hd36.title(REPORT_KIND, abstract(stats.period.year), as_of_line(stats.period.on))
    flowables += _indicators_part(stats, width)
    flowables.append(_grid_part(by_type_grid(stats), width))
    flowables += _classification_part(stats, width)
    flowables.append(_grid_part(meetings_grid(stats), width))
    flowables.append(_grid_part(targets_grid(stats), width))
    flowables += _charts_part(report, width)
    flowables += _notes_part(stats)
    flowables.append(_signature(report, width))
    return flowables


def _document_header(report: StatisticsReport) -> DocumentHeader:
    office = report.office
    # Numbered when registered: the number is left blank to write in by hand.
    number = f"Số {BLANK_NUMBER}-BC"
    if office.abbreviation.strip():
        number += f"/{office.abbreviation.strip()}"
    return DocumentHeader(
        upper_body=office.upper_body_header,
        issuer=office.committee_header,
        number_text=number,
        place=office.locality,
        date=report.made_on,
    )


def _part(title: str) -> Paragraph:
    return hd36.paragraph(title, PART_STYLE)


# --- Biểu 1 -------------------------------------------------------------------------------

INDICATOR_WIDTHS = (30, 262, 88, 105, 72, 92, 54)


def _indicator_row(line: IndicatorLine) -> list[Any]:
    figure = line.figure
    assert figure is not None
    style = SUB_CELL_STYLE if line.indicator.indent else CELL_STYLE
    progress = progress_percent(figure.progress)
    return [
        line.number,
        hd36.paragraph(line.shown_label, style),
        number_text(figure.previous, line.unit),
        value_with_share(line),
        signed_text(figure.change, line.unit),
        target_text(figure.target, line.unit),
        "" if figure.target is None else percent_text(progress),
    ]


def indicator_table(stats: Statistics, width: float) -> Table:
    """Biểu 1: section rows (I, II…) over their indicators; the heading repeats on each page."""
    scale = width / sum(INDICATOR_WIDTHS)
    widths = [w * scale for w in INDICATOR_WIDTHS]
    headings = (
        "STT",
        "Chỉ số",
        previous_heading(stats),
        current_heading(stats),
        CHANGE_HEADING,
        TARGET_HEADING,
        PROGRESS_HEADING,
    )
    rows: list[list[Any]] = [[hd36.paragraph(h, HEAD_STYLE) for h in headings]]
    commands: list[tuple[Any, ...]] = [
        *_GRID_COMMANDS,
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
    ]
    for line in indicator_lines(stats):
        index = len(rows)
        if line.kind is LineKind.INDICATOR:
            rows.append(_indicator_row(line))
            continue
        if line.kind is LineKind.SECTION:
            cell = hd36.paragraph(line.text, BOLD_CELL_STYLE)
            rows.append([hd36.paragraph(line.number, BOLD_CENTRE_STYLE), cell] + [""] * 5)
            # A section heading never ends a page without its first line.
            commands += [
                ("BACKGROUND", (0, index), (-1, index), SECTION_FILL),
                ("NOSPLIT", (0, index), (-1, index + 1)),
            ]
        else:
            rows.append(["", hd36.paragraph(line.text, MESSAGE_STYLE)] + [""] * 5)
        commands.append(("SPAN", (1, index), (-1, index)))
    return hd36.make_table(rows, widths, *commands, repeat_rows=1)


def _indicators_part(stats: Statistics, width: float) -> list[Flowable]:
    table = indicator_table(stats, width)
    note = hd36.paragraph(CURRENT_RECORD_NOTE, NOTE_STYLE)
    return [_part(PART_INDICATORS), table, note]


# --- Biểu 2–5 -----------------------------------------------------------------------------


def _grid_header(grid: Grid) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """One heading row, or two when columns share an upper heading (levels: count, share)."""
    columns = grid.columns
    if not grid.has_groups:
        return [[hd36.paragraph(c.heading, HEAD_STYLE) for c in columns]], []
    top: list[Any] = [""] * len(columns)
    bottom: list[Any] = [""] * len(columns)
    spans: list[tuple[Any, ...]] = []
    for index, column in enumerate(columns):
        if column.group:
            bottom[index] = hd36.paragraph(column.heading, HEAD_STYLE)
        else:
            top[index] = hd36.paragraph(column.heading, HEAD_STYLE)
            spans.append(("SPAN", (index, 0), (index, 1)))
    for first, last, text in group_spans(columns):
        top[first] = hd36.paragraph(text, HEAD_STYLE)
        spans.append(("SPAN", (first, 0), (last, 0)))
    return [top, bottom], spans


def grid_table(grid: Grid, width: float) -> Table:
    """A Grid as a bordered table, at its natural width up to ``width``, centred."""
    natural = sum(c.width for c in grid.columns) * POINTS_PER_WIDTH
    scale = min(width, natural) / sum(c.width for c in grid.columns)
    widths = [c.width * scale for c in grid.columns]
    header, commands = _grid_header(grid)
    first = len(header)
    commands += [*_GRID_COMMANDS, ("BACKGROUND", (0, 0), (-1, first - 1), HEAD_FILL)]
    commands += [("ALIGN", (i, first), (i, -1), c.align) for i, c in enumerate(grid.columns)]
    rows: list[list[Any]] = list(header)
    for row in grid.rows:
        cells: list[Any] = []
        for cell in row.cells:
            if cell.fmt is Fmt.TEXT:
                style = BOLD_CELL_STYLE if row.total else CELL_STYLE
                cells.append(hd36.paragraph(cell.text, style))
            else:
                cells.append(hd36.clean_text(cell.text))
        if row.total:
            commands.append(("FONT", (0, len(rows)), (-1, len(rows)), SERIF_BOLD, TABLE_SIZE))
        rows.append(cells)
    if not grid.rows:
        rows.append([hd36.paragraph(grid.empty_text, MESSAGE_STYLE)] + [""] * (len(widths) - 1))
        commands.append(("SPAN", (0, first), (-1, first)))
    return hd36.make_table(rows, widths, *commands, repeat_rows=first)


def _grid_part(grid: Grid, width: float) -> Flowable:
    """A short table stays on one page with its title; a long one starts with at least its
    first rows (reportlab splits a KeepTogether that cannot fit a page)."""
    return KeepTogether([_part(grid.title), grid_table(grid, width)])


def _classification_part(stats: Statistics, width: float) -> list[Flowable]:
    members, orgs = classification_grids(stats)
    heading = _part(PART_CLASSIFICATION)
    if not stats.classification:
        message = hd36.paragraph(members.empty_text, MESSAGE_STYLE)
        return [KeepTogether([heading, message])]
    return [
        KeepTogether(
            [heading, hd36.paragraph(members.title, SUBPART_STYLE), grid_table(members, width)]
        ),
        KeepTogether([hd36.paragraph(orgs.title, SUBPART_STYLE), grid_table(orgs, width)]),
    ]


# --- charts, notes, signature -------------------------------------------------------------


def _charts_part(report: StatisticsReport, width: float) -> list[Flowable]:
    """The non-empty charts two by two, each with its title in one table cell (a cell never
    splits, so a chart is never parted from its title)."""
    charts = [chart for chart in report.charts if not chart.is_empty]
    heading = _part(PART_CHARTS)
    if not charts:
        return [KeepTogether([heading, hd36.paragraph(NO_CHARTS, MESSAGE_STYLE)])]
    cell_width = (width - CHART_GAP) / 2
    cells = [
        [
            hd36.paragraph(chart.title, CHART_TITLE_STYLE),
            chart_drawing(chart, cell_width, CHART_HEIGHT),
        ]
        for chart in charts
    ]
    if len(cells) % 2:
        cells.append([])
    rows = [cells[n : n + 2] for n in range(0, len(cells), 2)]
    table = hd36.make_table(
        rows,
        [cell_width + CHART_GAP / 2] * 2,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    )
    return [KeepTogether([heading, table])]


def _notes_part(stats: Statistics) -> list[Flowable]:
    """How to read Biểu 1, then each printed indicator's definition, by section."""
    flowables: list[Flowable] = [_part(PART_NOTES)]
    flowables += [
        hd36.paragraph(f"{n}. {text}", NOTE_STYLE)
        for n, text in enumerate(general_notes(stats), start=1)
    ]
    for line in indicator_lines(stats):
        if line.kind is LineKind.SECTION:
            text = f"{line.number}. {line.text}"
            flowables.append(hd36.paragraph(text, NOTE_SECTION_STYLE))
        elif line.kind is LineKind.INDICATOR:
            number = f"{line.number}. " if line.number else "– "
            mark = "" if line.indicator.dated else CURRENT_RECORD_MARK
            markup = (
                f"<b>{hd36.escape_text(number + line.note_label + mark)}</b>: "
                f"{hd36.escape_text(line.indicator.definition)}"
            )
            flowables.append(hd36.markup_paragraph(markup, DEFINITION_STYLE))
        else:
            flowables.append(hd36.paragraph(line.text, DEFINITION_STYLE))
    return flowables


def _signature(report: StatisticsReport, width: float) -> Flowable:
    office = report.office
    block = SignatureBlock(
        authority=office.signer_authority or None,
        title=office.signer_title,
        name=office.signer_name,
    )
    table = hd36.recipients(recipient_lines(office.committee_full_name), block, width)
    return KeepTogether([Spacer(1, 6), table])
