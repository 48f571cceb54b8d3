"""``kelisim export --table paradata|audit``: long tables with per-question durations.

Events are recorded by a store whose clock the test sets, so every duration is known.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyreadstat

from desktop.cli import main as kelisim
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform
from tests.survey.hostile import Clock

START = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


def _at(clock: Clock, seconds: int) -> Clock:
    clock.moment = START + timedelta(seconds=seconds - 1)  # each reading adds a second
    return clock


def _database(tmp_path: Path) -> tuple[Path, str]:
    xlsx = write_xlsform(tmp_path / "p.xlsx", [
        {"type": "select_one yn", "name": "consent", "label::English (en)": "Consent",
         "label::Russian (ru)": "Согласие"},
        {"type": "integer", "name": "age", "label::English (en)": "Age",
         "label::Russian (ru)": "Возраст"}],
        [{"list_name": "yn", "name": "yes", "label::English (en)": "Yes",
          "label::Russian (ru)": "Да"},
         {"list_name": "yn", "name": "no", "label::English (en)": "No",
          "label::Russian (ru)": "Нет"}],
        {"form_id": "p", "version": "1", "default_language": "en"})
    db = tmp_path / "p.db"
    clock = Clock(START)
    with Store.open(db, clock=clock) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        uuid = store.start_interview("p", "1", interviewer="Dana", device_id="d", language="en")
        for seconds, question, event in [(10, "consent", "shown"), (14, "consent", "answered"),
                                         (15, "age", "shown"), (25, "age", "answered"),
                                         (30, "consent", "shown"), (33, "consent", "answered")]:
            _at(clock, seconds)
            store.record_event(uuid, question, event)
        store.save_answer(uuid, "consent", "yes")
        store.save_answer(uuid, "age", 40)
        _at(clock, 60)
        store.complete(uuid)
        _at(clock, 120)
        store.reopen(uuid, who="Supervisor", reason="age typed wrong")
        store.save_answer(uuid, "age", 41)
        store.complete(uuid)
    return db, uuid


def test_paradata__one_row_per_event__seconds_since_previous_and_on_question(tmp_path: Path):
    db, uuid = _database(tmp_path)
    assert kelisim(["export", "--db", str(db), "--format", "csv", "--table", "paradata",
                    "--out", str(tmp_path / "para.csv")]) == 0
    with (tmp_path / "para.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["uuid"], r["question"], r["event"]) for r in rows] == [
        (uuid, "consent", "shown"), (uuid, "consent", "answered"), (uuid, "age", "shown"),
        (uuid, "age", "answered"), (uuid, "consent", "shown"), (uuid, "consent", "answered")]
    assert [r["at"][11:19] for r in rows] == ["09:00:10", "09:00:14", "09:00:15", "09:00:25",
                                              "09:00:30", "09:00:33"]
    since = [float(r["seconds_since_previous"]) if r["seconds_since_previous"] else None
             for r in rows]
    on_question = [float(r["seconds_on_question"]) if r["seconds_on_question"] else None
                   for r in rows]
    assert since == [None, 4.0, 1.0, 10.0, 5.0, 3.0]
    assert on_question == [None, 4.0, None, 10.0, None, 3.0]  # from the last time shown


def test_audit__completion_reopening_and_change__in_stata(tmp_path: Path):
    db, uuid = _database(tmp_path)
    assert kelisim(["export", "--db", str(db), "--format", "dta", "--table", "audit",
                    "--out", str(tmp_path / "audit.dta"), "--lang", "ru"]) == 0
    frame, meta = pyreadstat.read_dta(str(tmp_path / "audit.dta"))
    actions = list(zip(frame["action"], frame["who"], frame["question"], frame["old_value"],
                       frame["new_value"], frame["reason"], strict=True))
    assert set(frame["uuid"]) == {uuid}
    assert [a[0] for a in actions][:2] == ["complete", "reopen"]
    assert actions[1][1:] == ("Supervisor", "", "", "", "age typed wrong")
    change = [a for a in actions if a[2] == "age"]
    assert [(a[3], a[4]) for a in change] == [("40", "41")]
    assert any("а" <= c <= "я" for c in meta.column_names_to_labels["reason"].lower())  # ru
