"""The audit log's filters: a search (without accents), who, which kind of record, from/to day.

``filter_changed(AuditFilter)`` fires when any of them changes (the search after a pause in
typing, a date once it is a whole date or cleared).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from partydesk.domain.audit import AuditFilter
from partydesk.ui.widgets.date_field import DateField
from partydesk.ui.widgets.search_box import SearchBox

ALL = ""


class AuditFilterBar(QWidget):
    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox()
        self.search.setPlaceholderText("Tìm thao tác, người, tên bản ghi…")
        self.search.setToolTip(
            "Tìm trong thao tác, người thực hiện, loại và tên bản ghi; không cần gõ dấu"
        )
        self.user = QComboBox()
        self.user.setAccessibleName("Người thực hiện")
        self.user.setMinimumWidth(170)
        self.table = QComboBox()
        self.table.setAccessibleName("Loại bản ghi")
        self.table.setMinimumWidth(170)
        self.since = DateField(field="since", field_label="Từ ngày")
        self.since.setAccessibleName("Từ ngày")
        self.until = DateField(field="until", field_label="Đến ngày")
        self.until.setAccessibleName("Đến ngày")
        self.clear_button = QPushButton("Bỏ lọc")
        self.clear_button.setToolTip("Hiện toàn bộ nhật ký")
        self.set_choices([], [])

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for label, widget in (
            ("Người", self.user),
            ("Bản ghi", self.table),
            ("Từ ngày", self.since),
            ("đến", self.until),
        ):
            layout.addWidget(QLabel(label))
            layout.addWidget(widget)
        layout.addWidget(self.clear_button)

        self.search.search_changed.connect(self._emit)
        self.user.currentIndexChanged.connect(self._emit)
        self.table.currentIndexChanged.connect(self._emit)
        self.since.date_changed.connect(self._emit)
        self.until.date_changed.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)

    def set_choices(self, logins: list[tuple[str, str]], tables: list[tuple[str, str]]) -> None:
        """Fill the lists with (login, name) and (table, label), keeping what was chosen."""
        for combo, everyone, items in (
            (self.user, "Mọi người", [(login, _person(login, name)) for login, name in logins]),
            (self.table, "Mọi loại bản ghi", tables),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, ALL)
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            text=self.search.search_text(),
            user_login=self.user.currentData() or "",
            entity=self.table.currentData() or "",
            since=_iso(self.since.date()),
            until=_iso(self.until.date()),
        )

    def clear(self) -> None:
        for widget in (self.search, self.user, self.table, self.since, self.until):
            widget.blockSignals(True)
        self.search.clear()
        self.search.flush()
        self.user.setCurrentIndex(0)
        self.table.setCurrentIndex(0)
        self.since.clear()
        self.until.clear()
        for widget in (self.search, self.user, self.table, self.since, self.until):
            widget.blockSignals(False)
        self._emit()

    def _emit(self, *_args: object) -> None:
        self.filter_changed.emit(self.current_filter())


def _person(login: str, name: str) -> str:
    return f"{name} ({login})" if name and name != login else login


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""
