"""Adding and editing a Party member's record, laid out like the paper lý lịch and phiếu đảng viên.

Four tabs: "Lý lịch" (identity), "Công tác" (where the member works), "Đảng" (admission,
standing, activity status, with the derived dates beside them) and "Biến động" (the history of
status events). Once a member is saved, the activity status only changes through a recorded
event, so the history and the status can never disagree; nothing is ever deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.attention import Subject
from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.identifiers import cccd_consistency_warnings
from partydesk.domain.member import (
    EVENTS_WITH_UNTIL,
    Gender,
    Member,
    MemberEvent,
    MemberStatus,
    Standing,
)
from partydesk.domain.validation import MEMBER_LABELS, InvalidRecord
from partydesk.services.app import AppServices
from partydesk.ui.dialogs.attention_banner import AttentionBanner
from partydesk.ui.dialogs.member_event_dialog import (
    MemberEventDialog,
    pack_to_top,
    wrapped_label,
)
from partydesk.ui.dialogs.record_dialog import RecordDialog
from partydesk.ui.evaluation.history_tab import EvaluationHistoryTab
from partydesk.ui.forms import RecordForm

# A new record is either a member of one of our organisations, a member here on sinh hoạt tạm
# thời, or an exempted one; every other status is reached through an event.
NEW_MEMBER_STATUSES = (MemberStatus.ACTIVE, MemberStatus.TEMP_GUEST, MemberStatus.EXEMPT)
# Statuses that run until a date (the end of the exemption or of the temporary activity).
STATUSES_WITH_UNTIL = frozenset(
    {MemberStatus.EXEMPT, MemberStatus.TEMP_AWAY, MemberStatus.TEMP_GUEST}
)
NO_ENTERPRISE_LABEL = "— không làm việc tại doanh nghiệp trong danh sách —"
NO_ORGANISATION_LABEL = "— chọn tổ chức đảng —"
WARNING_COLOR = "#b35c00"
HINT_STYLE = "color: #666;"
EVENT_HEADERS = ("Ngày", "Biến động", "Số quyết định", "Tổ chức liên quan", "Đến ngày", "Ghi chú")


def _choice_items(
    current: Sequence[tuple[int, str]], everything: Sequence[tuple[int, str]], keep: int | None
) -> list[tuple[str, int]]:
    """(text, id) items of the current choices, plus the record's own value if it has ended.

    A member of a dissolved chi bộ must still show (and keep) that chi bộ when opened.
    """
    items = [(name, record_id) for record_id, name in current]
    if keep is not None and all(record_id != keep for _name, record_id in items):
        items += [(name, record_id) for record_id, name in everything if record_id == keep]
    return items


def _hint(text: str) -> QLabel:
    return wrapped_label(text, HINT_STYLE)


class DerivedDatesBox(QGroupBox):
    """The read-only "Ngày tính toán" box beside the Party tab's fields."""

    ROWS = (
        ("probation_ends", "Hết thời gian dự bị"),
        ("official_deadline", "Hạn xét công nhận chính thức (30 ngày làm việc)"),
        ("party_age", "Tuổi đảng"),
        ("next_badge", "Mốc Huy hiệu Đảng tiếp theo"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Ngày tính toán", parent)
        layout = QVBoxLayout(self)
        self.values: dict[str, QLabel] = {}
        for key, caption in self.ROWS:
            caption_label = QLabel(caption)
            caption_label.setWordWrap(True)
            caption_label.setStyleSheet(HINT_STYLE)
            value = QLabel("—")
            value.setWordWrap(True)
            value.setObjectName(key)
            value.setStyleSheet("font-weight: bold;")
            # Clerks copy these dates into minutes and reports.
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(caption_label)
            layout.addWidget(value)
            layout.addSpacing(6)
            self.values[key] = value
        layout.addWidget(
            _hint("Tính từ các ngày bên trái, theo Điều lệ Đảng; cập nhật ngay khi nhập ngày.")
        )
        layout.addStretch(1)
        self.setFixedWidth(250)

    def show_member(self, services: AppServices, member: Member) -> None:
        dates = services.register.member_dates(member)
        official = member.standing is Standing.OFFICIAL
        if dates.probation_ends is None:
            probation = "— (chưa nhập ngày lễ kết nạp)"
        else:
            probation = format_vn_date(dates.probation_ends)
        if dates.official_deadline is not None:
            deadline = format_vn_date(dates.official_deadline)
        else:
            deadline = "— (đã là đảng viên chính thức)" if official else "—"
        if member.admission_decision_date is None:
            age = "— (chưa nhập ngày quyết định kết nạp)"
        elif not official:
            since = format_vn_date(member.admission_decision_date)
            age = f"chưa tính (đảng viên dự bị); khi chính thức, tính từ {since}"
        else:
            since = format_vn_date(member.admission_decision_date)
            age = f"{dates.party_age} năm (tính từ {since})"
        if dates.next_badge is not None:
            years, on = dates.next_badge
            badge = f"{years} năm, ngày {format_vn_date(on)}"
        else:
            badge = "—"
        for key, text in (
            ("probation_ends", probation),
            ("official_deadline", deadline),
            ("party_age", age),
            ("next_badge", badge),
        ):
            self.values[key].setText(text)

    def text(self, key: str) -> str:
        return self.values[key].text()


class MemberDialog(RecordDialog):
    def __init__(
        self,
        services: AppServices,
        member_id: int | None,
        parent: QWidget | None = None,
        organisation_id: int | None = None,
    ) -> None:
        super().__init__("Đảng viên mới" if member_id is None else "Đảng viên", parent)
        self._services = services
        self._original: Member | None = None
        self._new_base = Member(full_name="", organisation_id=organisation_id)
        # Events are saved at once, even if the dialog is then closed without saving.
        self.events_recorded = False
        self._organisation_names = dict(services.register.organisation_choices(include_ended=True))
        original = services.register.member(member_id) if member_id is not None else None

        self.attention = AttentionBanner()
        self.layout().insertWidget(0, self.attention)
        # Form order = tab order of self.tabs: RecordDialog opens the tab of the first error
        # by the form's index.
        self.personal = self._build_personal_tab()
        self.work = self._build_work_tab(original)
        self.party = self._build_party_tab(original)
        self._build_events_tab()
        if member_id is not None:
            self.evaluation_history = EvaluationHistoryTab(services)
            self.evaluation_history.show_member(member_id)
            self.add_tab("Đánh giá, xếp loại", self.evaluation_history)

        if original is None:
            self._load(self._new_base)
        else:
            self._original = original
            self.record_id = member_id
            self._load(original)
        self.resize(980, 700)
        self.mark_clean()
        self.personal.widget("full_name").setFocus()

    # --- building --------------------------------------------------------------------------

    def _build_personal_tab(self) -> RecordForm:
        form = self.add_form_tab("Lý lịch")
        form.section("Họ tên và nhân thân")
        form.text("full_name", MEMBER_LABELS["full_name"], required=True, max_length=100)
        form.text(
            "birth_name",
            MEMBER_LABELS["birth_name"],
            max_length=100,
            placeholder="nếu khác họ và tên đang dùng",
        )
        self.birth_date_field = form.date("birth_date", "Ngày sinh")
        self.gender_combo = form.enum_choice("gender", "Giới tính", Gender, none_label="—")
        form.text("ethnicity", MEMBER_LABELS["ethnicity"], max_length=50)
        form.text("religion", MEMBER_LABELS["religion"], max_length=50)
        self.cccd_edit = form.text(
            "cccd", MEMBER_LABELS["cccd"], max_length=20, placeholder="12 chữ số"
        )
        # The CCCD encodes birth year and gender; a mismatch is only a warning because the
        # typed birth date is as likely to be wrong as the number.
        self.cccd_warning = wrapped_label(style=f"color: {WARNING_COLOR};")
        self.cccd_warning.setObjectName("cccdWarning")
        form.layout.addRow("", self.cccd_warning)
        form.layout.setRowVisible(self.cccd_warning, False)
        form.section("Quê quán, nơi ở, liên hệ")
        form.text("hometown", MEMBER_LABELS["hometown"], max_length=300)
        form.text("residence", MEMBER_LABELS["residence"], max_length=300)
        form.text("phone", MEMBER_LABELS["phone"], max_length=20, placeholder="ví dụ 0912 345 678")
        form.text("email", MEMBER_LABELS["email"], max_length=100)
        form.section("Trình độ và nghề nghiệp")
        form.text("education", MEMBER_LABELS["education"], max_length=50, placeholder="ví dụ 12/12")
        form.text(
            "expertise",
            MEMBER_LABELS["expertise"],
            max_length=200,
            placeholder="ví dụ Cử nhân Kế toán",
        )
        form.text(
            "political_theory",
            MEMBER_LABELS["political_theory"],
            max_length=50,
            placeholder="Sơ cấp, Trung cấp, Cao cấp…",
        )
        form.text("occupation_before", MEMBER_LABELS["occupation_before"], max_length=200)
        pack_to_top(form)

        self.cccd_edit.textChanged.connect(self._on_cccd_edit_text_changed)
        self.birth_date_field.date_changed.connect(self._on_birth_date_field_date_changed)
        self.gender_combo.currentIndexChanged.connect(self._on_gender_combo_current_index_changed)
        return form

    def _build_work_tab(self, original: Member | None) -> RecordForm:
        register = self._services.register
        form = self.add_form_tab("Công tác")
        form.section("Nơi làm việc")
        enterprise = form.choice(
            "enterprise_id",
            "Doanh nghiệp",
            _choice_items(
                register.enterprise_choices(),
                register.enterprise_choices(include_ended=True),
                original.enterprise_id if original else None,
            ),
            none_label=NO_ENTERPRISE_LABEL,
            searchable=True,
        )
        # Long enterprise names: the picker takes the row's width, like the text fields.
        enterprise.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.text("job_title", MEMBER_LABELS["job_title"], max_length=200)
        form.check("is_owner", "Chủ doanh nghiệp", "là chủ doanh nghiệp (chủ sở hữu)")
        form.check("is_manager", "Quản lý", "giữ chức vụ quản lý doanh nghiệp")
        political = form.check(
            "in_political_system", "Hệ thống chính trị", "làm việc trong hệ thống chính trị"
        )
        political.setToolTip(
            "Đánh dấu nếu đảng viên là cán bộ, công chức, viên chức trong cơ quan Đảng, Nhà "
            "nước, Mặt trận, đoàn thể.\nNgười lao động ở doanh nghiệp thường không đánh dấu: "
            "họ kiểm điểm cuối năm theo Mẫu 2C\n(đảng viên không làm việc trong hệ thống chính "
            "trị)."
        )
        form.layout.addRow(
            "", _hint("Quyết định mẫu bản kiểm điểm cuối năm: không đánh dấu là Mẫu 2C.")
        )
        pack_to_top(form)
        return form

    def _build_party_tab(self, original: Member | None) -> RecordForm:
        register = self._services.register
        form = self.add_form_tab("Đảng")
        form.section("Tổ chức và hồ sơ")
        keep = original.organisation_id if original else self._new_base.organisation_id
        organisation = form.choice(
            "organisation_id",
            "Tổ chức đảng sinh hoạt",
            _choice_items(
                register.organisation_choices(),
                register.organisation_choices(include_ended=True),
                keep,
            ),
            required=True,
            none_label=NO_ORGANISATION_LABEL,
            searchable=True,
        )
        organisation.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.text("card_number", MEMBER_LABELS["card_number"], max_length=25)
        form.text(
            "dossier_number",
            MEMBER_LABELS["dossier_number"],
            max_length=25,
            placeholder="giữ nguyên các số 0 ở đầu",
        )
        form.section("Kết nạp")
        self.admission_field = form.date("admission_decision_date", "Ngày quyết định kết nạp")
        self.admission_field.setToolTip("Tuổi đảng tính từ ngày ghi trong quyết định kết nạp.")
        form.text("admission_decision_number", MEMBER_LABELS["admission_decision_number"])
        self.ceremony_field = form.date("ceremony_date", "Ngày lễ kết nạp")
        self.ceremony_field.setToolTip("Thời gian dự bị 12 tháng tính từ ngày lễ kết nạp.")
        form.section("Chính thức")
        self.standing_combo = form.enum_choice("standing", "Dự bị / chính thức", Standing)
        form.date("official_date", "Ngày chính thức")
        form.text("official_decision_number", MEMBER_LABELS["official_decision_number"])
        form.section("Tình trạng sinh hoạt")
        statuses = NEW_MEMBER_STATUSES if original is None else tuple(MemberStatus)
        self.status_combo = form.choice(
            "status", "Tình trạng", [(status.label, status) for status in statuses]
        )
        if original is not None:
            self.status_combo.setEnabled(False)
            self.status_combo.setToolTip("Tình trạng chỉ đổi qua Ghi biến động (tab Biến động).")
            form.layout.addRow("", _hint("Đổi qua Ghi biến động (tab “Biến động”)."))
        self.until_field = form.date("status_until", "Đến ngày")
        self.until_field.setToolTip("Hạn miễn sinh hoạt hoặc sinh hoạt tạm thời.")
        form.multiline("notes", MEMBER_LABELS["notes"])
        pack_to_top(form)

        # The derived dates sit beside the fields they come from, inside the same scroll area.
        scroll = self.tabs.widget(self.tabs.count() - 1)
        assert isinstance(scroll, QScrollArea)
        fields_page = scroll.takeWidget()
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(fields_page, 1)
        self.derived = DerivedDatesBox()
        row.addWidget(self.derived, 0, Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(page)

        self.admission_field.date_changed.connect(self._on_admission_field_date_changed)
        self.ceremony_field.date_changed.connect(self._on_ceremony_field_date_changed)
        self.standing_combo.currentIndexChanged.connect(
            self._on_standing_combo_current_index_changed
        )
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_current_index_changed)
        return form

    def _build_events_tab(self) -> None:
        self.events_table = QTableWidget(0, len(EVENT_HEADERS))
        self.events_table.setHorizontalHeaderLabels(EVENT_HEADERS)
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_table.setAlternatingRowColors(True)
        self.events_table.setTabKeyNavigation(False)
        self.events_table.verticalHeader().setVisible(False)
        header = self.events_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 210, 120, 200, 90)):
            self.events_table.setColumnWidth(column, width)
        self.event_button = QPushButton("Ghi biến động…")
        self.event_button.clicked.connect(self._on_event_button_clicked)
        self.events_hint = _hint(
            "Chuyển đi, từ trần, xóa tên, khai trừ, xin ra khỏi Đảng… đều ghi ở đây; "
            "hồ sơ không bị xóa."
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.event_button)
        buttons.addWidget(self.events_hint, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.events_table, 1)
        layout.addLayout(buttons)
        self.add_tab("Biến động", page)

    # --- loading ---------------------------------------------------------------------------

    def _load(self, member: Member) -> None:
        for form in self.forms:
            form.load(member)
        if member.id is not None:
            self.setWindowTitle(f"Đảng viên: {member.full_name}")
            self.attention.show_items(
                self._services.attention.for_subject(Subject.MEMBER, member.id)
            )
        self._reload_events()
        self._update_cccd_warning()
        self._update_status_fields()
        self._update_derived()

    def _reload_events(self) -> None:
        member_id = self._original.id if self._original else None
        events = self._services.register.member_events(member_id) if member_id else []
        self.events_table.setRowCount(len(events))
        for row, event in enumerate(events):
            for column, text in enumerate(self._event_cells(event)):
                self.events_table.setItem(row, column, QTableWidgetItem(text))
        self.event_button.setEnabled(member_id is not None)
        if member_id is None:
            self.events_hint.setText("Lưu hồ sơ đảng viên trước, rồi mới ghi biến động.")

    def _event_cells(self, event: MemberEvent) -> tuple[str, ...]:
        other = event.other_organisation
        if event.to_organisation_id is not None:
            inside = self._organisation_names.get(event.to_organisation_id, "")
            other = f"{other} → {inside}" if other else inside
        return (
            format_vn_date(event.on),
            event.kind.label,
            event.decision_number,
            other,
            format_vn_date(event.until) if event.kind in EVENTS_WITH_UNTIL else "",
            event.note,
        )

    # --- live feedback ---------------------------------------------------------------------

    def _update_cccd_warning(self) -> None:
        gender: Gender | None = self.personal.get("gender")
        warnings = cccd_consistency_warnings(
            self.cccd_edit.text(),
            self.birth_date_field.date(),
            gender.label if gender is not None else None,
        )
        self.cccd_warning.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.personal.layout.setRowVisible(self.cccd_warning, bool(warnings))

    def _update_status_fields(self) -> None:
        status: MemberStatus | None = self.party.get("status")
        has_until = status in STATUSES_WITH_UNTIL
        if not has_until and self._original is None:
            self.until_field.clear()  # an active new member has no end date to keep
        self.until_field.setEnabled(has_until and self._original is None)

    def _update_derived(self) -> None:
        base = self._original or self._new_base
        standing = self.party.get("standing") or base.standing
        typed = replace(
            base,
            admission_decision_date=self.admission_field.date(),
            ceremony_date=self.ceremony_field.date(),
            standing=standing,
        )
        self.derived.show_member(self._services, typed)

    # --- saving ----------------------------------------------------------------------------

    def collect(self) -> Member:
        values: dict[str, Any] = {}
        errors: list[ValidationError] = []
        for form in self.forms:
            try:
                values.update(form.values())
            except InvalidRecord as exc:
                errors.extend(exc.errors)
        if errors:
            raise InvalidRecord(errors)
        if values["status"] not in STATUSES_WITH_UNTIL:
            values["status_until"] = None
        return replace(self._original or self._new_base, **values)

    def store_record(self, record: Member) -> int:
        return self._services.register.save_member(record)

    # --- events ----------------------------------------------------------------------------

    def _record_event(self) -> None:
        if self._original is None:
            return
        dialog = MemberEventDialog(self._services, self._original, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.updated_member is None:
            return
        self.events_recorded = True
        previous, updated = self._original, dialog.updated_member
        # The event is saved already; bring the fields it changed up to date without losing
        # what the clerk has typed elsewhere and not saved yet.
        was_dirty = self.is_dirty()
        self._original = updated
        for form in self.forms:
            for name in form.names():
                if getattr(previous, name) != getattr(updated, name):
                    form.set(name, getattr(updated, name))
        if not was_dirty:
            self.mark_clean()
        self.attention.show_items(
            self._services.attention.for_subject(Subject.MEMBER, updated.id or 0)
        )
        self._reload_events()
        self._update_status_fields()
        self._update_derived()

    # --- slots -----------------------------------------------------------------------------

    def _on_cccd_edit_text_changed(self, _text: str) -> None:
        self._update_cccd_warning()

    def _on_birth_date_field_date_changed(self, _value: date | None) -> None:
        self._update_cccd_warning()

    def _on_gender_combo_current_index_changed(self, _index: int) -> None:
        self._update_cccd_warning()

    def _on_admission_field_date_changed(self, _value: date | None) -> None:
        self._update_derived()

    def _on_ceremony_field_date_changed(self, _value: date | None) -> None:
        self._update_derived()

    def _on_standing_combo_current_index_changed(self, _index: int) -> None:
        self._update_derived()

    def _on_status_combo_current_index_changed(self, _index: int) -> None:
        self._update_status_fields()

    def _on_event_button_clicked(self) -> None:
        self._record_event()
