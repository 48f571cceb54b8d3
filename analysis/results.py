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
    Effective sample size ``n / deff`` (``NaN`` with ``deff``; infinite when ``deff`` is 0).
``moe``
    Margin of error: ``z * se`` with the normal quantile at ``Method.confidence`` (as the
    half-width of R's ``confint`` for means and totals).
``df``
    Design degrees of freedom of the row's domain (R's ``degf`` of the subset: PSUs minus
    strata holding its respondents), as used by the t-based CIs of proportions.

A cell is left NaN only where R gives NaN too (e.g. the design effect of a category chosen by
everyone or by no one, the t-based CI of a domain inside one PSU, the SE of a domain that
lonely_psu='average' cannot average over). Such a cell is never silent: :func:`gap_notes`
names every row holding a NaN or infinite number and says why, and :class:`EstimateTable`
runs it on its own table when it is built, so each empty cell has a note in ``notes``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
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
    "deff", "deff_kish", "n_effective", "moe", "df",
)


#: Reasons for empty cells, completing "<row> ..." (each names R's value for the cell).
NO_SE = ("has no standard error: every stratum its respondents are in has a single PSU and "
         "lonely_psu='average' has no other stratum to average over (R gives NaN); se, CI, "
         "deff and moe are left empty, choose lonely_psu='adjust' or 'remove' to fill them")
NO_CI = ("has no confidence interval: its respondents are in a single PSU of each stratum, so "
         "the design has no degrees of freedom for the t quantile (R gives NaN); ci_low and "
         "ci_high are left empty")
NO_DEFF = ("has no design effect: its answers do not vary in the domain (everyone or no one "
           "gave it, or a single respondent), so its variance under simple random sampling is "
           "0 (R gives NaN); deff and n_effective are left empty")
INFINITE_N_EFFECTIVE = ("has an infinite n_effective: its design variance is 0 (deff = 0) "
                        "while its variance under simple random sampling is not")


@dataclass(frozen=True, slots=True)
class Gap:
    """Columns a table leaves empty for one reason, recognised by a non-finite ``trigger``."""

    trigger: str
    columns: tuple[str, ...]
    reason: str


#: Why cells of an estimate table are empty, in order of precedence.
ESTIMATE_GAPS: tuple[Gap, ...] = (
    Gap("se", ("se", "ci_low", "ci_high", "deff", "n_effective", "moe"), NO_SE),
    Gap("ci_low", ("ci_low", "ci_high"), NO_CI),
    Gap("ci_high", ("ci_low", "ci_high"), NO_CI),
    Gap("deff", ("deff", "n_effective"), NO_DEFF),
    Gap("n_effective", ("n_effective",), INFINITE_N_EFFECTIVE),
)


def gap_notes(table: pd.DataFrame, label: Callable[[int], str],
              gaps: Sequence[Gap] = ()) -> tuple[str, ...]:
    """One note per row of ``table`` holding a NaN or infinite number: the row, then why.

    ``label(i)`` names row ``i`` (position); ``gaps`` explain known empty columns, in order;
    any other non-finite cell is named with a generic reason, so none goes without a note.
    """
    numbers = table.select_dtypes(include="number")
    bad = ~np.isfinite(numbers.to_numpy(dtype=float))
    notes = []
    for i in np.flatnonzero(bad.any(axis=1)):
        empty = [str(c) for c, b in zip(numbers.columns, bad[i], strict=True) if b]
        infinite = {c for c in empty if np.isinf(float(numbers.iloc[i][c]))}
        notes.append(f"{label(int(i))} {_explain(empty, infinite, gaps)}")
    return tuple(notes)


def _explain(empty: list[str], infinite: set[str], gaps: Sequence[Gap]) -> str:
    reasons: list[str] = []
    for gap in gaps:
        if gap.trigger in empty:
            reasons.append(gap.reason)
            empty = [c for c in empty if c not in gap.columns]
    missing = [c for c in empty if c not in infinite]
    if missing:
        reasons.append(f"has no value for {', '.join(missing)} (undefined here; R gives NaN)")
    if infinite & set(empty):
        reasons.append(f"has an infinite {', '.join(c for c in empty if c in infinite)}")
    return "; ".join(reasons)


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
    with no answers to a variable), so a missing row is never silent. On construction the
    table is scanned with :func:`gap_notes` and a note is added for every row with an empty
    (NaN) or infinite number, so an empty cell is never silent either.
    """

    table: pd.DataFrame
    method: Method
    kind: str
    groups: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        found = gap_notes(self.table, self.row_label, ESTIMATE_GAPS)
        extra = tuple(note for note in found if note not in self.notes)
        if extra:  # frozen: set once here, as the notes belong to the table
            object.__setattr__(self, "notes", tuple(self.notes) + extra)

    def row_label(self, i: int) -> str:
        """Row ``i`` (position) as notes name it: ``"g=a, h=b: 'variable=category'"``."""
        row = self.table.iloc[i]
        where = ", ".join(f"{g}={row[g]}" for g in self.groups) or "all"
        if "variable" not in row.index:
            return f"{where}: row {i + 1}"
        category = row.get("category")
        unset = category is None or category != category  # None or NaN: a mean or total
        what = row["variable"] if unset else f"{row['variable']}={category}"
        return f"{where}: '{what}'"

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
