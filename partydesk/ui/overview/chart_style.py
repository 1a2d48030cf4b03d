"""How a chart tells its series apart without colour, so a black-and-white print still reads.

Each series gets a grey level and a hatch (bars, segments) or a pen style and a marker
(lines). The hatch is drawn here as lines spaced by the text size instead of Qt's pattern
brushes: those are fixed 8-pixel tiles, which turn into a flat grey on a 1600-pixel export
and would no longer be told apart from a solid grey once printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

BLACK = QColor(0, 0, 0)
WHITE = QColor(255, 255, 255)
TEXT_GREY = QColor(110, 110, 110)  # the "no data" message and secondary text
GRID_GREY = QColor(215, 215, 215)  # grid lines: seen on screen, gone in a 1-bit print

_Brush = Qt.BrushStyle
_Pen = Qt.PenStyle


class Marker(Enum):
    CIRCLE = "circle"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    fill: QColor  # a grey: every style still differs once printed without colour
    hatch: Qt.BrushStyle  # SolidPattern: no hatch
    line: Qt.PenStyle
    marker: Marker
    marker_filled: bool


# Dark solid, white with "/" lines, light grey, white with a grid: the four stay distinct
# even when a print is reduced to black and white (dark → black, light grey → white but
# outlined, the two white ones by their hatch).
SERIES_STYLES: tuple[SeriesStyle, ...] = (
    SeriesStyle(QColor(64, 64, 64), _Brush.SolidPattern, _Pen.SolidLine, Marker.CIRCLE, True),
    SeriesStyle(WHITE, _Brush.BDiagPattern, _Pen.DashLine, Marker.SQUARE, False),
    SeriesStyle(QColor(190, 190, 190), _Brush.SolidPattern, _Pen.DotLine, Marker.TRIANGLE, True),
    SeriesStyle(WHITE, _Brush.CrossPattern, _Pen.DashDotLine, Marker.DIAMOND, False),
    SeriesStyle(
        QColor(128, 128, 128), _Brush.SolidPattern, _Pen.DashDotDotLine, Marker.CIRCLE, False
    ),
    SeriesStyle(WHITE, _Brush.FDiagPattern, _Pen.SolidLine, Marker.SQUARE, True),
)


def series_style(index: int) -> SeriesStyle:
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def outline_pen(unit: float) -> QPen:
    """The black outline of bars and swatches, thicker on a large export."""
    pen = QPen(BLACK, max(1.0, unit * 0.07))
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def fill_shape(painter: QPainter, rect: QRectF, style: SeriesStyle, unit: float) -> None:
    """A bar or segment: grey fill, the series' hatch, a black outline."""
    if rect.width() <= 0 or rect.height() <= 0:
        return
    painter.save()
    painter.fillRect(rect, style.fill)
    if style.hatch is not _Brush.SolidPattern:
        _hatch(painter, rect, style.hatch, unit)
    painter.setPen(outline_pen(unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def _hatch(painter: QPainter, rect: QRectF, hatch: Qt.BrushStyle, unit: float) -> None:
    spacing = max(4.0, unit * 0.42)
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    painter.setPen(QPen(BLACK, max(1.0, unit * 0.06)))
    left, top, width, height = rect.left(), rect.top(), rect.width(), rect.height()
    bottom, right = rect.bottom(), rect.right()
    if hatch in (_Brush.BDiagPattern, _Brush.DiagCrossPattern):  # "/" lines
        offset = -height
        while offset < width:
            painter.drawLine(QPointF(left + offset, bottom), QPointF(left + offset + height, top))
            offset += spacing
    if hatch in (_Brush.FDiagPattern, _Brush.DiagCrossPattern):  # "\" lines
        offset = -height
        while offset < width:
            painter.drawLine(QPointF(left + offset, top), QPointF(left + offset + height, bottom))
            offset += spacing
    if hatch in (_Brush.CrossPattern, _Brush.HorPattern):
        y = top + spacing / 2
        while y < bottom:
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            y += spacing
    if hatch in (_Brush.CrossPattern, _Brush.VerPattern):
        x = left + spacing / 2
        while x < right:
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            x += spacing
    painter.restore()


def line_pen(style: SeriesStyle, unit: float) -> QPen:
    """A series' line: black, its own dash pattern, thick enough to see the dashes."""
    pen = QPen(BLACK, max(1.5, unit * 0.13), style.line)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def draw_marker(painter: QPainter, centre: QPointF, style: SeriesStyle, unit: float) -> None:
    """A point marker: filled black or open (white inside) in the series' shape."""
    r = max(2.5, unit * 0.3)
    painter.save()
    painter.setPen(QPen(BLACK, max(1.0, unit * 0.09)))
    painter.setBrush(QBrush(BLACK if style.marker_filled else WHITE))
    x, y = centre.x(), centre.y()
    if style.marker is Marker.CIRCLE:
        painter.drawEllipse(centre, r, r)
    elif style.marker is Marker.SQUARE:
        painter.drawRect(QRectF(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8))
    elif style.marker is Marker.TRIANGLE:
        painter.drawPolygon(
            QPolygonF(
                [QPointF(x, y - r * 1.1), QPointF(x + r, y + r * 0.8), QPointF(x - r, y + r * 0.8)]
            )
        )
    else:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(x, y - r * 1.2),
                    QPointF(x + r * 1.2, y),
                    QPointF(x, y + r * 1.2),
                    QPointF(x - r * 1.2, y),
                ]
            )
        )
    painter.restore()
