"""The month grid of the due list: each day shows how many items and events it has and the
first titles, overdue items in red, meetings and briefing sittings in blue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QCalendarWidget, QWidget

from partydesk.domain.due import CalendarEvent, DueItem, DueStatus, LinkTarget, RecordLink
from partydesk.ui.due.list_model import OVERDUE_COLOR, SETTLED_COLOR, tooltip
from partydesk.ui.widgets.date_field import VIETNAMESE_LOCALE

EVENT_COLOR = QColor("#1565C0")
TODAY_FILL = QColor("#FFF8E1")
LINES_SHOWN = 3
PADDING = 3


class EntryKind:
    DUE = "due"
    OVERDUE = "overdue"
    SETTLED = "settled"
    EVENT = "event"


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One line of a day: a due item or an event, with what colours it."""

    text: str
    kind: str  # EntryKind
    group: str  # several entries of a group on one day show as one line: "9 · Sinh hoạt chi bộ"
    link: RecordLink | None = None
    tip: str = ""


EVENT_GROUPS = {LinkTarget.MEETINGS: "Buổi sinh hoạt chi bộ", LinkTarget.BRIEFING: "Giao ban"}


def day_entries(
    items: list[DueItem], events: list[CalendarEvent], today: dt.date
) -> dict[dt.date, list[DayEntry]]:
    """The entries of each day: the due items (coloured by status), then the events."""
    entries: dict[dt.date, list[DayEntry]] = {}
    for item in items:
        status = item.status(today)
        kind = EntryKind.DUE
        if status is DueStatus.OVERDUE:
            kind = EntryKind.OVERDUE
        elif status.is_settled:
            kind = EntryKind.SETTLED
        text = f"{item.title} – {item.subject}"
        entry = DayEntry(text, kind, item.kind.label, item.link, tooltip(item))
        entries.setdefault(item.on, []).append(entry)
    for event in events:
        at = f"{event.starts:%H:%M} " if event.starts else ""
        text = f"{at}{event.title} – {event.subject}"
        group = EVENT_GROUPS[event.link.target]
        entries.setdefault(event.on, []).append(
            DayEntry(text, EntryKind.EVENT, group, event.link, text)
        )
    return entries


def cell_lines(entries: list[DayEntry]) -> list[tuple[str, str]]:
    """(text, entry kind) lines of a day's cell: an entry alone in its group shows its own
    text, a group of several its count; overdue lines first."""
    groups: dict[tuple[str, str], list[DayEntry]] = {}
    for entry in entries:
        groups.setdefault((entry.kind, entry.group), []).append(entry)
    order = (EntryKind.OVERDUE, EntryKind.DUE, EntryKind.EVENT, EntryKind.SETTLED)
    lines = []
    for (kind, group), members in sorted(groups.items(), key=lambda g: order.index(g[0][0])):
        text = members[0].text if len(members) == 1 else f"{len(members)} · {group}"
        lines.append((text, kind))
    return lines


ENTRY_COLORS = {
    EntryKind.OVERDUE: OVERDUE_COLOR,
    EntryKind.SETTLED: SETTLED_COLOR,
    EntryKind.EVENT: EVENT_COLOR,
}


class DueCalendar(QCalendarWidget):
    """A month view; ``set_entries`` gives the lines of each day of the shown month."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._entries: dict[dt.date, list[DayEntry]] = {}
        self.setLocale(VIETNAMESE_LOCALE)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setSelectedDate(QDate(today.year, today.month, today.day))
        self.setMinimumSize(640, 420)

    def set_today(self, today: dt.date) -> None:
        self._today = today

    def set_entries(self, entries: dict[dt.date, list[DayEntry]]) -> None:
        self._entries = entries
        self.updateCells()

    def entries_on(self, day: dt.date) -> list[DayEntry]:
        return self._entries.get(day, [])

    def selected_day(self) -> dt.date:
        return self.selectedDate().toPython()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:  # noqa: N802
        day = qdate.toPython()
        in_month = qdate.month() == self.monthShown()
        palette = self.palette()
        painter.save()
        if qdate == self.selectedDate():
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(170))
        elif day == self._today:
            painter.fillRect(rect, TODAY_FILL)
        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        number_font = QFont(painter.font())
        number_font.setBold(day == self._today)
        painter.setFont(number_font)
        painter.setPen(
            palette.color(
                QPalette.ColorRole.Text if in_month else QPalette.ColorRole.PlaceholderText
            )
        )
        painter.drawText(
            inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, str(qdate.day())
        )
        entries = self._entries.get(day, []) if in_month else []
        if entries:
            small = QFont(painter.font())
            small.setBold(False)
            small.setPointSizeF(max(6.5, painter.font().pointSizeF() * 0.8))
            painter.setFont(small)
            metrics = painter.fontMetrics()
            line = metrics.height()
            top = inner.top() + line
            lines = cell_lines(entries)
            shown = lines if len(lines) <= LINES_SHOWN else lines[: LINES_SHOWN - 1]
            for text, kind in shown:
                if top + line > inner.bottom() + 1:
                    break
                painter.setPen(ENTRY_COLORS.get(kind, palette.color(QPalette.ColorRole.Text)))
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
                painter.drawText(QRect(inner.left(), top, inner.width(), line), 0, text)
                top += line
            if len(shown) < len(lines) and top + line <= inner.bottom() + 1:
                painter.setPen(palette.color(QPalette.ColorRole.Text))
                painter.drawText(
                    QRect(inner.left(), top, inner.width(), line),
                    0,
                    f"+{len(lines) - len(shown)} nhóm khác",
                )
        painter.restore()
