"""By-group estimates of many variables at once: one tidy table, group columns first.

``by_group(design, ["age", "aware", "channel"], by=["region", "sex"])`` is R's
``svyby(~age + aware + channel, ~region + sex, design, svymean, na.rm=TRUE, deff=TRUE)``:
numeric variables give means (Wald CI, as ``confint``), categorical ones the proportion of
every category (logit CI by default, as ``svyciprop``), each on the full design with the rows
of the group that answered the variable as its domain. Missing answers are thus dropped per
variable, as separate ``svyby`` calls per variable would (one R call with several variables
and ``na.rm=TRUE`` would instead drop a row missing any of them from every estimate). All
variables and groups are computed in one vectorised pass (see :mod:`analysis.linearize`).

The table's ``kind`` is ``"mean"``, ``"proportion"`` or ``"mixed"``; in a mixed table a row
with ``category`` None is a mean. Groups are the observed combinations of the ``by`` values,
sorted; a group with no answers to a variable is left out and named in ``notes``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis import variables
from analysis.codes import VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.estimates import estimate
from analysis.results import EstimateTable
from analysis.variables import Values

KINDS = ("mean", "proportion")


def by_group(design: Design, names: Sequence[str], by: str | Sequence[str], *,
             kinds: Mapping[str, str] | None = None, ci: str = "logit",
             confidence: float = 0.95) -> EstimateTable:
    """Means / proportions of every variable in ``names`` for every group of ``by``.

    ``kinds`` maps a variable to ``"mean"`` or ``"proportion"``; by default numeric columns
    give means and any other column proportions of its categories.
    """
    if isinstance(names, str):
        names = [names]
    if not names:
        raise VariableError(VariableCode.NONE)
    parts: list[Values] = []
    methods: list[str] = []
    used: set[str] = set()
    for name in names:
        kind = _kind(design, name, kinds or {})
        values = variables.numeric(design, name) if kind == "mean" else \
            variables.categorical(design, name)
        parts.append(values)
        methods += ["wald" if kind == "mean" else ci] * values.matrix.shape[1]
        used.add(kind)
    values = Values(
        variables=tuple(v for part in parts for v in part.variables),
        categories=tuple(c for part in parts for c in part.categories),
        blocks=tuple(b for part in parts for b in part.blocks),
    )
    kind = used.pop() if len(used) == 1 else "mixed"
    return estimate(design, values, by=by, statistic="mean", kind=kind, ci=methods,
                    confidence=confidence)


def _kind(design: Design, name: str, kinds: Mapping[str, str]) -> str:
    if name in kinds:
        if kinds[name] not in KINDS:
            raise VariableError(VariableCode.BAD_KIND, kind=kinds[name], column=name, kinds=KINDS)
        return kinds[name]
    col = variables.column(design, name)
    is_number = pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
    return "mean" if is_number else "proportion"
