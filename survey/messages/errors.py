"""The base of every coded error: an exception that carries :class:`Message` objects."""

from __future__ import annotations

from collections.abc import Sequence

from survey.messages.model import Field, Location, Message, MessageCode


class CodedError(Exception):
    """An error whose text is one or more :class:`Message` (rendered at the edge).

    ``raise StoreError(StoreCode.NOT_FOUND, path=p)`` (a code and its fields, optionally a
    :class:`Location` first), ``raise StoreError(message)`` or ``raise FormError([problem, ...])``.
    ``code`` is the (first) message's code; ``str(error)`` is the English text, for logs and
    tracebacks only: user interfaces call :func:`survey.messages.render` on ``messages``.
    There is no way to raise one with an English sentence: every error has a code declared in
    a :class:`MessageCode` enumeration and templates in the ``messages`` catalogs.
    """

    code: str
    messages: tuple[Message, ...]

    def __init__(self, what: MessageCode | Message | Sequence[Message], /,
                 location: Location | None = None, **fields: Field) -> None:
        if isinstance(what, str):
            raise TypeError("an error is raised with a MessageCode or Messages, not with text")
        if isinstance(what, MessageCode):
            messages: tuple[Message, ...] = (Message(what, fields, location or Location()),)
        elif isinstance(what, Message):
            if fields or location is not None:
                raise TypeError("fields and location go into the Message itself")
            messages = (what,)
        else:
            messages = tuple(what)
            if not messages or not all(isinstance(m, Message) for m in messages):
                raise TypeError("an error needs at least one message, and only messages")
        self.messages = messages
        self.code = messages[0].code
        super().__init__("\n".join(str(m) for m in messages))

    @property
    def message(self) -> Message:
        """The first (usually only) message."""
        return self.messages[0]

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.messages))


def _rebuild(cls: type[CodedError], messages: tuple[Message, ...]) -> CodedError:
    error = cls.__new__(cls)
    CodedError.__init__(error, messages)
    return error


def error_messages(error: BaseException) -> tuple[Message, ...]:
    """The messages of a coded error; ``()`` for any other exception."""
    return error.messages if isinstance(error, CodedError) else ()
