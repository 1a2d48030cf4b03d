"""Dated meeting rules, save-time checks and the warnings shown before approval."""

from dataclasses import replace
from datetime import date, time

import pytest

from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingState,
    Presence,
    RollEntry,
    Vote,
    VoteKind,
)
from partydesk.domain.meeting_rules import (
    approval_warnings,
    approve,
    duration_ok,
    rules_on,
    validate_meeting,
)
from partydesk.domain.member import MemberStatus, Standing
from partydesk.domain.validation import InvalidRecord


def _roll(present: int = 8, absent: int = 0) -> tuple[RollEntry, ...]:
    entries = [RollEntry(i, f"Đảng viên {i}", Standing.OFFICIAL) for i in range(1, present + 1)]
    entries += [
        RollEntry(100 + i, f"Vắng {i}", Standing.OFFICIAL, presence=Presence.UNEXCUSED)
        for i in range(absent)
    ]
    return tuple(entries)


def good_meeting(**changes) -> Meeting:
    meeting = Meeting(
        1,
        date(2026, 3, 5),
        starts=time(14, 0),
        ends=time(15, 45),
        roll=_roll(),
        chair_member_id=1,
        secretary_member_id=2,
        agenda=(AgendaItem("Thông tin thời sự"),),
        votes=(Vote("Nghị quyết tháng 3", 8),),
        minutes_read_at=time(15, 35),
    )
    return replace(meeting, **changes)


def codes(meeting: Meeting) -> set[str]:
    return {w.code for w in approval_warnings(meeting)}


def test_rule_sets_by_date():
    assert rules_on(date(2025, 10, 27)).min_minutes is None
    assert rules_on(date(2025, 10, 28)).min_minutes == 90
    assert rules_on(date(2026, 1, 1)).minimum_for(MeetingKind.COMBINED) == 120
    assert rules_on(date(2026, 1, 1)).minimum_for(MeetingKind.COMMITTEE) is None
    assert rules_on(date(2010, 1, 1)) == rules_on(date(2018, 5, 25))


@pytest.mark.parametrize(
    ("kind", "minutes", "short"),
    [
        (MeetingKind.REGULAR, 89, True),
        (MeetingKind.REGULAR, 90, False),
        (MeetingKind.THEMATIC, 89, True),
        (MeetingKind.COMBINED, 119, True),
        (MeetingKind.COMBINED, 120, False),
        (MeetingKind.COMMITTEE, 30, False),
    ],
)
def test_duration_warning(kind, minutes, short):
    ends = time(14 + minutes // 60, minutes % 60)
    meeting = good_meeting(kind=kind, topic="Chuyên đề", ends=ends, minutes_read_at=None)
    assert ("too_short" in codes(meeting)) is short
    assert duration_ok(meeting) is (not short)


def test_no_duration_rule_before_hd42():
    meeting = good_meeting(on=date(2025, 9, 5), ends=time(14, 30), minutes_read_at=time(14, 20))
    assert "too_short" not in codes(meeting)


def test_a_good_meeting_has_no_warnings():
    assert approval_warnings(good_meeting()) == []


def test_chair_and_secretary_absent_or_missing():
    absent_chair = list(_roll())
    absent_chair[0] = replace(absent_chair[0], presence=Presence.EXCUSED, reason="Ốm")
    assert "chair_absent" in codes(good_meeting(roll=tuple(absent_chair)))
    assert "secretary_missing" in codes(good_meeting(secretary_member_id=None))
    assert "same_person" in codes(good_meeting(secretary_member_id=1))


def test_quorum_and_vote_counts():
    thin = good_meeting(roll=_roll(present=4, absent=4), votes=(Vote("Nghị quyết", 4),))
    found = codes(thin)
    assert "quorum" in found  # 4 of a base of 8 is not more than half
    assert "vote_failed" in found  # 4 in favour of 8 is not more than half
    overcount = good_meeting(votes=(Vote("Nghị quyết", 8, 1, 0),))
    assert "vote_count" in codes(overcount)
    admission = good_meeting(votes=(Vote("Kết nạp", 5, 3, 0, VoteKind.ADMISSION),))
    assert "vote_failed" in codes(admission)  # 5/8 < 2/3


def test_member_marked_twice():
    doubled = good_meeting(roll=(*_roll(), RollEntry(3, "Đảng viên 3", Standing.OFFICIAL)))
    assert "duplicate" in codes(doubled)


def test_validate_refuses_impossible_values_and_names_fields():
    bad = good_meeting(
        kind=MeetingKind.THEMATIC,
        ends=time(13, 0),
        chair_member_id=999,
        roll=(RollEntry(1, "A", Standing.OFFICIAL, presence=Presence.EXCUSED),),
        secretary_member_id=None,
    )
    with pytest.raises(InvalidRecord) as raised:
        validate_meeting(bad)
    fields = {e.field for e in raised.value.errors}
    assert {"topic", "ends", "chair_member_id", "roll.1"} <= fields
    messages = " ".join(e.message for e in raised.value.errors)
    assert "Chuyên đề" in messages and "Giờ kết thúc" in messages and "Chủ trì" in messages


def test_validate_normalises_text_and_drops_empty_rows():
    decomposed = "Hô\u0323i trươ\u0300ng"  # "Hội trường" typed with combining marks
    meeting = good_meeting(
        place=f"  {decomposed} ",
        agenda=(AgendaItem("Thời sự"), AgendaItem("", "", "")),
        votes=(Vote("  ", 1), Vote("Nghị quyết", 8)),
    )
    clean = validate_meeting(meeting)
    assert clean.place == "Hội trường"
    assert len(clean.agenda) == 1 and len(clean.votes) == 1


def test_approve_needs_a_reason_only_when_warned():
    approved = approve(good_meeting(), date(2026, 3, 6))
    assert approved.state is MeetingState.APPROVED and approved.approved_on == date(2026, 3, 6)
    short = good_meeting(ends=time(15, 0), minutes_read_at=time(14, 55))
    with pytest.raises(ValidationError) as raised:
        approve(short, date(2026, 3, 6))
    assert raised.value.field == "override_reason"
    forced = approve(short, date(2026, 3, 6), "Mất điện, chi bộ kết thúc sớm")
    assert forced.override_reason == "Mất điện, chi bộ kết thúc sớm"
    with pytest.raises(ValidationError):
        approve(forced, date(2026, 3, 7))


def test_temp_away_members_are_not_quorum_blockers():
    away = tuple(
        RollEntry(
            50 + i,
            f"Đi {i}",
            Standing.OFFICIAL,
            MemberStatus.TEMP_AWAY,
            Presence.EXCUSED,
            "SHT nơi khác",
        )
        for i in range(10)
    )
    assert "quorum" not in codes(good_meeting(roll=_roll() + away))
