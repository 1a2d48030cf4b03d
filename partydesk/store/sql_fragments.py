"""SQL fragments shared by several repositories, so a rule such as "who counts" lives once."""

from __future__ import annotations

from partydesk.domain.member import ENDED_STATUSES, MemberStatus

# Members who belong to the organisation that holds their record: not ended, and not guests here
# on temporary activity (they are counted where they are officially registered).
_NOT_COUNTED = sorted(s.value for s in ENDED_STATUSES | {MemberStatus.TEMP_GUEST})
COUNTED_STATUS = "status NOT IN (" + ", ".join(f"'{v}'" for v in _NOT_COUNTED) + ")"
ENDED_STATUS_SQL = "(" + ", ".join(f"'{s.value}'" for s in sorted(ENDED_STATUSES)) + ")"
