"""Lay the analysis results out as one neutral document (see :mod:`reports.document`).

Sections: cover, executive summary (plain words, a chart per finding), key findings, regional
comparison, one section per question, campaign evaluation (when the data has waves),
methodology, appendix (reliability of the estimates, notes of the analysis engine), data
dictionary. Every number placed in a table or chart is copied from an analysis result object;
nothing is computed here.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from analysis.methods import PAdjust
from reports import formatting as fmt
from reports.compute import IndicatorResult, Results
from reports.content_appendix import appendix_section, methodology
from reports.content_campaign import campaign_section
from reports.content_method import dictionary_section
from reports.content_questions import estimate_columns, marked_table, questions_section
from reports.content_repeats import repeats_section
from reports.content_summary import summary_section
from reports.data import Snapshot
from reports.document import (
    Chart,
    Column,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Section,
    Series,
)
from reports.findings import findings
from reports.labels import Labels
from reports.method_text import MethodText
from reports.region_charts import ranked_legend, region_series, without
from reports.reliability_marks import mark_column, statuses
from reports.spec import ReportSpec


def build_document(snapshot: Snapshot, results: Results, spec: ReportSpec, *,
                   generated: datetime, version: str) -> Document:
    """The whole report as a document model."""
    labels = Labels(snapshot, spec.language)
    _ = labels._
    title = spec.title or _("Public awareness of mediation in Kazakhstan")
    sections = [cover_section(snapshot, results, spec, labels, title, generated, version),
                summary_section(results, spec, labels),
                key_findings_section(results, spec, labels),
                regions_section(results, spec, labels),
                questions_section(results, spec, labels)]
    repeats = repeats_section(results, spec, labels)
    if repeats is not None:
        sections.append(repeats)
    campaign = campaign_section(results, spec, labels)
    if campaign is not None:
        sections.append(campaign)
    sections.append(methodology(snapshot, results, spec, labels, sections))
    sections.append(appendix_section(results, spec, labels, sections))
    sections.append(dictionary_section(snapshot, labels))
    watermark = _("Synthetic demonstration data") if snapshot.demo else ""
    return Document(title=title, language=spec.language, sections=tuple(sections),
                    subtitle=snapshot.form.settings.title.get(spec.language) or "",
                    watermark=watermark)


def _days(days: tuple[date | None, date | None]) -> str:
    start, end = days
    return f"{start} – {end}" if start else "–"


def cover_section(snapshot: Snapshot, results: Results, spec: ReportSpec, labels: Labels,
                  title: str, generated: datetime, version: str) -> Section:
    _, lang = labels._, spec.language
    form = snapshot.form
    analysed = snapshot.counts["analysed"]
    if snapshot.wave:
        what = _("{wave}: {n} respondents who agreed to the interview, interviewed {days}",
                 wave=labels.wave(snapshot.wave), n=fmt.number(analysed, lang),
                 days=_days(snapshot.analysed_fieldwork))
    elif snapshot.waves:
        what = _("All waves pooled: {n} respondents who agreed to the interview",
                 n=fmt.number(analysed, lang))
    else:
        what = _("{n} respondents who agreed to the interview",
                 n=fmt.number(analysed, lang))
    items: list[tuple[str, str | int]] = []
    if snapshot.demo:
        items.append((_("Data"), _("Synthetic demonstration data made by 'kelisim demo': not "
                                   "the results of a survey")))
    items += [(_("Questionnaire"), f"{form.form_id}, {_('version')} {form.version}"),
              (_("Interviews analysed"), what)]
    for wave, start, end, n in snapshot.wave_fieldwork:
        items.append((_("Fieldwork: {wave}", wave=labels.wave_short(wave)),
                      _("{days} ({n} respondents)", days=_days((start, end)),
                        n=fmt.number(n, lang))))
    if results.campaign_weighting is not None:
        items.append((_("Campaign evaluation"), _("compares the interviews of every wave")))
    items += [(_("Complete interviews"), int(snapshot.counts["complete"])),
              (_("Data SHA-256"), snapshot.data_sha256),
              (_("Weighting"), labels.weighting(results.weighting.scheme)),
              (_("Generated"), generated.strftime("%Y-%m-%d %H:%M UTC")),
              (_("Kelisim version"), version)]
    return Section("cover", _("Cover"), _("Cover"), (Heading(title, 0), KeyValues(tuple(items))))


def headline_rows(results: Results, spec: ReportSpec, labels: Labels
                  ) -> tuple[list[tuple[object, ...]], tuple[str, ...]]:
    """Indicator, estimate, CI, margin of error (half the CI width), n, mark; and statuses."""
    rows: list[tuple[object, ...]] = []
    status: list[str] = []
    for res in results.indicators:
        est = res.estimate()
        if est is None:
            continue
        low, high = float(est["ci_low"]), float(est["ci_high"])
        rows.append((labels.indicator(res.indicator.key), float(est["estimate"]), low, high,
                     (high - low) / 2, int(est["n"]), ""))
        status += statuses(res.national_reliability, spec.reliability, 1)
    return rows, tuple(status)


def key_findings_section(results: Results, spec: ReportSpec, labels: Labels) -> Section:
    _ = labels._
    est_cols = estimate_columns(_)
    columns = (Column("indicator", _("Indicator")), *est_cols[:3],
               Column("moe", _("Margin of error (±)"), "points"), est_cols[3],
               mark_column(labels))
    rows, status = headline_rows(results, spec, labels)
    table = marked_table("headline", _("Headline indicators"), columns, rows, status, labels,
                         group="headline", notes=(_(
                             "The margin of error is half the width of the confidence interval "
                             "printed beside it; logit intervals are not symmetric, so the "
                             "interval itself is the exact statement."),))
    shown = [r for r, st in zip(rows, status, strict=True) if st != "suppressed"]
    series = Series(_("Estimate"), tuple(str(r[0]) for r in shown),
                    tuple(float(r[1]) for r in shown), tuple(float(r[2]) for r in shown),  # type: ignore[arg-type]
                    tuple(float(r[3]) for r in shown))  # type: ignore[arg-type]
    chart = Chart("headline.chart", "headline", _("Headline indicators"), (series,),
                  axis_label=_("Share of respondents"), source_table="headline")
    sentences = findings(results.indicators, language=spec.language,
                         alpha=1 - spec.confidence, indicator_label=labels.indicator,
                         region_label=labels.region, wave_label=labels.wave_short,
                         randomised=spec.campaign_design == "randomised")
    level = fmt.percent(spec.confidence, spec.language, 0)
    blocks: list[object] = [Paragraph(_("Estimates with {level} confidence intervals.",
                                        level=level), "note"), table, chart]
    headings = {"extremes": _("Highest and lowest regions"),
                "regions": _("Regions that differ from the rest of the country"),
                "change": _("Change since the previous wave"),
                "campaign": (_("Effect of the campaign") if spec.campaign_design == "randomised"
                             else _("Exposed and not exposed respondents"))}
    for kind in headings:
        chosen = [Paragraph(text, "finding") for k, text in sentences if k == kind]
        if chosen:
            blocks += [Heading(headings[kind]), *chosen]
    text = MethodText(labels.language, labels.dimension)
    blocks += [Paragraph(text.render(p), "note") for res in results.indicators
               for p in res.problems]
    return Section("findings", _("Key findings"), _("Key findings"), tuple(blocks))  # type: ignore[arg-type]


def regions_section(results: Results, spec: ReportSpec, labels: Labels) -> Section:
    _ = labels._
    blocks: list[object] = [Paragraph(_(
        "Each region is compared with the rest of the country (design-based t test); p-values "
        "are adjusted across the regions ({method}). Bars show {level} confidence intervals.",
        method=MethodText(labels.language).render(
            (PAdjust.HOLM if spec.adjustment == "holm" else PAdjust.BH).message()),
        level=fmt.percent(spec.confidence, spec.language, 0)), "note")]
    for res in results.indicators:
        if res.regions is not None:
            blocks += region_blocks(res, spec, labels)
    return Section("regions", _("Regional comparison"), _("Regions"), tuple(blocks))  # type: ignore[arg-type]


def region_blocks(res: IndicatorResult, spec: ReportSpec, labels: Labels) -> list[object]:
    _ = labels._
    key, name = res.indicator.key, labels.indicator(res.indicator.key)
    table: pd.DataFrame = res.regions.table  # type: ignore[union-attr]
    alpha = 1 - spec.confidence
    columns = (Column("rank", _("Rank"), "integer"), Column("region", _("Region")),
               *estimate_columns(_), Column("difference", _("Difference from rest"), "points"),
               Column("p_value", _("p"), "pvalue"),
               Column("p_adjusted", _("Adjusted p"), "pvalue"), mark_column(labels))
    rows = [(int(r.rank), labels.region(str(r.region)), float(r.estimate), float(r.ci_low),
             float(r.ci_high), int(r.n), float(r.difference), float(r.p_value),
             float(r.p_adjusted), "") for r in table.itertuples()]
    status = statuses(res.region_reliability, spec.reliability, len(rows))
    # suppressed regions go last, by name, so their place gives no ranking away
    order = sorted(range(len(rows)), key=lambda i: (status[i] == "suppressed",
                                                   rows[i][0] if status[i] != "suppressed"
                                                   else 0, str(rows[i][1])))
    rows, status = [rows[i] for i in order], tuple(status[i] for i in order)
    est = res.estimate()
    national = float(est["estimate"]) if est is not None else None
    context = ((Column("indicator", _("Indicator")), name),)
    ranked = region_series(res, labels, alpha, reliable_only=True)
    shown = region_series(res, labels, alpha, reliable_only=False)
    blocks: list[object] = [
        Heading(name, 2, f"regions.{key}"),
        marked_table(f"regions.{key}", name, columns, rows, status, labels, group="regions",
                     context=context)]
    if ranked.labels:
        blocks.append(Chart(f"regions.{key}.ranked", "ranked", name, (ranked,), national,
                            _("Kazakhstan"), _("Share of respondents"), f"regions.{key}",
                            legend=ranked_legend(labels)))
    suppressed = {k for k, st in zip(shown.keys, status, strict=True) if st == "suppressed"}
    legend = [("", _("Thick outline: differs significantly from the rest of the country."))]
    if suppressed:
        legend.append(("", _("*: not shown, fails the reliability standard.")))
    blocks.append(Chart(f"regions.{key}.map", "map", name, (without(shown, suppressed),),
                        national, _("Kazakhstan"), _("Share of respondents"), f"regions.{key}",
                        legend=tuple(legend)))
    return blocks
