"""Messages of the interview engine as data: codes whose sentences live in the catalogs.

A refused answer gets a :class:`~survey.messages.Message`: the form's own
``required_message`` / ``constraint_message`` in the interview language when it has one
(:attr:`InterviewCode.FORM_TEXT`), else a built-in code whose Kazakh, Russian and English
templates are in ``survey/i18n/locale/<lang>/messages/interview.po``. The GUI renders it with
:func:`survey.messages.render` in :func:`message_language` of the form language.
"""

from __future__ import annotations

import functools

from survey.i18n import DEFAULT_LANGUAGE, LANGUAGES
from survey.messages import Message, MessageCode, render


class InterviewCode(MessageCode):
    """Validation messages (keyed by the engine's validation code) and engine errors."""

    REQUIRED = ("interview.required", ())
    CONSTRAINT = ("interview.constraint", ("rule",))
    TYPE_INTEGER = ("interview.type.integer", ("value",))
    TYPE_DECIMAL = ("interview.type.decimal", ("value",))
    TYPE_DATE = ("interview.type.date", ("value",))
    TYPE_TEXT = ("interview.type.text", ())
    TYPE_ACKNOWLEDGE = ("interview.type.acknowledge", ())
    TYPE_TIME = ("interview.type.time", ("value",))
    TYPE_DATETIME = ("interview.type.datetime", ("value",))
    TYPE_GEOPOINT = ("interview.type.geopoint", ("value",))
    TYPE_GEOTRACE = ("interview.type.geotrace", ())
    TYPE_GEOSHAPE = ("interview.type.geoshape", ())
    TYPE_FILE = ("interview.type.file", ())
    RANGE = ("interview.range", ("value",))
    RANK_INCOMPLETE = ("interview.rank.incomplete", ())
    FILE_TOO_LARGE = ("interview.file.too_large", ("size", "limit"))
    CHOICE_UNKNOWN = ("interview.choice.unknown", ("value",))
    CHOICE_DUPLICATE = ("interview.choice.duplicate", ("value",))
    READ_ONLY = ("interview.read_only", ())
    #: Longer than the limit of its kind (``survey.interview.limits``).
    TOO_LONG = ("interview.too_long", ("limit",))
    #: The form's own required_message / constraint_message, in the interview language.
    FORM_TEXT = ("interview.form_text", ("text",))
    #: A typed date that cannot be read, has no four-digit year, or does not exist
    #: (``survey.interview.dates``); ``example`` is today in the form ``30.11.2026``.
    DATE_FORMAT = ("interview.date_format", ("value", "example"))
    DATE_YEAR = ("interview.date_year", ("value", "example"))
    DATE_NOT_REAL = ("interview.date_not_real", ("value",))
    #: The label of the ``other`` choice that ``or_other`` adds.
    OTHER = ("interview.other", ())
    UNKNOWN_NAME = ("interview.unknown_name", ("form", "name"))
    NOT_SELECT = ("interview.not_select", ("form", "name"))
    #: The saved value itself is not shown: it may be what a respondent said.
    BAD_SAVED_ANSWER = ("interview.bad_saved_answer", ("form", "name", "type"))


#: The built-in message of each validation code of :class:`~survey.interview.Validation`.
VALIDATION_MESSAGES: dict[str, InterviewCode] = {
    "required": InterviewCode.REQUIRED,
    "constraint": InterviewCode.CONSTRAINT,
    "type.integer": InterviewCode.TYPE_INTEGER,
    "type.decimal": InterviewCode.TYPE_DECIMAL,
    "type.date": InterviewCode.TYPE_DATE,
    "type.text": InterviewCode.TYPE_TEXT,
    "type.acknowledge": InterviewCode.TYPE_ACKNOWLEDGE,
    "type.time": InterviewCode.TYPE_TIME,
    "type.datetime": InterviewCode.TYPE_DATETIME,
    "type.geopoint": InterviewCode.TYPE_GEOPOINT,
    "type.geotrace": InterviewCode.TYPE_GEOTRACE,
    "type.geoshape": InterviewCode.TYPE_GEOSHAPE,
    "type.file": InterviewCode.TYPE_FILE,
    "range": InterviewCode.RANGE,
    "rank.incomplete": InterviewCode.RANK_INCOMPLETE,
    "choice.unknown": InterviewCode.CHOICE_UNKNOWN,
    "choice.duplicate": InterviewCode.CHOICE_DUPLICATE,
    "read_only": InterviewCode.READ_ONLY,
    "too_long": InterviewCode.TOO_LONG,
}

# Language keys of forms that do not use the two-letter codes (``label::Kazakh``, ...).
_ALIASES: dict[str, str] = {
    "kazakh": "kk", "қазақша": "kk", "қазақ": "kk", "kaz": "kk",
    "russian": "ru", "русский": "ru", "rus": "ru",
    "english": "en", "eng": "en",
}


def message_language(language: str | None, fallback: str = DEFAULT_LANGUAGE) -> str:
    """The supported language nearest to a form language key (``"Русский"`` -> ``"ru"``,
    ``"English (en)"`` -> ``"en"``), else ``fallback`` (e.g. the interface language)."""
    key = (language or "").strip().lower()
    if key in LANGUAGES:
        return key
    if "(" in key and key.endswith(")"):
        code = key[key.rindex("(") + 1 : -1].strip()
        if code in LANGUAGES:
            return code
        key = key[: key.rindex("(")].strip()
    return _ALIASES.get(key, fallback)


def builtin_message(code: str, value: str = "", rule: str = "", limit: int = 0) -> Message:
    """The built-in message of a validation ``code`` with the fields it declares."""
    kind = VALIDATION_MESSAGES[code]
    given: dict[str, str | int] = {"value": value, "rule": rule, "limit": limit}
    return kind.message(**{name: given[name] for name in kind.fields})


@functools.lru_cache(maxsize=32)
def other_label(language: str | None) -> str:
    """The label of the ``other`` option that ``or_other`` adds, in a form language (the
    catalogs never change while the program runs: rendered once per language)."""
    return render(InterviewCode.OTHER.message(), message_language(language))
