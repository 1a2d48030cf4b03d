"""Compliance per month and per quarter, with the frequency setting and the clock."""

from datetime import date

from partydesk.domain.compliance import (
    ComplianceSettings,
    MeetingFact,
    MonthState,
    OrganisationFacts,
    organisation_compliance,
)
from partydesk.domain.organisation import OrgKind

TODAY = date(2026, 11, 21)


def fact(
    month: int,
    *,
    year: int = 2026,
    regular=True,
    thematic=False,
    duration_ok=True,
    approved=True,
    cadre=False,
    day=5,
) -> MeetingFact:
    return MeetingFact(
        year, month, date(year, month, day), regular, thematic, duration_ok, approved, cadre
    )


def facts(*meetings: MeetingFact, interval=1, founded=None, ended=None) -> OrganisationFacts:
    return OrganisationFacts(
        1,
        "Chi bộ Công ty A",
        OrgKind.CELL_BASE,
        interval,
        founded,
        ended,
        ((4, "Trần Văn Bình"),),
        meetings,
    )


def states(result) -> list[MonthState]:
    return [cell.state for cell in result.months]


def test_monthly_chi_bo_held_missing_future_and_in_progress():
    result = organisation_compliance(facts(*(fact(m) for m in range(1, 10) if m != 4)), 2026, TODAY)
    s = states(result)
    assert s[0] is MonthState.MET
    assert s[3] is MonthState.MISSING
    assert s[9] is MonthState.MISSING  # October is over and has no meeting
    assert s[10] is MonthState.IN_PROGRESS  # November is not over yet
    assert s[11] is MonthState.FUTURE
    periods = [g.period for g in result.gaps if "thường kỳ" in g.problem]
    assert periods == ["Tháng 4/2026", "Tháng 10/2026"]


def test_a_chuyen_de_alone_does_not_replace_the_regular_meeting():
    result = organisation_compliance(facts(fact(2, regular=False, thematic=True)), 2026, TODAY)
    assert states(result)[1] is MonthState.MISSING


def test_short_or_unapproved_meeting_is_held_with_issues():
    result = organisation_compliance(
        facts(fact(1, duration_ok=False), fact(2, approved=False), fact(3, duration_ok=None)),
        2026,
        TODAY,
    )
    cells = result.months
    assert [c.state for c in cells[:3]] == [MonthState.MET_WITH_ISSUES] * 3
    assert cells[0].problems == ("thời lượng ít hơn quy định",)
    assert cells[1].problems == ("biên bản chưa thông qua",)
    assert "chưa ghi giờ" in cells[2].problems[0]


def test_two_meetings_in_a_month_one_good_is_enough_for_duration():
    result = organisation_compliance(facts(fact(1, duration_ok=False), fact(1)), 2026, TODAY)
    assert states(result)[0] is MonthState.MET


def test_two_monthly_frequency_counts_windows_from_january():
    result = organisation_compliance(facts(fact(1), fact(4), interval=2), 2026, TODAY)
    s = states(result)
    assert s[0] is MonthState.MET and s[1] is MonthState.NOT_REQUIRED  # Jan–Feb met in January
    assert s[2] is MonthState.NOT_REQUIRED and s[3] is MonthState.MET  # Mar–Apr met in April
    assert s[4] is MonthState.NOT_REQUIRED  # May–Jun: the gap is reported at its end
    assert s[5] is MonthState.MISSING
    assert "tháng 5–6" in result.months[5].problems[0]
    assert s[10] is MonthState.IN_PROGRESS  # Nov–Dec window still open


def test_months_outside_the_organisations_life_are_not_applicable():
    result = organisation_compliance(
        facts(fact(5), founded=date(2026, 5, 1), ended=date(2026, 6, 30)), 2026, TODAY
    )
    s = states(result)
    assert s[3] is MonthState.NOT_APPLICABLE and s[6] is MonthState.NOT_APPLICABLE
    assert s[4] is MonthState.MET and s[5] is MonthState.MISSING
    assert not result.quarters[0].applicable
    assert result.quarters[0].thematic is None


def test_quarter_duties_thematic_and_cadre():
    result = organisation_compliance(
        facts(fact(1, thematic=True), fact(2, cadre=True), fact(4), fact(10, cadre=True)),
        2026,
        TODAY,
    )
    q1, q2, _q3, q4 = result.quarters
    assert q1.thematic is True and q1.cadre is True
    assert q2.thematic is False and q2.cadre is False
    assert q4.cadre is True and q4.thematic is None  # the quarter is not over: not yet a gap
    gap_texts = {(g.period, g.problem) for g in result.gaps}
    assert ("Quý II/2026", "không có sinh hoạt chuyên đề") in gap_texts
    assert ("Quý II/2026", "cán bộ phụ trách không dự buổi nào") in gap_texts


def test_quarter_duties_can_be_switched_off():
    result = organisation_compliance(facts(fact(4)), 2026, TODAY, ComplianceSettings(False, False))
    assert all(q.thematic is None and q.cadre is None for q in result.quarters)
    assert not any(g.period.startswith("Quý") for g in result.gaps)


def test_this_months_minutes_are_not_a_gap_before_the_month_ends():
    result = organisation_compliance(facts(fact(11, approved=False, day=3)), 2026, TODAY)
    assert result.months[10].state is MonthState.MET
    short = organisation_compliance(facts(fact(11, duration_ok=False, day=3)), 2026, TODAY)
    assert short.months[10].state is MonthState.MET_WITH_ISSUES


def test_no_cadre_in_charge_means_no_cadre_duty():
    lonely = OrganisationFacts(1, "Chi bộ B", OrgKind.CELL_BASE, 1, None, None, (), (fact(4),))
    result = organisation_compliance(lonely, 2026, TODAY)
    assert all(q.cadre is None for q in result.quarters)
    assert result.quarters[1].thematic is False
