"""Tests for the minute book PDF (``partydesk.reports.minute_book``): a year of a chi bộ."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from partydesk.domain.meeting import Addendum
from partydesk.reports import minute_book
from partydesk.reports.minute_book import BookCancelled, render_minute_book
from partydesk.reports.minutes_data import MinuteBook

from .test_hd36 import (
    assert_in_order,
    assert_nfc_only,
    assert_only_embedded_liberation_fonts,
    page_top_texts,
    pdf_text,
    squash,
)
from .test_minutes_pdf import ORGANISATION, sample_agenda, sample_document, sample_meeting


def sample_book(meetings: int = 12, volume: int = 2) -> MinuteBook:
    entries = []
    for k in range(meetings):
        on = date(2026, k + 1, 10 + k)
        meeting = sample_meeting(
            id=k + 1,
            on=on,
            period_month=on.month,
            number=k + 1,
            # Meetings of different lengths, so entries start at irregular pages.
            agenda=sample_agenda(items=1 + k % 4, opinions=1 + k % 5),
            addenda=(Addendum(date(2026, 6, 1), "Sửa lỗi chính tả ở mục 1."),) if k == 3 else (),
        )
        entries.append(sample_document(meeting))
    return MinuteBook(
        upper_body="Đảng bộ phường An Khánh",
        issuer=ORGANISATION,
        organisation_name=ORGANISATION,
        volume=volume,
        first=date(2026, 1, 1),
        last=date(2026, 12, 31),
        place="An Khánh",
        entries=tuple(entries),
    )


@pytest.fixture(scope="module")
def book() -> MinuteBook:
    return sample_book()


@pytest.fixture(scope="module")
def book_pdf(book) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_minute_book(book, out)
    return out.getvalue(), pages


def test_cover_names_the_chi_bo_volume_and_dates(book_pdf):
    cover = pdf_text(book_pdf[0])[0]
    assert_in_order(
        cover,
        [
            "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
            "CHI BỘ CÔNG TY CỔ PHẦN ĐỨC THÀNH",
            "SỔ GHI BIÊN BẢN",
            "SINH HOẠT CHI BỘ",
            "Quyển số 2",
            "Từ ngày 01/01/2026 đến ngày 31/12/2026",
        ],
    )


def test_the_page_count_page_states_the_real_total(book_pdf):
    pdf, pages = book_pdf
    assert len(PdfReader(io.BytesIO(pdf)).pages) == pages
    second = squash(pdf_text(pdf)[1])
    assert f"Sổ này có {pages} trang, đánh số từ trang 1 đến trang {pages}." in second
    held = "Gồm biên bản của 12 buổi sinh hoạt, họp từ ngày 10/01/2026 đến ngày 21/12/2026."
    assert held in second


def index_pages(book: MinuteBook, texts: list[str]) -> list[int]:
    """The page the index gives for each meeting, read from the PDF's last page."""
    index = squash(texts[-1])
    assert index.startswith(f"{len(texts)} MỤC LỤC")
    found = []
    for entry in book.entries:
        title = re.escape(entry.meeting.title_line)
        match = re.search(rf"{title}(?: \(kèm \d+ đính chính\))? (\d+)", index)
        assert match, f"{entry.meeting.title_line} missing from the index"
        found.append(int(match.group(1)))
    return found


def test_the_index_gives_the_page_where_each_biên_bản_starts(book, book_pdf):
    texts = pdf_text(book_pdf[0])
    indexed = index_pages(book, texts)
    assert indexed == sorted(indexed) and len(set(indexed)) == len(indexed)
    for entry, page in zip(book.entries, indexed, strict=True):
        title = entry.meeting.title_line
        text = squash(texts[page - 1])
        # That page opens with the header of a biên bản (a new page for each), its title is
        # there, and it is nowhere earlier in the book.
        assert text.startswith(f"{page} ĐẢNG BỘ PHƯỜNG AN KHÁNH")
        assert_in_order(text, ["BIÊN BẢN", title])
        assert not any(title in squash(t) for t in texts[: page - 1])


def test_minutes_follow_in_date_order_with_their_addenda(book, book_pdf):
    text = "\n".join(pdf_text(book_pdf[0])[2:-1])
    wanted = []
    for entry in book.entries:
        wanted += ["BIÊN BẢN", entry.meeting.title_line, "Buổi sinh hoạt kết thúc lúc"]
        if entry.meeting.addenda:
            wanted += ["ĐÍNH CHÍNH NGÀY 01/06/2026", "Sửa lỗi chính tả ở mục 1."]
    assert_in_order(text, wanted)
    assert_nfc_only(text)


def test_page_numbers_from_page_two(book_pdf):
    tops = page_top_texts(book_pdf[0])
    assert tops[0] == []
    assert [found for found in tops[1:]] == [[str(n)] for n in range(2, len(tops) + 1)]


def test_only_the_bundled_fonts_are_embedded(book_pdf, tmp_path):
    path = tmp_path / "so-bien-ban.pdf"
    path.write_bytes(book_pdf[0])
    assert_only_embedded_liberation_fonts(path)


def test_each_biên_bản_is_a_bookmark(book, book_pdf):
    outline = PdfReader(io.BytesIO(book_pdf[0])).outline
    assert [item.title for item in outline] == [e.meeting.title_line for e in book.entries]


def test_the_book_is_laid_out_in_one_pass(book, monkeypatch):
    """Page numbers come from the single layout: each biên bản is turned into flowables once."""
    calls = []
    real = minute_book.minutes_flowables

    def counting(doc):
        calls.append(doc.meeting.id)
        return real(doc)

    monkeypatch.setattr(minute_book, "minutes_flowables", counting)
    render_minute_book(book, io.BytesIO())
    assert calls == [e.meeting.id for e in book.entries]


def test_progress_is_reported_for_each_meeting(book):
    seen = []
    render_minute_book(book, io.BytesIO(), progress=lambda d, t, m: seen.append((d, t)))
    assert seen == [(i, 12) for i in range(12)] + [(12, 12)]


def test_should_stop_abandons_the_book_part_way(book):
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 15

    with pytest.raises(BookCancelled):
        render_minute_book(book, io.BytesIO(), should_stop=stop)
    assert len(asked) == 16


def test_a_one_meeting_book():
    single = replace(sample_book(1), volume=1)
    out = io.BytesIO()
    pages = render_minute_book(single, out)
    texts = pdf_text(out.getvalue())
    assert f"Sổ này có {pages} trang" in squash(texts[1])
    assert index_pages(single, texts) == [3]
