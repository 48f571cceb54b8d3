"""The SQLite side of a sync: the laptop file (read only) and the mirror merge decides in.

Sync does not restate merge's rules. It compares each laptop interview with the server's copy
by its version state (merge's fingerprint, ``updated_at``, last writing laptop) and digests of
its audit entries and paradata:

* the server lacks the interview: it is copied as it is (what merge does with a new one);
* same state, other trail: the laptop's audit entries and paradata are added (merge's
  ``copy_trail``: each once);
* different state: the server's copy (with its trail and recorded conflicts, and every form) is
  downloaded into a fresh SQLite store, the *mirror*; the laptop's copies of those interviews
  are extracted into another, and :func:`survey.store.merge` merges that into the mirror.
  Whatever merge changed in the mirror (interviews replaced, conflicts recorded, audit entries
  and paradata added) is what the server receives.

All of it runs on one scratch connection (:class:`Workspace`) with the laptop attached
read-only as ``src``; the laptop file is never written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey.store import media, meta
from survey.store.connection import Connection, read_only_uri
from survey.store.postgres.connection import Conn
from survey.store.versions import COLUMNS, load

_INTERVIEWS = ", ".join(COLUMNS)
_ANSWERS = "uuid, question, value_type, value_text, value_num, updated_at"
_AUDIT = "entry_id, uuid, at, who, action, question, old_value, new_value, reason"
_PARADATA = "uuid, question, event, at"
_CONFLICTS = ("uuid, detected_at, source, kept_sha256, other_sha256, kept_version, "
              "other_version")
_FORMS = "form_id, version, title, languages, default_language, xlsform, sha256, registered_at"
_FORM_FILES = "form_id, version, name, sha256, data"
#: An envelope as the server keeps it (never opened there: no ``opened_at``).
SEALED = "uuid, key_id, envelope, sha256, region, sealed_at"
#: Child tables merge only ever adds to (row ids above the mark are new).
TRAIL = {"audit_log": _AUDIT, "paradata": _PARADATA, "conflicts": _CONFLICTS}
_CHUNK = 2000

State = tuple[str, str, str]  # merge's fingerprint, updated_at, last_device_id
Digests = tuple[str | None, str | None]  # of the audit entry ids, of the paradata events


@dataclass(frozen=True)
class LaptopInterview:
    form_id: str
    form_version: str
    interviewer: str
    state: State
    digests: Digests


@dataclass
class Baseline:
    """What the server held when the mirror was filled."""

    seq: dict[str, int] = field(default_factory=dict)
    state: dict[str, State] = field(default_factory=dict)
    marks: dict[str, int] = field(default_factory=dict)
    forms: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class Batch:
    """Rows of some interviews to send in one transaction."""

    #: COLUMNS, answers as the server's JSON, fingerprint, the server's change number to
    #: replace (None: a new interview)
    interviews: list[tuple[Any, ...]] = field(default_factory=list)
    #: (uuid, new paradata events as the server stores them, sorted, one per line)
    events: list[tuple[str, str]] = field(default_factory=list)
    trail: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # audit, conflicts
    forms: list[tuple[Any, ...]] = field(default_factory=list)
    #: the files that come with ``forms``
    form_files: list[tuple[Any, ...]] = field(default_factory=list)
    #: files attached to answers of the interviews written whole
    media: list[tuple[Any, ...]] = field(default_factory=list)
    #: envelopes of the sealed interviews written whole
    sealed: list[tuple[Any, ...]] = field(default_factory=list)
    #: (uuid, kept_sha256, other_sha256) of conflict rows merge deleted
    gone: list[tuple[Any, ...]] = field(default_factory=list)


def chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


# -- the server's forms of answers and paradata ------------------------------------------------


#: Each listed interview's answers as the server's JSON (built by SQLite's JSON functions).
_ANSWERS_JSON = ("SELECT uuid, json_group_object(question, json_array(value_type, value_text, "
                 "updated_at)) FROM {schema}.answers WHERE uuid IN (SELECT uuid FROM "
                 "temp.batch_uuids) GROUP BY uuid")


def answer_rows(uuid: str, text: str) -> Iterator[tuple[Any, ...]]:
    """The server's JSON back as answer rows; ``value_num`` is given as text, which SQLite's
    NUMERIC column stores as the number (integer and decimal answers only)."""
    for question, (value_type, value_text, at) in json.loads(text).items():
        number = value_text if value_type in ("integer", "decimal") else None
        yield uuid, question, value_type, value_text, number, at


def event_text(question: str, event: str, at: str) -> str:
    """A paradata event as the server stores it (text order is time order)."""
    return f"{at}\t{question}\t{event}"


def event_row(text: str) -> tuple[str, str, str]:
    """(question, event, at) of a stored event."""
    at, question, event = text.split("\t")
    return question, event, at


#: Each interview's paradata events as the server stores them, sorted, one per line.
_EVENTS = ("SELECT uuid, group_concat(e, char(10)) FROM (SELECT uuid, at || char(9) || question "
           "|| char(9) || event AS e FROM {schema}.paradata {where} ORDER BY uuid, e) "
           "GROUP BY uuid")


#: A mirror's paradata event merge added (not held when the mirror was filled).
_NEW_EVENT = ("(interview_key, at_code, question_key, event_code) NOT IN "
              "(SELECT interview, at, question, event FROM temp.paradata_before)")
#: A mirror's conflict row merge added. By content, not by id: merge deletes the rows of
#: versions a later one superseded, and SQLite gives a new row the id of a deleted last one.
_NEW_CONFLICT = ("(uuid, kept_sha256, other_sha256) NOT IN "
                 "(SELECT uuid, kept_sha256, other_sha256 FROM temp.conflicts_before)")
#: A conflict row the mirror was filled with and merge deleted (its other version was
#: superseded: :mod:`survey.store.conflicts`), read from ``temp.conflicts_before``.
_GONE_CONFLICT = ("(uuid, kept_sha256, other_sha256) NOT IN "
                  "(SELECT uuid, kept_sha256, other_sha256 FROM main.conflicts)")


def _sha256(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(items: Iterable[str]) -> str | None:
    """SHA-256 of the sorted texts joined by newlines (None for none), as the server
    computes it (``COLLATE "C"`` order is code point order)."""
    ordered = sorted(items)
    return _sha256("\n".join(ordered)) if ordered else None


class Workspace:
    """A scratch folder with the mirror store, the laptop attached read-only as ``src``."""

    def __init__(self, folder: Path, laptop: Path | None) -> None:
        """``laptop``: None for a copy of the server alone (``survey.sync.pull``)."""
        self.folder = folder
        self.laptop_path = laptop or folder
        self.path = folder / "mirror.db"
        self.conn = Connection.open(self.path)
        meta.ensure(self.conn)
        if laptop is not None:
            self.conn.execute("ATTACH DATABASE ? AS src", (read_only_uri(laptop),))
        self._laptop_events: dict[str, str] = {}

    def close(self) -> None:
        self.conn.close()

    def _list(self, uuids: Iterable[str], table: str = "batch_uuids") -> None:
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (uuid TEXT PRIMARY KEY)")
        self.conn.execute(f"DELETE FROM temp.{table}")
        self.conn.executemany(f"INSERT INTO temp.{table} (uuid) VALUES (?)",
                              [(u,) for u in uuids])

    # -- the laptop ------------------------------------------------------------------------

    def laptop(self) -> dict[str, LaptopInterview]:
        """Every interview of the laptop with its version state and trail digests (a sealed
        one with its envelope and no answers; one unsealed in this file stays here)."""
        rows = self.conn.query("SELECT uuid, form_id, form_version, interviewer "
                               "FROM src.interviews WHERE uuid NOT IN "
                               "(SELECT uuid FROM src.sealed WHERE opened_at IS NOT NULL)")
        self._list((row[0] for row in rows), "sync_uuids")
        states = {uuid: (v.fingerprint, v.updated_at, v.last_device_id)
                  for uuid, v in load(self.conn, "src", "sync_uuids").items()}
        audit: dict[str, list[str]] = {}
        for uuid, entry in self.conn.execute("SELECT uuid, entry_id FROM src.audit_log"):
            audit.setdefault(uuid, []).append(entry)
        self._laptop_events = dict(self.conn.query(_EVENTS.format(schema="src", where="")))
        return {uuid: LaptopInterview(form_id, version, interviewer, states[uuid],
                                      (digest(audit.get(uuid, ())),
                                       _sha256(self._laptop_events.get(uuid))))
                for uuid, form_id, version, interviewer in rows}

    def laptop_forms(self) -> dict[tuple[str, str], str]:
        """SHA-256 of each form version's file on the laptop."""
        return {(f, v): sha for f, v, sha in self.conn.query(
            "SELECT form_id, version, sha256 FROM src.forms")}

    # -- the mirror --------------------------------------------------------------------------

    def fill(self, pg: Conn, uuids: Sequence[str]) -> Baseline:
        """The server's rows of ``uuids`` and every form into the mirror."""
        baseline = Baseline()
        with self.conn.transaction():
            forms = pg.execute(f"SELECT {_FORMS} FROM kelisim.forms").fetchall()
            self._insert("forms", _FORMS, forms)
            self._insert("form_files", _FORM_FILES,
                         pg.execute(f"SELECT {_FORM_FILES} FROM kelisim.form_files"))
            baseline.forms = {(row[0], row[1]) for row in forms}
            for chunk in chunks(uuids):
                self._copy_chunk(pg, chunk, baseline)
        baseline.marks = {"audit_log": int(self.conn.scalar(
            "SELECT coalesce(max(id), 0) FROM main.audit_log"))}  # merge only adds to it
        # paradata rows have no id (a compact key), conflict rows' ids can be given again:
        # the rows held now are listed instead
        for table, columns, source in (
                ("paradata_before", "interview, at, question, event", "paradata_rows"),
                ("conflicts_before", "uuid, kept_sha256, other_sha256", "conflicts")):
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
            self.conn.execute(f"CREATE TEMP TABLE {table} AS SELECT {columns} FROM main.{source}")
        baseline.state = self._mirror_states(list(baseline.seq))
        return baseline

    def _copy_chunk(self, pg: Conn, chunk: list[str], baseline: Baseline) -> None:
        rows = pg.execute(f"SELECT {_INTERVIEWS}, seq, answers::text FROM kelisim.interviews "
                          "WHERE uuid = ANY(%s)", (chunk,)).fetchall()
        baseline.seq.update({row[0]: int(row[-2]) for row in rows})
        self._insert("interviews", _INTERVIEWS, [row[:-2] for row in rows])
        self._insert("answers", _ANSWERS,
                     [answer for row in rows for answer in answer_rows(row[0], row[-1])])
        self._insert("sealed", SEALED, pg.execute(
            f"SELECT {SEALED} FROM kelisim.sealed WHERE uuid = ANY(%s)", (chunk,)))
        # A sealed interview's files, paradata and audit entries are in its envelope; what the
        # server kept of its draft (it deletes nothing) is left there.
        draft = "uuid = ANY(%s) AND uuid NOT IN (SELECT uuid FROM kelisim.sealed)"
        self._insert("media", media.COLUMNS, pg.execute(
            f"SELECT {media.COLUMNS} FROM kelisim.media WHERE {draft}", (chunk,)))
        self._insert("paradata", _PARADATA, [
            (uuid, *event_row(event)) for uuid, events in pg.execute(
                f"SELECT uuid, events FROM kelisim.paradata WHERE {draft}", (chunk,))
            for event in events])
        self._insert("audit_log", _AUDIT, pg.execute(
            f"SELECT {_AUDIT} FROM kelisim.audit_log WHERE {draft} ORDER BY id", (chunk,)))
        self._insert("conflicts", _CONFLICTS, pg.execute(
            f"SELECT {_CONFLICTS} FROM kelisim.conflicts WHERE uuid = ANY(%s) ORDER BY id",
            (chunk,)))

    def _insert(self, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
        marks = ", ".join("?" for _ in columns.split(","))
        self.conn.executemany(f"INSERT INTO main.{table} ({columns}) VALUES ({marks})", rows)

    def _mirror_states(self, uuids: list[str]) -> dict[str, State]:
        self._list(uuids, "sync_uuids")
        return {uuid: (v.fingerprint, v.updated_at, v.last_device_id)
                for uuid, v in load(self.conn, "main", "sync_uuids").items()}

    def extract(self, uuids: Sequence[str]) -> Path:
        """A store holding the laptop's copies of ``uuids`` (and its forms), to merge."""
        path = self.folder / "laptop-part.db"
        part = Connection.open(path)
        try:
            meta.ensure(part)
            part.execute("ATTACH DATABASE ? AS laptop", (read_only_uri(self.laptop_path),))
            with part.transaction():
                part.execute(f"INSERT INTO main.forms ({_FORMS}) SELECT {_FORMS} "
                             "FROM laptop.forms")
                part.execute(f"INSERT INTO main.form_files ({_FORM_FILES}) SELECT "
                             f"{_FORM_FILES} FROM laptop.form_files")
                for table, columns in (("interviews", _INTERVIEWS), ("answers", _ANSWERS),
                                       ("audit_log", _AUDIT), ("paradata", _PARADATA),
                                       ("media", media.COLUMNS), ("sealed", SEALED)):
                    for chunk in chunks(uuids, 500):
                        marks = ", ".join("?" for _ in chunk)
                        part.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} "
                                     f"FROM laptop.{table} WHERE uuid IN ({marks})", chunk)
        finally:
            part.close()
        return path

    def changes(self, baseline: Baseline) -> tuple[dict[str, tuple[int, str]], set[str]]:
        """After merging: interviews to write whole (uuid -> (server change number,
        fingerprint)): those merge replaced and those whose conflict rows it changed (written
        unchanged, so that the server takes the rows only from the version they were settled
        against), and interviews with new audit entries or paradata in the mirror."""
        after = self._mirror_states(list(baseline.seq))
        settled = {row[0] for row in self.conn.query(
            f"SELECT uuid FROM main.conflicts WHERE {_NEW_CONFLICT} UNION "
            f"SELECT uuid FROM temp.conflicts_before WHERE {_GONE_CONFLICT}")}
        changed = {uuid: (baseline.seq[uuid], state[0]) for uuid, state in after.items()
                   if baseline.state.get(uuid) != state or uuid in settled}
        trail = {row[0] for row in self.conn.query(
            "SELECT DISTINCT uuid FROM main.audit_log WHERE id > ?",
            (baseline.marks["audit_log"],))}
        trail |= {row[0] for row in self.conn.query(
            f"SELECT DISTINCT uuid FROM main.paradata WHERE {_NEW_EVENT}")}
        return changed, trail

    # -- reading what to send ----------------------------------------------------------------

    def read(self, schema: str, uuids: list[str], replace: dict[str, tuple[int | None, str]],
             marks: dict[str, int]) -> Batch:
        """Rows to send from ``schema`` ("src": the laptop, "main": the mirror): whole
        interviews for those in ``replace`` (uuid -> (server change number or None,
        fingerprint)), and the trail rows merge added (audit entries above ``marks``) of all
        ``uuids``."""
        if schema not in ("src", "main"):
            raise ValueError(schema)
        batch = Batch()
        self._list([u for u in uuids if u in replace])
        answers = dict(self.conn.query(_ANSWERS_JSON.format(schema=schema)))
        batch.interviews = [
            (*row, answers.get(row[0], "{}"), replace[row[0]][1], replace[row[0]][0])
            for row in self.conn.query(f"SELECT {_INTERVIEWS} FROM {schema}.interviews "
                                       "WHERE uuid IN (SELECT uuid FROM temp.batch_uuids)")]
        batch.media = self.conn.query(
            f"SELECT {media.COLUMNS} FROM {schema}.media WHERE uuid IN (SELECT uuid FROM "
            "temp.batch_uuids) ORDER BY uuid, question")
        batch.sealed = self.conn.query(
            f"SELECT {SEALED} FROM {schema}.sealed WHERE opened_at IS NULL AND uuid IN "
            "(SELECT uuid FROM temp.batch_uuids) ORDER BY uuid")
        self._list(uuids)
        batch.events = self._events(schema, uuids)
        within = "uuid IN (SELECT uuid FROM temp.batch_uuids)"
        batch.trail = {"audit_log": self.conn.query(
            f"SELECT {_AUDIT} FROM {schema}.audit_log WHERE id > ? AND {within} ORDER BY id",
            (marks.get("audit_log", 0),))}
        if schema == "main":
            batch.trail["conflicts"] = self.conn.query(
                f"SELECT {_CONFLICTS} FROM main.conflicts WHERE {_NEW_CONFLICT} AND {within} "
                "ORDER BY id")
            batch.gone = self.conn.query(
                "SELECT uuid, kept_sha256, other_sha256 FROM temp.conflicts_before "
                f"WHERE {_GONE_CONFLICT} AND {within}")
        return batch

    def _events(self, schema: str, uuids: list[str]) -> list[tuple[str, str]]:
        if schema == "src":  # read once already by ``laptop``
            return [(u, self._laptop_events[u]) for u in uuids if u in self._laptop_events]
        where = f"WHERE {_NEW_EVENT} AND uuid IN (SELECT uuid FROM temp.batch_uuids)"
        return [(u, e) for u, e in self.conn.query(_EVENTS.format(schema="main", where=where))]

    def forms(self, schema: str, wanted: Iterable[tuple[str, str]]
              ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The rows of the ``wanted`` form versions and of the files that come with them."""
        keys = set(wanted)
        forms = [row for row in self.conn.query(f"SELECT {_FORMS} FROM {schema}.forms")
                 if (row[0], row[1]) in keys]
        files = [row for row in self.conn.query(f"SELECT {_FORM_FILES} FROM {schema}.form_files")
                 if (row[0], row[1]) in keys]
        return forms, files
