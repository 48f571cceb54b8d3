"""The executive summary: the main results in plain words, one chart per finding.

Up to eight findings, each written from the numbers of the analysis results (never typed in):
awareness, trust, readiness to use mediation, the regions (range, and differences from the rest
of the country), groups of the first breakdown, change between waves, and exposed vs not
exposed respondents. A finding whose numbers are missing is left out, and an estimate that
fails the reliability standard is never quoted or charted.
"""

from __future__ import annotations

from collections.abc import Callable

from reports import formatting as fmt
from reports.compute import IndicatorResult, Results
from reports.document import Block, Chart, Heading, Paragraph, Section, Series
from reports.findings import findings
from reports.labels import Labels
from reports.region_charts import ranked_legend, region_series, without
from reports.reliability_marks import usable
from reports.spec import ReportSpec

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("awareness", ("heard_mediation", "knows_law_2011", "knows_where_mediator", "used_mediation")),
    ("trust", ("trust_mediators", "trust_courts")),
    ("use", ("use_family", "use_labour", "use_land", "use_commercial", "use_interethnic",
             "use_political")),
)
MAX_FINDINGS = 8


def summary_section(results: Results, spec: ReportSpec, labels: Labels) -> Section:
    _ = labels._
    level = fmt.percent(spec.confidence, spec.language, 0)
    blocks: list[Block] = [Paragraph(_(
        "The main results in plain words. Percentages are shares of adults (18 and older) "
        "who answered the question; the range in brackets is the {level} confidence interval: "
        "the true share lies in it with {level} confidence. Tables, methods and details follow "
        "this summary.", level=level), "note")]
    found = 0
    for make in (*(_group(name, keys) for name, keys in GROUPS), _regions, _differences,
                 _breakdown, _change, _exposure):
        finding = make(results, spec, labels)
        if finding and found < MAX_FINDINGS:
            blocks += finding
            found += 1
    return Section("summary", _("Executive summary"), _("Summary"), tuple(blocks))


Finding = Callable[[Results, ReportSpec, Labels], list[Block]]


def _reliable(results: Results, keys: tuple[str, ...]) -> list[IndicatorResult]:
    return [r for r in results.indicators if r.indicator.key in keys and r.estimate() is not None
            and usable(r.national_reliability, 0)]


def _share(res: IndicatorResult, labels: Labels) -> dict[str, str]:
    est, lang = res.estimate(), labels.language
    return {"indicator": labels.indicator(res.indicator.key),
            "share": fmt.percent(est["estimate"], lang),  # type: ignore[index]
            "low": fmt.percent(est["ci_low"], lang),  # type: ignore[index]
            "high": fmt.percent(est["ci_high"], lang)}  # type: ignore[index]


def _bars(key: str, title: str, chosen: list[IndicatorResult], labels: Labels) -> Chart:
    rows = [r.estimate() for r in chosen]
    series = Series(title, tuple(labels.indicator(r.indicator.key) for r in chosen),
                    tuple(float(e["estimate"]) for e in rows),  # type: ignore[index]
                    tuple(float(e["ci_low"]) for e in rows),  # type: ignore[index]
                    tuple(float(e["ci_high"]) for e in rows))  # type: ignore[index]
    return Chart(f"summary.{key}", "headline", title, (series,),
                 axis_label=labels._("Share of adults"), source_table="headline")


def _group(name: str, keys: tuple[str, ...]) -> Finding:
    def make(results: Results, spec: ReportSpec, labels: Labels) -> list[Block]:
        _ = labels._
        chosen = _reliable(results, keys)
        if not chosen:
            return []
        titles = {"awareness": _("Awareness of mediation"), "trust": _("Trust"),
                  "use": _("Readiness to use mediation")}
        if name == "use" and len(chosen) >= 2:
            ranked = sorted(chosen, key=lambda r: -float(r.estimate()["estimate"]))  # type: ignore[index]
            top, bottom = _share(ranked[0], labels), _share(ranked[-1], labels)
            text = _("Readiness to use mediation is highest for this case: {top} ({top_share}), "
                     "and lowest for this one: {bottom} ({bottom_share}).",
                     top=top["indicator"], top_share=top["share"],
                     bottom=bottom["indicator"], bottom_share=bottom["share"])
        else:
            text = " ".join(_("{indicator}: {share} of adults (between {low} and {high}).",
                              **_share(r, labels)) for r in chosen)
        return [Heading(titles[name], 2, f"summary.{name}"), Paragraph(text),
                _bars(name, titles[name], chosen, labels)]
    return make


def _first_regional(results: Results) -> IndicatorResult | None:
    return next((r for r in results.indicators if r.regions is not None), None)


def _regions(results: Results, spec: ReportSpec, labels: Labels) -> list[Block]:
    res = _first_regional(results)
    if res is None:
        return []
    _ = labels._
    text = next(t for k, t in _findings(results, spec, labels, (res,)) if k == "extremes")
    series = region_series(res, labels, 1 - spec.confidence, reliable_only=True)
    title = _("{indicator} by region", indicator=labels.indicator(res.indicator.key))
    est = res.estimate()
    chart = (Chart("summary.regions", "ranked", title, (series,),
                   float(est["estimate"]) if est is not None else None, _("Kazakhstan"),
                   _("Share of adults"), f"regions.{res.indicator.key}",
                   legend=ranked_legend(labels)) if len(series.labels) >= 2 else
             _map_chart("summary.regions", title, res, spec, labels))
    return [Heading(_("Regions"), 2, "summary.regions"), Paragraph(text), chart]


def _differences(results: Results, spec: ReportSpec, labels: Labels) -> list[Block]:
    res = _first_regional(results)
    if res is None:
        return []
    _ = labels._
    texts = [t for k, t in _findings(results, spec, labels, (res,)) if k == "regions"]
    title = _("{indicator} by region", indicator=labels.indicator(res.indicator.key))
    return [Heading(_("Regions that differ from the rest of the country"), 2,
                    "summary.differences"), Paragraph(" ".join(texts)),
            _map_chart("summary.map", title, res, spec, labels)]


def _map_chart(key: str, title: str, res: IndicatorResult, spec: ReportSpec,
               labels: Labels) -> Chart:
    """Every region on the tile map; those failing the standard shown as "*"."""
    _ = labels._
    every = region_series(res, labels, 1 - spec.confidence, reliable_only=False)
    hidden = {k for i, k in enumerate(every.keys) if not usable(res.region_reliability, i)}
    legend = [("", _("Thick outline: differs significantly from the rest of the country."))]
    if hidden:
        legend.append(("", _("*: not shown, fails the reliability standard.")))
    return Chart(key, "map", title, (without(every, hidden),), None, "", _("Share of adults"),
                 f"regions.{res.indicator.key}", legend=tuple(legend))


def _breakdown(results: Results, spec: ReportSpec, labels: Labels) -> list[Block]:
    first = next((r for r in results.indicators if r.estimate() is not None), None)
    if first is None or not spec.breakdowns:
        return []
    question = next((q for q in results.questions if q.question.name == first.indicator.question),
                    None)
    cross = next((c for c in (question.crosstabs if question else ())
                  if c.result is not None and c.breakdown == spec.breakdowns[0]), None)
    if cross is None or first.indicator.top is not None:
        return []
    _, lang = labels._, labels.language
    table = cross.result.table  # type: ignore[union-attr]
    keep = [i for i in range(len(table)) if table[first.indicator.question].iloc[i] == "yes"
            and usable(cross.reliability, i)]
    rows = table.iloc[keep]
    if len(rows) < 2:
        return []
    names = [labels.choice(cross.breakdown, g) for g in rows[cross.breakdown]]
    parts = ", ".join(f"{n} {fmt.percent(v, lang)}" for n, v in zip(names, rows["estimate"],
                                                                   strict=True))
    test = cross.result.test  # type: ignore[union-attr]
    verdict = (_("the difference is statistically significant")
               if test.p_value < 1 - spec.confidence
               else _("the difference is not statistically significant"))
    by = labels.question(cross.breakdown)
    name = labels.indicator(first.indicator.key)
    text = _("{indicator} by {breakdown}: {parts}; {verdict} ({p}, Rao-Scott test).",
             indicator=name, breakdown=by, parts=parts, verdict=verdict,
             p=fmt.p_text(test.p_value, lang))
    title = _("{question} by {breakdown}", question=name, breakdown=by)
    series = Series(title, tuple(names), tuple(float(v) for v in rows["estimate"]),
                    tuple(float(v) for v in rows["ci_low"]),
                    tuple(float(v) for v in rows["ci_high"]))
    return [Heading(title, 2, "summary.breakdown"), Paragraph(text),
            Chart("summary.breakdown", "distribution", title, (series,),
                  axis_label=_("Share of adults"))]


def _points_chart(key: str, title: str, rows: list[tuple[str, float, float, float]]) -> Chart:
    return Chart(key, "did", title, (Series(title, tuple(r[0] for r in rows),
                                            tuple(r[1] for r in rows), tuple(r[2] for r in rows),
                                            tuple(r[3] for r in rows)),),
                 axis_label="")


def _change(results: Results, spec: ReportSpec, labels: Labels) -> list[Block]:
    chosen = [r for r in results.indicators if r.change is not None]
    if not chosen:
        return []
    _ = labels._
    text = next(t for k, t in _findings(results, spec, labels, (chosen[0],)) if k == "change")
    rows = [(labels.indicator(r.indicator.key), *(float(r.change.table.iloc[0][c])  # type: ignore[union-attr]
                                                   for c in ("difference", "ci_low", "ci_high")))
            for r in chosen]
    title = _("Change from {first} to {second}", first=labels.wave_short("baseline"),
              second=labels.wave_short("followup"))
    chart = _points_chart("summary.change", title, rows)  # type: ignore[arg-type]
    return [Heading(_("Change since the previous wave"), 2, "summary.change"), Paragraph(text),
            Chart(chart.key, chart.kind, chart.title, chart.series,
                  axis_label=_("Percentage points"))]


def _exposure(results: Results, spec: ReportSpec, labels: Labels) -> list[Block]:
    chosen = [r for r in results.indicators if r.did is not None]
    if not chosen:
        return []
    _, lang = labels._, labels.language
    first = chosen[0]
    point = first.did.points.iloc[0]  # type: ignore[union-attr]
    fields = {"indicator": labels.indicator(first.indicator.key),
              "did": fmt.points(point["difference"], lang), "p": fmt.p_text(point["p_value"], lang)}
    if spec.campaign_design == "randomised":
        text = _("{indicator}: the campaign changed the share by {did} ({p}, difference-in-"
                 "differences between the randomly assigned groups).", **fields)
        heading = _("Effect of the campaign")
    else:
        text = _("{indicator}: between the waves, the share changed by {did} more among people "
                 "who say they saw the campaign than among people who say they did not ({p}). "
                 "People chose whether to watch, so this shows a difference between the two "
                 "groups, not how much the campaign itself changed.", **fields)
        heading = _("Exposed and not exposed respondents")
    rows = [(labels.indicator(r.indicator.key), *(float(r.did.points.iloc[0][c])  # type: ignore[union-attr]
                                                   for c in ("difference", "ci_low", "ci_high")))
            for r in chosen]
    chart = _points_chart("summary.did", _("Difference-in-differences"), rows)  # type: ignore[arg-type]
    return [Heading(heading, 2, "summary.exposure"), Paragraph(text),
            Chart(chart.key, chart.kind, chart.title, chart.series,
                  axis_label=_("Percentage points"))]


def _findings(results: Results, spec: ReportSpec, labels: Labels,
              chosen: tuple[IndicatorResult, ...]) -> list[tuple[str, str]]:
    del results
    return findings(chosen, language=spec.language, alpha=1 - spec.confidence,
                    indicator_label=labels.indicator, region_label=labels.region,
                    wave_label=labels.wave_short,
                    randomised=spec.campaign_design == "randomised")
