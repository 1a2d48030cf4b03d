"""The settings box adjusting an evaluation rule set: saving with a reason, refusals, history."""

from __future__ import annotations

import pytest

from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.settings import rule_sets_box as box_module
from partydesk.ui.settings.rule_sets_box import RuleSetsBox
from partydesk.ui.widgets import is_marked_invalid
from tests.ui.keyboard import type_text

REASON = "Hướng dẫn số 50-HD/BTCTW ngày 01/10/2026"


@pytest.fixture
def box(qtbot, services: AppServices, monkeypatch) -> RuleSetsBox:
    monkeypatch.setattr(messages, "show_info", lambda *a, **k: None)
    widget = RuleSetsBox(services.evaluation.rule_sets)
    qtbot.addWidget(widget)
    widget.resize(820, 1200)
    widget.show()
    return widget


def test_lists_the_rule_sets_by_their_years(box) -> None:
    captions = [box.choice.itemText(i) for i in range(box.choice.count())]
    assert "QĐ 366 / HD 43 (từ năm 2025)" in captions
    assert "QĐ 124 / HD 25 (2023–2024)" in captions


def test_the_quota_change_is_stored_with_its_reason(box, services, monkeypatch) -> None:
    box.select("QD366")
    assert box.form.quota.value() == 20
    box.form.quota.setValue(25)
    monkeypatch.setattr(box_module, "ask_text", lambda *_a: REASON)

    box.save_button.click()

    stored = services.evaluation.rule_sets.get("QD366")
    assert stored.quota_share == 0.25
    changes = services.evaluation.rule_sets.changes("QD366")
    assert [c.reason for c in changes] == [REASON]
    assert box.history.rowCount() == 1
    assert box.history.item(0, 1).text() == REASON
    assert "Tỷ lệ HTXSNV tối đa: 20% → 25%" in box.history_text()[0]
    assert not box.is_dirty()


def test_an_empty_reason_is_refused(box, services) -> None:
    box.select("QD366")
    box.form.quota.setValue(25)

    assert not box.save("   ")

    assert "phải ghi lý do" in (box.errors.error() or "")
    assert services.evaluation.rule_sets.get("QD366").quota_share == 0.2
    assert services.evaluation.rule_sets.changes("QD366") == []
    assert box.is_dirty()  # the typed change is still there to save with a reason


def test_cancelling_the_reason_saves_nothing(box, services, monkeypatch) -> None:
    box.select("QD366")
    box.form.quota.setValue(30)
    monkeypatch.setattr(box_module, "ask_text", lambda *_a: None)
    box.save_button.click()
    assert services.evaluation.rule_sets.changes("QD366") == []


def test_bands_out_of_order_are_refused_on_their_field(box, services) -> None:
    box.select("QD366")
    box.form.bands_row.setFocus()
    # HTTNV's minimum above HTXSNV's: the bands would overlap.
    good = list(box.form.bands.values())[1]
    good.setValue(95)

    assert not box.save(REASON)

    message = box.form.error_text("khung_diem") or ""
    assert message.startswith("Khung điểm")
    assert all(is_marked_invalid(b) for b in box.form.bands.values())
    assert dict(services.evaluation.rule_sets.get("QD366").bands)
    assert services.evaluation.rule_sets.changes("QD366") == []

    box.reload_button.click()  # "Khôi phục" drops the edit
    assert good.value() == 70
    assert box.form.error_text("khung_diem") is None


def test_unscored_sets_keep_their_bands_disabled(box) -> None:
    box.select("QD124")
    assert not box.form.bands_row.isEnabled()
    box.select("QD366")
    assert box.form.bands_row.isEnabled()


def test_a_level_name_and_a_form_title_are_adjusted(box, services) -> None:
    box.select("QD366")
    title = box.form.forms["C"].title
    title.clear()
    title.setFocus()
    type_text(title, "Bản kiểm điểm đảng viên (mẫu mới)")
    box.form.probationary_max.setCurrentIndex(box.form.probationary_max.findData("HTTNV"))

    assert box.save(REASON)

    stored = services.evaluation.rule_sets.get("QD366")
    assert dict(stored.member_forms)["C"].title == "Bản kiểm điểm đảng viên (mẫu mới)"
    lines = box.history_text()[0].splitlines()
    assert "Mức tối đa của đảng viên dự bị: Không giới hạn → HTTNV" in lines
    assert any(line.startswith("Mẫu 2C, tên:") for line in lines)


def test_an_empty_form_title_names_the_form(box) -> None:
    box.select("QD366")
    box.form.forms["A"].title.clear()
    assert not box.save(REASON)
    assert "Mẫu 2A" in (box.form.error_text("mau_A") or "")
    assert is_marked_invalid(box.form.forms["A"].title)
