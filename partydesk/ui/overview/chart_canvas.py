"""What every chart painter shares: the fonts sized from the painter's font, text wrapping,
value labels on a white ground, and the title with its legend at the top.

All sizes derive from ``unit`` (the base font's line height), so the same code draws a
560-pixel widget and a 1600-pixel export in the same proportions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from partydesk.ui.overview.chart_style import BLACK, WHITE

#: Draws a legend swatch into the rectangle it is given (painter, swatch rect, unit).
SwatchPainter = Callable[[QPainter, QRectF, float], None]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    name: str
    swatch: SwatchPainter


class Anchor(Enum):
    """Where a value label sits relative to its point."""

    ABOVE = "above"
    BELOW = "below"
    RIGHT = "right"
    LEFT = "left"
    CENTRE = "centre"


@dataclass(frozen=True, slots=True)
class Canvas:
    painter: QPainter
    font: QFont  # category labels, legend
    bold: QFont  # the title
    small: QFont  # values, ticks
    unit: float  # the base font's line height: every size derives from it

    @classmethod
    def on(cls, painter: QPainter) -> Canvas:
        """Fonts derived from the painter's current font (the widget's, or the export's)."""
        base = QFont(painter.font())
        bold = QFont(base)
        bold.setBold(True)
        _scale(bold, 1.12)
        small = QFont(base)
        _scale(small, 0.92)
        return cls(painter, base, bold, small, QFontMetricsF(base, painter.device()).height())

    @property
    def pad(self) -> float:
        return self.unit * 0.5

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.painter.device())

    def width_of(self, text: str, font: QFont) -> float:
        return self.metrics(font).horizontalAdvance(text)

    def line_height(self, font: QFont) -> float:
        return self.metrics(font).height()


def _scale(font: QFont, factor: float) -> None:
    if font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    elif font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)


def wrap_lines(metrics: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width``; past ``max_lines`` the
    last line ends in "…"."""
    if width <= 1 or max_lines <= 0 or not text.strip():
        return []
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    elide = Qt.TextElideMode.ElideRight
    return [metrics.elidedText(line, elide, width) for line in lines]


def draw_lines(
    canvas: Canvas,
    font: QFont,
    lines: list[str],
    rect: QRectF,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
) -> None:
    """Lines one under the other from ``rect``'s top, aligned left, centre or right."""
    painter = canvas.painter
    painter.save()
    painter.setFont(font)
    painter.setPen(BLACK)
    height = canvas.line_height(font)
    for n, line in enumerate(lines):
        line_rect = QRectF(rect.left(), rect.top() + n * height, rect.width(), height)
        painter.drawText(line_rect, int(align | Qt.AlignmentFlag.AlignVCenter), line)
    painter.restore()


def value_label_rect(canvas: Canvas, text: str, point: QPointF, anchor: Anchor) -> QRectF:
    """The box a value label takes at ``point``: above/below centred, right/left beside it."""
    metrics = canvas.metrics(canvas.small)
    gap = canvas.unit * 0.15
    width = metrics.horizontalAdvance(text) + 2 * gap
    height = metrics.height()
    x, y = point.x(), point.y()
    if anchor is Anchor.ABOVE:
        return QRectF(x - width / 2, y - gap - height, width, height)
    if anchor is Anchor.BELOW:
        return QRectF(x - width / 2, y + gap, width, height)
    if anchor is Anchor.RIGHT:
        return QRectF(x + gap, y - height / 2, width, height)
    if anchor is Anchor.LEFT:
        return QRectF(x - gap - width, y - height / 2, width, height)
    return QRectF(x - width / 2, y - height / 2, width, height)


def draw_value_label(canvas: Canvas, text: str, box: QRectF, *, ground: bool = True) -> None:
    """A value in black; ``ground`` clears a white box first so it reads over hatching."""
    painter = canvas.painter
    painter.save()
    if ground:
        painter.fillRect(box, WHITE)
    painter.setFont(canvas.small)
    painter.setPen(BLACK)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


def draw_header(canvas: Canvas, rect: QRectF, title: str, legend: list[LegendEntry]) -> float:
    """The bold title (at most two lines) and the legend under it, centred; returns the y
    where the plot may start."""
    pad = canvas.pad
    width = rect.width() - 2 * pad
    title_lines = wrap_lines(canvas.metrics(canvas.bold), title, width, 2)
    top = rect.top() + pad * 0.6
    draw_lines(canvas, canvas.bold, title_lines, QRectF(rect.left() + pad, top, width, 0))
    y = top + len(title_lines) * canvas.line_height(canvas.bold)
    if legend:
        y += pad * 0.5
        y = draw_legend(canvas, QRectF(rect.left() + pad, y, width, 0), legend)
    return y + pad * 0.6


def legend_item_width(canvas: Canvas, entry: LegendEntry) -> float:
    # A little slack: elidedText() would otherwise cut a name that fits to the pixel.
    return canvas.unit * 1.75 + canvas.width_of(entry.name, canvas.font)


def category_lines(canvas: Canvas, categories: tuple[str, ...], width: float) -> list[list[str]]:
    """Each category name wrapped to at most two lines of ``width``."""
    metrics = canvas.metrics(canvas.font)
    return [wrap_lines(metrics, c, width, 2) for c in categories]


def category_height(canvas: Canvas, categories: tuple[str, ...], width: float) -> float:
    """The height the category names under an axis need at ``width`` per name."""
    lines = max((len(w) for w in category_lines(canvas, categories, width)), default=1)
    return max(1, lines) * canvas.line_height(canvas.font)


def draw_legend(canvas: Canvas, rect: QRectF, entries: list[LegendEntry]) -> float:
    """Swatch + name items flowing into centred lines; returns the y below the last line."""
    unit = canvas.unit
    spacing = unit * 1.0
    rows: list[list[LegendEntry]] = [[]]
    used = 0.0
    for entry in entries:
        needed = legend_item_width(canvas, entry) + (spacing if rows[-1] else 0)
        if rows[-1] and used + needed > rect.width():
            rows.append([])
            used = 0.0
            needed = legend_item_width(canvas, entry)
        rows[-1].append(entry)
        used += needed
    y = rect.top()
    for row in rows:
        widths = [min(legend_item_width(canvas, e), rect.width()) for e in row]
        total = sum(widths) + spacing * (len(row) - 1)
        x = rect.left() + max(0.0, (rect.width() - total) / 2)
        for entry, width in zip(row, widths, strict=True):
            draw_legend_entry(canvas, QRectF(x, y, width, unit), entry)
            x += width + spacing
        y += unit * 1.15
    return y


def draw_legend_entry(canvas: Canvas, rect: QRectF, entry: LegendEntry) -> None:
    unit = canvas.unit
    swatch = QRectF(rect.left(), rect.top() + unit * 0.15, unit * 1.2, unit * 0.7)
    entry.swatch(canvas.painter, swatch, unit)
    text_rect = QRectF(rect.left() + unit * 1.6, rect.top(), rect.width() - unit * 1.6, unit)
    metrics = canvas.metrics(canvas.font)
    name = metrics.elidedText(entry.name, Qt.TextElideMode.ElideRight, text_rect.width())
    draw_lines(canvas, canvas.font, [name], text_rect, Qt.AlignmentFlag.AlignLeft)


def draw_message(canvas: Canvas, rect: QRectF, text: str, colour: QColor) -> None:
    """A centred, wrapped note (the "no data" message)."""
    metrics = canvas.metrics(canvas.font)
    lines = wrap_lines(metrics, text, rect.width() - 2 * canvas.pad, 3)
    height = len(lines) * canvas.line_height(canvas.font)
    painter = canvas.painter
    painter.save()
    painter.setFont(canvas.font)
    painter.setPen(colour)
    top = rect.center().y() - height / 2
    for n, line in enumerate(lines):
        line_rect = QRectF(rect.left(), top + n * metrics.height(), rect.width(), metrics.height())
        painter.drawText(line_rect, int(Qt.AlignmentFlag.AlignCenter), line)
    painter.restore()
