"""The import wizard driven as a clerk would: real CSV and XLSX files, the real import engine."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from partydesk.domain.accounts import Actor, Role
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.importing import ImportKind, RowProblem
from partydesk.domain.member import Member
from partydesk.domain.organisation import Organisation, OrgEnterpriseLink, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices
from partydesk.services.importing.service import ImportService
from partydesk.services.progress import check_cancel
from partydesk.ui import messages
from partydesk.ui.importing import ImportDialog, file_dialogs, open_import
from partydesk.ui.importing.problems_table import (
    COLUMN,
    REASON,
    ROW,
    VALUE,
    ProblemsModel,
    problems_view,
)
from partydesk.ui.importing.wizard import CHECK_STEP, FILE_STEP, MAPPING_STEP
from tests.common import TODAY

ORGANISATION = "Chi bộ Công ty Cổ phần Minh Phát"
MEMBER_HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Tổ chức đảng",
]


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def organisation_id(services: AppServices) -> int:
    enterprise_id = services.register.save_enterprise(
        Enterprise(name="Công ty Cổ phần Minh Phát", type=EnterpriseType.PRIVATE)
    )
    return services.register.save_organisation(
        Organisation(
            name=ORGANISATION,
            kind=OrgKind.CELL_BASE,
            enterprises=(OrgEnterpriseLink(enterprise_id, is_primary=True),),
        )
    )


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def importer(services: AppServices, data_paths: DataPaths, organisation_id: int) -> ImportService:
    return ImportService(services.store, data_paths, lambda: TODAY)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@dataclass
class Clerk:
    """Answers the file dialogs and message boxes, and remembers what was shown."""

    open_paths: list[Path] = field(default_factory=list)
    save_paths: list[Path] = field(default_factory=list)
    opened_folders: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True


@pytest.fixture
def clerk(monkeypatch) -> Clerk:
    clerk = Clerk()

    def ask_open_path(_parent, _title, _folder):
        return clerk.open_paths.pop(0)

    def ask_save_path(_parent, _title, _folder, _name):
        return clerk.save_paths.pop(0)

    def open_folder(folder: Path) -> bool:
        clerk.opened_folders.append(folder)
        return True

    def ask_yes_no(_parent, _title, text, default_no=True):
        clerk.questions.append(text)
        return clerk.answer

    monkeypatch.setattr(file_dialogs, "ask_open_path", ask_open_path)
    monkeypatch.setattr(file_dialogs, "ask_save_path", ask_save_path)
    monkeypatch.setattr(file_dialogs, "open_folder", open_folder)
    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(
        messages, "show_error", lambda _p, _t, text, **_k: clerk.errors.append(text)
    )
    monkeypatch.setattr(messages, "show_warning", lambda _p, _t, text: clerk.errors.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: clerk.infos.append(text))
    return clerk


@pytest.fixture
def dialog(qtbot, services, importer, settings) -> Iterator[ImportDialog]:
    widget = ImportDialog(None, services, importer, ImportKind.MEMBERS, settings)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


# --- files ---------------------------------------------------------------------------------


def member_row(name: str, birth: str, gender: str, cccd: str, org: str = ORGANISATION) -> list:
    return [name, birth, gender, cccd, "10/05/2010", "10/05/2011", org]


def write_csv(path: Path, headers: list[str], rows: list[list]) -> Path:
    lines = [",".join(headers)] + [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_with_errors(folder: Path) -> Path:
    """Ten members; row 3 has an impossible date, row 11 an organisation not in the register."""
    rows = [
        member_row(f"Nguyễn Văn Số {i}", f"{i:02d}/03/1985", "Nam", f"0010850123{i:02d}")
        for i in range(1, 11)
    ]
    rows[1][1] = "31/02/1980"
    rows[9][6] = "Chi bộ Không Có"
    return write_csv(folder / "danh-sach-loi.csv", MEMBER_HEADERS, rows)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def windows_1258(text: str) -> bytes:
    """Text as Vietnamese Windows saves it: letters like "ệ" as "ê" + a combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in parts if mark in TONE_MARKS)
            base = unicodedata.normalize("NFC", parts.replace(tone, ""))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def clean_xlsx(folder: Path, first_header: str = "Họ và tên") -> Path:
    rows = [
        [
            "Nguyễn Văn An",
            date(1985, 3, 15),
            "Nam",
            "001085012345",
            date(2010, 5, 10),
            date(2011, 5, 10),
            ORGANISATION,
        ],
        [
            "Trần Thị Bình",
            date(1990, 7, 2),
            "Nữ",
            "001190012346",
            date(2015, 1, 9),
            None,
            ORGANISATION,
        ],
    ]
    return write_xlsx(folder / "dang-vien.xlsx", [first_header, *MEMBER_HEADERS[1:]], rows)


# --- helpers -------------------------------------------------------------------------------


def wait_idle(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=15_000)
    # The progress dialog is deleted later; let it go before the next step.
    QApplication.processEvents()


def choose_file(qtbot, dialog: ImportDialog, clerk: Clerk, path: Path) -> None:
    clerk.open_paths.append(path)
    qtbot.mouseClick(dialog.file_page.choose_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)


def press(qtbot, dialog: ImportDialog, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)


def problem_cells(dialog: ImportDialog) -> list[tuple[str, str, str, str]]:
    """The problems table as shown, in its current sort order."""
    model = dialog.check_page.table.model()
    return [
        tuple(model.index(row, column).data() for column in (ROW, COLUMN, VALUE, REASON))
        for row in range(model.rowCount())
    ]


def member_names(services: AppServices) -> list[str]:
    return sorted(row.full_name for row in services.register.member_rows(ListQuery(), 0, 100))


# --- the whole flow ------------------------------------------------------------------------


def test_file_with_errors_lists_each_problem_saves_the_report_and_blocks_the_import(
    qtbot, dialog, clerk, services, settings, tmp_path
):
    source = csv_with_errors(tmp_path)
    assert dialog.step == FILE_STEP
    assert not dialog.next_button.isEnabled()

    choose_file(qtbot, dialog, clerk, source)

    assert dialog.step == MAPPING_STEP
    assert settings.value(file_dialogs.FOLDER_KEY) == str(tmp_path)
    table = dialog.mapping_page.table
    assert table.rowCount() == len(MEMBER_HEADERS)
    assert table.item(0, 0).text() == "A. Họ và tên"
    assert table.item(0, 1).text() == "Nguyễn Văn Số 1 · Nguyễn Văn Số 2 · Nguyễn Văn Số 3"
    assert table.item(1, 1).text() == "01/03/1985 · 31/02/1980 · 03/03/1985"
    assert dialog.mapping_page.mapping()[0] == "full_name"
    assert dialog.mapping_page.mapping()[6] == "organisation"
    assert dialog.mapping_page.missing.isHidden()

    press(qtbot, dialog, dialog.next_button)  # "Kiểm tra"

    assert dialog.step == CHECK_STEP
    counts = {title: label.text() for title, label in dialog.check_page.counts.items()}
    assert counts["Số dòng hợp lệ"] == "8"
    assert counts["Số dòng có lỗi"] == "2"
    assert counts["Trùng nhau trong tệp"] == "0"
    assert counts["Trùng với dữ liệu đã có"] == "0"
    shown = problem_cells(dialog)
    # Sorted by row as a number: row 3 before row 11.
    assert [cells[:3] for cells in shown] == [
        ("3", "Ngày sinh", "31/02/1980"),
        ("11", "Tổ chức đảng", "Chi bộ Không Có"),
    ]
    assert "ngày không có thật" in shown[0][3]
    assert "không có tổ chức đảng" in shown[1][3]
    dialog.check_page.table.sortByColumn(COLUMN, Qt.SortOrder.DescendingOrder)
    assert [cells[1] for cells in problem_cells(dialog)] == ["Tổ chức đảng", "Ngày sinh"]

    assert not dialog.import_button.isEnabled()
    assert "Chưa nhập được" in dialog.check_page.summary.text()

    report = tmp_path / "bao-cao" / "loi.xlsx"
    report.parent.mkdir()
    clerk.save_paths.append(report)
    press(qtbot, dialog, dialog.check_page.save_report_button)

    assert clerk.errors == []
    book = openpyxl.load_workbook(report, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Dòng", "Cột", "Giá trị", "Lý do")
    assert {(row[0], row[1]) for row in rows[1:3]} == {(3, "Ngày sinh"), (11, "Tổ chức đảng")}
    assert clerk.opened_folders == [report.parent]  # "Mở thư mục chứa tệp?" → Có
    assert member_names(services) == []


def test_clean_xlsx_is_imported_after_confirmation_with_a_backup_first(
    qtbot, dialog, clerk, services, data_paths, tmp_path
):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    assert "Danh sách" in dialog.mapping_page.summary.text()
    press(qtbot, dialog, dialog.next_button)

    assert dialog.check_page.counts["Số dòng hợp lệ"].text() == "2"
    assert dialog.check_page.table.isHidden()
    assert dialog.import_button.isEnabled()
    assert "2 đảng viên" in dialog.import_button.text()
    assert "sao lưu" in dialog.check_page.summary.text()

    imported = []
    dialog.imported.connect(imported.append)
    press(qtbot, dialog, dialog.import_button)

    assert "Thêm 2 đảng viên từ tệp dang-vien.xlsx" in clerk.questions[0]
    assert clerk.errors == []
    assert member_names(services) == ["Nguyễn Văn An", "Trần Thị Bình"]
    cccds = {
        services.register.member(row.id).cccd
        for row in services.register.member_rows(ListQuery(), 0, 10)
    }
    assert cccds == {"001085012345", "001190012346"}  # leading zeros kept
    result = dialog.import_result
    assert result is not None and result.added == 2
    assert result.backup_path is not None and result.backup_path.exists()
    assert clerk.infos == [f"Đã nhập 2 đảng viên. Bản sao lưu trước khi nhập: {result.backup_path}"]
    assert imported == [result]
    assert dialog.check_page.result.isVisible()
    assert not dialog.import_button.isEnabled()  # the same rows cannot be added twice
    assert dialog.isVisible()


def test_a_mapping_chosen_by_hand_is_remembered_for_the_next_file(
    qtbot, dialog, clerk, services, importer, settings, tmp_path
):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path, first_header="Tên ĐV"))
    assert 0 not in dialog.mapping_page.mapping()
    assert "Họ và tên" in dialog.mapping_page.missing.text()
    assert dialog.mapping_page.missing.isVisible()

    dialog.mapping_page.table.choose(0, "full_name")
    assert dialog.mapping_page.missing.isHidden()
    press(qtbot, dialog, dialog.next_button)
    press(qtbot, dialog, dialog.import_button)
    assert len(member_names(services)) == 2

    again = ImportDialog(None, services, importer, ImportKind.MEMBERS, settings)
    qtbot.addWidget(again)
    again.show()
    other = tmp_path / "lan-sau"
    other.mkdir()
    choose_file(qtbot, again, clerk, clean_xlsx(other, first_header="Tên ĐV"))
    assert again.mapping_page.mapping()[0] == "full_name"


def test_a_column_chosen_twice_blocks_the_check_until_fixed(qtbot, dialog, clerk, tmp_path):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    page = dialog.mapping_page
    page.table.choose(4, "birth_date")  # "Ngày vào Đảng" sent to "Ngày sinh" as well

    assert not dialog.next_button.isEnabled()
    assert "Ngày sinh được chọn cho 2 cột" in page.missing.text()
    assert "B “Ngày sinh”, E “Ngày vào Đảng”" in page.missing.text()

    page.table.choose(4, "admission_decision_date")
    assert dialog.next_button.isEnabled()
    assert page.missing.isHidden()


def test_a_renamed_picture_is_refused_in_the_dialog_and_another_file_can_be_chosen(
    qtbot, dialog, clerk, tmp_path
):
    picture = tmp_path / "danh-sach.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)

    choose_file(qtbot, dialog, clerk, picture)

    assert dialog.step == FILE_STEP
    status = dialog.file_page.status
    assert status.isVisible()
    assert "danh-sach.xlsx" in status.text()
    assert "Hãy chọn tệp khác" in status.text()
    assert clerk.errors == []  # said in the dialog, not in an error box
    assert not dialog.next_button.isEnabled()

    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    assert dialog.step == MAPPING_STEP


def test_template_is_written_where_the_clerk_chose_and_its_folder_offered(
    qtbot, dialog, clerk, importer, tmp_path
):
    target = tmp_path / "mau" / "mau-nhap.xlsx"
    target.parent.mkdir()
    clerk.save_paths.append(target)

    press(qtbot, dialog, dialog.file_page.template_button)

    book = openpyxl.load_workbook(target, read_only=True)
    headers = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
    assert "Họ và tên" in headers and "Tổ chức đảng" in headers
    assert "Hướng dẫn" in book.sheetnames
    assert "Đã lưu tệp mẫu" in clerk.questions[0]
    assert clerk.opened_folders == [target.parent]

    # The template, filled in by nobody, reads back with the columns already matched.
    choose_file(qtbot, dialog, clerk, target)
    assert dialog.mapping_page.missing.isHidden()
    assert set(dialog.mapping_page.mapping().values()) >= {"full_name", "organisation"}


def test_a_refusal_at_import_is_shown_and_the_clerks_work_stays(
    qtbot, dialog, clerk, services, tmp_path
):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    press(qtbot, dialog, dialog.next_button)
    services.store.actor = Actor(login="xem", display_name="Lê Thị Xem", role=Role.VIEWER)

    press(qtbot, dialog, dialog.import_button)

    assert len(clerk.errors) == 1
    assert "Lê Thị Xem" in clerk.errors[0]
    assert member_names(services) == []
    assert dialog.isVisible()
    assert dialog.step == CHECK_STEP
    assert dialog.preview is not None and dialog.preview.ok_count == 2
    assert dialog.import_button.isEnabled()  # may try again once allowed


def test_a_register_changed_since_the_check_sends_the_clerk_back_to_check_again(
    qtbot, dialog, clerk, services, organisation_id, tmp_path
):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    press(qtbot, dialog, dialog.next_button)
    services.register.save_member(
        Member(
            full_name="Nguyễn Văn An",
            birth_date=date(1985, 3, 15),
            organisation_id=organisation_id,
        )
    )

    press(qtbot, dialog, dialog.import_button)

    assert len(clerk.errors) == 1
    assert "đã thay đổi" in clerk.errors[0]
    assert member_names(services) == ["Nguyễn Văn An"]  # only the one added meanwhile
    assert dialog.step == MAPPING_STEP
    assert dialog.preview is None

    press(qtbot, dialog, dialog.next_button)  # check again: the duplicate is now listed
    assert dialog.check_page.counts["Trùng với dữ liệu đã có"].text() == "1"
    assert not dialog.import_button.isEnabled()


def test_declining_the_confirmation_imports_nothing(qtbot, dialog, clerk, services, tmp_path):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    press(qtbot, dialog, dialog.next_button)
    clerk.answer = False

    press(qtbot, dialog, dialog.import_button)

    assert len(clerk.questions) == 1
    assert member_names(services) == []
    assert dialog.import_result is None


def test_closing_during_the_import_cancels_it_and_keeps_the_dialog(
    qtbot, dialog, clerk, services, importer, monkeypatch, tmp_path
):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    press(qtbot, dialog, dialog.next_button)

    def run_until_cancelled(preview, progress, cancel):
        cancel.wait(10)
        check_cancel(cancel)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(importer, "run", run_until_cancelled)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.is_busy
    assert not dialog.back_button.isEnabled() and not dialog.import_button.isEnabled()
    dialog.reject()  # Esc or the close button while it runs: stop the import, not the dialog
    wait_idle(qtbot, dialog)

    assert clerk.infos == ["Đã hủy việc nhập. Không đảng viên nào được thêm vào sổ."]
    assert clerk.errors == []
    assert dialog.isVisible()
    assert member_names(services) == []


def test_back_from_the_check_returns_to_the_columns_as_chosen(qtbot, dialog, clerk, tmp_path):
    choose_file(qtbot, dialog, clerk, csv_with_errors(tmp_path))
    dialog.mapping_page.table.choose(2, None)  # skip "Giới tính"
    press(qtbot, dialog, dialog.next_button)
    assert dialog.back_button.text() == "Quay lại &ghép cột"

    press(qtbot, dialog, dialog.back_button)

    assert dialog.step == MAPPING_STEP
    assert 2 not in dialog.mapping_page.mapping()
    assert dialog.mapping_page.mapping()[0] == "full_name"


def test_sorting_the_problems_keeps_the_current_problem_current(qtbot):
    model = ProblemsModel()
    view = problems_view(model)
    qtbot.addWidget(view)
    model.set_rows(
        [
            RowProblem(12, "Ngày sinh", "31/02/1980", "ngày không có thật."),
            RowProblem(0, "Họ và tên", "", "cột bắt buộc nhưng chưa được ghép."),
            RowProblem(9, "Số CCCD", "12345", "CCCD phải có 12 chữ số."),
        ]
    )
    model.sort(ROW, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, ROW).data() for r in range(3)] == ["Cả tệp", "9", "12"]
    view.setCurrentIndex(model.index(2, VALUE))  # row 12

    view.sortByColumn(COLUMN, Qt.SortOrder.AscendingOrder)

    assert [model.index(r, COLUMN).data() for r in range(3)] == [
        "Họ và tên",
        "Ngày sinh",
        "Số CCCD",
    ]
    assert view.currentIndex().row() == 1
    assert view.currentIndex().data() == "31/02/1980"


def test_tab_walks_the_column_choices(qtbot, dialog, clerk, tmp_path):
    choose_file(qtbot, dialog, clerk, clean_xlsx(tmp_path))
    combos = dialog.mapping_page.table.combos
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    combos[0].setFocus()
    qtbot.waitUntil(combos[0].hasFocus)

    qtbot.keyClick(combos[0], Qt.Key.Key_Tab)

    assert combos[1].hasFocus()


def test_open_import_refuses_an_account_without_the_right_before_any_file(
    qtbot, services, importer, clerk
):
    services.store.actor = Actor(login="xem", display_name="Lê Thị Xem", role=Role.VIEWER)

    result = open_import(None, services, importer, ImportKind.MEMBERS)

    assert result is None
    assert len(clerk.errors) == 1 and "Lê Thị Xem" in clerk.errors[0]
    assert clerk.open_paths == []


def test_enterprises_csv_in_windows_1258_is_imported(qtbot, services, importer, clerk, tmp_path):
    widget = ImportDialog(None, services, importer, ImportKind.ENTERPRISES, None)
    qtbot.addWidget(widget)
    widget.show()
    source = tmp_path / "doanh-nghiep.csv"
    source.write_bytes(
        windows_1258(
            "Tên doanh nghiệp;Mã số thuế;Loại hình\nCông ty TNHH Hòa Bình;0101234565;TNHH\n"
        )
    )

    choose_file(qtbot, widget, clerk, source)
    assert "Windows-1258" in widget.mapping_page.summary.text()
    press(qtbot, widget, widget.next_button)
    assert widget.preview is not None and widget.preview.can_import, widget.preview.problems
    press(qtbot, widget, widget.import_button)

    assert clerk.infos and clerk.infos[0].startswith("Đã nhập 1 doanh nghiệp.")
    names = [name for _id, name in services.register.enterprise_choices()]
    assert "Công ty TNHH Hòa Bình" in names
