"""The survey design and Taylor-linearization variances.

Follows R's ``survey`` package (Lumley) for a one-stage design analysed "with replacement" at
the PSU level within strata (``svydesign(ids=~psu, strata=~stratum, weights=~w, nest=TRUE)``):
for linearized scores ``z`` (one row per respondent, already multiplied by the weight), the
PSU totals within each stratum are centred on the stratum mean and

    V = sum_h (1 - f_h) * n_h / (n_h - 1) * sum_j (z_hj - zbar_h)(z_hj - zbar_h)'

where ``n_h`` is the number of PSUs sampled in stratum ``h`` and ``f_h`` the sampling fraction
from the finite population correction (0 without one). Domain estimates zero the scores outside
the domain but keep every PSU of the full design, as ``subset()`` of a design does in R.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np
import pandas as pd

from analysis.errors import DesignError


class LonelyPSU(Enum):
    """What to do with a stratum holding a single PSU (R's ``options(survey.lonely.psu)``)."""

    FAIL = "fail"  #: raise an error (R's default)
    REMOVE = "remove"  #: the stratum contributes nothing to the variance
    CERTAINTY = "certainty"  #: treat the PSU as sampled with certainty: contributes nothing
    ADJUST = "adjust"  #: centre the lonely PSU at the grand mean of all PSU totals
    AVERAGE = "average"  #: replace by the average variance of the other strata


@dataclass(frozen=True)
class Design:
    """A one-stage stratified cluster design over the rows of a DataFrame.

    Build it with :meth:`from_frame`. Arrays are aligned with the rows of ``data``.
    """

    data: pd.DataFrame
    weights: np.ndarray
    strata: np.ndarray  # integer codes 0..H-1
    psu: np.ndarray  # integer codes 0..(number of PSUs)-1, unique across strata (nested)
    fpc: np.ndarray | None  # sampling fraction f_h per row (0 <= f < 1), or None
    lonely_psu: LonelyPSU = LonelyPSU.FAIL
    weight_column: str | None = None
    strata_column: str | None = None
    psu_column: str | None = None
    fpc_column: str | None = None
    _psu_stratum: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    _psu_count: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]

    @classmethod
    def from_frame(
        cls,
        data: pd.DataFrame,
        *,
        weights: str | None = None,
        strata: str | None = None,
        psu: str | None = None,
        fpc: str | None = None,
        lonely_psu: LonelyPSU | str = LonelyPSU.FAIL,
    ) -> Design:
        """A design over ``data``; every argument names a column (all optional).

        ``fpc`` is either the population number of PSUs in the stratum (values >= 1) or the
        sampling fraction (values < 1), as in R. Without ``psu`` each row is its own PSU;
        without ``weights`` every row weighs 1.
        """
        n = len(data)
        if n == 0:
            raise DesignError("the data has no rows", code="analysis.design.empty")
        for name in (weights, strata, psu, fpc):
            if name is not None and name not in data.columns:
                raise DesignError(f"design column '{name}' is not in the data",
                                  code="analysis.design.unknown_column")
        if weights is None:
            w = np.ones(n)
        else:
            w = pd.to_numeric(data[weights], errors="coerce").to_numpy(dtype=float)
            if np.isnan(w).any():
                raise DesignError(f"weight column '{weights}' has missing or non-numeric values",
                                  code="analysis.design.missing_weight")
            if (w <= 0).any():
                raise DesignError(f"weight column '{weights}' has zero or negative weights",
                                  code="analysis.design.nonpositive_weight")
        strata_codes = _codes(data, strata, "stratum") if strata else np.zeros(n, dtype=np.int64)
        if psu is None:
            psu_codes = np.arange(n, dtype=np.int64)
        else:
            raw = _codes(data, psu, "PSU")
            # nest=TRUE: a PSU is identified by (stratum, psu)
            psu_codes = pd.factorize(pd.Series(strata_codes * (raw.max() + 1) + raw))[0]
        psu_stratum = np.zeros(psu_codes.max() + 1, dtype=np.int64)
        psu_stratum[psu_codes] = strata_codes
        if len(pd.unique(pd.Series(list(zip(psu_codes, strata_codes, strict=True))))) != len(psu_stratum):
            raise DesignError("a PSU appears in more than one stratum", code="analysis.design.psu_strata")
        n_strata = strata_codes.max() + 1
        psu_count = np.bincount(psu_stratum, minlength=n_strata)
        fpc_frac = None
        if fpc is not None:
            fpc_frac = _sampling_fraction(data[fpc], strata_codes, psu_count)
        return cls(
            data=data, weights=w, strata=strata_codes, psu=psu_codes, fpc=fpc_frac,
            lonely_psu=LonelyPSU(lonely_psu), weight_column=weights, strata_column=strata,
            psu_column=psu, fpc_column=fpc, _psu_stratum=psu_stratum, _psu_count=psu_count,
        )

    # -- descriptive properties -------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def n_psu(self) -> int:
        return len(self._psu_stratum)

    @property
    def n_strata(self) -> int:
        return len(self._psu_count)

    @property
    def degrees_of_freedom(self) -> int:
        """Number of PSUs minus number of strata (R's ``degf``)."""
        return self.n_psu - self.n_strata

    def describe(self) -> str:
        """One line naming the design, for result objects and reports."""
        parts = []
        parts.append(f"weights '{self.weight_column}'" if self.weight_column else "unweighted")
        if self.strata_column:
            parts.append(f"{self.n_strata} strata ('{self.strata_column}')")
        if self.psu_column:
            parts.append(f"{self.n_psu} PSUs ('{self.psu_column}')")
        else:
            parts.append("independent units (no clustering)")
        if self.fpc_column:
            parts.append(f"finite population correction ('{self.fpc_column}')")
        if self.psu_column or self.strata_column:
            parts.append(f"lonely PSU: {self.lonely_psu.value}")
        return "; ".join(parts)

    @property
    def is_simple_random(self) -> bool:
        """Unweighted, unstratified, unclustered, no fpc: the textbook i.i.d. sample."""
        return (self.weight_column is None and self.strata_column is None
                and self.psu_column is None and self.fpc_column is None)

    def with_weights(self, weights: np.ndarray, column: str | None = None) -> Design:
        """The same design with other weights (e.g. after raking)."""
        w = np.asarray(weights, dtype=float)
        if w.shape != self.weights.shape:
            raise DesignError("new weights do not match the design's rows",
                              code="analysis.design.weight_shape")
        return Design(
            data=self.data, weights=w, strata=self.strata, psu=self.psu, fpc=self.fpc,
            lonely_psu=self.lonely_psu, weight_column=column or self.weight_column,
            strata_column=self.strata_column, psu_column=self.psu_column,
            fpc_column=self.fpc_column, _psu_stratum=self._psu_stratum, _psu_count=self._psu_count,
        )

    # -- the variance engine ------------------------------------------------------------------
    def psu_totals(self, scores: np.ndarray) -> np.ndarray:
        """Sum the rows of ``scores`` (n x p) within each PSU: an (n_psu x p) array."""
        z = _as_2d(scores)
        totals = np.zeros((self.n_psu, z.shape[1]))
        np.add.at(totals, self.psu, z)
        return totals

    def variance(self, scores: np.ndarray) -> np.ndarray:
        """Linearized variance matrix (p x p) of the total of ``scores`` (n x p).

        ``scores`` are the weighted influence values: for a total of y, ``w * y``; for a
        ratio or mean, ``w * (y - R x) / X``; zero outside a domain.
        """
        totals = self.psu_totals(scores)
        p = totals.shape[1]
        h_codes = self._psu_stratum
        n_h = self._psu_count
        sums = np.zeros((self.n_strata, p))
        np.add.at(sums, h_codes, totals)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = sums / n_h[:, None]
        centred = totals - means[h_codes]
        lonely = n_h[h_codes] == 1
        if lonely.any():
            policy = self.lonely_psu
            if policy is LonelyPSU.FAIL:
                strata = sorted(set(self.strata_names()[i] for i in np.flatnonzero(n_h == 1)))
                raise DesignError(
                    f"strata with a single PSU: {', '.join(map(str, strata))}; choose a "
                    "lonely-PSU option (remove, certainty, adjust or average)",
                    code="analysis.design.lonely_psu")
            if policy is LonelyPSU.ADJUST:
                grand_mean = totals.sum(axis=0) / self.n_psu
                centred[lonely] = totals[lonely] - grand_mean
            else:
                centred[lonely] = 0.0
        scale = np.where(n_h > 1, n_h / np.maximum(n_h - 1, 1), 1.0)
        if self.lonely_psu is LonelyPSU.ADJUST:
            scale = np.where(n_h == 1, 1.0, scale)
        if self.fpc is not None:
            f_h = np.zeros(self.n_strata)
            f_h[self.strata] = self.fpc
            scale = scale * (1.0 - f_h)
        weighted = centred * np.sqrt(scale[h_codes])[:, None]
        v = weighted.T @ weighted
        if self.lonely_psu is LonelyPSU.AVERAGE and lonely.any():
            n_ok = int((n_h > 1).sum())
            if n_ok:
                v = v * self.n_strata / n_ok
        return v

    def strata_names(self) -> list[object]:
        if self.strata_column is None:
            return ["(all)"]
        labels = pd.Series(self.data[self.strata_column].to_numpy())
        names: list[object] = [None] * self.n_strata
        for code, label in zip(self.strata, labels, strict=True):
            names[code] = label
        return names


def _codes(data: pd.DataFrame, column: str, what: str) -> np.ndarray:
    values = data[column]
    if values.isna().any():
        raise DesignError(f"{what} column '{column}' has missing values",
                          code="analysis.design.missing_" + what.lower())
    return pd.factorize(values, sort=True)[0].astype(np.int64)


def _sampling_fraction(values: pd.Series, strata: np.ndarray, psu_count: np.ndarray) -> np.ndarray:
    fpc = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    if np.isnan(fpc).any() or (fpc <= 0).any():
        raise DesignError(f"fpc column '{values.name}' has missing, zero or negative values",
                          code="analysis.design.bad_fpc")
    if (fpc <= 1).all():
        frac = fpc
    elif (fpc >= 1).all():
        frac = psu_count[strata] / fpc
        if (frac > 1).any():
            raise DesignError(f"fpc column '{values.name}' is smaller than the number of sampled PSUs",
                              code="analysis.design.bad_fpc")
    else:
        raise DesignError(f"fpc column '{values.name}' mixes fractions and population sizes",
                          code="analysis.design.bad_fpc")
    return frac


def _as_2d(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    return a[:, None] if a.ndim == 1 else a
