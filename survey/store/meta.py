"""The ``meta`` table: this file's device id and its change counter."""

from __future__ import annotations

import uuid as uuidlib

from survey.store.connection import Connection

DEVICE_ID = "device_id"
CHANGE_COUNTER = "change_counter"


def ensure(conn: Connection) -> str:
    """Create the device id and counter on a new file; return the device id."""
    device = conn.scalar("SELECT value FROM meta WHERE key = ?", (DEVICE_ID,))
    if device is not None:
        return str(device)
    device = uuidlib.uuid4().hex
    with conn.transaction():
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (DEVICE_ID, device))
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, '0')", (CHANGE_COUNTER,))
    return str(conn.scalar("SELECT value FROM meta WHERE key = ?", (DEVICE_ID,)))


def device_id(conn: Connection) -> str:
    """The device id of a store opened read-only ("" when it has none yet)."""
    return str(conn.scalar("SELECT value FROM meta WHERE key = ?", (DEVICE_ID,)) or "")


def bump(conn: Connection) -> None:
    """Count one more write (call inside the write's transaction)."""
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?",
                 (CHANGE_COUNTER,))


def change_counter(conn: Connection) -> int:
    return int(conn.scalar("SELECT value FROM meta WHERE key = ?", (CHANGE_COUNTER,)) or 0)
