"""The due list on fixed dates: each kind of item, the horizon, marks, and the working-day
deadline for official recognition across weekends and Tết."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partydesk.domain.briefing import Briefing, Half, Invitee, Sitting
from partydesk.domain.compliance import MeetingFact, OrganisationFacts, organisation_compliance
from partydesk.domain.due import (
    DueKind,
    DueMark,
    DueStatus,
    LinkTarget,
    MarkState,
    due_list,
    validate_mark,
)
from partydesk.domain.due_rules import (
    MemberFacts,
    TermFacts,
    briefing_items,
    meeting_items,
    member_items,
    term_items,
    visit_items,
)
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.member import MemberStatus
from partydesk.domain.organisation import OrgKind

TODAY = date(2026, 11, 21)
NO_HOLIDAYS = HolidayCalendar()
# Tết Đinh Mùi 2027 as the government would give it: Thu 04/02 to Wed 10/02/2027.
TET_2027 = HolidayCalendar.from_dates(
    {date(2027, 2, 4) + timedelta(days=d): "Tết" for d in range(7)}
)


def compliance(*months: int, interval: int = 1, cadre_months=(), today=TODAY, year=2026):
    meetings = tuple(
        MeetingFact(year, m, date(year, m, 5), True, False, True, True, m in cadre_months)
        for m in months
    )
    facts = OrganisationFacts(
        7, "Chi bộ Công ty An Phát", OrgKind.CELL_BASE, interval, None, None,
        ((3, "Phạm Văn Dũng"),), meetings,
    )  # fmt: skip
    return [organisation_compliance(facts, year, today)]


def member(**changes) -> MemberFacts:
    values = dict(
        member_id=5, name="Lê Thị Hoa", organisation="Chi bộ Công ty An Phát",
        status=MemberStatus.ACTIVE, probationary=False,
    )  # fmt: skip
    values.update(changes)
    return MemberFacts(**values)


def keys(items) -> list[str]:
    return sorted(i.key for i in items)


# --- meetings and cadre visits ----------------------------------------------------------------


def test_this_months_meeting_is_due_at_the_end_of_the_month() -> None:
    items = meeting_items(compliance(*range(1, 11)), {}, 2026, TODAY)
    assert [(i.key, i.on) for i in items] == [("meeting:7:2026-11", date(2026, 11, 30))]
    assert items[0].title == "Sinh hoạt chi bộ thường kỳ tháng 11/2026"
    assert items[0].link.target is LinkTarget.MEETINGS and items[0].link.year == 2026
    held = meeting_items(compliance(*range(1, 12)), {}, 2026, TODAY)
    assert held == []


def test_last_months_missed_meeting_is_overdue_older_ones_are_not() -> None:
    items = meeting_items(compliance(*range(1, 10), 11), {}, 2026, TODAY)
    assert keys(items) == ["meeting:7:2026-10"]
    assert items[0].status(TODAY) is DueStatus.OVERDUE
    # April missed too: a compliance gap now, not a to-do.
    older = meeting_items(compliance(1, 2, 3, 5, 6, 7, 8, 9, 10, 11), {}, 2026, TODAY)
    assert older == []


def test_a_two_month_window_is_due_at_its_end() -> None:
    rows = compliance(1, 3, 5, 7, 9, interval=2)
    items = meeting_items(rows, {7: 2}, 2026, TODAY)
    assert [(i.key, i.on, i.title) for i in items] == [
        ("meeting:7:2026-12", date(2026, 12, 31), "Sinh hoạt chi bộ thường kỳ tháng 11–12/2026")
    ]


def test_december_missed_shows_in_january() -> None:
    january = date(2027, 1, 10)
    rows = compliance(*range(1, 12), today=january)
    assert keys(meeting_items(rows, {}, 2026, january)) == ["meeting:7:2026-12"]


def test_cadre_visit_this_quarter_and_last() -> None:
    rows = compliance(*range(1, 11), cadre_months=(2, 5))  # none in Q3, none yet in Q4
    items = visit_items(rows, 2026, TODAY, checked=True)
    assert [(i.key, i.on) for i in items] == [
        ("visit:7:2026-Q3", date(2026, 9, 30)),
        ("visit:7:2026-Q4", date(2026, 12, 31)),
    ]
    assert items[1].title == "Cán bộ phụ trách dự sinh hoạt quý IV/2026"
    assert items[1].detail == "Cán bộ phụ trách: Phạm Văn Dũng"
    assert visit_items(rows, 2026, TODAY, checked=False) == []
    visited = compliance(*range(1, 11), cadre_months=(8, 10))
    assert visit_items(visited, 2026, TODAY, checked=True) == []


# --- members ----------------------------------------------------------------------------------


def test_probation_end_and_official_deadline() -> None:
    m = member(probationary=True, ceremony_date=date(2025, 12, 10))
    items = {i.kind: i for i in member_items([m], NO_HOLIDAYS, TODAY)}
    assert items[DueKind.PROBATION_END].on == date(2026, 12, 10)
    deadline = items[DueKind.OFFICIAL_DEADLINE]
    # 30 working days after Thu 10/12/2026: six weeks of Monday-Friday.
    assert deadline.on == date(2027, 1, 21)
    assert deadline.key == "official-deadline:5:2027-01-21"
    assert deadline.watch_from == date(2026, 12, 10)
    listed = due_list(items.values(), {}, TODAY)
    assert {i.kind for i in listed.open} == {DueKind.PROBATION_END, DueKind.OFFICIAL_DEADLINE}


def test_deadline_across_tet_2027_skips_the_holidays_and_weekends() -> None:
    ends = date(2027, 1, 29)  # a Friday, just before Tết
    m = member(probationary=True, ceremony_date=date(2026, 1, 29))
    plain = {i.kind: i.on for i in member_items([m], NO_HOLIDAYS, TODAY)}
    with_tet = {i.kind: i.on for i in member_items([m], TET_2027, TODAY)}
    assert plain[DueKind.PROBATION_END] == with_tet[DueKind.PROBATION_END] == ends
    assert plain[DueKind.OFFICIAL_DEADLINE] == date(2027, 3, 12)
    # Five weekdays of Tết (Thu 04 – Wed 10/02) push it a week later.
    assert with_tet[DueKind.OFFICIAL_DEADLINE] == date(2027, 3, 19)
    assert TET_2027.working_days_between(ends, date(2027, 3, 19)) == 30


def test_after_the_probation_only_the_deadline_remains_and_goes_overdue() -> None:
    m = member(probationary=True, ceremony_date=date(2025, 9, 1))
    items = member_items([m], NO_HOLIDAYS, TODAY)
    assert [i.kind for i in items] == [DueKind.OFFICIAL_DEADLINE]
    assert items[0].on == date(2026, 10, 13)
    assert items[0].status(TODAY) is DueStatus.OVERDUE
    assert items[0].status_text(TODAY) == "Quá hạn 39 ngày"


def test_guests_here_are_followed_by_their_own_organisation() -> None:
    guest = member(
        status=MemberStatus.TEMP_GUEST,
        probationary=True,
        ceremony_date=date(2025, 12, 10),
        admission_decision_date=date(1996, 12, 1),
        status_until=date(2026, 12, 1),
    )
    items = member_items([guest], NO_HOLIDAYS, TODAY)
    assert [i.kind for i in items] == [DueKind.TEMP_TRANSFER_END]
    assert items[0].title == "Hết thời hạn sinh hoạt tạm thời đến"
    assert items[0].key == "temp-transfer-end:5:2026-12-01"


def test_badge_milestone_within_six_months() -> None:
    soon = member(admission_decision_date=date(1987, 3, 2))  # 40 years on 02/03/2027
    far = member(member_id=6, admission_decision_date=date(1997, 8, 1))  # 30 on 01/08/2027
    items = member_items([soon, far], NO_HOLIDAYS, TODAY)
    assert [(i.key, i.on) for i in items] == [
        ("badge:5:40", date(2027, 3, 2)),
        ("badge:6:30", date(2027, 8, 1)),
    ]
    assert items[0].title == "Đủ 40 năm tuổi đảng: Huy hiệu 40 năm"
    assert keys(due_list(items, {}, TODAY).open) == ["badge:5:40"]
    today_is_the_day = member_items([soon], NO_HOLIDAYS, date(2027, 3, 2))
    assert today_is_the_day[0].status(date(2027, 3, 2)) is DueStatus.TODAY


def test_temporary_activity_away_ending() -> None:
    away = member(status=MemberStatus.TEMP_AWAY, status_until=date(2026, 11, 30))
    items = member_items([away], NO_HOLIDAYS, TODAY)
    assert [(i.kind, i.on) for i in items] == [(DueKind.TEMP_TRANSFER_END, date(2026, 11, 30))]
    assert items[0].link.target is LinkTarget.MEMBER


# --- terms and briefings ----------------------------------------------------------------------


def test_terms_ending_within_six_months_or_passed() -> None:
    terms = [
        TermFacts(1, 7, "Chi bộ A", "2021–2026", date(2026, 10, 1)),
        TermFacts(2, 8, "Chi bộ B", "2022–2027", date(2027, 4, 30)),
        TermFacts(3, 9, "Chi bộ C", "2025–2030", date(2030, 6, 1)),
    ]
    listed = due_list(term_items(terms), {}, TODAY)
    assert keys(listed.open) == ["term-end:1:2026-10-01", "term-end:2:2027-04-30"]
    assert listed.overdue_count == 1
    assert listed.open[0].link.target is LinkTarget.ORGANISATION


def test_next_briefing_round_and_missing_reports() -> None:
    briefing = Briefing(
        2026,
        Half.SECOND,
        sittings=(
            Sitting(date(2026, 11, 20), "Cụm 1", id=10),
            Sitting(date(2026, 12, 15), "Cụm 2", id=11),
        ),
        reports_due_on=date(2026, 12, 5),
        invitees=(
            Invitee(6, 0, report_received_on=date(2026, 11, 1), organisation_name="Chi bộ B"),
            Invitee(7, 1, organisation_name="Chi bộ Công ty An Phát"),
        ),
        id=4,
    )
    items = briefing_items(briefing, TODAY)
    assert [(i.key, i.on, i.title) for i in items] == [
        ("briefing:4:11", date(2026, 12, 15), "Hội nghị giao ban 6 tháng cuối năm 2026"),
        ("report:4:7", date(2026, 12, 5), "Nộp báo cáo 6 tháng cuối năm 2026"),
    ]
    assert {i.link.record_id for i in items} == {4}
    assert briefing_items(None, TODAY) == []


# --- the list, marks --------------------------------------------------------------------------


def test_done_and_snoozed_items_move_to_settled_and_a_snooze_comes_back() -> None:
    items = term_items([TermFacts(1, 7, "Chi bộ A", "2021–2026", date(2026, 10, 1))])
    key = items[0].key
    done = {key: DueMark(key, MarkState.DONE, TODAY, "Đã tổ chức đại hội")}
    listed = due_list(items, done, TODAY)
    assert listed.open == () and [i.status(TODAY) for i in listed.settled] == [DueStatus.DONE]
    snoozed = {key: DueMark(key, MarkState.SNOOZED, TODAY, "", date(2026, 12, 1))}
    assert due_list(items, snoozed, TODAY).settled[0].status_text(TODAY) == (
        "Tạm hoãn đến 01/12/2026"
    )
    back = due_list(items, snoozed, date(2026, 12, 1))
    assert keys(back.open) == [key] and back.settled == ()


def test_a_snoozed_item_comes_back_even_beyond_the_horizon() -> None:
    badge = member_items([member(admission_decision_date=date(1987, 3, 2))], NO_HOLIDAYS, TODAY)
    key = badge[0].key
    mark = {key: DueMark(key, MarkState.SNOOZED, TODAY, "", date(2026, 12, 1))}
    assert keys(due_list(badge, mark, date(2026, 12, 1)).open) == [key]


def test_mark_validation() -> None:
    with pytest.raises(ValidationError, match="Ghi chú"):
        validate_mark("k", MarkState.DONE, "  ", None, TODAY)
    with pytest.raises(ValidationError, match="sau hôm nay"):
        validate_mark("k", MarkState.SNOOZED, "", TODAY, TODAY)
    with pytest.raises(ValidationError, match="cần nhập ngày"):
        validate_mark("k", MarkState.SNOOZED, "", None, TODAY)
    mark = validate_mark("k", MarkState.DONE, "Đã nhắc chi bộ\r\n", None, TODAY)
    assert mark == DueMark("k", MarkState.DONE, TODAY, "Đã nhắc chi bộ")
