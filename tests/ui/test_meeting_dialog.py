"""The meeting form, driven as a clerk would: a whole meeting typed in, saved, approved with a
warning, reopened read-only and corrected with an addendum; errors beside their fields; the
pickers and counts that follow the roll; the row shortcuts and the Tab order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from partydesk.domain.meeting import (
    AgendaItem,
    Guest,
    Meeting,
    MeetingForm,
    MeetingKind,
    MeetingState,
    Opinion,
    Presence,
    Task,
    VoteForm,
    VoteKind,
)
from partydesk.domain.member import EventKind, Member, MemberEvent, Standing
from partydesk.domain.organisation import Cadre, Organisation, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.services.app import AppServices
from partydesk.ui import messages
from partydesk.ui.dialogs.meeting_dialog import MeetingDialog
from partydesk.ui.meeting.addendum_dialog import AddendumDialog
from partydesk.ui.meeting.approve_dialog import ApproveDialog
from partydesk.ui.meeting.decisions_section import TaskRow, VoteRow
from partydesk.ui.meeting.people_section import GuestRow
from partydesk.ui.meeting.roll_section import RollRow
from partydesk.ui.meeting.row_commands import add_row_at, move_row_at, remove_row_at
from partydesk.ui.meeting.tab_order import focus_chain
from tests.ui.keyboard import type_text

MEETING_DAY = date(2026, 11, 5)
OFFICIAL_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")
PROBATIONARY_NAME = "Hoàng Văn Em"
EXEMPT_NAME = "Vũ Thị Hoa"
CADRE_NAME = "Đỗ Minh Khoa"


# --- the chi bộ ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    organisation_id: int
    member_ids: dict[str, int]
    cadre_id: int


def build_cell(services: AppServices) -> Cell:
    """A chi bộ of six: four official members, one probationary, one exempt; and the
    supervising committee's cadre in charge of it."""
    register = services.register
    org_id = register.save_organisation(
        Organisation(
            name="Chi bộ Công ty TNHH Sao Mai",
            kind=OrgKind.CELL_BASE,
            address="Hội trường Công ty TNHH Sao Mai",
        )
    )
    ids: dict[str, int] = {}
    for name in (*OFFICIAL_NAMES, EXEMPT_NAME):
        ids[name] = register.save_member(
            Member(
                full_name=name,
                organisation_id=org_id,
                standing=Standing.OFFICIAL,
                admission_decision_date=date(2010, 5, 19),
                official_date=date(2011, 5, 19),
            )
        )
    ids[PROBATIONARY_NAME] = register.save_member(
        Member(
            full_name=PROBATIONARY_NAME,
            organisation_id=org_id,
            standing=Standing.PROBATIONARY,
            admission_decision_date=date(2026, 3, 2),
        )
    )
    register.record_event(MemberEvent(ids[EXEMPT_NAME], EventKind.EXEMPTED, date(2025, 1, 10)))
    cadre_id = register.save_cadre(Cadre(CADRE_NAME, title="Ủy viên Ban Thường vụ Đảng ủy"))
    register.assign_cadre(org_id, cadre_id, date(2025, 1, 1))
    return Cell(org_id, ids, cadre_id)


@pytest.fixture
def cell(services: AppServices) -> Cell:
    return build_cell(services)


@pytest.fixture(autouse=True)
def no_boxes(monkeypatch) -> list[str]:
    """Fail on error boxes; answer "Có" to questions, remembering their titles (a real box
    would block the test, e.g. when pytest-qt closes a form with changes at teardown)."""
    asked: list[str] = []

    def ask_yes_no(_parent, title, _text, default_no=True):
        asked.append(title)
        return True

    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(messages, "show_error", lambda *a, **k: pytest.fail(f"error box: {a}"))
    return asked


def open_dialog(qtbot, services: AppServices, meeting: Meeting) -> MeetingDialog:
    dialog = MeetingDialog(services, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def new_meeting_dialog(qtbot, services: AppServices, cell: Cell) -> MeetingDialog:
    return open_dialog(
        qtbot, services, services.meetings.new_meeting(cell.organisation_id, MEETING_DAY)
    )


# --- driving the form ----------------------------------------------------------------------


def type_into(widget: QWidget, text: str, *, replace: bool = True) -> None:
    """Focus the field, select what it holds (as Tab would) and type over it."""
    target = widget.focusProxy() or widget
    target.setFocus()
    if replace and isinstance(target, QLineEdit | QAbstractSpinBox):
        target.selectAll()
    if replace and isinstance(target, QPlainTextEdit):
        target.selectAll()
    type_text(target, text)


def press(qtbot, widget: QWidget, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)


def leave(qtbot, widget: QWidget) -> None:
    """Enter in a line edit finishes the entry, as leaving it does."""
    qtbot.keyClick(widget.focusProxy() or widget, Qt.Key.Key_Return)


def click(qtbot, button: QWidget) -> None:
    # A clerk's click comes after the event loop has laid out what the last action added.
    QApplication.processEvents()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_by_keyboard(qtbot, combo: QComboBox, text: str) -> None:
    """Walk the combo with the Down key until ``text`` is chosen."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, f"{text!r} not reachable in {combo.objectName()}"


def combo_texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def roll_row(dialog: MeetingDialog, name: str) -> RollRow:
    return next(r for r in dialog.roll.rows() if r.name_label.text() == name)


def run_modal(open_modal: Callable[[], object], interact: Callable[[QDialog], None]) -> None:
    """Call ``open_modal`` (which runs a dialog's exec()) and drive that dialog meanwhile."""
    failures: list[BaseException] = []
    opened = QApplication.activeModalWidget()

    def step(tries: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if (dialog is None or dialog is opened) and tries:
            QTimer.singleShot(20, lambda: step(tries - 1))
            return
        try:
            assert isinstance(dialog, QDialog), "no modal dialog was opened"
            interact(dialog)
        except BaseException as exc:
            failures.append(exc)
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, step)
    open_modal()
    if failures:
        raise failures[0]


def editable_inputs(dialog: MeetingDialog) -> list[QWidget]:
    """Inputs of the form that would accept a change from the clerk."""
    found: list[QWidget] = []
    for widget in dialog.content.findChildren(QWidget):
        if not widget.isVisibleTo(dialog.content):
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            parent = widget.parentWidget()
            inside_combo = isinstance(parent, QComboBox | QAbstractSpinBox)
            if not widget.isReadOnly() and widget.isEnabled() and not inside_combo:
                found.append(widget)
        elif isinstance(widget, QComboBox | QAbstractSpinBox | QCheckBox) and widget.isEnabled():
            found.append(widget)
    return found


# --- a whole meeting -----------------------------------------------------------------------


def enter_full_meeting(qtbot, dialog: MeetingDialog) -> None:
    header = dialog.header
    choose_by_keyboard(qtbot, header.kind_combo, "Thường kỳ kết hợp chuyên đề")
    type_into(header.topic_edit, "Nâng cao chất lượng sinh hoạt chi bộ trong doanh nghiệp")
    type_into(header.starts_field, "7h30")
    leave(qtbot, header.starts_field)
    type_into(header.ends_field, "915")
    leave(qtbot, header.ends_field)
    type_into(header.place_edit, "Phòng họp tầng 2, Công ty TNHH Sao Mai")
    choose_by_keyboard(qtbot, header.form_combo, "Kết hợp")
    type_into(header.number_field, "7")

    # The roll: one member away with a reason, one without.
    binh = roll_row(dialog, "Trần Thị Bình")
    binh.presence_combo.setFocus()
    press(qtbot, binh.presence_combo, Qt.Key.Key_Down)
    type_into(binh.reason_edit, "Đi công tác tại Hải Phòng")
    cuong = roll_row(dialog, "Lê Văn Cường")
    cuong.presence_combo.setFocus()
    press(qtbot, cuong.presence_combo, Qt.Key.Key_Down, 2)

    # A guest: the supervising cadre, picked from the register.
    people = dialog.people
    click(qtbot, people.guests.add_button)
    guest = people.guests.rows[-1]
    assert isinstance(guest, GuestRow)
    choose_by_keyboard(qtbot, guest.cadre_combo, CADRE_NAME)
    type_into(guest.unit_edit, "Đảng ủy Khối Doanh nghiệp huyện")
    choose_by_keyboard(qtbot, people.chair_combo, "Nguyễn Văn An")
    choose_by_keyboard(qtbot, people.secretary_combo, "Phạm Thị Dung")
    type_into(people.dues_field, "1250000")

    # Two agenda items, each with opinions in order and the chair's conclusion.
    agenda = dialog.agenda
    for title, presenter, summary, opinions, conclusion in (
        (
            "Đánh giá kết quả tháng 10, nhiệm vụ tháng 11",
            "Nguyễn Văn An",
            "Báo cáo kết quả sản xuất kinh doanh và công tác xây dựng Đảng tháng 10.",
            [
                ("Phạm Thị Dung", "Đề nghị bổ sung chỉ tiêu an toàn lao động."),
                (CADRE_NAME, "Ghi nhận kết quả; quan tâm phát triển đảng viên."),
            ],
            "Thống nhất báo cáo, bổ sung chỉ tiêu an toàn lao động.",
        ),
        (
            "Chuyên đề: nâng cao chất lượng sinh hoạt",
            "Phạm Thị Dung",
            "Trình bày chuyên đề theo Hướng dẫn 42-HD/BTCTW.",
            [("Hoàng Văn Em", "Đề nghị mỗi buổi có một vấn đề trọng tâm.")],
            "Giao chi ủy xây dựng lịch chuyên đề cả năm.",
        ),
    ):
        click(qtbot, agenda.add_button)
        item = agenda.items[-1]
        type_into(item.title_edit, title)
        type_into(item.presenter_edit, presenter)
        type_into(item.summary_edit, summary)
        for speaker, text in opinions:
            click(qtbot, item.opinions.add_button)
            row = item.opinions.rows[-1]
            type_into(row.speaker_edit, speaker)
            type_into(row.text_edit, text)
        type_into(item.conclusion_edit, conclusion)

    decisions = dialog.decisions
    type_into(decisions.conclusion_edit, "Chi bộ thống nhất ba nhiệm vụ trọng tâm tháng 11.")
    click(qtbot, decisions.votes.add_button)
    vote = decisions.votes.rows[-1]
    assert isinstance(vote, VoteRow)
    type_into(vote.question_edit, "Thông qua nghị quyết tháng 11")
    choose_by_keyboard(qtbot, vote.form_combo, "Phiếu kín")
    type_into(vote.in_favour_spin, "3")
    type_into(vote.against_spin, "0")
    type_into(vote.not_voting_spin, "0")
    click(qtbot, decisions.tasks.add_button)
    task = decisions.tasks.rows[-1]
    assert isinstance(task, TaskRow)
    type_into(task.assignee_combo, "Phạm Thị Dung")
    type_into(task.description_edit, "Xây dựng kế hoạch an toàn lao động quý IV")
    type_into(task.due_field, "30/11/2026")
    leave(qtbot, task.due_field)
    type_into(decisions.quality_field, "85")
    type_into(decisions.read_at_field, "9:05")
    leave(qtbot, decisions.read_at_field)


def test_full_meeting_typed_in_saved_approved_reopened_and_amended(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    enter_full_meeting(qtbot, dialog)

    # What the form shows while typing: counts from the roll, vote result, duration.
    counts = dialog.roll.counts_label.text()
    assert "Có mặt: <b>4</b>" in counts
    assert "Vắng: <b>2</b> (có lý do 1, không lý do 1)" in counts
    # Five official members (the exempt one attends, so she counts); Em is probationary.
    assert "Cơ sở tính tỷ lệ biểu quyết: <b>5</b>" in counts
    vote = dialog.decisions.votes.rows[0]
    assert isinstance(vote, VoteRow)
    assert vote.outcome_label.text() == "Cơ sở tính 5, cần ≥ 3: Đạt"
    assert dialog.header.starts_field.text() == "07:30"
    assert dialog.header.duration_label.text() == "Thời lượng: 105 phút (tối thiểu 120)"
    assert dialog.decisions.ends_field.text() == "09:15"  # mirrored at the close

    click(qtbot, dialog.save_button)
    assert not dialog.banner.isVisible(), dialog.banner.text()
    meeting_id = dialog.saved_meeting_id
    assert meeting_id is not None

    stored = services.meetings.meeting(meeting_id)
    ids = cell.member_ids
    assert stored.kind is MeetingKind.COMBINED
    assert stored.topic == "Nâng cao chất lượng sinh hoạt chi bộ trong doanh nghiệp"
    assert (stored.period_year, stored.period_month, stored.on) == (2026, 11, MEETING_DAY)
    assert (stored.starts, stored.ends) == (time(7, 30), time(9, 15))
    assert stored.place == "Phòng họp tầng 2, Công ty TNHH Sao Mai"
    assert stored.form is MeetingForm.HYBRID
    assert stored.number == 7
    presence = {e.full_name: (e.presence, e.reason) for e in stored.roll}
    assert presence["Trần Thị Bình"] == (Presence.EXCUSED, "Đi công tác tại Hải Phòng")
    assert presence["Lê Văn Cường"] == (Presence.UNEXCUSED, "")
    assert presence["Nguyễn Văn An"] == (Presence.PRESENT, "")
    assert len(stored.roll) == 6
    assert stored.guests == (
        Guest(
            CADRE_NAME,
            "Ủy viên Ban Thường vụ Đảng ủy",
            "Đảng ủy Khối Doanh nghiệp huyện",
            True,
            cell.cadre_id,
        ),
    )
    assert stored.chair_member_id == ids["Nguyễn Văn An"]
    assert stored.secretary_member_id == ids["Phạm Thị Dung"]
    assert stored.dues_collected == 1_250_000
    assert stored.agenda == (
        AgendaItem(
            "Đánh giá kết quả tháng 10, nhiệm vụ tháng 11",
            "Nguyễn Văn An",
            "Báo cáo kết quả sản xuất kinh doanh và công tác xây dựng Đảng tháng 10.",
            (
                Opinion("Phạm Thị Dung", "Đề nghị bổ sung chỉ tiêu an toàn lao động."),
                Opinion(CADRE_NAME, "Ghi nhận kết quả; quan tâm phát triển đảng viên."),
            ),
            "Thống nhất báo cáo, bổ sung chỉ tiêu an toàn lao động.",
        ),
        AgendaItem(
            "Chuyên đề: nâng cao chất lượng sinh hoạt",
            "Phạm Thị Dung",
            "Trình bày chuyên đề theo Hướng dẫn 42-HD/BTCTW.",
            (Opinion("Hoàng Văn Em", "Đề nghị mỗi buổi có một vấn đề trọng tâm."),),
            "Giao chi ủy xây dựng lịch chuyên đề cả năm.",
        ),
    )
    assert stored.conclusion == "Chi bộ thống nhất ba nhiệm vụ trọng tâm tháng 11."
    assert len(stored.votes) == 1
    saved_vote = stored.votes[0]
    assert saved_vote.question == "Thông qua nghị quyết tháng 11"
    assert (saved_vote.in_favour, saved_vote.against, saved_vote.not_voting) == (3, 0, 0)
    assert (saved_vote.kind, saved_vote.form) == (VoteKind.ORDINARY, VoteForm.SECRET_BALLOT)
    assert len(stored.tasks) == 1
    task = stored.tasks[0]
    assert task.assignee == "Phạm Thị Dung"
    assert task.assignee_member_id == ids["Phạm Thị Dung"]
    assert task.description == "Xây dựng kế hoạch an toàn lao động quý IV"
    assert task.due == date(2026, 11, 30)
    assert stored.quality_score == 85
    assert stored.minutes_read_at == time(9, 5)
    assert stored.state is MeetingState.DRAFT
    assert services.meetings.draft(None, cell.organisation_id) is None

    # Approve and lock: the meeting is 105 minutes, less than the 120 a combined one needs,
    # so the dialog lists the warning and refuses to go on without a reason.
    def approve_with_reason(box: QDialog) -> None:
        assert isinstance(box, ApproveDialog)
        assert [w.code for w in box.warnings] == ["too_short"]
        assert not box.ok_button.isEnabled()
        type_into(box.reason_edit, "Chi bộ thống nhất kết thúc sớm vì sự cố điện")
        assert box.ok_button.isEnabled()
        click(qtbot, box.ok_button)

    run_modal(lambda: click(qtbot, dialog.approve_button), approve_with_reason)

    approved = services.meetings.meeting(meeting_id)
    assert approved.state is MeetingState.APPROVED
    assert approved.approved_on == date(2026, 11, 21)
    assert approved.override_reason == "Chi bộ thống nhất kết thúc sớm vì sự cố điện"
    assert approved.tasks[0].id == stored.tasks[0].id  # the same task, not a copy
    assert dialog.is_locked
    assert editable_inputs(dialog) == []

    # Reopened later: read-only, with the banner, and only an addendum can be added.
    dialog.close()
    reopened = open_dialog(qtbot, services, services.meetings.meeting(meeting_id))
    assert editable_inputs(reopened) == []
    assert reopened.banner.isVisible()
    assert reopened.banner.text().startswith(
        "Biên bản đã thông qua ngày 21/11/2026; chỉ có thể thêm đính chính."
    )
    assert not reopened.save_button.isVisible()
    assert not reopened.approve_button.isVisible()
    assert reopened.addendum_button.isVisible()
    assert reopened.header.place_edit.text() == "Phòng họp tầng 2, Công ty TNHH Sao Mai"
    assert reopened.people.chair_combo.currentText() == "Nguyễn Văn An"
    assert reopened.save() is False

    def add_addendum(box: QDialog) -> None:
        assert isinstance(box, AddendumDialog)
        type_into(box.on_field, "20/11/2026")
        type_into(box.text_edit, "Sửa giờ kết thúc: 9 giờ 15 phút.")
        click(qtbot, box.ok_button)

    run_modal(lambda: click(qtbot, reopened.addendum_button), add_addendum)

    amended = services.meetings.meeting(meeting_id)
    assert [(a.on, a.text) for a in amended.addenda] == [
        (date(2026, 11, 20), "Sửa giờ kết thúc: 9 giờ 15 phút.")
    ]
    assert "Sửa giờ kết thúc: 9 giờ 15 phút." in reopened.addenda.list_label.text()
    assert reopened.saved_meeting_id == meeting_id


def test_addendum_before_the_meeting_date_is_refused_beside_the_date(
    qtbot, services, cell, no_boxes
):
    meeting = services.meetings.new_meeting(cell.organisation_id, MEETING_DAY)
    meeting_id = services.meetings.approve(meeting, "Thử nghiệm")
    dialog = open_dialog(qtbot, services, services.meetings.meeting(meeting_id))

    def too_early(box: QDialog) -> None:
        assert isinstance(box, AddendumDialog)
        type_into(box.on_field, "01/11/2026")
        type_into(box.text_edit, "Sửa tên người phát biểu.")
        click(qtbot, box.ok_button)
        assert box.isVisible()
        assert box.on_error.text() == "Ngày đính chính: không được trước ngày họp."
        box.reject()

    run_modal(lambda: click(qtbot, dialog.addendum_button), too_early)
    assert services.meetings.meeting(meeting_id).addenda == ()


# --- errors beside their fields ------------------------------------------------------------


def test_errors_are_shown_under_their_fields_and_nothing_is_saved(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    choose_by_keyboard(qtbot, dialog.header.kind_combo, "Chuyên đề")
    type_into(dialog.header.starts_field, "9:00")
    type_into(dialog.header.ends_field, "8:00")
    binh = roll_row(dialog, "Trần Thị Bình")
    binh.presence_combo.setFocus()
    press(qtbot, binh.presence_combo, Qt.Key.Key_Down)  # vắng có lý do, no reason typed

    click(qtbot, dialog.save_button)

    assert dialog.saved_meeting_id is None
    assert services.meetings.count(ListQuery()) == 0
    topic_error = dialog.header._fields["topic"].error
    assert topic_error.text() == "Chuyên đề: cần ghi tên chuyên đề của buổi sinh hoạt."
    assert dialog.header._fields["ends"].error.text() == "Giờ kết thúc: phải sau giờ bắt đầu."
    assert binh.error.text().startswith("Điểm danh, dòng 2 (Trần Thị Bình): vắng có lý do")
    assert dialog.banner.isVisible()
    assert dialog.banner.text().startswith("Chưa lưu: 3 mục cần sửa")
    assert QApplication.focusWidget() is dialog.header.topic_edit  # the first one, in order

    # A time that is not a time is refused by the form before the service sees it.
    type_into(dialog.header.starts_field, "25:00")
    click(qtbot, dialog.save_button)
    assert dialog.header._fields["starts"].error.text() == (
        "Giờ bắt đầu: 25:00 không phải là giờ có thật."
    )


# --- the roll drives the rest --------------------------------------------------------------


def test_chair_and_secretary_are_offered_only_among_members_present(
    qtbot, services, cell, no_boxes
):
    dialog = new_meeting_dialog(qtbot, services, cell)
    people = dialog.people
    choose_by_keyboard(qtbot, people.chair_combo, "Trần Thị Bình")

    binh = roll_row(dialog, "Trần Thị Bình")
    binh.presence_combo.setFocus()
    press(qtbot, binh.presence_combo, Qt.Key.Key_Down, 2)  # vắng không lý do

    assert "Trần Thị Bình" not in combo_texts(people.chair_combo)
    assert "Trần Thị Bình" not in combo_texts(people.secretary_combo)
    assert people.chair_combo.currentText() == "— Chưa chọn —"
    assert dialog.meeting().chair_member_id is None

    binh.set_presence(Presence.PRESENT)
    assert people.chair_combo.currentText() == "Trần Thị Bình"  # the choice comes back
    assert dialog.meeting().chair_member_id == cell.member_ids["Trần Thị Bình"]


def test_counts_and_vote_results_follow_the_roll(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    click(qtbot, dialog.decisions.votes.add_button)
    vote = dialog.decisions.votes.rows[0]
    assert isinstance(vote, VoteRow)
    choose_by_keyboard(qtbot, vote.kind_combo, "Kết nạp (≥ 2/3)")
    type_into(vote.in_favour_spin, "4")
    # Five official members, the exempt one present: base 5, two thirds of 5 rounds up to 4.
    assert vote.outcome_label.text() == "Cơ sở tính 5, cần ≥ 4: Đạt"

    roll_row(dialog, EXEMPT_NAME).set_presence(Presence.EXCUSED)
    # An exempt member who is absent leaves the base: 4, so 3 are needed.
    assert vote.outcome_label.text() == "Cơ sở tính 4, cần ≥ 3: Đạt"
    assert "Cơ sở tính tỷ lệ biểu quyết: <b>4</b>" in dialog.roll.counts_label.text()
    assert "miễn công tác và sinh hoạt: 1" in dialog.roll.counts_label.text()

    type_into(vote.in_favour_spin, "2")
    assert vote.outcome_label.text() == "Cơ sở tính 4, cần ≥ 3: Không đạt"

    click(qtbot, dialog.roll.all_present_button)
    assert all(r.presence() is Presence.PRESENT for r in dialog.roll.rows())
    assert "Vắng: <b>0</b>" in dialog.roll.counts_label.text()


def test_reason_is_reachable_only_for_absent_members(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    row = roll_row(dialog, "Nguyễn Văn An")
    assert not row.reason_edit.isEnabled()
    row.set_presence(Presence.EXCUSED)
    assert row.reason_edit.isEnabled()


# --- the fast path -------------------------------------------------------------------------


def test_copy_structure_of_last_month_replaces_agenda_and_guests(
    qtbot, services, cell, no_boxes, monkeypatch
):
    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, title, _t: infos.append(title))
    dialog = new_meeting_dialog(qtbot, services, cell)
    click(qtbot, dialog.copy_button)
    assert infos == ["Chưa có buổi trước"]
    assert dialog.agenda.items == []

    previous = services.meetings.new_meeting(cell.organisation_id, date(2026, 10, 6))
    services.meetings.save(
        Meeting(
            organisation_id=previous.organisation_id,
            on=previous.on,
            roll=previous.roll,
            guests=(Guest(CADRE_NAME, "Ủy viên Ban Thường vụ", cadre_id=cell.cadre_id),),
            agenda=(
                AgendaItem("Thông tin thời sự", "Nguyễn Văn An", "Tóm tắt tháng 10"),
                AgendaItem("Đánh giá tháng trước, nhiệm vụ tháng tới", "Phạm Thị Dung"),
            ),
        )
    )
    click(qtbot, dialog.copy_button)

    meeting = dialog.meeting()
    assert [(a.title, a.presenter, a.summary) for a in meeting.agenda] == [
        ("Thông tin thời sự", "Nguyễn Văn An", ""),
        ("Đánh giá tháng trước, nhiệm vụ tháng tới", "Phạm Thị Dung", ""),
    ]
    assert [g.full_name for g in meeting.guests] == [CADRE_NAME]
    assert meeting.on == MEETING_DAY
    assert dialog.is_dirty()


# --- earlier tasks -------------------------------------------------------------------------


def test_open_tasks_of_earlier_meetings_are_marked_done_when_the_meeting_is_saved(
    qtbot, services, cell, no_boxes
):
    earlier = services.meetings.new_meeting(cell.organisation_id, date(2026, 10, 6))
    services.meetings.save(
        Meeting(
            organisation_id=earlier.organisation_id,
            on=earlier.on,
            roll=earlier.roll,
            tasks=(
                Task("Hoàn thiện hồ sơ kết nạp", "Phạm Thị Dung"),
                Task("Thu đảng phí quý IV", "Nguyễn Văn An"),
            ),
        )
    )
    dialog = new_meeting_dialog(qtbot, services, cell)
    rows = dialog.earlier_tasks.rows()
    assert [r.description_label.text() for r in rows] == [
        "Hoàn thiện hồ sơ kết nạp",
        "Thu đảng phí quý IV",
    ]
    click(qtbot, rows[0].done_check)
    assert services.meetings.open_tasks(cell.organisation_id, MEETING_DAY) != []
    assert len(services.meetings.open_tasks(cell.organisation_id, MEETING_DAY)) == 2

    click(qtbot, dialog.save_button)

    still_open = services.meetings.open_tasks(cell.organisation_id, MEETING_DAY)
    assert [t.description for t in still_open] == ["Thu đảng phí quý IV"]


# --- keyboard: rows and Tab order ----------------------------------------------------------


def test_row_shortcuts_act_on_the_list_the_cursor_is_in(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    activate(qtbot, dialog)
    agenda = dialog.agenda
    click(qtbot, agenda.add_button)
    item = agenda.items[0]
    type_into(item.title_edit, "Nội dung thứ nhất")

    # Ctrl+Enter in an item's title adds an agenda item; in its opinions, an opinion.
    assert add_row_at(item.title_edit)
    assert len(agenda.items) == 2
    assert QApplication.focusWidget() is agenda.items[1].title_edit
    assert add_row_at(item.opinions.add_button)
    assert len(item.opinions.rows) == 1
    first = item.opinions.rows[0]
    type_into(first.speaker_edit, "Nguyễn Văn An")
    assert add_row_at(first.text_edit)
    second = item.opinions.rows[1]
    type_into(second.speaker_edit, "Phạm Thị Dung")

    # Ctrl+Shift+Up moves the opinion being typed; Ctrl+Shift+Delete removes it.
    assert move_row_at(second.text_edit, -1)
    assert [o.speaker for o in item.value().opinions] == ["Phạm Thị Dung", "Nguyễn Văn An"]
    assert remove_row_at(second.speaker_edit)
    assert [o.speaker for o in item.value().opinions] == ["Nguyễn Văn An"]

    # Moving agenda items: the second one goes up.
    type_into(agenda.items[1].title_edit, "Nội dung thứ hai")
    assert move_row_at(agenda.items[1].title_edit, -1)
    assert [a.title for a in dialog.meeting().agenda] == ["Nội dung thứ hai", "Nội dung thứ nhất"]

    # A guest row from the guests' add button; nothing happens outside any list.
    assert add_row_at(dialog.people.guests.add_button)
    assert len(dialog.people.guests.rows) == 1
    assert not add_row_at(dialog.header.place_edit)


def test_tab_order_follows_the_form_after_rows_are_added(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    click(qtbot, dialog.people.guests.add_button)
    click(qtbot, dialog.agenda.add_button)
    qtbot.waitUntil(lambda: not dialog._tab_order_queued)

    chain = focus_chain(dialog)
    guest = dialog.people.guests.rows[0]
    assert isinstance(guest, GuestRow)
    order = [
        dialog.header.kind_combo,
        dialog.header.place_edit,
        roll_row(dialog, "Nguyễn Văn An").presence_combo,
        guest.name_edit,
        guest.cadre_combo,
        dialog.people.chair_combo,
        dialog.people.dues_field,
        dialog.agenda.items[0].title_edit,
        dialog.agenda.items[0].conclusion_edit,
        dialog.agenda.add_button,
        dialog.decisions.conclusion_edit,
        dialog.decisions.read_at_field,
        dialog.save_button,
    ]
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)

    # Qt's own chain (what Tab follows) is the same as the visual one.
    def tab_stop(widget: QWidget) -> bool:
        return (
            bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None
            and widget.isVisible()
            and widget.isEnabled()
        )

    stops = [w for w in chain if tab_stop(w)]
    widget = stops[0]
    for expected in stops[1:40]:
        widget = widget.nextInFocusChain()
        while not tab_stop(widget):
            widget = widget.nextInFocusChain()
        assert widget is expected


def test_section_titles_carry_alt_accelerators_and_the_index_jumps(qtbot, services, cell, no_boxes):
    dialog = new_meeting_dialog(qtbot, services, cell)
    activate(qtbot, dialog)
    titles = [s.title() for s in dialog.sections if not s.isHidden()]
    assert [t[:2] for t in titles] == ["&1", "&2", "&3", "&4", "&5", "&6"]
    assert dialog.index.list.count() == 6
    dialog.go_to_section(dialog.decisions)
    assert QApplication.focusWidget() is dialog.decisions.conclusion_edit


# --- closing -------------------------------------------------------------------------------


def test_escape_with_changes_asks_and_keeps_the_draft(qtbot, services, cell, monkeypatch):
    answers = [False, True]
    asked: list[str] = []

    def ask_yes_no(_parent, title, _text, default_no=True):
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    dialog = new_meeting_dialog(qtbot, services, cell)
    type_into(dialog.header.place_edit, "Nhà văn hóa tổ dân phố 3")

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Đóng biên bản?"]
    assert dialog.isVisible()  # "Không": the form stays open
    draft = services.meetings.draft(None, cell.organisation_id)
    assert draft is not None and draft[0].place == "Nhà văn hóa tổ dân phố 3"

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert services.meetings.draft(None, cell.organisation_id) is not None


def test_closing_without_changes_asks_nothing(qtbot, services, cell, monkeypatch):
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: pytest.fail("asked"))
    dialog = new_meeting_dialog(qtbot, services, cell)
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()
    assert services.meetings.draft(None, cell.organisation_id) is None


# --- the keyboard alone --------------------------------------------------------------------


def activate(qtbot, dialog: QDialog) -> None:
    """Make the dialog the active window, so shortcuts and focus behave as on a desktop."""
    dialog.activateWindow()
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=1000)
    except qtbot.TimeoutError:
        pytest.skip("this Qt platform does not activate windows; shortcuts cannot fire")


def key(qtbot, sequence: str) -> QWidget | None:
    """Press a key combination where the cursor is; return where the cursor is then."""
    combo = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
    return QApplication.focusWidget()


def test_a_meeting_can_be_entered_with_the_keyboard_alone(qtbot, services, cell):
    dialog = new_meeting_dialog(qtbot, services, cell)
    activate(qtbot, dialog)
    dialog.header.place_edit.setFocus()

    # Alt+3 goes to the guests; Ctrl+Enter adds one and puts the cursor in it.
    assert dialog.people.isAncestorOf(key(qtbot, "Alt+3"))
    focused = key(qtbot, "Ctrl+Return")
    guest = dialog.people.guests.rows[0]
    assert isinstance(guest, GuestRow)
    assert focused is guest.name_edit
    type_text(focused, "Ngô Thị Lan")
    assert key(qtbot, "Tab") is guest.position_edit
    type_text(guest.position_edit, "Bí thư Đoàn cơ sở")

    # Alt+5, Ctrl+Enter: a new agenda item; Tab walks its fields in order.
    assert dialog.agenda.isAncestorOf(key(qtbot, "Alt+5"))
    item_title = key(qtbot, "Ctrl+Return")
    item = dialog.agenda.items[0]
    assert item_title is item.title_edit
    type_text(item_title, "Thông tin thời sự")
    assert key(qtbot, "Tab") is item.presenter_edit
    assert key(qtbot, "Tab") is item.summary_edit
    assert key(qtbot, "Tab") is item.opinions.add_button
    speaker = key(qtbot, "Ctrl+Return")
    assert speaker is item.opinions.rows[0].speaker_edit
    type_text(speaker, "Nguyễn Văn An")
    text = key(qtbot, "Tab")
    assert text is item.opinions.rows[0].text_edit
    type_text(text, "Nhất trí.")
    key(qtbot, "Ctrl+Return")
    assert len(item.opinions.rows) == 2
    key(qtbot, "Ctrl+Shift+Delete")  # the empty second opinion goes again
    assert [o.speaker for o in item.value().opinions] == ["Nguyễn Văn An"]

    # Ctrl+S saves; Esc then closes without a question (nothing unsaved).
    key(qtbot, "Ctrl+S")
    meeting_id = dialog.saved_meeting_id
    assert meeting_id is not None
    stored = services.meetings.meeting(meeting_id)
    assert [g.full_name for g in stored.guests] == ["Ngô Thị Lan"]
    assert [(a.title, len(a.opinions)) for a in stored.agenda] == [("Thông tin thời sự", 1)]
    key(qtbot, "Escape")
    assert not dialog.isVisible()
