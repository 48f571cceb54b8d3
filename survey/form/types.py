"""The ``type`` column of the survey sheet.

Accepts the spellings pyxform accepts for the supported types (``select_one L``,
``select one L``, ``select_multiple L or_other``, ``begin group`` ...) and names the feature
behind every ODK type Kelisim does not implement, so the author sees what to remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from survey.form.codes import FormCode
from survey.form.model import QuestionType
from survey.form.problems import suggestion
from survey.messages import Message


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

_UNSUPPORTED: dict[str, FormCode] = {
    **dict.fromkeys(["begin_repeat", "begin repeat", "end_repeat", "end repeat", "begin_loop",
                     "begin loop", "end_loop", "end loop"], FormCode.REPEATS),
    **dict.fromkeys(["geopoint", "geotrace", "geoshape", "start-geopoint", "gps"], FormCode.GEO),
    **dict.fromkeys(["image", "photo", "audio", "video", "file", "barcode", "background-audio",
                     "background-video", "add image prompt", "add photo prompt"], FormCode.MEDIA),
    **dict.fromkeys(["select_one_from_file", "select_multiple_from_file",
                     "select one from file", "select multiple from file",
                     "select_one_external", "select_multiple_external"], FormCode.FILE_CHOICES),
    **dict.fromkeys(["start", "end", "today", "deviceid", "imei", "phonenumber", "simserial",
                     "subscriberid", "username", "email", "audit", "start-address"],
                    FormCode.METADATA),
    "range": FormCode.RANGE,
    "rank": FormCode.RANK,
    "time": FormCode.TIME, "datetime": FormCode.DATETIME,
    "hidden": FormCode.HIDDEN, "hidden-questions": FormCode.HIDDEN,
    "xml-external": FormCode.EXTERNAL_INSTANCES, "csv-external": FormCode.EXTERNAL_INSTANCES,
    "osm": FormCode.OSM,
}
#: Spellings of the free-text "other" option after the list name (pyxform's).
_OR_OTHER = frozenset({"or_other", "or other", "or specify other"})
_KNOWN = [*_SIMPLE, *_SELECTS, *_GROUPS, *_UNSUPPORTED]


def parse_type(text: str) -> ParsedType | Message:
    """Interpret the text of a ``type`` cell; a problem is a Message without a location."""
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
    close = suggestion(spelled, _KNOWN)
    advice = (FormCode.SUGGEST_TYPE.message(suggestion=close) if close
              else FormCode.SUPPORTED_TYPES.message())
    return FormCode.UNKNOWN_TYPE.message(type=text, advice=advice)


def _select(text: str, question_type: QuestionType, rest: list[str]) -> ParsedType | Message:
    or_other = " ".join(rest[1:]).lower() in _OR_OTHER
    if len(rest) == 1 or or_other:
        return ParsedType(RowKind.QUESTION, question_type, rest[0], or_other)
    return FormCode.BAD_TYPE.message(type=text)


def _unsupported(text: str, feature: FormCode) -> Message:
    return FormCode.UNSUPPORTED_TYPE.message(type=text, feature=feature.message())
