"""``format-date()`` and ``format-date-time()``: ODK's %-escapes, as Enketo implements them."""

from __future__ import annotations

from datetime import datetime, timedelta

from survey.errors import ExpressionError
from survey.expressions.codes import ExpressionCode
from survey.expressions.values import XDate
from survey.messages import Message

# Enketo asks the browser for short names in its locale; a browser in English gives these.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _fields(wall: datetime) -> dict[str, str]:
    year = f"{wall.year:04d}"
    return {
        "Y": year, "y": year[2:], "m": f"{wall.month:02d}", "n": str(wall.month),
        "b": _MONTHS[wall.month - 1], "d": f"{wall.day:02d}", "e": str(wall.day),
        "H": f"{wall.hour:02d}", "h": str(wall.hour), "M": f"{wall.minute:02d}",
        "S": f"{wall.second:02d}", "3": f"{wall.microsecond // 1000:03d}",
        "a": _WEEKDAYS[wall.weekday()], "%": "%",
    }


def check_format(pattern: str) -> None:
    """Raise ExpressionError (``expression.format_date``) for an escape ODK does not know."""
    i = 0
    while i < len(pattern):
        if pattern[i] == "%":
            if i + 1 >= len(pattern):
                raise _error(pattern, ExpressionCode.LONE_PERCENT.message())
            if pattern[i + 1] not in "YymnbdeHhMS3a%":
                raise _error(pattern, ExpressionCode.UNKNOWN_ESCAPE.message(escape=pattern[i:i + 2]))
            i += 1
        i += 1


def _error(pattern: str, reason: Message) -> ExpressionError:
    return ExpressionError(ExpressionCode.FORMAT_DATE.message(pattern=pattern, reason=reason),
                           source=pattern)


def format_date(value: XDate, pattern: str) -> str:
    """The date written with the pattern; ``''`` for a blank or invalid date."""
    if value.ms != value.ms:
        return ""
    try:
        wall = datetime(1970, 1, 1) + timedelta(milliseconds=value.ms)
    except OverflowError:
        return ""
    check_format(pattern)
    fields = _fields(wall)
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "%":
            out.append(fields[pattern[i + 1]])
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)
