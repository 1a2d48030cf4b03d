"""Who is on the roll and evaluated on a cycle's reference date, and with which form."""

from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.eligibility import (
    admitted_on,
    base_organisation_id,
    exclusion_for,
    member_form,
    status_on,
)
from partydesk.domain.evaluation import Exclusion, MemberForm
from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus
from partydesk.domain.rule_sets import BUILTIN_RULE_SETS, rule_set_for_year

REF = date(2025, 12, 31)
QD124 = rule_set_for_year(2024, BUILTIN_RULE_SETS)
QD366 = rule_set_for_year(2025, BUILTIN_RULE_SETS)
MEMBER = Member(full_name="Nguyễn Văn An", id=1, admission_decision_date=date(2015, 3, 2))


def event(kind: EventKind, on: date, **more) -> MemberEvent:
    return MemberEvent(member_id=1, kind=kind, on=on, **more)


# --- status on the reference date -------------------------------------------------------


def test_no_events_uses_the_current_status():
    assert status_on(MEMBER, [], REF) is MemberStatus.ACTIVE
    exempt = replace(MEMBER, status=MemberStatus.EXEMPT)
    assert status_on(exempt, [], REF) is MemberStatus.EXEMPT


def test_ended_status_without_a_dated_event_is_off_the_roll():
    dead = replace(MEMBER, status=MemberStatus.DECEASED)
    assert status_on(dead, [], REF) is None


def test_admitted_after_the_reference_date_is_off_the_roll():
    late = replace(MEMBER, admission_decision_date=date(2026, 1, 5))
    assert status_on(late, [], REF) is None
    assert status_on(late, [], date(2026, 1, 5)) is MemberStatus.ACTIVE


def test_ceremony_date_counts_before_the_decision_date():
    member = replace(
        MEMBER, admission_decision_date=date(2025, 12, 1), ceremony_date=date(2026, 1, 3)
    )
    assert admitted_on(member, []) == date(2026, 1, 3)
    assert status_on(member, [], REF) is None


def test_admission_event_date_when_the_record_has_no_date():
    member = replace(MEMBER, admission_decision_date=None)
    events = [event(EventKind.ADMITTED, date(2025, 8, 1))]
    assert admitted_on(member, events) == date(2025, 8, 1)
    assert status_on(member, events, date(2025, 7, 31)) is None
    assert status_on(member, events, REF) is MemberStatus.ACTIVE


def test_no_admission_date_at_all_counts_as_on_the_roll():
    member = replace(MEMBER, admission_decision_date=None)
    assert admitted_on(member, []) is None
    assert status_on(member, [], REF) is MemberStatus.ACTIVE


@pytest.mark.parametrize(
    "kind, status",
    [
        (EventKind.TRANSFER_OUT, MemberStatus.TRANSFERRED_OUT),
        (EventKind.DECEASED, MemberStatus.DECEASED),
        (EventKind.STRUCK_OFF, MemberStatus.STRUCK_OFF),
        (EventKind.EXPELLED, MemberStatus.EXPELLED),
        (EventKind.RESIGNED, MemberStatus.RESIGNED),
    ],
)
def test_ending_event_on_or_before_the_reference_date(kind, status):
    ended = replace(MEMBER, status=status)
    events = [event(kind, date(2025, 12, 31))]
    assert status_on(ended, events, REF) is None
    # Ended after the reference date: still on that year's roll, active.
    later = [event(kind, date(2026, 1, 2))]
    assert status_on(ended, later, REF) is MemberStatus.ACTIVE


def test_transfer_inside_the_register_keeps_the_member_on_the_roll():
    events = [event(EventKind.TRANSFER_OUT, date(2025, 6, 1), to_organisation_id=9)]
    moved = replace(MEMBER, organisation_id=9)
    assert status_on(moved, events, REF) is MemberStatus.ACTIVE


def test_status_is_replayed_from_events_before_the_last_one():
    events = [
        event(EventKind.EXEMPTED, date(2024, 3, 1)),
        event(EventKind.RESUMED, date(2026, 2, 1)),
    ]
    assert status_on(MEMBER, events, REF) is MemberStatus.EXEMPT
    assert status_on(MEMBER, events, date(2024, 2, 28)) is MemberStatus.ACTIVE
    assert status_on(MEMBER, events, date(2026, 3, 1)) is MemberStatus.ACTIVE


def test_arrival_after_the_reference_date_is_off_the_roll():
    guest = replace(MEMBER, status=MemberStatus.TEMP_GUEST)
    events = [
        event(EventKind.TEMP_IN, date(2026, 2, 1)),
        event(EventKind.TEMP_ENDED, date(2026, 9, 1)),
    ]
    assert status_on(guest, events, REF) is None


def test_left_and_came_back():
    events = [
        event(EventKind.TRANSFER_OUT, date(2020, 1, 1)),
        event(EventKind.TRANSFER_IN, date(2026, 1, 1)),
        event(EventKind.SUSPENDED, date(2026, 5, 1)),
    ]
    assert status_on(MEMBER, events, date(2019, 6, 1)) is MemberStatus.ACTIVE
    assert status_on(MEMBER, events, REF) is None
    assert status_on(MEMBER, events, date(2026, 2, 1)) is MemberStatus.ACTIVE


# --- exclusions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, expected",
    [
        (MemberStatus.EXEMPT, Exclusion.EXEMPT),
        (MemberStatus.SUSPENDED, Exclusion.SUSPENDED),
        (MemberStatus.TEMP_GUEST, Exclusion.TEMP_GUEST),
        (MemberStatus.TEMP_AWAY, None),
        (MemberStatus.ACTIVE, None),
    ],
)
def test_exclusion_by_status(status, expected):
    assert exclusion_for(MEMBER, status, REF, QD366, date(2015, 3, 2)) is expected


def test_new_member_boundary_day():
    # Admitted 30/6/2025: six months are complete on 30/12/2025, so evaluated from that day.
    on_the_day = date(2025, 12, 30)
    assert exclusion_for(MEMBER, MemberStatus.ACTIVE, on_the_day, QD366, date(2025, 6, 30)) is None
    assert (
        exclusion_for(MEMBER, MemberStatus.ACTIVE, on_the_day, QD366, date(2025, 7, 1))
        is Exclusion.NEW_MEMBER
    )
    assert (
        exclusion_for(MEMBER, MemberStatus.ACTIVE, date(2025, 12, 29), QD366, date(2025, 6, 30))
        is Exclusion.NEW_MEMBER
    )
    assert exclusion_for(MEMBER, MemberStatus.ACTIVE, REF, QD366, None) is None


def test_exempt_wins_over_new_member():
    assert (
        exclusion_for(MEMBER, MemberStatus.EXEMPT, REF, QD366, date(2025, 11, 1))
        is Exclusion.EXEMPT
    )


def test_exclusions_missing_from_the_rule_set_do_not_apply():
    lenient = replace(QD366, exclusions=frozenset({Exclusion.SUSPENDED}))
    assert exclusion_for(MEMBER, MemberStatus.EXEMPT, REF, lenient, date(2025, 11, 1)) is None
    longer = replace(QD366, new_member_months=12)
    assert (
        exclusion_for(MEMBER, MemberStatus.ACTIVE, REF, longer, date(2025, 3, 1))
        is Exclusion.NEW_MEMBER
    )


# --- form and comparison group --------------------------------------------------------------


def test_member_form_per_rule_set():
    assert member_form(QD366, in_political_system=False, is_leader=False) is MemberForm.OUTSIDE
    assert member_form(QD366, in_political_system=False, is_leader=True) is MemberForm.OUTSIDE
    assert member_form(QD366, in_political_system=True, is_leader=True) is MemberForm.LEADER
    assert member_form(QD366, in_political_system=True, is_leader=False) is MemberForm.STAFF
    # QĐ 124 has no 2C: a private-firm member writes 2A, a manager 2B.
    assert member_form(QD124, in_political_system=False, is_leader=False) is MemberForm.STAFF
    assert member_form(QD124, in_political_system=False, is_leader=True) is MemberForm.LEADER


def test_base_organisation_walks_up_to_the_top():
    parents = {1: None, 2: 1, 3: 2, 4: None}
    assert base_organisation_id(3, parents) == 1
    assert base_organisation_id(1, parents) == 1
    assert base_organisation_id(4, parents) == 4
    assert base_organisation_id(99, parents) == 99


def test_base_organisation_survives_a_cycle_of_parents():
    assert base_organisation_id(5, {5: 6, 6: 5}) == 5
