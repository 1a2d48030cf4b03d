"""The "In, xuất" menu of the evaluation page: every paper and sheet of the cycle.

Papers of the selected member or organisation open in the print preview; batches for every
organisation ask for one PDF or a folder (one file per organisation) and run in the background
with progress and cancel; the classification sheet previews as PDF or is saved as XLSX.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from partydesk.domain.evaluation import Cycle, OrgEvaluation
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.export import export_file
from partydesk.ui.preview_task import write_then_preview
from partydesk.ui.tasks import run_with_progress

BATCH_CHOICES = ["Một tệp PDF", "Mỗi tổ chức một tệp (chọn thư mục)"]


class PrintButton(QToolButton):
    """``context()`` gives the shown cycle, organisation and selected member id (or None)."""

    def __init__(
        self,
        services: AppServices,
        context: Callable[[], tuple[Cycle | None, OrgEvaluation | None, int | None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._documents = services.evaluation_documents
        self._context = context
        self.setText("In, xuất")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.member_form = menu.addAction(
            "Bản kiểm điểm của đảng viên đang chọn", self._member_form
        )
        self.org_forms = menu.addAction(
            "Bản kiểm điểm của tổ chức đang chọn (Mẫu 01 và đảng viên)", self._org_forms
        )
        self.all_forms = menu.addAction("Bản kiểm điểm của tất cả tổ chức…", self._all_forms)
        menu.addSeparator()
        self.org_ballots = menu.addAction("Phiếu đánh giá của tổ chức đang chọn", self._org_ballots)
        self.all_ballots = menu.addAction("Phiếu đánh giá của tất cả tổ chức…", self._all_ballots)
        self.count_record = menu.addAction("Biên bản kiểm phiếu", self._count_record)
        menu.addSeparator()
        self.org_decision = menu.addAction(
            "Quyết định công nhận kết quả của tổ chức đang chọn", self._org_decision
        )
        self.all_decisions = menu.addAction(
            "Quyết định của mọi tổ chức đã có mức xếp loại…", self._all_decisions
        )
        menu.addSeparator()
        self.sheet_pdf = menu.addAction("Biểu tổng hợp kết quả xếp loại (PDF)", self._sheet_pdf)
        self.sheet_xlsx = menu.addAction("Xuất biểu tổng hợp ra Excel…", self._sheet_xlsx)
        menu.aboutToShow.connect(self._update_actions)
        self.setMenu(menu)

    def _update_actions(self) -> None:
        cycle, org, member_id = self._context()
        for action in (self.all_forms, self.all_ballots, self.all_decisions):
            action.setEnabled(cycle is not None)
        for action in (self.sheet_pdf, self.sheet_xlsx):
            action.setEnabled(cycle is not None)
        for action in (self.org_forms, self.org_ballots, self.count_record, self.org_decision):
            action.setEnabled(cycle is not None and org is not None)
        self.member_form.setEnabled(cycle is not None and member_id is not None)

    # --- one paper, previewed -----------------------------------------------------------------

    def _preview(self, label: str, stem: str, write: Callable[..., Any], *args: Any, **kw: Any):
        target = pdf_preview.preview_file(stem)
        write_then_preview(self, f"In {label.lower()}", write, (*args, target), target, stem, **kw)

    def _member_form(self) -> None:
        cycle, _org, member_id = self._context()
        if cycle and member_id is not None:
            stem = f"Bản kiểm điểm năm {cycle.year}"
            self._preview(
                "bản kiểm điểm", stem, self._documents.write_forms, cycle.id, member_id=member_id
            )

    def _org_forms(self) -> None:
        cycle, org, _ = self._context()
        if cycle and org:
            stem = f"Bản kiểm điểm năm {cycle.year} – {org.name}"
            self._preview(
                "bản kiểm điểm",
                stem,
                self._documents.write_forms,
                cycle.id,
                organisation_id=org.organisation_id,
            )

    def _org_ballots(self) -> None:
        cycle, org, _ = self._context()
        if cycle and org:
            stem = f"Phiếu đánh giá năm {cycle.year} – {org.name}"
            self._preview(
                "phiếu đánh giá",
                stem,
                self._documents.write_ballots,
                cycle.id,
                organisation_id=org.organisation_id,
            )

    def _count_record(self) -> None:
        cycle, org, _ = self._context()
        if cycle and org:
            stem = f"Biên bản kiểm phiếu năm {cycle.year} – {org.name}"
            self._preview(
                "biên bản kiểm phiếu",
                stem,
                self._documents.write_count_record,
                cycle.id,
                org.organisation_id,
            )

    def _org_decision(self) -> None:
        cycle, org, _ = self._context()
        if cycle and org:
            stem = f"Quyết định xếp loại năm {cycle.year} – {org.name}"
            self._preview(
                "quyết định",
                stem,
                self._documents.write_decisions,
                cycle.id,
                organisation_id=org.organisation_id,
            )

    def _sheet_pdf(self) -> None:
        cycle, _, _ = self._context()
        if cycle:
            stem = f"Biểu tổng hợp xếp loại năm {cycle.year}"
            self._preview("biểu tổng hợp", stem, self._documents.write_sheet, cycle.id)

    # --- batches and files --------------------------------------------------------------------

    def _all_forms(self) -> None:
        self._batch("Bản kiểm điểm", self._documents.write_forms)

    def _all_ballots(self) -> None:
        self._batch("Phiếu đánh giá", self._documents.write_ballots)

    def _all_decisions(self) -> None:
        self._batch("Quyết định xếp loại", self._documents.write_decisions)

    def _batch(self, label: str, write: Callable[..., int]) -> None:
        cycle, _, _ = self._context()
        if cycle is None:
            return
        title = f"In {label.lower()} năm {cycle.year}"
        choice = messages.ask_choice(
            self, title, "In thành một tệp hay mỗi tổ chức một tệp?", BATCH_CHOICES
        )
        if choice is None:
            return
        if choice == 0:
            target = pdf_preview.ask_save_path(
                self, title, f"{label} năm {cycle.year}.pdf", "Tệp PDF (*.pdf)"
            )
        else:
            folder = QFileDialog.getExistingDirectory(self, f"{title}: chọn thư mục")
            target = Path(folder) if folder else None
        if target is None:
            return
        run_with_progress(
            self,
            title,
            write,
            cycle.id,
            target,
            on_success=lambda pages: messages.show_info(
                self, title, f"Đã ghi {pages} trang vào {target}."
            ),
        )

    def _sheet_xlsx(self) -> None:
        cycle, _, _ = self._context()
        if cycle is None:
            return
        cycle_id = cycle.id
        export_file(
            self,
            "Xuất biểu tổng hợp xếp loại ra Excel",
            f"Biểu tổng hợp xếp loại năm {cycle.year}.xlsx",
            "Bảng tính Excel (*.xlsx)",
            lambda target, **kwargs: self._documents.write_sheet(cycle_id, target, **kwargs),
            done_message=lambda _result, target: f"Đã ghi biểu tổng hợp vào {target}.",
        )
