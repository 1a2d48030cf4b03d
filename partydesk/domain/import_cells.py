"""Reading one spreadsheet cell by the rules of its column: text, dates, identifiers, numbers.

Cells arrive as the file holds them: text, a number, a date (an Excel date cell), or nothing.
Each parser returns the value PartyDesk stores or raises ``CellError`` with a Vietnamese reason
that a ``RowProblem`` shows beside the row and column.

* Dates: real date cells, or text dd/mm/yyyy (also d/m/yyyy, with "." or "-"), or yyyy-mm-dd.
  A two-digit year or a year alone is refused, not guessed.
* Identifiers (CCCD, số thẻ, số lý lịch, mã số thuế, điện thoại) stay text. Excel stores a
  number typed into a General cell as a number and drops its leading zeros; where the length is
  known (CCCD has 12 digits and always starts with the province's 0; a tax code has 10) a short
  number is refused with advice rather than padded, because padding would also "repair" a
  digit typed wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum

from partydesk.domain.enterprise import ENTERPRISE_TYPE_LABELS, EnterpriseType
from partydesk.domain.member import Gender, Standing
from partydesk.domain.text import fold

Cell = str | date | int | float | None
"""A raw cell as a reader gives it (a datetime is a date too)."""

LOST_ZEROS = "ô dạng số đã mất số 0 ở đầu; hãy định dạng cột là Văn bản."


class CellError(ValueError):
    """A cell its column cannot read; ``reason`` is the Vietnamese explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def shown_value(value: Cell) -> str:
    """A cell as the clerk would recognise it in a message."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() != datetime.min.time():
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _is_number(value: Cell) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def cell_text(value: Cell) -> str:
    """The text of any cell, NFC and trimmed; a number cell as its digits, a date as dd/mm/yyyy."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return shown_value(value)


_DMY = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2,4})(?:[ T]0?0:00(?::00)?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_DATE_FORMAT_HINT = "hãy ghi ngày dạng dd/mm/yyyy (ví dụ 15/03/1985)."


def _real_date(year: int, month: int, day: int) -> date:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise CellError(f"năm {year} không hợp lệ.")
    try:
        return date(year, month, day)
    except ValueError:
        if month > 12 and day <= 12:
            raise CellError(
                "ngày không có thật; hãy ghi theo thứ tự ngày/tháng/năm (dd/mm/yyyy)."
            ) from None
        raise CellError("ngày không có thật.") from None


def parse_date_cell(value: Cell) -> date | None:
    """A date from a date cell or from text dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd; None if blank."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_number(value):
        if isinstance(value, int) and _FIRST_YEAR <= value <= _LAST_YEAR:
            raise CellError("chỉ có năm; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).")
        raise CellError(f"ô là số, không phải ngày; {_DATE_FORMAT_HINT}")
    text = cell_text(value)
    if not text:
        return None
    if match := _DMY.match(text):
        day, _sep, month, year = match.groups()
        if len(year) != 4:
            raise CellError("năm cần ghi đủ 4 chữ số (ví dụ 15/03/1985).")
        return _real_date(int(year), int(month), int(day))
    if match := _YMD.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _real_date(year, month, day)
    if text.isdigit() and len(text) == 4:
        raise CellError("chỉ có năm; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).")
    raise CellError(f"không đọc được ngày; {_DATE_FORMAT_HINT}")


_SCIENTIFIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+$")


def parse_identifier_cell(value: Cell, digits: tuple[int, ...] = ()) -> str:
    """An identifier's text with its leading zeros; a number cell that lost them is refused.

    ``digits`` are the lengths a correct value can have; without them (số thẻ, số lý lịch,
    whose length is not fixed) a number cell is taken as its digits.
    """
    if value is None:
        return ""
    if isinstance(value, date):
        raise CellError("ô là ngày tháng, không phải dãy số.")
    if _is_number(value):
        if isinstance(value, float) and not value.is_integer():
            raise CellError("không phải dãy chữ số.")
        number = int(value)
        if number < 0:
            raise CellError("không phải dãy chữ số.")
        text = str(number)
        if digits and len(text) < min(digits):
            raise CellError(LOST_ZEROS)
        return text
    text = cell_text(value)
    if text.startswith("'"):  # the apostrophe Excel users type to keep zeros, saved into a CSV
        text = text[1:].strip()
    if _SCIENTIFIC.match(text):
        raise CellError(
            "số đã bị Excel đổi sang dạng lũy thừa (E+) và mất chữ số; hãy định dạng cột là "
            "Văn bản rồi gõ lại."
        )
    compact = re.sub(r"[\s.]", "", text)
    if digits and compact.isascii() and compact.isdigit() and len(compact) < min(digits):
        raise CellError(
            f"chỉ có {len(compact)} chữ số, cần {min(digits)}; có thể số 0 ở đầu đã mất khi "
            "lưu bằng Excel — hãy định dạng cột là Văn bản."
        )
    return text


_GROUPED_INT = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")


def parse_int_cell(value: Cell) -> int | None:
    """A whole number from a number cell or text ("1.234", "1 234" and "1,234" group digits)."""
    if value is None:
        return None
    if isinstance(value, date):
        raise CellError("ô là ngày tháng, không phải số.")
    if _is_number(value):
        if isinstance(value, float) and not value.is_integer():
            raise CellError("cần một số nguyên.")
        return int(value)
    text = cell_text(value)
    if not text:
        return None
    if re.fullmatch(r"-?\d{1,9}", text):
        return int(text)
    if _GROUPED_INT.match(text) and len(text) <= 13:
        return int(re.sub(r"\D", "", text))
    raise CellError("cần một số nguyên.")


def _choice_parser(choices: Mapping[str, Enum], accepted: str) -> Callable[[Cell], Enum | None]:
    folded = {fold(text): value for text, value in choices.items()}

    def parse(value: Cell) -> Enum | None:
        text = cell_text(value)
        if not text:
            return None
        try:
            return folded[fold(text)]
        except KeyError:
            raise CellError(f"không nhận ra giá trị này; ghi một trong: {accepted}.") from None

    return parse


GENDER_CHOICES: dict[str, Enum] = {
    "Nam": Gender.MALE,
    "Nữ": Gender.FEMALE,
    "M": Gender.MALE,
    "F": Gender.FEMALE,
    "Male": Gender.MALE,
    "Female": Gender.FEMALE,
    Gender.MALE.value: Gender.MALE,
    Gender.FEMALE.value: Gender.FEMALE,
}
STANDING_CHOICES: dict[str, Enum] = {
    "Chính thức": Standing.OFFICIAL,
    "Dự bị": Standing.PROBATIONARY,
    "Đảng viên chính thức": Standing.OFFICIAL,
    "Đảng viên dự bị": Standing.PROBATIONARY,
    "CT": Standing.OFFICIAL,
    "DB": Standing.PROBATIONARY,
}
ENTERPRISE_TYPE_CHOICES: dict[str, Enum] = {
    **{label: kind for kind, label in ENTERPRISE_TYPE_LABELS.items()},
    **{kind.value: kind for kind in EnterpriseType},
    "Nhà nước": EnterpriseType.STATE,
    "Cổ phần nhà nước chi phối": EnterpriseType.STATE_CONTROLLED_JSC,
    "Cổ phần nhà nước không chi phối": EnterpriseType.STATE_MINORITY_JSC,
    "Tư nhân": EnterpriseType.PRIVATE,
    "DNTN": EnterpriseType.PRIVATE,
    "TNHH": EnterpriseType.PRIVATE,
    "Cổ phần tư nhân": EnterpriseType.PRIVATE,
    "Vốn đầu tư nước ngoài": EnterpriseType.FOREIGN,
    "Có vốn đầu tư nước ngoài": EnterpriseType.FOREIGN,
    "Nước ngoài": EnterpriseType.FOREIGN,
    "Hợp tác xã": EnterpriseType.COOPERATIVE,
    "Ngoài công lập": EnterpriseType.NON_PUBLIC_SERVICE,
    "Khác": EnterpriseType.OTHER,
}
_YES = ("Có", "x", "1", "Đúng", "Yes", "Y", "True")
_NO = ("Không", "0", "Sai", "No", "N", "False")

parse_gender = _choice_parser(GENDER_CHOICES, "Nam, Nữ")
parse_standing = _choice_parser(STANDING_CHOICES, "Chính thức, Dự bị")
parse_enterprise_type = _choice_parser(
    ENTERPRISE_TYPE_CHOICES, "; ".join(ENTERPRISE_TYPE_LABELS.values())
)
_YES_NO = {**{fold(text): True for text in _YES}, **{fold(text): False for text in _NO}}


def parse_yes_no(value: Cell) -> bool:
    """True for “Có”, “x”, “1”; False for “Không”, “0” or a blank cell."""
    if value is None:
        return False
    if _is_number(value) and value in (0, 1):
        return bool(value)
    text = cell_text(value)
    if not text:
        return False
    try:
        return _YES_NO[fold(text)]
    except KeyError:
        raise CellError("không nhận ra giá trị này; ghi Có hoặc Không.") from None
