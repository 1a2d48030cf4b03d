"""The enterprise dialog's founding date ("Ngày thành lập", issue 8): it round-trips, and a
wrong one is shown beside its field without saving."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs.enterprise_dialog import EnterpriseDialog
from partydesk.ui.widgets import FieldErrorLabel


@pytest.fixture(autouse=True)
def drop_unsaved_on_close(monkeypatch) -> list[str]:
    """Closing a dialog left with a refused value asks whether to drop it: answer yes, so the
    test's teardown does not wait on a message box."""
    asked: list[str] = []

    def ask(_parent, title: str, _text: str, default_no: bool = True) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return asked


def shown(qtbot, services: AppServices, enterprise_id: int | None) -> EnterpriseDialog:
    dialog = EnterpriseDialog(services, enterprise_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def error_of(dialog: EnterpriseDialog, name: str) -> str | None:
    layout = dialog.form.layout
    row, _role = layout.getWidgetPosition(dialog.form.widget(name))
    label = layout.itemAt(row + 1, layout.ItemRole.FieldRole).widget()
    assert isinstance(label, FieldErrorLabel)
    return label.error() if not label.isHidden() else None


def test_the_founding_date_round_trips(qtbot, services: AppServices) -> None:
    dialog = shown(qtbot, services, None)
    dialog.form.widget("name").setText("Công ty TNHH Hòa Bình")
    dialog.form.widget("established_on").line_edit.setText("12/04/2012")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.record_id is not None
    assert services.register.enterprise(dialog.record_id).established_on == date(2012, 4, 12)

    again = shown(qtbot, services, dialog.record_id)
    field = again.form.widget("established_on")
    assert field.date() == date(2012, 4, 12) and field.text() == "12/04/2012"
    assert not again.is_dirty()
    field.line_edit.setText("")  # cleared: the date becomes unknown again
    again.save()
    assert services.register.enterprise(dialog.record_id).established_on is None


def test_the_date_sits_after_the_type(qtbot, services: AppServices) -> None:
    dialog = shown(qtbot, services, None)
    names = dialog.form.names()
    assert names.index("established_on") == names.index("type") + 1


def test_a_future_founding_date_is_refused_beside_the_field(qtbot, services: AppServices) -> None:
    dialog = shown(qtbot, services, None)
    dialog.form.widget("name").setText("Công ty TNHH Tương Lai")
    dialog.form.widget("established_on").line_edit.setText("01/01/2027")
    dialog.save()
    assert error_of(dialog, "established_on") == "Ngày thành lập: ngày 01/01/2027 ở tương lai."
    assert dialog.isVisible() and dialog.form.widget("name").text() == "Công ty TNHH Tương Lai"
    assert services.register.count_enterprises(ListQuery()) == 0


def test_dissolved_before_founding_is_refused_beside_the_dissolution(
    qtbot, services: AppServices
) -> None:
    enterprise_id = services.register.save_enterprise(
        Enterprise(
            name="Công ty TNHH Hòa Bình",
            type=EnterpriseType.PRIVATE,
            established_on=date(2015, 3, 1),
        )
    )
    dialog = shown(qtbot, services, enterprise_id)
    dialog.form.widget("ended_on").line_edit.setText("01/02/2015")
    dialog.save()
    assert error_of(dialog, "ended_on") == (
        "Ngày giải thể không được trước ngày thành lập doanh nghiệp."
    )
    assert services.register.enterprise(enterprise_id).ended_on is None
