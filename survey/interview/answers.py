"""Answers of the interview engine: Python values, their ODK text form, and typed input.

Python values per type (see docs/architecture.md, "Answers"): text / select_one / acknowledge →
``str``; integer → ``int``; decimal → ``float``; select_multiple → ``tuple[str, ...]``; date →
``datetime.date``; calculate → ``str``. ``None`` is unanswered. The types added for ODK forms
keep their ODK text as ``str`` (``survey.interview.values``): time ``10:30:00.000+05:00``,
datetime ``2024-01-31T10:30:00.000+05:00``, geopoint ``lat lon alt acc``, geotrace/geoshape
points joined by ``;``, media the attached file's name, barcode and metadata text; range is an
``int`` or a ``float`` (by its parameters), rank a ``tuple`` in the ranked order, today a
``date``.

The ODK text form is what an ODK instance holds and what expressions read: numbers as decimal
text, dates as ``YYYY-MM-DD``, select_multiple as space-separated choice names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from numbers import Integral, Real
from typing import Union

from survey.form import typed as values
from survey.form.model import Question, QuestionType

Answer = Union[str, int, float, date, tuple[str, ...]]  # noqa: UP007 (runtime alias)

#: The only value an ``acknowledge`` question holds.
ACKNOWLEDGED = "OK"

# ODK Collect (JavaRosa) integers are 32-bit.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: (parsed value or None, failure code or None)
Parsed = tuple[Answer | None, str | None]


def to_odk(value: Answer | None) -> str:
    """The ODK instance text of an answer ("" when unanswered)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("a bool is not an answer value")
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return format_decimal(float(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return " ".join(value)
    raise TypeError(f"{type(value).__name__} is not an answer value")


def format_decimal(value: float) -> str:
    """A float as plain decimal text without exponent (``2.0`` → ``2``, ``0.1`` → ``0.1``)."""
    if value.is_integer():
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_empty(value: object) -> bool:
    """Whether an input value means "no answer" (None, blank text, empty selection)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    return isinstance(value, tuple | list | set | frozenset) and len(value) == 0


def parse_answer(question: Question, value: object) -> Parsed:
    """Convert a typed value or its text form into the Python answer for ``question``.

    Checks the type only (not choices, required or constraint). Returns ``(None, None)`` for an
    empty value and ``(None, code)`` when the value does not fit the type.
    """
    if is_empty(value):
        return None, None
    if question.type is QuestionType.RANGE:
        return values.parse_range(question, value, _parse_integer, _parse_decimal)
    parser = _PARSERS.get(question.type)
    if parser is None:
        return None, "read_only"
    return parser(value)


def _parse_text(value: object) -> Parsed:
    return (value, None) if isinstance(value, str) else (None, "type.text")


def _parse_integer(value: object) -> Parsed:
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, Integral):
        number = int(value)
    elif isinstance(value, Real) and math.isfinite(float(value)) and float(value).is_integer():
        number = int(float(value))
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None or not _INT_MIN <= number <= _INT_MAX:
        return None, "type.integer"
    return number, None


def _parse_decimal(value: object) -> Parsed:
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, Real):
        number = float(value)
    elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        # Kazakh and Russian keyboards write the decimal separator as a comma.
        number = float(value.strip().replace(",", "."))
    if number is None or not math.isfinite(number):
        return None, "type.decimal"
    return number, None


def _parse_date(value: object) -> Parsed:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, "type.date"


def _parse_select_one(value: object) -> Parsed:
    if isinstance(value, str):
        return value.strip(), None
    if isinstance(value, Integral) and not isinstance(value, bool):
        # Likert lists name their choices 1..5; accept the number as the name.
        return str(int(value)), None
    return None, "choice.unknown"


def _parse_select_multiple(value: object) -> Parsed:
    names: Iterable[object]
    if isinstance(value, str):
        names = value.split()
    elif isinstance(value, tuple | list | set | frozenset):
        names = value
    else:
        return None, "choice.unknown"
    parsed: list[str] = []
    for name in names:
        one, code = _parse_select_one(name)
        if code is not None or not isinstance(one, str) or not one:
            return None, "choice.unknown"
        parsed.append(one)
    return tuple(parsed), None


def _parse_acknowledge(value: object) -> Parsed:
    if value is True or (isinstance(value, str) and value.strip().upper() == ACKNOWLEDGED):
        return ACKNOWLEDGED, None
    return None, "type.acknowledge"


def _parse_rank(value: object) -> Parsed:
    parsed, code = _parse_select_multiple(value)
    return parsed, (None if code is None else "choice.unknown")


_PARSERS: dict[QuestionType, Callable[[object], Parsed]] = {
    QuestionType.TEXT: _parse_text,
    QuestionType.BARCODE: _parse_text,
    QuestionType.HIDDEN: _parse_text,
    QuestionType.RANK: _parse_rank,
    QuestionType.TIME: values.parse_time,
    QuestionType.DATETIME: values.parse_datetime,
    QuestionType.START: values.parse_datetime,
    QuestionType.END: values.parse_datetime,
    QuestionType.TODAY: _parse_date,
    QuestionType.GEOPOINT: values.parse_geopoint,
    QuestionType.GEOTRACE: values.parse_geotrace,
    QuestionType.GEOSHAPE: values.parse_geoshape,
    QuestionType.START_GEOPOINT: values.parse_geopoint,
    **dict.fromkeys([QuestionType.IMAGE, QuestionType.AUDIO, QuestionType.VIDEO,
                     QuestionType.FILE], values.parse_file_name),
    **dict.fromkeys([QuestionType.DEVICEID, QuestionType.USERNAME, QuestionType.PHONENUMBER,
                     QuestionType.EMAIL, QuestionType.SIMSERIAL, QuestionType.SUBSCRIBERID,
                     QuestionType.AUDIT], _parse_text),
    QuestionType.INTEGER: _parse_integer,
    QuestionType.DECIMAL: _parse_decimal,
    QuestionType.DATE: _parse_date,
    QuestionType.SELECT_ONE: _parse_select_one,
    QuestionType.SELECT_MULTIPLE: _parse_select_multiple,
    QuestionType.ACKNOWLEDGE: _parse_acknowledge,
    QuestionType.CALCULATE: _parse_text,
}


def shown(value: object) -> str:
    """A rejected input as it appears inside a message."""
    if isinstance(value, tuple | list | set | frozenset):
        return " ".join(str(v) for v in value)
    return str(value)
