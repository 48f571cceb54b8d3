"""One column of the wide table, described for the labelled formats, codebook and syntax."""

from __future__ import annotations

from dataclasses import dataclass, field

from survey.form.model import Question, QuestionType
from survey.form.parameters import range_is_decimal


def choice_column(question: str, choice: str) -> str:
    """Name of the 0/1 column of one choice of a select_multiple."""
    return f"{question}__{choice}"


@dataclass(frozen=True, slots=True)
class Variable:
    """One column of the table with what labelled formats need."""

    name: str
    label: str
    kind: str  # "meta", "design", "text", "integer", "decimal", "date", "select_one",
    #            "select_multiple", "choice_dummy", "calculate", "acknowledge"
    question: str | None = None
    #: For select_one: choice name -> label; for a choice dummy: {"choice": choice name}.
    value_labels: dict[str, str] = field(default_factory=dict)
    pii: bool = False
    #: For select_one: choice name -> numeric code in SPSS, Stata and coded csv/xlsx.
    codes: dict[str, int] = field(default_factory=dict)
    #: Choice name -> "dont_know" / "refused" for choices marked ``kelisim::missing``.
    missing: dict[str, str] = field(default_factory=dict)


#: A location is exported as ODK's text (``lat lon alt acc``) and as one number per part.
POINT_TYPES = frozenset({QuestionType.GEOPOINT, QuestionType.START_GEOPOINT})
POINT_PARTS = ("latitude", "longitude", "altitude", "accuracy")


def point_column(question: str, part: str) -> str:
    """Name of the column of one part of a geopoint (``home__latitude``)."""
    return f"{question}__{part}"


def column_kind(question: Question) -> str:
    """The column kind of a question that is not a select (a range by its steps)."""
    if question.type is QuestionType.RANGE:
        return "decimal" if range_is_decimal(dict(question.parameters)) else "integer"
    if question.type is QuestionType.TODAY:
        return "date"
    return question.type.value
