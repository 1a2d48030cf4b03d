"""The result of checking the audit log: intact (how many rows, the head's number and hash), or
every problem found, with what an administrator can do about it.

"Ghi nhận…" records the outside writes and chain damage as acknowledged (one audit row, the
data stays as the other program left it); "Cài lại theo dõi thay đổi" reinstalls capture
triggers found missing or altered. Both are the administrator's explicit, logged actions.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import AccessDenied
from partydesk.domain.audit import ChainReport
from partydesk.domain.numbers import grouped
from partydesk.services.audit_log import Anchor, acknowledgeable
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.widgets.wrapped_label import WrappedLabel

TITLE = "Kiểm tra tính toàn vẹn nhật ký thay đổi"
INTACT_TEXT = (
    "<b style='color:#2E7D32'>Nhật ký thay đổi nguyên vẹn.</b> Không dòng nào bị sửa hay xóa "
    "ngoài PartyDesk, và không có thay đổi dữ liệu nào do chương trình khác ghi."
)
PROBLEM_TEXT = (
    "<b style='color:#C62828'>Phát hiện dấu hiệu dữ liệu bị sửa ngoài PartyDesk.</b> "
    "Không có dữ liệu nào bị PartyDesk xóa hay sửa lại; các vấn đề tìm thấy:"
)
ADVICE = (
    "Nếu không rõ ai đã sửa, hãy khôi phục từ một bản sao lưu trước thời điểm đó và báo cho "
    "người phụ trách. “Ghi nhận” chỉ ghi vào nhật ký rằng quản trị đã xem các vấn đề này "
    "(lần mở tệp sau sẽ không báo lại); dữ liệu giữ nguyên như chương trình kia đã ghi."
)


class ChainDialog(QDialog):
    """Shows ``report``. ``acknowledge()`` and ``repair()`` run the service calls (None when
    they may not run here, ``refusal`` saying why); ``changed`` is set once either has written
    to the log."""

    def __init__(
        self,
        report: ChainReport,
        anchor: Anchor | None,
        *,
        acknowledge: Callable[[], int] | None,
        repair: Callable[[], int] | None,
        refusal: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.changed = False
        self._acknowledge = acknowledge
        self._repair = repair
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        self.problems = QListWidget()
        self.acknowledge_button = QPushButton("Ghi nhận…")
        self.repair_button = QPushButton("Cài lại theo dõi thay đổi")
        self.summary = WrappedLabel(INTACT_TEXT if report.intact else PROBLEM_TEXT)
        layout.addWidget(self.summary)
        if not report.intact:
            self.problems.addItems(report.describe())
            self.problems.setWordWrap(True)
            self.problems.setMinimumHeight(120)
            layout.addWidget(self.problems, 1)
            layout.addWidget(WrappedLabel(ADVICE))
        self.facts = QLabel(facts_text(report, anchor))
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        if acknowledgeable(report):
            buttons.addButton(self.acknowledge_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.acknowledge_button.setEnabled(acknowledge is not None)
            if acknowledge is None:
                self.acknowledge_button.setToolTip(refusal)
            self.acknowledge_button.clicked.connect(self._on_acknowledge_clicked)
        if report.capture_problems:
            buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.repair_button.setEnabled(repair is not None)
            if repair is None:
                self.repair_button.setToolTip(refusal)
            self.repair_button.clicked.connect(self._on_repair_clicked)
        if report.intact:
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(640, 420 if not report.intact else self.sizeHint().height())

    def _on_acknowledge_clicked(self) -> None:
        if self._acknowledge is None:
            return
        if not messages.ask_yes_no(
            self,
            "Ghi nhận thay đổi ngoài PartyDesk",
            "Ghi vào nhật ký rằng bạn đã xem các vấn đề trên? Dữ liệu giữ nguyên, các thay đổi "
            "do chương trình khác ghi được chép vào một dòng nhật ký mang tên bạn.",
        ):
            return
        title = "Ghi nhận thay đổi ngoài PartyDesk"
        moved = self._run(self._acknowledge, title)
        if moved is None:
            return
        self.acknowledge_button.setEnabled(False)
        messages.show_info(
            self,
            title,
            (f"Đã ghi nhận; {moved} thay đổi do chương trình khác ghi đã được chép vào nhật ký.")
            if moved
            else "Đã ghi nhận các vấn đề vào nhật ký.",
        )

    def _on_repair_clicked(self) -> None:
        if self._repair is None:
            return
        title = "Cài lại theo dõi thay đổi"
        fixed = self._run(self._repair, title)
        if fixed is None:
            return
        self.repair_button.setEnabled(False)
        messages.show_info(
            self,
            title,
            f"Đã cài lại theo dõi thay đổi ({fixed} trigger); việc này đã được ghi vào nhật ký.",
        )

    def _run(self, action: Callable[[], int], title: str) -> int | None:
        try:
            result = action()
        except (AccessDenied, StoreError) as exc:
            messages.show_error(self, title, f"{exc}\n\nKhông có gì bị thay đổi.")
            return None
        self.changed = True
        return result


def facts_text(report: ChainReport, anchor: Anchor | None) -> str:
    """The figures of the check, for the record and for support."""
    lines = [
        f"Đã kiểm tra {grouped(report.checked)} dòng nhật ký.",
        f"Dòng cuối: số {grouped(report.head_seq)}, mã <code>{escape(report.head_hash)}</code>",
    ]
    if anchor is not None and anchor.seq:
        lines.append(
            f"Lần đóng tệp trước trên máy này, dòng cuối là số {grouped(anchor.seq)}, mã "
            f"<code>{escape(anchor.hash[:16])}…</code>"
        )
    else:
        lines.append("Máy này chưa ghi nhớ dòng cuối của tệp này (tệp mới mở lần đầu).")
    return "<br>".join(lines)
