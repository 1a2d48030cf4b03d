"""The sample office's chi bộ meetings: rolls from the register, realistic gaps, votes that
match the register's admissions, approvals that lock, open tasks, addenda, clean Vietnamese
text, and the same minutes for the same seed.

Most checks run on the small ``_tiny`` office; those that need every kind of meeting and a
realistic spread run on one district office built once for the module.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from partydesk.domain.compliance import MonthState
from partydesk.domain.meeting import (
    Meeting,
    MeetingKind,
    MeetingState,
    Presence,
    VoteKind,
    roll_entry_on,
    vote_outcome,
)
from partydesk.domain.meeting_rules import approval_warnings, validate_meeting
from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus, Standing
from partydesk.domain.organisation import CommitteeRole, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices, build_services
from partydesk.services.demo import create_demo_database
from partydesk.store.meetings import MeetingLocked
from partydesk.store.store import Store, open_store
from tests.common import TODAY

HD42 = date(2025, 10, 28)
QUESTIONS = {
    VoteKind.ADMISSION: r"Đề nghị kết nạp quần chúng (.+) vào Đảng",
    VoteKind.OFFICIAL_RECOGNITION: r"Đề nghị công nhận đồng chí (.+) là đảng viên chính thức",
}
MEETING_TABLES = (
    "meetings",
    "meeting_roll",
    "meeting_guests",
    "meeting_agenda",
    "meeting_opinions",
    "meeting_votes",
    "meeting_tasks",
    "meeting_addenda",
)


def _open(path: Path) -> Iterator[tuple[Store, AppServices]]:
    store = open_store(path, path.parent / "backups")
    yield store, build_services(store, today=lambda: TODAY)
    store.close()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, AppServices]]:
    path = tmp_path_factory.mktemp("tiny") / "tiny.sqlite"
    create_demo_database(path, "_tiny", today=TODAY)
    yield from _open(path)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, AppServices]]:
    path = tmp_path_factory.mktemp("district") / "district.sqlite"
    create_demo_database(path, "district", today=TODAY)
    yield from _open(path)


def all_meetings(store: Store) -> list[Meeting]:
    ids = [r[0] for r in store.conn.execute("SELECT id FROM meetings ORDER BY id")]
    return store.meetings.get_many(ids)


def register(store: Store, organisation_id: int) -> list[tuple[Member, list[MemberEvent]]]:
    query = ListQuery(organisation_id=organisation_id, include_ended=True)
    return [
        (store.members.get(row.id), store.members.events(row.id))
        for row in store.members.list_rows(query, 0, 100_000)
    ]


def arrived_on(events: list[MemberEvent], organisation_id: int) -> date | None:
    """When a member came to the chi bộ from elsewhere (a transfer, temporary activity or a
    merger); before that day they were not on its roll."""
    for event in events:
        if event.kind is EventKind.TRANSFER_OUT and event.to_organisation_id == organisation_id:
            return event.on
    if events and events[0].kind in (EventKind.TRANSFER_IN, EventKind.TEMP_IN):
        return events[0].on
    return None


def cell_ids(store: Store) -> dict[int, OrgKind]:
    return {
        r[0]: OrgKind(r[1])
        for r in store.conn.execute("SELECT id, kind FROM organisations")
        if OrgKind(r[1]).is_cell
    }


# --- the register ------------------------------------------------------------------------------


def test_rolls_are_the_register_on_the_meeting_day(tiny: tuple[Store, AppServices]) -> None:
    store, _ = tiny
    by_org: dict[int, list[Meeting]] = {}
    for meeting in all_meetings(store):
        by_org.setdefault(meeting.organisation_id, []).append(meeting)
    assert set(by_org) <= set(cell_ids(store))
    checked = 0
    for organisation_id, meetings in by_org.items():
        members = register(store, organisation_id)
        for meeting in meetings:
            expected = {}
            for member, events in members:
                arrived = arrived_on(events, organisation_id)
                entry = roll_entry_on(member, events, meeting.on)
                if entry is not None and (arrived is None or arrived <= meeting.on):
                    expected[entry.member_id] = (entry.full_name, entry.standing, entry.status)
            roll = {e.member_id: (e.full_name, e.standing, e.status) for e in meeting.roll}
            if meeting.kind is MeetingKind.COMMITTEE:
                assert roll.items() <= expected.items()
            else:
                assert roll == expected, (organisation_id, meeting.on)
            official = {m.id: m.official_date for m, _ in members}
            for entry in meeting.roll:
                on = official[entry.member_id]
                is_official = on is not None and on <= meeting.on
                assert (entry.standing is Standing.OFFICIAL) == is_official
                if entry.status is MemberStatus.TEMP_AWAY:
                    assert entry.presence is Presence.EXCUSED
            checked += 1
    assert checked == store.counts()["meetings"]


def test_chair_and_secretary_are_two_present_members(tiny: tuple[Store, AppServices]) -> None:
    store, _ = tiny
    for meeting in all_meetings(store):
        present = {e.member_id for e in meeting.roll if e.is_present}
        assert meeting.chair_member_id in present
        assert meeting.secretary_member_id in present
        assert meeting.chair_member_id != meeting.secretary_member_id


def test_the_bi_thu_chairs_when_present(tiny: tuple[Store, AppServices]) -> None:
    store, _ = tiny
    chaired = absent = 0
    for meeting in all_meetings(store):
        secretaries = {
            post.member_id
            for term in store.organisations.terms(meeting.organisation_id)
            if term.is_current(meeting.on)
            for post in term.current_posts(meeting.on)
            if post.role is CommitteeRole.SECRETARY
        }
        present = {e.member_id for e in meeting.roll if e.is_present}
        if secretaries & present:
            assert meeting.chair_member_id in secretaries
            chaired += 1
        else:
            absent += 1
    assert chaired > absent


# --- the calendar ------------------------------------------------------------------------------


def test_every_chi_bo_meets_through_the_period_with_a_few_gaps(
    district: tuple[Store, AppServices],
) -> None:
    store, _ = district
    first = date(2025, 7, 1)  # whole months of the period (it starts with a quarter)
    held = {
        (r[0], r[1], r[2])
        for r in store.conn.execute(
            "SELECT organisation_id, period_year, period_month FROM meetings"
            " WHERE kind IN ('THUONG_KY', 'KET_HOP')"
        )
    }
    months = missing = 0
    silent = []
    for organisation_id in cell_ids(store):
        org = store.organisations.get(organisation_id)
        org_months = org_missing = 0
        day = first
        while day < TODAY.replace(day=1):
            ended = org.ended_on is not None and org.ended_on < day + timedelta(days=31)
            if org.founded_on < day and not ended and org.meeting_interval_months == 1:
                org_months += 1
                org_missing += (organisation_id, day.year, day.month) not in held
            day = (day + timedelta(days=32)).replace(day=1)
        members = store.members.count(ListQuery(organisation_id=organisation_id))
        if org_months and org_missing == org_months and members >= 3:
            silent.append(org.name)
        months += org_months
        missing += org_missing
    assert not silent
    assert 0.03 <= missing / months <= 0.10, (missing, months)


def test_gaps_cluster_in_a_few_weak_chi_bo(district: tuple[Store, AppServices]) -> None:
    _, services = district
    missing = Counter(
        o.organisation_id
        for o in services.meetings.compliance(2026)
        for c in o.months
        if c.state is MonthState.MISSING
    )
    cells = len(services.meetings.compliance(2026))
    assert len(missing) < cells / 3
    assert sum(n for _, n in missing.most_common(len(missing) // 3 + 1)) > sum(missing.values()) / 2


def test_compliance_is_mostly_met_with_some_gaps(district: tuple[Store, AppServices]) -> None:
    _, services = district
    months = Counter(c.state for o in services.meetings.compliance(2026) for c in o.months)
    judged = (
        months[MonthState.MET] + months[MonthState.MET_WITH_ISSUES] + months[MonthState.MISSING]
    )
    assert months[MonthState.MET] > 0.7 * judged
    assert months[MonthState.MISSING] > 0
    assert months[MonthState.MET_WITH_ISSUES] > 0
    gaps = Counter(g.problem for o in services.meetings.compliance(2026) for g in o.gaps)
    assert any("thời lượng ít hơn quy định" in p for p in gaps)
    assert gaps["không có sinh hoạt chuyên đề"] > 0


def test_every_kind_of_meeting_is_there(district: tuple[Store, AppServices]) -> None:
    store, _ = district
    kinds = Counter(r[0] for r in store.conn.execute("SELECT kind FROM meetings"))
    assert set(kinds) == {k.value for k in MeetingKind}
    assert kinds[MeetingKind.REGULAR.value] > kinds[MeetingKind.COMBINED.value] > 0
    forms = {r[0] for r in store.conn.execute("SELECT form FROM meetings")}
    assert forms == {"TRUC_TIEP", "KET_HOP"}


def test_chuyen_de_and_durations_follow_the_rules_mostly(
    district: tuple[Store, AppServices],
) -> None:
    store, _ = district
    meetings = all_meetings(store)
    thematic = [m for m in meetings if m.kind.is_thematic]
    assert thematic and all(m.topic for m in thematic)
    assert len({m.topic for m in thematic}) >= 8
    assert any(m.topic.startswith("Học tập và làm theo tư tưởng") for m in thematic)
    since = [m for m in meetings if m.on >= HD42 and m.kind is not MeetingKind.COMMITTEE]
    short = [m for m in since if "too_short" in {w.code for w in approval_warnings(m)}]
    assert 0.01 * len(since) < len(short) < 0.15 * len(since)
    for meeting in meetings:
        assert meeting.starts is not None and meeting.ends is not None
        read = meeting.minutes_read_at
        assert read is not None and meeting.starts < read < meeting.ends
        end = meeting.ends.hour * 60 + meeting.ends.minute
        assert 7 <= end - (read.hour * 60 + read.minute) <= 15


def test_the_cadre_in_charge_attends_most_quarters(district: tuple[Store, AppServices]) -> None:
    store, services = district
    visited, quarters = 0, 0
    for organisation in services.meetings.compliance(2026):
        if organisation.kind is OrgKind.CELL_UNDER_COMMITTEE or not organisation.cadres:
            continue
        for quarter in organisation.quarters[:3]:
            if quarter.applicable and quarter.cadre is not None:
                quarters += 1
                visited += quarter.cadre
    assert 0.6 * quarters < visited < quarters
    for meeting in all_meetings(store):
        for guest in meeting.guests:
            if guest.cadre_id is not None:
                top = meeting.organisation_id
                while (parent := store.organisations.get(top).parent_id) is not None:
                    top = parent
                in_charge = [
                    a.cadre_id
                    for a in store.organisations.assignments(top)
                    if a.is_current(meeting.on)
                ]
                assert in_charge == [guest.cadre_id]


# --- votes, tasks, dues --------------------------------------------------------------------------


def test_votes_pass_and_admissions_match_the_register(district: tuple[Store, AppServices]) -> None:
    store, _ = district
    names: dict[int, dict[str, list[Member]]] = {}
    seen = Counter()
    for meeting in all_meetings(store):
        if meeting.kind.is_regular:
            assert meeting.votes and meeting.votes[0].kind is VoteKind.ORDINARY
        for vote in meeting.votes:
            assert vote_outcome(vote, meeting.vote_base).passed, vote
            assert vote.cast <= sum(1 for e in meeting.roll if e.can_vote and e.is_present)
            if vote.kind is VoteKind.ORDINARY:
                continue
            if meeting.organisation_id not in names:
                names[meeting.organisation_id] = {}
                for member, _ in register(store, meeting.organisation_id):
                    names[meeting.organisation_id].setdefault(member.full_name, []).append(member)
            found = re.fullmatch(QUESTIONS[vote.kind], vote.question)
            assert found, vote.question
            namesakes = names[meeting.organisation_id][found.group(1)]
            seen[vote.kind] += 1
            if vote.kind is VoteKind.ADMISSION:
                assert any(
                    m.admission_decision_date is not None
                    and 0 < (m.admission_decision_date - meeting.on).days <= 80
                    and m.id not in {e.member_id for e in meeting.roll}
                    for m in namesakes
                )
            else:
                assert any(
                    m.official_date is not None and 0 <= (meeting.on - m.official_date).days <= 45
                    for m in namesakes
                )
    assert seen[VoteKind.ADMISSION] > 10 and seen[VoteKind.OFFICIAL_RECOGNITION] > 10


def test_tasks_are_done_at_later_meetings_and_the_latest_stay_open(
    tiny: tuple[Store, AppServices],
) -> None:
    store, services = tiny
    meetings = all_meetings(store)
    tasks = [t for m in meetings for t in m.tasks]
    assert tasks
    regular_days = {(m.organisation_id, m.on) for m in meetings if m.kind.is_regular}
    done = [t for t in tasks if t.done_on is not None]
    assert len(done) > 0.6 * len(tasks)
    for meeting in meetings:
        present = {e.member_id for e in meeting.roll if e.is_present}
        for task in meeting.tasks:
            assert task.assignee_member_id in present
            assert task.due is not None and 14 <= (task.due - meeting.on).days <= 35
            if task.done_on is not None:
                assert meeting.on < task.done_on <= TODAY
                assert (meeting.organisation_id, task.done_on) in regular_days
    open_now = [t for org in cell_ids(store) for t in services.meetings.open_tasks(org, TODAY)]
    assert open_now
    recent = [t for t in open_now if t.assigned_on and t.assigned_on > TODAY - timedelta(days=75)]
    assert len(recent) > len(open_now) / 2


def test_dues_are_plausible(tiny: tuple[Store, AppServices]) -> None:
    store, _ = tiny
    for meeting in all_meetings(store):
        if not meeting.kind.is_regular:
            assert meeting.dues_collected is None
            continue
        payers = sum(
            1
            for e in meeting.roll
            if e.is_own_member and e.status in (MemberStatus.ACTIVE, MemberStatus.EXEMPT)
        )
        dues = meeting.dues_collected
        assert dues is not None and dues % 1000 == 0
        assert 20_000 * payers <= dues <= 100_000 * payers


# --- approval, locks, addenda ------------------------------------------------------------------


def test_old_minutes_are_approved_and_locked(tiny: tuple[Store, AppServices]) -> None:
    store, services = tiny
    meetings = all_meetings(store)
    old = [m for m in meetings if m.on < TODAY - timedelta(days=40)]
    recent = [m for m in meetings if m.on > TODAY - timedelta(days=25)]
    assert sum(m.is_locked for m in old) > 0.9 * len(old)
    assert recent and sum(not m.is_locked for m in recent) > len(recent) / 2
    for meeting in meetings:
        if meeting.is_locked:
            assert meeting.approved_on is not None
            assert meeting.on <= meeting.approved_on <= min(TODAY, meeting.on + timedelta(days=6))
            assert bool(approval_warnings(meeting)) == bool(meeting.override_reason)
    approved = next(m for m in meetings if m.is_locked)
    with pytest.raises(MeetingLocked):
        services.meetings.save(replace(approved, conclusion="Sửa lại kết luận."))
    assert store.meetings.get(approved.id or 0) == approved


def test_a_few_approved_minutes_carry_addenda(district: tuple[Store, AppServices]) -> None:
    store, _ = district
    meetings = all_meetings(store)
    approved = [m for m in meetings if m.state is MeetingState.APPROVED]
    corrected = [m for m in meetings if m.addenda]
    assert all(m.is_locked for m in corrected)
    assert 0.01 * len(approved) <= len(corrected) <= 0.05 * len(approved)
    for meeting in corrected:
        for addendum in meeting.addenda:
            assert meeting.approved_on is not None
            assert meeting.approved_on < addendum.on <= TODAY
            assert addendum.text.startswith("Đính chính: ")
    overridden = [m for m in approved if m.override_reason]
    assert 0 < len(overridden) < 0.1 * len(approved)


# --- text ---------------------------------------------------------------------------------------


def _texts(meeting: Meeting) -> list[str]:
    found = [meeting.topic, meeting.place, meeting.conclusion, meeting.override_reason]
    found += [e.reason for e in meeting.roll] + [g.position for g in meeting.guests]
    for item in meeting.agenda:
        found += [item.title, item.presenter, item.summary, item.conclusion]
        found += [o.speaker + o.text for o in item.opinions]
    found += [v.question for v in meeting.votes] + [t.description for t in meeting.tasks]
    return found + [a.text for a in meeting.addenda]


def test_the_text_is_clean_varied_vietnamese(tiny: tuple[Store, AppServices]) -> None:
    store, _ = tiny
    meetings = all_meetings(store)
    for meeting in meetings:
        assert validate_meeting(meeting) == meeting
        for text in _texts(meeting):
            assert unicodedata.is_normalized("NFC", text)
            assert "{" not in text and "}" not in text and "  " not in text
    summaries = [a.summary for m in meetings for a in m.agenda]
    assert len(set(summaries)) > 0.75 * len(summaries)
    by_org: dict[int, set[tuple[str, ...]]] = {}
    for meeting in meetings:
        agenda = tuple(a.summary for a in meeting.agenda)
        assert agenda not in by_org.setdefault(meeting.organisation_id, set())
        by_org[meeting.organisation_id].add(agenda)
    for organisation_id in by_org:
        conclusions = [m.conclusion for m in meetings if m.organisation_id == organisation_id]
        assert len(set(conclusions)) > 0.95 * len(conclusions)
    speakers = [o.speaker for m in meetings for a in m.agenda for o in a.opinions]
    assert speakers and all(s.strip() for s in speakers)


def test_no_two_meetings_of_a_chi_bo_share_a_day(tiny: tuple[Store, AppServices]) -> None:
    store, _ = tiny
    days = Counter(
        (r[0], r[1]) for r in store.conn.execute("SELECT organisation_id, on_date FROM meetings")
    )
    assert max(days.values()) == 1
    first = min(
        date.fromisoformat(r[0]) for r in store.conn.execute("SELECT on_date FROM meetings")
    )
    assert first >= date(2025, 4, 1)


# --- determinism -------------------------------------------------------------------------------


def _meeting_hash(path: Path) -> str:
    conn = sqlite3.connect(path)
    digest = hashlib.sha256()
    try:
        for table in MEETING_TABLES:
            columns = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info({table})")
                if r[1] not in ("created_at", "updated_at")
            ]
            for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_minutes(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "c.sqlite"
    create_demo_database(first, "_tiny", seed=7, today=TODAY)
    create_demo_database(second, "_tiny", seed=7, today=TODAY)
    create_demo_database(other, "_tiny", seed=8, today=TODAY)
    assert _meeting_hash(first) == _meeting_hash(second)
    assert _meeting_hash(first) != _meeting_hash(other)


def test_progress_names_the_meetings_step(tmp_path: Path) -> None:
    messages: list[str] = []
    summary = create_demo_database(
        tmp_path / "p.sqlite", "_tiny", today=TODAY, progress=lambda d, t, m: messages.append(m)
    )
    assert any(m.startswith("Đang tạo biên bản sinh hoạt chi bộ… ") for m in messages)
    assert summary.meetings > 0 and summary.meeting_tasks > 0
    assert "biên bản sinh hoạt, " in summary.describe()
    assert {f.name for f in fields(summary)} >= {"meetings", "meeting_tasks", "meeting_addenda"}
