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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse

from analysis.design import Design
from analysis.raking import RakedDesign

Statistic = Literal["mean", "total"]
#: Columns processed together (bounds the size of temporary arrays).
_CHUNK = 8
#: A domain's sum of squares below this fraction of its uncorrected sum is rounding error:
#: the answers are constant there (e.g. a category everyone in the group chose).
_CANCELLATION = 1e-12


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


def domain_stats(design: Design, values: np.ndarray | Sequence[np.ndarray],
                 groups: np.ndarray | None = None, n_groups: int = 1,
                 statistic: Statistic = "mean") -> DomainStats:
    """Estimates of every column of ``values`` (n x p, NaN = missing) in every group.

    ``values`` may also be a sequence of such blocks (e.g. one per variable), taken as their
    side-by-side concatenation; they are processed a few columns at a time, which keeps the
    working memory small. ``groups`` holds a group code 0..n_groups-1 per row, or -1 for rows
    in no group; without it every row is in group 0. Empty domains get ``n == 0`` and NaN
    estimates; callers turn them into errors or explicit empty rows.
    """
    blocks = [values] if isinstance(values, np.ndarray) else list(values)
    layout = _Layout.build(design, groups, n_groups)
    parts = [_chunk_stats(layout, chunk, statistic) for chunk in _chunks(blocks)]
    return DomainStats(*(np.hstack([getattr(part, f) for part in parts])
                         for f in DomainStats.__dataclass_fields__))


def _chunks(blocks: list[np.ndarray]) -> list[np.ndarray]:
    """Regroup blocks into pieces of about ``_CHUNK`` columns."""
    out: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    width = 0
    for block in blocks:
        b = np.asarray(block, dtype=float)
        b = b[:, None] if b.ndim == 1 else b
        for start in range(0, b.shape[1], _CHUNK):
            piece = b[:, start:start + _CHUNK]
            pending.append(piece)
            width += piece.shape[1]
            if width >= _CHUNK:
                out.append(np.hstack(pending))
                pending, width = [], 0
    if pending:
        out.append(np.hstack(pending))
    return out


@dataclass(frozen=True)
class _Layout:
    """Sparse summing operators shared by every chunk: rows -> (PSU, group) keys -> groups."""

    design: Design
    n_groups: int
    g: np.ndarray  # group per row, -1 outside every group
    key_psu: np.ndarray
    key_g: np.ndarray
    by_key_w: sparse.csr_matrix  # keys x rows, weights
    by_key_1: sparse.csr_matrix  # keys x rows, ones
    to_group: sparse.csr_matrix  # groups x keys
    rows_to_group: sparse.csr_matrix  # groups x rows, ones
    #: raked designs: (category_j, group) keys of every margin j, stacked, x rows holding
    #: w / psw_j; ``category_sizes`` the number of categories of each margin
    by_category: sparse.csr_matrix | None = None
    category_sizes: tuple[int, ...] = ()

    @classmethod
    def build(cls, design: Design, groups: np.ndarray | None, n_groups: int) -> _Layout:
        n = design.n
        g = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups, np.int64)
        rows = np.flatnonzero(g >= 0)
        keys, key_of_row = np.unique(design.psu[rows] * n_groups + g[rows], return_inverse=True)
        n_keys = len(keys)
        key_g = keys % n_groups

        def op(data: np.ndarray, index: np.ndarray, size: int) -> sparse.csr_matrix:
            return sparse.csr_matrix((data, (index, rows)), shape=(size, n))

        ones = np.ones(len(rows))
        by_category: sparse.csr_matrix | None = None
        sizes: tuple[int, ...] = ()
        if isinstance(design, RakedDesign):
            w = design.weights[rows]
            sizes = tuple(int(codes.max()) + 1 for codes in design.rake_codes)
            by_category = sparse.vstack([
                op(w / psw[rows], codes[rows] * n_groups + g[rows], k * n_groups)
                for codes, psw, k in zip(design.rake_codes, design.rake_weights, sizes,
                                         strict=True)], format="csr")
        return cls(design=design, n_groups=n_groups, g=g, key_psu=keys // n_groups, key_g=key_g,
                   by_key_w=op(design.weights[rows], key_of_row, n_keys),
                   by_key_1=op(ones, key_of_row, n_keys),
                   to_group=sparse.csr_matrix((np.ones(n_keys), (key_g, np.arange(n_keys))),
                                              shape=(n_groups, n_keys)),
                   rows_to_group=op(ones, g[rows], n_groups), by_category=by_category,
                   category_sizes=sizes)


def _chunk_stats(layout: _Layout, y: np.ndarray, statistic: Statistic) -> DomainStats:
    design, key_g = layout.design, layout.key_g
    valid = ~np.isnan(y)
    yz = np.where(valid, y, 0.0)
    wy = np.asarray(layout.by_key_w @ yz)
    patterns, pattern_of = _patterns(valid)
    # columns sharing a missing-value pattern share their weight sums and counts
    wk = np.asarray(layout.by_key_w @ patterns)[:, pattern_of]
    nk = np.asarray(layout.by_key_1 @ patterns)[:, pattern_of]
    w_g = np.asarray(layout.to_group @ wk)
    n_g = np.asarray(layout.to_group @ nk)
    with np.errstate(invalid="ignore", divide="ignore"):
        est = np.asarray(layout.to_group @ wy) / w_g
        if statistic == "mean":
            totals = (wy - est[key_g] * wk) / w_g[key_g]
        else:
            totals = wy
            est = np.asarray(layout.to_group @ wy)
    variance, df = _variance(design, layout.key_psu, key_g, layout.n_groups, totals, nk)
    if isinstance(design, RakedDesign):
        with np.errstate(invalid="ignore", divide="ignore"):
            variance = _raked_variance(layout, design, yz, valid, totals, est, w_g, statistic)
    sum_w2, s2 = _moments(layout, yz, valid, patterns, pattern_of, est, statistic, w_g, n_g)
    if statistic == "mean":  # the mean of a constant (or of one answer) has no variance
        constant = ((s2 == 0) | (n_g == 1)) & np.isfinite(variance)
        variance = np.where(constant, 0.0, variance)
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


def _raked_variance(layout: _Layout, design: RakedDesign, yz: np.ndarray, valid: np.ndarray,
                    totals: np.ndarray, est: np.ndarray, w_g: np.ndarray,
                    statistic: Statistic) -> np.ndarray:
    """Variances (groups x p) on a raked design, whose scores are replaced by raking residuals.

    The residuals' PSU totals come from the scores' PSU totals per key and their category
    sums per margin (:meth:`RakedDesign.residual_psu_totals`), for every group at once. As R
    keeps every row of a calibrated design in a subset, every stratum counts.
    """
    n_groups, p = est.shape
    psu_totals = np.zeros((design.n_psu, n_groups, p))
    psu_totals[layout.key_psu, layout.key_g] = totals
    answered = valid.astype(float)
    assert layout.by_category is not None
    stacked = np.asarray(layout.by_category @ yz).reshape(-1, n_groups, p)
    if statistic == "mean":
        weight = np.asarray(layout.by_category @ answered).reshape(-1, n_groups, p)
        stacked = (stacked - est[None] * weight) / w_g[None]
    ends = np.cumsum(layout.category_sizes)
    sums = [part.reshape(-1, n_groups * p) for part in np.split(stacked, ends[:-1])]
    residual = design.residual_psu_totals(psu_totals.reshape(design.n_psu, -1), sums)
    return design.variance_of_psu_totals(residual, diagonal=True).reshape(n_groups, p)


def _patterns(valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct missing-value patterns (n x q, as floats) and the pattern of each column."""
    if valid.all():
        return np.ones((valid.shape[0], 1)), np.zeros(valid.shape[1], dtype=np.int64)
    packed = np.packbits(valid, axis=0)
    index: dict[bytes, int] = {}
    pattern_of = np.array([index.setdefault(packed[:, j].tobytes(), len(index))
                           for j in range(packed.shape[1])], dtype=np.int64)
    first = np.unique(pattern_of, return_index=True)[1]  # the first column of each pattern
    return valid[:, first].astype(float), pattern_of


def _moments(layout: _Layout, yz: np.ndarray, valid: np.ndarray, patterns: np.ndarray,
             pattern_of: np.ndarray, est: np.ndarray, statistic: Statistic, w_g: np.ndarray,
             n_g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum of squared weights and the weighted variance (svyvar) of each domain.

    Sums of squares are taken around a per-column constant near the mean (the average of
    the group means), then corrected to each group's mean, which keeps full precision. A
    domain whose answers are constant gets exactly 0 (its correction cancels the sum up to
    rounding) and a domain of one respondent NaN, as R's ``svyvar``.
    """
    w = layout.design.weights
    sum_w2 = np.asarray(layout.rows_to_group @ (patterns * (w * w)[:, None]))[:, pattern_of]
    with np.errstate(invalid="ignore", divide="ignore"):
        means = est if statistic == "mean" else est / w_g
        finite = np.isfinite(means)
        shift = np.where(finite, means, 0.0).sum(axis=0) / np.maximum(finite.sum(axis=0), 1)
        dev = np.where(valid, yz - shift, 0.0)
        wdev = dev * w[:, None]
        s1 = np.asarray(layout.rows_to_group @ wdev)
        raw = np.asarray(layout.rows_to_group @ (wdev * dev))
        ss = raw - s1 * s1 / w_g
        ss = np.where(np.abs(ss) <= _CANCELLATION * raw, 0.0, ss)
        s2 = np.where(n_g > 1, ss / w_g * n_g / (n_g - 1), np.nan)
    return sum_w2, s2
