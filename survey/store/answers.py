"""Answer rows: autosave, clear, read one interview, bulk read and counts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterator

from survey.sealing.drafts import DraftCipher
from survey.store import drafts, interviews, media
from survey.store.audit import append, last_reopen
from survey.store.connection import Connection
from survey.store.keys import question_names
from survey.store.schema_lean import VALUE_TYPE_CODES
from survey.store.values import MULTIPLE, TEXT, Answer, Encoded, decode, encode

AnswerRow = tuple[str, str, Answer]


def save(conn: Connection, uuid: str, question: str, value: Answer | None, *, now: str,
         device_id: str, who: str | None, cipher: DraftCipher | None = None) -> bool:
    """Write (or with None, clear) one answer; False when nothing changed.

    Runs inside the caller's transaction. Changes to an interview that was completed once are
    written to the audit log with the old and new values. With ``cipher`` (a draft of a sealed
    study) the value is stored encrypted (:mod:`survey.store.drafts`).
    """
    new = None if value is None else encode(question, value)
    completed_at, interviewer = interviews.require_editable(conn, uuid)
    old = conn.execute("SELECT value_type, value_text, value_num FROM answers "
                       "WHERE uuid = ? AND question = ?", (uuid, question)).fetchone()
    if old is not None:
        old = drafts.readable(cipher, uuid, question, old[0], old[1])
    if _same(old, new):
        return False
    if new is None:
        conn.execute("DELETE FROM answers WHERE uuid = ? AND question = ?", (uuid, question))
    else:
        conn.execute(
            "INSERT OR REPLACE INTO answers (uuid, question, value_type, value_text, value_num, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (uuid, question, *drafts.stored(cipher, uuid, question, new), now))
    media.drop_stale(conn, uuid, question, None if new is None else new[1])
    interviews.touch(conn, uuid, now, device_id)
    if completed_at is not None:
        reopened = last_reopen(conn, uuid) or (interviewer, "")
        append(conn, uuid, now, who=who or reopened[0], action="change", question=question,
               old_value=None if old is None else old[1],
               new_value=None if new is None else new[1], reason=reopened[1] or None)
    return True


def of_interview(conn: Connection, uuid: str,
                 cipher: DraftCipher | None = None) -> dict[str, Answer]:
    """The answers of an interview (encrypted ones decrypted with ``cipher``; SealingError
    ``sealing.drafts_locked`` without it)."""
    interviews.record(conn, uuid)
    rows = conn.query("SELECT question, value_type, value_text, value_num FROM answers "
                      "WHERE uuid = ? ORDER BY question", (uuid,))
    return {q: decode(*drafts.readable(cipher, uuid, q, t, text)[:2], num)
            for q, t, text, num in rows}


def rows(conn: Connection, form_id: str | None, status: str | None,
         uuids: Collection[str] | None = None) -> Iterator[AnswerRow]:
    """Every readable answer (of the interviews ``uuids`` when given) as (uuid, question,
    value), the rows of one interview together (in the order of the compact tables' keys);
    encrypted answers of drafts are left out."""
    where, params = interviews.filters(status, form_id, "i.")
    where = f"{where} AND {drafts.PLAIN}" if where else f" WHERE {drafts.PLAIN}"
    if uuids is not None:
        where += (" AND" if where else " WHERE") + " k.uuid IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(uuids)))
    names = question_names(conn)
    types = {code: name for name, code in VALUE_TYPE_CODES.items()}
    # CROSS JOIN keeps answers as the outer loop: rows come in primary-key order, no sorting.
    sql = ("SELECT k.uuid, a.question, a.value_type, a.value_text FROM answer_rows a "
           "CROSS JOIN interview_keys k ON k.id = a.interview "
           f"CROSS JOIN interviews i ON i.uuid = k.uuid{where} ORDER BY a.interview, a.question")
    cursor = conn.execute(sql, params)
    while batch := cursor.fetchmany(10_000):
        for uuid, question, code, text in batch:
            value_type = types.get(code, code)
            yield uuid, names[question], \
                text if value_type == TEXT else decode(value_type, text, None)


def counts(conn: Connection, form_id: str, question: str, status: str | None) -> dict[str, int]:
    """How many interviews gave each value (select_multiple: each choice counted)."""
    sql = ("SELECT a.value_type, a.value_text, count(*) FROM answers a JOIN interviews i "
           f"ON i.uuid = a.uuid WHERE i.form_id = ? AND a.question = ? AND {drafts.PLAIN}")
    params: list[str] = [form_id, question]
    if status is not None:
        sql += " AND i.status = ?"
        params.append(status)
    result: Counter[str] = Counter()
    for value_type, text, number in conn.query(sql + " GROUP BY 1, 2", params):
        for key in (text.split() if value_type == MULTIPLE else [text]):
            result[key] += number
    return dict(result)


def _same(old: tuple[str, str, object] | None, new: Encoded | None) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return old[0] == new[0] and old[1] == new[1]
