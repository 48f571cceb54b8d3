"""Checks of single stored values as another file holds them (merge inputs).

A cell is ``(storage class, raw value)`` as SQLite keeps it: ``typeof()`` and the value read
with bytes for text, so text that is not UTF-8 or holds a NUL byte, a BLOB where text belongs,
an impossible date or a time stamp in another form are told apart before anything reads them
as Python values. Each check returns None when the value is fine, else the message saying
what is wrong with it (never the value itself).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from survey.form.model import QuestionType
from survey.interview import limits
from survey.messages import Message
from survey.sealing.drafts import is_encrypted
from survey.store.codes import StoreCode
from survey.store.values import DATE, MULTIPLE, TEXT, VALUE_TYPES

#: (``typeof()`` of the value, the value with text read as bytes)
Cell = tuple[str, Any]

#: Stored times: UTC, ISO 8601, ``Z`` (``2026-03-01T04:00:02.000000Z``).
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
_OFFSET = re.compile(r"[+-]\d{2}:[0-5]\d")
_INTEGER = re.compile(r"-?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
#: Identifiers (interview ids, question names) longer than this are not ours.
KEY_LIMIT = 200

#: The value types the answers to a question of each type may have.
EXPECTED_TYPES: dict[QuestionType, frozenset[str]] = {
    QuestionType.INTEGER: frozenset({"integer"}),
    QuestionType.DECIMAL: frozenset({"decimal", "integer"}),
    QuestionType.DATE: frozenset({DATE}),
    QuestionType.SELECT_MULTIPLE: frozenset({MULTIPLE}),
}
_KIND_OF_TYPE = {TEXT: limits.TEXT, MULTIPLE: limits.CHOICES, "integer": limits.INTEGER,
                 "decimal": limits.DECIMAL}


def text_of(cell: Cell) -> str | Message:
    """The text of a cell, or why it is not acceptable text."""
    kind, raw = cell
    if kind != "text":
        return StoreCode.NOT_TEXT.message()
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    except UnicodeDecodeError:
        return StoreCode.BAD_UTF8.message()
    return StoreCode.NUL.message() if "\x00" in text else text


def optional_text(cell: Cell) -> Message | None:
    """None when the cell is NULL or acceptable text, else why not."""
    if cell[0] == "null":
        return None
    text = text_of(cell)
    return text if isinstance(text, Message) else _long(limits.TEXT, text)


def key_problem(cell: Cell, *, may_be_empty: bool = False) -> Message | None:
    """An interview id or question name: acceptable text of at most ``KEY_LIMIT`` characters
    (a form version may be empty: XLSForm's ``version`` is optional)."""
    text = text_of(cell)
    if isinstance(text, Message):
        return text
    if not text and may_be_empty:
        return None
    return StoreCode.BAD_KEY.message() if not text or len(text) > KEY_LIMIT else None


def time_problem(cell: Cell, *, optional: bool = False) -> Message | None:
    """A stored time (``2026-03-01T04:00:02.000000Z``)."""
    if optional and cell[0] == "null":
        return None
    text = text_of(cell)
    if isinstance(text, Message):
        return text
    if _TIME.fullmatch(text) is None:
        return StoreCode.BAD_TIME.message()
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return StoreCode.BAD_TIME.message()
    return None


def offset_problem(cell: Cell) -> Message | None:
    """A device's offset from UTC (``+05:00``)."""
    text = text_of(cell)
    if isinstance(text, Message):
        return text
    return None if _OFFSET.fullmatch(text) and int(text[1:3]) <= 14 else \
        StoreCode.BAD_OFFSET.message()


def answer_problem(value_type: Cell, value_text: Cell, value_num: Cell,
                   question: QuestionType | None) -> Message | None:
    """An answer row's value: its value type, text and number agree, fit the question's type
    (when the questionnaire is known) and stay within the limits of their kind."""
    kind = text_of(value_type)
    if isinstance(kind, Message) or kind not in VALUE_TYPES:
        return StoreCode.WRONG_TYPE.message(expected=_expected(question))
    text = text_of(value_text)
    if isinstance(text, Message):
        return text
    if kind == TEXT and is_encrypted(text):  # a draft's answer, readable with its device key
        return None if value_num[0] == "null" else StoreCode.WRONG_TYPE.message(expected=kind)
    if question is not None and kind not in EXPECTED_TYPES.get(question, frozenset({TEXT})):
        return StoreCode.WRONG_TYPE.message(expected=question.value)
    return _value_problem(kind, text, value_num) or _long(_KIND_OF_TYPE.get(kind), text)


def _value_problem(kind: str, text: str, number: Cell) -> Message | None:
    if kind == "integer":
        ok = _INTEGER.fullmatch(text) is not None and len(text.lstrip("-")) <= 18 and \
            number[0] == "integer" and number[1] == int(text)
        return None if ok else StoreCode.NOT_INTEGER.message()
    if kind == "decimal":
        ok = _DECIMAL.fullmatch(text) is not None and number[0] in ("integer", "real") and \
            math.isfinite(float(number[1])) and math.isclose(float(number[1]), float(text))
        return None if ok else StoreCode.NOT_DECIMAL.message()
    if number[0] != "null":
        return StoreCode.WRONG_TYPE.message(expected=kind)
    if kind == DATE:
        return None if _is_date(text) else StoreCode.NOT_DATE.message()
    if kind == MULTIPLE:
        names = text.split(" ")
        return None if all(names) and not any(c.isspace() for c in text if c != " ") else \
            StoreCode.NOT_CHOICES.message()
    return None


def _is_date(text: str) -> bool:
    if _DATE.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _long(kind: str | None, text: str) -> Message | None:
    limit = None if kind is None else limits.over_limit(kind, text)
    return None if limit is None else StoreCode.LONG.message(limit=limit)


def _expected(question: QuestionType | None) -> str:
    return "?" if question is None else question.value
