"""The statistics SQL against the domain's own rules, record by record, on the sample office.

``roll`` replays each member's events in SQL; ``domain.eligibility.status_on`` and
``statistics_rules.standing_on`` do it in Python. On the district sample (≈ 3,000 members with
their dated histories) both must agree for every member on several days. And the dashboard's
one-pass counts must equal the size of each indicator's own list.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from partydesk.domain.eligibility import status_on
from partydesk.domain.member import MemberStatus, Standing
from partydesk.domain.statistics import INDICATORS, Key, Period
from partydesk.domain.statistics_rules import standing_on
from partydesk.services.demo import create_demo_database
from partydesk.store.statistics import parameters
from partydesk.store.statistics_sql import CTES, INDICATOR_SQL
from partydesk.store.store import Store, open_store
from tests.common import TODAY

DAYS = (date(2019, 6, 30), date(2024, 12, 31), date(2025, 11, 21), date(2026, 3, 15), TODAY)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("statistics") / "district.sqlite"
    create_demo_database(path, "district", today=TODAY)
    opened = open_store(path, path.parent / "backups")
    yield opened
    opened.close()


@pytest.mark.parametrize("day", DAYS)
def test_roll_in_sql_is_the_domain_roll(store: Store, day: date) -> None:
    params = parameters(Period(day), eval_year=None, large_workforce=500)
    sql = f"WITH RECURSIVE {CTES} SELECT id, status_on, official FROM roll"
    in_sql = {r[0]: (r[1], bool(r[2])) for r in store.conn.execute(sql, params)}
    sources = store.evaluation.roster_sources(day)
    assert len(sources) > 2500
    differences = []
    for source in sources:
        member = source.member
        status = status_on(member, source.events, day)
        expected = (
            status.value if status is not None else None,
            standing_on(member, day) is Standing.OFFICIAL,
        )
        got = in_sql[member.id]
        if got[0] is None:
            got = (None, expected[1])  # the standing of someone not on the roll is moot
        if expected[0] is None:
            expected = (None, got[1])
        if got != expected:
            differences.append((member.id, expected, got))
    assert differences == []
    # The days chosen do exercise the replay: people on the roll then and gone now, and back.
    gone = [s for s in sources if s.member.status.is_ended and in_sql[s.member.id][0]]
    if day < TODAY:
        assert gone


def test_guests_and_ended_members_are_not_counted(store: Store) -> None:
    params = parameters(Period(TODAY), eval_year=None, large_workforce=500)
    sql = f"WITH RECURSIVE {CTES} SELECT status_on, counted FROM roll WHERE status_on IS NOT NULL"
    for status, counted in store.conn.execute(sql, params):
        assert bool(counted) == (status != MemberStatus.TEMP_GUEST.value)


@pytest.mark.parametrize("day", (date(2025, 11, 21), TODAY))
def test_one_pass_counts_equal_each_indicators_own_list(store: Store, day: date) -> None:
    period = Period(day)
    keys = [i.key for i in INDICATORS if i.key in INDICATOR_SQL]
    eval_year = day.year - 1
    counts = store.statistics.counts(period, keys, eval_year=eval_year, large_workforce=300)
    for key in keys:
        listed = store.statistics.record_ids(key, period, eval_year=eval_year, large_workforce=300)
        assert len(listed) == len(set(listed)), key
        if key is Key.MTG_AVG_MINUTES:
            continue  # an average, not a count; its list is the meetings it averages
        assert counts[key] == len(listed), key
    assert counts[Key.MEM_TOTAL] > 2000 and counts[Key.EVA_MEMBERS] > 1000
