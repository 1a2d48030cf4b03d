"""The meeting editor: the minutes form of one chi bộ meeting, laid out like the paper template.

The parts follow the template's order (domain §1.4): general information, the roll and the
membership counts, guests and the people who run the meeting, tasks left from earlier meetings,
the agenda items, and the conclusion, votes, tasks and close. Alt+1 … Alt+7 jump to a part,
Ctrl+S saves, Ctrl+Enter adds a row where the cursor is. Every edit is written as a draft
when typing pauses, and at least every two seconds while it goes on, so a crash or a power cut
loses at most that much; the next opening offers the draft back
(``partydesk.ui.dialogs.meeting_dialog``).

Approved minutes open read-only; the only change they accept is a dated addendum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import Meeting
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.meeting import approve_dialog
from partydesk.ui.meeting.addenda_section import AddendaSection
from partydesk.ui.meeting.addendum_dialog import AddendumDialog
from partydesk.ui.meeting.agenda_section import AgendaSection
from partydesk.ui.meeting.autosave import Autosaver
from partydesk.ui.meeting.decisions_section import DecisionsSection
from partydesk.ui.meeting.earlier_tasks_section import EarlierTasksSection
from partydesk.ui.meeting.header_section import HeaderSection
from partydesk.ui.meeting.people_section import PeopleSection
from partydesk.ui.meeting.roll_section import RollSection
from partydesk.ui.meeting.row_commands import add_row_at, move_row_at, remove_row_at
from partydesk.ui.meeting.rows import MOVE_DOWN_SHORTCUT, MOVE_UP_SHORTCUT, REMOVE_SHORTCUT
from partydesk.ui.meeting.section import Section
from partydesk.ui.meeting.section_index import SectionIndex
from partydesk.ui.meeting.tab_order import apply_visual_tab_order
from partydesk.ui.widgets.field_error import ERROR_COLOR, INVALID_FIELD_STYLESHEET

_T = TypeVar("_T")

LOCKED_COLOR = "#1565c0"


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S")


class MeetingDialog(QDialog):
    """Edits a draft meeting (``meeting.id`` None: a new one) or shows approved minutes.

    ``meeting()`` is the form's current content; ``saved_meeting_id`` is the id once the
    meeting has been saved or approved from this dialog (None until then).
    """

    saved = Signal(int)

    def __init__(self, services: AppServices, meeting: Meeting, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._base = meeting  # what the form does not edit: ids, state, addenda
        self.saved_meeting_id: int | None = None
        self._dirty = False
        self._loading = False
        self._tab_order_queued = False
        self._org_name = services.register.organisation(meeting.organisation_id).name
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        self.setSizeGripEnabled(True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.header = HeaderSection()
        self.roll = RollSection()
        self.people = PeopleSection(services.register.cadres(include_inactive=True))
        self.earlier_tasks = EarlierTasksSection()
        self.agenda = AgendaSection()
        self.decisions = DecisionsSection()
        self.addenda = AddendaSection()
        self.sections: list[Section] = [
            self.header,
            self.roll,
            self.people,
            self.earlier_tasks,
            self.agenda,
            self.decisions,
            self.addenda,
        ]
        self.autosaver = Autosaver(self._write_draft, parent=self)
        self._build()
        self._connect()
        self.load(meeting)
        self.resize(1100, 800)

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title_label.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.index = SectionIndex()
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setSpacing(10)
        for section in self.sections:
            content_layout.addWidget(section)
        content_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = content

        body = QHBoxLayout()
        body.addWidget(self.index)
        body.addWidget(self.scroll, 1)

        self.status_label = QLabel()
        self.status_label.setObjectName("autosaveStatus")
        self.status_label.setStyleSheet("color: palette(dark);")
        self.copy_button = QPushButton("Sao chép &cấu trúc tháng trước")
        self.copy_button.setToolTip(
            "Lấy các nội dung (tên, người trình bày) và đại biểu của buổi sinh hoạt trước."
        )
        self.save_button = QPushButton("&Lưu (Ctrl+S)")
        self.approve_button = QPushButton("&Thông qua và khóa…")
        self.addendum_button = QPushButton("Thêm đính &chính…")
        self.close_button = QPushButton("Đóng")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (
            self.copy_button,
            self.save_button,
            self.approve_button,
            self.addendum_button,
            self.close_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        for section in self.sections:
            section.changed.connect(self._on_section_changed)
            section.structure_changed.connect(self._queue_tab_order)
        self.header.changed.connect(self._update_title)
        self.header.date_changed.connect(self._on_header_date_changed)
        self.header.end_time_changed.connect(self.decisions.set_end_time)
        self.decisions.end_time_changed.connect(self.header.set_end_time)
        self.roll.roll_changed.connect(self._on_roll_changed)
        self.people.changed.connect(self._offer_names)
        self.autosaver.saved.connect(self._on_autosaver_saved)
        self.autosaver.failed.connect(self._on_autosaver_failed)
        self.index.section_chosen.connect(self.go_to_section)
        self.scroll.verticalScrollBar().valueChanged.connect(self.index.follow)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.save_button.clicked.connect(self.save)
        self.approve_button.clicked.connect(self.approve)
        self.addendum_button.clicked.connect(self._on_addendum_button_clicked)
        self.close_button.clicked.connect(self.reject)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        for sequence, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            ("Ctrl+Return", self._add_row_here),
            ("Ctrl+Enter", self._add_row_here),
            (MOVE_UP_SHORTCUT, lambda: self._move_row_here(-1)),
            (MOVE_DOWN_SHORTCUT, lambda: self._move_row_here(1)),
            (REMOVE_SHORTCUT, self._remove_row_here),
        ):
            QShortcut(QKeySequence(sequence), self, activated=slot)

    # --- loading and reading --------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._base.is_locked

    def load(self, meeting: Meeting) -> None:
        """Show ``meeting``; approved minutes are shown read-only."""
        self._loading = True
        try:
            self._base = meeting
            for section in self.sections:
                section.set_read_only(meeting.is_locked)
            for section in self.sections:
                section.load(meeting)
            if not meeting.is_locked:
                self.earlier_tasks.set_tasks(
                    self._services.meetings.open_tasks(
                        meeting.organisation_id, meeting.on, meeting.id
                    )
                )
            self._on_roll_changed()
        finally:
            self._loading = False
        self._dirty = False
        self.autosaver.cancel()
        self.autosaver.enabled = not meeting.is_locked
        self._show_state()
        self._update_title()
        self._apply_tab_order()

    def meeting(self) -> Meeting:
        """The meeting as the form holds it now (valid or not)."""
        meeting = self._base
        for section in self.sections:
            meeting = section.apply(meeting)
        return meeting

    def is_dirty(self) -> bool:
        return self._dirty

    def mark_recovered(self, saved_at: datetime) -> None:
        """The form holds a recovered draft: it differs from what is saved."""
        self._dirty = True
        self.status_label.setText(
            f"Đã khôi phục bản nháp lưu lúc {saved_at:%H:%M} {format_vn_date(saved_at.date())}."
        )

    def _show_state(self) -> None:
        locked = self.is_locked
        self.earlier_tasks.setVisible(not locked)  # open tasks "as of now" mean nothing there
        self.addenda.setVisible(locked)
        self.copy_button.setVisible(not locked and self._base.id is None)
        self.save_button.setVisible(not locked)
        self.approve_button.setVisible(not locked)
        self.addendum_button.setVisible(locked)
        if locked:
            approved_on = format_vn_date(self._base.approved_on)
            text = f"Biên bản đã thông qua ngày {approved_on}; chỉ có thể thêm đính chính."
            if self._base.override_reason:
                text += f"\nThông qua dù còn cảnh báo, lý do: {self._base.override_reason}"
            self._show_banner(text, LOCKED_COLOR)
            self.status_label.setText(self._base.state.label)
        else:
            self.banner.setVisible(False)
        self.index.fill(self.sections)

    def _update_title(self) -> None:
        meeting = self.header.apply(self._base)
        state = " (đã thông qua, đã khóa)" if self.is_locked else ""
        self.setWindowTitle(f"Biên bản sinh hoạt – {self._org_name}")
        self.title_label.setText(
            f"{self._org_name} · Biên bản {meeting.title_line[0].lower()}"
            f"{meeting.title_line[1:]}{state}"
        )

    def _show_banner(self, text: str, color: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"color: {color}; font-weight: bold; border: 1px solid {color};"
            " border-radius: 3px; padding: 6px;"
        )
        self.banner.setVisible(True)

    # --- moving around -------------------------------------------------------------------

    def go_to_section(self, section: Section) -> None:
        self.scroll.verticalScrollBar().setValue(section.y())
        for widget in section.findChildren(QWidget):
            if (
                widget.isVisibleTo(section)
                and widget.isEnabled()
                and (widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                break

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Alt+number and the row shortcuts move the cursor; keep it in view.
        if new is not None and self.content.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 40, 60)

    # --- reacting to edits ----------------------------------------------------------------

    def _on_section_changed(self) -> None:
        if self._loading or self.is_locked:
            return
        self._dirty = True
        self.autosaver.touch()

    def _on_roll_changed(self) -> None:
        roll = self.roll.roll()
        self.people.set_roll(roll)
        self.decisions.set_roll(roll)
        self._offer_names()

    def _offer_names(self) -> None:
        present = [e.full_name for e in self.roll.roll() if e.is_present]
        guests = [g.full_name for g in self.people.guests.values()]
        self.agenda.set_names(present + guests)

    def _on_header_date_changed(self, on: date) -> None:
        if self.is_locked:
            return
        meetings = self._services.meetings
        self.roll.merge_roll(meetings.roll_for(self._base.organisation_id, on))
        self.earlier_tasks.set_tasks(
            meetings.open_tasks(self._base.organisation_id, on, self._base.id)
        )

    def _queue_tab_order(self) -> None:
        if self._loading or self._tab_order_queued:
            return
        self._tab_order_queued = True
        QTimer.singleShot(0, self._apply_tab_order)

    def _apply_tab_order(self) -> None:
        self._tab_order_queued = False
        for button in self.findChildren(QPushButton):
            # Enter in a text field must not press a button of the form.
            button.setAutoDefault(False)
            button.setDefault(False)
        apply_visual_tab_order(self)

    # --- row shortcuts --------------------------------------------------------------------

    def _add_row_here(self) -> None:
        add_row_at(QApplication.focusWidget())

    def _move_row_here(self, delta: int) -> None:
        move_row_at(QApplication.focusWidget(), delta)

    def _remove_row_here(self) -> None:
        remove_row_at(QApplication.focusWidget())

    # --- drafts ---------------------------------------------------------------------------

    def _write_draft(self) -> None:
        self._services.meetings.save_draft(self.meeting())

    def _on_autosaver_saved(self, moment: datetime) -> None:
        self.status_label.setText(f"Đã lưu nháp lúc {_clock(moment)}")

    def _on_autosaver_failed(self, message: str) -> None:
        self.status_label.setText(f"Không lưu được bản nháp: {message}")

    # --- saving and approving -------------------------------------------------------------

    def _clear_errors(self) -> None:
        for section in self.sections:
            section.clear_errors()
        if not self.is_locked:
            self.banner.setVisible(False)

    def _show_errors(self, errors: list[ValidationError]) -> None:
        """Each message under its field; the banner counts them and lists those without one."""
        self._clear_errors()
        unplaced: list[str] = []
        seen: set[tuple[str, str]] = set()
        for error in errors:
            if (error.field, error.message) in seen:
                continue
            seen.add((error.field, error.message))
            placed = [s.show_error(error.field, error.message) for s in self.sections]
            if not any(placed):
                unplaced.append(error.message)
        lines = [f"Chưa lưu: {len(seen)} mục cần sửa (ghi ngay dưới từng ô)."] + unplaced
        self._show_banner("\n".join(lines), ERROR_COLOR)
        for section in self.sections:
            if section.first_error is not None:
                section.focus_first_error()
                break

    def _input_errors(self) -> list[ValidationError]:
        return [error for section in self.sections for error in section.input_errors()]

    def _record_earlier_tasks(self, on: date) -> None:
        meetings = self._services.meetings
        for task_id, done in self.earlier_tasks.changes():
            meetings.set_task_done(task_id, on if done else None)
            self.earlier_tasks.recorded(task_id, done, on)

    def save(self) -> bool:
        """Save the draft meeting (Lưu); True when it was saved."""
        if self.is_locked:
            return False
        if errors := self._input_errors():
            self._show_errors(errors)
            return False
        meeting = self.meeting()
        meeting_id = self._attempt(
            lambda: self._services.meetings.save(meeting), "Không lưu được biên bản"
        )
        if meeting_id is None:
            return False
        self._after_store(meeting_id, meeting.on)
        stored = self._services.meetings.meeting(meeting_id)
        self._base = replace(self._base, id=meeting_id)
        self.decisions.adopt_task_ids(stored.tasks)
        self._clear_errors()
        self.copy_button.setVisible(False)
        self.status_label.setText(f"Đã lưu biên bản lúc {_clock(datetime.now())}")
        return True

    def approve(self) -> bool:
        """Thông qua và khóa: show the warnings, ask a reason if any, lock the minutes."""
        if self.is_locked:
            return False
        if errors := self._input_errors():
            self._show_errors(errors)
            return False
        meeting = self.meeting()
        meetings = self._services.meetings
        warnings = self._attempt(
            lambda: meetings.warnings(meeting), "Không thông qua được biên bản"
        )
        if warnings is None:
            return False
        reason = approve_dialog.ask_approval(self, warnings)
        if reason is None:
            return False
        meeting_id = self._attempt(
            lambda: meetings.approve(meeting, reason), "Không thông qua được biên bản"
        )
        if meeting_id is None:
            return False
        self._after_store(meeting_id, meeting.on)
        self.load(meetings.meeting(meeting_id))
        return True

    def _attempt(self, action: Callable[[], _T], failure_title: str) -> _T | None:
        """Run a service call; bad input is shown beside its fields, a store error in a box."""
        try:
            return action()
        except InvalidRecord as exc:
            self._show_errors(exc.errors)
        except ValidationError as exc:
            self._show_errors([exc])
        except StoreError as exc:
            messages.show_error(self, failure_title, str(exc))
        return None

    def _after_store(self, meeting_id: int, on: date) -> None:
        self.autosaver.cancel()
        self._dirty = False
        self._record_earlier_tasks(on)
        self.saved_meeting_id = meeting_id
        self.saved.emit(meeting_id)

    # --- the fast path and addenda --------------------------------------------------------

    def _on_copy_button_clicked(self) -> None:
        on = self.header.apply(self._base).on
        previous = self._services.meetings.copy_previous(self._base.organisation_id, on)
        if previous is None:
            messages.show_info(
                self,
                "Chưa có buổi trước",
                f"Chi bộ chưa có buổi sinh hoạt nào đến ngày {format_vn_date(on)} để sao chép.",
            )
            return
        current = self.meeting()
        if (current.agenda or current.guests) and not messages.ask_yes_no(
            self,
            "Thay nội dung và đại biểu?",
            "Thay danh sách nội dung và đại biểu đang nhập bằng cấu trúc của buổi trước?",
        ):
            return
        self.agenda.load(replace(current, agenda=previous.agenda))
        self.people.guests.set_values(previous.guests)
        self._offer_names()
        self._on_section_changed()

    def _on_addendum_button_clicked(self) -> None:
        meeting_id = self._base.id
        if meeting_id is None:
            return
        meetings = self._services.meetings
        dialog = AddendumDialog(
            max(date.today(), self._base.on),
            lambda on, text: meetings.add_addendum(meeting_id, text, on),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load(meetings.meeting(meeting_id))
            self.saved_meeting_id = meeting_id
            self.saved.emit(meeting_id)

    # --- closing --------------------------------------------------------------------------

    def reject(self) -> None:
        if self._dirty and not self.is_locked:
            self.autosaver.flush()  # the draft survives whatever the answer
            if not messages.ask_yes_no(
                self,
                "Đóng biên bản?",
                "Những gì vừa nhập chưa được lưu vào biên bản. Bản nháp đã được giữ lại; lần "
                "sau mở biên bản sẽ được đề nghị khôi phục.\n\nĐóng cửa sổ?",
            ):
                return
        self.autosaver.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dirty and not self.is_locked:
            self.autosaver.flush()
        super().closeEvent(event)
