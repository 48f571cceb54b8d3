"""InterviewSession: the engine and the store kept in step (no widgets)."""

from __future__ import annotations

from desktop.session import InterviewSession
from tests.desktop.helpers import start_session


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
