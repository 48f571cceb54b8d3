"""Campaign evaluation: baseline vs follow-up, and difference-in-differences.

* :func:`wave_difference`: follow-up minus baseline proportion (or mean) with the test and CI
  of R's ``svyttest(y ~ wave, design)``: linearized SE of the difference of two domain means
  (same design, covariance included), t with ``df = degf - 1``, t-quantile CI.
* :func:`difference_in_differences`: the design-based logistic regression
  ``svyglm(y ~ wave * exposed, design, family = quasibinomial())``: point estimates from
  statsmodels' GLM (binomial family, the design weights as ``var_weights``, which solves the
  same weighted score equations as svyglm), sandwich variance ``A^-1 V(U) A^-1`` with ``A`` the weighted information and ``V(U)`` the
  linearized variance of the estimating-equation scores (``design.variance``), t tests and
  Wald CIs on ``degf - p + 1`` residual df (R's ``summary``/``confint`` of a ``svyglm``).
  The same DiD in percentage points is ``(p11 - p01) - (p10 - p00)`` (``p_{exposed,wave}``)
  by linearization of the four domain proportions; it equals the interaction coefficient of
  ``svyglm(y ~ wave * exposed, design)`` (gaussian, a saturated model), whose test and CI on
  ``degf - 3`` df are reported.

``degf`` counts PSUs minus strata among the rows used (those with the outcome, wave and
exposure known), as R does after dropping missing rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.generalized_linear_model import GLM

from analysis.codes import VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.methods import HypothesisTest, Interval, IntervalMethod, Method
from analysis.notes import Gap, GapReason, Row, gap_notes, where
from analysis.regions import domain_means, domain_se, outcome, require_variation, residual_df
from survey.messages import Message

#: Intervals of the campaign results: Wald with the t quantile on the design df.
T_INTERVALS = (Interval(IntervalMethod.T),)
TERMS = ("(Intercept)", "wave", "exposed", "wave:exposed")
#: IRLS stops when the deviance changes by less than this (statsmodels' ``tol``, on weights
#: scaled to mean 1); the coefficients then match R's svyglm to about 1e-14 (relative).
GLM_TOLERANCE = 1e-12


@dataclass(frozen=True)
class WaveDifference:
    """One-row table: baseline and follow-up estimates, difference, SE, CI, t, df, p.

    ``notes`` names a wave whose own SE is undefined (see :func:`analysis.regions.domain_se`)
    and any other empty (NaN) or infinite cell.
    """

    table: pd.DataFrame
    method: Method
    notes: tuple[Message, ...] = ()


@dataclass(frozen=True)
class DiDResult:
    """Logistic coefficients, the four cell proportions and the DiD in percentage points."""

    coefficients: pd.DataFrame  # term, estimate, se, t, df, p_value, ci_low, ci_high, odds_ratio
    cells: pd.DataFrame  # exposed, wave, estimate, se, n, n_weighted
    points: pd.DataFrame  # one row: difference (pp), se, ci_low, ci_high, t, df, p_value
    method: Method
    notes: tuple[Message, ...] = ()  # cells whose own SE is undefined, any other empty cell


def _indicator(design: Design, column: str, one: str, zero: str) -> np.ndarray:
    if column not in design.data.columns:
        raise VariableError(VariableCode.UNKNOWN_COLUMN, column=column)
    values = design.data[column].astype(str).to_numpy()
    out = np.full(design.n, np.nan)
    out[values == one] = 1.0
    out[values == zero] = 0.0
    for label, flag in ((one, 1.0), (zero, 0.0)):
        if not (out == flag).any():
            raise VariableError(VariableCode.EMPTY_GROUP, group=f"{column} = '{label}'")
    return out


def _t_row(est: float, se: float, df: int, confidence: float) -> dict[str, float]:
    t = est / se
    q = stats.t.ppf(0.5 + confidence / 2, df)
    return {"se": se, "ci_low": est - q * se, "ci_high": est + q * se, "t": t, "df": df,
            "p_value": float(2 * stats.t.sf(abs(t), df))}


def wave_difference(design: Design, variable: str, *, category: object | None = None,
                    wave: str = "wave", baseline: str = "baseline", followup: str = "followup",
                    confidence: float = 0.95) -> WaveDifference:
    """Follow-up minus baseline, as ``svyttest(y ~ wave)`` on the two waves."""
    y = outcome(design, variable, category)
    wv = _indicator(design, wave, followup, baseline)
    used = ~np.isnan(y) & ~np.isnan(wv)
    require_variation(y, used, variable, (wave,))
    df = residual_df(design, used, 2)
    doms = [used & (wv == 0), used & (wv == 1)]
    est, scores, n, _wn = domain_means(
        design, y, doms, [f"{wave} = '{baseline}'", f"{wave} = '{followup}'"])
    v = design.variance(scores, used)
    wave_se, _undefined = domain_se(design, scores, doms)
    diff = est[1] - est[0]
    se = float(np.sqrt(max(v[0, 0] + v[1, 1] - 2 * v[0, 1], 0.0)))
    row = {"variable": variable, "category": category,
           "baseline_estimate": est[0], "baseline_se": wave_se[0],
           "followup_estimate": est[1], "followup_se": wave_se[1],
           "baseline_n": n[0], "followup_n": n[1], "difference": diff}
    row |= _t_row(diff, se, df, confidence)
    method = Method(design=design.summary(), ci=T_INTERVALS, confidence=confidence,
                    test=HypothesisTest.WAVES)
    table = pd.DataFrame([row])
    gaps = (Gap("baseline_se", ("baseline_se",),
                GapReason.NO_SE_IN.message(group=f"{wave}={baseline}")),
            Gap("followup_se", ("followup_se",),
                GapReason.NO_SE_IN.message(group=f"{wave}={followup}")),
            Gap("t", ("t", "p_value", "se", "ci_low", "ci_high"), GapReason.NO_TEST.message()))
    label = Row.ITEM.message(where=where(()), item=variable)
    return WaveDifference(table, method, gap_notes(table, lambda _: label, gaps))


def difference_in_differences(
        design: Design, variable: str, *, category: object | None = None, wave: str = "wave",
        baseline: str = "baseline", followup: str = "followup",
        exposed: str = "campaign_exposed", exposed_value: str = "yes",
        unexposed_value: str = "no", confidence: float = 0.95) -> DiDResult:
    """DiD of exposed vs not exposed between baseline and follow-up (logit and points)."""
    y = outcome(design, variable, category)
    if np.nanmax(y) > 1 or np.nanmin(y) < 0:
        raise VariableError(VariableCode.NOT_BINARY, column=variable)
    wv = _indicator(design, wave, followup, baseline)
    ex = _indicator(design, exposed, exposed_value, unexposed_value)
    used = ~np.isnan(y) & ~np.isnan(wv) & ~np.isnan(ex)
    x = np.column_stack([np.ones(design.n), wv, ex, wv * ex])
    x[~used] = 0.0
    df = residual_df(design, used, x.shape[1])
    doms = [used & (ex == e) & (wv == t) for e in (0.0, 1.0) for t in (0.0, 1.0)]
    est, scores, n, wn = domain_means(design, y, doms, [
        f"{exposed} = '{e}', {wave} = '{t}'" for e in (unexposed_value, exposed_value)
        for t in (baseline, followup)])
    v = design.variance(scores, used)
    if np.any((est == 0) | (est == 1)):
        raise VariableError(VariableCode.SEPARATION, column=variable)
    coefs = _logistic(design, np.where(used, y, 0.0), x, used, df, confidence)
    contrast = np.array([1.0, -1.0, -1.0, 1.0])  # (p11 - p10) - (p01 - p00), p_{exposed,wave}
    did = float(contrast @ est)
    se = float(np.sqrt(max(contrast @ v @ contrast, 0.0)))
    points = pd.DataFrame([{"difference": did} | _t_row(did, se, df, confidence)])
    cell_se, _undefined = domain_se(design, scores, doms)
    cells = pd.DataFrame({"exposed": [unexposed_value] * 2 + [exposed_value] * 2,
                          "wave": [baseline, followup] * 2, "estimate": est,
                          "se": cell_se, "n": n, "n_weighted": wn})
    method = Method(design=design.summary(), ci=T_INTERVALS, confidence=confidence,
                    test=HypothesisTest.DID_LOGIT)
    notes = gap_notes(cells, lambda j: Row.ITEM.message(where=where(
        [(exposed, cells["exposed"][j]), (wave, cells["wave"][j])]), item=variable),
        (Gap("se", ("se",), GapReason.NO_OWN_SE.message()),))
    notes += gap_notes(coefs, lambda i: Row.COEFFICIENT.message(term=str(coefs["term"][i]),
                                                                item=variable))
    notes += gap_notes(points, lambda _: Row.POINTS.message(item=variable), (
        Gap("t", ("t", "p_value"), GapReason.NO_TEST.message()),))
    return DiDResult(coefs, cells, points, method, notes)


def _logistic(design: Design, y: np.ndarray, x: np.ndarray, used: np.ndarray, df: int,
              confidence: float) -> pd.DataFrame:
    """Coefficients of the weighted logistic model; variances design-based (sandwich)."""
    w = np.where(used, design.weights, 0.0)
    w = w / w[used].mean()
    model = GLM(y[used], x[used], family=Binomial(), var_weights=w[used])
    beta = np.asarray(model.fit(tol=GLM_TOLERANCE, maxiter=100).params, dtype=float)
    mu = 1.0 / (1.0 + np.exp(-(x @ beta)))
    a_inv = np.linalg.inv(x.T @ (x * (w * mu * (1 - mu))[:, None]))
    cov = design.variance((x * (w * (y - mu))[:, None]) @ a_inv, used)
    rows = [{"term": term, "estimate": b} | _t_row(b, float(np.sqrt(cov[i, i])), df, confidence)
            for i, (term, b) in enumerate(zip(TERMS, beta, strict=True))]
    table = pd.DataFrame(rows)
    table["odds_ratio"] = np.exp(table["estimate"])
    return table
