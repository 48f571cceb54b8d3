"""Compiles a syntax tree into nested closures, once, so evaluation is a few function calls.

Every node compiles to ``(kind, fn)``: ``fn(ctx)`` returns a payload of that kind (a node's
text for ``NODE``, a float for ``NUM``...). Kinds are known when compiling, so conversions are
chosen once; only ``if()`` with branches of different kinds returns boxed values (``ANY``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from survey.errors import ExpressionError
from survey.expressions import convert
from survey.expressions.aggregates import (
    NODESET_FUNCTIONS,
    compile_aggregate,
    compile_indexed,
    position,
)
from survey.expressions.ast import (
    Binary,
    Call,
    Column,
    Current,
    Expr,
    Literal,
    Negate,
    Parent,
    Ref,
)
from survey.expressions.codes import ExpressionCode
from survey.expressions.format_date import check_format
from survey.expressions.functions import FUNCTIONS, compile_pattern
from survey.expressions.lexer import positioned
from survey.expressions.nodesets import Scope
from survey.expressions.odk_functions import decimal_time
from survey.expressions.values import (
    ANY,
    BOOL,
    DATE,
    NODE,
    NUM,
    STR,
    Node,
    date_string_to_days,
    datetime_to_date,
    is_date_string,
    string_to_number,
    utc_now,
)


@dataclass(frozen=True, slots=True)
class EvalContext:
    """What an expression is evaluated against: answers as ODK instance text, '.', the clock."""

    values: Mapping[str, str]
    current: str = ""
    now: datetime | None = None
    #: (question, choice name) -> the choice's label, for ``jr:choice-name()``.
    choice_label: Callable[[str, str], str] | None = None
    #: (file, column, key column, key) -> the value, for ``pulldata()``.
    pulldata: Callable[[str, str, str, str], str] | None = None
    #: Repeat instances seen from the question evaluated (``survey.expressions.nodesets``);
    #: ``values`` is then ``scope.values``. None in a form without repeats.
    scope: Scope | None = None


Fn = Callable[[EvalContext], Any]
Compiled = tuple[str, Fn]


def compile_tree(node: Expr, source: str) -> Compiled:
    """Compile a tree to ``(kind, fn)``."""
    return _Compiler(source).compile(node)


def converter(compiled: Compiled, code: str) -> Fn:
    """A closure returning the value converted: ``s`` string, ``n`` number, ``b`` boolean."""
    kind, fn = compiled
    if (kind, code) in convert.IDENTITY:
        return fn
    conv = convert.BY_CODE[code][kind]
    return lambda ctx: conv(fn(ctx))


def _div(left: float, right: float) -> float:
    if right == 0:
        if left == 0 or left != left:
            return math.nan
        return math.copysign(math.inf, left) * math.copysign(1.0, right)
    return left / right


def _mod(left: float, right: float) -> float:
    # JavaScript's % keeps the sign of the dividend, like C's fmod.
    if right == 0 or left != left or right != right or left in (math.inf, -math.inf):
        return math.nan
    return math.fmod(left, right)


_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "div": _div, "mod": _mod}
_RELATIONAL: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


class _Compiler:
    def __init__(self, source: str) -> None:
        self.source = source

    def compile(self, node: Expr) -> Compiled:
        if isinstance(node, Literal):
            value = node.value
            return (STR if isinstance(value, str) else NUM), lambda ctx: value
        if isinstance(node, (Ref, Column)):
            return NODE, self.reference(node)
        if isinstance(node, Current):
            return NODE, lambda ctx: ctx.current
        if isinstance(node, Negate):
            operand = converter(self.compile(node.operand), "n")
            return NUM, lambda ctx: -operand(ctx)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Parent):  # read only by position(..), which needs no value
            return NODE, lambda ctx: ""
        return self.call(node)

    def reference(self, node: Ref | Column) -> Fn:
        name, source, position = node.name, self.source, node.position
        if isinstance(node, Column):
            # A bare name is a path to a child node: a choice's column in a choice_filter (laid
            # over the values), else no node at all, which ODK reads as empty.
            return lambda ctx: ctx.values.get(name, "")
        missing = ExpressionCode.NO_QUESTION

        def lookup(ctx: EvalContext) -> str:
            try:
                return ctx.values[name]
            except KeyError:
                raise positioned(ExpressionCode.UNKNOWN_NAME, source, position,
                                 reason=missing.message(name=name)) from None
        return lookup

    def binary(self, node: Binary) -> Compiled:
        op = node.op
        if op in ("or", "and"):
            lc, rc = self.compile(node.left), self.compile(node.right)
            if {lc[0], rc[0]} & {DATE, ANY}:
                return BOOL, _logic_with_dates(op == "and", lc, rc)
            left, right = converter(lc, "b"), converter(rc, "b")
            if op == "or":
                return BOOL, lambda ctx: left(ctx) or right(ctx)
            return BOOL, lambda ctx: left(ctx) and right(ctx)
        lc, rc = self.compile(node.left), self.compile(node.right)
        if op in _ARITHMETIC:
            return NUM, _numeric(_ARITHMETIC[op], lc, rc)
        if op in _RELATIONAL:
            return BOOL, _numeric(_RELATIONAL[op], lc, rc)
        same = _equality(node, lc, rc)
        if op == "=":
            return BOOL, same
        return BOOL, lambda ctx: not same(ctx)

    def call(self, node: Call) -> Compiled:
        spec = FUNCTIONS[node.name]
        args = node.args
        if not args and spec.current_default:
            args = (Current(node.position),)
        if node.name == "if":
            return self.if_call(args)
        if node.name in NODESET_FUNCTIONS and any(isinstance(arg, Ref) for arg in args):
            return compile_aggregate(node.name, args, self.source, self.compile)
        if node.name == "position":
            return NUM, position
        if node.name == "indexed-repeat":
            return NODE, compile_indexed(args, self.source, self.compile)
        if node.name in ("today", "now"):
            midnight = node.name == "today"
            return DATE, lambda ctx: datetime_to_date(ctx.now or utc_now(), midnight=midnight)
        if node.name == "jr:choice-name":
            return STR, self.choice_name(args)
        if node.name == "pulldata":
            return STR, self.pulldata(args)
        if node.name == "decimal-time":
            text = converter(self.compile(args[0]), "s")
            return NUM, lambda ctx: decimal_time(text(ctx), ctx.now or utc_now())
        if node.name == "once":
            fallback = converter(self.compile(args[0]), "s")
            return STR, lambda ctx: ctx.current or fallback(ctx)
        if node.name == "regex" and isinstance(args[1], Literal):
            self.check_literal(args[1], compile_pattern)
        if node.name.startswith("format-date") and isinstance(args[1], Literal):
            self.check_literal(args[1], check_format)
        impl = spec.impl
        assert impl is not None
        fns = [converter(self.compile(arg), spec.params[min(i, len(spec.params) - 1)])
               for i, arg in enumerate(args)]
        return spec.returns, _apply(impl, fns)

    def choice_name(self, args: tuple[Expr, ...]) -> Fn:
        value = converter(self.compile(args[0]), "s")
        question = args[1].name if isinstance(args[1], Ref) else None

        def label(ctx: EvalContext) -> str:
            name = value(ctx)
            if question is None or ctx.choice_label is None:
                return name
            return ctx.choice_label(question, name)
        return label

    def pulldata(self, args: tuple[Expr, ...]) -> Fn:
        parts = [converter(self.compile(arg), "s") for arg in args]

        def pull(ctx: EvalContext) -> str:
            if ctx.pulldata is None:
                return ""
            file, column, key_column, key = (part(ctx) for part in parts)
            return ctx.pulldata(file, column, key_column, key)
        return pull

    def check_literal(self, literal: Literal, check: Callable[[str], object]) -> None:
        """Check a literal pattern now, so a bad one is a load-time error with its position."""
        text = literal.value if isinstance(literal.value, str) else convert.TO_STR[NUM](
            literal.value)
        try:
            check(text)
        except ExpressionError as exc:
            raise ExpressionError(exc.message, position=literal.position,
                                  source=self.source) from None

    def if_call(self, args: tuple[Expr, ...]) -> Compiled:
        test = converter(self.compile(args[0]), "b")
        (yk, yes), (nk, no) = self.compile(args[1]), self.compile(args[2])
        if yk != nk:
            yk, yes, nk, no = ANY, _boxed(yk, yes), ANY, _boxed(nk, no)
        return yk, lambda ctx: yes(ctx) if test(ctx) else no(ctx)


def _boxed(kind: str, fn: Fn) -> Fn:
    if kind == NODE:
        return lambda ctx: Node(fn(ctx))
    if kind == NUM:
        return lambda ctx: float(fn(ctx))
    return fn


def _apply(impl: Callable[..., Any], fns: list[Fn]) -> Fn:
    if not fns:
        return lambda ctx: impl()
    if len(fns) == 1:
        (a,) = fns
        return lambda ctx: impl(a(ctx))
    if len(fns) == 2:
        a, b = fns
        return lambda ctx: impl(a(ctx), b(ctx))
    return lambda ctx: impl(*[f(ctx) for f in fns])


def _logic_with_dates(is_and: bool, lc: Compiled, rc: Compiled) -> Fn:
    """``and``/``or`` where a side may be a date: Enketo then reads both sides as dates.

    So ``date(${d}) and 'yes'`` is false ('yes' is no date), while ``date(${d}) and true()`` is
    true. When the left side decides, the right is not evaluated (no conversion either).
    """
    (lk, lf), (rk, rf) = lc, rc

    def logic(ctx: EvalContext) -> bool:
        left_value = lf(ctx)
        if convert.TO_BOOL[lk](left_value) is not is_and:
            return not is_and
        left, right = convert.logic_operands(lk, left_value, rk, rf(ctx))
        return (left and right) if is_and else (left or right)
    return logic


def _numeric(operate: Callable[[float, float], Any], lc: Compiled, rc: Compiled) -> Fn:
    """Arithmetic and ``< <= > >=``: both sides as numbers; beside a date, text reads as a date."""
    (lk, lf), (rk, rf) = lc, rc
    if DATE not in (lk, rk) and ANY not in (lk, rk):
        a, b = converter(lc, "n"), converter(rc, "n")
        return lambda ctx: operate(a(ctx), b(ctx))

    def dynamic(ctx: EvalContext) -> Any:
        return operate(*convert.numbers(lk, lf(ctx), rk, rf(ctx)))
    return dynamic


def _equality(node: Binary, lc: Compiled, rc: Compiled) -> Fn:
    (lk, lf), (rk, rf) = lc, rc
    literal: Literal | None = node.right if isinstance(node.right, Literal) else None
    if isinstance(node.left, Literal) and literal is None:
        (lk, lf), (rk, rf) = rc, lc  # '=' is symmetric: put the literal on the right
        literal = node.left
    if lk == NODE and literal is not None:
        value = literal.value
        if rk == NUM:
            number = float(value)
            return lambda ctx: string_to_number(lf(ctx)) == number
        if isinstance(value, str) and not is_date_string(value):
            return _node_equals_text(lf, value)
    return lambda ctx: convert.equal(lk, lf(ctx), rk, rf(ctx))


def _node_equals_text(node: Fn, text: str) -> Fn:
    text_number = string_to_number(text)

    def same(ctx: EvalContext) -> bool:
        value = node(ctx)
        if value == text:
            return True
        # A node holding a date compares as days, e.g. with '19753'.
        return is_date_string(value) and date_string_to_days(value) == text_number
    return same
