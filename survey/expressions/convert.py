"""Conversions between value kinds (XPath ``string()``, ``number()``, ``boolean()``, dates)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from survey.expressions.values import (
    ANY,
    BOOL,
    DATE,
    INVALID_DATE,
    NODE,
    NUM,
    STR,
    Node,
    XDate,
    date_string_to_days,
    date_to_string,
    days_to_date,
    is_date_string,
    number_to_string,
    string_to_date,
    string_to_number,
)


def kind_of(value: Any) -> tuple[str, Any]:
    """The kind and payload of a boxed value (the result of an ``if()`` mixing kinds)."""
    cls = value.__class__
    if cls is Node:
        return NODE, value.text
    if cls is str:
        return STR, value
    if cls is bool:
        return BOOL, value
    if cls is XDate:
        return DATE, value
    return NUM, value


def _bool_to_str(value: bool) -> str:
    return "true" if value else "false"


def _num_to_bool(value: float) -> bool:
    return value == value and value != 0


def _bool_to_num(value: bool) -> float:
    return 1.0 if value else 0.0


def _node_to_bool(value: str) -> bool:
    # An existing node is true even when empty (XPath node-set rule, Enketo agrees).
    return True


def _date_to_bool(value: XDate) -> bool:
    return value.ms == value.ms


def _date_to_num(value: XDate) -> float:
    return value.days


def _str_to_bool(value: str) -> bool:
    return value != ""


def _bool_to_date(value: bool) -> XDate:
    return INVALID_DATE


def _any(table: dict[str, Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        kind, payload = kind_of(value)
        return table[kind](payload)
    return convert


TO_STR: dict[str, Callable[[Any], Any]] = {
    NODE: str, STR: str, NUM: number_to_string, BOOL: _bool_to_str, DATE: date_to_string}
TO_NUM: dict[str, Callable[[Any], Any]] = {
    NODE: string_to_number, STR: string_to_number, NUM: float, BOOL: _bool_to_num,
    DATE: _date_to_num}
TO_BOOL: dict[str, Callable[[Any], Any]] = {
    NODE: _node_to_bool, STR: _str_to_bool, NUM: _num_to_bool, BOOL: bool, DATE: _date_to_bool}
TO_DATE: dict[str, Callable[[Any], Any]] = {
    NODE: string_to_date, STR: string_to_date, NUM: days_to_date, BOOL: _bool_to_date,
    DATE: lambda value: value}
for _table in (TO_STR, TO_NUM, TO_BOOL, TO_DATE):
    _table[ANY] = _any(_table)

# Conversions that leave the payload as it is (no wrapper closure needed).
IDENTITY = {(NODE, "s"), (STR, "s"), (NUM, "n"), (BOOL, "b"), (DATE, "d")}
BY_CODE = {"s": TO_STR, "n": TO_NUM, "b": TO_BOOL, "d": TO_DATE}


def to_output(kind: str, value: Any) -> str | float | bool:
    """The raw result of an expression: nodes as their text, dates as ODK writes them."""
    if kind == ANY:
        kind, value = kind_of(value)
    if kind == DATE:
        return date_to_string(value)
    if kind == NUM:
        return float(value)
    return value  # type: ignore[no-any-return]


def date_days(kind: str, value: Any) -> float:
    """A side of a comparison or sum that involves a date, as days (Enketo's asDate)."""
    if kind == DATE:
        return value.days  # type: ignore[no-any-return]
    if kind in (NODE, STR):
        return string_to_date(value).days
    if kind == BOOL:
        return _bool_to_num(value)
    return float(value) if value == value else math.nan


def equal(lk: str, lv: Any, rk: str, rv: Any) -> bool:
    """XPath ``=`` between two single values, as Enketo decides it."""
    if lk == ANY:
        lk, lv = kind_of(lv)
    if rk == ANY:
        rk, rv = kind_of(rv)
    if lk == DATE or rk == DATE:
        if lk == BOOL or rk == BOOL:
            return bool(TO_BOOL[lk](lv) == TO_BOOL[rk](rv))
        return date_days(lk, lv) == date_days(rk, rv)
    # Text that starts like a date compares as a day count (2024-1-31 = 2024-01-31).
    if lk in (NODE, STR) and is_date_string(lv):
        lk, lv = NUM, date_string_to_days(lv)
    if rk in (NODE, STR) and is_date_string(rv):
        rk, rv = NUM, date_string_to_days(rv)
    if lk == NODE and rk == NODE:
        return bool(lv == rv)
    if lk == BOOL or rk == BOOL:
        return bool(TO_BOOL[lk](lv) == TO_BOOL[rk](rv))
    if lk == NUM or rk == NUM:
        return bool(TO_NUM[lk](lv) == TO_NUM[rk](rv))
    return bool(TO_STR[lk](lv) == TO_STR[rk](rv))


def numbers(lk: str, lv: Any, rk: str, rv: Any) -> tuple[float, float]:
    """Both sides of arithmetic or ``< <= > >=`` as numbers.

    Beside a date, text converts as a date (Enketo's asDate): ``today() - '2.5'`` subtracts 2
    days, and text that is no date gives NaN.
    """
    if lk == ANY:
        lk, lv = kind_of(lv)
    if rk == ANY:
        rk, rv = kind_of(rv)
    if (lk == DATE or rk == DATE) and BOOL not in (lk, rk):
        return date_days(lk, lv), date_days(rk, rv)
    return TO_NUM[lk](lv), TO_NUM[rk](rv)


def logic_operands(lk: str, lv: Any, rk: str, rv: Any) -> tuple[bool, bool]:
    """Both sides of ``and``/``or`` as booleans; beside a date (and no boolean), as dates."""
    if lk == ANY:
        lk, lv = kind_of(lv)
    if rk == ANY:
        rk, rv = kind_of(rv)
    if (lk == DATE or rk == DATE) and BOOL not in (lk, rk):
        left, right = date_days(lk, lv), date_days(rk, rv)
        return _num_to_bool(left), _num_to_bool(right)
    return TO_BOOL[lk](lv), TO_BOOL[rk](rv)
