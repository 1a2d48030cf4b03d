"""Founding dates of the sample office's enterprises (issue 8): most long ago, 3–5 % in each of
the last two years, none after today, after their organisations or after their dissolution."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from partydesk.domain.enterprise import EnterpriseStatus, EnterpriseType
from partydesk.domain.statistics import Key, Period
from partydesk.paths import DataPaths
from partydesk.services.app import build_services
from partydesk.services.demo import create_demo_database
from partydesk.services.demo.catalogue import _SECTORS
from partydesk.services.demo.founding import (
    ORG_LEAD,
    counted_since_founding,
    founding_dates,
    latest_founding,
)
from partydesk.services.demo.plans import _EntPlan
from partydesk.store.store import open_store
from tests.common import TODAY


def plan(type_: EnterpriseType = EnterpriseType.PRIVATE, **kw: object) -> _EntPlan:
    sector = next(iter(_SECTORS.values()))
    return _EntPlan("DN", type_, sector, "0100107518", "", "", 50, "", **kw)  # type: ignore[arg-type]


def test_a_few_percent_in_each_of_the_last_two_years_the_rest_long_ago() -> None:
    plans = [plan(list(EnterpriseType)[k % len(EnterpriseType)]) for k in range(400)]
    # A quarter have an organisation founded in 2015: they cannot be new.
    latest = [date(2015, 6, 1) if k % 4 == 0 else TODAY for k in range(400)]
    days = founding_dates(plans, latest, TODAY, random.Random(1))
    by_year = [sum(d.year == y for d in days) for y in (TODAY.year, TODAY.year - 1)]
    assert all(12 <= n <= 20 for n in by_year), by_year  # 3–5 % of 400
    assert all(d <= TODAY and d <= limit for d, limit in zip(days, latest, strict=True))
    older = [d for d in days if d.year < TODAY.year - 1]
    assert len(older) == 400 - sum(by_year)
    assert min(older) >= date(1976, 1, 1)
    assert days == founding_dates(plans, latest, TODAY, random.Random(1))  # by the seed alone
    assert days != founding_dates(plans, latest, TODAY, random.Random(2))


def test_dissolved_or_suspended_enterprises_are_never_the_new_ones() -> None:
    ended = plan(status=EnterpriseStatus.DISSOLVED, ended_on=TODAY - timedelta(days=30))
    suspended = plan(status=EnterpriseStatus.SUSPENDED)
    plans = [ended, suspended] * 50
    latest = [latest_founding(p, [], TODAY) for p in plans]
    days = founding_dates(plans, latest, TODAY, random.Random(3))
    assert all(d.year <= TODAY.year - 2 for d in days)
    assert all(d <= ended.ended_on - timedelta(days=180) for d in days[::2])


def test_the_latest_founding_day_leaves_room_before_the_organisations() -> None:
    founded = [date(2026, 5, 10), date(2024, 1, 20)]
    assert latest_founding(plan(), founded, TODAY) == date(2024, 1, 20) - ORG_LEAD
    assert latest_founding(plan(), [], TODAY) == TODAY


def test_the_workforce_is_not_counted_before_the_enterprise_existed() -> None:
    limit = TODAY - timedelta(days=15)
    assert counted_since_founding(date(2026, 6, 30), date(2012, 1, 1), limit) == date(2026, 6, 30)
    assert counted_since_founding(date(2025, 12, 31), date(2026, 3, 2), limit) == date(2026, 6, 30)
    late = date(2026, 11, 12)  # founded after the last half-year end that has passed
    assert counted_since_founding(date(2026, 6, 30), late, limit) == late


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("founding") / "tiny.sqlite"
    create_demo_database(path, "_tiny", today=TODAY)
    return path


def test_the_sample_enterprises_have_consistent_founding_dates(tiny: Path) -> None:
    store = open_store(tiny, tiny.parent / "backups")
    try:
        rows = store.conn.execute(
            "SELECT established_on, ended_on, workforce_counted_on FROM enterprises"
        ).fetchall()
        assert rows and all(r[0] is not None and r[0] <= TODAY.isoformat() for r in rows)
        assert all(r[1] is None or r[1] > r[0] for r in rows)
        assert all(r[2] is None or r[2] >= r[0] for r in rows)
        early = store.conn.execute(
            "SELECT count(*) FROM organisation_enterprises l"
            " JOIN organisations o ON o.id = l.organisation_id"
            " JOIN enterprises e ON e.id = l.enterprise_id WHERE o.founded_on < e.established_on"
        ).fetchone()[0]
        assert early == 0
        recent = [r for r in rows if r[0] >= f"{TODAY.year - 1}-01-01"]
        assert recent, "some enterprises are new, so the comparison with last year moves"
    finally:
        store.close()


def test_the_overview_counts_more_enterprises_than_a_year_ago(tiny: Path) -> None:
    store = open_store(tiny, tiny.parent / "backups")
    try:
        services = build_services(store, lambda: TODAY, paths=DataPaths(tiny.parent / "data"))
        figure = services.statistics.compute(Period(TODAY)).figure(Key.DN_TOTAL)
        assert figure.value is not None and figure.previous is not None
        assert figure.value > figure.previous
    finally:
        store.close()
