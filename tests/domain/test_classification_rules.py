"""Member counts per line and the yearly classification sheet built from them."""

import random
from dataclasses import fields, replace

from partydesk.domain.classification import LevelCounts, MemberCounts, YearTotals
from partydesk.domain.classification_rules import build_sheet, count_members
from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.evaluation import (
    LEVEL_ORDER,
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
)
from partydesk.domain.organisation import OrgKind
from partydesk.domain.rule_sets import BUILTIN_RULE_SETS, rule_set_for_year

RULES = rule_set_for_year(2025, BUILTIN_RULE_SETS)


def ev(base: int = 1, **changes) -> MemberEvaluation:
    return replace(MemberEvaluation(1, 1, base, base, MemberForm.OUTSIDE), **changes)


def test_count_members_follows_the_column_definitions():
    rows = [
        ev(decided_level=Level.EXCELLENT),
        ev(decided_level=Level.GOOD, probationary=True),
        ev(decided_level=Level.GOOD),
        ev(decided_level=Level.FAILED),
        ev(probationary=True),
        ev(),
        ev(exclusion=Exclusion.EXEMPT),
        ev(exclusion=Exclusion.SUSPENDED),
        ev(exclusion=Exclusion.NEW_MEMBER),
        ev(exclusion=Exclusion.NEW_MEMBER),
        ev(exclusion=Exclusion.TEMP_GUEST, decided_level=Level.GOOD),
    ]
    assert count_members(rows) == MemberCounts(
        members=10,
        exempt=1,
        suspended=1,
        new_members=2,
        evaluated=6,
        excellent=1,
        good=2,
        completed=0,
        failed=1,
        unclassified=2,
        probationary=2,
        probationary_classified=1,
    )


def org(oid: int, kind: OrgKind, name: str, etype: str = "", parent=None, level=None):
    return OrgEvaluation(
        1,
        oid,
        kind.value,
        name=name,
        parent_id=parent,
        enterprise_type=etype,
        decided_level=level,
    )


ORGS = [
    org(1, OrgKind.PARTY_COMMITTEE_BASE, "Đảng bộ Công ty Bình An", "TU_NHAN", level=Level.GOOD),
    org(11, OrgKind.CELL_UNDER_COMMITTEE, "Chi bộ Phân xưởng 1", parent=1, level=Level.EXCELLENT),
    org(12, OrgKind.CELL_UNDER_COMMITTEE, "Chi bộ Phân xưởng 2", parent=1),
    org(2, OrgKind.CELL_BASE, "Chi bộ Công ty An Phú", "TU_NHAN", level=Level.EXCELLENT),
    org(3, OrgKind.CELL_BASE, "Chi bộ Công ty Điện lực", "DNNN", level=Level.COMPLETED),
    org(4, OrgKind.CELL_COMBINED, "Chi bộ ghép các doanh nghiệp"),
]


def random_members(seed: int) -> list[MemberEvaluation]:
    rng = random.Random(seed)
    rows = []
    for n in range(400):
        exclusion = rng.choice([None] * 8 + list(Exclusion))
        level = None if exclusion else rng.choice([*LEVEL_ORDER, None])
        rows.append(
            ev(
                base=rng.choice([1, 2, 3, 4]),
                member_id=n,
                exclusion=exclusion,
                decided_level=level,
                probationary=rng.random() < 0.1,
            )
        )
    return rows


def sheet_for(members, overridden=(), previous=None):
    counts = {
        base: count_members(m for m in members if m.base_organisation_id == base)
        for base in {m.base_organisation_id for m in members}
    }
    return build_sheet(
        2025,
        RULES,
        ORGS,
        counts,
        overridden,
        previous,
        lambda t: EnterpriseType(t).label,
        lambda k: OrgKind(k).label,
    )


def test_rows_are_the_top_organisations_in_sections():
    sheet = sheet_for(random_members(1))
    assert [(s.enterprise_type, s.label) for s in sheet.sections] == [
        ("DNNN", "Doanh nghiệp nhà nước"),
        ("TU_NHAN", "Doanh nghiệp tư nhân (DNTN, TNHH, cổ phần tư nhân)"),
        ("", "Không gắn doanh nghiệp"),
    ]
    assert [(r.number, r.organisation_id) for r in sheet.rows] == [(1, 3), (2, 2), (3, 1), (4, 4)]
    assert [r.org_level for r in sheet.rows] == [Level.COMPLETED, Level.EXCELLENT, Level.GOOD, None]


def test_totals_equal_the_sum_of_rows_and_an_independent_count():
    members = random_members(2)
    sheet = sheet_for(members)
    assert sheet.total == sum((r.counts for r in sheet.rows), MemberCounts())
    assert sheet.total == count_members(members)  # straight from the member rows
    for section in sheet.sections:
        assert section.subtotal == sum((r.counts for r in section.rows), MemberCounts())
    assert sum((k.counts for k in sheet.by_kind), MemberCounts()) == sheet.total
    for f in fields(MemberCounts):
        assert getattr(sheet.total, f.name) == sum(getattr(r.counts, f.name) for r in sheet.rows)
    total = sheet.total
    assert total.members == total.evaluated + total.not_evaluated
    assert total.evaluated == sum(total.level(lv) for lv in LEVEL_ORDER) + total.unclassified


def test_by_kind_keeps_combined_cells_apart():
    sheet = sheet_for(random_members(3))
    assert [(k.kind, k.organisations) for k in sheet.by_kind] == [
        ("DANG_BO_CO_SO", 1),
        ("CHI_BO_CO_SO", 2),
        ("CHI_BO_GHEP", 1),
    ]


def test_org_levels_count_every_organisation_by_kind():
    sheet = sheet_for(random_members(4))
    lines = {line.kind: line.levels for line in sheet.org_levels}
    assert lines["CHI_BO_TRUC_THUOC"] == LevelCounts(excellent=1, unclassified=1)
    assert lines["CHI_BO_CO_SO"] == LevelCounts(excellent=1, completed=1)
    assert lines["DANG_BO_CO_SO"] == LevelCounts(good=1)
    assert lines["CHI_BO_GHEP"] == LevelCounts(unclassified=1)
    assert sheet.org_total == LevelCounts(excellent=2, good=1, completed=1, unclassified=2)
    assert sheet.org_total.total == len(ORGS)


def test_quota_per_row_and_override_flag():
    members = [ev(base=2, decided_level=Level.EXCELLENT)] * 3 + [
        ev(base=2, decided_level=Level.GOOD)
    ] * 11
    sheet = sheet_for(members, overridden={"members:org:2"})
    row = next(r for r in sheet.rows if r.organisation_id == 2)
    assert (row.quota.excellent, row.quota.good, row.quota.allowed) == (3, 11, 2)
    assert row.quota.exceeded and row.quota.overridden
    empty = next(r for r in sheet.rows if r.organisation_id == 4)
    assert empty.counts == MemberCounts()
    assert (empty.quota.allowed, empty.quota.exceeded, empty.quota.overridden) == (0, False, False)


def test_previous_year_and_names_are_passed_through():
    previous = YearTotals(2024, MemberCounts(members=5), LevelCounts(good=2))
    sheet = sheet_for(random_members(5), previous=previous)
    assert sheet.previous == previous
    assert sheet.current.year == 2025 and sheet.current.members == sheet.total
    assert sheet.level_names == RULES.level_names and sheet.rule_set_name == "QĐ 366 / HD 43"
