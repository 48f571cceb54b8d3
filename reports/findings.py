"""Findings written from the numbers, in the report's language.

Every sentence quotes figures from analysis results (through :mod:`reports.compute`); the only
decisions made here are which results to mention: highest and lowest region among the regions
whose estimate meets the reliability standard, reliable regions that differ from the rest of
the country after the multiple-comparison adjustment, changes between waves and
difference-in-differences whose p-value is below ``1 - confidence``. Campaign exposure is
self-reported unless the spec declares a randomised design, so a difference-in-differences is
worded as a difference between exposed and not exposed respondents, not as an effect.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from reports import formatting as fmt
from reports.compute import IndicatorResult
from reports.reliability_marks import usable
from survey.i18n import translator

Label = Callable[[str], str]


#: Kinds of findings, in the order they are reported.
KINDS = ("extremes", "regions", "change", "campaign")


def findings(results: tuple[IndicatorResult, ...], *, language: str, alpha: float,
             indicator_label: Label, region_label: Label,
             wave_label: Label, randomised: bool = False) -> list[tuple[str, str]]:
    """(kind, sentence) pairs for the key-findings section, in a fixed order (see KINDS)."""
    _ = translator("reports", language)
    out: list[tuple[str, str]] = []
    for res in results:
        if res.regions is not None:
            out.append(("extremes", _extremes(res, language, indicator_label, region_label)))
    out += [("regions", s) for s in _significant(results, language, alpha, indicator_label,
                                                 region_label)]
    for res in results:
        if res.change is not None:
            out.append(("change", _change(res, language, alpha, indicator_label, wave_label)))
    for res in results:
        if res.did is not None and float(res.did.points["p_value"].iloc[0]) < alpha:
            row = res.did.points.iloc[0]
            fields = {"indicator": indicator_label(res.indicator.key),
                      "did": fmt.points(row["difference"], language),
                      "low": fmt.points(row["ci_low"], language),
                      "high": fmt.points(row["ci_high"], language)}
            if randomised:
                text = _("{indicator}: the campaign changed the share by {did} (difference-in-"
                         "differences between the randomly assigned groups, CI {low} to "
                         "{high}).", **fields)
            else:
                text = _("{indicator}: between the waves the share changed by {did} more among "
                         "respondents who say they saw the campaign than among those who say "
                         "they did not (difference-in-differences, CI {low} to {high}). "
                         "Exposure is self-reported, so this is a difference between groups, "
                         "not a measured effect of the campaign.", **fields)
            out.append(("campaign", text))
    return out


def reliable_regions(res: IndicatorResult) -> pd.DataFrame:
    """The rows of the regional table whose estimate meets the reliability standard."""
    table = res.regions.table  # type: ignore[union-attr]
    keep = [i for i in range(len(table)) if usable(res.region_reliability, i)]
    return table.iloc[keep]


def _extremes(res: IndicatorResult, language: str, indicator_label: Label,
              region_label: Label) -> str:
    _ = translator("reports", language)
    table = reliable_regions(res)
    total = len(res.regions.table)  # type: ignore[union-attr]
    if len(table) < 2:
        return _("{indicator}: too few interviews for a reliable estimate in most regions "
                 "({count} of {total} meet the standard); no region is ranked.",
                 indicator=indicator_label(res.indicator.key),
                 count=fmt.number(len(table), language),
                 total=fmt.number(total, language))
    top, bottom = table.iloc[0], table.iloc[-1]
    return _("{indicator}: highest in {top} ({top_value}), lowest in {bottom} "
             "({bottom_value}), among the {count} of {total} regions with a reliable "
             "estimate.", count=fmt.number(len(table), language),
             total=fmt.number(total, language), indicator=indicator_label(res.indicator.key),
             top=region_label(str(top["region"])), top_value=fmt.percent(top["estimate"], language),
             bottom=region_label(str(bottom["region"])),
             bottom_value=fmt.percent(bottom["estimate"], language))


def _significant(results: tuple[IndicatorResult, ...], language: str, alpha: float,
                 indicator_label: Label, region_label: Label) -> list[str]:
    _ = translator("reports", language)
    out, none = [], []
    for res in results:
        if res.regions is None:
            continue
        table = reliable_regions(res)
        hits = table[table["p_adjusted"] < alpha]
        if hits.empty:
            none.append(indicator_label(res.indicator.key))
            continue
        above = [f"{region_label(str(r.region))} ({fmt.points(r.difference, language)})"
                 for r in hits.itertuples() if r.difference > 0]
        below = [f"{region_label(str(r.region))} ({fmt.points(r.difference, language)})"
                 for r in hits.itertuples() if r.difference < 0]
        parts = []
        if above:
            parts.append(_("above the rest of the country: {regions}", regions=", ".join(above)))
        if below:
            parts.append(_("below the rest of the country: {regions}", regions=", ".join(below)))
        out.append(_("{indicator}, significant after adjustment: {parts}.",
                     indicator=indicator_label(res.indicator.key), parts="; ".join(parts)))
    if none:
        out.append(_("No region differs significantly from the rest of the country after "
                     "adjustment for: {indicators}.", indicators="; ".join(none)))
    return out


def _change(res: IndicatorResult, language: str, alpha: float, indicator_label: Label,
            wave_label: Label) -> str:
    _ = translator("reports", language)
    row = res.change.table.iloc[0]  # type: ignore[union-attr]
    fields = {"indicator": indicator_label(res.indicator.key),
              "before": fmt.percent(row["baseline_estimate"], language),
              "after": fmt.percent(row["followup_estimate"], language),
              "first": wave_label("baseline"), "second": wave_label("followup"),
              "change": fmt.points(row["difference"], language),
              "p": fmt.p_text(row["p_value"], language)}
    if float(row["p_value"]) >= alpha:
        return _("{indicator}: no significant change from {first} to {second} ({before} and "
                 "{after}, {p}).", **fields)
    if float(row["difference"]) > 0:
        return _("{indicator} rose from {before} ({first}) to {after} ({second}), {change} "
                 "({p}).", **fields)
    return _("{indicator} fell from {before} ({first}) to {after} ({second}), {change} "
             "({p}).", **fields)
