"""``partydesk --self-test``: prove, without a screen, that this installation works.

The frozen Windows build runs exactly this: a database is created and migrated in a temporary
folder, a document is rendered with only embedded fonts, and Qt loads the bundled fonts, the
icons, the Vietnamese strings and the main window offscreen. Exit 0 only if every step works.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from partydesk._version import __version__
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import Organisation, OrgEnterpriseLink, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.domain.settings import OfficeSettings
from partydesk.paths import resources_dir
from partydesk.services.app import build_services
from partydesk.store.migrate import LATEST_VERSION
from partydesk.store.store import check_file, create_store

# Base-14 font names that must never appear in a PartyDesk PDF (they cannot draw Vietnamese).
_BASE14 = (b"/Helvetica", b"/Times-Roman", b"/Courier", b"/Symbol", b"/ZapfDingbats")


def _check_database(folder: Path) -> str:
    store = create_store(folder / "selftest.sqlite")
    try:
        services = build_services(store, today=lambda: date(2026, 1, 15))
        services.office.save(
            OfficeSettings(
                committee_full_name="Đảng ủy phường Kiểm Tra",
                committee_header="ĐẢNG ỦY PHƯỜNG KIỂM TRA",
                locality="Kiểm Tra",
            )
        )
        enterprise_id = services.register.save_enterprise(
            Enterprise(name="Công ty TNHH Kiểm Thử Đức Thành", type=EnterpriseType.PRIVATE)
        )
        org_id = services.register.save_organisation(
            Organisation(
                name="Chi bộ Công ty TNHH Kiểm Thử",
                kind=OrgKind.CELL_BASE,
                enterprises=(OrgEnterpriseLink(enterprise_id, True),),
            )
        )
        services.register.save_member(
            Member(full_name="Nguyễn Văn Đức", organisation_id=org_id, standing=Standing.OFFICIAL)
        )
        found = services.register.member_rows(ListQuery(search="nguyen van duc"), 0, 10)
        if [row.full_name for row in found] != ["Nguyễn Văn Đức"]:
            raise AssertionError(f"accent-insensitive search found {found}")
        buffer = io.BytesIO()
        from partydesk.reports.member_list import render_member_list

        render_member_list(services.documents.member_list(org_id), buffer)
        pdf = buffer.getvalue()
        if b"/FontFile2" not in pdf or any(name in pdf for name in _BASE14):
            raise AssertionError("the PDF does not embed only the bundled fonts")
    finally:
        store.close()
    report = check_file(folder / "selftest.sqlite")
    if not report.healthy or report.schema_version != LATEST_VERSION:
        raise AssertionError(f"check failed: {report}")
    return f"schema {LATEST_VERSION}, SQLite {sqlite3.sqlite_version}, PDF {len(pdf)} bytes"


def _check_qt(folder: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFontDatabase, QIcon, QImage
    from PySide6.QtWidgets import QDialogButtonBox

    from partydesk.ui.app import create_application
    from partydesk.ui.main_window import MainWindow

    app = create_application(["partydesk", "-platform", "offscreen"])
    fonts = sorted((resources_dir() / "fonts").glob("*.ttf"))
    for font in fonts:
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            raise AssertionError(f"Qt cannot load the font {font.name}")
    icons = sorted((resources_dir() / "icons").glob("*.svg")) + sorted(
        (resources_dir() / "icons").glob("*.png")
    )
    for icon in icons:
        if QImage(str(icon)).isNull() or QIcon(str(icon)).isNull():
            raise AssertionError(f"Qt cannot load the icon {icon.name}")
    _check_pdf_preview(folder)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel_text = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    if cancel_text in ("Cancel", "&Cancel"):
        raise AssertionError("Qt's own buttons are not in Vietnamese")
    store = create_store(folder / "window.sqlite")
    try:
        settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(build_services(store), settings)
        window.show()
        app.processEvents()
        from partydesk.ui.tasks import default_runner

        if not default_runner().wait_for_done(10_000):
            raise AssertionError("background start-up work did not finish")
        app.processEvents()
        window.close()
    finally:
        store.close()
    return f"{len(fonts)} fonts, {len(icons)} icons, PDF preview, main window"


def _check_pdf_preview(folder: Path) -> None:
    """The print preview needs QtPdf, a separate wheel (PySide6-Pdf) the build must bundle."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    path = folder / "preview.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(200, 200, "Biên bản sinh hoạt chi bộ")
    painter.end()
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() != 1:
        raise AssertionError("QtPdf cannot open a PDF (print preview)")
    if document.render(0, QSize(120, 170)).isNull():
        raise AssertionError("QtPdf cannot draw a PDF page (print preview)")
    document.close()


def run_self_test(out: Callable[[str], None] = print) -> int:
    """Run every check in a temporary folder; print one line per check; 0 when all pass."""
    out(f"PartyDesk {__version__} — tự kiểm tra")
    folder = Path(tempfile.mkdtemp(prefix="partydesk-selftest-"))
    checks = (
        ("Cơ sở dữ liệu, tìm kiếm, văn bản PDF", _check_database),
        ("Giao diện, phông chữ, biểu tượng", _check_qt),
    )
    failed = 0
    try:
        for title, check in checks:
            try:
                out(f"[ĐẠT] {title}: {check(folder)}")
            except Exception as exc:  # every failure is reported, then the next check runs
                failed += 1
                out(f"[LỖI] {title}: {exc}")
                traceback.print_exc(file=sys.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out("Kết quả: " + ("mọi kiểm tra đều đạt." if not failed else f"{failed} kiểm tra bị lỗi."))
    return 0 if not failed else 1
