"""Incremental recomputation of the interview engine agrees with evaluating everything afresh.

Random forms (gates, integers, calculations declared in any order, a group, relevance and
constraints across questions) and random answer sequences: after every ``set_answer`` the
interview must equal a new ``Interview`` built from the same answers.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.expressions import parse
from survey.form.model import Choice, Form, Group, Question, QuestionType, Settings, Text
from survey.interview import Interview

YN = (Choice("yes", Text.of({"en": "Yes"})), Choice("no", Text.of({"en": "No"})))
KINDS = (QuestionType.SELECT_ONE, QuestionType.INTEGER, QuestionType.CALCULATE)


def _condition(draw: st.DrawFn, kinds: list[QuestionType], candidates: list[int]) -> str:
    j = draw(st.sampled_from(candidates))
    if kinds[j] is QuestionType.SELECT_ONE:
        return f"${{q{j}}} = '{draw(st.sampled_from(['yes', 'no']))}'"
    return f"${{q{j}}} > {draw(st.integers(0, 10))}"


@st.composite
def forms(draw: st.DrawFn) -> Form:
    n = draw(st.integers(3, 10))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(n)]
    rank = draw(st.permutations(range(n)))  # calculations read only lower-ranked calculations
    start, stop = sorted(draw(st.tuples(st.integers(1, n - 1), st.integers(1, n - 1))))
    questions = []
    for i, kind in enumerate(kinds):
        fields: dict[str, object] = {}
        if i and draw(st.booleans()):
            fields["relevant"] = parse(_condition(draw, kinds, list(range(i))))
        if kind is QuestionType.CALCULATE:
            readable = [j for j in range(n) if kinds[j] is not QuestionType.CALCULATE or rank[j] < rank[i]]
            readable = [j for j in readable if j != i] or [i]
            j = draw(st.sampled_from(readable))
            fields["calculation"] = parse(f"${{q{j}}} + 1" if j != i else "1")
        elif kind is QuestionType.SELECT_ONE:
            fields["choices"] = YN
        elif draw(st.booleans()):
            numbers = [j for j in range(n) if kinds[j] is not QuestionType.SELECT_ONE and j != i]
            j = draw(st.sampled_from(numbers or [i]))
            fields["constraint"] = parse(f". <= ${{q{j}}} + 2")
        if draw(st.booleans()) and kind is not QuestionType.CALCULATE:
            fields["required"] = parse("true()")
        path = ("grp",) if start <= i <= stop else ()
        questions.append(Question(f"q{i}", kind, group_path=path, **fields))  # type: ignore[arg-type]
    group = Group("grp", relevant=parse(_condition(draw, kinds, list(range(start)))))
    return Form(Settings("random", Text.of({"en": "Random"})), tuple(questions), (group,), ("en",))


def _snapshot(iv: Interview) -> tuple[object, ...]:
    names = [q.name for q in iv.form.questions]
    return ([iv.is_relevant(n) for n in names], iv.is_relevant("grp"), iv.result(),
            {n: v.code for n, v in iv.invalid_answers().items()},
            [q.name for q in iv.missing_required()], iv.progress(), [p.names for p in iv.pages()])


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(form=forms(), data=st.data())
def test_set_answer__random_forms_and_answers__same_as_fresh_interview(form: Form, data: st.DataObject) -> None:
    inputs = [q for q in form.questions if q.type is not QuestionType.CALCULATE]
    if not inputs:
        return
    start = {q.name: _value(data, q) for q in inputs}
    iv = Interview(form, answers={k: v for k, v in start.items() if v is not None})
    for _ in range(data.draw(st.integers(1, 20))):
        question = data.draw(st.sampled_from(inputs))
        iv.set_answer(question.name, _value(data, question))
        assert _snapshot(iv) == _snapshot(Interview(form, answers=dict(iv.answers)))


def _value(data: st.DataObject, question: Question) -> object:
    if question.type is QuestionType.SELECT_ONE:
        return data.draw(st.sampled_from(["yes", "no", None]))
    return data.draw(st.one_of(st.none(), st.integers(-2, 9)))
