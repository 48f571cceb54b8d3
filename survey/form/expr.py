"""Expressions in form cells: parsing them and finding the ``${name}`` they use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey.errors import ExpressionError
from survey.expressions import Expression, parse
from survey.expressions.codes import ExpressionCode
from survey.form.codes import FormCode
from survey.form.problems import Problems
from survey.messages import Message

_REFERENCE = re.compile(r"\$\{([^}]*)\}")
#: A path into another instance (a choice list, an external file): ``instance('list')/root``.
_INSTANCE_PATH = re.compile(r"""instance\(\s*['"]([^'"]*)['"]\s*\)\s*/""")
#: Quotes a word processor curls; pyxform straightens them in expressions, and so do we.
_CURLY_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

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
    """Parse an expression cell; on an error record ``form.syntax`` and return None.

    The expression's own message (``expression.*``) is nested in the problem, quoting about
    80 characters around the error when the expression is long.
    """
    try:
        return parse(text.translate(_CURLY_QUOTES))
    except ExpressionError as exc:
        instance = _INSTANCE_PATH.search(text.translate(_CURLY_QUOTES))
        if instance is not None:  # said by name, not as the '/' the parser stopped at
            problems.add(FormCode.INSTANCE_PATH, sheet, row, column, column=column,
                         instance=instance.group(1))
            return None
        code = (FormCode.UNKNOWN_FUNCTION if exc.code == ExpressionCode.UNKNOWN_FUNCTION.code
                else FormCode.SYNTAX)
        problems.add(code, sheet, row, column, column=column, error=_excerpted(exc))
        return None


def _excerpted(exc: ExpressionError) -> Message:
    message = exc.message
    if "expression" not in message.fields or exc.source is None:
        return message
    fields = {**message.fields, "expression": _excerpt(exc.source, exc.position)}
    return Message(message.kind, fields, message.location)


_EXCERPT = 80


def _excerpt(text: str, position: int | None) -> str:
    """The expression, or about 80 characters of it around the error position."""
    if len(text) <= _EXCERPT:
        return text
    centre = position if position is not None else 0
    start = max(0, min(centre - _EXCERPT // 2, len(text) - _EXCERPT))
    end = start + _EXCERPT
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
