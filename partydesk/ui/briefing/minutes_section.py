"""The "Biên bản" tab: what the biên bản and the conclusion notice of the conference say."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QWidget

from partydesk.domain.briefing import Briefing
from partydesk.domain.validation import InvalidRecord
from partydesk.ui.forms import RecordForm

FIELDS = (
    "held",
    "secretary_name",
    "opening",
    "report_summary",
    "discussion",
    "conclusion",
    "notes",
)


class MinutesSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = RecordForm(QFormLayout(self))
        self.form.check("held", "Đã họp", "Hội nghị đã diễn ra")
        self.form.text("secretary_name", "Thư ký hội nghị", max_length=120)
        self.form.multiline("opening", "Tuyên bố lý do, giới thiệu đại biểu", height=70)
        self.form.multiline("report_summary", "Báo cáo của cấp ủy (tóm tắt)", height=90)
        self.form.multiline("discussion", "Ý kiến thảo luận của các đơn vị", height=120)
        self.form.multiline("conclusion", "Kết luận của chủ trì (in vào thông báo)", height=120)
        self.form.multiline("notes", "Ghi chú", height=50)

    def load(self, briefing: Briefing) -> None:
        self.form.load(briefing)

    def apply(self, briefing: Briefing) -> Briefing:
        return replace(briefing, **self.form.values(FIELDS))

    def show_errors(self, errors: InvalidRecord) -> None:
        self.form.show_errors(InvalidRecord([e for e in errors.errors if self.owns(e.field)]))

    def owns(self, field: str) -> bool:
        return field in FIELDS
