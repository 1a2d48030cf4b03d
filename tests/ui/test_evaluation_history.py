"""The "Đánh giá, xếp loại" history tab of the member and organisation dialogs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.evaluation import Discipline, Level
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.member_dialog import MemberDialog
from partydesk.ui.dialogs.organisation_dialog import OrganisationDialog
from partydesk.ui.evaluation.history_tab import EMPTY_TEXT, EvaluationHistoryTab

HISTORY_TAB = "Đánh giá, xếp loại"


@pytest.fixture
def register(services: AppServices) -> tuple[int, int, int]:
    """A chi bộ with two members; returns (organisation, weak member, good member)."""
    org = services.register.save_organisation(
        Organisation(name="Chi bộ Công ty ABC", kind=OrgKind.CELL_BASE, founded_on=date(2010, 1, 1))
    )
    ids = [
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
        for name in ("Nguyễn Văn An", "Trần Thị Bình")
    ]
    return org, ids[0], ids[1]


def _close_year(
    services: AppServices, year: int, org: int, levels: dict[int, Level], org_level: Level
) -> None:
    evaluation = services.evaluation
    cycle = evaluation.open_cycle(evaluation.propose_cycle(year))
    rows = []
    for row in evaluation.member_rows(cycle.id):
        level = levels[row.member_id]
        rows.append(
            replace(
                row,
                self_level=level,
                self_score=None,
                proposed_level=level,
                decided_level=level,
                discipline=Discipline.REPRIMAND if level is Level.FAILED and year == 2025 else None,
            )
        )
    evaluation.save_members(cycle.id, rows)
    org_row = next(r for r in evaluation.org_rows(cycle.id) if r.organisation_id == org)
    evaluation.save_organisation(
        replace(
            org_row,
            self_level=org_level,
            proposed_level=org_level,
            decided_level=org_level,
            decision_number=f"{year + 10}-QĐ/ĐU",
            decision_date=date(year + 1, 1, 20),
        )
    )
    evaluation.close_cycle(cycle.id)


@pytest.fixture
def two_years(services, register) -> tuple[int, int, int]:
    org, weak, good = register
    _close_year(services, 2024, org, {weak: Level.FAILED, good: Level.GOOD}, Level.COMPLETED)
    _close_year(services, 2025, org, {weak: Level.FAILED, good: Level.GOOD}, Level.COMPLETED)
    return register


def test_a_member_failing_two_years_shows_both_rows_and_the_flag(qtbot, services, two_years):
    _org, weak, _good = two_years
    tab = EvaluationHistoryTab(services)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_member(weak)

    rows = tab.row_texts()
    assert [r[0] for r in rows] == ["2025", "2024"]  # newest first
    assert rows[0][1:5] == ["2C", "KHTNV", "KHTNV", "KHTNV"]
    assert rows[1][1] == "02A"  # QĐ 124's form for a member outside the political system
    assert rows[0][6] == "Khiển trách"
    assert tab.flags.isVisible()
    assert "Không hoàn thành nhiệm vụ 2 năm liền (2024, 2025)" in tab.flags.text()
    assert not tab.empty.isVisible()


def test_a_good_member_has_no_flag(qtbot, services, two_years):
    _org, _weak, good = two_years
    tab = EvaluationHistoryTab(services)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_member(good)
    assert [r[4] for r in tab.row_texts()] == ["HTTNV", "HTTNV"]
    assert not tab.flags.isVisible()


def test_the_organisation_rows_carry_the_decision(qtbot, services, two_years):
    org, _weak, _good = two_years
    tab = EvaluationHistoryTab(services)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_organisation(org)
    rows = tab.row_texts()
    assert rows[0] == ["2025", "HTNV", "HTNV", "HTNV", "", "2035-QĐ/ĐU", "20/01/2026"]
    assert "Xếp loại thấp 2 năm liền" in tab.flags.text()


def test_the_dialogs_show_the_tab_only_for_saved_records(qtbot, services, two_years):
    org, weak, _good = two_years
    member_dialog = MemberDialog(services, weak)
    qtbot.addWidget(member_dialog)
    titles = [member_dialog.tabs.tabText(i) for i in range(member_dialog.tabs.count())]
    assert HISTORY_TAB in titles
    assert member_dialog.evaluation_history.table.rowCount() == 2
    org_dialog = OrganisationDialog(services, org)
    qtbot.addWidget(org_dialog)
    titles = [org_dialog.tabs.tabText(i) for i in range(org_dialog.tabs.count())]
    assert HISTORY_TAB in titles
    assert org_dialog.evaluation_history.table.rowCount() == 2

    new_member = MemberDialog(services, None)
    qtbot.addWidget(new_member)
    titles = [new_member.tabs.tabText(i) for i in range(new_member.tabs.count())]
    assert HISTORY_TAB not in titles
    # Opening the history does not make the dialog ask about unsaved changes.
    assert not member_dialog.is_dirty()


def test_no_cycle_yet(qtbot, services, register):
    _org, weak, _good = register
    tab = EvaluationHistoryTab(services)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_member(weak)
    assert tab.table.rowCount() == 0
    assert tab.empty.isVisible() and tab.empty.text() == EMPTY_TEXT
