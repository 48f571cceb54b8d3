"""Weighted cross-tabulation with column percentages and a Rao-Scott test of independence.

The test follows R ``survey::svychisq(~row + column, design)``:

* ``"F"`` (default, R's default): Pearson's X^2 of the weighted table rescaled to the number of
  rows of the design, divided by the trace of the generalized design-effect matrix
  ``Delta = (C' D^-1 C / N)^-1 (C' D^-1 V D^-1 C)`` (``C``: the interaction contrasts
  orthogonal to the main effects, ``D``: diagonal of the cell proportions, ``V``: their design
  covariance), referred to ``F(d, d * df)`` with ``d = tr(Delta)^2 / tr(Delta^2)`` and ``df`` the
  design degrees of freedom (PSUs minus strata): the second-order Rao-Scott correction.
* ``"Chisq"``: X^2 divided by the mean eigenvalue of ``Delta``, referred to chi-square with
  ``(r-1)(c-1)`` df (the reported statistic is X^2 itself, as R prints it).
* ``"pearson"``: the textbook Pearson chi-square on the unweighted counts (no continuity
  correction, as ``chisq.test(correct=FALSE)``); the default for an unweighted simple random
  design (``Design.is_simple_random``), where it is the right test.

Rows missing either variable are left out of the table (R's ``na.rm=TRUE``) but keep their PSUs
in the variance; a category left out thereby (a declared Categorical level nobody has, or one
whose respondents all miss the other variable) is named in ``notes``, as is any empty cell. Column percentages are domain proportions with linearized standard errors; their
confidence intervals stay inside [0, 1]: logit by default, or Korn-Graubard ``beta``, each with
the design degrees of freedom of its column's domain (PSUs minus strata holding rows of that
column), as ``svyby(~I(row == r), ~column, design, svyciprop, method=)``; ``ci="wald"`` gives
the symmetric normal interval of ``confint(svyby(..., svymean))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy import stats

from analysis import variables
from analysis.ciprop import ci_name, proportion_ci
from analysis.codes import VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.methods import HypothesisTest, Interval, Method
from analysis.notes import Note, Row, gap_notes, where
from analysis.results import TestResult
from survey.messages import Message

STATISTICS = ("F", "Chisq", "pearson")
CROSSTAB_COLUMNS = ("n", "n_weighted", "estimate", "se", "ci_low", "ci_high", "base", "df")


@dataclass(frozen=True)
class CrosstabResult:
    """Column percentages (``table``: column variable, row variable, then CROSSTAB_COLUMNS).

    ``n`` is the cell's count of respondents, ``base`` its column's (the denominator of the
    percentage) and ``df`` the design degrees of freedom of that column's domain.

    ``notes`` names categories left out of the table and rows with an empty (NaN) cell.
    """

    table: pd.DataFrame
    test: TestResult
    pearson_chisq: float
    design_effect_trace: float
    row: str
    column: str
    method: Method
    notes: tuple[Message, ...] = ()

    def percentages(self) -> pd.DataFrame:
        """Wide table: row categories down, column categories across, column % (0-100)."""
        wide = self.table.pivot(index=self.row, columns=self.column, values="estimate")
        return wide * 100.0


@dataclass(frozen=True)
class _Cells:
    ok: np.ndarray  # rows with both variables
    r: np.ndarray  # row codes (valid where ok)
    c: np.ndarray
    row_levels: list[object]
    col_levels: list[object]


def crosstab(design: Design, row: str, column: str, *, statistic: str | None = None,
             ci: str = "logit", confidence: float = 0.95) -> CrosstabResult:
    """Cross-tabulate ``row`` by ``column`` with column percentages and a test of independence."""
    if statistic is None:
        statistic = "pearson" if design.is_simple_random else "F"
    if statistic not in STATISTICS:
        raise VariableError(VariableCode.BAD_STATISTIC, statistic=statistic,
                            statistics=STATISTICS)
    label = ci_name(ci)
    cells = _cells(design, row, column)
    table = _column_percentages(design, cells, row, column, ci, confidence)
    outcome = _test(design, cells, statistic)
    method = Method(design=design.summary(), ci=(Interval(label),),
                    test=outcome.test, confidence=confidence)
    result = TestResult(statistic=outcome.statistic, df_num=outcome.df_num,
                        df_den=outcome.df_den, p_value=outcome.p_value, method=method)
    notes = variables.level_notes(design, [column], cells.ok, dropped=lambda name, level:
                                  Note.LEVEL_NO_ANSWERS.message(column=name, level=level,
                                                                variable=row))
    notes += variables.level_notes(design, [row], cells.ok, dropped=lambda name, level:
                                   Note.LEVEL_NO_ANSWERS.message(column=name, level=level,
                                                                 variable=column))
    notes += gap_notes(table, lambda i: Row.ITEM.message(
        where=where([(column, table[column].iloc[i])]),
        item=f"{row}={table[row].iloc[i]}"))
    return CrosstabResult(table, result, outcome.x2, outcome.trace, row, column, method, notes)


@dataclass(frozen=True)
class _Outcome:
    test: HypothesisTest
    x2: float
    trace: float
    statistic: float
    df_num: float
    df_den: float | None
    p_value: float


def _cells(design: Design, row: str, column: str) -> _Cells:
    for name in (row, column):
        if name not in design.data.columns:
            raise VariableError(VariableCode.UNKNOWN_COLUMN, column=name)
    if row == column:
        raise VariableError(VariableCode.SAME_COLUMN, column=row)
    rv, cv = design.data[row], design.data[column]
    ok = (rv.notna() & cv.notna()).to_numpy()
    if not ok.any():
        raise VariableError(VariableCode.ALL_MISSING, columns=(row, column))
    r_codes, r_levels = pd.factorize(rv[ok], sort=True)
    c_codes, c_levels = pd.factorize(cv[ok], sort=True)
    for name, levels in ((row, r_levels), (column, c_levels)):
        if len(levels) < 2:
            raise VariableError(VariableCode.SINGLE_CATEGORY, column=name)
    r = np.zeros(design.n, dtype=np.int64)
    c = np.zeros(design.n, dtype=np.int64)
    r[ok], c[ok] = r_codes, c_codes
    return _Cells(ok, r, c, list(r_levels), list(c_levels))


def _column_percentages(design: Design, cells: _Cells, row: str, column: str, ci: str,
                        confidence: float) -> pd.DataFrame:
    nr, nc = len(cells.row_levels), len(cells.col_levels)
    w = np.where(cells.ok, design.weights, 0.0)
    cell = cells.r + nr * cells.c
    wsum = np.bincount(cell, weights=w, minlength=nr * nc)
    count = np.bincount(cell[cells.ok], minlength=nr * nc)
    col_total = wsum.reshape(nc, nr).sum(axis=1)
    prop = wsum / np.repeat(col_total, nr)
    var, df = np.zeros(nr * nc), np.zeros(nr * nc)
    base = np.repeat(np.bincount(cells.c[cells.ok], minlength=nc), nr)
    scores = np.zeros((design.n, nr * nc))
    domains: list[np.ndarray] = []
    for j in range(nc):  # one domain per column, as svyby; their variances in one pass
        in_col = cells.ok & (cells.c == j)
        cols = slice(j * nr, (j + 1) * nr)
        hits = (cells.r[in_col][:, None] == np.arange(nr)).astype(float)
        scores[in_col, cols] = w[in_col, None] * (hits - prop[cols]) / col_total[j]
        domains += [in_col] * nr
        df[cols] = design.domain_degrees_of_freedom(in_col)
    var[:] = design.domain_variances(scores, domains)
    se = np.sqrt(np.clip(var, 0.0, None))
    rows = np.full_like(base, design.n) if design.is_calibrated else base
    low, high = proportion_ci(ci, prop, se, df, rows, confidence)
    return pd.DataFrame({
        column: [cells.col_levels[k // nr] for k in range(nr * nc)],
        row: [cells.row_levels[k % nr] for k in range(nr * nc)],
        "n": count, "n_weighted": wsum, "estimate": prop, "se": se,
        "ci_low": low, "ci_high": high, "base": base, "df": df.astype(np.int64),
    })


@cache
def _contrasts(nr: int, nc: int) -> np.ndarray:
    """Interaction columns residualized on the main effects (cells ordered rows fastest);
    computed once per table shape (read-only)."""
    rows = np.tile(np.arange(nr), nc)
    cols = np.repeat(np.arange(nc), nr)
    main = np.column_stack([np.ones(nr * nc)]
                           + [(rows == i).astype(float) for i in range(1, nr)]
                           + [(cols == j).astype(float) for j in range(1, nc)])
    inter = np.column_stack([((rows == i) & (cols == j)).astype(float)
                             for j in range(1, nc) for i in range(1, nr)])
    coef, *_ = np.linalg.lstsq(main, inter, rcond=None)
    out = inter - main @ coef
    out.flags.writeable = False
    return out


def _test(design: Design, cells: _Cells, statistic: str) -> _Outcome:
    nr, nc = len(cells.row_levels), len(cells.col_levels)
    cell = cells.r + nr * cells.c
    df_chi = float((nr - 1) * (nc - 1))
    if statistic == "pearson":
        counts = np.bincount(cell[cells.ok], minlength=nr * nc).reshape(nc, nr).astype(float)
        x2 = _pearson(counts)
        return _Outcome(HypothesisTest.PEARSON, x2, 1.0, x2, df_chi, None,
                        float(stats.chi2.sf(x2, df_chi)))
    try:
        delta, x2 = _design_effects(design, cells, cell)
    except np.linalg.LinAlgError:
        raise VariableError(VariableCode.SINGULAR_TABLE) from None
    trace = float(np.trace(delta))
    if not np.isfinite(trace) or trace <= 0:
        raise VariableError(VariableCode.SINGULAR_TABLE)
    if statistic == "Chisq":
        p = float(stats.chi2.sf(x2 / (trace / delta.shape[0]), df_chi))
        return _Outcome(HypothesisTest.RAO_SCOTT_CHISQ, x2, trace, x2, df_chi, None, p)
    d0 = trace**2 / float(np.trace(delta @ delta))
    nu = float(design.degrees_of_freedom)
    f = x2 / trace
    return _Outcome(HypothesisTest.RAO_SCOTT_F, x2, trace, f, d0, d0 * nu,
                    float(stats.f.sf(f, d0, d0 * nu)))


def _design_effects(design: Design, cells: _Cells, cell: np.ndarray) -> tuple[np.ndarray, float]:
    """Generalized design-effect matrix Delta and Pearson X^2 of the table scaled to N rows."""
    nr, nc = len(cells.row_levels), len(cells.col_levels)
    w = np.where(cells.ok, design.weights, 0.0)
    n_total = float(design.n)
    wsum = np.bincount(cell, weights=w, minlength=nr * nc)
    mean2 = wsum / wsum.sum()
    scores = np.zeros((design.n, nr * nc))  # w (onehot - mean2) / W, in place (memory)
    scores[np.flatnonzero(cells.ok), cell[cells.ok]] = 1.0
    scores -= mean2
    scores *= w[:, None]
    scores /= wsum.sum()
    scores[~cells.ok] = 0.0
    v = design.variance(scores, cells.ok)
    cmat = _contrasts(nr, nc)
    inv_d = np.where(mean2 == 0, 0.0, 1.0 / np.where(mean2 == 0, 1.0, mean2))
    denom = cmat.T @ (cmat * (inv_d / n_total)[:, None])
    scaled = cmat * inv_d[:, None]
    delta = np.linalg.solve(denom, scaled.T @ v @ scaled)
    return delta, _pearson((wsum * n_total / wsum.sum()).reshape(nc, nr))


def _pearson(table: np.ndarray) -> float:
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    return float(((table - expected) ** 2 / expected).sum())
