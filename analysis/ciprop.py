"""Confidence intervals for proportions that stay inside [0, 1], as R's ``svyciprop``.

``logit`` (default, ``svyciprop(method="logit")``): R fits ``svyglm(y ~ 1, family =
quasibinomial)`` and back-transforms a Wald interval on the logit scale with the t quantile on
``degf(design)`` degrees of freedom. For an intercept-only model the coefficient is
``logit(p)`` and its linearized standard error is ``se(p) / (p (1 - p))``, so

    CI = expit(logit(p) -/+ t(1 - alpha/2, df) * se(p) / (p (1 - p)))

``beta`` (Korn-Graubard, ``svyciprop(method="beta")``): with the effective sample size
``n_eff = p (1 - p) / var(p) * (t(alpha/2, n - 1) / t(alpha/2, df))^2`` (``n`` the rows of
the domain),

    CI = (qbeta(alpha/2, n_eff p, n_eff (1 - p) + 1), qbeta(1 - alpha/2, n_eff p + 1, n_eff (1 - p)))

``wald``: ``p -/+ z * se`` with the normal quantile (R's ``confint`` of ``svymean``); it can
leave [0, 1].

Edge cases R leaves undefined are made explicit: when ``p`` is 0 or 1 (no variance) the logit
interval is ``[p, p]`` and the beta interval is Clopper-Pearson on the unweighted ``n``
(``n_eff = n``); when ``df < 1`` (the domain lies in one PSU) the t-based intervals are NaN.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from scipy import stats

from analysis.codes import IntervalCode
from analysis.errors import AnalysisError
from analysis.methods import IntervalMethod

CIMethod = Literal["logit", "beta", "wald"]
CI_NAMES: dict[str, IntervalMethod] = {"logit": IntervalMethod.LOGIT,
                                       "beta": IntervalMethod.BETA, "wald": IntervalMethod.WALD}


def ci_name(method: str) -> IntervalMethod:
    """The interval method recorded in :attr:`Method.ci` for ``method``."""
    if method not in CI_NAMES:
        raise AnalysisError(IntervalCode.UNKNOWN_METHOD, method=method)
    return CI_NAMES[method]


def wald_ci(estimate: np.ndarray, se: np.ndarray,
            confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Normal-quantile interval (R's ``confint`` for means and totals)."""
    z = normal_quantile(confidence)
    return estimate - z * se, estimate + z * se


def normal_quantile(confidence: float) -> float:
    """Two-sided normal quantile for ``confidence`` (1.959964 for 0.95)."""
    _check_level(confidence)
    return float(stats.norm.ppf(1 - (1 - confidence) / 2))


def logit_ci(p: np.ndarray, se: np.ndarray, df: np.ndarray,
             confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """``svyciprop(method="logit")`` interval for proportions ``p`` with design ``df``."""
    _check_level(confidence)
    p, se, df = (np.asarray(a, dtype=float) for a in (p, se, df))
    with np.errstate(invalid="ignore", divide="ignore"):
        t = stats.t.ppf(1 - (1 - confidence) / 2, np.where(df >= 1, df, np.nan))
        eta = np.log(p / (1 - p))
        half = t * se / (p * (1 - p))
        low, high = _expit(eta - half), _expit(eta + half)
    edge = (p <= 0) | (p >= 1)
    low = np.where(edge, p, low)
    high = np.where(edge, p, high)
    return low, high


def beta_ci(p: np.ndarray, se: np.ndarray, df: np.ndarray, n: np.ndarray,
            confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Korn-Graubard interval (``svyciprop(method="beta")``); ``n`` rows in each domain."""
    _check_level(confidence)
    p, se, df, n = (np.asarray(a, dtype=float) for a in (p, se, df, n))
    alpha = 1 - confidence
    with np.errstate(invalid="ignore", divide="ignore"):
        n_eff = p * (1 - p) / (se * se)
        ratio = stats.t.ppf(alpha / 2, n - 1) / stats.t.ppf(alpha / 2, np.where(df >= 1, df, np.nan))
        n_eff = np.where((p <= 0) | (p >= 1), n, n_eff * ratio * ratio)
        low = stats.beta.ppf(alpha / 2, n_eff * p, n_eff * (1 - p) + 1)
        high = stats.beta.ppf(1 - alpha / 2, n_eff * p + 1, n_eff * (1 - p))
    low = np.where(p <= 0, 0.0, low)
    high = np.where(p >= 1, 1.0, high)
    return low, high


def proportion_ci(method: str, p: np.ndarray, se: np.ndarray, df: np.ndarray, n: np.ndarray,
                  confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Dispatch on ``method`` (``logit``, ``beta`` or ``wald``)."""
    ci_name(method)
    if method == "logit":
        return logit_ci(p, se, df, confidence)
    if method == "beta":
        return beta_ci(p, se, df, n, confidence)
    return wald_ci(np.asarray(p, float), np.asarray(se, float), confidence)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _check_level(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise AnalysisError(IntervalCode.BAD_LEVEL, level=str(confidence))
