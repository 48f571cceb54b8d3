"""The survey design and Taylor-linearization variances.

Follows R's ``survey`` package (Lumley, version 4.x) for a one-stage design analysed "with
replacement" at the PSU level within strata (``svydesign(ids=~psu, strata=~stratum,
weights=~w, fpc=~fpc, nest=TRUE)``). For linearized scores ``z`` (one row per respondent,
already multiplied by the weight) the PSU totals within each stratum are centred on the
stratum mean and

    V = sum_h (1 - f_h) * n_h / (n_h - 1) * sum_j (z_hj - zbar_h)(z_hj - zbar_h)'

where ``n_h`` is the number of PSUs sampled in stratum ``h`` in the full design and ``f_h`` the
sampling fraction from the finite population correction (0 without one). A stratum sampled
completely (``1 - f_h < 1e-7``) contributes nothing and never counts as lonely.

Domains (subpopulations, groups, rows with a missing answer) keep every PSU of the full design:
scores are zero outside the domain, as R does when it pads a subset's PSU totals with zeros.
As in R, only strata holding at least one row of the domain take part in the lonely-PSU rules
below. Strata with a single PSU (``options(survey.lonely.psu=...)``):

``fail``       raise :class:`DesignError` (R's default);
``remove``,
``certainty``  the stratum contributes nothing (identical for a one-stage design);
``adjust``     the lonely PSU total is not centred (deviation from zero, the mean of the
               linearized scores of the whole population) and its scale is ``1 - f_h``;
``average``    the other strata's sum is multiplied by (strata in the domain) / (strata in the
               domain that have two or more PSUs or were sampled completely).

This is R with its default ``options(survey.adjust.domain.lonely=FALSE)``: a stratum with
several PSUs of which only one holds domain rows is not treated as lonely. Pass ``domain=`` to
:meth:`Design.variance` so the rules see which strata a domain reaches; without it every
stratum counts. A raked design (:class:`analysis.raking.RakedDesign`) accepts ``domain=`` but
always counts every stratum, as R keeps every row of a calibrated design in a subset. Under
``average`` a domain that reaches only single-PSU strata has no variance (R: NaN):
:meth:`Design.variance` raises ``analysis.design.lonely_psu_average`` and the by-group
engine leaves that SE NaN with a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.codes import DesignCode, FpcProblem
from analysis.errors import DesignError
from analysis.methods import DesignSummary, LonelyPSU
from survey.export.table import MISSING_ATTR

#: Below this, ``1 - f_h`` counts as a completely sampled stratum (R's ``onestrat``).
_CENSUS = 1e-7


def _declared(data: pd.DataFrame, given: Mapping[str, Iterable[object]] | None
              ) -> dict[str, frozenset[object]]:
    source = given if given is not None else data.attrs.get(MISSING_ATTR, {})
    return {name: frozenset(values) for name, values in source.items() if values}


@dataclass(frozen=True)
class Design:
    """A one-stage stratified cluster design over the rows of a DataFrame.

    Build it with :meth:`from_frame`. Arrays are aligned with the rows of ``data``.
    """

    data: pd.DataFrame
    weights: np.ndarray
    strata: np.ndarray  # integer codes 0..H-1
    psu: np.ndarray  # integer codes 0..(number of PSUs)-1, unique across strata (nested)
    fpc: np.ndarray | None  # sampling fraction f_h per row (0 <= f <= 1), or None
    lonely_psu: LonelyPSU = LonelyPSU.FAIL
    weight_column: str | None = None
    strata_column: str | None = None
    psu_column: str | None = None
    fpc_column: str | None = None
    _psu_stratum: np.ndarray = field(default=None, repr=False)  # type: ignore[arg-type]
    _psu_count: np.ndarray = field(default=None, repr=False)  # type: ignore[arg-type]
    #: Column -> answers that mean "missing" (choices marked don't know / refused in the
    #: questionnaire): estimators leave them out, as an unanswered question, unless the design
    #: comes from :meth:`showing_missing`.
    missing_values: Mapping[str, frozenset[object]] = field(default_factory=dict)

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
        missing_values: Mapping[str, Iterable[object]] | None = None,
    ) -> Design:
        """A design over ``data``; every argument names a column (all optional).

        ``missing_values`` (column -> answers) declares answers that mean "missing" (don't
        know, refused); by default those the export declared in ``data.attrs``
        (:data:`MISSING_ATTR`, set by ``survey.export``). The design's ``data`` is the frame
        without its ``attrs`` (what they declare is in ``missing_values``): pandas deep-copies
        a frame's ``attrs`` into every column and row selection taken from it.

        ``fpc`` is either the population number of PSUs in the stratum (all values >= 1, some
        > 1) or the sampling fraction (all values <= 1), as in R. Without ``psu`` each row is
        its own PSU; without ``weights`` every row weighs 1.
        """
        n = len(data)
        if n == 0:
            raise DesignError(DesignCode.EMPTY)
        for name in (weights, strata, psu, fpc):
            if name is not None and name not in data.columns:
                raise DesignError(DesignCode.UNKNOWN_COLUMN, column=name)
        w = np.ones(n) if weights is None else _weights(data[weights])
        strata_codes = (_codes(data, strata, DesignCode.MISSING_STRATUM) if strata
                        else np.zeros(n, dtype=np.int64))
        if psu is None:
            psu_codes = np.arange(n, dtype=np.int64)
        else:
            raw = _codes(data, psu, DesignCode.MISSING_PSU)
            # nest=TRUE: a PSU is identified by (stratum, psu)
            psu_codes = pd.factorize(strata_codes * (raw.max() + 1) + raw)[0].astype(np.int64)
        psu_stratum = np.zeros(psu_codes.max() + 1, dtype=np.int64)
        psu_stratum[psu_codes] = strata_codes
        psu_count = np.bincount(psu_stratum, minlength=strata_codes.max() + 1)
        fpc_frac = None
        if fpc is not None:
            fpc_frac = _sampling_fraction(data[fpc], strata_codes, psu_count)
        declared = _declared(data, missing_values)
        if data.attrs:  # pandas deep-copies attrs into every selection taken from the frame
            data = data.copy(deep=False)
            data.attrs = {}
        return cls(
            data=data, weights=w, strata=strata_codes, psu=psu_codes, fpc=fpc_frac,
            lonely_psu=LonelyPSU(lonely_psu), weight_column=weights, strata_column=strata,
            psu_column=psu, fpc_column=fpc, _psu_stratum=psu_stratum, _psu_count=psu_count,
            missing_values=declared,
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
    def psu_stratum(self) -> np.ndarray:
        """Stratum code of each PSU."""
        return self._psu_stratum

    @property
    def psu_count(self) -> np.ndarray:
        """Number of PSUs sampled in each stratum (full design)."""
        return self._psu_count

    @property
    def degrees_of_freedom(self) -> int:
        """Number of PSUs minus number of strata (R's ``degf``)."""
        return self.n_psu - self.n_strata

    def domain_degrees_of_freedom(self, domain: np.ndarray) -> int:
        """R's ``degf`` of the subset design: PSUs minus strata holding rows of ``domain``."""
        mask = np.asarray(domain, dtype=bool)
        return int(len(np.unique(self.psu[mask])) - len(np.unique(self.strata[mask])))

    def summary(self) -> DesignSummary:
        """The design's columns and counts, for result objects and reports."""
        return DesignSummary(
            weights=self.weight_column, strata=self.strata_column, n_strata=self.n_strata,
            psu=self.psu_column, n_psu=self.n_psu, fpc=self.fpc_column,
            lonely_psu=self.lonely_psu, raked=self.is_calibrated)

    def describe(self) -> str:
        """The design in one English line (for logs; reports render :meth:`summary`)."""
        return str(self.summary().message())

    @property
    def is_simple_random(self) -> bool:
        """Unweighted, unstratified, unclustered, no fpc: the textbook i.i.d. sample."""
        return (self.weight_column is None and self.strata_column is None
                and self.psu_column is None and self.fpc_column is None)

    @property
    def is_calibrated(self) -> bool:
        """True for calibrated (e.g. raked) designs, whose variance adjusts the scores.

        As R keeps every row of a calibrated design in a subset (``prob = Inf``), estimators
        hand such designs full-length scores through :meth:`variance`.
        """
        return False

    def with_column(self, name: str, values: pd.Series | np.ndarray) -> Design:
        """The same design whose data has one more (or a replaced) column, e.g. an index."""
        values = np.asarray(values)
        if len(values) != self.n:
            raise DesignError(DesignCode.COLUMN_LENGTH, column=name, values=len(values),
                              rows=self.n)
        data = self.data.copy(deep=False)
        data[name] = values
        return replace(self, data=data)

    def with_weights(self, weights: np.ndarray, column: str | None = None) -> Design:
        """The same design with other weights (e.g. after raking)."""
        w = np.asarray(weights, dtype=float)
        if w.shape != self.weights.shape:
            raise DesignError(DesignCode.WEIGHT_SHAPE)
        return Design(
            data=self.data, weights=w, strata=self.strata, psu=self.psu, fpc=self.fpc,
            lonely_psu=self.lonely_psu, weight_column=column or self.weight_column,
            strata_column=self.strata_column, psu_column=self.psu_column,
            fpc_column=self.fpc_column, _psu_stratum=self._psu_stratum, _psu_count=self._psu_count,
            missing_values=self.missing_values,
        )

    def showing_missing(self) -> Design:
        """The same design with "don't know" and "refused" answers shown as categories."""
        return replace(self, missing_values={})

    # -- the variance engine ------------------------------------------------------------------
    def psu_totals(self, scores: np.ndarray) -> np.ndarray:
        """Sum the rows of ``scores`` (n x p) within each PSU: an (n_psu x p) array."""
        return np.asarray(self._psu_sum @ _as_2d(scores))

    @cached_property
    def _psu_sum(self) -> sparse.csr_matrix:
        """The (n_psu x n) 0/1 matrix summing rows within PSUs, built once per design."""
        ones = np.ones(self.n)
        return sparse.csr_matrix((ones, (self.psu, np.arange(self.n))),
                                 shape=(self.n_psu, self.n))

    def stratum_fraction(self) -> np.ndarray:
        """Sampling fraction f_h of each stratum (zeros without a finite population correction)."""
        f_h = np.zeros(self.n_strata)
        if self.fpc is not None:
            f_h[self.strata] = self.fpc
        return f_h

    def variance(self, scores: np.ndarray, domain: np.ndarray | None = None) -> np.ndarray:
        """Linearized variance matrix (p x p) of the total of ``scores`` (n x p).

        ``scores`` are the weighted influence values: for a total of y, ``w * y``; for a
        ratio or mean, ``w * (y - R x) / X``; zero outside the domain. ``domain`` (boolean,
        one per row; default all rows) says which strata the domain reaches, for the
        lonely-PSU rules.
        """
        return self.variance_of_psu_totals(self.psu_totals(scores), domain)

    def influence_psu_totals(self, scores: np.ndarray) -> np.ndarray:
        """PSU totals of what the variance is taken of: the scores themselves here (a raked
        design takes their raking residuals). Linear, column by column, so many domains' score
        columns are stacked into one call (one residual pass for a whole crosstab)."""
        return self.psu_totals(scores)

    def rules_domain(self, domain: np.ndarray | None) -> np.ndarray | None:
        """The domain that decides the lonely-PSU rules of a domain's variance."""
        return domain

    def domain_variances(self, scores: np.ndarray, domains: list[np.ndarray]) -> np.ndarray:
        """The variance of each column j of ``scores`` (n x p) as :meth:`variance` gives it
        with ``domains[j]``, from one pass over the rows (one residual pass when raked)."""
        totals = self.influence_psu_totals(scores)
        out = np.empty(len(domains))
        columns: dict[int, list[int]] = {}  # columns sharing one domain array, in one call
        for j, domain in enumerate(domains):
            columns.setdefault(id(domain), []).append(j)
        for js in columns.values():
            out[js] = self.variance_of_psu_totals(totals[:, js],
                                                  self.rules_domain(domains[js[0]]),
                                                  diagonal=True)
        return out

    def variance_of_psu_totals(self, totals: np.ndarray, domain: np.ndarray | None = None, *,
                               diagonal: bool = False) -> np.ndarray:
        """:meth:`variance` from the PSU totals (n_psu x p) of the scores.

        With ``diagonal`` only the p variances are returned (no p x p products).
        """
        present = self._present(domain)
        rules = self.stratum_rules(present[:, None])
        if np.isnan(rules.factor).any():
            raise DesignError(DesignCode.LONELY_PSU_AVERAGE)
        h = self._psu_stratum
        n_h = self._psu_count
        sums = np.zeros((self.n_strata, totals.shape[1]))
        np.add.at(sums, h, totals)
        centred = totals - (sums / n_h[:, None])[h]
        lonely = rules.lonely[h, 0]
        if rules.adjust:
            centred[lonely] = totals[lonely]
        else:
            centred[lonely] = 0.0
        weighted = centred * np.sqrt(rules.scale[h])[:, None]
        if diagonal:
            return (weighted * weighted).sum(axis=0) * rules.factor[0]
        return (weighted.T @ weighted) * rules.factor[0]

    def stratum_rules(self, present: np.ndarray) -> StratumRules:
        """Scale factors and lonely-PSU treatment for strata reached by each column's domain.

        ``present`` is boolean (n_strata x p): stratum h holds rows of column j's domain.
        Raises :class:`DesignError` under ``fail`` when a domain reaches a lonely stratum.
        Under ``average`` a column whose domain reaches only lonely strata has no variance
        (R gives ``NaN``): its ``factor`` is NaN, for the caller to report.
        """
        n_h = self._psu_count
        keep = 1.0 - self.stratum_fraction()
        census = keep < _CENSUS
        single = (n_h == 1) & ~census
        lonely = single[:, None] & present
        policy = self.lonely_psu
        if policy is LonelyPSU.FAIL and lonely.any():
            names = self.strata_names()
            bad = sorted({str(names[i]) for i in np.flatnonzero(lonely.any(axis=1))})
            raise DesignError(DesignCode.LONELY_PSU, strata=tuple(bad))
        scale = np.where(n_h > 1, keep * n_h / np.maximum(n_h - 1, 1), keep)
        scale = np.where(census, 0.0, scale)
        factor = np.ones(present.shape[1])
        if policy is LonelyPSU.AVERAGE:
            n_present = present.sum(axis=0)
            n_ok = n_present - lonely.sum(axis=0)
            with np.errstate(invalid="ignore", divide="ignore"):
                factor = np.where(n_ok > 0, n_present / np.maximum(n_ok, 1), np.nan)
        if policy is not LonelyPSU.ADJUST:
            scale = np.where(single, 0.0, scale)
        return StratumRules(scale=scale, lonely=lonely, factor=factor,
                            adjust=policy is LonelyPSU.ADJUST)

    def _present(self, domain: np.ndarray | None) -> np.ndarray:
        if domain is None:
            return np.ones(self.n_strata, dtype=bool)
        mask = np.asarray(domain, dtype=bool)
        return np.bincount(self.strata[mask], minlength=self.n_strata) > 0

    def strata_names(self) -> list[object]:
        if self.strata_column is None:
            return ["(all)"]
        labels = self.data[self.strata_column].to_numpy()
        names: list[object] = [None] * self.n_strata
        first = np.unique(self.strata, return_index=True)[1]
        for code, row in enumerate(first):
            names[code] = labels[row]
        return names


@dataclass(frozen=True)
class StratumRules:
    """Per-stratum variance scale and lonely-PSU treatment (see :meth:`Design.stratum_rules`).

    ``scale`` (n_strata): multiplier of the centred sum of squares (0 for removed strata);
    ``lonely`` (n_strata x p): lonely stratum reached by the domain; ``factor`` (p): the
    ``average`` rescaling; ``adjust``: lonely PSU totals are left uncentred.
    """

    scale: np.ndarray
    lonely: np.ndarray
    factor: np.ndarray
    adjust: bool


def _weights(column: pd.Series) -> np.ndarray:
    w = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(w).any():
        raise DesignError(DesignCode.MISSING_WEIGHT, column=str(column.name))
    if (w <= 0).any():
        raise DesignError(DesignCode.NONPOSITIVE_WEIGHT, column=str(column.name))
    return w


def _codes(data: pd.DataFrame, column: str, missing: DesignCode) -> np.ndarray:
    values = data[column]
    if values.isna().any():
        raise DesignError(missing, column=column)
    return pd.factorize(values, sort=True)[0].astype(np.int64)


def _sampling_fraction(values: pd.Series, strata: np.ndarray, psu_count: np.ndarray) -> np.ndarray:
    fpc = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(fpc).any() or (fpc <= 0).any():
        raise _fpc_error(values, FpcProblem.NOT_POSITIVE)
    if (fpc <= 1).all():
        frac = fpc
    elif (fpc >= 1).all():
        frac = psu_count[strata] / fpc
        if (frac > 1).any():
            raise _fpc_error(values, FpcProblem.TOO_SMALL)
    else:
        raise _fpc_error(values, FpcProblem.MIXED)
    per_stratum = pd.Series(frac).groupby(strata).nunique()
    if (per_stratum > 1).any():
        raise _fpc_error(values, FpcProblem.VARIES)
    return frac


def _fpc_error(values: pd.Series, problem: FpcProblem) -> DesignError:
    return DesignError(DesignCode.BAD_FPC, column=str(values.name), problem=problem.message())


def _as_2d(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    return a[:, None] if a.ndim == 1 else a
