"""Problems of real invalid questionnaires rendered in Kazakh, Russian and English.

Each problem is a Message (code, fields, location); its sentence comes from the ``messages``
catalogs only. Every problem code of the reader is produced here by a real workbook.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from survey.errors import FormError
from survey.form import load_form
from survey.form.codes import FormCode
from survey.messages import Message, render, render_all, render_location
from tests.formbuilder import write_xlsform
from tests.survey.test_xlsform_limits import workbook
from tests.survey.test_xlsform_unreadable import save_without_survey_sheet

ROOT = Path(__file__).resolve().parents[2]
YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
AGE = {"type": "integer", "name": "age", "label": "Age"}
_CYRILLIC = re.compile(r"[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
#: Nested parts of a problem (reasons, features, advice, terms), not problems themselves.
_PARTS = ("form.reason.", "form.feature.", "form.advice.", "form.term.", "form.limit.",
          "form.expected.")

Build = Callable[[Path], Path]


def form(rows: list[dict[str, Any]], choices: list[dict[str, Any]] | None = None,
         settings: dict[str, Any] | None = None, **extra: Any) -> Build:
    return lambda folder: write_xlsform(folder / "bad.xlsx", rows, choices, settings, **extra)


def raw_file(content: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / "bad.xlsx"
        path.write_bytes(content)
        return path
    return build


def with_file(name: str, content: bytes) -> Build:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(content)
        return write_xlsform(folder / "bad.xlsx", [{"type": f"select_one_from_file {name}",
                                                    "name": "x", "label": "X"}])
    return build


def without_survey_sheet(folder: Path) -> Path:
    return save_without_survey_sheet(folder / "bad.xlsx")


INVALID: list[tuple[FormCode, Build]] = [
    (FormCode.UNREADABLE, raw_file(b"")),
    (FormCode.NO_SURVEY_SHEET, without_survey_sheet),
    (FormCode.UNSUPPORTED_TYPE, form([{"type": "background-audio", "name": "rec"}])),
    (FormCode.UNKNOWN_TYPE, form([{"type": "integr", "name": "age", "label": "Age"}])),
    (FormCode.BAD_TYPE, form([{"type": "select_one a b", "name": "x", "label": "X"}], YES_NO)),
    (FormCode.UNSUPPORTED_COLUMN, form([{"type": "text", "name": "t", "label": "T",
                                         "video": "a.mp4"}])),
    (FormCode.UNKNOWN_COLUMN, form([{"type": "text", "name": "t", "label": "T",
                                     "lable": "red"}])),
    (FormCode.UNSUPPORTED_SHEET, form([AGE], extra_sheets={
        "entities": [{"list_name": "a", "name": "b"}]})),
    (FormCode.UNSUPPORTED_APPEARANCE, form([{"type": "select_one yn", "name": "x", "label": "X",
                                             "appearance": "search('c', 'in', 'a', 'b')"}],
                                           YES_NO)),
    (FormCode.TOO_LARGE, raw_file(workbook([["type"]], padding=" " * (33 * 1024 * 1024)))),
    (FormCode.BAD_FILE, with_file("c.xml", b"<root><item>")),
    (FormCode.FILE_COLUMNS, with_file("c.csv", b"code,title\n1,a\n")),
    (FormCode.MISSING_FILE, form([{"type": "select_one_from_file c.csv", "name": "x",
                                   "label": "X"}])),
    (FormCode.DUPLICATE_NAME, form([AGE, {"type": "text", "name": "age", "label": "U"}])),
    (FormCode.DUPLICATE_GROUP_NAME, form([
        {"type": "begin_group", "name": "a", "label": "A"},
        {"type": "begin_group", "name": "g", "label": "G"}, AGE, {"type": "end_group"},
        {"type": "end_group"},
        {"type": "begin_group", "name": "g", "label": "G"}, {**AGE, "name": "b"},
        {"type": "end_group"}])),
    (FormCode.AMBIGUOUS_REFERENCE, form([
        {"type": "begin_group", "name": "a", "label": "A"}, AGE, {"type": "end_group"},
        {"type": "begin_group", "name": "b", "label": "B"}, AGE, {"type": "end_group"},
        {"type": "note", "name": "n", "label": "Age ${age}"}])),
    (FormCode.NAME_OF_OTHER_TEXT, form([{"type": "select_one yn or_other", "name": "q",
                                         "label": "Q"},
                                        {"type": "text", "name": "q_other", "label": "O"}],
                                       YES_NO)),
    (FormCode.MISSING_NAME, form([{"type": "text", "label": "T"}, AGE])),
    (FormCode.MISSING_CHOICE_NAME, form([{"type": "select_one yn", "name": "x", "label": "X"}],
                                        [*YES_NO, {"list_name": "yn", "label": "Unnamed"}])),
    (FormCode.INVALID_NAME, form([{"type": "text", "name": "two words", "label": "T"}])),
    (FormCode.MISSING_LIST, form([{"type": "select_one nolist", "name": "x", "label": "X"}],
                                 YES_NO)),
    (FormCode.EMPTY_LIST, form([{"type": "select_one empty", "name": "x", "label": "X"}],
                               [{"list_name": "empty", "name": None, "label": "Unnamed"}])),
    (FormCode.DUPLICATE_CHOICE, form([{"type": "select_one yn", "name": "x", "label": "X"}],
                                     [*YES_NO, {"list_name": "yn", "name": "yes",
                                                "label": "Again"}])),
    (FormCode.INVALID_CHOICE_NAME, form([{"type": "select_multiple s", "name": "x",
                                          "label": "X"}],
                                        [{"list_name": "s", "name": "tv news", "label": "TV"}])),
    (FormCode.UNMATCHED_GROUP, form([{"type": "begin_group", "name": "g", "label": "G"}, AGE])),
    (FormCode.UNMATCHED_END_GROUP, form([AGE, {"type": "end_group"}])),
    (FormCode.MISSING_LABEL, form([AGE, {"type": "integer", "name": "n"}])),
    (FormCode.MISSING_CHOICE_LABEL, form([{"type": "select_one yn", "name": "x", "label": "X"}],
                                         [*YES_NO, {"list_name": "yn", "name": "maybe"}])),
    (FormCode.MISSING_CALCULATION, form([AGE, {"type": "calculate", "name": "c"}])),
    (FormCode.MISSING_TYPE, form([AGE, {"name": "orphan", "label": "O"}])),
    (FormCode.MISPLACED_COLUMN, form([{**AGE, "choice_filter": "1 + 1"}])),
    (FormCode.MISPLACED_GROUP_COLUMN, form([{"type": "begin_group", "name": "g",
                                             "constraint": ". > 1"}, AGE,
                                            {"type": "end_group"}])),
    (FormCode.FILTER_WITH_OTHER, form([AGE, {"type": "select_one yn or_other", "name": "x",
                                             "label": "X", "choice_filter": "${age} > 1"}],
                                      YES_NO)),
    (FormCode.UNKNOWN_REFERENCE, form([AGE, {"type": "text", "name": "t", "label": "T",
                                             "relevant": "${agee} > 1"}])),
    (FormCode.GROUP_REFERENCE, form([{"type": "begin_group", "name": "g"}, AGE,
                                     {"type": "end_group"},
                                     {"type": "text", "name": "x", "label": "X",
                                      "relevant": "${g} = 1"}])),
    (FormCode.SELF_REFERENCE, form([{"type": "calculate", "name": "c",
                                     "calculation": "${c} + 1"}, AGE])),
    (FormCode.CYCLE, form([{"type": "integer", "name": "q", "label": "Q", "relevant": "${c} > 1"},
                           {"type": "calculate", "name": "c", "calculation": "${q} * 2"}])),
    (FormCode.SYNTAX, form([{**AGE, "constraint": ". >= "}])),
    (FormCode.UNKNOWN_FUNCTION, form([{**AGE, "constraint": "frobnicate(.)"}])),
    (FormCode.INSTANCE_PATH, form([{**AGE, "constraint": "instance('ages')/root/item = ."}])),
    (FormCode.BARE_NAME, form([AGE, {"type": "text", "name": "x", "label": "X",
                                     "relevant": "age > 1"}])),
    (FormCode.UNKNOWN_CHOICE_COLUMN, form([{"type": "select_one yn", "name": "x", "label": "X",
                                            "choice_filter": "nmae = 'a'"}], YES_NO)),
    (FormCode.TOO_DEEP, form([*({"type": "begin_group", "name": f"g{i}", "label": "G"}
                                for i in range(101)), AGE,
                              *({"type": "end_group"} for _ in range(101))])),
    (FormCode.BAD_DEFAULT, form([{**AGE, "default": "abc"}])),
    (FormCode.BAD_PARAMETERS, form([{**AGE, "type": "range", "parameters": "start 1"}])),
    (FormCode.BAD_PARAMETER, form([{**AGE, "type": "range", "parameters": "step=0"}])),
    (FormCode.UNKNOWN_PARAMETER, form([{**AGE, "parameters": "randomize=true"}])),
    (FormCode.UNSUPPORTED_PARAMETER, form([{"type": "image", "name": "p", "label": "P",
                                            "parameters": "app=org.camera"}])),
    (FormCode.SEED_WITHOUT_RANDOMIZE, form([{"type": "select_one yn", "name": "x",
                                             "label": "X", "parameters": "seed=4"}], YES_NO)),
    (FormCode.BAD_VALUE, form([{"type": "text", "name": "t", "label": "T",
                                "read_only": "maybe"}])),
    (FormCode.BAD_MISSING, form([{"type": "select_one yn", "name": "x", "label": "X"}],
                                [*YES_NO, {"list_name": "yn", "name": "dk", "label": "DK",
                                           "kelisim::missing": "unsure"}])),
    (FormCode.DUPLICATE_COLUMN, form([{"type": "text", "name": "x", "label": "X",
                                       "Label ": "Second"}])),
    (FormCode.UNNAMED_COLUMN, form([{"type": "text", "name": "x", "label": "X", "": "stray"}])),
    (FormCode.UNKNOWN_LANGUAGE, form([{"type": "text", "name": "t", "label::en": "T"}], None,
                                     {"default_language": "fr"})),
    (FormCode.EXTRA_SETTINGS_ROW, form([AGE], extra_sheets={
        "settings": [{"form_id": "a"}, {"form_id": "b"}]})),
    (FormCode.NO_QUESTIONS, form([{"type": "begin_group", "name": "g", "label": "G"},
                                  {"type": "end_group"}])),
    (FormCode.MISSING_TYPE_COLUMN, form([{"name": "q", "label": "Q"}])),
    (FormCode.MISSING_CHOICES_COLUMNS, form([AGE], [{"list": "yn", "value": "yes"}])),
    (FormCode.MISSING_LIST_NAME, form([{"type": "select_one yn", "name": "x", "label": "X"}],
                                      [*YES_NO, {"name": "stray", "label": "Stray"}])),
]


def problems_of(tmp_path: Path, build: Build) -> list[Message]:
    with pytest.raises(FormError) as caught:
        load_form(build(tmp_path))
    return caught.value.problems


def test_invalid_forms__cover_every_problem_code() -> None:
    problems = {member for member in FormCode if not member.code.startswith(_PARTS)}
    assert problems - {code for code, _ in INVALID} == set()


@pytest.mark.parametrize(("code", "build"), INVALID, ids=[code.code for code, _ in INVALID])
def test_problem__real_invalid_form__rendered_in_kazakh_and_russian(
        tmp_path: Path, code: FormCode, build: Build) -> None:
    problems = [p for p in problems_of(tmp_path, build) if p.kind is code]
    assert problems, [p.code for p in problems_of(tmp_path, build)]
    for problem in problems:
        assert problem.location.file == "bad.xlsx"
        kazakh = render(problem, "kk", with_location=False)
        russian = render(problem, "ru", with_location=False)
        english = render(problem, "en", with_location=False)
        assert _KAZAKH_LETTERS.search(kazakh), kazakh
        assert _CYRILLIC.search(russian) and not _KAZAKH_LETTERS.search(russian), russian
        assert not _CYRILLIC.search(english), english
        for text in (kazakh, russian, english):
            assert "{" not in text.replace("${", ""), text
            assert not re.search(r"\b(form|expression)\.[a-z_.]+", text), text
        full = render(problem, "ru")
        assert full == f"{render_location(problem.location, 'ru')}: {russian}"
        if problem.location.row is not None:
            assert f"строка {problem.location.row}" in full
            assert f"{problem.location.row}-жол" in render(problem, "kk")


def test_unknown_reference__kazakh_and_russian__names_and_suggestion_kept(tmp_path: Path) -> None:
    build = form([AGE, {"type": "text", "name": "t", "label": "T", "relevant": "${agee} > 1"}])
    [problem] = problems_of(tmp_path, build)

    assert render(problem, "kk") == (
        "bad.xlsx, «survey» парағы, 3-жол, «relevant» бағаны: «${agee}» бұл сауалнаманың "
        "сұрағын атамайды. «age» деп жазғыңыз келді ме? Атауды түзетіңіз немесе сұрақты қосыңыз.")
    assert render(problem, "ru") == (
        "bad.xlsx, лист «survey», строка 3, столбец «relevant»: «${agee}» не называет вопрос "
        "этой анкеты. Возможно, вы имели в виду «age»? Исправьте имя или добавьте вопрос.")


def test_syntax_error__kazakh__expression_message_nested_in_the_same_language(
        tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, form([{**AGE, "constraint": ". >= "}]))

    assert render(problem, "kk", with_location=False) == (
        "«constraint» ұяшығындағы өрнек жарамсыз. «. >=» өрнегі, 5-таңба: өрнек тым ерте "
        "аяқталады. Оны толықтырыңыз: соңғы оператордан кейін мән жетіспейді.")
    assert render(problem, "ru", with_location=False) == (
        "Выражение в ячейке «constraint» недопустимо. Выражение «. >=», символ 5: выражение "
        "обрывается слишком рано. Допишите его: после последнего оператора не хватает значения.")


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "«ten» әдепкі мәні сұраққа сәйкес келмейді: ол бүтін сан емес. Әдепкі мәнді "
           "түзетіңіз немесе тазалаңыз."),
    ("ru", "Значение по умолчанию «ten» не подходит к вопросу: это не целое число. Исправьте "
           "или очистите значение по умолчанию."),
    ("en", "The default 'ten' does not fit the question: it is not a whole number. Fix or "
           "empty the default."),
])
def test_bad_default__reason_rendered_in_each_language(tmp_path: Path, language: str,
                                                       expected: str) -> None:
    [problem] = problems_of(tmp_path, form([{**AGE, "default": "ten"}]))
    assert render(problem, language, with_location=False) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "«begin_repeat» түріне қолдау жоқ: Kelisim-де қайталанатын топтар "
           "(begin_repeat/end_repeat) іске асырылмаған; оның орнына жеке сұрақтар қолданыңыз. "
           "Жолды жойыңыз немесе оның түрін өзгертіңіз."),
    ("ru", "Тип «begin_repeat» не поддерживается: в Kelisim не реализованы повторяющиеся группы "
           "(begin_repeat/end_repeat); используйте вместо них отдельные вопросы. Удалите строку "
           "или измените её тип."),
])
def test_unsupported_type__feature_rendered_in_each_language(tmp_path: Path, language: str,
                                                             expected: str) -> None:
    rows = [{"type": "begin_repeat", "name": "r", "label": "R"}, AGE,
            {"type": "end_repeat"}]
    problems = [p for p in problems_of(tmp_path, form(rows)) if p.location.row == 2]
    assert [render(p, language, with_location=False) for p in problems] == [expected]


def test_unreadable__russian__reason_in_russian(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, raw_file(b"type,name\ntext,q\n"))
    assert render(problem, "ru") == (
        "bad.xlsx: Не удаётся прочитать анкету: это не книга .xlsx (возможно, переименованный "
        "CSV или текстовый файл). Сохраните анкету как книгу .xlsx.")


def test_render_all__form_error__one_translated_line_per_problem(tmp_path: Path) -> None:
    build = form([{**AGE, "constraint": ". >= "},
                  {"type": "select_one nolist", "name": "pick", "label": "Pick"}], YES_NO)
    with pytest.raises(FormError) as caught:
        load_form(build(tmp_path))

    lines = render_all(caught.value.messages, "kk").splitlines()

    assert len(lines) == len(caught.value.problems) == 2
    assert lines[0].startswith("bad.xlsx, «survey» парағы, 2-жол, «constraint» бағаны: ")
    assert lines[1] == ("bad.xlsx, «survey» парағы, 3-жол, «type» бағаны: «nolist» нұсқалар "
                        "тізімі «choices» парағында жоқ. Оның нұсқаларын сол параққа қосыңыз "
                        "немесе тізім атауын түзетіңіз.")


def test_architecture_doc__every_reader_code__is_a_form_code() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("Problem codes of the XLSForm reader")[1].split("Column policy")[0]
    names = re.findall(r"`([a-z_]+)`", block)
    assert names
    assert {f"form.{name}" for name in names} - {member.code for member in FormCode} == set()


def test_no_module__reads_english_text_back() -> None:
    """Messages are rendered from their fields; no module matches English text to translate it."""
    assert not (ROOT / "survey" / "error_text.py").exists()
    for package in ("survey", "analysis", "reports", "desktop"):
        for path in (ROOT / package).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert "error_text import" not in source.replace("desktop.i18n import", ""), path

def test_form_error__pickled__keeps_every_problem(tmp_path: Path) -> None:
    build = form([{**AGE, "constraint": ". >= "}, AGE])
    with pytest.raises(FormError) as caught:
        load_form(build(tmp_path))
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.problems == caught.value.problems and len(again.problems) == 2
    assert again.code == "form.syntax"
