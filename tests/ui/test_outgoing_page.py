"""The "Văn bản đi" page: filters and search, cancelling a number with its reason, opening the
document behind a line, the Excel export; and the office terms box of the settings page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.outgoing import NumberRequest, OfficeTerm, SourceRef
from partydesk.reports.outgoing_xlsx import HEADER_ROW
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.outgoing.register_model import STATE_COLUMN
from partydesk.ui.pages.outgoing import OutgoingPage
from partydesk.ui.settings.office_terms_box import OfficeTermsBox
from tests.common import WARD_OFFICE
from tests.ui.keyboard import type_text


@pytest.fixture
def office(services: AppServices) -> AppServices:
    services.office.save(WARD_OFFICE)
    outgoing = services.outgoing
    ward = outgoing.office_issuer()
    cell_id = services.register.save_organisation(
        Organisation(name="Chi bộ Công ty An Phát", kind=OrgKind.CELL_BASE)
    )
    cell = outgoing.organisation_issuer(cell_id)
    for issuer, kind, on, summary, source in (
        (ward, "GM", date(2025, 12, 5), "Mời dự hội nghị tổng kết năm 2025", "meeting:1:GM"),
        (ward, "GM", date(2026, 6, 20), "Mời dự giao ban 6 tháng đầu năm", "briefing:1:GM"),
        (ward, "TB", date(2026, 7, 2), "Kết luận hội nghị giao ban", "briefing:1:TB"),
        (cell, "BC", date(2026, 6, 25), "Báo cáo 6 tháng đầu năm", "tay:1"),
    ):
        outgoing.take_number(NumberRequest(issuer, kind, on, summary, source, "Nguyễn Văn Hùng"))
    return services


@pytest.fixture
def page(qtbot, office: AppServices) -> OutgoingPage:
    widget = OutgoingPage(office)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    with qtbot.waitSignal(widget.refreshed, timeout=2000):
        widget.show()
    return widget


def numbers(page: OutgoingPage) -> list[str]:
    return [d.number_symbol for d in page.model.documents]


def select(page: OutgoingPage, number: str) -> None:
    page.table.selectRow(numbers(page).index(number))


def test_filters_and_search(qtbot, page: OutgoingPage) -> None:
    assert page.year.currentData() == 2026  # this year by default, newest line first
    assert numbers(page) == ["01-TB/ĐU", "01-BC/CB", "02-GM/ĐU"]
    page.year.setCurrentIndex(page.year.findData(2025))
    assert numbers(page) == ["01-GM/ĐU"]
    page.year.setCurrentIndex(0)  # every year
    page.issuer.setCurrentIndex(page.issuer.findText("Chi bộ Công ty An Phát"))
    assert numbers(page) == ["01-BC/CB"]
    page.issuer.setCurrentIndex(0)
    page.kind.setCurrentIndex(page.kind.findData("GM"))
    assert numbers(page) == ["02-GM/ĐU", "01-GM/ĐU"]
    page.kind.setCurrentIndex(0)
    page.search.setFocus()
    type_text(page.search, "giao ban")
    page.search.flush()
    assert numbers(page) == ["01-TB/ĐU", "02-GM/ĐU"]
    assert page.count_label.text() == "2 văn bản"


def test_cancel_a_number_with_its_reason(qtbot, page: OutgoingPage, office: AppServices) -> None:
    assert not page.cancel_button.isEnabled()
    select(page, "02-GM/ĐU")
    assert page.cancel_button.isEnabled()
    page.cancel_button.click()
    dialog = page.cancel_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.ok_button.click()  # no reason yet
    assert dialog.isVisible()
    assert dialog.reason_error.error() == "Lý do hủy: chưa nhập (bắt buộc khi hủy số)."
    dialog.reason_edit.setFocus()
    type_text(dialog.reason_edit, "In nhầm ngày họp")
    with qtbot.waitSignal(page.refreshed, timeout=2000):
        dialog.ok_button.click()
    assert not dialog.isVisible()

    row = numbers(page).index("02-GM/ĐU")  # the line stays, greyed, struck, with its reason
    index = page.model.index(row, 0)
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Đã hủy ngày 21/11/2026 — In nhầm ngày họp"
    assert page.model.index(row, STATE_COLUMN).data() == "Đã hủy"
    assert not page.cancel_button.isEnabled() and not page.open_button.isEnabled()
    assert page.count_label.text() == "3 văn bản, trong đó 1 số đã hủy"
    page.show_cancelled.setChecked(False)
    assert numbers(page) == ["01-TB/ĐU", "01-BC/CB"]
    # Printing the document again takes a new number; the cancelled one is not reused.
    issuer = office.outgoing.office_issuer()
    again = office.outgoing.take_number(
        NumberRequest(issuer, "GM", date(2026, 6, 21), "Mời dự giao ban", "briefing:1:GM")
    )
    assert again.number_symbol == "03-GM/ĐU"


def test_open_the_document_behind_a_line(qtbot, page: OutgoingPage) -> None:
    select(page, "01-BC/CB")  # typed in by hand: nothing to open
    assert not page.open_button.isEnabled()
    select(page, "01-TB/ĐU")
    with qtbot.waitSignal(page.open_source_requested, timeout=1000) as signal:
        page.open_button.click()
    assert signal.args == [SourceRef("briefing", 1, "TB")]


def test_export_writes_the_lines_shown(
    qtbot, page: OutgoingPage, monkeypatch, tmp_path: Path
) -> None:
    chosen = tmp_path / "so-van-ban-di.xlsx"
    shown: list[str] = []
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_args: chosen)
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))
    page.kind.setCurrentIndex(page.kind.findData("GM"))
    page.export_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [f"Đã lưu 1 dòng của sổ văn bản đi vào tệp:\n{chosen}"]
    sheet = load_workbook(chosen).active
    assert sheet.cell(HEADER_ROW + 1, 2).value == "02-GM/ĐU"
    assert sheet.cell(HEADER_ROW + 2, 2).value is None


def test_mark_stale_reloads_new_lines_and_issuers(page: OutgoingPage, office: AppServices) -> None:
    issuer = office.outgoing.office_issuer()
    office.outgoing.take_number(NumberRequest(issuer, "KH", date(2026, 8, 1), "Kế hoạch", "k"))
    assert "01-KH/ĐU" not in numbers(page)
    page.mark_stale()
    assert numbers(page)[0] == "01-KH/ĐU"


def test_office_terms_box_adds_edits_and_refuses_deleting_a_used_term(
    qtbot, office: AppServices, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_args, **_kwargs: True)
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text, *_a: errors.append(text))
    box = OfficeTermsBox(office.outgoing)
    qtbot.addWidget(box)
    box.show()
    assert box.table.rowCount() == 0 and not box.edit_button.isEnabled()

    box.add_button.click()
    dialog = box.dialog
    dialog.ok_button.click()
    assert dialog.error_of("starts_on") == "Ngày bắt đầu: chưa nhập."
    dialog.starts_on.set_date(date(2025, 10, 15))
    dialog.ok_button.click()
    assert dialog.error_of("label") and dialog.isVisible()
    dialog.label_edit.setFocus()
    type_text(dialog.label_edit, "Nhiệm kỳ 2025–2030")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert [box.table.item(0, c).text() for c in (0, 1)] == ["Nhiệm kỳ 2025–2030", "15/10/2025"]
    box.table.selectRow(0)
    box.edit_button.click()
    assert box.dialog.label_edit.text() == "Nhiệm kỳ 2025–2030"
    box.dialog.starts_on.set_date(date(2025, 10, 16))
    box.dialog.ok_button.click()
    assert box.table.item(0, 1).text() == "16/10/2025"

    # A number taken in the term ties it to the register: it can no longer be deleted.
    issuer = office.outgoing.office_issuer()
    office.outgoing.take_number(NumberRequest(issuer, "NQ", date(2026, 1, 2), "Nghị quyết", "n"))
    box.table.selectRow(0)
    box.delete_button.click()
    assert errors and "đã có 1 văn bản được cấp số" in errors[0]
    assert office.outgoing.office_terms()[0].label == "Nhiệm kỳ 2025–2030"

    office.outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2030–2035", date(2030, 10, 1)))
    box.reload()
    box.table.selectRow(0)
    box.delete_button.click()
    assert [t.label for t in office.outgoing.office_terms()] == ["Nhiệm kỳ 2025–2030"]
    assert box.table.rowCount() == 1
