"""Exporting a file the clerk names: ask where, write it in the background, say where it went.

The pages' "Xuất Excel…" and "Xuất lịch (.ics)…" buttons all go this way, so the save dialog
(``pdf_preview.ask_save_path``), the cancellable progress and the closing message are the same
everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from partydesk.ui import messages
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.tasks import run_with_progress


def export_file(
    parent: QWidget,
    title: str,
    suggested_name: str,
    file_filter: str,
    write: Callable[..., Any],
    /,
    *args: Any,
    done_message: Callable[[Any, Path], str],
) -> None:
    """Ask for the file, then run ``write(target, *args, progress=…, cancel=…)`` off the GUI
    thread; on success show ``done_message(result, target)``. ``title`` names the operation
    ("Xuất sổ văn bản đi ra Excel") in the dialogs."""
    target = pdf_preview.ask_save_path(parent, title, suggested_name, file_filter)
    if target is None:
        return
    run_with_progress(
        parent,
        title,
        write,
        target,
        *args,
        on_success=lambda result: messages.show_info(parent, title, done_message(result, target)),
    )
