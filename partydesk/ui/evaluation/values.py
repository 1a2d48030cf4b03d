"""How the evaluation widgets show and read levels, scores and dates.

Levels are chosen from the rule set's own names (an office may have adjusted them); scores are
typed with the Vietnamese decimal comma ("85,5") and shown the same way.
"""

from __future__ import annotations

from datetime import date

from partydesk.domain.evaluation import LEVEL_ORDER, Discipline, Level
from partydesk.domain.evaluation_rules import format_score
from partydesk.domain.rule_sets import RuleSet

NO_CHOICE = ""  # the combo value of "not given yet"


def level_choices(rule_set: RuleSet) -> list[tuple[str, str]]:
    """(label, value) pairs of a level combo: blank first, then the four levels, highest first."""
    return [("", NO_CHOICE)] + [
        (f"{level.value} – {rule_set.level_name(level)}", level.value) for level in LEVEL_ORDER
    ]


def discipline_choices() -> list[tuple[str, str]]:
    return [("Không", NO_CHOICE)] + [(d.label, d.value) for d in Discipline]


def level_or_none(value: object) -> Level | None:
    """Qt hands a StrEnum back as a plain str: read a combo value back as a Level."""
    return Level(str(value)) if value else None


def discipline_or_none(value: object) -> Discipline | None:
    return Discipline(str(value)) if value else None


def score_text(score: float | None) -> str:
    return "" if score is None else format_score(score)


def parse_score(text: str) -> float | None:
    """A typed score ("85", "85,5", "85.5"); None when empty. ValueError when not a number."""
    cleaned = text.strip().replace(",", ".")
    return float(cleaned) if cleaned else None


def parse_count(text: str) -> int | None:
    """A typed whole number of votes; None when empty. ValueError when not one."""
    cleaned = text.strip()
    return int(cleaned) if cleaned else None


def days_left_text(deadline: date, today: date) -> tuple[str, bool]:
    """("còn 5 ngày" | "hôm nay" | "quá 3 ngày", is past)."""
    days = (deadline - today).days
    if days > 0:
        return f"còn {days} ngày", False
    if days == 0:
        return "hôm nay", False
    return f"quá {-days} ngày", True
