"""The dashboard's charts: painting every kind, the PNG export, the view and its menu, and the
numbers the charts print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog

from partydesk.domain.statistics import Unit
from partydesk.domain.statistics_charts import (
    Chart,
    ChartKind,
    ProgressItem,
    Series,
    dashboard_charts,
)
from partydesk.ui import messages
from partydesk.ui.overview import charts as charts_module
from partydesk.ui.overview.chart_bars import needs_panels
from partydesk.ui.overview.chart_canvas import Anchor
from partydesk.ui.overview.chart_lines import label_anchors
from partydesk.ui.overview.chart_numbers import (
    nice_ticks,
    number_text,
    progress_text,
    tick_places,
)
from partydesk.ui.overview.chart_style import SERIES_STYLES, fill_shape
from partydesk.ui.overview.charts import (
    EMPTY_MESSAGE,
    SAVE_ACTION_TEXT,
    ChartView,
    paint_chart,
    render_chart,
    save_chart_png,
)
from tests.statistics_sample import sample_statistics

SAMPLE_CHARTS = dashboard_charts(sample_statistics())
EMPTY_CHARTS = dashboard_charts(sample_statistics(empty=True))
SIZES = ((460, 300), (560, 340), (1600, 1000), (300, 900), (1200, 250))


def _ids(charts: tuple[Chart, ...]) -> list[str]:
    return [c.kind.value for c in charts]


def _pixels(image: QImage) -> bytes:
    """BGRA bytes of a Format_ARGB32 image (little-endian), row padding included."""
    converted = image.convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(converted.constBits())[: converted.sizeInBytes()]


def _grey_levels(image: QImage, rect: QRectF | None = None) -> list[int]:
    """The grey level of every pixel in ``rect`` (the whole image by default)."""
    area = (rect or QRectF(image.rect())).toRect()
    return [
        image.pixelColor(x, y).red()
        for y in range(area.top(), area.bottom() + 1, 2)
        for x in range(area.left(), area.right() + 1, 2)
    ]


# --- painting ---------------------------------------------------------------------------


@pytest.mark.parametrize("chart", SAMPLE_CHARTS + EMPTY_CHARTS, ids=_ids(SAMPLE_CHARTS) * 2)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_chart_paints_at_every_size(qapp, chart: Chart, size: tuple[int, int]) -> None:
    image = render_chart(chart, *size)
    assert image.size().toTuple() == size
    assert min(_pixels(image)[0::4]) < 100  # something dark was drawn: at least the title


def test_sample_charts_are_not_empty_and_empty_sample_charts_are() -> None:
    assert not any(c.is_empty for c in SAMPLE_CHARTS)
    assert all(c.is_empty for c in EMPTY_CHARTS)


@pytest.mark.parametrize("chart", SAMPLE_CHARTS, ids=_ids(SAMPLE_CHARTS))
@pytest.mark.parametrize("size", [(0, 0), (1, 1), (0, 300), (30, 20), (120, 60), (200, 90)])
def test_paint_chart_on_tiny_or_zero_rect_does_not_crash(qapp, chart, size) -> None:
    image = QImage(300, 300, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(10, 10, *size), chart)
    finally:
        painter.end()


@pytest.mark.parametrize("chart", SAMPLE_CHARTS, ids=_ids(SAMPLE_CHARTS))
def test_paint_chart_stays_inside_its_rect(qapp, chart: Chart) -> None:
    """Drawn at an offset (as in a page with margins), nothing lands outside the rect."""
    image = QImage(700, 500, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(120, 100, 460, 300), chart)
    finally:
        painter.end()
    inside = _grey_levels(image, QRectF(120, 100, 460, 300))
    assert min(inside) < 100
    for band in (QRectF(0, 0, 700, 99), QRectF(0, 401, 700, 99), QRectF(0, 0, 119, 500)):
        assert set(_grey_levels(image, band)) == {255}, band
    assert set(_grey_levels(image, QRectF(581, 0, 119, 500))) == {255}


@pytest.mark.parametrize("chart", SAMPLE_CHARTS, ids=_ids(SAMPLE_CHARTS))
def test_charts_are_drawn_in_greys_only(qapp, chart: Chart) -> None:
    """A black-and-white print loses nothing: every pixel is a grey (R = G = B)."""
    data = _pixels(render_chart(chart, 800, 500))
    blue, green, red = data[0::4], data[1::4], data[2::4]
    assert blue == green == red


def test_series_styles_differ_once_reduced_to_black_and_white(qapp) -> None:
    """Each fill, thresholded to pure black and white, still gives a different pattern."""
    patterns = []
    for style in SERIES_STYLES[:4]:
        image = QImage(60, 40, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        fill_shape(painter, QRectF(0, 0, 60, 40), style, 14.0)
        painter.end()
        inner = _grey_levels(image, QRectF(4, 4, 52, 32))
        patterns.append(tuple(level < 153 for level in inner))  # 60 % threshold
    assert len(set(patterns)) == len(patterns)


# --- PNG export -------------------------------------------------------------------------


@pytest.mark.parametrize("chart", SAMPLE_CHARTS, ids=_ids(SAMPLE_CHARTS))
def test_save_chart_png_writes_the_picture(qapp, tmp_path: Path, chart: Chart) -> None:
    target = tmp_path / f"{chart.name}.png"
    save_chart_png(chart, target, width=900, height=560)
    image = QImage(str(target))
    assert not image.isNull()
    assert (image.width(), image.height()) == (900, 560)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plot_area = _grey_levels(image, QRectF(150, 150, 600, 300))
    assert any(level < 250 for level in plot_area), "not all white"
    assert any(40 < level < 230 for level in plot_area), "grey fills or hatching in the plot"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no .partial left


def test_save_chart_png_default_size_is_1600_by_1000(qapp, tmp_path: Path) -> None:
    target = tmp_path / "bieu-do.png"
    save_chart_png(SAMPLE_CHARTS[0], target)
    assert QImage(str(target)).size().toTuple() == (1600, 1000)


def test_save_chart_png_replaces_an_existing_file(qapp, tmp_path: Path) -> None:
    target = tmp_path / "cu.png"
    target.write_bytes(b"old picture")
    save_chart_png(SAMPLE_CHARTS[1], target, 400, 300)
    assert QImage(str(target)).size().toTuple() == (400, 300)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cu.png"]


def test_save_into_a_missing_folder_raises_and_leaves_nothing(qapp, tmp_path: Path) -> None:
    target = tmp_path / "khong-co" / "bieu-do.png"
    with pytest.raises(OSError, match="bieu-do.png"):
        save_chart_png(SAMPLE_CHARTS[0], target, 400, 300)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_replace_leaves_the_old_file_and_no_partial(qapp, tmp_path, monkeypatch):
    target = tmp_path / "dang-mo.png"
    target.write_bytes(b"old picture")

    def refuse(src, dst):  # noqa: ANN001, ANN202 - stands in for os.replace
        raise PermissionError(13, "in use")

    monkeypatch.setattr(charts_module.os, "replace", refuse)
    with pytest.raises(OSError, match="dang-mo.png"):
        save_chart_png(SAMPLE_CHARTS[0], target, 400, 300)
    assert target.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["dang-mo.png"]


# --- the view ---------------------------------------------------------------------------


def test_view_has_the_save_action_in_its_context_menu(qtbot) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [a.text() for a in view.actions()] == [SAVE_ACTION_TEXT]
    assert SAVE_ACTION_TEXT == "Lưu biểu đồ thành ảnh PNG…"
    assert not view.save_action.isEnabled()  # nothing to save yet
    view.set_chart(SAMPLE_CHARTS[0])
    assert view.save_action.isEnabled()
    assert view.chart() is SAMPLE_CHARTS[0]
    view.set_chart(EMPTY_CHARTS[0])
    assert not view.save_action.isEnabled()


def test_view_sizes(qtbot) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    assert view.minimumSizeHint().width() >= 460 and view.minimumSizeHint().height() >= 300
    assert view.sizeHint().width() >= view.minimumSizeHint().width()
    assert view.sizeHint().height() >= view.minimumSizeHint().height()


@pytest.mark.parametrize("chart", [None, *SAMPLE_CHARTS, *EMPTY_CHARTS])
def test_view_paints(qtbot, chart: Chart | None) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(560, 340)
    view.set_chart(chart)
    image = view.grab().toImage()
    assert min(_grey_levels(image)) < 160  # the chart, or the grey message


def test_view_without_chart_shows_the_message_in_grey(qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        charts_module, "draw_message", lambda c, r, text, colour: shown.append(text)
    )
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(560, 340)
    view.grab()
    assert shown == [EMPTY_MESSAGE]
    assert EMPTY_MESSAGE == "Chưa có số liệu để vẽ biểu đồ."


def test_save_png_as_writes_where_the_user_chose(qtbot, tmp_path, monkeypatch) -> None:
    asked: list[str] = []

    def choose(parent, title, suggested, file_filter):  # noqa: ANN001, ANN202
        asked.append(suggested)
        return str(tmp_path / "bieu-do-cua-toi"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(SAMPLE_CHARTS[2])
    written = view.save_png_as()
    assert written == tmp_path / "bieu-do-cua-toi.png"
    assert QImage(str(written)).size().toTuple() == (1600, 1000)
    assert Path(asked[0]).name == f"{SAMPLE_CHARTS[2].name}.png"


def test_save_action_runs_the_save(qtbot, tmp_path, monkeypatch) -> None:
    target = tmp_path / "tu-menu.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(SAMPLE_CHARTS[3])
    view.save_action.trigger()
    assert target.is_file()


def test_save_png_as_cancelled_writes_nothing(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(SAMPLE_CHARTS[0])
    assert view.save_png_as() is None


def test_save_png_as_failure_is_shown_in_vietnamese(qtbot, tmp_path, monkeypatch) -> None:
    target = tmp_path / "khong-co" / "bieu-do.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda parent, title, text: errors.append((title, text))
    )
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(SAMPLE_CHARTS[0])
    assert view.save_png_as() is None
    [(title, text)] = errors
    assert title == "Không lưu được ảnh biểu đồ"
    assert str(target) in text and "không bị ảnh hưởng" in text
    assert not target.parent.exists()


def test_save_png_as_without_data_does_not_ask(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("asked"))
    view = ChartView()
    qtbot.addWidget(view)
    assert view.save_png_as() is None
    view.set_chart(EMPTY_CHARTS[1])
    assert view.save_png_as() is None


# --- layout choices and numbers ---------------------------------------------------------


def test_bar_series_of_very_different_size_get_their_own_panels() -> None:
    by_type = SAMPLE_CHARTS[0]
    assert by_type.kind is ChartKind.BAR and needs_panels(by_type)
    similar = Chart("x", "x", ChartKind.BAR, ("a", "b"), (Series("1", (3, 5)), Series("2", (4, 9))))
    assert not needs_panels(similar)


def test_line_labels_go_above_the_higher_point_and_below_the_lower() -> None:
    assert label_anchors([110, 101]) == [Anchor.ABOVE, Anchor.BELOW]
    assert label_anchors([101, 110]) == [Anchor.BELOW, Anchor.ABOVE]
    assert label_anchors([5, 5]) == [Anchor.ABOVE, Anchor.BELOW]
    assert label_anchors([3, 9, 5]) == [Anchor.BELOW, Anchor.ABOVE, Anchor.RIGHT]
    assert label_anchors([7]) == [Anchor.ABOVE]


@pytest.mark.parametrize(
    ("low", "high", "max_ticks", "whole", "expected"),
    [
        (0, 980, 5, False, (0, 200, 400, 600, 800, 1000)),
        (0, 52, 4, False, (0, 20, 40, 60)),
        (0, 100, 5, False, (0, 20, 40, 60, 80, 100)),
        (101, 112, 5, False, (100, 105, 110, 115)),
        (0, 1, 5, False, (0, 0.2, 0.4, 0.6, 0.8, 1.0)),
        (0, 1, 5, True, (0, 1)),
        (0, 0, 5, True, (0, 1)),
        (0, 12000, 3, False, (0, 5000, 10000, 15000)),
    ],
)
def test_nice_ticks_are_round(low, high, max_ticks, whole, expected) -> None:
    assert nice_ticks(low, high, max_ticks, whole=whole) == pytest.approx(expected)


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert number_text(1200) == "1.200"
    assert number_text(12.5) == "12,5"
    assert number_text(14.0) == "14"
    assert number_text(1234.56) == "1.234,6"
    assert number_text(0.25, 2) == "0,25"
    assert number_text(-0.04) == "0"
    assert tick_places((0, 0.2, 0.4)) == 1
    assert tick_places((0, 200, 400)) == 0


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (ProgressItem("a", 8.2, 15, Unit.PERCENT, 2030), "8,2 % / 15 % (55 %) — hạn 2030"),
        (ProgressItem("a", 12, 20, Unit.COUNT, 2030), "12 / 20 (60 %) — hạn 2030"),
        (ProgressItem("a", None, 15, Unit.PERCENT, 2030), "chưa tính được / 15 % — hạn 2030"),
        (
            ProgressItem("a", 104.5, 90, Unit.MINUTES, 2026),
            "104,5 phút / 90 phút (116 %) — hạn 2026",
        ),
        (ProgressItem("a", 1500, 1200, Unit.COUNT, 2030), "1.500 / 1.200 (125 %) — hạn 2030"),
        (ProgressItem("a", 3, 0, Unit.COUNT, 2030), "3 / 0 — hạn 2030"),
    ],
)
def test_progress_text(item: ProgressItem, expected: str) -> None:
    assert progress_text(item) == expected
