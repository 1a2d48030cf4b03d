"""How the overview's figures are written, the same on screen, in the PDF and in the XLSX."""

from __future__ import annotations

from partydesk.domain.numbers import decimal_text, grouped
from partydesk.domain.statistics import INDICATOR_BY_KEY, Figure, Target, Unit

DASH = "–"


def value_text(value: float | None, unit: Unit) -> str:
    """1234 → "1.234"; 20.93 % → "20,9 %"; 104.5 minutes → "104,5"; None → "–"."""
    if value is None:
        return DASH
    if unit is Unit.PERCENT:
        return f"{decimal_text(value, 1)} %"
    if unit is Unit.MINUTES:
        return decimal_text(value, 1, trim=True)
    return grouped(round(value))


def figure_text(figure: Figure) -> str:
    """The value, with its share when the indicator has one: "2.427 (86,3 %)"."""
    text = value_text(figure.value, figure.indicator.unit)
    if figure.share is not None:
        text += f" ({decimal_text(figure.share, 1)} %)"
    return text


def previous_text(figure: Figure) -> str:
    """The same period a year earlier, without the share."""
    return value_text(figure.previous, figure.indicator.unit)


def change_text(figure: Figure) -> str:
    """ "+12", "−3", "0"; a rate changes by percentage points: "+1,2 điểm %"."""
    change = figure.change
    if change is None:
        return DASH
    unit = figure.indicator.unit
    if unit is Unit.COUNT:
        n = round(change)
        return "0" if n == 0 else f"+{grouped(n)}" if n > 0 else f"−{grouped(-n)}"
    if round(change, 1) == 0:
        return "0"
    text = decimal_text(abs(change), 1)
    sign = "+" if change > 0 else "−"
    return f"{sign}{text} điểm %" if unit is Unit.PERCENT else f"{sign}{text}"


def target_value_text(target: Target) -> str:
    """"15 %" for a rate, "1.200" for a count, "90 phút" for a length."""
    unit = INDICATOR_BY_KEY[target.indicator].unit
    if unit is Unit.PERCENT:
        return f"{decimal_text(target.value, 1, trim=True)} %"
    if unit is Unit.MINUTES:
        return f"{decimal_text(target.value, 1, trim=True)} phút"
    return grouped(round(target.value))


def target_text(target: Target | None) -> str:
    """"15 % (2030)", "120 (2027)", or "" without a target."""
    if target is None:
        return ""
    return f"{target_value_text(target)} ({target.deadline_year})"


def progress_text(progress: float | None) -> str:
    """0.553 → "55 %"; None → "–"."""
    return DASH if progress is None else f"{round(progress * 100)} %"
