"""The campaign-evaluation section: baseline vs follow-up, and difference-in-differences.

When the waves were recorded on different questionnaire versions, the section says so, lists
every indicator with what changed and whether it is compared (with the note of the version
changes), and compares only those asked the same way; the difference-in-differences is left out
when the exposure question itself changed.
"""

from __future__ import annotations

from reports.compute import Results
from reports.content_versions import version_blocks
from reports.document import Block, Chart, Column, Paragraph, Section, Series, Table
from reports.labels import Labels
from reports.spec import ReportSpec


def campaign_section(results: Results, spec: ReportSpec, labels: Labels) -> Section | None:
    """``None`` when the data has no two waves with campaign exposure."""
    changes = [r for r in results.indicators if r.change is not None]
    dids = [r for r in results.indicators if r.did is not None]
    versions = version_blocks(results, labels)
    if not changes and not dids and not versions:
        return None
    _ = labels._
    scheme = results.campaign_weighting.scheme if results.campaign_weighting else "none"
    weighting = {
        "none": _("The waves are not weighted."),
        "design": _("Each wave is weighted to the adult population of the regions on its own "
                    "(design weights computed within the wave)."),
        "raked": _("Each wave is raked on its own to the adult population margins (region, "
                   "settlement type, sex, age group), so each wave meets every margin and a "
                   "change between waves is not a change in who was interviewed."),
    }[scheme]
    if spec.campaign_design == "randomised":
        exposure = _("Exposure to the campaign was assigned at random, so the difference-in-"
                     "differences can be read as an effect of the campaign.")
    else:
        exposure = _("Exposure to the campaign is self-reported: respondents who say they saw "
                     "it may differ in other ways from those who say they did not, so the "
                     "difference-in-differences describes a difference between these groups, "
                     "not a measured effect of the campaign.")
    blocks: list[Block] = [Paragraph(weighting + " " + _(
        "The change from {first} to {second} is tested with a design-based t test. The "
        "difference-in-differences compares the change among exposed respondents with the "
        "change among respondents not exposed, in percentage points (linearized, t quantile) "
        "and as the wave × exposure interaction of a design-based logistic regression.",
        first=labels.wave("baseline"), second=labels.wave("followup")) + " " + exposure,
        "note")]
    blocks += versions
    blocks += _change_blocks(changes, labels)
    blocks += _did_blocks(dids, labels)
    return Section("campaign", _("Campaign evaluation"), _("Campaign"), tuple(blocks))


def _points_columns(labels: Labels) -> tuple[Column, ...]:
    _ = labels._
    return (Column("ci_low", _("CI low"), "points"), Column("ci_high", _("CI high"), "points"),
            Column("p_value", _("p"), "pvalue"))


def _change_blocks(results: list, labels: Labels) -> list[Block]:  # type: ignore[type-arg]
    if not results:
        return []
    _ = labels._
    columns = (Column("indicator", _("Indicator")),
               Column("baseline", labels.wave_short("baseline"), "percent"),
               Column("followup", labels.wave_short("followup"), "percent"),
               Column("difference", _("Change"), "points"), *_points_columns(labels),
               Column("baseline_n", _("n ({wave})", wave=labels.wave_short("baseline")),
                      "integer"),
               Column("followup_n", _("n ({wave})", wave=labels.wave_short("followup")),
                      "integer"))
    rows = []
    for res in results:
        r = res.change.table.iloc[0]
        rows.append((labels.indicator(res.indicator.key), float(r["baseline_estimate"]),
                     float(r["followup_estimate"]), float(r["difference"]), float(r["ci_low"]),
                     float(r["ci_high"]), float(r["p_value"]), int(r["baseline_n"]),
                     int(r["followup_n"])))
    title = _("Change from {first} to {second}", first=labels.wave("baseline"),
              second=labels.wave("followup"))
    chart = Chart("campaign.change.chart", "did", title,
                  (Series(_("Change"), tuple(r[0] for r in rows), tuple(r[3] for r in rows),
                          tuple(r[4] for r in rows), tuple(r[5] for r in rows)),),
                  axis_label=_("Percentage points"), source_table="campaign.change")
    return [Table("campaign.change", title, columns, tuple(rows), "change"), chart]


def _did_blocks(results: list, labels: Labels) -> list[Block]:  # type: ignore[type-arg]
    if not results:
        return []
    _ = labels._
    first, second = labels.wave_short("baseline"), labels.wave_short("followup")
    cell_columns = (Column("indicator", _("Indicator")),
                    Column("unexposed_first", _("Not exposed, {wave}", wave=first), "percent"),
                    Column("unexposed_second", _("Not exposed, {wave}", wave=second), "percent"),
                    Column("exposed_first", _("Exposed, {wave}", wave=first), "percent"),
                    Column("exposed_second", _("Exposed, {wave}", wave=second), "percent"))
    columns = (Column("indicator", _("Indicator")),
               Column("did", _("Difference-in-differences"), "points"),
               *_points_columns(labels),
               Column("odds_ratio", _("Interaction odds ratio"), "number"),
               Column("or_p", _("p (logistic)"), "pvalue"))
    cells_rows, rows = [], []
    for res in results:
        did = res.did
        cells = did.cells.set_index(["exposed", "wave"])["estimate"]
        point = did.points.iloc[0]
        inter = did.coefficients.set_index("term").loc["wave:exposed"]
        name = labels.indicator(res.indicator.key)
        cells_rows.append((name, float(cells[("no", "baseline")]),
                           float(cells[("no", "followup")]), float(cells[("yes", "baseline")]),
                           float(cells[("yes", "followup")])))
        rows.append((name, float(point["difference"]), float(point["ci_low"]),
                     float(point["ci_high"]), float(point["p_value"]),
                     float(inter["odds_ratio"]), float(inter["p_value"])))
    title = _("Difference-in-differences: exposed vs not exposed to the campaign")
    chart = Chart("campaign.did.chart", "did", title,
                  (Series(_("Difference-in-differences"), tuple(r[0] for r in rows),
                          tuple(r[1] for r in rows), tuple(r[2] for r in rows),
                          tuple(r[3] for r in rows)),),
                  axis_label=_("Percentage points"), source_table="campaign.did")
    return [Table("campaign.cells", _("Share by exposure to the campaign and wave"),
                  cell_columns, tuple(cells_rows), "cells"),
            Table("campaign.did", title, columns, tuple(rows), "did"), chart]
