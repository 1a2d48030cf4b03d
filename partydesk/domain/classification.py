"""The yearly classification sheets (biểu tổng hợp kết quả xếp loại, domain.md §8.4).

One line per tổ chức cơ sở đảng directly under the office (its chi bộ trực thuộc counted in
it), grouped in sections by enterprise type with a subtotal each, subtotals by organisation
kind, and a grand total; a second sheet counts the organisations at each level by kind; a
third compares the totals with the previous year. Counts are of decided levels. The builder is
``build_sheet`` in ``classification_rules``; PDF and XLSX writers take this object as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Self

from partydesk.domain.evaluation import Level

# The count field holding each level, the same name on members' and organisations' lines.
LEVEL_FIELD: dict[Level, str] = {
    Level.EXCELLENT: "excellent",
    Level.GOOD: "good",
    Level.COMPLETED: "completed",
    Level.FAILED: "failed",
}


class _LevelColumns:
    """Counts with one field per level (``LEVEL_FIELD``) that add up field by field."""

    __slots__ = ()

    def __add__(self, other: Self) -> Self:
        names = [f.name for f in fields(self)]
        return type(self)(*(getattr(self, n) + getattr(other, n) for n in names))

    def level(self, level: Level) -> int:
        return getattr(self, LEVEL_FIELD[level])


@dataclass(frozen=True, slots=True)
class MemberCounts(_LevelColumns):
    """The member columns of one line; totals are sums of lines (``+``)."""

    members: int = 0  # on the roll, officially registered here (SHT đến not counted)
    exempt: int = 0  # not evaluated: miễn công tác và sinh hoạt
    suspended: int = 0  # not evaluated: đình chỉ sinh hoạt
    new_members: int = 0  # not evaluated: admitted less than the rule set's months before
    evaluated: int = 0
    excellent: int = 0
    good: int = 0
    completed: int = 0
    failed: int = 0
    unclassified: int = 0  # evaluated, no decided level yet
    probationary: int = 0  # dự bị members evaluated
    probationary_classified: int = 0  # of whom have a decided level

    def share(self, level: Level) -> float | None:
        """The level's share of the members evaluated, or None when nobody was evaluated."""
        return self.level(level) / self.evaluated if self.evaluated else None

    @property
    def not_evaluated(self) -> int:
        return self.exempt + self.suspended + self.new_members


@dataclass(frozen=True, slots=True)
class LevelCounts(_LevelColumns):
    """Organisations at each decided level."""

    excellent: int = 0
    good: int = 0
    completed: int = 0
    failed: int = 0
    unclassified: int = 0

    @property
    def total(self) -> int:
        return self.excellent + self.good + self.completed + self.failed + self.unclassified

    def share(self, level: Level) -> float | None:
        classified = self.total - self.unclassified
        return self.level(level) / classified if classified else None


@dataclass(frozen=True, slots=True)
class QuotaCheck:
    """HTXSNV against the share of HTTNV allowed in one comparison group."""

    excellent: int
    good: int
    allowed: int
    overridden: bool = False  # a reason was recorded for going above

    @property
    def exceeded(self) -> bool:
        return self.excellent > self.allowed


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int  # STT
    organisation_id: int
    name: str
    kind: str  # OrgKind value
    enterprise_type: str  # EnterpriseType value, or '' when the organisation has none
    counts: MemberCounts
    quota: QuotaCheck
    org_level: Level | None  # the organisation's own decided level
    note: str = ""


@dataclass(frozen=True, slots=True)
class SheetSection:
    """The rows of one enterprise type and their subtotal."""

    enterprise_type: str
    label: str
    rows: tuple[SheetRow, ...]
    subtotal: MemberCounts


@dataclass(frozen=True, slots=True)
class KindTotal:
    kind: str  # OrgKind value
    label: str
    organisations: int
    counts: MemberCounts


@dataclass(frozen=True, slots=True)
class OrgLevelLine:
    """Second sheet: organisations of one kind at each level."""

    kind: str
    label: str
    levels: LevelCounts


@dataclass(frozen=True, slots=True)
class YearTotals:
    year: int
    members: MemberCounts
    organisations: LevelCounts


@dataclass(frozen=True, slots=True)
class ClassificationSheet:
    year: int
    rule_set_name: str
    level_names: tuple[str, str, str, str]
    sections: tuple[SheetSection, ...]
    by_kind: tuple[KindTotal, ...]
    total: MemberCounts
    org_levels: tuple[OrgLevelLine, ...]
    org_total: LevelCounts
    previous: YearTotals | None = None  # the previous year's totals, when it had a cycle

    @property
    def rows(self) -> tuple[SheetRow, ...]:
        return tuple(row for section in self.sections for row in section.rows)

    @property
    def current(self) -> YearTotals:
        return YearTotals(self.year, self.total, self.org_total)
