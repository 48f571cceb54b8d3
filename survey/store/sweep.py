"""Checking every row of a merge input's private copy and taking out what Kelisim cannot read.

The checks are :mod:`survey.store.cells`, the one definition of what is acceptable. A laptop
holds hundreds of thousands of answers and paradata events whose values, names and times repeat
a lot, so their checks are memoised: each distinct question name, time stamp and (question
type, value) is checked once per input.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
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
from survey.store.connection import translate
from survey.store.quarantine import SetAside, Sweep

#: Question types of one questionnaire version (None: its file cannot be read).
Types = dict[str, QuestionType] | None
#: (form_id, version) -> question types, as merge finds them.
TypesOf = Callable[[str, str], Types]

_INTERVIEW = ("uuid", "form_id", "form_version", "interviewer", "device_id", "language",
              "status", "started_at", "completed_at", "updated_at", "tz_offset", "last_device_id")
_ANSWER = ("uuid", "question", "value_type", "value_text", "value_num", "updated_at")
_PARADATA = ("uuid", "question", "event", "at")
#: What tells one paradata row from another in its compact table.
_PARADATA_KEY = ("interview_key", "question_key", "quote(event_code)", "quote(at_code)")
_AUDIT = ("id", "entry_id", "uuid", "at", "who", "action", "question", "old_value",
          "new_value", "reason")


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
    except sqlite3.Error as error:
        raise translate(error, Path(path)) from error
    finally:
        conn.close()
    return Sweep(tuple(found + [row for row, _ in audit]),
                 tuple(sorted(skipped | {i for _, i in audit})))


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
        ("form_version", key_problem(row["form_version"], may_be_empty=True)),
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

#: A compact row's own time in microseconds from 1970 to 9999: the views show it as a stored
#: time that passes ``time_problem`` for sure (any other value is checked by it, one by one).
_SOUND_MICROS = "(typeof({c}) = 'integer' AND {c} BETWEEN 0 AND 253402300799999999)"


#: Answers whose text columns all hold text and whose number is a number or NULL: read as
#: they are (the common case); all others with each value's storage class.
_PLAIN_STORAGE = ("typeof({v}uuid) = 'text' AND typeof({v}question) = 'text' AND "
                  "typeof({v}value_type) = 'text' AND typeof({v}value_text) = 'text' AND "
                  "typeof({v}updated_at) = 'text' AND typeof({v}value_num) IN ('integer', "
                  "'real', 'null')")


def _answers(conn: sqlite3.Connection, types_of: TypesOf) -> list[SetAside]:
    """Answers that fail their checks, taken out of the copy."""
    forms = {_key_bytes(row["uuid"]): (text_of(row["form_id"]), text_of(row["form_version"]))
             for row in _rows(conn, "interviews", ("uuid", "form_id", "form_version"))}
    checks = _AnswerChecks(forms, types_of)
    found: list[SetAside] = []
    keys: list[tuple[bytes, bytes]] = []
    # the time's soundness from the compact row's own column, beside the view's row
    sound_time = _SOUND_MICROS.format(c="r.updated_at")
    plain = conn.execute(
        f"SELECT {', '.join('v.' + c for c in _ANSWER)}, coalesce({sound_time}, 0) "
        "FROM answers v JOIN answer_rows r ON r.interview = v.interview_key "
        f"AND r.question = v.question_key WHERE {_PLAIN_STORAGE.format(v='v.')}")
    while batch := plain.fetchmany(5_000):
        for *values, sound in batch:
            problem = checks.plain(tuple(values), sound_time=bool(sound))
            if problem is not None:
                found.append(_set_aside_answer(_text_cells(values), problem, keys))
    for cells in _rows(conn, "answers", _ANSWER,
                       (f"NOT ({_PLAIN_STORAGE.format(v='')})", None)):
        problem = checks.typed(cells)
        if problem is not None:
            found.append(_set_aside_answer(cells, problem, keys))
    conn.execute("CREATE TEMP TABLE set_aside (uuid BLOB, question BLOB)")
    conn.executemany("INSERT INTO temp.set_aside VALUES (?, ?)", keys)
    conn.execute("DELETE FROM answers WHERE (CAST(uuid AS BLOB), CAST(question AS BLOB)) "
                 "IN (SELECT uuid, question FROM temp.set_aside)")
    return found


def _set_aside_answer(cells: dict[str, Cell], problem: Message,
                      keys: list[tuple[bytes, bytes]]) -> SetAside:
    keys.append((_key_bytes(cells["uuid"]), _key_bytes(cells["question"])))
    return SetAside("answer", _plain(cells["uuid"]), _plain(cells["question"]), problem,
                    _dump(_json_row(cells)))


def _text_cells(values: tuple[Any, ...]) -> dict[str, Cell]:
    """An answer read by the plain query: its text columns hold text, its number a number."""
    cells = {column: ("text", value) for column, value in zip(_ANSWER, values, strict=True)}
    cells["value_num"] = _number_cell(values[4])
    return cells


def _number_cell(value: Any) -> Cell:
    if value is None:
        return "null", None
    return ("integer" if isinstance(value, int) else "real"), value


class _AnswerChecks:
    """The checks of answer rows; for plain rows (the common case) each distinct name, time
    and (question type, value) is checked once."""

    def __init__(self, forms: dict[bytes, tuple[Any, Any]], types_of: TypesOf) -> None:
        self._forms = forms
        self._types_of = types_of
        self._names: dict[bytes, Message | None] = {}
        self._kinds: dict[tuple[Any, ...], QuestionType | None] = {}
        self._values: dict[tuple[Any, ...], Message | None] = {}
        self._times: dict[bytes, Message | None] = {}

    def plain(self, values: tuple[Any, ...], *, sound_time: bool = False) -> Message | None:
        """A row of the plain query: text columns as bytes, the number as a number;
        ``sound_time``: its time is known to be sound (:data:`_SOUND_MICROS`)."""
        uuid, question, value_type, text, number, time = values
        problem = self._names.get(question, _UNKNOWN)
        if problem is _UNKNOWN:
            problem = self._names[question] = key_problem(("text", question))
        if problem is not None:
            return problem
        kind = self._kind(self._forms.get(uuid), ("text", question))
        key = (kind, value_type, text, type(number), number)
        problem = self._values.get(key, _UNKNOWN)
        if problem is _UNKNOWN:
            problem = self._values[key] = answer_problem(
                ("text", value_type), ("text", text), _number_cell(number), kind)
        if problem is not None or sound_time:
            return problem
        problem = self._times.get(time, _UNKNOWN)
        if problem is _UNKNOWN:
            problem = self._times[time] = time_problem(("text", time))
        return problem

    def typed(self, cells: dict[str, Cell]) -> Message | None:
        """Any other row, as cells."""
        problem = key_problem(cells["question"])
        if problem is None:
            kind = self._kind(self._forms.get(_key_bytes(cells["uuid"])), cells["question"])
            problem = answer_problem(cells["value_type"], cells["value_text"],
                                     cells["value_num"], kind)
        return problem or time_problem(cells["updated_at"])

    def _kind(self, form: tuple[Any, Any] | None, question: Cell) -> QuestionType | None:
        kind = self._kinds.get((form, *question), _UNKNOWN)
        if kind is _UNKNOWN:
            kind = self._kinds[(form, *question)] = _question_type(
                form, str(text_of(question)), self._types_of)
        return kind


_UNKNOWN: Any = object()


def _memo(table: dict[Cell, Message | None], cell: Cell,
          check: Callable[[Cell], Message | None]) -> Message | None:
    """``check`` of ``cell``, looked up in ``table`` first."""
    problem = table.get(cell, _UNKNOWN)
    if problem is _UNKNOWN:
        problem = table[cell] = check(cell)
    return problem


def _question_type(form: tuple[Any, Any] | None, question: str,
                   types_of: TypesOf) -> QuestionType | None:
    if form is None or not all(isinstance(part, str) for part in form):
        return None
    types = types_of(str(form[0]), str(form[1]))
    if types is None:
        return None
    if "[" in question:  # an answer inside a repeat instance: members[2]/age
        question = question.rsplit("/", 1)[-1]
    if question in types:
        return types[question]
    base = question.removesuffix("_other")
    return QuestionType.TEXT if base != question and base in types else None


def _paradata(conn: sqlite3.Connection) -> list[SetAside]:
    """Paradata events that fail their checks, taken out of the copy. Rows with a known event,
    a sound time and a sound question name (the common case) are found in SQL; only the
    others are read and checked here."""
    names: dict[Cell, Message | None] = {}
    times: dict[Cell, Message | None] = {}
    found, keys = [], []
    conn.execute("CREATE TEMP TABLE sound_names (id INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO temp.sound_names (id) VALUES (?)", [
        (key,) for key, kind, raw in conn.execute(
            "SELECT id, typeof(name), name FROM question_names")
        if _STORAGE[kind] == "text" and key_problem(("text", raw)) is None])
    # the compact row's own columns: a question name checked once, an event code, a time in
    # microseconds (any of them from 1970 to 9999 is a sound time)
    sound = ("question_key IN (SELECT id FROM temp.sound_names) AND event_code IN (0, 1) AND "
             + _SOUND_MICROS.format(c="at_code"))
    for row in _rows(conn, "paradata", _PARADATA + _PARADATA_KEY,
                     (f"NOT coalesce({sound}, 0)", None)):
        problem = (_memo(names, row["question"], key_problem)
                   or _memo(times, row["at"], time_problem)
                   or _memo(names, row["event"], _event_problem))
        if problem is not None:
            event = {column: row[column] for column in _PARADATA}
            found.append(SetAside("paradata", _plain(row["uuid"]), _plain(row["question"]),
                                  problem, _dump(_json_row(event))))
            keys.append(tuple(row[column][1] for column in _PARADATA_KEY))
    conn.executemany("DELETE FROM paradata_rows WHERE interview = ? AND question = ? AND "
                     "CAST(quote(event) AS BLOB) = ? AND CAST(quote(at) AS BLOB) = ?", keys)
    return found


def _event_problem(cell: Cell) -> Message | None:
    return None if text_of(cell) in ("shown", "answered") else StoreCode.NOT_TEXT.message()


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
    """The rows of ``table`` as cells, those matching ``where`` (a condition and its one
    parameter, or None for none) when given; streamed: callers delete only after reading."""
    select = ", ".join(f"typeof({c}), {c}" for c in columns)
    clause = "" if where is None else f" WHERE {where[0]}"
    params = () if where is None or where[1] is None else (where[1],)
    cursor = conn.execute(f"SELECT {select} FROM {table}{clause}", params)
    while batch := cursor.fetchmany(5_000):
        for values in batch:
            yield {column: (_STORAGE[values[2 * i]], values[2 * i + 1])
                   for i, column in enumerate(columns)}


#: ``typeof()`` as read with bytes for text.
_STORAGE = {name.encode(): name for name in ("text", "integer", "real", "blob", "null")}


def _of_interview(uuid: Cell) -> tuple[str, Any]:
    """A condition and its parameter selecting the rows of the interview ``uuid``: by the id
    index when it is UTF-8 text, else by its bytes (a full scan, for hostile ids only)."""
    text = _plain(uuid)
    return ("uuid = ?", text) if text is not None else ("CAST(uuid AS BLOB) = ?", _key_bytes(uuid))


def _key_bytes(cell: Cell) -> bytes:
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
