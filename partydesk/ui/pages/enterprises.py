"""The "Doanh nghiệp" page: the register of enterprises."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from partydesk.domain.enterprise import EnterpriseStatus
from partydesk.domain.rows import EnterpriseRow, ListQuery
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.enterprise_dialog import EnterpriseDialog
from partydesk.ui.models.record_table import Column
from partydesk.ui.pages.record_list import RecordListPage


class EnterprisesPage(RecordListPage):
    title = "Doanh nghiệp"
    noun = "doanh nghiệp"
    add_text = "Thêm doanh nghiệp"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self._services = services
        super().__init__(parent)
        for column, width in enumerate((320, 110, 230, 140, 90, 300, 80)):
            self.table.setColumnWidth(column, width)

    def columns(self) -> Sequence[Column[Any]]:
        return (
            Column[EnterpriseRow]("Tên doanh nghiệp", lambda r: r.name, "name"),
            Column[EnterpriseRow]("Mã số thuế", lambda r: r.tax_code, "tax_code"),
            Column[EnterpriseRow]("Loại hình", lambda r: r.type.label, "type"),
            Column[EnterpriseRow]("Phường, xã", lambda r: r.ward, "ward"),
            Column[EnterpriseRow]("Lao động", lambda r: r.workforce, "workforce", True),
            Column[EnterpriseRow]("Tổ chức đảng", lambda r: r.organisations, "organisations"),
            Column[EnterpriseRow](
                "Đảng viên", lambda r: r.members_working, "members_working", True
            ),
            Column[EnterpriseRow]("Tình trạng", lambda r: r.status.label, "status"),
        )

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[EnterpriseRow]:
        return self._services.register.enterprise_rows(query, offset, limit)

    def count(self, query: ListQuery) -> int:
        return self._services.register.count_enterprises(query)

    def is_ended(self, row: EnterpriseRow) -> bool:
        return row.status is EnterpriseStatus.DISSOLVED

    def open_editor(self, record_id: int | None) -> bool:
        dialog = EnterpriseDialog(self._services, record_id, self)
        return dialog.exec() == QDialog.DialogCode.Accepted
