"""The office's own committee terms, which restart the numbering of its documents.

HD 36 numbers a committee's documents from 01 per kind through one term (domain.md §3.3); the
office's numbers run through the term in force on the document's date, so a new term entered
here restarts them at 01. A term some numbered document already belongs to cannot be deleted.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.outgoing import OfficeTerm
from partydesk.services.outgoing import OutgoingService
from partydesk.ui import messages
from partydesk.ui.widgets.date_field import DateField
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons
from partydesk.ui.widgets.field_error import (
    INVALID_FIELD_STYLESHEET,
    FieldErrorLabel,
    attach_error_label,
    clear_invalid,
    mark_invalid,
)
from partydesk.ui.widgets.wrapped_label import WrappedLabel

TITLE = "Nhiệm kỳ của cấp ủy (đánh số văn bản)"
EXPLANATION = (
    "Văn bản của cấp ủy được đánh số từ 01 theo từng loại, liên tục trong một nhiệm kỳ. "
    "Nhập ngày bắt đầu mỗi nhiệm kỳ để số văn bản bắt đầu lại từ 01 khi sang nhiệm kỳ mới."
)


class OfficeTermDialog(QDialog):
    """Add or edit one term; errors show beside their field and the dialog stays open."""

    def __init__(
        self, outgoing: OutgoingService, term: OfficeTerm | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._outgoing = outgoing
        self._term_id = term.id if term else None
        self.setWindowTitle("Sửa nhiệm kỳ" if term else "Thêm nhiệm kỳ")
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        self.label_edit = QLineEdit(term.label if term else "")
        self.label_edit.setPlaceholderText("Nhiệm kỳ 2025–2030")
        self.starts_on = DateField(field="starts_on", field_label="Ngày bắt đầu")
        self.starts_on.set_date(term.starts_on if term else None)
        self.notes_edit = QPlainTextEdit(term.notes if term else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 12)
        form = QFormLayout()
        form.addRow("&Tên nhiệm kỳ:", self.label_edit)
        form.addRow("&Ngày bắt đầu:", self.starts_on)
        form.addRow("Ghi &chú:", self.notes_edit)
        self.errors: dict[str, tuple[QWidget, FieldErrorLabel]] = {
            name: (widget, attach_error_label(form, widget))
            for name, widget in (
                ("label", self.label_edit),
                ("starts_on", self.starts_on),
                ("notes", self.notes_edit),
            )
        }
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.buttons, self.ok_button = ok_cancel_buttons(self, "Lưu", self._on_ok_clicked)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def error_of(self, field: str) -> str | None:
        return self.errors[field][1].error()

    def _show_error(self, field: str, message: str) -> None:
        widget, label = self.errors.get(field, self.errors["label"])
        label.set_error(message)
        mark_invalid(widget, message)
        widget.setFocus()

    def _on_ok_clicked(self) -> None:
        for widget, label in self.errors.values():
            label.clear_error()
            clear_invalid(widget)
        date_error = self.starts_on.error_text()
        starts_on: date | None = self.starts_on.date()
        if date_error or starts_on is None:
            self._show_error("starts_on", date_error or "Ngày bắt đầu: chưa nhập.")
            return
        term = OfficeTerm(
            label=self.label_edit.text(),
            starts_on=starts_on,
            notes=self.notes_edit.toPlainText(),
            id=self._term_id,
        )
        try:
            self._outgoing.save_office_term(term)
        except ValidationError as exc:
            self._show_error(exc.field, exc.message)
            return
        self.accept()


class OfficeTermsBox(QGroupBox):
    """The list of the office's terms with Thêm / Sửa / Xóa, for the settings page."""

    def __init__(self, outgoing: OutgoingService, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self._outgoing = outgoing
        self.terms: list[OfficeTerm] = []
        self.dialog: OfficeTermDialog | None = None
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Nhiệm kỳ", "Từ ngày", "Ghi chú"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 100)
        self.table.setMaximumHeight(150)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(self.edit_selected)
        self.add_button = QPushButton("Thêm…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Sửa…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(EXPLANATION))
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.terms = self._outgoing.office_terms()
        self.table.setRowCount(len(self.terms))
        for row, term in enumerate(self.terms):
            for column, text in enumerate(
                (term.label, format_vn_date(term.starts_on), " ".join(term.notes.split()))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def selected_term(self) -> OfficeTerm | None:
        rows = self.table.selectionModel().selectedRows()
        return self.terms[rows[0].row()] if rows else None

    def add(self) -> None:
        self._open_dialog(None)

    def edit_selected(self, *_args: object) -> None:
        term = self.selected_term()
        if term is not None:
            self._open_dialog(term)

    def delete_selected(self) -> None:
        term = self.selected_term()
        if term is None or term.id is None:
            return
        question = f"Xóa “{term.label}” (từ ngày {format_vn_date(term.starts_on)})?"
        if not messages.ask_yes_no(self, "Xóa nhiệm kỳ", question):
            return
        try:
            self._outgoing.delete_office_term(term.id)
        except ValidationError as exc:
            messages.show_error(self, "Xóa nhiệm kỳ", exc.message)
            return
        self.reload()

    def _open_dialog(self, term: OfficeTerm | None) -> None:
        self.dialog = OfficeTermDialog(self._outgoing, term, self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    def _update_buttons(self) -> None:
        chosen = self.selected_term() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
