"""Meeting use cases against a real database: the roll from the register, save and reload,
approve and lock (in the repository and in the schema), addenda, tasks carried to the next
meeting, autosaved drafts, and compliance facts read from the store."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, time

import pytest

from partydesk.domain.compliance import MonthState
from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import (
    AgendaItem,
    Guest,
    Meeting,
    MeetingKind,
    MeetingState,
    Opinion,
    Presence,
    Task,
    Vote,
)
from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus, Standing
from partydesk.domain.organisation import (
    Cadre,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgKind,
    Term,
)
from partydesk.domain.rows import ListQuery
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.store.meetings import MeetingLocked

NAMES = ["Nguyễn Thị Hương", "Trần Văn Bình", "Lê Minh Châu", "Phạm Đức Dũng", "Võ Thị Em"]


@pytest.fixture
def chi_bo(services: AppServices) -> tuple[int, list[int]]:
    """A chi bộ with five members: four official (one away), one probationary; a bí thư."""
    register = services.register
    org = register.save_organisation(
        Organisation(
            name="Chi bộ Công ty Cổ phần Minh Phát",
            kind=OrgKind.CELL_BASE,
            address="Số 5 đường Láng",
        )
    )
    ids = []
    for index, name in enumerate(NAMES):
        official = index < 4
        ids.append(
            register.save_member(
                Member(
                    full_name=name,
                    organisation_id=org,
                    admission_decision_date=date(2020, 1, 1) if official else date(2026, 2, 1),
                    official_date=date(2021, 1, 1) if official else None,
                    standing=Standing.OFFICIAL if official else Standing.PROBATIONARY,
                )
            )
        )
    register.record_event(
        MemberEvent(ids[3], EventKind.TEMP_OUT, date(2026, 6, 1), until=date(2027, 6, 1))
    )
    register.save_term(
        Term(
            org,
            "2025–2030",
            date(2025, 5, 1),
            posts=(CommitteePost(ids[1], CommitteeRole.SECRETARY),),
        )
    )
    return org, ids


def full_meeting(services: AppServices, org: int, on: date = date(2026, 11, 5)) -> Meeting:
    meeting = services.meetings.new_meeting(org, on)
    roll = tuple(
        replace(e, presence=Presence.EXCUSED, reason="Ốm") if e.full_name == NAMES[2] else e
        for e in meeting.roll
    )
    return replace(
        meeting,
        starts=time(14, 0),
        ends=time(15, 40),
        roll=roll,
        secretary_member_id=next(e.member_id for e in roll if e.full_name == NAMES[0]),
        agenda=(
            AgendaItem(
                "Thông tin thời sự",
                "Trần Văn Bình",
                "Tình hình tháng 10",
                (Opinion("Nguyễn Thị Hương", "Nhất trí"),),
                "Chi bộ thống nhất",
            ),
        ),
        votes=(Vote("Thông qua nghị quyết tháng 11", 2),),
        tasks=(Task("Hoàn thành báo cáo quý IV", "Nguyễn Thị Hương", due=date(2026, 12, 1)),),
        minutes_read_at=time(15, 30),
    )


def test_roll_comes_from_the_register_on_the_meeting_date(services, chi_bo):
    org, ids = chi_bo
    roll = services.meetings.roll_for(org, date(2026, 11, 5))
    by_name = {e.full_name: e for e in roll}
    assert set(by_name) == set(NAMES)
    assert by_name[NAMES[3]].status is MemberStatus.TEMP_AWAY
    assert by_name[NAMES[3]].presence is Presence.EXCUSED
    assert by_name[NAMES[4]].standing is Standing.PROBATIONARY
    earlier = services.meetings.roll_for(org, date(2026, 1, 5))
    assert {e.full_name for e in earlier} == set(NAMES[:4])  # the fifth was admitted in February
    assert all(e.status is MemberStatus.ACTIVE for e in earlier)


def test_new_meeting_is_chaired_by_the_secretary_and_held_at_the_address(services, chi_bo):
    org, ids = chi_bo
    meeting = services.meetings.new_meeting(org, date(2026, 11, 5))
    assert meeting.chair_member_id == ids[1]
    assert meeting.place == "Số 5 đường Láng"
    counts = meeting.counts
    assert (counts.total, counts.official, counts.probationary, counts.temp_away) == (5, 4, 1, 1)
    assert meeting.vote_base == 3


def test_save_reload_and_list(services, chi_bo):
    org, _ = chi_bo
    meeting = full_meeting(services, org)
    meeting_id = services.meetings.save(meeting)
    loaded = services.meetings.meeting(meeting_id)
    assert loaded.roll == meeting.roll
    assert loaded.agenda == meeting.agenda
    assert loaded.votes == meeting.votes
    assert loaded.tasks[0].description == "Hoàn thành báo cáo quý IV"
    assert loaded.state is MeetingState.DRAFT
    rows = services.meetings.rows(ListQuery(organisation_id=org, year=2026), 0, 10)
    assert [(r.id, r.present, r.total, r.duration_minutes) for r in rows] == [
        (meeting_id, 3, 5, 100)
    ]
    assert rows[0].chair_name == "Trần Văn Bình"
    assert services.meetings.count(ListQuery(search="minh phat")) == 1
    assert services.meetings.count(ListQuery(year=2025)) == 0


def test_invalid_meeting_changes_nothing(services, chi_bo):
    org, _ = chi_bo
    meeting_id = services.meetings.save(full_meeting(services, org))
    before = services.meetings.meeting(meeting_id)
    broken = replace(before, ends=time(13, 0), place="Hội trường mới")
    with pytest.raises(InvalidRecord) as raised:
        services.meetings.save(broken)
    assert "ends" in raised.value.by_field()
    assert services.meetings.meeting(meeting_id) == before


def test_approved_minutes_are_locked_and_take_addenda(services, chi_bo):
    org, _ = chi_bo
    meeting = full_meeting(services, org)
    meeting_id = services.meetings.approve(meeting)
    locked = services.meetings.meeting(meeting_id)
    assert locked.state is MeetingState.APPROVED and locked.approved_on == date(2026, 11, 21)
    with pytest.raises(MeetingLocked):
        services.meetings.save(replace(locked, place="Sửa lại"))
    with pytest.raises(MeetingLocked):
        services.meetings.delete(meeting_id)
    conn = services.store.conn
    for sql in (
        "UPDATE meetings SET place = 'x' WHERE id = ?",
        "DELETE FROM meeting_roll WHERE meeting_id = ?",
        "UPDATE meeting_agenda SET summary = 'x' WHERE meeting_id = ?",
        "UPDATE meeting_tasks SET description = 'x' WHERE meeting_id = ?",
        "DELETE FROM meeting_votes WHERE meeting_id = ?",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="locked"):
            conn.execute(sql, [meeting_id])
    assert services.meetings.meeting(meeting_id) == locked

    with pytest.raises(ValidationError):
        services.meetings.add_addendum(meeting_id, "   ")
    with pytest.raises(ValidationError):
        services.meetings.add_addendum(meeting_id, "Sửa", on=date(2026, 1, 1))
    services.meetings.add_addendum(meeting_id, "Đính chính: có mặt 3 đồng chí.")
    addenda = services.meetings.meeting(meeting_id).addenda
    assert [(a.on, a.text) for a in addenda] == [
        (date(2026, 11, 21), "Đính chính: có mặt 3 đồng chí.")
    ]


def test_approval_with_warnings_needs_a_reason(services, chi_bo):
    org, _ = chi_bo
    short = replace(full_meeting(services, org), ends=time(15, 0), minutes_read_at=time(14, 50))
    assert "too_short" in {w.code for w in services.meetings.warnings(short)}
    with pytest.raises(ValidationError):
        services.meetings.approve(short)
    assert services.meetings.count(ListQuery()) == 0
    meeting_id = services.meetings.approve(short, "Chi bộ họp ngắn do mất điện")
    assert services.meetings.meeting(meeting_id).override_reason == "Chi bộ họp ngắn do mất điện"


def test_tasks_stay_open_in_later_meetings_until_done(services, chi_bo):
    org, _ = chi_bo
    first = services.meetings.approve(full_meeting(services, org, date(2026, 10, 5)))
    open_then = services.meetings.open_tasks(org, date(2026, 11, 5))
    assert [(t.description, t.meeting_id, t.assigned_on) for t in open_then] == [
        ("Hoàn thành báo cáo quý IV", first, date(2026, 10, 5))
    ]
    # Done-marking is allowed on approved minutes: only what was assigned is locked.
    services.meetings.set_task_done(open_then[0].id, date(2026, 11, 5))
    assert services.meetings.open_tasks(org, date(2026, 12, 5)) == []
    task = services.meetings.meeting(first).tasks[0]
    assert task.done_on == date(2026, 11, 5)


def test_editing_a_draft_keeps_task_done_marks(services, chi_bo):
    org, _ = chi_bo
    first = services.meetings.save(full_meeting(services, org, date(2026, 10, 5)))
    task_id = services.meetings.meeting(first).tasks[0].id
    services.meetings.set_task_done(task_id, date(2026, 11, 5))
    draft = services.meetings.meeting(first)
    services.meetings.save(replace(draft, place="Phòng họp tầng 3"))
    again = services.meetings.meeting(first)
    assert again.place == "Phòng họp tầng 3"
    assert (again.tasks[0].id, again.tasks[0].done_on) == (task_id, date(2026, 11, 5))


def test_copy_previous_takes_the_structure(services, chi_bo):
    org, _ = chi_bo
    assert services.meetings.copy_previous(org, date(2026, 10, 1)) is None
    services.meetings.save(full_meeting(services, org, date(2026, 10, 5)))
    copy = services.meetings.copy_previous(org, date(2026, 11, 5))
    assert copy is not None and copy.id is None
    assert [a.title for a in copy.agenda] == ["Thông tin thời sự"]
    assert copy.agenda[0].summary == "" and copy.votes == () and copy.tasks == ()
    assert len(copy.roll) == 5


def test_drafts_survive_and_are_cleared_by_saving(services, chi_bo):
    org, _ = chi_bo
    typed = replace(full_meeting(services, org), conclusion="Chi bộ thống nhất nghị quyết")
    services.meetings.save_draft(typed)
    found = services.meetings.draft(None, org)
    assert found is not None and found[0] == typed
    assert [d.organisation_name for d in services.meetings.drafts()] == [
        "Chi bộ Công ty Cổ phần Minh Phát"
    ]
    meeting_id = services.meetings.save(typed)
    assert services.meetings.draft(None, org) is None
    services.meetings.save_draft(replace(typed, id=meeting_id, place="Nháp"))
    assert services.meetings.draft(meeting_id, org)[0].place == "Nháp"
    services.meetings.discard_draft(meeting_id, org)
    assert services.meetings.drafts() == []


def test_compliance_reads_meetings_and_cadre_attendance(services, chi_bo):
    org, _ = chi_bo
    cadre = services.register.save_cadre(Cadre("Đỗ Văn Giang", "Ủy viên Ban Thường vụ"))
    services.register.assign_cadre(org, cadre, date(2026, 1, 1))
    visited = replace(
        full_meeting(services, org, date(2026, 10, 5)),
        kind=MeetingKind.COMBINED,
        topic="Chuyển đổi số",
        ends=time(16, 10),
        guests=(Guest("Đỗ Văn Giang", "Ủy viên Ban Thường vụ", "Đảng ủy phường", True, cadre),),
    )
    services.meetings.approve(visited)
    services.meetings.save(full_meeting(services, org, date(2026, 9, 5)))
    result = services.meetings.compliance(2026)
    assert [r.organisation_id for r in result] == [org]
    months = result[0].months
    assert months[9].state is MonthState.MET
    assert months[8].state is MonthState.MET_WITH_ISSUES  # minutes not approved
    assert months[7].state is MonthState.MISSING
    q4 = result[0].quarters[3]
    assert q4.thematic is True and q4.cadre is True
    assert services.meetings.compliance(2026, cadre_id=cadre + 1) == []
    assert services.meetings.compliance(2026, kind=OrgKind.CELL_COMBINED) == []


def test_a_chi_bo_truc_thuoc_is_followed_by_its_dang_bos_cadre(services):
    register = services.register
    parent = register.save_organisation(
        Organisation(name="Đảng bộ Tổng công ty Sông Hồng", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    child = register.save_organisation(
        Organisation(name="Chi bộ Xí nghiệp 1", kind=OrgKind.CELL_UNDER_COMMITTEE, parent_id=parent)
    )
    member = register.save_member(
        Member(
            full_name="Hà Văn Khải",
            organisation_id=child,
            standing=Standing.OFFICIAL,
            admission_decision_date=date(2015, 1, 1),
            official_date=date(2016, 1, 1),
        )
    )
    cadre = register.save_cadre(Cadre("Đỗ Văn Giang", "Ủy viên Ban Thường vụ"))
    register.assign_cadre(parent, cadre, date(2026, 1, 1))
    meeting = replace(
        services.meetings.new_meeting(child, date(2026, 2, 5)),
        starts=time(14, 0),
        ends=time(15, 30),
        chair_member_id=member,
        secretary_member_id=member,
        guests=(Guest("Đỗ Văn Giang", "Ủy viên", "Đảng ủy phường", True, cadre),),
    )
    services.meetings.save(meeting)
    (result,) = services.meetings.compliance(2026)
    assert result.quarters[0].cadre is True
    assert result.cadres == ((cadre, "Đỗ Văn Giang"),)
    assert services.meetings.compliance(2026, cadre_id=cadre) == [result]


def test_a_chi_uy_meeting_calls_the_committee_only(services, chi_bo):
    org, ids = chi_bo
    meeting = services.meetings.new_meeting(org, date(2026, 11, 5), MeetingKind.COMMITTEE)
    assert [e.member_id for e in meeting.roll] == [ids[1]]
