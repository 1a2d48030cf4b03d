"""Step 1 of the import wizard: what files PartyDesk accepts, choose one, or get the template."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from partydesk.domain.importing import ImportKind
from partydesk.domain.numbers import grouped
from partydesk.services.importing.reader import RawTable, ReadLimits
from partydesk.ui.widgets import WrappedLabel
from partydesk.ui.widgets.field_error import ERROR_COLOR

OK_COLOR = "#1b5e20"


IDENTIFIERS = {
    ImportKind.MEMBERS: "Số CCCD, số thẻ đảng viên, số lý lịch",
    ImportKind.ENTERPRISES: "Mã số thuế",
}


def intro_text(kind: ImportKind) -> str:
    return f"Chọn tệp Excel (.xlsx) hoặc CSV (.csv) có danh sách {kind.label.lower()} cần nhập."


def formats_text(kind: ImportKind, limits: ReadLimits) -> str:
    """The accepted formats and limits, in the clerk's words (the limits the reader enforces)."""
    megabytes = limits.max_bytes // (1024 * 1024)
    return (
        "• Dòng đầu tiên là tiêu đề cột; mỗi dòng sau là một "
        f"{kind.label.lower()}. Với Excel, PartyDesk đọc trang tính đầu tiên có dữ liệu.\n"
        "• Tệp CSV có thể lưu bằng mã UTF-8, UTF-16 hoặc Windows-1258, phân cách bằng dấu "
        "phẩy, dấu chấm phẩy hoặc Tab.\n"
        "• Ngày viết dạng ngày/tháng/năm (ví dụ 05/03/1980) hoặc là ô ngày của Excel. "
        f"{IDENTIFIERS[kind]} nên để ô dạng Văn bản để giữ số 0 ở đầu.\n"
        f"• Tối đa {grouped(limits.max_rows)} dòng, {grouped(limits.max_columns)} cột, "
        f"{grouped(limits.max_cell_chars)} ký tự mỗi ô; tệp không quá {megabytes} MB.\n"
        "• Tệp .xls và .xlsm không nhận: hãy mở bằng Excel và lưu lại thành .xlsx.\n"
        "• Tệp mẫu có sẵn các cột, một dòng ví dụ và trang “Hướng dẫn” giải thích từng cột."
    )


SAFETY_TEXT = (
    "Chưa có gì được ghi vào sổ cho đến khi bạn bấm “Nhập” ở bước cuối. Trước khi nhập, "
    "PartyDesk tự sao lưu dữ liệu; việc nhập là trọn gói — có sự cố thì không dòng nào được thêm."
)


def table_summary(table: RawTable) -> str:
    """One line about what was read: file, sheet or encoding, rows and columns."""
    where = f"trang tính “{table.sheet}”" if table.sheet else f"CSV mã {table.encoding_label}"
    return (
        f"Tệp {table.source.name}: {grouped(len(table.rows))} dòng dữ liệu, "
        f"{grouped(len(table.headers))} cột; {where}."
    )


class FilePage(QWidget):
    """Explains the formats; "Chọn tệp…" and "Tải tệp mẫu…" ask the wizard to act."""

    choose_requested = Signal()
    template_requested = Signal()

    def __init__(self, kind: ImportKind, limits: ReadLimits, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = WrappedLabel(intro_text(kind), "font-weight: bold;")
        self.choose_button = QPushButton("&Chọn tệp…")
        self.choose_button.setToolTip("Chọn tệp .xlsx hoặc .csv để đọc và ghép cột")
        self.choose_button.clicked.connect(self.choose_requested)
        self.template_button = QPushButton("Tải tệp &mẫu…")
        self.template_button.setToolTip(
            f"Lưu một tệp Excel mẫu có đủ các cột {kind.label.lower()} và một dòng ví dụ"
        )
        self.template_button.clicked.connect(self.template_requested)
        self.status = WrappedLabel()
        self.status.hide()
        self.explanation = WrappedLabel(formats_text(kind, limits))
        requirements = QGroupBox("Tệp được nhận")
        QVBoxLayout(requirements).addWidget(self.explanation)
        self.safety = WrappedLabel(SAFETY_TEXT)

        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addWidget(requirements)
        layout.addWidget(self.safety)
        layout.addStretch(1)

    def show_read(self, table: RawTable) -> None:
        self._show_status(f"Đã đọc. {table_summary(table)}", OK_COLOR)

    def show_refused(self, message: str) -> None:
        """The reader's reason, in red; the clerk can choose another file."""
        self._show_status(f"{message}\n\nHãy chọn tệp khác.", ERROR_COLOR)

    def _show_status(self, text: str, color: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {color};")
        self.status.show()
