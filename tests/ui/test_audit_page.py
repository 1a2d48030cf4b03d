"""The "Nhật ký thay đổi" page: entries newest first with their detail (cũ → mới), the filters,
paging as the list scrolls, the sentence shown to non-administrators, the integrity check in
both states with the administrator's acknowledgement, and the Excel export."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QTreeWidgetItem

from partydesk.domain.accounts import Actor, Role
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices
from partydesk.services.audit_log import ACKNOWLEDGE_ACTION, AuditLogService
from partydesk.ui import messages
from partydesk.ui.audit.entries_model import PAGE_SIZE
from partydesk.ui.dialogs import pdf_preview
from partydesk.ui.pages.audit import AuditPage
from tests.services.evaluation_office import ORDINARY, build_office
from tests.store.test_audit_chain import fill_log
from tests.ui.keyboard import type_text

ADMIN = Actor("hung.nv", "Nguyễn Văn Hùng", Role.ADMIN, 1)
CLERK = Actor("lan.nt", "Nguyễn Thị Lan", Role.CLERK, 2)


@pytest.fixture
def log(services: AppServices, tmp_path: Path) -> AuditLogService:
    return AuditLogService(services.store, DataPaths(tmp_path / "data").ensure())


@pytest.fixture
def edited(services: AppServices) -> int:
    """The sample office, then a clerk's edit of one member; returns the member's id."""
    office = build_office(services)
    member_id = office.members[ORDINARY]
    services.store.actor = CLERK
    member = services.register.member(member_id)
    services.register.save_member(replace(member, phone="0912345678"))
    services.store.actor = ADMIN
    return member_id


@pytest.fixture
def page(qtbot, services: AppServices, log: AuditLogService, edited: int) -> AuditPage:
    widget = AuditPage(services, log)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    with qtbot.waitSignal(widget.refreshed, timeout=2000):
        widget.show()
    return widget


def actions(page: AuditPage) -> list[str]:
    return [e.action for e in page.model.entries]


def test_entries_newest_first_and_the_detail_of_one(page: AuditPage, edited: int) -> None:
    assert page.stack.currentIndex() == 0
    first = page.model.entries[0]
    assert first.action == "Lưu đảng viên" and first.user_login == "lan.nt"
    assert page.model.index(0, 2).data() == "Nguyễn Thị Lan (lan.nt)"
    assert page.model.index(0, 3).data() == "Cán bộ nhập liệu"
    assert page.model.index(0, 5).data() == f"Đảng viên số {edited}"
    assert page.model.index(0, 6).data() == f"{ORDINARY} — Đảng viên: sửa 1"
    assert [e.seq for e in page.model.entries] == sorted(
        (e.seq for e in page.model.entries), reverse=True
    )
    page.table.selectRow(0)
    tree = page.detail.tree
    record: QTreeWidgetItem = tree.topLevelItem(0)
    assert record.text(0) == f"Sửa đảng viên số {edited}"
    field = record.child(0)
    assert (field.text(0), field.text(1), field.text(2)) == ("phone", "(trống)", "0912345678")
    assert "Lưu đảng viên" in page.detail.heading.text()


def test_filters_search_without_accents_and_by_person(qtbot, page: AuditPage) -> None:
    everything = page.model.total
    page.filters.search.setFocus()
    type_text(page.filters.search, "luu dang vien")
    page.filters.search.flush()
    assert set(actions(page)) == {"Lưu đảng viên"}
    assert page.count_label.text().startswith(f"{page.model.total} dòng")
    page.filters.clear()
    assert page.model.total == everything
    page.filters.user.setCurrentIndex(page.filters.user.findData("lan.nt"))
    assert actions(page) == ["Lưu đảng viên"]
    page.filters.table.setCurrentIndex(page.filters.table.findData("organisations"))
    assert page.model.total == 0
    assert page.count_label.text() == "Không có dòng nhật ký nào phù hợp với bộ lọc."
    assert not page.export_button.isEnabled()
    page.filters.user.setCurrentIndex(0)
    assert page.model.total == 3 and set(actions(page)) == {"Lưu tổ chức đảng"}
    page.filters.clear()
    page.filters.until.line_edit.setText("01/01/2020")
    assert page.model.total == 0


def test_the_list_fetches_more_as_it_scrolls(services: AppServices, page: AuditPage) -> None:
    fill_log(services.store.conn, PAGE_SIZE + 50)
    page.refresh()
    assert page.model.rowCount() == PAGE_SIZE and page.model.canFetchMore()
    newest = page.model.entries[0].seq
    services.store.audit.record_event("Đăng nhập", "lan.nt")  # a new entry while scrolling
    page.model.fetchMore()
    seqs = [e.seq for e in page.model.entries]
    assert len(seqs) == len(set(seqs)) == page.model.total
    assert seqs[0] == newest and seqs[-1] == 1


def test_a_clerk_is_told_who_may_read_the_log(
    qtbot, services: AppServices, page: AuditPage
) -> None:
    services.store.actor = CLERK
    page.hide()
    with qtbot.waitSignal(page.refreshed, timeout=2000):
        page.show()
    assert page.stack.currentIndex() == 1
    assert page.denied.text() == (
        "Chỉ tài khoản có vai trò Quản trị mới xem được nhật ký thay đổi. "
        "Tài khoản đang dùng: Nguyễn Thị Lan (Cán bộ nhập liệu)."
    )
    assert page.model.rowCount() == 0


def test_check_intact_then_tampered_and_acknowledged(
    qtbot, services: AppServices, page: AuditPage, edited: int, monkeypatch
) -> None:
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.chain_dialog is not None, timeout=5000)
    dialog = page.chain_dialog
    assert dialog.report.intact
    assert "nguyên vẹn" in dialog.summary.text()
    assert not dialog.acknowledge_button.isVisible()
    assert actions(page)[0] == "Kiểm tra nhật ký thay đổi"
    dialog.reject()

    raw = sqlite3.connect(services.store.path)
    raw.execute("UPDATE members SET phone = '0999' WHERE id = ?", [edited])
    raw.execute("DROP TRIGGER capture_members_d")
    raw.commit()
    raw.close()
    page.chain_dialog = None
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.chain_dialog is not None, timeout=5000)
    dialog = page.chain_dialog
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == [
        "Có 1 thay đổi dữ liệu được ghi bởi chương trình khác, không qua PartyDesk (Đảng viên: 1).",
        "Cấu trúc theo dõi thay đổi bị sửa ngoài PartyDesk: thiếu trigger theo dõi thay đổi "
        "capture_members_d.",
    ]
    assert dialog.acknowledge_button.isEnabled() and dialog.repair_button.isEnabled()
    infos: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: infos.append(text))
    dialog.acknowledge_button.click()
    assert infos == ["Đã ghi nhận; 1 thay đổi do chương trình khác ghi đã được chép vào nhật ký."]
    assert not dialog.acknowledge_button.isEnabled()
    dialog.repair_button.click()
    assert "Đã cài lại theo dõi thay đổi (1 trigger)" in infos[-1]
    with qtbot.waitSignal(page.refreshed, timeout=2000):
        dialog.reject()
    assert actions(page)[:2] == ["Cài lại theo dõi thay đổi", ACKNOWLEDGE_ACTION]


def test_nothing_is_acknowledged_on_a_file_open_read_only(
    qtbot, services: AppServices, log: AuditLogService, page: AuditPage, edited: int
) -> None:
    raw = sqlite3.connect(services.store.path)
    raw.execute("UPDATE members SET phone = '0999' WHERE id = ?", [edited])
    raw.commit()
    raw.close()
    services.store.read_only = True  # an administrator looking at a file open read-only
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.chain_dialog is not None, timeout=5000)
    assert not page.chain_dialog.report.intact
    assert not page.chain_dialog.acknowledge_button.isEnabled()
    assert "chỉ để xem" in page.chain_dialog.acknowledge_button.toolTip()


def test_export_writes_the_entries_shown(
    qtbot, page: AuditPage, monkeypatch, tmp_path: Path
) -> None:
    chosen = tmp_path / "nhat-ky.xlsx"
    shown: list[str] = []
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_args: chosen)
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))
    page.filters.user.setCurrentIndex(page.filters.user.findData("lan.nt"))
    page.export_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [f"Đã lưu 1 dòng nhật ký thay đổi vào tệp:\n{chosen}"]
    sheet = load_workbook(chosen).active
    assert sheet.cell(2, 5).value == "Lưu đảng viên"
    assert sheet.cell(3, 1).value is None
