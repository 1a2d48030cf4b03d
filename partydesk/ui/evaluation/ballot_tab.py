"""The "Kiểm phiếu" tab: the counted ballots of one organisation's members, and their tally.

The clerk copies the ban kiểm phiếu's figures from the paper count: ballots issued, returned
and invalid, the day, the counters, and for each member how many ballots marked each level.
The tally (the level more than the rule set's majority of valid ballots reached, counted from
the top) is recomputed on every edit, so a typing slip shows at once. "Đưa kết quả vào đề
xuất" saves the count and copies each member's result into the proposal stage.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import BallotCount, Cycle, Level, MemberEvaluation
from partydesk.domain.evaluation_rules import Tally, tally
from partydesk.domain.numbers import share_text
from partydesk.domain.rule_sets import RuleSet
from partydesk.services.app import AppServices
from partydesk.services.evaluation import EvaluationRefused
from partydesk.ui import messages
from partydesk.ui.evaluation.ballot_table import MAX_BALLOTS, BallotTable
from partydesk.ui.evaluation.reason_dialog import ask_reasons
from partydesk.ui.widgets import DateField, FieldErrorLabel, clear_invalid, mark_invalid
from partydesk.ui.widgets.field_error import ERROR_COLOR

# The service's and the tally's names for the count fields.
_COUNT_FIELDS = {
    "issued": ("phieu", "issued"),
    "returned": ("phieu_thu_ve", "returned"),
    "invalid": ("phieu_khong_hop_le", "invalid"),
}


def _count_box(accessible: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_BALLOTS)
    box.setAccessibleName(accessible)
    box.setMinimumWidth(80)
    return box


class BallotTab(QWidget):
    """Enter the counted ballots of one organisation and copy the result into the proposals."""

    saved = Signal()  # the count was saved or applied: the page refreshes its lists

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = services.evaluation
        self._cycle: Cycle | None = None
        self._organisation_id: int | None = None
        self._rule_set: RuleSet | None = None
        self._members: list[MemberEvaluation] = []
        self._read_only = True
        self._filling = False

        self.issued = _count_box("Số phiếu phát ra")
        self.returned = _count_box("Số phiếu thu về")
        self.invalid = _count_box("Số phiếu không hợp lệ")
        self.valid_label = QLabel("0")
        self.valid_label.setStyleSheet("font-weight: bold;")
        self.counted_on = DateField(field="counted_on", field_label="Ngày kiểm phiếu")
        self.counters = QPlainTextEdit()
        self.counters.setPlaceholderText("Mỗi dòng một người; dòng đầu là trưởng ban")
        self.counters.setTabChangesFocus(True)
        self.counters.setFixedHeight(self.counters.fontMetrics().lineSpacing() * 4 + 12)

        counts = QFormLayout()
        counts.addRow("Số phiếu phát ra", self.issued)
        counts.addRow("Số phiếu thu về", self.returned)
        counts.addRow("Số phiếu không hợp lệ", self.invalid)
        counts.addRow("Số phiếu hợp lệ", self.valid_label)
        people = QFormLayout()
        people.addRow("Ngày kiểm phiếu", self.counted_on)
        people.addRow("Ban kiểm phiếu", self.counters)
        top = QHBoxLayout()
        top.addLayout(counts)
        top.addSpacing(24)
        top.addLayout(people, 1)

        self.table = BallotTable()
        self.table.votes_changed.connect(self._on_votes_changed)

        self.errors = FieldErrorLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.save_button = QPushButton("Lưu kết quả kiểm phiếu")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.apply_button = QPushButton("Đưa kết quả vào đề xuất")
        self.apply_button.setToolTip(
            "Lưu kết quả kiểm phiếu rồi ghi mức đạt được, số phiếu hợp lệ và số phiếu tán thành"
            " vào cột đề xuất của từng đảng viên."
        )
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.apply_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)

        for box in (self.issued, self.returned, self.invalid):
            box.valueChanged.connect(self._on_count_changed)
        self._set_read_only(True)

    # --- loading ------------------------------------------------------------------------------

    def show_organisation(self, cycle: Cycle, organisation_id: int, read_only: bool) -> None:
        """Load the stored count of ``organisation_id`` in ``cycle`` (empty if none yet)."""
        assert cycle.id is not None
        self._cycle = cycle
        self._organisation_id = organisation_id
        self._rule_set = self._service.rules_of(cycle)
        self._members = [
            row for row in self._service.member_rows(cycle.id, organisation_id) if row.is_evaluated
        ]
        ballot = self._service.ballot(cycle.id, organisation_id)
        self._fill(ballot)
        self._set_read_only(read_only or cycle.is_closed)

    def clear(self) -> None:
        """Show no organisation (none chosen, or no cycle)."""
        self._cycle = self._organisation_id = self._rule_set = None
        self._members = []
        self.table.setRowCount(0)
        self.counters.clear()
        self.counted_on.clear()
        self._clear_errors()
        self.hint.setText("")
        self._set_read_only(True)

    def _fill(self, ballot: BallotCount | None) -> None:
        assert self._rule_set is not None
        self._filling = True
        voters = len(self._members)
        self.issued.setValue(ballot.issued if ballot else voters)
        self.returned.setValue(ballot.returned if ballot else voters)
        self.invalid.setValue(ballot.invalid if ballot else 0)
        self.counted_on.set_date(ballot.counted_on if ballot else None)
        self.counters.setPlainText(ballot.counters if ballot else "")
        self.table.fill(self._members, self._rule_set, ballot)
        self._filling = False
        self._clear_errors()
        self._recompute()
        if not self._members:
            self.hint.setText("Tổ chức này không có đảng viên thuộc diện đánh giá.")
        else:
            self.hint.setText(
                f"Mỗi ô là số phiếu ghi đúng mức đó. Đạt một mức khi số phiếu từ mức đó trở lên"
                f" nhiều hơn {share_text(self._rule_set.ballot_majority)} số phiếu hợp lệ."
            )

    def _set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for box in (self.issued, self.returned, self.invalid):
            box.setReadOnly(read_only)
        self.counted_on.set_read_only(read_only)
        self.counters.setReadOnly(read_only)
        self.table.set_read_only(read_only)
        editable = not read_only and self._cycle is not None and bool(self._members)
        self.save_button.setEnabled(editable)
        self.apply_button.setEnabled(editable)

    # --- reading and the live tally -------------------------------------------------------------

    def ballot(self) -> BallotCount:
        """The count as typed."""
        assert self._cycle is not None and self._cycle.id is not None
        assert self._organisation_id is not None
        return BallotCount(
            cycle_id=self._cycle.id,
            organisation_id=self._organisation_id,
            issued=self.issued.value(),
            returned=self.returned.value(),
            invalid=self.invalid.value(),
            counted_on=self.counted_on.date(),
            counters=self.counters.toPlainText(),
            votes=self.table.votes(),
        )

    def tallies(self) -> dict[int, Tally | str]:
        """Each member's tally of the typed count, or the reason it cannot be counted."""
        assert self._rule_set is not None
        if self._cycle is None:
            return {}
        ballot = self.ballot()
        results: dict[int, Tally | str] = {}
        for member in self._members:
            try:
                one = tally(
                    ballot, [member.member_id], self._rule_set, {member.member_id: member.full_name}
                )
                results[member.member_id] = one[member.member_id]
            except ValidationError as exc:
                results[member.member_id] = exc.message
        return results

    def _recompute(self) -> None:
        if self._cycle is None or self._rule_set is None:
            return
        valid = self.returned.value() - self.invalid.value()
        self.valid_label.setText(str(valid))
        self.valid_label.setStyleSheet(
            f"font-weight: bold; color: {ERROR_COLOR};" if valid < 0 else "font-weight: bold;"
        )
        results = self.tallies()
        self.table.show_tallies(results, valid, self._rule_set)
        # A count that cannot be tallied is said at once, naming the member, not on saving.
        problems = [r for r in results.values() if isinstance(r, str)]
        self.errors.set_error("\n".join(dict.fromkeys(problems)))

    def result_text(self, member_id: int) -> str:
        """The "Kết quả" cell of a member, as shown."""
        return self.table.result_text(member_id)

    def set_votes(self, member_id: int, counts: dict[Level, int]) -> None:
        """Type a member's counts into the table, as the clerk would cell by cell."""
        self.table.set_votes(member_id, counts)

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> bool:
        self._clear_errors()
        error = self.counted_on.error_text()
        if error:
            self._show_error(ValidationError("counted_on", error))
            return False
        try:
            self._service.save_ballot(self.ballot())
        except ValidationError as exc:
            self._show_error(exc)
            return False
        self.saved.emit()
        return True

    def apply(self) -> bool:
        """Save the count, then copy the results into the proposals (asking for reasons)."""
        assert self._cycle is not None and self._cycle.id is not None
        assert self._organisation_id is not None
        if not self.save():
            return False
        reasons: dict = {}
        while True:
            try:
                self._service.apply_tally(self._cycle.id, self._organisation_id, reasons)
            except ValidationError as exc:
                self._show_error(exc)
                return False
            except EvaluationRefused as refused:
                given = ask_reasons(self, refused.violations)
                if given is None:
                    return False
                reasons = {**reasons, **given}
                continue
            break
        proposed = sum(
            1 for r in self.tallies().values() if not isinstance(r, str) and r.result is not None
        )
        messages.show_info(
            self,
            "Kiểm phiếu",
            f"Đã ghi mức đề xuất cho {proposed}/{len(self._members)} đảng viên theo kết quả "
            "kiểm phiếu.",
        )
        self.saved.emit()
        return True

    def _show_error(self, error: ValidationError) -> None:
        self.errors.set_error(error.message)
        for name, box in (
            ("issued", self.issued),
            ("returned", self.returned),
            ("invalid", self.invalid),
        ):
            if error.field in _COUNT_FIELDS[name]:
                mark_invalid(box, error.message)
                box.setFocus()
        if error.field == "counted_on":
            mark_invalid(self.counted_on, error.message)
            self.counted_on.setFocus()
        if error.field == "votes":
            self.table.setFocus()

    def _clear_errors(self) -> None:
        self.errors.clear_error()
        for widget in (self.issued, self.returned, self.invalid, self.counted_on):
            clear_invalid(widget)

    # --- slots ----------------------------------------------------------------------------------

    def _on_count_changed(self, _value: int) -> None:
        if not self._filling:
            self._recompute()

    def _on_votes_changed(self) -> None:
        if not self._filling:
            self._recompute()

    def _on_save_button_clicked(self) -> None:
        if self.save():
            messages.show_info(self, "Kiểm phiếu", "Đã lưu kết quả kiểm phiếu.")

    def _on_apply_button_clicked(self) -> None:
        self.apply()
