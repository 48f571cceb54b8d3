"""The append-only audit log (the table's triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import uuid as uuidlib

from survey.store.connection import Connection
from survey.store.records import AuditEntry
from survey.store.timestamps import from_text


def append(conn: Connection, uuid: str, at: str, *, who: str, action: str,
           question: str | None = None, old_value: str | None = None,
           new_value: str | None = None, reason: str | None = None) -> None:
    conn.execute(
        "INSERT INTO audit_log (entry_id, uuid, at, who, action, question, old_value, "
        "new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uuidlib.uuid4().hex, uuid, at, who, action, question, old_value, new_value, reason),
    )


def last_reopen(conn: Connection, uuid: str) -> tuple[str, str] | None:
    """(who, reason) of the latest reopening of ``uuid``, if any."""
    row = conn.execute("SELECT who, reason FROM audit_log WHERE uuid = ? AND action = 'reopen' "
                       "ORDER BY id DESC LIMIT 1", (uuid,)).fetchone()
    return None if row is None else (row[0], row[1] or "")


def entries(conn: Connection, uuid: str) -> list[AuditEntry]:
    rows = conn.query("SELECT uuid, at, who, action, question, old_value, new_value, reason "
                      "FROM audit_log WHERE uuid = ? ORDER BY at, id", (uuid,))
    return [AuditEntry(uuid=r[0], at=from_text(r[1]), who=r[2], action=r[3], question=r[4],
                       old_value=r[5], new_value=r[6], reason=r[7]) for r in rows]
