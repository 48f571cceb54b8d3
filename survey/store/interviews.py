"""Interview rows: start, read, list, complete and reopen."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from survey.store import forms
from survey.store.audit import append
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection
from survey.store.ids import new_uuid
from survey.store.records import COMPLETE, DRAFT, InterviewRecord
from survey.store.timestamps import from_text

COLUMNS = ("uuid, form_id, form_version, interviewer, device_id, language, status, started_at, "
           "completed_at, updated_at, tz_offset")


def start(conn: Connection, form_id: str, version: str, values: dict[str, Any]) -> str:
    """Insert a new draft; ``values`` holds interviewer, device_id, language, times, offset."""
    if not forms.exists(conn, form_id, version):
        raise forms.unknown_form(form_id, version)
    uuid = new_uuid() if values.get("uuid") is None else str(values["uuid"])
    conn.execute(
        "INSERT INTO interviews (uuid, form_id, form_version, interviewer, device_id, language, "
        "status, started_at, completed_at, updated_at, tz_offset, last_device_id) "
        "VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, NULL, ?, ?, ?)",
        (uuid, form_id, version, values["interviewer"], values["device_id"], values["language"],
         values["now"], values["now"], values["tz_offset"], values["last_device_id"]),
    )
    return uuid


def record(conn: Connection, uuid: str) -> InterviewRecord:
    row = conn.execute(f"SELECT {COLUMNS} FROM interviews WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        raise unknown_interview(uuid)
    return to_record(row)


def listing(conn: Connection, status: str | None, form_id: str | None, limit: int | None,
            offset: int) -> list[InterviewRecord]:
    where, params = filters(status, form_id)
    sql = (f"SELECT {COLUMNS} FROM interviews{where} ORDER BY updated_at DESC, uuid "
           "LIMIT ? OFFSET ?")
    rows = conn.query(sql, [*params, -1 if limit is None else limit, offset])
    return [to_record(row) for row in rows]


def records_of(conn: Connection, uuids: Iterable[str]) -> list[InterviewRecord]:
    """The records of those of ``uuids`` that are interviews, in no particular order."""
    wanted = json.dumps(sorted(set(uuids)))
    rows = conn.query(f"SELECT {COLUMNS} FROM interviews WHERE uuid IN "
                      "(SELECT value FROM json_each(?))", (wanted,))
    return [to_record(row) for row in rows]


def count(conn: Connection, status: str | None, form_id: str | None) -> int:
    where, params = filters(status, form_id)
    return int(conn.scalar(f"SELECT count(*) FROM interviews{where}", params))


def known(conn: Connection, uuids: Iterable[str]) -> set[str]:
    """Those of ``uuids`` that are in the ``interviews`` table."""
    wanted, found = list(uuids), set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found |= {row[0] for row in conn.query(
            f"SELECT uuid FROM interviews WHERE uuid IN ({marks})", chunk)}
    return found


def require_editable(conn: Connection, uuid: str) -> tuple[str | None, str]:
    """(completed_at, interviewer) of a draft; StoreError when unknown or complete."""
    row = conn.execute("SELECT status, completed_at, interviewer FROM interviews WHERE uuid = ?",
                       (uuid,)).fetchone()
    if row is None:
        raise unknown_interview(uuid)
    if row[0] == COMPLETE:
        raise store_error(StoreCode.READ_ONLY, uuid=uuid)
    return row[1], row[2]


def touch(conn: Connection, uuid: str, now: str, device_id: str) -> None:
    conn.execute("UPDATE interviews SET updated_at = ?, last_device_id = ? WHERE uuid = ?",
                 (now, device_id, uuid))


def complete(conn: Connection, uuid: str, now: str, device_id: str) -> bool:
    """Mark complete (audited); False when it already was.

    An interview completed before (then reopened) keeps its first completion time, so its
    duration stays the time of the interview; the audit log holds every completion."""
    row = conn.execute("SELECT status, interviewer FROM interviews WHERE uuid = ?",
                       (uuid,)).fetchone()
    if row is None:
        raise unknown_interview(uuid)
    if row[0] == COMPLETE:
        return False
    conn.execute("UPDATE interviews SET status = 'complete', "
                 "completed_at = coalesce(completed_at, ?) WHERE uuid = ?", (now, uuid))
    touch(conn, uuid, now, device_id)
    append(conn, uuid, now, who=row[1], action="complete")
    return True


def reopen(conn: Connection, uuid: str, who: str, reason: str, now: str, device_id: str) -> None:
    if not who.strip():
        raise store_error(StoreCode.WHO_REQUIRED)
    if not reason.strip():
        raise store_error(StoreCode.REASON_REQUIRED)
    status = conn.scalar("SELECT status FROM interviews WHERE uuid = ?", (uuid,))
    if status is None:
        raise unknown_interview(uuid)
    if status != COMPLETE:
        raise store_error(StoreCode.NOT_COMPLETE, uuid=uuid)
    conn.execute("UPDATE interviews SET status = ? WHERE uuid = ?", (DRAFT, uuid))
    touch(conn, uuid, now, device_id)
    append(conn, uuid, now, who=who, action="reopen", reason=reason)


def unknown_interview(uuid: str) -> Exception:
    return store_error(StoreCode.UNKNOWN_INTERVIEW, uuid=uuid)


def to_record(row: tuple[Any, ...]) -> InterviewRecord:
    return InterviewRecord(
        uuid=row[0], form_id=row[1], form_version=row[2], interviewer=row[3], device_id=row[4],
        language=row[5], status=row[6], started_at=from_text(row[7]),
        completed_at=None if row[8] is None else from_text(row[8]),
        updated_at=from_text(row[9]), tz_offset=row[10],
    )


def filters(status: str | None, form_id: str | None, table: str = "") -> tuple[str, list[str]]:
    """`` WHERE`` clause (or '') and parameters selecting interviews by status and form;
    ``table`` prefixes the columns (``"i."`` when interviews are joined under an alias)."""
    clauses, params = [], []
    if status is not None:
        clauses.append(f"{table}status = ?")
        params.append(status)
    if form_id is not None:
        clauses.append(f"{table}form_id = ?")
        params.append(form_id)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
