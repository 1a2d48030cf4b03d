"""Reading import files: encodings, layouts, limits and hostile files (reliability §3.6, T11).

Hostile files are generated here, never committed. Time and memory of the zip bomb and of the
100k-row CSV are printed (run with ``-s``), not asserted.
"""

from __future__ import annotations

import functools
import io
import resource
import time
import tracemalloc
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from partydesk.services.importing import xlsx_file
from partydesk.services.importing.reader import ImportFileRefused, ReadLimits, read_table

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
EXPECTED_HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Số thẻ đảng viên",
    "Tổ chức đảng",
    "Quê quán",
]
EXPECTED_NAMES = ["Nguyễn Đức Ánh", "Hoàng Thị Thuỷ", "Lê Văn Ước"]


def refused(path: Path, limits: ReadLimits = ReadLimits()) -> ImportFileRefused:  # noqa: B008
    with pytest.raises(ImportFileRefused) as caught:
        read_table(path, limits)
    message = caught.value.message
    assert path.name in message and "không bị thay đổi" in message
    return caught.value


def xlsx(path: Path, rows: list[list], *, title: str = "Trang 1") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def rewrite_part(source: Path, target: Path, part: str, body: bytes) -> Path:
    """A copy of an .xlsx with one part replaced."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, body if info.filename == part else src.read(info.filename))
    return target


# --- encodings and layouts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("members-utf8.csv", "utf-8"),
        ("members-utf8-bom.csv", "utf-8-sig"),
        ("members-utf16.txt", "utf-16"),
        ("members-cp1258.csv", "cp1258"),
        ("members-nfd.csv", "utf-8"),
    ],
)
def test_the_same_content_reads_identically_in_every_encoding(name: str, encoding: str) -> None:
    table = read_table(FIXTURES / name)
    assert table.encoding == encoding
    assert table.headers == EXPECTED_HEADERS
    assert [row[0] for row in table.rows] == EXPECTED_NAMES
    assert [row[3] for row in table.rows] == ["001085012345", "038190004567", "079088001122"]
    assert table.rows[1][4] == "00123456"
    assert table.first_data_row == 2
    for row in table.rows:
        for cell in row:
            assert cell is None or unicodedata.is_normalized("NFC", cell)
    reference = read_table(FIXTURES / "members-utf8.csv")
    assert table.rows == reference.rows


def test_an_xlsx_with_title_lines_above_the_heading_row() -> None:
    table = read_table(FIXTURES / "members-title-rows.xlsx")
    assert table.sheet == "Danh sách" and table.encoding == ""
    assert table.headers == EXPECTED_HEADERS
    assert table.first_data_row == 4  # title, empty line, headings
    assert table.rows[0][:4] == ["Nguyễn Đức Ánh", date(1985, 3, 15), "Nam", "001085012345"]


def test_the_first_filled_visible_sheet_is_read(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Trống"
    hidden = workbook.create_sheet("Ẩn")
    hidden.append(["Bí mật"])
    hidden.sheet_state = "hidden"
    workbook.create_sheet("Dữ liệu").append(["Họ và tên"])
    workbook["Dữ liệu"].append(["Nguyễn Văn An"])
    workbook.save(tmp_path / "sheets.xlsx")
    table = read_table(tmp_path / "sheets.xlsx")
    assert table.sheet == "Dữ liệu" and table.rows == [["Nguyễn Văn An"]]


def test_ragged_rows_are_padded_and_trailing_blanks_trimmed(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("A,B,C\n1\n1,2,3,4,,\n\n1,2,,,\n,,\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["A", "B", "C", ""]
    assert table.rows == [
        ["1", None, None, None],
        ["1", "2", "3", "4"],
        [None, None, None, None],  # the empty line keeps the numbering of what follows
        ["1", "2", None, None],
    ]
    assert [table.file_row(i) for i in (0, 3)] == [2, 5]


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        delimiter.join(["Họ và tên", '"Địa chỉ; số nhà, đường"', "Ngày sinh"])
        + "\n"
        + delimiter.join(["An", '"12, Lê Lợi; Hà Nội"', "01/01/1990"])
        + "\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.headers == ["Họ và tên", "Địa chỉ; số nhà, đường", "Ngày sinh"]
    assert table.rows == [["An", "12, Lê Lợi; Hà Nội", "01/01/1990"]]


def test_xlsx_keeps_text_zeros_and_reports_number_cells_as_numbers(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "z.xlsx", [["Số CCCD", "Số thẻ"], ["001080012345", 1080012345]])
    table = read_table(path)
    assert table.rows == [["001080012345", 1080012345]]


def test_a_formula_cell_gives_its_value_and_text_starting_with_equals_stays_text(
    tmp_path: Path,
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Ghi chú"])
    sheet.append(["An", '=HYPERLINK("http://x","y")'])
    cell = sheet.cell(row=3, column=1, value='=HYPERLINK("http://x","y")')
    cell.data_type = "s"  # typed as text, e.g. with a leading apostrophe
    workbook.save(tmp_path / "f.xlsx")
    table = read_table(tmp_path / "f.xlsx")
    # A real formula has no cached value in a file openpyxl wrote: it reads as empty.
    assert table.rows == [["An", None], ['=HYPERLINK("http://x","y")', None]]


# --- refusals by kind -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ds.xlsm", "macro"),
        ("ds.xls", "97–2003"),
        ("ds.ods", "LibreOffice"),
        ("ds.pdf", "chỉ nhận tệp Excel (.xlsx) hoặc CSV"),
    ],
)
def test_other_file_kinds_are_refused_by_name(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"anything")
    assert words in refused(path).reason


def test_macros_inside_a_renamed_workbook_are_refused(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", [["Họ và tên"], ["An"]])
    with zipfile.ZipFile(base, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    assert "macro" in refused(base).reason


def test_a_png_renamed_to_xlsx_and_a_truncated_workbook_are_refused(tmp_path: Path) -> None:
    png = tmp_path / "anh.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "không phải tệp Excel .xlsx hợp lệ" in refused(png).reason
    good = xlsx(tmp_path / "good.xlsx", [["Họ và tên"], ["An"]])
    data = good.read_bytes()
    for cut in (len(data) // 3, len(data) - 30):
        broken = tmp_path / f"cut-{cut}.xlsx"
        broken.write_bytes(data[:cut])
        assert "không phải tệp Excel .xlsx hợp lệ" in refused(broken).reason


def test_a_workbook_with_a_part_missing_or_garbled_is_refused(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", [["Họ và tên"], ["An"]])
    garbled = rewrite_part(base, tmp_path / "g.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet")
    assert "không phải tệp Excel .xlsx hợp lệ" in refused(garbled).reason
    ole = tmp_path / "protected.xlsx"
    ole.write_bytes(xlsx_file.OLE_MAGIC + b"\x00" * 500)
    assert "mật khẩu" in refused(ole).reason


def test_empty_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "rỗng" in refused(empty).reason
    blank = tmp_path / "blank.csv"
    blank.write_text("\n ,, \n\n", encoding="utf-8")
    assert "không có dữ liệu" in refused(blank).reason
    assert "trống" in refused(xlsx(tmp_path / "blank.xlsx", [[], [None, " "]])).reason
    assert "không tìm thấy" in refused(tmp_path / "missing.csv").reason


def test_undecodable_and_binary_csv_are_refused(tmp_path: Path) -> None:
    undefined = tmp_path / "cp.csv"
    undefined.write_bytes("Họ tên\n".encode() + b"\x81\x8d\xff bad\n")  # not UTF-8, not cp1258
    assert "bảng mã cp1258" in refused(undefined).reason
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00\x01\x02\x00\x00\xff\xfe\x00")
    assert "nhị phân" in refused(binary).reason


# --- limits ---------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("A\n" + "x\n" * 3000, encoding="utf-8")
    reason = refused(path, ReadLimits(max_bytes=4096)).reason
    assert "vượt giới hạn 4.096 byte" in reason


def test_a_one_megabyte_cell_is_refused_naming_its_row_and_column(tmp_path: Path) -> None:
    huge = "Đ" * (1024 * 1024)
    csv_path = tmp_path / "cell.csv"
    csv_path.write_text(f"Họ và tên,Ghi chú\nAn,ngắn\nBình,{huge}\n", encoding="utf-8")
    reason = refused(csv_path).reason
    assert "ô B3 (dòng 3, cột B) có 1.048.576 ký tự" in reason and "10.000" in reason
    xlsx_path = xlsx(tmp_path / "cell.xlsx", [["Họ và tên", "Ghi chú"], ["An", None, huge[:32000]]])
    assert "ô C2 (dòng 2, cột C) có 32.000 ký tự" in refused(xlsx_path).reason


def test_too_many_columns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(201)) + "\n", encoding="utf-8")
    assert "dòng 1 có 201 cột, vượt giới hạn 200 cột" in refused(path).reason
    wide = xlsx(tmp_path / "wide.xlsx", [["A"], ["x"] * 250])
    assert "dòng 2 có 201 cột" in refused(wide).reason


def test_a_csv_with_100_001_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    body = "".join(f"Người {i},01/01/1990\n" for i in range(100_001))
    path.write_text("Họ và tên,Ngày sinh\n" + body, encoding="utf-8")
    assert "hơn 100.000 dòng dữ liệu" in refused(path).reason


def test_a_csv_with_100_000_rows_is_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    body = "".join(
        f"Nguyễn Văn Người {i},01/01/1990,0010850{i:05d},Chi bộ Một\n" for i in range(100_000)
    )
    path.write_text("Họ và tên,Ngày sinh,Số CCCD,Tổ chức đảng\n" + body, encoding="utf-8-sig")
    started = time.perf_counter()
    table = read_table(path)
    elapsed = time.perf_counter() - started
    assert len(table.rows) == 100_000 and table.rows[-1][2] == "001085099999"
    print(f"\n100k-row CSV ({path.stat().st_size / 1e6:.1f} MB) read in {elapsed:.2f} s")


def test_a_long_run_of_blank_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank-run.csv"
    path.write_text("A\n1\n" + "\n" * 200 + "2\n", encoding="utf-8")
    reason = refused(path, ReadLimits(max_rows=100)).reason
    assert "hơn 100 dòng trống liên tiếp (từ dòng 3)" in reason


def test_a_hostile_sheet_dimension_costs_nothing(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", [["Họ và tên"], ["An"]])
    with zipfile.ZipFile(base) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    lying = sheet.replace('<dimension ref="A1:A2"/>', '<dimension ref="A1:XFD1048576"/>')
    assert lying != sheet
    path = rewrite_part(base, tmp_path / "dim.xlsx", "xl/worksheets/sheet1.xml", lying.encode())
    table = read_table(path)
    assert table.headers == ["Họ và tên"] and table.rows == [["An"]]


# --- hostile archives and XML ---------------------------------------------------------------


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A workbook-shaped zip whose one sheet is ``megabytes`` MB of zeros (about 1:1000)."""
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(megabytes):
                sheet.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_any_parsing(tmp_path: Path, monkeypatch) -> None:
    import openpyxl

    bomb = zip_bomb(tmp_path / "bomb.xlsx", 300)

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not be reached")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    error = refused(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "300 MB" in error.reason and "độc hại" in error.reason
    print(
        f"\nzip bomb ({bomb.stat().st_size / 1e3:.0f} kB → 300 MB): refused in "
        f"{elapsed * 1000:.1f} ms, Python allocations peak {peak / 1e3:.0f} kB, process "
        f"peak RSS {rss_before / 1e3:.0f} → "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB"
    )


def test_a_part_compressed_beyond_the_ratio_is_refused(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "ratio.xlsx", 150)  # under the 200 MB total, ratio ~1000
    assert "nén bất thường" in refused(bomb).reason


def test_an_archive_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(60):
            archive.writestr(f"x/{i}", b"")
    assert "60 thành phần" in refused(path, ReadLimits(max_zip_entries=50)).reason


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def with_laughs(xml: bytes) -> bytes:
    text = xml.decode()
    if text.startswith("<?xml"):
        declaration, _, rest = text.partition("?>")
        return (declaration + "?>" + LAUGHS + rest).encode()
    return (LAUGHS + text).encode()


def test_billion_laughs_in_a_sheet_is_refused(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", [["Họ và tên"], ["An"]])
    with zipfile.ZipFile(base) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    hostile = with_laughs(sheet).replace(b"<t>An</t>", b"<t>&lol9;</t>")
    path = rewrite_part(base, tmp_path / "lol.xlsx", "xl/worksheets/sheet1.xml", hostile)
    started = time.perf_counter()
    assert "không an toàn" in refused(path).reason
    print(f"\nbillion laughs (sheet) refused in {(time.perf_counter() - started) * 1000:.1f} ms")


def test_billion_laughs_in_shared_strings_is_refused(tmp_path: Path) -> None:
    import xlsxwriter  # writes shared strings, as Excel does

    base = tmp_path / "shared.xlsx"
    workbook = xlsxwriter.Workbook(str(base))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["Họ và tên"])
    sheet.write_row(1, 0, ["Nguyễn Văn An"])
    workbook.close()
    with zipfile.ZipFile(base) as archive:
        strings = archive.read("xl/sharedStrings.xml")
    hostile = with_laughs(strings).replace("Nguyễn Văn An".encode(), b"&lol9;")
    path = rewrite_part(base, tmp_path / "lol-shared.xlsx", "xl/sharedStrings.xml", hostile)
    assert "không an toàn" in refused(path).reason


# --- fuzz (T11) -----------------------------------------------------------------------------

_fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_fuzz
@given(st.binary(max_size=2000))
def test_any_bytes_as_csv_give_a_table_or_a_refusal(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except ImportFileRefused as exc:
        assert exc.reason
    else:
        assert all(len(row) == len(table.headers) for row in table.rows)


@functools.cache
def small_workbook() -> bytes:
    """One workbook for the whole session: Hypothesis needs the same bytes on every example."""
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Ngày sinh"])
    workbook.active.append(["An", date(1990, 1, 1)])
    workbook.save(buffer)
    return buffer.getvalue()


@_fuzz
@given(st.data())
def test_damaged_workbooks_give_a_table_or_a_refusal(tmp_path: Path, data) -> None:
    raw = bytearray(small_workbook())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(bytes(raw))
    try:
        read_table(path)
    except ImportFileRefused as exc:
        assert exc.reason


def test_the_workbooks_written_here_are_real_workbooks(tmp_path: Path) -> None:
    """The generator above writes files openpyxl itself can open (a guard on the fuzz test)."""
    path = xlsx(tmp_path / "ok.xlsx", [["A"], [1]])
    assert load_workbook(path).active["A2"].value == 1
