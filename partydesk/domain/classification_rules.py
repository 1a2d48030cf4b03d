"""Building the yearly classification sheet from a cycle's rows (domain.md §8.4).

Pure counting: the service hands over the organisation rows, the member counts per tổ chức
cơ sở đảng and the labels; every total here is a sum of the lines it covers, so the printed
sheet always adds up.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from partydesk.domain.classification import (
    LEVEL_FIELD,
    ClassificationSheet,
    KindTotal,
    LevelCounts,
    MemberCounts,
    OrgLevelLine,
    QuotaCheck,
    SheetRow,
    SheetSection,
    YearTotals,
)
from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.evaluation import Exclusion, MemberEvaluation, OrgEvaluation
from partydesk.domain.evaluation_rules import members_group_key, quota_allowed
from partydesk.domain.organisation import OrgKind
from partydesk.domain.rule_sets import RuleSet
from partydesk.domain.text import text_sort_key

NO_ENTERPRISE_LABEL = "Không gắn doanh nghiệp"

_EXCLUSION_FIELD = {
    Exclusion.EXEMPT: "exempt",
    Exclusion.SUSPENDED: "suspended",
    Exclusion.NEW_MEMBER: "new_members",
}
_TYPE_ORDER = {t.value: n for n, t in enumerate(EnterpriseType)}
_KIND_ORDER = {k.value: n for n, k in enumerate(OrgKind)}


def count_members(evals: Iterable[MemberEvaluation]) -> MemberCounts:
    """The member columns of one line. Members here on sinh hoạt tạm thời are not counted."""
    totals = dict.fromkeys(
        (
            "members",
            "evaluated",
            "unclassified",
            "probationary",
            "probationary_classified",
            *LEVEL_FIELD.values(),
            *_EXCLUSION_FIELD.values(),
        ),
        0,
    )
    for ev in evals:
        if ev.exclusion is Exclusion.TEMP_GUEST:
            continue
        totals["members"] += 1
        if ev.exclusion is not None:
            totals[_EXCLUSION_FIELD[ev.exclusion]] += 1
            continue
        totals["evaluated"] += 1
        decided = ev.decided_level
        totals[LEVEL_FIELD[decided] if decided else "unclassified"] += 1
        if ev.probationary:
            totals["probationary"] += 1
            totals["probationary_classified"] += decided is not None
    return MemberCounts(**totals)


def _level_counts(orgs: Iterable[OrgEvaluation]) -> LevelCounts:
    counts = LevelCounts()
    for org in orgs:
        field = LEVEL_FIELD[org.decided_level] if org.decided_level else "unclassified"
        counts = replace(counts, **{field: getattr(counts, field) + 1})
    return counts


def _sum(counts: Iterable[MemberCounts]) -> MemberCounts:
    return sum(counts, MemberCounts())


def _type_rank(enterprise_type: str) -> tuple[int, str]:
    """Enterprise types in their statistical order, unknown ones next, no enterprise last."""
    if not enterprise_type:
        return (len(_TYPE_ORDER) + 1, "")
    return (_TYPE_ORDER.get(enterprise_type, len(_TYPE_ORDER)), enterprise_type)


def _kind_rank(kind: str) -> tuple[int, str]:
    return (_KIND_ORDER.get(kind, len(_KIND_ORDER)), kind)


def build_sheet(
    year: int,
    rule_set: RuleSet,
    orgs: Sequence[OrgEvaluation],
    counts: Mapping[int, MemberCounts],
    overridden_groups: Collection[str],
    previous: YearTotals | None,
    type_label: Callable[[str], str],
    kind_label: Callable[[str], str],
) -> ClassificationSheet:
    """The sheet: one line per organisation directly under the office, in sections by type.

    ``counts`` maps a tổ chức cơ sở đảng's id to the counts of all its members (its chi bộ
    trực thuộc included); ``overridden_groups`` are the quota group keys with a recorded
    reason for going above the quota.
    """
    top = sorted(
        (org for org in orgs if org.parent_id is None),
        key=lambda org: (
            _type_rank(org.enterprise_type),
            text_sort_key(org.name),
            org.organisation_id,
        ),
    )
    sections: list[SheetSection] = []
    by_type: dict[str, list[SheetRow]] = {}
    for number, org in enumerate(top, start=1):
        row_counts = counts.get(org.organisation_id, MemberCounts())
        row = SheetRow(
            number=number,
            organisation_id=org.organisation_id,
            name=org.name,
            kind=org.kind,
            enterprise_type=org.enterprise_type,
            counts=row_counts,
            quota=QuotaCheck(
                excellent=row_counts.excellent,
                good=row_counts.good,
                allowed=quota_allowed(row_counts.good, rule_set),
                overridden=members_group_key(org.organisation_id) in overridden_groups,
            ),
            org_level=org.decided_level,
        )
        by_type.setdefault(org.enterprise_type, []).append(row)
    for enterprise_type, rows in by_type.items():
        label = type_label(enterprise_type) if enterprise_type else NO_ENTERPRISE_LABEL
        subtotal = _sum(row.counts for row in rows)
        sections.append(SheetSection(enterprise_type, label, tuple(rows), subtotal))
    rows_by_kind: dict[str, list[SheetRow]] = {}
    for section in sections:
        for row in section.rows:
            rows_by_kind.setdefault(row.kind, []).append(row)
    by_kind = tuple(
        KindTotal(kind, kind_label(kind), len(rows), _sum(row.counts for row in rows))
        for kind, rows in sorted(rows_by_kind.items(), key=lambda item: _kind_rank(item[0]))
    )
    orgs_by_kind: dict[str, list[OrgEvaluation]] = {}
    for org in orgs:
        orgs_by_kind.setdefault(org.kind, []).append(org)
    org_levels = tuple(
        OrgLevelLine(kind, kind_label(kind), _level_counts(kind_orgs))
        for kind, kind_orgs in sorted(orgs_by_kind.items(), key=lambda item: _kind_rank(item[0]))
    )
    return ClassificationSheet(
        year=year,
        rule_set_name=rule_set.name,
        level_names=rule_set.level_names,
        sections=tuple(sections),
        by_kind=by_kind,
        total=_sum(section.subtotal for section in sections),
        org_levels=org_levels,
        org_total=sum((line.levels for line in org_levels), LevelCounts()),
        previous=previous,
    )
