"""EvaluationService end to end on a small register: rule sets by year and their adjustment,
the roll of a new cycle, stage entry with override reasons, the quota warning, ballots,
closing (and the lock on a closed cycle), reopening, and the history flags."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.due import DueKind
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    BallotCount,
    Discipline,
    Exclusion,
    Level,
    MemberForm,
    RuleCode,
    Stage,
    Subject,
)
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.services.evaluation import EvaluationRefused
from partydesk.services.progress import Cancelled
from partydesk.store.errors import CycleClosed
from tests.common import TODAY, dump_tables
from tests.services.evaluation_office import (
    COLLEAGUE,
    EXEMPT,
    GUEST,
    LEADER,
    NEW,
    ORDINARY,
    PROBATIONARY,
    SUSPENDED,
    EvaluationOffice,
    build_office,
)

EVALUATION_TABLES = (
    "evaluation_cycles",
    "member_evaluations",
    "org_evaluations",
    "evaluation_overrides",
    "evaluation_ballots",
    "evaluation_ballot_votes",
)


@pytest.fixture
def office(services) -> EvaluationOffice:
    return build_office(services)


# --- rule sets ------------------------------------------------------------------------------


def test_the_year_picks_its_rule_set_and_default_calendar(services):
    evaluation = services.evaluation
    cycle_2024 = evaluation.propose_cycle(2024)
    assert cycle_2024.rule_set_code == "QD124"
    assert cycle_2024.reference_date == date(2024, 12, 31)
    assert cycle_2024.opened_on == TODAY
    assert cycle_2024.member_deadline == date(2024, 12, 5)
    assert cycle_2024.cell_deadline == date(2024, 12, 20)
    assert cycle_2024.decision_deadline == date(2025, 1, 31)
    assert evaluation.propose_cycle(2025).rule_set_code == "QD366"
    assert evaluation.propose_cycle(2030).rule_set_code == "QD366"
    assert evaluation.propose_cycle(2020).rule_set_code == "QD132"
    with pytest.raises(ValidationError, match="Chưa có bộ quy tắc đánh giá cho năm 2017"):
        evaluation.propose_cycle(2017)


def test_an_adjustment_is_recorded_with_its_reason_and_an_open_cycle_follows_it(office):
    evaluation = office.evaluation
    cycle = office.open()
    assert evaluation.rules_of(cycle).quota_share == 0.20
    book = evaluation.rule_sets
    adjusted = book.adjust(replace(book.get("QD366"), quota_share=0.25), "Hướng dẫn 99-HD/TU")
    assert adjusted.quota_share == 0.25
    (change,) = book.changes("QD366")
    assert change.reason == "Hướng dẫn 99-HD/TU"
    assert '"quota_share": 0.2' in change.before and '"quota_share": 0.25' in change.after
    assert evaluation.rules_of(evaluation.cycle(cycle.id)).quota_share == 0.25
    assert book.changes("QD124") == []
    with pytest.raises(ValidationError, match="phải ghi lý do"):
        book.adjust(replace(book.get("QD366"), quota_share=0.3), "  ")
    assert book.get("QD366").quota_share == 0.25


def test_a_closed_cycle_keeps_the_rules_it_was_closed_under(office):
    evaluation = office.evaluation
    book = evaluation.rule_sets
    cycle = office.open()
    book.adjust(replace(book.get("QD366"), quota_share=0.25), "Hướng dẫn 99-HD/TU")
    office.decide_everything(cycle)
    closed = evaluation.close_cycle(cycle.id)
    assert closed.closed_on == TODAY
    book.adjust(replace(book.get("QD366"), quota_share=0.3, new_member_months=3), "HD 100")
    assert book.get("QD366").quota_share == 0.3
    kept = evaluation.rules_of(evaluation.cycle(cycle.id))
    assert kept.quota_share == 0.25
    assert kept.new_member_months == 6
    assert len(book.changes("QD366")) == 2


# --- opening a cycle ------------------------------------------------------------------------


def test_opening_a_year_takes_the_roll_of_its_reference_date(office):
    cycle = office.open()
    assert cycle.id is not None and cycle.rule_set_code == "QD366"
    rows = {r.full_name: r for r in office.evaluation.member_rows(cycle.id)}
    assert set(rows) == {
        LEADER,
        ORDINARY,
        COLLEAGUE,
        PROBATIONARY,
        EXEMPT,
        SUSPENDED,
        NEW,
        GUEST,
    }
    exclusions = {name: row.exclusion for name, row in rows.items()}
    assert exclusions == {
        LEADER: None,
        ORDINARY: None,
        COLLEAGUE: None,
        PROBATIONARY: None,
        EXEMPT: Exclusion.EXEMPT,
        SUSPENDED: Exclusion.SUSPENDED,
        NEW: Exclusion.NEW_MEMBER,
        GUEST: Exclusion.TEMP_GUEST,
    }
    assert rows[LEADER].form is MemberForm.LEADER and rows[LEADER].is_leader
    assert rows[ORDINARY].form is MemberForm.OUTSIDE and not rows[ORDINARY].is_leader
    assert rows[PROBATIONARY].probationary and not rows[ORDINARY].probationary
    # The chi bộ trực thuộc's member is compared within its đảng bộ.
    assert rows[ORDINARY].organisation_id == office.under
    assert rows[ORDINARY].base_organisation_id == office.base
    assert rows[PROBATIONARY].base_organisation_id == office.cell
    orgs = {o.organisation_id: o for o in office.evaluation.org_rows(cycle.id)}
    assert set(orgs) == {office.base, office.under, office.cell}
    assert orgs[office.under].parent_id == office.base
    assert orgs[office.under].kind == OrgKind.CELL_UNDER_COMMITTEE.value
    missing = office.evaluation.missing(cycle.id, Stage.SELF)
    assert {r.full_name for r in missing} == {LEADER, ORDINARY, COLLEAGUE, PROBATIONARY}


def test_the_rules_of_2024_have_no_form_2c(office):
    cycle = office.open(2024)
    rows = {r.full_name: r for r in office.evaluation.member_rows(cycle.id)}
    assert rows[LEADER].form is MemberForm.LEADER
    assert rows[ORDINARY].form is MemberForm.STAFF
    # Admitted in 2025: not on the roll of 31/12/2024 at all.
    assert PROBATIONARY not in rows and NEW not in rows


def test_a_cancelled_opening_saves_nothing(office):
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done >= 1:
            cancel.set()

    with pytest.raises(Cancelled):
        office.evaluation.open_cycle(office.evaluation.propose_cycle(2025), progress, cancel)
    assert office.evaluation.cycles() == []
    assert office.open().year == 2025  # the year is still free


def test_a_year_is_opened_once(office):
    office.open()
    with pytest.raises(ValidationError, match="Năm 2025 đã có kỳ đánh giá"):
        office.open()
    assert len(office.evaluation.cycles()) == 1


def test_sync_adds_a_later_member_and_keeps_what_was_entered(office):
    evaluation = office.evaluation
    cycle = office.open()
    entered = replace(office.row(cycle, ORDINARY), self_score=82, self_level=Level.GOOD)
    evaluation.save_members(cycle.id, [entered])
    office.add_member("Mai Văn Sau", office.cell)
    assert evaluation.sync_roster(cycle.id) == 1
    assert office.row(cycle, "Mai Văn Sau").is_evaluated
    kept = office.row(cycle, ORDINARY)
    assert (kept.self_score, kept.self_level) == (82, Level.GOOD)
    assert evaluation.sync_roster(cycle.id) == 0
    assert len(evaluation.member_rows(cycle.id)) == 9


# --- entering the stages --------------------------------------------------------------------


def test_a_level_outside_its_score_band_needs_a_reason_which_is_kept(office):
    evaluation = office.evaluation
    cycle = office.open()
    member_id = office.members[ORDINARY]
    wanted = replace(office.row(cycle, ORDINARY), self_score=85, self_level=Level.EXCELLENT)
    with pytest.raises(EvaluationRefused) as refused:
        evaluation.save_members(cycle.id, [wanted])
    (violation,) = refused.value.violations
    assert violation.rule is RuleCode.SCORE_BAND
    assert violation.subject == Subject.member(member_id)
    assert ORDINARY in violation.message and "85 điểm" in violation.message
    assert office.row(cycle, ORDINARY).self_level is None  # nothing saved

    reason = "Có sáng kiến được công nhận cấp thành phố"
    evaluation.save_members(
        cycle.id, [wanted], {(Subject.member(member_id), RuleCode.SCORE_BAND): reason}
    )
    check = evaluation.check(cycle.id)
    assert office.row(cycle, ORDINARY).self_level is Level.EXCELLENT
    assert check.unresolved == []
    (override,) = check.overrides
    assert (override.subject, override.rule, override.reason) == (
        Subject.member(member_id),
        RuleCode.SCORE_BAND,
        reason,
    )
    band = next(v for v in check.violations if v.rule is RuleCode.SCORE_BAND)
    assert check.reason_for(band) == reason
    # The kept reason answers the next save of the same row too.
    evaluation.save_members(cycle.id, [replace(wanted, remarks="Gương mẫu")])
    assert office.row(cycle, ORDINARY).remarks == "Gương mẫu"


def test_a_member_disciplined_in_the_year_is_capped(office):
    evaluation = office.evaluation
    cycle = office.open()
    row = replace(office.row(cycle, COLLEAGUE), discipline=Discipline.WARNING)
    with pytest.raises(EvaluationRefused) as refused:
        evaluation.save_members(cycle.id, [replace(row, proposed_level=Level.COMPLETED)])
    assert [v.rule for v in refused.value.violations] == [RuleCode.DISCIPLINE_CAP]
    assert "cảnh cáo" in refused.value.violations[0].message
    assert office.row(cycle, COLLEAGUE).discipline is None
    evaluation.save_members(cycle.id, [replace(row, proposed_level=Level.FAILED)])
    saved = office.row(cycle, COLLEAGUE)
    assert (saved.discipline, saved.proposed_level) == (Discipline.WARNING, Level.FAILED)


def test_a_level_for_a_member_not_evaluated_is_refused_by_name(office):
    cycle = office.open()
    row = replace(office.row(cycle, EXEMPT), self_level=Level.GOOD)
    with pytest.raises(ValidationError, match=EXEMPT) as refused:
        office.evaluation.save_members(cycle.id, [row])
    assert "không thuộc diện đánh giá" in str(refused.value)
    assert office.row(cycle, EXEMPT).self_level is None


def _cell_of_eighteen(office: EvaluationOffice) -> int:
    cell = office.services.register.save_organisation(
        Organisation("Chi bộ Trường Tiểu học", OrgKind.CELL_BASE)
    )
    for number in range(18):
        office.add_member(f"Giáo viên Số {number + 1:02d}", cell)
    return cell


def _decide(office, cycle, cell, levels: list[Level]) -> None:
    rows = office.evaluation.member_rows(cycle.id, cell)
    assert len(rows) == len(levels)
    updated = [replace(r, decided_level=lv) for r, lv in zip(rows, levels, strict=True)]
    office.evaluation.save_members(cycle.id, updated)


def test_the_quota_warns_per_group_at_its_boundary_and_never_blocks(office):
    cell = _cell_of_eighteen(office)
    cycle = office.open()
    evaluation = office.evaluation
    group = Subject.group(f"members:org:{cell}")

    _decide(office, cycle, cell, [Level.GOOD] * 15 + [Level.EXCELLENT] * 3)
    assert [v for v in evaluation.check(cycle.id).violations if v.rule is RuleCode.QUOTA] == []

    _decide(office, cycle, cell, [Level.GOOD] * 14 + [Level.EXCELLENT] * 3 + [Level.COMPLETED])
    saved = evaluation.member_rows(cycle.id, cell)
    assert sum(r.decided_level is Level.EXCELLENT for r in saved) == 3  # saved all the same
    check = evaluation.check(cycle.id, stage=Stage.DECIDED)
    (warning,) = check.warnings
    assert (warning.rule, warning.subject, warning.stage) == (RuleCode.QUOTA, group, Stage.DECIDED)
    assert "Chi bộ Trường Tiểu học" in warning.message
    assert "3 hoàn thành xuất sắc nhiệm vụ, vượt mức tối đa 2" in warning.message
    assert warning not in check.unresolved
    # Proposals are checked on their own: none entered, no warning.
    assert evaluation.check(cycle.id, stage=Stage.PROPOSED).warnings == []


def test_the_counted_ballots_become_the_proposals(office):
    evaluation = office.evaluation
    cycle = office.open()
    ordinary, colleague = office.members[ORDINARY], office.members[COLLEAGUE]
    ballot = BallotCount(
        cycle.id,
        office.under,
        issued=10,
        returned=9,
        invalid=1,
        counted_on=date(2025, 12, 18),
        counters="Ngô Văn Bạn\n\nVũ Thị Thường",
        votes=(
            # 3 + 2 of 8 valid ballots at HTTNV or above: HTTNV, though no level has 5 alone.
            (ordinary, Level.EXCELLENT, 3),
            (ordinary, Level.GOOD, 2),
            (ordinary, Level.COMPLETED, 3),
            # 4 of 8 is not more than half: HTXSNV and HTTNV fail, HTNV has all 8.
            (colleague, Level.EXCELLENT, 4),
            (colleague, Level.COMPLETED, 4),
        ),
    )
    results = evaluation.save_ballot(ballot)
    assert results[ordinary].result is Level.GOOD and results[ordinary].valid == 8
    assert results[colleague].result is Level.COMPLETED
    assert evaluation.ballot(cycle.id, office.under).counters == "Ngô Văn Bạn\nVũ Thị Thường"

    evaluation.apply_tally(cycle.id, office.under)
    first, second = office.row(cycle, ORDINARY), office.row(cycle, COLLEAGUE)
    assert (first.proposed_level, first.vote_base, first.votes_for) == (Level.GOOD, 8, 5)
    assert (second.proposed_level, second.vote_base, second.votes_for) == (Level.COMPLETED, 8, 8)
    assert office.row(cycle, LEADER).proposed_level is None  # another organisation's member


def test_apply_tally_without_a_count_is_refused(office):
    cycle = office.open()
    with pytest.raises(ValidationError, match="Chưa nhập kết quả kiểm phiếu"):
        office.evaluation.apply_tally(cycle.id, office.cell)


# --- closing --------------------------------------------------------------------------------


def test_closing_waits_for_every_decision_and_every_reason(office):
    evaluation = office.evaluation
    cycle = office.open()
    with pytest.raises(EvaluationRefused, match="còn 4 đảng viên và 3 tổ chức đảng"):
        evaluation.close_cycle(cycle.id)
    office.decide_everything(cycle)
    member_id = office.members[ORDINARY]
    key = (Subject.member(member_id), RuleCode.SCORE_BAND)
    over_band = replace(office.row(cycle, ORDINARY), self_score=60)  # HTTNV needs 70
    evaluation.save_members(cycle.id, [over_band], {key: "Hoàn thành nhiệm vụ đột xuất"})
    evaluation.clear_override(cycle.id, *key)
    with pytest.raises(EvaluationRefused, match="còn 1 trường hợp trái quy tắc") as refused:
        evaluation.close_cycle(cycle.id)
    assert {(v.subject, v.rule) for v in refused.value.violations} == {key}
    assert not evaluation.cycle(cycle.id).is_closed
    evaluation.set_override(cycle.id, *key, "Hoàn thành nhiệm vụ đột xuất")
    assert evaluation.close_cycle(cycle.id).closed_on == TODAY


def test_a_closed_cycle_refuses_every_write_and_changes_nothing(office, tmp_path):
    evaluation = office.evaluation
    cycle = office.open()
    office.decide_everything(cycle)
    evaluation.save_ballot(BallotCount(cycle.id, office.under, issued=2, returned=2))
    evaluation.close_cycle(cycle.id)
    office.add_member("Mai Văn Sau", office.cell)  # something for a sync to add
    database = tmp_path / "test.sqlite"
    before = dump_tables(database, EVALUATION_TABLES)
    row = office.row(cycle, ORDINARY)
    org = evaluation.org_rows(cycle.id)[0]
    writes = [
        lambda: evaluation.save_members(cycle.id, [replace(row, remarks="Sửa")]),
        lambda: evaluation.save_organisation(replace(org, notes="Sửa")),
        lambda: evaluation.save_ballot(BallotCount(cycle.id, office.under, issued=3, returned=3)),
        lambda: evaluation.apply_tally(cycle.id, office.under),
        lambda: evaluation.sync_roster(cycle.id),
        lambda: evaluation.update_cycle(replace(evaluation.cycle(cycle.id), notes="Sửa")),
        lambda: evaluation.set_override(
            cycle.id, Subject.member(row.member_id), RuleCode.SCORE_BAND, "Lý do"
        ),
        lambda: evaluation.clear_override(
            cycle.id, Subject.member(row.member_id), RuleCode.SCORE_BAND
        ),
        lambda: evaluation.delete_cycle(cycle.id),
    ]
    for number, write in enumerate(writes):
        with pytest.raises(CycleClosed, match="đã kết thúc"):
            write()
        assert dump_tables(database, EVALUATION_TABLES) == before, f"write {number} changed rows"


def test_reopening_needs_a_reason_and_notes_it(office):
    evaluation = office.evaluation
    cycle = office.open()
    office.decide_everything(cycle)
    evaluation.close_cycle(cycle.id)
    with pytest.raises(ValidationError, match="phải ghi lý do"):
        evaluation.reopen_cycle(cycle.id, "   ")
    assert evaluation.cycle(cycle.id).is_closed
    reopened = evaluation.reopen_cycle(cycle.id, "Sửa mức xếp loại theo kết luận kiểm tra")
    assert not reopened.is_closed
    assert reopened.notes == "Mở lại ngày 21/11/2026: Sửa mức xếp loại theo kết luận kiểm tra"
    evaluation.save_members(cycle.id, [replace(office.row(cycle, LEADER), remarks="Đã sửa")])
    assert office.row(cycle, LEADER).remarks == "Đã sửa"
    evaluation.close_cycle(cycle.id)
    again = evaluation.reopen_cycle(cycle.id, "Lần hai")
    assert again.notes.splitlines() == [
        "Mở lại ngày 21/11/2026: Sửa mức xếp loại theo kết luận kiểm tra",
        "Mở lại ngày 21/11/2026: Lần hai",
    ]


# --- history --------------------------------------------------------------------------------


def test_history_flags_over_three_years(office):
    evaluation = office.evaluation
    member_id = office.members[ORDINARY]
    levels = {2023: Level.GOOD, 2024: Level.FAILED, 2025: Level.FAILED}
    org_levels = {2023: Level.COMPLETED, 2024: Level.FAILED, 2025: Level.GOOD}
    for year, level in levels.items():
        cycle = office.open(year)
        evaluation.save_members(
            cycle.id, [replace(office.row(cycle, ORDINARY), decided_level=level)]
        )
        org = next(o for o in evaluation.org_rows(cycle.id) if o.organisation_id == office.cell)
        evaluation.save_organisation(replace(org, decided_level=org_levels[year]))
    history = evaluation.member_history(member_id)
    assert [(year, row.decided_level) for year, row in history.rows] == list(levels.items())
    assert history.flags == (
        "Không hoàn thành nhiệm vụ 2 năm liền (2024, 2025)",
        "Chưa lần nào tự đánh giá",
    )
    org_history = evaluation.org_history(office.cell)
    assert [year for year, _ in org_history.rows] == [2023, 2024, 2025]
    assert org_history.flags == ("Xếp loại thấp 2 năm liền (2023: HTNV, 2024: KHTNV)",)
    assert evaluation.org_history(office.base).flags == ()


# --- the due list ---------------------------------------------------------------------------


def _evaluation_keys(services) -> dict[str, str]:
    listed = services.due.due_list()
    return {item.key: item.detail for item in listed.open if item.kind is DueKind.EVALUATION}


def test_the_due_list_shows_the_steps_of_an_open_cycle(office, services):
    assert _evaluation_keys(services) == {}
    cycle = office.open()
    c = cycle.id
    listed = _evaluation_keys(services)
    assert set(listed) == {
        f"evaluation:{c}:self",
        f"evaluation:{c}:proposal",
        f"evaluation:{c}:decision",
    }
    assert listed[f"evaluation:{c}:self"].startswith("4/4 đảng viên chưa tự đánh giá: ")
    assert listed[f"evaluation:{c}:decision"] == (
        "Còn 3 tổ chức đảng và 4 đảng viên chưa có quyết định."
    )
    rows = office.evaluation.member_rows(c, office.under)
    office.evaluation.save_members(c, [replace(r, self_level=Level.GOOD) for r in rows])
    listed = _evaluation_keys(services)
    assert listed[f"evaluation:{c}:self"].startswith("2/4 đảng viên chưa tự đánh giá: ")
    assert listed[f"evaluation:{c}:proposal"].startswith("4/4 đảng viên chưa có đề xuất: ")
    office.decide_everything(cycle)
    assert _evaluation_keys(services) == {}
    office.evaluation.close_cycle(c)
    assert _evaluation_keys(services) == {}
