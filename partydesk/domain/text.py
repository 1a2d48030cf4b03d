"""Cleaning, searching and sorting Vietnamese text.

Everything that enters PartyDesk as text goes through ``clean_text`` or
``clean_multiline`` so that the database only ever holds NFC-normalised strings
without control characters. Vietnamese text arrives in two Unicode spellings
(precomposed "dựng sẵn" and decomposed "tổ hợp"), and SQLite compares bytes, so
normalising at the boundary is what makes UNIQUE, LIKE and equality work.

``fold`` and ``fts_prefix_query`` give accent-insensitive search keys (also
mapping đ to d, which SQLite FTS5's ``remove_diacritics`` does not do).

``name_sort_key`` and ``text_sort_key`` build plain-ASCII strings whose binary
order is Vietnamese alphabetical order, so a SQLite column with the default
BINARY collation sorts correctly without a custom collation that external tools
would not have. The rules:

* Letter order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; the
  foreign letters f, j, w, z sit where the Latin alphabet puts them
  (f after ê, j after i, w after v, z after y).
* Words are compared letter by letter (so "ch" sorts among the c-words, as
  spreadsheets and most office lists do; dictionaries treat ch, gh, kh, ng, nh,
  ph, th, tr as units, which we do not).
* Tone marks are secondary: two words are compared on their bare letters first
  and only then on their tones, in the traditional dictionary order
  ngang < huyền < hỏi < ngã < sắc < nặng (no mark, grave, hook, tilde, acute,
  dot below). The tone is a property of the whole syllable, so the old and new
  tone placements ("Hoà"/"Hòa", "Thuý"/"Thúy") give the same key.
* Case is ignored; runs of digits compare by numeric value ("Chi bộ 2" before
  "Chi bộ 10"); punctuation is ignored; letters outside the Latin/Vietnamese
  set sort after z, by code point.
* Personal names sort by given name (last word), then middle name(s), then
  family name (first word), which is how Vietnamese lists are ordered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from partydesk.domain.errors import ValidationError
from partydesk.domain.numbers import grouped

# --- cleaning ---------------------------------------------------------------

# Zero-width and formatting characters that arrive with text pasted from Word,
# web pages or Excel; they are invisible, so we drop them rather than refuse.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

# Characters that act as a line break; single-line fields turn them into spaces.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")

# Control/format characters that are a kind of whitespace and so are accepted.
_ALLOWED_CONTROLS = frozenset("\t") | _LINE_BREAKS


def _check_characters(value: str, field: str, label: str) -> None:
    """Refuse unpaired surrogates and control characters (NUL, bidi overrides...)."""
    for ch in value:
        if ch in _ALLOWED_CONTROLS or ch in _INVISIBLE:
            continue
        category = unicodedata.category(ch)
        if category == "Cs":
            raise ValidationError(
                field,
                f"{label} chứa ký tự lỗi mã hoá (U+{ord(ch):04X}). Vui lòng gõ lại nội dung này.",
            )
        if category in ("Cc", "Cf"):
            raise ValidationError(
                field,
                f"{label} chứa ký tự điều khiển không hợp lệ (U+{ord(ch):04X}). "
                "Vui lòng gõ lại hoặc dán lại dưới dạng văn bản thường.",
            )


def _check_length(value: str, max_length: int, field: str, label: str) -> None:
    if len(value) > max_length:
        raise ValidationError(
            field,
            f"{label} quá dài: tối đa {grouped(max_length)} ký tự, "
            f"hiện có {grouped(len(value))} ký tự.",
        )


def _drop_invisible(value: str) -> str:
    return "".join(ch for ch in value if ch not in _INVISIBLE)


def clean_text(
    value: str | None,
    *,
    max_length: int = 500,
    field: str = "text",
    label: str = "Nội dung",
) -> str:
    """Clean a single-line field: NFC, no control characters, single spaces.

    ``None`` becomes ``""``. Line breaks and tabs (from a paste) are folded into
    the single spaces between words. The length limit counts code points after
    cleaning. Raises ``ValidationError`` naming ``label``.
    """
    if value is None:
        return ""
    _check_characters(value, field, label)
    text = _drop_invisible(unicodedata.normalize("NFC", value))
    text = " ".join(text.split())
    _check_length(text, max_length, field, label)
    return text


_BREAK_RUN = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def clean_multiline(
    value: str | None,
    *,
    max_length: int = 100_000,
    field: str = "text",
    label: str = "Nội dung",
) -> str:
    """Clean a multi-line field (minutes, notes): like ``clean_text`` but keeps lines.

    Every line-break convention becomes ``"\\n"``; trailing spaces on each line
    and blank lines at the start and end are removed; spaces inside a line are
    kept because clerks use them to align text.
    """
    if value is None:
        return ""
    _check_characters(value, field, label)
    text = _drop_invisible(unicodedata.normalize("NFC", value))
    text = _BREAK_RUN.sub("\n", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    _check_length(text, max_length, field, label)
    return text


# --- search -----------------------------------------------------------------

# ð/Ð (Icelandic eth) is what legacy-font converters often produce instead of
# đ/Đ, and it looks identical on screen, so treat it as đ.
_D_LIKE = str.maketrans({"đ": "d", "ð": "d"})


def fold(value: str) -> str:
    """Accent- and case-insensitive search key: "NGUYỄN Văn  Đức" -> "nguyen van duc"."""
    text = unicodedata.normalize("NFD", value.casefold()).translate(_D_LIKE)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # NFC puts back together what NFD split apart without marks (e.g. Hangul).
    return unicodedata.normalize("NFC", " ".join(text.split()))


# Letters and digits only: everything else (quotes, *, ^, :, parentheses, -)
# has a meaning in the FTS5 query language.
_TOKEN = re.compile(r"[^\W_]+")


def search_tokens(query: str) -> list[str]:
    """Folded words of a typed query, each only letters and digits."""
    return _TOKEN.findall(fold(query))


def fts_prefix_query(query: str) -> str | None:
    """FTS5 MATCH expression for prefix search of every typed word, or None if blank.

    "Nguyễn Văn Đ" -> '"nguyen"* "van"* "d"*' (FTS5 ANDs the terms). The index
    must hold ``fold()``-ed text for đ to match d.
    """
    tokens = search_tokens(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


# --- sorting ----------------------------------------------------------------

_ALPHABET = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip

# Combining marks that turn a base letter into another Vietnamese letter.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_MODIFIERS = frozenset((_BREVE, _CIRCUMFLEX, _HORN))

# Tone marks, mapped to their rank in the chosen tone order.
_TONE_RANK = {
    "\u0300": "1",  # huyền (grave)
    "\u0309": "2",  # hỏi (hook above)
    "\u0303": "3",  # ngã (tilde)
    "\u0301": "4",  # sắc (acute)
    "\u0323": "5",  # nặng (dot below)
}
_NO_TONE = "0"  # ngang


def _letter_codes() -> dict[tuple[str, str], str]:
    """(base letter, modifier mark or "") -> one ASCII character, in alphabet order.

    Codes start at "A" (0x41), above the digits and the separators below.
    """
    codes: dict[tuple[str, str], str] = {}
    for rank, letter in enumerate(_ALPHABET):
        if letter == "đ":
            key = ("đ", "")
        else:
            decomposed = unicodedata.normalize("NFD", letter)
            key = (decomposed[0], decomposed[1:])
        codes[key] = chr(0x41 + rank)
    return codes


_LETTER_CODE = _letter_codes()

# Separators, chosen below every letter and digit code and ordered so that
# "end of key" < _GROUP_SEP < _WORD_SEP < _TONE_SEP < "0".
_GROUP_SEP = " "  # between given name, middle names and family name
_WORD_SEP = ","  # between words of one group
_TONE_SEP = "."  # between a word's bare letters and its tones
_FOREIGN = "~"  # prefix of a code point outside the alphabet; sorts after z
_MAX_RUN_DIGITS = 99


def _number_code(digits: str) -> str:
    """Digit run -> string whose order is numeric order (length prefix, no leading zeros)."""
    significant = digits.lstrip("0") or "0"
    length = min(len(significant), _MAX_RUN_DIGITS)
    return f"{length:02d}{significant}"


def _word_key(word: str) -> str:
    """Bare-letter code, then tone code, of one word; "" if it has no letter or digit."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFD", word).casefold())
    text = text.replace("ð", "đ")
    letters: list[list[str]] = []  # [base, modifier] pairs, or ["#", digit run]
    tones: list[str] = []
    for ch in text:
        if unicodedata.combining(ch):
            if ch in _TONE_RANK:
                tones.append(_TONE_RANK[ch])
            elif ch in _MODIFIERS and letters and letters[-1][0] != "#":
                letters[-1][1] = ch
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            if letters and letters[-1][0] == "#":
                letters[-1][1] += str(digit)
            else:
                letters.append(["#", str(digit)])
        elif ch.isalpha():
            letters.append([ch, ""])
        # Anything else (hyphen, apostrophe, dot) is ignored for ordering.
    if not letters:
        return ""
    primary = "".join(_encode_letter(base, mark) for base, mark in letters)
    return primary + _TONE_SEP + ("".join(tones) or _NO_TONE)


def _encode_letter(base: str, mark: str) -> str:
    if base == "#":
        return _number_code(mark)
    code = _LETTER_CODE.get((base, mark)) or _LETTER_CODE.get((base, ""))
    if code is not None:
        return code
    return f"{_FOREIGN}{ord(base):06X}"


def _words_key(words: Iterable[str]) -> str:
    return _WORD_SEP.join(key for key in map(_word_key, words) if key)


def text_sort_key(text: str) -> str:
    """ASCII key whose binary order is Vietnamese alphabetical order, word by word.

    For organisation and enterprise names and other titles.
    """
    return _words_key(text.split())


def name_sort_key(full_name: str) -> str:
    """ASCII key ordering personal names by given name, then middle names, then family name.

    "Nguyễn Văn Đức" is ordered as ("Đức", "Văn", "Nguyễn"). A one-word name is
    treated as a given name alone. Names with equal keys (differing only in case,
    Unicode spelling or punctuation) need a tie-breaker such as the row id.
    """
    words = [word for word in full_name.split() if _word_key(word)]
    if not words:
        return ""
    given = words[-1]
    middle = words[1:-1]
    family = words[:1] if len(words) > 1 else []
    key = _GROUP_SEP.join((_word_key(given), _words_key(middle), _words_key(family)))
    return key.rstrip(_GROUP_SEP)
