"""Adding and editing an enterprise of the register (dissolving it is a status with its date)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QListWidget, QWidget

from partydesk.domain.attention import Subject
from partydesk.domain.enterprise import (
    Enterprise,
    EnterpriseStatus,
    EnterpriseType,
    MassOrganisation,
)
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.attention_banner import AttentionBanner
from partydesk.ui.dialogs.record_dialog import RecordDialog

_MASS_ORGANISATIONS = (
    ("trade_union", "Công đoàn cơ sở", "Số đoàn viên công đoàn"),
    ("youth_union", "Đoàn thanh niên", "Số đoàn viên"),
    ("women_union", "Hội phụ nữ", "Số hội viên"),
)


class EnterpriseDialog(RecordDialog):
    def __init__(
        self, services: AppServices, enterprise_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Doanh nghiệp mới" if enterprise_id is None else "Doanh nghiệp", parent)
        self._services = services
        self._original: Enterprise | None = None
        form = self.add_form_tab("Thông tin doanh nghiệp")
        form.section("Định danh")
        form.text("name", "Tên doanh nghiệp", required=True, max_length=300)
        form.text("tax_code", "Mã số thuế", max_length=20, placeholder="10 chữ số, hoặc 10-3")
        form.enum_choice("type", "Loại hình", EnterpriseType)
        # Before this day the enterprise is not on the territory: the overview leaves it out of
        # the counts of earlier days, so last year's figures stay as they were.
        form.date("established_on", "Ngày thành lập")
        form.text("sector", "Ngành nghề")
        form.enum_choice("status", "Tình trạng", EnterpriseStatus)
        form.date("ended_on", "Ngày giải thể")
        form.section("Địa chỉ và lao động")
        form.text("address", "Địa chỉ", max_length=300)
        form.text("ward", "Phường, xã")
        form.integer("workforce", "Số lao động")
        form.date("workforce_counted_on", "Ngày thống kê lao động")
        form.text("legal_representative", "Người đại diện theo pháp luật")
        form.check("owner_is_member", "Chủ doanh nghiệp", "là đảng viên")
        form.section("Tổ chức chính trị - xã hội")
        for key, label, count_label in _MASS_ORGANISATIONS:
            form.check(f"{key}.present", label, "có tổ chức")
            form.integer(f"{key}.members", count_label)
        form.section("Đảng viên đang làm việc tại doanh nghiệp")
        form.integer("party_members_working", "Tổng số (kể cả nơi khác quản lý)")
        form.integer("official_members_working", "Trong đó chính thức")
        form.multiline("notes", "Ghi chú")
        self.form = form

        self.organisations = QListWidget()
        self.add_tab("Tổ chức đảng", self.organisations)
        self.attention = AttentionBanner()
        self.layout().insertWidget(0, self.attention)

        if enterprise_id is not None:
            self._load(enterprise_id)
        self.mark_clean()

    def _load(self, enterprise_id: int) -> None:
        enterprise = self._services.register.enterprise(enterprise_id)
        self._original = enterprise
        self.record_id = enterprise_id
        self.form.load(enterprise)
        for key, _label, _count in _MASS_ORGANISATIONS:
            mass: MassOrganisation = getattr(enterprise, key)
            self.form.set(f"{key}.present", mass.present)
            self.form.set(f"{key}.members", mass.members)
        rows = self._services.register.organisation_rows(
            ListQuery(enterprise_id=enterprise_id, include_ended=True), 0, 100
        )
        self.organisations.addItems([row.name for row in rows] or ["(chưa có tổ chức đảng)"])
        self.attention.show_items(
            self._services.attention.for_subject(Subject.ENTERPRISE, enterprise_id)
        )

    def collect(self) -> Enterprise:
        values = self.form.values()
        mass = {
            key: MassOrganisation(values.pop(f"{key}.present"), values.pop(f"{key}.members"))
            for key, _label, _count in _MASS_ORGANISATIONS
        }
        base = self._original or Enterprise(name="", type=EnterpriseType.PRIVATE)
        return replace(base, **values, **mass)

    def store_record(self, record: Enterprise) -> int:
        return self._services.register.save_enterprise(record)
