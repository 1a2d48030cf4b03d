"""The meeting model: counts from the roll, the vote base (domain §1.5), thresholds, the roll
on a past date, and the draft codec."""

from dataclasses import replace
from datetime import date, time

import pytest

from partydesk.domain.meeting import (
    AgendaItem,
    Guest,
    Meeting,
    MeetingKind,
    MembershipCounts,
    Opinion,
    Presence,
    RollEntry,
    Task,
    Vote,
    VoteKind,
    percent_text,
    present_voters,
    required_in_favour,
    roll_entry_on,
    vote_base,
    vote_outcome,
)
from partydesk.domain.meeting_codec import meeting_from_json, meeting_to_json
from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus, Standing

OFFICIAL, PROBATIONARY = Standing.OFFICIAL, Standing.PROBATIONARY
ACTIVE, EXEMPT = MemberStatus.ACTIVE, MemberStatus.EXEMPT
AWAY, GUEST = MemberStatus.TEMP_AWAY, MemberStatus.TEMP_GUEST
PRESENT, EXCUSED, UNEXCUSED = Presence.PRESENT, Presence.EXCUSED, Presence.UNEXCUSED


def roll(*groups: tuple[int, Standing, MemberStatus, Presence]) -> tuple[RollEntry, ...]:
    """A roll from (how many, standing, status, presence) groups."""
    entries = []
    for count, standing, status, presence in groups:
        for _ in range(count):
            n = len(entries) + 1
            reason = "Đi công tác" if presence is EXCUSED else ""
            entries.append(RollEntry(n, f"Đảng viên {n}", standing, status, presence, reason))
    return tuple(entries)


# (description, roll groups, expected base, expected present voters)
VOTE_BASE_CASES = [
    (
        "reference worked example: 20 official + 2 probationary, 3 official away on business",
        [
            (17, OFFICIAL, ACTIVE, PRESENT),
            (3, OFFICIAL, ACTIVE, EXCUSED),
            (2, PROBATIONARY, ACTIVE, PRESENT),
        ],
        20,
        17,
    ),
    (
        "members sent elsewhere on sinh hoạt tạm thời are not in the base",
        [(10, OFFICIAL, ACTIVE, PRESENT), (2, OFFICIAL, AWAY, EXCUSED)],
        10,
        10,
    ),
    (
        "an exempt member who is absent is not counted",
        [(8, OFFICIAL, ACTIVE, PRESENT), (1, OFFICIAL, EXEMPT, EXCUSED)],
        8,
        8,
    ),
    (
        "an exempt member who attends is counted",
        [(8, OFFICIAL, ACTIVE, PRESENT), (1, OFFICIAL, EXEMPT, PRESENT)],
        9,
        9,
    ),
    (
        "members here on sinh hoạt tạm thời vote where they are registered, not here",
        [(6, OFFICIAL, ACTIVE, PRESENT), (2, OFFICIAL, GUEST, PRESENT)],
        6,
        6,
    ),
    (
        "unexcused absences stay in the base",
        [(5, OFFICIAL, ACTIVE, PRESENT), (2, OFFICIAL, ACTIVE, UNEXCUSED)],
        7,
        5,
    ),
    (
        "probationary members never vote",
        [(3, PROBATIONARY, ACTIVE, PRESENT)],
        0,
        0,
    ),
]


@pytest.mark.parametrize(
    ("groups", "base", "voters"),
    [case[1:] for case in VOTE_BASE_CASES],
    ids=[case[0] for case in VOTE_BASE_CASES],
)
def test_vote_base(groups, base, voters):
    entries = roll(*groups)
    assert vote_base(entries) == base
    assert present_voters(entries) == voters


# (base, kind, fewest votes in favour that pass)
THRESHOLDS = [
    (20, VoteKind.ORDINARY, 11),
    (21, VoteKind.ORDINARY, 11),
    (1, VoteKind.ORDINARY, 1),
    (2, VoteKind.ORDINARY, 2),
    (20, VoteKind.ADMISSION, 14),  # 2/3 of 20 = 13.33
    (21, VoteKind.ADMISSION, 14),  # exactly 2/3 passes
    (9, VoteKind.OFFICIAL_RECOGNITION, 6),
    (3, VoteKind.OFFICIAL_RECOGNITION, 2),
]


@pytest.mark.parametrize(("base", "kind", "required"), THRESHOLDS)
def test_required_in_favour(base, kind, required):
    assert required_in_favour(base, kind) == required
    assert vote_outcome(Vote("Q", in_favour=required, kind=kind), base).passed
    assert not vote_outcome(Vote("Q", in_favour=required - 1, kind=kind), base).passed


def test_worked_example_admission_needs_two_thirds_of_twenty_not_of_those_present():
    entries = roll(
        (17, OFFICIAL, ACTIVE, PRESENT),
        (3, OFFICIAL, ACTIVE, EXCUSED),
        (2, PROBATIONARY, ACTIVE, PRESENT),
    )
    base = vote_base(entries)
    # 13 of 17 present is 76 % of those present, but only 65 % of the base of 20.
    assert not vote_outcome(Vote("Kết nạp", 13, 4, 0, VoteKind.ADMISSION), base).passed
    assert vote_outcome(Vote("Kết nạp", 14, 3, 0, VoteKind.ADMISSION), base).passed
    assert vote_outcome(Vote("Nghị quyết", 11, 6, 0), base).passed


def test_no_base_never_passes():
    assert not vote_outcome(Vote("Q", in_favour=0), 0).passed


def test_counts_from_the_roll():
    entries = roll(
        (10, OFFICIAL, ACTIVE, PRESENT),
        (1, OFFICIAL, ACTIVE, UNEXCUSED),
        (2, OFFICIAL, ACTIVE, EXCUSED),
        (3, PROBATIONARY, ACTIVE, PRESENT),
        (1, OFFICIAL, AWAY, EXCUSED),
        (1, OFFICIAL, EXEMPT, EXCUSED),
        (2, OFFICIAL, GUEST, PRESENT),
    )
    counts = MembershipCounts.of(entries)
    assert counts.total == 20
    assert (counts.official, counts.probationary, counts.temp_guests) == (15, 3, 2)
    assert (counts.exempt, counts.temp_away) == (1, 1)
    assert counts.present == 15
    assert (counts.present_official, counts.present_probationary) == (10, 3)
    assert counts.present_temp_guests == 2
    assert len(counts.excused) == 4 and len(counts.unexcused) == 1
    assert counts.absent == 5


def test_percent_text_uses_decimal_comma():
    assert percent_text(18, 20) == "90,0%"
    assert percent_text(2, 3) == "66,7%"
    assert percent_text(1, 0) == "—"


def test_period_defaults_to_the_meeting_month_and_title_line():
    meeting = Meeting(1, date(2026, 4, 2), MeetingKind.REGULAR)
    assert meeting.period == (2026, 4)
    late = Meeting(1, date(2026, 4, 2), period_year=2026, period_month=3)
    assert late.title_line == "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026"
    combined = Meeting(1, date(2026, 4, 2), MeetingKind.COMBINED, topic="Chuyển đổi số")
    assert combined.title_line.endswith("tháng 4 năm 2026: Chuyển đổi số")


def test_duration():
    meeting = Meeting(1, date(2026, 4, 2), starts=time(14, 0), ends=time(15, 25))
    assert meeting.duration_minutes == 85
    assert Meeting(1, date(2026, 4, 2), starts=time(14, 0)).duration_minutes is None


def test_copy_structure_keeps_agenda_titles_and_guests_but_not_content():
    entries = roll((3, OFFICIAL, ACTIVE, PRESENT))
    previous = Meeting(
        1,
        date(2026, 3, 5),
        place="Hội trường",
        roll=entries,
        chair_member_id=1,
        secretary_member_id=9,  # no longer in the roll
        guests=(Guest("Trần Văn Bình", "Cán bộ phụ trách", "Đảng ủy phường", cadre_id=4),),
        agenda=(AgendaItem("Thời sự", "Bí thư", "Tóm tắt", (Opinion("A", "B"),), "Kết luận"),),
        conclusion="Kết luận chung",
        votes=(Vote("Q", 3),),
        tasks=(Task("Việc"),),
    )
    copy = previous.copy_structure(date(2026, 4, 2), entries)
    assert copy.id is None and copy.period == (2026, 4)
    assert copy.agenda == (AgendaItem("Thời sự", "Bí thư"),)
    assert copy.guests == previous.guests and copy.place == "Hội trường"
    assert copy.chair_member_id == 1 and copy.secretary_member_id is None
    assert copy.conclusion == "" and copy.votes == () and copy.tasks == ()


def _member(**changes) -> Member:
    base = Member(
        "Lê Thị Hoa",
        id=7,
        admission_decision_date=date(2024, 6, 1),
        official_date=date(2025, 6, 1),
        standing=OFFICIAL,
    )
    return replace(base, **changes)


def test_roll_entry_on_replays_standing_and_status():
    member = _member(status=AWAY)
    events = [MemberEvent(7, EventKind.TEMP_OUT, date(2026, 2, 1), until=date(2026, 8, 1))]
    assert roll_entry_on(member, events, date(2024, 5, 1)) is None  # not yet admitted
    before_official = roll_entry_on(member, events, date(2025, 3, 1))
    assert before_official is not None and before_official.standing is PROBATIONARY
    assert before_official.status is ACTIVE and before_official.is_present
    away = roll_entry_on(member, events, date(2026, 3, 1))
    assert away is not None and away.status is AWAY and away.presence is EXCUSED


def test_roll_entry_on_drops_members_who_had_left():
    member = _member(status=MemberStatus.TRANSFERRED_OUT)
    events = [MemberEvent(7, EventKind.TRANSFER_OUT, date(2026, 1, 10))]
    assert roll_entry_on(member, events, date(2025, 12, 1)) is not None
    assert roll_entry_on(member, events, date(2026, 2, 1)) is None


def test_codec_round_trip_keeps_every_field():
    meeting = Meeting(
        3,
        date(2026, 4, 2),
        MeetingKind.COMBINED,
        id=12,
        topic="Nâng cao chất lượng sinh hoạt",
        starts=time(14, 0),
        ends=time(16, 10),
        place="Phòng họp tầng 2",
        roll=roll((2, OFFICIAL, ACTIVE, PRESENT), (1, PROBATIONARY, ACTIVE, EXCUSED)),
        guests=(Guest("Trần Bình", "Ủy viên", "Đảng ủy phường", True, 4),),
        chair_member_id=1,
        secretary_member_id=2,
        dues_collected=450_000,
        agenda=(AgendaItem("Thời sự", "Đ/c Hoa", "…", (Opinion("Đ/c Nam", "Nhất trí"),), "KL"),),
        conclusion="Chi bộ thống nhất",
        votes=(Vote("Nghị quyết tháng 4", 2, 0, 0, VoteKind.ORDINARY),),
        tasks=(Task("Nộp báo cáo", "Đ/c Nam", 2, date(2026, 4, 30), id=5),),
        quality_score=92,
        minutes_read_at=time(16, 0),
        number=7,
    )
    assert meeting_from_json(meeting_to_json(meeting)) == meeting


def test_codec_keeps_the_draft_when_a_value_is_unknown_and_refuses_other_payloads():
    payload = meeting_to_json(Meeting(1, date(2026, 1, 5))).replace("THUONG_KY", "NEW_KIND")
    assert meeting_from_json(payload).kind is MeetingKind.REGULAR
    with pytest.raises(ValueError):
        meeting_from_json('{"format": 99}')
    with pytest.raises(ValueError):
        meeting_from_json('{"format": 1, "meeting": []}')


def test_roll_entry_on_leaves_out_members_before_they_arrived():
    moved_in = _member()
    events = [MemberEvent(7, EventKind.TRANSFER_IN, date(2026, 3, 1), other_organisation="X")]
    assert roll_entry_on(moved_in, events, date(2026, 2, 1)) is None
    assert roll_entry_on(moved_in, events, date(2026, 3, 1)) is not None
    guest = _member(status=GUEST)
    events = [MemberEvent(7, EventKind.TEMP_IN, date(2026, 5, 1), until=date(2026, 12, 1))]
    assert roll_entry_on(guest, events, date(2026, 4, 30)) is None
    here = roll_entry_on(guest, events, date(2026, 6, 1))
    assert here is not None and here.status is GUEST and not here.can_vote
