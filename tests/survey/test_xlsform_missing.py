"""Missing-answer choices: the choices column ``kelisim::missing`` (or ``kelisim_missing``, the
spelling pyxform converts) declares "don't know" and "refused" on ``Choice.missing``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey.errors import FormError
from survey.form import load_form
from survey.form.codes import FormCode
from survey.messages import render
from tests.formbuilder import write_xlsform

SURVEY = [{"type": "select_one agree", "name": "trust", "label": "I trust mediators."}]


def _choices(column: str, dont_know: object = "dont_know",
             refused: object = "refused") -> list[dict[str, Any]]:
    return [{"list_name": "agree", "name": str(n), "label": f"{n}"} for n in range(1, 6)] + [
        {"list_name": "agree", "name": "dk", "label": "Don't know", column: dont_know},
        {"list_name": "agree", "name": "ref", "label": "Refused", column: refused},
    ]


@pytest.mark.parametrize("column", ["kelisim::missing", "kelisim_missing", "Kelisim_Missing"])
def test_missing_column__either_spelling__declares_choices(tmp_path: Path, column: str) -> None:
    form = load_form(write_xlsform(tmp_path / "f.xlsx", SURVEY, _choices(column)))
    choices = form.question("trust").choices
    assert [(c.name, c.missing) for c in choices] == [
        ("1", None), ("2", None), ("3", None), ("4", None), ("5", None),
        ("dk", "dont_know"), ("ref", "refused")]
    assert all(c.extra == () for c in choices)  # not kept as choice-filter data


def test_missing_column__value_written_in_capitals__read(tmp_path: Path) -> None:
    form = load_form(write_xlsform(tmp_path / "f.xlsx", SURVEY,
                                   _choices("kelisim::missing", " Dont_Know ", "REFUSED")))
    assert [c.missing for c in form.question("trust").choices][-2:] == ["dont_know", "refused"]


def test_missing_column__absent__no_choice_is_missing(tmp_path: Path) -> None:
    rows = [{"list_name": "agree", "name": str(n), "label": f"{n}"} for n in range(1, 6)]
    form = load_form(write_xlsform(tmp_path / "f.xlsx", SURVEY, rows))
    assert {c.missing for c in form.question("trust").choices} == {None}


@pytest.mark.parametrize("value", ["yes", "dk", "missing", "9"])
def test_missing_column__unknown_kind__coded_problem_at_the_cell(tmp_path: Path,
                                                                value: str) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", SURVEY, _choices("kelisim_missing", value))
    with pytest.raises(FormError) as caught:
        load_form(path)
    (problem,) = caught.value.problems
    assert problem.code == FormCode.BAD_MISSING.code
    location = problem.location
    assert (location.file, location.sheet, location.row, location.column) == (
        "bad.xlsx", "choices", 7, "kelisim_missing")
    assert dict(problem.fields)["list"] == "agree" and dict(problem.fields)["name"] == "dk"
    assert "dont_know, refused" in render(problem, "en")
    assert f"«{value}» жауапсыздық түрі емес" in render(problem, "kk")
    assert f"«{value}» не является видом пропуска" in render(problem, "ru")


def test_missing_column__misspelt_project_column__unknown_column(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", SURVEY, _choices("kelisim::mising"))
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert [p.code for p in caught.value.problems] == [FormCode.UNKNOWN_COLUMN.code]


def test_missing_column__on_the_survey_sheet__unknown_column(tmp_path: Path) -> None:
    survey = [{**SURVEY[0], "kelisim::missing": "dont_know"}]
    path = write_xlsform(tmp_path / "bad.xlsx", survey, _choices("kelisim::missing"))
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert [p.code for p in caught.value.problems] == [FormCode.UNKNOWN_COLUMN.code]
