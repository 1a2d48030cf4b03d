"""The register workbook: title, one row per line with cancelled lines noted, print setup."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from partydesk.domain.outgoing import OutgoingDocument
from partydesk.reports.outgoing_xlsx import (
    COLUMNS,
    HEADER_ROW,
    SHEET_TITLE,
    TITLE,
    OutgoingRegisterReport,
    write_register,
)


def line(number: int, **changes: object) -> OutgoingDocument:
    values: dict[str, object] = dict(
        id=number,
        issuer_key="office",
        issuer_name="Đảng ủy phường An Khánh",
        issuer_abbreviation="ĐU",
        organisation_id=None,
        term_key="office-term:1",
        term_label="Nhiệm kỳ 2025–2030",
        kind="GM",
        number=number,
        issued_on=date(2026, 3, number),
        summary="Mời dự hội nghị giao ban 6 tháng đầu năm 2026 với các chi bộ doanh nghiệp",
        signer="Nguyễn Văn Hùng",
        recipients="- Các chi bộ doanh nghiệp,\n- Lưu Văn phòng Đảng ủy.",
        source=f"s{number}",
    )
    values.update(changes)
    return OutgoingDocument(**values)  # type: ignore[arg-type]


def workbook(report: OutgoingRegisterReport):  # noqa: ANN201 - an openpyxl sheet
    buffer = BytesIO()
    write_register(report, buffer)
    buffer.seek(0)
    return load_workbook(buffer).active


def test_register_rows_read_back() -> None:
    report = OutgoingRegisterReport(
        documents=[
            line(1),
            line(2, cancelled_on=date(2026, 11, 21), cancel_reason="In nhầm người ký"),
            line(3, kind="TB", summary="Thông báo kết luận", recipients=""),
        ],
        committee_name="Đảng ủy phường An Khánh",
        period="Năm 2026",
        selection="Giấy mời",
        made_on=date(2026, 11, 21),
    )
    sheet = workbook(report)
    assert sheet.title == SHEET_TITLE
    assert [sheet.cell(r, 1).value for r in range(1, 5)] == [
        "ĐẢNG ỦY PHƯỜNG AN KHÁNH",
        TITLE,
        "Năm 2026 — Giấy mời",
        "Ngày lập: 21/11/2026",
    ]
    assert [sheet.cell(HEADER_ROW, c).value for c in range(1, len(COLUMNS) + 1)] == [
        name for name, _width in COLUMNS
    ]
    first = [sheet.cell(HEADER_ROW + 1, c).value for c in range(1, len(COLUMNS) + 1)]
    assert first[:5] == ["1", "01-GM/ĐU", "Đảng ủy phường An Khánh", "01/03/2026", "Giấy mời"]
    assert first[7] == "- Các chi bộ doanh nghiệp,\n- Lưu Văn phòng Đảng ủy."
    assert first[8:] == ["Nhiệm kỳ 2025–2030", None]
    cancelled = sheet.cell(HEADER_ROW + 2, len(COLUMNS))
    assert cancelled.value == "Đã hủy ngày 21/11/2026 — In nhầm người ký"
    assert sheet.cell(HEADER_ROW + 2, 2).font.strike
    assert not sheet.cell(HEADER_ROW + 1, 2).font.strike
    assert sheet.cell(HEADER_ROW + 3, 2).value == "03-TB/ĐU"
    # Three lines of recipients need a taller row; a one-line row keeps the default.
    assert sheet.row_dimensions[HEADER_ROW + 1].height >= 30
    assert sheet.row_dimensions[HEADER_ROW + 3].height is None


def test_print_setup_and_empty_register() -> None:
    sheet = workbook(OutgoingRegisterReport(documents=[], period="Tất cả các năm"))
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.cell(HEADER_ROW + 1, 2).value == "Chưa có văn bản nào."
    assert sheet.cell(HEADER_ROW, 6).alignment.wrap_text
