"""The numbers a chart prints: round axis ticks and values written the Vietnamese way.

Kept free of Qt so the rules (steps of 1, 2 or 5 × 10^n; "1.200", "12,5 %") are tested on
their own; the painters only place the strings.
"""

from __future__ import annotations

import math

from partydesk.domain.numbers import grouped
from partydesk.domain.statistics import Unit
from partydesk.domain.statistics_charts import ProgressItem

NOT_COMPUTED = "chưa tính được"


def nice_step(span: float, max_ticks: int, *, whole: bool = False) -> float:
    """The smallest step of 1, 2 or 5 × 10^n that covers ``span`` in ``max_ticks`` steps;
    ``whole`` keeps it at 1 or more (counts have no tick at 0,5)."""
    if span <= 0 or max_ticks < 1:
        return 1.0
    raw = span / max_ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    return max(step, 1.0) if whole else step


def nice_ticks(
    low: float, high: float, max_ticks: int = 5, *, whole: bool = False
) -> tuple[float, ...]:
    """Round tick values from at or below ``low`` to at or above ``high``: 0, 200, 400…"""
    low, high = min(low, high), max(low, high)
    if high == low:
        high = low + 1
    step = nice_step(high - low, max(1, max_ticks), whole=whole)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    return tuple(round(first + k * step, 10) for k in range(count + 1))


def number_text(value: float, places: int = 1) -> str:
    """12 → "12", 1200 → "1.200", 12.5 → "12,5", 0.25 at two places → "0,25"."""
    text = f"{abs(value):.{places}f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    sign = "-" if value < 0 and float(text) != 0 else ""
    return sign + grouped(int(whole)) + ("," + decimals if decimals else "")


def tick_places(ticks: tuple[float, ...]) -> int:
    """How many decimals the tick labels need: none for 0, 20, 40; one for 0, 0,5, 1."""
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    return 0 if step >= 1 else max(0, -math.floor(math.log10(step) + 1e-9))


def unit_text(value: float, unit: Unit) -> str:
    """A value with its unit: "8,2 %", "104,5 phút", "1.200"."""
    if unit is Unit.PERCENT:
        return f"{number_text(value)} %"
    if unit is Unit.MINUTES:
        return f"{number_text(value)} phút"
    return number_text(value)


def progress_text(item: ProgressItem) -> str:
    """ "8,2 % / 15 % (55 %) — hạn 2030"; an unknown value reads "chưa tính được"."""
    target = unit_text(item.target, item.unit)
    deadline = f"hạn {item.deadline_year}"
    if item.value is None:
        return f"{NOT_COMPUTED} / {target} — {deadline}"
    ratio = item.ratio
    reached = "" if ratio is None else f" ({grouped(round(ratio * 100))} %)"
    return f"{unit_text(item.value, item.unit)} / {target}{reached} — {deadline}"
