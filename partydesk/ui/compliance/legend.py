"""The colour key under the compliance matrix: each state's symbol, colour and meaning.

Short labels keep the key within the page's width; the full meaning (the text the Excel
export prints) is in each entry's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from partydesk.domain.compliance import MonthState
from partydesk.reports.compliance_xlsx import (
    LEGEND_ORDER,
    LEGEND_TEXT,
    MONTH_STYLES,
    QUARTER_LEGEND,
)

PER_ROW = 4
SHORT_TEXT: dict[MonthState, str] = {
    MonthState.MET: "Đạt",
    MonthState.MET_WITH_ISSUES: "Có vấn đề (thời lượng, biên bản)",
    MonthState.MISSING: "Thiếu buổi sinh hoạt",
    MonthState.IN_PROGRESS: "Trong tháng, chưa họp",
    MonthState.NOT_REQUIRED: "Không bắt buộc",
    MonthState.FUTURE: "Chưa đến",
    MonthState.NOT_APPLICABLE: "Không áp dụng",
}


class ComplianceLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for position, state in enumerate(LEGEND_ORDER):
            style = MONTH_STYLES[state]
            swatch = QLabel(style.symbol)
            swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
            swatch.setFixedSize(26, 20)
            swatch.setStyleSheet(
                f"background: #{style.fill}; color: #{style.text}; font-weight: bold;"
                " border: 1px solid #9e9e9e;"
            )
            text = QLabel(SHORT_TEXT[state])
            for widget in (swatch, text):
                widget.setToolTip(LEGEND_TEXT[state])
            row, column = divmod(position, PER_ROW)
            grid.addWidget(swatch, row, column * 2)
            grid.addWidget(text, row, column * 2 + 1)
        quarters = QLabel(QUARTER_LEGEND + ".")
        quarters.setWordWrap(True)
        grid.addWidget(quarters, grid.rowCount(), 0, 1, PER_ROW * 2)
        for column in range(PER_ROW):
            grid.setColumnStretch(column * 2 + 1, 1)
