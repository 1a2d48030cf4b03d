"""The compliance workbook: the matrix with its symbols and fills, the legend, the gaps sheet,
the print setup, and the atomic write; converted with LibreOffice when it is installed.

``record_meetings`` builds the small office the compliance and meetings UI tests share.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partydesk.domain.compliance import ComplianceSettings, MonthState
from partydesk.domain.meeting import Guest, MeetingKind
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import Cadre, Organisation, OrgKind
from partydesk.domain.settings import OfficeSettings
from partydesk.reports.compliance_xlsx import (
    FIRST_MONTH_COLUMN,
    GAPS_SHEET,
    HEADER_ROW,
    LEGEND_ORDER,
    LEGEND_TEXT,
    MONTH_STYLES,
    matrix_sheet_title,
)
from partydesk.services.app import AppServices
from partydesk.services.progress import Cancelled


@dataclass(frozen=True)
class SampleOffice:
    an_phat: int  # chi bộ cơ sở, meets monthly, a cadre in charge
    binh_minh: int  # chi bộ ghép, two draft meetings only
    cadre: int
    short_meeting: int  # An Phát, April: 60 minutes, approved with a reason
    draft_meeting: int  # An Phát, May
    corrected_meeting: int  # An Phát, January, with one addendum


def record_meetings(services: AppServices) -> SampleOffice:
    """Two chi bộ and a year of meetings (TODAY is 21/11/2026) with typical gaps."""
    services.office.save(
        OfficeSettings(
            committee_full_name="Đảng ủy phường An Khánh",
            committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            locality="An Khánh",
        )
    )
    register = services.register
    an_phat = register.save_organisation(
        Organisation(
            name="Chi bộ Công ty An Phát", kind=OrgKind.CELL_BASE, founded_on=date(2020, 1, 1)
        )
    )
    binh_minh = register.save_organisation(
        Organisation(
            name="Chi bộ ghép Bình Minh", kind=OrgKind.CELL_COMBINED, founded_on=date(2020, 1, 1)
        )
    )
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        register.save_member(
            Member(full_name=name, organisation_id=an_phat, standing=Standing.OFFICIAL)
        )
    for name in ("Phạm Thị Duyên", "Hoàng Văn Em"):
        register.save_member(
            Member(full_name=name, organisation_id=binh_minh, standing=Standing.OFFICIAL)
        )
    cadre = register.save_cadre(Cadre(full_name="Phạm Văn Dũng", title="Đảng ủy viên"))
    register.assign_cadre(an_phat, cadre, date(2025, 1, 1))

    meetings = services.meetings
    ids: dict[int, int] = {}
    for month in range(1, 11):
        kind = MeetingKind.COMBINED if month in (3, 6, 9) else MeetingKind.REGULAR
        meeting = meetings.new_meeting(an_phat, date(2026, month, 10), kind)
        meeting = replace(
            meeting,
            topic="Học tập và làm theo tư tưởng Hồ Chí Minh" if kind.is_thematic else "",
            starts=time(8, 0),
            ends=time(9, 0) if month == 4 else time(10, 30),
            minutes_read_at=time(8, 50),
            chair_member_id=meeting.roll[0].member_id,
            secretary_member_id=meeting.roll[1].member_id,
            guests=(Guest("Phạm Văn Dũng", "Đảng ủy viên", cadre_id=cadre),)
            if month in (2, 8)
            else (),
        )
        ids[month] = meetings.save(meeting)
        if month != 5:
            reason = "Họp ngắn vì mưa bão" if month == 4 else ""
            meetings.approve(meetings.meeting(ids[month]), reason)
    meetings.add_addendum(ids[1], "Sửa họ tên đồng chí thư ký.", date(2026, 2, 1))
    for month in (1, 2):
        meeting = meetings.new_meeting(binh_minh, date(2026, month, 20))
        meetings.save(
            replace(
                meeting,
                starts=time(14, 0),
                ends=time(15, 40),
                chair_member_id=meeting.roll[0].member_id,
                secretary_member_id=meeting.roll[1].member_id,
            )
        )
    return SampleOffice(an_phat, binh_minh, cadre, ids[4], ids[5], ids[1])


@pytest.fixture
def office(services: AppServices) -> SampleOffice:
    return record_meetings(services)


def _fill(cell) -> str:  # noqa: ANN001 - an openpyxl cell
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def test_the_matrix_sheet_shows_each_month_with_its_symbol_and_colour(
    services: AppServices, office: SampleOffice, tmp_path: Path
) -> None:
    target = tmp_path / "tuan-thu.xlsx"
    services.meetings.write_compliance_xlsx(2026, target)

    book = load_workbook(target)
    assert book.sheetnames == ["Tuân thủ 2026", GAPS_SHEET]
    sheet = book[matrix_sheet_title(2026)]
    assert sheet["A1"].value == "TÌNH HÌNH SINH HOẠT CHI BỘ NĂM 2026"
    assert sheet["A2"].value == "Đảng ủy phường An Khánh"
    assert sheet["A3"].value == "Ngày lập: 21/11/2026"
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[:6] == ["STT", "Tổ chức đảng", "Loại", "Cán bộ phụ trách", "T1", "T2"]
    assert header[-4:] == ["Quý I", "Quý II", "Quý III", "Quý IV"]

    rows = {sheet.cell(row=r, column=2).value: r for r in (HEADER_ROW + 1, HEADER_ROW + 2)}
    an_phat = rows["Chi bộ Công ty An Phát"]
    assert sheet.cell(row=an_phat, column=3).value == "Chi bộ cơ sở"
    assert sheet.cell(row=an_phat, column=4).value == "Phạm Văn Dũng"
    expected = {
        1: MonthState.MET,
        4: MonthState.MET_WITH_ISSUES,  # 60 minutes
        5: MonthState.MET_WITH_ISSUES,  # minutes not approved
        10: MonthState.MET,
        11: MonthState.IN_PROGRESS,
        12: MonthState.FUTURE,
    }
    for month, state in expected.items():
        cell = sheet.cell(row=an_phat, column=FIRST_MONTH_COLUMN + month - 1)
        assert (cell.value or "") == MONTH_STYLES[state].symbol, month
        assert _fill(cell) == MONTH_STYLES[state].fill, month
    quarters = [sheet.cell(row=an_phat, column=FIRST_MONTH_COLUMN + 12 + q).value for q in range(4)]
    assert quarters == ["CĐ ✓ · CB ✓", "CĐ ✓ · CB ✗", "CĐ ✓ · CB ✓", "CĐ ○ · CB ○"]

    binh_minh = rows["Chi bộ ghép Bình Minh"]
    march = sheet.cell(row=binh_minh, column=FIRST_MONTH_COLUMN + 2)
    assert march.value == "✗"
    assert _fill(march) == MONTH_STYLES[MonthState.MISSING].fill

    # Names and headings stay on screen; the page is A4 landscape, one page wide.
    assert sheet.freeze_panes == "E5"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4 in the OOXML paper size list
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.column_dimensions["B"].width >= 30

    legend = [(c.row, c.value) for c in sheet["B"] if c.value in LEGEND_TEXT.values()]
    assert [text for _, text in legend] == [LEGEND_TEXT[s] for s in LEGEND_ORDER]
    for row, text in legend:  # each meaning beside its own symbol and colour
        state = next(s for s in LEGEND_ORDER if LEGEND_TEXT[s] == text)
        swatch = sheet.cell(row=row, column=1)
        assert (swatch.value or "") == MONTH_STYLES[state].symbol
        assert _fill(swatch) == MONTH_STYLES[state].fill


def test_the_gaps_sheet_lists_every_gap_the_service_finds(
    services: AppServices, office: SampleOffice, tmp_path: Path
) -> None:
    target = tmp_path / "tuan-thu.xlsx"
    services.meetings.write_compliance_xlsx(2026, target)

    expected = [
        (g.organisation_name, g.period, g.problem[:1].upper() + g.problem[1:])
        for row in services.meetings.compliance(2026)
        for g in row.gaps
    ]
    sheet = load_workbook(target)[GAPS_SHEET]
    found = [
        tuple(c.value for c in row[1:4])
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
        if row[0].value is not None
    ]
    assert found == expected
    assert ("Chi bộ Công ty An Phát", "Tháng 4/2026", "Thời lượng ít hơn quy định") in found
    assert ("Chi bộ ghép Bình Minh", "Quý I/2026", "Không có sinh hoạt chuyên đề") in found
    assert sheet.page_setup.orientation == "landscape"


def test_filters_and_quarter_settings_reach_the_workbook(
    services: AppServices, office: SampleOffice, tmp_path: Path
) -> None:
    services.meetings.save_compliance_settings(
        ComplianceSettings(thematic_each_quarter=True, cadre_each_quarter=False)
    )
    target = tmp_path / "loc.xlsx"
    services.meetings.write_compliance_xlsx(2026, target, cadre_id=office.cadre)

    sheet = load_workbook(target)[matrix_sheet_title(2026)]
    assert sheet["A2"].value == "Đảng ủy phường An Khánh; cán bộ phụ trách: Phạm Văn Dũng"
    assert sheet.cell(row=HEADER_ROW + 1, column=2).value == "Chi bộ Công ty An Phát"
    assert sheet.cell(row=HEADER_ROW + 2, column=2).value is None  # Bình Minh filtered out
    assert sheet.cell(row=HEADER_ROW + 1, column=FIRST_MONTH_COLUMN + 13).value == "CĐ ✓"

    combined = tmp_path / "ghep.xlsx"
    services.meetings.write_compliance_xlsx(2026, combined, kind=OrgKind.CELL_COMBINED)
    sheet = load_workbook(combined)[matrix_sheet_title(2026)]
    assert sheet["A2"].value == "Đảng ủy phường An Khánh; Chi bộ ghép"
    assert sheet.cell(row=HEADER_ROW + 1, column=2).value == "Chi bộ ghép Bình Minh"


def test_a_cancelled_export_leaves_the_existing_file_alone(
    services: AppServices, office: SampleOffice, tmp_path: Path
) -> None:
    target = tmp_path / "tuan-thu.xlsx"
    target.write_bytes(b"previous version")
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(Cancelled):
        services.meetings.write_compliance_xlsx(2026, target, cancel=cancel)

    assert target.read_bytes() == b"previous version"
    exports = [p.name for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite")]
    assert exports == ["tuan-thu.xlsx"]  # beside the database (and its lock file): nothing


def test_an_empty_year_still_makes_a_readable_workbook(
    services: AppServices, tmp_path: Path
) -> None:
    target = tmp_path / "trong.xlsx"
    services.meetings.write_compliance_xlsx(2026, target)
    book = load_workbook(target)
    assert book[matrix_sheet_title(2026)].cell(row=HEADER_ROW + 1, column=2).value == (
        "Không có chi bộ nào phù hợp."
    )
    assert book[GAPS_SHEET].cell(row=HEADER_ROW + 1, column=2).value == "Không có thiếu sót."


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_workbook_on_landscape_pages(
    services: AppServices, office: SampleOffice, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    target = tmp_path / "tuan-thu.xlsx"
    services.meetings.write_compliance_xlsx(2026, target)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = PdfReader(tmp_path / "tuan-thu.pdf")
    first = reader.pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "TÌNH HÌNH SINH HOẠT CHI BỘ NĂM 2026" in text
    assert "Chi bộ Công ty An Phát" in text
    assert "DANH SÁCH THIẾU SÓT NĂM 2026" in text
