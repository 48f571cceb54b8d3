"""The bundled questionnaire as a survey methodologist fields it (questionnaires/README.md,
"Version 2026.2"): question order, ways out of opinion items, neutral and single-barrelled
wording, items in the construct they measure, and the changes recorded for wave comparisons."""

from __future__ import annotations

import json
import re

import pytest

from questionnaires import (
    PREVIOUS_VERSION,
    archived_form_bytes,
    bundled_form_bytes,
    bundled_versions_bytes,
)
from questionnaires.source.build_mediation_awareness import versions_text
from questionnaires.source.mediation_opinions import SENSITIVE
from survey.form.model import Form, Question, QuestionType
from survey.form.xlsform import load_form
from survey.versions import read_version_changes

MEDIATION = re.compile(r"медиац|медиатор|mediat", re.IGNORECASE)
#: Opinion items outside the agreement batteries (which are found by their scale).
OPINIONS = ("satisfaction", "recommend", "mediation_areas", "barriers_main")


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(bundled_form_bytes(), filename="mediation_awareness.xlsx", repeats=True)


@pytest.fixture(scope="module")
def previous() -> Form:
    return load_form(archived_form_bytes(), filename="mediation_awareness_2026.1.xlsx")


@pytest.fixture(scope="module")
def second() -> Form:
    return load_form(archived_form_bytes("2026.2"), filename="mediation_awareness_2026.2.xlsx")


def _position(form: Form, name: str) -> int:
    return [q.name for q in form.questions].index(name)


def _missing(question: Question) -> set[str | None]:
    return {c.missing for c in question.choices} - {None}


def _opinion_items(form: Form) -> list[Question]:
    scales = [q for q in form.questions if q.list_name in ("agree5", "satisfied5")]
    return scales + [form.question(name) for name in OPINIONS]


def test_order__unaided_awareness_then_exposure_then_definition_then_attitudes(
        form: Form) -> None:
    attitudes = [q for q in form.questions if "attitudes" in q.group_path]
    assert (_position(form, "heard_mediation") < _position(form, "can_describe")
            < _position(form, "campaign_exposed") < _position(form, "campaign_recall")
            < _position(form, "mediation_definition") < _position(form, attitudes[0].name))
    knowledge = ("heard_law", "law_year", "knows_where_mediator", "knows_court_mediation")
    assert all(_position(form, "mediation_definition") < _position(form, k) for k in knowledge)


def test_order__nothing_before_unaided_awareness__mentions_mediation(form: Form) -> None:
    before = form.questions[:_position(form, "heard_mediation")]
    texts = [text for q in before for field in (q.label, q.hint) for _, text in field.values]
    assert len(texts) > 20
    assert [t for t in texts if MEDIATION.search(t)] == []


def test_order__previous_version__asked_exposure_after_the_definition(previous: Form) -> None:
    assert _position(previous, "mediation_definition") < _position(previous, "campaign_exposed")


def test_opinion_items__every_one__offers_dont_know_and_refused_as_missing(form: Form) -> None:
    items = _opinion_items(form)
    assert len(items) >= 30
    assert [q.name for q in items if _missing(q) != {"dont_know", "refused"}] == []
    likert = [q for q in items if q.list_name == "agree5"]
    assert all(q.required is not None for q in likert)  # recorded, never left empty


def test_opinion_items__missing_choices__not_read_out_per_instruction(form: Form) -> None:
    note = form.question("scale_instruction")
    assert note.type is QuestionType.NOTE
    assert _position(form, "scale_instruction") < _position(form, "mediation_effective")
    assert "Затрудняюсь ответить" in note.label.get("ru")
    assert "Жауап беруден бас тартты" in note.label.get("kk")


def test_sensitive_items__january_2022_interethnic_political__offer_refusal(form: Form) -> None:
    assert set(SENSITIVE) == {"prevent_escalation", "interethnic_harmony",
                              "support_interethnic", "support_political"}
    for name in SENSITIVE:
        question = form.question(name)
        assert "refused" in _missing(question), name
        assert "Refused" in question.hint.get("en"), name
        assert "Отказ от ответа" in question.hint.get("ru"), name
    assert "2022" in form.question("prevent_escalation").label.get("kk")


def test_awareness_items__dont_know_is_an_answer_not_missing(form: Form) -> None:
    for name in ("heard_mediation", "heard_law", "knows_where_mediator", "law_year"):
        assert _missing(form.question(name)) == set(), name
    assert _missing(form.question("used_mediation")) == {"dont_know"}


def test_wording__no_question_tells_the_answer(form: Form) -> None:
    leading = [q.name for q in form.questions
               if q.label.get("ru").startswith("Знаете ли вы, что")
               or q.label.get("en").startswith("Do you know that")]
    assert leading == []
    assert "knows_law_2011" not in {q.name for q in form.questions}


def test_wording__law_knowledge__heard_then_neutral_check_with_wrong_years(form: Form) -> None:
    heard, year = form.question("heard_law"), form.question("law_year")
    assert "2011" not in heard.label.get("ru") and "2011" not in heard.label.get("kk")
    years = [c.name for c in year.choices if c.missing is None]
    assert "y2011" in years and len(years) >= 4
    assert year.relevant is not None and year.relevant.references == frozenset({"heard_law"})


def test_wording__clear_and_useful__two_statements(form: Form) -> None:
    clear, useful = form.question("campaign_clear"), form.question("campaign_useful")
    assert clear.group_path[-1] == useful.group_path[-1] == "campaign_views"
    assert "полезн" not in clear.label.get("ru") and "понятн" not in useful.label.get("ru")
    assert " и " not in clear.label.get("ru") and " и " not in useful.label.get("ru")
    assert {"campaign_sought_info", "campaign_contacted"} <= {q.name for q in form.questions}


def test_constructs__should_be_settled_items__in_the_society_battery(form: Form) -> None:
    for name in ("support_interethnic", "support_political"):
        question = form.question(name)
        assert question.group_path[-1] == "mediation_society", name
        assert "should be settled" in question.label.get("en")
    would_use = [q for q in form.questions if q.group_path[-1:] == ("would_use",)]
    assert all(q.label.get("en").startswith("I would use mediation") for q in would_use)


def test_grammar__interviewer_rating__label_agrees_with_its_answers(form: Form) -> None:
    cooperation = form.question("cooperation")
    assert cooperation.label.get("ru") == "Отношение респондента к интервью"
    assert [c.label.get("ru") for c in cooperation.choices] == [
        "Хорошее", "Удовлетворительное", "Плохое"]


def test_versions__new_version__raised_and_previous_archived(form: Form, previous: Form,
                                                             second: Form) -> None:
    assert (previous.version, second.version, form.version) == (
        PREVIOUS_VERSION, "2026.2", "2026.3")
    assert previous.form_id == second.form_id == form.form_id


def test_versions__committed_json__rebuilt_from_sources() -> None:
    assert bundled_versions_bytes().decode("utf-8") == versions_text()
    assert json.loads(bundled_versions_bytes())["form_id"] == "kelisim_mediation_kz"


def test_versions__mapping__covers_every_item_of_both_versions_of_each_step(
        form: Form, previous: Form, second: Form) -> None:
    changes = read_version_changes(bundled_versions_bytes(), filename="versions.json")
    assert [(s.previous, s.version) for s in changes.steps] == [("2026.1", "2026.2"),
                                                                  ("2026.2", "2026.3")]
    for step, (older, newer) in zip(changes.steps, [(previous, second), (second, form)],
                                    strict=True):
        current = {c.name for c in step.items if c.status != "dropped"}
        before = {c.previous or c.name for c in step.items if c.status != "new"}
        assert current == {q.name for q in newer.questions}
        assert before == {q.name for q in older.questions}
        assert all(c.note for c in step.items if c.status != "same")
        assert step.note.get("kk") and step.note.get("ru") and step.note.get("en")


def test_versions__roster_step__only_the_roster_new_everything_else_same(
        form: Form, second: Form) -> None:
    changes = read_version_changes(bundled_versions_bytes(), filename="versions.json")
    step = changes.steps[-1]
    new = {c.name for c in step.items if c.status == "new"}
    roster = {q.name for q in form.questions} - {q.name for q in second.questions}
    assert new == roster == {"household_dispute", "dispute_count", "dispute_type",
                             "dispute_parties", "dispute_settled", "dispute_mediator",
                             "dispute_satisfaction", "dispute_year"}
    assert {c.status for c in step.items if c.name not in new} == {"same"}
    assert changes.verdict("trust_courts", {"2026.2", "2026.3"}).comparable
    assert changes.verdict("trust_courts", {"2026.1", "2026.3"}).comparable
    assert not changes.verdict("heard_law", {"2026.1", "2026.3"}).comparable
    assert not changes.verdict("dispute_mediator", {"2026.2", "2026.3"}).comparable


def test_roster__after_every_2026_2_question__before_the_closing_section(
        form: Form, second: Form) -> None:
    names = [q.name for q in form.questions]
    roster = names.index("household_dispute")
    assert names[:roster] == [q.name for q in second.questions][:roster]
    assert form.question("callback_ok").group_path[0] == "closing"
    assert names.index("callback_ok") > names.index("dispute_year") > roster
    disputes = form.group("disputes")
    assert disputes.repeat and disputes.parent == "household_disputes"
    assert disputes.repeat_count is not None and disputes.relevant is not None


@pytest.mark.parametrize(("name", "comparable"), [
    ("trust_courts", True), ("use_family", True), ("knows_where_mediator", True),
    ("used_mediation", True), ("heard_mediation", False), ("campaign_exposed", False),
    ("heard_law", False), ("support_interethnic", False), ("campaign_useful", False),
])
def test_versions__verdicts__only_items_asked_alike_compared(name: str, comparable: bool) -> None:
    changes = read_version_changes(bundled_versions_bytes(), filename="versions.json")
    assert changes.verdict(name, {"2026.1", "2026.2"}).comparable is comparable
    assert changes.verdict(name, {"2026.2"}).comparable


def test_versions__renamed_item__previous_name_recorded() -> None:
    changes = read_version_changes(bundled_versions_bytes(), filename="versions.json")
    verdict = changes.verdict("support_political", {"2026.1", "2026.3"})
    ((_, change),) = verdict.changes
    assert change is not None and change.previous == "use_political"
    assert "should be settled" in change.note.get("en")
