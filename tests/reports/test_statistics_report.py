"""Tests for the printed statistics report: the PDF (text, fonts, pages, charts) and the XLSX."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from partydesk.domain.settings import OfficeSettings
from partydesk.domain.statistics import Key, Unit
from partydesk.domain.statistics_charts import ChartKind
from partydesk.reports.statistics_charts_pdf import chart_drawing, value_label
from partydesk.reports.statistics_pdf import write_statistics_pdf
from partydesk.reports.statistics_report import StatisticsReport
from partydesk.reports.statistics_tables import (
    NO_CHARTS,
    NO_CLASSIFICATION,
    NO_TARGETS,
    LineKind,
    indicator_lines,
    number_text,
    signed_text,
)
from partydesk.reports.statistics_xlsx import (
    BY_TYPE_SHEET,
    CLASSIFICATION_SHEET,
    HEADING_ROW,
    INDICATORS_SHEET,
    MEETINGS_SHEET,
    TARGETS_SHEET,
    write_statistics_xlsx,
)
from tests.statistics_sample import sample_statistics

from .test_hd36 import assert_in_order, assert_only_embedded_liberation_fonts, pdf_text, squash

MADE_ON = date(2026, 11, 22)
OFFICE = OfficeSettings(
    committee_full_name="Đảng ủy phường An Khánh",
    committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
    upper_body_header="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    locality="An Khánh",
    signer_name="Nguyễn Văn Bình",
)
INJECTION = "=cmd|' /C calc'!A0"


def report(*, empty: bool = False, office: OfficeSettings = OFFICE) -> StatisticsReport:
    return StatisticsReport(sample_statistics(empty=empty), office, MADE_ON)


def render_pdf(statistics_report: StatisticsReport) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = write_statistics_pdf(statistics_report, out)
    return out.getvalue(), pages


@pytest.fixture(scope="module")
def sample_pdf() -> tuple[bytes, int]:
    return render_pdf(report())


@pytest.fixture(scope="module")
def empty_pdf() -> tuple[bytes, int]:
    return render_pdf(report(empty=True))


# --- numbers ------------------------------------------------------------------------------


def test_numbers_are_written_vietnamese_style():
    assert number_text(1234.0, Unit.COUNT) == "1.234"
    assert number_text(12.54, Unit.PERCENT) == "12,5 %"
    assert number_text(104.5, Unit.MINUTES) == "104,5"
    assert number_text(None, Unit.PERCENT) == "–"
    assert signed_text(37.0, Unit.COUNT) == "+37"
    assert signed_text(-1500.0, Unit.COUNT) == "\u22121.500"
    assert signed_text(0.0, Unit.COUNT) == "0"
    assert signed_text(-3.24, Unit.PERCENT) == "\u22123,2"
    assert signed_text(0.01, Unit.PERCENT) == "0,0"
    assert signed_text(None, Unit.COUNT) == "–"
    assert value_label(980.0, "") == "980"
    assert value_label(80.75, " %") == "80,8 %"


def test_indicator_lines_number_sections_and_main_lines():
    lines = indicator_lines(sample_statistics())
    sections = [line for line in lines if line.kind is LineKind.SECTION]
    assert [s.number for s in sections] == ["I", "II", "III", "IV", "V"]
    assert sections[-1].text.endswith("(kết quả năm 2025)")
    first = lines[1]
    assert (first.number, first.text) == ("1", "Doanh nghiệp trên địa bàn")
    part = next(line for line in lines if line.figure and line.figure.key is Key.MEM_FEMALE)
    assert part.number == "" and part.shown_label == "– đảng viên nữ"
    assert part.note_label == "Đảng viên – đảng viên nữ"
    large = next(x for x in lines if x.figure and x.figure.key is Key.DN_LARGE_WITHOUT_ORG)
    assert large.shown_label == "Doanh nghiệp từ 500 lao động trở lên chưa có tổ chức đảng (*)"


def test_without_a_classification_year_the_section_is_one_message():
    lines = indicator_lines(sample_statistics(empty=True))
    last_section = max(n for n, line in enumerate(lines) if line.kind is LineKind.SECTION)
    tail = lines[last_section + 1 :]
    assert [line.kind for line in tail] == [LineKind.MESSAGE]
    assert tail[0].text.startswith(NO_CLASSIFICATION)


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_has_header_title_tables_and_figures_in_order(sample_pdf):
    pdf, pages = sample_pdf
    assert pages == len(PdfReader(io.BytesIO(pdf)).pages) > 1
    text = "\n".join(pdf_text(pdf))
    assert_in_order(
        text,
        [
            "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
            "ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            "-BC/ĐU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "An Khánh, ngày 22 tháng 11 năm 2026",
            "BÁO CÁO THỐNG KÊ",
            "tình hình tổ chức đảng, đảng viên trong các doanh nghiệp năm 2026",
            "(số liệu đến ngày 21/11/2026)",
            "Biểu 1. Các chỉ số chủ yếu",
            "Cùng kỳ năm 2025 (đến 21/11/2025)",
            "I Doanh nghiệp và tổ chức đảng",
            "1 Doanh nghiệp trên địa bàn 38 40 +2",
            "– Tỷ lệ doanh nghiệp có tổ chức đảng 15,2 % 17,4 % +2,2 15,0 % (2030) 116,0 %",
            "– đã có tổ chức đảng 178 188 (42,5 %) +10",
            "Thời lượng bình quân một buổi thường kỳ (phút) 98,0 104,5 +6,5",
            "V Đánh giá, xếp loại chất lượng (kết quả năm 2025)",
            "Biểu 2. Tổ chức đảng, đảng viên theo loại hình doanh nghiệp",
            "Tổng cộng 405 84 20,7 % 96 2.226",
            "Biểu 3. Kết quả xếp loại qua các năm",
            "2022 180 7,7 % 1.900 80,8 %",
            "Biểu 4. Sinh hoạt chi bộ thường kỳ theo tháng",
            "Cộng 1.222 1.172 95,9 %",
            "Biểu 5. Tiến độ thực hiện chỉ tiêu",
            "Biểu đồ",
            "Ghi chú cách tính",
            "theo hồ sơ hiện tại",
            "Nơi nhận:",
            "T/M BAN THƯỜNG VỤ",
            "Nguyễn Văn Bình",
        ],
    )


def test_pdf_draws_the_four_charts_with_their_values(sample_pdf):
    text = squash("\n".join(pdf_text(sample_pdf[0])))
    for title in (
        "Tổ chức đảng và đảng viên theo loại hình doanh nghiệp",
        "Kết quả xếp loại đảng viên qua các năm (%)",
        "Buổi sinh hoạt thường kỳ phải tổ chức và đã tổ chức, năm 2026",
        "Tiến độ thực hiện chỉ tiêu",
    ):
        assert title in text
    for value in ("980", "80,8 %", "CP vốn NN chi phối", "đạt 116,0 % · hạn 2030", "T11"):
        assert value in text


def test_pdf_notes_define_every_indicator_shown(sample_pdf):
    text = squash("\n".join(pdf_text(sample_pdf[0])))
    notes = text[text.index("Ghi chú cách tính") :]
    assert "Đảng viên – đảng viên nữ: Đảng viên có giới tính nữ." in notes
    assert "Kết quả xếp loại là của năm đánh giá 2025; cột cùng kỳ là kết quả năm 2024." in notes
    assert notes.count("(*)") >= 8  # the note, and every current-record indicator


def test_pdf_embeds_only_the_bundled_fonts(sample_pdf, tmp_path):
    path = tmp_path / "bao-cao-thong-ke.pdf"
    path.write_bytes(sample_pdf[0])
    assert_only_embedded_liberation_fonts(path)


def test_pdf_is_reproducible(sample_pdf):
    assert render_pdf(report())[0] == sample_pdf[0]


def test_empty_office_renders_and_says_what_is_missing(empty_pdf, tmp_path):
    pdf, pages = empty_pdf
    assert pages > 1
    text = squash("\n".join(pdf_text(pdf)))
    assert NO_CLASSIFICATION in text
    assert NO_TARGETS in text
    assert NO_CHARTS in text
    # No rows of zeros for classification, and no chart legend of the levels either.
    assert "Hoàn thành xuất sắc nhiệm vụ" not in text
    assert "1 Doanh nghiệp trên địa bàn 0 0 0" in text
    path = tmp_path / "rong.pdf"
    path.write_bytes(pdf)
    assert_only_embedded_liberation_fonts(path)


def test_an_empty_chart_is_left_out_and_the_others_drawn():
    stats = replace(sample_statistics(), by_enterprise_type=(), meetings_by_month=())
    text = squash("\n".join(pdf_text(render_pdf(StatisticsReport(stats, OFFICE, MADE_ON))[0])))
    charts = text[text.index("Biểu đồ") : text.index("Ghi chú cách tính")]
    assert "Tổ chức đảng và đảng viên theo loại hình" not in charts
    assert "Buổi sinh hoạt thường kỳ phải tổ chức" not in charts
    assert "Kết quả xếp loại đảng viên qua các năm (%)" in charts
    assert "đạt 40,2 % · hạn 2030" in charts


def test_progress_chart_grows_for_many_targets():
    chart = next(c for c in report().charts if c.kind is ChartKind.PROGRESS)
    many = replace(chart, items=chart.items * 5)
    assert chart_drawing(many, 340, 170).height > 170
    assert chart_drawing(chart, 340, 170).height == 170


# --- XLSX ---------------------------------------------------------------------------------


def load(statistics_report: StatisticsReport):
    out = io.BytesIO()
    rows = write_statistics_xlsx(statistics_report, out)
    out.seek(0)
    return load_workbook(out), rows


def row_of(sheet, label: str) -> int:
    for row in range(HEADING_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row=row, column=2).value == label:
            return row
    raise AssertionError(f"no row {label!r}")


def test_xlsx_indicator_sheet_holds_typed_figures():
    book, rows = load(report())
    assert book.sheetnames == [
        INDICATORS_SHEET,
        BY_TYPE_SHEET,
        CLASSIFICATION_SHEET,
        MEETINGS_SHEET,
        TARGETS_SHEET,
    ]
    assert rows == 46
    ws = book[INDICATORS_SHEET]
    assert ws["A1"].value == "ĐẢNG ỦY PHƯỜNG AN KHÁNH"
    assert ws["A2"].value.startswith("BÁO CÁO THỐNG KÊ tình hình tổ chức đảng")
    assert ws["A3"].value == "(số liệu đến ngày 21/11/2026)"
    assert ws.cell(row=HEADING_ROW, column=3).value == "Cùng kỳ năm 2025 (đến 21/11/2025)"
    assert ws.cell(row=HEADING_ROW + 1, column=1).value == "I"

    total = row_of(ws, "Doanh nghiệp trên địa bàn")
    assert [ws.cell(row=total, column=c).value for c in (1, 3, 4, 6)] == ["1", 38, 40, 2]
    assert ws.cell(row=total, column=3).number_format == "#,##0"
    assert isinstance(ws.cell(row=total, column=4).value, int)

    rate = row_of(ws, "– Tỷ lệ doanh nghiệp có tổ chức đảng")
    values = [ws.cell(row=rate, column=c).value for c in range(3, 10)]
    assert values[0] == pytest.approx(0.152) and values[1] == pytest.approx(0.174)
    assert values[2] is None  # a rate has no share
    assert values[3] == pytest.approx(0.022)
    assert values[4:6] == [pytest.approx(0.15), 2030]
    assert values[6] == pytest.approx(1.16)
    assert ws.cell(row=rate, column=4).number_format == "0.0%"
    assert ws.cell(row=rate, column=10).value.startswith("Doanh nghiệp có tổ chức đảng /")

    share = row_of(ws, "– đã có tổ chức đảng")
    assert ws.cell(row=share, column=4).value == 188
    assert ws.cell(row=share, column=5).value == pytest.approx(0.425)
    minutes = row_of(ws, "Thời lượng bình quân một buổi thường kỳ (phút)")
    assert ws.cell(row=minutes, column=4).value == pytest.approx(104.5)


def test_xlsx_breakdown_sheets_hold_typed_figures():
    book, _ = load(report())
    by_type = book[BY_TYPE_SHEET]
    total = next(r for r in by_type.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert total[2:4] == (405, 84) and total[4] == pytest.approx(84 / 405)
    assert total[5:] == (96, 2226)

    classification = book[CLASSIFICATION_SHEET]
    first = next(r for r in classification.iter_rows(values_only=True) if r[0] == 2022)
    assert first[1] == 180 and first[2] == pytest.approx(180 / 2352) and first[-1] == 2352
    titles = [r[0] for r in classification.iter_rows(values_only=True) if r[0]]
    assert any(str(t).startswith("a) Kết quả xếp loại đảng viên") for t in titles)
    assert any(str(t).startswith("b) Kết quả xếp loại tổ chức đảng") for t in titles)

    meetings = book[MEETINGS_SHEET]
    january = next(r for r in meetings.iter_rows(values_only=True) if r[0] == "Tháng 1")
    assert january[1:3] == (111, 107) and january[3] == pytest.approx(107 / 111)

    targets = book[TARGETS_SHEET]
    first_target = next(r for r in targets.iter_rows(values_only=True) if r[0] == "1")
    assert first_target[1] == "Tỷ lệ doanh nghiệp có tổ chức đảng"
    assert first_target[2] == pytest.approx(0.15) and first_target[3] == 2030
    assert first_target[5] == pytest.approx(1.16)


def test_xlsx_of_an_empty_office_says_there_is_no_classification():
    book, rows = load(report(empty=True))
    assert rows == 36  # no classification rows of zeros
    texts = [c for r in book[INDICATORS_SHEET].iter_rows(values_only=True) for c in r if c]
    assert any(str(t).startswith(NO_CLASSIFICATION) for t in texts)
    assert "– Hoàn thành xuất sắc nhiệm vụ" not in texts
    targets = [c for r in book[TARGETS_SHEET].iter_rows(values_only=True) for c in r if c]
    assert NO_TARGETS in targets


def test_xlsx_writes_malicious_office_names_and_sources_as_text():
    office = replace(OFFICE, committee_header=INJECTION, locality="+84 An Khánh")
    stats = sample_statistics()
    stats = replace(stats, targets=(replace(stats.targets[0], source="@SUM(A1)"),))
    book, _ = load(StatisticsReport(stats, office, MADE_ON))
    for ws in book.worksheets:
        committee = ws["A1"]
        assert committee.value == INJECTION.upper()  # printed in capitals, as in headers
        assert committee.data_type == "s" and committee.quotePrefix
        assert ws["A4"].value.startswith("+84 An Khánh") and ws["A4"].quotePrefix
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
    source = next(c for r in book[TARGETS_SHEET].iter_rows() for c in r if c.value == "@SUM(A1)")
    assert source.data_type == "s" and source.quotePrefix


def test_pdf_prints_a_malicious_office_name_as_plain_text():
    office = replace(OFFICE, committee_header="<b>=cmd</b> & co")
    text = squash("\n".join(pdf_text(render_pdf(report(office=office))[0])))
    assert "<B>=CMD</B> & CO" in text
