"""The outgoing document register: numbers for printed documents, cancelling, the register view.

Every numbered document PartyDesk prints asks ``take_number`` once per print; the first print
takes the next number of its issuer, kind and committee term (HD 36, domain.md §3.3), every
reprint gets the same line back. The office's numbers run through the office's own terms (kept
here); an organisation's run through its committee terms from the register.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from partydesk.domain.accounts import AccessDenied, Permission
from partydesk.domain.documents import DOCUMENT_KINDS
from partydesk.domain.errors import ValidationError
from partydesk.domain.outgoing import (
    NO_TERM_KEY,
    OFFICE_ISSUER_KEY,
    Issuer,
    NumberRequest,
    OfficeTerm,
    OutgoingDocument,
    OutgoingFilter,
    TermRef,
    clean_number_request,
    office_term_key,
    organisation_issuer_key,
    organisation_term_key,
)
from partydesk.services.audit import audited
from partydesk.services.document_files import write_document
from partydesk.services.progress import Progress, no_progress
from partydesk.store.store import Store

READ_ONLY_NUMBER_MESSAGE = (
    "Tệp dữ liệu đang mở chỉ để xem: văn bản này chưa có số và không lấy được số mới, vì số "
    "phải được ghi vào sổ văn bản đi. Văn bản đã có số vẫn in lại được. Không có gì bị thay "
    "đổi."
)
NO_OFFICE_MESSAGE = (
    "Chưa nhập tên cấp ủy và ký hiệu trong mục Cài đặt: văn bản của cấp ủy cần chúng để được "
    "cấp số (ví dụ “Số 01-GM/ĐU”)."
)


class OutgoingService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today

    def today(self) -> date:
        return self._today()

    # --- who issues, in which term ---------------------------------------------------------

    def office_issuer(self) -> Issuer:
        """The supervising committee itself, as named in the office settings."""
        office = self._store.settings.office()
        if not office.committee_full_name.strip() or not office.abbreviation.strip():
            raise ValidationError("office", NO_OFFICE_MESSAGE)
        return Issuer(OFFICE_ISSUER_KEY, office.committee_full_name, office.abbreviation)

    def organisation_issuer(self, organisation_id: int) -> Issuer:
        org = self._store.organisations.get(organisation_id)
        return Issuer(
            organisation_issuer_key(organisation_id),
            org.name,
            org.issuer_abbreviation,
            organisation_id,
        )

    def term_for(self, issuer: Issuer, on: date) -> TermRef:
        """The committee term the issuer's numbers run through on ``on``.

        The office: its term in force that day (the last one started on or before it). An
        organisation: its term covering that day. Without one, numbers run in a single series.
        """
        if issuer.organisation_id is None:
            for office_term in self._store.outgoing.office_terms():  # newest first
                if office_term.starts_on <= on:
                    return TermRef(office_term_key(office_term.id or 0), office_term.label)
            return TermRef(NO_TERM_KEY, "")
        terms = [
            t for t in self._store.organisations.terms(issuer.organisation_id) if t.is_current(on)
        ]
        if not terms:
            return TermRef(NO_TERM_KEY, "")
        term = max(terms, key=lambda t: t.starts_on)
        return TermRef(organisation_term_key(term.id or 0), term.label)

    # --- numbers ---------------------------------------------------------------------------

    # Taking a number is part of printing: whoever may print a numbered document takes its
    # number (a viewer printing a giấy mời too); the register line is logged like any change.
    @audited("Lấy số văn bản đi", Permission.PRINT)
    def take_number(self, request: NumberRequest) -> OutgoingDocument:
        """The register line of the document about to be printed: its number, taken once.

        Asking again with the same ``source`` returns the same line (same number and date),
        until that line is cancelled; printing it again then takes a new number. On a file
        open only to look at, a reprint works and a new number is refused (``AccessDenied``).
        """
        request = clean_number_request(request)
        existing = self._store.outgoing.by_source(request.source)
        if existing is not None:
            return existing
        if self._store.read_only:
            refusal = AccessDenied(self._store.actor, Permission.EDIT, read_only=True)
            refusal.message = READ_ONLY_NUMBER_MESSAGE
            raise refusal
        term = self.term_for(request.issuer, request.issued_on)
        return self._store.outgoing.take_number(request, term)

    @audited("Hủy số văn bản đi")
    def cancel(self, document_id: int, reason: str) -> OutgoingDocument:
        """Cancel a number today; the line stays in the register with the reason."""
        return self._store.outgoing.cancel(document_id, self._today(), reason)

    def document(self, document_id: int) -> OutgoingDocument:
        with self._store.lock:
            return self._store.outgoing.get(document_id)

    def by_source(self, source: str) -> OutgoingDocument | None:
        with self._store.lock:
            return self._store.outgoing.by_source(source)

    # --- the register view -----------------------------------------------------------------

    def documents(
        self, query: OutgoingFilter, newest_first: bool = False
    ) -> list[OutgoingDocument]:
        with self._store.lock:
            return self._store.outgoing.documents(query, newest_first)

    def years(self) -> list[int]:
        """Years with register lines, and this year, newest first."""
        with self._store.lock:
            years = set(self._store.outgoing.years())
        return sorted(years | {self._today().year}, reverse=True)

    def issuers(self) -> list[tuple[str, str]]:
        """(key, name) of the issuers to filter by: the office first, then those with lines."""
        with self._store.lock:
            office = self._store.settings.office().committee_full_name or "Cấp ủy"
            others = [(k, n) for k, n in self._store.outgoing.issuers() if k != OFFICE_ISSUER_KEY]
        return [(OFFICE_ISSUER_KEY, office), *others]

    def write_xlsx(
        self,
        target: Path,
        query: OutgoingFilter,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the register lines of ``query`` as an XLSX workbook; return the line count.

        The workbook is written beside ``target`` and moved into place at the end, so a failure
        or a cancel never leaves a half-written file under the chosen name.
        """
        from partydesk.reports.outgoing_xlsx import OutgoingRegisterReport, write_register

        def build() -> OutgoingRegisterReport:
            office = self._store.settings.office()
            return OutgoingRegisterReport(
                documents=self._store.outgoing.documents(query),
                committee_name=office.committee_full_name,
                period=f"Năm {query.year}" if query.year is not None else "Tất cả các năm",
                selection=_selection_text(
                    query, dict(self._store.outgoing.issuers()), office.committee_full_name
                ),
                made_on=self._today(),
            )

        def render(report: OutgoingRegisterReport, handle: BinaryIO) -> int:
            write_register(report, handle)
            return len(report.documents)

        return write_document(
            self._store,
            target,
            build,
            render,
            progress,
            cancel,
            "Đang lấy sổ văn bản đi…",
            what="Sổ đăng ký văn bản đi",
            count=lambda report: len(report.documents),
        )

    # --- the office's committee terms ------------------------------------------------------

    def office_terms(self) -> list[OfficeTerm]:
        with self._store.lock:
            return self._store.outgoing.office_terms()

    @audited("Lưu nhiệm kỳ của cấp ủy", Permission.SETTINGS)
    def save_office_term(self, term: OfficeTerm) -> int:
        return self._store.outgoing.save_office_term(term)

    @audited("Xóa nhiệm kỳ của cấp ủy", Permission.SETTINGS)
    def delete_office_term(self, term_id: int) -> None:
        self._store.outgoing.delete_office_term(term_id)


def _selection_text(query: OutgoingFilter, issuer_names: dict[str, str], office: str) -> str:
    """The filters of an export, as a line under the title ("Chi bộ X; Giấy mời; tìm “hội”")."""
    parts = []
    if query.issuer_key is not None:
        name = office if query.issuer_key == OFFICE_ISSUER_KEY else ""
        parts.append(name or issuer_names.get(query.issuer_key, query.issuer_key))
    if query.kind is not None:
        parts.append(DOCUMENT_KINDS.get(query.kind, query.kind))
    if query.search:
        parts.append(f"tìm “{query.search}”")
    if not query.include_cancelled:
        parts.append("không kể số đã hủy")
    return "; ".join(parts)
