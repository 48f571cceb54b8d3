"""Lean storage: answers and paradata keyed compactly; the migration keeps every row and value."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.cli import main as kelisim
from survey.store import Store, merge
from survey.store.schema import LEAN_VERSION, SCHEMA_VERSION
from survey.store.timestamps import micros_of_text, text_of_micros, to_micros
from tests.survey.hostile import field_form, laptop, run_sql, store_at_version

_UUIDS = ("018f0000000070008000000000000001", "018f0000000070008000000000000002")
_ANSWERS = [
    (_UUIDS[0], "age", "integer", "34", 34, "2026-04-01T05:20:00.123456Z"),
    (_UUIDS[0], "comment", "text", "Бәрі жақсы", None, "2026-04-01T05:21:00.000000Z"),
    (_UUIDS[0], "media", "multiple", "tv web", None, "2026-04-01T05:22:00.000001Z"),
    (_UUIDS[1], "score", "decimal", "0.5", 0.5, "1969-12-31T23:59:59.000000Z"),  # before 1970
    (_UUIDS[1], "visit", "date", "2026-13-01", None, "2026-02-30T10:00:00.000000Z"),
    (_UUIDS[1], "bad_type", "number", "1", 1, "yesterday"),          # written by another tool
    (_UUIDS[1], "blob", "text", b"\x01\x02", None, b"\x00"),
    ("0000000000000000000000000000dead", "orphan", "text", "x", None,  # no such interview
     "2026-04-01T05:20:00.000000Z"),
]
_EVENTS = [
    (_UUIDS[0], "age", "shown", "2026-04-01T05:19:00.000000Z"),
    (_UUIDS[0], "age", "answered", "2026-04-01T05:20:00.123456Z"),
    (_UUIDS[0], "comment", "shown", "2026-04-01T05:20:00.123456Z"),
    (_UUIDS[1], "score", "clicked", "2026-04-01T05:20:00Z"),           # short time text
    (_UUIDS[1], b"\xff", "shown", 12),
]


def _old_store(path: Path) -> None:
    """A store of the version before the lean one, holding every kind of value."""
    store_at_version(path, LEAN_VERSION - 1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as a forger's tool may
    conn.execute("INSERT INTO forms VALUES ('f', '1', '{}', '[]', NULL, x'00', 'h', 't')")
    for uuid in _UUIDS:
        conn.execute("INSERT INTO interviews VALUES (?, 'f', '1', 'Dana', 'lap', 'kk', "
                     "'complete', '2026-04-01T05:00:00.000000Z', '2026-04-01T06:00:00.000000Z', "
                     "'2026-04-01T06:00:00.000000Z', '+05:00', 'lap')", (uuid,))
    conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)", _ANSWERS)
    conn.executemany("INSERT INTO paradata (uuid, question, event, at) VALUES (?, ?, ?, ?)",
                     _EVENTS)
    conn.close()


def _typed(path: Path, table: str, columns: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    conn.text_factory = bytes
    try:
        typed = ", ".join(f"typeof({c}), {c}" for c in columns.split(", "))
        return sorted(conn.execute(f"SELECT {typed} FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


_ANSWER_COLUMNS = "uuid, question, value_type, value_text, value_num, updated_at"
_EVENT_COLUMNS = "uuid, question, event, at"


def test_migration__every_answer_and_event__kept_with_its_value_and_storage_class(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path)
    answers = _typed(path, "answers", _ANSWER_COLUMNS)
    events = _typed(path, "paradata", _EVENT_COLUMNS)
    Store.open(path).close()
    assert _typed(path, "answers", _ANSWER_COLUMNS) == answers
    assert _typed(path, "paradata", _EVENT_COLUMNS) == events
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # valid times became integers, the others stayed as written
    assert conn.execute("SELECT updated_at FROM answer_rows a JOIN question_names n "
                        "ON n.id = a.question WHERE n.name = 'age'").fetchone()[0] == \
        micros_of_text("2026-04-01T05:20:00.123456Z") == 1775020800123456
    kept = {row[0] for row in conn.execute("SELECT updated_at FROM answer_rows "
                                           "WHERE typeof(updated_at) != 'integer'")}
    assert kept == {"1969-12-31T23:59:59.000000Z", "2026-02-30T10:00:00.000000Z", "yesterday",
                    b"\x00"}
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN "
                        "('old_answers', 'old_paradata')").fetchone()[0] == 0
    conn.close()


def test_store__answers_and_events__written_compactly_read_as_before(tmp_path):
    path = tmp_path / "laptop.db"
    form = field_form(tmp_path / "field.xlsx")
    (uuid,) = laptop(path, form, 1)
    with Store.open(path) as store:
        assert store.answers(uuid)["age"] == 20
        assert [e[:2] for e in store.events(uuid)] == [("age", "shown")]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT typeof(updated_at), typeof(value_type) FROM answer_rows "
                        "LIMIT 1").fetchone() == ("integer", "integer")
    assert conn.execute("SELECT typeof(at), event FROM paradata_rows").fetchall() == \
        [("integer", 0)]
    conn.close()


def test_times__micros_and_text__round_trip_or_kept_as_text():
    moment = datetime(2026, 4, 1, 5, 20, 0, 123456, tzinfo=UTC)
    assert text_of_micros(to_micros(moment)) == "2026-04-01T05:20:00.123456Z"  # type: ignore
    for text in ("2026-13-01T00:00:00.000000Z", "2026-04-01T05:20:00Z", "1960-01-01T00:00:00."
                 "000000Z", "2026-04-01 05:20:00.000000Z"):
        assert micros_of_text(text) == text


def test_views__written_by_other_tools__land_in_the_compact_tables(tmp_path):
    """A hand edit through the views (as an analyst's tool or a forged file does) changes the
    compact rows: merge's checks then see it."""
    path = tmp_path / "laptop.db"
    (uuid,) = laptop(path, field_form(tmp_path / "field.xlsx"), 1)
    run_sql(path, "UPDATE answers SET value_text = 'x', updated_at = 'soon' "
                  "WHERE question = 'comment' AND uuid = ?",
            "UPDATE paradata SET at = '2026-02-30T10:00:00Z' WHERE uuid = ?", params=(uuid,))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value_text, updated_at FROM answers WHERE question = 'comment'"
                        ).fetchone() == ("x", "soon")
    assert conn.execute("SELECT at FROM paradata_rows").fetchone() == ("2026-02-30T10:00:00Z",)
    conn.close()


def test_demo_file__under_5_kb_per_interview_with_paradata(tmp_path):
    path = tmp_path / "demo.db"
    assert kelisim(["demo", "--db", str(path), "--interviews", "150", "--quiet"]) == 0
    conn = sqlite3.connect(path)
    pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    (interviews,) = conn.execute("SELECT count(*) FROM interviews").fetchone()
    (events,) = conn.execute("SELECT count(*) FROM paradata").fetchone()
    conn.close()
    assert interviews == 150 and events > 100 * interviews
    assert pages["paradata_rows"] + pages["answer_rows"] < 4_000 * interviews
    per_interview = sum(size for name, size in pages.items() if name.startswith(
        ("interview", "sqlite_autoindex_interview", "answer_rows", "paradata_rows")))
    assert per_interview < 5_000 * interviews
    # no index larger than the rows it serves: paradata has none beside its own key
    assert not [name for name in pages if "paradata" in name and name != "paradata_rows"]


def test_merge__lean_laptops__rows_and_trail_copied_once(tmp_path):
    form = field_form(tmp_path / "field.xlsx")
    laptop(tmp_path / "a.db", form, 3)
    laptop(tmp_path / "b.db", form, 2, interviewer="Aru")
    master = tmp_path / "master.db"
    for _ in range(2):
        summaries = merge(master, [tmp_path / "a.db", tmp_path / "b.db"])
        assert not [s for s in summaries if s.error_code]
    conn = sqlite3.connect(master)
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 5 * 6
    assert conn.execute("SELECT count(*) FROM paradata").fetchone()[0] == 5
    assert conn.execute("SELECT count(DISTINCT name) FROM question_names").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM question_names").fetchone()[0]
    conn.close()


def test_change_state__edit_behind_kelisims_back__seen_with_the_interview_revised(tmp_path):
    """Triggers keep the revisions: an edit with another SQLite tool, which bumps no counter
    of Kelisim's, still changes the change state and the interview's revision."""
    path = tmp_path / "laptop.db"
    uuids = laptop(path, field_form(tmp_path / "field.xlsx"), 3)
    with Store.open_read_only(path) as store:
        state, revisions = store.change_state(), store.interview_revisions()
    run_sql(path, "UPDATE answers SET value_text = '77', value_num = 77 "
                  "WHERE question = 'age' AND uuid = ?", params=(uuids[1],))
    with Store.open_read_only(path) as store:
        assert store.change_state() != state
        after = store.interview_revisions()
    assert [u for u in uuids if after[u] != revisions[u]] == [uuids[1]]
