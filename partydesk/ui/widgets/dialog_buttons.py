"""The OK/Cancel row of PartyDesk's small dialogs: the OK button says what it does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def ok_cancel_buttons(
    dialog: QDialog,
    ok_text: str,
    on_ok: Callable[[], object] | None = None,
    cancel_text: str = "Hủy",
) -> tuple[QDialogButtonBox, QPushButton]:
    """An OK/Cancel box for ``dialog``; OK reads ``ok_text`` and calls ``on_ok`` (default:
    ``dialog.accept``), Cancel rejects. Returns the box and its OK button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button
