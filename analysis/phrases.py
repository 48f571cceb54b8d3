"""Small message pieces the analysis package builds its notes and method texts from.

Sentences live in the ``messages`` catalogs (``survey/i18n/locale/<lang>/messages/``); this
module only declares how parts are put together, so every part is translated on its own:

* :func:`joined` chains messages as ``first; second; ...`` (one :attr:`Join.ALSO` per link);
* :func:`names` turns column names into :attr:`Join.NAME` messages, quoted as each language
  quotes a name (``'sex'``, ``«sex»``) inside a list;
* :func:`unique` drops repeated messages (messages hold a mapping and are not hashable).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from survey.messages import Field, Message, MessageCode


class Join(MessageCode):
    """How message parts are joined."""

    ALSO = ("analysis.join.also", ("first", "rest"))
    NAME = ("analysis.join.name", ("name",))


def joined(parts: Sequence[Message]) -> Message:
    """One message reading ``part1; part2; ...`` in any language (``parts`` not empty)."""
    if not parts:
        raise ValueError("nothing to join")
    result = parts[-1]
    for part in reversed(parts[:-1]):
        result = Join.ALSO.message(first=part, rest=result)
    return result


def names(columns: Iterable[str]) -> tuple[Message, ...]:
    """Column names as quoted names, for a list field."""
    return tuple(Join.NAME.message(name=str(column)) for column in columns)


def unique(messages: Iterable[Message]) -> tuple[Message, ...]:
    """``messages`` in order with repeats left out."""
    seen: set[object] = set()
    kept: list[Message] = []
    for message in messages:
        key = _key(message)
        if key not in seen:
            seen.add(key)
            kept.append(message)
    return tuple(kept)


def _key(value: Field) -> object:
    if isinstance(value, Message):
        fields = tuple(sorted((name, _key(v)) for name, v in value.fields.items()))
        return (value.code, fields, value.location)
    if isinstance(value, str | int | float) or value is None:
        return value
    return tuple(_key(item) for item in value)
