"""Unit tests for the HD 36 numbering and place-and-date rules in ``partydesk.domain.documents``."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from partydesk.domain.documents import (
    BLANK_DATE_TEXT,
    DOCUMENT_KINDS,
    DocumentHeader,
    format_date_words,
    format_document_number,
    format_place_date,
)


@pytest.mark.parametrize(
    ("number", "kind", "issuer", "expected"),
    [
        (7, "BB", "CB", "Số 07-BB/CB"),
        (1, "NQ", "CB", "Số 01-NQ/CB"),
        (9, "KH", "ĐU", "Số 09-KH/ĐU"),
        (45, "QĐ", "ĐU", "Số 45-QĐ/ĐU"),
        (400, "TTr", "BTCTW", "Số 400-TTr/BTCTW"),
        (10072, "CV", "BTCTW", "Số 10072-CV/BTCTW"),
        (3, "CTr", " ĐUK ", "Số 03-CTr/ĐUK"),
    ],
)
def test_format_document_number_party_format(number, kind, issuer, expected):
    assert format_document_number(number, kind, issuer) == expected


def test_format_document_number_is_not_the_state_format():
    text = format_document_number(7, "BB", "CB")
    assert ":" not in text
    assert "07/BB" not in text


def test_format_document_number_accepts_nfd_input_and_returns_nfc():
    text = format_document_number(2, unicodedata.normalize("NFD", "QĐ"), "ĐU")
    assert text == "Số 02-QĐ/ĐU"
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("number", [0, -1, True, 2.0])
def test_format_document_number_rejects_bad_numbers(number):
    with pytest.raises(ValueError):
        format_document_number(number, "BB", "CB")


@pytest.mark.parametrize("kind", ["", "XX", "bb", "Biên bản"])
def test_format_document_number_rejects_unknown_kinds(kind):
    with pytest.raises(ValueError):
        format_document_number(1, kind, "CB")


@pytest.mark.parametrize("issuer", ["", "  ", "C B", "CB/ĐU", "CB-1"])
def test_format_document_number_rejects_bad_issuers(issuer):
    with pytest.raises(ValueError):
        format_document_number(1, "BB", issuer)


def test_document_kinds_are_nfc_and_cover_the_common_kinds():
    for abbreviation, name in DOCUMENT_KINDS.items():
        assert unicodedata.is_normalized("NFC", abbreviation)
        assert unicodedata.is_normalized("NFC", name)
    for abbreviation in (
        "NQ",
        "QĐ",
        "CT",
        "KL",
        "HD",
        "TB",
        "BC",
        "KH",
        "TTr",
        "CV",
        "BB",
        "GM",
        "CTr",
        "DS",
    ):
        assert abbreviation in DOCUMENT_KINDS
    assert DOCUMENT_KINDS["BB"] == "Biên bản"
    assert DOCUMENT_KINDS["TTr"] == "Tờ trình"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),  # the date of HD 36 itself
        (date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
    ],
)
def test_format_date_words_leading_zero_for_days_below_10_and_months_1_2(d, expected):
    assert format_date_words(d) == expected


def test_format_place_date():
    assert format_place_date("An Khánh", date(2026, 3, 15)) == "An Khánh, ngày 15 tháng 3 năm 2026"
    assert format_place_date("Hà Nội", date(2026, 2, 3)) == "Hà Nội, ngày 03 tháng 02 năm 2026"


def test_format_place_date_without_place_or_date():
    assert format_place_date("", date(2026, 3, 15)) == "Ngày 15 tháng 3 năm 2026"
    assert format_place_date("An Khánh", None) == f"An Khánh, {BLANK_DATE_TEXT}"


def test_format_place_date_normalises_place_to_nfc():
    text = format_place_date(unicodedata.normalize("NFD", "Dư Hàng Kênh"), date(2025, 3, 15))
    assert text == "Dư Hàng Kênh, ngày 15 tháng 3 năm 2025"
    assert unicodedata.is_normalized("NFC", text)


def test_document_header_place_date_text():
    header = DocumentHeader(
        "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
        "CHI BỘ CÔNG TY CỔ PHẦN ABC",
        "Số 07-BB/CB",
        "An Khánh",
        date(2026, 3, 15),
    )
    assert header.place_date_text == "An Khánh, ngày 15 tháng 3 năm 2026"
