"""A dd/mm/yyyy date entry that may be left empty, with a Vietnamese calendar popup.

QDateEdit always holds some date, but most dates on a Party member's file are optional
("ngày chuyển chính thức" is blank for a probationary member), so ``DateField`` is a line edit
with a parser instead. The clerk can type "15/03/2024", "15-3-2024", "15.03.2024" or
"15032024"; the text is normalised to "15/03/2024" when the field loses focus. The calendar
opens with the button, Alt+Down or F4, is driven by the keyboard (arrows, Page Up/Down, Enter,
Esc) and shows month and weekday names in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QRegularExpression, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError

PLACEHOLDER = "dd/mm/yyyy"
MIN_YEAR = 1900
MAX_YEAR = 2100
VIETNAMESE_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

# What the validator lets through while typing: up to 8 bare digits ("15032024"), or day and
# month of one or two digits and a year of up to four, separated by / . or -. Anything it
# accepts may still be an impossible date; parse_date_text() decides that.
_TYPING_PATTERN = r"\d{0,8}|\d{1,2}[/.\-](\d{0,2}([/.\-]\d{0,4})?)?"
_FULL_PATTERN = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_DIGITS_PATTERN = re.compile(r"(\d{2})(\d{2})(\d{4})")


def format_date(value: dt.date) -> str:
    """dd/mm/yyyy, the way Vietnamese forms write dates."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def parse_date_text(
    text: str, field: str = "date", field_label: str | None = None
) -> dt.date | None:
    """Parse what the clerk typed; None for an empty field.

    Raises ``ValidationError(field, message)`` with a Vietnamese message; ``field_label``
    ("Ngày sinh") prefixes the message so it can stand alone in an error summary.
    """
    stripped = text.strip()
    if not stripped:
        return None
    match = _FULL_PATTERN.fullmatch(stripped) or _DIGITS_PATTERN.fullmatch(stripped)
    if match is None:
        raise ValidationError(
            field, _with_label(field_label, f"“{stripped}” chưa đúng dạng dd/mm/yyyy.")
        )
    day, month, year = (int(part) for part in match.groups())
    shown = f"{day:02d}/{month:02d}/{year:04d}"
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            field,
            _with_label(
                field_label, f"Năm {year} không hợp lệ (phải từ {MIN_YEAR} đến {MAX_YEAR})."
            ),
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            field, _with_label(field_label, f"Ngày {shown} không có thật.")
        ) from None


def _with_label(field_label: str | None, message: str) -> str:
    return f"{field_label}: {message}" if field_label else message


class _CalendarPopup(QFrame):
    """The drop-down calendar; a Qt.Popup closes itself on Esc and on clicks outside."""

    date_picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(VIETNAMESE_LOCALE)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumDate(QDate(MIN_YEAR, 1, 1))
        self.calendar.setMaximumDate(QDate(MAX_YEAR, 12, 31))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        # activated = Enter or double click; clicked = single click. Keyboard moves only
        # change the selection, so arrow keys do not pick a date by accident.
        self.calendar.activated.connect(self._on_calendar_activated)
        self.calendar.clicked.connect(self._on_calendar_activated)

    def open_at(self, anchor: QWidget, selected: dt.date) -> None:
        self.calendar.setSelectedDate(QDate(selected.year, selected.month, selected.day))
        self.adjustSize()
        self.move(self._popup_position(anchor))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _popup_position(self, anchor: QWidget) -> QPoint:
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return below
        area = screen.availableGeometry()
        x = min(max(below.x(), area.left()), area.right() - self.width())
        y = below.y()
        if y + self.height() > area.bottom():  # no room below: open above the field
            y = anchor.mapToGlobal(QPoint(0, 0)).y() - self.height()
        return QPoint(x, max(y, area.top()))

    def _on_calendar_activated(self, qdate: QDate) -> None:
        self.close()
        self.date_picked.emit(dt.date(qdate.year(), qdate.month(), qdate.day()))


class DateField(QWidget):
    """An optional date typed as dd/mm/yyyy, with a calendar popup.

    ``date_changed(object)`` carries the new ``datetime.date`` or None whenever the parsed
    value changes (while typing, on set_date, on picking from the calendar); an incomplete or
    impossible date counts as None. ``editing_finished()`` fires when the clerk leaves the
    field or presses Enter; that is the moment to show ``error_text()`` beside it.
    """

    date_changed = Signal(object)
    editing_finished = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        field: str = "date",
        field_label: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._field_label = field_label
        self._last_value: dt.date | None = None

        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText(PLACEHOLDER)
        self.line_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(_TYPING_PATTERN), self.line_edit)
        )
        self.line_edit.setToolTip("Nhập ngày dạng dd/mm/yyyy; Alt+↓ hoặc F4 để mở lịch.")
        width = self.line_edit.fontMetrics().horizontalAdvance("00/00/00000") + 16
        self.line_edit.setMinimumWidth(width)

        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setToolTip("Chọn ngày trên lịch (Alt+↓ hoặc F4)")
        self.calendar_button.setAccessibleName("Mở lịch")
        # Tab goes from date field to the next field, not to this button; the keyboard
        # reaches the calendar through Alt+Down / F4 instead.
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line_edit)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        self._popup: _CalendarPopup | None = None
        self.line_edit.installEventFilter(self)
        self.line_edit.textChanged.connect(self._on_line_edit_text_changed)
        self.line_edit.editingFinished.connect(self._on_line_edit_editing_finished)
        self.calendar_button.clicked.connect(self._on_calendar_button_clicked)

    # -- public API -------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date typed, or None when the field is empty or the text is not a real date."""
        try:
            return self._parse()
        except ValidationError:
            return None

    def set_date(self, value: dt.date | None) -> None:
        self.line_edit.setText("" if value is None else format_date(value))

    def clear(self) -> None:
        self.line_edit.clear()

    def text(self) -> str:
        return self.line_edit.text()

    def is_empty(self) -> bool:
        return not self.line_edit.text().strip()

    def error_text(self) -> str | None:
        """The Vietnamese reason the text is not a date, or None (empty counts as valid)."""
        try:
            self._parse()
        except ValidationError as exc:
            return exc.message
        return None

    def set_read_only(self, read_only: bool) -> None:
        self.line_edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)

    def open_calendar(self) -> None:
        if self.line_edit.isReadOnly():
            return
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.date_picked.connect(self._on_popup_date_picked)
        self._popup.open_at(self.line_edit, self.date() or dt.date.today())

    @property
    def calendar_popup(self) -> QCalendarWidget | None:
        """The popup's calendar once it has been opened (for tests)."""
        return self._popup.calendar if self._popup is not None else None

    # -- internals ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def _parse(self) -> dt.date | None:
        return parse_date_text(self.line_edit.text(), self._field, self._field_label)

    def _on_line_edit_text_changed(self, _text: str) -> None:
        value = self.date()
        if value != self._last_value:
            self._last_value = value
            self.date_changed.emit(value)

    def _on_line_edit_editing_finished(self) -> None:
        value = self.date()
        if value is not None and self.line_edit.text() != format_date(value):
            self.line_edit.setText(format_date(value))  # "1-3-2024" -> "01/03/2024"
        self.editing_finished.emit()

    def _on_calendar_button_clicked(self) -> None:
        self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.open_calendar()

    def _on_popup_date_picked(self, value: dt.date) -> None:
        self.set_date(value)
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editing_finished.emit()
