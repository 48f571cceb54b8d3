"""Merge and hostile laptops: tampered questionnaires, version order, values no reader expects."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from survey.demo import DemoOptions, fill_database
from survey.errors import StoreError
from survey.export import export_interviews, read_interviews
from survey.messages import render
from survey.store import Store, merge
from survey.store.codes import StoreCode
from tests.survey.hostile import HEARD, Clock, count, field_form, laptop, run_sql

pytestmark = pytest.mark.slow  # merges of demo laptops and hostile inputs


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- a questionnaire changed under its genuine checksum --------------------------------------

def test_merge__questionnaire_changed_under_its_checksum__refused_no_phone_leaks(tmp_path):
    genuine = field_form(tmp_path / "genuine.xlsx")
    unmarked = field_form(tmp_path / "unmarked.xlsx", pii=False)  # kelisim::pii cleared
    laptop(tmp_path / "honest.db", genuine, 2)
    laptop(tmp_path / "tampered.db", genuine, 2)
    run_sql(tmp_path / "tampered.db", "UPDATE forms SET xlsform = ?", params=(unmarked,))
    before = _digest(tmp_path / "tampered.db")
    master = tmp_path / "master.db"

    tampered, honest = merge(master, [tmp_path / "tampered.db", tmp_path / "honest.db"])

    assert honest.added == 2
    frame = read_interviews(master)  # the default export leaves personal data out
    assert "respondent_phone" not in frame.columns and len(frame) == 2
    assert tampered.error_code == "store.form_tampered"
    assert tampered.failure[0].fields == {"form": "field", "version": "1"}
    assert _digest(tmp_path / "tampered.db") == before


def test_open__questionnaire_changed_under_its_checksum__loading_it_refused(tmp_path):
    genuine = field_form(tmp_path / "genuine.xlsx")
    laptop(tmp_path / "a.db", genuine, 1)
    run_sql(tmp_path / "a.db", "UPDATE forms SET xlsform = ?",
            params=(field_form(tmp_path / "u.xlsx", pii=False),))
    with Store.open(tmp_path / "a.db") as store, pytest.raises(StoreError) as caught:
        store.load_form("field", "1")
    assert caught.value.code == "store.form_tampered"
    with pytest.raises(StoreError) as caught:
        merge(tmp_path / "a.db", [])  # a tampered master is refused too
    assert caught.value.code == "store.form_tampered"


# -- questionnaire versions ordered by version, never by arrival -----------------------------

def test_merge__newer_version_arrives_before_a_late_registration__export_uses_newest(tmp_path):
    old = field_form(tmp_path / "v9.xlsx", version="9")
    new = field_form(tmp_path / "v10.xlsx", version="10", extra=(HEARD,))
    laptop(tmp_path / "a.db", new, 3, start=datetime(2026, 4, 1, tzinfo=UTC),
           extra=lambda n: {"heard": "yes"})
    laptop(tmp_path / "late.db", old, 2, start=datetime(2026, 5, 1, tzinfo=UTC))
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "late.db", tmp_path / "a.db"])
    with Store.open(master) as store:
        assert [r.version for r in store.forms()] == ["9", "10"]
        assert max(store.forms(), key=lambda r: r.registered_at).version == "9"
    frame = read_interviews(master)
    assert frame["heard"].tolist().count("yes") == 3 and len(frame) == 5


# -- values Kelisim cannot read are set aside ------------------------------------------------

#: (what an unlucky or hostile laptop holds, SQL writing it, part, question, reason)
BAD_VALUES = [
    ("a date in month 13", "UPDATE answers SET value_text = '2026-13-01' "
     "WHERE question = 'visit' AND uuid = ?", "answer", "visit", StoreCode.NOT_DATE.message()),
    ("'twelve' in an integer question", "UPDATE answers SET value_type = 'text', "
     "value_text = 'twelve', value_num = NULL WHERE question = 'age' AND uuid = ?", "answer",
     "age", StoreCode.WRONG_TYPE.message(expected="integer")),
    ("text that is not UTF-8", "UPDATE answers SET value_text = CAST(x'ff41' AS TEXT) "
     "WHERE question = 'comment' AND uuid = ?", "answer", "comment",
     StoreCode.BAD_UTF8.message()),
    ("a NUL byte", "UPDATE answers SET value_text = 'a' || char(0) || 'b' "
     "WHERE question = 'comment' AND uuid = ?", "answer", "comment", StoreCode.NUL.message()),
    ("a BLOB", "UPDATE answers SET value_text = x'0102' WHERE question = 'comment' "
     "AND uuid = ?", "answer", "comment", StoreCode.NOT_TEXT.message()),
    ("a bad time stamp", "UPDATE interviews SET started_at = 'yesterday' WHERE uuid = ?",
     "interview", "started_at", StoreCode.BAD_TIME.message()),
    ("an over-long answer", "UPDATE answers SET value_text = printf('%.20000c', 'x') "
     "WHERE question = 'comment' AND uuid = ?", "answer", "comment",
     StoreCode.LONG.message(limit=10_000)),
    ("an integer that is no number", "UPDATE answers SET value_text = '12abc' "
     "WHERE question = 'age' AND uuid = ?", "answer", "age", StoreCode.NOT_INTEGER.message()),
]


@pytest.fixture
def bad_laptop(tmp_path: Path) -> tuple[Path, list[str]]:
    form = field_form(tmp_path / "field.xlsx")
    path = tmp_path / "bad.db"
    uuids = laptop(path, form, len(BAD_VALUES) + 2)
    for (_, sql, *_), uuid in zip(BAD_VALUES, uuids, strict=False):
        run_sql(path, sql, params=(uuid,))
    return path, uuids


def test_merge__values_no_reader_expects__set_aside_and_reported_rest_merged(
        tmp_path, bad_laptop):
    path, uuids = bad_laptop
    before = _digest(path)
    master = tmp_path / "master.db"

    (summary,) = merge(master, [path])

    frame = read_interviews(master, status=None)  # the master can be read
    for fmt in ("csv", "xlsx", "sav", "dta"):
        export_interviews(master, tmp_path / f"out.{fmt}", fmt)
    assert len(frame) == len(uuids) - 1  # the interview with a bad time stamp is set aside
    assert summary.added == len(uuids) - 1 and summary.set_aside == len(BAD_VALUES)
    conn = sqlite3.connect(master)
    kept = conn.execute("SELECT part, question, reason, uuid, row FROM quarantine "
                        "ORDER BY id").fetchall()
    conn.close()
    assert sorted((p, q, r) for p, q, r, _, _ in kept) == sorted(
        (part, question, reason.code) for _, _, part, question, reason in BAD_VALUES)
    rows = {(q, u): json.loads(row) for _, q, _, u, row in kept}
    assert rows[("comment", uuids[2])]["value_text"] == {"text_hex": "ff41"}  # kept as it was
    assert rows[("comment", uuids[4])]["value_text"] == {"blob_hex": "0102"}
    assert rows[("comment", uuids[3])]["value_text"] == "a\x00b"
    whole = rows[("started_at", uuids[5])]
    assert whole["interview"]["started_at"] == "yesterday" and len(whole["answers"]) == 6
    assert _digest(path) == before


def test_merge__set_aside_values__one_note_per_question_and_reason_no_answer_text(
        tmp_path, bad_laptop):
    path, _ = bad_laptop
    (summary,) = merge(tmp_path / "master.db", [path])
    lines = [render(note, "en") for note in summary.notes]
    assert "answers to 'visit': 1 set aside in the quarantine table (kept, not merged): not a " \
           "valid date (YYYY-MM-DD)" in lines
    assert "interviews (column 'started_at'): 1 set aside in the quarantine table (kept, not " \
           "merged): not a time of the form 2026-03-01T04:00:02.000000Z" in lines
    assert not any("twelve" in line or "xxxx" in line for line in lines)
    kazakh = [render(note, "kk") for note in summary.notes]
    assert "«age» сұрағының жауаптары: 1 карантин кестесіне бөлек сақталды (біріктірілмеді): " \
           "бүтін сан емес" in kazakh


def test_merge__same_bad_laptop_twice__set_aside_once_master_unchanged(tmp_path, bad_laptop):
    path, _ = bad_laptop
    master = tmp_path / "master.db"
    merge(master, [path])
    set_aside = count(master, "quarantine")
    (again,) = merge(master, [path])
    assert again.set_aside == len(BAD_VALUES) and count(master, "quarantine") == set_aside


def test_merge__bad_values_in_paradata_and_audit_log__set_aside_rest_of_the_trail_kept(
        tmp_path):
    form = field_form(tmp_path / "field.xlsx")
    path = tmp_path / "bad.db"
    uuids = laptop(path, form, 2)
    with Store.open(path) as store:
        store.reopen(uuids[0], who="Supervisor", reason="typo")
        store.save_answer(uuids[0], "age", 33)
        store.complete(uuids[0])
    run_sql(path, "UPDATE paradata SET at = '2026-02-30T10:00:00Z' WHERE uuid = ?",
            params=(uuids[1],))
    run_sql(path, "DROP TRIGGER audit_log_no_update",
            "UPDATE audit_log SET new_value = x'00ff' WHERE action = 'change'",
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); "
            "END")
    (summary,) = merge(tmp_path / "master.db", [path])
    assert summary.added == 2 and summary.set_aside == 2
    with Store.open(tmp_path / "master.db") as master:
        assert [e.action for e in master.audit_log(uuids[0])] == [
            "complete", "reopen", "complete"]
        assert master.events(uuids[1]) == []


@pytest.mark.parametrize(("table", "column", "value"), [
    ("paradata", "at", "2026-02-30T10:00:00.000000Z"),    # Kelisim's form, no such day
    ("paradata", "at", "2026-03-01T24:00:00.000000Z"),    # no such hour
    ("paradata", "question", "x" * 201),
    ("answers", "updated_at", "2026-04-31T08:00:00.000000Z"),
    ("answers", "updated_at", "2026-04-30T08:00:00.000000"),  # no Z
])
def test_merge__well_formed_looking_but_wrong_trail_value__set_aside(tmp_path, table, column,
                                                                     value):
    """Rows that look like Kelisim's own at a glance are still checked one by one."""
    path = tmp_path / "bad.db"
    uuids = laptop(path, field_form(tmp_path / "field.xlsx"), 3)
    where = "question = 'age'" if table == "answers" else "1 = 1"
    run_sql(path, f"UPDATE {table} SET {column} = ? WHERE uuid = ? AND {where}",
            params=(value, uuids[1]))
    (summary,) = merge(tmp_path / "master.db", [path])
    assert summary.added == 3 and summary.set_aside == 1
    assert count(tmp_path / "master.db", "quarantine") == 1
    with Store.open(tmp_path / "master.db") as master:
        assert all(master.events(u) for u in (uuids[0], uuids[2]))
        assert (table == "answers") == ("age" not in master.answers(uuids[1]))


# -- the conflicts table does not depend on the merge order ----------------------------------

def _conflict_rows(path: Path) -> set[tuple[str, str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT uuid, kept_sha256, other_sha256, kept_version, "
                                "other_version FROM conflicts"))
    finally:
        conn.close()


def _answers_of(path: Path) -> dict[str, dict[str, object]]:
    with Store.open(path) as store:
        return {r.uuid: store.answers(r.uuid) for r in store.interviews()}


def _edit(path: Path, uuid: str, values: dict[str, object], day: int) -> None:
    with Store.open(path, clock=Clock(datetime(2026, 3, day, 8, tzinfo=UTC))) as store:
        if store.interview(uuid).is_complete:
            store.reopen(uuid, who="Supervisor", reason="correction")
        for name, value in values.items():
            store.save_answer(uuid, name, value)
        store.complete(uuid)


@pytest.fixture
def edited_everywhere(tmp_path: Path) -> list[Path]:
    """Versions of the same interviews edited on clones of one laptop and on another laptop."""
    form = field_form(tmp_path / "field.xlsx")
    first = tmp_path / "l0.db"
    u = laptop(first, form, 3)
    clones = [tmp_path / f"l{n}.db" for n in (1, 2, 3)]
    for clone in clones[:2]:
        shutil.copy(first, clone)
    other = tmp_path / "m.db"
    merge(other, [first])
    _edit(clones[0], u[0], {"age": 30}, 2)
    shutil.copy(clones[0], clones[2])
    _edit(clones[1], u[0], {"comment": "clone two"}, 3)
    _edit(clones[1], u[1], {"age": 61}, 2)
    _edit(clones[2], u[0], {"income": 9.5}, 4)  # clone one's version, edited further
    _edit(other, u[1], {"age": 62}, 3)
    _edit(other, u[0], {"visit": date(2026, 3, 9)}, 5)
    _edit(other, u[2], {"media": ("web",)}, 6)
    return [first, *clones, other]


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4), (4, 3, 2, 1, 0), (2, 4, 0, 3, 1),
                                   (3, 1, 4, 2, 0), (1, 3, 0, 4, 2)])
def test_merge__any_order__same_conflicts_table_same_kept_answers(tmp_path, edited_everywhere,
                                                                  order):
    reference = tmp_path / "reference.db"
    merge(reference, edited_everywhere)
    master = tmp_path / "master.db"
    merge(master, [edited_everywhere[i] for i in order])
    assert _conflict_rows(master) == _conflict_rows(reference)
    assert _answers_of(master) == _answers_of(reference)
    assert len(_conflict_rows(master)) == 4  # heads: u0 3 (2 rows), u1 and u2 2 (1 row each)
    again = merge(master, edited_everywhere)  # merging again changes nothing
    assert all(s.added == s.updated == s.conflicts == 0 for s in again)
    assert _conflict_rows(master) == _conflict_rows(reference)


def test_merge__demo_laptop_with_bad_values__master_report_and_exports_still_built(
        tmp_path, capsys):
    from desktop.cli import main as kelisim

    laptop_db = tmp_path / "laptop.db"
    with Store.open(laptop_db) as store:
        uuids = fill_database(store, DemoOptions(interviews=80, seed=3, draft_share=0.0))
    run_sql(laptop_db, "UPDATE answers SET value_type = 'text', value_text = 'twelve', "
                       "value_num = NULL WHERE question = 'age' AND uuid = ?", params=(uuids[0],))
    run_sql(laptop_db, "UPDATE interviews SET completed_at = '2026-13-45T99:00:00Z' "
                       "WHERE uuid = ?", params=(uuids[1],))
    run_sql(laptop_db, "UPDATE answers SET value_text = x'00' WHERE question = 'trust_courts' "
                       "AND uuid = ?", params=(uuids[2],))
    master = tmp_path / "master.db"
    (summary,) = merge(master, [laptop_db])
    assert (summary.added, summary.set_aside) == (79, 3)
    assert kelisim(["report", "--db", str(master), "--xlsx", str(tmp_path / "r.xlsx"),
                    "--weighting", "none"]) == 0, capsys.readouterr().err
    assert kelisim(["export", "--db", str(master), "--format", "sav", "--out",
                    str(tmp_path / "r.sav")]) == 0


@pytest.mark.parametrize("sql", [
    "UPDATE forms SET title = 'not json'",
    "UPDATE forms SET languages = '{\"kk\": 1}'",
    "UPDATE forms SET registered_at = '2026-02-30T00:00:00Z'",
])
def test_merge__questionnaire_record_nobody_can_read__input_refused(tmp_path, sql):
    laptop(tmp_path / "a.db", field_form(tmp_path / "field.xlsx"), 1)
    run_sql(tmp_path / "a.db", sql)
    (summary,) = merge(tmp_path / "master.db", [tmp_path / "a.db"])
    assert summary.error_code == "store.corrupt"
    assert summary.failure[0].fields["detail"] == StoreCode.BAD_FORM_ROW.message(
        form="field", version="1")
    with Store.open(tmp_path / "master.db") as master:
        assert master.forms() == []

