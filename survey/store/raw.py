"""Rows as they are stored, for the export: nothing decoded, nothing that can fail on a value.

The export reads every interview of a form at once, so it asks for plain tuples (not records
or ``Answer`` values) and turns them into columns itself. A database may hold values its own
code would not have written (a merge of a damaged laptop file, an edit with another SQLite
tool): text that is not UTF-8, a BLOB, a month 13, "twelve" in an integer, a bad time stamp.
These readers never fail on such a value: text that is not valid UTF-8 comes back as ``bytes``
(and a BLOB does anyway), everything else as the text stored; the export decides what it can
use and says what it could not. Answers of drafts encrypted with the laptop's device key
(:mod:`survey.store.drafts`) are left out: only that laptop, unlocked, can read them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from survey.store.connection import Connection, translate
from survey.store.drafts import PLAIN
from survey.store.interviews import filters

#: Columns of :func:`interview_rows`, after the interview's row number.
INTERVIEW_FIELDS: tuple[str, ...] = (
    "uuid", "form_id", "form_version", "interviewer", "device_id", "language", "status",
    "started_at", "completed_at",
)
Row = tuple[Any, ...]


def interview_rows(conn: Connection, form_id: str | None, status: str | None) -> list[Row]:
    """``(row number, *INTERVIEW_FIELDS)`` of every interview, ordered by UUID."""
    where, params = filters(status, form_id, "i.")
    columns = ", ".join(f"i.{name}" for name in INTERVIEW_FIELDS)
    sql = f"SELECT i.rowid, {columns} FROM interviews i{where} ORDER BY i.uuid"
    return [row for batch in _batches(conn, sql, params, text_columns=range(1, 10))
            for row in batch]


#: Separates the questions (and the answers) of one interview in :func:`answer_groups`.
SEPARATOR = "\x1f"


def answer_groups(conn: Connection, form_id: str | None, status: str | None,
                  size: int = 20_000, rowids: Sequence[int] | None = None) -> Iterator[list[Row]]:
    """Per interview ``(row number, questions, answers, count)``: the question names and the
    answer texts joined by :data:`SEPARATOR`, in the same order, and how many there are.

    One row per interview instead of one per answer: SQLite joins the texts, so Python builds a
    few strings per interview instead of a tuple per answer. An answer that itself holds the
    separator makes the parts disagree with ``count``; read that interview with
    :func:`answers_of`. ``rowids``: only those interviews (row numbers), read by their keys.
    """
    where, params = filters(status, form_id, "i.")
    only = ""
    if rowids is not None:
        only = (" AND uuid IN (SELECT uuid FROM interviews WHERE rowid IN "
                "(SELECT value FROM json_each(?)))")
        params = [json.dumps([int(r) for r in rowids]), *params]
    sql = ("SELECT i.rowid, g.q, g.v, g.n FROM (SELECT uuid, group_concat(question, char(31)) "
           "AS q, group_concat(value_text, char(31)) AS v, count(*) AS n FROM answers a "
           f"WHERE {PLAIN}{only} GROUP BY uuid) g CROSS JOIN interviews i ON i.uuid = g.uuid"
           f"{where}")
    yield from _batches(conn, sql, params, text_columns=(1, 2), size=size)


def answers_of(conn: Connection, rowid: int) -> list[Row]:
    """``(question, value_text)`` of the interview with row number ``rowid``."""
    sql = ("SELECT a.question, a.value_text FROM answers a JOIN interviews i "
           f"ON i.uuid = a.uuid WHERE i.rowid = ? AND {PLAIN} ORDER BY a.question")
    return [row for batch in _batches(conn, sql, [rowid], text_columns=(0, 1))
            for row in batch]


def paradata_rows(conn: Connection, form_id: str | None, status: str | None) -> list[Row]:
    """``(uuid, question, event, at)`` of every paradata event, by interview and time."""
    where, params = filters(status, form_id, "i.")
    sql = ("SELECT p.uuid, p.question, p.event, p.at FROM paradata p "
           f"JOIN interviews i ON i.uuid = p.uuid{where} ORDER BY p.uuid, p.at, p.question_key, "
           "p.event_code")
    return [row for batch in _batches(conn, sql, params, text_columns=range(4)) for row in batch]


def audit_rows(conn: Connection, form_id: str | None, status: str | None) -> list[Row]:
    """``(uuid, at, who, action, question, old_value, new_value, reason)`` of the audit log."""
    where, params = filters(status, form_id, "i.")
    sql = ("SELECT l.uuid, l.at, l.who, l.action, l.question, l.old_value, l.new_value, "
           f"l.reason FROM audit_log l JOIN interviews i ON i.uuid = l.uuid{where} "
           "ORDER BY l.uuid, l.id")
    return [row for batch in _batches(conn, sql, params, text_columns=range(8)) for row in batch]


def _batches(conn: Connection, sql: str, params: Sequence[object], *,
             text_columns: Sequence[int] | range, size: int = 100_000) -> Iterator[list[Row]]:
    """The rows of ``sql`` in batches; a text that is not UTF-8 comes back as bytes.

    SQLite does not check the encoding of stored text; Python's driver fails on the first row
    that is not UTF-8. The query then runs again from that row on, with the text columns read
    as bytes and decoded here.
    """
    done = 0
    try:
        cursor = conn.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield batch
            done += len(batch)
        return
    except sqlite3.OperationalError as error:
        if "decode" not in str(error).lower():
            raise translate(error, conn.path) from error
    cursor = conn.execute(_as_bytes(sql, text_columns) + " LIMIT -1 OFFSET ?", [*params, done])
    texts = frozenset(text_columns)
    while batch := cursor.fetchmany(size):
        yield [tuple(_text(v) if i in texts else v for i, v in enumerate(row)) for row in batch]


def _as_bytes(sql: str, text_columns: Sequence[int] | range) -> str:
    """``sql`` with the listed result columns cast to BLOB."""
    head, _, rest = sql.partition(" FROM ")
    columns = _split_columns(head.removeprefix("SELECT "))
    cast = [f"CAST({c} AS BLOB)" if i in text_columns else c for i, c in enumerate(columns)]
    return "SELECT " + ", ".join(cast) + " FROM " + rest


def _split_columns(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


def _text(value: object) -> object:
    """Stored text as ``str``; bytes that are not UTF-8 stay bytes (the caller quarantines)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value
    return value
