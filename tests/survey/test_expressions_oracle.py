"""Every case evaluated by Enketo's openrosa-xpath-evaluator (ODK's web engine) is evaluated by
our evaluator and must give the same raw value, string, number and boolean.

The fixture is written by tests/reference/enketo/oracle.js (see the comment at its top).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from survey.expressions import EvalContext, parse

FIXTURE = Path(__file__).parent / "fixtures" / "expression_oracle.json"
TABLE = json.loads(FIXTURE.read_text(encoding="utf-8"))
CASES = TABLE["cases"]
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def decode_number(value: Any) -> float:
    return float(value)  # "NaN", "Infinity" and "-Infinity" are written as text


def same_number(actual: float, expected: float) -> bool:
    if math.isnan(expected):
        return math.isnan(actual)
    return actual == expected or math.isclose(actual, expected, rel_tol=1e-12)


def context(case: dict[str, Any]) -> EvalContext:
    return EvalContext(values=TABLE["instances"][case["instance"]],
                       current=case.get("current", ""), now=NOW)


def test_oracle_fixture__size__covers_more_than_two_hundred_cases() -> None:
    assert len(CASES) >= 200
    assert TABLE["timezone"] == "UTC"


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
    assert expr.evaluate_string(ctx) == case["string"]
    assert same_number(expr.evaluate_number(ctx), decode_number(case["number"]))
    assert expr.evaluate_bool(ctx) is case["boolean"]
