"""Rendering messages in the interface or report language from the ``messages`` catalogs.

The catalog of a language maps a code to its template (``survey/i18n/locale/<lang>/messages.po``,
``msgid`` = code). Templates use ``str.format`` placeholders named after the message's fields;
``{count:num}`` formats a number with the language's digit grouping and decimal sign (babel).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache
from typing import Any

from babel.numbers import format_decimal

from survey.i18n import LANGUAGES, catalog, locale_of
from survey.messages.model import Field, Location, Message

DOMAIN = "messages"
_LOCATION_PARTS = ("file", "sheet", "row", "column", "question")


def render(message: Message, language: str, *, with_location: bool = True) -> str:
    """The sentence of ``message`` in ``language``, prefixed by its location when it has one."""
    text = _render_body(message, language)
    if with_location and message.location:
        where = render_location(message.location, language)
        return _template("location.prefix", language).format(where=where, text=text)
    return text


def render_all(messages: Sequence[Message], language: str) -> str:
    """Several messages, one per line (e.g. every problem of a questionnaire)."""
    return "\n".join(render(m, language) for m in messages)


def render_location(location: Location, language: str) -> str:
    """``file, sheet 'survey', row 12, column 'relevant'`` in ``language``."""
    parts = []
    for part in _LOCATION_PARTS:
        value = getattr(location, part)
        if value is None or value == "":
            continue
        parts.append(_template(f"location.{part}", language).format(value=value))
    return _template("location.separator", language).join(parts)


def has_template(code: str, language: str) -> bool:
    """Whether the catalog of ``language`` has a template for ``code``."""
    return code in catalog(DOMAIN, language)


def _render_body(message: Message, language: str) -> str:
    template = _template(message.code, language)
    values = {name: _field_text(value, language) for name, value in message.fields.items()}
    return _Formatter(language).vformat(template, (), values)


def _template(code: str, language: str) -> str:
    table = catalog(DOMAIN, language)
    if code in table:
        return table[code]
    english = catalog(DOMAIN, "en")
    return english.get(code, code)


def _field_text(value: Field, language: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, str | int | float):
        return value
    separator = _template("list.separator", language)
    return separator.join(str(_field_text(item, language)) for item in value)


class _Formatter(string.Formatter):
    """``str.format`` with a ``num`` format spec for numbers written as ``language`` writes them.

    ``{n:num}`` groups digits; ``{x:num1}`` also gives one decimal place.
    """

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec.startswith("num") and not isinstance(value, str):
            digits = format_spec[3:]
            pattern = f"#,##0.{'0' * int(digits)}" if digits else "#,##0.###"
            return format_decimal(value, format=pattern, locale=_locale(self._language))
        if format_spec.startswith("num"):
            return value
        return super().format_field(value, format_spec)


@cache
def _locale(language: str) -> str:
    return locale_of(language) if language in LANGUAGES else "en"

