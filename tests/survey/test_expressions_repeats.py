"""Expressions over repeat instances: every case Enketo's openrosa-xpath-evaluator evaluated
(tests/reference/enketo/oracle_repeats.js, `${name}` written as pyxform writes it: relative
inside a shared repeat, else absolute) is evaluated by our evaluator from the same XML instance
and must give the same string, number and boolean; then what the oracle cannot check
(indexed-repeat(), which Enketo rewrites before its evaluator runs)."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from survey.errors import ExpressionError
from survey.expressions import EvalContext, parse
from survey.expressions.codes import ExpressionCode
from survey.expressions.nodesets import (
    InstanceData,
    InstancePath,
    RepeatLayout,
    Scope,
    instance_key,
)

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "expression_oracle_repeats.json")
                     .read_text(encoding="utf-8"))


def read_instance(xml: str, repeats: list[str]) -> tuple[RepeatLayout, InstanceData]:
    """Answers keyed by instance path, instance counts and the layout, from an XML instance."""
    answers: dict[str, str] = {}
    counts: dict[str, int] = {}
    paths: dict[str, tuple[str, ...]] = {}
    parents: dict[str, str | None] = {}

    def walk(element: ET.Element, here: InstancePath, around: tuple[str, ...]) -> None:
        seen: dict[str, int] = {}
        for child in element:
            name = child.tag
            parents.setdefault(name, element.tag)
            if name in repeats:
                seen[name] = seen.get(name, 0) + 1
                counts[instance_key(here, name)] = seen[name]
                paths[name] = (*around, name)
                walk(child, (*here, (name, seen[name])), (*around, name))
            elif len(child):
                walk(child, here, around)  # a group: names stay unique without it
            else:
                if around:
                    paths[name] = around
                answers[instance_key(here, name)] = child.text or ""

    walk(ET.fromstring(xml), (), ())
    return RepeatLayout(paths, parents), InstanceData(answers, counts)


def scope_at(case: dict[str, Any]) -> Scope:
    layout, data = read_instance(FIXTURE["instances"][case["instance"]],
                                 FIXTURE["repeats"][case["instance"]])
    here: list[tuple[str, int]] = []
    steps = case["context"].strip("/").split("/")[1:]
    for step in steps[:-1]:
        name, _, index = step.partition("[")
        if name in layout.repeat_paths and layout.is_repeat(name):
            here.append((name, int(index.rstrip("]") or 1)))
    return Scope(layout, data, tuple(here), steps[-1])


def context(case: dict[str, Any]) -> EvalContext:
    scope = scope_at(case)
    current = scope.data.answers.get(instance_key(scope.here, scope.current or ""), "")
    return EvalContext(values=scope.values, current=current, scope=scope)


def test_oracle_fixture__made_by_enketo_with_repeats() -> None:
    assert len(FIXTURE["cases"]) >= 100 and FIXTURE["timezone"] == "UTC"
    assert "openrosa-xpath-evaluator" in FIXTURE["evaluator"]
    assert any("../" in case["xpath"] for case in FIXTURE["cases"])


@pytest.mark.parametrize("case", FIXTURE["cases"],
                         ids=[f"{c['context']} {c['expr']}" for c in FIXTURE["cases"]])
def test_expression_over_instances__same_as_enketo(case: dict[str, Any]) -> None:
    expr, ctx = parse(case["expr"]), context(case)
    assert expr.evaluate_string(ctx) == case["string"]
    expected = float(case["number"])
    actual = expr.evaluate_number(ctx)
    assert (math.isnan(actual) and math.isnan(expected)) or actual == pytest.approx(expected)
    assert expr.evaluate_bool(ctx) is case["boolean"]


ROSTER = {"instance": "roster", "context": "/data/total"}


@pytest.mark.parametrize(("expr", "at", "expected"), [
    ("indexed-repeat(${member_name}, ${members}, 2)", "/data/total", "Daulet"),
    ("indexed-repeat(${age}, ${members}, 1)", "/data/total", "34"),
    ("indexed-repeat(${age}, ${members}, 4)", "/data/total", ""),
    ("indexed-repeat(${age}, ${members}, 0)", "/data/total", ""),
    ("indexed-repeat(${age}, ${members}, 1.5)", "/data/total", ""),
    ("indexed-repeat(${vdate}, ${members}, 2, ${visits}, 2)", "/data/total", "2026-02-10"),
    ("indexed-repeat(${vdate}, ${members}, 3, ${visits}, 1)", "/data/total", "2026-03-01"),
    ("indexed-repeat(${vdate}, ${members}, 1, ${visits}, 1)", "/data/total", ""),
    # Inside a member, the other repeats' instance is the one here unless given.
    ("indexed-repeat(${vdate}, ${visits}, 2)", "/data/members[2]/adult", "2026-02-10"),
    ("indexed-repeat(${member_name}, ${members}, position(..) - 1)", "/data/members[3]/adult",
     "Daulet"),
])
def test_indexed_repeat__value_of_the_given_instance(expr: str, at: str, expected: str) -> None:
    ctx = context({**ROSTER, "context": at})
    assert parse(expr).evaluate_string(ctx) == expected


def test_without_a_scope__functions_keep_their_one_node_meaning() -> None:
    ctx = EvalContext(values={"a": "4", "b": ""})
    assert parse("count(${a})").evaluate_number(ctx) == 1
    assert parse("sum(${a})").evaluate_number(ctx) == 4
    assert parse("count-non-empty(${b})").evaluate_number(ctx) == 0
    assert parse("max(${a}, 9)").evaluate_number(ctx) == 9
    assert parse("join('-', ${a}, ${b}, 'z')").evaluate_string(ctx) == "4--z"
    assert parse("position(..)").evaluate_number(ctx) == 1
    assert parse("indexed-repeat(${a}, ${b}, 1)").evaluate_string(ctx) == "4"
    assert parse("indexed-repeat(${a}, ${b}, 2)").evaluate_string(ctx) == ""


def test_unknown_name_in_an_aggregate__unknown_name_error() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("count(${nope})").evaluate(EvalContext(values={}))
    assert caught.value.code == ExpressionCode.UNKNOWN_NAME.code
    assert caught.value.position == 6


@pytest.mark.parametrize(("text", "reason", "position"), [
    ("position(.)", ExpressionCode.POSITION, 0),
    ("position(${a})", ExpressionCode.POSITION, 0),
    ("indexed-repeat(3, ${a}, 1)", ExpressionCode.INDEXED_REPEAT, 15),
    ("indexed-repeat(${a}, 'r', 1)", ExpressionCode.INDEXED_REPEAT, 15),
    ("indexed-repeat(${a}, ${r}, 1, ${s})", ExpressionCode.INDEXED_REPEAT, 15),
    ("../x", ExpressionCode.PARENT_NODE, 0),
    ("..", ExpressionCode.PARENT_NODE, 0),
    (".. + 1", ExpressionCode.PARENT_NODE, 0),
])
def test_parent_and_repeat_functions_misused__syntax_error(text: str, reason: ExpressionCode,
                                                            position: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.code == ExpressionCode.SYNTAX.code
    assert caught.value.message.fields["reason"] == reason.message()
    assert caught.value.position == position


@pytest.mark.parametrize("at", ["/data/members[1]/adult", "/data/members[3]/adult",
                                "/data/members[2]/visits[2]/cost"])
def test_position_of_current_parent__the_instance_number_as_position_parent(at: str) -> None:
    ctx = context({**ROSTER, "context": at})
    expected = parse("position(..)").evaluate_number(ctx)
    assert parse("position(current()/..)").evaluate_number(ctx) == expected
    assert parse("position( current()/.. ) + 1").evaluate_number(ctx) == expected + 1


@pytest.mark.parametrize(("text", "position"), [
    ("position(current()/../x)", 18), ("current()/..", 0), ("position(current()/../..)", 18)])
def test_current_parent_elsewhere__syntax_error(text: str, position: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.code == ExpressionCode.SYNTAX.code
    assert caught.value.position == position
