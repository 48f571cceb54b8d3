"""Loading XLSForms: each supported type and column, read from real workbooks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey.form import OTHER_CHOICE, Form, QuestionType, load_form
from tests.formbuilder import write_xlsform

YES_NO = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]


def load(tmp_path: Path, rows: list[dict[str, Any]], choices: list[dict[str, Any]] | None = None,
         settings: dict[str, Any] | None = None) -> Form:
    return load_form(write_xlsform(tmp_path / "form.xlsx", rows, choices, settings))


@pytest.mark.parametrize(("spelling", "expected"), [
    ("text", QuestionType.TEXT),
    ("integer", QuestionType.INTEGER),
    ("decimal", QuestionType.DECIMAL),
    ("note", QuestionType.NOTE),
    ("date", QuestionType.DATE),
    ("acknowledge", QuestionType.ACKNOWLEDGE),
    ("  Integer ", QuestionType.INTEGER),
])
def test_load_form__simple_type__question_has_that_type(
        tmp_path: Path, spelling: str, expected: QuestionType) -> None:
    form = load(tmp_path, [{"type": spelling, "name": "q", "label": "Q"}])
    assert form.question("q").type is expected


@pytest.mark.parametrize(("spelling", "expected", "or_other"), [
    ("select_one yn", QuestionType.SELECT_ONE, False),
    ("select one yn", QuestionType.SELECT_ONE, False),
    ("select_multiple yn", QuestionType.SELECT_MULTIPLE, False),
    ("select_multiple  yn  or_other", QuestionType.SELECT_MULTIPLE, True),
    ("select_one yn or_other", QuestionType.SELECT_ONE, True),
    ("select all that apply yn", QuestionType.SELECT_MULTIPLE, False),
    ("select_one yn or specify other", QuestionType.SELECT_ONE, True),
    ("select one yn or other", QuestionType.SELECT_ONE, True),
])
def test_load_form__select_spelling__reads_type_list_and_or_other(
        tmp_path: Path, spelling: str, expected: QuestionType, or_other: bool) -> None:
    form = load(tmp_path, [{"type": spelling, "name": "q", "label": "Q"}], YES_NO)
    question = form.question("q")
    assert (question.type, question.list_name, question.or_other) == (expected, "yn", or_other)
    names = [c.name for c in question.choices]
    assert names == (["yes", "no", OTHER_CHOICE] if or_other else ["yes", "no"])


def test_load_form__or_other__other_choice_labelled_in_each_language(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "select_one yn or_other", "name": "q", "label::Kazakh (kk)": "С",
                            "label::Russian (ru)": "В"}],
                [{"list_name": "yn", "name": "yes", "label::Kazakh (kk)": "Иә",
                  "label::Russian (ru)": "Да"}])
    other = form.question("q").choice(OTHER_CHOICE)
    assert other is not None
    assert (other.label.get("kk"), other.label.get("ru")) == ("Басқа", "Другое")


def test_load_form__calculate__holds_parsed_calculation(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "calculate", "name": "double", "calculation": "${age} * 2"},
    ])
    calc = form.question("double").calculation
    assert calc is not None
    assert calc.references == frozenset({"age"})
    assert not form.question("double").label


@pytest.mark.parametrize("begin, end", [("begin_group", "end_group"), ("begin group", "end group")])
def test_load_form__groups__nest_and_record_paths(tmp_path: Path, begin: str, end: str) -> None:
    form = load(tmp_path, [
        {"type": "integer", "name": "first", "label": "First"},
        {"type": begin, "name": "outer", "label": "Outer", "appearance": "field-list",
         "relevant": "${first} = 1"},
        {"type": "integer", "name": "second", "label": "Second"},
        {"type": begin, "name": "inner", "label": "Inner"},
        {"type": "text", "name": "deep", "label": "Deep"},
        {"type": end},
        {"type": end, "name": "outer"},
        {"type": "text", "name": "after", "label": "After"},
    ])
    assert [g.name for g in form.groups] == ["outer", "inner"]
    assert form.group("inner").parent == "outer"
    assert form.group("outer").is_field_list
    assert form.group("outer").relevant is not None
    assert form.question("deep").group_path == ("outer", "inner")
    assert form.question("second").group == "outer"
    assert form.question("first").group_path == form.question("after").group_path == ()


@pytest.mark.parametrize("cell", ["yes", "YES", "true", "TRUE", True, 1, "true()"])
def test_load_form__required_yes_spellings__required_is_true_expression(
        tmp_path: Path, cell: object) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Q", "required": cell}])
    required = form.question("q").required
    assert required is not None and required.source == "true()"


@pytest.mark.parametrize("cell", ["no", "FALSE", False, 0, None])
def test_load_form__required_no_spellings__not_required(tmp_path: Path, cell: object) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Q", "required": cell}])
    assert form.question("q").required is None


def test_load_form__required_expression__kept_as_expression(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "text", "name": "q", "label": "Q", "required": "${age} > 18",
         "required_message": "Needed for adults"},
    ])
    question = form.question("q")
    assert question.required is not None and question.required.references == frozenset({"age"})
    assert question.required_message.get() == "Needed for adults"


def test_load_form__every_logic_column__parsed_on_question(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "select_one region", "name": "region", "label": "Region"},
        {"type": "select_one city", "name": "city", "label": "City", "hint": "Pick one",
         "relevant": "${region} != ''", "constraint": ". != 'x'",
         "constraint_message": "Not x", "choice_filter": "selected(${region}, 'north')",
         "default": "a", "appearance": "minimal  search-free likert", "read_only": "no",
         "kelisim::pii": "yes"},
    ], [
        {"list_name": "region", "name": "north", "label": "North"},
        {"list_name": "city", "name": "a", "label": "A", "region": "north"},
        {"list_name": "city", "name": "b", "label": "B", "region": "south"},
    ])
    city = form.question("city")
    assert city.hint.get() == "Pick one"
    assert city.relevant is not None and city.relevant.references == frozenset({"region"})
    assert city.constraint is not None and city.constraint.source == ". != 'x'"
    assert city.constraint_message.get() == "Not x"
    assert city.choice_filter is not None
    assert city.default == "a"
    assert city.appearance == frozenset({"minimal", "search-free", "likert"})
    assert (city.read_only, city.pii) == (False, True)
    assert [c.extra_value("region") for c in city.choices] == ["north", "south"]
    assert form.question("region").pii is False


@pytest.mark.parametrize("column", ["read_only", "kelisim::pii", "KELISIM::PII"])
def test_load_form__yes_no_column_true__flag_set(tmp_path: Path, column: str) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Q", column: "TRUE"}])
    question = form.question("q")
    assert question.read_only if column == "read_only" else question.pii


def test_load_form__numeric_cells__read_as_author_wrote_them(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "select_one scale", "name": "q", "label": "Q", "default": 3}],
                [{"list_name": "scale", "name": n, "label": f"Level {n}"} for n in (1, 2, 3)],
                {"form_id": "scale_form", "version": 2024010101})
    assert [c.name for c in form.question("q").choices] == ["1", "2", "3"]
    assert form.question("q").default == "3"
    assert form.version == "2024010101"


def test_load_form__header_case_and_spaces__normalised(tmp_path: Path) -> None:
    form = load(tmp_path, [{" Type ": "integer", "NAME": "q", "Label": "Q",
                            "Constraint Message": "Too big", "constraint": ". < 10"}],
                [{"List Name": "unused", "Name": "a", "Label": "A"}])
    assert form.question("q").constraint_message.get() == "Too big"


def test_load_form__sheet_names_in_other_case__found(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{"type": "select_one yn", "name": "q", "label": "Q"}],
                         YES_NO, {"form_id": "cased"},
                         sheet_names={"survey": "Survey", "choices": "CHOICES",
                                      "settings": "Settings"})
    form = load_form(path)
    assert form.form_id == "cased" and len(form.question("q").choices) == 2


def test_load_form__annotation_columns__ignored(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Q", "# why": "asked by NGO",
                            "$kuid": "ab12", "comments": "check wording"}])
    assert form.question("q").label.get() == "Q"


def test_load_form__blank_rows_between_questions__skipped_and_rows_numbered(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "a", "label": "A"}, {},
                           {"type": "text", "name": "b", "label": "B"}])
    assert [q.location.row for q in form.questions] == [2, 4]
    assert form.question("b").location.sheet == "survey"
    assert form.question("b").location.file == "form.xlsx"


def test_load_form__bytes_with_filename__form_id_from_filename(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "x.xlsx", [{"type": "text", "name": "a", "label": "A"}])
    form = load_form(path.read_bytes(), filename="household_2026.xlsx")
    assert form.form_id == "household_2026"
    assert form.settings.title.get() == "household_2026"


def test_load_form__no_settings_sheet__form_id_from_file_stem(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "my_survey.xlsx", [{"type": "text", "name": "a", "label": "A"}])
    assert load_form(str(path)).form_id == "my_survey"


def test_load_form__bytes_without_filename__form_id_data(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "x.xlsx", [{"type": "text", "name": "a", "label": "A"}])
    assert load_form(path.read_bytes()).form_id == "data"


def test_load_form__choice_extra_columns__kept_for_every_choice(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "select_one city", "name": "q", "label": "Q"}],
                [{"list_name": "city", "name": "a", "label": "A", "region": "north", "pop": 5},
                 {"list_name": "city", "name": "b", "label": "B", "region": "south"}])
    choices = form.question("q").choices
    assert choices[0].extra == (("region", "north"), ("pop", "5"))
    assert choices[1].extra == (("region", "south"), ("pop", ""))
    assert (choices[1].location.sheet, choices[1].location.row) == ("choices", 3)


def test_load_form__other_sheets__ignored(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{"type": "text", "name": "q", "label": "Q"}],
                         extra_sheets={"notes": [{"anything": "=1/0", "type": "geopoint"}]})
    assert [q.name for q in load_form(path).questions] == ["q"]


def test_load_form__cascading_choice_filter_with_bare_columns__loads(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "select_one region", "name": "region", "label": "Region"},
        {"type": "select_one city", "name": "city", "label": "City",
         "choice_filter": "region = ${region} and name != 'none'"},
    ], [
        {"list_name": "region", "name": "north", "label": "North"},
        {"list_name": "city", "name": "a", "label": "A", "region": "north"},
    ])
    choice_filter = form.question("city").choice_filter
    assert choice_filter is not None
    assert choice_filter.columns == frozenset({"region", "name"})
    assert choice_filter.references == frozenset({"region"})
