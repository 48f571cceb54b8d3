"""The ODK XPath expression language of questionnaires: parse once, evaluate many times.

>>> expr = parse("${age} >= 18")
>>> expr.evaluate_bool(EvalContext(values={"age": "25"}))
True

No Python evaluation is involved: a hand-written tokenizer and parser build a tree, which is
compiled into closures; functions are looked up in an explicit table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from survey.expressions.ast import Call, Column, Current, Expr, Ref, walk
from survey.expressions.convert import to_output
from survey.expressions.evaluator import EvalContext, compile_tree, converter
from survey.expressions.parser import parse_tree

__all__ = ["EvalContext", "Expression", "parse"]


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed expression: its text, tree, the names and functions it uses, and evaluators.

    ``references`` are the ``${name}`` questions; ``columns`` the bare names, which only a
    choice_filter may use (XForms reads them as columns of the choice being filtered). Both are
    looked up in ``EvalContext.values``.
    """

    source: str
    tree: Expr
    references: frozenset[str]
    functions: frozenset[str]
    uses_current: bool
    columns: frozenset[str]  # bare names (choice_filter columns of the choices sheet)
    _kind: str = field(repr=False, compare=False)
    _raw: Callable[[EvalContext], Any] = field(repr=False, compare=False)
    _bool: Callable[[EvalContext], bool] = field(repr=False, compare=False)
    _string: Callable[[EvalContext], str] = field(repr=False, compare=False)
    _number: Callable[[EvalContext], float] = field(repr=False, compare=False)

    def __reduce__(self) -> tuple[Callable[[str], Expression], tuple[str]]:
        # The compiled closures cannot be pickled or copied: rebuild them from the text.
        return parse, (self.source,)

    def evaluate(self, ctx: EvalContext) -> str | float | bool:
        """The raw XPath value: a string (nodes and dates as text), a float or a bool."""
        return to_output(self._kind, self._raw(ctx))

    def evaluate_bool(self, ctx: EvalContext) -> bool:
        """XPath ``boolean()`` of the value (a reference to an existing node is true)."""
        return self._bool(ctx)

    def evaluate_string(self, ctx: EvalContext) -> str:
        """XPath ``string()`` of the value, numbers written as ODK writes them (``12``, ``NaN``)."""
        return self._string(ctx)

    def evaluate_number(self, ctx: EvalContext) -> float:
        """XPath ``number()`` of the value (NaN when it is not a number)."""
        return self._number(ctx)


def parse(source: str) -> Expression:
    """Parse an expression; raises ExpressionError (code ``expression.*``, position) if invalid."""
    tree = parse_tree(source)
    nodes = walk(tree)
    compiled = compile_tree(tree, source)
    return Expression(
        source=source,
        tree=tree,
        references=frozenset(n.name for n in nodes if isinstance(n, Ref)),
        functions=frozenset(n.name for n in nodes if isinstance(n, Call)),
        uses_current=any(isinstance(n, Current) for n in nodes)
        or any(isinstance(n, Call) and (n.name == "once" or (not n.args and n.name in _CURRENT_DEFAULT))
               for n in nodes),
        columns=frozenset(n.name for n in nodes if isinstance(n, Column)),
        _kind=compiled[0],
        _raw=compiled[1],
        _bool=converter(compiled, "b"),
        _string=converter(compiled, "s"),
        _number=converter(compiled, "n"),
    )


_CURRENT_DEFAULT = frozenset({"string", "number", "string-length", "normalize-space"})
