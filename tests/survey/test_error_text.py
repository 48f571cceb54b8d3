"""Error messages in the interface language: every code's template, translated and filled in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from survey.error_text import TEMPLATES, describe_error, describe_problem, msgids, problem_text
from survey.errors import FormError, Location, Problem
from survey.form import load_form
from survey.i18n import catalog, missing_translations
from tests.formbuilder import write_xlsform

ROOT = Path(__file__).resolve().parents[2]
YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
_CYRILLIC = re.compile(r"[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def codes_in_source(folder: str, prefix: str) -> set[str]:
    pattern = re.compile(r"[\"'](" + re.escape(prefix) + r"[a-z_.]+)[\"']")
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def problems_of(tmp_path: Path, rows: list[dict[str, Any]],
                choices: list[dict[str, Any]] | None = None,
                settings: dict[str, Any] | None = None) -> list[Problem]:
    path = write_xlsform(tmp_path / "bad.xlsx", rows, choices, settings)
    with pytest.raises(FormError) as caught:
        load_form(path)
    return caught.value.problems


def test_errors_catalog__every_msgid__translated_into_kazakh_and_russian() -> None:
    assert missing_translations("errors") == {"kk": [], "ru": []}
    for language in ("kk", "ru"):
        table = catalog("errors", language)
        assert set(msgids()) <= table.keys()
        assert all(_CYRILLIC.search(table[m]) for m in msgids()), language


def test_errors_catalog__placeholders__same_in_every_language() -> None:
    for language in ("kk", "ru"):
        table = catalog("errors", language)
        for msgid in msgids():
            assert sorted(re.findall(r"\{\w*\}", msgid)) == \
                sorted(re.findall(r"\{\w*\}", table[msgid])), (language, msgid)


@pytest.mark.parametrize(("folder", "prefix"), [
    ("survey/form", "form."),
])
def test_templates__every_code_in_source__has_a_template(folder: str, prefix: str) -> None:
    codes = codes_in_source(folder, prefix)
    assert codes, folder
    assert codes - TEMPLATES.keys() == set()


def test_templates__every_code_in_architecture_doc__has_a_template() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    reader = text.split("Problem codes of the XLSForm reader")[1].split("Column policy")[0]
    names = re.findall(r"`([a-z_]+)`", reader)
    assert names
    assert {"form." + n for n in names} - TEMPLATES.keys() == set()


INVALID_FORMS: list[tuple[str, list[dict[str, Any]], list[dict[str, Any]] | None,
                          dict[str, Any] | None]] = [
    ("form.unsupported_type", [{"type": "geopoint", "name": "gps", "label": "GPS"}], None, None),
    ("form.unknown_type", [{"type": "integr", "name": "age", "label": "Age"}], None, None),
    ("form.bad_type", [{"type": "select_one a b", "name": "x", "label": "X"}], YES_NO, None),
    ("form.unknown_column", [{"type": "text", "name": "t", "label": "T", "colour": "red"}],
     None, None),
    ("form.unsupported_column", [{"type": "text", "name": "t", "label": "T", "image": "a.png"}],
     None, None),
    ("form.duplicate_name", [{"type": "text", "name": "t", "label": "T"},
                             {"type": "text", "name": "t", "label": "U"}], None, None),
    ("form.missing_name", [{"type": "text", "label": "T"}], None, None),
    ("form.invalid_name", [{"type": "text", "name": "two words", "label": "T"}], None, None),
    ("form.missing_list", [{"type": "select_one nolist", "name": "x", "label": "X"}], YES_NO, None),
    ("form.duplicate_choice", [{"type": "select_one yn", "name": "x", "label": "X"}],
     [*YES_NO, {"list_name": "yn", "name": "yes", "label": "Again"}], None),
    ("form.unmatched_group", [{"type": "begin_group", "name": "g", "label": "G"},
                              {"type": "text", "name": "t", "label": "T"}], None, None),
    ("form.missing_label", [{"type": "text", "name": "t", "label": "T"},
                            {"type": "integer", "name": "n"}], None, None),
    ("form.missing_calculation", [{"type": "text", "name": "t", "label": "T"},
                                  {"type": "calculate", "name": "c"}], None, None),
    ("form.unknown_reference", [{"type": "integer", "name": "age", "label": "Age"},
                                {"type": "text", "name": "t", "label": "T",
                                 "relevant": "${agee} > 1"}], None, None),
    ("form.self_reference", [{"type": "calculate", "name": "c", "calculation": "${c} + 1"},
                             {"type": "text", "name": "t", "label": "T"}], None, None),
    ("form.syntax", [{"type": "integer", "name": "age", "label": "Age", "constraint": ". >= "}],
     None, None),
    ("form.unknown_function", [{"type": "integer", "name": "age", "label": "Age",
                                "constraint": "frobnicate(.)"}], None, None),
    ("form.bad_value", [{"type": "text", "name": "t", "label": "T", "read_only": "maybe"}],
     None, None),
    ("form.bad_default", [{"type": "integer", "name": "n", "label": "N", "default": "abc"}],
     None, None),
    ("form.missing_type", [{"type": "text", "name": "t", "label": "T"},
                           {"name": "orphan", "label": "O"}], None, None),
    ("form.no_questions", [{"type": "begin_group", "name": "g", "label": "G"},
                           {"type": "end_group"}], None, None),
    ("form.unknown_language", [{"type": "text", "name": "t", "label::en": "T"}], None,
     {"default_language": "fr"}),
]


@pytest.mark.parametrize(("code", "rows", "choices", "settings"), INVALID_FORMS,
                         ids=[case[0] for case in INVALID_FORMS])
def test_describe_problem__real_invalid_form__translated_with_location(
        tmp_path: Path, code: str, rows: list[dict[str, Any]],
        choices: list[dict[str, Any]] | None, settings: dict[str, Any] | None) -> None:
    problems = [p for p in problems_of(tmp_path, rows, choices, settings) if p.code == code]
    assert problems, code
    for problem in problems:
        kazakh, russian = problem_text(problem, "kk"), problem_text(problem, "ru")
        assert _KAZAKH_LETTERS.search(kazakh), kazakh
        assert _CYRILLIC.search(russian) and not _KAZAKH_LETTERS.search(russian), russian
        assert "{" not in kazakh.replace("${", "") and "{" not in russian.replace("${", "")
        full = describe_problem(problem, "ru")
        assert full.endswith(russian)
        if problem.location.row is not None:
            assert f"строка {problem.location.row}" in full
        assert describe_problem(problem, "en").endswith(problem.message[1:])


def test_describe_problem__unknown_reference__names_kept_and_location_in_kazakh() -> None:
    problem = Problem("form.unknown_reference", "'${agee}' does not name a question of this "
                      "form. Did you mean 'age'? Fix the name or add the question.",
                      Location(None, "survey", 12, "relevant"))

    kazakh = describe_problem(problem, "kk")
    russian = describe_problem(problem, "ru")

    assert kazakh.startswith("«survey» парағы, 12-жол, «relevant» бағаны: «${agee}»")
    assert "«age»" in kazakh
    assert russian.startswith("лист «survey», строка 12, столбец «relevant»: «${agee}»")


def test_describe_problem__syntax_error__english_detail_appended(tmp_path: Path) -> None:
    rows = [{"type": "integer", "name": "age", "label": "Age", "constraint": ". >= "}]
    problem = next(p for p in problems_of(tmp_path, rows) if p.code == "form.syntax")

    text = problem_text(problem, "kk")

    assert text.startswith("«constraint» ұяшығындағы өрнек жарамсыз.")
    assert "(толығырақ: " in text and "'. >='" in text


def test_describe_problem__unknown_code__english_message() -> None:
    problem = Problem("form.something_new", "the cell is odd. Fix it.", Location(sheet="survey"))

    assert describe_problem(problem, "ru") == "лист «survey»: The cell is odd. Fix it."


def test_describe_problem__message_pattern_not_recognised__english_message() -> None:
    problem = Problem("form.duplicate_name", "a wholly different wording", Location())

    assert describe_problem(problem, "kk") == "A wholly different wording"


def test_describe_error__form_error__one_translated_line_per_problem(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", [
        {"type": "integer", "name": "age", "label": "Age", "constraint": ". >= "},
        {"type": "select_one nolist", "name": "pick", "label": "Pick"},
    ], YES_NO, None)
    with pytest.raises(FormError) as caught:
        load_form(path)

    lines = describe_error(caught.value, "kk").splitlines()

    assert len(lines) == len(caught.value.problems) == 2
    assert lines[0].startswith("«bad.xlsx» файлы, «survey» парағы, 2-жол, «constraint» бағаны: ")
    assert "«nolist» нұсқалар тізімі" in lines[1]


def test_describe_error__uncoded_exception__its_own_text() -> None:
    assert describe_error(ValueError("plain failure"), "kk") == "plain failure"
