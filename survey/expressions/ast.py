"""The syntax tree of an expression: small frozen nodes, each with its character position."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Literal:
    """A number or a string written in the expression."""

    value: str | float
    position: int


@dataclass(frozen=True, slots=True)
class Ref:
    """``${name}``: the node of a question."""

    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Column:
    """A bare name, as in a choice_filter: a column of the choices sheet (``in_city = 'yes'``)."""

    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the node of the question the expression belongs to."""

    position: int


@dataclass(frozen=True, slots=True)
class Parent:
    """``..``: the node around the current one (only as ``position(..)``)."""

    position: int


@dataclass(frozen=True, slots=True)
class Negate:
    """Unary minus."""

    operand: Expr
    position: int


@dataclass(frozen=True, slots=True)
class Binary:
    """An operator: ``or and = != < <= > >= + - * div mod``."""

    op: str
    left: Expr
    right: Expr
    position: int


@dataclass(frozen=True, slots=True)
class Call:
    """A function call, e.g. ``selected(${q}, 'a')``."""

    name: str
    args: tuple[Expr, ...]
    position: int


Expr = Literal | Ref | Column | Current | Parent | Negate | Binary | Call


def children(node: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of a node."""
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Negate):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Expr) -> list[Expr]:
    """Every node of the tree (iteratively: trees may be deep)."""
    out: list[Expr] = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children(current))
    return out


def height(node: Expr) -> int:
    """The number of levels of the tree (iteratively)."""
    best = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        best = max(best, level)
        stack.extend((child, level + 1) for child in children(current))
    return best
