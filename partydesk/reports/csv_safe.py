"""Text cells of a CSV file that a spreadsheet will never run as a formula.

PartyDesk itself writes no CSV today (its lists are Excel workbooks, see ``xlsx_common``); this
is the one rule any CSV written from the register must follow (reliability §3.6, D9; OWASP
"CSV Injection"; ASVS 5.0 V1.2.10): a text cell starting with "=", "+", "-", "@", Tab or CR
gets a leading apostrophe, which Excel and LibreOffice read as "this is text". Numbers and dates
are written as they are, so -5 stays a number: only text columns go through
``csv_text_cell``. Write the file as UTF-8 with a BOM (``encoding="utf-8-sig"``) so Excel on a
Vietnamese Windows reads the diacritics.
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a cell as a formula.
CSV_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_text_cell(value: object) -> str:
    """The text of a CSV cell: ``""`` for None, an apostrophe before a formula trigger."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_TRIGGERS) else text
