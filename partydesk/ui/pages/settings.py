"""The "Cài đặt" page: which committee this office is, how it prints, who signs, the office's
terms its document numbers run through, the holiday table of the working-day deadlines, and
the rule sets of the annual evaluation."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.settings import CommitteeLevel, OfficeSettings, derive_party_body
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.backup.retention_box import RetentionBox
from partydesk.ui.forms import RecordForm
from partydesk.ui.settings.holidays_box import HolidaysBox
from partydesk.ui.settings.office_terms_box import OfficeTermsBox
from partydesk.ui.settings.rule_sets_box import RuleSetsBox
from partydesk.ui.widgets.field_error import INVALID_FIELD_STYLESHEET


class SettingsPage(QWidget):
    saved = Signal()
    holidays_changed = Signal()  # a holiday year was saved or reset: recompute the deadlines

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setStyleSheet(INVALID_FIELD_STYLESHEET)
        # The form and the boxes below it are taller than a laptop screen: one scroll area.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel("<h2>Cài đặt văn phòng</h2>"))
        intro = QLabel(
            "Tên cấp ủy, ký hiệu và địa danh được in trên mọi văn bản; sửa ở đây khi cấp ủy "
            "thay đổi (ví dụ sau sắp xếp đơn vị hành chính). Cài đặt được lưu trong tệp dữ liệu."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form_box = QWidget()
        form_box.setMaximumWidth(820)  # long lines of a stretched form are hard to read
        form_layout = QFormLayout(form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form_box)
        form = RecordForm(form_layout)
        form.section("Cấp ủy quản lý")
        form.enum_choice("committee_level", "Cấp", CommitteeLevel)
        form.text(
            "committee_full_name",
            "Tên cấp ủy",
            required=True,
            placeholder="Đảng ủy phường An Khánh",
        )
        form.text(
            "committee_header",
            "Tên in trên tiêu đề",
            required=True,
            placeholder="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
        )
        form.text(
            "upper_body_header", "Cấp trên in trên tiêu đề", placeholder="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
        )
        self.party_body = form.text(
            "party_body_header",
            "Đảng bộ in trên văn bản của chi bộ",
        )
        form.widget("committee_header").textChanged.connect(self._on_committee_header_changed)
        form.text("abbreviation", "Ký hiệu", required=True, max_length=12, placeholder="ĐU")
        form.text("locality", "Địa danh", required=True, placeholder="An Khánh")
        form.section("Người ký mặc định")
        form.text("signer_authority", "Thẩm quyền ký", placeholder="T/M BAN THƯỜNG VỤ")
        form.text("signer_title", "Chức vụ", placeholder="BÍ THƯ")
        form.text("signer_name", "Họ và tên")
        self.form = form
        self.save_button = QPushButton("Lưu cài đặt (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.office_terms_box = OfficeTermsBox(services.outgoing)
        self.office_terms_box.setMaximumWidth(820)
        layout.addWidget(self.office_terms_box)
        self.holidays_box = HolidaysBox(services.holidays)
        self.holidays_box.setMaximumWidth(820)
        self.holidays_box.changed.connect(self.holidays_changed)
        layout.addWidget(self.holidays_box)
        self.rule_sets_box = RuleSetsBox(services.evaluation.rule_sets)
        self.rule_sets_box.setMaximumWidth(820)
        layout.addWidget(self.rule_sets_box)
        self.retention_box = RetentionBox(services.backups)
        self.retention_box.setMaximumWidth(820)
        layout.addWidget(self.retention_box)
        layout.addStretch(1)
        self.reload()

    def _on_committee_header_changed(self, text: str) -> None:
        derived = derive_party_body(text)
        self.party_body.setPlaceholderText(f"để trống: {derived}" if derived else "")

    def reload(self) -> None:
        self.form.clear_errors()
        self.form.load(self._services.office.settings())
        self.office_terms_box.reload()

    def save(self) -> None:
        try:
            values = self.form.values()
            names = {f.name for f in fields(OfficeSettings)}
            settings = replace(
                self._services.office.settings(), **{k: v for k, v in values.items() if k in names}
            )
            self.form.load(self._services.office.save(settings))
        except InvalidRecord as errors:
            self.form.show_errors(errors)
            return
        self.form.clear_errors()
        messages.show_info(self, "Cài đặt", "Đã lưu cài đặt văn phòng.")
        self.saved.emit()
