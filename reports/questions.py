"""Which questions get a section of their own, and how each is analysed.

By default every select_one, select_multiple and number question of the form, except the
interviewer's and closing sections and the design columns (wave, consent, sampling point).
A spec may list the questions instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.codes import SpecCode
from reports.errors import SpecError
from reports.indicators import likert_questions, scale_choices
from reports.spec import ReportSpec
from survey.export import choice_column
from survey.form.model import OTHER_CHOICE, Form, Question, QuestionType

SKIPPED_GROUPS = frozenset({"interviewer", "closing"})
SKIPPED_QUESTIONS = frozenset({"wave", "consent", "sampling_point", "interviewer_id"})
_KINDS = {QuestionType.SELECT_ONE: "select_one", QuestionType.SELECT_MULTIPLE: "select_multiple",
          QuestionType.INTEGER: "number", QuestionType.DECIMAL: "number"}


@dataclass(frozen=True)
class ReportQuestion:
    name: str
    kind: str  # "select_one", "likert", "select_multiple", "number"
    question: Question
    #: select_one, and a Likert question with missing-answer choices: choice names in form order
    categories: tuple[str, ...] | None = None
    columns: tuple[str, ...] = ()  # select_multiple: the 0/1 column of each choice
    points: tuple[float, ...] | None = None  # Likert: the scale points
    #: Likert: the choices recording a missing answer ("don't know", "refused"), in form order.
    missing: tuple[str, ...] = ()

    def label(self, language: str) -> str:
        return self.question.label.get(language) or self.name

    def choice_label(self, name: object, language: str) -> str:
        text = str(int(name)) if isinstance(name, float) and name.is_integer() else str(name)
        choice = self.question.choice(text)
        return choice.label.get(language) or text if choice is not None else text


def report_questions(form: Form, spec: ReportSpec) -> tuple[ReportQuestion, ...]:
    """The questions of the per-question section, in form order."""
    likert = likert_questions(form)
    if spec.questions is not None:
        by_name = {q.name: q for q in form.questions}
        unknown = [n for n in spec.questions if n not in by_name]
        if unknown:
            raise SpecError(SpecCode.UNKNOWN_QUESTION, name=unknown[0], form=form.form_id)
        chosen = [by_name[n] for n in spec.questions if by_name[n].type in _KINDS]
    else:
        chosen = [q for q in form.questions if q.type in _KINDS and not q.pii
                  and q.name not in SKIPPED_QUESTIONS
                  and not SKIPPED_GROUPS.intersection(q.group_path)]
    return tuple(_report_question(q, likert) for q in chosen)


def _report_question(q: Question, likert: frozenset[str]) -> ReportQuestion:
    kind = "likert" if q.name in likert else _KINDS[q.type]
    if kind == "likert":
        return ReportQuestion(q.name, kind, q,
                              points=tuple(sorted(float(c.name) for c in scale_choices(q))),
                              missing=tuple(c.name for c in q.choices if c.missing),
                              categories=tuple(c.name for c in q.choices))
    if kind == "select_multiple":
        return ReportQuestion(q.name, kind, q,
                              columns=tuple(choice_column(q.name, c.name) for c in q.choices))
    if kind == "select_one":
        names = [c.name for c in q.choices]
        if q.or_other and OTHER_CHOICE not in names:
            names.append(OTHER_CHOICE)
        return ReportQuestion(q.name, kind, q, categories=tuple(names))
    return ReportQuestion(q.name, kind, q)
