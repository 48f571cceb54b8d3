"""Typed answer values: Python value <-> (value_type, value_text, value_num) columns.

``value_text`` always holds the value as an ODK instance would (``"25"``, ``"2.5"``, ``"2"``
for 2.0, ``"0.00001"`` for 1e-05, ``"2024-05-01"``, ``"a b"`` for select_multiple): the one text
form, :func:`survey.interview.answers.to_odk`, that the engine's expressions read too. Analysts
can read every row without decoding; ``value_num`` repeats integers and decimals as numbers for
SQL arithmetic; ``value_type`` says how to turn the row back into the Python value of the
"Answers" contract (the one :data:`~survey.interview.answers.Answer` type).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import cast

from survey.errors import StoreError
from survey.interview import limits
from survey.interview.answers import Answer, to_odk
from survey.messages import Location
from survey.store.codes import StoreCode

TEXT, INTEGER, DECIMAL, DATE, MULTIPLE = "text", "integer", "decimal", "date", "multiple"
VALUE_TYPES = (TEXT, INTEGER, DECIMAL, DATE, MULTIPLE)

Encoded = tuple[str, str, float | int | None]

#: The kind of value named in ``store.too_long``.
KIND_MESSAGES = {limits.TEXT: StoreCode.VALUE_TEXT, limits.CHOICES: StoreCode.VALUE_CHOICES,
                 limits.INTEGER: StoreCode.VALUE_INTEGER, limits.DECIMAL: StoreCode.VALUE_DECIMAL}


def encode(question: str, value: object) -> Encoded:
    """``(value_type, value_text, value_num)`` for an answer; StoreError ``store.bad_value``
    for other types and ``store.too_long`` beyond the limits of ``survey.interview.limits``."""
    value_type = _value_type(value)
    if value_type is None:
        raise _bad(question, value)
    answer = cast(Answer, value)
    number = answer if isinstance(answer, int | float) else None
    text = to_odk(answer)
    kind = limits.value_kind(answer)
    limit = None if kind is None else limits.over_limit(kind, text)
    if kind is not None and limit is not None:
        raise StoreError(StoreCode.TOO_LONG, Location(question=question or None),
                         kind=KIND_MESSAGES[kind].message(), limit=limit)
    return value_type, text, number


def _value_type(value: object) -> str | None:
    if isinstance(value, str):
        return TEXT
    if isinstance(value, bool | datetime):
        return None
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return DECIMAL if math.isfinite(value) else None
    if isinstance(value, date):
        return DATE
    if isinstance(value, tuple) and all(_is_choice_name(item) for item in value):
        return MULTIPLE
    return None


def decode(value_type: str, value_text: str, value_num: float | int | None) -> Answer:
    """The Python value of a stored answer row."""
    if value_type == TEXT:
        return value_text
    if value_type == INTEGER:
        return int(value_text)
    if value_type == DECIMAL:
        return float(value_text)
    if value_type == DATE:
        return date.fromisoformat(value_text)
    if value_type == MULTIPLE:
        return tuple(value_text.split())
    raise StoreError(StoreCode.CORRUPT,
                     detail=StoreCode.UNKNOWN_VALUE_TYPE.message(value_type=value_type))


def text_form(value: Answer | None) -> str | None:
    """The ODK text form of a value (None stays None), as written to the audit log."""
    return None if value is None else encode("", value)[1]


def _is_choice_name(item: object) -> bool:
    return isinstance(item, str) and item != "" and not any(ch.isspace() for ch in item)


def _bad(question: str, value: object) -> Exception:
    # The question and the problem, never the value: it may be what a respondent said.
    return StoreError(StoreCode.BAD_VALUE, Location(question=question or None),
                      type=type(value).__name__)
