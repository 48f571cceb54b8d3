"""Charts: the same chart gives the same SVG; the tile map shows every region with its value."""

from __future__ import annotations

from reports import formatting as fmt
from reports.api import ReportResult
from reports.charts import svg_bytes


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
