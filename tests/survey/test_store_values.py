"""One text form of answers: the store writes value_text as the engine (and ODK) does, and the
version 3 migration rewrites decimal rows written by earlier versions."""

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from survey.form.model import Form, Settings, Text
from survey.interview.answers import to_odk
from survey.store import NewInterview, Store, merge
from survey.store.schema import SCHEMA_VERSION
from tests.survey.hostile import undo_lean_rows


def _form() -> Form:
    return Form(settings=Settings(form_id="f", title=Text.of({"en": "Survey"}), version="1",
                                  default_language="en"),
                questions=(), languages=("en",))


def _text_of(path, question="q"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value_type, value_text, value_num FROM answers "
                            "WHERE question = ?", (question,)).fetchone()
    finally:
        conn.close()


@pytest.mark.parametrize(("value", "text"), [
    (2.0, "2"), (1e-05, "0.00001"), (2.5, "2.5"), (-0.1, "-0.1"), (1.5e20, "150000000000000000000"),
    (123456.789, "123456.789"), (42, "42"), (date(2025, 1, 2), "2025-01-02"), (("a", "b"), "a b"),
])
def test_save_answer__value_text__is_the_engines_odk_text(tmp_path, value, text):
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        store.register_form(_form(), b"x")
        uuid = store.start_interview("f", "1", interviewer="Dana")
        store.save_answer(uuid, "q", value)
        assert store.answers(uuid)["q"] == value
    assert _text_of(path)[1] == text == to_odk(value)


def test_import_interviews__decimal__odk_text(tmp_path):
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        store.register_form(_form(), b"x")
        store.import_interviews([NewInterview("f", "1", "Dana", "lap", "en", {"q": 2.0},
                                              datetime(2026, 1, 1, tzinfo=UTC))])
    assert _text_of(path) == ("decimal", "2", 2.0)


def test_audit_log__changed_decimal__recorded_in_odk_text(tmp_path):
    with Store.open(tmp_path / "laptop.db") as store:
        store.register_form(_form(), b"x")
        uuid = store.start_interview("f", "1", interviewer="Dana")
        store.save_answer(uuid, "q", 2.0)
        store.complete(uuid)
        store.reopen(uuid, who="Supervisor", reason="typo")
        store.save_answer(uuid, "q", 1e-05)
        change = next(e for e in store.audit_log(uuid) if e.action == "change")
    assert (change.old_value, change.new_value) == ("2", "0.00001")


# -- migration to version 3 ------------------------------------------------------------------

def _version_2_file(path) -> dict[str, float]:
    """A store as version 2 wrote it: real interviews, answers, audit log and paradata, with
    decimals in Python's repr (``2.0``, ``1e-05``). Returns the decimals written per uuid."""
    rng = random.Random(7)
    decimals = [2.0, 1e-05, 0.5, 1e20, -3.25, 7.0, 1.5e-7, 100.0]
    written: dict[str, float] = {}
    with Store.open(path) as store:
        store.register_form(_form(), b"x")
        start = datetime(2026, 1, 1, tzinfo=UTC)
        records = [NewInterview("f", "1", "Dana", "lap", "en",
                                {"q": decimals[i % len(decimals)], "n": i, "t": f"text {i}",
                                 "d": date(2026, 1, 1) + timedelta(days=i), "m": ("a", "b"),
                                 "r": rng.uniform(-1000, 1000)},
                                start + timedelta(minutes=i), start + timedelta(minutes=i + 20),
                                events=(("q", "shown", start + timedelta(minutes=i)),))
                   for i in range(60)]
        uuids = store.import_interviews(records)
        store.reopen(uuids[0], who="Supervisor", reason="check")
        store.save_answer(uuids[0], "q", 4.0)
        written = {u: r.answers["q"] for u, r in zip(uuids, records, strict=True)}
        written[uuids[0]] = 4.0
    conn = sqlite3.connect(path)
    undo_lean_rows(conn)  # answers and paradata as tables again, as version 2 had them
    rows = conn.execute("SELECT uuid, question, value_num FROM answers "
                        "WHERE value_type = 'decimal'").fetchall()
    conn.executemany("UPDATE answers SET value_text = ? WHERE uuid = ? AND question = ?",
                     [(repr(float(num)), uuid, q) for uuid, q, num in rows])
    conn.execute("DROP TRIGGER audit_log_no_delete")  # as version 1 made it (changed later)
    conn.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\nBEGIN SELECT "
                 "RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END")
    for table in ("quarantine", "media", "form_files", "sealed"):  # added by later versions
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    return written


#: The columns of answers and paradata as tables had them (the views add their keys).
_COLUMNS = {"answers": "uuid, question, value_type, value_text, value_num, updated_at",
            "paradata": "uuid, question, event, at"}


def _all_rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT {_COLUMNS.get(t, '*')} FROM {t}").fetchall(),
                          key=repr) for t in tables}
    finally:
        conn.close()


def test_migration_3__version_2_file__decimal_texts_rewritten_every_row_kept(tmp_path):
    path = tmp_path / "old.db"
    written = _version_2_file(path)
    before = _all_rows(path)
    assert ("decimal", "1e-05", 1e-05) in {r[2:5] for r in before["answers"]}
    assert ("decimal", "2.0", 2.0) in {r[2:5] for r in before["answers"]}

    with Store.open(path) as store:
        answers = {uuid: store.answers(uuid)["q"] for uuid in written}
    assert answers == written

    after = _all_rows(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert {t: len(after[t]) for t in before} == {t: len(r) for t, r in before.items()}
    for table in before:
        if table not in ("answers", "meta"):
            assert after[table] == before[table], table
    old = {(r[0], r[1]): r for r in before["answers"]}
    new = {(r[0], r[1]): r for r in after["answers"]}
    assert old.keys() == new.keys()
    for key, row in old.items():
        uuid, question, value_type, text, num, updated_at = row
        expected = to_odk(float(text)) if value_type == "decimal" else text
        assert new[key] == (uuid, question, value_type, expected, num, updated_at)
    texts = {r[3] for r in after["answers"] if r[2] == "decimal"}
    assert {"2", "0.00001", "100000000000000000000", "4", "0.00000015"} <= texts
    assert not any("e" in t or t.endswith(".0") for t in texts)


def test_migration_3__version_2_laptop_merged__master_holds_odk_text(tmp_path):
    laptop = tmp_path / "laptop.db"
    _version_2_file(laptop)
    master = tmp_path / "master.db"
    (summary,) = merge(master, [laptop])
    assert summary.ok and summary.failure == ()
    conn = sqlite3.connect(master)
    texts = {r[0] for r in conn.execute("SELECT value_text FROM answers WHERE value_type = 'decimal'")}
    conn.close()
    assert {"2", "0.00001"} <= texts and "2.0" not in texts and "1e-05" not in texts
    assert sqlite3.connect(laptop).execute("PRAGMA user_version").fetchone()[0] == 2
