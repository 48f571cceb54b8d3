"""Result objects shared by every analysis function.

Every estimator returns either a small frozen result object or an :class:`EstimateTable`: a
tidy ``pandas.DataFrame`` plus the :class:`Method` that produced it, so reports can print how
each number was computed and never recompute a statistic.

Columns of an estimate table (in this order; by-group tables put the group columns first):

``variable``
    The analysed column (for a select_multiple choice given as a space-separated column, the
    column name; the choice is in ``category``).
``category``
    The category (select_one level, select_multiple choice, Likert summary such as
    ``"top2"``); ``None`` for a mean or total of a number.
``estimate``
    Proportion (0..1), mean or total.
``se``
    Standard error (Taylor linearization on the full design).
``ci_low``, ``ci_high``
    Confidence interval at ``Method.confidence`` (method in ``Method.ci``).
``n``
    Unweighted number of respondents with a usable answer (in the group, if any).
``n_weighted``
    Sum of their weights.
``deff``
    Design effect as R's ``svymean(..., deff=TRUE)``: design variance over the variance of the
    same estimate under simple random sampling without replacement (see ``estimates``).
``deff_kish``
    Kish's design effect from unequal weights, ``1 + CV^2`` of the weights used.
``n_effective``
    Effective sample size ``n / deff`` (``NaN`` only when ``deff`` is 0, i.e. no variance).
``moe``
    Margin of error: ``z * se`` with the normal quantile at ``Method.confidence`` (as the
    half-width of R's ``confint`` for means and totals).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

#: Variance method of every estimate in this package (R ``survey``'s default).
TAYLOR = "Taylor linearization (with replacement at PSU level within strata)"
#: CI method names recorded in :attr:`Method.ci`.
CI_WALD = "Wald (normal quantile, as confint)"
CI_LOGIT = "logit (svyciprop, t quantile with design df)"
CI_BETA = "Korn-Graubard beta (svyciprop method='beta')"

#: Estimate-table columns, in order (group columns come before these).
ESTIMATE_COLUMNS: tuple[str, ...] = (
    "variable", "category", "estimate", "se", "ci_low", "ci_high", "n", "n_weighted",
    "deff", "deff_kish", "n_effective", "moe",
)


@dataclass(frozen=True, slots=True)
class Method:
    """How a result was computed, for printing beside it."""

    design: str
    variance: str = TAYLOR
    ci: str | None = None
    test: str | None = None
    adjustment: str | None = None
    confidence: float = 0.95

    def describe(self) -> str:
        """One line: design; variance; CI (with level); test; adjustment."""
        parts = [f"Design: {self.design}", f"Variance: {self.variance}"]
        if self.ci:
            parts.append(f"CI: {self.ci}, {self.confidence:.0%}")
        if self.test:
            parts.append(f"Test: {self.test}")
        if self.adjustment:
            parts.append(f"Adjustment: {self.adjustment}")
        return "; ".join(parts)


@dataclass(frozen=True)
class EstimateTable:
    """A tidy table of estimates and the method behind them.

    ``kind`` is one of ``"mean"``, ``"total"``, ``"proportion"``, ``"ratio"``, ``"likert"``
    (or another short word a caller chooses); ``groups`` names the leading group columns of a
    by-group table (empty otherwise); ``notes`` says what was left out and why (e.g. a group
    with no answers to a variable), so a missing row is never silent.
    """

    table: pd.DataFrame
    method: Method
    kind: str
    groups: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    def to_frame(self) -> pd.DataFrame:
        """A copy of the table (callers may modify it freely)."""
        return self.table.copy()

    @property
    def empty(self) -> bool:
        return self.table.empty

    def with_method(self, **changes: object) -> EstimateTable:
        """The same table with some fields of the method replaced."""
        return replace(self, method=replace(self.method, **changes))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TestResult:
    """A test statistic with its reference distribution (F form when ``df_den`` is set)."""

    statistic: float
    df_num: float
    df_den: float | None
    p_value: float
    method: Method

    __test__ = False  # not a pytest class despite the name
