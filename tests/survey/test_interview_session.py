"""InterviewSession: the engine and the store kept in step, and what the screen reads from it
(no widgets, no Qt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from survey.form.xlsform import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.formbuilder import write_xlsform
from tests.small_form import register_small_form, start_session


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real store in ``tmp_path`` with the small form registered."""
    with Store.open(tmp_path / "survey.db") as opened:
        register_small_form(opened, tmp_path / "small.xlsx")
        yield opened


def test_answer__rejected_value__nothing_written_and_verdict_returned(store):
    session = start_session(store)
    session.answer("consent", "yes")

    verdict = session.answer("age", "15")

    assert (verdict.ok, verdict.code) == (False, "constraint")
    assert "age" not in store.answers(session.uuid)


def test_answer__empty_text_on_required__clears_the_stored_answer(store):
    session = start_session(store)
    session.answer("consent", "yes")
    session.answer("age", "40")

    verdict = session.answer("age", "  ")

    assert verdict.code == "required"
    assert "age" not in store.answers(session.uuid)


def test_resume_page__after_reopening__furthest_page_shown(store):
    session = start_session(store)
    session.answer("consent", "yes")
    for page in session.pages()[:3]:
        session.shown(page)
    session.answer("age", "40")

    again = InterviewSession(store, session.uuid)

    assert again.pages()[again.resume_page()].names == ("trust",)


def test_resume_page__fresh_interview__first_page(store):
    assert start_session(store).resume_page() == 0


def test_finish__answer_became_irrelevant__cleared_before_completion(store):
    session = start_session(store)
    session.answer("consent", "yes")
    session.answer("married", "no")
    session.answer("consent", "no")
    assert store.answers(session.uuid)["married"] == "no"

    session.finish()

    assert store.interview(session.uuid).status == "complete"
    assert "married" not in store.answers(session.uuid)
    assert store.answers(session.uuid)["consent"] == "no"


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "Бұл сұраққа жауап беру міндетті. Жауапты енгізіңіз."),
    ("ru", "Ответ на этот вопрос обязателен. Введите ответ."),
    ("en", "This question requires an answer. Enter an answer."),
])
def test_describe__builtin_message__in_the_form_language(store, language, expected):
    session = start_session(store, language=language)
    verdict = session.answer("consent", None)
    assert verdict.message is not None and verdict.message.code == "interview.required"
    assert session.describe(verdict, "en") == expected
    assert session.describe(session.validate("consent", "yes"), "kk") == ""


def test_describe__forms_own_message__wins_in_every_language(store):
    session = start_session(store, language="kk")
    session.answer("consent", "yes")
    verdict = session.answer("age", "15")
    # The form gives its constraint message in English only: used for every language.
    assert session.describe(verdict, "ru") == "Age must be 18 to 100"


def test_describe__form_language_kelisim_does_not_speak__interface_language(tmp_path):
    path = write_xlsform(tmp_path / "fr.xlsx", [
        {"type": "integer", "name": "n", "label::Français (fr)": "Nombre", "required": "yes"},
    ], None, {"form_id": "fr", "version": "1"})
    with Store.open(tmp_path / "fr.db") as store:
        store.register_form(load_form(path), path.read_bytes())
        session = start_session(store, form_id="fr", language="fr")
        verdict = session.answer("n", "x")
        assert verdict.code == "type.integer"
        assert session.describe(verdict, "kk") == ("«x» бүтін сан емес. Бүтін сан енгізіңіз, "
                                                   "мысалы 12.")
        assert session.describe(verdict, "ru").startswith("«x» не является целым числом")


def test_reading__labels_choices_values_and_other_text__through_the_session(store):
    session = start_session(store, language="kk")
    consent = session.form.question("consent")
    assert session.text(consent) == "Келісесіз бе?"
    assert [session.choice_text(c) for c in session.available_choices("consent")] == [
        "yes қаз", "no қаз"]
    assert not session.is_answered("consent")
    session.answer("consent", "yes")
    assert session.is_answered("consent") and session.value("consent") == "yes"
    assert session.other_text(consent) == ""
    assert session.progress() == (1, 8)
    assert not session.can_finish()
    assert [q.name for q in session.visible_questions()][:3] == ["consent", "age", "married"]


def _with_interviewer_question(store: Store, tmp_path: Path, constraint: str = "") -> None:
    path = write_xlsform(tmp_path / "iv.xlsx", [
        {"type": "text", "name": "interviewer_id", "label": "Interviewer",
         "constraint": constraint},
        {"type": "integer", "name": "n", "label": "N"},
    ], None, {"form_id": "iv", "version": "1"})
    store.register_form(load_form(path.read_bytes(), filename="iv.xlsx"), path.read_bytes())


def test_prefill_interviewer__text_question__filled_without_paradata_and_only_once(store,
                                                                                 tmp_path):
    _with_interviewer_question(store, tmp_path)
    session = start_session(store, "iv")

    assert session.prefill_interviewer("ALM-07").ok
    assert store.answers(session.uuid) == {"interviewer_id": "ALM-07"}
    assert store.events(session.uuid) == []
    session.answer("interviewer_id", "ALM-08")
    assert session.prefill_interviewer("ALM-07") is None  # an answer is never overwritten
    assert store.answers(session.uuid)["interviewer_id"] == "ALM-08"


def test_prefill_interviewer__refused_by_the_constraint__left_empty_verdict_returned(store,
                                                                                   tmp_path):
    _with_interviewer_question(store, tmp_path, "string-length(.) >= 3")
    session = start_session(store, "iv")
    verdict = session.prefill_interviewer("A7")
    assert verdict is not None and verdict.code == "constraint"
    assert store.answers(session.uuid) == {}


def test_prefill_interviewer__form_without_the_question__nothing(store):
    session = start_session(store)
    assert session.prefill_interviewer("ALM-07") is None
    assert store.answers(session.uuid) == {}


def test_read_in__complete_interview__labels_in_that_language_nothing_written(store):
    session = start_session(store)
    session.answer("consent", "no")
    session.finish()
    before = store.interview(session.uuid)

    viewer = InterviewSession(store, session.uuid)
    viewer.read_in("ru")

    assert viewer.text(viewer.form.question("consent")) == "Вы согласны?"
    assert store.interview(session.uuid) == before


def test_reading__draft_of_a_form_with_metadata__nothing_written(tmp_path):
    """The Data tab shows a draft (maybe from a server) without filling in its start time."""
    path = write_xlsform(tmp_path / "meta.xlsx", [
        {"type": "start", "name": "began"}, {"type": "text", "name": "t", "label": "T"}],
        settings={"form_id": "meta", "version": "1"})
    data = path.read_bytes()
    with Store.open(tmp_path / "m.db") as store:
        store.register_form(load_form(data, filename="meta.xlsx"), data)
        uuid = store.start_interview("meta", "1", interviewer="ALM-07")

        InterviewSession(store, uuid, reading=True)
        assert store.answers(uuid) == {}
        InterviewSession(store, uuid)  # opened for the interview: the laptop fills it in
        assert set(store.answers(uuid)) == {"began"}
