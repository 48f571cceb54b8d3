"""Values written in form cells: defaults and the automatic ``other`` choice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from survey.form import typed
from survey.form.codes import FormCode
from survey.form.model import OTHER_CHOICE, Choice, Question, QuestionType, Text
from survey.messages import Message

#: Label of the choice ``or_other`` adds, in the languages Kelisim ships (pyxform adds "Other").
OTHER_LABELS = {"kk": "Басқа", "ru": "Другое", "en": "Other"}


def other_choice(choices: tuple[Choice, ...], languages: tuple[str, ...]) -> tuple[Choice, ...]:
    """``choices`` with the ``other`` choice of ``or_other`` appended (unless already there)."""
    if any(c.name == OTHER_CHOICE for c in choices):
        return choices
    label = Text.of({lang: OTHER_LABELS.get(lang, "Other") for lang in languages})
    extra = tuple((key, "") for key, _ in choices[0].extra) if choices else ()
    return (*choices, Choice(OTHER_CHOICE, label, extra, choices[-1].location))


def check_default(question: Question) -> Message | None:
    """Why the ``default`` of ``question`` is not a valid answer (no location), or None."""
    value = question.default or ""
    reason = _type_problem(question, value)
    return FormCode.BAD_DEFAULT.message(value=value, reason=reason) if reason else None


def _type_problem(question: Question, value: str) -> Message | None:
    qtype = question.type
    if qtype is QuestionType.INTEGER and not _parses(int, value):
        return FormCode.NOT_WHOLE_NUMBER.message()
    if qtype is QuestionType.DECIMAL and not _parses(float, value):
        return FormCode.NOT_NUMBER.message()
    if qtype is QuestionType.DATE and not _parses(dt.date.fromisoformat, value):
        return FormCode.NOT_DATE.message()
    typed = _TYPED.get(qtype)
    if typed is not None and typed[0](value)[1] is not None:
        return typed[1].message()
    if qtype.is_select:
        names = {c.name for c in question.choices}
        given = value.split() if qtype is QuestionType.SELECT_MULTIPLE else [value]
        missing = [v for v in given if v not in names]
        if question.choices and missing:
            return FormCode.NOT_CHOICE.message(list=question.list_name, values=missing)
    return None


_TYPED: dict[QuestionType, tuple[Callable[[object], typed.Parsed], FormCode]] = {
    QuestionType.TIME: (typed.parse_time, FormCode.NOT_TIME),
    QuestionType.DATETIME: (typed.parse_datetime, FormCode.NOT_DATETIME),
    QuestionType.GEOPOINT: (typed.parse_geopoint, FormCode.NOT_LOCATION),
}


def _parses(convert: Callable[[str], object], value: str) -> bool:
    try:
        convert(value)
    except ValueError:
        return False
    return True
