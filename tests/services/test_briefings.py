"""BriefingService: the rule setting, planning a round, saving with carried issues, deleting."""

from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.briefing import (
    Attendance,
    BriefingIssue,
    Half,
    IssueKind,
    IssueStatus,
    SplitBy,
)
from partydesk.domain.briefing_rules import DEFAULT_RULE
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.services.briefings import BriefingRefused
from tests.store.test_briefings import round_with_issue, seed_organisations


@pytest.fixture
def ids(services):
    return seed_organisations(services)


def test_rule_defaults_and_is_validated_before_it_is_stored(services):
    briefings = services.briefings
    assert briefings.rule() == DEFAULT_RULE
    with pytest.raises(ValidationError, match="Quy tắc lặp lịch giao ban"):
        briefings.set_rule("FREQ=FORTNIGHTLY")
    assert briefings.rule() == DEFAULT_RULE
    briefings.set_rule(" FREQ=MONTHLY;BYMONTH=6,12;BYDAY=-1FR ")
    assert briefings.rule() == "FREQ=MONTHLY;BYMONTH=6,12;BYDAY=-1FR"
    assert briefings.explain_rule().startswith("Các đợt tiếp theo: thứ Sáu 25/12/2026")


def test_plan_proposes_next_date_half_invitees_and_reports_due(services, ids):
    plan = services.briefings.plan()
    assert plan.id is None
    assert (plan.year, plan.half) == (2026, Half.SECOND)
    assert [s.on for s in plan.sittings] == [date(2026, 12, 10)]
    assert plan.reports_due_on == date(2026, 12, 3)
    assert len(plan.agenda) == 6
    assert {v.organisation_id for v in plan.invitees} == {
        ids["an"],
        ids["binh"],
        ids["cuong"],
        ids["dang_bo"],
    }


def test_plan_after_the_last_round_and_split_by_cadre(services, ids):
    services.briefings.save(round_with_issue(ids, half=Half.SECOND, on=date(2026, 12, 10)))
    plan = services.briefings.plan(split_by=SplitBy.CADRE)
    assert (plan.year, plan.half) == (2027, Half.FIRST)
    assert [(s.label, s.on) for s in plan.sittings] == [
        ("Đ/c Lê Văn Bảo", date(2027, 7, 8)),
        ("Chưa phân công cán bộ", date(2027, 7, 9)),
    ]


def test_resplit_keeps_what_was_recorded(services, ids):
    plan = services.briefings.plan()
    first = replace(plan.invitees[0], attendee_name="Nguyễn Văn A")
    plan = replace(plan, invitees=(first, *plan.invitees[1:]))
    split = services.briefings.resplit(plan, SplitBy.CLUSTER)
    assert [s.label for s in split.sittings] == ["Cụm 1", "Cụm 2", "Chưa xếp cụm"]
    names = {v.organisation_id: v.attendee_name for v in split.invitees}
    assert names[first.organisation_id] == "Nguyễn Văn A"


def test_save_validates_and_refuses_a_second_round_for_the_half(services, ids):
    briefings = services.briefings
    bad = round_with_issue(ids)
    bad = replace(bad, invitees=(replace(bad.invitees[1], absence_reason=""), bad.invitees[0]))
    with pytest.raises(InvalidRecord) as caught:
        briefings.save(bad)
    assert "invitee:0:absence_reason" in caught.value.by_field()
    briefings.save(round_with_issue(ids))
    with pytest.raises(ValidationError) as caught:
        briefings.save(round_with_issue(ids))
    assert caught.value.field == "half"


def test_carried_issue_is_edited_at_the_next_round_and_keeps_its_id(services, ids):
    briefings = services.briefings
    earlier = briefings.save(round_with_issue(ids))
    plan = briefings.plan()
    carried = briefings.carried_issues(plan)
    assert [i.organisation_id for i in carried] == [ids["an"], ids["binh"]]  # by name
    answered = replace(
        carried[1], answer="Đã bố trí", status=IssueStatus.RESOLVED, resolved_on=date(2026, 12, 10)
    )
    later = briefings.save(plan, carried=[answered])
    assert briefings.carried_issues(later.id)[1].status is IssueStatus.RESOLVED
    assert [i.id for i in briefings.open_issues_of(ids["binh"])] == []
    assert [i.id for i in briefings.open_issues_of(ids["an"])] == [earlier.issues[1].id]


def test_next_round_is_the_planned_one_or_the_rules_next_date(services, ids):
    briefings = services.briefings
    upcoming = briefings.next_round()
    assert (upcoming.on, upcoming.briefing_id, upcoming.reports_due_on) == (
        date(2026, 12, 10),
        None,
        date(2026, 12, 3),
    )
    saved = briefings.save(briefings.plan(first_day=date(2026, 12, 17)))
    upcoming = briefings.next_round()
    assert (upcoming.on, upcoming.briefing_id) == (date(2026, 12, 17), saved.id)
    assert upcoming.title == "Hội nghị giao ban 6 tháng cuối năm 2026"


def test_delete_is_refused_once_a_document_took_a_number(services, ids):
    briefings = services.briefings
    saved = briefings.save(round_with_issue(ids))
    services.store.db["outgoing_documents"].insert(
        {
            "issuer_key": "office",
            "issuer_name": "Đảng ủy phường",
            "issuer_abbreviation": "ĐU",
            "term_key": "none",
            "kind": "TB",
            "number": 1,
            "issued_on": "2026-07-15",
            "summary": "Thông báo kết luận",
            "source": f"briefing:{saved.id}:TB",
        }
    )
    with pytest.raises(BriefingRefused, match="đã lấy số trong sổ văn bản đi"):
        briefings.delete(saved.id)
    other = briefings.save(replace(round_with_issue(ids), half=Half.SECOND, id=None, issues=()))
    briefings.delete(other.id)
    assert [r.id for r in briefings.rows()] == [saved.id]


def test_new_issue_of_a_stranger_is_refused(services, ids):
    b = round_with_issue(ids)
    stranger = BriefingIssue(ids["cuong"], IssueKind.PROPOSAL, "Xin tài liệu")
    with pytest.raises(InvalidRecord):
        services.briefings.save(replace(b, issues=(*b.issues, stranger)))
    assert b.invitees[0].attendance is Attendance.PRESENT
