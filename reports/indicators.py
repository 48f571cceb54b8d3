"""Headline indicators: which answer of which question counts, and how to name it.

A yes/no question counts "yes"; a 1-5 agreement (Likert) question counts its top two points
(4 or 5), through a yes/no column ``<question>__top2`` made in :mod:`reports.data`. Every
estimate of an indicator is the proportion of "yes" in its column among those who answered.
A scale's "don't know" and "refused" choices (``Choice.missing``, declared in the form's
``kelisim::missing`` column) are not scale points: they count as not answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.codes import SpecCode
from reports.errors import SpecError
from reports.spec import DEFAULT_INDICATORS
from survey.form.model import Choice, Form, Question, QuestionType

YES = "yes"


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    question: str
    column: str  # the analysed column (the question, or its top-box column)
    top: int | None = None  # lowest score counted, for Likert indicators

    @property
    def category(self) -> str:
        return YES


def answer_column(question: str) -> str:
    """The column keeping a scale question's answers as given ("don't know" included); the
    question's own column holds the scale points as numbers."""
    return f"{question}__answer"


def scale_choices(question: Question) -> tuple[Choice, ...]:
    """The choices of a question that are answers (missing-answer choices left out)."""
    return tuple(c for c in question.choices if c.missing is None)


def likert_questions(form: Form) -> frozenset[str]:
    """select_one questions whose answer choices are all whole numbers (agreement scales);
    "don't know" and "refused" may be offered besides."""
    return frozenset(q.name for q in form.questions
                     if q.type is QuestionType.SELECT_ONE and len(scale_choices(q)) >= 2
                     and all(c.name.isdigit() for c in scale_choices(q)))


def indicator_columns(form: Form, keys: Sequence[str], likert: frozenset[str]
                      ) -> tuple[Indicator, ...]:
    """The indicators named in a spec, checked against the form.

    The default list names the indicators of every version of the bundled questionnaire; those
    the form does not have are left out (a form with none of them is an error). A list of the
    spec's own must name questions of the form.
    """
    by_name = {q.name: q for q in form.questions}
    if tuple(keys) == DEFAULT_INDICATORS and any(key in by_name for key in keys):
        keys = [key for key in keys if key in by_name]
    out = []
    for key in keys:
        question = by_name.get(key)
        if question is None:
            raise SpecError(SpecCode.UNKNOWN_INDICATOR, name=key, form=form.form_id)
        out.append(_indicator(question, likert))
    return tuple(out)


def _indicator(question: Question, likert: frozenset[str]) -> Indicator:
    if question.name in likert:
        points = sorted(int(c.name) for c in scale_choices(question))
        return Indicator(question.name, question.name, f"{question.name}__top2", points[-2])
    if question.type is QuestionType.SELECT_ONE and question.choice(YES) is not None:
        return Indicator(question.name, question.name, question.name)
    raise SpecError(SpecCode.BAD_INDICATOR, name=question.name)
