"""Loading XLSForms: language columns, old spellings, settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey.errors import FormError
from survey.form import NO_LANGUAGE, Form, QuestionType, load_form
from tests.formbuilder import write_xlsform


def load(tmp_path: Path, rows: list[dict[str, Any]], choices: list[dict[str, Any]] | None = None,
         settings: dict[str, Any] | None = None) -> Form:
    return load_form(write_xlsform(tmp_path / "form.xlsx", rows, choices, settings))


def trilingual(column: str, kk: str, ru: str, en: str) -> dict[str, str]:
    return {f"{column}::Kazakh (kk)": kk, f"{column}::Russian (ru)": ru,
            f"{column}::English (en)": en}


def test_load_form__three_languages__keys_in_column_order_with_names(tmp_path: Path) -> None:
    form = load(tmp_path,
                [{"type": "select_one yn", "name": "q", **trilingual("label", "Сұрақ", "Вопрос", "Question"),
                  **trilingual("hint", "Кеңес", "Подсказка", "Hint"),
                  "constraint": ". = 'yes'",
                  **trilingual("constraint_message", "Қате", "Ошибка", "Wrong"),
                  "required": "yes", **trilingual("required_message", "Міндетті", "Обязательно", "Required")}],
                [{"list_name": "yn", "name": "yes", **trilingual("label", "Иә", "Да", "Yes")}],
                {"form_id": "tri", **trilingual("form_title", "Сауалнама", "Анкета", "Survey"),
                 "default_language": "Kazakh (kk)"})
    question = form.question("q")
    assert form.languages == ("kk", "ru", "en")
    assert form.language_names == (("kk", "Kazakh"), ("ru", "Russian"), ("en", "English"))
    assert form.default_language() == "kk"
    assert question.label.get("ru") == "Вопрос"
    assert question.hint.get("en") == "Hint"
    assert question.constraint_message.get("kk") == "Қате"
    assert question.required_message.get("ru") == "Обязательно"
    assert question.choices[0].label.get("en") == "Yes"
    assert form.settings.title.get("ru") == "Анкета"


def test_load_form__one_language_plain_label__no_language_key(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Question", "hint": "Hint"}],
                settings={"form_title": "Plain"})
    assert form.languages == (NO_LANGUAGE,)
    assert form.question("q").label.values == ((NO_LANGUAGE, "Question"),)
    assert form.settings.title.get() == "Plain"
    assert form.default_language() == NO_LANGUAGE


def test_load_form__old_single_colon_spelling__read_as_language(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "select one yn", "name": "q", "label:English": "Question",
                            "label:French": "Question FR"}],
                [{"list name": "yn", "name": "yes", "label:English": "Yes", "label:French": "Oui"}])
    question = form.question("q")
    assert form.languages == ("English", "French")
    assert question.type is QuestionType.SELECT_ONE
    assert question.label.get("French") == "Question FR"
    assert question.choices[0].label.get("French") == "Oui"


def test_load_form__language_code_only__code_is_key_and_name(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label::kk": "Сұрақ", "label::ru": "Вопрос"}])
    assert form.languages == ("kk", "ru")
    assert form.question("q").label.get("kk") == "Сұрақ"


@pytest.mark.parametrize("default", ["Russian (ru)", "ru", "Russian", "russian"])
def test_load_form__default_language_as_name_or_code__resolved_to_key(
        tmp_path: Path, default: str) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", **trilingual("label", "a", "b", "c")}],
                settings={"default_language": default})
    assert form.settings.default_language == "ru"


def test_load_form__plain_label_with_default_language__plain_text_in_that_language(
        tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Question",
                            "label::French (fr)": "Question FR"}],
                settings={"default_language": "English (en)"})
    assert form.languages == ("en", "fr")
    assert dict(form.language_names)["en"] == "English"
    assert form.question("q").label.get("en") == "Question"


def test_load_form__default_language_not_in_form__unknown_language_problem(tmp_path: Path) -> None:
    with pytest.raises(FormError) as caught:
        load(tmp_path, [{"type": "text", "name": "q", **trilingual("label", "a", "b", "c")}],
             settings={"default_language": "German (de)"})
    [problem] = caught.value.problems
    assert problem.code == "form.unknown_language"
    assert (problem.location.sheet, problem.location.row, problem.location.column) == (
        "settings", 2, "default_language")


def test_load_form__label_missing_in_one_language__other_languages_kept(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", **trilingual("label", "Сұрақ", "", "Question")}])
    assert form.question("q").label.languages() == ("kk", "en")
    assert form.languages == ("kk", "ru", "en")


def test_load_form__settings__id_version_title(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", "label": "Q"}],
                settings={"form_id": "mediation", "version": "2026-11", "form_title": "Mediation"})
    assert (form.form_id, form.version, form.settings.title.get()) == (
        "mediation", "2026-11", "Mediation")


def test_load_form__plain_title_and_default_among_languages__title_in_default_language(
        tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "text", "name": "q", **trilingual("label", "a", "b", "c")}],
                settings={"form_title": "Mediation", "default_language": "Kazakh (kk)"})
    assert form.languages == ("kk", "ru", "en")
    assert form.settings.title.values == (("kk", "Mediation"),)


def test_settings__kelisim_form_title_columns__title_per_language(tmp_path):
    from survey.form.xlsform import load_form
    from tests.formbuilder import write_xlsform

    path = write_xlsform(
        tmp_path / "f.xlsx",
        [{"type": "text", "name": "a", "label::Kazakh (kk)": "Ә", "label::English (en)": "A"}],
        None,
        {"form_title": "Combined / Title", "kelisim::form_title::Kazakh (kk)": "Тақырып",
         "kelisim::form_title::English (en)": "Title", "form_id": "t"},
    )
    title = load_form(path).settings.title
    assert title.get("kk") == "Тақырып" and title.get("en") == "Title"


def test_settings__misspelt_kelisim_column__reported(tmp_path):
    import pytest

    from survey.errors import FormError
    from survey.form.xlsform import load_form
    from tests.formbuilder import write_xlsform

    path = write_xlsform(tmp_path / "f.xlsx", [{"type": "text", "name": "a", "label": "A"}],
                         None, {"form_id": "t", "kelisim::form_titel::English (en)": "x"})
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert [p.code for p in caught.value.problems] == ["form.unknown_column"]
