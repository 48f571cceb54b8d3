"""The ``kelisim::missing`` column of the choices sheet: choices that are missing answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.errors import FormError
from survey.form.codes import FormCode
from survey.form.xlsform import load_form
from survey.messages import Location
from tests.formbuilder import write_xlsform

SURVEY = [{"type": "select_one yn", "name": "q", "label": "Q"},
          {"type": "select_multiple yn", "name": "m", "label": "M"}]


def _choices(dk: str = "dont_know", rf: str = "refused") -> list[dict[str, str]]:
    return [{"list_name": "yn", "name": "yes", "label": "Yes"},
            {"list_name": "yn", "name": "dk", "label": "Don't know", "kelisim::missing": dk},
            {"list_name": "yn", "name": "rf", "label": "Refused", "kelisim::missing": rf}]


def test_missing_column__marks_dont_know_and_refused(tmp_path: Path):
    form = load_form(write_xlsform(tmp_path / "f.xlsx", SURVEY, _choices(), {"form_id": "f"}))
    for name in ("q", "m"):
        question = form.question(name)
        assert question.missing_choices == {"dk": "dont_know", "rf": "refused"}
        assert question.choice("yes").missing is None  # type: ignore[union-attr]
        assert question.choice("dk").extra == ()  # type: ignore[union-attr]  # not a filter column


def test_missing_column__other_value__problem_naming_cell_and_kinds(tmp_path: Path):
    path = write_xlsform(tmp_path / "f.xlsx", SURVEY, _choices(rf="Refused!"), {"form_id": "f"})
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert caught.value.problems == [FormCode.BAD_MISSING.message(
        Location(file="f.xlsx", sheet="choices", row=4, column="kelisim::missing"),
        column="kelisim::missing", value="Refused!", kinds=["dont_know", "refused"])]


def test_missing_column__on_the_survey_sheet__unknown_column(tmp_path: Path):
    rows = [{"type": "integer", "name": "n", "label": "N", "kelisim::missing": "refused"}]
    with pytest.raises(FormError) as caught:
        load_form(write_xlsform(tmp_path / "f.xlsx", rows, None, {"form_id": "f"}))
    assert [m.code for m in caught.value.problems] == ["form.unknown_column"]
