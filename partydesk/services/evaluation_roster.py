"""Who a new cycle evaluates: the roll of members and organisations on its reference date.

Opening a cycle snapshots the register so later edits of a member's record do not rewrite the
year's classification: each member on the roll gets a row with the form that applies, whether
they are evaluated (and if not, why), and the organisation whose quota group they fall in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from partydesk.domain.eligibility import (
    admitted_on,
    base_organisation_id,
    exclusion_for,
    member_form,
    status_on,
)
from partydesk.domain.evaluation import Cycle, MemberEvaluation, OrgEvaluation
from partydesk.domain.member import Standing
from partydesk.domain.organisation import Organisation
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.progress import Progress, check_cancel
from partydesk.store.evaluation import RosterSource
from partydesk.store.store import Store

_SLICE = 5000  # member records read and computed at a time


@dataclass(frozen=True, slots=True)
class Roster:
    members: tuple[MemberEvaluation, ...]
    organisations: tuple[OrgEvaluation, ...]


def organisations_on(orgs: Iterable[Organisation], cycle: Cycle) -> list[Organisation]:
    """The organisations that existed on the reference date (founded by then, not yet ended)."""
    on = cycle.reference_date
    return [
        org
        for org in orgs
        if (org.founded_on is None or org.founded_on <= on)
        and (org.ended_on is None or org.ended_on > on)
    ]


def build_roster(
    store: Store,
    cycle: Cycle,
    rule_set: RuleSet,
    progress: Progress,
    cancel: threading.Event | None,
) -> Roster:
    """Read the register (under the store lock) and compute every row of the new cycle."""
    progress(0, 2, "Đang đọc danh sách tổ chức đảng…")
    with store.lock:
        all_orgs = store.organisations.all()
        enterprises = store.enterprises.names_and_types()
    check_cancel(cancel)
    live = organisations_on(all_orgs, cycle)
    parents = {org.id: org.parent_id for org in all_orgs if org.id is not None}
    live_ids = {org.id for org in live}
    org_rows = tuple(
        OrgEvaluation(
            cycle_id=0,
            organisation_id=org.id,
            kind=org.kind.value,
            name=org.name,
            parent_id=org.parent_id,
            enterprise_type=_primary_type(org, enterprises),
        )
        for org in live
        if org.id is not None
    )
    progress(1, 2, "Đang xét điều kiện đánh giá…")
    member_rows: list[MemberEvaluation] = []
    after_id = 0
    while True:
        # A slice at a time, each read under the lock and released while it is computed: the
        # GUI keeps the store between slices, and a province's records never all sit in memory.
        with store.lock:
            sources = store.evaluation.roster_sources(cycle.reference_date, after_id, _SLICE)
        check_cancel(cancel)
        if not sources:
            break
        after_id = sources[-1].member.id or after_id
        member_rows += _member_rows(sources, cycle, rule_set, parents, live_ids)
    progress(2, 2, "Xong")
    return Roster(tuple(member_rows), org_rows)


def _member_rows(
    sources: list[RosterSource],
    cycle: Cycle,
    rule_set: RuleSet,
    parents: dict[int, int | None],
    live_ids: set[int | None],
) -> list[MemberEvaluation]:
    rows = []
    for source in sources:
        member = source.member
        if member.organisation_id not in live_ids or member.id is None:
            continue
        status = status_on(member, source.events, cycle.reference_date)
        if status is None:
            continue
        admitted = admitted_on(member, source.events)
        is_leader = member.is_manager or source.is_committee_member
        rows.append(
            MemberEvaluation(
                cycle_id=0,
                member_id=member.id,
                organisation_id=member.organisation_id,
                base_organisation_id=base_organisation_id(member.organisation_id, parents),
                form=member_form(
                    rule_set,
                    in_political_system=member.in_political_system,
                    is_leader=is_leader,
                ),
                full_name=member.full_name,
                exclusion=exclusion_for(member, status, cycle.reference_date, rule_set, admitted),
                probationary=_probationary_on(member, cycle),
                is_leader=is_leader,
            )
        )
    return rows


def _primary_type(org: Organisation, enterprises: dict) -> str:
    for link in sorted(org.enterprises, key=lambda link: not link.is_primary):
        found = enterprises.get(link.enterprise_id)
        if found is not None:
            return found[1].value
    return ""


def _probationary_on(member, cycle: Cycle) -> bool:
    """Dự bị on the reference date: not official yet, or made official after it."""
    if member.standing is Standing.PROBATIONARY:
        return True
    return member.official_date is not None and member.official_date > cycle.reference_date
