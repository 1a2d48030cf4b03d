"""The generator's state and the random helpers every one of its steps uses."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.organisation import Cadre
from partydesk.services.demo.catalogue import _PLANTS_PER_120, _STATUS_TABLE
from partydesk.services.demo.helpers import _add_months
from partydesk.services.demo.names import (
    _FAMILY_NAMES,
    _HOMETOWNS,
    _MIDDLE_NAMES,
    _REGIONS,
    TWO_LEVEL_SINCE,
)
from partydesk.services.demo.plans import _EntPlan, _OrgPlan
from partydesk.services.demo.scales import DemoScale
from partydesk.services.demo.tracker import _Tracker

T = TypeVar("T")


class _GeneratorBase:
    """One random stream and the state the generator's steps share."""

    def __init__(self, scale: DemoScale, seed: int, today: date, tracker: _Tracker) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.tracker = tracker
        self.region = _REGIONS[scale.region]
        self.enterprises: list[_EntPlan] = []
        self.orgs: list[_OrgPlan] = []
        self.cadres: list[Cadre] = []
        self._names: set[str] = set()
        self._tax_codes: set[str] = set()
        self._cccds: set[str] = set()
        self._cards: set[str] = set()
        self._dossiers: set[str] = set()
        self._numbers: dict[tuple[str, str, int], int] = {}
        self._calendar: HolidayCalendar | None = None
        self._ago: dict[int, date] = {}
        factor = scale.organisations / 120
        self.plants = {k: max(1, round(v * factor)) for k, v in _PLANTS_PER_120.items()}
        self._family = self._cumulative(_FAMILY_NAMES)
        self._middle = {g: self._cumulative(v) for g, v in _MIDDLE_NAMES.items()}
        self._hometowns = self._cumulative(
            [
                ((d, p, c), w * (12 if c in self.region.local_cccd_codes else 1))
                for d, p, c, w in _HOMETOWNS
            ]
        )
        self._statuses = self._cumulative(_STATUS_TABLE)

    # --- random helpers ----------------------------------------------------------------------

    @staticmethod
    def _cumulative(pairs: Sequence[tuple[T, int | float]]) -> tuple[list[T], list[float]]:
        values, weights, total = [], [], 0.0
        for value, weight in pairs:
            total += weight
            values.append(value)
            weights.append(total)
        return values, weights

    def _pick(self, table: tuple[list[T], list[float]]) -> T:
        return self.rng.choices(table[0], cum_weights=table[1])[0]

    def _between(self, lo: date, hi: date) -> date:
        """A random day in [lo, hi]; ``lo`` when the range is empty."""
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def _months_ago(self, months: int) -> date:
        day = self._ago.get(months)
        if day is None:
            day = self._ago[months] = _add_months(self.today, -months)
        return day

    def _chance(self, p: float) -> bool:
        return self.rng.random() < p

    @property
    def calendar(self) -> HolidayCalendar:
        if self._calendar is None:
            years = range(self.today.year - 3, self.today.year + 3)
            self._calendar = HolidayCalendar.default_for_years(years)
        return self._calendar

    def _number(self, kind: str, issuer: str, on: date) -> str:
        """A Party document number "125-QĐ/ĐU", increasing within one issuer, kind and year."""
        key = (kind, issuer, on.year)
        current = self._numbers.get(key)
        current = self.rng.randint(1, 60) if current is None else current + self.rng.randint(1, 3)
        self._numbers[key] = current
        return f"{current}-{kind}/{issuer}"

    def _issuer(self, on: date) -> str:
        if on < TWO_LEVEL_SINCE:
            return self.region.old_issuer
        return self.region.settings.abbreviation

    def _unique(self, used: set[str], make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in used:
                used.add(value)
                return value
