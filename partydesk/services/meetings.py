"""Use cases of chi bộ meetings: start, copy, save, approve and lock, addenda, tasks, drafts,
and the compliance of every chi bộ with its meeting duties."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from partydesk.domain.accounts import Permission
from partydesk.domain.compliance import (
    ComplianceSettings,
    OrganisationCompliance,
    compliance_matrix,
)
from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import Addendum, Meeting, MeetingKind, RollEntry, Task, roll_entry_on
from partydesk.domain.meeting_codec import meeting_from_json, meeting_to_json
from partydesk.domain.meeting_rules import (
    ApprovalWarning,
    approval_warnings,
    approve,
    validate_addendum_text,
    validate_meeting,
)
from partydesk.domain.organisation import OrgKind, secretary_on
from partydesk.domain.rows import ListQuery, MeetingRow
from partydesk.domain.text import clean_text, name_sort_key
from partydesk.services.audit import audited, log_export, require
from partydesk.services.document_files import require_print, write_atomically
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.meetings import Draft
from partydesk.store.store import Store

COMPLIANCE_KEY = "compliance"


class MeetingService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today

    # --- starting a meeting -----------------------------------------------------------------

    def roll_for(self, organisation_id: int, on: date) -> tuple[RollEntry, ...]:
        """The attendance roll on ``on``: the chi bộ's members as the register had them then,
        in Vietnamese name order, everyone present until the clerk marks otherwise."""
        store = self._store
        query = ListQuery(organisation_id=organisation_id, include_ended=True)
        entries = []
        for row in store.members.list_rows(query, 0, 100_000):
            member = store.members.get(row.id)
            entry = roll_entry_on(member, store.members.events(row.id), on)
            if entry is not None:
                entries.append(entry)
        entries.sort(key=lambda e: name_sort_key(e.full_name))
        return tuple(entries)

    def new_meeting(
        self, organisation_id: int, on: date, kind: MeetingKind = MeetingKind.REGULAR
    ) -> Meeting:
        """A blank meeting with its roll; the bí thư chairs by default."""
        roll = self.roll_for(organisation_id, on)
        if kind is MeetingKind.COMMITTEE:
            # A chi ủy meeting calls the committee members only.
            committee = self._committee_of(organisation_id, on)
            roll = tuple(e for e in roll if e.member_id in committee)
        org = self._store.organisations.get(organisation_id)
        chair = self._secretary_of(organisation_id, on)
        present = {e.member_id for e in roll if e.is_present}
        return Meeting(
            organisation_id=organisation_id,
            on=on,
            kind=kind,
            place=org.address,
            roll=roll,
            chair_member_id=chair if chair in present else None,
        )

    def copy_previous(self, organisation_id: int, on: date) -> Meeting | None:
        """A new meeting with the structure of the chi bộ's latest meeting, or None if none."""
        previous_id = self._store.meetings.previous(organisation_id, on)
        if previous_id is None:
            return None
        previous = self._store.meetings.get(previous_id)
        return previous.copy_structure(on, self.roll_for(organisation_id, on))

    def _committee_of(self, organisation_id: int, on: date) -> set[int]:
        return {
            post.member_id
            for term in self._store.organisations.terms(organisation_id)
            if term.is_current(on)
            for post in term.current_posts(on)
        }

    def _secretary_of(self, organisation_id: int, on: date) -> int | None:
        post = secretary_on(self._store.organisations.terms(organisation_id), on)
        return post.member_id if post else None

    # --- reading ----------------------------------------------------------------------------

    def meeting(self, meeting_id: int) -> Meeting:
        return self._store.meetings.get(meeting_id)

    def rows(self, query: ListQuery, offset: int, limit: int) -> list[MeetingRow]:
        return self._store.meetings.list_rows(query, offset, limit)

    def count(self, query: ListQuery) -> int:
        return self._store.meetings.count(query)

    def cell_choices(self) -> list[tuple[int, str]]:
        """The current chi bộ, which hold meetings: (id, name) in name order."""
        kinds = frozenset(k for k in OrgKind if k.is_cell)
        return self._store.organisations.choices(kinds=kinds)

    def open_tasks(
        self, organisation_id: int, before: date, exclude_meeting_id: int | None = None
    ) -> list[Task]:
        return self._store.meetings.open_tasks(organisation_id, before, exclude_meeting_id)

    def warnings(self, meeting: Meeting) -> list[ApprovalWarning]:
        return approval_warnings(validate_meeting(meeting))

    # --- writing ----------------------------------------------------------------------------

    @audited("Lưu biên bản sinh hoạt chi bộ")
    def save(self, meeting: Meeting) -> int:
        """Validate and save a draft meeting; its autosaved form draft is then obsolete."""
        clean = validate_meeting(meeting)
        store = self._store
        meeting_id = store.meetings.save(clean)
        store.meetings.delete_draft(meeting.id, meeting.organisation_id)
        if meeting.id is None:
            store.meetings.delete_draft(meeting_id, meeting.organisation_id)
        return meeting_id

    @audited("Thông qua biên bản sinh hoạt chi bộ")
    def approve(self, meeting: Meeting, override_reason: str = "") -> int:
        """Approve and lock the minutes. With warnings, ``override_reason`` is required and is
        kept with the minutes."""
        approved = approve(meeting, self._today(), override_reason)
        store = self._store
        meeting_id = store.meetings.approve(approved)
        store.meetings.delete_draft(meeting.id, meeting.organisation_id)
        return meeting_id

    @audited("Đính chính biên bản sinh hoạt chi bộ")
    def add_addendum(self, meeting_id: int, text: str, on: date | None = None) -> int:
        cleaned = validate_addendum_text(text)
        meeting = self._store.meetings.get(meeting_id)
        when = on or self._today()
        if when < meeting.on:
            raise ValidationError("addendum_on", "Ngày đính chính: không được trước ngày họp.")
        return self._store.meetings.add_addendum(meeting_id, Addendum(when, cleaned))

    @audited("Xóa buổi sinh hoạt chi bộ")
    def delete(self, meeting_id: int) -> None:
        self._store.meetings.delete(meeting_id)

    @audited("Cập nhật nhiệm vụ được giao")
    def set_task_done(self, task_id: int, done_on: date | None, note: str = "") -> None:
        self._store.meetings.set_task_done(task_id, done_on, clean_text(note))

    # --- autosaved drafts -------------------------------------------------------------------

    def save_draft(self, meeting: Meeting) -> None:
        """Keep the form's content as typed (valid or not) until it is saved or discarded.

        Drafts are scratch state, rewritten every few seconds and not in the audit log (the
        meeting is, when it is saved); writing one still needs the right to edit."""
        require(self._store, Permission.EDIT)
        payload = meeting_to_json(meeting)
        with self._store.lock:
            self._store.meetings.save_draft(meeting.id, meeting.organisation_id, payload)

    def draft(
        self, meeting_id: int | None, organisation_id: int
    ) -> tuple[Meeting, datetime] | None:
        found = self._store.meetings.draft(meeting_id, organisation_id)
        return self._decode(found)

    def drafts(self) -> list[Draft]:
        return self._store.meetings.drafts()

    def decode_draft(self, draft: Draft) -> Meeting:
        return meeting_from_json(draft.payload)

    def discard_draft(self, meeting_id: int | None, organisation_id: int) -> None:
        """Forget the autosaved draft. An account that may not edit (or a file open only to
        look at) leaves it for whoever typed it: opening a meeting to read it never fails."""
        store = self._store
        if not store.actor.may(Permission.EDIT, read_only=store.read_only):
            return
        with store.lock:
            store.meetings.delete_draft(meeting_id, organisation_id)

    @staticmethod
    def _decode(found: Draft | None) -> tuple[Meeting, datetime] | None:
        if found is None:
            return None
        try:
            return meeting_from_json(found.payload), found.saved_at
        except ValueError:
            return None

    # --- compliance -------------------------------------------------------------------------

    def compliance_settings(self) -> ComplianceSettings:
        stored = self._store.settings.get_value(COMPLIANCE_KEY, {})
        values = stored if isinstance(stored, dict) else {}
        return ComplianceSettings(
            thematic_each_quarter=bool(values.get("thematic_each_quarter", True)),
            cadre_each_quarter=bool(values.get("cadre_each_quarter", True)),
        )

    @audited("Sửa yêu cầu sinh hoạt chi bộ hằng quý", Permission.SETTINGS)
    def save_compliance_settings(self, settings: ComplianceSettings) -> None:
        self._store.settings.set_value(
            COMPLIANCE_KEY,
            {
                "thematic_each_quarter": settings.thematic_each_quarter,
                "cadre_each_quarter": settings.cadre_each_quarter,
            },
        )

    def compliance(
        self, year: int, kind: OrgKind | None = None, cadre_id: int | None = None
    ) -> list[OrganisationCompliance]:
        """Every chi bộ's compliance in ``year``, optionally only of one kind or one cadre's."""
        facts = [
            f
            for f in self._store.meetings.compliance_facts(year)
            if (kind is None or f.kind is kind)
            and (cadre_id is None or any(c == cadre_id for c, _ in f.cadres))
        ]
        return compliance_matrix(facts, year, self._today(), self.compliance_settings())

    # --- the compliance workbook and the clock (for the compliance page) --------------------

    def today(self) -> date:
        """The services' today: the year the compliance page opens on."""
        return self._today()

    def write_compliance_xlsx(
        self,
        year: int,
        target: Path,
        *,
        kind: OrgKind | None = None,
        cadre_id: int | None = None,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> None:
        """Write the compliance matrix and the list of gaps of ``year`` as an XLSX workbook.

        Written atomically: a failure or a cancel never leaves a half-written file; the export
        is logged.
        """
        from partydesk.reports.compliance_xlsx import ComplianceReport, write_compliance_workbook

        require_print(self._store)
        progress(0, 3, "Đang tính tình hình sinh hoạt…")
        with self._store.lock:
            rows = self.compliance(year, kind, cadre_id)
            office = self._store.settings.office()
            cadres = {c.id: c.full_name for c in self._store.organisations.cadres(True)}
        check_cancel(cancel)
        selection = []
        if kind is not None:
            selection.append(kind.label)
        if cadre_id is not None:
            selection.append(f"cán bộ phụ trách: {cadres.get(cadre_id, '')}")
        report = ComplianceReport(
            year=year,
            rows=rows,
            settings=self.compliance_settings(),
            committee_name=office.committee_full_name,
            selection="; ".join(selection),
            made_on=self._today(),
        )
        progress(1, 3, "Đang ghi tệp Excel…")

        def write(handle: BinaryIO) -> int:
            write_compliance_workbook(report, handle)
            check_cancel(cancel)
            return 0

        write_atomically(Path(target), write)
        log_export(self._store, f"Tình hình sinh hoạt chi bộ năm {year}", target, len(rows))
        progress(3, 3, "Xong")
