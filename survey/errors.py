"""Errors raised by the survey package.

Every user-facing error carries a stable ``code`` (tests assert on it, the interface translates
it), a location when there is one, and a message written as: where, what rule was broken, how to
fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Location:
    """Where in an input file a problem was found (any part may be unknown)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file: a code, where it is, and what to do."""

    code: str
    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message} [{self.code}]" if where else f"{self.message} [{self.code}]"


class SurveyError(Exception):
    """Base class of every error the survey package raises."""

    code = "survey"

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(message)


class FormError(SurveyError):
    """A questionnaire (XLSForm) is unreadable or invalid; holds every problem found."""

    code = "form"

    def __init__(self, problems: list[Problem] | Problem | str, *, code: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(code or self.code, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        Exception.__init__(self, "\n".join(str(p) for p in self.problems))
        if code is not None:
            self.code = code


class ExpressionError(FormError):
    """An expression could not be parsed or evaluated."""

    code = "expression"

    def __init__(self, message: str, *, code: str = "expression.syntax", position: int | None = None,
                 source: str | None = None) -> None:
        self.position = position
        self.source = source
        super().__init__([Problem(code, message)], code=code)


class InterviewError(SurveyError):
    """An operation on an interview is not allowed (unknown question, read-only, ...)."""

    code = "interview"


class StoreError(SurveyError):
    """The response store cannot do what was asked (bad file, newer schema, locked, ...)."""

    code = "store"


class ExportError(SurveyError):
    """Data could not be exported in the requested format."""

    code = "export"
