"""The print preview on a real PDF: pages, zoom, save as, and printing to a PDF printer."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.dialogs.pdf_preview import (
    PdfPreviewDialog,
    preview_file,
    remove_stale_previews,
    show_pdf_preview,
)


def write_pdf(path: Path, pages: int) -> Path:
    """A small A4 PDF with a big page number on each page."""
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        drawing.setFont("Helvetica", 48)
        drawing.drawString(100, 700, f"Trang {page}")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def two_pages(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "bien-ban.pdf", 2)


@pytest.fixture
def preview(qtbot, two_pages: Path) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(two_pages, "Biên bản sinh hoạt chi bộ")
    qtbot.addWidget(dialog)
    dialog.resize(800, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    return printer


def test_the_preview_shows_every_page_and_where_the_clerk_is(
    qtbot, preview: PdfPreviewDialog
) -> None:
    assert preview.windowTitle() == "Xem trước – Biên bản sinh hoạt chi bộ"
    assert preview.page_count == 2
    assert preview.page_count_label.text() == "/ 2"
    assert preview.page_box.maximum() == 2
    assert preview.view.pageMode() is QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert preview.fit_width_button.isChecked()

    preview.page_box.setValue(2)
    qtbot.waitUntil(lambda: preview.current_page == 2)
    preview.go_to_page(1)
    qtbot.waitUntil(lambda: preview.page_box.value() == 1)


def test_zoom_steps_from_the_fitted_width(qtbot, preview: PdfPreviewDialog) -> None:
    fitted = preview.effective_zoom()
    assert preview.zoom_label.text() == f"{round(fitted * 100)}%"

    preview.zoom_in_button.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert not preview.fit_width_button.isChecked()
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(fitted / 1.25)

    preview.fit_page_button.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitInView
    assert preview.effective_zoom() < fitted  # a whole A4 page in a landscape-ish window
    preview.fit_width_button.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth


def test_save_as_writes_the_same_bytes(
    preview: PdfPreviewDialog, two_pages: Path, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "luu" / "ban-sao.pdf"
    target.parent.mkdir()
    asked: list[tuple[str, str]] = []

    def ask(_parent, title: str, suggested: str, _filter: str) -> Path:
        asked.append((title, suggested))
        return target

    monkeypatch.setattr(pdf_preview, "ask_save_path", ask)
    preview.save_button.click()

    assert asked == [("Lưu PDF", "bien-ban.pdf")]
    assert target.read_bytes() == two_pages.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["ban-sao.pdf"]  # no .partial left


def test_printing_sends_every_page_or_the_chosen_range(
    preview: PdfPreviewDialog, tmp_path: Path
) -> None:
    everything = tmp_path / "in-ca.pdf"
    assert preview.print_to(pdf_printer(everything), dpi=72)
    reader = PdfReader(everything)
    assert len(reader.pages) == 2
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)

    second = tmp_path / "in-trang-2.pdf"
    printer = pdf_printer(second)
    printer.setFromTo(2, 2)
    assert preview.print_to(printer, dpi=72)
    assert len(PdfReader(second).pages) == 1
    assert preview.print_button.isEnabled()  # buttons come back after printing


def test_printing_stops_when_cancelled(
    preview: PdfPreviewDialog, tmp_path: Path, monkeypatch
) -> None:
    painted: list[int] = []
    paint = PdfPreviewDialog._paint_page

    def paint_then_cancel(self: PdfPreviewDialog, painter, page: int, dpi: int) -> None:
        paint(self, painter, page, dpi)
        painted.append(page)
        self.reject()  # Esc while printing cancels the printing, not the preview

    monkeypatch.setattr(PdfPreviewDialog, "_paint_page", paint_then_cancel)
    assert not preview.print_to(pdf_printer(tmp_path / "huy.pdf"), dpi=72)
    assert painted == [0]
    assert preview.isVisible()


def test_a_temporary_preview_removes_its_file_when_closed(qtbot) -> None:
    path = write_pdf(preview_file("Biên bản tháng 3/2026"), 1)
    assert path.parent.name.startswith("partydesk-preview-")
    assert path.name == "Biên bản tháng 3_2026.pdf"

    dialog = show_pdf_preview(path, "Biên bản", None)
    qtbot.waitExposed(dialog)
    assert dialog.page_count == 1
    dialog.close_button.click()

    assert not path.exists()
    assert not path.parent.exists()


def test_a_broken_file_disables_printing_and_saving(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"not a pdf")
    dialog = PdfPreviewDialog(broken, "Hỏng")
    qtbot.addWidget(dialog)
    assert dialog.page_count == 0
    assert dialog.error_label.text() == f"Không mở được tệp PDF {broken}."
    assert not dialog.print_button.isEnabled()
    assert not dialog.save_button.isEnabled()


def test_previews_left_behind_are_removed_after_a_day() -> None:
    old = preview_file("cu").parent
    fresh = preview_file("moi").parent
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))

    assert remove_stale_previews() >= 1
    assert not old.exists()
    assert fresh.exists()
    shutil.rmtree(fresh)
