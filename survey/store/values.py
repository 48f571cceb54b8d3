"""Typed answer values: Python value <-> (value_type, value_text, value_num) columns.

``value_text`` always holds the value as an ODK instance would (``"25"``, ``"2.5"``,
``"2024-05-01"``, ``"a b"`` for select_multiple), so analysts can read every row without
decoding; ``value_num`` repeats integers and decimals as numbers for SQL arithmetic;
``value_type`` says how to turn the row back into the Python value of the "Answers" contract.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from survey.errors import StoreError
from survey.messages import Location
from survey.store.codes import StoreCode

Answer = str | int | float | tuple[str, ...] | date

TEXT, INTEGER, DECIMAL, DATE, MULTIPLE = "text", "integer", "decimal", "date", "multiple"
VALUE_TYPES = (TEXT, INTEGER, DECIMAL, DATE, MULTIPLE)

Encoded = tuple[str, str, float | int | None]


def encode(question: str, value: object) -> Encoded:
    """``(value_type, value_text, value_num)`` for an answer; StoreError for other types."""
    if isinstance(value, str):
        return TEXT, value, None
    if isinstance(value, bool):
        raise _bad(question, value)
    if isinstance(value, int):
        return INTEGER, str(value), value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _bad(question, value)
        return DECIMAL, repr(value), value
    if isinstance(value, datetime):
        raise _bad(question, value)
    if isinstance(value, date):
        return DATE, value.isoformat(), None
    if isinstance(value, tuple) and all(_is_choice_name(item) for item in value):
        return MULTIPLE, " ".join(value), None
    raise _bad(question, value)


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
    return StoreError(StoreCode.BAD_VALUE, Location(question=question or None),
                      type=type(value).__name__, value=repr(value))
