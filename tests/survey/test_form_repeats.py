"""Reading repeats (begin_repeat … end_repeat) from XLSForm workbooks into the form model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey.errors import FormError
from survey.form import load_form
from survey.form.codes import FormCode
from survey.form.model import Form
from survey.form.repeat_codes import RepeatCode
from survey.form.repeats import repeat_path, repeats
from survey.messages import Message, render
from tests.formbuilder import write_xlsform

ROSTER = [
    {"type": "integer", "name": "hh_size", "label::English (en)": "Household size",
     "label::Русский (ru)": "Размер домохозяйства"},
    {"type": "begin_repeat", "name": "members", "label::English (en)": "Member",
     "label::Русский (ru)": "Член семьи", "repeat_count": "${hh_size}"},
    {"type": "text", "name": "member_name", "label::English (en)": "Name",
     "label::Русский (ru)": "Имя"},
    {"type": "begin_group", "name": "details", "label::English (en)": "Details",
     "label::Русский (ru)": "Подробности"},
    {"type": "integer", "name": "age", "label::English (en)": "Age",
     "label::Русский (ru)": "Возраст"},
    {"type": "end_group"},
    {"type": "begin repeat", "name": "visits", "label::English (en)": "Visit",
     "label::Русский (ru)": "Визит"},
    {"type": "date", "name": "visit_date", "label::English (en)": "Date",
     "label::Русский (ru)": "Дата"},
    {"type": "end repeat"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "adults", "calculation": "count(${age})"},
]


def load(tmp_path: Path, rows: list[dict[str, Any]], **extra: Any) -> Form:
    return load_form(write_xlsform(tmp_path / "roster.xlsx", rows, **extra), repeats=True)


def problems_of(tmp_path: Path, rows: list[dict[str, Any]]) -> list[Message]:
    path = write_xlsform(tmp_path / "bad.xlsx", rows)
    with pytest.raises(FormError) as caught:
        load_form(path, repeats=True)
    return caught.value.problems


def located(problems: list[Message]) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(p.code, p.location.sheet, p.location.row, p.location.column) for p in problems]


def test_roster__repeats_nested_with_groups__tree_and_paths(tmp_path: Path) -> None:
    form = load(tmp_path, ROSTER)
    members, visits = repeats(form)
    assert (members.name, members.parent, members.repeat) == ("members", None, True)
    assert (visits.name, visits.parent) == ("visits", "members")
    assert not form.group("details").repeat and form.group("details").parent == "members"
    assert members.repeat_count is not None and members.repeat_count.source == "${hh_size}"
    assert members.repeat_count.references == frozenset({"hh_size"})
    assert visits.repeat_count is None  # open-ended
    assert form.question("age").group_path == ("members", "details")
    assert repeat_path(form, form.question("age")) == ("members",)
    assert repeat_path(form, form.question("visit_date")) == ("members", "visits")
    assert repeat_path(form, form.question("hh_size")) == ()
    assert repeat_path(form, form.question("adults")) == ()
    assert repeat_path(form, visits) == ("members", "visits")
    assert repeat_path(form, form.group("details")) == ("members",)


def test_roster__labels_per_language(tmp_path: Path) -> None:
    members = load(tmp_path, ROSTER).group("members")
    assert members.label.get("ru") == "Член семьи"
    assert members.label.get("en") == "Member"
    assert members.location.row == 3 and members.location.sheet == "survey"


@pytest.mark.parametrize("header", ["repeat_count", "jr:count"])
def test_repeat_count__fixed_number_in_either_column(tmp_path: Path, header: str) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid", header: "3"},
            {"type": "text", "name": "kid", "label": "Name"}, {"type": "end_repeat"}]
    count = load(tmp_path, rows).group("kids").repeat_count
    assert count is not None and count.source == "3"


def test_repeat_inside_group(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "hh", "label": "Household"},
            {"type": "begin_repeat", "name": "kids", "label": "Kid"},
            {"type": "text", "name": "kid", "label": "Name"},
            {"type": "end_repeat"}, {"type": "end_group"}]
    form = load(tmp_path, rows)
    assert form.group("kids").parent == "hh"
    assert repeat_path(form, form.question("kid")) == ("kids",)
    assert form.question("kid").group_path == ("hh", "kids")


def test_repeats_not_asked_for__refused_as_before(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", ROSTER)
    with pytest.raises(FormError) as caught:
        load_form(path)
    found = caught.value.problems
    assert {p.code for p in found} == {"form.unsupported_type"}
    assert [p.location.row for p in found] == [3, 8, 10, 11]
    assert found[0].fields == {"type": "begin_repeat", "feature": FormCode.REPEATS.message()}


def test_unclosed_repeat__named_at_its_row(tmp_path: Path) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid"},
            {"type": "text", "name": "kid", "label": "Name"}]
    [problem] = problems_of(tmp_path, rows)
    assert problem == RepeatCode.UNCLOSED.message(problem.location, name="kids")
    assert located([problem]) == [("repeats.unclosed", "survey", 2, "type")]
    assert problem.location.file == "bad.xlsx"


def test_end_repeat_without_begin(tmp_path: Path) -> None:
    rows = [{"type": "text", "name": "kid", "label": "Name"}, {"type": "end repeat"}]
    assert located(problems_of(tmp_path, rows)) == [("repeats.unmatched_end", "survey", 3,
                                                     "type")]


def test_end_group_closing_a_repeat__and_end_repeat_closing_a_group(tmp_path: Path) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid"},
            {"type": "text", "name": "kid", "label": "Name"},
            {"type": "end_group"},
            {"type": "begin_group", "name": "g", "label": "G"},
            {"type": "text", "name": "other", "label": "Other"},
            {"type": "end_repeat"}]
    found = problems_of(tmp_path, rows)
    assert located(found) == [("repeats.end_group_closes_repeat", "survey", 4, "type"),
                              ("repeats.end_repeat_closes_group", "survey", 7, "type")]
    assert found[0].fields == {"name": "kids"} and found[1].fields == {"name": "g"}


@pytest.mark.parametrize("row", [
    {"type": "text", "name": "x", "label": "X", "repeat_count": "3"},
    {"type": "select_one yn", "name": "x", "label": "X", "repeat_count": "3"},
])
def test_repeat_count_on_a_question__misplaced(tmp_path: Path, row: dict[str, Any]) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", [row], [
        {"list_name": "yn", "name": "yes", "label": "Yes"}])
    with pytest.raises(FormError) as caught:
        load_form(path, repeats=True)
    [problem] = caught.value.problems
    assert located([problem]) == [("form.misplaced_column", "survey", 2, "repeat_count")]
    assert problem.fields["column"] == "repeat_count"


def test_repeat_count_on_a_group__misplaced(tmp_path: Path) -> None:
    rows = [{"type": "begin_group", "name": "g", "label": "G", "jr:count": "2"},
            {"type": "text", "name": "x", "label": "X"}, {"type": "end_group"}]
    assert located(problems_of(tmp_path, rows)) == [
        ("form.misplaced_column.group", "survey", 2, "jr:count")]


@pytest.mark.parametrize("count", ["-1", "2.5", "'many'"])
def test_repeat_count_bad_number(tmp_path: Path, count: str) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid", "repeat_count": count},
            {"type": "text", "name": "kid", "label": "Name"}, {"type": "end_repeat"}]
    [problem] = problems_of(tmp_path, rows)
    assert located([problem]) == [("repeats.bad_count", "survey", 2, "repeat_count")]
    assert problem.fields == {"value": count}


def test_repeat_count_errors_of_expressions(tmp_path: Path) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid",
             "repeat_count": "${nkids"},
            {"type": "text", "name": "kid", "label": "Name"}, {"type": "end_repeat"},
            {"type": "begin_repeat", "name": "pets", "label": "Pet", "repeat_count": "${npets}"},
            {"type": "text", "name": "pet", "label": "Name"}, {"type": "end_repeat"}]
    assert [p.code for p in problems_of(tmp_path, rows)] == ["form.syntax",
                                                             "form.unknown_reference"]


def test_repeat_count_from_inside_its_repeat__accepted_as_odk_does(tmp_path: Path) -> None:
    # "Add another?": the count reads answers of its own instances and itself (as pyxform
    # converts and Collect runs it).
    rows = [{"type": "begin_repeat", "name": "calls", "label": "Call",
             "repeat_count": "if(count(${calls}) < 5, sum(${more}) + 1, 5)"},
            {"type": "integer", "name": "more", "label": "Another call? (1 = yes)"},
            {"type": "end_repeat"}]
    count = load(tmp_path, rows).group("calls").repeat_count
    assert count is not None and count.references == frozenset({"calls", "more"})


def test_references_to_repeats_and_repeat_functions__accepted(tmp_path: Path) -> None:
    rows = [*ROSTER,
            {"type": "calculate", "name": "n_members", "calculation": "count(${members})"},
            {"type": "calculate", "name": "second",
             "calculation": "indexed-repeat(${member_name}, ${members}, 2)"}]
    form = load(tmp_path, rows)
    calculation = form.question("n_members").calculation
    assert calculation is not None and calculation.references == frozenset({"members"})


def test_reference_to_a_plain_group__still_refused(tmp_path: Path) -> None:
    rows = [*ROSTER, {"type": "calculate", "name": "x", "calculation": "count(${details})"}]
    assert [p.code for p in problems_of(tmp_path, rows)] == ["form.unknown_reference.group"]


def test_messages_rendered_in_kazakh_and_russian(tmp_path: Path) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid"},
            {"type": "text", "name": "kid", "label": "Name"}]
    [problem] = problems_of(tmp_path, rows)
    assert render(problem, "kk", with_location=False) == (
        "«kids» қайталанатын тобы жабылмаған. Оның соңғы сұрағынан кейін «end_repeat» "
        "жолын қосыңыз.")
    assert render(problem, "ru", with_location=False) == (
        "Повторяющаяся группа «kids» не закрыта. Добавьте строку «end_repeat» после её "
        "последнего вопроса.")
