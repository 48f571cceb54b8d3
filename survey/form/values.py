"""Values written in form cells: defaults and the automatic ``other`` choice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from survey.form.model import OTHER_CHOICE, Choice, Question, QuestionType, Text

#: Label of the choice ``or_other`` adds, in the languages Kelisim ships (pyxform adds "Other").
OTHER_LABELS = {"kk": "Басқа", "ru": "Другое", "en": "Other"}


def other_choice(choices: tuple[Choice, ...], languages: tuple[str, ...]) -> tuple[Choice, ...]:
    """``choices`` with the ``other`` choice of ``or_other`` appended (unless already there)."""
    if any(c.name == OTHER_CHOICE for c in choices):
        return choices
    label = Text.of({lang: OTHER_LABELS.get(lang, "Other") for lang in languages})
    extra = tuple((key, "") for key, _ in choices[0].extra) if choices else ()
    return (*choices, Choice(OTHER_CHOICE, label, extra, choices[-1].location))


def check_default(question: Question) -> str | None:
    """Why the ``default`` of ``question`` is not a valid answer, or None when it is."""
    value = question.default or ""
    if "${" in value:
        return ("defaults computed from other answers are not supported. Use a plain value, "
                "or a calculate row.")
    problem = _type_problem(question, value)
    return f"the default '{value}' {problem}. Fix or empty the default." if problem else None


def _type_problem(question: Question, value: str) -> str | None:
    qtype = question.type
    if qtype is QuestionType.INTEGER and not _parses(int, value):
        return "is not a whole number"
    if qtype is QuestionType.DECIMAL and not _parses(float, value):
        return "is not a number"
    if qtype is QuestionType.DATE and not _parses(dt.date.fromisoformat, value):
        return "is not a date written YYYY-MM-DD"
    if qtype.is_select:
        names = {c.name for c in question.choices}
        given = value.split() if qtype is QuestionType.SELECT_MULTIPLE else [value]
        missing = [v for v in given if v not in names]
        if question.choices and missing:
            return f"is not a choice of list '{question.list_name}' ({', '.join(missing)})"
    return None


def _parses(convert: Callable[[str], object], value: str) -> bool:
    try:
        convert(value)
    except ValueError:
        return False
    return True
