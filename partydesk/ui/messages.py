"""The one place PartyDesk shows modal message boxes.

Every information, warning, error and question box goes through these functions, so tests
can monkeypatch them (``monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)``)
instead of fighting a blocking ``exec()``. Button texts are set here explicitly, not left to
the Qt translator, so they stay Vietnamese even if ``install_vietnamese`` was not called.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

OK_TEXT = "Đồng ý"
YES_TEXT = "&Có"
NO_TEXT = "&Không"
CANCEL_TEXT = "Hủy"

_Icon = QMessageBox.Icon
_Button = QMessageBox.StandardButton


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """An information box with one "Đồng ý" button."""
    _run(_notice_box(parent, _Icon.Information, title, text))


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """A warning box with one "Đồng ý" button."""
    _run(_notice_box(parent, _Icon.Warning, title, text))


def show_error(parent: QWidget | None, title: str, text: str, details: str | None = None) -> None:
    """An error box; ``details`` (e.g. a traceback) goes behind "Xem chi tiết..." for support."""
    box = _notice_box(parent, _Icon.Critical, title, text)
    if details:
        box.setDetailedText(details)
    _run(box)


def ask_yes_no(parent: QWidget | None, title: str, text: str, default_no: bool = True) -> bool:
    """A Có/Không question; True means "Có". Esc and closing the box mean "Không".

    ``default_no`` makes Enter answer "Không", which is the safe default for destructive
    questions ("Xóa đảng viên này?").
    """
    box = _base_box(parent, _Icon.Question, title, text)
    box.setStandardButtons(_Button.Yes | _Button.No)
    yes = box.button(_Button.Yes)
    no = box.button(_Button.No)
    yes.setText(YES_TEXT)
    no.setText(NO_TEXT)
    box.setDefaultButton(no if default_no else yes)
    box.setEscapeButton(no)
    _run(box)
    return box.clickedButton() is yes


def ask_choice(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """A question with one button per choice plus "Hủy"; returns the chosen index or None.

    The first choice is the default button; Esc, "Hủy" and closing the box return None.
    """
    if not choices:
        raise ValueError("ask_choice needs at least one choice")
    box = _base_box(parent, _Icon.Question, title, text)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setText(CANCEL_TEXT)
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(cancel)
    _run(box)
    clicked = box.clickedButton()
    for index, button in enumerate(buttons):
        if clicked is button:
            return index
    return None


def _base_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    # Plain text: messages often quote user data (names, file paths) that may contain "<".
    box.setTextFormat(Qt.TextFormat.PlainText)
    # Clerks copy error texts into support requests.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def _notice_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    box = _base_box(parent, icon, title, text)
    box.setStandardButtons(_Button.Ok)
    box.button(_Button.Ok).setText(OK_TEXT)
    box.setEscapeButton(_Button.Ok)
    return box


def _run(box: QMessageBox) -> None:
    """Show the box modally. The single blocking call, replaced in tests."""
    box.exec()
