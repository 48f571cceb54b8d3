"""Errors raised by the survey package.

Every error carries :class:`~survey.messages.Message` objects: a stable ``code`` (tests assert
on it; ``error.code`` is the first message's), named fields and a location when there is one.
The sentence lives only in the ``messages`` catalogs and is rendered at the edge
(:func:`survey.messages.render`)::

    raise StoreError(StoreCode.UNKNOWN_INTERVIEW, Location(file=str(path)), uuid=uuid)
    raise StoreError(StoreCode.UNKNOWN_INTERVIEW.message(uuid=uuid))  # from a Message
    raise FormError([problem, ...])          # problems are Messages with a Location

An error cannot be raised with text: a new error needs a code in its package's
:class:`~survey.messages.MessageCode` enumeration and a template in each catalog (see
``docs/architecture.md``, "Messages").
"""

from __future__ import annotations

from collections.abc import Sequence

from survey.messages import CodedError, Field, Location, Message, MessageCode

__all__ = ["ExportError", "ExpressionError", "FormError", "InterviewError", "Location",
           "StoreError", "SurveyError"]


class SurveyError(CodedError):
    """Base class of every error the survey package raises."""


class FormError(SurveyError):
    """A questionnaire (XLSForm) is unreadable or invalid; holds every problem found.

    ``problems`` are :class:`~survey.messages.Message` objects, each with the location of its
    cell: ``FormError([problem, ...])``, or ``FormError(FormCode.X, location, **fields)``
    for a single one.
    """

    def __init__(self, problems: Sequence[Message] | Message | MessageCode, /,
                 location: Location | None = None, **fields: Field) -> None:
        if isinstance(problems, MessageCode):
            problems = [Message(problems, fields, location or Location())]
        elif isinstance(problems, Message):
            problems = [problems]
        self.problems: list[Message] = list(problems)
        CodedError.__init__(self, self.problems)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class ExpressionError(FormError):
    """An expression could not be parsed or evaluated (codes ``expression.*``).

    ``position`` (0-based character) and ``source`` (the expression's text) are kept so that a
    caller can quote an excerpt around the error.
    """

    def __init__(self, message: Message, *, position: int | None = None,
                 source: str | None = None) -> None:
        self.position = position
        self.source = source
        super().__init__([message])

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_expression_error, (self.message, self.position, self.source))


def _rebuild_expression_error(message: Message, position: int | None,
                              source: str | None) -> ExpressionError:
    return ExpressionError(message, position=position, source=source)


class InterviewError(SurveyError):
    """An operation on an interview is not allowed (unknown question, read-only, ...)."""


class StoreError(SurveyError):
    """The response store cannot do what was asked (bad file, newer schema, locked, ...)."""


class ExportError(SurveyError):
    """Data could not be exported in the requested format."""
