"""Functions over node-sets (``count``, ``sum``, ``min``, ``max``, ``join``, ``concat``,
``count-non-empty``), ``position(..)`` and ``indexed-repeat()``, compiled for repeats.

A direct ``${name}`` argument is the node-set the context's ``Scope`` gives
(``survey.expressions.nodesets``); without a scope (a form without repeats) it is the one node
of the question, so the results are those of the plain functions. Other arguments are one value
each. As in Enketo: ``sum`` of no nodes is 0, ``min``/``max`` of no numbers and of any text that
is not a number are NaN.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from survey.expressions import convert
from survey.expressions.ast import Expr, Ref
from survey.expressions.codes import ExpressionCode
from survey.expressions.lexer import positioned, syntax_error
from survey.expressions.values import NODE, NUM, STR

if TYPE_CHECKING:
    from survey.expressions.evaluator import Compiled, EvalContext, Fn

#: Functions whose ``${name}`` arguments are whole node-sets.
NODESET_FUNCTIONS = frozenset({"count", "count-non-empty", "sum", "min", "max", "join",
                               "concat"})
_TO_NUMBER = convert.BY_CODE["n"][NODE]


def nodes_of(ref: Ref, source: str) -> Callable[[EvalContext], list[str]]:
    """The texts of the nodes ``${name}`` means in the context."""
    name, position = ref.name, ref.position

    def nodes(ctx: EvalContext) -> list[str]:
        try:
            if ctx.scope is not None:
                return ctx.scope.nodes(name)
            return [ctx.values[name]]
        except KeyError:
            raise positioned(ExpressionCode.UNKNOWN_NAME, source, position,
                             reason=ExpressionCode.NO_QUESTION.message(name=name)) from None
    return nodes


def compile_aggregate(name: str, args: tuple[Expr, ...], source: str,
                      compile_arg: Callable[[Expr], Compiled]) -> Compiled:
    """``name(args)`` with node-set arguments."""
    code = "n" if name in ("sum", "min", "max") else "s"
    parts = [_part(arg, source, compile_arg, code) for arg in args]
    if name == "concat":  # every node's text, as Enketo and JavaRosa join them
        return STR, lambda ctx: "".join(text for part in parts for text in part(ctx))
    if name == "join":
        separator, values = parts[0], parts[1:]
        return STR, lambda ctx: _first(separator(ctx)).join(
            text for part in values for text in part(ctx))
    if name == "count":
        (nodes,) = parts
        return NUM, lambda ctx: float(len(nodes(ctx)))
    if name == "count-non-empty":
        (nodes,) = parts
        return NUM, lambda ctx: float(sum(1 for text in nodes(ctx) if text))
    if name == "sum":
        (nodes,) = parts
        return NUM, lambda ctx: sum(nodes(ctx), 0.0)
    pick = min if name == "min" else max
    return NUM, lambda ctx: _extreme(pick, [value for part in parts for value in part(ctx)])


def _part(arg: Expr, source: str, compile_arg: Callable[[Expr], Compiled],
          code: str) -> Callable[[EvalContext], list[Any]]:
    from survey.expressions.evaluator import converter

    if isinstance(arg, Ref):
        texts = nodes_of(arg, source)
        if code == "n":
            return lambda ctx: [_TO_NUMBER(text) for text in texts(ctx)]
        return texts
    one = converter(compile_arg(arg), code)
    return lambda ctx: [one(ctx)]


def _first(values: list[Any]) -> str:
    return str(values[0]) if values else ""


def _extreme(pick: Callable[[list[float]], float], values: list[float]) -> float:
    if not values or any(v != v for v in values):
        return math.nan
    return pick(values)


def position(ctx: EvalContext) -> float:
    """``position(..)``: the instance number of the repeat around the question."""
    return ctx.scope.position() if ctx.scope is not None else 1.0


def compile_indexed(args: tuple[Expr, ...], source: str,
                    compile_arg: Callable[[Expr], Compiled]) -> Fn:
    """``indexed-repeat(${x}, ${repeat}, n[, ${repeat2}, n2 ...])``."""
    from survey.expressions.evaluator import converter

    target = args[0]
    repeats = args[1::2]
    if not isinstance(target, Ref) or not all(isinstance(r, Ref) for r in repeats) \
            or len(args) % 2 == 0:
        raise syntax_error(source, target.position, ExpressionCode.INDEXED_REPEAT.message())
    name = target.name
    names = [r.name for r in repeats if isinstance(r, Ref)]
    numbers = [converter(compile_arg(arg), "n") for arg in args[2::2]]
    single = nodes_of(target, source)

    def value(ctx: EvalContext) -> str:
        if ctx.scope is None:
            nodes = single(ctx)
            return nodes[0] if all(n(ctx) == 1 for n in numbers) else ""
        return ctx.scope.indexed(name, list(zip(names, (n(ctx) for n in numbers),
                                                strict=True)))
    return value
