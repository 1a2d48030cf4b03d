"""The sample office's meeting calendar: when each chi bộ meets, which meetings carry a chuyên
đề, where the votes on admissions and official status fall, which the supervising cadre
attends, and the chi ủy's preparatory meetings. Dates only; ``meetings`` writes the minutes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from partydesk.domain.meeting import MeetingKind
from partydesk.domain.member import Member
from partydesk.domain.organisation import CommitteeRole
from partydesk.services.demo.helpers import _add_months
from partydesk.services.demo.meeting_content import CellVoice
from partydesk.services.demo.meeting_news import TOPICS
from partydesk.services.demo.meeting_register import CellRegister, _RegisterKeeper
from partydesk.services.demo.plans import _OrgPlan
from partydesk.services.demo.scales import DemoScale
from partydesk.services.demo.tracker import _Tracker

_DAY = timedelta(days=1)
_STARTS = ((time(14, 0), 45), (time(17, 0), 30), (time(8, 0), 10), (time(15, 0), 10))


@dataclass(slots=True)
class _CellHabits:
    """How one chi bộ meets, drawn once: its day of the month, hour, place and ways."""

    weak: bool  # misses months, skips chuyên đề, meets short: where the gaps cluster
    weekday: int | None  # meets on the ``nth`` weekday of the month, or on ``day``
    nth: int
    day: int
    window_slot: int  # for a chi bộ meeting every N months: which month of the window
    starts: time
    hybrid: float  # share of meetings held partly online
    numbered: bool  # numbers its minutes "Số 07-BB/CB"
    scored: float  # share of meetings it scores
    topics: list[str] = field(default_factory=list)  # chuyên đề already held
    clerk: int | None = None  # the member who usually keeps the minutes
    dues: dict[int, int] = field(default_factory=dict)  # member id → monthly đảng phí


@dataclass(slots=True)
class _Cell:
    """The chi bộ whose minutes are being written, with what its meetings share."""

    org: _OrgPlan
    habits: _CellHabits
    register: CellRegister
    voice: CellVoice
    places: tuple[str, ...]  # the usual place first
    report_days: list[date] = field(default_factory=list)  # thường kỳ days: tasks reported done
    numbers: dict[int, int] = field(default_factory=dict)  # last minutes number of each year


@dataclass(slots=True)
class _Planned:
    """A meeting to be written: its day, kind and what it must decide."""

    on: date
    kind: MeetingKind
    period: tuple[int, int]
    topic: str = ""
    points: tuple[str, ...] = ()  # what the chuyên đề presentation says
    resolution: list[str] = field(default_factory=list)  # the month's resolution, point by point
    cadre: bool = False
    admissions: list[Member] = field(default_factory=list)
    recognitions: list[Member] = field(default_factory=list)


class _MeetingPlanner(_RegisterKeeper):
    """Generator steps that lay out each chi bộ's meetings over the sample period."""

    def __init__(self, scale: DemoScale, seed: int, today: date, tracker: _Tracker) -> None:
        super().__init__(scale, seed, today, tracker)
        self._months: list[tuple[int, int]] = []

    # --- the period ----------------------------------------------------------------------------

    def _meeting_months(self) -> list[tuple[int, int]]:
        """The months the sample minutes cover, oldest first, ending with today's month: the
        scale's number of months, from the start of a quarter so every quarter is whole."""
        if self._months:
            return self._months
        first = _add_months(self.today.replace(day=1), 1 - self.scale.meeting_months)
        first = first.replace(month=first.month - (first.month - 1) % 3)
        days = (_add_months(first, k) for k in range(self.scale.meeting_months + 3))
        self._months = [(d.year, d.month) for d in days if d <= self.today]
        return self._months

    def _first_meeting_day(self) -> date:
        year, month = self._meeting_months()[0]
        return date(year, month, 1)

    def _cells(self) -> list[_OrgPlan]:
        return [org for org in self.orgs if org.kind.is_cell]

    def _existed_months(self, org: _OrgPlan) -> int:
        count = 0
        for year, month in self._meeting_months():
            first = date(year, month, 1)
            last = _add_months(first, 1) - _DAY
            if org.founded_on <= last and (org.ended_on is None or org.ended_on >= first):
                count += 1
        return count

    def meeting_units(self) -> int:
        """Progress units of the meetings step: the months each chi bộ existed in the period."""
        return sum(self._existed_months(org) for org in self._cells())

    # --- days --------------------------------------------------------------------------------

    def _habits(self, weak: bool) -> _CellHabits:
        rng = self.rng
        fixed_weekday = rng.random() < 0.55
        return _CellHabits(
            weak=weak,
            weekday=rng.choice((0, 1, 2, 3, 3, 3, 4)) if fixed_weekday else None,
            nth=1 if rng.random() < 0.8 else 2,
            day=rng.randint(5, 10),
            window_slot=rng.randint(0, 1),
            starts=self._pick(self._cumulative(_STARTS)),
            hybrid=rng.choice((0.0, 0.0, 0.05, 0.15)),
            numbered=rng.random() < 0.3,
            scored=rng.choice((0.0, 0.3, 0.9)),
        )

    def _working_day(
        self, day: date, step: timedelta = _DAY, taken: list[_Planned] | None = None
    ) -> date:
        """``day`` or the nearest working day after it (before, with a negative step) on which
        none of the ``taken`` meetings is held."""
        busy = {p.on for p in taken or ()}
        while not self.calendar.is_working_day(day) or day in busy:
            day += step
        return day

    def _regular_day(self, habits: _CellHabits, year: int, month: int) -> date:
        """The chi bộ's usual day in the month, moved off weekends and holidays."""
        if habits.weekday is not None:
            first = date(year, month, 1)
            offset = (habits.weekday - first.weekday()) % 7 + 7 * (habits.nth - 1)
            usual = first + timedelta(days=offset)
        else:
            usual = date(year, month, habits.day)
        if self._chance(0.12):  # put off by a few days this month
            usual += timedelta(days=self.rng.randint(1, 6))
        day = self._working_day(usual)
        if day.month != month:  # Tết pushed it out of the month: hold it before instead
            day = self._working_day(usual, -_DAY)
        return day

    def _can_meet(self, org: _OrgPlan, on: date) -> bool:
        return (
            self._first_meeting_day() <= on <= self.today
            and on >= org.founded_on + timedelta(days=10)
            and (org.ended_on is None or on < org.ended_on)
        )

    # --- the calendar of one chi bộ ------------------------------------------------------------

    def _meeting_calendar(
        self, org: _OrgPlan, habits: _CellHabits, register: CellRegister
    ) -> list[_Planned]:
        plans = self._regular_plans(org, habits)
        plans += self._thematic_plans(org, habits, plans)
        self._plan_votes(org, register, plans)
        plans += self._committee_plans(org, register, plans)
        plans.sort(key=lambda p: (p.on, p.kind is not MeetingKind.COMMITTEE))
        self._plan_cadre_visits(habits, plans)
        return plans

    def _regular_plans(self, org: _OrgPlan, habits: _CellHabits) -> list[_Planned]:
        interval = max(1, org.meeting_interval_months)
        skip = 0.35 if habits.weak else 0.012
        plans = []
        for year, month in self._meeting_months():
            if interval > 1 and (month - 1) % interval != habits.window_slot % interval:
                continue
            on = self._regular_day(habits, year, month)
            if self._can_meet(org, on) and not self._chance(skip):
                plans.append(_Planned(on, MeetingKind.REGULAR, (year, month)))
        return plans

    def _topic(self, on: date, habits: _CellHabits) -> tuple[str, tuple[str, ...]]:
        offered = [(topic, points) for since, topic, points in TOPICS if since <= on]
        fresh = [t for t in offered if t[0] not in habits.topics] or offered
        topic, points = self.rng.choice(fresh)
        habits.topics.append(topic)
        return topic, points

    def _thematic_plans(
        self, org: _OrgPlan, habits: _CellHabits, plans: list[_Planned]
    ) -> list[_Planned]:
        """One chuyên đề a quarter, held with the thường kỳ meeting or on its own day."""
        rng = self.rng
        quarters: dict[tuple[int, int], list[_Planned]] = {}
        for plan in plans:
            quarters.setdefault((plan.period[0], (plan.period[1] - 1) // 3), []).append(plan)
        none, combined = (0.45, 0.35) if habits.weak else (0.05, 0.55)
        added = []
        for group in quarters.values():
            roll = rng.random()
            if roll < none:
                continue
            host = rng.choice(group)
            host.topic, host.points = self._topic(host.on, habits)
            later = host.on + timedelta(days=rng.randint(7, 14))
            on = self._working_day(later, taken=plans + added)
            if roll < none + combined or on.month != host.on.month or not self._can_meet(org, on):
                host.kind = MeetingKind.COMBINED
                continue
            added.append(_Planned(on, MeetingKind.THEMATIC, host.period, host.topic, host.points))
            host.topic, host.points = "", ()
        return added

    def _plan_votes(self, org: _OrgPlan, register: CellRegister, plans: list[_Planned]) -> None:
        """Put the chi bộ's votes on its members' admission and official status in the
        meetings before the admission decision and after the probation ended."""
        rng = self.rng
        regular = [p for p in plans if p.kind.is_regular]
        first = self._first_meeting_day()
        for member in register.admitted_here():
            admitted = member.admission_decision_date
            if admitted is None or admitted < first + timedelta(days=20):
                continue
            lo, hi = admitted - timedelta(days=75), admitted - timedelta(days=10)
            hosts = [p for p in regular if lo <= p.on <= hi]
            if hosts and rng.random() < 0.65:
                hosts[-1].admissions.append(member)
                continue
            on = self._working_day(admitted - timedelta(days=rng.randint(14, 40)), taken=plans)
            if on < admitted and self._can_meet(org, on):
                self._extraordinary(plans, regular, on).admissions.append(member)
        for member in register.recognised_here():
            official = member.official_date
            if official is None or official < first:
                continue
            hosts = [p for p in regular if official <= p.on <= official + timedelta(days=45)]
            if hosts and rng.random() < 0.75:
                hosts[0].recognitions.append(member)
                continue
            on = self._working_day(official + timedelta(days=rng.randint(5, 25)), taken=plans)
            if self._can_meet(org, on):
                self._extraordinary(plans, regular, on).recognitions.append(member)

    @staticmethod
    def _extraordinary(plans: list[_Planned], regular: list[_Planned], on: date) -> _Planned:
        """The meeting that takes a vote on ``on``: a thường kỳ meeting within three days, an
        extraordinary one already called within ten, or a new extraordinary meeting."""
        near = [p for p in regular if abs((p.on - on).days) <= 3]
        if near:
            return near[0]
        for plan in plans:
            if plan.kind is MeetingKind.EXTRAORDINARY and abs((plan.on - on).days) <= 10:
                return plan
        plan = _Planned(on, MeetingKind.EXTRAORDINARY, (on.year, on.month))
        plans.append(plan)
        return plan

    def _committee_plans(
        self, org: _OrgPlan, register: CellRegister, plans: list[_Planned]
    ) -> list[_Planned]:
        """Some of the chi ủy's meetings that prepare the month's thường kỳ meeting."""
        added = []
        for plan in plans:
            if not plan.kind.is_regular or not self._chance(0.3):
                continue
            if CommitteeRole.COMMITTEE_MEMBER not in register.posts_on(plan.on):
                continue
            before = plan.on - timedelta(days=self.rng.randint(2, 6))
            on = self._working_day(before, -_DAY, plans + added)
            if self._can_meet(org, on):
                added.append(_Planned(on, MeetingKind.COMMITTEE, plan.period))
        return added

    def _plan_cadre_visits(self, habits: _CellHabits, plans: list[_Planned]) -> None:
        """The supervising cadre attends in most quarters, often the chuyên đề."""
        rng = self.rng
        quarters: dict[tuple[int, int], list[_Planned]] = {}
        for plan in plans:
            if plan.kind.is_regular or plan.kind.is_thematic:
                key = (plan.period[0], (plan.period[1] - 1) // 3)
                quarters.setdefault(key, []).append(plan)
        attends = 0.45 if habits.weak else 0.85
        for group in quarters.values():
            if rng.random() >= attends:
                continue
            thematic = [p for p in group if p.kind.is_thematic]
            host = rng.choice(thematic if thematic and rng.random() < 0.6 else group)
            host.cadre = True
