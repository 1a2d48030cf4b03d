"""The process the autosave test kills: it opens the meeting form on a database, types into it,
reports each draft written on stdout, and keeps typing without a pause until it is killed.

Run as ``python -m tests.ui.meeting_draft_child DB ORGANISATION_ID BACKUPS_DIR`` from the
repository root.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402 - the platform must be chosen first
from PySide6.QtWidgets import QApplication  # noqa: E402

from partydesk.services.app import build_services  # noqa: E402
from partydesk.store.store import open_store  # noqa: E402
from partydesk.ui.dialogs.meeting_dialog import MeetingDialog  # noqa: E402
from tests.ui.keyboard import type_text  # noqa: E402

MEETING_DAY = date(2026, 11, 5)
PLACE = "Phòng họp tầng 3, nhà điều hành Công ty Sao Mai"
TITLE = "Quán triệt Nghị quyết Hội nghị Trung ương"
SUMMARY = "Đồng chí Bí thư quán triệt những điểm mới của Nghị quyết; "
SAVED_LINE = "DRAFT-SAVED"


def main(db: str, organisation_id: int, backups: str) -> int:
    app = QApplication([])
    store = open_store(Path(db), Path(backups))
    services = build_services(store, today=lambda: date(2026, 11, 21))
    meeting = services.meetings.new_meeting(organisation_id, MEETING_DAY)
    dialog = MeetingDialog(services, meeting)
    dialog.show()

    place = dialog.header.place_edit
    place.selectAll()
    type_text(place, PLACE)
    dialog.agenda.add_button.click()
    item = dialog.agenda.items[0]
    type_text(item.title_edit, TITLE)

    typing = QTimer()
    typing.setInterval(40)
    position = [0]

    def type_next_letter() -> None:
        # The clerk goes on typing the summary, one letter at a time, until the power is cut.
        letter = SUMMARY[position[0] % len(SUMMARY)]
        position[0] += 1
        type_text(item.summary_edit, letter)

    def on_saved(_moment: object) -> None:
        # Each written draft is reported with the length of the summary it holds.
        print(f"{SAVED_LINE} {len(item.summary_edit.toPlainText())}", flush=True)
        typing.start()

    typing.timeout.connect(type_next_letter)
    dialog.autosaver.saved.connect(on_saved)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
