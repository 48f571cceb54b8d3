"""The functions of the ODK XPath subset, dispatched through one explicit table.

Each entry says how many arguments the function takes, how each argument is converted before
the call (``s`` string, ``n`` number, ``b`` boolean, ``d`` date; the last letter repeats for
variadic functions) and the kind of value it returns. ``if``, ``once``, ``today`` and
``now`` are compiled by the evaluator itself (``impl`` is None): they need laziness or the context's clock.
Behaviour follows Enketo's openrosa-xpath-evaluator; where it is surprising, a comment says so.
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

from survey.errors import ExpressionError
from survey.expressions.codes import ExpressionCode
from survey.expressions.format_date import format_date
from survey.expressions.odk_functions import ODK_FUNCTIONS
from survey.expressions.values import (
    _JS_SPACE,
    ANY,
    BOOL,
    DATE,
    NUM,
    STR,
    XDate,
    js_round,
    truncate,
)
from survey.messages import Message

MAX_PATTERN = 1000


@dataclass(frozen=True, slots=True)
class Function:
    """How to check and call one function."""

    min_args: int
    max_args: int
    params: str
    returns: str
    impl: Callable[..., Any] | None
    current_default: bool = False  # with no argument, the function reads '.'


def _selected(haystack: str, needle: str) -> bool:
    # Split on single spaces without dropping empty parts, as Enketo does: so
    # selected('', '') is true and selected('a  b', '') too.
    return needle.strip(_JS_SPACE) in haystack.split(" ")


def _count_selected(text: str) -> float:
    return float(sum(1 for part in text.split(" ") if part))


def _selected_at(text: str, index: float) -> str:
    position = truncate(index)
    parts = text.split(" ")
    if position != position or not 0 <= position < len(parts):
        return ""
    return parts[int(position)]


def utf16_length(text: str) -> float:
    """Length in UTF-16 code units, as JavaScript and Java count (Kazakh letters count 1)."""
    if text.isascii():
        return float(len(text))
    return float(len(text) + sum(1 for c in text if ord(c) > 0xFFFF))


def _js_index(value: float, length: int) -> int:
    """JavaScript's slice index: NaN is 0, negatives count from the end, clamped."""
    if value != value:
        return 0
    if value in (math.inf, -math.inf):
        return length if value > 0 else 0
    index = math.trunc(value)  # -0.5 is 0, not 'from the end'
    return max(length + index, 0) if index < 0 else min(index, length)


def _substr(text: str, start: float, end: float | None = None) -> str:
    length = len(text)
    begin = _js_index(start, length)
    stop = length if end is None else _js_index(end, length)
    return text[begin:stop]


def _xpath_round(value: float) -> float:
    # Enketo rounds halves away from zero: round(-2.5) is -3.
    return -js_round(-value) if value < 0 else js_round(value)


def _pow10(exponent: float) -> float:
    return math.inf if exponent > 308 else 10.0 ** exponent


def _round(value: float, digits: float | None = None) -> float:
    if digits is None:
        return _xpath_round(value)
    places = truncate(digits)
    if places != places:
        return math.nan
    scale = _pow10(abs(places))
    if places > 0:
        return _xpath_round(value * scale) / scale
    # round(1.005, 2) is 1 in Enketo too: 1.005 * 100 is 100.49999999999999.
    return scale * _xpath_round(value / scale)


def _pow(base: float, exponent: float) -> float:
    if exponent != exponent or (abs(base) == 1 and exponent in (math.inf, -math.inf)):
        return math.nan  # JavaScript's Math.pow, unlike C's
    odd = exponent == math.trunc(exponent) and exponent % 2 == 1 if math.isfinite(exponent) else False
    if base == 0 and exponent < 0:
        return math.copysign(math.inf, base) if odd else math.inf
    try:
        return math.pow(base, exponent)
    except ValueError:
        return math.nan
    except OverflowError:
        return -math.inf if base < 0 and odd else math.inf


def _min_max(pick: Callable[[list[float]], float]) -> Callable[..., float]:
    def apply(*values: float) -> float:
        if any(v != v for v in values):
            return math.nan
        return pick(list(values))
    return apply


def _re2_options() -> Any:
    options = re2.Options()
    options.log_errors = False  # the error is reported as a message, not logged
    options.never_capture = True
    return options


_RE2_OPTIONS = _re2_options()


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """Compile a regex() pattern once; bad or oversized patterns raise ExpressionError.

    RE2 matches in time linear in the answer's length whatever the pattern, so patterns that
    make a backtracking engine take exponential time (``^(a|a)*$``, ``(.*,){8}x``) are harmless
    and no guess is made about which patterns are dangerous. Its syntax is the common core of
    Java's (ODK Collect), JavaScript's (Enketo) and XML Schema's rules: ``[\\w-\\.]`` is
    accepted as Java accepts it; backreferences and lookarounds are refused with RE2's reason.
    """
    if len(pattern) > MAX_PATTERN:
        raise _pattern_error(pattern, ExpressionCode.PATTERN_TOO_LONG.message(limit=MAX_PATTERN))
    try:
        return re2.compile(pattern, _RE2_OPTIONS)
    except (re2.error, ValueError, TypeError) as exc:
        # RE2's own diagnosis ("missing ): (a") is technical detail, shown as it is, like an
        # operating-system message.
        detail = str(exc).removeprefix("b'").removesuffix("'") or type(exc).__name__
        reason = ExpressionCode.PATTERN_INVALID.message(detail=detail)
        raise _pattern_error(pattern, reason) from None


_SHOWN_PATTERN = 80


def _pattern_error(pattern: str, reason: Message) -> ExpressionError:
    shown = pattern if len(pattern) <= _SHOWN_PATTERN else pattern[:_SHOWN_PATTERN] + "…"
    return ExpressionError(ExpressionCode.REGEX.message(pattern=shown, reason=reason),
                           source=pattern)


def _regex(text: str, pattern: str) -> bool:
    return compile_pattern(pattern).search(text) is not None


def _normalize_space(text: str) -> str:
    return " ".join(text.split())


def _translate(text: str, source: str, target: str) -> str:
    table: dict[int, int | None] = {}
    for i, char in enumerate(source):
        table.setdefault(ord(char), ord(target[i]) if i < len(target) else None)
    return text.translate(table)


def _before(text: str, sep: str) -> str:
    index = text.find(sep)
    return "" if index < 0 else text[:index]


def _after(text: str, sep: str) -> str:
    index = text.find(sep)
    return "" if index < 0 else text[index + len(sep):]


def _floor(value: float) -> float:
    return value if value != value or value in (math.inf, -math.inf) else float(math.floor(value))


def _ceiling(value: float) -> float:
    return value if value != value or value in (math.inf, -math.inf) else float(math.ceil(value))


def _identity(value: Any) -> Any:
    return value


def _date(value: XDate) -> XDate:
    return value


def _uuid(length: float | None = None) -> str:
    if length is None:
        return str(uuid.uuid4())
    size = truncate(length)
    count = int(size) if size == size and 0 < size <= 4096 else 0
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(count))


MANY = 1_000

FUNCTIONS: dict[str, Function] = {
    "not": Function(1, 1, "b", BOOL, lambda b: not b),
    "true": Function(0, 0, "", BOOL, lambda: True),
    "false": Function(0, 0, "", BOOL, lambda: False),
    "boolean": Function(1, 1, "b", BOOL, _identity),
    "string": Function(0, 1, "s", STR, _identity, current_default=True),
    "number": Function(0, 1, "n", NUM, _identity, current_default=True),
    "selected": Function(2, 2, "ss", BOOL, _selected),
    "count-selected": Function(1, 1, "s", NUM, _count_selected),
    "selected-at": Function(2, 2, "sn", STR, _selected_at),
    "string-length": Function(0, 1, "s", NUM, utf16_length, current_default=True),
    "concat": Function(1, MANY, "s", STR, lambda *parts: "".join(parts)),
    "if": Function(3, 3, "b", ANY, None),
    # coalesce() works on text: coalesce(0, 5) is '0', coalesce('', 5) is '5'.
    "coalesce": Function(2, 2, "ss", STR, lambda a, b: a or b),
    "regex": Function(2, 2, "ss", BOOL, _regex),
    "contains": Function(2, 2, "ss", BOOL, lambda a, b: b in a),
    "starts-with": Function(2, 2, "ss", BOOL, lambda a, b: a.startswith(b)),
    "ends-with": Function(2, 2, "ss", BOOL, lambda a, b: a.endswith(b)),
    # substr(s, start, end) is JavaScript's slice: 0-based, end excluded, negatives from the end.
    "substr": Function(2, 3, "snn", STR, _substr),
    "substring-before": Function(2, 2, "ss", STR, _before),
    "substring-after": Function(2, 2, "ss", STR, _after),
    "normalize-space": Function(0, 1, "s", STR, _normalize_space, current_default=True),
    "translate": Function(3, 3, "sss", STR, _translate),
    "int": Function(1, 1, "n", NUM, truncate),
    "round": Function(1, 2, "nn", NUM, _round),
    "floor": Function(1, 1, "n", NUM, _floor),
    "ceiling": Function(1, 1, "n", NUM, _ceiling),
    "abs": Function(1, 1, "n", NUM, abs),
    "pow": Function(2, 2, "nn", NUM, _pow),
    "min": Function(1, MANY, "n", NUM, _min_max(min)),
    "max": Function(1, MANY, "n", NUM, _min_max(max)),
    "date": Function(1, 1, "d", DATE, _date),
    "date-time": Function(1, 1, "d", DATE, _date),
    "format-date": Function(2, 2, "ds", STR, format_date),
    "format-date-time": Function(2, 2, "ds", STR, format_date),
    # once(x): the question's own value when it has one, else x (a value fixed once set).
    "once": Function(1, 1, "s", STR, None),
    "uuid": Function(0, 1, "n", STR, _uuid),
    "random": Function(0, 0, "", NUM, lambda: secrets.randbelow(2**53) / 2**53),
    "decimal-date-time": Function(1, 1, "d", NUM, lambda value: value.days),
    "decimal-date": Function(1, 1, "d", NUM, lambda value: value.days),
    # join(separator, values...): without repeats every argument is one value.
    "join": Function(2, MANY, "s", STR, lambda sep, *parts: sep.join(parts)),
    # jr:choice-name(value, '${question}'): the label of that choice in the interview's
    # language; compiled by the evaluator, which asks the context for labels.
    "jr:choice-name": Function(2, 2, "ss", STR, None),
    # pulldata(file, column, key_column, key): a value from a csv file of the form; compiled
    # by the evaluator, which asks the context to look it up.
    "pulldata": Function(4, 4, "ssss", STR, None),
    # position(..): the instance number of the repeat around the question; indexed-repeat(
    # ${x}, ${repeat}, n, ...): x in the n-th instance. Compiled by the evaluator
    # (survey.expressions.aggregates), which asks the context's repeat scope.
    "position": Function(1, 1, "s", NUM, None),
    "indexed-repeat": Function(3, 7, "sns", STR, None),
    "today": Function(0, 0, "", DATE, None),
    "now": Function(0, 0, "", DATE, None),
}

FUNCTIONS.update({name: Function(low, high, params, returns, impl)
                  for name, (low, high, params, returns, impl) in ODK_FUNCTIONS.items()})
