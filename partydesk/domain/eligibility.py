"""Who is evaluated in a cycle, with which form, and in which comparison group (domain.md §2.4).

Eligibility is judged on the cycle's reference date from the member's dated events, so a
cycle opened late (or reopened years later) still lists the roll as it stood that day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from dateutil.relativedelta import relativedelta

from partydesk.domain.evaluation import Exclusion, MemberForm
from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus
from partydesk.domain.rule_sets import RuleSet

# Events by which a member comes onto this register's roll from elsewhere: when the earliest
# event is one of them, the member was not on the roll before it.
_ARRIVALS = frozenset({EventKind.ADMITTED, EventKind.TRANSFER_IN, EventKind.TEMP_IN})

# Activity statuses that exclude a member from this year's evaluation, and why.
_STATUS_EXCLUSIONS: dict[MemberStatus, Exclusion] = {
    MemberStatus.EXEMPT: Exclusion.EXEMPT,
    MemberStatus.SUSPENDED: Exclusion.SUSPENDED,
    MemberStatus.TEMP_GUEST: Exclusion.TEMP_GUEST,
}


def admitted_on(member: Member, events: Sequence[MemberEvent]) -> date | None:
    """The day the member joined the Party: the ceremony, else the decision, else the event."""
    if member.ceremony_date is not None:
        return member.ceremony_date
    if member.admission_decision_date is not None:
        return member.admission_decision_date
    admissions = [e.on for e in events if e.kind is EventKind.ADMITTED]
    return min(admissions) if admissions else None


def status_on(member: Member, events: Sequence[MemberEvent], on: date) -> MemberStatus | None:
    """The member's activity status on ``on``, or None when not on the roll that day.

    The dated events are replayed up to ``on``. From the last event on, the record's current
    status is what counts, because a record imported or edited without events only tells us
    how things are now; an ended status without a dated ending event means not on the roll.
    """
    admitted = admitted_on(member, events)
    if admitted is not None and admitted > on:
        return None
    ordered = sorted(events, key=lambda e: (e.on, e.id or 0))
    if not ordered or ordered[-1].on <= on:
        return None if member.status.is_ended else member.status
    state: MemberStatus | None = None if ordered[0].kind in _ARRIVALS else MemberStatus.ACTIVE
    for event in ordered:
        if event.on > on:
            break
        base = replace(member, status=state or MemberStatus.ACTIVE)
        state = event.apply(base).status
    if state is None or state.is_ended:
        return None
    return state


def exclusion_for(
    member: Member,
    status: MemberStatus,
    reference_date: date,
    rule_set: RuleSet,
    admitted: date | None,
) -> Exclusion | None:
    """Why the member is not evaluated this year, or None when evaluated.

    Only the exclusions the rule set lists apply. A member on sinh hoạt tạm thời elsewhere
    (TEMP_AWAY) is evaluated here, where the record is, with the other chi bộ's remarks.
    """
    by_status = _STATUS_EXCLUSIONS.get(status)
    if by_status is not None and by_status in rule_set.exclusions:
        return by_status
    if (
        Exclusion.NEW_MEMBER in rule_set.exclusions
        and admitted is not None
        and admitted + relativedelta(months=rule_set.new_member_months) > reference_date
    ):
        return Exclusion.NEW_MEMBER
    return None


def member_form(rule_set: RuleSet, *, in_political_system: bool, is_leader: bool) -> MemberForm:
    """The individual form: 2C outside the political system where the rule set has one."""
    if rule_set.has_outside_form and not in_political_system:
        return MemberForm.OUTSIDE
    return MemberForm.LEADER if is_leader else MemberForm.STAFF


def base_organisation_id(organisation_id: int, parents: Mapping[int, int | None]) -> int:
    """The tổ chức cơ sở đảng holding ``organisation_id``: the ancestor directly under the office.

    Parent links are followed up to an organisation without a parent (or one missing from
    ``parents``). Corrupt data with a cycle of parents gives the organisation itself.
    """
    seen = {organisation_id}
    current = organisation_id
    while (parent := parents.get(current)) is not None:
        if parent in seen:
            return organisation_id
        seen.add(parent)
        current = parent
    return current
