"""Lay the analysis results out as one neutral document (see :mod:`reports.document`).

Sections: cover, key findings, regional comparison, one section per question, campaign
evaluation (when the data has waves), methodology, data dictionary. Every number placed in a
table or chart is copied from an analysis result object; nothing is computed here.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from analysis.methods import PAdjust
from reports import formatting as fmt
from reports.compute import IndicatorResult, Results
from reports.content_campaign import campaign_section
from reports.content_method import dictionary_section, methodology_section
from reports.content_questions import SMALL_N, estimate_columns, questions_section
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
    Table,
)
from reports.findings import findings
from reports.labels import Labels
from reports.method_text import MethodText
from reports.spec import ReportSpec


def build_document(snapshot: Snapshot, results: Results, spec: ReportSpec, *,
                   generated: datetime, version: str) -> Document:
    """The whole report as a document model."""
    labels = Labels(snapshot, spec.language)
    _ = labels._
    title = spec.title or _("Public awareness of mediation in Kazakhstan")
    sections = [cover_section(snapshot, results, spec, labels, title, generated, version),
                key_findings_section(results, spec, labels),
                regions_section(results, spec, labels),
                questions_section(results, spec, labels)]
    campaign = campaign_section(results, spec, labels)
    if campaign is not None:
        sections.append(campaign)
    sections.append(methodology_section(snapshot, results, spec, labels, sections))
    sections.append(dictionary_section(snapshot, labels))
    return Document(title=title, language=spec.language, sections=tuple(sections),
                    subtitle=snapshot.form.settings.title.get(spec.language) or "")


def cover_section(snapshot: Snapshot, results: Results, spec: ReportSpec, labels: Labels,
                  title: str, generated: datetime, version: str) -> Section:
    _, lang = labels._, spec.language
    form = snapshot.form
    start, end = snapshot.fieldwork
    wave = labels.wave(snapshot.wave) if snapshot.wave else _("all waves")
    items = (
        (_("Questionnaire"), f"{form.form_id}, {_('version')} {form.version}"),
        (_("Complete interviews"), fmt.number(snapshot.counts["complete"], lang)),
        (_("Respondents analysed"), fmt.number(snapshot.counts["analysed"], lang)),
        (_("Wave"), wave),
        (_("Fieldwork dates"), f"{start} – {end}" if start else "–"),
        (_("Data SHA-256"), snapshot.data_sha256),
        (_("Weighting"), labels.weighting(results.weighting.scheme)),
        (_("Generated"), generated.strftime("%Y-%m-%d %H:%M UTC")),
        (_("Kelisim version"), version),
    )
    return Section("cover", _("Cover"), _("Cover"), (Heading(title, 0), KeyValues(items)))


def key_findings_section(results: Results, spec: ReportSpec, labels: Labels) -> Section:
    _ = labels._
    columns = (Column("indicator", _("Indicator")), *estimate_columns(_),
               Column("few", _("n < 30"), "flag"))
    rows: list[tuple[str, float, float, float, int, bool]] = []
    for res in results.indicators:
        est = res.estimate()
        if est is not None:
            rows.append((labels.indicator(res.indicator.key), float(est["estimate"]),
                         float(est["ci_low"]), float(est["ci_high"]), int(est["n"]),
                         int(est["n"]) < SMALL_N))
    table = Table("headline", _("Headline indicators"), columns, tuple(rows), group="headline",
                  small=tuple(r[-1] for r in rows))
    series = Series(_("Estimate"), tuple(r[0] for r in rows), tuple(r[1] for r in rows),
                    tuple(r[2] for r in rows), tuple(r[3] for r in rows))
    chart = Chart("headline.chart", "headline", _("Headline indicators"), (series,),
                  axis_label=_("Share of respondents"), source_table="headline")
    sentences = findings(results.indicators, language=spec.language,
                         alpha=1 - spec.confidence, indicator_label=labels.indicator,
                         region_label=labels.region, wave_label=labels.wave_short)
    blocks: list[object] = [Paragraph(_("Estimates with {level} confidence intervals.",
                                        level=f"{spec.confidence:.0%}"), "note"), table, chart]
    headings = {"extremes": _("Highest and lowest regions"),
                "regions": _("Regions that differ from the rest of the country"),
                "change": _("Change since the previous wave"),
                "campaign": _("Effect of the campaign")}
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
        level=f"{spec.confidence:.0%}"), "note")]
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
               Column("p_adjusted", _("Adjusted p"), "pvalue"),
               Column("few", _("n < 30"), "flag"))
    rows = tuple((int(r.rank), labels.region(str(r.region)), float(r.estimate), float(r.ci_low),
                  float(r.ci_high), int(r.n), float(r.difference), float(r.p_value),
                  float(r.p_adjusted), int(r.n) < SMALL_N) for r in table.itertuples())
    marks = tuple(0 if r.p_adjusted >= alpha else (1 if r.difference > 0 else -1)
                  for r in table.itertuples())
    series = Series(name, tuple(row[1] for row in rows), tuple(row[2] for row in rows),
                    tuple(row[3] for row in rows), tuple(row[4] for row in rows),
                    keys=tuple(str(r) for r in table["region"]), marks=marks)
    est = res.estimate()
    national = float(est["estimate"]) if est is not None else None
    context = ((Column("indicator", _("Indicator")), name),)
    return [Heading(name, 2, f"regions.{key}"),
            Table(f"regions.{key}", name, columns, rows, "regions", context,
                  small=tuple(r[-1] for r in rows)),
            Chart(f"regions.{key}.ranked", "ranked", name, (series,), national,
                  _("Kazakhstan"), _("Share of respondents"), f"regions.{key}"),
            Chart(f"regions.{key}.map", "map", name, (series,), national, _("Kazakhstan"),
                  "", f"regions.{key}")]
