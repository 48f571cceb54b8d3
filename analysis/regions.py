"""Each region against the rest of the country.

For every region ``r`` the outcome (a mean of a number, or the proportion answering
``category``) is estimated in the domain ``region == r`` and in the rest of the country, both
from the same full design; the difference ``r - rest`` gets a linearized standard error from
the joint influence values, so the covariance of the two domains is accounted for (as
``svyby(~y, ~I(region == r), design, svymean, covmat=TRUE)`` then ``svycontrast``). The test
and CI of the difference are those of R's ``svyttest(y ~ I(region == r), design)``: t with
``df = degf - 1`` (degf over the rows used: PSUs minus strata), CI with the t quantile.
p-values are adjusted across regions by Holm (default) or Benjamini-Hochberg (as
``p.adjust``, through statsmodels' ``multipletests``). A region's proportion carries a logit CI
with the design degrees of freedom of its own domain (``svyby(~I(y == category), ~region,
design, svyciprop)``), so it stays inside [0, 1]; a region's mean of a number a Wald (normal) CI
as ``confint(svyby(...))``. ``domain_df`` holds each region's degrees of freedom. Regions are
ranked by estimate, highest first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis import variables
from analysis.ciprop import logit_ci
from analysis.codes import CategoryProblem, DesignCode, VariableCode
from analysis.design import Design
from analysis.errors import DesignError, VariableError
from analysis.methods import (
    HypothesisTest,
    Interval,
    IntervalMethod,
    Method,
    PAdjust,
    RegionAdjustment,
    Scope,
)
from analysis.notes import Gap, GapReason, Note, Row, gap_notes, where
from survey.messages import Message

#: Adjustments of p-values: statsmodels' name of each and what the method records.
ADJUSTMENTS: dict[str, tuple[str, PAdjust]] = {"holm": ("holm", PAdjust.HOLM),
                                               "bh": ("fdr_bh", PAdjust.BH)}
#: Why cells of the regional table are empty, in order of precedence.
REGION_GAPS = (
    Gap("se", ("se", "ci_low", "ci_high"), GapReason.NO_OWN_SE.message()),
    Gap("rest_se", ("rest_se",), GapReason.NO_SE_IN.message(group=Row.REST.message())),
    Gap("t", ("t", "p_value", "p_adjusted"), GapReason.NO_TEST.message()),
)
#: Confidence intervals of the regional table: regions (logit for a proportion, Wald for a
#: mean) and differences (t).
PROPORTION_INTERVALS = (Interval(IntervalMethod.LOGIT),
                        Interval(IntervalMethod.T, Scope.DIFFERENCE))
MEAN_INTERVALS = (Interval(IntervalMethod.WALD),
                  Interval(IntervalMethod.T, Scope.DIFFERENCE))


@dataclass(frozen=True)
class RegionComparison:
    """One row per region (ranked); see the module docstring for the statistics.

    ``notes`` names every region left out (a declared level with no respondents, a region
    without answers) and every row with an empty (NaN) or infinite cell, e.g. a region whose
    own SE (``se``, ``ci_low``, ``ci_high``) is undefined.
    """

    table: pd.DataFrame
    variable: str
    category: object | None
    method: Method
    notes: tuple[Message, ...] = ()


def outcome(design: Design, variable: str, category: object | None) -> np.ndarray:
    """The analysed values: 0/1 for ``category`` (NaN when unanswered) or the numbers."""
    values = variables.column(design, variable)
    if category is not None:
        text = values.astype(str)
        if not (text[values.notna()] == str(category)).any():
            raise variables.unknown_category(variable, category, CategoryProblem.NOT_ANSWERED)
        hit = (text == str(category)).astype(float)
        return np.where(values.notna(), hit, np.nan)
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() & values.notna()
    if bad.any():
        raise VariableError(VariableCode.NOT_NUMERIC, column=variable,
                            value=str(values[bad].iloc[0]))
    return numbers.to_numpy(dtype=float, na_value=np.nan)


def domain_means(design: Design, y: np.ndarray, domains: list[np.ndarray],
                 names: list[str] | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Means of ``y`` in each domain (rows with ``y`` known), their scores, n and weighted n.

    ``names`` label the domains in the error raised for one without answers.
    """
    ok = ~np.isnan(y)
    yy = np.where(ok, y, 0.0)
    k = len(domains)
    est, n, wn = np.zeros(k), np.zeros(k, dtype=np.int64), np.zeros(k)
    scores = np.zeros((design.n, k))
    for j, dom in enumerate(domains):
        mask = dom & ok
        if not mask.any():
            label = names[j] if names else str(j + 1)
            raise VariableError(VariableCode.EMPTY_GROUP, group=label)
        w = design.weights[mask]
        wn[j], n[j] = w.sum(), int(mask.sum())
        est[j] = (w * yy[mask]).sum() / wn[j]
        scores[mask, j] = w * (yy[mask] - est[j]) / wn[j]
    return est, scores, n, wn


def domain_se(design: Design, scores: np.ndarray, domains: list[np.ndarray]
              ) -> tuple[np.ndarray, list[int]]:
    """SE of each column of ``scores`` with that column's own domain for the lonely-PSU rules.

    This is the SE R's ``svyby`` prints for each group (a subset of its own). Under
    ``average`` a domain in single-PSU strata only has none (R: NaN): its SE is NaN and its
    index is returned for the caller's notes.
    """
    return domain_se_of_totals(design, design.influence_psu_totals(scores), domains)


def domain_se_of_totals(design: Design, totals: np.ndarray, domains: list[np.ndarray]
                        ) -> tuple[np.ndarray, list[int]]:
    """:func:`domain_se` from the influence values' PSU totals (one pass for all domains,
    raked: of the residuals; see :meth:`Design.influence_psu_totals`)."""
    se = np.full(len(domains), np.nan)
    undefined: list[int] = []
    for j, dom in enumerate(domains):
        try:
            variance = design.variance_of_psu_totals(totals[:, j:j + 1],
                                                     design.rules_domain(dom), diagonal=True)
            se[j] = np.sqrt(max(float(variance[0]), 0.0))
        except DesignError as err:
            if err.code != DesignCode.LONELY_PSU_AVERAGE.code:
                raise
            undefined.append(j)
    return se, undefined


def used_degf(design: Design, rows: np.ndarray) -> int:
    """R's ``degf`` of the design restricted to ``rows``: PSUs minus strata among them."""
    return design.domain_degrees_of_freedom(rows)


def residual_df(design: Design, rows: np.ndarray, parameters: int) -> int:
    """Residual df of a design-based t test (``degf - parameters + 1``); error when <= 0."""
    df = used_degf(design, rows) - parameters + 1
    if df <= 0:
        raise DesignError(DesignCode.NO_DEGREES_OF_FREEDOM, df=df, parameters=parameters - 1)
    return df


def require_variation(y: np.ndarray, rows: np.ndarray, variable: str,
                      groups: tuple[str, ...]) -> None:
    """Refuse an outcome that is the same for every respondent used (its tests are undefined).

    ``groups`` are the columns that, with ``variable``, decide which respondents are used.
    """
    values = y[rows]
    if values.size == 0:
        raise VariableError(VariableCode.ALL_MISSING, columns=(variable, *groups))
    if np.all(values == values[0]):
        raise VariableError(VariableCode.CONSTANT, column=variable)


def adjust_pvalues(p: np.ndarray, method: str = "holm") -> np.ndarray:
    """Holm or Benjamini-Hochberg adjusted p-values, as R's ``p.adjust``.

    statsmodels' ``multipletests`` does Benjamini-Hochberg; Holm is its arithmetic step for
    step (:func:`holm`) without the full garbage collection statsmodels runs on every Holm
    call (a tenth of a second and more in a report holding a large table). As in R, a missing
    p-value stays missing and is not counted among the tests.
    """
    if method not in ADJUSTMENTS:
        raise VariableError(VariableCode.BAD_ADJUSTMENT, method=method)
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    known = ~np.isnan(p)
    if known.any():
        out[known] = holm(p[known]) if method == "holm" else \
            multipletests(p[known], method=ADJUSTMENTS[method][0])[1]
    return out


def holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment, computed as statsmodels' ``multipletests(p, method=
    "holm")`` computes it (same order of operations, so the same numbers)."""
    order = np.argsort(p)
    ranked = np.take(p, order) * np.arange(len(p), 0, -1)
    adjusted = np.maximum.accumulate(ranked)
    adjusted[adjusted > 1] = 1
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


def region_vs_rest(design: Design, variable: str, *, category: object | None = None,
                   region: str = "region", adjust: str = "holm",
                   confidence: float = 0.95) -> RegionComparison:
    """Compare every region with the rest of the country; rank regions by estimate."""
    if adjust not in ADJUSTMENTS:
        raise VariableError(VariableCode.BAD_ADJUSTMENT, method=adjust)
    y = outcome(design, variable, category)
    if region not in design.data.columns:
        raise VariableError(VariableCode.UNKNOWN_COLUMN, column=region)
    reg = design.data[region]
    used = ~np.isnan(y) & reg.notna().to_numpy()
    names = sorted(pd.unique(reg[used]), key=str)
    if len(names) < 2:
        raise VariableError(VariableCode.SINGLE_CATEGORY, column=region)
    require_variation(y, used, variable, (region,))
    df = residual_df(design, used, 2)
    codes = reg.to_numpy()
    doms = [d for name in names for d in (used & (codes == name), used & (codes != name))]
    est, scores, n, wn = domain_means(design, y, doms)
    # the PSU totals of every region's and every rest's influence values in one pass (raked:
    # one residual pass); the variance of a pair is design.variance(scores, used) of the pair
    totals = design.influence_psu_totals(scores)
    del scores
    rule = design.rules_domain(used)
    rows = [_one_region(design, _Pair(est[k:k + 2], n[k], wn[k], totals[:, k:k + 2],
                                      doms[k:k + 2]), rule, df, confidence,
                        proportion=category is not None) | {region: name}
            for name, k in zip(names, range(0, 2 * len(names), 2), strict=True)]
    table = pd.DataFrame(rows)
    table["p_adjusted"] = adjust_pvalues(table["p_value"].to_numpy(), adjust)
    table = table.sort_values("estimate", ascending=False, kind="stable").reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    front = [region, "rank", "estimate", "se", "ci_low", "ci_high", "n", "n_weighted"]
    table = table[front + [c for c in table.columns if c not in front]]
    intervals = PROPORTION_INTERVALS if category is not None else MEAN_INTERVALS
    method = Method(design=design.summary(), ci=intervals,
                    test=HypothesisTest.REGION_VS_REST,
                    adjustment=RegionAdjustment(ADJUSTMENTS[adjust][1], len(names)),
                    confidence=confidence)
    notes = variables.level_notes(design, [region], used, dropped=lambda column, level:
                                  Note.LEVEL_NO_ANSWERS.message(column=column, level=level,
                                                                variable=variable))
    notes += gap_notes(table, lambda i: Row.ITEM.message(
        where=where([(region, table[region].iloc[i])]), item=variable), REGION_GAPS)
    return RegionComparison(table, variable, category, method, notes)


@dataclass(frozen=True)
class _Pair:
    """A region and the rest of the country: both means, the region's n and weighted n, the
    PSU totals of both influence values and both domains."""

    est: np.ndarray
    n: int
    n_weighted: float
    totals: np.ndarray
    domains: list[np.ndarray]


def _one_region(design: Design, pair: _Pair, rule: np.ndarray | None, df: int,
                confidence: float, *, proportion: bool) -> dict[str, object]:
    est, doms = pair.est, pair.domains
    v = design.variance_of_psu_totals(pair.totals, rule)
    se, _undefined = domain_se_of_totals(design, pair.totals, doms)
    diff = est[0] - est[1]
    diff_se = float(np.sqrt(max(v[0, 0] + v[1, 1] - 2 * v[0, 1], 0.0)))
    z = stats.norm.ppf(0.5 + confidence / 2)
    tq = stats.t.ppf(0.5 + confidence / 2, df)
    t = diff / diff_se
    p = float(2 * stats.t.sf(abs(t), df))
    own_df = design.domain_degrees_of_freedom(doms[0])
    low, high = est[0] - z * se[0], est[0] + z * se[0]
    if proportion:
        lo, hi = logit_ci(est[:1], se[:1], np.array([own_df]), confidence)
        low, high = float(lo[0]), float(hi[0])
    return {"estimate": est[0], "se": se[0], "ci_low": low, "ci_high": high, "n": pair.n,
            "n_weighted": pair.n_weighted, "domain_df": own_df,
            "rest_estimate": est[1], "rest_se": se[1], "difference": diff,
            "difference_se": diff_se, "difference_ci_low": diff - tq * diff_se,
            "difference_ci_high": diff + tq * diff_se, "t": t, "df": df, "p_value": p}
