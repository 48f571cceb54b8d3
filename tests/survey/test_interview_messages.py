"""Validation messages of the interview engine are data, rendered from the catalogs in kk/ru/en."""

import pytest

from survey.errors import InterviewError
from survey.form.model import QuestionType
from survey.i18n import LANGUAGES
from survey.interview import Interview
from survey.interview.messages import VALIDATION_MESSAGES, builtin_message, message_language
from survey.messages import render
from tests.survey.test_interview_engine import INT, S1, choices, form, q


def test_builtin_message__each_code__three_languages_differ() -> None:
    for code in VALIDATION_MESSAGES:
        texts = {lang: render(builtin_message(code, value="v", rule="r"), lang)
                 for lang in LANGUAGES}
        assert len(set(texts.values())) == 3, code


@pytest.mark.parametrize(("language", "required", "integer"), [
    ("kk", "Бұл сұраққа жауап беру міндетті. Жауапты енгізіңіз.",
     "«1,5» бүтін сан емес. Бүтін сан енгізіңіз, мысалы 12."),
    ("ru", "Ответ на этот вопрос обязателен. Введите ответ.",
     "«1,5» не является целым числом. Введите целое число, например 12."),
    ("en", "This question requires an answer. Enter an answer.",
     "“1,5” is not a whole number. Enter a whole number, e.g. 12."),
])
def test_validation__message_is_data__rendered_in_each_language(language, required, integer):
    iv = Interview(form(q("n", INT, required="true()")))
    missing, wrong = iv.validate("n", None), iv.validate("n", "1,5")
    assert (missing.code, missing.message.code) == ("required", "interview.required")
    assert (wrong.code, wrong.message.code, dict(wrong.message.fields)) == (
        "type.integer", "interview.type.integer", {"value": "1,5"})
    assert render(missing.message, language) == required
    assert render(wrong.message, language) == integer


def test_validation__constraint_without_own_text__rule_is_a_field() -> None:
    iv = Interview(form(q("n", INT, constraint=". > 0")))
    verdict = iv.validate("n", -1)
    assert dict(verdict.message.fields) == {"rule": ". > 0"}
    assert render(verdict.message, "kk") == ("Бұл жауап қабылданбайды (шарт: . > 0). Жауапты "
                                             "тексеріп, түзетіңіз.")


def test_message_language__form_language_names__nearest_supported_else_fallback() -> None:
    assert message_language("Русский") == "ru"
    assert message_language("English (en)") == "en"
    assert message_language("Kazakh (kk)") == "kk"
    assert message_language("") == "en"
    assert message_language("fr") == "en"
    assert message_language("fr", fallback="kk") == "kk"


def test_or_other__choice_label__from_the_catalog_in_each_form_language() -> None:
    question = q("s", S1, choices=choices("a"), or_other=True)
    iv = Interview(form(question, languages=("kk", "ru", "en")))
    other = iv.available_choices("s")[-1]
    assert [other.label.get(lang) for lang in ("kk", "ru", "en")] == ["Басқа", "Другое", "Other"]


def test_engine_errors__coded_and_rendered_in_kazakh() -> None:
    iv = Interview(form(q("n", INT)))
    with pytest.raises(InterviewError) as caught:
        iv.value("nope")
    assert caught.value.code == "interview.unknown_name"
    assert "«nope»" in render(caught.value.message, "kk")
    with pytest.raises(InterviewError) as caught:
        iv.available_choices("n")
    assert caught.value.code == "interview.not_select"
    with pytest.raises(InterviewError) as caught:
        Interview(form(q("n", INT)), answers={"n": "abc"})
    assert caught.value.code == "interview.bad_saved_answer"
    assert dict(caught.value.message.fields)["type"] == QuestionType.INTEGER.value
    text = render(caught.value.message, "ru")  # names the question, never the saved words
    assert "«n»" in text and "abc" not in text


def test_too_long_answer__refused_with_the_limit_never_stored() -> None:
    iv = Interview(form(q("note_text"), q("d", QuestionType.DECIMAL)))
    longest = "ә" * 10_000
    assert iv.set_answer("note_text", longest).ok
    refused = iv.set_answer("note_text", longest + "!")
    assert (refused.ok, refused.code, refused.message.code) == (
        False, "too_long", "interview.too_long")
    assert iv.value("note_text") == longest
    assert render(refused.message, "kk") == (
        "Жауап тым ұзын: ең көбі 10\xa0000 таңба сақталады. Оны қысқартыңыз.")
    assert render(refused.message, "en") == (
        "This answer is too long: at most 10,000 characters are kept. Shorten it.")
    assert not iv.validate("d", 1.2345678901234567e-30).ok
    assert iv.validate("d", 0.000001).ok
    other = Interview(form(q("src", S1, choices=choices("yes", "no"), or_other=True)))
    other.set_answer("src", "other")
    assert other.set_answer("src_other", "x" * 10_001).code == "too_long"
