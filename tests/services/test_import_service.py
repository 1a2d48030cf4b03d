"""The import use case: mapping, preview, the error report, the template, all-or-nothing import."""

from __future__ import annotations

import csv
import resource
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partydesk.domain.accounts import AccessDenied, Actor, Role
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.importing import ImportKind
from partydesk.domain.member import Member
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices
from partydesk.services.importing import service as import_service
from partydesk.services.importing.service import ImportNotReady, ImportService, SaveFailed
from partydesk.services.progress import Cancelled
from tests.common import TODAY, dump_tables

CELL_NAME = "Chi bộ Công ty Cổ phần Minh Phát"
HEADINGS = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số thẻ đảng viên", "Chi bộ"]
REGISTER_TABLES = ("members", "members_fts", "enterprises")


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


@pytest.fixture
def cell_id(services: AppServices) -> int:
    return services.register.save_organisation(Organisation(name=CELL_NAME, kind=OrgKind.CELL_BASE))


@pytest.fixture
def importer(services: AppServices, tmp_path: Path, cell_id: int) -> ImportService:
    return ImportService(services.store, DataPaths(tmp_path / "data"), lambda: TODAY)


def write_csv(path: Path, rows: list[list[str]], headings: list[str] = HEADINGS) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        writer.writerows(rows)
    return path


def member_row(i: int) -> list[str]:
    return [f"Nguyễn Văn Người {i}", "15/03/1985", "Nam", f"0010850{i:05d}", f"0{i:07d}", CELL_NAME]


def actions(services: AppServices) -> list[str]:
    return [r[0] for r in services.store.conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def previewed(importer: ImportService, path: Path, kind: ImportKind = ImportKind.MEMBERS):
    table = importer.read(path)
    return importer.preview(kind, table, importer.suggest_mapping(kind, table.headers))


# --- mapping --------------------------------------------------------------------------------


def test_headings_are_mapped_by_label_and_alias(importer: ImportService) -> None:
    headers = ["STT", "HỌ TÊN", "Ngày, tháng, năm sinh", "Số CMND/CCCD", "Chi bộ", "Ghi chú", ""]
    assert importer.suggest_mapping(ImportKind.MEMBERS, headers) == {
        1: "full_name",
        2: "birth_date",
        3: "cccd",
        4: "organisation",
        5: "notes",
    }


def test_a_remembered_mapping_comes_first(importer: ImportService, services: AppServices) -> None:
    headers = ["Tên người", "Đơn vị (chi bộ)", "Ghi chú"]
    assert importer.suggest_mapping(ImportKind.MEMBERS, headers) == {2: "notes"}
    importer.remember_mapping(ImportKind.MEMBERS, headers, {0: "full_name", 1: "organisation"})
    assert "Ghi nhớ cách ghép cột nhập" in actions(services)
    again = ["TÊN NGƯỜI", "Ghi chú", "Đơn vị"]  # another file, other order, same headings
    assert importer.suggest_mapping(ImportKind.MEMBERS, again) == {
        0: "full_name",
        1: "notes",
        2: "organisation",
    }
    assert importer.suggest_mapping(ImportKind.ENTERPRISES, headers) == {2: "notes"}


# --- preview --------------------------------------------------------------------------------


def test_preview_lists_every_problem_and_counts_duplicates(
    importer: ImportService, services: AppServices, tmp_path: Path, cell_id: int
) -> None:
    services.register.save_member(
        Member(full_name="Trần Thị Bình", cccd="001180001111", organisation_id=cell_id)
    )
    rows = [
        member_row(1),
        ["Trần Thị Bình", "31/02/1980", "Nữ", "001180001111", "", CELL_NAME],
        ["Nguyễn  văn người 1", "15/03/1985", "Nam", "", "", CELL_NAME],
        ["Lê Văn C", "01/01/1990", "Nam", "1080012345", "", "Chi bộ Không Có"],
        ["", "", "", "", "", ""],
    ]
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", rows))
    texts = [p.text() for p in preview.problems]
    assert texts == [
        "Dòng 3, cột Ngày sinh (“31/02/1980”): ngày không có thật.",
        "Dòng 3, cột Số CCCD (“001180001111”): đã có trong sổ: Trần Thị Bình (cùng số CCCD).",
        "Dòng 4, cột Họ và tên (“Nguyễn  văn người 1”): trùng với dòng 2 "
        "(cùng họ tên và ngày sinh).",
        "Dòng 5, cột Số CCCD (“1080012345”): chỉ có 10 chữ số, cần 12; có thể số 0 ở đầu đã "
        "mất khi lưu bằng Excel — hãy định dạng cột là Văn bản.",
        "Dòng 5, cột Tổ chức đảng (“Chi bộ Không Có”): không có tổ chức đảng nào tên như vậy "
        "trong sổ; hãy ghi đúng tên như trong sổ.",
    ]
    assert (preview.ok_count, preview.problem_rows) == (1, 3)
    assert (preview.duplicates_in_file, preview.duplicates_in_register) == (1, 1)
    assert not preview.can_import


def test_an_unmapped_required_column_is_one_file_problem(
    importer: ImportService, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "ds.csv", [member_row(1), member_row(2)])
    table = importer.read(path)
    preview = importer.preview(ImportKind.MEMBERS, table, {0: "full_name", 3: "cccd"})
    assert [p.text() for p in preview.problems] == [
        "Cột Tổ chức đảng: cột bắt buộc nhưng chưa được ghép với cột nào của tệp."
    ]
    assert preview.ok_count == 0 and not preview.can_import


def test_a_file_without_data_rows_cannot_be_imported(
    importer: ImportService, tmp_path: Path
) -> None:
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", []))
    assert [p.row for p in preview.problems] == [0] and not preview.can_import


def test_preview_can_be_cancelled(importer: ImportService, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.csv", [member_row(i) for i in range(1200)])
    table = importer.read(path)
    cancel = threading.Event()

    def progress(done: int, total: int, text: str) -> None:
        if done >= 500:
            cancel.set()

    mapping = importer.suggest_mapping(ImportKind.MEMBERS, table.headers)
    with pytest.raises(Cancelled):
        importer.preview(ImportKind.MEMBERS, table, mapping, progress, cancel)


# --- import ---------------------------------------------------------------------------------


def test_a_clean_file_is_imported_after_a_backup(
    importer: ImportService, services: AppServices, tmp_path: Path, cell_id: int
) -> None:
    rows = [member_row(i) for i in range(1, 31)]
    rows[0] = ["Nguyễn Văn An", "15/03/1985", "Nam", "001080012345", "01012345", CELL_NAME]
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", rows))
    assert preview.can_import and preview.ok_count == 30
    steps: list[str] = []
    result = importer.run(preview, progress=lambda d, t, s: steps.append(s))
    assert result.added == 30 and result.kind is ImportKind.MEMBERS
    assert result.backup_path is not None and result.backup_path.is_file()
    assert "truoc-nhap" in result.backup_path.name and steps[0].startswith("Đang sao lưu")
    assert services.register.count_members(ListQuery()) == 30
    found = services.register.member_rows(ListQuery(search="nguyen van an"), 0, 10)
    assert [r.full_name for r in found] == ["Nguyễn Văn An"]  # the search index is in step
    member = services.register.member(found[0].id)
    assert member.cccd == "001080012345" and member.card_number == "01012345"
    assert member.organisation_id == cell_id
    assert actions(services)[-1] == "Nhập đảng viên từ tệp"
    assert "Sao lưu dữ liệu" in actions(services)


def test_a_preview_with_problems_is_refused_and_nothing_happens(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    rows = [member_row(1), ["Lê C", "32/01/1990", "", "", "", CELL_NAME]]
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", rows))
    before = actions(services)
    with pytest.raises(ImportNotReady, match="còn 1 dòng có lỗi nên chưa nhập gì"):
        importer.run(preview)
    assert services.register.count_members(ListQuery()) == 0
    assert actions(services) == before
    assert not (tmp_path / "data" / "backups").exists()


def test_a_failure_mid_import_leaves_the_register_unchanged(
    importer: ImportService, services: AppServices, tmp_path: Path, monkeypatch
) -> None:
    services.register.save_member(
        Member(full_name="Người Cũ", organisation_id=services.register.organisation_choices()[0][0])
    )
    preview = previewed(
        importer, write_csv(tmp_path / "ds.csv", [member_row(i) for i in range(95)])
    )
    assert preview.can_import
    before_tables = dump_tables(services.store.path, REGISTER_TABLES)
    before_actions = actions(services)
    monkeypatch.setattr(import_service, "INSERT_CHUNK", 10)
    real_insert = services.store.members.insert_many
    calls = []

    def failing_insert(members: list) -> list[int]:
        calls.append(len(members))
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real_insert(members)

    monkeypatch.setattr(services.store.members, "insert_many", failing_insert)
    with pytest.raises(OSError):
        importer.run(preview)
    assert calls == [10, 10, 10, 10]
    assert dump_tables(services.store.path, REGISTER_TABLES) == before_tables
    assert actions(services) == [*before_actions, "Sao lưu dữ liệu"]  # the backup, no import
    assert services.store.conn.execute("SELECT count(*) FROM change_capture").fetchone()[0] == 0


def test_cancel_during_the_import_adds_nothing(
    importer: ImportService, services: AppServices, tmp_path: Path, monkeypatch
) -> None:
    preview = previewed(
        importer, write_csv(tmp_path / "ds.csv", [member_row(i) for i in range(40)])
    )
    monkeypatch.setattr(import_service, "INSERT_CHUNK", 10)
    cancel = threading.Event()

    def progress(done: int, total: int, text: str) -> None:
        if done >= 20:
            cancel.set()

    with pytest.raises(Cancelled):
        importer.run(preview, progress, cancel)
    assert services.register.count_members(ListQuery(include_ended=True)) == 0
    assert "Nhập đảng viên từ tệp" not in actions(services)


def test_the_register_is_checked_again_inside_the_import(
    importer: ImportService, services: AppServices, tmp_path: Path, cell_id: int
) -> None:
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", [member_row(1), member_row(2)]))
    assert preview.can_import
    # Meanwhile someone types the second member by hand.
    services.register.save_member(
        Member(full_name="Người Khác", cccd="001085000002", organisation_id=cell_id)
    )
    with pytest.raises(ImportNotReady) as caught:
        importer.run(preview)
    assert "đã thay đổi từ lúc kiểm tra" in caught.value.message
    assert "Dòng 3, cột Số CCCD" in caught.value.message
    assert services.register.count_members(ListQuery()) == 1


def test_a_viewer_cannot_import_or_remember(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", [member_row(1)]))
    services.store.actor = Actor("xem", "Người xem", Role.VIEWER)
    with pytest.raises(AccessDenied):
        importer.run(preview)
    with pytest.raises(AccessDenied):
        importer.remember_mapping(ImportKind.MEMBERS, ["Họ tên"], {0: "full_name"})
    assert services.register.count_members(ListQuery()) == 0
    assert not (tmp_path / "data" / "backups").exists()


def test_enterprises_are_imported(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    services.register.save_enterprise(
        Enterprise(name="Công ty Cũ", type=EnterpriseType.STATE, tax_code="0100107518")
    )
    headings = ["Tên doanh nghiệp", "MST", "Loại hình", "Số lao động", "Phường, xã"]
    rows = [
        ["Công ty TNHH Hòa Bình", "0102345677", "TNHH", "1.250", "Phường An Khánh"],
        ["Hợp tác xã Rau sạch", "", "Hợp tác xã", "35", "Xã Đông Hội"],
        ["Công ty Trùng", "0100107518", "FDI", "", ""],
    ]
    preview = previewed(
        importer, write_csv(tmp_path / "dn.csv", rows, headings), ImportKind.ENTERPRISES
    )
    assert [p.text() for p in preview.problems] == [
        "Dòng 4, cột Mã số thuế (“0100107518”): đã có trong sổ: Công ty Cũ (MST 0100107518) "
        "(cùng mã số thuế)."
    ]
    good = previewed(
        importer, write_csv(tmp_path / "dn2.csv", rows[:2], headings), ImportKind.ENTERPRISES
    )
    assert importer.run(good).added == 2
    assert services.register.count_enterprises(ListQuery()) == 3
    assert actions(services)[-1] == "Nhập doanh nghiệp từ tệp"


# --- error report and template --------------------------------------------------------------


def test_the_error_report_has_every_problem_and_no_formula(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    link = '=HYPERLINK("http://example.com","Bấm vào đây")'
    rows = [
        [link, "31/02/1980", "Nam", "", "", CELL_NAME],
        ["Lê Văn C", "15/03/1985", "Nam", "+84 912", "@SUM(1)", CELL_NAME],
    ]
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", rows))
    path = importer.save_problems(preview, tmp_path / "out" / "loi.xlsx")
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Dòng", "Cột", "Giá trị", "Lý do", *HEADINGS]
    assert len(values) == 1 + len(preview.problems)
    assert values[1][:4] == [2, "Ngày sinh", "31/02/1980", "ngày không có thật."]
    assert values[1][4:] == [link, "31/02/1980", "Nam", None, None, CELL_NAME]  # the file's row
    assert [v[:2] for v in values[2:]] == [[3, "Số CCCD"], [3, "Số thẻ đảng viên"]]
    assert values[3][8] == "@SUM(1)"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert actions(services)[-1] == "Xuất dữ liệu ra tệp"
    assert sorted(p.name for p in path.parent.iterdir()) == ["loi.xlsx"]  # no temp file left


def test_a_report_that_cannot_be_written_says_so(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    preview = previewed(importer, write_csv(tmp_path / "ds.csv", [["An", "", "", "", "", ""]]))
    taken = tmp_path / "loi.xlsx"
    taken.mkdir()  # a folder already has the name
    before = actions(services)
    with pytest.raises(SaveFailed) as caught:
        importer.save_problems(preview, taken)
    assert caught.value.message.startswith("Không lưu được tệp “loi.xlsx”")
    assert actions(services) == before  # nothing was exported, nothing logged
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("loi.xlsx.")]  # no partial


@pytest.mark.parametrize("kind", list(ImportKind))
def test_the_template_round_trips_without_problems(
    importer: ImportService, services: AppServices, tmp_path: Path, kind: ImportKind
) -> None:
    services.register.save_enterprise(
        Enterprise(name="Công ty Cổ phần Minh Phát Hà Nội", type=EnterpriseType.PRIVATE)
    )
    path = importer.write_template(kind, tmp_path / f"mau-{kind.value}.xlsx")
    table = importer.read(path)
    mapping = importer.suggest_mapping(kind, table.headers)
    assert len(mapping) == len(table.headers)  # every heading is recognised
    preview = importer.preview(kind, table, mapping)
    assert preview.problems == [] and preview.ok_count == 1
    workbook = load_workbook(path)
    assert workbook.sheetnames == [kind.label, "Hướng dẫn"]
    sheet = workbook[kind.label]
    guide = [c.value for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value]
    if kind is ImportKind.MEMBERS:
        cccd = sheet.cell(row=2, column=table.headers.index("Số CCCD") + 1)
        assert cccd.value == "001085012345" and cccd.number_format == "@"
        assert sheet.column_dimensions[cccd.column_letter].number_format == "@"
        assert CELL_NAME in guide and "Công ty Cổ phần Minh Phát Hà Nội" in guide
        assert preview.valid[0].record.organisation_id is not None
    else:
        assert "Hợp tác xã" in guide
    assert any("dd/mm/yyyy" in str(v) for v in guide)


# --- measured (T11 figures) -----------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


@pytest.mark.slow
def test_fifty_thousand_members_preview_and_import(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    """Figures for the report (printed, not asserted): time and the process's peak memory."""
    path = write_csv(tmp_path / "50k.csv", [member_row(i) for i in range(50_000)])
    rss_start = peak_rss_mb()
    started = time.perf_counter()
    table = importer.read(path)
    read_at = time.perf_counter()
    mapping = importer.suggest_mapping(ImportKind.MEMBERS, table.headers)
    preview = importer.preview(ImportKind.MEMBERS, table, mapping)
    preview_at, rss_preview = time.perf_counter(), peak_rss_mb()
    result = importer.run(preview)
    done_at, rss_done = time.perf_counter(), peak_rss_mb()
    assert preview.can_import and result.added == 50_000
    assert services.register.count_members(ListQuery()) == 50_000
    print(
        f"\n50,000 members ({path.stat().st_size / 1e6:.1f} MB CSV): read "
        f"{read_at - started:.1f} s, preview {preview_at - read_at:.1f} s, backup + import "
        f"{done_at - preview_at:.1f} s; peak RSS {rss_start:.0f} MB at start, "
        f"{rss_preview:.0f} MB after preview, {rss_done:.0f} MB after import"
    )
