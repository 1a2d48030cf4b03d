"""Documents built from the register: the organisation's member list (Mẫu 7-HSĐV layout)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.domain.member import EventKind, Member
from partydesk.domain.organisation import CommitteeRole
from partydesk.domain.rows import ListQuery
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.store import Store

if TYPE_CHECKING:
    from partydesk.reports.member_list import MemberListDocument, MemberListRow

_EVENT_COLUMNS = {
    EventKind.TRANSFER_OUT: "transfer_out",
    EventKind.TRANSFER_IN: "transfer_in",
    EventKind.DECEASED: "death",
    EventKind.STRUCK_OFF: "left_party",
    EventKind.EXPELLED: "left_party",
    EventKind.RESIGNED: "left_party",
}


class DocumentService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
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
        secretary = next(
            (
                post.member_name
                for term in store.organisations.terms(organisation_id)
                if term.is_current(today)
                for post in term.current_posts(today)
                if post.role is CommitteeRole.SECRETARY
            ),
            "",
        )
        # A chi bộ trực thuộc prints the đảng bộ it belongs to above its own name; a base
        # organisation prints the đảng bộ of the supervising committee.
        upper_body = (
            store.organisations.get(org.parent_id).printed_header
            if org.parent_id is not None
            else office.org_upper_body_header
        )
        authority = "T/M ĐẢNG ỦY" if org.kind.is_party_committee else "T/M CHI BỘ"
        return MemberListDocument(
            header=DocumentHeader(
                upper_body=upper_body,
                issuer=org.printed_header,
                number_text=None,
                place=office.locality,
                date=today,
            ),
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
        progress(0, 2, "Đang lấy dữ liệu…")
        document = self.member_list(organisation_id)
        check_cancel(cancel)
        progress(1, 2, "Đang dựng văn bản…")
        from partydesk.reports.member_list import render_member_list

        temp = target.with_name(target.name + ".partial")
        try:
            with temp.open("wb") as handle:
                pages = render_member_list(document, handle)
            check_cancel(cancel)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        progress(2, 2, "Xong")
        return pages
