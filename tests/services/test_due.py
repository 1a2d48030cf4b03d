"""The due list of a small office on 21/11/2026 (the services' fake clock): every kind of item
from the register, marks that move items and bring them back, and the .ics export parsed back.

``due_office`` adds to the compliance sample office the members, term and briefing round the
UI test uses too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from partydesk.domain.due import DueKind, DueStatus
from partydesk.domain.errors import ValidationError
from partydesk.domain.member import Member, MemberStatus, Standing
from partydesk.domain.organisation import Term
from partydesk.services.app import AppServices
from tests.common import TODAY
from tests.reports.test_compliance_xlsx import record_meetings
from tests.store.test_due import add_briefing


@dataclass(frozen=True)
class DueOffice:
    an_phat: int
    binh_minh: int
    probationary: int
    veteran: int
    away: int
    term: int
    briefing: int
    sitting: int


def due_office(services: AppServices) -> DueOffice:
    # Members and terms go straight into the store (dates the forms would not take today):
    # strict audit needs the writes named.
    with services.store.audit.labelled("Kiểm thử: dựng văn phòng"):
        return _due_office(services)


def _due_office(services: AppServices) -> DueOffice:
    office = record_meetings(services)
    save = services.store.members.save
    probationary = save(
        Member(
            full_name="Vũ Thị Giang",
            organisation_id=office.an_phat,
            ceremony_date=date(2025, 12, 10),
        )
    )
    veteran = save(
        Member(
            full_name="Đỗ Văn Hải",
            organisation_id=office.an_phat,
            standing=Standing.OFFICIAL,
            admission_decision_date=date(1987, 3, 2),
        )
    )
    away = save(
        Member(
            full_name="Ngô Văn Khải",
            organisation_id=office.binh_minh,
            standing=Standing.OFFICIAL,
            status=MemberStatus.TEMP_AWAY,
            status_until=date(2026, 12, 1),
        )
    )
    term = services.store.organisations.save_term(
        Term(office.an_phat, "2021–2026", date(2021, 12, 20), date(2026, 12, 31))
    )
    briefing, sittings = add_briefing(
        services,
        2026,
        2,
        [("", date(2026, 12, 15))],
        [(office.an_phat, 0, date(2026, 11, 18)), (office.binh_minh, 0, None)],
        reports_due_on=date(2026, 12, 5),
    )
    return DueOffice(
        office.an_phat, office.binh_minh, probationary, veteran, away, term, briefing, sittings[0]
    )


@pytest.fixture
def office(services: AppServices) -> DueOffice:
    return due_office(services)


def test_the_list_on_a_fixed_day_has_every_kind(services: AppServices, office: DueOffice) -> None:
    listed = services.due.due_list()
    o = office
    assert [(i.on, i.key) for i in listed.open] == [
        (date(2026, 10, 31), f"meeting:{o.binh_minh}:2026-10"),
        (date(2026, 11, 30), f"meeting:{o.an_phat}:2026-11"),
        (date(2026, 11, 30), f"meeting:{o.binh_minh}:2026-11"),
        (date(2026, 12, 1), f"temp-transfer-end:{o.away}:2026-12-01"),
        (date(2026, 12, 5), f"report:{o.briefing}:{o.binh_minh}"),
        (date(2026, 12, 10), f"probation-end:{o.probationary}:2026-12-10"),
        (date(2026, 12, 15), f"briefing:{o.briefing}:{o.sitting}"),
        (date(2026, 12, 31), f"term-end:{o.term}:2026-12-31"),
        # 30 working days after 10/12/2026, New Year's Day off.
        (date(2027, 1, 22), f"official-deadline:{o.probationary}:2027-01-22"),
        (date(2027, 3, 2), f"badge:{o.veteran}:40"),
    ]
    assert listed.overdue_count == 1 and listed.upcoming_count == 9
    assert listed.settled == ()
    # The cadre's visit of the fourth quarter is due on 31/12: beyond the 30-day horizon, but
    # the calendar has it.
    visit = [i for i in services.due.due_list().items if i.kind is DueKind.VISIT]
    assert [(i.key, i.on) for i in visit] == [(f"visit:{o.an_phat}:2026-Q4", date(2026, 12, 31))]


def test_done_snooze_and_unmark(services: AppServices, office: DueOffice) -> None:
    due = services.due
    key = f"meeting:{office.binh_minh}:2026-10"
    with pytest.raises(ValidationError):
        due.mark_done(key, "")
    due.mark_done(key, "Chi bộ đã họp bù ngày 20/11, chờ biên bản")
    listed = due.due_list()
    assert key not in {i.key for i in listed.open}
    (settled,) = listed.settled
    assert settled.key == key and settled.status(TODAY) is DueStatus.DONE
    assert settled.mark is not None and settled.mark.note.startswith("Chi bộ đã họp bù")

    report = f"report:{office.briefing}:{office.binh_minh}"
    due.snooze(report, date(2026, 12, 3), "Chi bộ xin nộp muộn")
    assert [i.key for i in due.due_list().settled] == [key, report]
    due.unmark(key)
    listed = due.due_list()
    assert key in {i.key for i in listed.open}
    assert [i.status_text(TODAY) for i in listed.settled] == ["Tạm hoãn đến 03/12/2026"]


def test_a_meeting_recorded_takes_its_item_away(services: AppServices, office: DueOffice) -> None:
    meetings = services.meetings
    meetings.save(meetings.new_meeting(office.an_phat, date(2026, 11, 20)))
    keys = {i.key for i in services.due.due_list().open}
    assert f"meeting:{office.an_phat}:2026-11" not in keys
    assert f"meeting:{office.binh_minh}:2026-11" in keys


def test_ics_export_parses_back_with_the_required_properties(
    services: AppServices, office: DueOffice, tmp_path: Path
) -> None:
    target = tmp_path / "viec-can-lam.ics"
    written = services.due.write_ics(target)
    data = target.read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")  # CRLF only
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0" and "PartyDesk" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len(events) == written == 10 + 1  # the open items and the briefing sitting
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event, required
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    term = by_uid[f"term-end:{office.term}:2026-12-31@partydesk"]
    assert term.decoded("DTSTART") == date(2026, 12, 31)
    assert term.decoded("DTEND") == date(2027, 1, 1)
    assert str(term["SUMMARY"]) == "Hết nhiệm kỳ cấp ủy 2021–2026 – Chi bộ Công ty An Phát"
    overdue = by_uid[f"meeting:{office.binh_minh}:2026-10@partydesk"]
    assert str(overdue["SUMMARY"]).startswith("[Quá hạn] Sinh hoạt chi bộ thường kỳ tháng 10")
    sitting = by_uid[f"sitting:{office.sitting}@partydesk"]
    # 14:00 in Vietnam (UTC+7) is 07:00 UTC.
    assert sitting.decoded("DTSTART") == datetime(2026, 12, 15, 7, 0, tzinfo=UTC)
    assert sitting.decoded("DTEND") == datetime(2026, 12, 15, 9, 30, tzinfo=UTC)
    assert str(sitting["LOCATION"]) == "Hội trường Đảng ủy"
    # A second export gives the same UIDs, so calendars update their events.
    services.due.write_ics(target)
    again = {str(e["UID"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert again == set(by_uid)
