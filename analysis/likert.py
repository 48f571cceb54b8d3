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
from analysis.codes import ScaleCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.estimates import By, estimate
from analysis.methods import Interval, Method, Scope
from analysis.phrases import unique
from analysis.results import EstimateTable
from analysis.variables import Values
from survey.messages import Message


@dataclass(frozen=True)
class LikertResult:
    """The three summaries of one Likert item; each table carries its own method."""

    variable: str
    points: tuple[float, ...]
    distribution: EstimateTable
    mean: EstimateTable
    top_box: EstimateTable

    @property
    def notes(self) -> tuple[Message, ...]:
        """The three tables' notes (rows and groups left out, empty cells), each once."""
        tables = (self.distribution, self.mean, self.top_box)
        return unique(note for table in tables for note in table.notes)

    @property
    def method(self) -> Method:
        """The three summaries' method in one: design, variance and both CI methods."""
        first = self.distribution.method
        ci = first.ci
        if first.ci != self.mean.method.ci:
            ci = (*(Interval(i.method, Scope.DISTRIBUTION) for i in first.ci),
                  *(Interval(i.method, Scope.MEAN_SCORE) for i in self.mean.method.ci))
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
        raise VariableError(ScaleCode.OFF_SCALE, column=variable, value=f"{stray[0]:g}",
                            points=tuple(f"{p:g}" for p in scale))
    if not 1 <= top < len(scale):
        raise VariableError(ScaleCode.BAD_TOP, top=top, points=len(scale))
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
