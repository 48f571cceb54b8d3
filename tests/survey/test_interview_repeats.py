"""Interviews of forms with repeats: instances named by instance path, counted by
``repeat_count`` or added and removed, relevance, checks and calculations per instance, pages
and progress per instance, and incremental recomputation equal to a fresh evaluation."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from survey.errors import InterviewError
from survey.form import load_form
from survey.form.model import Form
from survey.form.repeat_codes import RepeatCode
from survey.interview.instances import MAX_INSTANCES, MAX_TOTAL_INSTANCES, RepeatInterview
from survey.messages import render
from tests.formbuilder import write_xlsform

YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
ROSTER = [
    {"type": "integer", "name": "hh_size", "label": "Household size"},
    {"type": "begin_repeat", "name": "members", "label": "Member",
     "repeat_count": "${hh_size}"},
    {"type": "text", "name": "member_name", "label": "Name of member ${pos}",
     "required": "yes"},
    {"type": "integer", "name": "age", "label": "Age of ${member_name}",
     "constraint": ". < 120 and (position(..) > 1 or . >= 18)"},
    {"type": "select_one yn", "name": "works", "label": "Does ${member_name} work?",
     "relevant": "${age} >= 16", "required": "yes"},
    {"type": "calculate", "name": "pos", "calculation": "position(..)"},
    {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 18, 1, 0)"},
    {"type": "calculate", "name": "older_than_head",
     "calculation": "${age} > indexed-repeat(${age}, ${members}, 1)"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "adults", "calculation": "sum(${adult})"},
    {"type": "calculate", "name": "names", "calculation": "join(', ', ${member_name})"},
    {"type": "note", "name": "summary", "label": "${adults} adults: ${names}",
     "relevant": "count(${members}) > 0"},
    {"type": "begin_repeat", "name": "disputes", "label": "Dispute"},
    {"type": "select_one yn", "name": "mediator", "label": "Mediator involved?"},
    {"type": "begin_repeat", "name": "sessions", "label": "Session"},
    {"type": "integer", "name": "minutes", "label": "Minutes", "relevant":
     "${mediator} = 'yes'"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "total_minutes", "calculation": "sum(${minutes})"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "mediated", "calculation":
     "count-non-empty(${total_minutes})"},
]


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Form:
    path = write_xlsform(tmp_path_factory.mktemp("roster") / "roster.xlsx", ROSTER, YES_NO)
    return load_form(path, repeats=True)


def shown(interview: RepeatInterview) -> list[str]:
    return [q.name for q in interview.engine.visible_questions()]


def test_repeat_count__instances_follow_the_answer(form: Form) -> None:
    interview = RepeatInterview(form)
    assert shown(interview) == ["hh_size"]
    assert interview.set_answer("hh_size", 2).ok
    assert interview.count("members") == 2
    assert shown(interview) == ["hh_size", "members[1]/member_name", "members[1]/age",
                                "members[2]/member_name", "members[2]/age", "summary"]


def test_relevance_constraints_and_calculations_per_instance(form: Form) -> None:
    interview = RepeatInterview(form, {"hh_size": 3})
    assert interview.set_answer("members[1]/age", 40).ok
    assert interview.set_answer("members[2]/age", 12).ok
    # The head (instance 1) must be an adult; another member may be a child.
    assert interview.set_answer("members[1]/age", 12).code == "constraint"
    assert interview.set_answer("members[3]/age", 130).code == "constraint"
    assert interview.set_answer("members[3]/age", 70).ok
    engine = interview.engine
    assert engine.is_relevant("members[1]/works") and not engine.is_relevant("members[2]/works")
    assert [engine.value(f"members[{i}]/pos") for i in (1, 2, 3)] == ["1", "2", "3"]
    assert [engine.value(f"members[{i}]/older_than_head") for i in (1, 2, 3)] == [
        "false", "false", "true"]
    assert engine.value("adults") == "2"


def test_required_per_instance_and_labels_of_the_instance(form: Form) -> None:
    interview = RepeatInterview(form, {"hh_size": 2, "members[1]/member_name": "Aigerim",
                                       "members[1]/age": 34})
    engine = interview.engine
    assert [q.name for q in engine.missing_required()] == [
        "members[1]/works", "members[2]/member_name"]
    assert not engine.can_finish()
    assert engine.text(engine.form.question("members[1]/works")) == "Does Aigerim work?"
    assert engine.text(engine.form.question("members[2]/member_name")) == "Name of member 2"
    assert interview.set_answer("members[2]/member_name", "Daulet").ok
    assert interview.engine.value("names") == "Aigerim, Daulet"
    assert interview.engine.text(interview.engine.form.question("summary")) == (
        "1 adults: Aigerim, Daulet")


def test_smaller_count_keeps_answers_aside_and_gives_them_back(form: Form) -> None:
    interview = RepeatInterview(form, {"hh_size": 2})
    interview.set_answer("members[2]/member_name", "Daulet")
    interview.set_answer("hh_size", 1)
    assert "members[2]/member_name" not in interview.engine.answers
    assert interview.answers()["members[2]/member_name"] == "Daulet"
    assert "members[2]/member_name" not in interview.engine.result()
    interview.set_answer("hh_size", 2)
    assert interview.engine.answers["members[2]/member_name"] == "Daulet"


def test_open_ended_repeats__add_remove_move_with_renumbering(form: Form) -> None:
    interview = RepeatInterview(form)
    assert interview.add_instance("disputes") == (("disputes", 1),)
    assert interview.add_instance("disputes") == (("disputes", 2),)
    interview.add_instance("disputes")
    for index, answer in ((1, "yes"), (2, "no"), (3, "yes")):
        assert interview.set_answer(f"disputes[{index}]/mediator", answer).ok
    session = interview.add_instance("sessions", (("disputes", 3),))
    assert session == (("disputes", 3), ("sessions", 1))
    interview.set_answer("disputes[3]/sessions[1]/minutes", 45)
    assert interview.engine.value("disputes[3]/total_minutes") == "45"
    removed = interview.remove_instance("disputes", 2)
    assert removed == {"disputes[2]/mediator": "no"}
    answers = interview.answers()
    assert answers["disputes[2]/mediator"] == "yes"
    assert answers["disputes[2]/sessions[1]/minutes"] == 45
    assert interview.count("disputes") == 2
    assert interview.count("sessions", (("disputes", 2),)) == 1
    interview.move_instance("disputes", 2, 1)
    answers = interview.answers()
    assert answers["disputes[1]/sessions[1]/minutes"] == 45
    assert answers["disputes[2]/mediator"] == "yes" and "disputes[2]/sessions[1]/minutes" \
        not in answers
    assert interview.engine.value("disputes[1]/total_minutes") == "45"
    assert interview.engine.value("mediated") == "2"


def test_instance_errors(form: Form) -> None:
    interview = RepeatInterview(form, {"hh_size": 1})
    with pytest.raises(InterviewError) as caught:
        interview.add_instance("members")
    assert caught.value.message == RepeatCode.FIXED_COUNT.message(name="members")
    with pytest.raises(InterviewError) as caught:
        interview.remove_instance("disputes", 1)
    assert caught.value.message == RepeatCode.NO_INSTANCE.message(name="disputes", index=1)
    with pytest.raises(InterviewError) as caught:
        interview.add_instance("hh_size")
    assert caught.value.code == "repeats.not_a_repeat"


def test_count_bomb__stops_at_the_limit(form: Form) -> None:
    interview = RepeatInterview(form, {"hh_size": 10**9})
    assert interview.count("members") == MAX_INSTANCES


@pytest.mark.parametrize("size", ["-3", "abc"])
def test_count_not_a_number__no_instances(form: Form, size: str) -> None:
    path_answers: dict[str, Any] = {}
    interview = RepeatInterview(form, path_answers)
    interview.set_answer("hh_size", size if size != "abc" else None)
    assert interview.count("members") == 0


def test_pages_and_progress_count_instances(form: Form) -> None:
    interview = RepeatInterview(form, {"hh_size": 2, "members[1]/member_name": "A",
                                       "members[1]/age": 30})
    engine = interview.engine
    assert [page.names for page in engine.pages()][:4] == [
        ("hh_size",), ("members[1]/member_name",), ("members[1]/age",), ("members[1]/works",)]
    assert engine.progress() == (3, 6)
    assert engine.form.group("members[2]").label.get() == "Member"
    assert engine.form.question("members[2]/age").group_path == ("members[2]",)


def test_field_list_repeat__one_page_per_instance(tmp_path: Path) -> None:
    rows = [{"type": "begin_repeat", "name": "kids", "label": "Kid", "repeat_count": "2",
             "appearance": "field-list"},
            {"type": "text", "name": "kid", "label": "Name"},
            {"type": "integer", "name": "kid_age", "label": "Age"},
            {"type": "end_repeat"}]
    form = load_form(write_xlsform(tmp_path / "kids.xlsx", rows), repeats=True)
    pages = RepeatInterview(form).engine.pages()
    assert [page.names for page in pages] == [("kids[1]/kid", "kids[1]/kid_age"),
                                              ("kids[2]/kid", "kids[2]/kid_age")]


def test_incremental_recompute__equals_a_fresh_interview(form: Form) -> None:
    chooser = random.Random(15)
    interview = RepeatInterview(form, {"hh_size": 3})
    interview.add_instance("disputes")
    interview.add_instance("sessions", (("disputes", 1),))
    names = [q.name for q in interview.engine.form.questions
             if q.type.takes_input and q.calculation is None and q.name != "hh_size"]
    for _ in range(60):
        name = chooser.choice(names)
        value: object = (chooser.choice(["yes", "no", None]) if name.endswith("mediator")
                         else chooser.choice([None, 5, 17, 40, 90]) if name.endswith(
                             ("age", "minutes"))
                         else chooser.choice(["A", "B", None]))
        interview.set_answer(name, value)
        fresh = RepeatInterview(form, interview.answers(), counts=interview.expansion.counts)
        assert dict(interview.engine.odk_values()) == dict(fresh.engine.odk_values())
        assert [q.name for q in interview.engine.visible_questions()] == [
            q.name for q in fresh.engine.visible_questions()]
        assert interview.engine.invalid_answers().keys() == fresh.engine.invalid_answers().keys()


def test_count_read_from_its_own_instances__one_more_per_yes(tmp_path: Path) -> None:
    rows = [{"type": "begin_repeat", "name": "calls", "label": "Call",
             "repeat_count": "if(count(${calls}) < 4, sum(${more}) + 1, 4)"},
            {"type": "integer", "name": "more", "label": "Another call? (1 = yes)"},
            {"type": "end_repeat"}]
    form = load_form(write_xlsform(tmp_path / "calls.xlsx", rows), repeats=True)
    interview = RepeatInterview(form)
    assert interview.count("calls") == 1
    interview.set_answer("calls[1]/more", 1)
    assert interview.count("calls") == 2
    interview.set_answer("calls[2]/more", 0)
    assert interview.count("calls") == 2
    interview.set_answer("calls[2]/more", 1)
    interview.set_answer("calls[3]/more", 1)
    interview.set_answer("calls[4]/more", 1)
    assert interview.count("calls") == 4  # the count's own limit


def test_nested_count_bomb__the_interview_holds_at_most_the_total(tmp_path: Path) -> None:
    rows = [{"type": "integer", "name": "n", "label": "N"},
            {"type": "begin_repeat", "name": "outer", "label": "Outer", "repeat_count": "${n}"},
            {"type": "begin_repeat", "name": "inner", "label": "Inner", "repeat_count": "${n}"},
            {"type": "text", "name": "x", "label": "X"},
            {"type": "end_repeat"}, {"type": "end_repeat"}]
    form = load_form(write_xlsform(tmp_path / "bomb.xlsx", rows), repeats=True)
    interview = RepeatInterview(form, {"n": 10**6})
    counts = interview.expansion.counts
    assert counts["outer"] == MAX_INSTANCES
    assert sum(counts.values()) == MAX_TOTAL_INSTANCES
    assert len(interview.engine.form.questions) == 1 + MAX_TOTAL_INSTANCES - MAX_INSTANCES


def test_open_ended_instances__refused_beyond_the_total(form: Form) -> None:
    full = RepeatInterview(form, counts={"disputes": MAX_INSTANCES,
                                         "disputes[1]/sessions": MAX_INSTANCES})
    assert full.add_refusal("sessions", (("disputes", 2),)) == \
        RepeatCode.TOO_MANY_IN_ALL.message(limit=MAX_TOTAL_INSTANCES)
    with pytest.raises(InterviewError) as caught:
        full.add_instance("sessions", (("disputes", 2),))
    assert caught.value.message == RepeatCode.TOO_MANY_IN_ALL.message(limit=MAX_TOTAL_INSTANCES)


def test_open_ended_repeat__refused_beyond_its_limit_message_in_russian(form: Form) -> None:
    full = RepeatInterview(form, counts={"disputes": MAX_INSTANCES})
    assert full.add_refusal("disputes") == RepeatCode.TOO_MANY.message(
        name="disputes", limit=MAX_INSTANCES)
    assert full.add_refusal("sessions", (("disputes", 1),)) is None
    with pytest.raises(InterviewError) as caught:
        full.add_instance("disputes")
    assert caught.value.message == RepeatCode.TOO_MANY.message(name="disputes",
                                                               limit=MAX_INSTANCES)
    assert render(caught.value.message, "ru") == (
        "В «disputes» не может быть больше 1\xa0000 записей.")
