"""The "Tuân thủ" page on a small office: the matrix, its filters and settings, the gaps, the
Excel export, and the way back to a chi bộ's meetings in the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt

from partydesk.domain.compliance import MonthState
from partydesk.reports.compliance_xlsx import GAPS_SHEET, MONTH_STYLES, matrix_sheet_title
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.compliance.matrix_model import FIRST_MONTH, FIRST_QUARTER, STATE_ROLE
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.main_window import MainWindow
from partydesk.ui.pages.compliance import CompliancePage
from partydesk.ui.tasks import default_runner
from tests.reports.test_compliance_xlsx import SampleOffice, record_meetings


@pytest.fixture
def office(services: AppServices) -> SampleOffice:
    return record_meetings(services)


@pytest.fixture
def page(qtbot, services: AppServices, office: SampleOffice) -> CompliancePage:
    widget = CompliancePage(services)
    qtbot.addWidget(widget)
    widget.resize(1070, 700)
    with qtbot.waitSignal(widget.computed, timeout=5000):
        widget.show()
    return widget


def recompute(qtbot, page: CompliancePage, change: Any) -> None:
    with qtbot.waitSignal(page.computed, timeout=5000):
        change()


def cell(page: CompliancePage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return page.matrix_model.index(row, column).data(role)


def test_the_matrix_shows_each_chi_bo_month_by_month(
    page: CompliancePage, office: SampleOffice
) -> None:
    assert page.year.value() == 2026  # the services' clock says 21/11/2026
    model = page.matrix_model
    assert model.rowCount() == 2
    assert [cell(page, 0, c) for c in range(FIRST_MONTH)] == [
        "Công ty An Phát",  # every row is a chi bộ: the narrow column drops the word
        "Cơ sở",
        "Phạm Văn Dũng",
    ]
    assert cell(page, 0, 0, Qt.ItemDataRole.ToolTipRole) == "Chi bộ Công ty An Phát"
    assert cell(page, 1, 0) == "Chi bộ ghép Bình Minh"
    assert cell(page, 0, 1, Qt.ItemDataRole.ToolTipRole) == "Chi bộ cơ sở"
    months = [cell(page, 0, FIRST_MONTH + m, STATE_ROLE) for m in range(12)]
    # Qt hands StrEnum values back as plain str, which compare equal to the members.
    assert months[3] == MonthState.MET_WITH_ISSUES
    assert months[10:] == [MonthState.IN_PROGRESS, MonthState.FUTURE]
    april = FIRST_MONTH + 3
    assert cell(page, 0, april) == "!"
    assert cell(page, 0, april, Qt.ItemDataRole.BackgroundRole).color().name() == (
        "#" + MONTH_STYLES[MonthState.MET_WITH_ISSUES].fill.lower()
    )
    assert cell(page, 0, april, Qt.ItemDataRole.ToolTipRole) == (
        "Chi bộ Công ty An Phát\nTháng 4/2026: Có vấn đề\n• Thời lượng ít hơn quy định"
    )
    assert cell(page, 1, FIRST_MONTH + 2) == "✗"  # Bình Minh, March
    assert [cell(page, 0, FIRST_QUARTER + q) for q in range(4)] == [
        "CĐ ✓ · CB ✓",
        "CĐ ✓ · CB ✗",
        "CĐ ✓ · CB ✓",
        "CĐ ○ · CB ○",
    ]
    assert "Cán bộ phụ trách dự sinh hoạt: chưa có" in cell(
        page, 0, FIRST_QUARTER + 1, Qt.ItemDataRole.ToolTipRole
    )
    assert page.summary.text() == (
        "2 chi bộ: 0 đạt đủ, 1 thiếu buổi sinh hoạt, 1 có vấn đề khác · 16 thiếu sót"
    )


def test_the_gaps_list_names_each_problem(page: CompliancePage) -> None:
    gaps = page.gaps_model
    assert gaps.rowCount() == 16
    first = [gaps.index(0, c).data() for c in range(3)]
    assert first == ["Chi bộ Công ty An Phát", "Tháng 4/2026", "Thời lượng ít hơn quy định"]
    assert page.gaps_title.text().startswith("<b>Danh sách thiếu sót (16)</b>")


def test_filters_by_kind_and_cadre(qtbot, page: CompliancePage, office: SampleOffice) -> None:
    kinds = [page.kind.itemText(i) for i in range(page.kind.count())]
    assert kinds == ["Tất cả chi bộ", "Chi bộ cơ sở", "Chi bộ trực thuộc", "Chi bộ ghép"]
    recompute(qtbot, page, lambda: page.kind.setCurrentIndex(3))
    assert [r.name for r in page.rows] == ["Chi bộ ghép Bình Minh"]
    recompute(qtbot, page, lambda: page.kind.setCurrentIndex(0))

    recompute(qtbot, page, lambda: page.cadre.setCurrentIndex(page.cadre.findData(office.cadre)))
    assert page.cadre.currentText() == "Phạm Văn Dũng"
    assert [r.name for r in page.rows] == ["Chi bộ Công ty An Phát"]
    assert page.summary.text().startswith("1 chi bộ: 0 đạt đủ, 0 thiếu buổi sinh hoạt, 1 có")

    recompute(qtbot, page, lambda: page.year.setValue(2019))
    assert page.summary.text() == "Không có chi bộ nào phù hợp với bộ lọc."
    assert page.gaps_title.text() == "<b>Không có thiếu sót.</b>"


def test_the_quarter_duties_can_be_switched_off(
    qtbot, page: CompliancePage, services: AppServices
) -> None:
    recompute(qtbot, page, lambda: page.cadre_check.setChecked(False))

    settings = services.meetings.compliance_settings()
    assert settings.thematic_each_quarter and not settings.cadre_each_quarter
    assert cell(page, 0, FIRST_QUARTER + 1) == "CĐ ✓"
    assert all("Cán bộ phụ trách" not in g.problem for r in page.rows for g in r.gaps)

    recompute(qtbot, page, lambda: page.thematic_check.setChecked(False))
    assert cell(page, 1, FIRST_QUARTER) == ""
    assert page.gaps_model.rowCount() == 12  # the monthly gaps only


def test_activating_a_gap_or_a_cell_asks_for_that_chi_bos_meetings(
    qtbot, page: CompliancePage, office: SampleOffice
) -> None:
    last_gap = page.gaps_model.index(page.gaps_model.rowCount() - 1, 2)
    with qtbot.waitSignal(page.organisation_requested) as signal:
        page.gaps.activated.emit(last_gap)
    assert signal.args == [office.binh_minh, 2026]

    with qtbot.waitSignal(page.organisation_requested) as signal:
        page.matrix.activated.emit(page.matrix_model.index(0, FIRST_MONTH + 4))
    assert signal.args == [office.an_phat, 2026]


def test_export_writes_the_workbook_of_what_is_shown(
    qtbot, page: CompliancePage, office: SampleOffice, monkeypatch, tmp_path: Path
) -> None:
    chosen = tmp_path / "tuan-thu.xlsx"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_args: chosen)
    monkeypatch.setattr(messages, "show_info", lambda _p, title, text: shown.append((title, text)))
    recompute(qtbot, page, lambda: page.kind.setCurrentIndex(1))

    page.export_button.click()
    qtbot.waitUntil(lambda: bool(shown))

    assert shown == [("Xuất bảng tuân thủ ra Excel", f"Đã lưu bảng tuân thủ vào tệp:\n{chosen}")]
    book = load_workbook(chosen)
    sheet = book[matrix_sheet_title(2026)]
    assert sheet["B5"].value == "Chi bộ Công ty An Phát"
    assert sheet["B6"].value is None  # the chi bộ ghép is filtered out, as on screen
    assert book[GAPS_SHEET]["B5"].value == "Chi bộ Công ty An Phát"


def test_the_main_window_links_compliance_to_the_meetings(
    qtbot, services: AppServices, office: SampleOffice, tmp_path: Path
) -> None:
    window = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    entries = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert entries[0] == "Tổng quan" and entries[4:6] == ["Sinh hoạt chi bộ", "Tuân thủ"]
    assert all(not window.nav.item(row).icon().isNull() for row in range(window.nav.count()))
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Xem")
    shortcuts = {a.text(): a.shortcut().toString() for a in view_menu.actions()}
    assert shortcuts["Sinh hoạt chi bộ"] == "Ctrl+4"
    assert shortcuts["Tuân thủ"] == "Ctrl+5"
    assert shortcuts["Đánh giá, xếp loại"] == "Ctrl+7"
    assert shortcuts["Cần chú ý"] == "Ctrl+0"
    assert shortcuts["Cài đặt"] == "Ctrl+,"
    assert shortcuts["Tổng quan"] == "Alt+Home"

    with qtbot.waitSignal(window.compliance.computed, timeout=5000):
        window.nav.setCurrentRow(window.pages.indexOf(window.compliance))
    window.compliance.organisation_requested.emit(office.binh_minh, 2026)

    assert window.pages.currentWidget() is window.meetings
    assert window.nav.currentRow() == window.pages.indexOf(window.meetings)
    assert window.meetings.cell_filter.currentData() == office.binh_minh
    assert window.meetings.model.total == 2

    # A change on the meetings page is seen when the matrix is shown again.
    services.meetings.delete(office.draft_meeting)
    window.meetings.after_change()
    with qtbot.waitSignal(window.compliance.computed, timeout=5000):
        window.nav.setCurrentRow(window.pages.indexOf(window.compliance))
    may = window.compliance.matrix_model.index(0, FIRST_MONTH + 4).data(STATE_ROLE)
    assert may == MonthState.MISSING
    # The start-up warnings run in the background; let them finish while the file is open.
    qtbot.waitUntil(lambda: not default_runner().is_busy)
