"""The office's targets and the large-enterprise threshold the overview measures against.

Targets are the committee's own (its congress resolution, a programme): the overview shows how
far each indicator is towards the one whose deadline is nearest. The threshold decides which
enterprises count as large ("Doanh nghiệp từ 500 lao động trở lên chưa có tổ chức đảng").
Only an account allowed to change the settings may edit either; others see them read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import AccessDenied, Permission
from partydesk.domain.errors import ValidationError
from partydesk.domain.numbers import grouped
from partydesk.domain.statistics import EXAMPLE_TARGETS, INDICATOR_BY_KEY, Target, full_label
from partydesk.domain.statistics_text import target_value_text
from partydesk.services.app import AppServices
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.models.list_model import AnyIndex, ListModel
from partydesk.ui.overview.target_editor import VIETNAMESE, TargetEditor
from partydesk.ui.widgets import FieldErrorLabel, WrappedLabel
from partydesk.ui.widgets.list_table import list_table

TITLE = "Chỉ tiêu và ngưỡng thống kê"
EXAMPLE_BUTTON = "Nạp ví dụ chỉ tiêu Sông Công 2030"
THRESHOLD_LABEL = "Ngưỡng doanh nghiệp lớn (số lao động)"
INDICATOR_COLUMN, VALUE_COLUMN, YEAR_COLUMN, SOURCE_COLUMN, NOTES_COLUMN = range(5)
_WIDTHS = (450, 80, 75, 300, 0)
INTRO = (
    "Chỉ tiêu do cấp ủy tự đề ra (nghị quyết đại hội, chương trình, kế hoạch). Trang Tổng quan "
    "so mỗi chỉ số với chỉ tiêu có hạn gần nhất chưa qua; nếu mọi hạn đã qua thì với chỉ tiêu "
    "có hạn muộn nhất. Một chỉ số chỉ có một chỉ tiêu cho mỗi năm hạn."
)
READ_ONLY_NOTE = (
    "Tài khoản đang dùng chỉ được xem chỉ tiêu và ngưỡng; muốn sửa, hãy nhờ người có quyền "
    "sửa cài đặt."
)


class TargetsModel(ListModel[Target]):
    headers = ("Chỉ số", "Chỉ tiêu", "Hạn (năm)", "Nguồn", "Ghi chú")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.large_workforce = 0

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        target = self.row_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                full_label(INDICATOR_BY_KEY[target.indicator], self.large_workforce),
                target_value_text(target),
                str(target.deadline_year),
                target.source,
                target.notes,
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VALUE_COLUMN, YEAR_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TargetsDialog(QDialog):
    """The list of targets with its buttons, and the threshold below it."""

    changed = Signal()  # a target or the threshold was saved: the overview must recompute

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._statistics = services.statistics
        self.editable = services.accounts.can(Permission.SETTINGS)
        self.setWindowTitle(TITLE)
        self.resize(1100, 500)

        layout = QVBoxLayout(self)
        layout.addWidget(WrappedLabel(INTRO))
        if not self.editable:
            layout.addWidget(WrappedLabel(READ_ONLY_NOTE, "color: #8a5a00;"))
        self.model = TargetsModel(self)
        self.table = list_table(self.model, _WIDTHS)
        self.table.setMinimumHeight(200)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.add_button = QPushButton("Thêm…")
        self.add_button.clicked.connect(self.add_target)
        self.edit_button = QPushButton("Sửa…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.clicked.connect(self.delete_selected)
        self.example_button = QPushButton(EXAMPLE_BUTTON)
        self.example_button.setToolTip(
            f"Thêm {len(EXAMPLE_TARGETS)} chỉ tiêu đến năm 2030 của Đảng bộ thành phố Sông Công "
            "(những chỉ tiêu đã có thì bỏ qua), để sửa lại theo văn bản của cấp ủy mình."
        )
        self.example_button.clicked.connect(self.load_examples)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.example_button)
        layout.addLayout(row)

        layout.addWidget(self._threshold_box())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        self.refresh()

    def _threshold_box(self) -> QGroupBox:
        box = QGroupBox(THRESHOLD_LABEL)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.threshold = QSpinBox()
        self.threshold.setLocale(VIETNAMESE)
        self.threshold.setGroupSeparatorShown(True)
        self.threshold.setRange(1, 1_000_000)
        self.threshold.setSuffix(" lao động")
        self.threshold.setMinimumWidth(150)
        self.threshold.setAccessibleName(THRESHOLD_LABEL)
        self.threshold.setValue(self._statistics.large_workforce())
        self.threshold.valueChanged.connect(lambda _value: self._update_buttons())
        self.apply_button = QPushButton("Áp dụng")
        self.apply_button.clicked.connect(self.apply_threshold)
        self.threshold_note = QLabel()
        self.threshold_note.setWordWrap(True)
        row.addWidget(self.threshold)
        row.addWidget(self.apply_button)
        row.addWidget(self.threshold_note, 1)
        layout.addLayout(row)
        self.threshold_error = FieldErrorLabel()
        layout.addWidget(self.threshold_error)
        return box

    # --- showing ----------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Read the targets and the threshold again; select ``select_id`` when given."""
        saved = self._statistics.large_workforce()
        self.model.large_workforce = saved
        targets = sorted(
            self._statistics.targets(),
            key=lambda t: (list(INDICATOR_BY_KEY).index(t.indicator), t.deadline_year),
        )
        self.model.set_rows(targets)
        self._saved_threshold = saved
        self.threshold_note.setText(
            f"Chỉ số “Doanh nghiệp từ {grouped(saved)} lao động trở lên chưa có tổ chức đảng” "
            "đếm theo ngưỡng đang áp dụng."
        )
        for row, target in enumerate(targets):
            if target.id == select_id:
                self.table.selectRow(row)
        self._update_buttons()

    def targets_shown(self) -> list[Target]:
        return [self.model.row_at(row) for row in range(self.model.rowCount())]

    def selected(self) -> Target | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def threshold_pending(self) -> bool:
        return self.threshold.value() != self._saved_threshold

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.add_button.setEnabled(self.editable)
        self.example_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and chosen)
        self.delete_button.setEnabled(self.editable and chosen)
        self.threshold.setEnabled(self.editable)
        self.apply_button.setEnabled(self.editable and self.threshold_pending())

    # --- targets ----------------------------------------------------------------------------

    def add_target(self) -> None:
        self._edit(None)

    def edit_selected(self) -> None:
        target = self.selected()
        if target is not None and self.editable:
            self._edit(target)

    def _edit(self, target: Target | None) -> None:
        editor = TargetEditor(self._services, target, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select_id=editor.saved_id)
            self.changed.emit()

    def delete_selected(self) -> None:
        target = self.selected()
        if target is None or target.id is None:
            return
        label = full_label(INDICATOR_BY_KEY[target.indicator], self._saved_threshold)
        if not messages.ask_yes_no(
            self,
            "Xóa chỉ tiêu?",
            f"Xóa chỉ tiêu “{label}: {target_value_text(target)}, hạn năm "
            f"{target.deadline_year}”?\n\nSố liệu trong sổ không bị ảnh hưởng; trang Tổng quan "
            "sẽ không còn so với chỉ tiêu này.",
        ):
            return
        if self._run(lambda: self._statistics.delete_target(target.id), "Không xóa được"):
            self.refresh()
            self.changed.emit()

    def load_examples(self) -> None:
        added: list[int] = []
        if not self._run(
            lambda: added.append(self._statistics.load_example_targets()),
            "Không nạp được chỉ tiêu ví dụ",
        ):
            return
        self.refresh()
        if added[0]:
            self.changed.emit()
            messages.show_info(
                self,
                "Đã nạp chỉ tiêu ví dụ",
                f"Đã thêm {added[0]} chỉ tiêu ví dụ (đến năm 2030, Đảng bộ thành phố Sông Công). "
                "Hãy đối chiếu với nghị quyết của cấp ủy mình rồi sửa hoặc xóa cho phù hợp.",
            )
        else:
            messages.show_info(
                self,
                "Không thêm chỉ tiêu nào",
                f"Cả {len(EXAMPLE_TARGETS)} chỉ tiêu ví dụ đã có trong danh sách (cùng chỉ số, "
                "cùng năm hạn); không thêm gì, các chỉ tiêu đang có giữ nguyên.",
            )

    def _run(self, action: Any, title: str) -> bool:
        """Run a saving ``action``; say why it failed (nothing was changed) and return False."""
        try:
            action()
        except AccessDenied as exc:
            messages.show_warning(self, title, exc.message)
            return False
        except StoreError as exc:
            messages.show_error(self, title, f"{exc} Các chỉ tiêu đã lưu không bị mất.")
            return False
        return True

    # --- the threshold ----------------------------------------------------------------------

    def apply_threshold(self) -> bool:
        """Save the typed threshold; False (with the reason shown below it) when refused."""
        self.threshold_error.clear_error()
        value = self.threshold.value()
        try:
            self._statistics.set_large_workforce(value)
        except (ValidationError, AccessDenied) as exc:
            self.threshold_error.set_error(exc.message)
            return False
        except StoreError as exc:
            self.threshold_error.set_error(f"Không lưu được ngưỡng: {exc}")
            return False
        self.refresh(select_id=self.selected().id if self.selected() else None)
        self.changed.emit()
        return True

    def reject(self) -> None:
        """Closing with a threshold typed but not applied asks what to do with it."""
        if self.editable and self.threshold_pending():
            choice = messages.ask_choice(
                self,
                "Ngưỡng chưa áp dụng",
                f"Ngưỡng doanh nghiệp lớn đã sửa thành {grouped(self.threshold.value())} lao "
                f"động nhưng chưa áp dụng (đang dùng {grouped(self._saved_threshold)}). "
                "Áp dụng trước khi đóng?",
                ["Áp dụng rồi đóng", "Đóng, không áp dụng"],
            )
            if choice is None or (choice == 0 and not self.apply_threshold()):
                return
        super().reject()
