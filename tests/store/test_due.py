"""The due list's facts and marks in SQLite: marks saved, replaced and removed; the members,
latest terms and calendar events each read in one query; the next briefing round comes from
the briefing repository.

``add_briefing`` writes a round straight into the briefing tables (the due list only reads
them), for the service and UI tests too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest

from partydesk.domain.due import DueKind, DueMark, LinkTarget, MarkState
from partydesk.domain.due_rules import briefing_items
from partydesk.domain.meeting import Meeting, MeetingKind
from partydesk.domain.member import Member, MemberStatus, Standing
from partydesk.domain.organisation import Organisation, OrgEndReason, OrgKind, Term
from partydesk.services.app import AppServices
from partydesk.store.db import transaction
from tests.common import TODAY


@pytest.fixture(autouse=True)
def named_writes(services: AppServices) -> Iterator[None]:
    """Repositories are written below the services: strict audit needs the writes named."""
    with services.store.audit.labelled("Kiểm thử kho dữ liệu"):
        yield


def add_briefing(
    services: AppServices,
    year: int,
    half: int,
    sittings: list[tuple[str, date]],
    invitees: list[tuple[int, int, date | None]],  # (organisation, sitting index, report)
    reports_due_on: date | None = None,
) -> tuple[int, list[int]]:
    """A briefing round with its sittings (label, day, 14:00–16:30) and invitees, written in
    one named transaction (strict audit)."""
    store = services.store
    db = store.db
    with store.lock, store.audit.labelled("Kiểm thử: thêm hội nghị giao ban"), transaction(db):
        briefing = (
            db["briefings"]
            .insert(
                {
                    "year": year,
                    "half": half,
                    "place": "Hội trường Đảng ủy",
                    "reports_due_on": reports_due_on.isoformat() if reports_due_on else None,
                }
            )
            .last_pk
        )
        sitting_ids = [
            db["briefing_sittings"]
            .insert(
                {
                    "briefing_id": briefing,
                    "position": position,
                    "label": label,
                    "on_date": on.isoformat(),
                    "starts": "14:00",
                    "ends": "16:30",
                }
            )
            .last_pk
            for position, (label, on) in enumerate(sittings, start=1)
        ]
        for position, (org, sitting, report) in enumerate(invitees, start=1):
            db["briefing_invitees"].insert(
                {
                    "briefing_id": briefing,
                    "sitting_id": sitting_ids[sitting],
                    "organisation_id": org,
                    "position": position,
                    "report_received_on": report.isoformat() if report else None,
                }
            )
    return briefing, sitting_ids


def org(services: AppServices, name: str, **changes) -> int:
    return services.store.organisations.save(
        Organisation(name=name, kind=OrgKind.CELL_BASE, **changes)
    )


def test_marks_are_saved_replaced_and_removed(services: AppServices) -> None:
    repo = services.store.due
    assert repo.marks() == {}
    snooze = DueMark("badge:5:40", MarkState.SNOOZED, TODAY, "Chờ đợt 3/2", date(2027, 1, 15))
    repo.save_mark(snooze)
    assert repo.marks() == {"badge:5:40": snooze}
    done = DueMark("badge:5:40", MarkState.DONE, date(2026, 11, 22), "Đã trao")
    repo.save_mark(done)
    assert repo.marks() == {"badge:5:40": done}
    repo.delete_mark("badge:5:40")
    assert repo.marks() == {}


def test_members_with_dates_to_follow(services: AppServices) -> None:
    cell = org(services, "Chi bộ Công ty A")
    save = services.store.members.save
    probationary = save(
        Member(full_name="Dự Bị", organisation_id=cell, ceremony_date=date(2026, 1, 5))
    )
    veteran = save(
        Member(
            full_name="Lão Thành",
            organisation_id=cell,
            standing=Standing.OFFICIAL,
            admission_decision_date=date(1980, 5, 19),
        )
    )
    away = save(
        Member(
            full_name="Đi Xa",
            organisation_id=cell,
            standing=Standing.OFFICIAL,
            status=MemberStatus.TEMP_AWAY,
            status_until=date(2027, 2, 1),
        )
    )
    save(Member(full_name="Không Ngày", organisation_id=cell, standing=Standing.OFFICIAL))
    save(
        Member(
            full_name="Đã Chuyển",
            organisation_id=cell,
            standing=Standing.OFFICIAL,
            status=MemberStatus.TRANSFERRED_OUT,
            admission_decision_date=date(1980, 1, 1),
        )
    )
    facts = {m.member_id: m for m in services.store.due.members()}
    assert set(facts) == {probationary, veteran, away}
    assert facts[probationary].probationary and facts[probationary].organisation == (
        "Chi bộ Công ty A"
    )
    assert facts[veteran].admission_decision_date == date(1980, 5, 19)
    assert facts[away].status is MemberStatus.TEMP_AWAY
    assert facts[away].status_until == date(2027, 2, 1)


def test_latest_term_of_active_organisations_only(services: AppServices) -> None:
    a = org(services, "Chi bộ A")
    closed = org(
        services, "Chi bộ Đã Giải Thể", ended_on=date(2025, 1, 1), end_reason=OrgEndReason.DISSOLVED
    )
    save_term = services.store.organisations.save_term
    save_term(Term(a, "2017–2022", date(2017, 5, 1), date(2022, 4, 30)))
    newer = save_term(Term(a, "2022–2027", date(2022, 5, 1), date(2027, 4, 30)))
    save_term(Term(closed, "2020–2025", date(2020, 5, 1), date(2025, 4, 30)))
    terms = services.store.due.latest_terms()
    assert [(t.term_id, t.organisation, t.ends_on) for t in terms] == [
        (newer, "Chi bộ A", date(2027, 4, 30))
    ]


def test_next_briefing_round_and_reports_not_received(services: AppServices) -> None:
    a, b = org(services, "Chi bộ A"), org(services, "Chi bộ B")
    add_briefing(services, 2026, 1, [("", date(2026, 7, 10))], [(a, 0, None)])
    briefing, sittings = add_briefing(
        services,
        2026,
        2,
        [("Cụm 1", date(2026, 11, 20)), ("Cụm 2", date(2026, 12, 15))],
        [(a, 0, date(2026, 11, 1)), (b, 1, None)],
        reports_due_on=date(2026, 12, 5),
    )
    found = services.store.briefings.next_after(TODAY)
    assert found is not None and found.id == briefing
    assert found.title == "Hội nghị giao ban 6 tháng cuối năm 2026"
    assert found.reports_due_on == date(2026, 12, 5)
    items = briefing_items(found, TODAY)
    assert [(i.key, i.subject) for i in items if i.kind is DueKind.BRIEFING] == [
        (f"briefing:{briefing}:{sittings[1]}", "Cụm 2")
    ]
    assert [(i.key, i.subject) for i in items if i.kind is DueKind.REPORT] == [
        (f"report:{briefing}:{b}", "Chi bộ B")
    ]
    assert services.store.briefings.next_after(date(2026, 12, 16)) is None


def test_events_of_a_month(services: AppServices) -> None:
    a = org(services, "Chi bộ A")
    meeting = services.store.meetings.save(
        Meeting(a, date(2026, 11, 10), MeetingKind.REGULAR, starts=time(8), ends=time(10))
    )
    services.store.meetings.save(Meeting(a, date(2026, 12, 10), MeetingKind.REGULAR))
    briefing, sittings = add_briefing(services, 2026, 2, [("", date(2026, 11, 27))], [])
    events = services.store.due.events(date(2026, 11, 1), date(2026, 11, 30))
    assert [(e.uid, e.on, e.starts, e.link.target) for e in events] == [
        (f"meeting-held:{meeting}", date(2026, 11, 10), time(8), LinkTarget.MEETINGS),
        (f"sitting:{sittings[0]}", date(2026, 11, 27), time(14), LinkTarget.BRIEFING),
    ]
    assert events[0].title == "Sinh hoạt chi bộ: thường kỳ" and events[0].subject == "Chi bộ A"
    assert events[1].place == "Hội trường Đảng ủy" and events[1].link.record_id == briefing
