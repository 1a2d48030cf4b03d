"""The dashboard's charts on screen and as PNG files, drawn with QPainter.

QtCharts is not used: it ships in PySide6-Addons, far too big for the installer. One function,
``paint_chart``, draws every chart, so the widget and the exported image are the same picture.
The drawing is meant to survive a black-and-white print: greys and hatching instead of
colours, and every value written out (see ``chart_style``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QFileDialog, QSizePolicy, QWidget

from partydesk.domain.statistics_charts import Chart, ChartKind
from partydesk.ui import messages
from partydesk.ui.overview.chart_bars import paint_bars, paint_stacked
from partydesk.ui.overview.chart_canvas import Canvas, draw_header, draw_message
from partydesk.ui.overview.chart_lines import paint_lines
from partydesk.ui.overview.chart_progress import paint_progress
from partydesk.ui.overview.chart_style import TEXT_GREY, WHITE

log = logging.getLogger(__name__)

EMPTY_MESSAGE = "Chưa có số liệu để vẽ biểu đồ."
SAVE_ACTION_TEXT = "Lưu biểu đồ thành ảnh PNG…"
SAVE_DIALOG_TITLE = "Lưu biểu đồ thành ảnh PNG"
PNG_FILTER = "Ảnh PNG (*.png)"
SAVE_ERROR_TITLE = "Không lưu được ảnh biểu đồ"

MINIMUM_SIZE = QSize(460, 300)  # the dashboard shows two charts side by side
PREFERRED_SIZE = QSize(560, 340)
# An export looks like the widget at PREFERRED_SIZE with the usual 12-pixel UI font, scaled.
_REFERENCE_FONT_PIXELS = 12

_Painter = Callable[[Canvas, QRectF, Chart], None]
_PAINTERS: dict[ChartKind, _Painter] = {
    ChartKind.BAR: paint_bars,
    ChartKind.STACKED: paint_stacked,
    ChartKind.LINE: paint_lines,
    ChartKind.PROGRESS: paint_progress,
}


def paint_chart(painter: QPainter, rect: QRectF, chart: Chart) -> None:
    """Draw ``chart`` inside ``rect`` (logical coordinates) with the painter's current font.

    An empty chart shows its title and a grey note instead of an empty frame.
    """
    if rect.width() < 1 or rect.height() < 1:
        return
    painter.save()
    try:
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        canvas = Canvas.on(painter)
        if chart.is_empty:
            top = draw_header(canvas, rect, chart.title, [])
            rest = QRectF(rect.left(), top, rect.width(), max(0.0, rect.bottom() - top))
            draw_message(canvas, rest, EMPTY_MESSAGE, TEXT_GREY)
        else:
            _PAINTERS[chart.kind](canvas, rect, chart)
    finally:
        painter.restore()


def export_font(width: int, height: int) -> QFont:
    """The application's font family at a size that keeps the widget's proportions."""
    font = QFont(QGuiApplication.font().family())
    scale = min(width / PREFERRED_SIZE.width(), height / PREFERRED_SIZE.height())
    font.setPixelSize(max(8, round(_REFERENCE_FONT_PIXELS * scale)))
    return font


def render_chart(chart: Chart, width: int, height: int) -> QImage:
    """The chart on a white image of ``width`` × ``height`` pixels."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(WHITE)
    painter = QPainter(image)
    try:
        painter.setFont(export_font(width, height))
        paint_chart(painter, QRectF(0, 0, width, height), chart)
    finally:
        painter.end()
    return image


def save_chart_png(chart: Chart, path: Path, width: int = 1600, height: int = 1000) -> None:
    """Write the chart as a PNG; a failed save leaves neither the file nor a partial one.

    The image goes to ``<name>.png.partial`` first and replaces ``path`` only once complete,
    so an existing picture is never left half-written. Raises OSError with a Vietnamese
    message naming the file.
    """
    if width < 1 or height < 1:
        raise ValueError(f"Kích thước ảnh không hợp lệ: {width} × {height}.")
    image = render_chart(chart, width, height)
    partial = path.with_suffix(".png.partial")
    try:
        failure = _write_png(image, partial)
        if failure is not None:
            log.warning("Writing chart PNG %s failed: %s", partial, failure)
            raise OSError(
                f"Không ghi được tệp ảnh “{path}”: thư mục không tồn tại, không có quyền ghi"
                " vào đó, hoặc ổ đĩa đã đầy."
            )
        try:
            os.replace(partial, path)
        except OSError as error:
            log.warning("Replacing %s failed: %s", path, error)
            raise OSError(
                f"Không thay được tệp ảnh “{path}”: tệp có thể đang mở trong một chương trình"
                " khác. Hãy đóng chương trình đó hoặc chọn tên khác."
            ) from error
    except BaseException:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            log.warning("Could not remove %s", partial)
        raise


def _write_png(image: QImage, path: Path) -> str | None:
    """Write ``image``; None when done, else Qt's reason. The writer (and with it the open
    file) is gone when this returns: Windows neither renames nor deletes an open file."""
    writer = QImageWriter(str(path), b"png")
    if writer.write(image):
        return None
    return writer.errorString() or "unknown error"


def pictures_folder() -> Path:
    """Where a saved chart goes by default: Pictures, else Documents, else home."""
    for location in (
        QStandardPaths.StandardLocation.PicturesLocation,
        QStandardPaths.StandardLocation.DocumentsLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


class ChartView(QWidget):
    """One chart on the dashboard; right-click offers to save it as a PNG picture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: Chart | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.save_action = QAction(SAVE_ACTION_TEXT, self)
        self.save_action.triggered.connect(self.save_png_as)
        self.addAction(self.save_action)
        self.set_chart(None)

    def set_chart(self, chart: Chart | None) -> None:
        self._chart = chart
        has_data = chart is not None and not chart.is_empty
        self.save_action.setEnabled(has_data)
        self.setAccessibleName(chart.title if chart is not None else EMPTY_MESSAGE)
        self.update()

    def chart(self) -> Chart | None:
        return self._chart

    def sizeHint(self) -> QSize:
        return PREFERRED_SIZE

    def minimumSizeHint(self) -> QSize:
        return MINIMUM_SIZE

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), WHITE)
            rect = QRectF(self.rect())
            if self._chart is None:
                draw_message(Canvas.on(painter), rect, EMPTY_MESSAGE, TEXT_GREY)
            else:
                paint_chart(painter, rect, self._chart)
        finally:
            painter.end()

    def save_png_as(self) -> Path | None:
        """Ask where to save the chart and write it there; the path written, or None."""
        chart = self._chart
        if chart is None or chart.is_empty:
            return None
        suggested = pictures_folder() / f"{chart.name}.png"
        name, _ = QFileDialog.getSaveFileName(self, SAVE_DIALOG_TITLE, str(suggested), PNG_FILTER)
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        try:
            save_chart_png(chart, target)
        except OSError as error:
            messages.show_error(
                self,
                SAVE_ERROR_TITLE,
                f"{error}\n\nSố liệu trong PartyDesk không bị ảnh hưởng; hãy chọn thư mục"
                " khác rồi lưu lại.",
            )
            return None
        return target
