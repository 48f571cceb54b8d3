"""Benchmark: parse and evaluate the expressions of a generated 500-question form.

Recomputing a form after an answer changes re-evaluates every relevance, constraint and
calculation; the target for the whole interview engine (issue 2) is a median under 5 ms for 500
questions, so the expressions alone must take a fraction of that. Run by hand::

    .venv/bin/python bench/bench_expressions.py [--questions 500] [--rounds 200]

Prints the time to parse all expressions once, and the median / 95th percentile of one full
re-evaluation of all of them (relevance as boolean, constraint as boolean, calculation as text).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from survey.expressions import EvalContext, Expression, parse

TEMPLATES = (
    ("${{q{prev}}} = 'yes'", ". >= 0 and . <= 120", "if(${{q{prev}}} > 18, 'adult', 'minor')"),
    ("selected(${{q{prev}}}, 'tv') or ${{q{prev}}} = ''", "count-selected(.) <= 3",
     "concat(${{q{prev}}}, '-', ${{q{i}}})"),
    ("${{q{prev}}} != '' and ${{q{prev}}} > 5", "regex(., '^[0-9]{{1,3}}$')",
     "round(${{q{prev}}} * 1.5, 1)"),
    ("not(${{q{prev}}} = 'no')", "string-length(.) < 50", "coalesce(${{q{prev}}}, 'none')"),
    ("date(${{q{prev}}}) < today()", ". > ${{q{prev}}}", "int(${{q{prev}}} div 7)"),
)
ANSWERS = ("yes", "no", "", "25", "7", "tv radio", "2024-01-31", "Қазақстан", "3.5")


def build(count: int) -> list[tuple[str, Expression, Expression, Expression]]:
    exprs = []
    for i in range(count):
        relevant, constraint, calculation = TEMPLATES[i % len(TEMPLATES)]
        prev = max(i - 1, 0)
        exprs.append((f"q{i}", *(parse(t.format(i=i, prev=prev))
                                 for t in (relevant, constraint, calculation))))
    return exprs


def recompute(exprs: list[tuple[str, Expression, Expression, Expression]],
              values: dict[str, str]) -> int:
    shown = 0
    for name, relevant, constraint, calculation in exprs:
        if relevant.evaluate_bool(EvalContext(values, "")):
            shown += 1
            constraint.evaluate_bool(EvalContext(values, values[name]))
        calculation.evaluate_string(EvalContext(values, ""))
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(1)

    start = time.perf_counter()
    exprs = build(args.questions)
    parse_ms = (time.perf_counter() - start) * 1000
    values = {f"q{i}": rng.choice(ANSWERS) for i in range(args.questions)}
    timings = []
    for _ in range(args.rounds):
        values[f"q{rng.randrange(args.questions)}"] = rng.choice(ANSWERS)
        start = time.perf_counter()
        recompute(exprs, values)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"questions: {args.questions} ({3 * args.questions} expressions)")
    print(f"parse all: {parse_ms:.1f} ms")
    print(f"re-evaluate all: median {statistics.median(timings):.2f} ms, "
          f"p95 {timings[int(0.95 * len(timings))]:.2f} ms")


if __name__ == "__main__":
    main()
