"""Writing many whole interviews in one transaction (demo data, imports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from survey.store import forms
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection
from survey.store.ids import new_uuid
from survey.store.keys import interview_ids, question_ids
from survey.store.records import NewInterview
from survey.store.schema_lean import EVENT_CODES, VALUE_TYPE_CODES
from survey.store.timestamps import micros_of_text, offset_text, to_micros, to_text
from survey.store.values import encode

_BATCH = 500
_FIELDS = {f.name for f in fields(NewInterview)}


def import_interviews(conn: Connection, records: Iterable[NewInterview | Mapping[str, Any]]
                      ) -> list[str]:
    """Insert every record (inside the caller's transaction); return their uuids in order."""
    known: set[tuple[str, str]] = set()
    uuids: list[str] = []
    batch: list[NewInterview] = []
    for item in records:
        batch.append(_as_record(item))
        if len(batch) >= _BATCH:
            uuids += _write_batch(conn, batch, known)
            batch = []
    uuids += _write_batch(conn, batch, known)
    return uuids


def _as_record(item: NewInterview | Mapping[str, Any]) -> NewInterview:
    if isinstance(item, NewInterview):
        return item
    unknown = set(item) - _FIELDS
    if unknown:
        raise store_error(StoreCode.BAD_RECORD, fields=sorted(unknown), known=sorted(_FIELDS))
    return NewInterview(**item)


def _write_batch(conn: Connection, batch: list[NewInterview],
                 known: set[tuple[str, str]]) -> list[str]:
    interview_rows, answer_rows, event_rows = [], [], []
    for record in batch:
        key = (record.form_id, record.form_version)
        if key not in known:
            if not forms.exists(conn, *key):
                raise forms.unknown_form(*key)
            known.add(key)
        uuid = record.uuid or new_uuid()
        interview_rows.append(_interview_row(uuid, record))
        updated = micros_of_text(interview_rows[-1][9])
        answer_rows += [(uuid, name, *encode(name, value), updated)
                        for name, value in record.answers.items() if value is not None]
        event_rows += [(uuid, to_micros(at), question, EVENT_CODES[event])
                       for question, event, at in record.events]
    conn.executemany(
        "INSERT INTO interviews (uuid, form_id, form_version, interviewer, device_id, language, "
        "status, started_at, completed_at, updated_at, tz_offset, last_device_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", interview_rows)
    _write_rows(conn, answer_rows, event_rows)
    return [row[0] for row in interview_rows]


def _write_rows(conn: Connection, answer_rows: list[tuple[Any, ...]],
                event_rows: list[tuple[Any, ...]]) -> None:
    """Answers and paradata events into the compact tables, in key order."""
    ids = interview_ids(conn, [row[0] for row in answer_rows + event_rows])
    names = question_ids(conn, sorted({row[1] for row in answer_rows}
                                      | {row[2] for row in event_rows}))
    conn.executemany(
        "INSERT INTO answer_rows (interview, question, value_type, value_text, value_num, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)", sorted(
            (ids[u], names[q], VALUE_TYPE_CODES[t], text, num, at)
            for u, q, t, text, num, at in answer_rows))
    conn.executemany(
        "INSERT OR IGNORE INTO paradata_rows (interview, at, question, event) "
        "VALUES (?, ?, ?, ?)", sorted((ids[u], at, names[q], e) for u, at, q, e in event_rows))


def _interview_row(uuid: str, record: NewInterview) -> tuple[Any, ...]:
    completed = None if record.completed_at is None else to_text(record.completed_at)
    updated = record.updated_at or record.completed_at or record.started_at
    return (uuid, record.form_id, record.form_version, record.interviewer, record.device_id,
            record.language, "draft" if completed is None else "complete",
            to_text(record.started_at), completed, to_text(updated),
            offset_text(record.started_at), record.device_id)
