"""The "Tổ chức đảng" page: the register of Party organisations and their supervising cadres."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from partydesk.domain.rows import ListQuery, OrganisationRow
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.cadres_dialog import CadresDialog
from partydesk.ui.dialogs.organisation_dialog import OrganisationDialog
from partydesk.ui.models.record_table import Column
from partydesk.ui.pages.record_list import RecordListPage

# Name, kind, parent, enterprises, official, total, secretary, cadre; the end date stretches.
# They add up to what the page gets in the default 1280-pixel main window, so every column
# but the end date (blank unless ended ones are shown) is on screen; cut text has a tooltip.
_COLUMN_WIDTHS = (215, 125, 135, 150, 95, 80, 125, 125)


class OrganisationsPage(RecordListPage):
    title = "Tổ chức đảng"
    noun = "tổ chức đảng"
    add_text = "Thêm tổ chức đảng"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        # Set before the base class builds the buttons and runs the first query through us.
        self._services = services
        super().__init__(parent)
        for column, width in enumerate(_COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)

    def columns(self) -> Sequence[Column[Any]]:
        return (
            Column[OrganisationRow]("Tên tổ chức đảng", lambda r: r.name, "name"),
            Column[OrganisationRow]("Loại", lambda r: r.kind.label, "kind"),
            Column[OrganisationRow]("Cấp trên", lambda r: r.parent_name, "parent"),
            Column[OrganisationRow]("Doanh nghiệp", lambda r: r.enterprises, "enterprises"),
            Column[OrganisationRow](
                "ĐV chính thức", lambda r: r.official_members, "official_members", True
            ),
            Column[OrganisationRow]("Tổng số ĐV", lambda r: r.total_members, "total_members", True),
            Column[OrganisationRow]("Bí thư", lambda r: r.secretary, "secretary"),
            Column[OrganisationRow]("Cán bộ phụ trách", lambda r: r.cadre, "cadre"),
            Column[OrganisationRow]("Ngày kết thúc", lambda r: r.ended_on, "ended_on"),
        )

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[OrganisationRow]:
        return self._services.register.organisation_rows(query, offset, limit)

    def count(self, query: ListQuery) -> int:
        return self._services.register.count_organisations(query)

    def is_ended(self, row: OrganisationRow) -> bool:
        return row.ended_on is not None

    def open_editor(self, record_id: int | None) -> bool:
        dialog = OrganisationDialog(self._services, record_id, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        # Terms and cadre assignments are saved from their own sub-dialogs at once, so the
        # list (bí thư, cán bộ phụ trách) may have changed even when the dialog was closed.
        return accepted or dialog.related_changed

    def action_buttons(self) -> list[QPushButton]:
        self.cadres_button = QPushButton("Cán bộ phụ trách…")
        self.cadres_button.setToolTip("Danh sách cán bộ của cấp ủy được phân công phụ trách")
        self.cadres_button.clicked.connect(self._on_cadres_button_clicked)
        return [self.cadres_button]

    def _on_cadres_button_clicked(self) -> None:
        dialog = CadresDialog(self._services, self)
        dialog.exec()
        if dialog.changed:  # a renamed cadre shows in the "Cán bộ phụ trách" column
            self.after_change()
