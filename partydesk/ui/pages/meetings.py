"""The "Sinh hoạt chi bộ" page: every chi bộ meeting, and the documents printed from them.

A meeting is recorded in the meeting editor; this page finds it (by chi bộ, year, or a typed
organisation name), starts new ones (blank or with last month's structure), deletes drafts,
and prints: one biên bản (preview, or DOCX for Word), a chi bộ's minute book, or the blank
template for chi bộ that take minutes by hand. Documents are written in the background and
opened in the print preview.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date
from partydesk.domain.meeting import MeetingState
from partydesk.domain.meeting_rules import rules_on
from partydesk.domain.rows import ListQuery, MeetingRow
from partydesk.services.app import AppServices
from partydesk.store.meetings import MeetingLocked
from partydesk.ui import messages
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.dialogs.minute_book_dialog import MinuteBookDialog, cell_combo, chosen_cell
from partydesk.ui.models.record_table import ROW_ROLE, Column
from partydesk.ui.pages.record_list import RecordListPage, button
from partydesk.ui.preview_task import write_then_preview
from partydesk.ui.tasks import run_with_progress
from partydesk.ui.widgets import DateField, FieldErrorLabel, clear_invalid, mark_invalid
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import INVALID_FIELD_STYLESHEET

ALL = None  # the item data of "every chi bộ" / "every year" in the filters
DURATION_COLUMN = 4
COLUMN_WIDTHS = (86, 212, 196, 60, 108, 84, 140)
SHORT_BACKGROUND = QBrush(QColor("#FFE0B2"))
SHORT_TEXT = QColor("#8A4B00")


def minimum_minutes(row: MeetingRow) -> int | None:
    return rules_on(row.on).minimum_for(row.kind)


def is_short(row: MeetingRow) -> bool:
    minimum = minimum_minutes(row)
    return (
        minimum is not None
        and row.duration_minutes is not None
        and (row.duration_minutes < minimum)
    )


def duration_text(row: MeetingRow) -> str:
    if row.duration_minutes is None:
        return ""
    if is_short(row):
        return f"{row.duration_minutes} (dưới {minimum_minutes(row)})"
    return str(row.duration_minutes)


def state_text(row: MeetingRow) -> str:
    text = "Đang soạn" if row.state is MeetingState.DRAFT else "Đã khóa"
    return f"{text} · {row.addenda} đính chính" if row.addenda else text


def document_stem(row: MeetingRow) -> str:
    return f"Biên bản {row.organisation_name} {row.on.isoformat()}"


class _DurationDelegate(QStyledItemDelegate):
    """Paints a meeting shorter than the rule in force in amber (the text says it too)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        row = index.data(ROW_ROLE)
        if isinstance(row, MeetingRow) and is_short(row):
            option.backgroundBrush = SHORT_BACKGROUND
            option.palette.setColor(QPalette.ColorRole.Text, SHORT_TEXT)
            option.font.setBold(True)


class StartMeetingDialog(QDialog):
    """Which chi bộ, and (for a new meeting) which day: the two facts a new record needs."""

    def __init__(
        self,
        choices: list[tuple[int, str]],
        parent: QWidget | None,
        *,
        title: str,
        accept_text: str,
        organisation_id: int | None,
        on: date | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        self._choices = choices
        self.organisation_id: int | None = None
        self.on: date | None = None
        self.cell = cell_combo(choices, organisation_id)
        self.date: DateField | None = None
        form = QFormLayout()
        form.addRow("Chi bộ", self.cell)
        if on is not None:
            self.date = DateField(field="on", field_label="Ngày họp")
            self.date.set_date(on)
            form.addRow("Ngày họp", self.date)
        self.error = FieldErrorLabel()
        buttons, self.ok_button = ok_cancel_buttons(self, accept_text)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        clear_invalid(self.cell)
        cell = chosen_cell(self.cell, self._choices)
        if cell is None:
            self._fail(self.cell, "Chi bộ: chọn một chi bộ trong danh sách.")
            return
        if self.date is not None:
            clear_invalid(self.date)
            problem = self.date.error_text()
            if problem is None and self.date.date() is None:
                problem = "Ngày họp: chưa nhập ngày."
            if problem:
                self._fail(self.date, problem)
                return
            self.on = self.date.date()
        self.organisation_id = cell[0]
        super().accept()

    def _fail(self, widget: QWidget, message: str) -> None:
        mark_invalid(widget, message)
        self.error.set_error(message)
        widget.setFocus()


class MeetingsPage(RecordListPage):
    title = "Sinh hoạt chi bộ"
    noun = "buổi sinh hoạt"
    add_text = "Thêm buổi sinh hoạt"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self._services = services
        self._select_after: int | None = None
        self.last_preview: pdf_preview.PdfPreviewDialog | None = None
        super().__init__(parent)
        self.show_ended.hide()  # meetings do not end
        self.edit_button.setText("Mở (Enter)")
        self.search_box.setPlaceholderText("Tìm theo tên chi bộ… Ctrl+F")
        self.cell_filter = QComboBox()
        self.cell_filter.setAccessibleName("Lọc theo chi bộ")
        self.cell_filter.setMinimumWidth(240)
        self.year_filter = QComboBox()
        self.year_filter.setAccessibleName("Lọc theo năm")
        # The base class lays out [search, "show ended", stretch, count]; the filters go
        # right after the search box.
        top = self.layout().itemAt(1).layout()
        top.insertWidget(1, QLabel("Chi bộ"))
        top.insertWidget(2, self.cell_filter, 1)
        top.insertWidget(3, QLabel("Năm"))
        top.insertWidget(4, self.year_filter)
        self.setTabOrder(self.search_box, self.cell_filter)
        self.setTabOrder(self.cell_filter, self.year_filter)
        self.setTabOrder(self.year_filter, self.table)
        # The choices are read when the list first loads (refresh), not at start-up.
        self.cell_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.year_filter.currentIndexChanged.connect(self._on_filters_changed)

        self.model.set_query(ListQuery(sort="date", descending=True))
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self._duration_delegate = _DurationDelegate(self.table)
        self.table.setItemDelegateForColumn(DURATION_COLUMN, self._duration_delegate)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_current_draft)
        print_key = QShortcut(QKeySequence.StandardKey.Print, self)
        print_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_key.activated.connect(self.preview_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    # --- list hooks --------------------------------------------------------------------------

    def columns(self) -> Sequence[Column[Any]]:
        return (
            Column[MeetingRow]("Ngày", lambda r: r.on, "date"),
            Column[MeetingRow]("Tổ chức đảng", lambda r: r.organisation_name, "organisation"),
            Column[MeetingRow]("Loại", lambda r: r.kind.label, "kind"),
            Column[MeetingRow]("Tháng", lambda r: f"{r.period_month}/{r.period_year}"),
            Column[MeetingRow]("Thời lượng (phút)", duration_text, None, True),
            Column[MeetingRow]("Có mặt/Tổng", lambda r: f"{r.present}/{r.total}", None, True),
            Column[MeetingRow]("Chủ trì", lambda r: r.chair_name),
            Column[MeetingRow]("Trạng thái", state_text, "state"),
        )

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[MeetingRow]:
        return self._services.meetings.rows(query, offset, limit)

    def count(self, query: ListQuery) -> int:
        return self._services.meetings.count(query)

    def open_editor(self, record_id: int | None) -> bool:
        if record_id is None:
            return self.start_meeting(copy_previous=False)
        # The editor returns the id once anything was saved, approved or amended.
        return self._open_meeting_editor(meeting_id=record_id) is not None

    def action_buttons(self) -> list[QPushButton]:
        self.copy_button = button("Sao chép tháng trước…", self._on_copy_button_clicked)
        self.copy_button.setToolTip(
            "Buổi mới với cấu trúc buổi gần nhất của chi bộ: nội dung, khách mời, chủ trì…"
        )
        self.delete_button = button("Xóa bản nháp", self.delete_current_draft)
        self.delete_button.setToolTip("Xóa buổi sinh hoạt chưa thông qua (Delete)")
        self.preview_button = button("Xem và in biên bản", self.preview_current)
        self.preview_button.setToolTip("Xem trước, in hoặc lưu PDF biên bản đang chọn (Ctrl+P)")
        self.docx_button = button("Xuất DOCX…", self.export_current_docx)
        self.docx_button.setToolTip("Lưu biên bản thành tệp Word để chỉnh sửa")
        self.book_button = button("Sổ biên bản…", self.print_minute_book)
        self.book_button.setToolTip("Sổ ghi biên bản của một chi bộ theo năm hoặc khoảng ngày")
        self.blank_button = button("Mẫu biên bản trắng…", self.print_blank_minutes)
        self.blank_button.setToolTip("Mẫu in sẵn để ghi biên bản bằng tay")
        return [
            self.copy_button,
            self.delete_button,
            self.preview_button,
            self.docx_button,
            self.book_button,
            self.blank_button,
        ]

    def refresh(self) -> None:
        if self.isVisible() or self._loaded:
            self._load_filter_choices()  # a chi bộ or a year may have been added
        super().refresh()

    def after_change(self) -> None:
        super().after_change()
        if self._select_after is not None:
            self.select_id(self._select_after)
            self._select_after = None

    # --- filters -----------------------------------------------------------------------------

    def show_organisation(self, organisation_id: int, year: int | None = None) -> None:
        """Show one chi bộ's meetings (of ``year`` if given): links from the compliance page."""
        self.search_box.clear()
        self.search_box.flush()
        self._load_filter_choices(extra_year=year)
        self._set_combo_data(self.cell_filter, organisation_id)
        self._set_combo_data(self.year_filter, year)
        self._on_filters_changed()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def show_only(self, ids: Sequence[int], caption: str) -> None:
        """The meetings an overview figure counts: the chi bộ and year filters show "all"."""
        self._load_filter_choices()
        for combo in (self.cell_filter, self.year_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        super().show_only(ids, caption)

    def _load_filter_choices(self, extra_year: int | None = None) -> None:
        cell, year = self.cell_filter.currentData(), self.year_filter.currentData()
        for combo in (self.cell_filter, self.year_filter):
            combo.blockSignals(True)
            combo.clear()
        self.cell_filter.addItem("Tất cả chi bộ", ALL)
        for organisation_id, name in self._services.meetings.cell_choices():
            self.cell_filter.addItem(name, organisation_id)
        self.year_filter.addItem("Tất cả các năm", ALL)
        for choice in self._years(extra_year):
            self.year_filter.addItem(str(choice), choice)
        self._set_combo_data(self.cell_filter, cell)
        self._set_combo_data(self.year_filter, year)
        for combo in (self.cell_filter, self.year_filter):
            combo.blockSignals(False)

    def _years(self, extra: int | None) -> list[int]:
        """Every year from the first meeting recorded to this year, newest first."""
        this_year = self._services.meetings.today().year
        meetings = self._services.meetings
        first = meetings.rows(ListQuery(sort="date"), 0, 1)
        last = meetings.rows(ListQuery(sort="date", descending=True), 0, 1)
        low = min([this_year] + [r.period_year for r in first] + ([extra] if extra else []))
        high = max([this_year] + [r.period_year for r in last] + ([extra] if extra else []))
        return list(range(high, low - 1, -1))

    @staticmethod
    def _set_combo_data(combo: QComboBox, value: int | None) -> None:
        index = combo.findData(value) if value is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _on_filters_changed(self, _index: int = 0) -> None:
        self.model.update_query(
            organisation_id=self.cell_filter.currentData(), year=self.year_filter.currentData()
        )
        self._update_actions()

    # --- starting a meeting ------------------------------------------------------------------

    def _open_meeting_editor(self, **kwargs: Any) -> int | None:
        # Imported when used: the editor is a large module the list does not need to start.
        from partydesk.ui.dialogs.meeting_dialog import open_meeting_editor

        return open_meeting_editor(self._services, self, **kwargs)

    def _default_cell(self) -> int | None:
        row = self.current_row()
        chosen = self.cell_filter.currentData()
        return chosen if chosen is not None else (row.organisation_id if row else None)

    def _cell_choices(self) -> list[tuple[int, str]] | None:
        choices = self._services.meetings.cell_choices()
        if not choices:
            messages.show_info(
                self,
                self.title,
                "Chưa có chi bộ nào. Thêm chi bộ ở trang “Tổ chức đảng” trước.",
            )
            return None
        return choices

    def start_meeting(self, copy_previous: bool) -> bool:
        """Ask for the chi bộ and the day, then open the editor on a new meeting."""
        choices = self._cell_choices()
        if choices is None:
            return False
        dialog = StartMeetingDialog(
            choices,
            self,
            title="Sao chép cấu trúc buổi trước" if copy_previous else "Thêm buổi sinh hoạt",
            accept_text="Tiếp tục",
            organisation_id=self._default_cell(),
            on=self._services.meetings.today(),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        assert dialog.organisation_id is not None and dialog.on is not None
        if copy_previous and (
            self._services.meetings.copy_previous(dialog.organisation_id, dialog.on) is None
        ):
            messages.show_info(
                self,
                "Sao chép cấu trúc buổi trước",
                f"{dialog.cell.currentText()} chưa có buổi sinh hoạt nào trước ngày "
                f"{format_vn_date(dialog.on)} để sao chép.",
            )
            return False
        saved = self._open_meeting_editor(
            organisation_id=dialog.organisation_id, on=dialog.on, copy_previous=copy_previous
        )
        self._select_after = saved
        return saved is not None

    def _on_copy_button_clicked(self) -> None:
        if self.start_meeting(copy_previous=True):
            self.after_change()

    # --- deleting ----------------------------------------------------------------------------

    def delete_current_draft(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.state is not MeetingState.DRAFT:
            messages.show_info(
                self,
                "Xóa bản nháp",
                "Biên bản này đã thông qua và khóa nên không xóa được. "
                "Muốn sửa nội dung, mở biên bản và thêm đính chính.",
            )
            return
        question = (
            f"Xóa bản nháp biên bản ngày {format_vn_date(row.on)} của {row.organisation_name}?"
            "\n\nThao tác này không hoàn tác được."
        )
        if not messages.ask_yes_no(self, "Xóa bản nháp", question):
            return
        try:
            self._services.meetings.delete(row.id)
        except MeetingLocked as exc:
            messages.show_warning(self, "Xóa bản nháp", str(exc))
        self.after_change()

    # --- documents ---------------------------------------------------------------------------

    def preview_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        target = pdf_preview.preview_file(document_stem(row))
        self._write_then_preview(
            "Xem và in biên bản",
            self._services.documents.write_minutes,
            (row.id, target),
            target,
            f"Biên bản ngày {format_vn_date(row.on)} – {row.organisation_name}",
        )

    def export_current_docx(self) -> None:
        row = self.current_row()
        if row is None:
            return
        target = pdf_preview.ask_save_path(
            self, "Xuất biên bản ra DOCX", f"{document_stem(row)}.docx", "Tài liệu Word (*.docx)"
        )
        if target is None:
            return
        run_with_progress(
            self,
            "Xuất biên bản ra DOCX",
            self._services.documents.write_minutes,
            row.id,
            target,
            on_success=lambda _pages: messages.show_info(
                self, "Xuất biên bản ra DOCX", f"Đã lưu biên bản vào tệp:\n{target}"
            ),
        )

    def print_minute_book(self) -> None:
        choices = self._cell_choices()
        if choices is None:
            return
        year = self.year_filter.currentData() or self._services.meetings.today().year
        dialog = MinuteBookDialog(choices, year, self, organisation_id=self._default_cell())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        period = f"{format_vn_date(choice.first)} – {format_vn_date(choice.last)}"
        target = pdf_preview.preview_file(f"Sổ biên bản {choice.organisation_name}")
        self._write_then_preview(
            "In sổ biên bản",
            self._services.documents.write_minute_book,
            (choice.organisation_id, choice.first, choice.last, target),
            target,
            f"Sổ biên bản {choice.organisation_name}, quyển {choice.volume} ({period})",
            volume=choice.volume,
        )

    def print_blank_minutes(self) -> None:
        choices = self._cell_choices()
        if choices is None:
            return
        dialog = StartMeetingDialog(
            choices,
            self,
            title="Mẫu biên bản trắng",
            accept_text="Tạo mẫu",
            organisation_id=self._default_cell(),
            on=None,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.organisation_id is None:
            return
        name = dialog.cell.currentText()
        target = pdf_preview.preview_file(f"Mẫu biên bản {name}")
        self._write_then_preview(
            "Mẫu biên bản trắng",
            self._services.documents.write_blank_minutes,
            (dialog.organisation_id, target),
            target,
            f"Mẫu biên bản trắng – {name}",
        )

    def _write_then_preview(
        self,
        operation: str,
        write: Callable[..., int],
        args: tuple[Any, ...],
        target: Path,
        title: str,
        **kwargs: Any,
    ) -> None:
        """Write a PDF in the background, then open it in the preview (kept as last_preview)."""
        write_then_preview(
            self, operation, write, args, target, title, on_shown=self._remember_preview, **kwargs
        )

    def _remember_preview(self, dialog: pdf_preview.PdfPreviewDialog) -> None:
        self.last_preview = dialog

    # --- actions' state and the context menu -------------------------------------------------

    def _update_actions(self) -> None:
        row = self.current_row()
        for widget in (self.edit_button, self.preview_button, self.docx_button):
            widget.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and row.state is MeetingState.DRAFT)

    def _on_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()

    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.setCurrentIndex(index)
        menu = QMenu(self)
        row = self.current_row() if index.isValid() else None
        entries: list[tuple[str, Callable[[], None], bool]] = [
            ("Mở", self.edit_current, row is not None),
            ("Xem và in biên bản", self.preview_current, row is not None),
            ("Xuất DOCX…", self.export_current_docx, row is not None),
            (
                "Xóa bản nháp",
                self.delete_current_draft,
                row is not None and row.state is MeetingState.DRAFT,
            ),
            ("", lambda: None, False),
            ("Thêm buổi sinh hoạt…", self.add_record, True),
            ("Sao chép tháng trước…", self._on_copy_button_clicked, True),
            ("Sổ biên bản…", self.print_minute_book, True),
            ("Mẫu biên bản trắng…", self.print_blank_minutes, True),
        ]
        for text, slot, enabled in entries:
            if not text:
                menu.addSeparator()
                continue
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
        menu.popup(self.table.viewport().mapToGlobal(position))
