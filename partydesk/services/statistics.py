"""The overview's use cases: the figures of a year, the records behind one, targets, the report.

``compute`` gathers everything the dashboard, the printed report and the XLSX show from the
store's one query per indicator (``store.statistics_sql``); ``records`` lists what a figure
counts by the same query. Rates, shares, changes and progress are arithmetic on those counts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from partydesk.domain.accounts import Permission
from partydesk.domain.errors import ValidationError
from partydesk.domain.statistics import (
    EXAMPLE_TARGETS,
    INDICATOR_BY_KEY,
    INDICATORS,
    Figure,
    FigureLink,
    Key,
    MonthMeetings,
    Period,
    Statistics,
    Target,
    Unit,
    full_label,
)
from partydesk.domain.statistics_rules import (
    MIN_YEAR,
    choose_targets,
    validate_large_workforce,
    validate_target,
)
from partydesk.services.audit import audited
from partydesk.services.document_files import write_document
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.statistics import StatisticsRepository
from partydesk.store.statistics_sql import INDICATOR_SQL
from partydesk.store.store import Store

# Indicators counted by SQL; the rest are rates of two of them or need the month table.
_COUNTED = [i.key for i in INDICATORS if i.key in INDICATOR_SQL]
_STEPS = 6


class StatisticsService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today
        # The long counts go through the store's read-only reader, not its connection: the
        # window's own reads never wait for them. One computation at a time uses it.
        self._reader_lock = threading.Lock()

    @contextmanager
    def _reading(self) -> Iterator[StatisticsRepository]:
        """The statistics repository on the store's reader, one user at a time."""
        with self._reader_lock:
            yield StatisticsRepository(self._store.reader())

    # --- reading ---------------------------------------------------------------------------

    def today(self) -> date:
        return self._today()

    def period_for_year(self, year: int) -> Period:
        """The current year up to today, a past year to 31 December."""
        return Period.for_year(year, self._today())

    def years(self) -> list[int]:
        """Years to choose from, newest first: this year back to the first dated record
        (not before 2000)."""
        with self._reading() as store:
            first = store.first_year()
        this_year = self._today().year
        first = min(this_year, max(MIN_YEAR, first or this_year))
        return list(range(this_year, first - 1, -1))

    def compute(
        self,
        period: Period,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> Statistics:
        """Every figure of ``period`` and of the same day a year earlier, the tables behind the
        charts, and the targets that apply. Runs on a worker thread: the store lock is taken
        per query, so the window's own reads are never held up for long."""
        previous = period.previous()
        progress(0, _STEPS, "Đang đọc chỉ tiêu…")
        with self._reading() as store:
            large = store.large_workforce()
            targets = store.targets()
            classification = store.classification_years(period.year)
        eval_year = classification[-1].year if classification else None
        progress(1, _STEPS, "Đang đếm số liệu năm nay…")
        with self._reading() as store:
            now, by_type = store.counts_by_type(
                period, _COUNTED, eval_year=eval_year, large_workforce=large
            )
            required_now = store.required_meetings(period)
        check_cancel(cancel)
        progress(2, _STEPS, "Đang đếm số liệu cùng kỳ năm trước…")
        before_eval = eval_year - 1 if eval_year is not None else None
        with self._reading() as store:
            before = store.counts(previous, _COUNTED, eval_year=before_eval, large_workforce=large)
            required_before = store.required_meetings(previous)
        check_cancel(cancel)
        progress(3, _STEPS, "Đang tổng hợp sinh hoạt chi bộ theo tháng…")
        with self._reading() as store:
            held = store.held_meetings(period)
        check_cancel(cancel)
        progress(4, _STEPS, "Đang tính tỷ lệ…")
        now[Key.MTG_REQUIRED] = float(sum(required_now))
        before[Key.MTG_REQUIRED] = float(sum(required_before))
        chosen = choose_targets(targets, period.year)
        figures = tuple(_figure(i.key, now, before, chosen.get(i.key)) for i in INDICATORS)
        progress(_STEPS, _STEPS, "Xong")
        return Statistics(
            period=period,
            figures=figures,
            large_workforce=large,
            classification_year=eval_year,
            by_enterprise_type=tuple(by_type),
            classification=tuple(classification),
            meetings_by_month=tuple(
                MonthMeetings(month, required, held.get(month, 0))
                for month, required in enumerate(required_now, start=1)
            ),
            targets=tuple(chosen.values()),
        )

    def link(self, key: Key, stats: Statistics) -> FigureLink:
        return FigureLink(key, stats.period, stats.classification_year, stats.large_workforce)

    def records(self, link: FigureLink) -> list[int]:
        """The ids of the records the figure counts (for a rate: those of its numerator)."""
        key = INDICATOR_BY_KEY[link.key].counted
        if key not in INDICATOR_SQL:
            return []
        with self._reading() as store:
            return store.record_ids(
                key,
                link.period,
                eval_year=link.classification_year,
                large_workforce=link.large_workforce,
            )

    # --- targets ---------------------------------------------------------------------------

    def targets(self) -> list[Target]:
        with self._store.lock:
            return self._store.statistics.targets()

    def large_workforce(self) -> int:
        with self._store.lock:
            return self._store.statistics.large_workforce()

    @audited("Lưu chỉ tiêu thống kê", Permission.SETTINGS)
    def save_target(self, target: Target) -> int:
        clean = validate_target(target)
        if self._store.statistics.target_exists(clean.indicator, clean.deadline_year, clean.id):
            indicator = INDICATOR_BY_KEY[clean.indicator]
            label = full_label(indicator, self._store.statistics.large_workforce())
            raise ValidationError(
                "indicator",
                f"Chỉ tiêu “{label}” hạn năm {clean.deadline_year} đã có; hãy sửa chỉ tiêu đó.",
            )
        return self._store.statistics.save_target(clean)

    @audited("Xóa chỉ tiêu thống kê", Permission.SETTINGS)
    def delete_target(self, target_id: int) -> None:
        self._store.statistics.delete_target(target_id)

    @audited("Nạp chỉ tiêu mẫu", Permission.SETTINGS)
    def load_example_targets(self) -> int:
        """Add the Sông Công 2030 example targets the office does not have yet; how many."""
        added = 0
        for target in EXAMPLE_TARGETS:
            if not self._store.statistics.target_exists(
                target.indicator, target.deadline_year, None
            ):
                self._store.statistics.save_target(target)
                added += 1
        return added

    @audited("Đặt ngưỡng doanh nghiệp lớn", Permission.SETTINGS)
    def set_large_workforce(self, value: int) -> None:
        self._store.statistics.set_large_workforce(validate_large_workforce(value))

    # --- the printed report ----------------------------------------------------------------

    def write_report(
        self,
        target: Path,
        period: Period,
        *,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the BÁO CÁO THỐNG KÊ of ``period`` as PDF or XLSX (by the file's suffix);
        return the page count (PDF) or the number of indicator rows (XLSX)."""
        from partydesk.reports.statistics_report import StatisticsReport

        suffix = target.suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise ValidationError("file", f"Tệp “{target.name}”: chỉ xuất được .pdf hoặc .xlsx.")

        def build() -> StatisticsReport:
            stats = self.compute(period, cancel=cancel)
            return StatisticsReport(stats, self._store.settings.office(), self._today())

        def render(report: StatisticsReport, handle) -> int:  # type: ignore[no-untyped-def]
            if suffix == ".pdf":
                from partydesk.reports.statistics_pdf import write_statistics_pdf

                return write_statistics_pdf(report, handle)
            from partydesk.reports.statistics_xlsx import write_statistics_xlsx

            return write_statistics_xlsx(report, handle)

        return write_document(
            self._store,
            target,
            build,
            render,
            progress,
            cancel,
            "Đang tính số liệu thống kê…",
            what=f"Báo cáo thống kê năm {period.year}",
        )


def _figure(
    key: Key,
    now: dict[Key, float | None],
    before: dict[Key, float | None],
    target: Target | None,
) -> Figure:
    indicator = INDICATOR_BY_KEY[key]
    if indicator.rate_of is not None:
        part, whole = indicator.rate_of
        value, previous = _rate(now, part, whole), _rate(before, part, whole)
    else:
        value, previous = (
            _number(now.get(key), indicator.unit),
            _number(before.get(key), indicator.unit),
        )
    share = None
    if indicator.share_of is not None and value is not None:
        share = _rate(now, key, indicator.share_of)
    return Figure(key, value, previous, share, target)


def _number(value: float | None, unit: Unit) -> float | None:
    if value is None:
        return None if unit is Unit.MINUTES else 0.0
    return round(float(value), 1) if unit is Unit.MINUTES else float(value)


def _rate(counts: dict[Key, float | None], part: Key, whole: Key) -> float | None:
    numerator, denominator = counts.get(part), counts.get(whole)
    if not denominator or numerator is None:
        return None
    return 100.0 * numerator / denominator
