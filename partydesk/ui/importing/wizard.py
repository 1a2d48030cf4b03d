"""The import wizard: choose a file, match its columns, check every row, then import.

Three steps in one dialog (a QStackedWidget under a step line): "Chọn tệp", "Ghép cột",
"Kiểm tra". Reading, checking, saving the error report and importing run in the background
behind a cancellable progress dialog; while one runs, the wizard's own buttons are disabled so
a second click cannot start a second job. Whatever the service refuses (a hostile file, an
account without the right, a full disk, a register changed since the check) becomes a message
and the dialog stays open with the clerk's file and column choices.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.accounts import AccessDenied, Permission
from partydesk.domain.errors import ValidationError
from partydesk.domain.importing import ImportKind, columns
from partydesk.domain.numbers import grouped
from partydesk.services.app import AppServices
from partydesk.services.audit import require
from partydesk.services.importing.reader import ImportFileRefused, RawTable, ReadLimits
from partydesk.services.importing.service import (
    ImportNotReady,
    ImportPreview,
    ImportResult,
    ImportService,
)
from partydesk.services.progress import check_cancel
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.importing import file_dialogs
from partydesk.ui.importing.check_page import CheckPage, result_text
from partydesk.ui.importing.file_page import FilePage
from partydesk.ui.importing.mapping_page import MappingPage
from partydesk.ui.importing.step_line import StepLine
from partydesk.ui.tasks import Task, report_task_error, run_with_progress

log = logging.getLogger(__name__)

FILE_STEP, MAPPING_STEP, CHECK_STEP = range(3)
DIALOG_SIZE = (1000, 640)  # fits a 1366 × 768 screen with the taskbar
MINIMUM_SIZE = (720, 480)

#: What the service refuses with a clerk-facing message (no traceback box).
REFUSALS = (AccessDenied, StoreError, ValidationError, ImportFileRefused, ImportNotReady)

TEMPLATE_NAMES = {
    ImportKind.MEMBERS: "mau-nhap-dang-vien.xlsx",
    ImportKind.ENTERPRISES: "mau-nhap-doanh-nghiep.xlsx",
}


def dialog_title(kind: ImportKind) -> str:
    return f"Nhập {kind.label.lower()} từ Excel/CSV"


def refusal_text(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    return str(message if message else exc)


def _read_table(importer: ImportService, path: Path, *, progress: Any, cancel: Any) -> RawTable:
    table = importer.read(path)
    check_cancel(cancel)  # reading cannot stop half-way; a cancel still discards the result
    return table


def _save_problems(
    importer: ImportService, preview: ImportPreview, path: Path, *, progress: Any, cancel: Any
) -> Path:
    return importer.save_problems(preview, path)


def _write_template(
    importer: ImportService, kind: ImportKind, path: Path, *, progress: Any, cancel: Any
) -> Path:
    return importer.write_template(kind, path)


class ImportDialog(QDialog):
    """The three-step import of members or enterprises from one .xlsx or .csv file.

    ``imported(result)`` is emitted after a successful import (the lists should refresh).
    """

    imported = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        services: AppServices,
        importer: ImportService,
        kind: ImportKind,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._importer = importer
        self._kind = kind
        self._settings = settings
        self._columns = columns(kind)
        self._table: RawTable | None = None
        self._preview: ImportPreview | None = None
        self._result: ImportResult | None = None
        self._task: Task | None = None
        self.setWindowTitle(dialog_title(kind))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.steps = StepLine()
        self.file_page = FilePage(kind, ReadLimits())
        self.file_page.choose_requested.connect(self._on_file_page_choose_requested)
        self.file_page.template_requested.connect(self._on_file_page_template_requested)
        self.mapping_page = MappingPage(self._columns)
        self.mapping_page.changed.connect(self._update_buttons)
        self.check_page = CheckPage(kind)
        self.check_page.save_report_requested.connect(self._on_check_page_save_report_requested)
        self.stack = QStackedWidget()
        for page in (self.file_page, self.mapping_page, self.check_page):
            self.stack.addWidget(page)

        self.back_button = QPushButton("&Quay lại")
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button = QPushButton("&Tiếp")
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.import_button = QPushButton("&Nhập dữ liệu…")
        self.import_button.setToolTip("PartyDesk sao lưu dữ liệu trước khi nhập")
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.close_button = QPushButton("Đón&g")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DIALOG_SIZE)
        self._go_to(FILE_STEP)
        self.file_page.choose_button.setFocus()

    # --- state ----------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    @property
    def is_busy(self) -> bool:
        return self._task is not None

    @property
    def table(self) -> RawTable | None:
        return self._table

    @property
    def preview(self) -> ImportPreview | None:
        return self._preview

    @property
    def import_result(self) -> ImportResult | None:
        return self._result

    def _go_to(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.steps.set_current(step)
        self.back_button.setText("Quay lại &ghép cột" if step == CHECK_STEP else "&Quay lại")
        self.next_button.setText("&Kiểm tra" if step == MAPPING_STEP else "&Tiếp")
        self._update_buttons()
        if step == MAPPING_STEP and self.mapping_page.table.combos:
            self.mapping_page.table.combos[0].setFocus()

    def _update_buttons(self) -> None:
        step = self.step
        idle = not self.is_busy
        self.stack.setEnabled(idle)
        self.back_button.setVisible(step != FILE_STEP)
        self.back_button.setEnabled(idle)
        self.next_button.setVisible(step != CHECK_STEP)
        self.import_button.setVisible(step == CHECK_STEP)
        if step == FILE_STEP:
            self.next_button.setEnabled(idle and self._table is not None)
        elif step == MAPPING_STEP:
            self.next_button.setEnabled(idle and self.mapping_page.can_check)
        ready = self._preview is not None and self._preview.can_import and self._result is None
        self.import_button.setEnabled(idle and ready)
        if self._result is not None:
            self.import_button.setText("Đã nhập")
        elif self._preview is not None and self._preview.can_import:
            count = grouped(self._preview.ok_count)
            self.import_button.setText(f"&Nhập {count} {self._kind.label.lower()}…")
        else:
            self.import_button.setText("&Nhập dữ liệu…")
        primary = self.import_button if step == CHECK_STEP else self.next_button
        primary.setDefault(True)

    def _start(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        """Run ``fn`` in the background; the wizard is idle again before any callback runs."""

        def finished(callback: Callable[..., None] | None) -> Callable[..., None]:
            def run(*result: Any) -> None:
                self._task = None
                self._update_buttons()
                if callback is not None:
                    callback(*result)

            return run

        self._task = run_with_progress(
            self,
            title,
            fn,
            *args,
            on_success=finished(on_success),
            on_failure=finished(on_failure),
            on_cancelled=finished(on_cancelled),
        )
        self._update_buttons()

    # --- step 1: the file -----------------------------------------------------------------

    def _on_file_page_choose_requested(self) -> None:
        path = file_dialogs.ask_open_path(
            self, "Chọn tệp để nhập", file_dialogs.remembered_folder(self._settings)
        )
        if path is not None:
            self.read_file(path)

    def read_file(self, path: Path) -> None:
        """Read ``path`` in the background; on success go to the column step."""
        self._start(
            "Đọc tệp",
            _read_table,
            self._importer,
            path,
            on_success=self._on_file_read,
            on_failure=lambda exc: self._on_file_refused(path, exc),
        )

    def _on_file_read(self, table: RawTable) -> None:
        file_dialogs.remember_folder(self._settings, table.source)
        if not table.headers or not table.rows:
            self._on_file_refused(
                table.source,
                ImportFileRefused(
                    f"Tệp {table.source.name} không có dòng dữ liệu nào dưới dòng tiêu đề."
                ),
            )
            return
        self._table = table
        self._preview = None
        self._result = None
        self.file_page.show_read(table)
        self.mapping_page.set_table(
            table, self._importer.suggest_mapping(self._kind, table.headers)
        )
        self._go_to(MAPPING_STEP)

    def _on_file_refused(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, ImportFileRefused):
            text = refusal_text(exc)
        elif isinstance(exc, OSError):
            text = f"Không mở được tệp {path}: {exc.strerror or exc}."
        else:
            report_task_error(self, "Đọc tệp", exc)
            return
        log.info("Import file refused: %s", text)
        self._table = None
        self._preview = None
        self.file_page.show_refused(text)
        self._go_to(FILE_STEP)
        self.file_page.choose_button.setFocus()

    def _on_file_page_template_requested(self) -> None:
        title = "Tải tệp mẫu"
        path = file_dialogs.ask_save_path(
            self,
            title,
            file_dialogs.remembered_folder(self._settings),
            TEMPLATE_NAMES[self._kind],
        )
        if path is None:
            return
        self._start(
            title,
            _write_template,
            self._importer,
            self._kind,
            path,
            on_success=lambda written: self._offer_folder(title, "tệp mẫu", Path(written)),
            on_failure=lambda exc: self._show_save_failure(title, path, exc),
        )

    def _offer_folder(self, title: str, what: str, path: Path) -> None:
        question = f"Đã lưu {what} tại:\n{path}\n\nMở thư mục chứa tệp?"
        wants_folder = messages.ask_yes_no(self, title, question, default_no=False)
        if wants_folder and not file_dialogs.open_folder(path.parent):
            messages.show_warning(self, title, f"Không mở được thư mục {path.parent}.")

    def _show_save_failure(self, title: str, path: Path, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            messages.show_error(
                self,
                title,
                f"Không lưu được tệp {path}: {reason}.\n\nDữ liệu trong sổ không bị ảnh hưởng; "
                "hãy chọn thư mục khác hoặc đóng tệp đó nếu đang mở trong Excel.",
            )
        elif isinstance(exc, REFUSALS):
            messages.show_error(self, title, refusal_text(exc))
        else:
            report_task_error(self, title, exc)

    # --- step 2: the columns --------------------------------------------------------------

    def check(self) -> None:
        """Run the preview of every row with the chosen columns; on success show step 3."""
        if self._table is None or not self.mapping_page.can_check:
            return
        self._start(
            "Kiểm tra dữ liệu",
            self._importer.preview,
            self._kind,
            self._table,
            self.mapping_page.mapping(),
            on_success=self._on_checked,
            on_failure=lambda exc: self._show_refusal("Kiểm tra dữ liệu", exc),
        )

    def _on_checked(self, preview: ImportPreview) -> None:
        self._preview = preview
        self._result = None
        self.check_page.show_preview(preview)
        self._go_to(CHECK_STEP)
        if preview.can_import:
            self.import_button.setFocus()
        else:
            self.check_page.table.setFocus()

    def _show_refusal(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, REFUSALS):
            messages.show_error(self, title, refusal_text(exc))
        else:
            report_task_error(self, title, exc)

    # --- step 3: the check and the import -------------------------------------------------

    def _on_check_page_save_report_requested(self) -> None:
        if self._preview is None or self._table is None:
            return
        title = "Lưu báo cáo lỗi"
        preview = self._preview
        path = file_dialogs.ask_save_path(
            self,
            title,
            file_dialogs.remembered_folder(self._settings),
            f"bao-cao-loi-{self._table.source.stem}.xlsx",
        )
        if path is None:
            return
        self._start(
            title,
            _save_problems,
            self._importer,
            preview,
            path,
            on_success=lambda written: self._offer_folder(title, "báo cáo lỗi", Path(written)),
            on_failure=lambda exc: self._show_save_failure(title, path, exc),
        )

    def start_import(self) -> None:
        """Ask for confirmation, then import every checked row in the background."""
        preview = self._preview
        if preview is None or not preview.can_import or self._result is not None:
            return
        noun = self._kind.label.lower()
        title = dialog_title(self._kind)
        source = preview.table.source.name
        question = (
            f"Thêm {grouped(preview.ok_count)} {noun} từ tệp {source} vào sổ?\n\n"
            "Trước khi nhập, PartyDesk sao lưu dữ liệu. Việc nhập là trọn gói: nếu có sự cố "
            f"hoặc bạn bấm Hủy giữa chừng, không {noun} nào được thêm."
        )
        if not messages.ask_yes_no(self, title, question):
            return
        self._start(
            title,
            self._importer.run,
            preview,
            on_success=lambda result: self._on_imported(preview, result),
            on_failure=self._on_import_failed,
            on_cancelled=lambda: messages.show_info(
                self, title, f"Đã hủy việc nhập. Không {noun} nào được thêm vào sổ."
            ),
        )

    def _on_import_failed(self, exc: BaseException) -> None:
        title = dialog_title(self._kind)
        if isinstance(exc, ValidationError):
            # The other refusals already say that nothing was changed.
            messages.show_error(
                self,
                title,
                f"{refusal_text(exc)}\n\nKhông {self._kind.label.lower()} nào được thêm vào sổ.",
            )
        else:
            self._show_refusal(title, exc)
        if isinstance(exc, ImportNotReady):
            # The register changed since the check: that check no longer holds.
            self._preview = None
            self._go_to(MAPPING_STEP)

    def _on_imported(self, preview: ImportPreview, result: ImportResult) -> None:
        self._result = result
        self._remember_mapping(preview)
        self.check_page.show_result(result)
        self._update_buttons()
        self.close_button.setFocus()
        self.imported.emit(result)
        messages.show_info(self, dialog_title(self._kind), result_text(self._kind, result))

    def _remember_mapping(self, preview: ImportPreview) -> None:
        # The members are in; a mapping that could not be remembered is only an inconvenience
        # for the next import, not something to alarm the clerk about.
        try:
            self._importer.remember_mapping(self._kind, preview.table.headers, preview.mapping)
        except REFUSALS as exc:
            log.warning("Import mapping not remembered: %s", exc)

    # --- buttons --------------------------------------------------------------------------

    def _on_back_button_clicked(self) -> None:
        if self.step == CHECK_STEP:
            self._go_to(MAPPING_STEP)
        elif self.step == MAPPING_STEP:
            self._go_to(FILE_STEP)

    def _on_next_button_clicked(self) -> None:
        if self.step == FILE_STEP and self._table is not None:
            self._go_to(MAPPING_STEP)
        elif self.step == MAPPING_STEP:
            self.check()

    def _on_import_button_clicked(self) -> None:
        self.start_import()

    def reject(self) -> None:
        # Closing while a job runs asks it to stop; the clerk closes again once it has.
        if self._task is not None:
            self._task.cancel()
            return
        super().reject()


def open_import(
    parent: QWidget | None,
    services: AppServices,
    importer: ImportService,
    kind: ImportKind,
    settings: QSettings | None = None,
) -> ImportResult | None:
    """Run the import wizard modally; the result when something was imported, else None.

    An account that may not import is told so before choosing a file, not after the work.
    """
    try:
        require(services.store, Permission.IMPORT)
    except AccessDenied as exc:
        messages.show_error(parent, dialog_title(kind), exc.message)
        return None
    dialog = ImportDialog(parent, services, importer, kind, settings)
    try:
        dialog.exec()
        return dialog.import_result
    finally:
        dialog.deleteLater()
