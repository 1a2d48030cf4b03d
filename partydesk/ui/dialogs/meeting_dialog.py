"""Opening the meeting editor: a new meeting, an existing one, or an autosaved draft.

``MeetingDialog`` (in ``partydesk.ui.meeting.editor``) is the form itself. The functions here
decide what it opens on: an autosaved draft is offered back first ("Có bản nháp chưa lưu lúc
… Khôi phục?"), a new meeting starts from the roll of its date or from the structure of the
chi bộ's previous meeting, and at start-up every draft left by a crash is offered again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtWidgets import QWidget

from partydesk.domain.dates import format_vn_date
from partydesk.domain.meeting import Meeting
from partydesk.services.app import AppServices
from partydesk.store.errors import StoreError
from partydesk.ui import messages
from partydesk.ui.meeting.editor import MeetingDialog

__all__ = ["MeetingDialog", "open_meeting_editor", "restore_drafts_at_startup"]


def _draft_question(saved_at: datetime) -> str:
    return (
        f"Có bản nháp chưa lưu lúc {saved_at:%H:%M} {format_vn_date(saved_at.date())}. Khôi phục?"
    )


def _run(
    services: AppServices,
    parent: QWidget | None,
    meeting: Meeting,
    recovered_at: datetime | None = None,
) -> int | None:
    dialog = MeetingDialog(services, meeting, parent)
    if recovered_at is not None:
        dialog.mark_recovered(recovered_at)
    dialog.exec()
    saved = dialog.saved_meeting_id
    dialog.deleteLater()  # a closed editor holds hundreds of widgets; do not keep them
    return saved


def open_meeting_editor(
    services: AppServices,
    parent: QWidget | None,
    *,
    meeting_id: int | None = None,
    organisation_id: int | None = None,
    on: date | None = None,
    copy_previous: bool = False,
) -> int | None:
    """Open a meeting (``meeting_id``) or start a new one for ``organisation_id`` on ``on``.

    An autosaved draft of that meeting is offered back first. A new meeting starts blank with
    the roll of its date, or (``copy_previous``) with the structure of the chi bộ's previous
    meeting. Returns the id of the meeting if it was saved, approved or amended, else None.
    """
    meetings = services.meetings
    existing = meetings.meeting(meeting_id) if meeting_id is not None else None
    if existing is not None:
        organisation_id = existing.organisation_id
    if organisation_id is None:
        raise ValueError("open_meeting_editor needs a meeting_id or an organisation_id")
    if existing is not None and existing.is_locked:
        meetings.discard_draft(meeting_id, organisation_id)  # stale: approved since
        return _run(services, parent, existing)

    found = meetings.draft(meeting_id, organisation_id)
    if found is not None:
        draft, saved_at = found
        choice = messages.ask_choice(
            parent, "Bản nháp chưa lưu", _draft_question(saved_at), ["Khôi phục", "Bỏ bản nháp"]
        )
        if choice is None:
            return None
        if choice == 0:
            return _run(services, parent, replace(draft, id=meeting_id), saved_at)
        meetings.discard_draft(meeting_id, organisation_id)

    if existing is not None:
        return _run(services, parent, existing)
    day = on or date.today()
    meeting = meetings.copy_previous(organisation_id, day) if copy_previous else None
    if copy_previous and meeting is None:
        messages.show_info(
            parent,
            "Chưa có buổi trước",
            f"Chi bộ chưa có buổi sinh hoạt nào đến ngày {format_vn_date(day)} để sao chép; "
            "biên bản mới bắt đầu trống.",
        )
    if meeting is None:
        meeting = meetings.new_meeting(organisation_id, day)
    return _run(services, parent, meeting)


def _locked_or_gone(services: AppServices, meeting_id: int) -> bool:
    try:
        return services.meetings.meeting(meeting_id).is_locked
    except StoreError:
        return True


def restore_drafts_at_startup(services: AppServices, parent: QWidget | None) -> list[int]:
    """Offer to reopen every autosaved draft (left by a crash or a closed form).

    Returns the ids of the meetings saved from them.
    """
    meetings = services.meetings
    saved: list[int] = []
    for draft in meetings.drafts():
        meeting_id = draft.meeting_id or None
        try:
            meeting = meetings.decode_draft(draft)
        except ValueError:
            meetings.discard_draft(meeting_id, draft.organisation_id)
            continue
        if meeting_id is not None and _locked_or_gone(services, meeting_id):
            meetings.discard_draft(meeting_id, draft.organisation_id)
            continue
        which = "biên bản mới" if meeting_id is None else "biên bản"
        text = (
            f"{draft.organisation_name}: có bản nháp {which} ngày {format_vn_date(meeting.on)} "
            f"chưa lưu, lúc {draft.saved_at:%H:%M} {format_vn_date(draft.saved_at.date())}. "
            "Mở lại để tiếp tục?"
        )
        choice = messages.ask_choice(parent, "Bản nháp chưa lưu", text, ["Mở lại", "Bỏ bản nháp"])
        if choice == 1:
            meetings.discard_draft(meeting_id, draft.organisation_id)
        elif choice == 0:
            result = _run(services, parent, replace(meeting, id=meeting_id), draft.saved_at)
            if result is not None:
                saved.append(result)
    return saved
