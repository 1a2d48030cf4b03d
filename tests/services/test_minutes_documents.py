"""The minutes documents end to end: meetings recorded through the services, printed as a
biên bản (PDF, DOCX), a minute book and a blank template.

``build_cell`` and ``hold_meeting`` are shared with the command-line tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import AgendaItem, MeetingKind, Opinion, Presence, Task, Vote
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.settings import OfficeSettings
from partydesk.services.app import AppServices
from partydesk.services.progress import Cancelled
from tests.reports.test_hd36 import assert_in_order, squash

COMMITTEE = "Đảng bộ Công ty cổ phần Sông Hồng"
CELL = "Chi bộ Phân xưởng Cơ khí"
CHAIR = "Nguyễn Thị Hương"
SECRETARY = "Trần Văn Bình"
ABSENT = "Lê Đức Cường"
MEMBERS = (CHAIR, SECRETARY, ABSENT, "Phạm Thị Dung", "Vũ Thị Hà")
PROBATIONARY = "Hoàng Văn Đạt"
MARCH, APRIL, MAY = date(2026, 3, 12), date(2026, 4, 9), date(2026, 5, 14)


@dataclass(frozen=True)
class Cell:
    organisation_id: int
    committee_id: int
    member_ids: dict[str, int]


def build_cell(services: AppServices, name: str = CELL) -> Cell:
    """A chi bộ trực thuộc of a đảng bộ cơ sở, five official members and one probationary."""
    services.office.save(
        OfficeSettings(
            committee_full_name="Đảng ủy phường An Khánh",
            committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            locality="An Khánh",
        )
    )
    register = services.register
    committee = register.save_organisation(
        Organisation(name=COMMITTEE, kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    org = register.save_organisation(
        Organisation(name=name, kind=OrgKind.CELL_UNDER_COMMITTEE, parent_id=committee)
    )
    ids = {
        full_name: register.save_member(
            Member(
                full_name=full_name,
                organisation_id=org,
                standing=Standing.OFFICIAL,
                admission_decision_date=date(2012, 5, 19),
                official_date=date(2013, 5, 19),
            )
        )
        for full_name in MEMBERS
    }
    ids[PROBATIONARY] = register.save_member(
        Member(
            full_name=PROBATIONARY,
            organisation_id=org,
            standing=Standing.PROBATIONARY,
            admission_decision_date=date(2026, 1, 5),
        )
    )
    return Cell(org, committee, ids)


def hold_meeting(
    services: AppServices,
    cell: Cell,
    on: date,
    *,
    tasks: tuple[Task, ...] = (),
    number: int | None = None,
    approve: bool = True,
    kind: MeetingKind = MeetingKind.REGULAR,
) -> int:
    """A two-hour meeting entered through the meeting service, approved unless told not to."""
    meetings = services.meetings
    # The whole chi bộ is called, even to a chi ủy meeting: this cell has no committee posts.
    meeting = replace(meetings.new_meeting(cell.organisation_id, on), kind=kind)
    roll = tuple(
        replace(e, presence=Presence.EXCUSED, reason="Đi công tác") if e.full_name == ABSENT else e
        for e in meeting.roll
    )
    meeting = replace(
        meeting,
        roll=roll,
        starts=time(14, 0),
        ends=time(16, 0),
        minutes_read_at=time(15, 50),
        place="Nhà văn hóa phân xưởng",
        chair_member_id=cell.member_ids[CHAIR],
        secretary_member_id=cell.member_ids[SECRETARY],
        dues_collected=450_000,
        agenda=(
            AgendaItem(
                f"Đánh giá kết quả tháng {on.month}",
                CHAIR,
                "Phân xưởng hoàn thành kế hoạch sản xuất.",
                (Opinion("Phạm Thị Dung", "Nhất trí với báo cáo."),),
                "Chi bộ nhất trí.",
            ),
        ),
        conclusion=f"Chi bộ thống nhất nghị quyết tháng {on.month}.",
        votes=(Vote(f"Thông qua nghị quyết tháng {on.month}", 4, 0, 0),),
        tasks=tasks,
        number=number,
    )
    meeting_id = meetings.save(meeting)
    if approve:
        meetings.approve(meetings.meeting(meeting_id))
    return meeting_id


def task_ids(services: AppServices, meeting_id: int) -> dict[str, int]:
    return {t.description: t.id for t in services.meetings.meeting(meeting_id).tasks}


@pytest.fixture
def cell(services: AppServices) -> Cell:
    return build_cell(services)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the documents (the database file sits in ``tmp_path``)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_minutes_document_header_of_a_chi_bo_truc_thuoc(services, cell):
    meeting_id = hold_meeting(services, cell, MARCH, number=7)
    doc = services.documents.minutes_document(meeting_id)
    assert doc.header.upper_body == COMMITTEE.upper()
    assert doc.header.issuer == CELL.upper()
    assert doc.header.number_text == "Số 07-BB/CB"
    assert doc.header.place_date_text == "An Khánh, ngày 12 tháng 3 năm 2026"
    assert doc.organisation_name == CELL
    assert doc.meeting.chair_name == CHAIR and doc.meeting.secretary_name == SECRETARY


def test_a_base_chi_bo_prints_the_committees_dang_bo_and_no_number_when_unnumbered(services):
    services.office.save(
        OfficeSettings(
            committee_full_name="Đảng ủy phường An Khánh",
            committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            locality="An Khánh",
        )
    )
    org = services.register.save_organisation(
        Organisation(name="Chi bộ Công ty TNHH Minh Phát", kind=OrgKind.CELL_BASE)
    )
    meeting_id = services.meetings.save(services.meetings.new_meeting(org, MARCH))
    doc = services.documents.minutes_document(meeting_id)
    assert doc.header.upper_body == "ĐẢNG BỘ PHƯỜNG AN KHÁNH"
    assert doc.header.number_text is None


def test_earlier_tasks_are_reviewed_until_reported_done(services, cell):
    march = hold_meeting(
        services,
        cell,
        MARCH,
        tasks=(
            Task("Rà soát hồ sơ đảng viên", CHAIR, cell.member_ids[CHAIR], date(2026, 4, 1)),
            Task("Sửa mái nhà xưởng", SECRETARY, cell.member_ids[SECRETARY]),
            Task("Lập danh sách quần chúng ưu tú", "Phạm Thị Dung"),
        ),
    )
    ids = task_ids(services, march)
    april = hold_meeting(services, cell, APRIL)
    may = hold_meeting(services, cell, MAY)
    # Reported done at the April meeting; done between April and May; never done.
    services.meetings.set_task_done(ids["Rà soát hồ sơ đảng viên"], APRIL, "đã báo cáo")
    services.meetings.set_task_done(ids["Sửa mái nhà xưởng"], date(2026, 4, 20))

    def reviewed(meeting_id: int) -> dict[str, date | None]:
        doc = services.documents.minutes_document(meeting_id)
        return {t.description: t.done_on for t in doc.earlier_tasks}

    assert reviewed(march) == {}
    assert reviewed(april) == {
        "Rà soát hồ sơ đảng viên": APRIL,
        "Sửa mái nhà xưởng": None,  # done after the April meeting: still open at it
        "Lập danh sách quần chúng ưu tú": None,
    }
    assert reviewed(may) == {
        "Sửa mái nhà xưởng": date(2026, 4, 20),
        "Lập danh sách quần chúng ưu tú": None,
    }


def test_another_chi_bos_tasks_are_not_reviewed(services, cell):
    other = build_cell(services, "Chi bộ Phân xưởng Dệt")
    hold_meeting(services, other, MARCH, tasks=(Task("Việc của chi bộ khác"),))
    april = hold_meeting(services, cell, APRIL)
    assert services.documents.minutes_document(april).earlier_tasks == ()


def test_write_minutes_as_pdf_and_docx(services, cell, out):
    meeting_id = hold_meeting(services, cell, MARCH, number=3)
    services.meetings.add_addendum(meeting_id, "Sửa tên đồng chí chủ trì.", date(2026, 3, 20))
    steps = []
    pdf = out / "bien-ban.pdf"
    pages = services.documents.write_minutes(
        meeting_id, pdf, progress=lambda d, t, m: steps.append((d, t))
    )
    assert pages == len(PdfReader(pdf).pages) >= 1
    assert steps[0] == (0, 2) and steps[-1] == (2, 2)
    text = squash("\n".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert_in_order(
        text,
        [
            COMMITTEE.upper(),
            CELL.upper(),
            "Số 03-BB/CB",
            "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026",
            "- Vắng có lý do: 1 đồng chí:",
            f"+ Đồng chí {ABSENT}: Đi công tác.",
            "- Đảng phí: chi bộ đã thu 450.000 đồng.",
            "- Số đảng viên có quyền biểu quyết: 5 đồng chí.",
            "tán thành 4/5 đồng chí (80,0%)",
            "ĐÍNH CHÍNH NGÀY 20/03/2026",
            "Sửa tên đồng chí chủ trì.",
        ],
    )
    word = out / "bien-ban.DOCX"
    assert services.documents.write_minutes(meeting_id, word) == 0
    texts = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026" in texts
    assert sorted(p.name for p in out.iterdir()) == ["bien-ban.DOCX", "bien-ban.pdf"]


def test_write_minutes_refuses_other_formats(services, cell, out):
    meeting_id = hold_meeting(services, cell, MARCH)
    with pytest.raises(ValidationError) as caught:
        services.documents.write_minutes(meeting_id, out / "bien-ban.odt")
    assert ".pdf hoặc .docx" in caught.value.message
    assert list(out.iterdir()) == []


def test_a_cancelled_biên_bản_leaves_no_file(services, cell, out):
    meeting_id = hold_meeting(services, cell, MARCH)
    cancel = threading.Event()
    cancel.set()
    target = out / "bien-ban.pdf"
    with pytest.raises(Cancelled):
        services.documents.write_minutes(meeting_id, target, cancel=cancel)
    assert list(out.iterdir()) == []


def test_the_minute_book_holds_the_approved_minutes_in_date_order(services, cell, out):
    may = hold_meeting(services, cell, MAY)
    march = hold_meeting(services, cell, MARCH, tasks=(Task("Sửa mái nhà xưởng"),))
    hold_meeting(services, cell, APRIL, approve=False)  # a draft is not bound into the book
    hold_meeting(services, cell, APRIL, kind=MeetingKind.COMMITTEE)  # chi ủy: its own book
    hold_meeting(services, cell, date(2027, 1, 14))
    book = services.documents.minute_book(
        cell.organisation_id, date(2026, 1, 1), date(2026, 12, 31), volume=2
    )
    assert [e.meeting.id for e in book.entries] == [march, may]
    assert book.upper_body == COMMITTEE.upper() and book.issuer == CELL.upper()
    assert (book.volume, book.place) == (2, "An Khánh")
    assert [t.description for t in book.entries[1].earlier_tasks] == ["Sửa mái nhà xưởng"]

    target = out / "so-bien-ban.pdf"
    steps = []
    pages = services.documents.write_minute_book(
        cell.organisation_id,
        date(2026, 1, 1),
        date(2026, 12, 31),
        target,
        volume=2,
        progress=lambda d, t, m: steps.append((d, t)),
    )
    reader = PdfReader(target)
    assert pages == len(reader.pages)
    assert f"Sổ này có {pages} trang" in squash(reader.pages[1].extract_text())
    assert (2, 2) in steps and (0, 2) in steps


def test_a_minute_book_needs_meetings_in_the_range(services, cell):
    hold_meeting(services, cell, MARCH)
    with pytest.raises(ValidationError) as caught:
        services.documents.minute_book(cell.organisation_id, date(2025, 1, 1), date(2025, 12, 31))
    assert CELL in caught.value.message and "01/01/2025" in caught.value.message
    with pytest.raises(ValidationError):
        services.documents.minute_book(cell.organisation_id, MAY, MARCH)
    with pytest.raises(ValidationError):
        services.documents.minute_book(cell.organisation_id, MARCH, MAY, volume=0)


def test_a_cancelled_minute_book_leaves_no_file(services, cell, out):
    for month in range(1, 7):
        hold_meeting(services, cell, date(2026, month, 10))
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done == 2:
            cancel.set()

    with pytest.raises(Cancelled):
        services.documents.write_minute_book(
            cell.organisation_id,
            date(2026, 1, 1),
            date(2026, 12, 31),
            out / "so.pdf",
            progress=progress,
            cancel=cancel,
        )
    assert list(out.iterdir()) == []


def test_blank_minutes_list_todays_members(services, cell, out):
    doc = services.documents.blank_minutes(cell.organisation_id)
    assert doc.header.date is None and doc.header.number_text is None
    assert doc.header.upper_body == COMMITTEE.upper()
    assert sorted(e.full_name for e in doc.roll) == sorted((*MEMBERS, PROBATIONARY))
    target = out / "mau.pdf"
    pages = services.documents.write_blank_minutes(cell.organisation_id, target)
    text = squash("\n".join(p.extract_text() for p in PdfReader(target).pages))
    assert pages == len(PdfReader(target).pages)
    assert_in_order(text, ["BIÊN BẢN", "Họ và tên", *(e.full_name for e in doc.roll)])
    assert sorted(p.name for p in out.iterdir()) == ["mau.pdf"]
