"""Table models of the compliance page: organisations × months (and quarters), and the gaps.

Each month cell shows a symbol as well as a colour (the same as in the Excel export, from
``partydesk.reports.compliance_xlsx``), so the matrix reads in grayscale and for colour-blind
clerks; the tooltip names the problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from partydesk.domain.compliance import (
    ROMAN,
    ComplianceSettings,
    Gap,
    MonthState,
    OrganisationCompliance,
)
from partydesk.domain.organisation import OrgKind
from partydesk.reports.compliance_xlsx import (
    MONTH_STYLES,
    CellStyle,
    cadre_names,
    quarter_style,
    quarter_text,
)
from partydesk.ui.models.list_model import ListModel

AnyIndex = QModelIndex | QPersistentModelIndex
ORGANISATION_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()
LEADING_HEADERS = ("Chi bộ", "Loại", "Cán bộ phụ trách")
FIRST_MONTH = len(LEADING_HEADERS)
FIRST_QUARTER = FIRST_MONTH + 12
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def short_name(name: str) -> str:
    """The name without its leading "Chi bộ " ("Công ty An Phát"): every row is a chi bộ and
    the narrow column has no room to repeat it. "Chi bộ ghép …" keeps its name whole."""
    rest = name.removeprefix("Chi bộ ").strip()
    return rest if rest != name and rest[:1].isupper() else name


def short_kind(kind: OrgKind) -> str:
    """The kind without "Chi bộ" ("Cơ sở", "Trực thuộc", "Ghép"), for the narrow column."""
    label = kind.label.removeprefix("Chi bộ ").strip()
    return label[:1].upper() + label[1:]


def _brush(hex_colour: str) -> QBrush:
    return QBrush(QColor(f"#{hex_colour}"))


_BRUSHES: dict[str, QBrush] = {}


def brush(hex_colour: str) -> QBrush:
    """One shared brush per colour: data() is called for every visible cell on each repaint."""
    if hex_colour not in _BRUSHES:
        _BRUSHES[hex_colour] = _brush(hex_colour)
    return _BRUSHES[hex_colour]


class ComplianceMatrixModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganisationCompliance] = []
        self._settings = ComplianceSettings()
        self._year = 0
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(
        self, rows: Sequence[OrganisationCompliance], year: int, settings: ComplianceSettings
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._year = year
        self._settings = settings
        self.endResetModel()

    def row_at(self, row: int) -> OrganisationCompliance:
        return self._rows[row]

    @property
    def year(self) -> int:
        return self._year

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else FIRST_QUARTER + 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FIRST_MONTH:
                return LEADING_HEADERS[section]
            if section < FIRST_QUARTER:
                return f"T{section - FIRST_MONTH + 1}"
            return f"Quý {ROMAN[section - FIRST_QUARTER]}"
        if role == Qt.ItemDataRole.ToolTipRole and FIRST_MONTH <= section < FIRST_QUARTER:
            return f"Tháng {section - FIRST_MONTH + 1}/{self._year}"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ORGANISATION_ROLE:
            return row.organisation_id
        if column < FIRST_MONTH:
            return self._leading(row, column, role)
        if column < FIRST_QUARTER:
            return self._month(row, column - FIRST_MONTH, role)
        return self._quarter(row, column - FIRST_QUARTER, role)

    def _leading(self, row: OrganisationCompliance, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (short_name(row.name), short_kind(row.kind), cadre_names(row))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.name, row.kind.label, cadre_names(row))[column]
        return None

    def _month(self, row: OrganisationCompliance, offset: int, role: int) -> Any:
        cell = row.months[offset]
        style = MONTH_STYLES[cell.state]
        if role == STATE_ROLE:
            return cell.state
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{row.name}\nTháng {cell.month}/{self._year}: {cell.state.label}"
            return text + "".join(f"\n• {p[:1].upper()}{p[1:]}" for p in cell.problems)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Tháng {cell.month}: {cell.state.label}"
        return self._styled(style, role, bold=cell.state is not MonthState.NOT_REQUIRED)

    def _quarter(self, row: OrganisationCompliance, offset: int, role: int) -> Any:
        cell = row.quarters[offset]
        if role == Qt.ItemDataRole.DisplayRole:
            return quarter_text(cell, self._settings)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._quarter_tooltip(row, offset)
        style = quarter_style(cell, self._settings)
        return self._styled(CellStyle("", style.fill, style.text), role, bold=False)

    def _quarter_tooltip(self, row: OrganisationCompliance, offset: int) -> str:
        cell = row.quarters[offset]
        lines = [row.name, f"Quý {ROMAN[offset]}/{self._year}"]
        if not cell.applicable:
            return "\n".join([*lines, "Không áp dụng"])
        for label, on, value in (
            ("Sinh hoạt chuyên đề", self._settings.thematic_each_quarter, cell.thematic),
            ("Cán bộ phụ trách dự sinh hoạt", self._settings.cadre_each_quarter, cell.cadre),
        ):
            if not on:
                state = "không theo dõi (xem ô chọn phía trên)"
            elif value is None:
                state = "quý chưa kết thúc"
            else:
                state = "đã có" if value else "chưa có"
            lines.append(f"• {label}: {state}")
        return "\n".join(lines)

    def _styled(self, style: CellStyle, role: int, *, bold: bool) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return style.symbol
        if role == Qt.ItemDataRole.BackgroundRole:
            return brush(style.fill)
        if role == Qt.ItemDataRole.ForegroundRole:
            return brush(style.text)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER
        if role == Qt.ItemDataRole.FontRole and bold:
            return self._bold
        return None


GAP_HEADERS = ("Tổ chức đảng", "Kỳ", "Vấn đề")


class GapsModel(ListModel[Gap]):
    headers = GAP_HEADERS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        gap = self._rows[index.row()]
        if role == ORGANISATION_ROLE:
            return gap.organisation_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            problem = gap.problem[:1].upper() + gap.problem[1:]
            return (gap.organisation_name, gap.period, problem)[index.column()]
        return None
