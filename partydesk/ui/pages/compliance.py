"""The "Tuân thủ" page: whether every chi bộ met its meeting duties, month by month.

The matrix shows organisations × months of a year with the quarter duties beside them, the
list under it names every gap; activating either opens the meetings of that chi bộ. The
computation reads every meeting of the year, a moment's work for a province-sized register,
so it runs in the background. The two quarter duties are not national rules everywhere (see
``partydesk.domain.compliance``), so the office switches them on or off here.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.compliance import (
    ComplianceSettings,
    MonthState,
    OrganisationCompliance,
)
from partydesk.domain.organisation import OrgKind
from partydesk.services.app import AppServices
from partydesk.services.progress import Progress
from partydesk.ui.compliance.legend import ComplianceLegend
from partydesk.ui.compliance.matrix_model import (
    FIRST_MONTH,
    FIRST_QUARTER,
    ORGANISATION_ROLE,
    ComplianceMatrixModel,
    GapsModel,
)
from partydesk.ui.export import export_file
from partydesk.ui.tasks import report_task_error, run_with_progress
from partydesk.ui.widgets.list_table import list_table

ALL = ""  # the item data of "every kind" / "every cadre"
KIND_CHOICES = (  # every kind of chi bộ (CELL_KINDS), in the order offices list them
    OrgKind.CELL_BASE,
    OrgKind.CELL_UNDER_COMMITTEE,
    OrgKind.CELL_COMBINED,
)
# The name takes what the others leave: about 190 pixels in the default 1280-pixel window.
LEADING_WIDTHS = (0, 74, 104)
MONTH_WIDTH = 26
QUARTER_WIDTH = 90


def summary_text(rows: list[OrganisationCompliance]) -> str:
    """The line above the matrix: how many chi bộ met every duty, missed a meeting, or had
    another problem, and the number of gaps."""
    if not rows:
        return "Không có chi bộ nào phù hợp với bộ lọc."
    missing = sum(1 for r in rows if any(m.state is MonthState.MISSING for m in r.months))
    other = sum(
        1 for r in rows if r.gaps and not any(m.state is MonthState.MISSING for m in r.months)
    )
    met = len(rows) - missing - other
    gaps = sum(len(r.gaps) for r in rows)
    return (
        f"{len(rows)} chi bộ: {met} đạt đủ, {missing} thiếu buổi sinh hoạt, "
        f"{other} có vấn đề khác · {gaps} thiếu sót"
    )


class CompliancePage(QWidget):
    """``organisation_requested(organisation_id, year)`` asks to show that chi bộ's meetings."""

    organisation_requested = Signal(int, int)
    #: A computation finished and the tables show its result (tests wait for it).
    computed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stale = True
        self._generation = 0
        self.rows: list[OrganisationCompliance] = []

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(services.meetings.today().year)
        self.year.setKeyboardTracking(False)  # recompute once the year is typed, not per digit
        self.year.setAccessibleName("Năm")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Loại tổ chức")
        self.kind.addItem("Tất cả chi bộ", ALL)
        for kind in KIND_CHOICES:
            self.kind.addItem(kind.label, kind.value)
        self.cadre = QComboBox()
        self.cadre.setAccessibleName("Cán bộ phụ trách")
        self.cadre.setMinimumWidth(200)
        self.refresh_button = QPushButton("Làm mới (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Lưu bảng tuân thủ và danh sách thiếu sót thành tệp .xlsx")
        self.export_button.clicked.connect(self.export_xlsx)
        settings = services.meetings.compliance_settings()
        self.thematic_check = QCheckBox("Mỗi quý có ít nhất một buổi sinh hoạt chuyên đề")
        self.thematic_check.setChecked(settings.thematic_each_quarter)
        self.cadre_check = QCheckBox("Cán bộ phụ trách dự ít nhất một buổi mỗi quý")
        self.cadre_check.setChecked(settings.cadre_each_quarter)
        for check in (self.thematic_check, self.cadre_check):
            check.setToolTip("Yêu cầu theo quý; bỏ chọn nếu cấp ủy không áp dụng.")
            check.toggled.connect(self._on_setting_toggled)
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.matrix_model = ComplianceMatrixModel(self)
        self.matrix = list_table(self.matrix_model, select_rows=False)
        header = self.matrix.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(LEADING_WIDTHS[1:], start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.matrix.setColumnWidth(column, width)
        for column in range(FIRST_MONTH, FIRST_QUARTER):
            self.matrix.setColumnWidth(column, MONTH_WIDTH)
        for column in range(FIRST_QUARTER, FIRST_QUARTER + 4):
            self.matrix.setColumnWidth(column, QUARTER_WIDTH)
        self.matrix.activated.connect(self._on_table_activated)

        self.gaps_model = GapsModel(self)
        self.gaps = list_table(self.gaps_model, (260, 110))
        self.gaps.activated.connect(self._on_table_activated)
        self.gaps_title = QLabel()

        filters = QHBoxLayout()
        for label, widget in (
            ("Năm", self.year),
            ("Loại", self.kind),
            ("Cán bộ phụ trách", self.cadre),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.export_button)
        filters.addStretch(1)
        duties = QHBoxLayout()
        duties.addWidget(QLabel("Theo dõi thêm:"))
        duties.addWidget(self.thematic_check)
        duties.addWidget(self.cadre_check)
        duties.addStretch(1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.matrix, 1)
        top_layout.addWidget(ComplianceLegend())
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(self.gaps_title)
        bottom_layout.addWidget(self.gaps, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Tuân thủ sinh hoạt chi bộ</h2>"))
        layout.addLayout(filters)
        layout.addLayout(duties)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self._load_cadres()
        self.year.valueChanged.connect(self._on_filter_changed)
        self.kind.currentIndexChanged.connect(self._on_filter_changed)
        self.cadre.currentIndexChanged.connect(self._on_filter_changed)

    # --- what is shown ---------------------------------------------------------------------

    def selected_kind(self) -> OrgKind | None:
        value = self.kind.currentData()
        return OrgKind(value) if value else None

    def selected_cadre(self) -> int | None:
        value = self.cadre.currentData()
        return int(value) if value not in (ALL, None) else None

    def _load_cadres(self) -> None:
        current = self.cadre.currentData()
        self.cadre.blockSignals(True)
        self.cadre.clear()
        self.cadre.addItem("Tất cả cán bộ", ALL)
        for cadre in self._services.register.cadres(include_inactive=True):
            suffix = "" if cadre.active else " (đã thôi phụ trách)"
            self.cadre.addItem(f"{cadre.full_name}{suffix}", cadre.id)
        index = self.cadre.findData(current) if current not in (ALL, None) else 0
        self.cadre.setCurrentIndex(max(index, 0))
        self.cadre.blockSignals(False)

    # --- computing -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def mark_stale(self) -> None:
        """Meetings or organisations changed: recompute now if on screen, else when shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Recompute in the background; a newer request makes an older result obsolete."""
        self._stale = False
        self._load_cadres()
        self._generation += 1
        generation = self._generation
        year, kind, cadre_id = self.year.value(), self.selected_kind(), self.selected_cadre()
        self.summary.setText("Đang tính…")
        meetings = self._services.meetings
        lock = self._services.store.lock

        def compute(
            *, progress: Progress, cancel: threading.Event
        ) -> tuple[list[OrganisationCompliance], ComplianceSettings]:
            progress(0, 0, "Đang tính tình hình sinh hoạt của các chi bộ…")
            with lock:  # one thread at a time on the connection (Store)
                return meetings.compliance(year, kind, cadre_id), meetings.compliance_settings()

        def show(result: Any) -> None:
            if generation == self._generation:
                rows, settings = result
                self._show(rows, year, settings)

        def fail(exc: BaseException) -> None:
            if generation == self._generation:
                self.summary.setText("Không tính được tình hình tuân thủ.")
            report_task_error(self, "Tính tình hình tuân thủ", exc)

        run_with_progress(
            self, "Tính tình hình tuân thủ", compute, on_success=show, on_failure=fail
        )

    def _show(
        self, rows: list[OrganisationCompliance], year: int, settings: ComplianceSettings
    ) -> None:
        self.rows = rows
        self.matrix_model.set_rows(rows, year, settings)
        gaps = [gap for row in rows for gap in row.gaps]
        self.gaps_model.set_rows(gaps)
        self.gaps_title.setText(
            f"<b>Danh sách thiếu sót ({len(gaps)})</b> – nhấp đúp hoặc Enter để xem "
            "các buổi sinh hoạt của chi bộ"
            if gaps
            else "<b>Không có thiếu sót.</b>"
        )
        self.summary.setText(summary_text(rows))
        self.computed.emit()

    # --- actions ---------------------------------------------------------------------------

    def export_xlsx(self) -> None:
        year = self.year.value()
        export_file(
            self,
            "Xuất bảng tuân thủ ra Excel",
            f"Tuân thủ sinh hoạt chi bộ {year}.xlsx",
            "Bảng tính Excel (*.xlsx)",
            partial(
                self._services.meetings.write_compliance_xlsx,
                year,
                kind=self.selected_kind(),
                cadre_id=self.selected_cadre(),
            ),
            done_message=lambda _result, target: f"Đã lưu bảng tuân thủ vào tệp:\n{target}",
        )

    def _on_setting_toggled(self, _checked: bool) -> None:
        self._services.meetings.save_compliance_settings(
            ComplianceSettings(
                thematic_each_quarter=self.thematic_check.isChecked(),
                cadre_each_quarter=self.cadre_check.isChecked(),
            )
        )
        self.refresh()

    def _on_filter_changed(self, _value: object = None) -> None:
        self.refresh()

    def _on_table_activated(self, index: QModelIndex) -> None:
        organisation_id = index.data(ORGANISATION_ROLE)
        if organisation_id is not None:
            self.organisation_requested.emit(int(organisation_id), self.matrix_model.year)
