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
Notes are :class:`~survey.messages.Message` objects (see :mod:`analysis.notes`) and the method
is data (see :mod:`analysis.methods`): both are rendered in a report's language, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from analysis.methods import Method as Method
from analysis.notes import ESTIMATE_GAPS as ESTIMATE_GAPS
from analysis.notes import Gap as Gap
from analysis.notes import Row, item, where
from analysis.notes import gap_notes as gap_notes
from survey.messages import Message

#: Estimate-table columns, in order (group columns come before these).
ESTIMATE_COLUMNS: tuple[str, ...] = (
    "variable", "category", "estimate", "se", "ci_low", "ci_high", "n", "n_weighted",
    "deff", "deff_kish", "n_effective", "moe", "df",
)


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
    notes: tuple[Message, ...] = field(default=())

    def __post_init__(self) -> None:
        found = gap_notes(self.table, self.row_label, ESTIMATE_GAPS)
        extra = tuple(note for note in found if note not in self.notes)
        if extra:  # frozen: set once here, as the notes belong to the table
            object.__setattr__(self, "notes", tuple(self.notes) + extra)

    def row_label(self, i: int) -> Message:
        """Row ``i`` (position) as notes name it: groups ``g=a, h=b`` and ``variable=category``."""
        row = self.table.iloc[i]
        place = where([(g, row[g]) for g in self.groups])
        if "variable" not in row.index:
            return Row.NUMBER.message(where=place, number=i + 1)
        return Row.ITEM.message(where=place, item=item(row["variable"], row.get("category")))

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
