"""The base of every coded error: an exception that carries :class:`Message` objects."""

from __future__ import annotations

from collections.abc import Sequence

from survey.messages.model import Field, Location, Message, MessageCode


class CodedError(Exception):
    """An error whose text is one or more :class:`Message` (rendered at the edge).

    ``raise StoreError(StoreCode.NOT_FOUND, path=p)`` or ``raise FormError([problem, ...])``.
    ``code`` is the (first) message's code; ``str(error)`` is the English text, for logs and
    tracebacks only: user interfaces call :func:`survey.messages.render` on ``messages``.

    Transitional: ``Error("English text", code="x.y")`` is still accepted while raise sites
    are converted; such an error has no ``messages`` and shows its English text.
    """

    code: str = "error"
    messages: tuple[Message, ...] = ()

    def __init__(self, what: MessageCode | Message | Sequence[Message] | str, /,
                 location: Location | None = None, *, code: str | None = None,
                 **fields: Field) -> None:
        if isinstance(what, str):  # transitional: English text with a code, no Message
            self.messages = ()
            if code is not None:
                self.code = code
            super().__init__(what)
            return
        if isinstance(what, MessageCode):
            messages: tuple[Message, ...] = (Message(what, fields, location or Location()),)
        elif isinstance(what, Message):
            if fields or location is not None:
                raise TypeError("fields and location go into the Message itself")
            messages = (what,)
        else:
            messages = tuple(what)
            if not messages:
                raise TypeError("an error needs at least one message")
        self.messages = messages
        self.code = messages[0].code
        super().__init__("\n".join(str(m) for m in messages))

    @property
    def message(self) -> Message:
        """The first (usually only) message."""
        return self.messages[0]

    def __reduce__(self) -> str | tuple[object, ...]:
        if not self.messages:
            return super().__reduce__()
        return (_rebuild, (type(self), self.messages))


def _rebuild(cls: type[CodedError], messages: tuple[Message, ...]) -> CodedError:
    error = cls.__new__(cls)
    CodedError.__init__(error, messages)
    return error


def error_messages(error: BaseException) -> tuple[Message, ...]:
    """The messages of a coded error; ``()`` for any other exception."""
    return error.messages if isinstance(error, CodedError) else ()
