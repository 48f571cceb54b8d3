"""Headline indicators: which answer of which question counts, and how to name it.

A yes/no question counts "yes"; a 1-5 agreement (Likert) question counts its top two points
(4 or 5), through a yes/no column ``<question>__top2`` made in :mod:`reports.data`. Every
estimate of an indicator is the proportion of "yes" in its column among those who answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.codes import SpecCode
from reports.errors import SpecError
from survey.form.model import Form, Question, QuestionType

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


def likert_questions(form: Form) -> frozenset[str]:
    """select_one questions whose choices are all whole numbers (agreement scales)."""
    return frozenset(q.name for q in form.questions
                     if q.type is QuestionType.SELECT_ONE and q.choices
                     and all(c.name.isdigit() for c in q.choices))


def indicator_columns(form: Form, keys: Sequence[str], likert: frozenset[str]
                      ) -> tuple[Indicator, ...]:
    """The indicators named in a spec, checked against the form."""
    by_name = {q.name: q for q in form.questions}
    out = []
    for key in keys:
        question = by_name.get(key)
        if question is None:
            raise SpecError(SpecCode.UNKNOWN_INDICATOR, name=key, form=form.form_id)
        out.append(_indicator(question, likert))
    return tuple(out)


def _indicator(question: Question, likert: frozenset[str]) -> Indicator:
    if question.name in likert:
        points = sorted(int(c.name) for c in question.choices)
        return Indicator(question.name, question.name, f"{question.name}__top2", points[-2])
    if question.type is QuestionType.SELECT_ONE and question.choice(YES) is not None:
        return Indicator(question.name, question.name, question.name)
    raise SpecError(SpecCode.BAD_INDICATOR, name=question.name)
