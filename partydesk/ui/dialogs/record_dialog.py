"""The frame of the add/edit dialogs: Ctrl+S saves, Esc asks before dropping typed data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.validation import InvalidRecord
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.forms import RecordForm
from partydesk.ui.widgets.field_error import ERROR_COLOR, INVALID_FIELD_STYLESHEET


class RecordDialog(QDialog):
    """A dialog editing one record; subclasses build the forms and say how to save."""

    saved = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        self.record_id: int | None = None
        self._snapshot: dict[str, Any] | None = None
        self.forms: list[RecordForm] = []

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.setVisible(False)
        self.tabs = QTabWidget()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Đóng")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

    def add_form_tab(self, title: str) -> RecordForm:
        page = QWidget()
        layout = QFormLayout(page)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)
        form = RecordForm(layout)
        self.forms.append(form)
        return form

    def add_tab(self, title: str, widget: QWidget) -> None:
        self.tabs.addTab(widget, title)

    # --- subclass hooks --------------------------------------------------------------------

    def collect(self) -> Any:
        """The record as typed; raise ``InvalidRecord`` for values that cannot be read."""
        raise NotImplementedError

    def store_record(self, record: Any) -> int:
        """Validate and save through the service; return the id."""
        raise NotImplementedError

    # --- behaviour -------------------------------------------------------------------------

    def mark_clean(self) -> None:
        """Remember the loaded values so closing without changes asks nothing."""
        self._snapshot = self._current_values()

    def _current_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for index, form in enumerate(self.forms):
            for name in form.names():
                try:
                    values[f"{index}.{name}"] = form.get(name)
                except ValueError:
                    values[f"{index}.{name}"] = object()  # unreadable: certainly changed
        return values

    def is_dirty(self) -> bool:
        return self._snapshot is not None and self._current_values() != self._snapshot

    def _show_errors(self, errors: InvalidRecord) -> None:
        """Messages beside their fields; the banner lists only those no form could place."""
        placed_anywhere: set[str] = set()
        first_tab: int | None = None
        for index, form in enumerate(self.forms):
            unplaced = form.show_errors(errors)
            placed = {e.message for e in errors.errors} - set(unplaced)
            if placed and first_tab is None:
                first_tab = index
            placed_anywhere |= placed
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
            # Each form focused its own first error; the visible tab's must win.
            self.forms[first_tab].focus_first_error()
        elsewhere = [e.message for e in errors.errors if e.message not in placed_anywhere]
        count = len(errors.errors)
        lines = [f"Chưa lưu: {count} mục cần sửa."] + elsewhere
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(True)

    def save(self) -> None:
        for form in self.forms:
            form.clear_errors()
        self.banner.setVisible(False)
        try:
            record = self.collect()
            self.record_id = self.store_record(record)
        except InvalidRecord as errors:
            self._show_errors(errors)
            return
        except StoreError as exc:
            messages.show_error(self, "Không lưu được", str(exc))
            return
        self.mark_clean()
        self.saved.emit(self.record_id)
        self.accept()

    def reject(self) -> None:
        if self.is_dirty() and not messages.ask_yes_no(
            self,
            "Bỏ thay đổi?",
            "Những gì vừa nhập chưa được lưu. Đóng và bỏ các thay đổi này?",
        ):
            return
        super().reject()
