"""Line charts: one line per series over the categories (the months), every point labelled.

At each month the higher value is written above its point and the lower one below, so the
two labels of close values never sit on top of each other.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPolygonF

from partydesk.domain.statistics_charts import Chart
from partydesk.ui.overview.chart_axes import Scale, draw_vertical_axis, tick_label_width, ticks_for
from partydesk.ui.overview.chart_canvas import (
    Anchor,
    Canvas,
    LegendEntry,
    category_height,
    draw_header,
    draw_lines,
    draw_value_label,
    value_label_rect,
    wrap_lines,
)
from partydesk.ui.overview.chart_numbers import number_text
from partydesk.ui.overview.chart_style import draw_marker, line_pen, series_style


def line_legend(chart: Chart) -> list[LegendEntry]:
    def swatch(index: int):  # noqa: ANN202 - a closure per series
        def draw(painter: QPainter, rect: QRectF, unit: float) -> None:
            style = series_style(index)
            middle = rect.center().y()
            painter.save()
            painter.setPen(line_pen(style, unit))
            painter.drawLine(QPointF(rect.left(), middle), QPointF(rect.right(), middle))
            painter.restore()
            draw_marker(painter, rect.center(), style, unit)

        return draw

    return [LegendEntry(s.name, swatch(n)) for n, s in enumerate(chart.series)]


def label_anchors(values: list[float]) -> list[Anchor]:
    """Per series at one category: the highest above, the lowest below, any between beside."""
    if len(values) == 1:
        return [Anchor.ABOVE]
    order = sorted(range(len(values)), key=lambda n: -values[n])
    anchors = [Anchor.RIGHT] * len(values)
    anchors[order[0]] = Anchor.ABOVE
    anchors[order[-1]] = Anchor.BELOW
    return anchors


def paint_lines(canvas: Canvas, rect: QRectF, chart: Chart) -> None:
    unit, pad = canvas.unit, canvas.pad
    top = draw_header(canvas, rect, chart.title, line_legend(chart))
    value_h = canvas.line_height(canvas.small)
    slot_guess = (rect.width() - 2 * pad - unit * 5) / len(chart.categories) - unit * 0.1
    label_h = category_height(canvas, chart.categories, max(1.0, slot_guess))
    plot_top = top + unit * 0.2
    plot_bottom = rect.bottom() - pad - label_h - unit * 0.45
    values = [v for s in chart.series for v in s.values]
    # Lines far from zero start the axis at a round value under their lowest point: a
    # 100 → 112 swing would be flat on a 0-based axis. Every point carries its value anyway.
    from_zero = min(values) <= 0.5 * max(values)
    room = value_h + unit * 0.35  # the labels over the top point and under the lowest
    ticks = ticks_for(values, plot_bottom - plot_top - 2 * room, unit * 2.2, from_zero=from_zero)
    left = rect.left() + pad + tick_label_width(canvas, ticks, chart.value_suffix) + unit * 0.4
    plot = QRectF(left, plot_top, rect.right() - pad - left, plot_bottom - plot_top)
    if plot.width() <= unit or plot.height() <= 2 * room + unit:
        return
    scale = Scale(ticks, plot.bottom() - (0 if from_zero else room), plot.top() + room)
    draw_vertical_axis(canvas, plot, scale, chart.value_suffix, baseline=plot.bottom())
    slot = plot.width() / len(chart.categories)
    painter = canvas.painter

    def point(c: int, value: float) -> QPointF:
        return QPointF(plot.left() + (c + 0.5) * slot, scale.at(value))

    for n, series in enumerate(chart.series):
        painter.save()
        painter.setPen(line_pen(series_style(n), unit))
        painter.drawPolyline(QPolygonF([point(c, v) for c, v in enumerate(series.values)]))
        painter.restore()
    for n, series in enumerate(chart.series):
        for c, value in enumerate(series.values):
            draw_marker(painter, point(c, value), series_style(n), unit)
    gap = unit * 0.25  # keeps the label clear of the marker
    for c, category in enumerate(chart.categories):
        at_category = [s.values[c] for s in chart.series]
        for n, anchor in enumerate(label_anchors(at_category)):
            text = number_text(at_category[n]) + chart.value_suffix
            spot = point(c, at_category[n])
            shift = {Anchor.ABOVE: -gap, Anchor.BELOW: gap}.get(anchor, 0.0)
            box = value_label_rect(canvas, text, QPointF(spot.x(), spot.y() + shift), anchor)
            if box.bottom() > plot.bottom():  # a point on the zero line: beside it instead
                anchor = Anchor.RIGHT
                box = value_label_rect(canvas, text, spot, anchor)
            if anchor is Anchor.RIGHT:
                box = box.translated(gap, 0)
            draw_value_label(canvas, text, box)
        lines = wrap_lines(canvas.metrics(canvas.font), category, slot - unit * 0.1, 2)
        label_rect = QRectF(plot.left() + c * slot, plot.bottom() + unit * 0.4, slot, label_h)
        draw_lines(canvas, canvas.font, lines, label_rect)
