"""SQL fragments shared by several repositories, so a rule such as "who counts" lives once."""

from __future__ import annotations

import json

from partydesk.domain.member import ENDED_STATUSES, MemberStatus

# Members who belong to the organisation that holds their record: not ended, and not guests here
# on temporary activity (they are counted where they are officially registered).
_NOT_COUNTED = sorted(s.value for s in ENDED_STATUSES | {MemberStatus.TEMP_GUEST})
COUNTED_STATUS = "status NOT IN (" + ", ".join(f"'{v}'" for v in _NOT_COUNTED) + ")"
ENDED_STATUS_SQL = "(" + ", ".join(f"'{s.value}'" for s in sorted(ENDED_STATUSES)) + ")"


def only_ids_clause(column: str) -> str:
    """``column`` is one of a JSON list of ids (one parameter, whatever the number of ids)."""
    return f"{column} IN (SELECT value FROM json_each(?))"


def ids_json(ids: tuple[int, ...]) -> str:
    return json.dumps(list(ids))
