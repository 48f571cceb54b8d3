"""Raking (iterative proportional fitting) of design weights to population margins.

Follows R ``survey::rake(design, sample.margins, population.margins, control=list(maxit=,
epsilon=))``: each sweep post-stratifies the weights to every margin in turn; after each sweep
the weighted joint table of all raking variables is compared with the previous one (the first
comparison is with the table under the starting weights) and raking stops when the largest
absolute cell change is below ``epsilon``. An ``epsilon`` below 1 is a fraction of the sum of
the starting weights, as in R. At most ``max_iter`` sweeps are run (R's ``maxit``).

Optional trimming applies R's ``trimWeights(raked, lower=, upper=, strict=)`` to the raked
weights: weights outside the bounds are set to the bound and the trimmed amount is spread in
equal parts over the weights inside the bounds (total preserved); trimmed margins are then only
approximately met, which the report shows.

Variance after raking is R's for a raked design: linearized scores are replaced by residuals of
the projection on the raking variables, computed as R's ``svyrecvar`` does for a ``raking``
calibration: 10 backfitting sweeps over the margins, each subtracting from the scores ``x`` the
weight times the unweighted category mean of ``x / weight``, where the weight of a margin is the
weight right after that margin's post-stratification in the final raking sweep. Every estimator
that calls ``design.variance`` on the :class:`RakedDesign` gets this automatically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.codes import RakingCode, RakingProblem
from analysis.design import Design
from analysis.errors import RakingError
from analysis.methods import Method, Raking

#: Backfitting sweeps R's ``svyrecvar`` runs for a raked design's residuals.
RESIDUAL_SWEEPS = 10


@dataclass(frozen=True)
class _RakeOperator:
    """Sums for the backfitting: ``inverse[j]`` (categories x rows) holds ``1 / psw_j``;
    ``cross[j][l]`` (categories_j x categories_l) the sums of ``psw_l / psw_j``."""

    inverse: tuple[sparse.csr_matrix, ...]
    counts: tuple[np.ndarray, ...]
    cross: tuple[tuple[np.ndarray, ...], ...]

    @classmethod
    def build(cls, codes: tuple[np.ndarray, ...], weights: tuple[np.ndarray, ...]
              ) -> _RakeOperator:
        rows = np.arange(len(codes[0])) if codes else np.arange(0)
        sizes = [int(c.max()) + 1 for c in codes]
        inverse = tuple(sparse.csr_matrix((1.0 / w, (c, rows)), shape=(k, len(c)))
                        for c, w, k in zip(codes, weights, sizes, strict=True))
        onehot = [sparse.csr_matrix((w, (rows, c)), shape=(len(c), k))
                  for c, w, k in zip(codes, weights, sizes, strict=True)]
        cross = tuple(tuple(np.asarray((inv @ oh).todense()) for oh in onehot)
                      for inv in inverse)
        counts = tuple(np.bincount(c, minlength=k).astype(float)
                       for c, k in zip(codes, sizes, strict=True))
        return cls(inverse, counts, cross)


@dataclass(frozen=True)
class RakedDesign(Design):
    """A design whose weights were raked; its variance uses raking residuals (as R)."""

    rake_codes: tuple[np.ndarray, ...] = ()
    rake_weights: tuple[np.ndarray, ...] = ()
    _operator: _RakeOperator | None = field(default=None, repr=False)

    @property
    def is_calibrated(self) -> bool:
        return True

    def residuals(self, scores: np.ndarray) -> np.ndarray:
        """Scores minus their projection on the raking margins (R's backfitting).

        Each backfitting step subtracts ``psw_j * B[c_j]`` for a category-indexed matrix, so
        the sweeps run on small (categories x columns) matrices: the category sums of
        ``x / psw_j`` and the cross sums of ``psw_l / psw_j`` are formed once.
        """
        x = np.array(scores, dtype=float, copy=True)
        x2 = x[:, None] if x.ndim == 1 else x
        acc = self.backfit([inv @ x2 for inv in self.operator.inverse])
        for codes, psw, b in zip(self.rake_codes, self.rake_weights, acc, strict=True):
            x2 -= psw[:, None] * b[codes]
        return x2 if x.ndim > 1 else x2[:, 0]

    @property
    def operator(self) -> _RakeOperator:
        return self._operator or _RakeOperator.build(self.rake_codes, self.rake_weights)

    def backfit(self, sums: list[np.ndarray]) -> list[np.ndarray]:
        """Category coefficients ``B_j`` (categories_j x q) of the projection of scores ``x``
        given, per margin, the category sums of ``x / psw_j`` (R's 10 backfitting sweeps)."""
        op = self.operator
        acc = [np.zeros((len(c), sums[0].shape[1])) for c in op.counts]
        for _ in range(RESIDUAL_SWEEPS):
            for j, counts in enumerate(op.counts):
                adjusted = sums[j] - sum(op.cross[j][k] @ acc[k] for k in range(len(acc)))
                acc[j] += adjusted / counts[:, None]
        return acc

    def residual_psu_totals(self, psu_totals: np.ndarray, sums: list[np.ndarray]
                            ) -> np.ndarray:
        """PSU totals (n_psu x q) of the raking residuals of scores known only through their
        PSU totals and their category sums of ``x / psw_j`` (see :meth:`backfit`).

        Residuals are ``x - sum_j psw_j B_j[c_j]``; summed within PSUs that is ``psu_totals``
        minus ``(PSU x category sums of psw_j) @ B_j``, so no row-level array is formed.
        """
        out = np.array(psu_totals, dtype=float, copy=True)
        for by_psu, b in zip(self.psu_category_weights, self.backfit(sums), strict=True):
            out -= by_psu @ b
        return out

    @cached_property
    def psu_category_weights(self) -> tuple[np.ndarray, ...]:
        """Per margin j, the sums of ``psw_j`` by PSU and category (n_psu x categories_j)."""
        return tuple(
            np.bincount(self.psu * (int(codes.max()) + 1) + codes, weights=psw,
                        minlength=self.n_psu * (int(codes.max()) + 1)
                        ).reshape(self.n_psu, int(codes.max()) + 1)
            for codes, psw in zip(self.rake_codes, self.rake_weights, strict=True))

    def influence_psu_totals(self, scores: np.ndarray) -> np.ndarray:
        """PSU totals of the raking residuals of ``scores`` (n x p), from the scores' PSU
        totals and category sums (:meth:`residual_psu_totals`): no residual array of the
        rows' size is formed."""
        x = np.asarray(scores, dtype=float)
        x = x[:, None] if x.ndim == 1 else x
        return self.residual_psu_totals(self.psu_totals(x),
                                        [inv @ x for inv in self.operator.inverse])

    def rules_domain(self, domain: np.ndarray | None) -> np.ndarray | None:
        del domain  # a calibrated design's subsets keep every stratum (see ``variance``)
        return None

    def variance(self, scores: np.ndarray, domain: np.ndarray | None = None) -> np.ndarray:
        """Variance of the raking residuals of ``scores``; ``domain`` does not narrow the strata.

        R keeps every row of a calibrated design in a subset (``prob = Inf``), so every
        stratum of the design takes part in the lonely-PSU rules (``fail`` raises for any
        lonely stratum, ``average`` divides by all strata), whatever the domain reaches.
        ``domain`` is accepted so callers treat plain and raked designs alike.
        """
        del domain  # a calibrated design's subsets keep every stratum (R's semantics)
        return super().variance(self.residuals(scores))


@dataclass(frozen=True)
class RakingResult:
    """Raked design, weights, achieved vs target margins and convergence facts."""

    design: RakedDesign
    weights: np.ndarray
    report: pd.DataFrame  # margin, category, target, achieved, difference
    iterations: int
    converged: bool
    max_change: float
    epsilon: float
    method: Method


@dataclass(frozen=True)
class _Margin:
    column: str
    codes: np.ndarray
    categories: list[object]
    targets: np.ndarray


def rake(design: Design, margins: Mapping[str, Mapping[object, float] | pd.Series], *,
         epsilon: float = 1.0, max_iter: int = 10,
         bounds: tuple[float, float] | None = None, strict_bounds: bool = False) -> RakingResult:
    """Rake ``design``'s weights to ``margins`` (column -> category -> population count)."""
    if not margins:
        raise RakingError(RakingCode.NO_MARGINS)
    if isinstance(design, RakedDesign):
        raise RakingError(RakingCode.ALREADY_RAKED)
    if max_iter < 1:
        raise RakingError(RakingCode.BAD_ARGUMENT, argument="max_iter", value=max_iter,
                          problem=RakingProblem.AT_LEAST_ONE.message())
    parsed = [_parse_margin(design, column, target) for column, target in margins.items()]
    _check_totals(parsed)
    start = design.weights.copy()
    tol = epsilon * start.sum() if epsilon < 1 else float(epsilon)
    w, psw, iterations, converged, delta = _ipf(start, parsed, tol, max_iter)
    if not converged:
        raise RakingError(RakingCode.NOT_CONVERGED, sweeps=iterations, change=f"{delta:.6g}",
                          tolerance=f"{tol:.6g}")
    if bounds is not None:
        w = trim_weights(w, bounds[0], bounds[1], strict=strict_bounds)
    raked = RakedDesign(
        data=design.data, weights=w, strata=design.strata, psu=design.psu, fpc=design.fpc,
        lonely_psu=design.lonely_psu, weight_column=design.weight_column,
        strata_column=design.strata_column, psu_column=design.psu_column,
        fpc_column=design.fpc_column, _psu_stratum=design._psu_stratum,
        _psu_count=design._psu_count, missing_values=design.missing_values,
        rake_codes=tuple(m.codes for m in parsed),
        rake_weights=tuple(psw),
        _operator=_RakeOperator.build(tuple(m.codes for m in parsed), tuple(psw)))
    method = Method(design=raked.summary(),
                    adjustment=Raking(tuple(m.column for m in parsed), epsilon, max_iter, bounds))
    return RakingResult(raked, w, _report(parsed, w), iterations, converged, delta, tol, method)


def trim_weights(weights: np.ndarray, lower: float, upper: float, *,
                 strict: bool = False) -> np.ndarray:
    """R's ``trimWeights``: clip to [lower, upper], spread the excess equally over the rest."""
    if not lower < upper:
        raise _bounds_error(lower, upper, RakingProblem.BOUNDS_ORDER)
    pw = np.asarray(weights, dtype=float)
    for _ in range(1000):
        outside = (pw < lower) | (pw > upper)
        if not outside.any():
            return pw
        if outside.all():
            raise _bounds_error(lower, upper, RakingProblem.ALL_OUTSIDE)
        new = np.clip(pw, lower, upper)
        new[~outside] += (pw - new).sum() / (~outside).sum()
        pw = new
        if not strict:
            return pw
    raise _bounds_error(lower, upper, RakingProblem.NOT_SETTLED)


def _bounds_error(lower: float, upper: float, problem: RakingProblem) -> RakingError:
    return RakingError(RakingCode.BAD_BOUNDS, lower=f"{lower:g}", upper=f"{upper:g}",
                       problem=problem.message())


def _ipf(w: np.ndarray, parsed: list[_Margin], tol: float, max_iter: int
         ) -> tuple[np.ndarray, list[np.ndarray], int, bool, float]:
    joint = np.ravel_multi_index([m.codes for m in parsed], [len(m.categories) for m in parsed])
    size = int(np.prod([len(m.categories) for m in parsed]))
    old = np.bincount(joint, weights=w, minlength=size)
    psw: list[np.ndarray] = []
    iterations, delta = 0, np.inf
    while iterations < max_iter:
        psw = []
        for m in parsed:
            sample = np.bincount(m.codes, weights=w, minlength=len(m.categories))
            w = w * (m.targets / sample)[m.codes]
            psw.append(w)
        new = np.bincount(joint, weights=w, minlength=size)
        delta = float(np.max(np.abs(old - new)))
        if delta < tol:
            return w, psw, iterations + 1, True, delta
        old = new
        iterations += 1
    return w, psw, iterations, False, delta


def _parse_margin(design: Design, column: str, target: Mapping[object, float] | pd.Series) -> _Margin:
    if column not in design.data.columns:
        raise RakingError(RakingCode.UNKNOWN_COLUMN, column=column)
    values = design.data[column]
    if values.isna().any():
        raise RakingError(RakingCode.MISSING_VALUES, column=column,
                          rows=int(values.isna().sum()))
    pop = pd.Series(target, dtype=float)
    if pop.isna().any() or (pop < 0).any():
        raise RakingError(RakingCode.BAD_MARGIN, column=column,
                          problem=RakingProblem.NEGATIVE.message())
    sample = pd.Series(values.to_numpy()).astype(str)
    pop.index = pop.index.astype(str)
    if pop.index.duplicated().any():
        raise RakingError(RakingCode.BAD_MARGIN, column=column,
                          problem=RakingProblem.DUPLICATE.message())
    present = set(sample.unique())
    absent_pop = sorted(present - set(pop.index))
    if absent_pop:
        raise RakingError(RakingCode.CATEGORY_NOT_IN_MARGIN, column=column,
                          categories=tuple(absent_pop))
    zero = sorted(c for c in present if pop[c] == 0)
    if zero:
        raise RakingError(RakingCode.ZERO_TARGET, column=column, categories=tuple(zero))
    empty = sorted(c for c in pop.index if pop[c] > 0 and c not in present)
    if empty:
        raise RakingError(RakingCode.EMPTY_CATEGORY, column=column, categories=tuple(empty))
    pop = pop[pop > 0]
    categories = list(pop.index)
    codes = pd.Categorical(sample, categories=categories).codes.astype(np.int64)
    return _Margin(column, codes, categories, pop.to_numpy(dtype=float))


def _check_totals(parsed: list[_Margin]) -> None:
    totals = [m.targets.sum() for m in parsed]
    if max(totals) - min(totals) > 1e-9 * max(totals):
        listed = tuple(f"{m.column} {t:.6g}" for m, t in zip(parsed, totals, strict=True))
        raise RakingError(RakingCode.INCONSISTENT_TOTALS, totals=listed)


def _report(parsed: list[_Margin], w: np.ndarray) -> pd.DataFrame:
    rows = []
    for m in parsed:
        achieved = np.bincount(m.codes, weights=w, minlength=len(m.categories))
        for cat, target, got in zip(m.categories, m.targets, achieved, strict=True):
            rows.append({"margin": m.column, "category": cat, "target": float(target),
                         "achieved": float(got), "difference": float(got - target)})
    return pd.DataFrame(rows, columns=["margin", "category", "target", "achieved", "difference"])

