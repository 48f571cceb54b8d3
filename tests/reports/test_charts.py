"""Charts: the same chart gives the same SVG; the tile map shows every region with its value."""

from __future__ import annotations

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg

from reports import formatting as fmt
from reports.api import ReportResult
from reports.charts import RC, figure, svg_bytes


def _chart(report: ReportResult, key: str):
    return next(c for s in report.document.sections for c in s.charts() if c.key == key)


def test_charts__same_chart_twice__same_svg(kazakh_report: ReportResult):
    chart = _chart(kazakh_report, "regions.heard_mediation.ranked")
    assert svg_bytes(chart, "kk") == svg_bytes(chart, "kk")


def test_tile_map__every_region__named_with_its_estimate(kazakh_report: ReportResult):
    chart = _chart(kazakh_report, "regions.heard_mediation.map")
    svg = svg_bytes(chart, "kk").decode("utf-8")
    series = chart.series[0]
    assert len(series.keys) == 20
    for key, estimate in zip(series.keys, series.estimates, strict=True):
        # an estimate failing the reliability standard shows "*"
        assert (fmt.percent(estimate, "kk") if key not in series.hidden else "*") in svg
    assert "Ұлытау" in svg and "Шымкент" in svg
    assert chart.title in svg  # a title, and a legend for outlines and stars
    assert all(text in svg for _colour, text in chart.legend)


def test_ranked_chart__regions_in_rank_order_from_the_regional_table(
        kazakh_report: ReportResult):
    chart = _chart(kazakh_report, "regions.heard_law.ranked")
    table = kazakh_report.document.table("regions.heard_law")
    shown = [i for i, st in enumerate(table.status) if st != "suppressed"]
    assert list(chart.series[0].labels) == [table.column_values("region")[i] for i in shown]
    assert list(chart.series[0].estimates) == [table.column_values("estimate")[i] for i in shown]


def test_tile_map__long_russian_names__each_inside_its_tile(russian_report: ReportResult):
    """"Карагандинская", "Кызылординская": one word wider than a tile at the usual size."""
    chart = _chart(russian_report, "regions.heard_mediation.map")
    with matplotlib.rc_context(RC):
        fig = figure(chart, "ru")
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        ax = fig.axes[0]
        tiles = [p.get_window_extent(renderer) for p in ax.patches]
        names = [t for t in ax.texts if t.get_text() and "%" not in t.get_text()
                 and t.get_text() not in ("*", "–")]
        assert len(names) == 20
        assert any("Кызылординская" in t.get_text() for t in names)
        for text in names:
            box = text.get_window_extent(renderer)
            middle = (box.x0 + box.width / 2, box.y0 + box.height / 2)
            tile = next(t for t in tiles if t.contains(*middle))
            assert tile.x0 <= box.x0 and box.x1 <= tile.x1, text.get_text()
