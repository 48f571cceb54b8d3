"""Loading XLSForms: every rule a form can break, with its code and location."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey.errors import FormError
from survey.expressions.codes import ExpressionCode
from survey.form import load_form
from survey.form.codes import FormCode
from survey.messages import Message, render
from tests.formbuilder import write_xlsform

YES_NO = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]
AGE = {"type": "integer", "name": "age", "label": "Age"}


def problems_of(tmp_path: Path, rows: list[dict[str, Any]],
                choices: list[dict[str, Any]] | None = None,
                settings: dict[str, Any] | None = None, **extra: Any) -> list[Message]:
    path = write_xlsform(tmp_path / "bad.xlsx", rows, choices, settings, **extra)
    with pytest.raises(FormError) as caught:
        load_form(path)
    return caught.value.problems


def where(problem: Message) -> tuple[str | None, int | None, str | None]:
    return problem.location.sheet, problem.location.row, problem.location.column


def only(problems: list[Message]) -> Message:
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].location.file == "bad.xlsx"
    return problems[0]


@pytest.mark.parametrize(("type_text", "feature"), [
    ("begin_repeat", FormCode.REPEATS), ("end repeat", FormCode.REPEATS),
    ("background-audio", FormCode.BACKGROUND), ("start-address", FormCode.METADATA),
    ("select_multiple_external city", FormCode.FILE_CHOICES),
    ("xml-external data", FormCode.EXTERNAL_INSTANCES), ("osm building", FormCode.OSM),
])
def test_load_form__unsupported_type__names_feature_and_location(
        tmp_path: Path, type_text: str, feature: FormCode) -> None:
    problem = only(problems_of(tmp_path, [AGE, {"type": type_text, "name": "x", "label": "X"}], YES_NO))
    assert problem.kind is FormCode.UNSUPPORTED_TYPE
    assert where(problem) == ("survey", 3, "type")
    assert problem.fields == {"type": type_text, "feature": feature.message()}


def test_load_form__unknown_type__suggests_close_type(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [{"type": "integr", "name": "x", "label": "X"}]))
    assert problem.code == "form.unknown_type"
    assert problem.fields == {"type": "integr",
                              "advice": FormCode.SUGGEST_TYPE.message(suggestion="integer")}


def test_load_form__unknown_type_like_nothing__lists_supported_types(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [{"type": "frobnicate", "name": "x", "label": "X"}]))
    assert problem.fields["advice"] == FormCode.SUPPORTED_TYPES.message()


@pytest.mark.parametrize("type_text", ["select_one", "select_one yn extra words"])
def test_load_form__select_without_single_list__bad_type(tmp_path: Path, type_text: str) -> None:
    problem = only(problems_of(tmp_path, [{"type": type_text, "name": "x", "label": "X"}], YES_NO))
    assert problem.code == "form.bad_type"


@pytest.mark.parametrize("column", ["media::video", "video", "media::video::English (en)",
                                    "trigger", "guidance_hint",
                                    "body::mediatype", "kobo--score-choices"])
def test_load_form__unsupported_column_with_value__error_at_first_value(
        tmp_path: Path, column: str) -> None:
    rows = [AGE, {"type": "text", "name": "x", "label": "X", column: "something"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.unsupported_column"
    assert where(problem) == ("survey", 3, column)


def test_load_form__unsupported_column_left_empty__accepted(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "ok.xlsx", [{"type": "text", "name": "x", "label": "X",
                                                  "media::image": None}])
    assert load_form(path).question("x").label.get() == "X"


@pytest.mark.parametrize("column", ["lable", "kelisim::pi", "relevant::English (en)"])
def test_load_form__unknown_column_with_value__error(tmp_path: Path, column: str) -> None:
    problem = only(problems_of(tmp_path, [{"type": "text", "name": "x", "label": "X", column: "y"}]))
    assert problem.code == "form.unknown_column"
    assert where(problem) == ("survey", 2, column)


def test_load_form__choices_media_column__unsupported(tmp_path: Path) -> None:
    choices = [{**YES_NO[0], "media::audio": "yes.mp3"}, YES_NO[1]]
    problem = only(problems_of(tmp_path, [{"type": "select_one yn", "name": "x", "label": "X"}], choices))
    assert problem.code == "form.unsupported_column"
    assert where(problem) == ("choices", 2, "media::audio")


@pytest.mark.parametrize("sheet", ["entities"])
def test_load_form__unsupported_sheet__error(tmp_path: Path, sheet: str) -> None:
    problem = only(problems_of(tmp_path, [AGE], extra_sheets={sheet: [{"list_name": "a", "name": "b"}]}))
    assert problem.code == "form.unsupported_sheet"
    assert problem.location.sheet == sheet


def test_load_form__search_appearance_not_a_plain_filter__unsupported(tmp_path: Path) -> None:
    rows = [{"type": "select_one yn", "name": "x", "label": "X",
             "appearance": "search('cities', 'matches', 'a', 'b', 'c')"}]
    problem = only(problems_of(tmp_path, rows, YES_NO))
    assert problem.code == "form.unsupported_appearance"
    assert where(problem) == ("survey", 2, "appearance")


def test_load_form__duplicate_name__second_row_reported(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [AGE, {"type": "text", "name": "age", "label": "Again"}]))
    assert problem.code == "form.duplicate_name"
    assert where(problem) == ("survey", 3, "name")
    assert problem.fields == {"name": "age", "row": 2}


def test_load_form__group_named_like_question__duplicate_name(tmp_path: Path) -> None:
    rows = [AGE, {"type": "begin_group", "name": "age"}, {"type": "note", "name": "n", "label": "N"},
            {"type": "end_group"}]
    assert only(problems_of(tmp_path, rows)).code == "form.duplicate_name"


def test_load_form__name_clashing_with_or_other_text__duplicate_name(tmp_path: Path) -> None:
    rows = [{"type": "select_one yn or_other", "name": "q", "label": "Q"},
            {"type": "text", "name": "q_other", "label": "Other"}]
    problem = only(problems_of(tmp_path, rows, YES_NO))
    assert problem.code == "form.duplicate_name.or_other" and where(problem) == ("survey", 3, "name")
    assert problem.fields == {"name": "q_other", "question": "q"}


@pytest.mark.parametrize("row", [
    {"type": "text", "label": "No name"},
    {"type": "begin_group", "label": "Nameless group"},
])
def test_load_form__missing_name__error(tmp_path: Path, row: dict[str, str]) -> None:
    rows = [row, {"type": "end_group"}] if row["type"] == "begin_group" else [row]
    problem = only(problems_of(tmp_path, [*rows, AGE]))
    assert problem.code == "form.missing_name" and where(problem) == ("survey", 2, "name")


@pytest.mark.parametrize("name", ["1st", "has space", "a:b", "a/b", "é?"])
def test_load_form__invalid_xml_name__error(tmp_path: Path, name: str) -> None:
    problem = only(problems_of(tmp_path, [{"type": "text", "name": name, "label": "X"}]))
    assert problem.code == "form.invalid_name"


def test_load_form__unicode_and_punctuated_names__accepted(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "ok.xlsx", [{"type": "text", "name": "жасы", "label": "A"},
                                                  {"type": "text", "name": "_a.b-c", "label": "B"}])
    assert [q.name for q in load_form(path).questions] == ["жасы", "_a.b-c"]


def test_load_form__missing_list__error_on_type(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [{"type": "select_one colours", "name": "x", "label": "X"}], YES_NO))
    assert problem.code == "form.missing_list" and where(problem) == ("survey", 2, "type")


def test_load_form__list_without_named_choices__empty_list(tmp_path: Path) -> None:
    choices = [{"list_name": "empty", "name": None, "label": "Unnamed"}]
    found = problems_of(tmp_path, [{"type": "select_one empty", "name": "x", "label": "X"}], choices)
    assert [p.kind for p in found] == [FormCode.EMPTY_LIST, FormCode.MISSING_CHOICE_NAME]
    assert [where(p) for p in found] == [("survey", 2, "type"), ("choices", 2, "name")]
    assert [dict(p.fields) for p in found] == [{"list": "empty"}, {"list": "empty"}]


def test_load_form__duplicate_choice__error_on_choices_sheet(tmp_path: Path) -> None:
    choices = [*YES_NO, {"list_name": "yn", "name": "yes", "label": "Yes again"}]
    problem = only(problems_of(tmp_path, [{"type": "select_one yn", "name": "x", "label": "X"}], choices))
    assert problem.code == "form.duplicate_choice" and where(problem) == ("choices", 4, "name")


def test_load_form__choice_without_label__missing_label(tmp_path: Path) -> None:
    choices = [*YES_NO, {"list_name": "yn", "name": "maybe"}]
    problem = only(problems_of(tmp_path, [{"type": "select_one yn", "name": "x", "label": "X"}], choices))
    assert problem.code == "form.missing_label.choice" and where(problem) == ("choices", 4, "label")
    assert problem.fields == {"name": "maybe", "list": "yn"}


def test_load_form__select_multiple_choice_with_space__invalid_choice_name(tmp_path: Path) -> None:
    choices = [{"list_name": "src", "name": "tv news", "label": "TV"}]
    problem = only(problems_of(tmp_path, [{"type": "select_multiple src", "name": "x", "label": "X"}], choices))
    assert problem.code == "form.invalid_choice_name" and where(problem) == ("choices", 2, "name")


@pytest.mark.parametrize(("rows", "kind", "fields"), [
    ([{"type": "begin_group", "name": "g"}, AGE], FormCode.UNMATCHED_GROUP, {"name": "g"}),
    ([AGE, {"type": "end_group"}], FormCode.UNMATCHED_END_GROUP, {}),
    ([{"type": "begin group", "name": "g"}, {"type": "begin group", "name": "h"}, AGE,
      {"type": "end group"}], FormCode.UNMATCHED_GROUP, {"name": "g"}),
])
def test_load_form__unmatched_group__error(tmp_path: Path, rows: list[dict[str, str]],
                                           kind: FormCode, fields: dict[str, str]) -> None:
    problem = only(problems_of(tmp_path, rows))
    assert problem.kind is kind and problem.fields == fields


@pytest.mark.parametrize("type_text", ["text", "integer", "select_one yn", "note", "acknowledge", "date"])
def test_load_form__question_without_label__missing_label(tmp_path: Path, type_text: str) -> None:
    problem = only(problems_of(tmp_path, [{"type": type_text, "name": "x", "hint": "only a hint"}], YES_NO))
    assert problem.code == "form.missing_label" and where(problem) == ("survey", 2, "label")
    assert problem.fields == {"type": type_text.split()[0], "name": "x"}


def test_load_form__calculate_without_calculation__error(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [AGE, {"type": "calculate", "name": "c"}]))
    assert problem.code == "form.missing_calculation" and where(problem) == ("survey", 3, "calculation")


@pytest.mark.parametrize("column", ["relevant", "constraint", "calculation", "required",
                                    "choice_filter"])
def test_load_form__reference_to_unknown_name__unknown_reference(tmp_path: Path, column: str) -> None:
    type_text = {"calculation": "calculate", "choice_filter": "select_one yn"}.get(column, "text")
    rows = [AGE, {"type": type_text, "name": "x", "label": "X", column: "${agee} > 1"}]
    problem = only(problems_of(tmp_path, rows, YES_NO))
    assert problem.code == "form.unknown_reference"
    assert where(problem) == ("survey", 3, column)
    assert problem.fields == {"name": "agee",
                              "advice": FormCode.SUGGEST_QUESTION.message(suggestion="age")}


def test_load_form__label_refers_to_unknown_name__unknown_reference(tmp_path: Path) -> None:
    rows = [AGE, {"type": "note", "name": "n", "label::English (en)": "You are ${agge}"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.unknown_reference"
    assert where(problem) == ("survey", 3, "label::English (en)")
    assert problem.fields == {"name": "agge",
                              "advice": FormCode.SUGGEST_QUESTION.message(suggestion="age")}


def test_load_form__reference_like_no_question__advice_to_fix_the_name(tmp_path: Path) -> None:
    rows = [AGE, {"type": "text", "name": "x", "label": "X", "relevant": "${zzz} = 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.fields == {"name": "zzz", "advice": FormCode.FIX_REFERENCE.message()}


def test_load_form__reference_to_group__unknown_reference(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "g"}, AGE, {"type": "end_group"},
            {"type": "text", "name": "x", "label": "X", "relevant": "${g} = 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.unknown_reference.group" and problem.fields == {"name": "g"}


@pytest.mark.parametrize(("type_text", "column"), [("calculate", "calculation"), ("text", "relevant")])
def test_load_form__self_reference__error(tmp_path: Path, type_text: str, column: str) -> None:
    rows = [{"type": type_text, "name": "x", "label": "X", column: "${x} + 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.self_reference" and where(problem) == ("survey", 2, column)
    assert problem.fields == {"column": column, "owner": "x", "name": "x"}


def test_load_form__self_reference_in_constraint__allowed(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "ok.xlsx", [{"type": "integer", "name": "x", "label": "X",
                                                  "constraint": "${x} < 10"}])
    assert load_form(path).question("x").constraint is not None


def test_load_form__calculations_in_a_circle__one_cycle_problem(tmp_path: Path) -> None:
    rows = [AGE,
            {"type": "calculate", "name": "a", "calculation": "${c} + ${age}"},
            {"type": "calculate", "name": "b", "calculation": "${a} + 1"},
            {"type": "calculate", "name": "c", "calculation": "${b} + 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.cycle"
    assert where(problem) == ("survey", 3, "calculation")
    assert problem.fields == {"path": "a → c → b → a"}


def test_load_form__relevance_and_calculation_in_a_circle__cycle(tmp_path: Path) -> None:
    rows = [{"type": "integer", "name": "q", "label": "Q", "relevant": "${c} > 1"},
            {"type": "calculate", "name": "c", "calculation": "${q} * 2"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.cycle" and where(problem) == ("survey", 2, "relevant")


def test_load_form__group_relevance_on_question_inside__cycle(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "g", "relevant": "${inside} = 1"},
            {"type": "integer", "name": "inside", "label": "In"}, {"type": "end_group"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.cycle" and problem.fields == {"path": "g → inside → g"}


def test_load_form__chain_of_calculations__no_cycle(tmp_path: Path) -> None:
    rows = [AGE, *({"type": "calculate", "name": f"c{i}", "calculation": f"${{c{i - 1}}} + 1"}
                   for i in range(1, 300))]
    rows[1] = {"type": "calculate", "name": "c1", "calculation": "${age}"}
    path = write_xlsform(tmp_path / "chain.xlsx", rows)
    assert len(load_form(path).questions) == 300


@pytest.mark.parametrize("column", ["relevant", "constraint", "calculation", "required",
                                    "choice_filter"])
def test_load_form__expression_syntax_error__syntax_problem(tmp_path: Path, column: str) -> None:
    type_text = {"calculation": "calculate", "choice_filter": "select_one yn"}.get(column, "text")
    rows = [AGE, {"type": type_text, "name": "x", "label": "X", column: "(${age} > 1"}]
    problem = only(problems_of(tmp_path, rows, YES_NO))
    assert problem.code == "form.syntax"
    assert where(problem) == ("survey", 3, column)
    assert problem.fields["column"] == column
    error = problem.fields["error"]
    assert isinstance(error, Message) and error.kind is ExpressionCode.SYNTAX
    assert error.fields["expression"] == "(${age} > 1"
    assert error.fields["reason"] == ExpressionCode.UNCLOSED_BRACKET.message()


def test_load_form__unknown_function__unknown_function_problem(tmp_path: Path) -> None:
    rows = [AGE, {"type": "text", "name": "x", "label": "X", "relevant": "instance('a') = 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.unknown_function" and where(problem) == ("survey", 3, "relevant")
    error = problem.fields["error"]
    assert isinstance(error, Message) and error.fields["function"] == "instance"


def test_load_form__choice_filter_on_text__misplaced_column(tmp_path: Path) -> None:
    rows = [AGE, {"type": "text", "name": "x", "label": "X", "choice_filter": "${age} > 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.misplaced_column" and where(problem) == ("survey", 3, "choice_filter")
    assert problem.fields == {"column": "choice_filter", "type": "text",
                              "advice": FormCode.EMPTY_CELL.message()}


@pytest.mark.parametrize(("row", "column"), [
    ({"type": "integer", "name": "x", "label": "X", "calculation": "1 + 1"}, "calculation"),
    ({"type": "calculate", "name": "x", "calculation": "1", "required": "yes"}, "required"),
    ({"type": "note", "name": "x", "label": "X", "constraint": ". > 1"}, "constraint"),
    ({"type": "note", "name": "x", "label": "X", "required": "yes"}, "required"),
])
def test_load_form__columns_pyxform_accepts_on_any_type__loaded(
        tmp_path: Path, row: dict[str, str], column: str) -> None:
    form = load_form(write_xlsform(tmp_path / "ok.xlsx", [row, AGE]))
    assert form.question("x").type.value == row["type"]


def test_load_form__column_meaningless_for_group__misplaced_group_column(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "g", "constraint": ". > 1"}, AGE, {"type": "end_group"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.misplaced_column.group"
    assert where(problem) == ("survey", 2, "constraint")
    assert problem.fields == {"column": "constraint", "advice": FormCode.EMPTY_CELL.message()}


@pytest.mark.parametrize(("type_text", "default", "reason"), [
    ("integer", "ten", FormCode.NOT_WHOLE_NUMBER.message()),
    ("decimal", "1,5", FormCode.NOT_NUMBER.message()),
    ("date", "31/12/2020", FormCode.NOT_DATE.message()),
    ("select_one yn", "maybe", FormCode.NOT_CHOICE.message(list="yn", values=["maybe"])),
    ("select_multiple yn", "yes maybe", FormCode.NOT_CHOICE.message(list="yn", values=["maybe"])),
])
def test_load_form__default_not_valid_for_type__bad_default(
        tmp_path: Path, type_text: str, default: str, reason: Message) -> None:
    rows = [AGE, {"type": type_text, "name": "x", "label": "X", "default": default}]
    problem = only(problems_of(tmp_path, rows, YES_NO))
    assert problem.code == "form.bad_default" and where(problem) == ("survey", 3, "default")
    assert problem.fields == {"value": default, "reason": reason}


def test_load_form__default_from_other_answer__computed_default(tmp_path: Path) -> None:
    rows = [AGE, {"type": "text", "name": "x", "label": "X", "default": "${age}"}]
    question = load_form(write_xlsform(tmp_path / "ok.xlsx", rows)).question("x")
    assert question.default is None
    assert question.default_expression is not None
    assert question.default_expression.references == {"age"}


@pytest.mark.parametrize("column", ["read_only", "kelisim::pii"])
def test_load_form__yes_no_column_other_value__bad_value(tmp_path: Path, column: str) -> None:
    problem = only(problems_of(tmp_path, [{"type": "text", "name": "x", "label": "X", column: "${a}"}]))
    assert problem.code == "form.bad_value" and where(problem) == ("survey", 2, column)
    assert problem.fields == {"column": column, "value": "${a}",
                              "expected": FormCode.EXPECT_YES_NO.message()}


@pytest.mark.parametrize("value", ["yes", "0", "ten", 501])
def test_load_form__max_file_mb_not_a_size__bad_value_says_a_number(
        tmp_path: Path, value: object) -> None:
    problem = only(problems_of(tmp_path, [AGE], None, {"kelisim::max_file_mb": value}))
    assert problem.code == "form.bad_value"
    assert where(problem) == ("settings", 2, "kelisim::max_file_mb")
    assert problem.fields == {"column": "kelisim::max_file_mb", "value": str(value),
                              "expected": FormCode.EXPECT_NUMBER.message(low=0, high=500.0)}
    assert "must be a number greater than 0 and at most 500 " in render(problem, "en")
    assert "yes" not in render(problem, "ru").replace(f"«{value}»", "")
    assert "числом больше 0 и не больше 500" in render(problem, "ru")


def test_load_form__row_without_type__missing_type(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [AGE, {"name": "orphan", "label": "Orphan"}]))
    assert problem.code == "form.missing_type" and where(problem) == ("survey", 3, "type")


def test_load_form__values_in_column_without_header__unnamed_column(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, [AGE, {"type": "text", "name": "x", "label": "X", "": "stray"}]))
    assert problem.code == "form.unnamed_column" and where(problem) == ("survey", 3, "D")


def test_load_form__survey_without_questions__no_questions(tmp_path: Path) -> None:
    assert only(problems_of(tmp_path, [{"type": "", "# note": "empty form"}])).code == "form.no_questions"


def test_load_form__second_settings_row__extra_settings_row(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", [AGE],
                         extra_sheets={"settings": [{"form_id": "a"}, {"form_id": "b"}]})
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert [(p.code, where(p)) for p in caught.value.problems] == [
        ("form.extra_settings_row", ("settings", 3, None))]


def test_load_form__many_mistakes__all_reported_together_sorted(tmp_path: Path) -> None:
    rows = [
        {"type": "integer", "name": "age", "label": "Age", "relevant": "${nope} = 1"},
        {"type": "begin_repeat", "name": "where", "label": "Where"},
        {"type": "text", "name": "c", "label": "Dup"},  # a sibling of the next one
        {"type": "select_one colours", "name": "c", "label": "C"},
        {"type": "calculate", "name": "k", "calculation": "1 +"},
        {"type": "text", "name": "x", "label": "X", "media::video": "x.mp4"},
    ]
    choices = [*YES_NO, {"list_name": "yn", "name": "no", "label": "No again"}]
    found = problems_of(tmp_path, rows, choices, {"form_id": "f", "form_titel": "Typo"})
    assert [(p.code, p.location.sheet, p.location.row) for p in found] == [
        ("form.unknown_reference", "survey", 2),
        ("form.unsupported_type", "survey", 3),
        ("form.missing_list", "survey", 5),
        ("form.duplicate_name", "survey", 5),
        ("form.syntax", "survey", 6),
        ("form.unsupported_column", "survey", 7),
        ("form.duplicate_choice", "choices", 4),
        ("form.unknown_column", "settings", 2),
    ]
    assert all(p.location.file == "bad.xlsx" for p in found)


def test_load_form__or_other_with_choice_filter__misplaced_column(tmp_path: Path) -> None:
    rows = [AGE, {"type": "select_one yn or_other", "name": "x", "label": "X",
                  "choice_filter": "${age} > 1"}]
    problem = only(problems_of(tmp_path, rows, YES_NO))
    assert problem.code == "form.misplaced_column.or_other"
    assert where(problem) == ("survey", 3, "choice_filter")


def test_load_form__column_repeated__duplicate_column_on_header_row(tmp_path: Path) -> None:
    rows = [{"type": "text", "name": "x", "label": "X", "Label ": "Second label"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.duplicate_column" and where(problem) == ("survey", 1, "Label")
    assert problem.fields == {"column": "Label", "letter": "C", "earlier": "label"}


def test_load_form__choice_label_refers_to_unknown_name__unknown_reference(tmp_path: Path) -> None:
    choices = [{"list_name": "yn", "name": "yes", "label": "Yes, ${nam}"}]
    rows = [{"type": "text", "name": "name", "label": "Name"},
            {"type": "select_one yn", "name": "x", "label": "X"}]
    problem = only(problems_of(tmp_path, rows, choices))
    assert problem.code == "form.unknown_reference" and where(problem) == ("choices", 2, "label")


@pytest.mark.parametrize("column", ["relevant", "constraint", "required"])
def test_load_form__bare_name_outside_choice_filter__bare_name(tmp_path: Path, column: str) -> None:
    rows = [AGE, {"type": "text", "name": "x", "label": "X", column: "age > 1"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.bare_name" and where(problem) == ("survey", 3, column)
    assert problem.fields == {"name": "age", "column": column}


def test_load_form__choice_filter_on_missing_choice_column__unknown_choice_column(
        tmp_path: Path) -> None:
    rows = [{"type": "select_one yn", "name": "first", "label": "First"},
            {"type": "select_one city", "name": "city", "label": "City",
             "choice_filter": "regoin = ${first}"}]
    choices = [*YES_NO, {"list_name": "city", "name": "a", "label": "A", "region": "yes"}]
    problem = only(problems_of(tmp_path, rows, choices))
    assert problem.code == "form.unknown_choice_column"
    assert where(problem) == ("survey", 3, "choice_filter")
    assert problem.fields == {"name": "regoin", "list": "city", "columns": ["name", "region"],
                              "sheet": "choices"}


def test_load_form__missing_label_in_language_form__column_is_first_label_header(
        tmp_path: Path) -> None:
    rows = [{"type": "text", "name": "a", "label::Kazakh (kk)": "А", "label::Russian (ru)": "А"},
            {"type": "text", "name": "b"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.missing_label"
    assert where(problem) == ("survey", 3, "label::Kazakh (kk)")


def test_expression_error__very_long_expression__message_quotes_an_excerpt(tmp_path):
    from survey.errors import FormError
    from survey.form.xlsform import load_form
    from tests.formbuilder import write_xlsform

    deep = "not(" * 60 + "1" + ")" * 60
    path = write_xlsform(tmp_path / "deep.xlsx",
                         [{"type": "text", "name": "a", "label": "A", "relevant": deep}])
    with pytest.raises(FormError) as caught:
        load_form(path)
    error = caught.value.problems[0].fields["error"]
    assert isinstance(error, Message) and error.kind is ExpressionCode.TOO_COMPLEX
    shown = error.fields["expression"]
    assert isinstance(shown, str) and len(shown) <= 82 and "…" in shown


def test_load_form__path_into_a_choice_list__refused_by_name(tmp_path: Path) -> None:
    rows = [AGE, {"type": "calculate", "name": "income_label",
                  "calculation": "jr:itext(instance('seclass')/root/item[name = ${age}]/itextId)"}]
    problem = only(problems_of(tmp_path, rows))
    assert problem.code == "form.instance_path"
    assert problem.fields["instance"] == "seclass"
    assert where(problem) == ("survey", 3, "calculation")
    for language in ("en", "kk", "ru"):
        assert "instance('seclass')" in render(problem, language)
