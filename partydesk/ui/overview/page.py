"""The "Tổng quan" page: the committee's indicators of a year, their targets, and the charts.

The figures are computed off the GUI thread (``StatisticsService.compute``); until they
arrive the page says so and the window stays usable. Every figure is a link: clicking it asks
the main window (``figure_requested``) to open the list of exactly the records it counts.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.numbers import grouped
from partydesk.domain.statistics import (
    INDICATORS,
    Figure,
    Key,
    Period,
    Section,
    Statistics,
)
from partydesk.domain.statistics_charts import dashboard_charts
from partydesk.domain.statistics_text import (
    change_text,
    figure_text,
    previous_text,
    progress_text,
    target_text,
)
from partydesk.services.app import AppServices
from partydesk.services.progress import Cancelled, Progress
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.export import export_file
from partydesk.ui.overview.charts import ChartView
from partydesk.ui.overview.targets_dialog import TargetsDialog
from partydesk.ui.preview_task import write_then_preview
from partydesk.ui.tasks import default_runner, report_task_error

_LEFT, _RIGHT = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
_COLUMN_WIDTHS = (420, 150, 110, 130, 240)
COMPUTING_TEXT = "Đang tính số liệu…"
SETTLE_DELAY_MS = 200
UNDATED_NOTE = "* theo hồ sơ hiện tại của doanh nghiệp, đảng viên (không lưu theo ngày)"


class OverviewPage(QWidget):
    """Signals: ``figure_requested(FigureLink)`` when a figure is clicked."""

    figure_requested = Signal(object)
    page_requested = Signal(str)  # "due" or "attention": the reminders line's links
    settled = Signal()  # a computation ended (shown or failed)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stats: Statistics | None = None
        self._generation = 0
        self._stale = True
        self.value_labels: dict[Key, QLabel] = {}

        self.year = QComboBox()
        self.year.setAccessibleName("Năm")
        self.year.currentIndexChanged.connect(self._on_year_changed)
        self.period_label = QLabel()
        self.period_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.targets_button = QPushButton("Chỉ tiêu…")
        self.targets_button.setToolTip("Chỉ tiêu của cấp ủy và ngưỡng doanh nghiệp lớn")
        self.targets_button.clicked.connect(self.edit_targets)
        self.print_button = QPushButton("Xem và in báo cáo thống kê…")
        self.print_button.clicked.connect(self.preview_report)
        self.xlsx_button = QPushButton("Xuất Excel…")
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self._due_count = self._attention_count = 0
        self.reminders = QLabel()
        self.reminders.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reminders.linkActivated.connect(self.page_requested.emit)
        self.reminders.hide()
        self.refresh_button = QPushButton("Tính lại")
        self.refresh_button.clicked.connect(self.recompute)

        heading = QHBoxLayout()
        heading.addWidget(QLabel("<h2>Tổng quan</h2>"))
        heading.addSpacing(16)
        heading.addWidget(QLabel("Năm"))
        heading.addWidget(self.year)
        heading.addWidget(self.period_label, 1)
        heading.addWidget(self.status)
        for button in (
            self.refresh_button,
            self.targets_button,
            self.xlsx_button,
            self.print_button,
        ):
            heading.addWidget(button)

        self.sections: dict[Section, QGroupBox] = {}
        self._section_grids: dict[Section, QGridLayout] = {}
        # One section under the other, each the full width: the labels are long (the
        # indicators' own wording) and read best on one line beside their figures.
        figures = QVBoxLayout()
        for section in Section:
            box = QGroupBox(section.label)
            grid = QGridLayout(box)
            grid.setHorizontalSpacing(14)
            grid.setVerticalSpacing(3)
            self.sections[section] = box
            self._section_grids[section] = grid
            figures.addWidget(box)
        self.note = QLabel(UNDATED_NOTE)
        self.note.setStyleSheet("color: #555;")

        self.charts = [ChartView() for _ in range(4)]
        charts = QGridLayout()
        for n, view in enumerate(self.charts):
            view.setMinimumHeight(320)
            charts.addWidget(view, n // 2, n % 2)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(figures)
        body.addWidget(self.note)
        charts_title = QLabel("<b>Biểu đồ</b> — bấm chuột phải vào biểu đồ để lưu thành ảnh PNG")
        body.addWidget(charts_title)
        body.addLayout(charts)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.reminders)
        layout.addWidget(scroll, 1)
        self._fill_years()

    # --- loading ---------------------------------------------------------------------------

    @property
    def is_computing(self) -> bool:
        return self.status.text() == COMPUTING_TEXT

    @property
    def statistics(self) -> Statistics | None:
        return self._stats

    def period(self) -> Period:
        return self._services.statistics.period_for_year(self.year.currentData())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.recompute()

    def mark_stale(self) -> None:
        """Data changed elsewhere: recompute now if on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.recompute()

    def recompute(self) -> None:
        """Compute the year's figures in the background; a newer request wins."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        period = self.period()
        self.status.setText(COMPUTING_TEXT)
        self.period_label.setText(_period_text(period))
        service = self._services.statistics

        def work(*, progress: Progress, cancel: threading.Event) -> Statistics:
            return service.compute(period, progress=progress, cancel=cancel)

        def done(stats: Statistics) -> None:
            if generation == self._generation:
                self.show_statistics(stats)
                # A moment later: the figures are painted before whatever waits for them (the
                # warnings, read on this thread) runs. Waited out as a background task, so
                # closing the window or the file cancels it like any other.
                default_runner().start(_pause, on_success=lambda _result: self.settled.emit())

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.status.setText("Không tính được số liệu.")
                self.settled.emit()
                report_task_error(self, "Tổng quan", exc)

        default_runner().start(work, on_success=done, on_failure=failed)

    def show_statistics(self, stats: Statistics) -> None:
        self._stats = stats
        self.status.setText("")
        for section in Section:
            self._fill_section(section, stats)
        for view, chart in zip(self.charts, dashboard_charts(stats), strict=True):
            view.set_chart(chart)

    def set_due_count(self, count: int) -> None:
        self._due_count = count
        self._show_reminders()

    def set_attention_count(self, count: int) -> None:
        self._attention_count = count
        self._show_reminders()

    def _show_reminders(self) -> None:
        parts = []
        if self._due_count:
            parts.append(
                f"<a href='due'>{grouped(self._due_count)} việc cần làm</a> đến hạn, quá hạn"
            )
        if self._attention_count:
            parts.append(f"<a href='attention'>{grouped(self._attention_count)} điều cần chú ý</a>")
        self.reminders.setText("Hôm nay: " + " · ".join(parts))
        self.reminders.setVisible(bool(parts))

    def _fill_years(self) -> None:
        self.year.blockSignals(True)
        self.year.clear()
        for year in self._services.statistics.years():
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(0)
        self.year.blockSignals(False)

    def _on_year_changed(self, _index: int) -> None:
        self.recompute()

    # --- the figures -----------------------------------------------------------------------

    def _fill_section(self, section: Section, stats: Statistics) -> None:
        grid = self._section_grids[section]
        while grid.count():
            item = grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        box = self.sections[section]
        if section is Section.CLASSIFICATION:
            year = stats.classification_year
            box.setTitle(
                f"{section.label} năm {year}" if year else f"{section.label} (chưa có kết quả)"
            )
        headers = ("", "Năm nay", "Cùng kỳ", "Tăng, giảm", "Chỉ tiêu")
        for column, text in enumerate(headers):
            label = QLabel(f"<span style='color:#555'>{text}</span>")
            grid.addWidget(
                label,
                0,
                column,
                Qt.AlignmentFlag.AlignRight if column else Qt.AlignmentFlag.AlignLeft,
            )
        row = 1
        for indicator in INDICATORS:
            if indicator.section is not section:
                continue
            figure = stats.figure(indicator.key)
            name = stats.label(indicator.key) + ("" if indicator.dated else " *")
            label = QLabel(("    – " if indicator.indent else "") + name)
            label.setToolTip(indicator.definition)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            grid.addWidget(label, row, 0)
            grid.addWidget(
                self._value_label(stats, indicator.key), row, 1, Qt.AlignmentFlag.AlignRight
            )
            previous = QLabel(previous_text(figure))
            previous.setStyleSheet("color:#555")
            grid.addWidget(previous, row, 2, _RIGHT)
            grid.addWidget(QLabel(change_text(figure)), row, 3, _RIGHT)
            if figure.target is not None:
                grid.addWidget(self._target_widget(figure), row, 4)
            row += 1
        grid.setColumnStretch(0, 1)
        for column, width in enumerate(_COLUMN_WIDTHS):  # the same in every section: aligned
            grid.setColumnMinimumWidth(column, width)

    def _value_label(self, stats: Statistics, key: Key) -> QLabel:
        figure = stats.figure(key)
        text = figure_text(figure)
        link = self._services.statistics.link(key, stats)
        label = QLabel()
        if link.subject is None or figure.value is None:
            label.setText(f"<b>{text}</b>")
        else:
            label.setText(f"<a href='{key.value}' style='text-decoration:none'><b>{text}</b></a>")
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            label.setToolTip(f"Bấm để xem danh sách: {link.caption}")
            label.setAccessibleName(f"{stats.label(key)}: {text}")
            label.linkActivated.connect(lambda _href, k=key: self.open_figure(k))
        self.value_labels[key] = label
        return label

    @staticmethod
    def _target_widget(figure: Figure) -> QWidget:
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(target_text(figure.target)))
        bar = QProgressBar()
        bar.setRange(0, 100)
        progress = figure.progress
        bar.setValue(min(100, round(progress * 100)) if progress is not None else 0)
        bar.setFormat(progress_text(progress))
        bar.setFixedWidth(90)
        bar.setMaximumHeight(16)
        bar.setToolTip("Tiến độ so với chỉ tiêu")
        row.addWidget(bar)
        return widget

    def open_figure(self, key: Key) -> None:
        if self._stats is not None:
            self.figure_requested.emit(self._services.statistics.link(key, self._stats))

    # --- actions ---------------------------------------------------------------------------

    def edit_targets(self) -> None:
        dialog = TargetsDialog(self._services, self)
        dialog.changed.connect(self.recompute)
        dialog.exec()

    def preview_report(self) -> None:
        period = self.period()
        target = pdf_preview.preview_file(f"Bao cao thong ke {period.year}")
        write_then_preview(
            self,
            "Xem và in báo cáo thống kê",
            self._services.statistics.write_report,
            (target, period),
            target,
            f"Báo cáo thống kê năm {period.year}",
        )

    def export_xlsx(self) -> None:
        period = self.period()
        export_file(
            self,
            "Xuất báo cáo thống kê ra Excel",
            f"Báo cáo thống kê {period.year}.xlsx",
            "Bảng tính Excel (*.xlsx)",
            lambda target, **kw: self._services.statistics.write_report(target, period, **kw),
            done_message=lambda _rows, target: f"Đã lưu báo cáo thống kê vào tệp:\n{target}",
        )


def _period_text(period: Period) -> str:
    previous = period.previous()
    return (
        f"Số liệu đến ngày {period.on:%d/%m/%Y}, so với cùng kỳ năm trước"
        f" (đến ngày {previous.on:%d/%m/%Y})"
    )


def _pause(*, progress: Progress, cancel: threading.Event) -> None:
    if cancel.wait(SETTLE_DELAY_MS / 1000):
        raise Cancelled
