"""The committee's own cadres who can be put in charge of organisations (cán bộ phụ trách).

``CadresDialog`` lists them (those no longer working greyed out) and opens ``CadreDialog`` to
add or edit one. Cadres are never deleted: past assignments keep pointing at them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.identifiers import validate_phone
from partydesk.domain.organisation import Cadre
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.record_dialog import RecordDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_INACTIVE_BRUSH = QBrush(QColor("#8a8a8a"))


def read_only_table(headers: Sequence[str]) -> QTableWidget:
    """A small list of whole-row records: select one row, open it with Enter or double click."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    # Tab should leave the table for the buttons, not walk its cells.
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill_row(
    table: QTableWidget, row: int, texts: Sequence[str], record_id: object, grey: bool = False
) -> None:
    """Write one row; the record's id rides on the first cell."""
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if grey:
            item.setForeground(_INACTIVE_BRUSH)
        if column == 0:
            item.setData(ID_ROLE, record_id)
        table.setItem(row, column, item)


def selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class CadreDialog(RecordDialog):
    """Add or edit one cadre: name, title, phone and whether he or she still works here."""

    def __init__(
        self, services: AppServices, cadre: Cadre | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Cán bộ phụ trách mới" if cadre is None else "Cán bộ phụ trách", parent)
        self._services = services
        self._original = cadre
        # One form: no tab bar above it.
        self.tabs.setTabBarAutoHide(True)
        form = self.add_form_tab("Cán bộ")
        form.text("full_name", "Họ và tên", required=True, max_length=120)
        form.text("title", "Chức vụ", placeholder="Ví dụ: Ủy viên Ban Thường vụ")
        form.text("phone", "Điện thoại", max_length=30)
        form.check("active", "Tình trạng", "đang công tác, có thể phân công phụ trách")
        self.form = form
        if cadre is None:
            form.set("active", True)
        else:
            self.record_id = cadre.id
            form.load(cadre)
        self.resize(520, 280)
        self.mark_clean()

    def collect(self) -> Cadre:
        values = self.form.values()
        # The service cleans the name and title but not the phone; normalise it the way the
        # member and enterprise records do, so "0912.345.678" and "0912345678" are one number.
        try:
            values["phone"] = validate_phone(values["phone"], field="phone") or ""
        except ValidationError as exc:
            raise InvalidRecord([exc]) from None
        return replace(self._original or Cadre(full_name=""), **values)

    def store_record(self, record: Cadre) -> int:
        return self._services.register.save_cadre(record)


class CadresDialog(QDialog):
    """Every cadre of the committee, with add and edit; ``changed`` says whether one was saved."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cán bộ phụ trách")
        self._services = services
        self.changed = False

        self.table = read_only_table(["Họ và tên", "Chức vụ", "Điện thoại", "Tình trạng"])
        self.table.activated.connect(self._on_table_activated)
        self.add_button = QPushButton("&Thêm cán bộ…")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button = QPushButton("&Sửa…")
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        self.buttons.rejected.connect(self.reject)

        hint = QLabel(
            "Cán bộ của cấp ủy được phân công phụ trách tổ chức đảng (Chỉ thị 33). "
            "Cán bộ thôi công tác thì bỏ đánh dấu “đang công tác”; lịch sử phân công vẫn giữ."
        )
        hint.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.resize(700, 420)
        self.reload()
        for column, width in enumerate((220, 220, 120)):
            self.table.setColumnWidth(column, width)

    def reload(self, select_id: int | None = None) -> None:
        cadres = self._services.register.cadres(include_inactive=True)
        self.table.setRowCount(len(cadres))
        for row, cadre in enumerate(cadres):
            status = "Đang công tác" if cadre.active else "Thôi công tác"
            texts = [cadre.full_name, cadre.title, cadre.phone, status]
            fill_row(self.table, row, texts, cadre.id, grey=not cadre.active)
            if cadre.id == select_id:
                self.table.selectRow(row)
        self.edit_button.setEnabled(bool(cadres))

    def current_cadre(self) -> Cadre | None:
        row = selected_row(self.table)
        if row is None:
            return None
        cadre_id = self.table.item(row, 0).data(ID_ROLE)
        cadres = self._services.register.cadres(include_inactive=True)
        return next((c for c in cadres if c.id == cadre_id), None)

    def _edit(self, cadre: Cadre | None) -> None:
        dialog = CadreDialog(self._services, cadre, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.reload(dialog.record_id)

    def _on_add_button_clicked(self) -> None:
        self._edit(None)

    def _on_edit_button_clicked(self) -> None:
        cadre = self.current_cadre()
        if cadre is not None:
            self._edit(cadre)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self._on_edit_button_clicked()
