"""Benchmarks of the minutes documents (run on demand, not in the test pass).

    .venv/bin/python tests/benchmarks/bench_minutes.py [--quick]

Every figure stands beside a baseline measured in the same run, because these machines are
noisy:

(a) the minute book of one chi bộ for a year (12 meetings, 25 members, 4-6 agenda items with
    several opinions each) against a raw reportlab canvas drawing the same text with the same
    fonts (lines wrapped with ``simpleSplit``, one ``drawString`` per line): the time per page
    of PartyDesk over the canvas's, goal at most 2;
(b) the minute books of every chi bộ of the district sample office, against the same canvas;
(c) when LibreOffice is installed, the book of (a) as one DOCX (python-docx) converted to PDF
    by ``soffice --headless``, the way offices print today: goal PartyDesk 20 times faster.

The sample database is created once as tests/benchmarks/out/minutes-district.sqlite (delete it
after the sample office changes); if the sample has no meetings for the year, a year of
generated meetings is added to it.
Results go to tests/benchmarks/out/bench_minutes.json.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import replace
from datetime import date
from datetime import time as clock
from pathlib import Path
from typing import Any

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import DocumentHeader, format_document_number
from partydesk.domain.meeting import (
    AgendaItem,
    Guest,
    Meeting,
    MeetingKind,
    MeetingState,
    Opinion,
    Presence,
    RollEntry,
    Task,
    Vote,
)
from partydesk.domain.member import MemberStatus, Standing
from partydesk.reports.minutes_data import MinuteBook, MinutesDocument

OUT = Path(__file__).resolve().parent / "out"
TODAY = date(2026, 11, 21)
YEAR = 2026

# --- realistic minutes ---------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Ngọc", "Minh", "Quốc", "Thanh", "Xuân"]
GIVEN = ["Ánh", "Bình", "Cường", "Dũng", "Đạt", "Hương", "Lượng", "Mạnh", "Nguyệt", "Phượng"]
GIVEN += ["Quỳnh", "Sơn", "Thủy", "Trường", "Tuấn", "Ước", "Vượng", "Yến", "Hải", "Long"]
AGENDA = [
    "Thông tin thời sự, quán triệt văn bản của cấp trên",
    "Đánh giá kết quả thực hiện nghị quyết tháng trước, nhiệm vụ tháng tới",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Tình hình tư tưởng của đảng viên và người lao động",
    "Công tác phát triển đảng viên trong công nhân trực tiếp sản xuất",
    "Kết quả sản xuất kinh doanh và việc làm, thu nhập của người lao động",
    "Công tác kiểm tra, giám sát của chi bộ",
    "Lãnh đạo công đoàn, đoàn thanh niên trong doanh nghiệp",
]
SUMMARY = [
    "Trong tháng, chi bộ đã lãnh đạo hoàn thành kế hoạch sản xuất, doanh thu đạt 104% kế "
    "hoạch tháng, tăng 7% so với cùng kỳ năm trước.",
    "Công tác an toàn, vệ sinh lao động được bảo đảm, không để xảy ra tai nạn lao động; "
    "đời sống, việc làm của người lao động ổn định.",
    "Đảng viên chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước và "
    "nội quy của công ty; không có đảng viên vi phạm.",
    "Chi ủy đã phân công đảng viên giúp đỡ hai quần chúng ưu tú tham gia lớp bồi dưỡng nhận "
    "thức về Đảng do Trung tâm chính trị tổ chức.",
    "Một số đảng viên chưa thực hiện đầy đủ việc cập nhật tài liệu trên ứng dụng Sổ tay "
    "đảng viên điện tử trước buổi sinh hoạt.",
    "Tiến độ giao hàng cho khách hàng nước ngoài còn chậm do thiếu nguyên liệu nhập khẩu; "
    "ban giám đốc đã làm việc với nhà cung cấp để khắc phục.",
    "Công đoàn đã tổ chức thăm hỏi 12 trường hợp người lao động ốm đau, hoàn cảnh khó khăn "
    "với tổng số tiền 18.000.000 đồng.",
]
OPINION = [
    "Nhất trí với báo cáo của chi ủy; đề nghị bổ sung số liệu so sánh với cùng kỳ năm trước "
    "để thấy rõ kết quả.",
    "Đề nghị chi bộ quan tâm hơn đến việc tạo nguồn phát triển đảng viên trong công nhân "
    "trực tiếp sản xuất, nhất là ở ca đêm.",
    "Tình hình tư tưởng người lao động nhìn chung ổn định, nhưng cần nắm bắt kịp thời băn "
    "khoăn về chế độ tiền lương, thưởng cuối năm.",
    "Đề nghị ban giám đốc sớm có phương án bảo đảm nguyên liệu, tránh để công nhân phải nghỉ "
    "chờ việc.",
    "Thống nhất với dự thảo nghị quyết; đề nghị giao cụ thể người chịu trách nhiệm và thời "
    "hạn hoàn thành từng nhiệm vụ.",
    "Đoàn thanh niên sẽ tổ chức phong trào thi đua tuổi trẻ sáng tạo, đề nghị chi bộ chỉ "
    "đạo và hỗ trợ kinh phí.",
]
TASKS = [
    "Hoàn thiện hồ sơ đề nghị kết nạp đảng cho quần chúng ưu tú",
    "Báo cáo tình hình tư tưởng người lao động với đảng ủy",
    "Chỉ đạo công đoàn tổ chức hội thi an toàn, vệ sinh lao động",
    "Rà soát, cập nhật tài liệu trên Sổ tay đảng viên điện tử",
]
CONCLUSION = [
    "Chi bộ ghi nhận các ý kiến phát biểu, giao chi ủy tiếp thu, hoàn chỉnh báo cáo.",
    "Chi bộ thống nhất chủ trương và giao đồng chí bí thư chỉ đạo triển khai thực hiện.",
    "Chi bộ nhất trí; yêu cầu các đồng chí đảng viên gương mẫu thực hiện.",
]


def full_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def generated_roll(rng: random.Random, members: int) -> tuple[RollEntry, ...]:
    names = []
    while len(names) < members:
        name = full_name(rng)
        if name not in names:
            names.append(name)
    return tuple(
        RollEntry(
            i,
            name,
            Standing.PROBATIONARY if i % 9 == 0 else Standing.OFFICIAL,
            MemberStatus.EXEMPT if i == 5 else MemberStatus.ACTIVE,
        )
        for i, name in enumerate(names, start=1)
    )


def generated_meeting(
    rng: random.Random, organisation_id: int, roll: tuple[RollEntry, ...], month: int
) -> Meeting:
    """A month's meeting with the texture of real minutes: absences with reasons, 4-6 agenda
    items with 3-6 opinions each, votes, tasks."""
    on = date(YEAR, month, rng.randint(8, 20))
    absent = rng.sample(range(len(roll)), k=min(len(roll) - 2, rng.randint(1, 3)))
    entries = tuple(
        replace(
            e, presence=Presence.EXCUSED, reason=rng.choice(["Đi công tác", "Ốm", "Việc gia đình"])
        )
        if i in absent
        else e
        for i, e in enumerate(roll)
    )
    present = [e for e in entries if e.is_present]
    speakers = [e.full_name for e in present]

    def paragraph(bank: list[str], sentences: int) -> str:
        return " ".join(rng.choice(bank) for _ in range(sentences))

    agenda = tuple(
        AgendaItem(
            title=title,
            presenter=rng.choice(speakers),
            summary=paragraph(SUMMARY, rng.randint(3, 6)) + "\n" + paragraph(SUMMARY, 2),
            opinions=tuple(
                Opinion(rng.choice(speakers), paragraph(OPINION, rng.randint(1, 2)))
                for _ in range(rng.randint(3, 6))
            ),
            conclusion=rng.choice(CONCLUSION),
        )
        for title in rng.sample(AGENDA, k=rng.randint(4, 6))
    )
    voters = sum(1 for e in present if e.can_vote)
    return Meeting(
        organisation_id=organisation_id,
        on=on,
        kind=MeetingKind.THEMATIC if month % 3 == 0 else MeetingKind.REGULAR,
        topic="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        starts=clock(14, 0),
        ends=clock(16, rng.choice([0, 15, 30])),
        place="Hội trường công ty",
        roll=entries,
        guests=(Guest(full_name(rng), "Đảng ủy viên", "Đảng ủy phường An Khánh", cadre_id=None),),
        chair_member_id=present[0].member_id,
        secretary_member_id=present[1].member_id,
        dues_collected=rng.randint(20, 60) * 10_000,
        agenda=agenda,
        conclusion=paragraph(CONCLUSION, 3),
        votes=(Vote(f"Thông qua nghị quyết tháng {month}", voters, 0, 0),),
        tasks=tuple(
            Task(rng.choice(TASKS), rng.choice(speakers), None, date(YEAR, month, 28))
            for _ in range(rng.randint(2, 4))
        ),
        quality_score=rng.randint(80, 98),
        minutes_read_at=clock(15, 50),
        number=month,
        state=MeetingState.APPROVED,
        approved_on=on,
    )


def yearly_book(seed: int = 2026, members: int = 25, meetings: int = 12) -> MinuteBook:
    rng = random.Random(seed)
    roll = generated_roll(rng, members)
    issuer = "Chi bộ Công ty cổ phần Cơ khí Đông Anh"
    entries = []
    for month in range(1, meetings + 1):
        meeting = replace(generated_meeting(rng, 1, roll, month), id=month)
        header = DocumentHeader(
            "Đảng bộ phường An Khánh",
            issuer,
            format_document_number(month, "BB", "CB"),
            "An Khánh",
            meeting.on,
        )
        entries.append(MinutesDocument(header, meeting, issuer))
    return MinuteBook(
        "ĐẢNG BỘ PHƯỜNG AN KHÁNH",
        issuer.upper(),
        issuer,
        1,
        date(YEAR, 1, 1),
        date(YEAR, 12, 31),
        "An Khánh",
        tuple(entries),
    )


# --- the baseline: the same text on a raw canvas --------------------------------------------


def baseline_book(book: MinuteBook) -> tuple[int, int]:
    """Draw the book's text with ``drawString``: returns (pages, bytes)."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from partydesk.reports import hd36
    from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
    from partydesk.reports.minutes import BlockKind, minutes_blocks

    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=hd36.page_size(), invariant=True)
    width = hd36.text_width()
    left = hd36.MARGIN_LEFT
    top = hd36.page_size()[1] - hd36.MARGIN_TOP
    state = {"y": top, "page": 1}

    def new_page() -> None:
        canvas.showPage()
        state["page"] += 1
        state["y"] = top
        canvas.setFont(SERIF, 13)
        canvas.drawCentredString(left + width / 2, top + 30, str(state["page"]))

    def text(value: str, font: str = SERIF, size: float = 13, leading: float = 16) -> None:
        for line in simpleSplit(value, font, size, width):
            if state["y"] - leading < hd36.MARGIN_BOTTOM:
                new_page()
            canvas.setFont(font, size)
            canvas.drawString(left, state["y"] - size, line)
            state["y"] -= leading
        state["y"] -= 4

    for line in (book.upper_body, book.issuer, "*", "SỔ GHI BIÊN BẢN SINH HOẠT CHI BỘ"):
        text(line, SERIF_BOLD, 15, 19)
    text(f"Quyển số {book.volume}", SERIF_BOLD, 18, 22)
    new_page()
    text("SỔ GHI BIÊN BẢN SINH HOẠT CHI BỘ", SERIF_BOLD, 16, 20)
    text("Sổ này có … trang, đánh số từ trang 1 đến trang …", SERIF_BOLD, 14, 20)
    for entry in book.entries:
        new_page()
        header = entry.header
        for line in (header.upper_body.upper(), header.issuer.upper(), "*", header.number_text):
            text(line or "", SERIF_BOLD, 14, 17)
        text(hd36.PARTY_TITLE, SERIF_BOLD, 15, 18)
        text(header.place_date_text, SERIF_ITALIC, 14, 17)
        text("BIÊN BẢN", SERIF_BOLD, 15, 19)
        text(entry.meeting.title_line, SERIF_BOLD, 14, 17)
        for block in minutes_blocks(entry):
            if block.kind is BlockKind.SIGNATURES:
                text("THƯ KÝ                                  CHỦ TRÌ", SERIF_BOLD, 14, 80)
                text(f"{block.left.name}          {block.right.name}", SERIF_BOLD, 14, 17)
            elif block.kind in (BlockKind.SECTION, BlockKind.ITEM_TITLE, BlockKind.ADDENDUM):
                text(block.text, SERIF_BOLD)
            else:
                text(block.text)
    new_page()
    text("MỤC LỤC", SERIF_BOLD, 15, 19)
    for number, entry in enumerate(book.entries, start=1):
        meeting = entry.meeting
        text(f"{number}   {format_vn_date(meeting.on)}   {meeting.title_line}   …", SERIF, 12, 18)
    canvas.save()
    return state["page"], len(out.getvalue())


# --- measuring ---------------------------------------------------------------------------


def median_time(runs: int, fn: Any, *args: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def partydesk_book(book: MinuteBook) -> int:
    from partydesk.reports.minute_book import render_minute_book

    return render_minute_book(book, io.BytesIO())


def compare(books: list[MinuteBook], runs: int) -> dict[str, float]:
    """PartyDesk and the canvas on the same books, runs interleaved; medians of each."""
    ours, raw = [], []
    pages = base_pages = 0
    for _ in range(runs):
        started = time.perf_counter()
        pages = sum(partydesk_book(book) for book in books)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        base_pages = sum(baseline_book(book)[0] for book in books)
        raw.append(time.perf_counter() - started)
    t_ours, t_raw = statistics.median(ours), statistics.median(raw)
    return {
        "books": len(books),
        "pages": pages,
        "partydesk_s": t_ours,
        "partydesk_pages_per_s": pages / t_ours,
        "canvas_pages": base_pages,
        "canvas_s": t_raw,
        "canvas_pages_per_s": base_pages / t_raw,
        "time_per_page_ratio": (t_ours / pages) / (t_raw / base_pages),
    }


def bench_docx(book: MinuteBook, yearly: dict[str, float], runs: int) -> dict[str, Any]:
    """(c) one DOCX of the whole book, converted to PDF by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return {"skipped": "LibreOffice (soffice) is not installed"}
    from pypdf import PdfReader

    from partydesk.reports.minutes_docx import add_minutes, new_document

    work = Path(tempfile.mkdtemp(prefix="bench-docx-", dir=OUT))
    profile = (work / "profile").as_uri()
    source = work / "so-bien-ban.docx"

    def write_docx() -> None:
        document = new_document("Sổ biên bản", book.issuer)
        for entry in book.entries:
            add_minutes(document, entry)
        document.save(str(source))

    def convert() -> None:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            check=True,
            capture_output=True,
        )

    write_docx()
    convert()  # the first run creates LibreOffice's profile: not counted
    t_docx, _ = median_time(runs, write_docx)
    t_convert, _ = median_time(runs, convert)
    pages = len(PdfReader(work / "so-bien-ban.pdf").pages)
    shutil.rmtree(work, ignore_errors=True)
    total = t_docx + t_convert
    return {
        "docx_s": t_docx,
        "soffice_s": t_convert,
        "total_s": total,
        "pages": pages,
        "pages_per_s": pages / total,
        "partydesk_s": yearly["partydesk_s"],
        "speedup": total / yearly["partydesk_s"],
        # What the raw canvas, which lays nothing out, would gain over LibreOffice: the
        # ceiling of any reportlab renderer on this machine.
        "canvas_speedup": total / yearly["canvas_s"],
    }


# --- the district sample -----------------------------------------------------------------


def district_database() -> Path:
    """The district sample office with a year of meetings for every chi bộ."""
    from partydesk.services.demo import create_demo_database
    from partydesk.store.store import open_store

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "minutes-district.sqlite"
    if path.exists():
        return path
    started = time.perf_counter()
    create_demo_database(path, "district", 2026, today=TODAY)
    store = open_store(path, OUT / "backups")
    try:
        held = store.conn.execute(
            "SELECT count(*) FROM meetings WHERE period_year = ?", [YEAR]
        ).fetchone()[0]
        if held == 0:
            added = add_generated_meetings(store)
            print(f"  (the sample has no meetings: {added} generated)")
    finally:
        store.close()
    print(f"  (district sample created in {time.perf_counter() - started:.1f} s)")
    return path


def add_generated_meetings(store: Any) -> int:
    from partydesk.domain.organisation import OrgKind
    from partydesk.services.meetings import MeetingService

    meetings = MeetingService(store, lambda: TODAY)
    rng = random.Random(YEAR)
    batch = []
    for org_id, _name in store.organisations.choices(
        kinds=frozenset(k for k in OrgKind if k.is_cell)
    ):
        roll = meetings.roll_for(org_id, date(YEAR, 6, 15))
        if len(roll) < 3:
            continue
        batch += [generated_meeting(rng, org_id, roll, month) for month in range(1, 12)]
    return store.meetings.insert_many(batch)


def bench_district(quick: bool, runs: int) -> dict[str, Any]:
    from partydesk.domain.organisation import OrgKind
    from partydesk.services.app import build_services
    from partydesk.store.store import open_store

    path = district_database()
    store = open_store(path, OUT / "backups")
    services = build_services(store, today=lambda: TODAY)
    cells = store.organisations.choices(kinds=frozenset(k for k in OrgKind if k.is_cell))
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    books: list[MinuteBook] = []
    started = time.perf_counter()
    for org_id, _name in cells:
        if store.meetings.ids_between(org_id, first, last):
            books.append(services.documents.minute_book(org_id, first, last))
        if quick and len(books) == 15:
            break
    data_s = time.perf_counter() - started
    # End to end once (data, layout, atomic file write), then the layout against the canvas.
    folder = Path(tempfile.mkdtemp(prefix="bench-books-", dir=OUT))
    started = time.perf_counter()
    written = 0
    for book_org in {e.entries[0].meeting.organisation_id for e in books}:
        written += services.documents.write_minute_book(
            book_org, first, last, folder / f"so-{book_org}.pdf"
        )
    end_to_end_s = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    store.close()
    result = compare(books, runs)
    result.update(
        {
            "meetings": sum(len(b.entries) for b in books),
            "data_s": data_s,
            "end_to_end_s": end_to_end_s,
            "end_to_end_pages_per_s": written / end_to_end_s,
        }
    )
    return result


# --- report --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 15 chi bộ of (b)")
    args = parser.parse_args()
    runs = 3 if args.quick else 7

    book = yearly_book()
    partydesk_book(book)  # warm up: fonts, imports
    baseline_book(book)
    yearly = compare([book], runs)
    docx = bench_docx(book, yearly, 1 if args.quick else 3)
    district = bench_district(args.quick, 1 if args.quick else 3)

    rows = [
        ("(a) one chi bộ, 12 meetings", yearly),
        (f"(b) district sample, {district['books']} chi bộ", district),
    ]
    print()
    print(f"{'':38} {'pages':>6} {'PartyDesk':>12} {'canvas':>12} {'time/page':>10}")
    print(f"{'':38} {'':>6} {'pages/s':>12} {'pages/s':>12} {'ratio':>10}")
    for label, r in rows:
        print(
            f"{label:38} {r['pages']:>6} {r['partydesk_pages_per_s']:>12.0f} "
            f"{r['canvas_pages_per_s']:>12.0f} {r['time_per_page_ratio']:>9.2f}×"
        )
    print("goal: time per page within 2× of the raw canvas")
    print(
        f"(b) end to end (database, layout, file): {district['end_to_end_pages_per_s']:.0f} "
        f"pages/s; reading {district['meetings']} meetings took {district['data_s']:.1f} s"
    )
    if "skipped" in docx:
        print(f"(c) DOCX + LibreOffice: skipped, {docx['skipped']}")
    else:
        print(
            f"(c) DOCX + LibreOffice: {docx['pages']} pages in {docx['total_s']:.2f} s "
            f"(python-docx {docx['docx_s']:.2f} s + soffice {docx['soffice_s']:.2f} s) against "
            f"PartyDesk {docx['partydesk_s']:.2f} s: PartyDesk {docx['speedup']:.1f}× faster "
            f"(goal ≥ 20×; the raw canvas: {docx['canvas_speedup']:.1f}×)"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    report = {"yearly": yearly, "district": district, "docx": docx, "quick": args.quick}
    (OUT / "bench_minutes.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
