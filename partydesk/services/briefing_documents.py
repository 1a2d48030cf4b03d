"""The briefing round's documents: invitations, attendance sheet, biên bản, conclusion notice.

Each is written as a PDF, or as an editable DOCX when the target ends in ".docx". The office
issues them (header, place and signer from the office settings). The giấy mời (one number per
sitting), the biên bản and the thông báo take their numbers from the outgoing register when
first written, and a reprint finds the same line again (same number, same date): the register
line's date is the date printed on a giấy mời or thông báo; a biên bản is dated its last
sitting day. The attendance sheet is an attachment and takes no number.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from partydesk.domain.briefing import Briefing, BriefingIssue
from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import SignatureBlock
from partydesk.domain.errors import ValidationError
from partydesk.domain.organisation import secretary_on
from partydesk.domain.outgoing import BRIEFING_SOURCE, NumberRequest, SourceRef
from partydesk.domain.settings import OfficeSettings
from partydesk.reports.briefing_data import (
    BriefingPapers,
    InvitedOrganisation,
    IssuingOffice,
    Numbered,
    SittingPapers,
    lower_first,
)
from partydesk.services.document_files import write_document
from partydesk.services.outgoing import OutgoingService
from partydesk.services.progress import Progress, no_progress
from partydesk.store.store import Store

if TYPE_CHECKING:
    from partydesk.reports.briefing_layout import PrintedDocument

SUFFIXES = (".pdf", ".docx")
NOT_CONFIGURED = (
    "Chưa nhập đủ thông tin cấp ủy trong mục Cài đặt (tên cấp ủy, tên in trên tiêu đề, địa "
    "danh): văn bản giao ban cần chúng để in tiêu đề và nơi ký."
)
_SUMMARY_OPENING = {"BB": "Biên bản", "TB": "Kết luận"}  # a round document's trích yếu
RECIPIENTS_GM_LIMIT = 1500  # longer lists of invitees are summed up in the register line


class BriefingDocumentService:
    def __init__(
        self, store: Store, outgoing: OutgoingService, today: Callable[[], date] = date.today
    ) -> None:
        self._store = store
        self._outgoing = outgoing
        self._today = today

    # --- the four documents ---------------------------------------------------------------

    def write_invitations(
        self,
        briefing_id: int,
        target: Path,
        *,
        one_letter: bool = False,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the giấy mời of every sitting: one per organisation, or with ``one_letter``
        one per sitting with the list of organisations appended. Returns the PDF's pages
        (0 for a DOCX)."""
        from partydesk.reports.briefing_invitation import invitation_document

        def build() -> PrintedDocument:
            return invitation_document(self.invitation_papers(briefing_id), one_letter=one_letter)

        return self._write(target, "Giấy mời", build, progress, cancel)

    def write_attendance_sheet(
        self,
        briefing_id: int,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the sign-in sheet of every sitting (unnumbered: an attachment)."""
        from partydesk.reports.briefing_attendance import attendance_document

        def build() -> PrintedDocument:
            return attendance_document(self.papers(self._invited(briefing_id, "danh sách")))

        return self._write(target, "Danh sách đại biểu", build, progress, cancel)

    def write_minutes(
        self,
        briefing_id: int,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the biên bản of the round, numbered "Số …-BB/…" and dated its last day."""
        from partydesk.reports.briefing_minutes import minutes_document

        def build() -> PrintedDocument:
            briefing = self._held(briefing_id, "biên bản")
            assert briefing.last_day is not None  # a held round has its sittings
            number = self._round_number(briefing, "BB", briefing.last_day, "Lưu Văn phòng.")
            return minutes_document(self.papers(briefing, number))

        return self._write(target, "Biên bản", build, progress, cancel)

    def write_conclusions(
        self,
        briefing_id: int,
        target: Path,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the thông báo kết luận with the issues raised and those carried over."""
        from partydesk.reports.briefing_conclusions import RECIPIENTS, conclusions_document

        def build() -> PrintedDocument:
            briefing = self._held(briefing_id, "thông báo kết luận")
            number = self._round_number(briefing, "TB", self._today(), " ".join(RECIPIENTS))
            carried = tuple(self._store.briefings.carried_issues(briefing))
            return conclusions_document(self.papers(briefing, number, carried))

        return self._write(target, "Thông báo kết luận", build, progress, cancel)

    # --- what they print ------------------------------------------------------------------

    def invitation_papers(self, briefing_id: int) -> BriefingPapers:
        """The round with every sitting's giấy mời number, taken now if not taken before."""
        briefing = self._invited(briefing_id, "giấy mời")
        papers = self.papers(briefing)
        sittings = []
        for sitting in papers.sittings:
            label = sitting.sitting.label.strip()
            summary = f"Mời dự {lower_first(briefing.title)}" + (f" ({label})" if label else "")
            summary += f", ngày {format_vn_date(sitting.sitting.on)}"
            names = "; ".join(org.name for org in sitting.organisations)
            if len(names) > RECIPIENTS_GM_LIMIT:
                names = f"{len(sitting.organisations)} tổ chức đảng được mời"
            part = f"sitting:{sitting.sitting.id}"
            number = self._number(briefing, "GM", self._today(), summary, names, part)
            sittings.append(replace(sitting, number=number))
        return replace(papers, sittings=tuple(sittings))

    def papers(
        self,
        briefing: Briefing,
        number: Numbered | None = None,
        carried: tuple[BriefingIssue, ...] = (),
    ) -> BriefingPapers:
        """The round as its documents print it: the office, the sittings with their invited
        organisations and current bí thư, and the document's own number."""
        office = self._office()
        sittings = []
        for index, sitting in enumerate(briefing.sittings):
            organisations = tuple(
                InvitedOrganisation(
                    name=invitee.organisation_name,
                    secretary_name=self._secretary(invitee.organisation_id, sitting.on),
                    attendee_name=invitee.attendee_name,
                    attendee_position=invitee.attendee_position,
                    attendance=invitee.attendance,
                    absence_reason=invitee.absence_reason,
                    report_received_on=invitee.report_received_on,
                )
                for invitee in briefing.invitees
                if invitee.sitting_index == index
            )
            place = sitting.place.strip() or briefing.place
            sittings.append(SittingPapers(sitting, place, organisations))
        return BriefingPapers(
            office=IssuingOffice(
                upper_body=office.upper_body_header,
                issuer=office.committee_header,
                full_name=office.committee_full_name,
                place=office.locality,
                signer=SignatureBlock(
                    office.signer_authority, office.signer_title, office.signer_name
                ),
            ),
            briefing=briefing,
            sittings=tuple(sittings),
            number=number,
            carried_issues=carried,
        )

    # --- helpers --------------------------------------------------------------------------

    def _office(self) -> OfficeSettings:
        office = self._store.settings.office()
        if not office.is_configured:
            raise ValidationError("office", NOT_CONFIGURED)
        return office

    def _invited(self, briefing_id: int, what: str) -> Briefing:
        briefing = self._store.briefings.get(briefing_id)
        if not briefing.invitees:
            raise ValidationError(
                "invitees",
                f"{briefing.title} chưa mời tổ chức đảng nào: chưa in được {what}.",
            )
        return briefing

    def _held(self, briefing_id: int, what: str) -> Briefing:
        briefing = self._invited(briefing_id, what)
        if not briefing.held or not briefing.sittings:
            raise ValidationError(
                "held",
                f"{briefing.title} chưa được ghi là đã tổ chức: chưa in được {what}.",
            )
        return briefing

    def _number(
        self,
        briefing: Briefing,
        kind: str,
        on: date,
        summary: str,
        recipients: str,
        part: str = "",
    ) -> Numbered:
        """The document's register line: taken now, or found again on a reprint."""
        office = self._office()
        source = SourceRef(BRIEFING_SOURCE, briefing.id or 0, kind, part).text
        line = self._outgoing.take_number(
            NumberRequest(
                issuer=self._outgoing.office_issuer(),
                kind=kind,
                issued_on=on,
                summary=summary,
                source=source,
                signer=office.signer_name,
                recipients=recipients,
            )
        )
        return Numbered(line.number_text, line.issued_on)

    def _round_number(self, briefing: Briefing, kind: str, on: date, recipients: str) -> Numbered:
        """The number of a document of the whole round, its trích yếu "Biên bản hội nghị …"."""
        summary = f"{_SUMMARY_OPENING[kind]} {lower_first(briefing.title)}"
        return self._number(briefing, kind, on, summary, recipients)

    def _secretary(self, organisation_id: int, on: date) -> str:
        """The organisation's bí thư on ``on`` per the register, "" when none is recorded."""
        post = secretary_on(self._store.organisations.terms(organisation_id), on)
        return post.member_name if post else ""

    def _write(
        self,
        target: Path,
        label: str,
        build: Callable[[], PrintedDocument],
        progress: Progress,
        cancel: threading.Event | None,
    ) -> int:
        target = Path(target)
        suffix = target.suffix.lower()
        if suffix not in SUFFIXES:
            raise ValidationError(
                "target",
                f"Tệp {label.lower()}: phải có đuôi .pdf hoặc .docx (đã chọn “{target.name}”).",
            )
        if suffix == ".docx":
            from partydesk.reports.briefing_docx import write_docx

            def render(document: PrintedDocument, handle: BinaryIO) -> int:
                write_docx(document, handle)
                return 0

        else:
            from partydesk.reports.briefing_pdf import render_pdf as render

        return write_document(
            self._store,
            target,
            build,
            render,
            progress,
            cancel,
            what=lambda document: document.title or label,  # "Giấy mời – Hội nghị giao ban …"
        )
