"""Party document identity: kinds, numbers, place-and-date lines, header and signature data.

Pure rules of Hướng dẫn 36-HD/VPTW (03/4/2018) that every PartyDesk document shares, kept free of
any rendering library so the UI, the services and the PDF renderers format numbers and dates the
same way. See ``domain.md`` §3 for the sources.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

# Abbreviation → Vietnamese name of the kind, as written in "Số 07-BB/CB" (domain.md §3.4).
# "QĐ" serves both Quyết định and Quy định in Party numbering; the map keeps Quyết định, the kind
# a chi bộ or đảng ủy actually issues. Kinds marked [M] in domain.md (BB, QC, CTr, TT, QH, GGT,
# GM, DS) follow common practice rather than a verified source.
DOCUMENT_KINDS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "HD": "Hướng dẫn",
    "TT": "Thông tri",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "QH": "Quy hoạch",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "BB": "Biên bản",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "DS": "Danh sách",
}

# Shown where a date is left for the signer to fill in by hand. Dots rather than spaces: runs
# of spaces collapse in most renderers, and dots show where to write.
BLANK_DATE_TEXT = "ngày ..... tháng ..... năm 20..."


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def format_document_number(number: int, kind: str, issuer_abbreviation: str) -> str:
    """The Party "số và ký hiệu": ``Số 07-BB/CB``.

    Party format (HD 36): number, hyphen, kind, slash, issuer; at least two digits ("01"). Not
    the state format of NĐ 30 ("Số: 07/BB-…"), which must never be mixed in.
    """
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError(f"Document number must be a positive integer, got {number!r}")
    kind = _nfc(kind)
    if kind not in DOCUMENT_KINDS:
        raise ValueError(
            f"Unknown document kind {kind!r}; expected one of {sorted(DOCUMENT_KINDS)}"
        )
    issuer = _nfc(issuer_abbreviation)
    if not issuer or any(ch.isspace() or ch in "/-" for ch in issuer):
        raise ValueError(
            f"Issuer abbreviation must be one word without '/' or '-', got {issuer_abbreviation!r}"
        )
    return f"Số {number:02d}-{kind}/{issuer}"


def format_date_words(d: date | None) -> str:
    """``ngày 05 tháng 02 năm 2026`` / ``ngày 15 tháng 3 năm 2026``.

    Leading zero on days 1–9 and on months 1–2 only: the rule of NĐ 30/2020 and TT 01/2011 (a zero
    stops a later "1"/"2" being written in front to forge the day or month), which Party documents
    follow too: HD 36 itself is dated "ngày 03 tháng 4 năm 2018". ``None`` gives a blank to fill in.
    """
    if d is None:
        return BLANK_DATE_TEXT
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def format_place_date(place: str, d: date | None) -> str:
    """The header's place-and-date line: ``An Khánh, ngày 15 tháng 3 năm 2026``."""
    words = format_date_words(d)
    place = _nfc(place)
    if not place:
        return words[0].upper() + words[1:]
    return f"{place}, {words}"


@dataclass(frozen=True)
class DocumentHeader:
    """What the HD 36 header of one document shows.

    ``upper_body`` is the directly superior organisation ("ĐẢNG BỘ PHƯỜNG AN KHÁNH"), empty for a
    top-level issuer; ``issuer`` the issuing organisation ("CHI BỘ CÔNG TY CỔ PHẦN ABC");
    ``number_text`` the full "Số 07-BB/CB" or ``None`` for unnumbered documents; ``date`` ``None``
    leaves the date blank for the signer.
    """

    upper_body: str
    issuer: str
    number_text: str | None
    place: str
    date: date | None

    @property
    def place_date_text(self) -> str:
        return format_place_date(self.place, self.date)


@dataclass(frozen=True)
class SignatureBlock:
    """One signature: authority ("T/M CHI BỘ", or ``None``), title ("BÍ THƯ"), signer's name."""

    authority: str | None
    title: str
    name: str
