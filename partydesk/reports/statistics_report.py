"""What the printed statistics report (PDF and XLSX) is made from: the figures and the office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.domain.settings import OfficeSettings
from partydesk.domain.statistics import Statistics
from partydesk.domain.statistics_charts import Chart, dashboard_charts


@dataclass(frozen=True, slots=True)
class StatisticsReport:
    """One year's "BÁO CÁO THỐNG KÊ": the same ``Statistics`` the dashboard shows."""

    stats: Statistics
    office: OfficeSettings
    made_on: date

    @property
    def charts(self) -> tuple[Chart, ...]:
        return dashboard_charts(self.stats)
