"""The list of the form's parts beside it, with the keyboard legend under it.

Clicking a part scrolls to it; scrolling highlights the part at the top of the view. The list
stays out of the Tab chain: the keyboard reaches a part with Alt+its number.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from partydesk.ui.meeting.rows import (
    ADD_SHORTCUT,
    MOVE_DOWN_SHORTCUT,
    MOVE_UP_SHORTCUT,
    REMOVE_SHORTCUT,
)
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.wrapped_label import WrappedLabel

LEGEND = (
    "<b>Bàn phím</b><br>"
    "Alt+1 … Alt+7: tới mục<br>"
    "Tab / Shift+Tab: ô sau / trước<br>"
    f"{ADD_SHORTCUT}: thêm dòng nơi con trỏ đứng<br>"
    f"{MOVE_UP_SHORTCUT} / {MOVE_DOWN_SHORTCUT}: chuyển dòng<br>"
    f"{REMOVE_SHORTCUT}: xóa dòng<br>"
    "Ctrl+S: lưu · Esc: đóng"
)


class SectionIndex(QWidget):
    section_chosen = Signal(object)  # the Section clicked

    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setSpacing(3)
        legend = WrappedLabel(LEGEND)
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setStyleSheet("color: palette(dark);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(legend)
        self.setFixedWidth(230)
        self._sections: list[Section] = []
        self.list.itemClicked.connect(self._on_list_item_clicked)

    def fill(self, sections: Sequence[Section]) -> None:
        """List the sections that are not hidden, numbered like their titles."""
        self._sections = [s for s in sections if not s.isHidden()]
        self.list.clear()
        for section in self._sections:
            number = section.title().replace("&", "").split(".")[0]
            item = QListWidgetItem(f"{number}. {section.short_title}")
            item.setToolTip(f"Alt+{number}")
            self.list.addItem(item)

    def follow(self, scrolled_to: int) -> None:
        """Highlight the part at the top of the view (``scrolled_to``: the scroll position)."""
        current = 0
        for row, section in enumerate(self._sections):
            if section.y() <= scrolled_to + 40:
                current = row
        self.list.setCurrentRow(current)

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self.section_chosen.emit(self._sections[self.list.row(item)])
