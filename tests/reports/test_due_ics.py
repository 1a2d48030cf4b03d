"""The iCalendar text itself: RFC 5545 structure, all-day items, timed events in UTC, folded
lines of Vietnamese text, and the round trip through the icalendar parser."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from icalendar import Calendar

from partydesk.domain.due import CalendarEvent, DueItem, DueKind, LinkTarget, RecordLink
from partydesk.reports.due_ics import due_calendar

TODAY = date(2026, 11, 21)
STAMP = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
LONG_NAME = "Chi bộ Phòng Kế hoạch – Vật tư, Công ty TNHH May mặc Takara Việt Nam (cụm Đông)"


def sample() -> bytes:
    item = DueItem(
        "official-deadline:5:2027-01-22",
        DueKind.OFFICIAL_DEADLINE,
        date(2027, 1, 22),
        "Hạn xét công nhận đảng viên chính thức",
        f"Nguyễn Tuyết Hương ({LONG_NAME})",
        RecordLink(LinkTarget.MEMBER, 5),
        "Hết dự bị ngày 10/12/2026; chi bộ xét trong 30 ngày làm việc.",
    )
    overdue = DueItem(
        "term-end:3:2026-10-01",
        DueKind.TERM_END,
        date(2026, 10, 1),
        "Hết nhiệm kỳ cấp ủy 2021–2026",
        "Chi bộ A",
        RecordLink(LinkTarget.ORGANISATION, 7),
    )
    meeting = CalendarEvent(
        "meeting-held:9",
        date(2026, 11, 25),
        "Sinh hoạt chi bộ: thường kỳ",
        "Chi bộ A",
        RecordLink(LinkTarget.MEETINGS, 7, 2026),
        starts=time(8, 0),
        ends=time(10, 0),
        place="Phòng họp tầng 2",
    )
    briefing = RecordLink(LinkTarget.BRIEFING, 2)
    untimed = CalendarEvent("sitting:4", date(2026, 12, 15), "Hội nghị giao ban", "Cụm 1", briefing)
    return due_calendar([item, overdue], [meeting, untimed], today=TODAY, stamp=STAMP)


def test_the_text_follows_rfc_5545() -> None:
    data = sample()
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"VERSION:2.0" in lines and b"PRODID:-//PartyDesk//Viec can lam//VI" in lines
    assert all(len(line) <= 75 for line in lines)  # long Vietnamese lines are folded
    assert b"DTSTART;VALUE=DATE:20270122" in lines and b"DTEND;VALUE=DATE:20270123" in lines
    assert b"DTSTART:20261125T010000Z" in lines  # 08:00 in Vietnam
    assert lines.count(b"DTSTAMP:20261121T093000Z") == 4
    assert data.count(b"BEGIN:VEVENT") == 4


def test_it_parses_back() -> None:
    calendar = Calendar.from_ical(sample())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "official-deadline:5:2027-01-22@partydesk",
        "term-end:3:2026-10-01@partydesk",
        "meeting-held:9@partydesk",
        "sitting:4@partydesk",
    }
    deadline = events["official-deadline:5:2027-01-22@partydesk"]
    assert LONG_NAME in str(deadline["SUMMARY"])  # unfolded intact
    assert str(deadline["DESCRIPTION"]).splitlines() == [
        "Hạn xét công nhận đảng viên chính thức",
        f"Đối tượng: Nguyễn Tuyết Hương ({LONG_NAME})",
        "Hết dự bị ngày 10/12/2026; chi bộ xét trong 30 ngày làm việc.",
        "Hạn: 22/01/2027",
    ]
    assert str(events["term-end:3:2026-10-01@partydesk"]["SUMMARY"]).startswith("[Quá hạn] ")
    meeting = events["meeting-held:9@partydesk"]
    assert meeting.decoded("DTEND") == datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    assert str(meeting["LOCATION"]) == "Phòng họp tầng 2"
    assert events["sitting:4@partydesk"].decoded("DTSTART") == date(2026, 12, 15)
