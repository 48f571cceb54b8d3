"""The ``meta`` table: this file's device id, its change counter and the demo-data mark."""

from __future__ import annotations

import uuid as uuidlib

from survey.store.connection import Connection
from survey.store.schema import DEMO_MARKED_SINCE

DEVICE_ID = "device_id"
CHANGE_COUNTER = "change_counter"
#: Present (value "yes") when the file holds synthetic demo interviews.
DEMO = "demo_data"
#: Device ids of the interviews the demo-data generator writes start with this.
DEMO_DEVICE_PREFIX = "demo-laptop-"
#: A random secret (hex) of this file: it signs the analysis snapshots beside it, so a
#: snapshot of another file, or one edited by hand, is never read as this file's.
ANALYSIS_KEY = "analysis_key"


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


def analysis_key(conn: Connection) -> bytes | None:
    value = conn.scalar("SELECT value FROM meta WHERE key = ?", (ANALYSIS_KEY,))
    try:
        return bytes.fromhex(value) if isinstance(value, str) and len(value) >= 32 else None
    except ValueError:
        return None


def device_id(conn: Connection) -> str:
    """The device id of a store opened read-only ("" when it has none yet)."""
    return str(conn.scalar("SELECT value FROM meta WHERE key = ?", (DEVICE_ID,)) or "")


def bump(conn: Connection) -> None:
    """Count one more write (call inside the write's transaction)."""
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?",
                 (CHANGE_COUNTER,))


def change_counter(conn: Connection) -> int:
    return int(conn.scalar("SELECT value FROM meta WHERE key = ?", (CHANGE_COUNTER,)) or 0)


def is_demo(conn: Connection) -> bool:
    """Whether the file is marked as holding synthetic demo interviews.

    A file of a schema older than ``DEMO_MARKED_SINCE`` opened read-only (export, reports: never
    migrated) may have been filled by the demo-data generator before files were marked; there
    the device ids of its interviews tell, as the migration that marks such files reads them."""
    if conn.scalar("SELECT value FROM meta WHERE key = ?", (DEMO,)) == "yes":
        return True
    if int(conn.scalar("PRAGMA user_version")) >= DEMO_MARKED_SINCE:
        return False
    return conn.scalar("SELECT EXISTS (SELECT 1 FROM interviews WHERE device_id LIKE ?)",
                       (DEMO_DEVICE_PREFIX + "%",)) == 1


def mark_demo(conn: Connection) -> bool:
    """Mark the file as holding demo interviews (inside the caller's transaction); False when
    it already was."""
    if is_demo(conn):
        return False
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, 'yes')", (DEMO,))
    return True
