"""Likert items: distribution over the scale points, mean with CI, top-2-box with CI.

* distribution: the proportion answering each scale point among those who answered
  (``svymean(~factor(item), na.rm=TRUE)``), logit CIs by default;
* mean: the weighted mean score (``svymean(~item, na.rm=TRUE)``), Wald CI (normal quantile);
* top box: the proportion answering one of the ``top`` highest points
  (``svyciprop(~I(item >= 4), subset(design, !is.na(item)))`` for 1-5 and top 2), logit CI by
  default. Category label ``"top2"`` (``"top3"``, ...).

``points`` are the scale's values (default: the observed values, sorted); an answer outside
them is an error, so a stray code (e.g. 9 = "don't know") is recoded or set missing first.
All three accept ``by=`` for per-group results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis import variables
from analysis.design import Design
from analysis.errors import VariableError
from analysis.estimates import By, estimate
from analysis.results import EstimateTable, Method
from analysis.variables import Values


@dataclass(frozen=True)
class LikertResult:
    """The three summaries of one Likert item; each table carries its own method."""

    variable: str
    points: tuple[float, ...]
    distribution: EstimateTable
    mean: EstimateTable
    top_box: EstimateTable

    @property
    def notes(self) -> tuple[str, ...]:
        """The three tables' notes (rows and groups left out, empty cells), each once."""
        tables = (self.distribution, self.mean, self.top_box)
        return tuple(dict.fromkeys(note for table in tables for note in table.notes))

    @property
    def method(self) -> Method:
        """The three summaries' method in one: design, variance and both CI methods."""
        first = self.distribution.method
        ci = (f"distribution and top box: {first.ci}; mean: {self.mean.method.ci}"
              if first.ci != self.mean.method.ci else first.ci)
        return Method(design=first.design, variance=first.variance, ci=ci,
                      confidence=first.confidence)


def likert(design: Design, variable: str, *, points: Sequence[float] | None = None,
           top: int = 2, by: By = None, ci: str = "logit",
           confidence: float = 0.95) -> LikertResult:
    """Distribution, mean and top-``top``-box of a Likert item (see the module docstring)."""
    scores = variables.numeric(design, variable).matrix[:, 0]
    observed = np.unique(scores[~np.isnan(scores)])
    scale = tuple(float(p) for p in (observed if points is None else points))
    stray = sorted(set(observed.tolist()) - set(scale))
    if stray:
        raise VariableError(f"variable '{variable}' has answer {stray[0]:g} outside the scale "
                            f"points {', '.join(f'{p:g}' for p in scale)}; recode it or set it "
                            "missing", code="analysis.likert.off_scale")
    if not 1 <= top < len(scale):
        raise VariableError(f"top box of {top} points does not fit a {len(scale)}-point scale",
                            code="analysis.likert.bad_top")
    missing = np.isnan(scores)
    dist = np.column_stack([(scores == p).astype(float) for p in scale])
    dist[missing] = np.nan
    cats = tuple(int(p) if p.is_integer() else p for p in scale)
    distribution = estimate(design, Values.of((variable,) * len(scale), cats, dist), by=by,
                            statistic="mean", kind="likert_distribution", ci=ci,
                            confidence=confidence)
    mean = estimate(design, Values.of((variable,), (None,), scores[:, None]), by=by,
                    statistic="mean", kind="likert_mean", ci="wald", confidence=confidence)
    high = np.where(missing, np.nan, np.isin(scores, sorted(scale)[-top:]).astype(float))
    top_box = estimate(design, Values.of((variable,), (f"top{top}",), high[:, None]), by=by,
                       statistic="mean", kind="likert_top_box", ci=ci, confidence=confidence)
    return LikertResult(variable=variable, points=scale, distribution=distribution, mean=mean,
                        top_box=top_box)
