"""Tests for the yearly classification sheet writers: PDF (extracted text, fonts) and XLSX."""

from __future__ import annotations

import io
import random
from datetime import date

import pytest
from openpyxl import load_workbook

from partydesk.domain.classification import (
    ClassificationSheet,
    KindTotal,
    LevelCounts,
    MemberCounts,
    OrgLevelLine,
    QuotaCheck,
    SheetRow,
    SheetSection,
    YearTotals,
)
from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.evaluation import DEFAULT_LEVEL_NAMES, LEVEL_ORDER, Level
from partydesk.domain.organisation import OrgKind
from partydesk.reports.classification_columns import Format, SheetHeader, no_previous_text
from partydesk.reports.classification_pdf import format_value, write_sheet_pdf
from partydesk.reports.classification_xlsx import (
    COMPARISON_SHEET,
    FIRST_DATA_ROW,
    MEMBERS_SHEET,
    ORGANISATIONS_SHEET,
    write_sheet_xlsx,
)

from .test_hd36 import assert_in_order, assert_only_embedded_liberation_fonts, pdf_text, squash

LEVEL_NAMES = tuple(DEFAULT_LEVEL_NAMES[level] for level in LEVEL_ORDER)
HEADER = SheetHeader(
    party_body="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    committee="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
    place="An Khánh",
    made_on=date(2026, 11, 21),
    signer_authority="T/M BAN THƯỜNG VỤ",
    signer_title="BÍ THƯ",
    signer_name="Nguyễn Văn Bình",
    compiler_name="Trần Thị Hường",
)


def _counts(members, exempt, suspended, new, levels, unclassified=0, prob=(0, 0)):
    excellent, good, completed, failed = levels
    evaluated = excellent + good + completed + failed + unclassified
    assert members == exempt + suspended + new + evaluated
    return MemberCounts(
        members, exempt, suspended, new, evaluated, excellent, good, completed, failed,
        unclassified, *prob,
    )  # fmt: skip


def _row(number, name, kind, enterprise, counts, quota, level, note=""):
    return SheetRow(number, 100 + number, name, kind, enterprise, counts, quota, level, note)


def sample_sheet(with_previous: bool = True) -> ClassificationSheet:
    """Two sections; a quota breach and an overridden one; "=SUM(A1)" as a name."""
    base = OrgKind.PARTY_COMMITTEE_BASE
    cell = OrgKind.CELL_BASE
    state = [
        _row(1, "Đảng bộ Công ty Điện lực An Khánh", base, EnterpriseType.STATE,
             _counts(40, 2, 1, 1, (5, 25, 5, 1), prob=(2, 2)), QuotaCheck(5, 25, 5),
             Level.EXCELLENT),
        _row(2, "=SUM(A1)", cell, EnterpriseType.STATE,
             _counts(12, 0, 0, 1, (3, 6, 2, 0), prob=(1, 1)), QuotaCheck(3, 6, 1), Level.GOOD,
             "Vượt tỷ lệ"),
    ]  # fmt: skip
    private = [
        _row(3, "Chi bộ Công ty TNHH Minh Phát", cell, EnterpriseType.PRIVATE,
             _counts(8, 0, 0, 0, (2, 4, 1, 0), unclassified=1, prob=(1, 0)),
             QuotaCheck(2, 4, 1, overridden=True), None),
        _row(4, "+84 Chi bộ Dịch vụ", cell, EnterpriseType.PRIVATE,
             _counts(5, 1, 0, 0, (0, 3, 1, 0)), QuotaCheck(0, 3, 1), Level.COMPLETED,
             "-ghi chú"),
    ]  # fmt: skip

    def total(rows):
        result = MemberCounts()
        for row in rows:
            result = result + row.counts
        return result

    sections = (
        SheetSection(EnterpriseType.STATE, EnterpriseType.STATE.label, tuple(state), total(state)),
        SheetSection(
            EnterpriseType.PRIVATE, EnterpriseType.PRIVATE.label, tuple(private), total(private)
        ),
    )
    rows = state + private
    cells = [row for row in rows if row.kind == cell]
    org_levels = (
        OrgLevelLine(base, base.label, LevelCounts(excellent=1)),
        OrgLevelLine(cell, cell.label, LevelCounts(good=1, completed=1, unclassified=1)),
    )
    previous = YearTotals(
        2024,
        _counts(60, 2, 0, 3, (6, 40, 8, 1)),
        LevelCounts(excellent=1, good=2, completed=1),
    )
    return ClassificationSheet(
        year=2025,
        rule_set_name="QĐ 366 / HD 43",
        level_names=LEVEL_NAMES,
        sections=sections,
        by_kind=(
            KindTotal(base, base.label, 1, rows[0].counts),
            KindTotal(cell, cell.label, len(cells), total(cells)),
        ),
        total=total(rows),
        org_levels=org_levels,
        org_total=org_levels[0].levels + org_levels[1].levels,
        previous=previous if with_previous else None,
    )


COMPANY_FORMS = ("TNHH", "cổ phần", "TNHH MTV", "CP Đầu tư và Xây dựng", "Hợp danh")
COMPANY_NAMES = ("Minh Phát", "Hưng Thịnh", "Điện lực Đông Anh", "Sông Đà", "Việt Úc", "An Phú")


def synthetic_sheet(n_rows: int, seed: int = 5) -> ClassificationSheet:
    """A province-sized sheet: ``n_rows`` organisations spread over the enterprise types."""
    rng = random.Random(seed)
    types = list(EnterpriseType)
    per_type: dict[EnterpriseType, list[SheetRow]] = {t: [] for t in types}
    for number in range(1, n_rows + 1):
        enterprise = types[number % len(types)]
        levels = [rng.randint(0, 4), rng.randint(3, 25), rng.randint(0, 6), rng.randint(0, 1)]
        counts = _counts(sum(levels) + 3, 1, 1, 1, tuple(levels), prob=(1, 1))
        allowed = levels[1] // 5
        kind = OrgKind.CELL_BASE if number % 4 else OrgKind.PARTY_COMMITTEE_BASE
        name = f"Chi bộ Công ty {rng.choice(COMPANY_FORMS)} {rng.choice(COMPANY_NAMES)} {number}"
        quota = QuotaCheck(levels[0], levels[1], allowed, overridden=number % 7 == 0)
        per_type[enterprise].append(
            _row(number, name, kind, enterprise, counts, quota, rng.choice(LEVEL_ORDER))
        )
    sections = []
    grand = MemberCounts()
    for enterprise, rows in per_type.items():
        subtotal = MemberCounts()
        for row in rows:
            subtotal = subtotal + row.counts
        grand = grand + subtotal
        sections.append(SheetSection(enterprise, enterprise.label, tuple(rows), subtotal))
    levels = LevelCounts(excellent=n_rows // 5, good=n_rows // 2, completed=n_rows - n_rows // 5
                         - n_rows // 2)  # fmt: skip
    return ClassificationSheet(
        year=2025,
        rule_set_name="QĐ 366 / HD 43",
        level_names=LEVEL_NAMES,
        sections=tuple(sections),
        by_kind=(KindTotal(OrgKind.CELL_BASE, OrgKind.CELL_BASE.label, n_rows, grand),),
        total=grand,
        org_levels=(OrgLevelLine(OrgKind.CELL_BASE, OrgKind.CELL_BASE.label, levels),),
        org_total=levels,
        previous=YearTotals(2024, grand, levels),
    )


# --- XLSX ---------------------------------------------------------------------------------


def _workbook(sheet: ClassificationSheet):
    buffer = io.BytesIO()
    write_sheet_xlsx(sheet, HEADER, buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def _row_named(ws, name: str) -> list:
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
        if row[1].value == name:
            return row
    raise AssertionError(f"no row named {name!r}")


@pytest.fixture(scope="module")
def workbook():
    return _workbook(sample_sheet())


def test_xlsx_has_three_sheets_and_no_formula_anywhere(workbook):
    assert workbook.sheetnames == [MEMBERS_SHEET, ORGANISATIONS_SHEET, COMPARISON_SHEET]
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_xlsx_text_that_looks_like_a_formula_stays_text(workbook):
    ws = workbook[MEMBERS_SHEET]
    row = _row_named(ws, "=SUM(A1)")
    assert row[1].data_type == "s"
    assert row[1].quotePrefix
    plus = _row_named(ws, "+84 Chi bộ Dịch vụ")
    assert plus[1].data_type == "s" and plus[21].value == "-ghi chú"


def test_xlsx_numbers_are_numbers_with_formats(workbook):
    ws = workbook[MEMBERS_SHEET]
    row = _row_named(ws, "=SUM(A1)")
    values = [cell.value for cell in row]
    assert values[0] == 2 and isinstance(values[0], int)
    assert values[2] == "DNNN"
    assert values[3:8] == [12, 0, 0, 1, 11]
    assert all(isinstance(v, int) for v in values[3:8])
    assert values[8] == 3 and values[9] == pytest.approx(3 / 11)
    assert isinstance(values[9], float) and row[9].number_format == "0.0%"
    assert values[17] == "3/6 · tối đa 1\nVượt"
    assert values[20] == "HTTNV" and values[21] == "Vượt tỷ lệ"
    overridden = _row_named(ws, "Chi bộ Công ty TNHH Minh Phát")
    assert overridden[17].value.endswith("Vượt (có lý do)")
    assert overridden[20].value == "Chưa XL"


def test_xlsx_sections_subtotals_and_total(workbook):
    ws = workbook[MEMBERS_SHEET]
    names = [row[1].value for row in ws.iter_rows(min_row=FIRST_DATA_ROW)]
    assert names[0] == EnterpriseType.STATE.label
    assert ws.cell(row=FIRST_DATA_ROW, column=1).value == "I"
    assert names.count("Cộng") == 2
    assert names[-1] == "TỔNG CỘNG"
    rows = list(ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True))
    first_subtotal = rows[names.index("Cộng")]
    assert first_subtotal[3:9] == (52, 2, 1, 2, 47, 8)
    assert first_subtotal[9] == pytest.approx(8 / 47)
    total = rows[-1]
    assert total[3:9] == (65, 3, 1, 2, 59, 10)
    assert total[10] == 38 and total[16] == 1 and total[18:20] == (4, 3)
    assert total[17] == "10/38"
    # Sum of the body rows equals the total, column by column.
    body = [r for r, n in zip(rows, names, strict=True) if isinstance(r[0], int)]
    for column in (3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 19):
        assert sum(r[column] for r in body) == total[column]
    assert "Theo loại tổ chức" in names
    assert any(n.startswith(OrgKind.CELL_BASE.label + ": 3 tổ chức") for n in names if n)
    assert ws.cell(row=rows.index(total) + FIRST_DATA_ROW, column=2).font.b


def test_xlsx_print_setup_and_frozen_panes(workbook):
    ws = workbook[MEMBERS_SHEET]
    assert ws.freeze_panes == f"C{FIRST_DATA_ROW}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${FIRST_DATA_ROW - 2}:${FIRST_DATA_ROW - 1}"
    merged = {str(r) for r in ws.merged_cells.ranges}
    heading = FIRST_DATA_ROW - 2
    assert f"I{heading}:J{heading}" in merged  # HTXSNV over Số / %
    assert ws.cell(row=heading, column=9).value == "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)"
    assert f"A{heading}:A{heading + 1}" in merged  # STT over both heading rows
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width
    assert ws.cell(row=5, column=1).value.endswith("NĂM 2025")


def test_xlsx_organisations_and_comparison(workbook):
    orgs = list(workbook[ORGANISATIONS_SHEET].iter_rows(min_row=FIRST_DATA_ROW, values_only=True))
    assert orgs[-1][1] == "TỔNG CỘNG" and orgs[-1][2] == 4
    assert orgs[-1][3] == 1 and orgs[-1][4] == pytest.approx(1 / 3)
    assert orgs[-1][11] == 1
    comparison = list(
        workbook[COMPARISON_SHEET].iter_rows(min_row=FIRST_DATA_ROW, values_only=True)
    )
    excellent = comparison[0]
    assert excellent[0] == "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)"
    assert excellent[1:5] == (10, pytest.approx(10 / 59), 6, pytest.approx(6 / 55))
    assert excellent[5] == pytest.approx((10 / 59 - 6 / 55) * 100)
    assert comparison[-1][1] == 59 and comparison[-1][3] == 55


def test_xlsx_without_previous_year_leaves_out_the_comparison():
    book = _workbook(sample_sheet(with_previous=False))
    assert book.sheetnames == [MEMBERS_SHEET, ORGANISATIONS_SHEET]


# --- PDF ----------------------------------------------------------------------------------


def test_format_value_vietnamese_style():
    assert format_value(1234567, Format.COUNT) == "1.234.567"
    assert format_value(0.125, Format.SHARE) == "12,5"
    assert format_value(2.345, Format.POINTS) == "+2,3"
    assert format_value(-0.01, Format.POINTS) == "0,0"
    assert format_value(None, Format.SHARE) == ""


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    pages = write_sheet_pdf(sample_sheet(), HEADER, path)
    assert pages >= 2
    return path


def test_pdf_text_has_title_sections_totals_and_parts(pdf_path):
    text = "\n".join(pdf_text(pdf_path.read_bytes()))
    assert_in_order(
        text,
        [
            "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
            "ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            "An Khánh, ngày 21 tháng 11 năm 2026",
            "BIỂU TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN",
            "NĂM 2025",
            "QĐ 366 / HD 43",
            "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)",
            "I Doanh nghiệp nhà nước",
            "=SUM(A1)",
            "3/6 · tối đa 1 Vượt",
            "Cộng 52 2 1 2 47 8 17,0 31 66,0",
            "II Doanh nghiệp tư nhân",
            "Vượt (có lý do)",
            "Theo loại tổ chức",
            "TỔNG CỘNG 65 3 1 2 59 10 16,9 38 64,4 9 15,3 1 1,7 1 10/38 4 3",
            "XẾP LOẠI TỔ CHỨC ĐẢNG",
            "TỔNG CỘNG 4 1 33,3 1 33,3 1 33,3 0 0,0 1",
            "SO SÁNH VỚI NĂM TRƯỚC",
            "Hoàn thành xuất sắc nhiệm vụ (HTXSNV) 10 16,9 6 10,9 +6,0",
            "NGƯỜI LẬP BIỂU",
            "Trần Thị Hường",
            "T/M BAN THƯỜNG VỤ",
            "Nguyễn Văn Bình",
        ],
    )


def test_pdf_fonts_are_embedded_liberation_only(pdf_path):
    assert_only_embedded_liberation_fonts(pdf_path)


def test_pdf_without_previous_year_says_so():
    buffer = io.BytesIO()
    write_sheet_pdf(sample_sheet(with_previous=False), HEADER, buffer)
    text = squash("\n".join(pdf_text(buffer.getvalue())))
    assert squash(no_previous_text(2025)) in text
    assert "Năm 2024 chưa có kỳ đánh giá trong dữ liệu." in text


def test_pdf_long_sheet_repeats_the_heading_rows_on_every_page():
    buffer = io.BytesIO()
    pages = write_sheet_pdf(synthetic_sheet(150), HEADER, buffer)
    texts = pdf_text(buffer.getvalue())
    assert pages == len(texts) >= 4
    table_pages = [t for t in texts if "Chi bộ Công ty" in t]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert_in_order(text, ["Tên tổ chức đảng", "Không đánh giá", "Miễn SH"])
    assert "Chi bộ Công ty" in texts[-2] or "TỔNG CỘNG" in texts[-2]
