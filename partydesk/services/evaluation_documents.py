"""Printing an evaluation cycle: forms, ballots, count records, decisions, classification sheets.

Every file is written atomically: a batch of forms into one PDF, or one PDF per organisation
into a folder (written beside it first and moved in only when all are done), so a cancel or a
failure leaves no half-written file. A decision takes its number from the office's outgoing
register once and keeps it on reprints; the number and date are stored on the organisation's
row while the cycle is open.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from pathvalidate import sanitize_filename

from partydesk.domain.accounts import Permission
from partydesk.domain.classification import ClassificationSheet
from partydesk.domain.classification_rules import build_sheet
from partydesk.domain.enterprise import EnterpriseType
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import Cycle, MemberEvaluation, OrgEvaluation, RuleCode
from partydesk.domain.organisation import OrgKind
from partydesk.domain.outgoing import EVALUATION_SOURCE, NumberRequest, SourceRef
from partydesk.reports.briefing_layout import PrintedDocument
from partydesk.reports.evaluation_ballots import ballot_document, count_record_document
from partydesk.reports.evaluation_decision import decision_document
from partydesk.reports.evaluation_forms import member_form_document, org_form_document
from partydesk.reports.evaluation_pdf import RenderCancelled, render_papers
from partydesk.services.audit import audited, log_export
from partydesk.services.briefing_documents import NOT_CONFIGURED
from partydesk.services.document_files import require_print, write_atomically, write_document
from partydesk.services.documents import DocumentService
from partydesk.services.evaluation import EvaluationService
from partydesk.services.evaluation_papers import PaperBuilder
from partydesk.services.outgoing import OutgoingService
from partydesk.services.progress import Cancelled, Progress, check_cancel, no_progress
from partydesk.store.store import Store

Papers = list[tuple[int, PrintedDocument]]  # (organisation id, paper), in printing order


class EvaluationDocumentService:
    def __init__(
        self,
        store: Store,
        evaluation: EvaluationService,
        documents: DocumentService,
        outgoing: OutgoingService,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._evaluation = evaluation
        self._documents = documents
        self._outgoing = outgoing
        self._today = today

    # --- forms ------------------------------------------------------------------------------

    def write_forms(
        self,
        cycle_id: int,
        target: Path,
        *,
        organisation_id: int | None = None,
        member_id: int | None = None,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """The pre-filled forms: one member's, one organisation's (Mẫu 01 then each evaluated
        member's form), or everybody's. ``target`` is a .pdf, or a folder for one file per
        organisation. Returns the page count."""

        def build(builder: PaperBuilder) -> Papers:
            papers: Papers = []
            for org in self._orgs_in(builder.cycle, organisation_id, member_id):
                members = self._members_of(builder.cycle.id, org)
                if member_id is None:
                    papers.append((org.organisation_id, org_form_document(builder.org_form(org))))
                for row in members:
                    if row.is_evaluated and member_id in (None, row.member_id):
                        papers.append(
                            (org.organisation_id, member_form_document(builder.member_form(row)))
                        )
            return papers

        return self._write_papers(
            cycle_id, target, build, ("bản kiểm điểm", "Bản kiểm điểm"), progress, cancel
        )

    def write_ballots(
        self,
        cycle_id: int,
        target: Path,
        *,
        organisation_id: int | None = None,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """One ballot per voter (each evaluated member) of one organisation, or of every one."""

        def build(builder: PaperBuilder) -> Papers:
            papers: Papers = []
            for org in self._orgs_in(builder.cycle, organisation_id, None):
                members = [r for r in self._members_of(builder.cycle.id, org) if r.is_evaluated]
                if members:
                    paper = ballot_document(builder.ballot(org.organisation_id, members))
                    papers += [(org.organisation_id, paper)] * len(members)
            return papers

        return self._write_papers(
            cycle_id, target, build, ("phiếu", "Phiếu đánh giá, xếp loại"), progress, cancel
        )

    def write_count_record(
        self,
        cycle_id: int,
        organisation_id: int,
        target: Path,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        def build(builder: PaperBuilder) -> Papers:
            ballot = self._store.evaluation.ballot(cycle_id, organisation_id)
            if ballot is None:
                raise ValidationError(
                    "phieu", "Chưa nhập kết quả kiểm phiếu: chưa in được biên bản kiểm phiếu."
                )
            members = self._store.evaluation.member_evaluations(
                cycle_id, organisation_id=organisation_id
            )
            return [(organisation_id, count_record_document(builder.count_record(ballot, members)))]

        return self._write_papers(
            cycle_id, target, build, ("biên bản", "Biên bản kiểm phiếu"), progress, cancel
        )

    def write_decisions(
        self,
        cycle_id: int,
        target: Path,
        *,
        organisation_id: int | None = None,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """The committee's decision for one organisation or every decided one. A decision
        without a number takes the next QĐ number of the office's register."""

        def build(builder: PaperBuilder) -> Papers:
            papers: Papers = []
            for org in self._orgs_in(builder.cycle, organisation_id, None):
                if org.decided_level is None:
                    if organisation_id is not None:
                        raise ValidationError(
                            "quyet_dinh",
                            f"{org.name} chưa có mức xếp loại được quyết định: chưa in được"
                            " quyết định.",
                        )
                    continue
                number, on = self._decision_number(builder.cycle, org)
                members = self._members_of(builder.cycle.id, org)
                paper = builder.decision(org, members, number, on)
                papers.append((org.organisation_id, decision_document(paper)))
            if not papers:
                raise ValidationError(
                    "quyet_dinh", "Chưa có tổ chức đảng nào được quyết định mức xếp loại."
                )
            return papers

        return self._write_papers(
            cycle_id,
            target,
            build,
            ("quyết định", "Quyết định công nhận xếp loại"),
            progress,
            cancel,
        )

    # Part of printing (a viewer may print a decision): the number and its copy on the
    # organisation's row are one transaction, logged under this name.
    @audited("Lấy số quyết định xếp loại", Permission.PRINT)
    def _decision_number(self, cycle: Cycle, org: OrgEvaluation) -> tuple[str, date]:
        if org.decision_number:
            return f"Số {org.decision_number}", org.decision_date or self._today()
        on = self._today()
        source = SourceRef(
            EVALUATION_SOURCE, cycle.id or 0, "QĐ", f"org:{org.organisation_id}"
        ).text
        line = self._outgoing.take_number(
            NumberRequest(
                issuer=self._outgoing.office_issuer(),
                kind="QĐ",
                issued_on=on,
                summary=f"Quyết định công nhận kết quả đánh giá, xếp loại chất lượng năm"
                f" {cycle.year} của {org.name}",
                source=source,
                signer=self._office().signer_name,
                recipients=org.name,
            )
        )
        if not cycle.is_closed:
            self._store.evaluation.save_org_evaluation(
                replace(org, decision_number=line.number_symbol, decision_date=line.issued_on)
            )
        return line.number_text, line.issued_on

    # --- the classification sheet -----------------------------------------------------------

    def classification_sheet(self, cycle_id: int) -> ClassificationSheet:
        """The sheet of a cycle, compared with the previous year's cycle when there is one."""
        cycle = self._evaluation.cycle(cycle_id)
        previous_cycle = self._evaluation.cycle_for_year(cycle.year - 1)
        previous = self._sheet(previous_cycle).current if previous_cycle else None
        return self._sheet(cycle, previous)

    def _sheet(self, cycle: Cycle, previous=None) -> ClassificationSheet:
        repository = self._store.evaluation
        overridden = {
            o.subject.key.removeprefix("group:")
            for o in repository.overrides(cycle.id)
            if o.rule is RuleCode.QUOTA
        }
        return build_sheet(
            cycle.year,
            self._evaluation.rules_of(cycle),
            repository.org_evaluations(cycle.id),
            repository.member_counts(cycle.id),
            overridden,
            previous,
            _type_label,
            lambda kind: OrgKind(kind).label,
        )

    def write_sheet(
        self,
        cycle_id: int,
        target: Path,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """The yearly classification sheets as .pdf (A4 landscape) or .xlsx; returns pages
        (0 for a workbook)."""
        from partydesk.reports.classification_columns import SheetHeader

        target = Path(target)
        suffix = target.suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise ValidationError(
                "target", f"Tệp biểu tổng hợp phải có đuôi .pdf hoặc .xlsx (“{target.name}”)."
            )
        header = SheetHeader.from_settings(self._office(), self._today())
        if suffix == ".xlsx":
            from partydesk.reports.classification_xlsx import write_sheet_xlsx

            def render(sheet: ClassificationSheet, handle: BinaryIO) -> int:
                write_sheet_xlsx(sheet, header, handle)
                return 0

        else:
            from partydesk.reports.classification_pdf import write_sheet_pdf

            def render(sheet: ClassificationSheet, handle: BinaryIO) -> int:
                return write_sheet_pdf(sheet, header, handle)

        return write_document(
            self._store,
            target,
            lambda: self.classification_sheet(cycle_id),
            render,
            progress,
            cancel,
            what=f"Biểu tổng hợp đánh giá, xếp loại ({target.suffix.lower().lstrip('.')})",
        )

    # --- shared -----------------------------------------------------------------------------

    def _office(self):
        office = self._store.settings.office()
        if not office.is_configured:
            raise ValidationError("office", NOT_CONFIGURED)
        return office

    def _orgs_in(
        self, cycle: Cycle, organisation_id: int | None, member_id: int | None
    ) -> list[OrgEvaluation]:
        orgs = self._store.evaluation.org_evaluations(cycle.id)
        if member_id is not None:
            row = self._store.evaluation.member_evaluation(cycle.id, member_id)
            organisation_id = row.organisation_id
        if organisation_id is None:
            return orgs
        chosen = [o for o in orgs if o.organisation_id == organisation_id]
        if not chosen:
            raise ValidationError(
                "to_chuc", f"Tổ chức đảng mã {organisation_id} không có trong kỳ đánh giá này."
            )
        return chosen

    def _members_of(self, cycle_id: int, org: OrgEvaluation) -> list[MemberEvaluation]:
        return self._store.evaluation.member_evaluations(
            cycle_id, organisation_id=org.organisation_id
        )

    def _write_papers(
        self,
        cycle_id: int,
        target: Path,
        build: Callable[[PaperBuilder], Papers],
        names: tuple[str, str],
        progress: Progress,
        cancel: threading.Event | None,
    ) -> int:
        """``names``: the papers in a sentence ("phiếu") and as the audit log's title."""
        what, title = names
        require_print(self._store)
        target = Path(target)
        folder = target.suffix.lower() != ".pdf"
        if folder and target.suffix:
            raise ValidationError(
                "target", f"Tệp {what} phải có đuôi .pdf, hoặc chọn một thư mục (“{target.name}”)."
            )
        progress(0, 1, "Đang lấy dữ liệu…")
        with self._store.lock:
            cycle = self._evaluation.cycle(cycle_id)
            builder = PaperBuilder(
                self._store,
                self._documents,
                self._office(),
                cycle,
                self._evaluation.rules_of(cycle),
            )
            papers = build(builder)
        check_cancel(cancel)
        if not papers:
            raise ValidationError("to_chuc", f"Không có {what} nào để in.")
        try:
            if folder:
                with self._store.lock:
                    org_names = {
                        o.organisation_id: o.name
                        for o in self._store.evaluation.org_evaluations(cycle_id)
                    }
                pages = _write_folder(target, papers, org_names, progress, cancel)
            else:
                pages = write_atomically(
                    target,
                    lambda handle: render_papers([p for _, p in papers], handle, progress, cancel),
                )
        except RenderCancelled as exc:
            raise Cancelled from exc
        log_export(self._store, f"{title} năm {cycle.year}: {len(papers)} bản", target)
        return pages


def _write_folder(
    target: Path,
    papers: Papers,
    names: dict[int, str],
    progress: Progress,
    cancel: threading.Event | None,
) -> int:
    """One PDF per organisation, written in a hidden folder inside ``target`` and moved in
    only when every file is complete; a folder made for a failed or cancelled export goes."""
    by_org: dict[int, list[PrintedDocument]] = {}
    for org_id, paper in papers:
        by_org.setdefault(org_id, []).append(paper)
    made = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    staging = target / ".partydesk-partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    pages = 0
    moved = False
    try:
        written: list[str] = []
        for done, (org_id, org_papers) in enumerate(by_org.items()):
            check_cancel(cancel)
            progress(done, len(by_org), f"Đang in tệp {done + 1}/{len(by_org)}…")
            name = _file_name(names.get(org_id, ""), written)
            written.append(name)
            with (staging / name).open("wb") as handle:
                pages += render_papers(org_papers, handle)
        check_cancel(cancel)
        for name in written:
            os.replace(staging / name, target / name)
            moved = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made and not moved:
            with contextlib.suppress(OSError):  # only if still empty
                target.rmdir()
    progress(len(by_org), len(by_org), "Xong")
    return pages


def _file_name(organisation: str, taken: Sequence[str]) -> str:
    """The organisation's name as a Windows-safe file name, numbered when already used."""
    base = sanitize_filename(organisation, platform="windows", max_len=120) or "to-chuc"
    name, number = f"{base}.pdf", 2
    while name in taken:
        name, number = f"{base} ({number}).pdf", number + 1
    return name


def _type_label(value: str) -> str:
    try:
        return EnterpriseType(value).label
    except ValueError:
        return value or "Không gắn doanh nghiệp"
