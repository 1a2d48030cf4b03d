"""Importing enterprises with their founding date ("Ngày thành lập", issue 8)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from partydesk.domain.importing import ImportKind
from partydesk.domain.rows import ListQuery
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices
from partydesk.services.importing.service import ImportService
from tests.common import TODAY

HEADINGS = ["Tên doanh nghiệp", "Loại hình", "Ngày thành lập"]


@pytest.fixture
def importer(services: AppServices, tmp_path: Path) -> ImportService:
    return ImportService(services.store, DataPaths(tmp_path / "data"), lambda: TODAY)


def write_csv(path: Path, rows: list[list[str]], headings: list[str] = HEADINGS) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        writer.writerows(rows)
    return path


def preview_of(importer: ImportService, path: Path):  # noqa: ANN201 - the service's Preview
    table = importer.read(path)
    mapping = importer.suggest_mapping(ImportKind.ENTERPRISES, table.headers)
    return importer.preview(ImportKind.ENTERPRISES, table, mapping)


def founding_dates(services: AppServices) -> dict[str, date | None]:
    rows = services.register.enterprise_rows(ListQuery(), 0, 100)
    return {r.name: services.register.enterprise(r.id).established_on for r in rows}


def test_the_column_and_its_other_headings_are_recognised(importer: ImportService) -> None:
    headers = ["Tên DN", "Loại hình", "Ngày thành lập doanh nghiệp", "Ngày đăng ký lần đầu"]
    mapping = importer.suggest_mapping(ImportKind.ENTERPRISES, headers)
    assert mapping[2] == "established_on"
    # Only one file column may fill a field; the second alias is offered but not taken twice.
    assert list(mapping.values()).count("established_on") == 1


def test_a_file_with_founding_dates_imports_them(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    rows = [
        ["Công ty TNHH Hòa Bình", "TNHH", "12/04/2012"],
        ["Hợp tác xã Rau sạch", "Hợp tác xã", ""],  # optional: blank stays unknown
        ["Công ty Cổ phần Mới Lập", "Tư nhân", "3/2/2026"],
    ]
    preview = preview_of(importer, write_csv(tmp_path / "dn.csv", rows))
    assert preview.problems == [] and preview.ok_count == 3
    assert importer.run(preview).added == 3
    assert founding_dates(services) == {
        "Công ty TNHH Hòa Bình": date(2012, 4, 12),
        "Hợp tác xã Rau sạch": None,
        "Công ty Cổ phần Mới Lập": date(2026, 2, 3),
    }


def test_an_excel_date_cell_is_read_as_the_founding_date(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    sheet.append(["Công ty TNHH Sông Hồng", "TNHH", date(2019, 8, 30)])
    sheet["C2"].number_format = "DD/MM/YYYY"
    path = tmp_path / "dn.xlsx"
    workbook.save(path)
    preview = preview_of(importer, path)
    assert preview.problems == []
    importer.run(preview)
    assert founding_dates(services) == {"Công ty TNHH Sông Hồng": date(2019, 8, 30)}


def test_a_bad_founding_date_is_reported_naming_row_and_column(
    importer: ImportService, services: AppServices, tmp_path: Path
) -> None:
    rows = [
        ["Công ty TNHH Hòa Bình", "TNHH", "12/04/2012"],
        ["Công ty TNHH Ngày Sai", "TNHH", "31/02/2015"],
        ["Công ty TNHH Tương Lai", "TNHH", "01/01/2027"],
        ["Công ty TNHH Chữ", "TNHH", "năm 2010"],
    ]
    preview = preview_of(importer, write_csv(tmp_path / "dn.csv", rows))
    texts = [p.text() for p in preview.problems]
    assert texts[0] == "Dòng 3, cột Ngày thành lập (“31/02/2015”): ngày không có thật."
    assert texts[1] == "Dòng 4, cột Ngày thành lập (“01/01/2027”): ngày 01/01/2027 ở tương lai."
    assert texts[2].startswith("Dòng 5, cột Ngày thành lập (“năm 2010”): ")
    assert len(texts) == 3 and preview.ok_count == 1 and not preview.can_import
    assert founding_dates(services) == {}  # nothing was imported
