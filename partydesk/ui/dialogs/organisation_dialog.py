"""Adding and editing a Party organisation: details, enterprises, committee terms, cadre.

The "Thông tin" and "Doanh nghiệp" tabs are saved together with the dialog's Save button.
Terms (with their committee posts) and cadre assignments are records of their own: their
sub-dialogs save them at once, so they can only be entered for an organisation already saved.
Ending an organisation is not a separate action: the clerk fills the "Kết thúc" section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.attention import Subject
from partydesk.domain.errors import ValidationError
from partydesk.domain.identifiers import validate_phone
from partydesk.domain.organisation import (
    KINDS_WITH_PARENT,
    CadreAssignment,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEndReason,
    OrgEnterpriseLink,
    OrgKind,
    Term,
)
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.store.errors import NotFound
from partydesk.ui.briefing.open_issues_panel import OpenIssuesPanel
from partydesk.ui.dialogs.attention_banner import AttentionBanner
from partydesk.ui.dialogs.cadres_dialog import (
    CadreDialog,
    CadresDialog,
    fill_row,
    read_only_table,
    selected_row,
)
from partydesk.ui.dialogs.record_dialog import RecordDialog
from partydesk.ui.evaluation.history_tab import EvaluationHistoryTab
from partydesk.ui.forms import make_searchable
from partydesk.ui.models.record_table import show
from partydesk.ui.widgets.field_error import ERROR_COLOR

NO_PARENT = "— trực thuộc cấp ủy cấp trên —"
ACTIVE = "— đang hoạt động —"
NO_MERGE_TARGET = "— chọn tổ chức nhận sáp nhập —"
PARENT_LABEL = "Tổ chức cấp trên"
_BIRTH_YEAR = re.compile(r"\s*\(\d{4}\)$")


def searchable_combo() -> QComboBox:
    return make_searchable(QComboBox())


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def notice_page(text: str) -> QWidget:
    """A tab that only says why it is empty."""
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    layout.addWidget(label)
    return page


class OrganisationDialog(RecordDialog):
    """One Party organisation with its enterprises, terms and supervising cadre."""

    def __init__(
        self, services: AppServices, organisation_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Tổ chức đảng mới" if organisation_id is None else "Tổ chức đảng", parent)
        self._services = services
        self._original: Organisation | None = None
        self._links_snapshot: tuple[OrgEnterpriseLink, ...] = ()
        self._terms: list[Term] = []
        self._assignments: list[CadreAssignment] = []
        # Set when a term or a cadre assignment was saved from a sub-dialog: those are stored
        # at once, so the list behind this dialog must refresh even if it is closed unsaved.
        self.related_changed = False

        self._build_details_tab()
        self.enterprise_links = EnterpriseLinks(services)
        self.enterprise_links.changed.connect(self._on_enterprise_links_changed)
        self.add_tab("Doanh nghiệp", self.enterprise_links)
        self.terms_panel = self._build_terms_panel()
        self.cadre_panel = self._build_cadre_panel()
        if organisation_id is None:
            self.add_tab("Nhiệm kỳ và cấp ủy", notice_page("Lưu tổ chức trước khi nhập nhiệm kỳ."))
            self.add_tab(
                "Cán bộ phụ trách",
                notice_page("Lưu tổ chức trước khi phân công cán bộ phụ trách."),
            )
        else:
            self.add_tab("Nhiệm kỳ và cấp ủy", self.terms_panel)
            self.add_tab("Cán bộ phụ trách", self.cadre_panel)
            self.open_issues = OpenIssuesPanel(services.briefings.open_issues_of(organisation_id))
            self.add_tab("Kiến nghị chưa giải quyết", self.open_issues)
            self.evaluation_history = EvaluationHistoryTab(services)
            self.evaluation_history.show_organisation(organisation_id)
            self.add_tab("Đánh giá, xếp loại", self.evaluation_history)
        self.attention = AttentionBanner()
        self.layout().insertWidget(0, self.attention)
        self.resize(820, 700)

        if organisation_id is None:
            self._fill_choices(None)
            self.form.set("kind", OrgKind.CELL_BASE)  # the usual case in an enterprise
            self.form.set("meeting_interval_months", 1)
        else:
            self._load(organisation_id)
        self._update_kind_fields()
        self._update_end_fields()
        self._on_enterprise_links_changed()
        self.mark_clean()

    # --- building --------------------------------------------------------------------------

    def _build_details_tab(self) -> None:
        form = self.add_form_tab("Thông tin")
        form.section("Tên và loại tổ chức")
        self.name_edit = form.text(
            "name",
            "Tên tổ chức đảng",
            required=True,
            max_length=300,
            placeholder="Ví dụ: Chi bộ Công ty cổ phần ABC",
        )
        form.text(
            "header_name",
            "Tên in trên tiêu đề văn bản",
            max_length=300,
            placeholder="Ví dụ: CHI BỘ CÔNG TY CỔ PHẦN ABC (trống: in tên tổ chức)",
        )
        self.abbreviation_edit = form.text("abbreviation", "Ký hiệu", max_length=20)
        self.abbreviation_edit.setMaximumWidth(140)
        self.abbreviation_edit.setToolTip("Ký hiệu trong số văn bản, ví dụ “Số 01-BB/CB”")
        self.kind_combo = form.enum_choice("kind", "Loại tổ chức", OrgKind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.parent_combo = form.choice("parent_id", PARENT_LABEL, [], none_label=NO_PARENT)
        self.parent_combo.setToolTip(
            "Chỉ chi bộ trực thuộc và đảng bộ bộ phận có cấp trên là một đảng bộ"
        )
        form.section("Thành lập")
        form.date("founded_on", "Ngày thành lập")
        form.text("founding_decision", "Số quyết định thành lập", placeholder="Ví dụ: 125-QĐ/ĐU")
        form.section("Sinh hoạt và quy mô")
        self.interval_edit = form.integer(
            "meeting_interval_months", "Định kỳ sinh hoạt (tháng/lần)"
        )
        form.text(
            "meeting_exception_decision",
            "Số quyết định về định kỳ sinh hoạt",
            placeholder="Chỉ cần khi sinh hoạt thưa hơn mỗi tháng một lần",
        )
        form.text(
            "size_exception_decision",
            "Số văn bản đồng ý của cấp trên",
            placeholder="Khi quy mô khác quy định (từ 30 đảng viên mà vẫn là chi bộ…)",
        )
        form.text(
            "cluster",
            "Cụm giao ban",
            max_length=60,
            placeholder="Ví dụ: Cụm 1 (để chia hội nghị giao ban thành nhiều buổi)",
        )
        form.section("Liên hệ")
        form.text("address", "Địa chỉ", max_length=300)
        form.text("phone", "Điện thoại", max_length=30)
        form.multiline("notes", "Ghi chú")
        form.section("Kết thúc (giải thể, sáp nhập)")
        self.end_reason_combo = form.choice(
            "end_reason",
            "Hình thức kết thúc",
            [(reason.label, reason) for reason in OrgEndReason],
            none_label=ACTIVE,
        )
        self.end_reason_combo.currentIndexChanged.connect(
            self._on_end_reason_combo_current_index_changed
        )
        form.date("ended_on", "Ngày giải thể, sáp nhập")
        form.text("end_decision", "Số quyết định giải thể, sáp nhập")
        self.merged_into_combo = form.choice(
            "merged_into_id", "Sáp nhập vào", [], none_label=NO_MERGE_TARGET, searchable=True
        )
        self.form = form

    def _build_terms_panel(self) -> QWidget:
        panel = QWidget()
        self.terms_table = read_only_table(
            ["Nhiệm kỳ", "Từ ngày", "Đến ngày", "Ngày đại hội", "Bí thư", "Phó bí thư", "Số cấp ủy"]
        )
        self.terms_table.activated.connect(self._on_terms_table_activated)
        self.add_term_button = QPushButton("Thêm nhiệm kỳ…")
        self.add_term_button.clicked.connect(self._on_add_term_button_clicked)
        self.edit_term_button = QPushButton("Sửa nhiệm kỳ, cấp ủy…")
        self.edit_term_button.clicked.connect(self._on_edit_term_button_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.add_term_button)
        actions.addWidget(self.edit_term_button)
        actions.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.addWidget(
            hint_label(
                "Nhiệm kỳ mới nhất ở trên cùng. Nhiệm kỳ và cấp ủy được lưu ngay khi bấm Lưu "
                "trong cửa sổ nhiệm kỳ."
            )
        )
        layout.addWidget(self.terms_table, 1)
        layout.addLayout(actions)
        for column, width in enumerate((100, 85, 85, 95, 150, 150)):
            self.terms_table.setColumnWidth(column, width)
        return panel

    def _build_cadre_panel(self) -> QWidget:
        panel = QWidget()
        self.assignments_table = read_only_table(["Cán bộ phụ trách", "Từ ngày", "Đến ngày"])
        self.assign_button = QPushButton("Phân công cán bộ…")
        self.assign_button.clicked.connect(self._on_assign_button_clicked)
        self.cadres_button = QPushButton("Danh sách cán bộ…")
        self.cadres_button.clicked.connect(self._on_cadres_button_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.assign_button)
        actions.addWidget(self.cadres_button)
        actions.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.addWidget(
            hint_label(
                "Cán bộ cấp ủy phụ trách tổ chức đảng (Chỉ thị 33). Phân công cán bộ mới thì "
                "việc phụ trách của cán bộ trước kết thúc từ ngày đó; việc phân công được lưu "
                "ngay."
            )
        )
        layout.addWidget(self.assignments_table, 1)
        layout.addLayout(actions)
        self.assignments_table.setColumnWidth(0, 300)
        self.assignments_table.setColumnWidth(1, 120)
        return panel

    # --- loading ---------------------------------------------------------------------------

    def _load(self, organisation_id: int) -> None:
        org = self._services.register.organisation(organisation_id)
        self._original = org
        self.record_id = organisation_id
        self.setWindowTitle(f"Tổ chức đảng — {org.name}")
        self._fill_choices(org)
        self.form.load(org)
        self.enterprise_links.set_links(org.enterprises)
        self._reload_terms()
        self._reload_assignments()
        self._reload_attention()

    def _fill_choices(self, org: Organisation | None) -> None:
        own_id = org.id if org else None
        register = self._services.register
        parents = [(name, id_) for id_, name in register.party_committee_choices() if id_ != own_id]
        self.form.refill(
            "parent_id", self._with_current(parents, org.parent_id if org else None), NO_PARENT
        )
        targets = [(name, id_) for id_, name in register.organisation_choices() if id_ != own_id]
        self.form.refill(
            "merged_into_id",
            self._with_current(targets, org.merged_into_id if org else None),
            NO_MERGE_TARGET,
        )

    def _with_current(
        self, items: list[tuple[str, int]], current_id: int | None
    ) -> list[tuple[str, int]]:
        """Keep a stored choice that the picker's list leaves out (e.g. a parent since ended).

        Without it, loading the record would silently fall back to "none" and saving would
        drop the link.
        """
        if current_id is None or any(value == current_id for _, value in items):
            return items
        try:
            org = self._services.register.organisation(current_id)
        except NotFound:
            return [*items, (f"(tổ chức số {current_id})", current_id)]
        suffix = " (đã kết thúc)" if org.is_ended else ""
        return [*items, (f"{org.name}{suffix}", current_id)]

    def _reload_attention(self) -> None:
        if self.record_id is not None:
            self.attention.show_items(
                self._services.attention.for_subject(Subject.ORGANISATION, self.record_id)
            )

    def _reload_terms(self, select_id: int | None = None) -> None:
        assert self.record_id is not None
        self._terms = self._services.register.terms(self.record_id)
        self.terms_table.setRowCount(len(self._terms))
        for row, term in enumerate(self._terms):
            texts = [
                term.label,
                show(term.starts_on),
                show(term.ends_on),
                show(term.congress_on),
                _names(term.posts, CommitteeRole.SECRETARY),
                _names(term.posts, CommitteeRole.DEPUTY_SECRETARY),
                show(len(term.posts)) if term.posts else "",
            ]
            fill_row(self.terms_table, row, texts, term.id)
            if term.id == select_id:
                self.terms_table.selectRow(row)
        if select_id is None and self._terms:
            self.terms_table.selectRow(0)
        self.edit_term_button.setEnabled(bool(self._terms))

    def _reload_assignments(self) -> None:
        assert self.record_id is not None
        self._assignments = self._services.register.assignments(self.record_id)
        self.assignments_table.setRowCount(len(self._assignments))
        for row, assignment in enumerate(self._assignments):
            until = show(assignment.ends_on) if assignment.ends_on else "đang phụ trách"
            texts = [assignment.cadre_name, show(assignment.starts_on), until]
            fill_row(self.assignments_table, row, texts, assignment.id)

    # --- dependent fields ------------------------------------------------------------------

    def _kind(self) -> OrgKind | None:
        return self.form.get("kind")

    def _update_kind_fields(self) -> None:
        kind = self._kind()
        needs_parent = kind in KINDS_WITH_PARENT
        self.parent_combo.setEnabled(needs_parent)
        if not needs_parent:
            self.parent_combo.setCurrentIndex(0)
        label = self.form.layout.labelForField(self.parent_combo)
        if isinstance(label, QLabel):
            label.setText(f"{PARENT_LABEL} *" if needs_parent else PARENT_LABEL)
        # What is printed when the field is left empty (Organisation.issuer_abbreviation).
        self.abbreviation_edit.setPlaceholderText(kind.default_abbreviation if kind else "")

    def _update_end_fields(self) -> None:
        merged = self.form.get("end_reason") is OrgEndReason.MERGED
        self.merged_into_combo.setEnabled(merged)
        if not merged:
            self.merged_into_combo.setCurrentIndex(0)

    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self._update_kind_fields()

    def _on_end_reason_combo_current_index_changed(self, _index: int) -> None:
        self._update_end_fields()

    def _on_enterprise_links_changed(self) -> None:
        count = len(self.enterprise_links.links())
        index = self.tabs.indexOf(self.enterprise_links)
        self.tabs.setTabText(index, f"Doanh nghiệp ({count})" if count else "Doanh nghiệp")

    # --- terms and cadres ------------------------------------------------------------------

    def current_term(self) -> Term | None:
        row = selected_row(self.terms_table)
        return self._terms[row] if row is not None else None

    def _open_term(self, term: Term | None) -> None:
        assert self._original is not None
        dialog = TermDialog(self._services, self._original, term, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.related_changed = True
            self._reload_terms(dialog.record_id)
            self._reload_attention()

    def _on_add_term_button_clicked(self) -> None:
        self._open_term(None)

    def _on_edit_term_button_clicked(self) -> None:
        term = self.current_term()
        if term is not None:
            self._open_term(term)

    def _on_terms_table_activated(self, _index: QModelIndex) -> None:
        self._on_edit_term_button_clicked()

    def _on_assign_button_clicked(self) -> None:
        assert self.record_id is not None
        dialog = AssignCadreDialog(self._services, self.record_id, self._assignments, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.related_changed = True
            self._reload_assignments()

    def _on_cadres_button_clicked(self) -> None:
        dialog = CadresDialog(self._services, self)
        dialog.exec()
        if dialog.changed:  # a renamed cadre shows in the history
            self.related_changed = True
            self._reload_assignments()

    # --- saving ----------------------------------------------------------------------------

    def mark_clean(self) -> None:
        super().mark_clean()
        self._links_snapshot = self.enterprise_links.links()

    def is_dirty(self) -> bool:
        # The enterprise list is not a form field, so the base class does not see it.
        return super().is_dirty() or self.enterprise_links.links() != self._links_snapshot

    def collect(self) -> Organisation:
        values = self.form.values()
        errors: list[ValidationError] = []
        kind: OrgKind = values["kind"]
        if values["meeting_interval_months"] is None:
            errors.append(
                ValidationError(
                    "meeting_interval_months",
                    "Định kỳ sinh hoạt: ghi số tháng giữa hai kỳ sinh hoạt (thường là 1).",
                )
            )
        # validate_organisation leaves the phone as typed; normalise it like other records'.
        try:
            values["phone"] = validate_phone(values["phone"], field="phone") or ""
        except ValidationError as exc:
            errors.append(exc)
        if errors:
            raise InvalidRecord(errors)
        values["enterprises"] = self.enterprise_links.links()
        base = self._original or Organisation(name="", kind=kind)
        return replace(base, **values)

    def store_record(self, record: Organisation) -> int:
        return self._services.register.save_organisation(record)


def _names(posts: Sequence[CommitteePost], role: CommitteeRole) -> str:
    return ", ".join(post.member_name for post in posts if post.role is role)


class _EnterFilter(QObject):
    """Turns Enter in a line edit into a callback and swallows it.

    Parented to the line edit so it lives exactly as long as the widget it watches: a filter
    installed on the enclosing widget could be called while Python was already tearing that
    widget down.
    """

    def __init__(self, edit: QObject, on_enter: Callable[[], None]) -> None:
        super().__init__(edit)
        self._on_enter = on_enter
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_enter()
                return True
        return False


class EnterpriseLinks(QWidget):
    """The enterprises an organisation sits in; at most one is marked "đơn vị chính"."""

    changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Names of dissolved enterprises too: an old link must still show its name.
        self._names = dict(services.register.enterprise_choices(include_ended=True))
        self._active = services.register.enterprise_choices()
        self._links: list[OrgEnterpriseLink] = []

        self.picker = searchable_combo()
        self._picker_edit = self.picker.lineEdit()
        self._picker_edit.setPlaceholderText("Gõ vài chữ trong tên doanh nghiệp…")
        # Enter in the picker adds the enterprise instead of saving the whole dialog.
        self._enter_filter = _EnterFilter(self._picker_edit, self._add_picked)
        self.add_button = QPushButton("Thêm vào danh sách")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.picker_error = QLabel()
        self.picker_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.picker_error.setVisible(False)
        self.table = read_only_table(["Doanh nghiệp", "Đơn vị chính"])
        self.table.setColumnWidth(0, 480)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.primary_button = QPushButton("Đặt làm đơn vị chính")
        self.primary_button.clicked.connect(self._on_primary_button_clicked)
        self.remove_button = QPushButton("Bỏ khỏi danh sách")
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

        picker_row = QHBoxLayout()
        picker_row.addWidget(self.picker, 1)
        picker_row.addWidget(self.add_button)
        actions = QHBoxLayout()
        actions.addWidget(self.primary_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Doanh nghiệp nơi tổ chức đảng hoạt động. Chi bộ ghép gồm đảng viên của nhiều "
                "doanh nghiệp nhỏ: thêm từng doanh nghiệp và đánh dấu một đơn vị chính."
            )
        )
        layout.addLayout(picker_row)
        layout.addWidget(self.picker_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._refresh()

    def links(self) -> tuple[OrgEnterpriseLink, ...]:
        return tuple(self._links)

    def set_links(self, links: Sequence[OrgEnterpriseLink]) -> None:
        self._links = list(links)
        self._refresh()

    def add_enterprise(self, enterprise_id: int) -> None:
        if any(link.enterprise_id == enterprise_id for link in self._links):
            return
        # The first enterprise is the organisation's own one; later ones join a chi bộ ghép.
        self._links.append(OrgEnterpriseLink(enterprise_id, is_primary=not self._links))
        self._refresh(select=len(self._links) - 1)

    def _refresh(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self._links))
        for row, link in enumerate(self._links):
            name = self._names.get(link.enterprise_id, f"(doanh nghiệp số {link.enterprise_id})")
            primary = "✓ đơn vị chính" if link.is_primary else ""
            fill_row(self.table, row, [name, primary], link.enterprise_id)
        if select is not None and 0 <= select < len(self._links):
            self.table.selectRow(select)
        linked = {link.enterprise_id for link in self._links}
        self.picker.clear()
        for enterprise_id, name in self._active:
            if enterprise_id not in linked:
                self.picker.addItem(name, enterprise_id)
        self.picker.setCurrentIndex(-1)
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        row = selected_row(self.table)
        self.primary_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        is_primary = row is not None and self._links[row].is_primary
        self.primary_button.setText(
            "Bỏ đánh dấu đơn vị chính" if is_primary else "Đặt làm đơn vị chính"
        )

    def _add_picked(self) -> None:
        text = self.picker.currentText().strip()
        index = self.picker.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            self.picker_error.setText(
                "Chọn một doanh nghiệp trong danh sách gợi ý."
                if text
                else "Gõ tên doanh nghiệp rồi chọn trong danh sách gợi ý."
            )
            self.picker_error.setVisible(True)
            return
        self.picker_error.setVisible(False)
        self.add_enterprise(self.picker.itemData(index))
        self.picker.setFocus()

    def _on_add_button_clicked(self) -> None:
        self._add_picked()

    def _on_table_item_selection_changed(self) -> None:
        self._update_buttons()

    def _on_primary_button_clicked(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        make_primary = not self._links[row].is_primary
        self._links = [
            replace(link, is_primary=make_primary and position == row)
            for position, link in enumerate(self._links)
        ]
        self._refresh(select=row)

    def _on_remove_button_clicked(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        del self._links[row]
        self._refresh(select=min(row, len(self._links) - 1))


class TermDialog(RecordDialog):
    """A committee term with its posts (bí thư, phó bí thư, cấp ủy viên); saved at once."""

    def __init__(
        self,
        services: AppServices,
        organisation: Organisation,
        term: Term | None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Nhiệm kỳ mới" if term is None else f"Nhiệm kỳ {term.label}"
        super().__init__(f"{title} — {organisation.name}", parent)
        assert organisation.id is not None
        self._services = services
        self._organisation = organisation
        self._original = term
        self._posts: list[CommitteePost] = list(term.posts) if term else []
        self._posts_snapshot: tuple[CommitteePost, ...] = ()
        self.tabs.setTabBarAutoHide(True)

        form = self.add_form_tab("Nhiệm kỳ")
        form.text("label", "Nhiệm kỳ", required=True, max_length=40, placeholder="2025–2030")
        form.date("starts_on", "Ngày bắt đầu", required=True)
        form.date("ends_on", "Ngày kết thúc")
        form.date("congress_on", "Ngày đại hội")
        form.multiline("notes", "Ghi chú", height=50)
        form.section("Cấp ủy")
        form.layout.addRow(hint_label(_committee_rule(organisation.kind)))
        self.posts_table = read_only_table(
            ["Đảng viên", "Chức vụ", "Từ ngày", "Đến ngày", "Hình thức", "Số quyết định"]
        )
        self.posts_table.setMinimumHeight(190)
        for column, width in enumerate((190, 100, 85, 85, 80)):
            self.posts_table.setColumnWidth(column, width)
        self.posts_table.activated.connect(self._on_posts_table_activated)
        self.posts_table.itemSelectionChanged.connect(self._on_posts_table_item_selection_changed)
        form.layout.addRow(self.posts_table)
        self.add_post_button = QPushButton("Thêm cấp ủy viên…")
        self.add_post_button.clicked.connect(self._on_add_post_button_clicked)
        self.edit_post_button = QPushButton("Sửa…")
        self.edit_post_button.clicked.connect(self._on_edit_post_button_clicked)
        self.remove_post_button = QPushButton("Bỏ khỏi cấp ủy")
        self.remove_post_button.clicked.connect(self._on_remove_post_button_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.add_post_button)
        actions.addWidget(self.edit_post_button)
        actions.addWidget(self.remove_post_button)
        actions.addStretch(1)
        form.layout.addRow(actions)
        self.form = form

        if term is not None:
            self.record_id = term.id
            form.load(term)
        self._refresh_posts()
        self.resize(760, 640)
        self.mark_clean()

    def _refresh_posts(self, select: int | None = None) -> None:
        order = list(CommitteeRole)
        self._posts.sort(key=lambda post: (order.index(post.role), post.member_name))
        self.posts_table.setRowCount(len(self._posts))
        for row, post in enumerate(self._posts):
            texts = [
                post.member_name,
                post.role.label,
                show(post.starts_on),
                show(post.ends_on),
                "Chỉ định" if post.appointed else "Bầu",
                post.decision,
            ]
            fill_row(self.posts_table, row, texts, post.member_id)
            if post.member_id == select:
                self.posts_table.selectRow(row)
        self._on_posts_table_item_selection_changed()

    def current_post(self) -> CommitteePost | None:
        row = selected_row(self.posts_table)
        return self._posts[row] if row is not None else None

    def _open_post(self, post: CommitteePost | None) -> None:
        taken = {p.member_id for p in self._posts if p is not post}
        try:
            default_start = self.form.get("starts_on")
        except ValidationError:
            default_start = None
        dialog = CommitteePostDialog(
            self._services, self._organisation, post, taken, default_start, self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.post is None:
            return
        if post is None:
            self._posts.append(dialog.post)
        else:
            self._posts[self._posts.index(post)] = dialog.post
        self._refresh_posts(select=dialog.post.member_id)

    def _on_add_post_button_clicked(self) -> None:
        self._open_post(None)

    def _on_edit_post_button_clicked(self) -> None:
        post = self.current_post()
        if post is not None:
            self._open_post(post)

    def _on_remove_post_button_clicked(self) -> None:
        row = selected_row(self.posts_table)
        if row is not None:
            del self._posts[row]
            self._refresh_posts()

    def _on_posts_table_activated(self, _index: QModelIndex) -> None:
        self._on_edit_post_button_clicked()

    def _on_posts_table_item_selection_changed(self) -> None:
        has_row = selected_row(self.posts_table) is not None
        self.edit_post_button.setEnabled(has_row)
        self.remove_post_button.setEnabled(has_row)

    def mark_clean(self) -> None:
        super().mark_clean()
        self._posts_snapshot = tuple(self._posts)

    def is_dirty(self) -> bool:
        return super().is_dirty() or tuple(self._posts) != self._posts_snapshot

    def collect(self) -> Term:
        values = self.form.values()
        errors: list[ValidationError] = []
        if not values["label"].strip():
            errors.append(ValidationError("label", "Nhiệm kỳ: ghi tên nhiệm kỳ, ví dụ 2025–2030."))
        if values["starts_on"] is None:
            errors.append(ValidationError("starts_on", "Ngày bắt đầu: không được để trống."))
        if errors:
            raise InvalidRecord(errors)
        assert self._organisation.id is not None
        base = self._original or Term(
            organisation_id=self._organisation.id, label="", starts_on=values["starts_on"]
        )
        return replace(base, **values, posts=tuple(self._posts))

    def store_record(self, record: Term) -> int:
        return self._services.register.save_term(record)


def _committee_rule(kind: OrgKind) -> str:
    if kind.is_cell:
        return (
            "Chi bộ dưới 9 đảng viên chính thức bầu bí thư và, nếu cần, một phó bí thư. "
            "Từ 9 đảng viên chính thức bầu chi ủy không quá 7 đồng chí, trong đó có bí thư "
            "và một phó bí thư."
        )
    return "Ghi bí thư, các phó bí thư và đảng ủy viên của đảng ủy trong nhiệm kỳ."


class CommitteePostDialog(RecordDialog):
    """One member's post in a term's committee; kept in the term dialog until it is saved."""

    def __init__(
        self,
        services: AppServices,
        organisation: Organisation,
        post: CommitteePost | None,
        taken_member_ids: set[int],
        default_start: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Cấp ủy viên", parent)
        self._original = post
        self._taken = taken_member_ids
        self.post: CommitteePost | None = None
        self.tabs.setTabBarAutoHide(True)
        assert organisation.id is not None
        members = [(text, id_) for id_, text in services.register.member_choices(organisation.id)]
        if post is not None and all(id_ != post.member_id for _, id_ in members):
            # A member since moved away or ended keeps the post he or she held.
            members.append((post.member_name, post.member_id))
        form = self.add_form_tab("Cấp ủy viên")
        self.member_combo = form.choice(
            "member_id",
            "Đảng viên",
            members,
            required=True,
            none_label="— chọn đảng viên —" if members else "— tổ chức chưa có đảng viên —",
            searchable=True,
        )
        self.member_combo.setMinimumWidth(300)
        form.enum_choice("role", "Chức vụ", CommitteeRole)
        form.date("starts_on", "Từ ngày")
        form.date("ends_on", "Đến ngày")
        form.check("appointed", "Hình thức", "chỉ định (không qua bầu cử)")
        form.text("decision", "Số quyết định chuẩn y, chỉ định", placeholder="Ví dụ: 45-QĐ/ĐU")
        self.form = form
        if post is None:
            form.set("role", CommitteeRole.COMMITTEE_MEMBER)
            form.set("starts_on", default_start)
        else:
            form.load(post)
        self.resize(560, 330)
        self.mark_clean()

    def collect(self) -> CommitteePost:
        values = self.form.values()
        errors: list[ValidationError] = []
        member_id = values["member_id"]
        if member_id is None:
            errors.append(ValidationError("member_id", "Đảng viên: chọn một đảng viên."))
        elif member_id in self._taken:
            errors.append(
                ValidationError("member_id", "Đảng viên: đã có chức vụ khác trong nhiệm kỳ này.")
            )
        starts_on, ends_on = values["starts_on"], values["ends_on"]
        if starts_on and ends_on and ends_on < starts_on:
            errors.append(ValidationError("ends_on", "Đến ngày: trước ngày bắt đầu."))
        if errors:
            raise InvalidRecord(errors)
        role: CommitteeRole = values.pop("role")
        name = _BIRTH_YEAR.sub("", self.member_combo.currentText())
        base = self._original or CommitteePost(member_id=member_id, role=role)
        return replace(base, **values, role=role, member_name=name)

    def store_record(self, record: CommitteePost) -> int:
        # Nothing is written yet: the term dialog saves all its posts together.
        self.post = record
        return record.member_id


class AssignCadreDialog(RecordDialog):
    """Put a cadre in charge of the organisation from a date (ends the previous assignment)."""

    def __init__(
        self,
        services: AppServices,
        organisation_id: int,
        assignments: Sequence[CadreAssignment],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Phân công cán bộ phụ trách", parent)
        self._services = services
        self._organisation_id = organisation_id
        self._open = next((a for a in assignments if a.ends_on is None), None)
        self.tabs.setTabBarAutoHide(True)
        form = self.add_form_tab("Phân công")
        if self._open is not None:
            form.layout.addRow(
                hint_label(
                    f"Đang phụ trách: {self._open.cadre_name} từ {show(self._open.starts_on)}. "
                    "Việc phụ trách này kết thúc từ ngày phân công mới."
                )
            )
        self.cadre_combo = form.choice(
            "cadre_id", "Cán bộ", self._cadre_items(), required=True, none_label="— chọn cán bộ —"
        )
        self.new_cadre_button = QPushButton("Thêm cán bộ mới…")
        self.new_cadre_button.clicked.connect(self._on_new_cadre_button_clicked)
        new_cadre_row = QHBoxLayout()
        new_cadre_row.addWidget(self.new_cadre_button)
        new_cadre_row.addStretch(1)
        form.layout.addRow("", new_cadre_row)
        form.date("starts_on", "Từ ngày", required=True)
        form.set("starts_on", date.today())
        self.form = form
        self.resize(560, 330)
        self.mark_clean()

    def _cadre_items(self) -> list[tuple[str, int]]:
        items = []
        for cadre in self._services.register.cadres():
            assert cadre.id is not None
            text = f"{cadre.full_name} — {cadre.title}" if cadre.title else cadre.full_name
            items.append((text, cadre.id))
        return items

    def _on_new_cadre_button_clicked(self) -> None:
        dialog = CadreDialog(self._services, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.form.refill("cadre_id", self._cadre_items(), "— chọn cán bộ —")
            self.form.set("cadre_id", dialog.record_id)

    def collect(self) -> CadreAssignment:
        values = self.form.values()
        errors: list[ValidationError] = []
        cadre_id, starts_on = values["cadre_id"], values["starts_on"]
        if cadre_id is None:
            errors.append(ValidationError("cadre_id", "Cán bộ: chọn cán bộ phụ trách."))
        elif self._open is not None and self._open.cadre_id == cadre_id:
            errors.append(ValidationError("cadre_id", "Cán bộ: đang phụ trách tổ chức này."))
        if starts_on is None:
            errors.append(ValidationError("starts_on", "Từ ngày: không được để trống."))
        elif self._open is not None and starts_on <= self._open.starts_on:
            # assign_cadre only closes an open assignment that started earlier; an earlier
            # date would leave two cadres in charge at once.
            errors.append(
                ValidationError(
                    "starts_on",
                    f"Từ ngày: phải sau ngày {show(self._open.starts_on)}, ngày cán bộ hiện nay "
                    "bắt đầu phụ trách.",
                )
            )
        if errors:
            raise InvalidRecord(errors)
        return CadreAssignment(self._organisation_id, cadre_id, starts_on)

    def store_record(self, record: CadreAssignment) -> int:
        return self._services.register.assign_cadre(
            record.organisation_id, record.cadre_id, record.starts_on
        )
