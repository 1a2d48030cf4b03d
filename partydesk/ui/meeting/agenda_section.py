"""Part 5 of the minutes: the numbered agenda items, each with its presenter, summary, the
opinions in the order they were spoken, and the chair's conclusion on it.

Names offered while typing a presenter or a speaker are the members present and the guests;
any other name can still be typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.meeting import AgendaItem, Meeting, Opinion
from partydesk.ui import messages
from partydesk.ui.meeting.fields import GrowingTextEdit, set_read_only, watch
from partydesk.ui.meeting.rows import (
    ADD_SHORTCUT,
    MOVE_DOWN_SHORTCUT,
    MOVE_UP_SHORTCUT,
    REMOVE_SHORTCUT,
    Row,
    RowTable,
)
from partydesk.ui.meeting.section import Section
from partydesk.ui.widgets.field_error import FieldErrorLabel, clear_invalid, mark_invalid


def _name_edit(names: QStringListModel, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(120)
    edit.setPlaceholderText(placeholder)
    completer = QCompleter(names, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


class OpinionRow(Row):
    def __init__(self, names: QStringListModel) -> None:
        super().__init__()
        self.speaker_edit = _name_edit(names, "Đồng chí …")
        self.text_edit = GrowingTextEdit(2, 10, "Ý kiến phát biểu")
        self.cells = [self.speaker_edit, self.text_edit]

    def value(self) -> Opinion:
        return Opinion(self.speaker_edit.text(), self.text_edit.toPlainText())

    def set_value(self, opinion: Opinion) -> None:
        self.speaker_edit.setText(opinion.speaker)
        self.text_edit.setPlainText(opinion.text)


class AgendaItemEditor(QFrame):
    """One numbered agenda item; ``changed`` on every edit, ``structure_changed`` when its
    opinions are added, moved or removed."""

    changed = Signal()
    structure_changed = Signal()
    move_requested = Signal(object, int)
    remove_requested = Signal(object)

    def __init__(self, names: QStringListModel) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("agendaItem")
        self.number_label = QLabel()
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(300)
        self.title_edit.setPlaceholderText("Tên nội dung, ví dụ: Đánh giá kết quả tháng …")
        self.presenter_edit = _name_edit(names, "Người trình bày")
        self.summary_edit = GrowingTextEdit(3, 14, "Tóm tắt nội dung trình bày")
        self.opinions = RowTable(
            [("Người phát biểu", 2), ("Ý kiến", 7)],
            lambda: OpinionRow(names),
            add_text="Thêm ý kiến",
            empty_text="Chưa ghi ý kiến thảo luận.",
            movable=True,
        )
        self.conclusion_edit = GrowingTextEdit(2, 12, "Chủ trì kết luận nội dung này")
        self.error = FieldErrorLabel()

        style = self.style()
        self.up_button = self._tool_button(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
            f"Chuyển nội dung lên ({MOVE_UP_SHORTCUT})",
        )
        self.down_button = self._tool_button(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
            f"Chuyển nội dung xuống ({MOVE_DOWN_SHORTCUT})",
        )
        self.remove_button = self._tool_button(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton),
            f"Xóa nội dung này ({REMOVE_SHORTCUT})",
        )
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

        top = QHBoxLayout()
        top.addWidget(self.number_label)
        top.addStretch(1)
        for button in (self.up_button, self.down_button, self.remove_button):
            top.addWidget(button)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, widget in (
            ("Tên nội dung", self.title_edit),
            ("", self.error),
            ("Người trình bày", self.presenter_edit),
            ("Tóm tắt trình bày", self.summary_edit),
            ("Ý kiến thảo luận", self.opinions),
            ("Chủ trì kết luận", self.conclusion_edit),
        ):
            form.addRow(label, widget)
            buddy = form.labelForField(widget)
            if isinstance(buddy, QLabel) and label:
                buddy.setBuddy(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addLayout(form)

        for widget in (self.title_edit, self.presenter_edit, self.summary_edit):
            watch(widget, self.changed.emit)
        watch(self.conclusion_edit, self.changed.emit)
        self.opinions.changed.connect(self.changed.emit)
        self.opinions.structure_changed.connect(self.structure_changed.emit)

    @staticmethod
    def _tool_button(icon: object, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def set_number(self, number: int, count: int) -> None:
        self.number_label.setText(f"<b>Nội dung {number}</b>")
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < count)

    def value(self) -> AgendaItem:
        return AgendaItem(
            title=self.title_edit.text(),
            presenter=self.presenter_edit.text(),
            summary=self.summary_edit.toPlainText(),
            opinions=tuple(self.opinions.values()),
            conclusion=self.conclusion_edit.toPlainText(),
        )

    def set_value(self, item: AgendaItem) -> None:
        self.title_edit.setText(item.title)
        self.presenter_edit.setText(item.presenter)
        self.summary_edit.setPlainText(item.summary)
        self.opinions.set_values(item.opinions)
        self.conclusion_edit.setPlainText(item.conclusion)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.title_edit, self.presenter_edit, self.summary_edit):
            set_read_only(widget, read_only)
        set_read_only(self.conclusion_edit, read_only)
        self.opinions.set_read_only(read_only)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setVisible(not read_only)

    def show_error(self, message: str) -> None:
        self.error.set_error(message)
        mark_invalid(self.title_edit, message)

    def clear_errors(self) -> None:
        self.error.clear_error()
        clear_invalid(self.title_edit)
        self.opinions.clear_errors()


class AgendaSection(Section):
    def __init__(self) -> None:
        super().__init__("&5. Nội dung sinh hoạt", "Nội dung sinh hoạt")
        self.names = QStringListModel()
        self.items: list[AgendaItemEditor] = []
        self._read_only = False
        self.items_layout = QVBoxLayout()
        self.items_layout.setSpacing(8)
        self.empty_label = QLabel("Chưa có nội dung nào.")
        self.empty_label.setStyleSheet("color: palette(mid); font-style: italic;")
        self.add_button = QPushButton(f"Thêm nội dung ({ADD_SHORTCUT})")
        self.add_button.setAutoDefault(False)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(self.items_layout)
        layout.addWidget(self.empty_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)

    # --- values ---------------------------------------------------------------------------

    def load(self, meeting: Meeting) -> None:
        for editor in list(self.items):
            self._discard(editor)
        for item in meeting.agenda:
            self._new_editor().set_value(item)
        self._relayout()
        self.structure_changed.emit()

    def apply(self, meeting: Meeting) -> Meeting:
        return replace(meeting, agenda=tuple(editor.value() for editor in self.items))

    def set_names(self, names: Sequence[str]) -> None:
        """The names offered for presenters and speakers."""
        self.names.setStringList(list(dict.fromkeys(n for n in names if n)))

    # --- structure ------------------------------------------------------------------------

    def add_item(self, item: AgendaItem | None = None) -> AgendaItemEditor:
        editor = self._new_editor()
        if item is not None:
            editor.set_value(item)
        self._relayout()
        editor.show()  # the layout would show it later; focus needs it shown now
        self.structure_changed.emit()
        self.changed.emit()
        editor.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def remove_item(self, editor: AgendaItemEditor) -> None:
        item = editor.value()
        typed = item.title or item.presenter or item.summary or item.opinions or item.conclusion
        number = self.items.index(editor) + 1
        if typed and not messages.ask_yes_no(
            self,
            "Xóa nội dung?",
            f"Xóa nội dung {number} ({item.title or 'chưa có tên'}) cùng các ý kiến của nó?",
        ):
            return
        index = self.items.index(editor)
        self._discard(editor)
        self._relayout()
        self.structure_changed.emit()
        self.changed.emit()
        if self.items:
            self.items[min(index, len(self.items) - 1)].title_edit.setFocus()
        else:
            self.add_button.setFocus()

    def move_item(self, editor: AgendaItemEditor, delta: int) -> None:
        index = self.items.index(editor)
        target = index + delta
        if not 0 <= target < len(self.items):
            return
        self.items[index], self.items[target] = self.items[target], self.items[index]
        self._relayout()
        self.structure_changed.emit()
        self.changed.emit()

    def item_of(self, widget: QWidget | None) -> AgendaItemEditor | None:
        for editor in self.items:
            if widget is not None and (widget is editor or editor.isAncestorOf(widget)):
                return editor
        return None

    @property
    def can_edit(self) -> bool:
        return not self._read_only

    # --- errors and locking ---------------------------------------------------------------

    def show_error(self, field: str, message: str) -> bool:
        if not field.startswith("agenda."):
            return super().show_error(field, message)
        index = int(field.split(".")[1]) - 1
        # The service numbers the items left after dropping empty ones; map back to editors.
        kept = [e for e in self.items if e.value().title.strip() or e.value().summary.strip()]
        if not 0 <= index < len(kept):
            return False
        kept[index].show_error(message)
        self.first_error = self.first_error or kept[index].title_edit
        return True

    def clear_errors(self) -> None:
        super().clear_errors()
        for editor in self.items:
            editor.clear_errors()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for editor in self.items:
            editor.set_read_only(read_only)
        self.add_button.setVisible(not read_only)

    # --- internals ------------------------------------------------------------------------

    def _new_editor(self) -> AgendaItemEditor:
        editor = AgendaItemEditor(self.names)
        editor.changed.connect(self.changed.emit)
        editor.structure_changed.connect(self.structure_changed.emit)
        editor.move_requested.connect(self.move_item)
        editor.remove_requested.connect(self.remove_item)
        editor.set_read_only(self._read_only)
        self.items.append(editor)
        return editor

    def _discard(self, editor: AgendaItemEditor) -> None:
        self.items.remove(editor)
        editor.setParent(None)
        editor.deleteLater()

    def _relayout(self) -> None:
        while self.items_layout.count():
            self.items_layout.takeAt(0)
        for number, editor in enumerate(self.items, start=1):
            self.items_layout.addWidget(editor)
            editor.set_number(number, len(self.items))
        self.empty_label.setVisible(not self.items)

    def _on_add_button_clicked(self) -> None:
        self.add_item()
