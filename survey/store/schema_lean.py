"""Schema version 8: answers and paradata keyed compactly (a lean file).

Until version 7 every answer and paradata row repeated its interview's 32-character id, its
question's name and its time as 27 characters of text, and paradata carried a UNIQUE index as
large as its data: about 27 KB per interview. From version 8 the rows live in

* ``interview_keys``: one small integer per interview id (the id itself kept once here);
* ``question_names``: one small integer per question name;
* ``answer_rows``: (interview, question) keys, the value type as a code (1 text, 2 integer,
  3 decimal, 4 date, 5 multiple), the value, and ``updated_at`` as an integer: microseconds
  since 1970-01-01T00:00:00Z;
* ``paradata_rows``: (interview, time, question, event) is the primary key of a table without
  rowid (no second index); the event as a code (0 shown, 1 answered), the time as microseconds.

The views ``answers`` and ``paradata`` show the rows exactly as before (uuid, question name,
value type, UTC time text); writes through them go to the compact tables (INSTEAD OF
triggers; also UPDATE, as tools other than Kelisim write), so merge checks, conflicts and audits read and write them as they always did, while
bulk writers and readers (demo, merge, export) use the compact tables directly.

A value that cannot be converted (a time that is not in the store's fixed form, a value type
or event Kelisim does not know: only files written by other programs hold them) is kept as it
was, so the migration keeps every row and every value and merge's checks still see them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

#: Value types and their codes in ``answer_rows.value_type``.
VALUE_TYPE_CODES = {"text": 1, "integer": 2, "decimal": 3, "date": 4, "multiple": 5}
#: Paradata events and their codes in ``paradata_rows.event``.
EVENT_CODES = {"shown": 0, "answered": 1}


class Connection(Protocol):
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


_TIME_PATTERN = ("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:"
                 "[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z")


def _micros(c: str) -> str:
    """SQL: stored time text ``c`` as microseconds since 1970, or ``c`` itself when it is not
    a valid time of the fixed form (from 1970 on)."""
    seconds = f"substr({c}, 1, 19)"
    return (f"(CASE WHEN typeof({c}) = 'text' AND {c} GLOB '{_TIME_PATTERN}' "
            f"AND {c} >= '1970' AND strftime('%Y-%m-%dT%H:%M:%S', "
            f"CAST(strftime('%s', {seconds}) AS INTEGER), 'unixepoch') IS {seconds} "
            f"THEN CAST(strftime('%s', {seconds}) AS INTEGER) * 1000000 "
            f"+ CAST(substr({c}, 21, 6) AS INTEGER) ELSE {c} END)")


def _text(c: str) -> str:
    """SQL: microseconds ``c`` as the stored time text; anything else as it is."""
    return (f"(CASE typeof({c}) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', "
            f"{c} / 1000000, 'unixepoch') || printf('.%06dZ', {c} % 1000000) ELSE {c} END)")


def _code(c: str, codes: dict[str, int]) -> str:
    whens = " ".join(f"WHEN '{name}' THEN {code}" for name, code in codes.items())
    return f"(CASE {c} {whens} ELSE {c} END)"


def _name(c: str, codes: dict[str, int]) -> str:
    whens = " ".join(f"WHEN {code} THEN '{name}'" for name, code in codes.items())
    return f"(CASE typeof({c}) WHEN 'integer' THEN CASE {c} {whens} ELSE {c} END ELSE {c} END)"


_TABLES = """
CREATE TABLE interview_keys (
    id INTEGER PRIMARY KEY,
    uuid NOT NULL UNIQUE                -- interviews.uuid (no type: kept exactly as written)
);
CREATE TABLE question_names (
    id INTEGER PRIMARY KEY,
    name NOT NULL UNIQUE
);
CREATE TABLE answer_rows (
    interview INTEGER NOT NULL,         -- interview_keys.id
    question INTEGER NOT NULL,          -- question_names.id
    value_type NOT NULL,                -- 1 text, 2 integer, 3 decimal, 4 date, 5 multiple
    value_text TEXT NOT NULL,
    value_num NUMERIC,
    updated_at NOT NULL,                -- microseconds since 1970-01-01T00:00:00Z (UTC)
    PRIMARY KEY (interview, question)
) WITHOUT ROWID;
CREATE TABLE paradata_rows (
    interview INTEGER NOT NULL,         -- interview_keys.id
    at NOT NULL,                        -- microseconds since 1970-01-01T00:00:00Z (UTC)
    question INTEGER NOT NULL,          -- question_names.id
    event NOT NULL,                     -- 0 shown, 1 answered
    PRIMARY KEY (interview, at, question, event)
) WITHOUT ROWID;
CREATE TABLE interview_edits (
    interview INTEGER PRIMARY KEY,      -- interview_keys.id
    revision INTEGER NOT NULL           -- grows with every change of its row or its answers
);
"""

#: Triggers keeping ``interview_edits``: whoever writes (Kelisim, a merge, another tool), a
#: change to an interview or its answers gives the interview a new revision, so the analysis
#: snapshot (:mod:`survey.export.snapshot`) knows which of its rows are stale.
_REVISE = ("INSERT INTO interview_edits (interview, revision) VALUES ({key}, 1) "
           "ON CONFLICT (interview) DO UPDATE SET revision = revision + 1;")
_EDITS = [
    "CREATE TRIGGER answer_rows_inserted AFTER INSERT ON answer_rows BEGIN "
    f"{_REVISE.format(key='NEW.interview')} END",
    "CREATE TRIGGER answer_rows_updated AFTER UPDATE ON answer_rows BEGIN "
    f"{_REVISE.format(key='OLD.interview')} {_REVISE.format(key='NEW.interview')} END",
    "CREATE TRIGGER answer_rows_deleted AFTER DELETE ON answer_rows BEGIN "
    f"{_REVISE.format(key='OLD.interview')} END",
    "CREATE TRIGGER interviews_updated AFTER UPDATE ON interviews BEGIN "
    "INSERT INTO interview_keys (uuid) SELECT NEW.uuid WHERE NOT EXISTS "
    "(SELECT 1 FROM interview_keys WHERE uuid = NEW.uuid); "
    f"{_REVISE.format(key='(SELECT id FROM interview_keys WHERE uuid = NEW.uuid)')} END",
]


def _checked(c: str, codes: dict[str, int]) -> str:
    """SQL: refuse a value written through a view that is none of ``codes``' names (the
    CHECK constraint of the former tables)."""
    names = ", ".join(f"'{name}'" for name in codes)
    return (f"SELECT RAISE(ABORT, 'CHECK constraint failed') WHERE {c} IS NULL "
            f"OR {c} NOT IN ({names}); ")


def _views() -> list[str]:
    known = ("SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed') WHERE NOT EXISTS "
             "(SELECT 1 FROM interviews WHERE uuid = NEW.uuid); ")
    answer = known + _checked("NEW.value_type", VALUE_TYPE_CODES)
    event = known + _checked("NEW.event", EVENT_CODES)
    key = ("INSERT INTO interview_keys (uuid) SELECT NEW.uuid WHERE NOT EXISTS "
           "(SELECT 1 FROM interview_keys WHERE uuid = NEW.uuid); "
           "INSERT INTO question_names (name) SELECT NEW.question WHERE NOT EXISTS "
           "(SELECT 1 FROM question_names WHERE name = NEW.question);")
    ids = ("(SELECT id FROM interview_keys WHERE uuid = NEW.uuid), "
           "(SELECT id FROM question_names WHERE name = NEW.question)")
    return [
        "CREATE VIEW answers AS SELECT k.uuid AS uuid, n.name AS question, "
        f"{_name('a.value_type', VALUE_TYPE_CODES)} AS value_type, a.value_text AS value_text, "
        f"a.value_num AS value_num, {_text('a.updated_at')} AS updated_at, "
        "a.interview AS interview_key, a.question AS question_key FROM answer_rows a "
        "JOIN interview_keys k ON k.id = a.interview JOIN question_names n ON n.id = a.question",
        "CREATE VIEW paradata AS SELECT k.uuid AS uuid, n.name AS question, "
        f"{_name('p.event', EVENT_CODES)} AS event, {_text('p.at')} AS at, "
        "p.interview AS interview_key, p.question AS question_key, p.event AS event_code, "
        "p.at AS at_code FROM paradata_rows p JOIN interview_keys k ON k.id = p.interview "
        "JOIN question_names n ON n.id = p.question",
        f"CREATE TRIGGER answers_insert INSTEAD OF INSERT ON answers BEGIN {answer}{key} "
        "INSERT INTO answer_rows (interview, question, value_type, value_text, value_num, "
        f"updated_at) VALUES ({ids}, {_code('NEW.value_type', VALUE_TYPE_CODES)}, "
        f"NEW.value_text, NEW.value_num, {_micros('NEW.updated_at')}); END",
        "CREATE TRIGGER answers_update INSTEAD OF UPDATE ON answers BEGIN "
        f"{_checked('NEW.value_type', VALUE_TYPE_CODES)}{key} "
        "UPDATE answer_rows SET (interview, question, value_type, value_text, value_num, "
        f"updated_at) = ({ids}, {_code('NEW.value_type', VALUE_TYPE_CODES)}, NEW.value_text, "
        f"NEW.value_num, {_micros('NEW.updated_at')}) WHERE interview = OLD.interview_key "
        "AND question = OLD.question_key; END",
        "CREATE TRIGGER answers_delete INSTEAD OF DELETE ON answers BEGIN DELETE FROM "
        "answer_rows WHERE interview = OLD.interview_key AND question = OLD.question_key; END",
        f"CREATE TRIGGER paradata_insert INSTEAD OF INSERT ON paradata BEGIN {event}{key} "
        f"INSERT OR IGNORE INTO paradata_rows (interview, at, question, event) VALUES "
        f"((SELECT id FROM interview_keys WHERE uuid = NEW.uuid), {_micros('NEW.at')}, "
        "(SELECT id FROM question_names WHERE name = NEW.question), "
        f"{_code('NEW.event', EVENT_CODES)}); END",
        "CREATE TRIGGER paradata_update INSTEAD OF UPDATE ON paradata BEGIN "
        f"{_checked('NEW.event', EVENT_CODES)}{key} "
        "UPDATE paradata_rows SET (interview, at, question, event) = ((SELECT id FROM "
        f"interview_keys WHERE uuid = NEW.uuid), {_micros('NEW.at')}, (SELECT id FROM "
        f"question_names WHERE name = NEW.question), {_code('NEW.event', EVENT_CODES)}) "
        "WHERE interview = OLD.interview_key AND at IS OLD.at_code AND "
        "question = OLD.question_key AND event IS OLD.event_code; END",
        "CREATE TRIGGER paradata_delete INSTEAD OF DELETE ON paradata BEGIN DELETE FROM "
        "paradata_rows WHERE interview = OLD.interview_key AND at IS OLD.at_code AND "
        "question = OLD.question_key AND event IS OLD.event_code; END",
    ]


_COPY = [
    "INSERT INTO interview_keys (uuid) SELECT uuid FROM interviews ORDER BY started_at, uuid",
    # rows of interviews the file does not hold (only files written by other programs)
    "INSERT INTO interview_keys (uuid) SELECT DISTINCT uuid FROM old_answers WHERE uuid NOT IN "
    "(SELECT uuid FROM interview_keys)",
    "INSERT INTO interview_keys (uuid) SELECT DISTINCT uuid FROM old_paradata WHERE uuid NOT IN "
    "(SELECT uuid FROM interview_keys)",
    "INSERT INTO question_names (name) SELECT question FROM (SELECT question, min(rowid) AS r "
    "FROM old_paradata GROUP BY question ORDER BY r)",
    "INSERT INTO question_names (name) SELECT DISTINCT question FROM old_answers WHERE "
    "question NOT IN (SELECT name FROM question_names)",
    "INSERT INTO answer_rows (interview, question, value_type, value_text, value_num, "
    f"updated_at) SELECT k.id, n.id, {_code('a.value_type', VALUE_TYPE_CODES)}, a.value_text, "
    f"a.value_num, {_micros('a.updated_at')} FROM old_answers a "
    "JOIN interview_keys k ON k.uuid = a.uuid JOIN question_names n ON n.name = a.question "
    "ORDER BY k.id, n.id",
    "INSERT OR IGNORE INTO paradata_rows (interview, at, question, event) SELECT k.id, "
    f"{_micros('p.at')}, n.id, {_code('p.event', EVENT_CODES)} FROM old_paradata p "
    "JOIN interview_keys k ON k.uuid = p.uuid JOIN question_names n ON n.name = p.question "
    "ORDER BY p.id",
]


def lean_rows(conn: Connection) -> None:
    """Version 8: the compact tables, filled from the old ones (every row and value kept),
    and the views with the old tables' names and columns (see the module notes)."""
    for statement in _TABLES.split(";"):
        if statement.strip():
            conn.query(statement)
    conn.query("ALTER TABLE answers RENAME TO old_answers")
    conn.query("ALTER TABLE paradata RENAME TO old_paradata")
    for statement in _COPY:
        conn.query(statement)
    conn.query("DROP TABLE old_answers")
    conn.query("DROP TABLE old_paradata")
    for statement in _views() + _EDITS:
        conn.query(statement)
    conn.query("INSERT OR IGNORE INTO meta (key, value) VALUES ('analysis_key', "
               "lower(hex(randomblob(32))))")
