"""What the minutes renderers take: a meeting with everything printed around it, resolved.

Services build these from the store; renderers (PDF, DOCX) only lay them out, so the same
document prints the same way through either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from partydesk.domain.documents import DocumentHeader
from partydesk.domain.meeting import Meeting, RollEntry, Task


@dataclass(frozen=True)
class MinutesDocument:
    """One biên bản: the header of its chi bộ, the meeting, and the earlier tasks reviewed."""

    header: DocumentHeader
    meeting: Meeting
    organisation_name: str
    # Tasks from earlier meetings that were still open when this meeting was held; done_on is
    # set on those reported done at this meeting.
    earlier_tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class MinuteBook:
    """The bound book of one chi bộ over a date range (domain §1.6)."""

    upper_body: str  # "ĐẢNG BỘ PHƯỜNG AN KHÁNH"
    issuer: str  # "CHI BỘ CÔNG TY CỔ PHẦN ABC"
    organisation_name: str
    volume: int
    first: date
    last: date
    place: str
    entries: tuple[MinutesDocument, ...] = field(default=())


@dataclass(frozen=True)
class BlankMinutes:
    """The paper template for a chi bộ that writes its minutes by hand."""

    header: DocumentHeader  # date None: left blank for the secretary
    organisation_name: str
    roll: tuple[RollEntry, ...]
    agenda_lines: int = 3  # numbered agenda items with ruled space
