"""The briefing round dialog: plan, invitees, issues and biên bản on four tabs, saved together."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from partydesk.domain.briefing import Briefing, BriefingIssue, SplitBy
from partydesk.domain.errors import ValidationError
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices
from partydesk.ui.briefing.invitees_section import InviteesSection
from partydesk.ui.briefing.issues_section import IssuesSection
from partydesk.ui.briefing.minutes_section import MinutesSection
from partydesk.ui.briefing.plan_section import PlanSection
from partydesk.ui.widgets.dialog_buttons import ok_cancel_buttons

PLAN_TAB, INVITEES_TAB, ISSUES_TAB, MINUTES_TAB = range(4)


class BriefingDialog(QDialog):
    """Edits one round (saved or a proposal from ``BriefingService.plan``).

    After a successful save ``saved`` holds the round as stored.
    """

    def __init__(
        self, services: AppServices, briefing: Briefing, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._briefing = briefing
        self.saved: Briefing | None = None
        self.setWindowTitle(briefing.title if briefing.id else f"Lập kế hoạch – {briefing.title}")
        self.resize(1100, 720)

        self.plan = PlanSection()
        self.invitees = InviteesSection(services.register.organisation_choices())
        self.issues = IssuesSection()
        self.minutes = MinutesSection()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan, "Kế hoạch")
        self.tabs.addTab(self.invitees, "Đơn vị dự")
        self.tabs.addTab(self.issues, "Kiến nghị")
        self.tabs.addTab(self.minutes, "Biên bản")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.plan.resplit_requested.connect(self._resplit)
        self.plan.sitting_removed.connect(self.invitees.sitting_removed)

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons, self.save_button = ok_cancel_buttons(self, "Lưu", self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._load(briefing, services.briefings.carried_issues(briefing))

    def _load(self, briefing: Briefing, carried: list[BriefingIssue]) -> None:
        self.plan.load(briefing)
        self.invitees.load(briefing.invitees, briefing.sittings)
        self.invitees.set_reports_due(briefing.reports_due_on)
        self.issues.set_organisations(self.invitees.organisation_ids())
        self.issues.load(briefing.issues, carried)
        self.minutes.load(briefing)

    # --- collecting -------------------------------------------------------------------------

    def collect(self) -> tuple[Briefing, list[BriefingIssue]]:
        """The round and the edited carried issues; ``InvalidRecord`` for unreadable cells."""
        errors: list[ValidationError] = []
        briefing = self._briefing
        for read in (self.plan.apply, self.minutes.apply):
            try:
                briefing = read(briefing)
            except InvalidRecord as exc:
                errors += exc.errors
        try:
            briefing = replace(briefing, invitees=self.invitees.invitees())
        except InvalidRecord as exc:
            errors += exc.errors
        carried: list[BriefingIssue] = []
        try:
            own, carried = self.issues.issues()
            briefing = replace(briefing, issues=own)
        except InvalidRecord as exc:
            errors += exc.errors
        if errors:
            raise InvalidRecord(errors)
        return briefing, carried

    def save(self) -> None:
        try:
            briefing, carried = self.collect()
            self.saved = self._services.briefings.save(briefing, carried)
        except InvalidRecord as exc:
            self._show_errors(exc)
            return
        except ValidationError as exc:  # a second round for the same half-year
            self._show_errors(InvalidRecord([exc]))
            return
        self.accept()

    def _show_errors(self, errors: InvalidRecord) -> None:
        for section in (self.plan, self.invitees, self.issues, self.minutes):
            section.show_errors(errors)
        lines = [e.message for e in errors.errors]
        shown = lines[:6] + ([f"… và {len(lines) - 6} lỗi khác."] if len(lines) > 6 else [])
        self.error_label.setText("Chưa lưu được:\n" + "\n".join(shown))
        self.error_label.show()
        self.tabs.setCurrentIndex(self._tab_of(errors.errors[0].field))

    def _tab_of(self, field: str) -> int:
        if field.startswith("invitee:"):
            return INVITEES_TAB
        if field.startswith(("issue:", "carried:")):
            return ISSUES_TAB
        if self.minutes.owns(field):
            return MINUTES_TAB
        return PLAN_TAB

    # --- keeping the tabs in step -----------------------------------------------------------

    def _on_tabs_current_changed(self, index: int) -> None:
        """Sittings, the due date and the invitees may have changed on another tab."""
        if index == INVITEES_TAB:
            # Unreadable sittings are reported on saving; keep the labels the clerk last saw.
            with contextlib.suppress(InvalidRecord):
                self.invitees.set_sittings(self.plan.read_sittings())
            self.invitees.set_reports_due(self.plan.form.widget("reports_due_on").date())
        elif index == ISSUES_TAB:
            self.issues.set_organisations(self.invitees.organisation_ids())

    def _resplit(self, split_by: SplitBy | str) -> None:
        try:
            sittings = self.plan.read_sittings()
            invitees = self.invitees.invitees()
        except InvalidRecord as exc:
            self._show_errors(exc)
            return
        current = replace(self._briefing, sittings=sittings, invitees=invitees)
        regrouped = self._services.briefings.resplit(current, SplitBy(split_by))
        self.plan.load_sittings(regrouped.sittings)
        self.invitees.load(regrouped.invitees, regrouped.sittings)
