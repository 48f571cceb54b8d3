"""The ``type`` column of the survey sheet.

Accepts the spellings pyxform accepts for the supported types (``select_one L``,
``select one L``, ``select_multiple L or_other``, ``begin group`` ...) and names the feature
behind every ODK type Kelisim does not implement, so the author sees what to remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from survey.form.model import QuestionType
from survey.form.problems import suggestion


class RowKind(Enum):
    """What a survey row is."""

    QUESTION = "question"
    BEGIN_GROUP = "begin_group"
    END_GROUP = "end_group"


@dataclass(frozen=True, slots=True)
class ParsedType:
    """A readable type: its kind and, for questions, the type, choice list and ``or_other``."""

    kind: RowKind
    question_type: QuestionType | None = None
    list_name: str | None = None
    or_other: bool = False


@dataclass(frozen=True, slots=True)
class TypeProblem:
    """Why a type cannot be read: a code and a message."""

    code: str
    message: str


_SIMPLE = {
    "text": QuestionType.TEXT, "string": QuestionType.TEXT,
    "integer": QuestionType.INTEGER, "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "note": QuestionType.NOTE,
    "date": QuestionType.DATE,
    "calculate": QuestionType.CALCULATE,
    "acknowledge": QuestionType.ACKNOWLEDGE, "trigger": QuestionType.ACKNOWLEDGE,
}
_SELECTS = {
    "select_one": QuestionType.SELECT_ONE, "select one": QuestionType.SELECT_ONE,
    "select1": QuestionType.SELECT_ONE, "select one from": QuestionType.SELECT_ONE,
    "select_multiple": QuestionType.SELECT_MULTIPLE,
    "select multiple": QuestionType.SELECT_MULTIPLE,
    "select all that apply": QuestionType.SELECT_MULTIPLE,
    "select all that apply from": QuestionType.SELECT_MULTIPLE,
}
_GROUPS = {"begin_group": RowKind.BEGIN_GROUP, "begin group": RowKind.BEGIN_GROUP,
           "end_group": RowKind.END_GROUP, "end group": RowKind.END_GROUP}

_REPEATS = "repeats (begin_repeat/end_repeat); use separate questions instead"
_GEO = "GPS locations (geopoint, geotrace, geoshape)"
_MEDIA = "photos, recordings, files and barcodes"
_EXTERNAL = "choices from files (select_one_from_file, select_one_external)"
_METADATA = "metadata rows (start, end, today, deviceid ...); Kelisim records times and the device itself"
_UNSUPPORTED = {
    **dict.fromkeys(["begin_repeat", "begin repeat", "end_repeat", "end repeat", "begin_loop",
                     "begin loop", "end_loop", "end loop"], _REPEATS),
    **dict.fromkeys(["geopoint", "geotrace", "geoshape", "start-geopoint", "gps"], _GEO),
    **dict.fromkeys(["image", "photo", "audio", "video", "file", "barcode", "background-audio",
                     "background-video", "add image prompt", "add photo prompt"], _MEDIA),
    **dict.fromkeys(["select_one_from_file", "select_multiple_from_file",
                     "select one from file", "select multiple from file",
                     "select_one_external", "select_multiple_external"], _EXTERNAL),
    **dict.fromkeys(["start", "end", "today", "deviceid", "imei", "phonenumber", "simserial",
                     "subscriberid", "username", "email", "audit", "start-address"], _METADATA),
    "range": "range questions; use an integer with a constraint",
    "rank": "rank questions",
    "time": "time questions", "datetime": "date-and-time questions",
    "hidden": "hidden questions; use calculate",
    "xml-external": "external instances", "csv-external": "external instances",
    "osm": "OpenStreetMap questions", "hidden-questions": "hidden questions",
}
#: Spellings of the free-text "other" option after the list name (pyxform's).
_OR_OTHER = frozenset({"or_other", "or other", "or specify other"})
_KNOWN = [*_SIMPLE, *_SELECTS, *_GROUPS, *_UNSUPPORTED]


def parse_type(text: str) -> ParsedType | TypeProblem:
    """Interpret the text of a ``type`` cell."""
    words = text.split()
    spelled = " ".join(words).lower()
    if spelled in _SIMPLE:
        return ParsedType(RowKind.QUESTION, _SIMPLE[spelled])
    if spelled in _GROUPS:
        return ParsedType(_GROUPS[spelled])
    if spelled in _UNSUPPORTED:
        return _unsupported(text, _UNSUPPORTED[spelled])
    if spelled in _SELECTS:
        return _select(text, _SELECTS[spelled], [])
    for size in (4, 3, 2, 1):
        keyword = " ".join(words[:size]).lower()
        if len(words) > size and keyword in _UNSUPPORTED:
            return _unsupported(text, _UNSUPPORTED[keyword])
        if len(words) > size and keyword in _SELECTS:
            return _select(text, _SELECTS[keyword], words[size:])
    return TypeProblem("form.unknown_type",
                       f"the type '{text}' is not an XLSForm type Kelisim knows.{suggestion(spelled, _KNOWN)} "
                       "Supported: text, integer, decimal, select_one LIST, select_multiple LIST, "
                       "note, date, calculate, acknowledge, begin_group, end_group.")


def _select(text: str, question_type: QuestionType, rest: list[str]) -> ParsedType | TypeProblem:
    or_other = " ".join(rest[1:]).lower() in _OR_OTHER
    if len(rest) == 1 or or_other:
        return ParsedType(RowKind.QUESTION, question_type, rest[0], or_other)
    return TypeProblem("form.bad_type",
                       f"the type '{text}' should be the select keyword, one list name without "
                       "spaces and optionally 'or_other' (e.g. 'select_one yes_no').")


def _unsupported(text: str, feature: str) -> TypeProblem:
    return TypeProblem("form.unsupported_type",
                       f"the type '{text}' is not supported: Kelisim does not implement {feature}. "
                       "Remove the row or change its type.")
