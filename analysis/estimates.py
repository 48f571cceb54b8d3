"""Design-based means, totals and proportions, overall or by group, as R's ``survey``.

* :func:`mean` / :func:`total` of a numeric variable: ``svymean`` / ``svytotal`` with
  ``na.rm=TRUE`` (rows with a missing answer are a domain of the full design), CI with the
  normal quantile as ``confint``.
* :func:`proportions` of every category of a select_one: ``svymean(~factor)``; the CI of each
  category is ``svyciprop(~I(x == cat), subset(design, !is.na(x)))`` (logit by default, or
  ``beta``/``wald``) with the design degrees of freedom of that domain.
* :func:`choices` of a select_multiple (one space-separated column or 0/1 columns): one
  proportion per choice among those who answered.
* :func:`ratio` of two totals, ``svyratio``.

Every function takes ``by=`` (a column or list of columns) for estimates per group, computed on
the full design as ``svyby``; see :mod:`analysis.groups` for many variables at once. Results
are :class:`~analysis.results.EstimateTable` objects (columns in :mod:`analysis.results`);
the design effect is defined in :mod:`analysis.tables`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import tables, variables
from analysis.ciprop import ci_name, normal_quantile
from analysis.codes import VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.linearize import Statistic, domain_stats
from analysis.methods import Interval, IntervalMethod, Method, Scope
from analysis.notes import Note
from analysis.results import ESTIMATE_COLUMNS, EstimateTable
from analysis.variables import Values
from survey.messages import Message

By = str | Sequence[str] | None


def mean(design: Design, variable: str, *, by: By = None,
         confidence: float = 0.95) -> EstimateTable:
    """Weighted mean of a numeric variable (``svymean(~x, design, na.rm=TRUE, deff=TRUE)``)."""
    return estimate(design, variables.numeric(design, variable), by=by, statistic="mean",
                    kind="mean", ci="wald", confidence=confidence)


def total(design: Design, variable: str, *, by: By = None,
          confidence: float = 0.95) -> EstimateTable:
    """Weighted total of a numeric variable (``svytotal(~x, design, na.rm=TRUE, deff=TRUE)``)."""
    return estimate(design, variables.numeric(design, variable), by=by, statistic="total",
                    kind="total", ci="wald", confidence=confidence)


def proportions(design: Design, variable: str, *, categories: Sequence[object] | None = None,
                by: By = None, ci: str = "logit", confidence: float = 0.95) -> EstimateTable:
    """Proportion of every category of a select_one among those who answered it."""
    values = variables.categorical(design, variable, categories)
    return estimate(design, values, by=by, statistic="mean", kind="proportion", ci=ci,
                    confidence=confidence)


def choices(design: Design, spec: str | Sequence[str], *, choices: Sequence[str] | None = None,
            name: str | None = None, by: By = None, ci: str = "logit",
            confidence: float = 0.95) -> EstimateTable:
    """Proportion choosing each option of a select_multiple, among those who answered it.

    ``spec`` is a space-separated column (``choices`` fixes the options and their order) or a
    list of 0/1 columns (``name`` labels them; by default their common prefix).
    """
    values = variables.multiple(design, spec, choices, name)
    return estimate(design, values, by=by, statistic="mean", kind="proportion", ci=ci,
                    confidence=confidence)


def estimate(design: Design, values: Values, *, by: By, statistic: Statistic, kind: str,
             ci: str | Sequence[str], confidence: float) -> EstimateTable:
    """Estimates of prepared ``values`` overall or per group of ``by``."""
    labels: pd.DataFrame | None = None
    codes, n_groups = None, 1
    notes: tuple[Message, ...] = ()
    if by is not None:
        names = [by] if isinstance(by, str) else list(by)
        clash = [name for name in names if name in ESTIMATE_COLUMNS]
        if clash:
            raise VariableError(VariableCode.GROUP_NAME_CLASH, column=clash[0])
        codes, labels = variables.group_codes(design, by)
        n_groups = len(labels)
        notes = variables.level_notes(design, names, codes >= 0, dropped=lambda column, level:
                                      Note.LEVEL_INCOMPLETE.message(column=column, level=level,
                                                                    groups=tuple(names)))
    stats = domain_stats(design, values.blocks, codes, n_groups, statistic)
    return tables.build(design, values, stats, statistic=statistic, kind=kind, ci=ci,
                        intervals=intervals(ci), confidence=confidence, labels=labels,
                        notes=notes)


def intervals(ci: str | Sequence[str]) -> tuple[Interval, ...]:
    """The CI methods of a method or of a per-column list of methods (means use ``wald``)."""
    methods = [ci] if isinstance(ci, str) else sorted(set(ci))
    kinds = [ci_name(m) for m in methods]
    if len(kinds) == 1:
        return (Interval(kinds[0]),)
    return tuple(Interval(kind, Scope.MEANS if m == "wald" else Scope.PROPORTIONS)
                 for m, kind in zip(methods, kinds, strict=True))


def ratio(design: Design, numerator: str, denominator: str, *,
          confidence: float = 0.95) -> EstimateTable:
    """Ratio of two totals (``svyratio(~num, ~den, design, na.rm=TRUE)``), Wald CI.

    Rows missing either variable are outside the domain. The table has the columns
    ``variable, category, estimate, se, ci_low, ci_high, n, n_weighted, moe`` (no design
    effect: R's ``svyratio`` has none).
    """
    num = variables.numeric(design, numerator).matrix[:, 0]
    den = variables.numeric(design, denominator).matrix[:, 0]
    ok = ~(np.isnan(num) | np.isnan(den))
    if not ok.any():
        raise VariableError(VariableCode.ALL_MISSING, columns=(numerator, denominator))
    w = np.where(ok, design.weights, 0.0)
    y, x = np.where(ok, num, 0.0), np.where(ok, den, 0.0)
    big_x = float(w @ x)
    if big_x == 0:
        raise VariableError(VariableCode.ZERO_TOTAL, column=denominator)
    r = float(w @ y) / big_x
    scores = w * (y - r * x) / big_x
    cov = design.variance(scores, domain=ok)
    var = float(cov[0, 0])
    se = np.sqrt(max(var, 0.0))
    z = normal_quantile(confidence)
    frame = pd.DataFrame([{
        "variable": f"{numerator}/{denominator}", "category": None, "estimate": r, "se": se,
        "ci_low": r - z * se, "ci_high": r + z * se, "n": int(ok.sum()),
        "n_weighted": float(w.sum()), "moe": z * se,
    }])
    method = Method(design=design.summary(), ci=(Interval(IntervalMethod.WALD),),
                    confidence=confidence)
    return EstimateTable(table=frame, method=method, kind="ratio")
