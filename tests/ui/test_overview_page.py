"""The "Tổng quan" page on the sample office: figures computed off the GUI thread, each a
link to exactly the records it counts, the year picker, and the reminders line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from partydesk.domain.statistics import INDICATORS, FigureLink, Key
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices, build_services
from partydesk.services.demo import create_demo_database
from partydesk.store.store import open_store
from partydesk.ui.main_window import MainWindow
from tests.common import TODAY


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("overview") / "sample.sqlite"
    create_demo_database(path, "_tiny", seed=7, today=TODAY)
    return path


@pytest.fixture
def sample_services(sample: Path, tmp_path: Path) -> Iterator[AppServices]:
    from tests.conftest import _finish_background_tasks

    copy = tmp_path / "sample.sqlite"
    copy.write_bytes(sample.read_bytes())
    store = open_store(copy, tmp_path / "backups")
    yield build_services(store, today=lambda: TODAY, paths=DataPaths(tmp_path / "data"))
    _finish_background_tasks()
    store.close()


@pytest.fixture
def window(qtbot, sample_services: AppServices, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(sample_services, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.overview.statistics is not None, timeout=10_000)
    return window


def test_the_overview_is_the_first_page_and_shows_every_indicator(window: MainWindow) -> None:
    assert window.nav.currentRow() == 0
    assert window.pages.currentWidget() is window.overview
    stats = window.overview.statistics
    assert stats is not None and stats.period.on == TODAY
    assert set(window.overview.value_labels) == {i.key for i in INDICATORS}
    members = stats.figure(Key.MEM_TOTAL)
    assert members.value and members.value > 300
    assert window.overview.value_labels[Key.MEM_TOTAL].text().count(">") >= 2  # a link
    # The sample office has the Sông Công example targets: progress is shown.
    assert stats.figure(Key.DN_WITH_ORG_RATE).target is not None
    assert all(view.chart() is not None for view in window.overview.charts)


def test_a_figure_opens_exactly_the_records_it_counts(qtbot, window: MainWindow) -> None:
    stats = window.overview.statistics
    expected = window._services.statistics.records(
        FigureLink(Key.DN_3_OFFICIAL_WITHOUT_ORG, stats.period)
    )
    label = window.overview.value_labels[Key.DN_3_OFFICIAL_WITHOUT_ORG]
    label.linkActivated.emit(Key.DN_3_OFFICIAL_WITHOUT_ORG.value)
    page = window.enterprises
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    assert window.pages.currentWidget() is page
    assert page.figure_bar.isVisible()
    assert "chưa có tổ chức đảng" in page.figure_label.text()
    while page.model.canFetchMore():
        page.model.fetchMore()
    shown = {page.model.row_at(row).id for row in range(page.model.rowCount())}
    assert shown == set(expected)
    assert page.model.total == stats.figure(Key.DN_3_OFFICIAL_WITHOUT_ORG).value
    page.clear_only()
    assert not page.figure_bar.isVisible() and page.model.total > len(expected)


@pytest.mark.parametrize(
    ("key", "page_name"),
    [
        (Key.MEM_ADMITTED, "members"),
        (Key.ORG_BASE, "organisations"),
        (Key.MTG_HELD, "meetings"),
        (Key.DN_WITH_ORG_RATE, "enterprises"),  # a rate opens its numerator's records
    ],
)
def test_figures_of_every_kind_open_their_list(
    qtbot, window: MainWindow, key: Key, page_name: str
) -> None:
    stats = window.overview.statistics
    window.overview.open_figure(key)
    page = getattr(window, page_name)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    assert window.pages.currentWidget() is page
    counted = stats.figure(key)
    numerator = counted.indicator.rate_of[0] if counted.indicator.rate_of else key
    assert page.model.total == stats.figure(numerator).value


def test_required_meetings_open_the_compliance_page_of_the_year(window: MainWindow) -> None:
    window.overview.open_figure(Key.MTG_REQUIRED)
    assert window.pages.currentWidget() is window.compliance
    assert window.compliance.year.value() == TODAY.year


def test_choosing_last_year_recomputes_to_its_last_day(qtbot, window: MainWindow) -> None:
    overview = window.overview
    index = overview.year.findData(TODAY.year - 1)
    assert index > 0
    overview.year.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: (
            overview.statistics is not None and overview.statistics.period.year == TODAY.year - 1
        ),
        timeout=10_000,
    )
    assert overview.statistics.period.on.isoformat() == f"{TODAY.year - 1}-12-31"
    assert "31/12" in overview.period_label.text()
