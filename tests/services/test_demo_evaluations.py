"""The sample office's evaluation cycles: 2023–2025 finished, 2026 in progress (today 21/11/2026).

Checked on the district office (built once for the module) through the real service: the rule
sets and states of the cycles, complete and clean finished years, plausible shares, the planted
breaches, disciplines, kept reasons and multi-year flags, the open year's progress, ballots that
tally to the proposals; determinism on the small scale.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.evaluation import (
    LEVEL_ORDER,
    Cycle,
    Exclusion,
    Level,
    RuleCode,
    Stage,
    Subject,
)
from partydesk.domain.evaluation_rules import band_for_score, tally
from partydesk.services.demo import create_demo_database
from partydesk.services.demo import evaluation_texts as texts
from partydesk.services.evaluation import EvaluationService
from partydesk.store.store import Store, open_store
from tests.common import TODAY, dump_tables

EVALUATION_TABLES = (
    "evaluation_cycles",
    "member_evaluations",
    "org_evaluations",
    "evaluation_ballots",
    "evaluation_ballot_votes",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("demo") / "district.sqlite"
    create_demo_database(path, "district", today=TODAY)
    opened = open_store(path, path.parent / "backups")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def service(store: Store) -> EvaluationService:
    return EvaluationService(store, lambda: TODAY)


@pytest.fixture(scope="module")
def cycles(service: EvaluationService) -> dict[int, Cycle]:
    return {c.year: c for c in service.cycles()}


def test_four_cycles_with_their_rule_sets(service: EvaluationService, cycles) -> None:
    assert {y: c.rule_set_code for y, c in cycles.items()} == {
        2023: "QD124",
        2024: "QD124",
        2025: "QD366",
        2026: "QD366",
    }
    assert sorted(y for y, c in cycles.items() if c.is_closed) == [2023, 2024, 2025]
    for year in (2023, 2024, 2025):
        cycle = cycles[year]
        assert date(year + 1, 1, 1) < cycle.closed_on <= TODAY
        assert service.rules_of(cycle).code == cycle.rule_set_code
        assert f"năm {year}" in cycle.guidance
    assert service.rules_of(cycles[2025]).scored and not service.rules_of(cycles[2024]).scored
    open_cycle = cycles[2026]
    assert open_cycle.opened_on <= TODAY
    assert (open_cycle.member_deadline, open_cycle.cell_deadline, open_cycle.decision_deadline) == (
        date(2026, 12, 5),
        date(2026, 12, 20),
        date(2027, 1, 31),
    )


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_a_closed_year_is_decided_and_clean(
    service: EvaluationService, store, cycles, year
) -> None:
    cycle = cycles[year]
    assert service.missing(cycle.id, Stage.DECIDED) == []
    orgs = service.org_rows(cycle.id)
    assert orgs and all(o.decided_level is not None for o in orgs)
    assert all(o.self_level and o.proposed_level and o.report_on for o in orgs)
    for org in orgs:
        assert re.fullmatch(r"\d+-QĐ/\w+", org.decision_number), org.decision_number
        assert (org.decision_date.year, org.decision_date.month) == (year + 1, 1)
        assert cycle.opened_on < org.report_on <= cycle.cell_deadline
    # The office's own decisions carry its abbreviation of the time (two levels from 7/2025).
    office = store.settings.office().abbreviation
    top = {o.decision_number.split("/")[1] for o in orgs if o.parent_id is None}
    assert (office in top) is (year == 2025)
    assert service.check(cycle.id).unresolved == []
    members = [r for r in service.member_rows(cycle.id) if r.is_evaluated]
    for row in members:
        assert row.self_level and row.self_on and row.remarks
        assert cycle.opened_on < row.self_on <= cycle.cell_deadline
        assert row.vote_base and row.vote_base / 2 < row.votes_for <= row.vote_base


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_shares_of_the_levels_are_plausible(service: EvaluationService, cycles, year) -> None:
    rows = [r for r in service.member_rows(cycles[year].id) if r.is_evaluated]
    shares = {lv: n / len(rows) for lv, n in Counter(r.decided_level for r in rows).items()}
    assert 0.10 <= shares[Level.EXCELLENT] <= 0.18
    assert 0.65 <= shares[Level.GOOD] <= 0.78
    assert 0.08 <= shares[Level.COMPLETED] <= 0.17
    assert 0.005 <= shares[Level.FAILED] <= 0.03
    org_levels = Counter(o.decided_level for o in service.org_rows(cycles[year].id))
    assert org_levels.most_common(1)[0][0] is Level.GOOD and org_levels[Level.EXCELLENT] > 0
    if year < 2025:  # unscored: now and then the chi bộ proposes a level below the self level
        assert any(r.self_level.rank < r.proposed_level.rank for r in rows)
    assert all(r.proposed_level is r.decided_level for r in rows)


def test_scores_sit_in_their_bands_but_for_the_kept_exceptions(service, cycles) -> None:
    cycle = cycles[2025]
    rules = service.rules_of(cycle)
    rows = [r for r in service.member_rows(cycle.id) if r.is_evaluated]
    assert all(r.self_score is not None for r in rows)
    off_band = [r for r in rows if band_for_score(rules, r.self_score) is not r.decided_level]
    assert 1 <= len(off_band) <= 5
    reasons = {(o.subject, o.rule): o.reason for o in service.check(cycle.id).overrides}
    for row in off_band:
        assert row.self_level is Level.GOOD and 85 <= row.self_score < 90
        assert row.decided_level is Level.EXCELLENT
        assert reasons[Subject.member(row.member_id), RuleCode.SCORE_BAND] == texts.EXCEPTIONAL
    assert all(
        band_for_score(rules, r.self_score) is r.self_level for r in rows if r not in off_band
    )


def test_disciplined_members_are_rated_down(service: EvaluationService, cycles) -> None:
    kept = []
    for year in (2023, 2024, 2025):
        cycle = cycles[year]
        disciplined = [r for r in service.member_rows(cycle.id) if r.discipline is not None]
        assert disciplined and all(r.discipline_note for r in disciplined)
        reasons = {(o.subject, o.rule): o.reason for o in service.check(cycle.id).overrides}
        for row in disciplined:
            if row.decided_level is Level.FAILED:
                continue
            assert row.decided_level is Level.COMPLETED
            kept.append(reasons[Subject.member(row.member_id), RuleCode.DISCIPLINE_CAP])
    assert kept == [texts.SELF_DETECTED]


def test_quota_breaches_kept_in_closed_years_and_live_in_2026(service, cycles) -> None:
    for year in (2023, 2024, 2025):
        check = service.check(cycles[year].id)
        member_breaches = [v for v in check.warnings if v.subject.key.startswith("group:members:")]
        assert len(member_breaches) == 2
        assert all(check.reason_for(v) in texts.QUOTA_REASONS for v in member_breaches)
        assert all(check.reason_for(v) for v in check.warnings)  # orgs are within the quota
    live = service.check(cycles[2026].id, Stage.PROPOSED)
    assert [v.rule for v in live.warnings] == [RuleCode.QUOTA]
    assert live.reason_for(live.warnings[0]) == ""
    assert live.unresolved == []


def test_exclusions_of_every_kind(service: EvaluationService, cycles) -> None:
    rows = service.member_rows(cycles[2026].id)
    excluded = [r for r in rows if r.exclusion is not None]
    assert {r.exclusion for r in excluded} == set(Exclusion)
    assert all(r.exclusion_note for r in excluded)
    assert all(r.self_level is None and r.proposed_level is None for r in excluded)
    for year in (2023, 2024, 2025):
        kinds = {r.exclusion for r in service.member_rows(cycles[year].id)}
        assert {Exclusion.NEW_MEMBER, Exclusion.EXEMPT} <= kinds


def test_the_open_year_is_under_way(service: EvaluationService, cycles) -> None:
    cycle = cycles[2026]
    orgs = service.org_rows(cycle.id)
    self_share = sum(1 for o in orgs if o.self_level) / len(orgs)
    proposed_share = sum(1 for o in orgs if o.proposed_level) / len(orgs)
    assert 0.35 <= self_share <= 0.45 and 0.10 <= proposed_share <= 0.20
    assert all(o.decided_level is None and not o.decision_number for o in orgs)
    assert all(o.report_on <= TODAY for o in orgs if o.report_on)
    rows = [r for r in service.member_rows(cycle.id) if r.is_evaluated]
    assert all(r.decided_level is None for r in rows)
    assert 0.2 < sum(1 for r in rows if r.self_level) / len(rows) < 0.5
    assert any(r.proposed_level for r in rows) and service.missing(cycle.id, Stage.SELF)
    assert all(r.self_on <= TODAY for r in rows if r.self_on)
    assert any(r.temp_remarks for r in rows)
    # Proposals only where the chi bộ met; self-assessments before them.
    proposed_orgs = {o.organisation_id for o in orgs if o.proposed_level}
    assert {r.organisation_id for r in rows if r.proposed_level} <= proposed_orgs


def test_flags_of_several_years(service: EvaluationService, store: Store) -> None:
    members = [
        mid
        for (mid,) in store.conn.execute(
            "SELECT DISTINCT member_id FROM member_evaluations WHERE decided_level = 'KHTNV'"
        )
    ]
    flags = [f for mid in members for f in service.member_history(mid).flags]
    assert "Không hoàn thành nhiệm vụ 2 năm liền (2024, 2025)" in flags
    orgs = [
        oid
        for (oid,) in store.conn.execute(
            "SELECT DISTINCT organisation_id FROM org_evaluations WHERE decided_level = 'KHTNV'"
        )
    ]
    org_flags = [f for oid in orgs for f in service.org_history(oid).flags]
    assert "Xếp loại thấp 2 năm liền (2024: HTNV, 2025: KHTNV)" in org_flags


@pytest.mark.parametrize("year", [2025, 2026])
def test_counted_ballots_tally_to_the_proposals(service, store: Store, cycles, year) -> None:
    cycle = cycles[year]
    rules = service.rules_of(cycle)
    org_ids = [
        oid
        for (oid,) in store.conn.execute(
            "SELECT organisation_id FROM evaluation_ballots WHERE cycle_id = ?", [cycle.id]
        )
    ]
    assert len(org_ids) == 3
    for org_id in org_ids:
        ballot = service.ballot(cycle.id, org_id)
        rows = [r for r in service.member_rows(cycle.id, org_id) if r.proposed_level]
        assert ballot.counted_on and len(ballot.counters.splitlines()) == 3
        results = tally(ballot, [r.member_id for r in rows], rules)
        for row in rows:
            counted = results[row.member_id]
            assert counted.result is row.proposed_level
            at_or_above = sum(
                n for lv, n in counted.counts.items() if lv.rank <= row.proposed_level.rank
            )
            assert (row.vote_base, row.votes_for) == (ballot.valid, at_or_above)
        assert all(lv in LEVEL_ORDER for _, lv, _ in ballot.votes)


def test_same_seed_gives_the_same_evaluations(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    create_demo_database(first, "_tiny", seed=5, today=TODAY)
    create_demo_database(second, "_tiny", seed=5, today=TODAY)
    dumped = dump_tables(first, EVALUATION_TABLES)
    assert dumped == dump_tables(second, EVALUATION_TABLES)
    assert len(dumped["evaluation_cycles"]) == 4 and dumped["member_evaluations"]
    assert _overrides(first) == _overrides(second) and _overrides(first)


def _overrides(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT cycle_id, subject, rule, reason FROM evaluation_overrides ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()
