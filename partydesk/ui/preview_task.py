"""Write a document in the background, then open it in the print preview.

Every page that prints (meetings, briefing rounds, …) uses this one flow: the PDF goes to a
fresh temporary folder (``pdf_preview.preview_file``), the writer runs off the GUI thread with
progress and cancel, and the preview owns the file; failure or cancel removes the folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.tasks import report_task_error, run_with_progress


def write_then_preview(
    parent: QWidget,
    operation: str,
    write: Callable[..., object],
    args: tuple[Any, ...],
    target: Path,
    title: str,
    on_shown: Callable[[pdf_preview.PdfPreviewDialog], None] | None = None,
    **kwargs: Any,
) -> None:
    """Run ``write(*args, progress=…, cancel=…, **kwargs)`` writing ``target``, then preview it.

    ``operation`` names the job in the progress and error boxes; ``title`` is the preview's.
    """

    def discard(*_args: object) -> None:
        shutil.rmtree(target.parent, ignore_errors=True)

    def show(_result: object) -> None:
        dialog = pdf_preview.show_pdf_preview(
            target, title, parent, suggested_name=target.name, owns_file=True
        )
        if on_shown is not None:
            on_shown(dialog)

    def fail(exc: BaseException) -> None:
        discard()
        report_task_error(parent, operation, exc)

    run_with_progress(
        parent,
        operation,
        write,
        *args,
        on_success=show,
        on_failure=fail,
        on_cancelled=discard,
        **kwargs,
    )
