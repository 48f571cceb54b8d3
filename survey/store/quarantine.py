"""Values a merge input holds that Kelisim cannot read are set aside, never merged nor dropped.

Before an input's rows are copied, every interview, answer, paradata event and audit entry of
the input's private copy is checked (:mod:`survey.store.cells`): text that is text, UTF-8 and
free of NUL bytes, times and offsets of the store's form, answers that fit their question's type
(when its questionnaire can be read) and the limits of ``survey.interview.limits``. What fails
is taken out of the copy and written, in the merge's own transaction, to the master's
``quarantine`` table: the whole row as stored (text that is not UTF-8 and BLOBs as hex) with
the reason's message code. An interview whose own row fails is set aside whole, with its
answers, paradata and audit entries. So one bad laptop can never make every export and report
of the master fail, and nothing it holds is lost.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from survey.form.model import QuestionType
from survey.messages import Message
from survey.store.cells import (
    Cell,
    answer_problem,
    key_problem,
    offset_problem,
    optional_text,
    text_of,
    time_problem,
)
from survey.store.codes import StoreCode
from survey.store.connection import Connection

#: Question types of one questionnaire version (None: its file cannot be read).
Types = dict[str, QuestionType] | None
#: (form_id, version) -> question types, as merge finds them.
TypesOf = Callable[[str, str], Types]

_INTERVIEW = ("uuid", "form_id", "form_version", "interviewer", "device_id", "language",
              "status", "started_at", "completed_at", "updated_at", "tz_offset", "last_device_id")
_ANSWER = ("uuid", "question", "value_type", "value_text", "value_num", "updated_at")
_PARADATA = ("id", "uuid", "question", "event", "at")
_AUDIT = ("id", "entry_id", "uuid", "at", "who", "action", "question", "old_value",
          "new_value", "reason")


@dataclass(frozen=True, slots=True)
class SetAside:
    """One row set aside: which part of the file, the interview and question, why, the row."""

    part: str
    uuid: str | None
    question: str | None
    reason: Message
    row: str

    def note_key(self) -> tuple[str, str | None, str, str]:
        """Rows of one part, question and reason share a line of the merge summary."""
        return self.part, self.question, self.reason.code, repr(sorted(self.reason.fields.items()))


@dataclass(frozen=True, slots=True)
class Sweep:
    """What :func:`sweep` took out of a copy: the rows, and the audit ids left in it (the
    audit log refuses deletes) that merge must not copy."""

    rows: tuple[SetAside, ...]
    skipped_audit_ids: tuple[int, ...]


def sweep(path: str, types_of: TypesOf) -> Sweep:
    """Check every row of the private copy at ``path`` and take out what fails."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.text_factory = bytes
    try:
        conn.execute("BEGIN IMMEDIATE")
        found, skipped = _interviews(conn)
        found += _answers(conn, types_of)
        found += _paradata(conn)
        audit = [(row, i) for row, i in _audit(conn) if i not in skipped]
        conn.execute("COMMIT")
    finally:
        conn.close()
    return Sweep(tuple(found + [row for row, _ in audit]),
                 tuple(sorted(skipped | {i for _, i in audit})))


def record(master: Connection, found: Sweep, *, source: str, now: str) -> int:
    """Write the rows set aside into the master's ``quarantine`` table (each row once);
    returns how many were new there."""
    return master.executemany(
        "INSERT OR IGNORE INTO main.quarantine (detected_at, source, part, uuid, question, "
        "reason, row, row_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(now, source, r.part, r.uuid, r.question, r.reason.code, r.row,
          hashlib.sha256(r.row.encode("utf-8")).hexdigest()) for r in found.rows])


def notes(found: Sweep) -> tuple[Message, ...]:
    """One line per part, question and reason: how many rows were set aside."""
    counts = Counter(r.note_key() for r in found.rows)
    first = {r.note_key(): r for r in reversed(found.rows)}
    return tuple(StoreCode.MERGE_SET_ASIDE.message(count=n, part=_part(key[0], key[1]),
                                                   reason=first[key].reason)
                 for key, n in counts.items())


def _part(part: str, question: str | None) -> Message:
    if part == "answer":
        return StoreCode.PART_ANSWER.message(question=question or "?")
    if part == "interview":
        return StoreCode.PART_INTERVIEW.message(column=question or "?")
    return StoreCode.PART_PARADATA.message() if part == "paradata" else \
        StoreCode.PART_AUDIT.message()


# -- interviews ------------------------------------------------------------------------------

def _interviews(conn: sqlite3.Connection) -> tuple[list[SetAside], set[int]]:
    """Interviews whose own row fails, set aside whole; and the ids of their audit entries."""
    bad = [(column, problem, row) for row in _rows(conn, "interviews", _INTERVIEW)
           for column, problem in [_interview_problem(row)] if problem is not None]
    found, audit_ids = [], set()
    for column, problem, row in bad:
        where = _of_interview(row["uuid"])
        whole: dict[str, Any] = {"interview": _json_row(row)}
        for table, columns in (("answers", _ANSWER), ("paradata", _PARADATA),
                               ("audit_log", _AUDIT)):
            whole[table] = [_json_row(r) for r in _rows(conn, table, columns, where)]
        audit_ids |= {int(entry["id"]) for entry in whole["audit_log"]}
        found.append(SetAside("interview", _plain(row["uuid"]), column, problem,
                              _dump(whole)))
        for table in ("answers", "paradata", "interviews"):
            conn.execute(f"DELETE FROM {table} WHERE {where[0]}", (where[1],))
    return found, audit_ids


def _interview_problem(row: dict[str, Cell]) -> tuple[str, Message | None]:
    """The first column of an interview row that fails its check, and why."""
    checks: list[tuple[str, Message | None]] = [
        ("uuid", key_problem(row["uuid"])),
        ("form_id", key_problem(row["form_id"])),
        ("form_version", key_problem(row["form_version"])),
        ("status", None if text_of(row["status"]) in ("draft", "complete")
         else StoreCode.BAD_STATUS.message()),
        ("started_at", time_problem(row["started_at"])),
        ("completed_at", time_problem(row["completed_at"], optional=True)),
        ("updated_at", time_problem(row["updated_at"])),
        ("tz_offset", offset_problem(row["tz_offset"])),
    ]
    checks += [(name, optional_text(row[name])) for name in
               ("interviewer", "device_id", "language", "last_device_id")]
    for column, problem in checks:
        if problem is not None:
            return column, problem
    return "", None


# -- answers, paradata, audit log ------------------------------------------------------------

def _answers(conn: sqlite3.Connection, types_of: TypesOf) -> list[SetAside]:
    forms = {_key(u): (text_of(f), text_of(v)) for u, f, v in
             _raw(conn, "SELECT typeof(uuid), uuid, typeof(form_id), form_id, "
                        "typeof(form_version), form_version FROM interviews")}
    found, keys = [], []
    for row in _rows(conn, "answers", _ANSWER):
        problem = key_problem(row["question"])
        if problem is None:
            kind = _question_type(forms.get(_key(row["uuid"])), str(text_of(row["question"])),
                                  types_of)
            problem = answer_problem(row["value_type"], row["value_text"], row["value_num"],
                                     kind)
        problem = problem or time_problem(row["updated_at"])
        if problem is not None:
            found.append(SetAside("answer", _plain(row["uuid"]), _plain(row["question"]),
                                  problem, _dump(_json_row(row))))
            keys.append((_key(row["uuid"]), _key(row["question"])))
    conn.execute("CREATE TEMP TABLE set_aside (uuid BLOB, question BLOB)")
    conn.executemany("INSERT INTO temp.set_aside VALUES (?, ?)", keys)
    conn.execute("DELETE FROM answers WHERE (CAST(uuid AS BLOB), CAST(question AS BLOB)) "
                 "IN (SELECT uuid, question FROM temp.set_aside)")
    return found


def _question_type(form: tuple[Any, Any] | None, question: str,
                   types_of: TypesOf) -> QuestionType | None:
    if form is None or not all(isinstance(part, str) for part in form):
        return None
    types = types_of(str(form[0]), str(form[1]))
    if types is None:
        return None
    if question in types:
        return types[question]
    base = question.removesuffix("_other")
    return QuestionType.TEXT if base != question and base in types else None


def _paradata(conn: sqlite3.Connection) -> list[SetAside]:
    found, ids = [], []
    for row in _rows(conn, "paradata", _PARADATA):
        problem = (key_problem(row["question"]) or time_problem(row["at"])
                   or (None if text_of(row["event"]) in ("shown", "answered")
                       else StoreCode.NOT_TEXT.message()))
        if problem is not None:
            found.append(SetAside("paradata", _plain(row["uuid"]), _plain(row["question"]),
                                  problem, _dump(_json_row(row))))
            ids.append((row["id"][1],))
    conn.executemany("DELETE FROM paradata WHERE id = ?", ids)
    return found


def _audit(conn: sqlite3.Connection) -> list[tuple[SetAside, int]]:
    found = []
    for row in _rows(conn, "audit_log", _AUDIT):
        problem = key_problem(row["entry_id"]) or time_problem(row["at"])
        for name in ("who", "question", "old_value", "new_value", "reason"):
            problem = problem or optional_text(row[name])
        if problem is not None:
            found.append((SetAside("audit", _plain(row["uuid"]), _plain(row["question"]),
                                   problem, _dump(_json_row(row))), int(row["id"][1])))
    return found


# -- reading raw rows ------------------------------------------------------------------------

def _rows(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
          where: tuple[str, Any] | None = None) -> Iterator[dict[str, Cell]]:
    """The rows of ``table`` as cells (optionally those of one interview, see
    :func:`_of_interview`), streamed; callers delete only after reading."""
    select = ", ".join(f"typeof({c}), {c}" for c in columns)
    clause = "" if where is None else f" WHERE {where[0]}"
    cursor = conn.execute(f"SELECT {select} FROM {table}{clause}",
                          () if where is None else (where[1],))
    while batch := cursor.fetchmany(5_000):
        for values in batch:
            yield {column: (_storage(values[2 * i]), values[2 * i + 1])
                   for i, column in enumerate(columns)}


def _raw(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[Cell, ...]]:
    for values in conn.execute(sql).fetchall():
        yield tuple((_storage(values[i]), values[i + 1]) for i in range(0, len(values), 2))


def _storage(kind: Any) -> str:
    return kind.decode() if isinstance(kind, bytes) else str(kind)


def _of_interview(uuid: Cell) -> tuple[str, Any]:
    """A condition and its parameter selecting the rows of the interview ``uuid``: by the id
    index when it is UTF-8 text, else by its bytes (a full scan, for hostile ids only)."""
    text = _plain(uuid)
    return ("uuid = ?", text) if text is not None else ("CAST(uuid AS BLOB) = ?", _key(uuid))


def _key(cell: Cell) -> bytes:
    """The bytes SQLite's ``CAST(... AS BLOB)`` gives for a key cell."""
    raw = cell[1]
    if isinstance(raw, bytes):
        return raw
    return b"" if raw is None else str(raw).encode("utf-8")


def _plain(cell: Cell) -> str | None:
    text = text_of(cell)
    return None if isinstance(text, Message) else text


def _json_row(row: dict[str, Cell]) -> dict[str, Any]:
    return {column: _json_value(cell) for column, cell in row.items()}


def _json_value(cell: Cell) -> Any:
    """A stored value in JSON: numbers and UTF-8 text as they are, anything else as hex."""
    kind, raw = cell
    if kind == "text":
        try:
            return bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return {"text_hex": bytes(raw).hex()}
    if kind == "blob":
        return {"blob_hex": bytes(raw).hex()}
    if kind == "real" and not math.isfinite(raw):
        return {"real": repr(raw)}
    return raw


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
