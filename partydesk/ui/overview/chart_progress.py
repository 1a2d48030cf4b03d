"""Progress towards the targets: one row per target, the value filled along a bar that runs
to the larger of value and target, the target marked by a thick upright tick."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from partydesk.domain.statistics_charts import Chart, ProgressItem
from partydesk.ui.overview.chart_canvas import (
    Canvas,
    LegendEntry,
    draw_header,
    draw_lines,
    wrap_lines,
)
from partydesk.ui.overview.chart_numbers import progress_text
from partydesk.ui.overview.chart_style import (
    BLACK,
    GRID_GREY,
    WHITE,
    fill_shape,
    outline_pen,
    series_style,
)

REACHED_LABEL = "Đã đạt"
TARGET_LABEL = "Chỉ tiêu"


def _reached_swatch(painter: QPainter, rect: QRectF, unit: float) -> None:
    fill_shape(painter, rect, series_style(0), unit)


def _target_swatch(painter: QPainter, rect: QRectF, unit: float) -> None:
    x = rect.center().x()
    _target_tick(painter, QPointF(x, rect.top()), QPointF(x, rect.bottom()), unit)


def _target_tick(painter: QPainter, top: QPointF, bottom: QPointF, unit: float) -> None:
    """A thick black upright edged in white, so it still shows over the dark "reached" fill
    when a print turns both black."""
    width = max(3.0, unit * 0.24)
    painter.save()
    for colour, pen_width in ((WHITE, width + 2 * max(1.0, unit * 0.08)), (BLACK, width)):
        pen = QPen(colour, pen_width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(top, bottom)
    painter.restore()


PROGRESS_LEGEND = [
    LegendEntry(REACHED_LABEL, _reached_swatch),
    LegendEntry(TARGET_LABEL, _target_swatch),
]


def paint_progress(canvas: Canvas, rect: QRectF, chart: Chart) -> None:
    unit, pad = canvas.unit, canvas.pad
    top = draw_header(canvas, rect, chart.title, PROGRESS_LEGEND)
    area = QRectF(rect.left() + pad, top, rect.width() - 2 * pad, rect.bottom() - pad - top)
    if area.height() <= unit or area.width() <= unit * 8:
        return
    row_h = area.height() / len(chart.items)
    label_w = area.width() * 0.42
    bar_left = area.left() + label_w + unit * 0.8
    bar_w = area.right() - bar_left - unit * 0.3
    line_h = canvas.line_height(canvas.font)
    painter = canvas.painter
    for n, item in enumerate(chart.items):
        row = QRectF(area.left(), area.top() + n * row_h, area.width(), row_h)
        if n:
            painter.save()
            painter.setPen(QPen(GRID_GREY, 1))
            painter.drawLine(row.topLeft(), row.topRight())
            painter.restore()
        max_lines = max(1, min(3, int((row_h - unit * 0.2) / line_h)))
        lines = wrap_lines(canvas.metrics(canvas.font), item.label, label_w, max_lines)
        label_box = QRectF(row.left(), row.center().y() - len(lines) * line_h / 2, label_w, 0)
        draw_lines(canvas, canvas.font, lines, label_box, Qt.AlignmentFlag.AlignLeft)
        _paint_row_bar(canvas, QRectF(bar_left, row.top(), bar_w, row_h), item)


def _paint_row_bar(canvas: Canvas, row: QRectF, item: ProgressItem) -> None:
    """The bar block of one row, centred in it: the bar, then its text underneath."""
    unit = canvas.unit
    painter = canvas.painter
    text_h = canvas.line_height(canvas.small)
    bar_h = min(unit * 0.9, row.height() * 0.35)
    block_h = bar_h + unit * 0.3 + text_h
    bar = QRectF(row.left(), row.center().y() - block_h / 2, row.width(), bar_h)
    full = max(item.target, item.value or 0.0)
    if full <= 0:
        full = 1.0
    painter.save()
    painter.fillRect(bar, WHITE)
    if item.value is not None and item.value > 0:
        reached = QRectF(bar.left(), bar.top(), bar.width() * min(1.0, item.value / full), bar_h)
        fill_shape(painter, reached, series_style(0), unit)
    painter.setPen(outline_pen(unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(bar)
    painter.restore()
    x = bar.left() + bar.width() * max(0.0, item.target) / full
    overhang = unit * 0.22
    _target_tick(
        painter, QPointF(x, bar.top() - overhang), QPointF(x, bar.bottom() + overhang), unit
    )
    metrics = canvas.metrics(canvas.small)
    text = metrics.elidedText(progress_text(item), Qt.TextElideMode.ElideRight, row.width())
    text_box = QRectF(bar.left(), bar.bottom() + unit * 0.3, row.width(), text_h)
    draw_lines(canvas, canvas.small, [text], text_box, Qt.AlignmentFlag.AlignLeft)
