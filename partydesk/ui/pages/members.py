"""The "Đảng viên" page: the register of Party members, with their status events.

Members are never deleted: "ending" one (chuyển đi, từ trần, xóa tên…) is an event recorded
with "Ghi biến động…", after which the record is hidden unless "Hiện cả bản ghi đã kết thúc"
is ticked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from partydesk.domain.rows import ListQuery, MemberRow
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.member_dialog import MemberDialog
from partydesk.ui.dialogs.member_event_dialog import MemberEventDialog
from partydesk.ui.models.record_table import Column
from partydesk.ui.pages.record_list import RecordListPage, button

COLUMN_WIDTHS = (185, 85, 55, 210, 195, 195, 85, 100)


class MembersPage(RecordListPage):
    title = "Đảng viên"
    noun = "đảng viên"
    add_text = "Thêm đảng viên"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self._services = services
        super().__init__(parent)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    def columns(self) -> Sequence[Column[Any]]:
        return (
            Column[MemberRow]("Họ và tên", lambda r: r.full_name, "name"),
            Column[MemberRow]("Ngày sinh", lambda r: r.birth_date, "birth_date"),
            Column[MemberRow]("Giới tính", lambda r: r.gender.label if r.gender else "", "gender"),
            Column[MemberRow]("Tổ chức đảng", lambda r: r.organisation_name, "organisation"),
            Column[MemberRow]("Doanh nghiệp", lambda r: r.enterprise_name, "enterprise"),
            Column[MemberRow]("Trạng thái", lambda r: r.status_label, "status"),
            Column[MemberRow]("Số thẻ", lambda r: r.card_number, "card_number"),
            Column[MemberRow]("Ngày vào Đảng", lambda r: r.admission_decision_date, "admission"),
        )

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[MemberRow]:
        return self._services.register.member_rows(query, offset, limit)

    def count(self, query: ListQuery) -> int:
        return self._services.register.count_members(query)

    def is_ended(self, row: MemberRow) -> bool:
        return row.status.is_ended

    def open_editor(self, record_id: int | None) -> bool:
        # A page filtered to one organisation presets it for a new member.
        dialog = MemberDialog(
            self._services, record_id, self, organisation_id=self.model.query.organisation_id
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        # Events recorded inside the dialog are saved even when it is closed without saving.
        return accepted or dialog.events_recorded

    def action_buttons(self) -> list[QPushButton]:
        self.event_button = button("Ghi biến động…", self.record_event_for_current)
        self.event_button.setToolTip(
            "Chuyển sinh hoạt, miễn sinh hoạt, công nhận chính thức, từ trần, xóa tên… "
            "của đảng viên đang chọn."
        )
        return [self.event_button]

    def record_event_for_current(self) -> None:
        member_id = self.current_id()
        if member_id is None:
            return
        member = self._services.register.member(member_id)
        dialog = MemberEventDialog(self._services, member, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.after_change()

    def _update_actions(self) -> None:
        self.event_button.setEnabled(self.current_id() is not None)

    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
