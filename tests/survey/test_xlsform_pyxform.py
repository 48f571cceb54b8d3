"""Forms ODK's own converter (pyxform) accepts load unchanged, including old spellings."""

from __future__ import annotations

from pathlib import Path

from pyxform.xls2xform import convert

from survey.form import QuestionType, load_form
from tests.formbuilder import write_xlsform


def test_load_form__form_pyxform_converts__loads_with_same_structure(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "odk_form.xlsx", [
        {"type": "begin group", "name": "profile", "label:English": "Profile",
         "label:Russian": "Профиль", "appearance": "field-list"},
        {"type": "integer", "name": "age", "label:English": "Age", "label:Russian": "Возраст",
         "required": "yes", "constraint": ". >= 18 and . <= 100",
         "constraint_message:English": "18 to 100", "constraint_message:Russian": "От 18 до 100"},
        {"type": "select one yn", "name": "married", "label:English": "Married?",
         "label:Russian": "В браке?", "relevant": "${age} >= 16"},
        {"type": "end group"},
        {"type": "select_multiple src or_other", "name": "sources", "label:English": "Sources",
         "label:Russian": "Источники", "hint:English": "All that apply",
         "hint:Russian": "Все подходящие"},
        {"type": "calculate", "name": "older", "calculation": "if(${age} > 60, 'yes', 'no')"},
        {"type": "note", "name": "bye", "label:English": "Thanks, ${age}",
         "label:Russian": "Спасибо, ${age}"},
    ], [
        {"list name": "yn", "name": "yes", "label:English": "Yes", "label:Russian": "Да"},
        {"list name": "yn", "name": "no", "label:English": "No", "label:Russian": "Нет"},
        {"list name": "src", "name": "tv", "label:English": "TV", "label:Russian": "ТВ"},
        {"list name": "src", "name": "radio", "label:English": "Radio", "label:Russian": "Радио"},
    ], {"form_title": "ODK form", "form_id": "odk_form", "default_language": "English"})
    xform = convert(xlsform=str(path)).xform
    form = load_form(path)
    for question in form.questions:
        assert f"/{question.name}" in xform
    assert form.languages == ("English", "Russian")
    assert form.question("married").type is QuestionType.SELECT_ONE
    assert form.question("married").group_path == ("profile",)
    assert form.question("sources").or_other
    assert form.settings.title.get("English") == "ODK form"
