"""Validation of the identifiers a clerk types: tax code, citizen ID, party numbers, phone.

Every validator takes the raw text and returns the normalised value (always
text, so leading zeros survive), ``None`` for a blank optional input, or raises
``ValidationError`` with a Vietnamese message naming the field.

Tax code (mã số thuế, MST): 10 digits, or 10 digits, "-", 3 digits for a
dependent unit (chi nhánh). The 10th digit is a check digit over the first
nine, weights 31 29 23 19 17 13 7 5 3, check = 10 - (sum mod 11), a result of
10 never being issued. We enforce it because it was confirmed on twenty real,
published codes of well-known enterprises (Vietnam Airlines 0100107518,
Vinamilk 0300588569, FPT 0101248141, Viettel 0100109106, Vietcombank
0100112437, Petrolimex 0100107370, EVN 0100100079, ...); a random 10-digit
number passes with probability about 1/11, so a typo is almost always caught.
Since 07/2025 individuals and household businesses use their 12-digit CCCD
number as tax code; enterprise records do not, so those are refused here.

CCCD: 12 digits. Digit 4 encodes century and gender (0/1: 1900s male/female,
2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 1800s) and digits 5-6 the last two
digits of the birth year; ``cccd_consistency_warnings`` compares those with the
recorded birth date and gender but only warns, because a wrong birth date in
the record is as likely as a wrong ID.
"""

from __future__ import annotations

import re
from datetime import date

from partydesk.domain.errors import ValidationError
from partydesk.domain.text import fold

# Dash-like characters that Word and phones substitute for "-".
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\uff0d", "-"))
_WHITESPACE = re.compile(r"\s+")


def _given(value: str | None, field: str, label: str, required: bool) -> str | None:
    """``value`` when something was typed; None for a blank optional field; else an error."""
    if value is not None and value.strip():
        return value
    if required:
        raise ValidationError(field, f"{label}: chưa nhập.")
    return None


def _compact(value: str) -> str:
    """Remove all whitespace (clerks group digits with spaces) and unify dashes."""
    return _WHITESPACE.sub("", value).translate(_DASHES)


def _ascii_digits(value: str) -> bool:
    # str.isdigit() also accepts "²" and Arabic-Indic digits, which must not
    # end up in an identifier column.
    return value.isascii() and value.isdigit()


# --- tax code ---------------------------------------------------------------

_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_FORMAT_MESSAGE = (
    "{label} phải có 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (ví dụ 0101234567-001)."
)


def tax_check_digit(first_nine: str) -> int | None:
    """Check digit of a tax code's first nine digits, or None if none can be valid."""
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def validate_tax_code(
    value: str | None,
    *,
    field: str = "ma_so_thue",
    label: str = "Mã số thuế",
    required: bool = False,
) -> str | None:
    """Normalise a tax code to "0101234567" or "0101234567-001"."""
    value = _given(value, field, label, required)
    if value is None:
        return None
    text = _compact(value)
    if _ascii_digits(text) and len(text) == 13:
        # Typed without the dash: insert it so one unit has one spelling.
        text = f"{text[:10]}-{text[10:]}"
    main, dash, branch = text.partition("-")
    if not (
        _ascii_digits(main)
        and len(main) == 10
        and (not dash or (_ascii_digits(branch) and len(branch) == 3))
    ):
        raise ValidationError(field, _TAX_FORMAT_MESSAGE.format(label=label))
    if dash and branch == "000":
        raise ValidationError(
            field, f"{label}: mã đơn vị phụ thuộc (3 chữ số cuối) phải từ 001 đến 999."
        )
    if tax_check_digit(main[:9]) != int(main[9]):
        raise ValidationError(
            field,
            f"{label} {main} không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không khớp. "
            "Vui lòng đối chiếu lại với giấy chứng nhận đăng ký doanh nghiệp.",
        )
    return text


# --- CCCD -------------------------------------------------------------------


def validate_cccd(
    value: str | None,
    *,
    field: str = "cccd",
    label: str = "Số CCCD",
    required: bool = False,
) -> str | None:
    """Normalise a 12-digit citizen ID number (căn cước / CCCD), keeping leading zeros."""
    value = _given(value, field, label, required)
    if value is None:
        return None
    text = _compact(value).replace(".", "")
    if not (_ascii_digits(text) and len(text) == 12):
        raise ValidationError(field, f"{label} phải gồm đúng 12 chữ số (ví dụ 001203012345).")
    return text


# Digit 4 of a CCCD: century of birth and gender (True = female).
_CCCD_CENTURY = {0: 1900, 2: 2000, 4: 2100, 6: 2200, 8: 1800}


def _gender_is_female(gender: str | None) -> bool | None:
    """Interpret a gender as stored or typed ("Nam", "Nữ", "male", "F"...); None if unknown."""
    if gender is None:
        return None
    folded = fold(gender)
    if folded in ("nam", "male", "m"):
        return False
    if folded in ("nu", "female", "f"):
        return True
    return None


def cccd_consistency_warnings(
    cccd: str | None, birth_date: date | None, gender: str | None
) -> list[str]:
    """Vietnamese warnings where a CCCD disagrees with the birth date or gender.

    Returns [] when there is nothing to compare: a blank or malformed CCCD
    (``validate_cccd`` reports that), no birth date, or an unknown gender.
    """
    try:
        number = validate_cccd(cccd)
    except ValidationError:
        return []
    if number is None:
        return []
    code = int(number[3])
    century = _CCCD_CENTURY[code - code % 2]
    coded_female = code % 2 == 1
    coded_year = century + int(number[4:6])
    warnings: list[str] = []
    if birth_date is not None and birth_date.year != coded_year:
        warnings.append(
            f"Số CCCD {number} cho biết năm sinh {coded_year}, "
            f"nhưng ngày sinh đã nhập là năm {birth_date.year}. Vui lòng kiểm tra lại."
        )
    is_female = _gender_is_female(gender)
    if is_female is not None and is_female != coded_female:
        coded = "nữ" if coded_female else "nam"
        typed = "nữ" if is_female else "nam"
        warnings.append(
            f"Số CCCD {number} là của công dân {coded}, "
            f"nhưng giới tính đã nhập là {typed}. Vui lòng kiểm tra lại."
        )
    return warnings


# --- party numbers ----------------------------------------------------------

_PARTY_NUMBER_MAX = 20


def validate_party_number(
    value: str | None, field: str, label: str, *, required: bool = False
) -> str | None:
    """Số thẻ đảng viên, số lý lịch...: 1-20 digits kept as text, leading zeros kept.

    The exact length is not fixed by the references we have, so only "digits"
    is enforced. Spaces and dots used to group digits are removed.
    """
    value = _given(value, field, label, required)
    if value is None:
        return None
    text = _compact(value).replace(".", "")
    if not (_ascii_digits(text) and len(text) <= _PARTY_NUMBER_MAX):
        raise ValidationError(
            field, f"{label} chỉ được gồm chữ số (tối đa {_PARTY_NUMBER_MAX} chữ số)."
        )
    return text


# --- phone ------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
_PHONE_MESSAGE = (
    "{label} không hợp lệ: cần 10 chữ số cho di động (ví dụ 0912 345 678) "
    "hoặc 10-11 chữ số cho máy bàn (ví dụ 024 3825 1234), có thể bắt đầu bằng +84."
)


def validate_phone(
    value: str | None,
    *,
    field: str = "dien_thoai",
    label: str = "Số điện thoại",
    required: bool = False,
) -> str | None:
    """Normalise a Vietnamese phone number to domestic digits: "+84 912.345.678" -> "0912345678".

    Mobiles have 10 digits; landlines 11 since the 2017 area-code change (10 before).
    """
    value = _given(value, field, label, required)
    if value is None:
        return None
    text = _PHONE_SEPARATORS.sub("", value.translate(_DASHES))
    if text.startswith("+84"):
        text = text[3:]
    elif text.startswith("0084"):
        text = text[4:]
    elif text.startswith("84") and len(text) in (11, 12):
        # Country code without "+": a domestic number always starts with 0.
        text = text[2:]
    if not text.startswith("0"):
        # "+84 912..." drops the trunk 0; "+84 0912..." keeps it by mistake.
        text = "0" + text
    if not (_ascii_digits(text) and len(text) in (10, 11) and text[1] != "0"):
        raise ValidationError(field, _PHONE_MESSAGE.format(label=label))
    return text
