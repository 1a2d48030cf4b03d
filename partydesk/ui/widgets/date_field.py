"""A dd/mm/yyyy date entry that may be left empty, with a Vietnamese calendar popup.

QDateEdit always holds some date, but most dates on a Party member's file are optional
("ngày chuyển chính thức" is blank for a probationary member), so ``DateField`` is a line edit
with a parser instead. The clerk can type "15/03/2024", "15-3-2024", "15.03.2024" or
"15032024"; the text is normalised to "15/03/2024" when the field loses focus. Parsing and
the error messages are the domain's (``partydesk.domain.dates.parse_vn_date``), so a form shows
the same message the service layer would raise. The calendar
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
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import MAX_YEAR, MIN_YEAR, format_vn_date, parse_vn_date
from partydesk.domain.errors import ValidationError

PLACEHOLDER = "dd/mm/yyyy"
#: Stands in for a missing field label when calling the domain parser; stripped again from the
#: message so that an unlabelled field says "Ngày 31/02/2024 không có thật.".
DEFAULT_FIELD_LABEL = "Ngày"
VIETNAMESE_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

# What the validator lets through while typing: up to 8 bare digits ("15032024"), or day and
# month of one or two digits and a year of up to four, separated by / . or -. Anything it
# accepts may still be an impossible date; parse_date_text() decides that. Surrounding spaces
# are allowed so that pasting "15/03/2024 " from a spreadsheet is not silently refused.
_TYPING_PATTERN = r" *(\d{0,8}|\d{1,2}[/.\-](\d{0,2}([/.\-]\d{0,4})?)?) *"
_DIGITS_ONLY = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)


def parse_date_text(
    text: str, field: str = "date", field_label: str | None = None
) -> dt.date | None:
    """Read a DateField's text with the domain parser; None for an empty field.

    On top of ``parse_vn_date`` it accepts eight bare digits ("15032024", quick to type on
    the numeric keypad). Raises ``ValidationError(field, message)``; the Vietnamese message
    starts with ``field_label`` ("Ngày sinh: ngày 31/02/2024 không có thật.") when one is
    given, and stands on its own otherwise ("Ngày 31/02/2024 không có thật.").
    """
    typed = text.strip()
    digits = _DIGITS_ONLY.fullmatch(typed)
    if digits is not None:
        typed = "/".join(digits.groups())
    label = field_label or DEFAULT_FIELD_LABEL
    try:
        return parse_vn_date(typed, label, field=field)
    except ValidationError as exc:
        if field_label is not None:
            raise
        raise ValidationError(field, _without_label(exc.message, label)) from None


def _without_label(message: str, label: str) -> str:
    prefix = f"{label}: "
    if not message.startswith(prefix):
        return message
    rest = message[len(prefix) :]
    return rest[:1].upper() + rest[1:]


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
        self.today_button = QPushButton("Hôm nay", self)
        self.today_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(2)
        layout.addWidget(self.calendar)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(2, 0, 2, 2)
        bottom.addStretch(1)
        bottom.addWidget(self.today_button)
        layout.addLayout(bottom)
        # activated = Enter or double click; clicked = single click. Keyboard moves only
        # change the selection, so arrow keys do not pick a date by accident.
        self.calendar.activated.connect(self._on_calendar_activated)
        self.calendar.clicked.connect(self._on_calendar_activated)
        self.today_button.clicked.connect(self._on_today_button_clicked)

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
        self._pick(dt.date(qdate.year(), qdate.month(), qdate.day()))

    def _on_today_button_clicked(self) -> None:
        self._pick(dt.date.today())

    def _pick(self, value: dt.date) -> None:
        self.close()
        self.date_picked.emit(value)


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
        self.calendar_button.setFixedHeight(self.line_edit.sizeHint().height())

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
        self.line_edit.setText("" if value is None else format_vn_date(value))

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
        if value is not None and self.line_edit.text() != format_vn_date(value):
            self.line_edit.setText(format_vn_date(value))  # "1-3-2024" -> "01/03/2024"
        self.editing_finished.emit()

    def _on_calendar_button_clicked(self) -> None:
        self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.open_calendar()

    def _on_popup_date_picked(self, value: dt.date) -> None:
        self.set_date(value)
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editing_finished.emit()
