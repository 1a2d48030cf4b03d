"""Bar charts: grouped bars, the same series as side-by-side panels, and 100 % stacked bars.

Two series of very different size (organisations in tens, members in hundreds) would share
one axis badly: the small series' bars shrink to slivers. A second value axis fixes the
height but invites comparing a bar against the wrong axis, and in grey nothing shows which
axis belongs to which bar. So such a chart is drawn as small multiples: one panel per series,
each with its own zero-based axis and heading, the categories written once on the left and
the bars running across, which leaves the category names room to read.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from partydesk.domain.statistics_charts import Chart
from partydesk.ui.overview.chart_axes import (
    Scale,
    draw_horizontal_axis,
    draw_vertical_axis,
    fitting_ticks,
    tick_label_width,
    ticks_for,
)
from partydesk.ui.overview.chart_canvas import (
    Anchor,
    Canvas,
    LegendEntry,
    category_height,
    category_lines,
    draw_header,
    draw_legend_entry,
    draw_lines,
    draw_value_label,
    value_label_rect,
    wrap_lines,
)
from partydesk.ui.overview.chart_numbers import nice_ticks, number_text
from partydesk.ui.overview.chart_style import BLACK, fill_shape, series_style

PANELS_FROM_RATIO = 5.0  # largest series peak / smallest peak from which panels read better


def box_legend(chart: Chart) -> list[LegendEntry]:
    def swatch(index: int):  # noqa: ANN202 - a closure per series
        return lambda painter, rect, unit: fill_shape(painter, rect, series_style(index), unit)

    return [LegendEntry(s.name, swatch(n)) for n, s in enumerate(chart.series)]


def needs_panels(chart: Chart) -> bool:
    """Whether the series differ so much in size that one shared axis would hide one."""
    peaks = [max(s.values, default=0.0) for s in chart.series]
    positive = [p for p in peaks if p > 0]
    return len(positive) >= 2 and max(positive) / min(positive) >= PANELS_FROM_RATIO


def paint_bars(canvas: Canvas, rect: QRectF, chart: Chart) -> None:
    if needs_panels(chart):
        _paint_panels(canvas, rect, chart)
    else:
        _paint_grouped(canvas, rect, chart)


def _paint_grouped(canvas: Canvas, rect: QRectF, chart: Chart) -> None:
    """Vertical bars, one group per category, one value axis."""
    unit, pad = canvas.unit, canvas.pad
    top = draw_header(canvas, rect, chart.title, box_legend(chart))
    value_h = canvas.line_height(canvas.small)
    label_h = category_height(canvas, chart.categories, _slot_estimate(canvas, rect, chart))
    values = [v for s in chart.series for v in s.values]
    plot_top = top + value_h * 2 + unit * 0.2  # room for (staggered) labels over the tallest bar
    plot_bottom = rect.bottom() - pad - label_h - unit * 0.3
    ticks = ticks_for(values, plot_bottom - plot_top, unit * 2.2)
    left = rect.left() + pad + tick_label_width(canvas, ticks, chart.value_suffix) + unit * 0.4
    plot = QRectF(left, plot_top, rect.right() - pad - left, plot_bottom - plot_top)
    if plot.width() <= unit or plot.height() <= unit:
        return
    scale = Scale(ticks, plot.bottom(), plot.top())
    draw_vertical_axis(canvas, plot, scale, chart.value_suffix)
    slot = plot.width() / len(chart.categories)
    bar_w = slot * 0.78 / max(1, len(chart.series))
    zero = scale.at(max(scale.low, 0.0))
    placed: list[QRectF] = []
    for c, category in enumerate(chart.categories):
        group_left = plot.left() + c * slot + slot * 0.11
        for n, series in enumerate(chart.series):
            value = series.values[c]
            bar = QRectF(group_left + n * bar_w, scale.at(value), bar_w, zero - scale.at(value))
            fill_shape(canvas.painter, bar.normalized(), series_style(n), unit)
            text = number_text(value) + chart.value_suffix
            box = value_label_rect(canvas, text, QPointF(bar.center().x(), bar.top()), Anchor.ABOVE)
            box = _clear_of(box, placed)
            placed.append(box)
            draw_value_label(canvas, text, box)
        lines = wrap_lines(canvas.metrics(canvas.font), category, slot - unit * 0.2, 2)
        label_rect = QRectF(plot.left() + c * slot, plot.bottom() + unit * 0.25, slot, label_h)
        draw_lines(canvas, canvas.font, lines, label_rect)


def _slot_estimate(canvas: Canvas, rect: QRectF, chart: Chart) -> float:
    """A category's width before the value axis is known: a little narrower than it will be,
    so names wrapped at this width never need more lines once drawn."""
    width = rect.width() - 2 * canvas.pad - canvas.unit * 5
    return max(1.0, width / max(1, len(chart.categories)) - canvas.unit * 0.2)


def _clear_of(box: QRectF, placed: list[QRectF]) -> QRectF:
    """``box`` moved up until it overlaps no label already placed (neighbouring bars of
    similar height would otherwise print their values over each other)."""
    for _ in range(len(placed) + 1):
        hit = next((p for p in placed if p.intersects(box)), None)
        if hit is None:
            return box
        box = box.translated(0, hit.top() - box.bottom())
    return box


def _paint_panels(canvas: Canvas, rect: QRectF, chart: Chart) -> None:
    """One panel per series, bars running across, categories written once on the left."""
    unit, pad = canvas.unit, canvas.pad
    top = draw_header(canvas, rect, chart.title, [])
    area = QRectF(rect.left() + pad, top, rect.width() - 2 * pad, rect.bottom() - pad - top)
    font_metrics = canvas.metrics(canvas.font)
    label_w = min(
        max(font_metrics.horizontalAdvance(c) for c in chart.categories) + unit * 0.3,
        area.width() * 0.3,
    )
    heading_h = unit * 1.3
    axis_h = canvas.line_height(canvas.small) + unit * 0.3
    rows = QRectF(
        area.left(), area.top() + heading_h, area.width(), area.height() - heading_h - axis_h
    )
    gap = unit * 1.3
    panels_left = area.left() + label_w + unit * 0.4
    count = len(chart.series)
    panel_w = (area.right() - panels_left - gap * (count - 1)) / count
    if rows.height() <= unit or panel_w <= unit * 3:
        return
    row_h = rows.height() / len(chart.categories)
    legend = box_legend(chart)
    for n, series in enumerate(chart.series):
        left = panels_left + n * (panel_w + gap)
        texts = [number_text(v) + chart.value_suffix for v in series.values]
        value_w = max(canvas.width_of(t, canvas.small) for t in texts) + unit * 0.5
        plot = QRectF(left, rows.top(), max(unit, panel_w - value_w), rows.height())
        ticks = fitting_ticks(canvas, list(series.values), plot.width(), chart.value_suffix)
        scale = Scale(ticks, plot.left(), plot.right())
        draw_horizontal_axis(canvas, plot, scale, chart.value_suffix)
        draw_legend_entry(canvas, QRectF(left, area.top(), panel_w, unit), legend[n])
        thickness = min(row_h * 0.62, unit * 1.4)
        zero = scale.at(max(scale.low, 0.0))
        for c, value in enumerate(series.values):
            middle = rows.top() + (c + 0.5) * row_h
            bar = QRectF(zero, middle - thickness / 2, scale.at(value) - zero, thickness)
            fill_shape(canvas.painter, bar.normalized(), series_style(n), unit)
            point = QPointF(max(bar.left(), bar.right()), middle)
            draw_value_label(
                canvas, texts[c], value_label_rect(canvas, texts[c], point, Anchor.RIGHT)
            )
    line_h = canvas.line_height(canvas.font)
    max_lines = max(1, min(2, int(row_h / line_h)))
    for c, category in enumerate(chart.categories):
        lines = wrap_lines(font_metrics, category, label_w, max_lines)
        middle = rows.top() + (c + 0.5) * row_h
        box = QRectF(area.left(), middle - len(lines) * line_h / 2, label_w, len(lines) * line_h)
        draw_lines(canvas, canvas.font, lines, box, Qt.AlignmentFlag.AlignRight)


def paint_stacked(canvas: Canvas, rect: QRectF, chart: Chart) -> None:
    """One bar per category split into the series' shares, first series at the bottom; a
    share too thin to hold its value has it written beside the bar with a short leader."""
    unit, pad = canvas.unit, canvas.pad
    top = draw_header(canvas, rect, chart.title, box_legend(chart))
    label_h = category_height(canvas, chart.categories, _slot_estimate(canvas, rect, chart))
    plot_top = top + canvas.line_height(canvas.small) * 0.6
    plot_bottom = rect.bottom() - pad - label_h - unit * 0.3
    count = len(chart.categories)
    totals = [sum(s.values[c] for s in chart.series) for c in range(count)]
    is_share = chart.value_suffix.strip() == "%" and max(totals, default=0) <= 100.5
    max_ticks = max(2, min(6, int((plot_bottom - plot_top) / (unit * 2.2))))
    ticks = (
        nice_ticks(0, 100, max_ticks)
        if is_share
        else ticks_for(totals, plot_bottom - plot_top, unit * 2.2)
    )
    texts = [number_text(v) + chart.value_suffix for s in chart.series for v in s.values]
    widest = max(canvas.width_of(t, canvas.small) for t in texts) + unit * 0.6
    left = rect.left() + pad + tick_label_width(canvas, ticks, chart.value_suffix) + unit * 0.4
    right = rect.right() - pad
    # The last bar's outside labels need ``widest`` plus a leader right of the bar.
    slot = (right - left) / count
    bar_w = _stacked_bar_width(slot, widest, unit)
    spill = widest + unit * 0.6 - (slot * 0.55 - bar_w / 2)
    if spill > 0:
        right -= spill
        slot = (right - left) / count
        bar_w = _stacked_bar_width(slot, widest, unit)
    plot = QRectF(left, plot_top, right - left, plot_bottom - plot_top)
    if plot.width() <= unit or plot.height() <= unit:
        return
    scale = Scale(ticks, plot.bottom(), plot.top())
    draw_vertical_axis(canvas, plot, scale, chart.value_suffix)
    text_h = canvas.line_height(canvas.small)
    names = category_lines(canvas, chart.categories, slot - unit * 0.2)
    for c in range(count):
        centre = plot.left() + (c + 0.45) * slot
        bar_left = centre - bar_w / 2
        bottom = scale.at(0.0)
        outside: list[tuple[float, str]] = []
        for n, series in enumerate(chart.series):
            value = series.values[c]
            if value <= 0:
                continue
            height = bottom - scale.at(value + _value_below(chart, n, c))
            segment = QRectF(bar_left, bottom - height, bar_w, height)
            fill_shape(canvas.painter, segment, series_style(n), unit)
            text = number_text(value) + chart.value_suffix
            box = value_label_rect(canvas, text, segment.center(), Anchor.CENTRE)
            if box.height() <= segment.height() + 1 and box.width() <= bar_w - unit * 0.2:
                draw_value_label(canvas, text, box)
            else:
                outside.append((segment.center().y(), text))
            bottom = segment.top()
        _outside_labels(canvas, QPointF(bar_left + bar_w, 0), outside, plot, text_h)
        label_rect = QRectF(centre - slot / 2, plot.bottom() + unit * 0.25, slot, label_h)
        draw_lines(canvas, canvas.font, names[c], label_rect)


def _stacked_bar_width(slot: float, widest_label: float, unit: float) -> float:
    """Wide enough to hold its values where the slot allows, never wider than half of it."""
    return min(max(slot * 0.42, widest_label), slot * 0.5, unit * 5)


def _value_below(chart: Chart, series_index: int, category: int) -> float:
    return sum(s.values[category] for s in chart.series[:series_index])


def _outside_labels(
    canvas: Canvas, edge: QPointF, labels: list[tuple[float, str]], plot: QRectF, text_h: float
) -> None:
    """Values beside the bar's right edge, pushed apart so none overlaps, each with a leader
    from the bar to its label."""
    if not labels:
        return
    unit = canvas.unit
    wanted = sorted(labels)  # top to bottom
    tops: list[float] = []
    for y, _ in wanted:
        top = y - text_h / 2
        if tops and top < tops[-1] + text_h:
            top = tops[-1] + text_h
        tops.append(top)
    overflow = tops[-1] + text_h - plot.bottom()
    if overflow > 0:
        tops = [t - overflow for t in tops]
    painter: QPainter = canvas.painter
    painter.save()
    painter.setPen(QPen(BLACK, max(1.0, unit * 0.06)))
    x_text = edge.x() + unit * 0.6
    for (y, text), top in zip(wanted, tops, strict=True):
        middle = top + text_h / 2
        painter.drawLine(QPointF(edge.x(), y), QPointF(x_text - unit * 0.1, middle))
        box = value_label_rect(canvas, text, QPointF(x_text, middle), Anchor.RIGHT)
        draw_value_label(canvas, text, box.translated(-unit * 0.15, 0))
    painter.restore()
