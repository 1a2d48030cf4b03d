"""The dashboard's charts (``domain.statistics_charts``) drawn for print with reportlab.graphics.

The same ``Chart`` specs the screen paints become reportlab Drawings: grouped bars as one
panel of horizontal bars per series, each on its own scale (HorizontalBarChart), stacked bars
(VerticalBarChart with the 'stacked' category style), lines (HorizontalLineChart) and a
hand-drawn progress bar per target. A statistics report is often printed on an office
black-and-white laser printer, so series differ by grey level with black outlines, and lines by
dash pattern and marker, never by colour alone; every value is printed on its bar or point, so
nobody has to read values off an axis. Every string uses the bundled Liberation Sans: reportlab
would otherwise fall back to Helvetica, which has no Vietnamese letters."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from partydesk.domain.numbers import decimal_text, grouped
from partydesk.domain.statistics_charts import Chart, ChartKind, ProgressItem
from partydesk.reports.fonts import SANS, register_fonts
from partydesk.reports.hd36 import clean_text
from partydesk.reports.statistics_tables import number_text

LABEL_SIZE = 7.5
LEGEND_SIZE = 8
AXIS_SIZE = 7
LEGEND_ROW = 13
SWATCH = 8
# Dark to light, each outlined in black: four series stay apart on a greyscale print.
GREYS = (0.25, 0.6, 0.85, 1.0)
DARK_BELOW = 0.5  # a fill darker than this takes its value label in white
# Lines: solid with filled dots first, then dashed with hollow squares, as the screen draws.
DASHES: tuple[tuple[float, ...] | None, ...] = (None, (4, 2), (1, 2), (6, 2, 1, 2))
MARKERS = ("FilledCircle", "Square", "FilledDiamond", "Triangle")
OUTLINE = colors.black
GRID_GREY = colors.Color(0.8, 0.8, 0.8)
PROGRESS_FILL = colors.Color(0.45, 0.45, 0.45)
# A stacked segment lower than this (points) takes its label beside the bar, not inside.
MIN_INSIDE_SEGMENT = LABEL_SIZE + 1.5


def grey(index: int) -> colors.Color:
    level = GREYS[index % len(GREYS)]
    return colors.Color(level, level, level)


def value_label(value: float, suffix: str) -> str:
    """A bar's or point's label: "1.234" for counts, "12,5 %" for shares."""
    if suffix:
        return f"{decimal_text(value, 1)}{suffix}"
    if float(value).is_integer():
        return grouped(int(value))
    return decimal_text(value, 1)


def _axis_label(value: float, suffix: str) -> str:
    text = grouped(round(value)) if float(value).is_integer() else decimal_text(value, 1)
    return f"{text}{suffix}"


def _drawing(width: float, height: float) -> Drawing:
    """An empty Drawing whose starting font is the bundled sans: renderPDF otherwise sets
    Helvetica first, which would end up in the PDF unembedded even if no text used it."""
    drawing = Drawing(width, height)
    drawing.initialFontName = SANS
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _text(x: float, y: float, text: str, size: float = LABEL_SIZE, **kw: object) -> String:
    return String(x, y, clean_text(text), fontName=SANS, fontSize=size, **kw)


# --- legend -------------------------------------------------------------------------------


def _legend(chart: Chart, width: float, top: float) -> tuple[Group, float]:
    """Swatches (bars) or line samples (lines) with the series names, wrapped to ``width``;
    returns the group and the height it takes below ``top``."""
    group = Group()
    x, row = 0.0, 0
    for index, series in enumerate(chart.series):
        name = clean_text(series.name)
        item_width = SWATCH + 4 + stringWidth(name, SANS, LEGEND_SIZE) + 12
        if chart.kind is ChartKind.LINE:
            item_width += 12
        if x > 0 and x + item_width > width:
            x, row = 0.0, row + 1
        y = top - (row + 1) * LEGEND_ROW + 3
        if chart.kind is ChartKind.LINE:
            sample = Line(x, y + 3, x + SWATCH + 12, y + 3, strokeColor=OUTLINE, strokeWidth=1.2)
            sample.strokeDashArray = DASHES[index % len(DASHES)]
            group.add(sample)
            group.add(_marker(index, x + (SWATCH + 12) / 2, y + 3))
            text_x = x + SWATCH + 16
        else:
            group.add(
                Rect(x, y, SWATCH, SWATCH, fillColor=grey(index), strokeColor=OUTLINE,
                     strokeWidth=0.5)
            )  # fmt: skip
            text_x = x + SWATCH + 4
        group.add(_text(text_x, y + 1, name, LEGEND_SIZE))
        x += item_width
    return group, (row + 1) * LEGEND_ROW + 4 if chart.series else 0.0


def _marker(index: int, x: float, y: float) -> object:
    marker = makeMarker(MARKERS[index % len(MARKERS)], size=4.5)
    marker.x, marker.y = x, y
    marker.strokeColor = OUTLINE
    marker.strokeWidth = 0.8
    marker.fillColor = OUTLINE if "Filled" in MARKERS[index % len(MARKERS)] else colors.white
    return marker


# --- axes ---------------------------------------------------------------------------------


def _category_labels(chart: Chart, slot: float) -> tuple[list[str], int]:
    """Category names wrapped to their slot; returns them and the most lines one needs."""
    wrapped = [
        "\n".join(simpleSplit(clean_text(name), SANS, AXIS_SIZE, max(slot - 4, 20)))
        for name in chart.categories
    ]
    return wrapped, max((text.count("\n") + 1 for text in wrapped), default=1)


def _style_axes(
    plot: VerticalBarChart | HorizontalBarChart | HorizontalLineChart,
    chart: Chart,
    top: float,
    bottom: float = 0.0,
) -> None:
    value_axis = plot.valueAxis
    value_axis.valueMin = bottom
    value_axis.valueMax = top
    value_axis.rangeRound = "both" if bottom else "ceiling"
    value_axis.labels.fontName = SANS
    value_axis.labels.fontSize = AXIS_SIZE
    value_axis.labelTextFormat = lambda v: _axis_label(v, chart.value_suffix)
    value_axis.strokeColor = OUTLINE
    value_axis.strokeWidth = 0.5
    value_axis.visibleGrid = True
    value_axis.gridStrokeColor = GRID_GREY
    value_axis.gridStrokeWidth = 0.4
    category_axis = plot.categoryAxis
    category_axis.labels.fontName = SANS
    category_axis.labels.fontSize = AXIS_SIZE
    category_axis.labels.boxAnchor = "n"
    category_axis.labels.dy = -3
    category_axis.labels.leading = AXIS_SIZE + 1
    category_axis.strokeColor = OUTLINE
    category_axis.strokeWidth = 0.5


def _headroom(top: float) -> float:
    """Room above the highest value for its label; never a zero-height axis."""
    return max(top * 1.12, 1.0)


# --- the charts ---------------------------------------------------------------------------

AXIS_ROOM = 30  # left of the plot: the value axis labels
PANEL_GAP = 14
VALUE_ROOM = 24  # right of a horizontal bar: its value label


def _plot_frame(chart: Chart, width: float, height: float, drawing: Drawing) -> tuple[float, ...]:
    """Adds the legend; returns (x, y, plot width, plot height, slot width)."""
    legend, legend_height = _legend(chart, width, height)
    drawing.add(legend)
    plot_width = width - AXIS_ROOM - 4
    slot = plot_width / max(len(chart.categories), 1)
    _, lines = _category_labels(chart, slot)
    bottom = lines * (AXIS_SIZE + 1) + 8
    return AXIS_ROOM, bottom, plot_width, height - legend_height - bottom - 4, slot


def _bar_panels(chart: Chart, width: float, height: float) -> Drawing:
    """Grouped bars as small multiples: one panel of horizontal bars per series, each on its
    own scale, the categories named once on the left. Organisations (tens) and members
    (hundreds) on one scale would leave the organisations' bars a few points long."""
    drawing = _drawing(width, height)
    names = [clean_text(name) for name in chart.categories]
    widest = max((stringWidth(name, SANS, AXIS_SIZE) for name in names), default=0)
    label_width = min(widest + 8, width * 0.3)
    count = max(len(chart.series), 1)
    panel_width = (width - label_width - PANEL_GAP * (count - 1)) / count
    bottom = AXIS_SIZE + 8
    plot_height = height - LEGEND_ROW - 6 - bottom
    wrapped = ["\n".join(simpleSplit(name, SANS, AXIS_SIZE, label_width - 6)) for name in names]
    for index, series in enumerate(chart.series):
        x = label_width + index * (panel_width + PANEL_GAP)
        drawing.add(
            Rect(x, height - LEGEND_ROW + 3, SWATCH, SWATCH, fillColor=grey(index),
                 strokeColor=OUTLINE, strokeWidth=0.5)
        )  # fmt: skip
        drawing.add(_text(x + SWATCH + 4, height - LEGEND_ROW + 4, series.name, LEGEND_SIZE))
        plot = HorizontalBarChart()
        plot.x, plot.y = x, bottom
        plot.width, plot.height = panel_width - VALUE_ROOM, plot_height
        # The first category at the top, as the table and the screen list them.
        plot.data = [list(reversed(series.values))]
        plot.categoryAxis.categoryNames = list(reversed(wrapped))
        plot.barWidth, plot.groupSpacing = 10, 7
        _style_axes(plot, chart, max(max(series.values, default=0), 1.0))
        plot.valueAxis.labels.boxAnchor = "n"
        plot.categoryAxis.labels.boxAnchor = "e"
        plot.categoryAxis.labels.dx, plot.categoryAxis.labels.dy = -3, 0
        plot.categoryAxis.visibleLabels = index == 0
        plot.bars[0].fillColor = grey(index)
        plot.bars[0].strokeColor = OUTLINE
        plot.bars[0].strokeWidth = 0.5
        plot.barLabelFormat = lambda v: value_label(v, chart.value_suffix)
        plot.barLabels.fontName = SANS
        plot.barLabels.fontSize = LABEL_SIZE
        plot.barLabels.boxAnchor = "w"
        plot.barLabels.nudge = 3
        drawing.add(plot)
    return drawing


def _stacked_chart(chart: Chart, width: float, height: float) -> Drawing:
    """One bar per category, its series stacked; shares stack to 100 %."""
    drawing = _drawing(width, height)
    x, y, plot_width, plot_height, slot = _plot_frame(chart, width, height, drawing)
    plot = VerticalBarChart()
    plot.x, plot.y, plot.width, plot.height = x, y, plot_width, plot_height
    plot.data = [list(series.values) for series in chart.series]
    plot.categoryAxis.categoryNames = _category_labels(chart, slot)[0]
    plot.categoryAxis.style = "stacked"
    plot.barWidth, plot.groupSpacing = 10, 8
    sums = [sum(column) for column in zip(*plot.data, strict=True)]
    top = 100.0 if chart.value_suffix else _headroom(max(sums, default=0))
    _style_axes(plot, chart, top)
    for index in range(len(chart.series)):
        plot.bars[index].fillColor = grey(index)
        plot.bars[index].strokeColor = OUTLINE
        plot.bars[index].strokeWidth = 0.5
    plot.barLabelFormat = lambda v: value_label(v, chart.value_suffix) if v else ""
    plot.barLabels.fontName = SANS
    plot.barLabels.fontSize = LABEL_SIZE
    # barWidth and groupSpacing are proportions of a category's slot, not points.
    bar_points = slot * plot.barWidth / (plot.barWidth + plot.groupSpacing)
    _stacked_labels(plot, chart, plot_height / top, bar_points)
    drawing.add(plot)
    return drawing


def _stacked_labels(plot: VerticalBarChart, chart: Chart, scale: float, bar: float) -> None:
    """Each segment's label in its middle, white on a dark fill; beside the bar when the
    segment is too low to hold it (the few "không hoàn thành" members)."""
    half_bar = bar / 2
    for row, series in enumerate(chart.series):
        dark = GREYS[row % len(GREYS)] < DARK_BELOW
        for column, value in enumerate(series.values):
            label = plot.barLabels[(row, column)]
            label.boxTarget = "mid"
            if value * scale >= MIN_INSIDE_SEGMENT:
                label.boxAnchor = "c"
                label.fillColor = colors.white if dark else OUTLINE
            else:
                label.boxAnchor = "w"
                label.dx = half_bar + 2
                label.fillColor = OUTLINE


def _line_chart(chart: Chart, width: float, height: float) -> Drawing:
    drawing = _drawing(width, height)
    x, y, plot_width, plot_height, slot = _plot_frame(chart, width, height, drawing)
    plot = HorizontalLineChart()
    plot.x, plot.y, plot.width, plot.height = x, y, plot_width, plot_height
    plot.data = [list(series.values) for series in chart.series]
    plot.categoryAxis.categoryNames = _category_labels(chart, slot)[0]
    plot.joinedLines = 1
    _style_axes(plot, chart, *_line_range(chart))
    for index in range(len(chart.series)):
        line = plot.lines[index]
        line.strokeColor = OUTLINE
        line.strokeWidth = 1.2
        line.strokeDashArray = DASHES[index % len(DASHES)]
        line.symbol = _marker(index, 0, 0)
    plot.lineLabelFormat = lambda v: value_label(v, chart.value_suffix)
    plot.lineLabelNudge = 3
    plot.lineLabels.fontName = SANS
    plot.lineLabels.fontSize = LABEL_SIZE - 0.5
    _line_labels(plot, chart)
    drawing.add(plot)
    return drawing


def _line_range(chart: Chart) -> tuple[float, float]:
    """(top, bottom) of the value axis: lines need no zero baseline, so the axis spans the
    values with room for the labels above and below, as the screen does; it keeps zero when
    the values come near it anyway."""
    values = [v for series in chart.series for v in series.values]
    low, high = min(values, default=0.0), max(values, default=0.0)
    span = high - low or max(high * 0.1, 1.0)
    bottom = low - 0.4 * span
    if bottom < high * 0.25:
        bottom = 0.0
    return max(high + 0.3 * span, 1.0), bottom


def _line_labels(plot: HorizontalLineChart, chart: Chart) -> None:
    """At each category the highest value's label goes above its point, the others below,
    so two close lines do not print their values on top of each other."""
    for column in range(len(chart.categories)):
        values = [series.values[column] for series in chart.series]
        highest = max(range(len(values)), key=lambda i: (values[i], -i))
        for row in range(len(values)):
            label = plot.lineLabels[(row, column)]
            if row == highest:
                label.boxAnchor = "s"
            else:
                label.boxAnchor = "n"
                label.dy = -2 * plot.lineLabelNudge - 1


# --- progress -----------------------------------------------------------------------------

PROGRESS_LABEL_SHARE = 0.42
PROGRESS_TRACK_SHARE = 0.3
PROGRESS_BAR = 9
PROGRESS_MAX_GAP = 16


def _progress_texts(item: ProgressItem) -> tuple[str, str]:
    """ "10,0 % / chỉ tiêu 15,0 %" and "đạt 66,7 % · hạn 2030"."""
    target = number_text(item.target, item.unit)
    value = number_text(item.value, item.unit)
    first = f"{value} / chỉ tiêu {target}"
    ratio = item.ratio
    reached = "chưa có số liệu" if ratio is None else f"đạt {decimal_text(100 * ratio, 1)} %"
    return first, f"{reached} · hạn {item.deadline_year}"


def _progress_chart(chart: Chart, width: float, height: float) -> Drawing:
    """One row per target: the label, a track whose full length is the target with the part
    reached filled, and the figures beside it."""
    label_width = width * PROGRESS_LABEL_SHARE
    track_x = label_width + 6
    track_width = width * PROGRESS_TRACK_SHARE
    text_x = track_x + track_width + 6
    leading = LABEL_SIZE + 1.5
    wrapped = [simpleSplit(clean_text(i.label), SANS, LABEL_SIZE, label_width) for i in chart.items]
    rows = [max(len(lines) * leading, 2 * leading) + 8 for lines in wrapped]
    # Spread a few targets over the height the other charts take, up to a comfortable gap.
    spare = (height - 4 - sum(rows)) / max(len(rows), 1)
    rows = [row + min(max(spare, 0), PROGRESS_MAX_GAP) for row in rows]
    height = max(height, sum(rows) + 4)
    drawing = _drawing(width, height)
    top = height - 2
    for item, lines, row_height in zip(chart.items, wrapped, rows, strict=True):
        middle = top - row_height / 2
        first_line = middle + (len(lines) - 1) * leading / 2 - LABEL_SIZE / 3
        for n, text in enumerate(lines):
            drawing.add(_text(0, first_line - n * leading, text))
        bar_y = middle - PROGRESS_BAR / 2
        ratio = item.ratio
        if ratio:
            filled = track_width * min(ratio, 1.0)
            drawing.add(
                Rect(track_x, bar_y, filled, PROGRESS_BAR, fillColor=PROGRESS_FILL,
                     strokeColor=None)
            )  # fmt: skip
        drawing.add(
            Rect(track_x, bar_y, track_width, PROGRESS_BAR, fillColor=None,
                 strokeColor=OUTLINE, strokeWidth=0.6)
        )  # fmt: skip
        first, second = _progress_texts(item)
        drawing.add(_text(text_x, middle + 1.5, first))
        drawing.add(_text(text_x, middle - LABEL_SIZE - 0.5, second))
        top -= row_height
    return drawing


def chart_drawing(chart: Chart, width: float, height: float) -> Drawing:
    """``chart`` as a Drawing ``width`` wide and ``height`` tall (a progress chart grows taller
    when its targets need the room). The caller prints the title and skips empty charts."""
    register_fonts()
    if chart.kind is ChartKind.PROGRESS:
        return _progress_chart(chart, width, height)
    if chart.kind is ChartKind.LINE:
        return _line_chart(chart, width, height)
    if chart.kind is ChartKind.STACKED:
        return _stacked_chart(chart, width, height)
    return _bar_panels(chart, width, height)
