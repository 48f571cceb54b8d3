"""Series of the regional charts: regions ranked (reliable estimates only) and the tile map."""

from __future__ import annotations

import pandas as pd

from reports.compute import IndicatorResult
from reports.document import Series
from reports.labels import Labels
from reports.reliability_marks import usable

#: Bar colours of the ranked regional chart (see reports.charts), with what each means.
RANKED_COLOURS = ("#1b7f79", "#c8553d", "#8c9aa8")


def ranked_legend(labels: Labels) -> tuple[tuple[str, str], ...]:
    _ = labels._
    return tuple(zip(RANKED_COLOURS, (_("above the rest of the country"),
                                      _("below the rest of the country"),
                                      _("no significant difference")), strict=True))


def region_series(res: IndicatorResult, labels: Labels, alpha: float, *,
                  reliable_only: bool) -> Series:
    """The regions of ``res`` for a chart (only those passing the standard when asked), marked
    +1/-1 where they differ significantly from the rest after adjustment."""
    table: pd.DataFrame = res.regions.table  # type: ignore[union-attr]
    keep = [i for i in range(len(table))
            if not reliable_only or usable(res.region_reliability, i)]
    rows = table.iloc[keep]
    marks = tuple(0 if r.p_adjusted >= alpha else (1 if r.difference > 0 else -1)
                  for r in rows.itertuples())
    return Series(labels.indicator(res.indicator.key),
                  tuple(labels.region(str(r)) for r in rows["region"]),
                  tuple(float(v) for v in rows["estimate"]),
                  tuple(float(v) for v in rows["ci_low"]),
                  tuple(float(v) for v in rows["ci_high"]),
                  keys=tuple(str(r) for r in rows["region"]), marks=marks)


def without(series: Series, keys: set[str]) -> Series:
    """``series`` with ``keys`` hidden: the map shows their estimates as "*"."""
    return Series(series.name, series.labels, series.estimates, series.ci_low, series.ci_high,
                  series.keys, series.marks, tuple(k for k in series.keys if k in keys))
