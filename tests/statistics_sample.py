"""A hand-made year of statistics, for the renderers' tests (charts, PDF, XLSX)."""

from __future__ import annotations

from datetime import date

from partydesk.domain.evaluation import Level
from partydesk.domain.statistics import (
    EXAMPLE_TARGETS,
    INDICATORS,
    ClassificationYear,
    Figure,
    MonthMeetings,
    Period,
    Statistics,
    TypeBreakdown,
    Unit,
)


def sample_statistics(on: date = date(2026, 11, 21), *, empty: bool = False) -> Statistics:
    """Plausible figures for every indicator; ``empty`` gives an office with nothing yet."""
    targets = {t.indicator: t for t in EXAMPLE_TARGETS}
    figures = []
    for n, indicator in enumerate(INDICATORS):
        if empty:
            value = None if indicator.unit is not Unit.COUNT else 0.0
            figures.append(Figure(indicator.key, value, value))
            continue
        if indicator.unit is Unit.PERCENT:
            value, previous = 10.0 + 3.7 * (n % 17), 9.0 + 3.1 * (n % 13)
        elif indicator.unit is Unit.MINUTES:
            value, previous = 104.5, 98.0
        else:
            value, previous = float(40 + 37 * n), float(38 + 35 * n)
        share = 42.5 if indicator.share_of else None
        figures.append(Figure(indicator.key, value, previous, share, targets.get(indicator.key)))
    levels = (Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.FAILED)
    return Statistics(
        period=Period(on),
        figures=tuple(figures),
        classification_year=None if empty else on.year - 1,
        by_enterprise_type=()
        if empty
        else (
            TypeBreakdown("Doanh nghiệp nhà nước", 12, 11, 14, 640),
            TypeBreakdown("Cổ phần có vốn nhà nước chi phối", 20, 15, 17, 410),
            TypeBreakdown("Doanh nghiệp tư nhân (DNTN, TNHH, cổ phần tư nhân)", 310, 48, 52, 980),
            TypeBreakdown("Doanh nghiệp có vốn đầu tư nước ngoài", 45, 6, 6, 120),
            TypeBreakdown("Hợp tác xã", 18, 4, 4, 35),
            TypeBreakdown("Chưa gắn doanh nghiệp", 0, 0, 3, 41),
        ),
        classification=()
        if empty
        else tuple(
            ClassificationYear(
                year,
                dict(zip(levels, (180 + k * 9, 1900 - k * 20, 260, 12 + k), strict=True)),
                dict(zip(levels, (20, 70 + k, 15, 2), strict=True)),
            )
            for k, year in enumerate(range(on.year - 4, on.year))
        ),
        meetings_by_month=()
        if empty
        else tuple(
            MonthMeetings(m, 110 + (m % 3), 100 + (m * 7) % 13) for m in range(1, on.month + 1)
        ),
        targets=() if empty else EXAMPLE_TARGETS,
    )
