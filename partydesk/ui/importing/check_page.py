"""Step 3 of the import wizard: what the check found, the problems row by row, and what an
import would do."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from partydesk.domain.importing import ImportKind
from partydesk.domain.numbers import grouped
from partydesk.services.importing.service import ImportPreview, ImportResult
from partydesk.ui.importing.file_page import OK_COLOR
from partydesk.ui.importing.problems_table import ProblemsModel, problems_view
from partydesk.ui.widgets import WrappedLabel
from partydesk.ui.widgets.field_error import ERROR_COLOR

COUNT_TITLES = (
    "Số dòng hợp lệ",
    "Số dòng có lỗi",
    "Trùng nhau trong tệp",
    "Trùng với dữ liệu đã có",
)


def problem_row_count(preview: ImportPreview) -> int:
    rows = preview.problem_rows
    return rows if isinstance(rows, int) else len(rows)


def import_summary(kind: ImportKind, preview: ImportPreview) -> str:
    """What "Nhập dữ liệu" will do, or why it cannot yet."""
    noun = kind.label.lower()
    if preview.can_import:
        return (
            f"Sẵn sàng: sẽ thêm {grouped(preview.ok_count)} {noun} vào sổ. Trước khi nhập, "
            "PartyDesk tự sao lưu dữ liệu; việc nhập là trọn gói — có sự cố thì không dòng nào "
            "được thêm."
        )
    count = len(preview.problems)
    return (
        f"Chưa nhập được: có {grouped(count)} lỗi cần sửa (xem bảng trên). Hãy lưu báo cáo lỗi, "
        "sửa tệp rồi chọn lại tệp, hoặc quay lại sửa cách ghép cột. Chưa có gì được ghi vào sổ."
    )


def result_text(kind: ImportKind, result: ImportResult) -> str:
    text = f"Đã nhập {grouped(result.added)} {kind.label.lower()}."
    if result.backup_path is not None:
        text += f" Bản sao lưu trước khi nhập: {result.backup_path}"
    return text


class CheckPage(QWidget):
    """Counts, the problems table, "Lưu báo cáo lỗi (Excel)…" and the import summary."""

    save_report_requested = Signal()

    def __init__(self, kind: ImportKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self.counts: dict[str, QLabel] = {}
        counts = QGridLayout()
        for column, title in enumerate(COUNT_TITLES):
            value = QLabel("0")
            value.setStyleSheet("font-size: 16pt; font-weight: bold;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            counts.addWidget(value, 0, column)
            counts.addWidget(caption, 1, column)
            self.counts[title] = value
        self.model = ProblemsModel(self)
        self.table = problems_view(self.model)
        self.table.setAccessibleName("Các lỗi tìm thấy")
        self.no_problems = QLabel("Không có lỗi nào: mọi dòng của tệp đều hợp lệ.")
        self.no_problems.setStyleSheet(f"color: {OK_COLOR};")
        self.no_problems.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.save_report_button = QPushButton("&Lưu báo cáo lỗi (Excel)…")
        self.save_report_button.clicked.connect(self.save_report_requested)
        self.summary = WrappedLabel()
        self.result = WrappedLabel(style=f"color: {OK_COLOR}; font-weight: bold;")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()

        report_row = QHBoxLayout()
        report_row.addStretch(1)
        report_row.addWidget(self.save_report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(counts)
        layout.addSpacing(6)
        # One of the two takes the free height: the problems, or the line saying there are none.
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_problems, 1)
        layout.addLayout(report_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.result)

    def show_preview(self, preview: ImportPreview) -> None:
        values = (
            preview.ok_count,
            problem_row_count(preview),
            preview.duplicates_in_file,
            preview.duplicates_in_register,
        )
        for title, value in zip(COUNT_TITLES, values, strict=True):
            label = self.counts[title]
            label.setText(grouped(value))
            bad = title != COUNT_TITLES[0] and value > 0
            color = ERROR_COLOR if bad else "palette(window-text)"
            label.setStyleSheet(f"font-size: 16pt; font-weight: bold; color: {color};")
        self.model.set_rows(preview.problems)
        # Shown in the order the clerk last chose (first: by row).
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        has_problems = bool(preview.problems)
        self.table.setVisible(has_problems)
        self.save_report_button.setVisible(has_problems)
        self.no_problems.setVisible(not has_problems)
        self.summary.setText(import_summary(self._kind, preview))
        self.summary.show()
        self.summary.setStyleSheet("" if preview.can_import else f"color: {ERROR_COLOR};")
        self.result.hide()

    def show_result(self, result: ImportResult) -> None:
        self.summary.hide()
        # The backup path on a line of its own: a long Windows path has no place to wrap.
        text = f"Đã nhập {grouped(result.added)} {self._kind.label.lower()}."
        if result.backup_path is not None:
            text += f"\nBản sao lưu trước khi nhập:\n{result.backup_path}"
        self.result.setText(text)
        self.result.show()
