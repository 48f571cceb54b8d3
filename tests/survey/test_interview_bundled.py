"""The interview engine over the bundled questionnaire ``questionnaires/mediation_awareness.xlsx``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from survey.form.model import Form, QuestionType
from survey.form.xlsform import load_form
from survey.interview import Interview
from survey.interview.instances import RepeatInterview
from survey.messages import render

BUNDLED = Path(__file__).resolve().parents[2] / "questionnaires" / "mediation_awareness.xlsx"
CLOCK = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(BUNDLED, repeats=True)


def _start(form: Form, language: str = "kk") -> Interview:
    iv = RepeatInterview(form, language=language, now=lambda: CLOCK).engine
    for name, value in (("wave", "baseline"), ("sampling_point", 12), ("interview_date", "2026-03-02"),
                        ("interviewer_id", "ALM-07")):
        assert iv.set_answer(name, value).ok, name
    return iv


def _visible_after(iv: Interview, name: str) -> list[str]:
    names = [q.name for q in iv.visible_questions()]
    return names[names.index(name) + 1:]


@pytest.mark.parametrize("code, accepted", [("ALM-07", True), ("Айгерім Т.", True),
                                             ("Ғалым-12", True), ("7", False), ("ALM_07", False),
                                             ("A" * 41, False)])
def test_bundled__interviewer_id__codes_and_names_interviewers_use(form: Form, code: str,
                                                                    accepted: bool) -> None:
    verdict = RepeatInterview(form, language="ru").engine.validate("interviewer_id", code)
    assert verdict.ok is accepted
    if not accepted:
        assert "ALM-07" in render(verdict.message, "ru")


def test_bundled__consent_refused__only_the_refusal_note_follows(form: Form) -> None:
    iv = _start(form)
    iv.set_answer("consent", "no")
    assert _visible_after(iv, "consent") == ["consent_refused"]
    assert not iv.is_relevant("demographics")
    assert iv.missing_required() == []
    assert iv.can_finish()
    assert set(iv.result()) == {"wave", "sampling_point", "interview_date", "interviewer_id", "consent"}


def test_bundled__consent_given__demographics_follow(form: Form) -> None:
    iv = _start(form)
    iv.set_answer("consent", "yes")
    after = _visible_after(iv, "consent")
    assert "consent_refused" not in after
    assert after[:3] == ["region", "settlement", "sex"]
    assert not iv.can_finish()


def test_bundled__not_heard_of_mediation__sources_and_description_hidden(form: Form) -> None:
    iv = _start(form)
    iv.set_answer("consent", "yes")
    iv.set_answer("heard_mediation", "yes")
    assert iv.is_relevant("info_sources") and iv.is_relevant("can_describe")
    iv.set_answer("info_sources", ("tv", "court"))
    iv.set_answer("heard_mediation", "no")
    assert not iv.is_relevant("info_sources") and not iv.is_relevant("can_describe")
    assert "info_sources" not in iv.result()
    assert iv.answers["info_sources"] == ("tv", "court")


def test_bundled__age_17__rejected_with_the_forms_kazakh_message(form: Form) -> None:
    iv = _start(form, "kk")
    iv.set_answer("consent", "yes")
    verdict = iv.set_answer("age", 17)
    expected = form.question("age").constraint_message.get("kk")
    assert (verdict.ok, verdict.code, render(verdict.message, "kk")) == (False, "constraint", expected)
    assert render(verdict.message, "kk").startswith("Жас 18")
    iv.language = "ru"
    assert render(iv.validate("age", "17").message, "ru") == form.question("age").constraint_message.get("ru")
    assert iv.set_answer("age", "18").ok


@pytest.mark.parametrize(("age", "group"), [(18, "18-44"), (44, "18-44"), (45, "45-59"), (60, "60+")])
def test_bundled__age__age_group_calculated(form: Form, age: int, group: str) -> None:
    iv = _start(form)
    iv.set_answer("consent", "yes")
    iv.set_answer("age", age)
    assert iv.result()["age_group"] == group


def test_bundled__city_of_republican_significance__settlement_filtered_to_urban(form: Form) -> None:
    iv = _start(form)
    iv.set_answer("consent", "yes")
    iv.set_answer("region", "astana")
    assert [c.name for c in iv.available_choices("settlement")] == ["urban"]
    assert iv.set_answer("settlement", "rural").code == "choice.unknown"
    iv.set_answer("region", "turkistan")
    assert [c.name for c in iv.available_choices("settlement")] == ["urban", "rural"]


def test_bundled__exclusive_dont_know__constraint_message_in_russian(form: Form) -> None:
    iv = _start(form, "ru")
    iv.set_answer("consent", "yes")
    verdict = iv.set_answer("mediation_areas", ("family", "dont_know"))
    assert (verdict.code, render(verdict.message, "ru")) == (
        "constraint", form.question("mediation_areas").constraint_message.get("ru"))
    assert iv.set_answer("mediation_areas", "dont_know").ok


def test_bundled__interview_date_in_future__rejected_by_today(form: Form) -> None:
    iv = _start(form)
    assert iv.set_answer("interview_date", date(2026, 3, 3)).code == "constraint"
    assert iv.set_answer("interview_date", date(2026, 3, 2)).ok


def test_bundled__attitude_statements__one_field_list_page(form: Form) -> None:
    iv = _start(form)
    iv.set_answer("consent", "yes")
    page = next(p for p in iv.pages() if "trust_mediators" in p.names)
    assert page.group is not None and page.group.name == "views_mediation"
    assert "trust_courts" in page.names and len(page.names) == 7


def test_bundled__every_page_answered__interview_can_finish(form: Form) -> None:
    iv = _start(form, "en")
    iv.set_answer("consent", "yes")
    page = iv.next_page(None)
    while page is not None:
        for question in page.questions:
            if question.name not in iv.answers and question.type.takes_input:
                assert iv.set_answer(question.name, _plausible(iv, question.name)).ok, question.name
        page = iv.next_page(page)
    assert iv.missing_required() == []
    assert iv.can_finish()
    answered, asked = iv.progress()
    assert answered == asked > 40


def _plausible(iv: Interview, name: str) -> object:
    question = iv.form.question(name)
    if question.type.is_select:
        first = iv.available_choices(name)[0].name
        if name in ("consent", "callback_ok"):
            return "yes" if name == "consent" else "no"
        return (first,) if question.type is QuestionType.SELECT_MULTIPLE else first
    if name == "dispute_count":
        return 2
    return {QuestionType.INTEGER: 30, QuestionType.DATE: date(2026, 3, 1),
            QuestionType.DECIMAL: 1.5, QuestionType.ACKNOWLEDGE: "OK"}.get(question.type, "text")
