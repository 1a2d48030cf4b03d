"""The dashboard's charts as plain data: the screen (QPainter) and the PDF draw the same ones.

Each chart names its categories and series; the renderers choose how to draw them in grey
levels and hatching so that a black-and-white print still tells the series apart, and print
every value beside its bar or point.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from partydesk.domain.evaluation import LEVEL_ORDER
from partydesk.domain.statistics import INDICATOR_BY_KEY, Statistics, Unit


class ChartKind(StrEnum):
    BAR = "bar"  # grouped vertical bars, one group per category
    STACKED = "stacked"  # one stacked bar per category
    LINE = "line"  # one line per series over the categories
    PROGRESS = "progress"  # one horizontal bar per item against its target


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]  # one per category


@dataclass(frozen=True, slots=True)
class ProgressItem:
    """One target: the current value against the target, both in ``unit``."""

    label: str
    value: float | None
    target: float
    unit: Unit
    deadline_year: int

    @property
    def ratio(self) -> float | None:
        return None if self.value is None or self.target <= 0 else self.value / self.target


@dataclass(frozen=True, slots=True)
class Chart:
    """``name`` is the file stem a PNG export proposes."""

    name: str
    title: str
    kind: ChartKind
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    items: tuple[ProgressItem, ...] = ()  # PROGRESS only
    value_suffix: str = ""  # " %" for shares

    @property
    def is_empty(self) -> bool:
        if self.kind is ChartKind.PROGRESS:
            return not self.items
        return not self.categories or all(not any(s.values) for s in self.series)


SHORT_TYPE_LABELS: dict[str, str] = {
    "Doanh nghiệp nhà nước": "DNNN",
    "Cổ phần có vốn nhà nước chi phối": "CP vốn NN chi phối",
    "Cổ phần có vốn nhà nước không chi phối": "CP vốn NN không c.phối",
    "Doanh nghiệp tư nhân (DNTN, TNHH, cổ phần tư nhân)": "Tư nhân",
    "Doanh nghiệp có vốn đầu tư nước ngoài": "Vốn nước ngoài",
    "Hợp tác xã": "Hợp tác xã",
    "Đơn vị sự nghiệp ngoài công lập": "ĐVSN ngoài CL",
    "Cơ quan, loại hình khác": "Khác",
}


def by_type_chart(stats: Statistics) -> Chart:
    rows = stats.by_enterprise_type
    return Chart(
        name="to-chuc-dang-vien-theo-loai-hinh",
        title="Tổ chức đảng và đảng viên theo loại hình doanh nghiệp",
        kind=ChartKind.BAR,
        categories=tuple(SHORT_TYPE_LABELS.get(r.type_label, r.type_label) for r in rows),
        series=(
            Series("Tổ chức đảng", tuple(float(r.organisations) for r in rows)),
            Series("Đảng viên", tuple(float(r.members) for r in rows)),
        ),
    )


def classification_chart(stats: Statistics) -> Chart:
    years = stats.classification
    return Chart(
        name="xep-loai-dang-vien-qua-cac-nam",
        title="Kết quả xếp loại đảng viên qua các năm (%)",
        kind=ChartKind.STACKED,
        categories=tuple(str(y.year) for y in years),
        series=tuple(
            Series(
                level.label,
                tuple(
                    round(100 * y.members[level] / y.members_total, 1) if y.members_total else 0.0
                    for y in years
                ),
            )
            for level in LEVEL_ORDER
        ),
        value_suffix=" %",
    )


def meetings_chart(stats: Statistics) -> Chart:
    months = stats.meetings_by_month
    return Chart(
        name="sinh-hoat-thuong-ky-theo-thang",
        title=f"Buổi sinh hoạt thường kỳ phải tổ chức và đã tổ chức, năm {stats.period.year}",
        kind=ChartKind.LINE,
        categories=tuple(f"T{m.month}" for m in months),
        series=(
            Series("Phải tổ chức", tuple(float(m.required) for m in months)),
            Series("Đã tổ chức", tuple(float(m.held) for m in months)),
        ),
    )


def targets_chart(stats: Statistics) -> Chart:
    items = []
    for target in stats.targets:
        indicator = INDICATOR_BY_KEY[target.indicator]
        figure = stats.figure(target.indicator)
        items.append(
            ProgressItem(
                label=stats.label(target.indicator),
                value=figure.value,
                target=target.value,
                unit=indicator.unit,
                deadline_year=target.deadline_year,
            )
        )
    return Chart(
        name="tien-do-chi-tieu",
        title="Tiến độ thực hiện chỉ tiêu",
        kind=ChartKind.PROGRESS,
        items=tuple(items),
    )


def dashboard_charts(stats: Statistics) -> tuple[Chart, ...]:
    """The four charts, in the order the dashboard and the report show them."""
    return (
        by_type_chart(stats),
        classification_chart(stats),
        meetings_chart(stats),
        targets_chart(stats),
    )
