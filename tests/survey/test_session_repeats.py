"""Interviews of a form with repeats through the session and the store: every answer saved
under its instance path (no schema change), resumed, renumbered when an instance is removed,
audited after reopening, finished as ODK finalises, merged, and kept through a killed process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from survey.form import load_form
from survey.interview.instances import INSTANCE_MARK
from survey.interview.session import InterviewSession
from survey.store import Store
from survey.store.merge import merge
from tests.formbuilder import write_xlsform
from tests.survey.hostile import kill_after_lines

YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
ROSTER = [
    {"type": "integer", "name": "hh_size", "label": "Household size"},
    {"type": "begin_repeat", "name": "members", "label": "Member",
     "repeat_count": "${hh_size}"},
    {"type": "text", "name": "member_name", "label": "Name"},
    {"type": "integer", "name": "age", "label": "Age", "constraint": ". < 120"},
    {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 18, 1, 0)"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "adults", "calculation": "sum(${adult})"},
    {"type": "begin_repeat", "name": "disputes", "label": "Dispute"},
    {"type": "select_one yn", "name": "mediator", "label": "Mediator involved?"},
    {"type": "end_repeat"},
]


def register(store: Store, folder: Path) -> None:
    path = write_xlsform(folder / "roster.xlsx", ROSTER, YES_NO,
                         {"form_id": "roster", "version": "1"})
    data = path.read_bytes()
    store.register_form(load_form(data, filename="roster.xlsx", repeats=True), data)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "laptop.db") as opened:
        register(opened, tmp_path)
        yield opened


def start(store: Store) -> InterviewSession:
    uuid = store.start_interview("roster", "1", interviewer="Dana", language="")
    return InterviewSession(store, uuid)


def test_answers_saved_by_instance_path_with_calculations(store: Store) -> None:
    session = start(store)
    session.answer("hh_size", 2)
    assert session.answer("members[1]/member_name", "Aigerim").ok
    session.answer("members[1]/age", 34)
    session.answer("members[2]/age", 12)
    assert not session.answer("members[2]/age", 130).ok
    assert store.answers(session.uuid) == {
        "hh_size": 2, "members[1]/member_name": "Aigerim", "members[1]/age": 34,
        "members[1]/adult": "1", "members[2]/age": 12, "members[2]/adult": "0",
        "adults": "1"}
    assert [q for q, event, _ in store.events(session.uuid) if event == "answered"] == [
        "hh_size", "members[1]/member_name", "members[1]/age", "members[2]/age"]


def test_resume__same_instances_and_values(store: Store) -> None:
    session = start(store)
    session.answer("hh_size", 2)
    session.answer("members[2]/member_name", "Daulet")
    session.add_instance("disputes")
    session.answer("disputes[1]/mediator", "yes")
    again = InterviewSession(store, session.uuid)
    assert again.repeats is not None and again.repeats.count("members") == 2
    assert again.repeats.count("disputes") == 1
    assert again.value("members[2]/member_name") == "Daulet"
    assert [q.name for q in again.visible_questions()] == [
        "hh_size", "members[1]/member_name", "members[1]/age", "members[2]/member_name",
        "members[2]/age", "disputes[1]/mediator"]


def test_remove_instance__store_renumbered(store: Store) -> None:
    session = start(store)
    for index, answer in ((1, "yes"), (2, "no"), (3, "yes")):
        session.add_instance("disputes")
        session.answer(f"disputes[{index}]/mediator", answer)
    removed = session.remove_instance("disputes", 1)
    assert removed == {"disputes[1]/mediator": "yes"}
    assert {k: v for k, v in store.answers(session.uuid).items() if k.startswith("disputes")} \
        == {"disputes[1]/mediator": "no", "disputes[2]/mediator": "yes",
            "disputes[1]": INSTANCE_MARK, "disputes[2]": INSTANCE_MARK}


def test_smaller_count__answers_kept_in_the_draft__finish_keeps_the_counted(store: Store) -> None:
    session = start(store)
    session.answer("hh_size", 2)
    session.answer("members[2]/member_name", "Daulet")
    session.answer("members[2]/age", 40)
    session.answer("hh_size", 1)
    stored = store.answers(session.uuid)
    assert stored["members[2]/member_name"] == "Daulet"  # never lost while a draft
    assert "members[2]/adult" not in stored
    session.finish()
    stored = store.answers(session.uuid)
    assert "members[2]/member_name" not in stored and stored["hh_size"] == 1


def test_reopened_change__audited_with_the_instance_path(store: Store) -> None:
    session = start(store)
    session.answer("hh_size", 1)
    session.answer("members[1]/age", 30)
    session.finish()
    store.reopen(session.uuid, who="Supervisor", reason="age misheard")
    again = InterviewSession(store, session.uuid)
    again.answer("members[1]/age", 31)
    changes = [(e.question, e.old_value, e.new_value) for e in store.audit_log(session.uuid)
               if e.action == "change"]
    assert ("members[1]/age", "30", "31") in changes


def test_merge__instance_answers_kept_and_type_checked(tmp_path: Path) -> None:
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register(store, tmp_path)
        session = start(store)
        session.answer("hh_size", 2)
        session.answer("members[1]/age", 34)
        session.answer("members[2]/member_name", "Daulet")
        store.save_answer(session.uuid, "members[2]/age", "forty")  # not what the engine writes
        uuid = session.uuid
    [summary] = merge(tmp_path / "master.db", [laptop])
    assert not summary.failure and (summary.added, summary.set_aside) == (1, 1)
    with Store.open(tmp_path / "master.db") as master:
        answers = master.answers(uuid)
    assert answers["members[1]/age"] == 34 and answers["members[2]/member_name"] == "Daulet"
    assert "members[2]/age" not in answers


WRITER = """
import sys
from pathlib import Path
from survey.interview.instances import INSTANCE_MARK
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.survey.test_session_repeats import register

store = Store.open(sys.argv[1])
register(store, Path(sys.argv[2]))
uuid = store.start_interview("roster", "1", interviewer="Dana", language="")
session = InterviewSession(store, uuid)
session.answer("hh_size", 1000)
print("uuid", uuid, flush=True)
number = 1
while True:
    session.answer(f"members[{number}]/age", number % 100)
    print("saved", number, flush=True)
    number += 1
"""


@pytest.mark.slow
def test_killed_mid_roster__confirmed_instance_answers_kept_and_resumed(tmp_path: Path) -> None:
    path = tmp_path / "laptop.db"
    first, lines = kill_after_lines(WRITER, [str(path), str(tmp_path)], 40)
    uuid = first.split()[1]
    confirmed = [int(line.split()[1]) for line in lines]
    with Store.open(path) as store:
        answers = store.answers(uuid)
        for number in confirmed:
            assert answers[f"members[{number}]/age"] == number % 100
        session = InterviewSession(store, uuid)
        assert session.repeats is not None and session.repeats.count("members") == 1000
        assert session.value(f"members[{confirmed[-1]}]/adult") == (
            "1" if confirmed[-1] % 100 >= 18 else "0")


def disputes_stored(store: Store, uuid: str) -> dict[str, object]:
    return {k: v for k, v in store.answers(uuid).items() if k.startswith("disputes")}


def test_added_instance_never_answered__there_on_resume(store: Store) -> None:
    session = start(store)
    session.add_instance("disputes")
    session.answer("disputes[1]/mediator", "yes")
    session.add_instance("disputes")  # added, never answered
    assert disputes_stored(store, session.uuid) == {
        "disputes[1]": INSTANCE_MARK, "disputes[1]/mediator": "yes", "disputes[2]": INSTANCE_MARK}
    again = InterviewSession(store, session.uuid)
    assert again.repeats is not None and again.repeats.count("disputes") == 2
    assert "disputes[2]/mediator" in [q.name for q in again.visible_questions()]
    assert again.answer("disputes[2]/mediator", "no").ok


def test_empty_instances_removed_and_moved__the_store_follows(store: Store) -> None:
    session = start(store)
    for _ in range(3):
        session.add_instance("disputes")
    session.answer("disputes[3]/mediator", "yes")
    session.move_instance("disputes", 3, 1)  # the answered one first, two empty after it
    assert disputes_stored(store, session.uuid) == {
        "disputes[1]": INSTANCE_MARK, "disputes[1]/mediator": "yes",
        "disputes[2]": INSTANCE_MARK, "disputes[3]": INSTANCE_MARK}
    assert session.remove_instance("disputes", 2) == {}  # an empty one: no answer removed
    again = InterviewSession(store, session.uuid)
    assert again.repeats is not None and again.repeats.count("disputes") == 2
    assert again.value("disputes[1]/mediator") == "yes"
    assert again.remove_instance("disputes", 2) == {}
    third = InterviewSession(store, session.uuid)
    assert third.repeats is not None and third.repeats.count("disputes") == 1
    assert disputes_stored(store, session.uuid) == {
        "disputes[1]": INSTANCE_MARK, "disputes[1]/mediator": "yes"}


def test_empty_instance__kept_when_finished_and_after_reopening(store: Store) -> None:
    session = start(store)
    session.answer("hh_size", 0)
    session.add_instance("disputes")
    session.answer("disputes[1]/mediator", "no")
    session.add_instance("disputes")
    session.finish()
    store.reopen(session.uuid, who="Supervisor", reason="a dispute to add")
    again = InterviewSession(store, session.uuid)
    assert again.repeats is not None and again.repeats.count("disputes") == 2
    assert again.answer("disputes[2]/mediator", "yes").ok
    assert ("disputes[2]/mediator", None, "yes") in [
        (e.question, e.old_value, e.new_value) for e in store.audit_log(session.uuid)
        if e.action == "change"]


def test_store_written_before_instance_marks__counted_from_answers(store: Store) -> None:
    uuid = store.start_interview("roster", "1", interviewer="Dana", language="")
    store.save_answer(uuid, "disputes[2]/mediator", "yes")  # as earlier versions wrote
    session = InterviewSession(store, uuid)
    assert session.repeats is not None and session.repeats.count("disputes") == 2


ADDER = """
import sys
from pathlib import Path
from survey.interview.instances import INSTANCE_MARK
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.survey.test_session_repeats import register

store = Store.open(sys.argv[1])
register(store, Path(sys.argv[2]))
uuid = store.start_interview("roster", "1", interviewer="Dana", language="")
session = InterviewSession(store, uuid)
print("uuid", uuid, flush=True)
while True:
    path = session.add_instance("disputes")
    print("added", path[-1][1], flush=True)
"""


@pytest.mark.slow
def test_killed_while_adding__every_confirmed_empty_instance_resumed(tmp_path: Path) -> None:
    path = tmp_path / "laptop.db"
    first, lines = kill_after_lines(ADDER, [str(path), str(tmp_path)], 25)
    uuid = first.split()[1]
    confirmed = [int(line.split()[1]) for line in lines]
    with Store.open(path) as store:
        session = InterviewSession(store, uuid)
        assert session.repeats is not None
        assert session.repeats.count("disputes") >= confirmed[-1] == 25
        assert session.repeats.count("disputes") <= confirmed[-1] + 1  # one being written
        assert f"disputes[{confirmed[-1]}]/mediator" in [
            q.name for q in session.visible_questions()]
