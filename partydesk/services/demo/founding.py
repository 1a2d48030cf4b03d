"""When the sample office's enterprises were founded (their ``established_on``).

Most were founded long before the sample's records begin; a few percent in each of the last
two calendar years, so the overview's comparison with the same day last year shows the
territory growing. No enterprise is founded after ``today``, after its Party organisations
(less a lead time) or after it was dissolved.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from partydesk.domain.enterprise import EnterpriseStatus, EnterpriseType
from partydesk.services.demo.plans import _EntPlan

# Founded in each of the last two years: a share of all enterprises drawn from this range.
RECENT_SHARE = (0.03, 0.05)
# An organisation is founded in an enterprise at least this long after the enterprise itself.
ORG_LEAD = timedelta(days=60)
# A dissolved enterprise existed at least this long.
SHORTEST_LIFE = timedelta(days=180)

# The earliest founding of each type, from when the type became common: state enterprises
# before Đổi mới, equitised companies from the 1990s, private ones after the 1999 Enterprise Law.
_EARLIEST: dict[EnterpriseType, date] = {
    EnterpriseType.STATE: date(1976, 1, 1),
    EnterpriseType.STATE_CONTROLLED_JSC: date(1993, 1, 1),
    EnterpriseType.STATE_MINORITY_JSC: date(1995, 1, 1),
    EnterpriseType.FOREIGN: date(1996, 1, 1),
    EnterpriseType.COOPERATIVE: date(1997, 1, 1),
    EnterpriseType.PRIVATE: date(2000, 1, 1),
    EnterpriseType.NON_PUBLIC_SERVICE: date(2000, 1, 1),
    EnterpriseType.OTHER: date(1998, 1, 1),
}


def founding_dates(
    plans: Sequence[_EntPlan], latest: Sequence[date], today: date, rng: random.Random
) -> list[date]:
    """A founding day for each planned enterprise, none after its ``latest`` day.

    ``latest`` already says how late each one can have been founded (its organisations, its
    dissolution, today); enterprises still active whose limit allows it are the candidates to
    have been founded this year or last year.
    """
    chosen: dict[int, date] = {}
    for year in (today.year, today.year - 1):
        start = date(year, 1, 1)
        candidates = [
            i
            for i, plan in enumerate(plans)
            if i not in chosen
            and plan.status is EnterpriseStatus.ACTIVE
            and plan.ended_on is None
            and latest[i] >= start
        ]
        wanted = round(len(plans) * rng.uniform(*RECENT_SHARE))
        for i in sorted(rng.sample(candidates, min(wanted, len(candidates)))):
            chosen[i] = _between(rng, start, min(latest[i], date(year, 12, 31), today))
    # The rest before the last two years, so no record of the sample predates its enterprise.
    before_recent = date(today.year - 2, 12, 31)
    for i, plan in enumerate(plans):
        if i in chosen:
            continue
        hi = min(latest[i], before_recent)
        lo = min(_EARLIEST[plan.type], hi - timedelta(days=3 * 365))
        chosen[i] = _between(rng, lo, hi)
    return [chosen[i] for i in range(len(plans))]


def latest_founding(plan: _EntPlan, organisations_founded: Sequence[date], today: date) -> date:
    """The latest day ``plan`` can have been founded on."""
    limits = [today, *(founded - ORG_LEAD for founded in organisations_founded)]
    if plan.ended_on is not None:
        limits.append(plan.ended_on - SHORTEST_LIFE)
    return min(limits)


def counted_since_founding(counted_on: date, established_on: date, limit: date) -> date:
    """The day the workforce was counted, not before the enterprise existed: the next
    half-year end up to ``limit``, else the founding day (the workforce it registered with)."""
    if counted_on >= established_on:
        return counted_on
    for year in range(established_on.year, limit.year + 1):
        for day in (date(year, 6, 30), date(year, 12, 31)):
            if established_on <= day <= limit:
                return day
    return established_on


def _between(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return hi
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))
