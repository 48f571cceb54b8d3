"""Assemble estimate tables (see :mod:`analysis.results` for the columns) from domain stats.

Design effect, as R's ``svymean(..., deff=TRUE)`` / ``svytotal(..., deff=TRUE)``: the design
variance over the variance under simple random sampling without replacement of ``n`` from a
population of ``N = sum of weights`` in the domain,

    mean:  Vsrs = s2 * (N - n) / (N * n)
    total: Vsrs = s2 * N^2 * (N - n) / (N * n)

with ``s2 = n / (n - 1) * sum w (y - ybar)^2 / sum w`` (R's ``svyvar``). When the weights of
the domain sum to ``n`` or less (unweighted data, weights scaled to the sample size) R gives
``Inf`` or ``NA``; here the with-replacement form is used instead (R's ``deff="replace"``:
``Vsrs = s2 / n``, times ``N^2`` for a total). ``deff`` and ``n_effective`` are NaN only when
the estimate has no variance under simple random sampling (a category chosen by none or all
of the domain, or a domain of one respondent), as in R; ``n_effective`` is infinite when the
design variance is 0. Kish's design effect is ``n * sum w^2 / (sum w)^2`` over the domain.
Every such cell is named in the table's ``notes`` (see :func:`analysis.results.gap_notes`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.ciprop import normal_quantile, proportion_ci, wald_ci
from analysis.codes import VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.linearize import DomainStats, Statistic
from analysis.methods import Interval, Method
from analysis.notes import row_left_out
from analysis.results import ESTIMATE_COLUMNS, EstimateTable
from analysis.variables import Values
from survey.messages import Message


def design_effect(stats: DomainStats, statistic: Statistic) -> np.ndarray:
    """R's deff (see the module docstring) for every (group, column)."""
    n = stats.n.astype(float)
    big_n = stats.n_weighted
    with np.errstate(invalid="ignore", divide="ignore"):
        srs = np.where(big_n > n, stats.s2 * (big_n - n) / (big_n * n), stats.s2 / n)
        if statistic == "total":
            srs = srs * big_n * big_n
        return stats.variance / srs


def build(design: Design, values: Values, stats: DomainStats, *, statistic: Statistic,
          kind: str, ci: str | Sequence[str], intervals: tuple[Interval, ...], confidence: float,
          labels: pd.DataFrame | None = None, notes: tuple[Message, ...] = ()) -> EstimateTable:
    """One tidy table: a row per (group, column) with an answer; empty domains become notes.

    ``ci`` is one method (``wald``, ``logit``, ``beta``) or one per column of ``values``;
    ``notes`` (e.g. group levels without respondents) come first in the table's notes. Notes
    for empty cells are added by :class:`EstimateTable` itself.
    """
    se = np.sqrt(np.clip(stats.variance, 0.0, None))
    low, high = _intervals(design, stats, se, ci, confidence)
    deff = design_effect(stats, statistic)
    with np.errstate(invalid="ignore", divide="ignore"):
        kish = stats.n * stats.sum_w2 / (stats.n_weighted * stats.n_weighted)
        n_eff = stats.n / deff
    n_groups, p = stats.estimate.shape
    frame = pd.DataFrame({
        "variable": np.tile(np.array(values.variables, dtype=object), n_groups),
        "category": np.tile(np.array(values.categories, dtype=object), n_groups),
        "estimate": stats.estimate.ravel(), "se": se.ravel(), "ci_low": low.ravel(),
        "ci_high": high.ravel(), "n": stats.n.ravel(), "n_weighted": stats.n_weighted.ravel(),
        "deff": deff.ravel(), "deff_kish": kish.ravel(), "n_effective": n_eff.ravel(),
        "moe": normal_quantile(confidence) * se.ravel(), "df": stats.df.ravel(),
    }, columns=list(ESTIMATE_COLUMNS))
    groups: tuple[str, ...] = ()
    if labels is not None:
        groups = tuple(labels.columns)
        lead = labels.loc[labels.index.repeat(p)].reset_index(drop=True)
        frame = pd.concat([lead, frame], axis=1)
    frame["category"] = frame["category"].astype(object).where(frame["category"].notna(), None)
    empty = frame["n"].to_numpy() == 0
    notes += tuple(row_left_out([(g, row[g]) for g in groups], row["variable"], row["category"])
                   for _, row in frame[empty].iterrows())
    frame = frame[~empty].reset_index(drop=True)
    if frame.empty:
        raise VariableError(VariableCode.NO_ANSWERS, columns=tuple(sorted(set(values.variables))))
    method = Method(design=design.summary(), ci=intervals, confidence=confidence)
    return EstimateTable(table=frame, method=method, kind=kind, groups=groups, notes=notes)


def _intervals(design: Design, stats: DomainStats, se: np.ndarray, ci: str | Sequence[str],
               confidence: float) -> tuple[np.ndarray, np.ndarray]:
    p = stats.estimate.shape[1]
    methods = np.array([ci] * p if isinstance(ci, str) else list(ci), dtype=object)
    n_rows = stats.n if not design.is_calibrated else np.full_like(stats.n, design.n)
    low = np.full(stats.estimate.shape, np.nan)
    high = np.full(stats.estimate.shape, np.nan)
    for method in set(methods):
        cols = methods == method
        if method == "wald":
            lo, hi = wald_ci(stats.estimate[:, cols], se[:, cols], confidence)
        else:
            lo, hi = proportion_ci(method, stats.estimate[:, cols], se[:, cols],
                                   stats.df[:, cols], n_rows[:, cols], confidence)
        low[:, cols], high[:, cols] = lo, hi
    return low, high

