"""Errors raised by the survey package.

Every user-facing error carries :class:`~survey.messages.Message` objects: a stable ``code``
(tests assert on it), named fields and a location when there is one. The sentence lives in the
``messages`` catalogs and is rendered at the edge (:func:`survey.messages.render`)::

    raise StoreError(StoreCode.NOT_FOUND, path=str(path))
    raise FormError([problem, ...])          # problems are Messages with a Location

Transitional: the legacy form ``StoreError("English text", code="store.x")`` is still accepted
(see :class:`~survey.messages.CodedError`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from survey.messages import CodedError, Field, Location, Message, MessageCode

__all__ = ["ExportError", "ExpressionError", "FormError", "InterviewError", "Location",
           "Problem", "StoreError", "SurveyError"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Legacy: one problem in an input file as English text (being replaced by Message)."""

    code: str
    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message} [{self.code}]" if where else f"{self.message} [{self.code}]"


def problem_text(problem: Problem | Message) -> str:
    """Legacy helper: the English sentence of a problem, without its location."""
    if isinstance(problem, Message):
        from survey.messages import render

        return render(problem, "en", with_location=False)
    return problem.message


class SurveyError(CodedError):
    """Base class of every error the survey package raises."""

    code = "survey"


class FormError(SurveyError):
    """A questionnaire (XLSForm) is unreadable or invalid; holds every problem found."""

    code = "form"

    def __init__(self, problems: Sequence[Problem | Message] | Problem | Message | MessageCode
                 | str, /, location: Location | None = None, *, code: str | None = None,
                 **fields: Field) -> None:
        if isinstance(problems, MessageCode):
            problems = [Message(problems, fields, location or Location())]
        elif isinstance(problems, str):
            problems = [Problem(code or self.code, problems)]
        elif isinstance(problems, Problem | Message):
            problems = [problems]
        self.problems: list[Problem | Message] = list(problems)
        messages = tuple(p for p in self.problems if isinstance(p, Message))
        if len(messages) == len(self.problems) and messages:
            CodedError.__init__(self, messages)
            return
        first = self.problems[0] if self.problems else None
        CodedError.__init__(self, "\n".join(str(p) for p in self.problems),
                            code=code or (first.code if first is not None else type(self).code))
        self.messages = messages


class ExpressionError(FormError):
    """An expression could not be parsed or evaluated (codes ``expression.*``).

    ``position`` (0-based character) and ``source`` (the expression's text) are kept so that a
    caller can quote an excerpt around the error.
    """

    code = "expression"

    def __init__(self, message: Message, *, position: int | None = None,
                 source: str | None = None) -> None:
        self.position = position
        self.source = source
        super().__init__([message])

    def __reduce__(self) -> str | tuple[object, ...]:
        return (_rebuild_expression_error, (self.message, self.position, self.source))


def _rebuild_expression_error(message: Message, position: int | None,
                              source: str | None) -> ExpressionError:
    return ExpressionError(message, position=position, source=source)


class InterviewError(SurveyError):
    """An operation on an interview is not allowed (unknown question, read-only, ...)."""

    code = "interview"


class StoreError(SurveyError):
    """The response store cannot do what was asked (bad file, newer schema, locked, ...)."""

    code = "store"


class ExportError(SurveyError):
    """Data could not be exported in the requested format."""

    code = "export"
