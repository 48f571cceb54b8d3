"""A household form with a nested repeat (members -> each member's jobs), filled through
``InterviewSession``, for the tests of the per-level export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from survey.form import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.formbuilder import write_xlsform

CHOICES = [{"list_name": "sex", "name": "m", "label": "Male"},
           {"list_name": "sex", "name": "f", "label": "Female"},
           {"list_name": "lang", "name": "kk", "label": "Kazakh"},
           {"list_name": "lang", "name": "ru", "label": "Russian"},
           {"list_name": "lang", "name": "dk", "label": "Don't know", "kelisim::missing": "dont_know"}]
ROSTER = [
    {"type": "text", "name": "village", "label": "Village"},
    {"type": "integer", "name": "hh_size", "label": "Household size"},
    {"type": "begin_repeat", "name": "members", "label": "Member",
     "repeat_count": "${hh_size}"},
    {"type": "text", "name": "member_name", "label": "Name", "kelisim::pii": "yes"},
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "select_one sex", "name": "sex", "label": "Sex"},
    {"type": "select_multiple lang", "name": "langs", "label": "Languages"},
    {"type": "text", "name": "school", "label": "School", "relevant": "${age} < 18"},
    {"type": "date", "name": "born", "label": "Born", "required": "no"},
    {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 18, 'yes', 'no')"},
    {"type": "begin_repeat", "name": "jobs", "label": "Job"},
    {"type": "text", "name": "job_title", "label": "Job title"},
    {"type": "decimal", "name": "income", "label": "Income",
     "relevant": "${village} != 'Nowhere'"},
    {"type": "end_repeat"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "n_members", "calculation": "count(${members})"},
]

#: What the interviews hold: per interview, its main answers and members (each with jobs).
HOUSEHOLDS = [
    {"village": "Akkol", "members": [
        {"member_name": "Aigerim", "age": 34, "sex": "f", "langs": ("kk", "ru"),
         "born": date(1991, 5, 2), "jobs": [{"job_title": "Teacher", "income": 250.5},
                                            {"job_title": "Tutor", "income": 40.0}]},
        {"member_name": "Daulet", "age": 12, "sex": "m", "langs": ("dk",),
         "school": "School 4", "jobs": []}]},
    {"village": "Нұра", "members": [
        {"member_name": "Сәуле", "age": 61, "sex": "f", "langs": ("kk",),
         "jobs": [{"job_title": "Мұғалім"}]}]},
]


def register(store: Store, folder: Path) -> None:
    path = write_xlsform(folder / "household.xlsx", ROSTER, CHOICES,
                         {"form_id": "household", "version": "1"})
    data = path.read_bytes()
    store.register_form(load_form(data, filename="household.xlsx", repeats=True), data)


def fill(store: Store, household: dict[str, object], *, finish: bool = True) -> str:
    """One interview answered as ``household`` says; returns its UUID."""
    uuid = store.start_interview("household", "1", interviewer="Dana", language="")
    session = InterviewSession(store, uuid)
    members: list[dict[str, object]] = household["members"]  # type: ignore[assignment]
    session.answer("village", household["village"])
    session.answer("hh_size", len(members))
    for m, member in enumerate(members, start=1):
        here = f"members[{m}]/"
        for name in ("member_name", "age", "sex", "langs", "school", "born"):
            if name in member:
                assert session.answer(here + name, member[name]).ok
        jobs: list[dict[str, object]] = member["jobs"]  # type: ignore[assignment]
        for j, job in enumerate(jobs, start=1):
            session.add_instance("jobs", (("members", m),))
            for name, value in job.items():
                assert session.answer(f"{here}jobs[{j}]/{name}", value).ok
    if finish:
        session.finish()
    return uuid
