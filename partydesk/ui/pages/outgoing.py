"""The outgoing document register page (Văn bản đi): every number PartyDesk has given.

Lines are filtered by year, issuer and kind and searched without accents; a cancelled line stays
in the list, greyed and struck through. From here a number is cancelled (with its reason), the
document behind a line is opened again (``open_source_requested``: the main window reprints or
previews the record, which keeps its number), and the register is exported to Excel. A year's
register is a few hundred lines read in milliseconds, so it is read on the GUI thread; the
export runs in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.documents import DOCUMENT_KINDS
from partydesk.domain.outgoing import OutgoingDocument, OutgoingFilter, parse_source
from partydesk.services.app import AppServices
from partydesk.ui.export import export_file
from partydesk.ui.outgoing.cancel_dialog import CancelNumberDialog
from partydesk.ui.outgoing.register_model import SUMMARY_COLUMN, RegisterModel
from partydesk.ui.widgets.list_table import list_table
from partydesk.ui.widgets.search_box import SearchBox

ALL = ""  # the item data of "every year / issuer / kind"
COLUMN_WIDTHS = (95, 170, 85, 95, 0, 140, 190, 80)  # 0: the summary takes the rest


class OutgoingPage(QWidget):
    """``open_source_requested(SourceRef)`` asks the main window to open a line's document."""

    open_source_requested = Signal(object)
    #: The lines shown changed (tests wait for it).
    refreshed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stale = True
        self.cancel_dialog: CancelNumberDialog | None = None

        self.year = QComboBox()
        self.year.setAccessibleName("Năm")
        self.issuer = QComboBox()
        self.issuer.setAccessibleName("Nơi ban hành")
        self.issuer.setMinimumWidth(220)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Loại văn bản")
        self.kind.addItem("Tất cả loại", ALL)
        for abbreviation, name in sorted(DOCUMENT_KINDS.items(), key=lambda item: item[1]):
            self.kind.addItem(f"{name} ({abbreviation})", abbreviation)
        self.show_cancelled = QCheckBox("Hiện số đã hủy")
        self.show_cancelled.setChecked(True)
        self.search = SearchBox()
        self.count_label = QLabel()

        self.model = RegisterModel(self)
        self.table = list_table(self.model, COLUMN_WIDTHS, stretch=SUMMARY_COLUMN)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.cancel_button = QPushButton("Hủy số…")
        self.cancel_button.setToolTip("Hủy số của văn bản đang chọn; dòng vẫn giữ trong sổ")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.open_button = QPushButton("Mở văn bản")
        self.open_button.setToolTip("Mở lại văn bản đang chọn (giữ nguyên số đã cấp)")
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Lưu sổ văn bản đi đang lọc thành tệp .xlsx")
        self.export_button.clicked.connect(self.export_xlsx)

        filters = QHBoxLayout()
        for label, widget in (
            ("Năm", self.year),
            ("Nơi ban hành", self.issuer),
            ("Loại", self.kind),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.show_cancelled)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Sổ đăng ký văn bản đi</h2>"))
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self._load_choices()
        for combo in (self.year, self.issuer, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self.show_cancelled.toggled.connect(self.refresh)
        self.search.search_changed.connect(self.refresh)
        self._update_buttons()

    # --- what is shown ---------------------------------------------------------------------

    def current_filter(self) -> OutgoingFilter:
        year, issuer, kind = (c.currentData() for c in (self.year, self.issuer, self.kind))
        return OutgoingFilter(
            year=int(year) if year not in (ALL, None) else None,
            issuer_key=issuer or None,
            kind=kind or None,
            search=self.search.search_text(),
            include_cancelled=self.show_cancelled.isChecked(),
        )

    def selected_document(self) -> OutgoingDocument | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.document(rows[0].row()) if rows else None

    def _load_choices(self) -> None:
        """Fill the year and issuer lists, keeping what was chosen (default: this year)."""
        outgoing = self._services.outgoing
        year = self.year.currentData() if self.year.count() else outgoing.today().year
        issuer = self.issuer.currentData()
        for combo in (self.year, self.issuer):
            combo.blockSignals(True)
            combo.clear()
        self.year.addItem("Tất cả các năm", ALL)
        for value in outgoing.years():
            self.year.addItem(str(value), value)
        self.issuer.addItem("Tất cả nơi ban hành", ALL)
        for key, name in outgoing.issuers():
            self.issuer.addItem(name, key)
        for combo, value in ((self.year, year), (self.issuer, issuer)):
            combo.setCurrentIndex(max(combo.findData(value), 0) if value not in (None, ALL) else 0)
            combo.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self._load_choices()
            self.refresh()
        super().showEvent(event)

    def mark_stale(self) -> None:
        """Numbers were taken or cancelled elsewhere: reload now if on screen, else when shown."""
        self._stale = True
        if self.isVisible():
            self._load_choices()
            self.refresh()

    def refresh(self, *_args: object) -> None:
        self._stale = False
        selected = self.selected_document()
        documents = self._services.outgoing.documents(self.current_filter(), newest_first=True)
        self.model.set_documents(documents)
        cancelled = sum(1 for d in documents if d.cancelled)
        self.count_label.setText(
            f"{len(documents)} văn bản" + (f", trong đó {cancelled} số đã hủy" if cancelled else "")
            if documents
            else "Không có văn bản nào phù hợp với bộ lọc."
        )
        if selected is not None:
            row = next((i for i, d in enumerate(documents) if d.id == selected.id), None)
            if row is not None:
                self.table.selectRow(row)
        self._update_buttons()
        self.refreshed.emit()

    def _update_buttons(self, *_args: object) -> None:
        document = self.selected_document()
        live = document is not None and not document.cancelled
        self.cancel_button.setEnabled(live)
        self.open_button.setEnabled(live and parse_source(document.source) is not None)

    # --- actions ---------------------------------------------------------------------------

    def cancel_selected(self) -> None:
        document = self.selected_document()
        if document is None or document.cancelled:
            return
        outgoing = self._services.outgoing
        dialog = CancelNumberDialog(
            document, lambda reason: outgoing.cancel(document.id, reason), self
        )
        dialog.accepted.connect(self.refresh)
        self.cancel_dialog = dialog
        dialog.open()

    def open_selected(self) -> None:
        document = self.selected_document()
        source = parse_source(document.source) if document and not document.cancelled else None
        if source is not None:
            self.open_source_requested.emit(source)

    def export_xlsx(self) -> None:
        query = self.current_filter()
        period = str(query.year) if query.year is not None else "tất cả các năm"
        export_file(
            self,
            "Xuất sổ văn bản đi ra Excel",
            f"Sổ văn bản đi {period}.xlsx",
            "Bảng tính Excel (*.xlsx)",
            self._services.outgoing.write_xlsx,
            query,
            done_message=lambda count, target: (
                f"Đã lưu {count} dòng của sổ văn bản đi vào tệp:\n{target}"
            ),
        )

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.open_selected()
