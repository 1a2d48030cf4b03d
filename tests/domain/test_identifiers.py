"""Tests for partydesk.domain.identifiers: tax code, CCCD, party numbers, phone."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partydesk.domain.errors import ValidationError
from partydesk.domain.identifiers import (
    cccd_consistency_warnings,
    tax_check_digit,
    validate_cccd,
    validate_party_number,
    validate_phone,
    validate_tax_code,
)

# Published tax codes of well-known enterprises; all satisfy the check digit.
REAL_TAX_CODES = {
    "Vietnam Airlines": "0100107518",
    "Viettel": "0100109106",
    "Vinamilk": "0300588569",
    "FPT": "0101248141",
    "VNPT": "0100684378",
    "Petrolimex": "0100107370",
    "Vietcombank": "0100112437",
    "Vingroup": "0101245486",
    "Masan": "0303576603",
    "EVN": "0100100079",
    "Hòa Phát": "0900189284",
    "Thế Giới Di Động": "0306731335",
    "VietinBank": "0100111948",
    "BIDV": "0100150619",
    "PetroVietnam": "0100681592",
    "Techcombank": "0100230800",
    "Sabeco": "0300583659",
    "Agribank": "0100686174",
    "VPBank": "0100233583",
}

TAX_FORMAT_MESSAGE = (
    "Mã số thuế phải có 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
    "(ví dụ 0101234567-001)."
)


# --- tax code ---------------------------------------------------------------


@pytest.mark.parametrize("code", REAL_TAX_CODES.values(), ids=REAL_TAX_CODES.keys())
def test_real_tax_codes_pass(code: str) -> None:
    assert validate_tax_code(code) == code
    assert validate_tax_code(f"{code}-001") == f"{code}-001"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  0100107518  ", "0100107518"),
        ("0100 107 518", "0100107518"),
        ("0100107518 - 002", "0100107518-002"),
        ("0100107518\u2013002", "0100107518-002"),  # en dash from Word
        ("0100107518002", "0100107518-002"),  # dash left out
    ],
)
def test_tax_code_normalisation(typed: str, expected: str) -> None:
    assert validate_tax_code(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "010010751",
        "01001075180",
        "0100107518-01",
        "0100107518-0001",
        "0100107518/001",
        "01001O7518",  # letter O instead of zero
        "0100107518-",
        "٠١٠٠١٠٧٥١٨",  # Arabic-Indic digits
    ],
)
def test_tax_code_bad_format(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_tax_code(typed)
    assert info.value.field == "ma_so_thue"
    assert info.value.message == TAX_FORMAT_MESSAGE


def test_tax_code_wrong_check_digit() -> None:
    with pytest.raises(ValidationError) as info:
        validate_tax_code("0100107519")
    assert "chữ số kiểm tra" in info.value.message
    assert info.value.message.startswith("Mã số thuế 0100107519 không hợp lệ")


def test_tax_code_whose_check_would_be_ten_is_never_valid() -> None:
    # 000000000: weighted sum 0, check 10 - 0 = 10, which is never issued.
    assert tax_check_digit("000000000") is None
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_tax_code("000000000" + last)


def test_tax_code_branch_000_refused() -> None:
    with pytest.raises(ValidationError) as info:
        validate_tax_code("0100107518-000")
    assert "001 đến 999" in info.value.message


def test_tax_code_blank_and_required() -> None:
    assert validate_tax_code(None) is None
    assert validate_tax_code("   ") is None
    with pytest.raises(ValidationError) as info:
        validate_tax_code("", required=True)
    assert info.value.message == "Mã số thuế: chưa nhập."


def test_tax_code_custom_field_and_label() -> None:
    with pytest.raises(ValidationError) as info:
        validate_tax_code("123", field="mst_dv", label="MST đơn vị")
    assert info.value.field == "mst_dv"
    assert info.value.message.startswith("MST đơn vị phải có 10 chữ số")


@given(st.sampled_from(sorted(REAL_TAX_CODES.values())), st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_typo_is_caught(code: str, position: int, delta: int) -> None:
    typo = code[:position] + str((int(code[position]) + delta) % 10) + code[position + 1 :]
    with pytest.raises(ValidationError):
        validate_tax_code(typo)


@given(st.sampled_from(sorted(REAL_TAX_CODES.values())), st.integers(0, 8))
def test_any_adjacent_transposition_is_caught(code: str, position: int) -> None:
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code:
        with pytest.raises(ValidationError):
            validate_tax_code(swapped)


# --- CCCD -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("001203012345", "001203012345"),
        (" 001 203 012 345 ", "001203012345"),
        ("079.190.000.123", "079190000123"),
    ],
)
def test_cccd_valid_keeps_leading_zeros(typed: str, expected: str) -> None:
    assert validate_cccd(typed) == expected


@pytest.mark.parametrize("typed", ["01203012345", "0012030123456", "00120301234A", "123456789"])
def test_cccd_invalid(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_cccd(typed)
    assert info.value.field == "cccd"
    assert info.value.message.startswith("Số CCCD phải gồm đúng 12 chữ số")


def test_cccd_blank_and_required() -> None:
    assert validate_cccd(None) is None
    with pytest.raises(ValidationError, match="chưa nhập"):
        validate_cccd(" ", required=True)


@pytest.mark.parametrize(
    ("cccd", "born", "gender"),
    [
        ("001085012345", date(1985, 6, 1), "Nam"),  # 0: 1900s, male
        ("001185012345", date(1985, 6, 1), "Nữ"),  # 1: 1900s, female
        ("079203012345", date(2003, 1, 1), "nam"),  # 2: 2000s, male
        ("079303012345", date(2003, 1, 1), "NỮ"),  # 3: 2000s, female
        ("079300012345", date(2000, 12, 31), "female"),
        ("001999012345", date(1899, 1, 1), "nữ"),  # 9: 1800s, female
    ],
)
def test_cccd_consistent_gives_no_warning(cccd: str, born: date, gender: str) -> None:
    assert cccd_consistency_warnings(cccd, born, gender) == []


def test_cccd_year_mismatch_warns() -> None:
    warnings = cccd_consistency_warnings("001085012345", date(1986, 6, 1), "Nam")
    assert warnings == [
        "Số CCCD 001085012345 cho biết năm sinh 1985, nhưng ngày sinh đã nhập là năm 1986. "
        "Vui lòng kiểm tra lại."
    ]


def test_cccd_century_mismatch_warns() -> None:
    # Digit 4 = 2 means born in the 2000s, so "05" is 2005, not 1905.
    warnings = cccd_consistency_warnings("001205012345", date(1905, 1, 1), None)
    assert len(warnings) == 1
    assert "năm sinh 2005" in warnings[0]


def test_cccd_gender_mismatch_warns() -> None:
    warnings = cccd_consistency_warnings("001185012345", date(1985, 1, 1), "Nam")
    assert warnings == [
        "Số CCCD 001185012345 là của công dân nữ, nhưng giới tính đã nhập là nam. "
        "Vui lòng kiểm tra lại."
    ]


def test_cccd_both_mismatches_warn_twice() -> None:
    assert len(cccd_consistency_warnings("001185012345", date(1990, 1, 1), "nam")) == 2


@pytest.mark.parametrize(
    ("cccd", "born", "gender"),
    [
        (None, date(1985, 1, 1), "Nam"),
        ("12345", date(1985, 1, 1), "Nam"),  # malformed: validate_cccd reports it
        ("001185012345", None, None),
        ("001185012345", None, "khác"),  # unknown gender value
    ],
)
def test_cccd_nothing_to_compare(cccd: str | None, born: date | None, gender: str | None) -> None:
    assert cccd_consistency_warnings(cccd, born, gender) == []


# --- party numbers ----------------------------------------------------------


def test_party_number_keeps_leading_zeros() -> None:
    assert validate_party_number("000123", "so_the_dang", "Số thẻ đảng viên") == "000123"
    assert validate_party_number(" 01 234.567 ", "so_ly_lich", "Số lý lịch") == "01234567"
    assert validate_party_number("9" * 20, "so_the_dang", "Số thẻ đảng viên") == "9" * 20


@pytest.mark.parametrize("typed", ["12a45", "9" * 21, "12-34", "１２３"])
def test_party_number_invalid(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_party_number(typed, "so_ly_lich", "Số lý lịch")
    assert info.value.field == "so_ly_lich"
    assert info.value.message == "Số lý lịch chỉ được gồm chữ số (tối đa 20 chữ số)."


def test_party_number_blank_and_required() -> None:
    assert validate_party_number("", "so_the_dang", "Số thẻ đảng viên") is None
    with pytest.raises(ValidationError) as info:
        validate_party_number(None, "so_the_dang", "Số thẻ đảng viên", required=True)
    assert info.value.message == "Số thẻ đảng viên: chưa nhập."


# --- phone ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("(+84) 912.345.678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("912345678", "0912345678"),  # leading zero lost in a spreadsheet
        ("0388 123 456", "0388123456"),
        ("024 3825 1234", "02438251234"),  # landline since 2017
        ("(028) 3829 1234", "02838291234"),
        ("+84 24 3825 1234", "02438251234"),
        ("04 3825 1234", "0438251234"),  # pre-2017 landline
    ],
)
def test_phone_valid(typed: str, expected: str) -> None:
    assert validate_phone(typed) == expected


@pytest.mark.parametrize(
    "typed", ["12345", "091234567890", "0912abc678", "+1 202 555 0100", "+84", "00912345678"]
)
def test_phone_invalid(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_phone(typed)
    assert info.value.field == "dien_thoai"
    assert info.value.message.startswith("Số điện thoại không hợp lệ")


def test_phone_blank_and_required() -> None:
    assert validate_phone("  ") is None
    with pytest.raises(ValidationError, match="Điện thoại cơ quan: chưa nhập"):
        validate_phone(None, required=True, label="Điện thoại cơ quan")
