"""One name in different groups, and references written as XPath paths, as pyxform allows:
real workbooks, loaded and interviewed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey.errors import FormError
from survey.form import load_form
from survey.form.codes import FormCode
from survey.interview import Interview
from tests.formbuilder import write_xlsform


def _eye(group: str, relevant: str | None = None) -> list[dict[str, Any]]:
    return [{"type": "begin_group", "name": group, "label": group, "relevant": relevant},
            {"type": "decimal", "name": "logmar", "label": "LogMAR"},
            {"type": "text", "name": "lux", "label": "Lux"},
            {"type": "end_group"}]


def _problems(path: Path) -> list[tuple[str, int | None, str | None, dict[str, object]]]:
    with pytest.raises(FormError) as caught:
        load_form(path)
    return [(p.code, p.location.row, p.location.column, p.fields) for p in caught.value.problems]


def test_same_name_in_two_groups__both_kept_by_path_and_told_apart_by_absolute_paths(
        tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "tests", "label": "Tests"},
            *_eye("right"), *_eye("left"),
            {"type": "end_group"},
            {"type": "note", "name": "refer", "label": "Refer",
             "relevant": "/data/tests/right/logmar > 0.3 and /data/tests/left/logmar > 0.3"}]
    form = load_form(write_xlsform(tmp_path / "eyes.xlsx", rows))
    names = [q.name for q in form.questions]
    assert names == ["tests-right-logmar", "tests-right-lux", "tests-left-logmar",
                     "tests-left-lux", "refer"]
    relevant = form.question("refer").relevant
    assert relevant is not None
    assert relevant.references == {"tests-right-logmar", "tests-left-logmar"}
    answers = {"tests-right-logmar": 0.5, "tests-left-logmar": 0.2}
    assert not Interview(form, answers).is_relevant("refer")
    assert Interview(form, {**answers, "tests-left-logmar": 0.4}).is_relevant("refer")


def test_same_name_at_the_top_and_in_a_group__the_top_one_keeps_its_name(tmp_path: Path) -> None:
    rows = [{"type": "text", "name": "lux", "label": "Room light"}, *_eye("right"),
            {"type": "text", "name": "right-lux", "label": "Taken"}]
    form = load_form(write_xlsform(tmp_path / "top.xlsx", rows))
    assert [q.name for q in form.questions] == ["lux", "logmar", "right-lux-5",
                                                "right-lux"]


def test_relative_paths__parent_steps_from_the_cell_s_question_or_group(tmp_path: Path) -> None:
    rows = [*_eye("right"),
            {"type": "begin_group", "name": "left", "label": "Left",
             "relevant": "../right/logmar > 0.3"},
            {"type": "decimal", "name": "logmar", "label": "LogMAR"},
            {"type": "text", "name": "why", "label": "Why", "relevant": "../logmar > 1",
             "constraint": "string-length(.) > 2 or current()/../../right/lux = 'dark'"},
            {"type": "end_group"}]
    form = load_form(write_xlsform(tmp_path / "rel.xlsx", rows))
    assert form.group("left").relevant is not None
    assert form.group("left").relevant.references == {"right-logmar"}
    why = form.question("why")
    assert why.relevant is not None and why.relevant.references == {"left-logmar"}
    assert why.constraint is not None and why.constraint.references == {"lux"}  # used once
    interview = Interview(form, {"right-logmar": 0.5, "left-logmar": 2})
    assert interview.is_relevant("left-logmar") and interview.is_relevant("why")


def test_settings_name__root_of_absolute_paths(tmp_path: Path) -> None:
    rows = [{"type": "integer", "name": "age", "label": "Age"},
            {"type": "note", "name": "adult", "label": "Adult", "relevant": "/hh/age >= 18"}]
    form = load_form(write_xlsform(tmp_path / "root.xlsx", rows, None,
                                   {"form_id": "f", "name": "hh"}))
    relevant = form.question("adult").relevant
    assert relevant is not None and relevant.references == {"age"}


def test_path_in_quotes_or_to_no_question__left_as_written(tmp_path: Path) -> None:
    rows = [{"type": "text", "name": "t", "label": "T",
             "constraint": ". != '/data/t' and . != \"../t\""},
            {"type": "note", "name": "n", "label": "N", "relevant": "/data/nowhere = 1"}]
    problems = _problems(write_xlsform(tmp_path / "bad.xlsx", rows))
    assert [(code, row, column) for code, row, column, _ in problems] == [
        ("form.syntax", 3, "relevant")]


def test_siblings_with_one_name__duplicate_name_as_pyxform(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "g", "label": "G"},
            {"type": "text", "name": "x", "label": "X"},
            {"type": "text", "name": "x", "label": "X again"},
            {"type": "end_group"},
            {"type": "text", "name": "x", "label": "Outside"}]
    problems = _problems(write_xlsform(tmp_path / "bad.xlsx", rows))
    assert problems == [(FormCode.DUPLICATE_NAME.code, 4, "name", {"name": "x", "row": 3})]


def test_reference_to_a_name_used_twice__ambiguous_as_pyxform(tmp_path: Path) -> None:
    rows = [*_eye("right"), *_eye("left"),
            {"type": "note", "name": "n", "label": "Right eye: ${logmar}"}]
    problems = _problems(write_xlsform(tmp_path / "bad.xlsx", rows))
    assert problems == [(FormCode.AMBIGUOUS_REFERENCE.code, 10, "label",
                         {"name": "logmar", "rows": [3, 7]})]


def test_two_groups_with_one_name__refused_by_name(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "a", "label": "A"}, *_eye("eye"),
            {"type": "end_group"}, *_eye("eye")]
    problems = _problems(write_xlsform(tmp_path / "bad.xlsx", rows))
    assert problems == [(FormCode.DUPLICATE_GROUP_NAME.code, 8, "name",
                         {"name": "eye", "row": 3})]


def test_sheet_paths__a_repeat_is_a_container__its_questions_inside_it() -> None:
    from survey.form.paths import SheetPaths

    paths = SheetPaths.of_rows([(2, "begin_repeat", "members"), (3, "text", "name"),
                                (4, "begin group", "job"), (5, "text", "name"),
                                (6, "end group", ""), (7, "end_repeat", ""),
                                (8, "text", "name")])
    assert paths.parent(3) == ("members",) and paths.parent(5) == ("members", "job")
    assert paths.parent(8) == ()
    assert paths.key(8, "name") == "name"  # the question at the top keeps its name
    assert paths.key(5, "name") == "members-job-name"
