"""Choice filters: one ``choice_filter`` evaluated per choice, bare names read from the choice.

In ODK a bare name in a choice filter is a column of the choice being filtered and ``${name}``
is a question, so the usual cascading select is ``region = ${region}``: the same name both
ways. ``survey.expressions`` reads bare names (``Column`` nodes) and ``${name}`` from the one
``EvalContext.values`` mapping, so the filter is recompiled once with its columns renamed to
keys no question can have, and each choice's columns are laid over the answers under those keys.
"""

from __future__ import annotations

import math
from collections import ChainMap
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from survey.expressions import EvalContext, Expression
from survey.expressions.ast import Binary, Call, Column, Expr, Negate
from survey.expressions.evaluator import compile_tree, converter
from survey.expressions.nodesets import Scope
from survey.form.model import Choice

#: An overlay of the choice's columns -> the values and scope of a question in a repeat.
Scoped = Callable[[Mapping[str, str]], tuple[Mapping[str, str], Scope | None]]

#: Prefix of renamed columns; XLSForm names cannot start with it, so no question collides.
COLUMN_KEY = "@"


class ChoiceFilter:
    """A compiled ``choice_filter`` that tells whether one choice is offered."""

    def __init__(self, expression: Expression) -> None:
        self.expression = expression
        self._columns = tuple(sorted(expression.columns))
        self._test: Callable[[EvalContext], Any] = converter(
            compile_tree(_rename_columns(expression.tree), expression.source), "b")

    def passes(self, choice: Choice, values: dict[str, str], current: str,
               now: datetime | None, scoped: Scoped | None = None) -> bool:
        """Whether ``choice`` passes, with ``values`` the answers in ODK text form (seen
        through ``scoped`` in a repeat instance)."""
        row = dict(choice.extra)
        row["name"] = choice.name
        overlay = {COLUMN_KEY + column: row.get(column, "") for column in self._columns}
        if scoped is not None:
            seen, scope = scoped(overlay)
            context = EvalContext(values=seen, current=current, now=now, scope=scope)
            return bool(self._test(context))
        context = EvalContext(values=ChainMap(overlay, values) if overlay else values,
                              current=current, now=now)
        return bool(self._test(context))


def _rename_columns(node: Expr) -> Expr:
    if isinstance(node, Column):
        return Column(COLUMN_KEY + node.name, node.position)
    if isinstance(node, Binary):
        return replace(node, left=_rename_columns(node.left), right=_rename_columns(node.right))
    if isinstance(node, Negate):
        return replace(node, operand=_rename_columns(node.operand))
    if isinstance(node, Call):
        return replace(node, args=tuple(_rename_columns(arg) for arg in node.args))
    return node


_MAX_INT32 = 2147483647
_MINSTD = 16807


def shuffled(choices: tuple[Choice, ...], seed: float) -> tuple[Choice, ...]:
    """Choices in the order ODK's ``randomize`` gives for ``seed`` (Enketo's and JavaRosa's
    algorithm: the Park-Miller generator driving an inside-out Fisher-Yates shuffle), so a
    form with ``randomize=true seed=...`` shows the same order as on a phone."""
    # JavaScript keeps the sign of the dividend in %: a negative seed stays negative here.
    state = int(math.fmod(math.trunc(seed), _MAX_INT32)) if math.isfinite(seed) else 1
    if state <= 0:
        state += _MAX_INT32 - 1
    result: list[Choice] = []
    for i, choice in enumerate(choices):
        state = state * _MINSTD % _MAX_INT32
        j = math.floor((state - 1) / (_MAX_INT32 - 1) * (i + 1))
        if j == i:
            result.append(choice)
        else:
            result.append(result[j])
            result[j] = choice
    return tuple(result)
