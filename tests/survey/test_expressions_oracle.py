"""Every case evaluated by Enketo's openrosa-xpath-evaluator (ODK's web engine) is evaluated by
our evaluator and must give the same raw value, string, number and boolean.

The fixtures are written by tests/reference/enketo/oracle.js (hand-written table, cases.json;
ODK's other functions, cases_odk.json with ``npm run oracle-odk``) and
tests/reference/enketo/random_cases.py (random nested expressions).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from survey.expressions import EvalContext, parse

FIXTURES = Path(__file__).parent / "fixtures"
TABLE = json.loads((FIXTURES / "expression_oracle.json").read_text(encoding="utf-8"))
# Random nested expressions (tests/reference/enketo/random_cases.py), same instance.
RANDOM = json.loads((FIXTURES / "expression_oracle_random.json").read_text(encoding="utf-8"))
# ODK's functions beyond XPath's core (maths, geo, checklists ...), with their own instance.
ODK = json.loads((FIXTURES / "expression_oracle_odk.json").read_text(encoding="utf-8"))
INSTANCES = {**TABLE["instances"], **{f"odk:{k}": v for k, v in ODK["instances"].items()}}
CASES = TABLE["cases"] + RANDOM["cases"] + [
    {**case, "instance": f"odk:{case['instance']}"} for case in ODK["cases"]]
_LIBM = frozenset({"exp", "exp10", "log", "log10", "sqrt", "sin", "cos", "tan", "asin", "acos",
                   "atan", "atan2"})
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def decode_number(value: Any) -> float:
    return float(value)  # "NaN", "Infinity" and "-Infinity" are written as text


def same_number(actual: float, expected: float) -> bool:
    if math.isnan(expected):
        return math.isnan(actual)
    return actual == expected or math.isclose(actual, expected, rel_tol=1e-12)


def context(case: dict[str, Any]) -> EvalContext:
    return EvalContext(values=INSTANCES[case["instance"]],
                       current=case.get("current", ""), now=NOW)


def test_oracle_fixture__size__covers_more_than_two_hundred_cases() -> None:
    assert len(TABLE["cases"]) >= 200 and len(RANDOM["cases"]) >= 1000
    assert TABLE["timezone"] == RANDOM["timezone"] == "UTC"
    assert RANDOM["instances"] == TABLE["instances"]


@pytest.mark.parametrize("case", CASES, ids=[c["expr"] for c in CASES])
def test_expression__enketo_case__same_raw_value(case: dict[str, Any]) -> None:
    result = parse(case["expr"]).evaluate(context(case))
    raw = case["raw"]
    if raw["type"] == "number":
        assert isinstance(result, float)
        assert same_number(result, decode_number(raw["value"]))
    elif raw["type"] == "boolean":
        assert result is raw["value"]
    else:
        assert result == raw["value"]


@pytest.mark.parametrize("case", CASES, ids=[c["expr"] for c in CASES])
def test_expression__enketo_case__same_string_number_boolean(case: dict[str, Any]) -> None:
    expr = parse(case["expr"])
    ctx = context(case)
    if expr.functions & _LIBM:
        # JavaScript's libm and C's may differ in the last binary digit of exp10(), sin() ...
        assert same_number(float(expr.evaluate_string(ctx)), float(case["string"]))
    else:
        assert expr.evaluate_string(ctx) == case["string"]
    assert same_number(expr.evaluate_number(ctx), decode_number(case["number"]))
    assert expr.evaluate_bool(ctx) is case["boolean"]
