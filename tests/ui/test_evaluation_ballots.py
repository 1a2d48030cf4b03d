"""The "Kiểm phiếu" tab: counts typed as a clerk would, the live tally, saving and applying."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from partydesk.domain.evaluation import Cycle, Discipline, Level, RuleCode, Subject
from partydesk.domain.evaluation_rules import tally
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.evaluation import ballot_tab as ballot_module
from partydesk.ui.evaluation.ballot_tab import BallotTab
from partydesk.ui.evaluation.ballot_table import COUNT_ERROR, FIRST_LEVEL_COLUMN
from partydesk.ui.widgets import is_marked_invalid
from tests.ui.keyboard import type_text

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
# Ballots of 10 issued, 10 returned, 1 invalid: 9 valid.
VOTES = {
    0: {Level.EXCELLENT: 6, Level.GOOD: 3},  # 6/9 at HTXSNV: HTXSNV
    1: {Level.EXCELLENT: 2, Level.GOOD: 3, Level.COMPLETED: 4},  # 5/9 at HTTNV or above
    2: {Level.EXCELLENT: 1, Level.GOOD: 1, Level.COMPLETED: 2},  # 4/9 at most: no level
}


@pytest.fixture
def setup(services: AppServices) -> tuple[Cycle, int, list[int]]:
    org = services.register.save_organisation(
        Organisation(name="Chi bộ Công ty ABC", kind=OrgKind.CELL_BASE, founded_on=date(2010, 1, 1))
    )
    members = [
        services.register.save_member(
            Member(
                full_name=name,
                organisation_id=org,
                admission_decision_date=date(2015, 1, 1),
                ceremony_date=date(2015, 1, 10),
                standing=Standing.OFFICIAL,
                official_date=date(2016, 1, 10),
            )
        )
        for name in NAMES
    ]
    evaluation = services.evaluation
    cycle = evaluation.open_cycle(evaluation.propose_cycle(2026))
    return cycle, org, members


@pytest.fixture
def tab(qtbot, services, setup, monkeypatch) -> BallotTab:
    monkeypatch.setattr(messages, "show_info", lambda *a, **k: None)
    cycle, org, _members = setup
    widget = BallotTab(services)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    widget.show_organisation(cycle, org, read_only=False)
    return widget


def _type_count(tab: BallotTab, issued: int, returned: int, invalid: int) -> None:
    tab.issued.setValue(issued)
    tab.returned.setValue(returned)
    tab.invalid.setValue(invalid)


def _enter_votes(tab: BallotTab, members: list[int]) -> None:
    for index, member_id in enumerate(members):
        tab.set_votes(member_id, VOTES[index])


def test_the_tally_shown_matches_the_domain_tally(tab, services, setup) -> None:
    cycle, _org, members = setup
    _type_count(tab, 10, 10, 1)
    _enter_votes(tab, members)

    assert tab.valid_label.text() == "9"
    expected = tally(tab.ballot(), members, services.evaluation.rules_of(cycle))
    assert expected[members[0]].result is Level.EXCELLENT
    assert expected[members[1]].result is Level.GOOD
    assert expected[members[2]].result is None
    assert [tab.result_text(m) for m in members] == ["HTXSNV", "HTTNV", "chưa đạt"]
    # The share column shows the cumulative share of valid ballots.
    assert tab.table.item(1, FIRST_LEVEL_COLUMN + 6).text() == "55,6%"

    # No invalid ballot: 10 valid, and 5 of 10 is not more than half, so the second member
    # reaches only HTNV (9 of 10 at HTNV or above).
    tab.invalid.setValue(0)
    assert tab.valid_label.text() == "10"
    assert tab.table.item(1, FIRST_LEVEL_COLUMN + 4).text() == "10"
    assert [tab.result_text(m) for m in members] == ["HTXSNV", "HTNV", "chưa đạt"]


def test_a_row_with_more_votes_than_valid_ballots_is_named(tab, setup) -> None:
    _cycle, _org, members = setup
    _type_count(tab, 5, 5, 0)
    tab.set_votes(members[0], {Level.EXCELLENT: 4, Level.GOOD: 3})
    assert tab.result_text(members[0]) == COUNT_ERROR
    assert "Nguyễn Văn An" in (tab.errors.error() or "")  # said at once, before saving
    tooltip = tab.table.item(0, 0).toolTip()
    assert "Nguyễn Văn An" in tooltip and "(7)" in tooltip

    tab.save_button.click()
    assert "Nguyễn Văn An" in (tab.errors.error() or "")


def test_save_round_trips_through_the_service(tab, services, setup) -> None:
    cycle, org, members = setup
    _type_count(tab, 10, 10, 1)
    _enter_votes(tab, members)
    tab.counted_on.setFocus()
    type_text(tab.counted_on, "15/12/2026")
    tab.counters.setPlainText("Trần Thị Bình\n\nLê Văn Cường")
    emitted = []
    tab.saved.connect(lambda: emitted.append(True))

    tab.save_button.click()

    stored = services.evaluation.ballot(cycle.id, org)
    assert stored is not None
    assert (stored.issued, stored.returned, stored.invalid) == (10, 10, 1)
    assert stored.counted_on == date(2026, 12, 15)
    assert stored.counters == "Trần Thị Bình\nLê Văn Cường"  # blank lines dropped
    assert stored.votes_for(members[1]) == {
        Level.EXCELLENT: 2,
        Level.GOOD: 3,
        Level.COMPLETED: 4,
        Level.FAILED: 0,
    }
    assert emitted == [True]

    # Reopened, the tab shows what was stored.
    other = BallotTab(services)
    other.show_organisation(cycle, org, read_only=True)
    assert other.ballot() == stored
    assert not other.save_button.isEnabled()
    assert other.table.editTriggers() == other.table.EditTrigger.NoEditTriggers


def test_impossible_counts_are_refused_on_their_field(tab, services, setup) -> None:
    cycle, org, _members = setup
    _type_count(tab, 10, 8, 9)
    tab.save_button.click()
    assert "không hợp lệ" in (tab.errors.error() or "")
    assert is_marked_invalid(tab.invalid)
    assert services.evaluation.ballot(cycle.id, org) is None


def test_apply_puts_the_results_into_the_proposals(tab, services, setup) -> None:
    cycle, org, members = setup
    _type_count(tab, 10, 10, 1)
    _enter_votes(tab, members)

    tab.apply_button.click()

    rows = {r.member_id: r for r in services.evaluation.member_rows(cycle.id, org)}
    assert rows[members[0]].proposed_level is Level.EXCELLENT
    assert (rows[members[0]].vote_base, rows[members[0]].votes_for) == (9, 6)
    assert rows[members[1]].proposed_level is Level.GOOD
    assert rows[members[1]].votes_for == 5
    assert rows[members[2]].proposed_level is None
    assert services.evaluation.ballot(cycle.id, org) is not None


def test_apply_asks_reasons_for_a_disciplined_member(tab, services, setup, monkeypatch) -> None:
    cycle, org, members = setup
    evaluation = services.evaluation
    first = next(r for r in evaluation.member_rows(cycle.id, org) if r.member_id == members[0])
    evaluation.save_members(cycle.id, [replace(first, discipline=Discipline.WARNING)])
    tab.show_organisation(cycle, org, read_only=False)
    _type_count(tab, 10, 10, 1)
    _enter_votes(tab, members)
    asked = []

    def answer(_parent, violations):
        asked.extend(violations)
        return {(v.subject, v.rule): "Chi bộ đề nghị, đã báo cáo cấp ủy" for v in violations}

    monkeypatch.setattr(ballot_module, "ask_reasons", answer)

    tab.apply_button.click()

    assert [(v.subject, v.rule) for v in asked] == [
        (Subject.member(members[0]), RuleCode.DISCIPLINE_CAP)
    ]
    stored = {r.member_id: r for r in evaluation.member_rows(cycle.id, org)}
    assert stored[members[0]].proposed_level is Level.EXCELLENT
    reasons = {(o.subject, o.rule): o.reason for o in evaluation.check(cycle.id).overrides}
    assert reasons[(Subject.member(members[0]), RuleCode.DISCIPLINE_CAP)].startswith("Chi bộ")


def test_cancelling_the_reasons_leaves_the_proposals_alone(
    tab, services, setup, monkeypatch
) -> None:
    cycle, org, members = setup
    evaluation = services.evaluation
    first = next(r for r in evaluation.member_rows(cycle.id, org) if r.member_id == members[0])
    evaluation.save_members(cycle.id, [replace(first, discipline=Discipline.WARNING)])
    tab.show_organisation(cycle, org, read_only=False)
    _type_count(tab, 10, 10, 1)
    _enter_votes(tab, members)
    monkeypatch.setattr(ballot_module, "ask_reasons", lambda *_a: None)

    assert not tab.apply()
    assert all(r.proposed_level is None for r in evaluation.member_rows(cycle.id, org))


def test_typing_into_a_cell_recomputes(tab, qtbot, setup) -> None:
    _cycle, _org, members = setup
    _type_count(tab, 3, 3, 0)
    index = tab.table.model().index(0, FIRST_LEVEL_COLUMN)
    tab.table.model().setData(index, 2, Qt.ItemDataRole.EditRole)
    assert tab.result_text(members[0]) == "HTXSNV"
