"""The due list and the month's meetings as an iCalendar file (RFC 5545) for Outlook and others.

Each item is an all-day VEVENT whose UID comes from the item's stable key, so importing a newer
export updates the events instead of adding copies. Meetings and briefing sittings with their
times recorded are timed events; Vietnam keeps UTC+7 all year (no daylight saving), so times
are written in UTC, which every calendar program reads without a VTIMEZONE block.
icalendar writes CRLF line ends and folds long lines, as the RFC and Outlook require.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from partydesk.domain.dates import format_vn_date
from partydesk.domain.due import CalendarEvent, DueItem, DueStatus

PRODID = "-//PartyDesk//Viec can lam//VI"
UID_DOMAIN = "partydesk"
VIETNAM = timezone(timedelta(hours=7))


def _uid(key: str) -> str:
    return f"{key}@{UID_DOMAIN}"


def _item_event(item: DueItem, today: date, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", _uid(item.key))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.on)
    event.add("dtend", item.on + timedelta(days=1))
    overdue = item.status(today) is DueStatus.OVERDUE
    event.add("summary", f"{'[Quá hạn] ' if overdue else ''}{item.title} – {item.subject}")
    lines = [item.title, f"Đối tượng: {item.subject}"]
    if item.detail:
        lines.append(item.detail)
    lines.append(f"Hạn: {format_vn_date(item.on)}")
    event.add("description", "\n".join(lines))
    event.add("categories", [item.kind.label])
    event.add("transp", "TRANSPARENT")  # a deadline does not make the clerk busy all day
    return event


def _calendar_event(found: CalendarEvent, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", _uid(found.uid))
    event.add("dtstamp", stamp)
    if found.starts is not None:
        starts = datetime.combine(found.on, found.starts, VIETNAM).astimezone(UTC)
        event.add("dtstart", starts)
        if found.ends is not None and found.ends > found.starts:
            event.add("dtend", datetime.combine(found.on, found.ends, VIETNAM).astimezone(UTC))
    else:
        event.add("dtstart", found.on)
        event.add("dtend", found.on + timedelta(days=1))
    event.add("summary", f"{found.title} – {found.subject}")
    event.add("description", f"{found.title}\nĐơn vị: {found.subject}")
    if found.place:
        event.add("location", found.place)
    return event


def due_calendar(
    items: Iterable[DueItem],
    events: Iterable[CalendarEvent],
    *,
    today: date,
    stamp: datetime,
    name: str = "PartyDesk – Việc cần làm",
) -> bytes:
    """The iCalendar text of ``items`` (all-day) and ``events``; ``stamp`` is the DTSTAMP (the
    time of the export, made timezone-aware in UTC)."""
    stamp = stamp.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in items:
        calendar.add_component(_item_event(item, today, stamp))
    for event in events:
        calendar.add_component(_calendar_event(event, stamp))
    return calendar.to_ical()
