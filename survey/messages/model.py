"""User-facing messages as data: a code, named fields and a location.

A raise site, an analysis note or a validation result builds a :class:`Message`; the sentence
lives only in the ``messages`` catalogs (en, kk, ru) and is rendered once, at the edge (command
line, GUI, report), by :func:`survey.messages.render`. Nothing reads English text back.

Codes are declared per package as members of a :class:`MessageCode` enumeration, each with the
names of its fields, so a typo in a code is an ``AttributeError`` and a missing or unexpected
field is a ``TypeError`` where the message is built::

    class StoreCode(MessageCode):
        UNKNOWN_INTERVIEW = ("store.unknown_interview", ("uuid",))

    raise StoreError(StoreCode.UNKNOWN_INTERVIEW, Location(file=str(path)), uuid=uuid)
    StoreCode.UNKNOWN_INTERVIEW.message(uuid=uuid)    # the Message itself
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, TypeAlias


class MessageCode(Enum):
    """Base of the per-package enumerations of message codes.

    Each member's value is ``(code, field_names)``; ``code`` is the stable dotted string that
    tests assert and the catalogs key their templates by.
    """

    code: str
    fields: frozenset[str]

    def __init__(self, code: str, fields: Sequence[str] = ()) -> None:
        self.code = code
        self.fields = frozenset(fields)

    def message(self, location: Location | None = None, /, **fields: Field) -> Message:
        """A :class:`Message` of this code with ``fields`` (exactly the declared names)."""
        return Message(self, fields, location or Location())

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Location:
    """Where in an input a message applies (any part may be unknown)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    question: str | None = None

    def __bool__(self) -> bool:
        return any(part is not None and part != "" for part in
                   (self.file, self.sheet, self.row, self.column, self.question))

    def __str__(self) -> str:
        from survey.messages.render import render_location

        return render_location(self, "en")


@dataclass(frozen=True, slots=True)
class Message:
    """One user-facing message: what (``kind``), with which values (``fields``), where."""

    kind: MessageCode
    fields: Mapping[str, Field] = field(default_factory=dict)
    location: Location = field(default_factory=lambda: Location())

    def __post_init__(self) -> None:
        if self.location is None:  # accepted for convenience; stored as an empty Location
            object.__setattr__(self, "location", Location())
        given = frozenset(self.fields)
        if given != self.kind.fields:
            missing = sorted(self.kind.fields - given)
            extra = sorted(given - self.kind.fields)
            raise TypeError(f"message {self.kind.code}: missing fields {missing}, "
                            f"unexpected fields {extra}")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    @property
    def code(self) -> str:
        """The stable dotted code, e.g. ``"form.unknown_type"``."""
        return self.kind.code

    def at(self, location: Location) -> Message:
        """The same message at another location."""
        return Message(self.kind, dict(self.fields), location)

    def __str__(self) -> str:
        from survey.messages.render import render

        return render(self, "en")

    def __reduce__(self) -> tuple[Any, ...]:  # mappingproxy does not pickle
        return (Message, (self.kind, dict(self.fields), self.location))


#: What a field may hold. A nested Message is rendered in the same language (e.g. a translated
#: method name inside a sentence); a sequence is rendered as a comma-separated list; ``None``
#: renders as nothing.
Field: TypeAlias = "str | int | float | Message | Sequence[str | int | float | Message] | None"
