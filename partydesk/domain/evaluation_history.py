"""Flags drawn from several years of a member's or an organisation's classification.

Two years running of Không hoàn thành nhiệm vụ is a ground for removing a member from the
Party (domain.md §2.4), so the office must see it; so too an organisation rated low twice in a
row, and a member who never handed in a self-review. Years are calendar years: a gap (a year
without a cycle, or without a decided level) breaks a run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from partydesk.domain.evaluation import Level, MemberEvaluation, OrgEvaluation

_Row = TypeVar("_Row", MemberEvaluation, OrgEvaluation)

_LOW_LEVELS = frozenset({Level.COMPLETED, Level.FAILED})


def _runs(history: Sequence[tuple[int, _Row]], matches: Callable[[_Row], bool]) -> list[list[int]]:
    """Runs of two or more consecutive years whose row matches, oldest first."""
    years = sorted({year for year, row in history if matches(row)})
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [run for run in runs if len(run) >= 2]


def _years_text(years: Sequence[int]) -> str:
    return ", ".join(str(year) for year in years)


def member_flags(history: Sequence[tuple[int, MemberEvaluation]]) -> list[str]:
    """Warnings about a member's years of classification, given as (year, row)."""
    flags = [
        f"Không hoàn thành nhiệm vụ {len(run)} năm liền ({_years_text(run)})"
        for run in _runs(history, lambda ev: ev.decided_level is Level.FAILED)
    ]
    evaluated = [ev for _, ev in history if ev.is_evaluated]
    if evaluated and all(ev.self_level is None for ev in evaluated):
        flags.append("Chưa lần nào tự đánh giá")
    return flags


def org_flags(history: Sequence[tuple[int, OrgEvaluation]]) -> list[str]:
    """Warnings about an organisation's years of classification, given as (year, row)."""
    decided = {year: ev.decided_level for year, ev in history}
    return [
        f"Xếp loại thấp {len(run)} năm liền ("
        + ", ".join(f"{year}: {decided[year]}" for year in run)
        + ")"
        for run in _runs(history, lambda ev: ev.decided_level in _LOW_LEVELS)
    ]
