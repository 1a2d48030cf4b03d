"""Autosave of the meeting form and getting the draft back: the timer, a process killed while
typing, and the questions asked when the editor opens or the application starts."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from partydesk.domain.dates import format_vn_date
from partydesk.domain.meeting import AgendaItem
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices, build_services
from partydesk.store.store import create_store, open_store
from partydesk.ui import messages
from partydesk.ui.dialogs.meeting_dialog import (
    MeetingDialog,
    open_meeting_editor,
    restore_drafts_at_startup,
)
from partydesk.ui.meeting.autosave import Autosaver
from tests.common import TODAY
from tests.ui import meeting_draft_child as child
from tests.ui.keyboard import type_text
from tests.ui.test_meeting_dialog import MEETING_DAY, Cell, build_cell

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_blocking_boxes(monkeypatch) -> None:
    """A real message box would block the test (pytest-qt closes forms at teardown, and a
    form with changes asks before closing): answer "Có", fail on errors."""
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    monkeypatch.setattr(messages, "show_error", lambda *a, **k: pytest.fail(f"error box: {a}"))


@pytest.fixture
def cell(services: AppServices) -> Cell:
    return build_cell(services)


@pytest.fixture
def opened(monkeypatch) -> list[MeetingDialog]:
    """Run no dialog modally: remember each MeetingDialog the editor would show."""
    dialogs: list[MeetingDialog] = []

    def exec_(self: MeetingDialog) -> int:
        dialogs.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(MeetingDialog, "exec", exec_)
    return dialogs


def answer_choices(monkeypatch, answers: list[int | None]) -> list[str]:
    """Answer ``messages.ask_choice`` with ``answers`` in turn; return the questions' texts."""
    asked: list[str] = []

    def ask_choice(_parent, _title, text, choices):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(messages, "ask_choice", ask_choice)
    return asked


def fast(dialog: MeetingDialog, idle_ms: int = 150, max_delay_ms: int = 400) -> MeetingDialog:
    dialog.autosaver.idle_ms = idle_ms
    dialog.autosaver.max_delay_ms = max_delay_ms
    return dialog


def draft_question(saved_at) -> str:
    return (
        f"Có bản nháp chưa lưu lúc {saved_at:%H:%M} {format_vn_date(saved_at.date())}. Khôi phục?"
    )


# --- the timer -----------------------------------------------------------------------------


def test_timer_restarts_on_each_edit_but_never_waits_past_the_deadline(qtbot):
    writes: list[float] = []
    saver = Autosaver(lambda: writes.append(time.monotonic()), idle_ms=200, max_delay_ms=500)
    start = time.monotonic()
    saver.touch()
    assert saver.timer.isActive() and saver.pending
    for _ in range(12):  # typing on, an edit every 60 ms, for 720 ms
        qtbot.wait(60)
        saver.touch()
    assert len(writes) >= 1, "typing without a pause must still be saved"
    assert writes[0] - start < 0.65
    qtbot.waitUntil(lambda: not saver.pending, timeout=2000)
    count = len(writes)
    qtbot.wait(300)
    assert len(writes) == count  # nothing more to write once typing stops


def test_a_failed_write_is_reported_and_retried_on_the_next_edit(qtbot):
    calls: list[int] = []

    def write() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("đĩa đầy")

    saver = Autosaver(write, idle_ms=20, max_delay_ms=50)
    with qtbot.waitSignal(saver.failed, timeout=2000) as failed:
        saver.touch()
    assert failed.args == ["đĩa đầy"]
    assert saver.pending
    with qtbot.waitSignal(saver.saved, timeout=2000):
        saver.touch()
    assert not saver.pending


def test_typing_writes_a_draft_when_the_clerk_pauses(qtbot, services, cell):
    meeting = services.meetings.new_meeting(cell.organisation_id, MEETING_DAY)
    dialog = fast(MeetingDialog(services, meeting))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.header.place_edit.selectAll()
    type_text(dialog.header.place_edit, "Nhà văn hóa khu phố 4")
    assert dialog.autosaver.timer.isActive()
    assert services.meetings.draft(None, cell.organisation_id) is None

    qtbot.waitUntil(lambda: services.meetings.draft(None, cell.organisation_id) is not None)
    draft, _saved_at = services.meetings.draft(None, cell.organisation_id)
    assert draft.place == "Nhà văn hóa khu phố 4"
    assert len(draft.roll) == 6
    assert re.fullmatch(r"Đã lưu nháp lúc \d\d:\d\d:\d\d", dialog.status_label.text())

    # Saving for real makes the draft obsolete; the service removes it.
    assert dialog.save()
    assert services.meetings.draft(None, cell.organisation_id) is None
    assert not dialog.autosaver.pending
    # Later edits are drafts of the saved meeting, under its id.
    type_text(dialog.header.place_edit, ", phòng 2")
    meeting_id = dialog.saved_meeting_id
    qtbot.waitUntil(lambda: services.meetings.draft(meeting_id, cell.organisation_id) is not None)
    assert services.meetings.draft(None, cell.organisation_id) is None


def test_closing_the_window_writes_the_pending_draft_at_once(qtbot, services, cell):
    meeting = services.meetings.new_meeting(cell.organisation_id, MEETING_DAY)
    dialog = MeetingDialog(services, meeting)  # the real 1.5 s / 2 s timer
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.decisions.conclusion_edit, "Chi bộ thống nhất")
    assert services.meetings.draft(None, cell.organisation_id) is None
    dialog.close()
    found = services.meetings.draft(None, cell.organisation_id)
    assert found is not None and found[0].conclusion == "Chi bộ thống nhất"


def test_approved_minutes_write_no_draft(qtbot, services, cell):
    meeting = services.meetings.new_meeting(cell.organisation_id, MEETING_DAY)
    meeting_id = services.meetings.approve(meeting, "Thử")
    dialog = fast(MeetingDialog(services, services.meetings.meeting(meeting_id)))
    qtbot.addWidget(dialog)
    dialog.header.place_edit.setText("Không được sửa")  # programmatic: the field is read-only
    qtbot.wait(250)
    assert services.meetings.drafts() == []


# --- a process killed while typing ---------------------------------------------------------


def read_line(process: subprocess.Popen, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        if not selector.select(timeout):
            raise AssertionError(f"the child said nothing in {timeout} s")
        return process.stdout.readline().strip()
    finally:
        selector.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_draft_survives_a_process_killed_while_typing(qtbot, tmp_path, monkeypatch, opened):
    db = tmp_path / "killed.sqlite"
    store = create_store(db)
    org_id = build_cell(build_services(store, today=lambda: TODAY)).organisation_id
    store.close()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.meeting_draft_child", str(db), str(org_id), str(tmp_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reported: list[int] = []
    try:
        # The first draft, then two more written while the clerk types on without a pause.
        while len(reported) < 3:
            line = read_line(process, 60)
            assert line.startswith(child.SAVED_LINE), line
            reported.append(int(line.split()[1]))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert reported[1] > 0 and reported[2] > reported[1]

    store = open_store(db, tmp_path / "backups")
    services = build_services(store, today=lambda: TODAY)
    try:
        found = services.meetings.draft(None, org_id)
        assert found is not None
        draft, saved_at = found
        assert draft.place == child.PLACE
        assert draft.agenda[0].title == child.TITLE
        summary = draft.agenda[0].summary
        typed = (child.SUMMARY * (len(summary) // len(child.SUMMARY) + 1))[: len(summary)]
        assert len(summary) >= reported[-1]
        assert summary == typed

        # Opening the editor again offers it back.
        asked = answer_choices(monkeypatch, [0])
        assert open_meeting_editor(services, None, organisation_id=org_id) is None
        assert asked == [draft_question(saved_at)]
        assert opened[0].meeting().place == child.PLACE
        assert opened[0].agenda.items[0].summary_edit.toPlainText() == summary
        assert opened[0].is_dirty()
    finally:
        store.close()


# --- offering drafts back ------------------------------------------------------------------


def test_open_meeting_editor_restores_or_discards_the_draft(
    qtbot, services, cell, monkeypatch, opened
):
    meetings = services.meetings
    typed = replace(
        meetings.new_meeting(cell.organisation_id, MEETING_DAY), place="Hội trường tầng 5"
    )
    meetings.save_draft(typed)
    _draft, saved_at = meetings.draft(None, cell.organisation_id)

    asked = answer_choices(monkeypatch, [0, 1, None])
    open_meeting_editor(services, None, organisation_id=cell.organisation_id, on=MEETING_DAY)
    assert asked == [draft_question(saved_at)]
    assert opened[-1].meeting().place == "Hội trường tầng 5"
    assert opened[-1].status_label.text().startswith("Đã khôi phục bản nháp")

    # "Bỏ bản nháp": the draft is gone and a blank meeting opens.
    open_meeting_editor(services, None, organisation_id=cell.organisation_id, on=MEETING_DAY)
    assert meetings.draft(None, cell.organisation_id) is None
    assert opened[-1].meeting().place == "Hội trường Công ty TNHH Sao Mai"
    assert len(opened) == 2

    # No draft: no question, a new meeting.
    open_meeting_editor(services, None, organisation_id=cell.organisation_id, on=MEETING_DAY)
    assert len(asked) == 2
    assert len(opened) == 3

    # "Hủy": nothing opens and the draft stays.
    meetings.save_draft(typed)
    assert open_meeting_editor(services, None, organisation_id=cell.organisation_id) is None
    assert len(opened) == 3
    assert meetings.draft(None, cell.organisation_id) is not None


def test_draft_of_a_saved_meeting_is_restored_onto_that_meeting(
    qtbot, services, cell, monkeypatch, opened
):
    meetings = services.meetings
    meeting_id = meetings.save(meetings.new_meeting(cell.organisation_id, MEETING_DAY))
    stored = meetings.meeting(meeting_id)
    meetings.save_draft(replace(stored, conclusion="Kết luận gõ dở"))
    answer_choices(monkeypatch, [0])

    open_meeting_editor(services, None, meeting_id=meeting_id)

    dialog = opened[-1]
    assert dialog.meeting().id == meeting_id
    assert dialog.meeting().conclusion == "Kết luận gõ dở"
    assert dialog.save()
    assert meetings.meeting(meeting_id).conclusion == "Kết luận gõ dở"
    assert meetings.draft(meeting_id, cell.organisation_id) is None
    assert meetings.count(ListQuery()) == 1


def test_copy_previous_without_a_previous_meeting_says_so_and_opens_blank(
    qtbot, services, cell, monkeypatch, opened
):
    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, _title, text: infos.append(text))
    open_meeting_editor(
        services, None, organisation_id=cell.organisation_id, on=MEETING_DAY, copy_previous=True
    )
    assert infos == [
        "Chi bộ chưa có buổi sinh hoạt nào đến ngày 05/11/2026 để sao chép; biên bản mới bắt "
        "đầu trống."
    ]
    assert opened[-1].meeting().agenda == ()

    previous = services.meetings.new_meeting(cell.organisation_id, date(2026, 10, 6))
    services.meetings.save(replace(previous, agenda=(AgendaItem("Thông tin thời sự", "An"),)))
    open_meeting_editor(
        services, None, organisation_id=cell.organisation_id, on=MEETING_DAY, copy_previous=True
    )
    assert len(infos) == 1
    copied = opened[-1].meeting()
    assert [(a.title, a.presenter) for a in copied.agenda] == [("Thông tin thời sự", "An")]
    assert copied.on == MEETING_DAY and copied.id is None


def test_restore_drafts_at_startup_offers_each_draft(qtbot, services, cell, monkeypatch, opened):
    meetings = services.meetings
    meeting_id = meetings.save(meetings.new_meeting(cell.organisation_id, date(2026, 10, 6)))
    meetings.save_draft(replace(meetings.meeting(meeting_id), place="Nháp của buổi tháng 10"))
    meetings.save_draft(
        replace(meetings.new_meeting(cell.organisation_id, MEETING_DAY), place="Nháp buổi mới")
    )
    order = [d.meeting_id for d in meetings.drafts()]
    answers = [0 if mid == meeting_id else 1 for mid in order]
    asked = answer_choices(monkeypatch, answers)

    assert restore_drafts_at_startup(services, None) == []

    assert len(asked) == 2
    assert all(text.startswith("Chi bộ Công ty TNHH Sao Mai: có bản nháp") for text in asked)
    assert [d.meeting().place for d in opened] == ["Nháp của buổi tháng 10"]
    assert opened[0].meeting().id == meeting_id
    assert [d.meeting_id for d in meetings.drafts()] == [meeting_id]  # the other was dropped


def test_stale_draft_of_approved_minutes_is_dropped_silently(
    qtbot, services, cell, monkeypatch, opened
):
    meetings = services.meetings
    meeting_id = meetings.approve(meetings.new_meeting(cell.organisation_id, MEETING_DAY), "Thử")
    approved = meetings.meeting(meeting_id)
    meetings.save_draft(replace(approved, place="Sau khi khóa"))  # should never happen; still
    monkeypatch.setattr(messages, "ask_choice", lambda *a, **k: pytest.fail("asked"))
    assert restore_drafts_at_startup(services, None) == []
    assert meetings.drafts() == []
    assert opened == []
