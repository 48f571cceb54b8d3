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
    BEGIN_REPEAT = "begin_repeat"
    END_REPEAT = "end_repeat"


CHOICES_SHEET, FROM_FILE, EXTERNAL = "choices", "file", "external"


@dataclass(frozen=True, slots=True)
class ParsedType:
    """A readable type: its kind and, for questions, the type, choice list and ``or_other``."""

    kind: RowKind
    question_type: QuestionType | None = None
    list_name: str | None = None
    or_other: bool = False
    #: Where the choices come from: the choices sheet, a file beside the form
    #: (``select_one_from_file cities.csv``: ``list_name`` is the file) or the
    #: external_choices sheet (``select_one_external``).
    source: str = CHOICES_SHEET


_Q = QuestionType
_SIMPLE = {
    "text": _Q.TEXT, "string": _Q.TEXT, "add text prompt": _Q.TEXT,
    "integer": _Q.INTEGER, "int": _Q.INTEGER, "add integer prompt": _Q.INTEGER,
    "decimal": _Q.DECIMAL, "add decimal prompt": _Q.DECIMAL,
    "note": _Q.NOTE, "add note prompt": _Q.NOTE,
    "date": _Q.DATE, "add date prompt": _Q.DATE,
    "time": _Q.TIME,
    "datetime": _Q.DATETIME, "date time": _Q.DATETIME, "add date time prompt": _Q.DATETIME,
    "range": _Q.RANGE,
    "calculate": _Q.CALCULATE, "add calculate prompt": _Q.CALCULATE,
    "hidden": _Q.HIDDEN,
    "acknowledge": _Q.ACKNOWLEDGE, "trigger": _Q.ACKNOWLEDGE,
    "add acknowledge prompt": _Q.ACKNOWLEDGE,
    "barcode": _Q.BARCODE, "add barcode prompt": _Q.BARCODE,
    "geopoint": _Q.GEOPOINT, "gps": _Q.GEOPOINT, "location": _Q.GEOPOINT,
    "add location prompt": _Q.GEOPOINT,
    "geotrace": _Q.GEOTRACE, "geoshape": _Q.GEOSHAPE,
    "image": _Q.IMAGE, "photo": _Q.IMAGE, "add image prompt": _Q.IMAGE,
    "add photo prompt": _Q.IMAGE,
    "audio": _Q.AUDIO, "add audio prompt": _Q.AUDIO,
    "video": _Q.VIDEO, "add video prompt": _Q.VIDEO,
    "file": _Q.FILE, "add file prompt": _Q.FILE,
    "start": _Q.START, "start time": _Q.START, "get start time": _Q.START,
    "end": _Q.END, "end time": _Q.END, "get end time": _Q.END,
    "today": _Q.TODAY, "get today": _Q.TODAY,
    "deviceid": _Q.DEVICEID, "device id": _Q.DEVICEID, "get device id": _Q.DEVICEID,
    "imei": _Q.DEVICEID,
    "username": _Q.USERNAME, "email": _Q.EMAIL,
    "phonenumber": _Q.PHONENUMBER, "phone number": _Q.PHONENUMBER,
    "get phone number": _Q.PHONENUMBER,
    "simserial": _Q.SIMSERIAL, "sim id": _Q.SIMSERIAL, "get sim id": _Q.SIMSERIAL,
    "subscriberid": _Q.SUBSCRIBERID, "subscriber id": _Q.SUBSCRIBERID,
    "get subscriber id": _Q.SUBSCRIBERID,
    "audit": _Q.AUDIT,
    "start-geopoint": _Q.START_GEOPOINT,
}
_SELECTS = {
    "select_one": _Q.SELECT_ONE, "select one": _Q.SELECT_ONE,
    "select1": _Q.SELECT_ONE, "select one from": _Q.SELECT_ONE,
    "select one using": _Q.SELECT_ONE, "add select one prompt using": _Q.SELECT_ONE,
    "select_multiple": _Q.SELECT_MULTIPLE,
    "select multiple": _Q.SELECT_MULTIPLE, "select multiple from": _Q.SELECT_MULTIPLE,
    "select multiple using": _Q.SELECT_MULTIPLE,
    "add select multiple prompt using": _Q.SELECT_MULTIPLE,
    "select all that apply": _Q.SELECT_MULTIPLE,
    "select all that apply from": _Q.SELECT_MULTIPLE,
    "rank": _Q.RANK,
}
_GROUPS = {"begin_group": RowKind.BEGIN_GROUP, "begin group": RowKind.BEGIN_GROUP,
           "end_group": RowKind.END_GROUP, "end group": RowKind.END_GROUP}
_REPEATS = {"begin_repeat": RowKind.BEGIN_REPEAT, "begin repeat": RowKind.BEGIN_REPEAT,
            "end_repeat": RowKind.END_REPEAT, "end repeat": RowKind.END_REPEAT}

_FROM_FILE = {
    "select_one_from_file": _Q.SELECT_ONE, "select one from file": _Q.SELECT_ONE,
    "select_multiple_from_file": _Q.SELECT_MULTIPLE,
    "select multiple from file": _Q.SELECT_MULTIPLE,
}
_EXTERNAL = {"select_one_external": _Q.SELECT_ONE, "select one external": _Q.SELECT_ONE}

_UNSUPPORTED: dict[str, FormCode] = {
    **dict.fromkeys(["begin_loop", "begin loop", "end_loop", "end loop"], FormCode.REPEATS),
    **dict.fromkeys(["background-audio", "background-video", "background-geopoint"],
                    FormCode.BACKGROUND),
    **dict.fromkeys(["select_multiple_external"], FormCode.FILE_CHOICES),
    "start-address": FormCode.METADATA,
    "xml-external": FormCode.EXTERNAL_INSTANCES, "csv-external": FormCode.EXTERNAL_INSTANCES,
    "osm": FormCode.OSM,
}
#: Spellings of the free-text "other" option after the list name (pyxform's).
_OR_OTHER = frozenset({"or_other", "or other", "or specify other"})
_KNOWN = [*_SIMPLE, *_SELECTS, *_FROM_FILE, *_EXTERNAL, *_GROUPS, *_REPEATS, *_UNSUPPORTED]


def parse_type(text: str, *, repeats: bool = False) -> ParsedType | Message:
    """Interpret the text of a ``type`` cell; a problem is a Message without a location.

    ``begin_repeat``/``end_repeat`` are read only when ``repeats`` is true (a caller that
    cannot run repeat instances yet gets the unsupported-feature message).
    """
    words = text.split()
    spelled = " ".join(words).lower()
    if spelled in _SIMPLE:
        return ParsedType(RowKind.QUESTION, _SIMPLE[spelled])
    if spelled in _GROUPS:
        return ParsedType(_GROUPS[spelled])
    if spelled in _REPEATS:
        return ParsedType(_REPEATS[spelled]) if repeats else _unsupported(text, FormCode.REPEATS)
    if spelled in _UNSUPPORTED:
        return _unsupported(text, _UNSUPPORTED[spelled])
    if spelled in _SELECTS:
        return _select(text, _SELECTS[spelled], [])
    for size in (4, 3, 2, 1):
        keyword = " ".join(words[:size]).lower()
        if len(words) > size and keyword in _UNSUPPORTED:
            return _unsupported(text, _UNSUPPORTED[keyword])
        if len(words) > size and keyword in _REPEATS and not repeats:
            return _unsupported(text, FormCode.REPEATS)
        if len(words) == size + 1 and keyword in _FROM_FILE:
            return _from_file(text, _FROM_FILE[keyword], words[size])
        if len(words) == size + 1 and keyword in _EXTERNAL:
            return ParsedType(RowKind.QUESTION, _EXTERNAL[keyword], words[size],
                              source=EXTERNAL)
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


def _from_file(text: str, question_type: QuestionType, file: str) -> ParsedType | Message:
    if not file.lower().endswith((".csv", ".xml", ".geojson")):
        return FormCode.BAD_TYPE.message(type=text)
    return ParsedType(RowKind.QUESTION, question_type, file, source=FROM_FILE)


def _unsupported(text: str, feature: FormCode) -> Message:
    return FormCode.UNSUPPORTED_TYPE.message(type=text, feature=feature.message())
