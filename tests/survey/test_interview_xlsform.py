"""The interview engine over real XLSForm workbooks written inline and read by ``load_form``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from survey.form.xlsform import load_form
from survey.interview import Interview
from survey.messages import render
from tests.formbuilder import write_xlsform

YES_NO = [{"list_name": "yn", "name": "yes", "label::English (en)": "Yes", "label::Russian (ru)": "Да"},
          {"list_name": "yn", "name": "no", "label::English (en)": "No", "label::Russian (ru)": "Нет"}]


def _interview(tmp_path: Path, survey: list[dict[str, Any]], choices: list[dict[str, Any]] | None = None,
               **kwargs: Any) -> Interview:
    path = write_xlsform(tmp_path / "form.xlsx", survey, choices if choices is not None else YES_NO,
                         {"form_id": "inline", "form_title": "Inline", "default_language": "English (en)"})
    return Interview(load_form(path), **kwargs)


def test_xlsform__skip_logic_and_calculation__follow_answers(tmp_path: Path) -> None:
    iv = _interview(tmp_path, [
        {"type": "select_one yn", "name": "adult", "label::English (en)": "Adult?", "required": "yes"},
        {"type": "integer", "name": "age", "label::English (en)": "Age", "relevant": "${adult} = 'yes'",
         "constraint": ". >= 18", "constraint_message::English (en)": "At least 18"},
        {"type": "calculate", "name": "decade", "calculation": "int(${age} div 10)"},
        {"type": "note", "name": "done", "label::English (en)": "Age ${age}, decade ${decade}"},
    ])
    assert [q.name for q in iv.visible_questions()] == ["adult", "done"]
    iv.set_answer("adult", "yes")
    assert render(iv.set_answer("age", "15").message, "en") == "At least 18"
    iv.set_answer("age", "42")
    assert iv.text(iv.form.question("done")) == "Age 42, decade 4"
    iv.set_answer("adult", "no")
    # The hidden age reads as "": int("" div 10) is NaN, as in ODK.
    assert iv.result() == {"adult": "no", "decade": "NaN"}
    assert iv.answers["age"] == 42


def test_xlsform__field_list_group_and_language__one_page_in_russian(tmp_path: Path) -> None:
    iv = _interview(tmp_path, [
        {"type": "begin_group", "name": "block", "appearance": "field-list"},
        {"type": "select_one yn", "name": "a", "label::English (en)": "A?", "label::Russian (ru)": "А?"},
        {"type": "text", "name": "b", "label::English (en)": "B", "label::Russian (ru)": "Б",
         "relevant": "${a} = 'yes'"},
        {"type": "end_group", "name": "block"},
        {"type": "text", "name": "c", "label::English (en)": "C", "label::Russian (ru)": "В"},
    ], language="ru")
    iv.set_answer("a", "yes")
    pages = iv.pages()
    assert [p.names for p in pages] == [("a", "b"), ("c",)]
    assert [iv.text(q) for q in pages[0].questions] == ["А?", "Б"]
    assert [iv.choice_text(c) for c in iv.available_choices("a")] == ["Да", "Нет"]
    iv.language = "en"
    assert [iv.text(q) for q in pages[0].questions] == ["A?", "B"]


def test_xlsform__or_other_and_select_multiple__other_text_in_result(tmp_path: Path) -> None:
    iv = _interview(tmp_path, [
        {"type": "select_multiple media or_other", "name": "media", "label::English (en)": "Media"},
    ], [{"list_name": "media", "name": n, "label::English (en)": n.upper()} for n in ("tv", "web")])
    assert [c.name for c in iv.available_choices("media")] == ["tv", "web", "other"]
    assert iv.set_answer("media", "other tv").ok
    iv.set_answer("media_other", "posters")
    assert iv.result() == {"media": ("tv", "other"), "media_other": "posters"}


def test_xlsform__default_and_required_message__applied(tmp_path: Path) -> None:
    iv = _interview(tmp_path, [
        {"type": "integer", "name": "household", "label::English (en)": "Household", "default": "1",
         "required": "yes", "required_message::English (en)": "Household size is needed"},
    ])
    assert iv.value("household") == 1
    verdict = iv.set_answer("household", None)
    assert (verdict.code, render(verdict.message, "en")) == ("required", "Household size is needed")
    assert iv.progress() == (0, 1)


def test_xlsform__cascading_select__bare_column_and_question_of_one_name(tmp_path: Path) -> None:
    choices = [
        {"list_name": "oblast", "name": "almaty_region", "label::English (en)": "Almaty region"},
        {"list_name": "oblast", "name": "akmola", "label::English (en)": "Akmola"},
        {"list_name": "town", "name": "konaev", "label::English (en)": "Konaev", "oblast": "almaty_region"},
        {"list_name": "town", "name": "talgar", "label::English (en)": "Talgar", "oblast": "almaty_region"},
        {"list_name": "town", "name": "kokshetau", "label::English (en)": "Kokshetau", "oblast": "akmola"},
    ]
    iv = _interview(tmp_path, [
        {"type": "select_one oblast", "name": "oblast", "label::English (en)": "Oblast"},
        {"type": "select_one town", "name": "town", "label::English (en)": "Town",
         "choice_filter": "oblast = ${oblast}"},
    ], choices)
    assert iv.available_choices("town") == ()
    iv.set_answer("oblast", "akmola")
    assert [c.name for c in iv.available_choices("town")] == ["kokshetau"]
    assert iv.set_answer("town", "talgar").code == "choice.unknown"
    iv.set_answer("oblast", "almaty_region")
    assert [iv.choice_text(c) for c in iv.available_choices("town")] == ["Konaev", "Talgar"]
    assert iv.set_answer("town", "talgar").ok
