"""Tests for partydesk.domain.text: cleaning, folding, FTS queries and Vietnamese sort keys."""

from __future__ import annotations

import pickle
import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partydesk.domain.errors import ValidationError
from partydesk.domain.text import (
    clean_multiline,
    clean_text,
    fold,
    fts_prefix_query,
    name_sort_key,
    search_tokens,
    text_sort_key,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# --- ValidationError --------------------------------------------------------


def test_validation_error_carries_field_and_message() -> None:
    err = ValidationError("ho_ten", "Họ và tên: chưa nhập.")
    assert isinstance(err, ValueError)
    assert err.field == "ho_ten"
    assert err.message == "Họ và tên: chưa nhập."
    assert str(err) == "Họ và tên: chưa nhập."


def test_validation_error_survives_pickling() -> None:
    err = pickle.loads(pickle.dumps(ValidationError("cccd", "Số CCCD sai.")))
    assert (err.field, err.message, str(err)) == ("cccd", "Số CCCD sai.", "Số CCCD sai.")


# --- clean_text -------------------------------------------------------------


def test_clean_text_none_is_empty() -> None:
    assert clean_text(None) == ""


def test_clean_text_normalises_to_nfc() -> None:
    decomposed = nfd("Nguyễn Thị Ánh")
    assert len(decomposed) == 18
    cleaned = clean_text(decomposed)
    assert cleaned == "Nguyễn Thị Ánh"
    assert len(cleaned) == 14


def test_clean_text_strips_and_collapses_whitespace() -> None:
    assert clean_text("  Nguyễn \t Văn\r\n  An  ") == "Nguyễn Văn An"
    assert clean_text("Công\u00a0ty\u2028ABC") == "Công ty ABC"


def test_clean_text_drops_invisible_characters() -> None:
    assert clean_text("\ufeffTrần\u200b Văn\u00ad An") == "Trần Văn An"


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f", "\x9f", "\u202e", "\u2066"])
def test_clean_text_refuses_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        clean_text(f"Trần{bad}An", field="ho_ten", label="Họ và tên")
    assert info.value.field == "ho_ten"
    assert info.value.message.startswith("Họ và tên chứa ký tự điều khiển")
    assert f"U+{ord(bad):04X}" in info.value.message


def test_clean_text_refuses_unpaired_surrogate() -> None:
    with pytest.raises(ValidationError) as info:
        clean_text("An\ud800", label="Họ và tên")
    assert "lỗi mã hoá" in info.value.message
    assert "U+D800" in info.value.message


def test_clean_text_length_limit_counts_after_cleaning() -> None:
    assert clean_text(nfd("Nguyễn Thị Ánh"), max_length=14) == "Nguyễn Thị Ánh"
    assert clean_text("  " + "a" * 10 + "  ", max_length=10) == "a" * 10
    with pytest.raises(ValidationError) as info:
        clean_text("a" * 1001, max_length=1000, field="ten", label="Tên doanh nghiệp")
    assert info.value.field == "ten"
    assert (
        info.value.message == "Tên doanh nghiệp quá dài: tối đa 1.000 ký tự, hiện có 1.001 ký tự."
    )


# --- clean_multiline --------------------------------------------------------


def test_clean_multiline_keeps_lines_and_inner_spaces() -> None:
    text = (
        "\r\n  Đồng chí   Bí thư phát biểu:  \r\n\r\n- Ý kiến 1\t\rDòng cũ Mac\u2028Dòng mới \n\n"
    )
    assert clean_multiline(text) == (
        "  Đồng chí   Bí thư phát biểu:\n\n- Ý kiến 1\nDòng cũ Mac\nDòng mới"
    )


def test_clean_multiline_none_nfc_and_errors() -> None:
    assert clean_multiline(None) == ""
    assert clean_multiline(nfd("Biên bản\nhọp")) == "Biên bản\nhọp"
    with pytest.raises(ValidationError):
        clean_multiline("a\x00b")
    with pytest.raises(ValidationError) as info:
        clean_multiline("x" * 11, max_length=10, label="Nội dung biên bản")
    assert info.value.message.startswith("Nội dung biên bản quá dài")


# --- fold / search ----------------------------------------------------------


def test_fold_is_accent_case_and_spelling_insensitive() -> None:
    forms = ["nguyen van duc", "NGUYỄN VĂN ĐỨC", nfd("Nguyễn Văn Đức"), "  Nguyễn\tVăn  Đức "]
    assert {fold(f) for f in forms} == {"nguyen van duc"}


def test_fold_treats_eth_lookalike_as_d() -> None:
    assert fold("ÐỖ Thị Hương") == "do thi huong"
    assert fold("Đặng đình Ðạt") == "dang dinh dat"


def test_search_tokens_keep_only_letters_and_digits() -> None:
    assert search_tokens('  "Nguyễn*-Văn" (Đức) OR: ^abc_def 0912.345 ') == [
        "nguyen",
        "van",
        "duc",
        "or",
        "abc",
        "def",
        "0912",
        "345",
    ]
    assert search_tokens("  *** ") == []


def test_fts_prefix_query() -> None:
    assert fts_prefix_query("Nguyễn Văn Đức") == '"nguyen"* "van"* "duc"*'
    assert fts_prefix_query("  ") is None
    assert fts_prefix_query('"*()') is None
    assert fts_prefix_query("Chi bộ 2") == '"chi"* "bo"* "2"*'


def test_fts_prefix_query_is_valid_fts5() -> None:
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    except sqlite3.OperationalError:  # pragma: no cover - FTS5 missing from this SQLite
        pytest.skip("SQLite without FTS5")
    rows = ["Nguyễn Văn Đức", "Trần Thị Ánh", "Nguyễn Văn Dũng"]
    con.executemany("INSERT INTO t(body) VALUES (?)", [(fold(r),) for r in rows])
    query = fts_prefix_query('nguyen VAN "đ')
    hits = con.execute("SELECT body FROM t WHERE t MATCH ? ORDER BY rowid", (query,)).fetchall()
    assert hits == [("nguyen van duc",), ("nguyen van dung",)]


# --- sort keys --------------------------------------------------------------


def sorted_names(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


def test_name_sort_key_real_list() -> None:
    expected = [
        "Trần Văn An",
        "Lê Thị Anh",
        "Nguyễn Thị Ánh",
        "Vũ Thị Ăn",
        "Lý Thị Ân",
        "Nguyễn Văn Bình",
        "Phạm Đức Chính",
        "Đỗ Văn Dũng",
        "Hoàng Văn Đức",
        "Trịnh Thị Giang",
        "Bùi Thị Hà",
        "Đặng Văn Hải",
        "Ngô Quang Khải",
        "Phan Văn Long",
        "Lê Thị Mai",
        "Võ Thị Oanh",
        "Đinh Văn Ông",
        "Lương Thị Ơn",
        "Dương Văn Quân",
        "Hồ Văn Tâm",
        "Mạc Thị Uyên",
        "Cao Văn Ửng",
        "Tạ Thị Vân",
        "Lâm Thị Xuân",
        "Kiều Thị Yến",
    ]
    shuffled = expected[::-1][5:] + expected[::-1][:5]
    assert sorted_names(shuffled) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Đỗ Văn Dũng", "Hoàng Văn Đức"),  # d before đ
        ("Lê Anh", "Lê Ăn"),  # a < ă
        ("Lê Ăn", "Lê Ân"),  # ă < â
        ("Lê Oanh", "Lê Ôn"),  # o < ô
        ("Lê Ôn", "Lê Ơn"),  # ô < ơ
        ("Lê Ung", "Lê Ưng"),  # u < ư
        ("Lê Em", "Lê Êm"),  # e < ê
        ("Lê Dung", "Lê Đông"),  # d < đ decides before the rest of the word
        ("Lê Cao", "Lê Chi"),  # letter by letter: "ch" sorts among the c words
        ("Lê Chi", "Lê Cúc"),
        ("Lê Ngọc", "Lê Nhung"),  # g < h
        ("Lê Hà", "Lê Hai"),  # bare letters first: "ha" < "hai" despite the tone
        ("Lê Hạ", "Lê Hai"),
        ("Lê Hông", "Lê Hồng"),  # then tones
        ("Lê Ngọc Anh", "Lê Thị Anh"),  # middle name decides when the given names match
    ],
)
def test_name_sort_key_letter_order(first: str, second: str) -> None:
    assert name_sort_key(first) < name_sort_key(second)


def test_tone_order_is_ngang_huyen_hoi_nga_sac_nang() -> None:
    names = ["Lê Bạ", "Lê Bá", "Lê Bã", "Lê Bả", "Lê Bà", "Lê Ba"]
    assert sorted_names(names) == ["Lê Ba", "Lê Bà", "Lê Bả", "Lê Bã", "Lê Bá", "Lê Bạ"]


def test_given_name_then_middle_then_family() -> None:
    names = [
        "Trần Văn Ánh",
        "Nguyễn Thị Anh",
        "Lê An",
        "Trần Văn An",
        "Lê Văn An",
        "Trần Thị Ngọc An",
        "Trần Thị An",
        "An",
    ]
    assert sorted_names(names) == [
        "An",  # given name only
        "Lê An",  # no middle name before any middle name
        "Trần Thị An",  # middle "Thị" before "Thị Ngọc" before "Văn"
        "Trần Thị Ngọc An",
        "Lê Văn An",  # same given and middle: family decides
        "Trần Văn An",
        "Nguyễn Thị Anh",  # tone of the given name beats the family name
        "Trần Văn Ánh",
    ]


def test_name_sort_key_ignores_case_spelling_and_tone_placement() -> None:
    key = name_sort_key("Nguyễn Thị Hòa")
    assert name_sort_key("NGUYỄN THỊ HÒA") == key
    assert name_sort_key(nfd("Nguyễn Thị Hòa")) == key
    assert name_sort_key("Nguyễn Thị Hoà") == key  # old-style tone placement
    assert name_sort_key("  Nguyễn   Thị\tHòa ") == key
    assert name_sort_key("Lê Thúy") == name_sort_key("Lê Thuý")
    assert name_sort_key("ÐỖ Văn An") == name_sort_key("Đỗ Văn An")


def test_foreign_letters_sit_in_latin_positions() -> None:
    names = ["Lê Zoe", "Lê Yến", "Lê William", "Lê Xuân", "Lê Vân", "Lê John", "Lê Khánh"]
    names += ["Lê Inh", "Lê Frank", "Lê Giang", "Lê Êm"]
    assert sorted_names(names) == [
        "Lê Êm",
        "Lê Frank",
        "Lê Giang",
        "Lê Inh",
        "Lê John",
        "Lê Khánh",
        "Lê Vân",
        "Lê William",
        "Lê Xuân",
        "Lê Yến",
        "Lê Zoe",
    ]


def test_letters_outside_the_alphabet_sort_after_z_by_code_point() -> None:
    keys = [name_sort_key(n) for n in ("Lê Zoe", "Lê Ωmega", "Lê 王")]
    assert keys == sorted(keys)
    assert all(k.isascii() for k in keys)


def test_name_sort_key_blank_and_punctuation() -> None:
    assert name_sort_key("") == ""
    assert name_sort_key("  - ") == ""
    assert name_sort_key("Nguyễn Thị Mai-Anh") == name_sort_key("Nguyễn Thị MaiAnh")


def test_text_sort_key_orders_organisations() -> None:
    expected = [
        "Chi bộ Công ty CP An Phát",
        "Chi bộ Công ty CP Ánh Dương",
        "Chi bộ Công ty TNHH Bình Minh",
        "Chi bộ số 2",
        "Chi bộ số 10",
        "Doanh nghiệp tư nhân Hòa Bình",
        "Đảng bộ Công ty Điện lực",
        "Đảng bộ Tổng công ty Ươm tơ",
    ]
    assert sorted(reversed(expected), key=text_sort_key) == expected


def test_text_sort_key_numbers_compare_by_value() -> None:
    labels = ["Tổ 10", "Tổ 9", "Tổ 010a", "Tổ 100", "Tổ 1"]
    assert sorted(labels, key=text_sort_key) == ["Tổ 1", "Tổ 9", "Tổ 10", "Tổ 010a", "Tổ 100"]


def test_sort_keys_sort_the_same_in_sqlite_binary_collation() -> None:
    names = [
        "Hoàng Văn Đức",
        "Đỗ Văn Dũng",
        "Phạm Đức Chính",
        "Nguyễn Văn Bình",
        "Lê Thị Ánh",
        "Trần Văn An",
        "Lê Thị Ân",
        "Vũ Thị Ăn",
        "Lê Zoe",
        "Lê 王",
    ]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE m (name TEXT, k TEXT)")
    con.executemany("INSERT INTO m VALUES (?, ?)", [(n, name_sort_key(n)) for n in names])
    in_sqlite = [row[0] for row in con.execute("SELECT name FROM m ORDER BY k")]
    assert in_sqlite == sorted_names(names)


# --- properties -------------------------------------------------------------

ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")  # one NFC code point each
VOWELS = list("aăâeêioôơuưy")
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # ngang..nặng

# Every Vietnamese letter with every tone it can carry, precomposed.
LOWER_LETTERS = sorted(
    {nfc(letter + tone) for letter in ALPHABET for tone in (TONES if letter in VOWELS else [""])}
)
VN_LETTERS = LOWER_LETTERS + [c.upper() for c in LOWER_LETTERS]

vn_word = st.text(alphabet=VN_LETTERS, min_size=1, max_size=7)
vn_text = st.lists(vn_word, min_size=0, max_size=5).map(" ".join)
vn_name = st.lists(vn_word, min_size=1, max_size=5).map(" ".join)


@given(vn_text)
def test_fold_invariants(s: str) -> None:
    assert fold(s) == fold(nfd(s)) == fold(nfc(s)) == fold(s.upper())
    assert fold(s).isascii()


@given(vn_name)
def test_name_sort_key_invariants(s: str) -> None:
    key = name_sort_key(s)
    assert key == name_sort_key(nfd(s)) == name_sort_key(nfc(s)) == name_sort_key(s.upper())
    assert key.isascii()
    assert key


def _reference_word(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Independent reference: (ranks of bare letters, tone ranks in order or (0,))."""
    ranks: list[int] = []
    tones: list[int] = []
    for ch in nfc(word.lower()):
        decomposed = nfd(ch)
        tone = next((TONES.index(m) for m in decomposed[1:] if m in TONES[1:]), 0)
        bare = nfc("".join(m for m in decomposed if m not in TONES[1:]))
        ranks.append(ALPHABET.index(bare))
        if tone:
            tones.append(tone)
    return tuple(ranks), tuple(tones) or (0,)


def _reference_name(name: str) -> tuple:
    words = name.split()
    family = tuple(_reference_word(w) for w in words[:1]) if len(words) > 1 else ()
    middle = tuple(_reference_word(w) for w in words[1:-1])
    return (_reference_word(words[-1]), middle, family)


def _sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


@given(vn_name, vn_name)
def test_name_sort_key_agrees_with_reference_order(a: str, b: str) -> None:
    expected = _sign(_reference_name(a), _reference_name(b))
    assert _sign(name_sort_key(a), name_sort_key(b)) == expected


@given(vn_text, vn_text)
def test_text_sort_key_agrees_with_reference_order(a: str, b: str) -> None:
    ref_a = tuple(_reference_word(w) for w in a.split())
    ref_b = tuple(_reference_word(w) for w in b.split())
    assert _sign(text_sort_key(a), text_sort_key(b)) == _sign(ref_a, ref_b)
