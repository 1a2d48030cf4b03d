"""The corrections (đính chính) of approved minutes, in date order.

Shown only once the minutes are locked: before that, a mistake is simply corrected in place.
The button that adds one is in the dialog's button row, always in view.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from partydesk.domain.dates import format_vn_date
from partydesk.domain.meeting import Meeting
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.wrapped_label import WrappedLabel


class AddendaSection(Section):
    def __init__(self) -> None:
        super().__init__("&7. Đính chính", "Đính chính")
        self.list_label = WrappedLabel()
        self.list_label.setTextFormat(Qt.TextFormat.RichText)
        self.list_label.setObjectName("addenda")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_label)

    def load(self, meeting: Meeting) -> None:
        if not meeting.addenda:
            self.list_label.setText("<i>Chưa có đính chính nào.</i>")
            return
        lines = [
            f"<p><b>Đính chính ngày {format_vn_date(a.on)}:</b> "
            f"{escape(a.text).replace(chr(10), '<br>')}</p>"
            for a in meeting.addenda
        ]
        self.list_label.setText("".join(lines))

    def apply(self, meeting: Meeting) -> Meeting:
        return meeting

    def set_read_only(self, read_only: bool) -> None:
        """Nothing here is edited in place; addenda are added through their own dialog."""
