"""Documents built from the register and the meetings: the organisation's member list (Mẫu
7-HSĐV layout), one biên bản (PDF or DOCX), the minute book and the blank biên bản."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import DocumentHeader, SignatureBlock, format_document_number
from partydesk.domain.errors import ValidationError
from partydesk.domain.meeting import Meeting, MeetingKind
from partydesk.domain.member import EventKind, Member
from partydesk.domain.organisation import Organisation, secretary_on
from partydesk.domain.rows import ListQuery
from partydesk.domain.settings import OfficeSettings
from partydesk.services.audit import log_export
from partydesk.services.document_files import require_print, write_atomically, write_document
from partydesk.services.meetings import MeetingService
from partydesk.services.progress import Cancelled, Progress, check_cancel, no_progress
from partydesk.store.store import Store

if TYPE_CHECKING:
    from partydesk.reports.member_list import MemberListDocument, MemberListRow
    from partydesk.reports.minutes_data import BlankMinutes, MinuteBook, MinutesDocument

# What ``write_minutes`` can make, by the target's suffix.
MINUTES_SUFFIXES = (".pdf", ".docx")

_EVENT_COLUMNS = {
    EventKind.TRANSFER_OUT: "transfer_out",
    EventKind.TRANSFER_IN: "transfer_in",
    EventKind.DECEASED: "death",
    EventKind.STRUCK_OFF: "left_party",
    EventKind.EXPELLED: "left_party",
    EventKind.RESIGNED: "left_party",
}


class DocumentService:
    def __init__(
        self,
        store: Store,
        meetings: MeetingService,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._meetings = meetings
        self._today = today

    def member_list(self, organisation_id: int, include_ended: bool = False) -> MemberListDocument:
        """The member list of one organisation as of today, in Vietnamese name order."""
        # reportlab takes 0.1 s to import: load it when a document is made, not at start-up.
        from partydesk.reports.member_list import MemberListDocument

        store = self._store
        org = store.organisations.get(organisation_id)
        office = store.settings.office()
        today = self._today()
        query = ListQuery(organisation_id=organisation_id, include_ended=include_ended)
        ids = [row.id for row in store.members.list_rows(query, 0, 1_000_000)]
        rows = [
            self._row(index, store.members.get(member_id))
            for index, member_id in enumerate(ids, start=1)
        ]
        post = secretary_on(store.organisations.terms(organisation_id), today)
        secretary = post.member_name if post else ""
        upper_body = self._upper_body(org, office)
        authority = "T/M ĐẢNG ỦY" if org.kind.is_party_committee else "T/M CHI BỘ"
        return MemberListDocument(
            header=self.organisation_header(org, office, today, upper_body=upper_body),
            organisation_name=org.name,
            as_of=today,
            rows=rows,
            signer=SignatureBlock(authority, "BÍ THƯ", secretary),
        )

    def _row(self, index: int, member: Member) -> MemberListRow:
        from partydesk.reports.member_list import MemberListRow

        gender = member.gender.label if member.gender else ""
        events: dict[str, list[str]] = {}
        for event in self._store.members.events(member.id or 0):
            column = _EVENT_COLUMNS.get(event.kind)
            if column:
                where = f", {event.other_organisation}" if event.other_organisation else ""
                events.setdefault(column, []).append(f"{format_vn_date(event.on)}{where}")
        job = ", ".join(p for p in (member.job_title, member.expertise) if p)
        return MemberListRow(
            stt=str(index),
            full_name=member.full_name + (f"\n({member.birth_name})" if member.birth_name else ""),
            gender_ethnicity_religion="\n".join(
                p for p in (gender, member.ethnicity, member.religion) if p
            ),
            hometown=member.hometown,
            education="\n".join(
                p for p in (member.education, member.political_theory, member.expertise) if p
            ),
            occupation="\n".join(p for p in (member.occupation_before, job) if p),
            admission_dates="\n".join(
                format_vn_date(d) for d in (member.admission_decision_date, member.official_date)
            ).strip(),
            card_numbers="\n".join(p for p in (member.card_number, member.dossier_number) if p),
            notes=member.status.label if member.status.is_ended else member.standing.label,
            **{column: "\n".join(lines) for column, lines in events.items()},
        )

    def write_member_list(
        self,
        organisation_id: int,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the member list PDF to ``target``; return its page count.

        The PDF is written beside the target and moved into place at the end, so a failure or
        a cancel never leaves a half-written file under the chosen name.
        """
        from partydesk.reports.member_list import render_member_list

        return write_document(
            self._store,
            target,
            lambda: self.member_list(organisation_id),
            render_member_list,
            progress,
            cancel,
            what=lambda document: f"Danh sách đảng viên {document.organisation_name}",
            count=lambda document: len(document.rows),
        )

    # --- shared by every document -----------------------------------------------------------

    def _upper_body(self, org: Organisation, office: OfficeSettings) -> str:
        """The header line above the organisation's name.

        A chi bộ trực thuộc prints the đảng bộ it belongs to; a base organisation prints the
        đảng bộ of the supervising committee.
        """
        if org.parent_id is not None:
            return self._store.organisations.get(org.parent_id).printed_header
        return office.org_upper_body_header

    def organisation_header(
        self,
        org: Organisation,
        office: OfficeSettings,
        on: date | None,
        number_text: str | None = None,
        upper_body: str | None = None,
    ) -> DocumentHeader:
        """The HD 36 header of a document the organisation issues (``on`` None: date blank)."""
        return DocumentHeader(
            upper_body=self._upper_body(org, office) if upper_body is None else upper_body,
            issuer=org.printed_header,
            number_text=number_text,
            place=office.locality,
            date=on,
        )

    # --- one biên bản -----------------------------------------------------------------------

    def minutes_document(self, meeting_id: int) -> MinutesDocument:
        """The biên bản of one meeting, with its chi bộ's header and the tasks it reviewed."""
        store = self._store
        meeting = store.meetings.get(meeting_id)
        org = store.organisations.get(meeting.organisation_id)
        office = store.settings.office()
        return self._minutes_document(meeting, org, office, self._upper_body(org, office))

    def _minutes_document(
        self, meeting: Meeting, org: Organisation, office: OfficeSettings, upper_body: str
    ) -> MinutesDocument:
        from partydesk.reports.minutes_data import MinutesDocument

        number = (
            format_document_number(meeting.number, "BB", org.issuer_abbreviation)
            if meeting.number
            else None
        )
        reviewed = self._store.meetings.tasks_reviewed_at(org.id or 0, meeting.on, meeting.id or 0)
        # A task done after this meeting was still open at it: it prints as not yet done.
        earlier = tuple(
            t if t.done_on is None or t.done_on <= meeting.on else replace(t, done_on=None)
            for t in reviewed
        )
        return MinutesDocument(
            header=self.organisation_header(org, office, meeting.on, number, upper_body),
            meeting=meeting,
            organisation_name=org.name,
            earlier_tasks=earlier,
        )

    def write_minutes(
        self,
        meeting_id: int,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the biên bản to ``target``: a PDF, or an editable DOCX when the name ends in
        ".docx". Returns the PDF's page count; 0 for a DOCX, which Word paginates itself."""
        target = Path(target)
        suffix = target.suffix.lower()
        if suffix not in MINUTES_SUFFIXES:
            raise ValidationError(
                "target", f"Tệp biên bản: phải có đuôi .pdf hoặc .docx (đã chọn “{target.name}”)."
            )
        if suffix == ".docx":
            from partydesk.reports.minutes_docx import write_minutes_docx

            def render(document: MinutesDocument, handle: BinaryIO) -> int:
                write_minutes_docx(document, handle)
                return 0

        else:
            from partydesk.reports.minutes import render_minutes as render

        return write_document(
            self._store,
            target,
            lambda: self.minutes_document(meeting_id),
            render,
            progress,
            cancel,
            what=lambda document: (
                f"Biên bản sinh hoạt {document.organisation_name} ngày "
                f"{format_vn_date(document.meeting.on)}"
            ),
        )

    # --- the minute book ----------------------------------------------------------------------

    def minute_book(
        self, organisation_id: int, first: date, last: date, volume: int = 1
    ) -> MinuteBook:
        """The approved biên bản of the chi bộ's meetings from ``first`` to ``last``, in date
        order: the bound book holds final minutes only (drafts are still being written), and
        chi ủy meetings, which keep their own book, are left out."""
        from partydesk.reports.minutes_data import MinuteBook

        if last < first:
            raise ValidationError("last", "Đến ngày: phải từ ngày bắt đầu trở đi.")
        if volume < 1:
            raise ValidationError("volume", "Quyển số: phải từ 1 trở lên.")
        store = self._store
        org = store.organisations.get(organisation_id)
        office = store.settings.office()
        meetings = [
            meeting
            for meeting in store.meetings.get_many(
                store.meetings.ids_between(organisation_id, first, last)
            )
            if meeting.is_locked and meeting.kind is not MeetingKind.COMMITTEE
        ]
        if not meetings:
            raise ValidationError(
                "first",
                f"{org.name} không có biên bản sinh hoạt chi bộ nào đã thông qua từ ngày "
                f"{format_vn_date(first)} đến ngày {format_vn_date(last)}: không có gì để in "
                "vào sổ biên bản.",
            )
        upper_body = self._upper_body(org, office)
        entries = tuple(
            self._minutes_document(meeting, org, office, upper_body) for meeting in meetings
        )
        return MinuteBook(
            upper_body=upper_body,
            issuer=org.printed_header,
            organisation_name=org.name,
            volume=volume,
            first=first,
            last=last,
            place=office.locality,
            entries=entries,
        )

    def write_minute_book(
        self,
        organisation_id: int,
        first: date,
        last: date,
        target: Path,
        *,
        volume: int = 1,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the minute book PDF to ``target``; return its page count."""
        from partydesk.reports.minute_book import BookCancelled, render_minute_book

        require_print(self._store)
        progress(0, 1, "Đang lấy dữ liệu…")
        with self._store.lock:
            book = self.minute_book(organisation_id, first, last, volume)
        check_cancel(cancel)

        def write(handle: BinaryIO) -> int:
            return render_minute_book(
                book,
                handle,
                progress=progress,
                should_stop=lambda: cancel is not None and cancel.is_set(),
            )

        try:
            pages = write_atomically(target, write)
        except BookCancelled:
            raise Cancelled from None
        what = (
            f"Sổ biên bản {book.organisation_name} quyển {volume} "
            f"({format_vn_date(first)}–{format_vn_date(last)}): {len(book.entries)} biên bản"
        )
        log_export(self._store, what, target)
        return pages

    # --- the blank biên bản -------------------------------------------------------------------

    def blank_minutes(self, organisation_id: int) -> BlankMinutes:
        """The paper template of the chi bộ, its member list as of today, the date left blank."""
        from partydesk.reports.minutes_data import BlankMinutes

        store = self._store
        org = store.organisations.get(organisation_id)
        office = store.settings.office()
        roll = self._meetings.roll_for(organisation_id, self._today())
        return BlankMinutes(
            header=self.organisation_header(org, office, None),
            organisation_name=org.name,
            roll=roll,
        )

    def write_blank_minutes(
        self,
        organisation_id: int,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the blank biên bản PDF to ``target``; return its page count."""
        from partydesk.reports.blank_minutes import render_blank_minutes

        return write_document(
            self._store,
            target,
            lambda: self.blank_minutes(organisation_id),
            render_blank_minutes,
            progress,
            cancel,
            fetching="Đang lấy danh sách đảng viên…",
            what=lambda document: f"Biên bản để trống {document.organisation_name}",
            count=lambda document: len(document.roll),
        )
