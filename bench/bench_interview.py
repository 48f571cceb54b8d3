"""Benchmark: recompute relevance and constraints of a 500-question form after one answer changes.

Target (issue 2): median under 5 ms. Run by hand::

    .venv/bin/python bench/bench_interview.py [--questions 500] [--changes 2000]

The generated form has blocks of five questions: a yes/no gate, an integer shown when the gate
is yes (constraint against the previous block's integer), a text shown when the integer is
large, a select_multiple shown by the previous gate (constraint on the number chosen) and a
calculation on the integer; every tenth block is a field-list group with its own relevance.
Figures: building the interview (full evaluation), one ``set_answer`` on a random question
(validation + recomputation of what depends on it), and one change of the first gate, which
every field-list group reads; then, on the same form inside one group shown after a consent
question, one change of consent (everything recomputed: the worst case).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from survey.expressions import parse
from survey.form.model import Choice, Form, Group, Question, QuestionType, Settings, Text
from survey.interview import Interview

YES_NO = (Choice("yes", Text.of({"en": "Yes"})), Choice("no", Text.of({"en": "No"})))
MEDIA = tuple(Choice(n, Text.of({"en": n})) for n in ("tv", "radio", "web", "paper", "friends"))


def _block(i: int) -> tuple[list[Question], Group | None]:
    group = Group(f"g{i}", appearance=frozenset({"field-list"}),
                  relevant=parse("${gate0} != 'no'")) if i % 10 == 0 and i else None
    path = (group.name,) if group else ()
    prev = max(i - 1, 0)
    upper = f" and . <= ${{num{prev}}} + 100" if i else ""
    questions = [
        Question(f"gate{i}", QuestionType.SELECT_ONE, choices=YES_NO, required=parse("true()"),
                 group_path=path),
        Question(f"num{i}", QuestionType.INTEGER, relevant=parse(f"${{gate{i}}} = 'yes'"),
                 constraint=parse(f". >= 0{upper}"), required=parse("true()"), group_path=path),
        Question(f"txt{i}", QuestionType.TEXT, relevant=parse(f"${{num{i}}} > 10"), group_path=path),
        Question(f"media{i}", QuestionType.SELECT_MULTIPLE, choices=MEDIA,
                 relevant=parse(f"${{gate{prev}}} != 'no'"),
                 constraint=parse("count-selected(.) <= 3"), group_path=path),
        Question(f"calc{i}", QuestionType.CALCULATE, calculation=parse(f"${{num{i}}} * 2"),
                 group_path=path),
    ]
    return questions, group


def generated_form(size: int, consent: bool = False) -> Form:
    """The benchmark form; with ``consent``, a consent question first and every block in a
    group shown only after consent (one answer then changes the relevance of everything)."""
    questions: list[Question] = []
    groups: list[Group] = []
    for i in range(size // 5):
        block, group = _block(i)
        questions.extend(block)
        if group:
            groups.append(group)
    if consent:
        everything = Group("main", relevant=parse("${consent} = 'yes'"))
        groups = [everything, *(replace(g, parent="main") for g in groups)]
        questions = [Question("consent", QuestionType.SELECT_ONE, choices=YES_NO),
                     *(replace(q, group_path=("main", *q.group_path)) for q in questions)]
    return Form(Settings("bench", Text.of({"en": "Bench"})), tuple(questions), tuple(groups), ("en",))


def _random_value(rng: random.Random, question: Question) -> object:
    if question.type is QuestionType.SELECT_ONE:
        return rng.choice(("yes", "yes", "no", None))
    if question.type is QuestionType.INTEGER:
        return rng.randint(0, 60)
    if question.type is QuestionType.SELECT_MULTIPLE:
        return tuple(rng.sample([c.name for c in MEDIA], rng.randint(1, 3)))
    return rng.choice(("some text", None))


def _timed(action: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"{label:<44} median {statistics.median(times):7.3f} ms   p95 {p95:7.3f} ms   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--changes", type=int, default=2000)
    args = parser.parse_args()
    form = generated_form(args.questions)
    rng = random.Random(7)
    inputs = [q for q in form.questions if q.type is not QuestionType.CALCULATE]
    print(f"form: {len(form.questions)} questions, {len(form.groups)} field-list groups")
    _report("build Interview (full evaluation)", _timed(lambda: Interview(form), 20))

    iv = Interview(form)
    for question in inputs:
        iv.set_answer(question.name, _random_value(rng, question))

    def one_change() -> object:
        question = rng.choice(inputs)
        return iv.set_answer(question.name, _random_value(rng, question))

    _report("set_answer, random question", _timed(one_change, args.changes))
    gates = iter(["no", "yes"] * args.changes)
    _report("set_answer, first gate (read by 9 groups)", _timed(lambda: iv.set_answer("gate0", next(gates)), 200))
    _report("can_finish()", _timed(iv.can_finish, 200))
    _report("pages()", _timed(iv.pages, 200))

    wide = generated_form(args.questions, consent=True)
    iv = Interview(wide, answers={"consent": "yes"})
    for question in inputs:
        iv.set_answer(question.name, _random_value(rng, question))
    consent = iter(["no", "yes"] * args.changes)
    _report(f"set_answer, consent read by all {len(wide.questions) - 1}",
            _timed(lambda: iv.set_answer("consent", next(consent)), 200))


if __name__ == "__main__":
    main()
