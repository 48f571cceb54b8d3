"""The one door to SQLite: opening files safely, pragmas, ``execute`` and transactions.

A file is first inspected through a read-only connection (is it SQLite, is it a Kelisim store,
is its schema exactly the one of its version, is the log beside it its own); only then is it
opened for writing and migrated. So a foreign, corrupt, tampered or newer file is refused
without a single byte of it being changed. New files and folders are private (0600 / 0700).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from survey.errors import StoreError
from survey.messages import Field
from survey.private import create_private_file, make_private_folder, restrict_folder
from survey.store.codes import StoreCode, store_error
from survey.store.logs import EpochKeeper, LogOwner, has_log, log_owner, log_path
from survey.store.paths import data_folder
from survey.store.schema import APPLICATION_ID, LEAN_VERSION, MIGRATIONS, SCHEMA_VERSION, TABLES
from survey.store.schema_check import schema_differences

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
#: How long closing waits for readers to let the log be checkpointed.
CLOSE_WAIT_MS = 1_000
#: Page cache per connection (KiB). SQLite's 2 MB default makes bulk writes to a store of
#: millions of answers read the same pages again and again.
CACHE_KIB = 64 * 1024

Params = Sequence[Any] | dict[str, Any]


class Connection:
    """A connection to one store file; every SQL statement of the project passes through here."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._conn = conn
        #: Set on connections open for writing: checkpoints and log epochs (``logs``).
        self._epochs: EpochKeeper | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str) -> Connection:
        """Open (creating or migrating) the store at ``path`` for reading and writing."""
        path = Path(path)
        version = inspect(path)
        _create_private(path)
        conn = _connect(path, path.resolve().as_uri() + "?mode=rwc")
        connection = cls(conn, path)
        try:
            connection._set_pragmas()
            connection._migrate(version or 0)
            connection._epochs = EpochKeeper(path, BUSY_TIMEOUT_MS)
            connection._epochs.rotate(connection)
        except sqlite3.Error as error:
            connection.close()
            raise translate(error, path) from error
        except BaseException:
            connection.close()
            raise
        return connection

    @classmethod
    def open_read_only(cls, path: Path | str, *, check_integrity: bool = False) -> Connection:
        """Open an existing store for reading only (export, reports, packing): nothing is
        created, migrated or written (``PRAGMA query_only``).

        Read-only is not immutable: SQLite's locks keep the reads consistent while another
        program writes. When no log with writes lies beside the file the connection may
        write SQLite's own ``-wal``/``-shm`` bookkeeping, so that, being the last to close, it
        also removes them again instead of leaving them beside the user's file.
        """
        path = Path(path)
        quiet = not has_log(path) and os.access(path.resolve().parent, os.W_OK)
        if inspect(path, check_integrity=check_integrity) is None:
            if path.is_file():
                raise store_error(StoreCode.NOT_KELISIM, path)
            raise store_error(StoreCode.NOT_FOUND, path)
        uri = path.resolve().as_uri() + "?mode=rw" if quiet else read_only_uri(path)
        connection = cls(_connect(path, uri), path)
        connection.execute("PRAGMA query_only = ON")
        return connection

    def close(self) -> None:
        self._conn.close()

    def checkpoint_passive(self) -> bool:
        """Copy the log into the main file as far as other connections allow, without waiting;
        True when all of it is now in the main file."""
        busy, log, done = self.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return bool(busy == 0 and log == done)

    def checkpoint_and_close(self) -> None:
        """Close after copying the whole log into the main file (waiting a moment for readers),
        so the main file alone holds everything, e.g. when it is copied to a USB stick."""
        try:
            self.execute(f"PRAGMA busy_timeout = {CLOSE_WAIT_MS}")
            self.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreError:  # busy readers, a read-only disk: SQLite checkpoints at its close
            pass
        finally:
            self.close()

    # -- the door ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Run one statement with bound parameters; SQLite errors become ``StoreError``."""
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement for many parameter rows; returns the rows changed."""
        try:
            return self._conn.executemany(sql, rows).rowcount
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    def query(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, else rolled back."""
        if self._conn.in_transaction:
            raise store_error(StoreCode.NESTED_TRANSACTION, self.path)
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        try:
            self.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        if self._epochs is not None:
            self._epochs.committed(self)

    def backup_to(self, target: Path) -> None:
        """Copy the whole database to ``target`` with SQLite's backup API."""
        copy = sqlite3.connect(target)
        try:
            self._conn.backup(copy)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        finally:
            copy.close()

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    # -- setup ------------------------------------------------------------------------------

    def _set_pragmas(self) -> None:
        self.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = self.scalar("PRAGMA journal_mode = WAL")
        if str(mode).lower() != "wal":
            raise store_error(StoreCode.CANNOT_OPEN, self.path,
                              reason=StoreCode.OPEN_NO_WAL.message(mode=str(mode)))
        self.execute("PRAGMA foreign_keys = ON")
        self.execute("PRAGMA synchronous = FULL")
        # Deleted content is overwritten with zeros (sealed interviews leave no plaintext).
        self.execute("PRAGMA secure_delete = ON")
        self.execute("PRAGMA wal_autocheckpoint = 0")  # checkpoints are ours (see ``logs``)
        self.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def _migrate(self, version: int) -> None:
        if version == 0:
            self.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS[number - 1]
            with self.transaction():
                if isinstance(step, str):
                    for statement in statements(step):
                        self.execute(statement)
                else:
                    step(self)
                self.execute(f"PRAGMA user_version = {number}")
        if 0 < version < LEAN_VERSION <= SCHEMA_VERSION:
            self.execute("VACUUM")  # the old answer and paradata pages given back to the disk


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one by one (a trigger's body is one statement), so a
    migration runs inside the caller's transaction: ``sqlite3.executescript`` commits first."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \n\t;"):
        yield pending.strip()


def _connect(path: Path, target: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(target, uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        # Functions with side effects never run from the schema (defence in depth: the
        # schema is checked to be exactly ours before anything else is read).
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as error:
        raise store_error(StoreCode.CANNOT_OPEN, path,
                          reason=StoreCode.OPEN_FAILED.message(detail=str(error))) from error
    return conn


def _create_private(path: Path) -> None:
    """A new store file (and its missing folders) created private before SQLite opens it:
    SQLite gives the ``-wal`` and ``-shm`` files the permissions of the database file."""
    make_private_folder(path.parent)
    if path.parent == data_folder():  # Kelisim's own folder, even when made 0755 before
        restrict_folder(path.parent)
    try:
        create_private_file(path)
    except FileExistsError:
        pass
    except OSError as error:
        raise store_error(StoreCode.CANNOT_OPEN, path,
                          reason=StoreCode.OPEN_FAILED.message(detail=str(error))) from error


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` without the right to write.

    Read-only is not immutable: another program may start writing at any moment, and SQLite's
    locks keep this connection's reads consistent meanwhile. Only a file in a folder nobody
    may write to (where SQLite cannot create its ``-shm`` file) is opened as immutable.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    folder = path.resolve().parent
    return uri if os.access(folder, os.W_OK) else uri + "&immutable=1"


def inspect(path: Path, *, check_integrity: bool = False) -> int | None:
    """The schema version of the store at ``path``, or None when there is no store yet.

    Raises StoreError ``store.corrupt``, ``store.not_kelisim``, ``store.newer_schema``,
    ``store.foreign_schema`` (tables, indexes, triggers or views that are not exactly those of
    its version) or ``store.foreign_log`` (the ``-wal`` beside it belongs to another file); the
    file is only ever opened read-only here.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise store_error(StoreCode.CANNOT_OPEN, path, reason=StoreCode.OPEN_FOLDER.message())
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _corrupt(path, StoreCode.NOT_SQLITE.message())
    conn = _connect(path, read_only_uri(path))
    try:
        return _check(conn, path, check_integrity)
    except sqlite3.Error as error:
        raise _corrupt(path, str(error)) from error
    finally:
        conn.close()


def _check(conn: sqlite3.Connection, path: Path, check_integrity: bool) -> int | None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if app_id != APPLICATION_ID:
        if app_id == 0 and version == 0 and not tables:
            return None
        raise store_error(StoreCode.NOT_KELISIM, path)
    if version > SCHEMA_VERSION:
        raise store_error(StoreCode.NEWER_SCHEMA, path, version=version, known=SCHEMA_VERSION)
    if version >= 1 and not set(TABLES) <= tables:
        missing = sorted(set(TABLES) - tables)
        raise _corrupt(path, StoreCode.MISSING_TABLES.message(tables=missing))
    differences = schema_differences(conn, version)
    if differences:
        raise store_error(StoreCode.FOREIGN_SCHEMA, path, objects=differences)
    if log_owner(path) is LogOwner.FOREIGN:
        raise store_error(StoreCode.FOREIGN_LOG, path, log=log_path(path).name)
    if check_integrity:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _corrupt(path, StoreCode.FAILED_CHECK.message(result=str(result)))
    return version


def _corrupt(path: Path, detail: Field) -> StoreError:
    return store_error(StoreCode.CORRUPT, path, detail=detail)


def translate(error: sqlite3.Error, path: Path) -> StoreError:
    """A SQLite error as a StoreError with a code a user can act on.

    SQLite's own words (its error text) go into the message's ``detail`` field.
    """
    text = str(error)
    if "locked" in text or "busy" in text:
        return store_error(StoreCode.LOCKED, path, detail=text)
    if isinstance(error, sqlite3.IntegrityError):
        return store_error(StoreCode.INTEGRITY, path, detail=text)
    if "malformed" in text or "not a database" in text:
        return _corrupt(path, text)
    if "readonly" in text or "read-only" in text:
        return store_error(StoreCode.CANNOT_WRITE, path, detail=text)
    return store_error(StoreCode.SQLITE, path, detail=text)
