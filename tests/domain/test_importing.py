"""Import rules: cells, columns, the row parser, references and duplicate keys (T9, T11)."""

from __future__ import annotations

import unicodedata
from dataclasses import fields
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.import_cells import LOST_ZEROS, CellError
from partydesk.domain.importing import (
    DuplicateFinder,
    DuplicateKey,
    ImportKind,
    KeyKind,
    References,
    RegisterEntry,
    RowProblem,
    columns,
    heading_key,
    mapping_problems,
    member_keys,
    name_birth_key,
    parse_date_cell,
    parse_enterprise_row,
    parse_identifier_cell,
    parse_int_cell,
    parse_member_row,
    parse_yes_no,
)
from partydesk.domain.member import Gender, Member, Standing
from partydesk.domain.validation import validate_enterprise, validate_member

TODAY = date(2026, 11, 21)
CELL = RegisterEntry(1, "Chi bộ Công ty Cổ phần Minh Phát", "CB")
OLD_CELL = RegisterEntry(2, "Chi bộ Xí nghiệp Cũ", ended=True)
FIRM = RegisterEntry(7, "Công ty Cổ phần Minh Phát", "0102345677")
REFS = References([CELL, OLD_CELL], [FIRM])

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/1985", date(1985, 3, 15)),
        ("5/3/1985", date(1985, 3, 5)),
        (" 15.03.1985 ", date(1985, 3, 15)),
        ("15-03-1985", date(1985, 3, 15)),
        ("1985-03-15", date(1985, 3, 15)),
        ("1985-03-15 00:00:00", date(1985, 3, 15)),
        (date(1985, 3, 15), date(1985, 3, 15)),
        (datetime(1985, 3, 15, 0, 0), date(1985, 3, 15)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_accepted(value, expected) -> None:
    assert parse_date_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31/02/1980", "ngày không có thật."),
        ("03/15/1985", "ngày không có thật; hãy ghi theo thứ tự ngày/tháng/năm"),
        ("15/03/85", "năm cần ghi đủ 4 chữ số"),
        ("1985", "chỉ có năm"),
        (1985, "chỉ có năm"),
        (31121.0, "ô là số, không phải ngày"),
        ("15/03/1885", "năm 1885 không hợp lệ"),
        ("mười lăm tháng ba", "không đọc được ngày"),
        ("15/03-1985", "không đọc được ngày"),  # mixed separators are a typo, not a date
    ],
)
def test_dates_refused_with_a_reason(value, reason) -> None:
    with pytest.raises(CellError) as caught:
        parse_date_cell(value)
    assert caught.value.reason.startswith(reason)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_real_date_reads_back_in_every_accepted_spelling(day: date) -> None:
    spellings = (
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%d.%m.%Y}",
        day.isoformat(),
    )
    assert all(parse_date_cell(text) == day for text in spellings)
    assert parse_date_cell(datetime(day.year, day.month, day.day)) == day


@settings(max_examples=500)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none()))
def test_a_date_cell_is_a_date_none_or_a_cell_error(value) -> None:
    try:
        result = parse_date_cell(value)
    except CellError as exc:
        assert exc.reason
    else:
        assert result is None or isinstance(result, date)


# --- identifiers and numbers ---------------------------------------------------------------


def test_identifier_text_keeps_its_leading_zeros() -> None:
    assert parse_identifier_cell("001080012345", (12,)) == "001080012345"
    assert parse_identifier_cell("'001080012345", (12,)) == "001080012345"


def test_a_number_cell_that_lost_its_zeros_is_refused_with_advice() -> None:
    with pytest.raises(CellError) as caught:
        parse_identifier_cell(1080012345, (12,))
    assert caught.value.reason == LOST_ZEROS
    with pytest.raises(CellError, match="mất khi lưu bằng Excel"):
        parse_identifier_cell("1080012345", (12,))
    with pytest.raises(CellError, match="lũy thừa"):
        parse_identifier_cell("1,08001E+11", (12,))


def test_a_number_cell_of_the_right_length_or_without_a_fixed_length_is_its_digits() -> None:
    assert parse_identifier_cell(123456789012, (12,)) == "123456789012"
    assert parse_identifier_cell(123456789012.0, (12,)) == "123456789012"
    assert parse_identifier_cell(1012345) == "1012345"  # số thẻ: no fixed length


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_any_digit_text_is_kept_exactly(digits: str) -> None:
    assert parse_identifier_cell(digits) == digits


@pytest.mark.parametrize(
    ("value", "expected"),
    [(120, 120), (120.0, 120), ("120", 120), ("1.234", 1234), ("1 234", 1234), (None, None)],
)
def test_whole_numbers(value, expected) -> None:
    assert parse_int_cell(value) == expected


@pytest.mark.parametrize("value", ["12,5", 12.5, "mười", "1.23", date(2020, 1, 1)])
def test_not_whole_numbers(value) -> None:
    with pytest.raises(CellError):
        parse_int_cell(value)


def test_yes_no() -> None:
    assert [parse_yes_no(v) for v in ("Có", "co", "x", 1, "Không", "0", None, "")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    with pytest.raises(CellError):
        parse_yes_no("có lẽ")


# --- problems -------------------------------------------------------------------------------


def test_problem_text_names_row_column_and_value() -> None:
    problem = RowProblem(7, "Ngày sinh", "31/02/1980", "ngày không có thật.")
    assert problem.text() == "Dòng 7, cột Ngày sinh (“31/02/1980”): ngày không có thật."
    assert RowProblem(0, "Họ và tên", "", "chưa ghép.").text() == "Cột Họ và tên: chưa ghép."
    assert RowProblem(3, "", "", "dòng trống.").text() == "Dòng 3: dòng trống."
    long = RowProblem(2, "Ghi chú", "x" * 500, "quá dài.").text()
    assert len(long) < 120 and "…" in long


# --- columns --------------------------------------------------------------------------------


def test_columns_fill_real_fields_and_headings_are_unambiguous() -> None:
    member_fields = {f.name for f in fields(Member)} | {"organisation", "enterprise"}
    enterprise_fields = {f.name for f in fields(Enterprise)}
    assert {c.key for c in columns(ImportKind.MEMBERS)} <= member_fields
    assert {c.key for c in columns(ImportKind.ENTERPRISES)} <= enterprise_fields
    for kind in ImportKind:
        seen: dict[str, str] = {}
        for column in columns(kind):
            for text in (column.label, *column.aliases):
                assert seen.setdefault(heading_key(text), column.key) == column.key, text


def test_heading_key_ignores_case_marks_punctuation_and_notes() -> None:
    assert heading_key("NGÀY SINH (dd/mm/yyyy) *") == heading_key("Ngày sinh") == "ngay sinh"
    assert heading_key("Số CMND/CCCD") == "so cmnd cccd"


def test_the_examples_are_a_valid_row() -> None:
    for kind, parse in (
        (ImportKind.MEMBERS, parse_member_row),
        (ImportKind.ENTERPRISES, parse_enterprise_row),
    ):
        cells = {c.key: c.example or None for c in columns(kind)}
        parsed = parse(2, cells, REFS, TODAY)
        assert parsed.problems == () and parsed.record is not None, parsed.problems


def test_required_columns_unmapped_or_mapped_twice_are_file_problems() -> None:
    headers = ["Họ tên", "Tên", "Ngày sinh"]
    problems = mapping_problems(ImportKind.MEMBERS, {0: "full_name", 1: "full_name"}, headers)
    texts = [p.text() for p in problems]
    assert any("Họ và tên" in t and "A “Họ tên”, B “Tên”" in t for t in texts)
    assert any(t.startswith("Cột Tổ chức đảng: cột bắt buộc") for t in texts)
    assert all(p.row == 0 for p in problems)


# --- the row parser -------------------------------------------------------------------------

GOOD_MEMBER = {
    "full_name": "Nguyễn Văn An",
    "birth_date": "15/03/1985",
    "gender": "Nam",
    "cccd": "001085012345",
    "card_number": "01012345",
    "organisation": "Chi bộ Công ty Cổ phần Minh Phát",
    "enterprise": "0102345677",
    "official_date": date(2016, 5, 19),
    "admission_decision_date": "10/05/2015",
}


def test_a_good_member_row_gives_the_record() -> None:
    parsed = parse_member_row(5, GOOD_MEMBER, REFS, TODAY)
    member = parsed.record
    assert isinstance(member, Member) and parsed.problems == ()
    assert member.cccd == "001085012345" and member.card_number == "01012345"
    assert member.organisation_id == 1 and member.enterprise_id == 7
    assert member.gender is Gender.MALE and member.birth_date == date(1985, 3, 15)
    assert member.standing is Standing.OFFICIAL  # an official date and no standing column
    assert member.ethnicity == "Kinh" and member.religion == "Không"


def test_every_bad_cell_of_a_row_is_reported_in_column_order() -> None:
    cells = {
        **GOOD_MEMBER,
        "full_name": "An",
        "birth_date": "31/02/1980",
        "cccd": 1085012345,
        "organisation": "Chi bộ Xí nghiệp Cũ",
        "phone": "12345",
        "email": "an@",
    }
    parsed = parse_member_row(7, cells, REFS, TODAY)
    assert parsed.record is None
    assert [(p.column, p.reason[:25]) for p in parsed.problems] == [
        ("Họ và tên", "cần ghi đủ họ và tên."),
        ("Ngày sinh", "ngày không có thật."),
        ("Số CCCD", LOST_ZEROS[:25]),
        ("Tổ chức đảng", "tổ chức đảng này đã giải "),
        ("Điện thoại", "cần 10 chữ số cho di động"),
        ("Thư điện tử", "địa chỉ không hợp lệ (ví "),
    ]
    assert parsed.problems[1].text() == "Dòng 7, cột Ngày sinh (“31/02/1980”): ngày không có thật."


def test_references_unknown_ambiguous_and_by_code() -> None:
    refs = References(
        [CELL, RegisterEntry(3, "Chi bộ Kho vận", "KV"), RegisterEntry(4, "Chi bộ kho vận")],
        [FIRM],
    )
    assert refs.organisation("chi bo cong ty co phan minh phat") == 1  # folded
    assert refs.organisation("CB") == 1  # a unique code
    with pytest.raises(CellError, match="có 2 tổ chức đảng cùng tên"):
        refs.organisation("Chi bộ Kho Vận")
    with pytest.raises(CellError, match="không có tổ chức đảng nào"):
        refs.organisation("Chi bộ Không Có")
    assert refs.enterprise("Công ty Cổ phần Minh Phát") == refs.enterprise("0102345677") == 7


def test_an_unmapped_required_column_gives_no_record_and_no_row_problem() -> None:
    """The file-wide problem names the column once (``mapping_problems``), not on every row."""
    cells = {k: v for k, v in GOOD_MEMBER.items() if k != "organisation"}
    parsed = parse_member_row(3, cells, REFS, TODAY)
    assert parsed.record is None and parsed.problems == ()


def test_a_blank_required_cell_is_reported_once() -> None:
    parsed = parse_member_row(4, {**GOOD_MEMBER, "organisation": "  "}, REFS, TODAY)
    assert [(p.column, p.reason) for p in parsed.problems] == [
        ("Tổ chức đảng", "không được để trống (cột bắt buộc).")
    ]


def test_an_enterprise_row() -> None:
    cells = {"name": "Công ty TNHH Hòa Bình", "type": "TNHH", "workforce": "1.250", "tax_code": ""}
    parsed = parse_enterprise_row(2, cells, REFS, TODAY)
    assert isinstance(parsed.record, Enterprise)
    assert parsed.record.type is EnterpriseType.PRIVATE and parsed.record.workforce == 1250
    bad = parse_enterprise_row(
        3, {"name": "X", "type": "Tập đoàn", "tax_code": "0100107519"}, REFS, TODAY
    )
    assert [p.column for p in bad.problems] == ["Mã số thuế", "Loại hình"]


_cells = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["15/03/1985", "Nam", "Nữ", "001085012345", CELL.name, "Chính thức", "x"]),
)


def _row(kind: ImportKind) -> st.SearchStrategy[dict]:
    """Cells of every required column and of any optional ones (a file mapped correctly)."""
    return st.fixed_dictionaries(
        {c.key: _cells for c in columns(kind) if c.required},
        optional={c.key: _cells for c in columns(kind) if not c.required},
    )


@settings(max_examples=400, deadline=None)
@given(_row(ImportKind.MEMBERS))
def test_the_member_row_parser_never_fails_and_only_returns_valid_records(cells) -> None:
    parsed = parse_member_row(2, cells, REFS, TODAY)
    assert (parsed.record is None) == bool(parsed.problems)
    for problem in parsed.problems:
        assert problem.row == 2 and problem.reason
    if parsed.record is not None:
        assert validate_member(parsed.record, TODAY) == parsed.record


@settings(max_examples=300, deadline=None)
@given(_row(ImportKind.ENTERPRISES))
def test_the_enterprise_row_parser_never_fails(cells) -> None:
    parsed = parse_enterprise_row(2, cells, REFS, TODAY)
    assert (parsed.record is None) == bool(parsed.problems)
    if parsed.record is not None:
        assert validate_enterprise(parsed.record, TODAY) == parsed.record


# --- duplicate keys (T9) --------------------------------------------------------------------


@settings(max_examples=2000, deadline=None)
@given(st.text(), st.dates())
def test_name_key_is_the_same_for_nfc_and_nfd(name: str, born: date) -> None:
    nfc = unicodedata.normalize("NFC", name)
    nfd = unicodedata.normalize("NFD", name)
    assert name_birth_key(name, born) == name_birth_key(nfc, born) == name_birth_key(nfd, born)


_words = st.lists(
    st.text(alphabet=VIETNAMESE_LETTERS + TONED, min_size=1, max_size=7), min_size=2, max_size=4
)


@settings(max_examples=500, deadline=None)
@given(_words, st.dates(), st.sampled_from([" ", "  ", "\t"]))
def test_name_key_ignores_case_spacing_and_spelling(words: list[str], born: date, gap: str) -> None:
    name = " ".join(words)
    variants = (
        name.upper(),
        gap.join(words),
        f"  {name} ",
        unicodedata.normalize("NFD", name.title()),
    )
    assert {name_birth_key(v, born) for v in variants} == {name_birth_key(name, born)}


def test_golden_names() -> None:
    born = date(1990, 1, 1)
    anh = "Nguyễn Đức Ánh"
    assert name_birth_key(unicodedata.normalize("NFD", anh), born) == name_birth_key(anh, born)
    # Both tone placements of "Thuỷ" are one name.
    assert name_birth_key("Hoàng Thị Thuỷ", born) == name_birth_key("Hoàng Thị Thủy", born)
    assert name_birth_key("Lê Văn A", born) != name_birth_key("Lê Văn A", date(1990, 1, 2))


def test_duplicates_in_the_file_and_in_the_register() -> None:
    saved = member_keys("Trần Thị Bình", date(1980, 1, 2), cccd="001180001111")
    finder = DuplicateFinder(
        ImportKind.MEMBERS, dict.fromkeys(saved, "Trần Thị Bình, sinh 02/01/1980")
    )
    first = member_keys("Nguyễn Văn An", date(1985, 3, 15), card_number="01012345")
    assert finder.check(2, first) == ([], False, False)
    again = member_keys(unicodedata.normalize("NFD", "NGUYỄN VĂN AN"), date(1985, 3, 15))
    problems, in_file, in_register = finder.check(3, again)
    assert in_file and not in_register
    assert problems[0].text().endswith("trùng với dòng 2 (cùng họ tên và ngày sinh).")
    problems, in_file, in_register = finder.check(4, member_keys("X Y", None, "001180001111"))
    assert in_register and not in_file
    assert problems[0].column == "Số CCCD" and "đã có trong sổ: Trần Thị Bình" in problems[0].reason


def test_keys_skip_blank_or_malformed_parts() -> None:
    assert member_keys("Nguyễn Văn An", None) == ()
    assert member_keys("", date(1990, 1, 1), cccd="12", card_number="ab") == ()
    keys = member_keys("A B", None, cccd="001 085 012 345")
    assert keys == (DuplicateKey(KeyKind.CCCD, "001085012345"),)
