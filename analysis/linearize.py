"""Vectorised domain means and totals with their linearized variances.

One pass computes, for every group ``g`` and every column ``j`` of a value matrix, the
estimate, its Taylor-linearization variance on the full design (R ``svyby(..., svymean)`` /
``svytotal`` with ``na.rm=TRUE``), and the counts a table needs. The domain of ``(g, j)`` is
the rows of group ``g`` where column ``j`` is not missing: R drops those rows from the design
(``design[!is.na(x), ]``), which for a one-stage design equals zero scores on the full design.

Rows are summed into keys (PSU, group) with sparse matrix products, so the cost is a few
passes over the data whatever the number of groups. Within each (stratum, group) the PSU
totals are centred in two passes; PSUs of the stratum without rows of the group count as zero
totals, exactly as R pads a subset's PSU totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse

from analysis.design import Design

Statistic = Literal["mean", "total"]


@dataclass(frozen=True)
class DomainStats:
    """Arrays of shape (groups x columns).

    ``s2`` is the domain's weighted variance of the values with R's ``n/(n-1)`` factor
    (``svyvar``), used for design effects; ``df`` is R's ``degf`` of the domain.
    """

    estimate: np.ndarray
    variance: np.ndarray
    n: np.ndarray
    n_weighted: np.ndarray
    sum_w2: np.ndarray
    s2: np.ndarray
    df: np.ndarray


def domain_stats(design: Design, values: np.ndarray, groups: np.ndarray | None = None,
                 n_groups: int = 1, statistic: Statistic = "mean") -> DomainStats:
    """Estimates of every column of ``values`` (n x p, NaN = missing) in every group.

    ``groups`` holds a group code 0..n_groups-1 per row, or -1 for rows in no group; without
    it every row is in group 0. Empty domains get ``n == 0`` and NaN estimates; callers turn
    them into errors or explicit empty rows.
    """
    y = np.asarray(values, dtype=float)
    y = y[:, None] if y.ndim == 1 else y
    valid = ~np.isnan(y)
    yz = np.where(valid, y, 0.0)
    vf = valid.astype(float)
    g = np.zeros(design.n, dtype=np.int64) if groups is None else np.asarray(groups, np.int64)
    rows = np.flatnonzero(g >= 0)
    keys, key_of_row = np.unique(design.psu[rows] * n_groups + g[rows], return_inverse=True)
    n_keys = len(keys)
    key_g = keys % n_groups
    w = design.weights[rows]

    def by_key(data: np.ndarray) -> sparse.csr_matrix:
        return sparse.csr_matrix((data, (key_of_row, rows)), shape=(n_keys, design.n))

    wy = np.asarray(by_key(w) @ yz)
    wk = np.asarray(by_key(w) @ vf)
    nk = np.asarray(by_key(np.ones(len(rows))) @ vf)
    to_group = sparse.csr_matrix((np.ones(n_keys), (key_g, np.arange(n_keys))),
                                 shape=(n_groups, n_keys))
    w_g = np.asarray(to_group @ wk)
    n_g = np.asarray(to_group @ nk)
    with np.errstate(invalid="ignore", divide="ignore"):
        est = np.asarray(to_group @ wy) / w_g
        if statistic == "mean":
            totals = (wy - est[key_g] * wk) / w_g[key_g]
        else:
            totals = wy
            est = np.asarray(to_group @ wy)
    variance, df = _variance(design, keys // n_groups, key_g, n_groups, totals, nk)
    if design.is_calibrated:
        variance = _calibrated_variance(design, yz, valid, g, n_groups, est, w_g, statistic)
    sum_w2, s2 = _moments(design, y, valid, g, rows, n_groups, est, statistic, w_g, n_g)
    return DomainStats(estimate=est, variance=variance, n=n_g.astype(np.int64), n_weighted=w_g,
                       sum_w2=sum_w2, s2=s2, df=df)


def _variance(design: Design, key_psu: np.ndarray, key_g: np.ndarray, n_groups: int,
              totals: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Variances (groups x p) from PSU totals per key, and the domains' degrees of freedom."""
    n_strata = design.n_strata
    n_h = design.psu_count
    key_h = design.psu_stratum[key_psu]
    key_hg = key_h * n_groups + key_g
    n_keys, p = totals.shape
    to_hg = sparse.csr_matrix((np.ones(n_keys), (key_hg, np.arange(n_keys))),
                              shape=(n_strata * n_groups, n_keys))
    sums = np.asarray(to_hg @ totals)
    psu_n_h = n_h.repeat(n_groups)  # n_h of each (stratum, group) cell
    means = sums / psu_n_h[:, None]
    centred = totals - means[key_hg]
    keys_in_cell = np.bincount(key_hg, minlength=n_strata * n_groups)
    ss = np.asarray(to_hg @ (centred * centred))
    ss += (psu_n_h - keys_in_cell)[:, None] * means * means
    present_cells = np.asarray(to_hg @ counts) > 0
    present = present_cells.reshape(n_strata, n_groups * p)
    rules = design.stratum_rules(present)
    ss = ss.reshape(n_strata, n_groups * p)
    if rules.adjust:
        single = (n_h == 1)[:, None]
        ss = np.where(single, (sums * sums).reshape(n_strata, n_groups * p), ss)
    variance = (rules.scale[:, None] * ss).sum(axis=0) * rules.factor
    to_g = sparse.csr_matrix((np.ones(n_keys), (key_g, np.arange(n_keys))),
                             shape=(n_groups, n_keys))
    psus = np.asarray(to_g @ (counts > 0).astype(float))
    df = psus - present.sum(axis=0).reshape(n_groups, p)
    return variance.reshape(n_groups, p), df.astype(np.int64)


def _calibrated_variance(design: Design, yz: np.ndarray, valid: np.ndarray, g: np.ndarray,
                         n_groups: int, est: np.ndarray, w_g: np.ndarray,
                         statistic: Statistic) -> np.ndarray:
    """Variances through ``design.variance`` on full-length scores (calibration adjusts them)."""
    out = np.zeros_like(est)
    w = design.weights[:, None]
    for gg in range(n_groups):
        inside = valid & (g == gg)[:, None]
        if statistic == "mean":
            with np.errstate(invalid="ignore", divide="ignore"):
                scores = np.where(inside, w * (yz - est[gg]) / w_g[gg], 0.0)
        else:
            scores = np.where(inside, w * yz, 0.0)
        out[gg] = np.diag(design.variance(scores))
    return out


def _moments(design: Design, y: np.ndarray, valid: np.ndarray, g: np.ndarray, rows: np.ndarray,
             n_groups: int, est: np.ndarray, statistic: Statistic, w_g: np.ndarray,
             n_g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum of squared weights and the weighted variance (svyvar) of each domain."""
    w = design.weights[rows]
    gr = g[rows]
    yr, vr = y[rows], valid[rows]
    to_g = sparse.csr_matrix((np.ones(len(rows)), (gr, np.arange(len(rows)))),
                             shape=(n_groups, len(rows)))
    sum_w2 = np.asarray(to_g @ (vr * (w * w)[:, None]))
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = est if statistic == "mean" else est / w_g
        dev = np.where(vr, yr - centre[gr], 0.0)
        ss = np.asarray(to_g @ (dev * dev * w[:, None]))
        s2 = ss / w_g * n_g / (n_g - 1)
    return sum_w2, s2
