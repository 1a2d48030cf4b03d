"""The print preview: a PDF PartyDesk has written, shown page after page, to print or save.

Documents are rendered once, by reportlab, to a PDF file; the preview shows that very file
(QtPdf), "Lưu PDF…" copies it, and "In…" sends its pages to the printer, so the screen, the
saved file and the paper cannot differ. Pages are printed as 300 dpi images one at a time,
with the event loop running between pages and a Hủy button, so a long minute book neither
freezes the window nor needs the whole book in memory.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.ui import messages

log = logging.getLogger(__name__)

PRINT_DPI = 300  # sharp text on paper; a 2480 × 3508 image per A4 page
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
TEMP_PREFIX = "partydesk-preview-"
STALE_AFTER_S = 24 * 3600


def ask_save_path(
    parent: QWidget | None, title: str, suggested_name: str, file_filter: str
) -> Path | None:
    """The save dialog, opening in Documents; the filter's extension is added when missing.

    The one place PartyDesk asks where to save a document (tests replace it).
    """
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(folder) / suggested_name), file_filter
    )
    if not name:
        return None
    target = Path(name)
    suffix = Path(suggested_name).suffix
    if suffix and target.suffix.lower() != suffix.lower():
        target = target.with_name(target.name + suffix)
    return target


def preview_file(stem: str) -> Path:
    """A fresh path in its own temporary folder for a document about to be previewed."""
    remove_stale_previews()
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in stem).strip() or "van-ban"
    return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX)) / f"{safe}.pdf"


def remove_stale_previews(now: float | None = None) -> int:
    """Delete preview folders older than a day: a preview left open when PartyDesk was
    closed, or a crash, cannot delete its own. Returns how many were removed."""
    limit = (now if now is not None else time.time()) - STALE_AFTER_S
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder)
                removed += 1
        except OSError:  # still open in another PartyDesk window: try again next time
            continue
    return removed


class PdfPreviewDialog(QDialog):
    """Shows one PDF; ``owns_file`` deletes it (and its temporary folder) when closed."""

    def __init__(
        self,
        pdf_path: Path,
        title: str,
        parent: QWidget | None = None,
        *,
        suggested_name: str = "",
        owns_file: bool = False,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self._title = title
        self._suggested_name = suggested_name or self.pdf_path.name
        self._owns_file = owns_file
        self._printing = False
        self._cancel_print = False
        self.setWindowTitle(f"Xem trước – {title}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        self.document = QPdfDocument(self)
        error = self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #7a7a7a; }")
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.print_button = QPushButton("In… (Ctrl+P)")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton("Lưu PDF… (Ctrl+S)")
        self.save_button.clicked.connect(self.save_as)
        self.zoom_out_button = _tool_button("−", "Thu nhỏ (Ctrl+−)", self.zoom_out)
        self.zoom_in_button = _tool_button("+", "Phóng to (Ctrl++)", self.zoom_in)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit_width_button = QPushButton("Vừa chiều rộng")
        self.fit_width_button.setToolTip("Trang rộng bằng khung xem (Ctrl+0)")
        self.fit_width_button.setCheckable(True)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = QPushButton("Cả trang")
        self.fit_page_button.setToolTip("Thấy trọn một trang")
        self.fit_page_button.setCheckable(True)
        self.fit_page_button.clicked.connect(self.fit_page)
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("Trang")
        self.page_box.setKeyboardTracking(False)
        self.page_count_label = QLabel()
        self.close_button = QPushButton("Đóng")
        self.close_button.clicked.connect(self.reject)

        bar = QHBoxLayout()
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(_separator())
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.fit_page_button)
        bar.addWidget(_separator())
        bar.addWidget(QLabel("Trang"))
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_count_label)
        bar.addStretch(1)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addLayout(bar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)

        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)

        pages = self.document.pageCount()
        self.page_box.setRange(1, max(pages, 1))
        self.page_count_label.setText(f"/ {pages}")
        self.page_box.valueChanged.connect(self._on_page_box_value_changed)
        self.view.pageNavigator().currentPageChanged.connect(self._on_current_page_changed)
        self.view.zoomFactorChanged.connect(self._update_zoom_label)
        self.view.zoomModeChanged.connect(self._update_zoom_label)
        self.finished.connect(self._on_finished)
        self.view.viewport().installEventFilter(self)
        self._update_zoom_label()
        if error is not QPdfDocument.Error.None_ or pages == 0:
            log.error("Cannot show %s: %s", self.pdf_path, error)
            self.error_label.setText(f"Không mở được tệp PDF {self.pdf_path}.")
            self.error_label.show()
            for widget in (self.print_button, self.save_button, self.page_box):
                widget.setEnabled(False)
        self.resize(900, 1000)
        self.view.setFocus()

    # --- state -----------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        """The page on screen, from 1."""
        return self.view.pageNavigator().currentPage() + 1

    def go_to_page(self, page: int) -> None:
        """Scroll so that ``page`` (from 1) is at the top."""
        page = min(max(page, 1), max(self.page_count, 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page - 1, QPointF(), navigator.currentZoom())

    # --- zoom ------------------------------------------------------------------------------

    def effective_zoom(self) -> float:
        """The zoom on screen: QPdfView reports 1.0 while fitting, so compute what it shows."""
        mode = self.view.zoomMode()
        if mode is QPdfView.ZoomMode.Custom or self.page_count == 0:
            return self.view.zoomFactor()
        size = self.document.pagePointSize(0)
        scale = self.logicalDpiX() / 72
        margins = self.view.documentMargins()
        viewport = self.view.viewport()
        width = (viewport.width() - margins.left() - margins.right()) / (size.width() * scale)
        if mode is QPdfView.ZoomMode.FitToWidth:
            return width
        height = (viewport.height() - margins.top() - margins.bottom()) / (size.height() * scale)
        return min(width, height)

    def set_zoom(self, factor: float) -> None:
        page = self.current_page
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, MIN_ZOOM), MAX_ZOOM))
        self._after_zoom(page)

    def zoom_in(self) -> None:
        self.set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        page = self.current_page
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._after_zoom(page)

    def fit_page(self) -> None:
        page = self.current_page
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._after_zoom(page)

    def _after_zoom(self, page: int) -> None:
        # The pages change size but the scroll position does not: keep the same page on top.
        self.go_to_page(page)
        self._update_zoom_label()

    def _update_zoom_label(self, *_args: object) -> None:
        mode = self.view.zoomMode()
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)}%")
        self.fit_width_button.setChecked(mode is QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setChecked(mode is QPdfView.ZoomMode.FitInView)
        custom = mode is QPdfView.ZoomMode.Custom
        self.zoom_out_button.setEnabled(not custom or self.view.zoomFactor() > MIN_ZOOM)
        self.zoom_in_button.setEnabled(not custom or self.view.zoomFactor() < MAX_ZOOM)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._update_zoom_label()  # a fitted page changes size with the window
        return super().eventFilter(watched, event)

    # --- saving ----------------------------------------------------------------------------

    def save_as(self) -> None:
        if self.page_count == 0 or self._printing:
            return
        target = ask_save_path(self, "Lưu PDF", self._suggested_name, "Tệp PDF (*.pdf)")
        if target is None:
            return
        try:
            self.save_to(target)
        except OSError as exc:
            messages.show_error(self, "Lưu PDF", f"Không lưu được tệp {target}:\n{exc}")

    def save_to(self, target: Path) -> None:
        """Copy the PDF to ``target`` through a temporary file, so a failure (disk full, USB
        stick pulled out) never leaves a truncated file under the chosen name."""
        target = Path(target)
        if target.resolve() == self.pdf_path.resolve():
            return
        partial = target.with_name(target.name + ".partial")
        try:
            shutil.copyfile(self.pdf_path, partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    # --- printing --------------------------------------------------------------------------

    def print_document(self) -> None:
        """The system print dialog, then the pages to the chosen printer."""
        if self.page_count == 0 or self._printing:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the PDF already has the HD 36 margins
        printer.setDocName(self._title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In văn bản")
        dialog.setMinMax(1, self.page_count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not self.print_to(printer) and not self._cancel_print:
            messages.show_error(self, "In văn bản", "Không gửi được văn bản tới máy in.")

    def print_to(self, printer: QPrinter, *, dpi: int = PRINT_DPI) -> bool:
        """Paint the pages (all, or the printer's from/to range) on ``printer``.

        Each page is rendered as an image of at most ``dpi`` and scaled onto the paper with its
        proportions kept. Returns False if the printer could not start or printing was
        cancelled.
        """
        first, last = 1, self.page_count
        if printer.fromPage() > 0:
            first = max(first, printer.fromPage())
            last = min(last, printer.toPage() or last)
        pages = list(range(first - 1, last))
        if not pages:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            return False
        self._set_printing(True)
        progress = QProgressDialog("Đang in…", "Hủy", 0, len(pages), self)
        progress.setWindowTitle("In văn bản")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.canceled.connect(self._on_print_canceled)
        try:
            render_dpi = min(dpi, printer.resolution())
            for done, page in enumerate(pages):
                if self._cancel_print:
                    printer.abort()
                    return False
                if done:
                    printer.newPage()
                self._paint_page(painter, page, render_dpi)
                progress.setLabelText(f"Đang in trang {page + 1} / {self.page_count}…")
                progress.setValue(done + 1)
                QApplication.processEvents()
            return not self._cancel_print
        finally:
            if painter.isActive():
                painter.end()
            progress.close()
            progress.deleteLater()
            self._set_printing(False)

    def _paint_page(self, painter: QPainter, page: int, dpi: int) -> None:
        size = self.document.pagePointSize(page)
        image = self.document.render(
            page, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
        )
        area = QRectF(painter.viewport())
        scale = min(area.width() / size.width(), area.height() / size.height())
        width, height = size.width() * scale, size.height() * scale
        target = QRectF(
            area.x() + (area.width() - width) / 2,
            area.y() + (area.height() - height) / 2,
            width,
            height,
        )
        painter.fillRect(target, Qt.GlobalColor.white)
        painter.drawImage(target, image)

    def _set_printing(self, printing: bool) -> None:
        self._printing = printing
        if printing:
            self._cancel_print = False  # kept after printing: print_document() reads it
        for widget in (self.print_button, self.save_button, self.close_button):
            widget.setEnabled(not printing)

    def _on_print_canceled(self) -> None:
        self._cancel_print = True

    # --- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        if self._printing:  # Esc while printing cancels the printing, not the preview
            self._cancel_print = True
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._printing:
            self._cancel_print = True
            event.ignore()
            return
        super().closeEvent(event)

    def _on_finished(self, _result: int) -> None:
        self.document.close()  # Windows cannot delete a file that is still open
        if self._owns_file:
            self.pdf_path.unlink(missing_ok=True)
            folder = self.pdf_path.parent
            if folder.name.startswith(TEMP_PREFIX):
                shutil.rmtree(folder, ignore_errors=True)

    def _on_page_box_value_changed(self, page: int) -> None:
        if page != self.current_page:
            self.go_to_page(page)

    def _on_current_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)


def show_pdf_preview(
    pdf_path: Path,
    title: str,
    parent: QWidget | None,
    *,
    suggested_name: str = "",
    owns_file: bool = True,
) -> PdfPreviewDialog:
    """Open the preview without blocking: the clerk may keep it beside the main window."""
    dialog = PdfPreviewDialog(
        pdf_path, title, parent, suggested_name=suggested_name, owns_file=owns_file
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def _tool_button(text: str, tip: str, slot: object) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setMinimumWidth(30)
    button.clicked.connect(slot)
    return button


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
