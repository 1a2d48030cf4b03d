"""Dates derived from a member's record: probation, official-status deadline, Party age, badges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.domain.dates import (
    next_badge_milestone,
    official_decision_deadline,
    party_age_years,
    probation_end,
)
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.member import Member, Standing


@dataclass(frozen=True, slots=True)
class MemberDates:
    probation_ends: date | None
    official_deadline: date | None
    party_age: int | None
    next_badge: tuple[int, date] | None


def member_dates(member: Member, today: date, calendar: HolidayCalendar) -> MemberDates:
    """The derived dates shown on a member's page and used by the warning rules."""
    ends = deadline = None
    if member.ceremony_date is not None:
        ends = probation_end(member.ceremony_date)
        if member.standing is Standing.PROBATIONARY:
            deadline = official_decision_deadline(ends, calendar)
    age = badge = None
    if member.admission_decision_date is not None:
        age = party_age_years(member.admission_decision_date, today)
        # Party age runs from the admission decision only once the member is official.
        if member.standing is Standing.OFFICIAL:
            badge = next_badge_milestone(member.admission_decision_date, today)
    return MemberDates(ends, deadline, age, badge)
