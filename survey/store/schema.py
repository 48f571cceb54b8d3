"""The store's schema: ordered forward migrations, recorded in ``PRAGMA user_version``.

Migration ``n`` (1-based) brings a file from ``user_version = n - 1`` to ``n``; each runs in its
own transaction together with the ``user_version`` update, so a crash leaves the file at a
whole version. Files are marked as Kelisim stores with ``PRAGMA application_id``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from survey.interview.answers import format_decimal
from survey.store.schema_lean import lean_rows


class Connection(Protocol):
    """What a migration function uses of :class:`survey.store.connection.Connection`."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int: ...

#: "KLSM" as a 32-bit integer: tells a Kelisim store from any other SQLite file.
APPLICATION_ID = 0x4B4C534D

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE forms (
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,                -- JSON object: language -> title
    languages TEXT NOT NULL,            -- JSON array of language codes, form order
    default_language TEXT,
    xlsform BLOB NOT NULL,              -- the original XLSForm file
    sha256 TEXT NOT NULL,               -- of xlsform
    registered_at TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);
CREATE TABLE interviews (
    uuid TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    interviewer TEXT NOT NULL,
    device_id TEXT NOT NULL,            -- laptop that started the interview
    language TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    started_at TEXT NOT NULL,           -- UTC, ISO 8601
    completed_at TEXT,
    updated_at TEXT NOT NULL,
    tz_offset TEXT NOT NULL,            -- device offset from UTC when started, e.g. +05:00
    last_device_id TEXT NOT NULL,       -- laptop that wrote the latest change (merge)
    FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
);
CREATE INDEX interviews_by_status ON interviews (status, form_id);
CREATE INDEX interviews_by_form ON interviews (form_id, form_version);
CREATE TABLE answers (
    uuid TEXT NOT NULL REFERENCES interviews (uuid),
    question TEXT NOT NULL,
    value_type TEXT NOT NULL
        CHECK (value_type IN ('text', 'integer', 'decimal', 'date', 'multiple')),
    value_text TEXT NOT NULL,           -- the value as text (ODK form); always filled
    value_num NUMERIC,                  -- integer and decimal answers as numbers
    updated_at TEXT NOT NULL,
    PRIMARY KEY (uuid, question)
) WITHOUT ROWID;
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL UNIQUE,      -- global identity, so merges copy each entry once
    uuid TEXT NOT NULL REFERENCES interviews (uuid),
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('complete', 'reopen', 'change')),
    question TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT
);
CREATE INDEX audit_log_by_interview ON audit_log (uuid, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
CREATE TABLE paradata (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL REFERENCES interviews (uuid),
    question TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('shown', 'answered')),
    at TEXT NOT NULL,
    UNIQUE (uuid, at, question, event)
);
CREATE TABLE quotas (
    form_id TEXT NOT NULL,
    region TEXT NOT NULL,
    target INTEGER NOT NULL CHECK (target >= 0),
    PRIMARY KEY (form_id, region)
);
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    source TEXT NOT NULL,               -- the merged file the other version came from
    kept_sha256 TEXT NOT NULL,
    other_sha256 TEXT NOT NULL,
    kept_version TEXT NOT NULL,         -- JSON: interview metadata and all answers
    other_version TEXT NOT NULL,
    UNIQUE (uuid, kept_sha256, other_sha256)
);
"""

#: Version 2: listing interviews newest first (the GUI's lazy table) reads an index instead of
#: sorting the whole table on every page.
_V2 = """
CREATE INDEX interviews_by_update ON interviews (updated_at DESC, uuid);
CREATE INDEX interviews_by_status_update ON interviews (status, updated_at DESC, uuid);
"""



def _v3(conn: Connection) -> None:
    """Version 3: decimal answers in the ODK text form the engine uses (``2.0`` -> ``2``,
    ``1e-05`` -> ``0.00001``); earlier versions wrote Python's ``repr``. Only ``value_text``
    changes: the value, its number and ``updated_at`` stay; the append-only audit log keeps
    the texts it recorded."""
    rows = conn.query("SELECT uuid, question, value_text FROM answers "
                      "WHERE value_type = 'decimal'")
    changed = []
    for uuid, question, text in rows:
        odk = _odk_decimal(text)
        if odk != text:
            changed.append((odk, uuid, question))
    conn.executemany("UPDATE answers SET value_text = ? WHERE uuid = ? AND question = ?", changed)


def _odk_decimal(text: str) -> str:
    try:
        value = float(text)
    except ValueError:  # not written by Kelisim: left for the reader to report
        return text
    return format_decimal(value) if math.isfinite(value) else text


#: Version 4: files attached to answers (photos, recordings, documents of media questions) and
#: files that come with a questionnaire (choice lists in csv/xml, pulldata() tables, label
#: images), kept inside the database so one file carries everything. An answer of a media
#: question holds the file's name (``value_text``); its bytes live in ``media``.
_V4 = """
CREATE TABLE IF NOT EXISTS media (
    uuid TEXT NOT NULL REFERENCES interviews (uuid),
    question TEXT NOT NULL,
    name TEXT NOT NULL,                 -- the answer's value: the name the export writes
    original_name TEXT NOT NULL,        -- as the interviewer attached it
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (uuid, question)
);
CREATE TABLE IF NOT EXISTS form_files (
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    name TEXT NOT NULL,                 -- as the form names it (cities.csv)
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (form_id, version, name),
    FOREIGN KEY (form_id, version) REFERENCES forms (form_id, version)
);
"""


#: Version 5: values a merge input held that Kelisim cannot read (a date in month 13, text
#: that is not UTF-8, a BLOB, a bad time stamp, ...) are set aside here instead of being merged,
#: so no export or report of the master ever fails on them, and nothing is lost.
_V5 = """
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    detected_at TEXT NOT NULL,
    source TEXT NOT NULL,               -- the merged file the row came from
    part TEXT NOT NULL CHECK (part IN ('interview', 'answer', 'paradata', 'audit')),
    uuid TEXT,                          -- the interview, when its id is readable text
    question TEXT,                      -- the question (interviews: the failing column)
    reason TEXT NOT NULL,               -- message code, e.g. store.quarantine.not_date
    row TEXT NOT NULL,                  -- JSON: the row as stored; not UTF-8 text as hex
    row_sha256 TEXT NOT NULL,
    UNIQUE (part, row_sha256)
);
CREATE INDEX quarantine_by_interview ON quarantine (uuid);
"""


#: The first schema version at which every file holding demo interviews is marked (``_v6``).
DEMO_MARKED_SINCE = 6


def _v6(conn: Connection) -> None:
    """Version 6: a file holding interviews of the demo-data generator (device ids
    ``demo-laptop-...``, written before files were marked) is marked as holding demo data.
    The key and prefix are spelled out (``meta.DEMO``, ``meta.DEMO_DEVICE_PREFIX``): a released
    migration never changes."""
    demo = conn.query("SELECT 1 FROM interviews WHERE device_id LIKE 'demo-laptop-%' LIMIT 1")
    if demo:
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, 'yes')",
                         [("demo_data",)])


#: Version 7, sealed interviews: a completed interview of a form with a public key is kept only as an
#: envelope (its answers, audit entries, paradata and files encrypted for the project's key;
#: :mod:`survey.store.sealed`); what fieldwork needs (the interview row and the quota region)
#: stays readable. ``opened_at`` is set in a master once the envelope has been unsealed there.
#: The audit log stays append-only, except that sealing moves an interview's entries into its
#: envelope.
_SEALED = """
CREATE TABLE sealed (
    uuid TEXT PRIMARY KEY REFERENCES interviews (uuid),
    key_id TEXT NOT NULL,               -- sha256 of the public key it was sealed for (hex)
    envelope BLOB NOT NULL,
    sha256 TEXT NOT NULL,               -- of envelope
    region TEXT,                        -- the answer to the quota question, for quota counts
    sealed_at TEXT NOT NULL,
    opened_at TEXT                      -- when unsealed into this (master) store
);
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM sealed s WHERE s.uuid = OLD.uuid AND s.opened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
"""


#: A migration is an SQL script, or a function run on the connection inside the transaction.
#: Every migration creates the same schema whatever the data (see ``schema_check``).
Migration = str | Callable[[Connection], None]

#: The migrations, oldest first. Never edit a released one: append a new one.
MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _v3, _V4, _V5, _v6, _SEALED, lean_rows)

SCHEMA_VERSION = len(MIGRATIONS)

#: The version whose migration moved answers and paradata into compact tables; a file migrated
#: across it is vacuumed once, so it shrinks on disk at once.
LEAN_VERSION = MIGRATIONS.index(lean_rows) + 1

#: Tables every Kelisim store has had since version 1 (a file missing one is refused as
#: corrupt; every other difference from the schema of its version is ``store.foreign_schema``).
TABLES = ("meta", "forms", "interviews", "answers", "audit_log", "paradata", "quotas",
          "conflicts")
