"""Briefing rules: recurrence, the half a date reviews, sittings, validation, carry-over."""

import unicodedata
from datetime import date, time

import pytest

from partydesk.domain.briefing import (
    Attendance,
    Briefing,
    BriefingIssue,
    Half,
    InviteCandidate,
    Invitee,
    IssueKind,
    IssueStatus,
    Sitting,
    SplitBy,
)
from partydesk.domain.briefing_rules import (
    DEFAULT_RULE,
    carried_over,
    explain_rule,
    half_reviewed,
    next_dates,
    report_on_time,
    reports_due,
    split_into_sittings,
    validate_briefing,
    validate_issue,
    validate_rule,
)
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.validation import InvalidRecord

CALENDAR = HolidayCalendar.default_for_years(range(2025, 2029))


def test_default_rule_gives_second_thursday_of_july_and_december_across_years():
    assert next_dates(DEFAULT_RULE, date(2026, 11, 21), 4) == [
        date(2026, 12, 10),
        date(2027, 7, 8),
        date(2027, 12, 9),
        date(2028, 7, 13),
    ]


def test_next_dates_are_strictly_after_the_given_day():
    assert next_dates(DEFAULT_RULE, date(2026, 12, 10), 1) == [date(2027, 7, 8)]


def test_explanation_names_weekday_dates_and_halves():
    text = explain_rule(DEFAULT_RULE, date(2026, 11, 21), 2)
    assert text == (
        "Các đợt tiếp theo: thứ Năm 10/12/2026 (6 tháng cuối năm 2026); "
        "thứ Năm 08/07/2027 (6 tháng đầu năm 2027)."
    )


@pytest.mark.parametrize(
    "text",
    ["", "FREQ=SOMETIMES", "DTSTART:20260101\nRRULE:FREQ=YEARLY", "FREQ=YEARLY;COUNT=0"],
)
def test_bad_rules_are_refused_naming_the_field(text):
    with pytest.raises(ValidationError) as caught:
        validate_rule(text, date(2026, 11, 21))
    assert caught.value.field == "briefing_rule"
    assert caught.value.message.startswith("Quy tắc lặp lịch giao ban")


def test_rule_may_carry_the_rrule_prefix():
    assert validate_rule("RRULE:FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20", date(2026, 1, 1)) == (
        "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20"
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 1, 14), (2026, Half.SECOND)),
        (date(2027, 3, 31), (2026, Half.SECOND)),
        (date(2027, 4, 1), (2027, Half.FIRST)),
        (date(2027, 9, 30), (2027, Half.FIRST)),
        (date(2027, 10, 1), (2027, Half.SECOND)),
        (date(2027, 12, 9), (2027, Half.SECOND)),
    ],
)
def test_half_reviewed(day, expected):
    assert half_reviewed(day) == expected


def test_reports_due_five_working_days_before_skipping_weekend():
    # Thursday 10/12/2026 minus 5 working days: Thursday 03/12/2026.
    assert reports_due(date(2026, 12, 10), CALENDAR) == date(2026, 12, 3)


CANDIDATES = [
    InviteCandidate(1, "Chi bộ An", cluster="Cụm 2", ward="Phường Bắc", cadre="Lê Văn B"),
    InviteCandidate(2, "Chi bộ Bình", cluster="Cụm 1", ward="Phường Nam", cadre="Lê Văn B"),
    InviteCandidate(3, "Chi bộ Cường", cluster="", ward="Phường Bắc", cadre="Đỗ Thị A"),
    InviteCandidate(4, "Đảng bộ Dũng", cluster="Cụm 1", ward="", cadre=""),
]


def _groups(sittings, invitees):
    return {
        s.label: [v.organisation_id for v in invitees if v.sitting_index == n]
        for n, s in enumerate(sittings)
    }


def test_no_split_makes_one_sitting_with_everyone():
    sittings, invitees = split_into_sittings(CANDIDATES, SplitBy.NONE, date(2026, 12, 10), CALENDAR)
    assert [s.on for s in sittings] == [date(2026, 12, 10)]
    assert [v.organisation_id for v in invitees] == [1, 2, 3, 4]
    assert invitees[0].organisation_name == "Chi bộ An"


def test_split_by_cluster_orders_groups_and_puts_unclustered_last_on_working_days():
    # 10/12/2026 is a Thursday: the third sitting skips the weekend to Monday 14/12.
    sittings, invitees = split_into_sittings(
        CANDIDATES, SplitBy.CLUSTER, date(2026, 12, 10), CALENDAR
    )
    assert _groups(sittings, invitees) == {"Cụm 1": [2, 4], "Cụm 2": [1], "Chưa xếp cụm": [3]}
    assert [s.on for s in sittings] == [date(2026, 12, 10), date(2026, 12, 11), date(2026, 12, 14)]


def test_split_by_ward():
    sittings, invitees = split_into_sittings(CANDIDATES, SplitBy.WARD, date(2026, 12, 10), CALENDAR)
    assert _groups(sittings, invitees) == {
        "Phường Bắc": [1, 3],
        "Phường Nam": [2],
        "Chưa rõ địa bàn": [4],
    }


def test_split_by_cadre_in_vietnamese_order():
    sittings, invitees = split_into_sittings(
        CANDIDATES, SplitBy.CADRE, date(2026, 12, 10), CALENDAR
    )
    # Vietnamese order puts Đ right after D, so before L.
    assert _groups(sittings, invitees) == {
        "Đ/c Đỗ Thị A": [3],
        "Đ/c Lê Văn B": [1, 2],
        "Chưa phân công cán bộ": [4],
    }


def test_split_over_tet_skips_the_holidays():
    # Wednesday 03/02/2027; Tết 2027 runs from 04/02 to 10/02.
    sittings, _ = split_into_sittings(CANDIDATES, SplitBy.CLUSTER, date(2027, 2, 3), CALENDAR)
    assert [s.on for s in sittings] == [date(2027, 2, 3), date(2027, 2, 11), date(2027, 2, 12)]


def _briefing(**changes):
    values = dict(
        year=2026,
        half=Half.SECOND,
        sittings=(Sitting(date(2026, 12, 10)),),
        invitees=(
            Invitee(1, organisation_name="Chi bộ An"),
            Invitee(2, organisation_name="Chi bộ Bình"),
        ),
        reports_due_on=date(2026, 12, 3),
    )
    values.update(changes)
    return Briefing(**values)


def _messages(briefing):
    with pytest.raises(InvalidRecord) as caught:
        validate_briefing(briefing)
    return caught.value.by_field()


def test_valid_round_is_cleaned_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Hội trường")
    clean = validate_briefing(_briefing(place=f"  {decomposed} "))
    assert clean.place == "Hội trường"


def test_absence_needs_a_reason_naming_the_row():
    invitees = (
        Invitee(1, organisation_name="Chi bộ An"),
        Invitee(2, organisation_name="Chi bộ Bình", attendance=Attendance.ABSENT),
    )
    errors = _messages(_briefing(invitees=invitees))
    assert errors == {
        "invitee:1:absence_reason": "Đơn vị dự dòng 2 (Chi bộ Bình): vắng thì phải ghi lý do vắng."
    }


def test_round_needs_a_sitting_and_a_sane_reports_due_date():
    errors = _messages(_briefing(sittings=()))
    assert "sittings" in errors and "invitee:0:sitting" in errors
    errors = _messages(_briefing(reports_due_on=date(2026, 12, 11)))
    assert errors["reports_due_on"].startswith("Hạn nộp báo cáo")


def test_sitting_end_must_follow_start():
    sitting = Sitting(date(2026, 12, 10), starts=time(14), ends=time(8))
    assert "sitting:0:ends" in _messages(_briefing(sittings=(sitting,)))


def test_issue_rules():
    issue = BriefingIssue(2, IssueKind.PROPOSAL, "", status=IssueStatus.RESOLVED)
    errors = _messages(_briefing(issues=(issue,)))
    assert errors["issue:0:content"] == "Kiến nghị dòng 1 (đơn vị): chưa nhập nội dung."
    assert "issue:0:resolved_on" in errors
    stranger = BriefingIssue(9, IssueKind.PROPOSAL, "Xin hỗ trợ", organisation_name="Chi bộ X")
    errors = _messages(_briefing(issues=(stranger,)))
    assert "không có trong danh sách dự" in errors["issue:0:organisation"]


def test_edited_carried_issue_alone():
    with pytest.raises(InvalidRecord):
        validate_issue(BriefingIssue(1, IssueKind.DIFFICULTY, "x", status=IssueStatus.RESOLVED))
    done = validate_issue(BriefingIssue(1, IssueKind.DIFFICULTY, "x", resolved_on=date(2026, 1, 1)))
    assert done.resolved_on is None  # only a resolved issue keeps its resolution date


def test_report_on_time():
    assert report_on_time(Invitee(1), date(2026, 12, 3)) is None
    assert report_on_time(Invitee(1, report_received_on=date(2026, 12, 3)), date(2026, 12, 3))
    assert not report_on_time(Invitee(1, report_received_on=date(2026, 12, 4)), date(2026, 12, 3))


def test_carry_over_keeps_invitees_open_issues_and_those_resolved_since():
    briefing = _briefing(id=5)
    issues = [
        BriefingIssue(1, IssueKind.PROPOSAL, "mở", briefing_id=3, id=1),
        BriefingIssue(
            1,
            IssueKind.PROPOSAL,
            "giải quyết trước",
            status=IssueStatus.RESOLVED,
            resolved_on=date(2026, 9, 1),
            briefing_id=3,
            id=2,
        ),
        BriefingIssue(
            2,
            IssueKind.PROBLEM,
            "giải quyết tại đợt này",
            status=IssueStatus.RESOLVED,
            resolved_on=date(2026, 12, 10),
            briefing_id=3,
            id=3,
        ),
        BriefingIssue(7, IssueKind.PROPOSAL, "đơn vị không dự", briefing_id=3, id=4),
    ]
    assert [i.id for i in carried_over(issues, briefing)] == [1, 3]
