"""Benchmark: recompute after one answer on a form with a household roster of 30 members of
20 questions each (600 instance questions).

Target (repeats): median under 5 ms. Run by hand::

    .venv/bin/python bench/bench_repeats.py [--members 30] [--changes 2000]

The roster's count is a question (``repeat_count`` = ``${hh_size}``); each member has a name,
an age (constraint: the head is an adult), a sex, a gate and an integer behind it, a
select_multiple, a date, questions shown by age, a calculation on the age, one reading the
head's age through indexed-repeat() and one using position(..); outside the roster, the number
of adults (sum over the members), the names joined, and a note shown when there are children.
Figures: building the interview (full evaluation of every instance), one ``set_answer`` on a
random member question (validation and recomputation of what depends on it, the aggregates
outside included), one answer of the household head's age (read by every member), and a new
count (the form laid out again).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.formbuilder writes the form

from bench_interview import _report, _timed  # noqa: E402  (beside this script)

from survey.form import load_form  # noqa: E402
from survey.form.model import Form, Question, QuestionType  # noqa: E402
from survey.interview.instances import RepeatInterview  # noqa: E402
from tests.formbuilder import write_xlsform  # noqa: E402

YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
SEX = [{"list_name": "sex", "name": "m", "label": "Male"},
       {"list_name": "sex", "name": "f", "label": "Female"}]
MEDIA = [{"list_name": "media", "name": n, "label": n} for n in ("tv", "radio", "web", "paper")]


def _member_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"type": "text", "name": "name", "label": "Name", "required": "yes"},
        {"type": "integer", "name": "age", "label": "Age of ${name}", "required": "yes",
         "constraint": ". >= 0 and . < 120 and (position(..) > 1 or . >= 18)"},
        {"type": "select_one sex", "name": "sex", "label": "Sex"},
        {"type": "select_one yn", "name": "works", "label": "Works?", "relevant": "${age} >= 16"},
        {"type": "integer", "name": "hours", "label": "Hours", "relevant": "${works} = 'yes'",
         "constraint": ". <= 100"},
        {"type": "select_multiple media", "name": "media", "label": "Media",
         "constraint": "count-selected(.) <= 3"},
        {"type": "date", "name": "born", "label": "Born"},
        {"type": "select_one yn", "name": "school", "label": "School?", "relevant": "${age} < 18"},
        {"type": "select_one yn", "name": "dispute", "label": "Dispute?"},
        {"type": "select_one yn", "name": "mediator", "label": "Mediator?",
         "relevant": "${dispute} = 'yes'"},
        {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 18, 1, 0)"},
        {"type": "calculate", "name": "older", "calculation":
         "${age} > indexed-repeat(${age}, ${members}, 1)"},
        {"type": "calculate", "name": "number", "calculation": "position(..)"},
    ]
    rows += [{"type": "text", "name": f"extra{i}", "label": f"Extra {i}",
              "relevant": "${adult} = 1" if i % 2 else ""} for i in range(20 - len(rows))]
    return rows


def roster_form(folder: Path) -> Form:
    rows = [{"type": "integer", "name": "hh_size", "label": "Household size"},
            {"type": "begin_repeat", "name": "members", "label": "Member",
             "repeat_count": "${hh_size}"},
            *_member_rows(),
            {"type": "end_repeat"},
            {"type": "calculate", "name": "adults", "calculation": "sum(${adult})"},
            {"type": "calculate", "name": "names", "calculation": "join(', ', ${name})"},
            {"type": "note", "name": "children", "label": "Children present",
             "relevant": "${adults} < count(${members})"}]
    return load_form(write_xlsform(folder / "roster.xlsx", rows, [*YES_NO, *SEX, *MEDIA]),
                     repeats=True)


def _value(rng: random.Random, question: Question) -> object:
    kind = question.type
    if kind is QuestionType.INTEGER:
        return rng.choice((None, rng.randint(20, 80)))
    if kind is QuestionType.SELECT_ONE:
        return rng.choice([c.name for c in question.choices] + [None])
    if kind is QuestionType.SELECT_MULTIPLE:
        return tuple(rng.sample([c.name for c in question.choices], rng.randint(0, 3)))
    if kind is QuestionType.DATE:
        return rng.choice((None, "1980-05-01"))
    return rng.choice(("Aigerim", None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--changes", type=int, default=2000)
    args = parser.parse_args()
    with TemporaryDirectory() as folder:
        form = roster_form(Path(folder))
    rng = random.Random(15)
    interview = RepeatInterview(form, {"hh_size": args.members})
    engine = interview.engine
    inputs = [q for q in engine.form.questions
              if q.type.takes_input and q.calculation is None and q.name != "hh_size"]
    print(f"form: {len(engine.form.questions) - 4} instance questions "
          f"({args.members} members x {len(_member_rows())}), {len(inputs)} answerable")
    _report("build RepeatInterview (full evaluation)",
            _timed(lambda: RepeatInterview(form, {"hh_size": args.members}), 10))
    for question in inputs:
        interview.set_answer(question.name, _value(rng, question))
    assert interview.engine is engine, "an answer in the roster laid the form out again"

    def one_change() -> object:
        question = rng.choice(inputs)
        return interview.set_answer(question.name, _value(rng, question))

    _report("set_answer, random member question", _timed(one_change, args.changes))
    ages = iter([30, 60] * args.changes)
    _report("set_answer, head's age (read by every member)",
            _timed(lambda: interview.set_answer("members[1]/age", next(ages)), 200))
    sizes = iter([args.members - 1, args.members] * 50)
    _report("set_answer, household size (lays out again)",
            _timed(lambda: interview.set_answer("hh_size", next(sizes)), 20))


if __name__ == "__main__":
    main()
