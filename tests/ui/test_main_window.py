"""The real main window, offscreen: a clerk adds an enterprise, a chi bộ and a member through
the dialogs, finds the member by an unaccented search and sees the warning that follows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QLineEdit

from partydesk.services.app import AppServices
from partydesk.ui.dialogs.record_dialog import RecordDialog
from partydesk.ui.main_window import MainWindow
from partydesk.ui.tasks import default_runner
from tests.common import WARD_OFFICE
from tests.ui.keyboard import type_text


@pytest.fixture
def services(services: AppServices) -> AppServices:
    """The shared empty database, with the office settings a clerk enters first."""
    services.office.save(WARD_OFFICE)
    return services


@pytest.fixture
def window(qtbot, services: AppServices, tmp_path: Path) -> MainWindow:
    window = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def in_next_dialog(qtbot, fill: Callable[[RecordDialog], None]) -> list[str]:
    """Run ``fill`` on the modal dialog about to open, then save it; return what happened."""
    done: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecordDialog):
            QTimer.singleShot(20, act)
            return
        fill(dialog)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        done.append("accepted" if dialog.result() == QDialog.DialogCode.Accepted else "open")
        if dialog.isVisible():  # validation kept it open: close it so the test can report
            done.append(dialog.banner.text())
            dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, act)
    return done


def type_into(qtbot, dialog: QDialog, name: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None, name
    type_text(edit, text)


def choose(dialog: QDialog, name: str, text: str) -> None:
    combo = dialog.findChild(QComboBox, name)
    assert combo is not None, name
    index = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert index >= 0, f"{text!r} not in {name}"
    combo.setCurrentIndex(index)


def test_clerk_registers_and_finds_a_member_and_sees_the_warning(qtbot, window: MainWindow) -> None:
    window.nav.setCurrentRow(window.pages.indexOf(window.enterprises))
    outcome = in_next_dialog(
        qtbot,
        lambda d: (
            type_into(qtbot, d, "name", "Công ty TNHH Cơ khí Đức Thành"),
            type_into(qtbot, d, "tax_code", "0100107518"),
        ),
    )
    window.enterprises.add_record()
    assert outcome == ["accepted"]
    assert window.enterprises.model.total == 1

    window.nav.setCurrentRow(window.pages.indexOf(window.organisations))
    outcome = in_next_dialog(
        qtbot, lambda d: type_into(qtbot, d, "name", "Chi bộ Công ty Đức Thành")
    )
    window.organisations.add_record()
    assert outcome == ["accepted"]
    assert window.organisations.model.total == 1

    window.nav.setCurrentRow(window.pages.indexOf(window.members))
    outcome = in_next_dialog(
        qtbot,
        lambda d: (
            type_into(qtbot, d, "full_name", "Nguyễn Văn Đức"),
            choose(d, "organisation_id", "Chi bộ Công ty Đức Thành"),
        ),
    )
    window.members.add_record()
    assert outcome == ["accepted"]

    type_text(window.members.search_box, "nguyen van duc")
    qtbot.waitUntil(
        lambda: window.members.model.total == 1 and window.members.model.query.search != ""
    )
    assert window.members.model.row_at(0).full_name == "Nguyễn Văn Đức"

    # One member in a chi bộ: fewer than 3 official members — the warning appears.
    window.nav.setCurrentRow(window.pages.indexOf(window.attention))
    texts = [
        window.attention.tree.topLevelItem(i).text(0)
        for i in range(window.attention.tree.topLevelItemCount())
    ]
    assert any(text.startswith("Chi bộ có dưới 3 đảng viên chính thức") for text in texts)
    assert window.nav.item(window.pages.indexOf(window.attention)).text() == "Cần chú ý (1)"


def test_a_bad_tax_code_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot, window: MainWindow
) -> None:
    window.nav.setCurrentRow(window.pages.indexOf(window.enterprises))
    outcome = in_next_dialog(
        qtbot,
        lambda d: (
            type_into(qtbot, d, "name", "Công ty Sai Mã Số Thuế"),
            type_into(qtbot, d, "tax_code", "0100107519"),
        ),
    )
    window.enterprises.add_record()
    assert outcome[0] == "open" and "1 mục cần sửa" in outcome[1]
    assert window.enterprises.model.total == 0


def test_ctrl_f_goes_to_the_search_box_of_the_page(qtbot, window: MainWindow) -> None:
    window.nav.setCurrentRow(window.pages.indexOf(window.members))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.members.search_box


def test_minutes_left_unsaved_are_offered_back_at_start_up(
    qtbot, services: AppServices, tmp_path: Path, monkeypatch
) -> None:
    from datetime import date

    from partydesk.domain.meeting import Meeting
    from partydesk.domain.organisation import Organisation, OrgKind
    from partydesk.ui import messages

    org = services.register.save_organisation(
        Organisation(name="Chi bộ Công ty Hòa Bình", kind=OrgKind.CELL_BASE)
    )
    services.meetings.save_draft(Meeting(org, date(2026, 11, 5), conclusion="Đang gõ dở"))
    asked: list[str] = []

    def answer(parent, title, text, choices):  # noqa: ANN001 - the messages.ask_choice shape
        asked.append(text)
        return 1  # "Bỏ bản nháp"

    monkeypatch.setattr(messages, "ask_choice", answer)
    window = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(asked))
    assert "Chi bộ Công ty Hòa Bình" in asked[0] and "05/11/2026" in asked[0]
    assert services.meetings.drafts() == []
    qtbot.waitUntil(lambda: not default_runner().is_busy)


def test_a_register_line_reopens_its_document_with_the_same_number(
    qtbot, window: MainWindow, services: AppServices, tmp_path: Path, monkeypatch
) -> None:
    """ "Mở văn bản" on a line of the outgoing register reprints the briefing round's invitation
    in the preview, and the register keeps its one line and number."""
    from partydesk.domain.outgoing import OutgoingFilter, parse_source
    from partydesk.ui import messages
    from tests.store.test_briefings import seed_organisations

    seed_organisations(services)
    briefing = services.briefings.save(services.briefings.plan())
    services.briefing_documents.write_invitations(briefing.id, tmp_path / "first.pdf")
    (line,) = services.outgoing.documents(OutgoingFilter())
    assert line.number_text == "Số 01-GM/ĐU"
    monkeypatch.setattr(messages, "ask_choice", lambda *_args: 1)  # one letter with the list

    window.open_document_source(parse_source(line.source))

    assert window.pages.currentWidget() is window.briefings
    qtbot.waitUntil(lambda: window.briefings.last_preview is not None, timeout=20000)
    assert "Giấy mời" in window.briefings.last_preview.windowTitle()
    window.briefings.last_preview.close()
    assert [d.number_text for d in services.outgoing.documents(OutgoingFilter())] == ["Số 01-GM/ĐU"]
