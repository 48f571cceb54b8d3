"""Choice filters inside repeats, with ODK's ``current()``: the question being answered, so
``current()/../x`` is a sibling in the same instance, ``current()/../../y`` the level above and
``position(current()/..)`` the instance number; ``${x}`` read by the nearest-common-repeat rule.

Every case Enketo's openrosa-xpath-evaluator evaluated (tests/reference/enketo/
oracle_choice_filters.js: the filter as pyxform writes it, run on each choice with
``current()`` the question's node) is run here through a real XLSForm laid out from the same
XML instance and ``RepeatInterview``, and must offer the same choices."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from survey.expressions.nodesets import InstancePath, instance_key
from survey.form import load_form
from survey.interview.instances import RepeatInterview
from tests.formbuilder import write_xlsform

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "choice_filter_oracle_repeats.json")
                     .read_text(encoding="utf-8"))


def _structure(element: ET.Element, into: dict[str, Any]) -> None:
    """Every instance's children merged, in order of first appearance (a tree of names)."""
    for child in element:
        below = into.setdefault(child.tag, {})
        _structure(child, below)


def _rows(tree: dict[str, Any], repeats: list[str], asked: str, list_name: str,
          choice_filter: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name, below in tree.items():
        if below:
            kind = "repeat" if name in repeats else "group"
            rows.append({"type": f"begin_{kind}", "name": name, "label": name})
            rows.extend(_rows(below, repeats, asked, list_name, choice_filter))
            rows.append({"type": f"end_{kind}"})
        elif name == asked:
            rows.append({"type": f"select_one {list_name}", "name": name, "label": name,
                         "choice_filter": choice_filter})
        else:
            rows.append({"type": "text", "name": name, "label": name})
    return rows


def _answers(element: ET.Element, repeats: list[str], here: InstancePath,
             answers: dict[str, str], counts: dict[str, int]) -> None:
    seen: dict[str, int] = {}
    for child in element:
        if child.tag in repeats:
            seen[child.tag] = seen.get(child.tag, 0) + 1
            counts[instance_key(here, child.tag)] = seen[child.tag]
            _answers(child, repeats, (*here, (child.tag, seen[child.tag])), answers, counts)
        elif len(child):
            _answers(child, repeats, here, answers, counts)  # a group: names stay unique
        elif child.text:
            answers[instance_key(here, child.tag)] = child.text


def _instance_path(context: str, repeats: list[str]) -> str:
    """``/data/members[3]/details/spouse_rel`` -> ``members[3]/spouse_rel``."""
    steps = context.strip("/").split("/")[1:]
    kept = [step if "[" in step else f"{step}[1]" for step in steps[:-1]
            if step.partition("[")[0] in repeats]
    return "/".join([*kept, steps[-1]])


def test_oracle_fixture__made_by_enketo_with_current() -> None:
    assert len(FIXTURE["cases"]) >= 30 and FIXTURE["timezone"] == "UTC"
    assert "openrosa-xpath-evaluator" in FIXTURE["evaluator"]
    filters = [case["filter"] for case in FIXTURE["cases"]]
    assert any("current()/../../" in text for text in filters)
    assert any("position(current()/..)" in text for text in filters)
    assert any("${" in text for text in filters)


@pytest.mark.parametrize("case", FIXTURE["cases"],
                         ids=[f"{c['context']} {c['filter']}" for c in FIXTURE["cases"]])
def test_choice_filter_in_a_repeat__same_choices_as_enketo(
        case: dict[str, Any], tmp_path: Path) -> None:
    root = ET.fromstring(FIXTURE["instances"][case["instance"]])
    repeats = FIXTURE["repeats"][case["instance"]]
    tree: dict[str, Any] = {}
    _structure(root, tree)
    asked = case["context"].rsplit("/", 1)[-1]
    choices = [{"list_name": case["list"], "label": row["name"], **row}
               for row in FIXTURE["lists"][case["list"]]]
    path = write_xlsform(tmp_path / "filters.xlsx",
                         _rows(tree, repeats, asked, case["list"], case["filter"]), choices)
    answers: dict[str, str] = {}
    counts: dict[str, int] = {}
    _answers(root, repeats, (), answers, counts)
    interview = RepeatInterview(load_form(path, repeats=True), answers, counts=counts)
    offered = interview.engine.available_choices(_instance_path(case["context"], repeats))
    assert [choice.name for choice in offered] == case["passed"]
