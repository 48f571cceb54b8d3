"""The interviewer guide: built from the form, written as a PDF in kk, ru and en by the
``kelisim guide`` command, with the consent script, the don't know / refusal rules and every
question."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main as kelisim
from questionnaires import bundled_form_bytes
from reports.document import Heading
from reports.guide import Item, build_guide
from survey.form.model import Form, QuestionType
from survey.form.xlsform import load_form
from survey.i18n import catalog, missing_translations
from tests.formbuilder import write_xlsform

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(bundled_form_bytes(), filename="mediation_awareness.xlsx", repeats=True)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_guide_command__each_language__pdf_holds_the_consent_script(
        form: Form, language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"guide-{language}.pdf"
    assert kelisim(["guide", "--lang", language, "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    text = _pdf_text(out)
    assert len(PdfReader(out).pages) >= 8
    assert _flat(form.question("consent_intro").label.get(language)) in text
    assert _flat(form.question("consent").label.get(language)) in text
    assert _flat(form.question("consent_refused").label.get(language)) in text
    refused = form.question("trust_mediators").choice("refused")
    assert refused is not None and _flat(refused.label.get(language)) in text
    if language == "kk":
        assert set("әғқңөұүі") <= set(text)


def test_guide__bundled_form__rules_then_consent_then_codes_then_every_question(
        form: Form) -> None:
    guide = build_guide(form, "en")
    headings = [b.text for b in guide.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == ["How to ask the questions", "Introduction and consent",
                        "Recording “don't know” and refusals", "Question by question"]
    items = [b for b in guide.blocks if isinstance(b, Item)]
    shown = [q.name for q in form.questions if q.type is not QuestionType.CALCULATE]
    by_question = items[[i.name for i in items].index("wave"):]
    assert [i.name for i in by_question] == shown
    text = guide.text()
    assert "“Don't know”: the respondent says they do not know" in text
    assert "“Refused”: the respondent does not want to answer" in text


def test_guide__items__routing_in_words_codes_not_read_out_and_instructions(form: Form) -> None:
    items = {b.name: b for b in build_guide(form, "ru").blocks if isinstance(b, Item)}
    numbers = {name: item.number for name, item in items.items()}
    assert items["can_describe"].condition == (
        f"Задаётся, только если ответ на В{numbers['heard_mediation']} — «Да».")
    kept = items["agreement_kept"].condition
    assert kept.count(f"В{numbers['outcome']}") == 2 and " или " in kept
    trust = items["trust_mediators"]
    assert [o.read_out for o in trust.options] == [True] * 5 + [False, False]
    assert items["prevent_escalation"].instruction.startswith("Деликатный вопрос")
    assert items["age"].check.startswith("Возраст должен быть от 18 до 100")
    assert items["trust_mediators"].required and not items["interviewer_comments"].required


def test_guide__form_without_consent_or_codes__still_written(tmp_path: Path) -> None:
    xlsx = write_xlsform(tmp_path / "small.xlsx", [
        {"type": "integer", "name": "age", "label::en": "Age", "label::kk": "Жасы"},
        {"type": "select_one yn", "name": "ok", "label::en": "OK?", "label::kk": "Жарай ма?",
         "relevant": "${age} >= 18"},
    ], [{"list_name": "yn", "name": "yes", "label::en": "Yes", "label::kk": "Иә"},
        {"list_name": "yn", "name": "no", "label::en": "No", "label::kk": "Жоқ"}],
        {"form_id": "small", "form_title": "Small", "version": "3"})
    guide = build_guide(load_form(xlsx), "kk")
    text = guide.text()
    assert "Кіріспе және келісім" not in text
    assert "кодтары жарияланбаған" in text
    item = next(b for b in guide.blocks if isinstance(b, Item) and b.name == "ok")
    assert item.condition == "Тек мына шарт орындалса қойылады: ${age} >= 18"
    out = tmp_path / "guide.pdf"
    assert kelisim(["guide", "--lang", "kk", "--form", str(xlsx), "--out", str(out)]) == 0
    assert "Жарай ма?" in _pdf_text(out)


def test_guide_command__language_missing_from_form__message_in_that_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = write_xlsform(tmp_path / "en.xlsx", [
        {"type": "integer", "name": "age", "label::English (en)": "Age"}],
        None, {"form_id": "only_en", "form_title": "Only English"})
    out = tmp_path / "g.pdf"
    assert kelisim(["guide", "--lang", "ru", "--form", str(xlsx), "--out", str(out)]) == 1
    assert "В анкете нет текстов на языке «ru»" in capsys.readouterr().err
    assert not out.exists()


def test_guide_command__form_without_language_columns__says_so_not_an_empty_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = write_xlsform(tmp_path / "plain.xlsx", [
        {"type": "integer", "name": "age", "label": "Age"}], None, {"form_id": "plain"})
    out = tmp_path / "g.pdf"
    assert kelisim(["guide", "--lang", "ru", "--form", str(xlsx), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "нет столбцов текстов по языкам (label::<язык>)" in err and ": ." not in err
    assert err.rstrip().endswith("[guide.no_language.untranslated]")
    assert not out.exists()


def test_guide_command__unwritable_output__coded_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    assert kelisim(["guide", "--lang", "kk", "--out", str(blocker / "guide.pdf")]) == 1
    assert "нұсқаулықты бұл жерге жазу мүмкін емес" in capsys.readouterr().err


def test_guide_catalog__every_text_used__translated_in_kk_and_ru() -> None:
    assert missing_translations("guide") == {"kk": [], "ru": []}
    used: set[str] = set()
    for name in ("guide.py", "guide_pdf.py"):
        tree = ast.parse((ROOT / "reports" / name).read_text(encoding="utf-8"))
        used |= {str(node.args[0].value) for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                 and node.func.id == "_" and node.args and isinstance(node.args[0], ast.Constant)}
    assert len(used) > 30
    for language in ("kk", "ru", "en"):
        assert sorted(used - catalog("guide", language).keys()) == [], language


ROSTER_RULES = {
    "kk": "Бұл сұрақтар әр бірлік үшін бір рет қойылады: С{n} сұрағының жауабындағы сан қанша "
          "болса, сонша рет.",
    "ru": "Эти вопросы задаются по одному разу для каждой единицы: столько раз, сколько "
          "указано в ответе на В{n}.",
    "en": "These questions are asked once for each item: as many times as the answer to Q{n}.",
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_guide__bundled_roster__its_questions_under_it_with_its_count_rule(
        form: Form, language: str) -> None:
    guide = build_guide(form, language)
    group = next(g for g in form.groups if g.repeat and g.name == "disputes")
    at = next(i for i, b in enumerate(guide.blocks)
              if isinstance(b, Heading) and b.text == group.label.get(language))
    items = [b for b in guide.blocks if isinstance(b, Item)]
    count = next(i for i in items if i.name == "dispute_count")
    notes = []
    for block in guide.blocks[at + 1:]:
        if isinstance(block, Item):
            break
        notes.append(block.text)  # type: ignore[attr-defined]
    assert ROSTER_RULES[language].format(n=count.number) in notes
    inside = [q.name for q in form.questions if q.type is not QuestionType.CALCULATE
              and "disputes" in q.group_path]
    after = [b.name for b in guide.blocks[at:] if isinstance(b, Item)]
    assert inside and after[:len(inside)] == inside


def test_guide__open_ended_and_fixed_repeats__say_how_often_they_are_asked(
        tmp_path: Path) -> None:
    xlsx = write_xlsform(tmp_path / "rosters.xlsx", [
        {"type": "begin_repeat", "name": "people", "label::en": "People", "label::kk": "Адамдар"},
        {"type": "integer", "name": "age", "label::en": "Age", "label::kk": "Жасы"},
        {"type": "end_repeat"},
        {"type": "begin_repeat", "name": "visits", "label::en": "Visits", "label::kk": "Сапарлар",
         "repeat_count": "3"},
        {"type": "integer", "name": "days", "label::en": "Days", "label::kk": "Күндер"},
        {"type": "end_repeat"},
    ], [], {"form_id": "rosters", "version": "1"})
    text = build_guide(load_form(xlsx, repeats=True), "kk").text()
    assert "Бұл сұрақтар респондент атаған әр бірлік үшін бір рет қойылады; әрқайсысына жаңа " \
           "бірлік қосыңыз." in text
    assert "Бұл сұрақтар әр бірлік үшін бір рет қойылады; бірліктер саны: 3." in text
