"""The "Sinh hoạt chi bộ" page driven as a clerk would: find meetings, start one, delete a
draft, and print a biên bản, a minute book and the blank template through the preview.

The meeting editor and the document writers belong to other modules; here they are replaced
by fakes that record how the page calls them (the writers produce a real PDF).
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QStyleOptionViewItem

from partydesk.domain.meeting import MeetingState
from partydesk.domain.rows import ListQuery, MeetingRow
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.dialogs.minute_book_dialog import MinuteBookDialog
from partydesk.ui.pages.meetings import DURATION_COLUMN, MeetingsPage, StartMeetingDialog
from tests.reports.test_compliance_xlsx import SampleOffice, record_meetings
from tests.ui.keyboard import type_text
from tests.ui.test_pdf_preview import write_pdf


@pytest.fixture
def office(services: AppServices) -> SampleOffice:
    return record_meetings(services)


@pytest.fixture
def boxes(monkeypatch) -> list[tuple[str, str]]:
    """Every message box the page tried to show; questions are answered "Có"."""
    shown: list[tuple[str, str]] = []

    def notice(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> None:
        shown.append((title, text))

    def ask(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> bool:
        shown.append((title, text))
        return True

    for name in ("show_info", "show_warning", "show_error"):
        monkeypatch.setattr(messages, name, notice)
    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return shown


@pytest.fixture
def editor_calls(monkeypatch) -> list[dict[str, Any]]:
    """Replace the meeting editor; it records its arguments and saves nothing."""
    calls: list[dict[str, Any]] = []

    def open_meeting_editor(services: AppServices, parent: Any, **kwargs: Any) -> int | None:
        calls.append(kwargs)
        return kwargs.get("meeting_id")

    module = types.ModuleType("partydesk.ui.dialogs.meeting_dialog")
    module.open_meeting_editor = open_meeting_editor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "partydesk.ui.dialogs.meeting_dialog", module)
    return calls


@pytest.fixture
def page(qtbot, services: AppServices, office: SampleOffice) -> MeetingsPage:
    widget = MeetingsPage(services)
    qtbot.addWidget(widget)
    widget.resize(1070, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fake_writer(calls: list[tuple[Any, ...]], pages: int = 2) -> Callable[..., int]:
    """A document writer with the services' calling convention that writes a real PDF."""

    def write(*args: Any, progress: Any, cancel: threading.Event, **kwargs: Any) -> int:
        calls.append((*args, kwargs))
        target = Path(args[-1])
        if target.suffix == ".pdf":
            write_pdf(target, pages)
        else:
            target.write_bytes(b"PK fake docx")
        return pages

    return write


def rows_of(page: MeetingsPage) -> list[MeetingRow]:
    return [page.model.row_at(r) for r in range(page.model.rowCount())]


def select(page: MeetingsPage, meeting_id: int) -> MeetingRow:
    assert page.select_id(meeting_id)
    return page.current_row()


def in_dialog(qtbot, kind: type[QDialog], act: Callable[[Any], None]) -> list[QDialog]:
    """Run ``act`` on the next modal dialog of type ``kind`` once it is open."""
    seen: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, poll)
    return seen


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_the_latest_meetings_first_with_their_facts(
    page: MeetingsPage, office: SampleOffice
) -> None:
    rows = rows_of(page)
    assert page.count_label.text() == "12 buổi sinh hoạt"
    assert [r.on for r in rows][:3] == [date(2026, 10, 10), date(2026, 9, 10), date(2026, 8, 10)]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == [
        "Ngày",
        "Tổ chức đảng",
        "Loại",
        "Tháng",
        "Thời lượng (phút)",
        "Có mặt/Tổng",
        "Chủ trì",
        "Trạng thái",
    ]

    def shown(meeting_id: int) -> list[str]:
        row = page.model.row_of_id(meeting_id)
        return [page.model.index(row, c).data() for c in range(8)]

    assert shown(office.short_meeting) == [
        "10/04/2026",
        "Chi bộ Công ty An Phát",
        "Thường kỳ",
        "4/2026",
        "60 (dưới 90)",
        "3/3",
        "Nguyễn Văn An",
        "Đã khóa",
    ]
    assert shown(office.draft_meeting)[4:] == ["150", "3/3", "Nguyễn Văn An", "Đang soạn"]
    assert shown(office.corrected_meeting)[7] == "Đã khóa · 1 đính chính"


def test_a_short_meeting_is_highlighted(page: MeetingsPage, office: SampleOffice) -> None:
    delegate = page.table.itemDelegateForColumn(DURATION_COLUMN)

    def option_for(meeting_id: int) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        index = page.proxy.index(page.model.row_of_id(meeting_id), DURATION_COLUMN)
        delegate.initStyleOption(option, index)
        return option

    short = option_for(office.short_meeting)
    assert short.backgroundBrush.color().name() == "#ffe0b2"
    assert short.font.bold()
    assert not option_for(office.draft_meeting).font.bold()


def test_filters_by_chi_bo_year_and_typed_name(
    qtbot, page: MeetingsPage, office: SampleOffice
) -> None:
    cells = [page.cell_filter.itemText(i) for i in range(page.cell_filter.count())]
    assert cells == ["Tất cả chi bộ", "Chi bộ Công ty An Phát", "Chi bộ ghép Bình Minh"]
    years = [page.year_filter.itemText(i) for i in range(page.year_filter.count())]
    assert years == ["Tất cả các năm", "2026"]

    page.cell_filter.setCurrentIndex(page.cell_filter.findData(office.binh_minh))
    assert {r.organisation_name for r in rows_of(page)} == {"Chi bộ ghép Bình Minh"}
    assert page.count_label.text() == "2 buổi sinh hoạt"
    page.cell_filter.setCurrentIndex(0)

    type_text(page.search_box, "an phat")
    page.search_box.flush()
    assert {r.organisation_name for r in rows_of(page)} == {"Chi bộ Công ty An Phát"}
    page.search_box.clear()
    page.search_box.flush()

    page.year_filter.setCurrentIndex(page.year_filter.findData(2026))
    assert page.model.total == 12


def test_show_organisation_filters_to_that_chi_bo_and_year(
    page: MeetingsPage, office: SampleOffice
) -> None:
    page.show_organisation(office.an_phat, 2025)
    assert page.cell_filter.currentData() == office.an_phat
    assert page.year_filter.currentText() == "2025"  # offered although nothing is recorded
    assert page.model.total == 0

    page.show_organisation(office.an_phat, 2026)
    assert page.model.total == 10
    assert page.current_row().organisation_id == office.an_phat


# --- opening, starting, deleting ---------------------------------------------------------------


def test_enter_opens_the_meeting_in_the_editor(
    page: MeetingsPage, office: SampleOffice, editor_calls: list[dict[str, Any]]
) -> None:
    select(page, office.draft_meeting)
    page.table.activated.emit(page.table.currentIndex())
    assert editor_calls == [{"meeting_id": office.draft_meeting}]
    page.edit_button.click()
    assert len(editor_calls) == 2


def test_a_new_meeting_starts_from_a_chi_bo_and_a_day(
    qtbot,
    page: MeetingsPage,
    services: AppServices,
    office: SampleOffice,
    editor_calls: list[dict[str, Any]],
) -> None:
    page.cell_filter.setCurrentIndex(page.cell_filter.findData(office.binh_minh))

    def fill(dialog: StartMeetingDialog) -> None:
        assert dialog.windowTitle() == "Thêm buổi sinh hoạt"
        assert dialog.cell.currentText() == "Chi bộ ghép Bình Minh"  # the filtered chi bộ
        assert dialog.date is not None and dialog.date.date() == date(2026, 11, 21)
        dialog.date.clear()
        dialog.ok_button.click()  # refused: no date
        assert dialog.isVisible()
        assert dialog.error.text() == "Ngày họp: chưa nhập ngày."
        type_text(dialog.date.line_edit, "18/11/2026")
        dialog.ok_button.click()

    seen = in_dialog(qtbot, StartMeetingDialog, fill)
    page.add_button.click()

    assert seen
    assert editor_calls == [
        {"organisation_id": office.binh_minh, "on": date(2026, 11, 18), "copy_previous": False}
    ]


def test_copying_last_month_needs_an_earlier_meeting(
    qtbot,
    page: MeetingsPage,
    office: SampleOffice,
    editor_calls: list[dict[str, Any]],
    boxes: list[tuple[str, str]],
) -> None:
    def choose(day: str, cell: str) -> Callable[[StartMeetingDialog], None]:
        def fill(dialog: StartMeetingDialog) -> None:
            dialog.cell.setCurrentIndex(dialog.cell.findText(cell))
            dialog.date.clear()
            type_text(dialog.date.line_edit, day)
            dialog.ok_button.click()

        return fill

    in_dialog(qtbot, StartMeetingDialog, choose("01/01/2026", "Chi bộ ghép Bình Minh"))
    page.copy_button.click()
    assert editor_calls == []
    assert boxes == [
        (
            "Sao chép cấu trúc buổi trước",
            "Chi bộ ghép Bình Minh chưa có buổi sinh hoạt nào trước ngày 01/01/2026 để sao chép.",
        )
    ]

    in_dialog(qtbot, StartMeetingDialog, choose("10/11/2026", "Chi bộ Công ty An Phát"))
    page.copy_button.click()
    assert editor_calls == [
        {"organisation_id": office.an_phat, "on": date(2026, 11, 10), "copy_previous": True}
    ]


def test_only_drafts_can_be_deleted_after_confirmation(
    page: MeetingsPage,
    services: AppServices,
    office: SampleOffice,
    boxes: list[tuple[str, str]],
) -> None:
    select(page, office.short_meeting)
    assert not page.delete_button.isEnabled()

    select(page, office.draft_meeting)
    assert page.delete_button.isEnabled()
    page.delete_button.click()

    assert boxes == [
        (
            "Xóa bản nháp",
            "Xóa bản nháp biên bản ngày 10/05/2026 của Chi bộ Công ty An Phát?"
            "\n\nThao tác này không hoàn tác được.",
        )
    ]
    assert page.model.row_of_id(office.draft_meeting) is None
    assert services.meetings.count(ListQuery()) == 11
    assert page.count_label.text() == "11 buổi sinh hoạt"


def test_a_locked_meeting_is_not_deleted_by_the_delete_key_either(
    page: MeetingsPage, services: AppServices, office: SampleOffice, boxes
) -> None:
    select(page, office.short_meeting)
    page.delete_current_draft()
    assert boxes[0][0] == "Xóa bản nháp" and "đã thông qua và khóa" in boxes[0][1]
    assert services.meetings.meeting(office.short_meeting).state is MeetingState.APPROVED


# --- documents ----------------------------------------------------------------------------------


def test_view_and_print_writes_the_minutes_then_opens_the_preview(
    qtbot, page: MeetingsPage, services: AppServices, office: SampleOffice, monkeypatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(services.documents, "write_minutes", fake_writer(calls), raising=False)
    select(page, office.short_meeting)

    page.preview_button.click()
    qtbot.waitUntil(lambda: page.last_preview is not None)

    preview = page.last_preview
    meeting_id, target, kwargs = calls[0]
    assert meeting_id == office.short_meeting and kwargs == {}
    assert target.suffix == ".pdf" and target.parent.name.startswith("partydesk-preview-")
    assert preview.page_count == 2
    assert preview.windowTitle() == (
        "Xem trước – Biên bản ngày 10/04/2026 – Chi bộ Công ty An Phát"
    )
    preview.close_button.click()
    assert not target.parent.exists()  # the temporary file goes with the preview


def test_a_failed_document_is_reported_and_leaves_no_temporary_file(
    qtbot, page: MeetingsPage, services: AppServices, office: SampleOffice, monkeypatch, boxes
) -> None:
    targets: list[Path] = []

    def broken(meeting_id: int, target: Path, *, progress: Any, cancel: Any) -> int:
        targets.append(target)
        target.write_bytes(b"half")
        raise OSError("Ổ đĩa đầy")

    monkeypatch.setattr(services.documents, "write_minutes", broken, raising=False)
    select(page, office.short_meeting)
    page.preview_button.click()
    qtbot.waitUntil(lambda: bool(boxes))

    assert boxes[0][0] == "Xem và in biên bản"
    assert "Ổ đĩa đầy" in boxes[0][1]
    assert page.last_preview is None
    assert not targets[0].parent.exists()


def test_export_docx_saves_where_the_clerk_chose(
    qtbot,
    page: MeetingsPage,
    services: AppServices,
    office: SampleOffice,
    monkeypatch,
    tmp_path: Path,
    boxes,
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(services.documents, "write_minutes", fake_writer(calls), raising=False)
    chosen = tmp_path / "bien-ban.docx"
    asked: list[tuple[str, str]] = []

    def ask(_parent: Any, title: str, suggested: str, _filter: str) -> Path:
        asked.append((title, suggested))
        return chosen

    monkeypatch.setattr(pdf_preview, "ask_save_path", ask)
    select(page, office.corrected_meeting)
    page.docx_button.click()
    qtbot.waitUntil(lambda: bool(boxes))

    assert asked == [("Xuất biên bản ra DOCX", "Biên bản Chi bộ Công ty An Phát 2026-01-10.docx")]
    assert calls == [(office.corrected_meeting, chosen, {})]
    assert chosen.read_bytes() == b"PK fake docx"
    assert boxes == [("Xuất biên bản ra DOCX", f"Đã lưu biên bản vào tệp:\n{chosen}")]


def test_the_minute_book_of_a_year_opens_in_the_preview(
    qtbot, page: MeetingsPage, services: AppServices, office: SampleOffice, monkeypatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        services.documents, "write_minute_book", fake_writer(calls, pages=5), raising=False
    )
    select(page, office.short_meeting)

    def fill(dialog: MinuteBookDialog) -> None:
        assert dialog.cell.currentText() == "Chi bộ Công ty An Phát"  # the selected meeting's
        assert dialog.whole_year.isChecked() and dialog.year.value() == 2026
        dialog.volume.setValue(2)
        dialog.ok_button.click()

    in_dialog(qtbot, MinuteBookDialog, fill)
    page.book_button.click()
    qtbot.waitUntil(lambda: page.last_preview is not None)

    organisation_id, first, last, target, kwargs = calls[0]
    assert (organisation_id, first, last) == (office.an_phat, date(2026, 1, 1), date(2026, 12, 31))
    assert kwargs == {"volume": 2}
    assert page.last_preview.page_count == 5
    assert "quyển 2 (01/01/2026 – 31/12/2026)" in page.last_preview.windowTitle()
    page.last_preview.close()


def test_the_minute_book_dialog_checks_the_date_range(qtbot, office: SampleOffice) -> None:
    dialog = MinuteBookDialog([(office.an_phat, "Chi bộ Công ty An Phát")], 2026)
    qtbot.addWidget(dialog)
    dialog.first.clear()
    type_text(dialog.first.line_edit, "01/07/2026")
    assert dialog.date_range.isChecked()  # typing a date chooses the range
    dialog.last.clear()
    type_text(dialog.last.line_edit, "30/06/2026")
    dialog.ok_button.click()
    assert dialog.choice is None
    assert dialog.error.text() == "Đến ngày: phải từ ngày 01/07/2026 trở về sau."

    dialog.last.clear()
    type_text(dialog.last.line_edit, "31/12/2026")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice is not None
    assert (dialog.choice.first, dialog.choice.last, dialog.choice.volume) == (
        date(2026, 7, 1),
        date(2026, 12, 31),
        1,
    )


def test_the_blank_template_is_for_the_chosen_chi_bo(
    qtbot, page: MeetingsPage, services: AppServices, office: SampleOffice, monkeypatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        services.documents, "write_blank_minutes", fake_writer(calls, pages=3), raising=False
    )

    def fill(dialog: StartMeetingDialog) -> None:
        assert dialog.date is None  # a template has no date
        dialog.cell.setCurrentIndex(dialog.cell.findData(office.binh_minh))
        dialog.ok_button.click()

    in_dialog(qtbot, StartMeetingDialog, fill)
    page.blank_button.click()
    qtbot.waitUntil(lambda: page.last_preview is not None)

    assert calls[0][0] == office.binh_minh
    assert (
        page.last_preview.windowTitle() == "Xem trước – Mẫu biên bản trắng – Chi bộ ghép Bình Minh"
    )
    assert page.last_preview.page_count == 3
    page.last_preview.close()


def test_without_any_chi_bo_the_clerk_is_told_where_to_add_one(
    qtbot, services: AppServices, boxes
) -> None:
    page = MeetingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.add_button.click()
    assert boxes == [
        ("Sinh hoạt chi bộ", "Chưa có chi bộ nào. Thêm chi bộ ở trang “Tổ chức đảng” trước.")
    ]
