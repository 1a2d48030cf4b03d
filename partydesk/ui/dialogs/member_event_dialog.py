"""Recording a biến động: one dated event that changes a member's status, organisation or standing.

This is the only way a member's activity status changes once the record exists, and the way a
clerk "ends" a member (chuyển đi, từ trần, xóa tên, khai trừ, xin ra): the event is kept in the
member's history, the record stays and is merely hidden from the default lists.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QSizePolicy, QWidget

from partydesk.domain.dates import format_vn_date
from partydesk.domain.errors import ValidationError
from partydesk.domain.member import EVENTS_WITH_UNTIL, EventKind, Member, MemberEvent
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs.record_dialog import RecordDialog
from partydesk.ui.forms import RecordForm
from partydesk.ui.widgets.wrapped_label import WrappedLabel

# Transfers are the only events that may move the record to another organisation of the register.
TRANSFER_KINDS = frozenset({EventKind.TRANSFER_OUT, EventKind.TRANSFER_IN})
_OUTGOING = frozenset({EventKind.TRANSFER_OUT, EventKind.TEMP_OUT})
_INCOMING = frozenset({EventKind.TRANSFER_IN, EventKind.TEMP_IN})

OTHER_ORGANISATION_LABEL = "Tổ chức liên quan"
NO_ORGANISATION_LABEL = "— ngoài danh sách (chỉ ghi tên ở ô trên) —"


def wrapped_label(text: str = "", style: str = "") -> QLabel:
    return WrappedLabel(text, style)


def pack_to_top(form: RecordForm) -> None:
    """End a form with a blank row that takes the spare height.

    A form shorter than its scroll area would otherwise get the spare height spread between
    its rows, leaving the fields far apart.
    """
    filler = QWidget()
    filler.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
    form.layout.addRow(filler)


class MemberEventDialog(RecordDialog):
    """Record one event for ``member``; ``updated_member`` holds the record after it."""

    def __init__(
        self, services: AppServices, member: Member, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Ghi biến động: {member.full_name}", parent)
        assert member.id is not None, "only a saved member has a history"
        self._services = services
        self._member = member
        self.updated_member: Member | None = None
        self._organisation_names = dict(services.register.organisation_choices(include_ended=True))

        form = self.add_form_tab("Biến động")
        # A single page: the tab strip would only add a meaningless "Biến động" header.
        self.tabs.tabBar().setVisible(False)
        self.current_label = wrapped_label(self._describe(member))
        form.layout.addRow("Hiện nay", self.current_label)
        self.kind_combo = form.choice(
            "kind",
            "Loại biến động",
            [(kind.label, kind) for kind in EventKind],
            required=True,
            none_label="— chọn loại biến động —",
        )
        self.on_field = form.date("on", "Ngày", required=True)
        self.on_field.setToolTip("Ngày ghi trên quyết định hoặc giấy giới thiệu.")
        form.text("decision_number", "Số quyết định, giấy giới thiệu", max_length=100)
        self.other_organisation_edit: QLineEdit = form.text(
            "other_organisation", OTHER_ORGANISATION_LABEL, max_length=300
        )
        choices = [
            (name, org_id)
            for org_id, name in services.register.organisation_choices()
            if org_id != member.organisation_id
        ]
        self.to_organisation_combo = form.choice(
            "to_organisation_id",
            "Tổ chức nhận trong danh sách",
            choices,
            none_label=NO_ORGANISATION_LABEL,
            searchable=True,
        )
        self.to_organisation_combo.setToolTip(
            "Chỉ khi chuyển sang một tổ chức đảng cũng do cơ quan quản lý: hồ sơ đi theo và "
            "đảng viên vẫn đang sinh hoạt."
        )
        self.until_field = form.date("until", "Đến ngày")
        self.until_field.setToolTip("Hạn miễn sinh hoạt hoặc sinh hoạt tạm thời.")
        form.multiline("note", "Ghi chú", height=60)
        self.preview_label = wrapped_label()
        form.layout.addRow("Sau khi ghi", self.preview_label)
        pack_to_top(form)
        self.form = form
        self.to_organisation_combo.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed
        )

        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Ghi biến động (Ctrl+S)")
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.on_field.date_changed.connect(self._on_on_field_date_changed)
        self.to_organisation_combo.currentIndexChanged.connect(
            self._on_to_organisation_combo_current_index_changed
        )
        self.until_field.date_changed.connect(self._on_until_field_date_changed)
        self._update_fields()
        self.resize(660, 430)
        self.mark_clean()
        self.kind_combo.setFocus()

    # --- what the event does ---------------------------------------------------------------

    def _describe(self, member: Member) -> str:
        organisation = self._organisation_names.get(member.organisation_id or -1, "")
        text = member.status_label
        if member.status_until is not None:
            text += f" đến {format_vn_date(member.status_until)}"
        return f"{text} — {organisation}" if organisation else text

    def _kind(self) -> EventKind | None:
        return self.form.get("kind")

    def _to_organisation(self) -> int | None:
        try:
            return self.form.get("to_organisation_id")
        except ValidationError:  # a half-typed name: no organisation yet
            return None

    def _draft(self) -> MemberEvent | None:
        """The event as typed so far, for the preview; None until a kind is chosen."""
        kind = self._kind()
        if kind is None:
            return None
        return MemberEvent(
            member_id=self._member.id or 0,
            kind=kind,
            on=self.on_field.date() or date.today(),
            to_organisation_id=self._to_organisation() if kind in TRANSFER_KINDS else None,
            until=self.until_field.date() if kind in EVENTS_WITH_UNTIL else None,
        )

    def _update_fields(self) -> None:
        kind = self._kind()
        if kind in _OUTGOING:
            other_label = "Chuyển đến (nơi nhận)"
        elif kind in _INCOMING:
            other_label = "Chuyển từ (nơi đi)"
        else:
            other_label = OTHER_ORGANISATION_LABEL
        label = self.form.layout.labelForField(self.other_organisation_edit)
        if isinstance(label, QLabel):
            label.setText(other_label)
        # Disabled rather than hidden, so the form keeps its shape while the kind is changed.
        self.to_organisation_combo.setEnabled(kind in TRANSFER_KINDS)
        self.until_field.setEnabled(kind in EVENTS_WITH_UNTIL)
        self._update_preview()

    def _update_preview(self) -> None:
        event = self._draft()
        if event is None:
            self.preview_label.setText("")
            return
        after = event.apply(self._member)
        text = f"<b>{self._describe(after)}</b>"
        if after.is_ended and not self._member.is_ended:
            text += (
                "<br>Đảng viên thôi sinh hoạt tại đây: hồ sơ vẫn được lưu, chỉ ẩn khỏi danh sách"
                " (xem bằng “Hiện cả bản ghi đã kết thúc”)."
            )
        self.preview_label.setText(text)

    # --- saving ----------------------------------------------------------------------------

    def collect(self) -> MemberEvent:
        values = self.form.values()
        errors: list[ValidationError] = []
        kind: EventKind | None = values["kind"]
        if kind is None:
            errors.append(ValidationError("kind", "Loại biến động: chọn một loại."))
        if values["on"] is None:
            errors.append(ValidationError("on", "Ngày: chưa nhập."))
        if errors:
            raise InvalidRecord(errors)
        assert kind is not None and self._member.id is not None
        return MemberEvent(
            member_id=self._member.id,
            kind=kind,
            on=values["on"],
            decision_number=values["decision_number"].strip(),
            other_organisation=values["other_organisation"].strip(),
            to_organisation_id=values["to_organisation_id"] if kind in TRANSFER_KINDS else None,
            until=values["until"] if kind in EVENTS_WITH_UNTIL else None,
            note=values["note"].strip(),
        )

    def save(self) -> None:
        # Ending a membership hides the record from every list, so it is confirmed first;
        # an unreadable form goes straight to the base class, which shows the errors.
        try:
            event = self.collect()
        except InvalidRecord:
            super().save()
            return
        after = event.apply(self._member)
        if (
            after.is_ended
            and not self._member.is_ended
            and not messages.ask_yes_no(
                self,
                "Kết thúc sinh hoạt?",
                f"Ghi “{event.kind.label}” ngày {format_vn_date(event.on)} cho đồng chí "
                f"{self._member.full_name}?\n\nHồ sơ vẫn được lưu giữ, nhưng đảng viên sẽ không "
                "còn trong danh sách đang sinh hoạt.",
            )
        ):
            return
        super().save()

    def store_record(self, record: MemberEvent) -> int:
        self.updated_member = self._services.register.record_event(record)
        return record.member_id

    # --- slots -----------------------------------------------------------------------------

    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self._update_fields()

    def _on_on_field_date_changed(self, _value: object) -> None:
        self._update_preview()

    def _on_to_organisation_combo_current_index_changed(self, _index: int) -> None:
        self._update_preview()

    def _on_until_field_date_changed(self, _value: object) -> None:
        self._update_preview()
