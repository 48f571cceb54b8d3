"""Expressions in form cells: parsing them and finding the ``${name}`` they use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey.errors import ExpressionError, problem_text
from survey.expressions import Expression, parse
from survey.form.problems import Problems

_REFERENCE = re.compile(r"\$\{([^}]*)\}")

#: ``required`` cells meaning yes / no (pyxform's spellings, any case).
YES = frozenset({"yes", "true", "true()", "1"})
NO = frozenset({"no", "false", "false()", "0"})


@dataclass(frozen=True, slots=True)
class Reference:
    """A ``${name}`` used in a cell: who uses it, where, and in which column."""

    owner: str
    name: str
    row: int
    column: str
    base: str
    #: Sheet title when the reference is not on the survey sheet (choice labels).
    sheet: str | None = None


def text_references(text: str) -> list[str]:
    """Names used as ``${name}`` in a label, hint or message."""
    return [m.strip() for m in _REFERENCE.findall(text)]


def parse_cell(text: str, problems: Problems, sheet: str, row: int,
               column: str) -> Expression | None:
    """Parse an expression cell; on a syntax error record ``form.syntax`` and return None."""
    try:
        return parse(text)
    except ExpressionError as exc:
        problems.add(_code(exc), _message(column, text, exc), sheet, row, column)
        return None


def _code(exc: ExpressionError) -> str:
    detail = exc.problems[0].code if exc.problems else ""
    return "form.unknown_function" if detail.endswith("unknown_function") else "form.syntax"


def _message(column: str, text: str, exc: ExpressionError) -> str:
    reason = problem_text(exc.problems[0]) if exc.problems else str(exc)
    shown = _excerpt(text, exc.position)
    in_reason = text in reason
    reason = reason.replace(text, shown) if in_reason else f"{reason} (expression: {shown})"
    return f"the expression in '{column}' is not valid. {reason}"


_EXCERPT = 80


def _excerpt(text: str, position: int | None) -> str:
    """The expression, or about 80 characters of it around the error position."""
    if len(text) <= _EXCERPT:
        return text
    centre = position if position is not None else 0
    start = max(0, min(centre - _EXCERPT // 2, len(text) - _EXCERPT))
    end = start + _EXCERPT
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
