"""Conversions between SQLite column values and domain values (ISO dates, 0/1 booleans)."""

from __future__ import annotations

from datetime import date, datetime, time


def iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def to_time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def to_bool(value: int | None) -> bool:
    return bool(value)


def like_all(column: str, tokens: list[str]) -> tuple[str, list[str]]:
    """A WHERE fragment requiring every folded token to occur in ``column``.

    Tokens come from ``domain.text.search_tokens`` and hold only letters and digits, so they
    need no LIKE escaping.
    """
    if not tokens:
        return "1", []
    return " AND ".join(f"{column} LIKE ?" for _ in tokens), [f"%{t}%" for t in tokens]


def order_by(sorts: dict[str, str], key: str, descending: bool, tie_breaker: str) -> str:
    """An ORDER BY clause from a whitelist of sortable columns; unknown keys use the first."""
    expression = sorts.get(key) or next(iter(sorts.values()))
    direction = "DESC" if descending else "ASC"
    return f"ORDER BY {expression} {direction}, {tie_breaker} {direction}"


def now_text() -> str:
    """The local time of a change, as stored in ``created_at`` / ``updated_at``."""
    return datetime.now().isoformat(timespec="seconds")
