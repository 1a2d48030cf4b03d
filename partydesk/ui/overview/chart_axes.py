"""Value axes: round ticks, light grid lines, Vietnamese tick labels, and the mapping from a
value to a pixel position along the plot."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen

from partydesk.ui.overview.chart_canvas import Canvas
from partydesk.ui.overview.chart_numbers import nice_ticks, number_text, tick_places
from partydesk.ui.overview.chart_style import BLACK, GRID_GREY


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps values ``ticks[0]..ticks[-1]`` onto pixels ``start..end`` (end may be < start)."""

    ticks: tuple[float, ...]
    start: float
    end: float

    @property
    def low(self) -> float:
        return self.ticks[0]

    @property
    def high(self) -> float:
        return self.ticks[-1]

    def at(self, value: float) -> float:
        span = self.high - self.low
        share = 0.0 if span == 0 else (value - self.low) / span
        return self.start + share * (self.end - self.start)


def ticks_for(
    values: list[float], length: float, spacing: float, *, from_zero: bool = True
) -> tuple[float, ...]:
    """Round ticks for ``values`` along ``length`` pixels, at most one every ``spacing``.

    ``from_zero`` starts bars at 0 (a bar's length is its value); a line may start at a round
    value just under its smallest one, so that small month-to-month differences stay visible.
    """
    high = max([0.0, *values])
    low = min([0.0, *values]) if from_zero else min(values, default=0.0)
    whole = all(float(v).is_integer() for v in values)
    max_ticks = max(2, min(6, int(length / max(spacing, 1.0))))
    return nice_ticks(low, high, max_ticks, whole=whole)


def fitting_ticks(
    canvas: Canvas, values: list[float], length: float, suffix: str = ""
) -> tuple[float, ...]:
    """Ticks for a horizontal axis: as many as fit with their labels side by side."""
    whole = all(float(v).is_integer() for v in values)
    high = max([0.0, *values])
    ticks: tuple[float, ...] = (0.0, 1.0)
    for max_ticks in range(6, 1, -1):
        ticks = nice_ticks(0.0, high, max_ticks, whole=whole)
        step_pixels = length / max(1, len(ticks) - 1)
        if tick_label_width(canvas, ticks, suffix) + canvas.unit * 0.8 <= step_pixels:
            return ticks
    return ticks


def tick_labels(ticks: tuple[float, ...], suffix: str = "") -> list[str]:
    places = tick_places(ticks)
    return [number_text(t, places) + suffix for t in ticks]


def tick_label_width(canvas: Canvas, ticks: tuple[float, ...], suffix: str = "") -> float:
    return max((canvas.width_of(t, canvas.small) for t in tick_labels(ticks, suffix)), default=0)


def draw_vertical_axis(
    canvas: Canvas, plot: QRectF, scale: Scale, suffix: str = "", baseline: float | None = None
) -> None:
    """Grid lines across ``plot`` at each tick, labels left of it, the axis, and the baseline
    at zero (or at ``baseline`` pixels, for an axis that does not start at zero)."""
    painter = canvas.painter
    painter.save()
    painter.setFont(canvas.small)
    height = canvas.line_height(canvas.small)
    gap = canvas.unit * 0.3
    for tick, label in zip(scale.ticks, tick_labels(scale.ticks, suffix), strict=True):
        y = scale.at(tick)
        painter.setPen(QPen(GRID_GREY, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(BLACK)
        box = QRectF(plot.left() - gap - canvas.unit * 6, y - height / 2, canvas.unit * 6, height)
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label
        )
    painter.setPen(QPen(BLACK, max(1.0, canvas.unit * 0.07)))
    painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
    if baseline is None:
        baseline = scale.at(max(scale.low, min(0.0, scale.high)))
    painter.drawLine(QPointF(plot.left(), baseline), QPointF(plot.right(), baseline))
    painter.restore()


def draw_horizontal_axis(canvas: Canvas, plot: QRectF, scale: Scale, suffix: str = "") -> None:
    """Grid lines down ``plot`` at each tick, labels under it, the zero line at the left."""
    painter = canvas.painter
    painter.save()
    painter.setFont(canvas.small)
    height = canvas.line_height(canvas.small)
    labels = tick_labels(scale.ticks, suffix)
    for n, (tick, label) in enumerate(zip(scale.ticks, labels, strict=True)):
        x = scale.at(tick)
        painter.setPen(QPen(GRID_GREY, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(BLACK)
        width = canvas.width_of(label, canvas.small) + 2
        left = (
            x - width / 2 if n else x - width * 0.2
        )  # the first label keeps clear of the row labels
        painter.drawText(
            QRectF(left, plot.bottom() + canvas.unit * 0.15, width, height),
            int(Qt.AlignmentFlag.AlignCenter),
            label,
        )
    painter.setPen(QPen(BLACK, max(1.0, canvas.unit * 0.07)))
    zero = scale.at(max(scale.low, min(0.0, scale.high)))
    painter.drawLine(QPointF(zero, plot.top()), QPointF(zero, plot.bottom()))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    painter.restore()
