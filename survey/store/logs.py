"""Whose log is this? A store file and the ``-wal`` file beside it.

SQLite keeps the latest writes of a database in ``<file>-wal`` and reads the two together, but
nothing in its file formats ties a log to its database: a stale ``kelisim.db-wal`` left in a
USB folder is read as part of whatever ``kelisim.db`` is copied there next, and one laptop's
interviews silently take the place of another's. So every store carries a *log epoch* in its
``meta`` table:

* When a store is opened for writing and everything in its log has been copied into the main
  file (a complete checkpoint), a new random epoch is written, with the previous one as
  ``log_base``, and checkpointed as well; ``log_base`` is then removed again. Every write
  transaction touches ``meta`` (the change counter), so every log written from then on shows
  this epoch.
* The main file changes only when the log is checkpointed, so Kelisim's writers checkpoint
  themselves (SQLite's automatic checkpoints are off on their connections) and give the store
  a new epoch each time, every :data:`ROTATE_COMMITS` write transactions or
  :data:`ROTATE_BYTES` of log, and at every opening. A copy of the main file taken before a
  checkpoint therefore never passes for the base of a log written after it.
* A log belongs to a main file when the file read through the log shows the main file's own
  epoch, or (between the two checkpoints above) names it as its ``log_base``.

:func:`log_owner` reads the main file alone (URI ``immutable=1``: SQLite then ignores the log)
and through its log, and compares.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from survey.errors import StoreError


class Connection(Protocol):
    """What the epochs use of :class:`survey.store.connection.Connection` (which uses this
    module, hence no import)."""

    def checkpoint_passive(self) -> bool: ...

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def transaction(self) -> AbstractContextManager[None]: ...

EPOCH = "log_epoch"
BASE = "log_base"
#: A log no longer than its header holds no writes.
WAL_HEADER_BYTES = 32
#: A writer checkpoints and starts a new epoch after this many write transactions ...
ROTATE_COMMITS = 100
#: ... or once its log has grown by this many bytes (SQLite's own default is about 4 MB).
ROTATE_BYTES = 4 * 1024 * 1024
#: How long a rotation waits for another program's write before leaving it for later.
ROTATE_WAIT_MS = 200


class LogOwner(Enum):
    """What the log beside a store file is."""

    #: No log, or an empty one.
    NONE = "none"
    #: Written on top of this very main file.
    OWN = "own"
    #: Written on top of another main file (another laptop's, another copy).
    FOREIGN = "foreign"
    #: Cannot be told: written by an older Kelisim, or the main file alone is unreadable.
    UNKNOWN = "unknown"


def log_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_log(path: Path) -> bool:
    """Whether a log with writes in it lies beside ``path``."""
    log = log_path(path)
    return log.is_file() and log.stat().st_size > WAL_HEADER_BYTES


def log_owner(path: Path) -> LogOwner:
    """Whether the log beside the store file ``path`` is its own (both are only read)."""
    if not has_log(path):
        return LogOwner.NONE
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        main_epoch, _ = _epochs(uri + "&immutable=1")
        epoch, base = _epochs(uri)
    except sqlite3.Error:
        return LogOwner.UNKNOWN
    if epoch is None:
        return LogOwner.UNKNOWN
    if epoch == main_epoch or (base is not None and base == (main_epoch or "")):
        return LogOwner.OWN
    return LogOwner.FOREIGN


class EpochKeeper:
    """Counts a writer connection's commits and starts a new epoch when it is time."""

    def __init__(self, path: Path, busy_timeout_ms: int) -> None:
        self._log = log_path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._commits = 0
        self._mark = 0
        self._rotating = False

    def committed(self, conn: Connection) -> None:
        """Called after every write transaction of ``conn``."""
        if self._rotating:
            return
        self._commits += 1
        if self._commits >= ROTATE_COMMITS or self._size() >= self._mark + ROTATE_BYTES:
            self.rotate(conn)

    def rotate(self, conn: Connection) -> None:
        """Checkpoint and start a new epoch now (see :func:`start_epoch`); skipped while
        another program holds a write (the epoch goes on; the next rotation renews it)."""
        self._rotating = True
        try:
            conn.execute(f"PRAGMA busy_timeout = {ROTATE_WAIT_MS}")
            start_epoch(conn)
        except StoreError as error:
            if error.code != "store.locked":
                raise
        finally:
            conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
            self._rotating = False
            self._commits = 0
            self._mark = self._size()

    def _size(self) -> int:
        try:
            return self._log.stat().st_size
        except OSError:
            return 0


def start_epoch(conn: Connection) -> None:
    """Give the store open for writing on ``conn`` a new log epoch (see the module notes).

    Skipped while other connections keep part of the log from being checkpointed: the epoch of
    their session goes on.
    """
    if not conn.checkpoint_passive():
        return
    previous = conn.scalar("SELECT value FROM meta WHERE key = ?", (EPOCH,))
    with conn.transaction():
        _set(conn, EPOCH, secrets.token_hex(16))
        _set(conn, BASE, "" if previous is None else str(previous))
    if conn.checkpoint_passive():
        with conn.transaction():
            conn.execute("DELETE FROM meta WHERE key = ?", (BASE,))


def _set(conn: Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def _epochs(uri: str) -> tuple[str | None, str | None]:
    """(epoch, base) of the store at ``uri``; (None, None) without a meta table."""
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        if conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table' "
                        "AND name = 'meta'").fetchone() is None:
            return None, None
        found = dict(conn.execute("SELECT key, value FROM main.meta WHERE key IN (?, ?)",
                                  (EPOCH, BASE)).fetchall())
        epoch, base = found.get(EPOCH), found.get(BASE)
        return (None if epoch is None else str(epoch)), (None if base is None else str(base))
    finally:
        conn.close()
