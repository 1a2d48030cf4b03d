"""A meeting as JSON: the autosaved draft of the meeting form, written every few seconds.

The draft is whatever the clerk has typed, valid or not, so decoding is lenient about values
(an unknown enum value falls back to the default) but strict about shape: a payload that is not
a meeting raises ``ValueError``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, time
from enum import StrEnum
from typing import Any

from partydesk.domain.meeting import (
    Addendum,
    AgendaItem,
    Guest,
    Meeting,
    MeetingForm,
    MeetingKind,
    MeetingState,
    Opinion,
    Presence,
    RollEntry,
    Task,
    Vote,
    VoteForm,
    VoteKind,
)
from partydesk.domain.member import MemberStatus, Standing

FORMAT = 1

_ENUMS: dict[str, type[StrEnum]] = {
    "kind": MeetingKind,
    "form": MeetingForm,
    "state": MeetingState,
    "standing": Standing,
    "status": MemberStatus,
    "presence": Presence,
}
_VOTE_ENUMS: dict[str, type[StrEnum]] = {"kind": VoteKind, "form": VoteForm}
_DATES = frozenset({"on", "approved_on", "due", "done_on", "assigned_on"})
_TIMES = frozenset({"starts", "ends", "minutes_read_at"})
_NESTED: dict[str, type] = {
    "roll": RollEntry,
    "guests": Guest,
    "agenda": AgendaItem,
    "opinions": Opinion,
    "votes": Vote,
    "tasks": Task,
    "addenda": Addendum,
}


def _encode(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    return value


def meeting_to_json(meeting: Meeting) -> str:
    return json.dumps({"format": FORMAT, "meeting": _encode(meeting)}, ensure_ascii=False)


def _decode(cls: type, data: Any, enums: dict[str, type[StrEnum]]) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__}: expected an object")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name not in known or raw is None:
            continue
        if name in _NESTED and isinstance(raw, list):
            item_cls = _NESTED[name]
            item_enums = _VOTE_ENUMS if item_cls is Vote else _ENUMS
            values[name] = tuple(_decode(item_cls, item, item_enums) for item in raw)
        elif name in enums:
            try:
                values[name] = enums[name](raw)
            except ValueError:
                continue  # keep the default rather than lose the whole draft
        elif name in _DATES:
            values[name] = date.fromisoformat(raw)
        elif name in _TIMES:
            values[name] = time.fromisoformat(raw)
        else:
            values[name] = raw
    return cls(**values)


def meeting_from_json(payload: str) -> Meeting:
    try:
        data = json.loads(payload)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown draft format {data.get('format')!r}")
        return _decode(Meeting, data["meeting"], _ENUMS)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a meeting draft: {exc}") from exc
