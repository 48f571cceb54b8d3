"""The values an expression of one question reads: the interview's table, or, in a form with
repeats, the view from the question's instance (``survey.interview.expansion``)."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping

from survey.expressions.nodesets import Scope
from survey.interview.expansion import Expansion


class Contexts:
    """``of(name)``: the ``values`` and ``scope`` of an ``EvalContext`` for ``name``."""

    __slots__ = ("_expansion", "_values")

    def __init__(self, values: dict[str, str], expansion: Expansion | None = None) -> None:
        self._values = values
        self._expansion = expansion

    def over(self, values: dict[str, str]) -> Contexts:
        """The same views over another table of values."""
        return Contexts(values, self._expansion)

    def of(self, name: str, overlay: Mapping[str, str] | None = None,
           ) -> tuple[Mapping[str, str], Scope | None]:
        """Values (with ``overlay`` laid over them) as read by the expressions of ``name``."""
        values: Mapping[str, str] = self._values if not overlay else ChainMap(
            dict(overlay), self._values)
        if self._expansion is None:
            return values, None
        scope = self._expansion.scope(name, values)
        return scope.values, scope
