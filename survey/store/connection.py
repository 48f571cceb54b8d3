"""The one door to SQLite: opening files safely, pragmas, ``execute`` and transactions.

A file is first inspected through a read-only connection (is it SQLite, is it a Kelisim store,
is its schema one this code knows); only then is it opened for writing and migrated. So a
foreign, corrupt or newer file is refused without a single byte of it being changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from survey.errors import StoreError
from survey.messages import Field
from survey.store.codes import StoreCode, store_error
from survey.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, TABLES

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
#: Page cache per connection (KiB). SQLite's 2 MB default makes bulk writes to a store of
#: millions of answers read the same pages again and again.
CACHE_KIB = 64 * 1024

Params = Sequence[Any] | dict[str, Any]


class Connection:
    """A connection to one store file; every SQL statement of the project passes through here."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._db = Database(conn, execute_plugins=False)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str) -> Connection:
        """Open (creating or migrating) the store at ``path`` for reading and writing."""
        path = Path(path)
        version = inspect(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(path, read_only=False)
        connection = cls(conn, path)
        try:
            connection._set_pragmas()
            connection._migrate(version or 0)
        except sqlite3.Error as error:
            connection.close()
            raise translate(error, path) from error
        except BaseException:
            connection.close()
            raise
        return connection

    @classmethod
    def open_read_only(cls, path: Path | str, *, check_integrity: bool = False) -> Connection:
        """Open an existing store without the right to change it (merge inputs)."""
        path = Path(path)
        if inspect(path, check_integrity=check_integrity) is None:
            if path.is_file():
                raise store_error(StoreCode.NOT_KELISIM, path)
            raise store_error(StoreCode.NOT_FOUND, path)
        connection = cls(_connect(path, read_only=True), path)
        connection.execute("PRAGMA query_only = ON")
        return connection

    def close(self) -> None:
        self._db.close()

    # -- the door ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Run one statement with bound parameters; SQLite errors become ``StoreError``."""
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement for many parameter rows; returns the rows changed."""
        try:
            return self._db.conn.executemany(sql, rows).rowcount
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
        if self._db.conn.in_transaction:
            raise store_error(StoreCode.NESTED_TRANSACTION, self.path)
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.conn.in_transaction:
                self._db.conn.execute("ROLLBACK")
            raise
        try:
            self.execute("COMMIT")
        except BaseException:
            if self._db.conn.in_transaction:
                self._db.conn.execute("ROLLBACK")
            raise

    def backup_to(self, target: Path) -> None:
        """Copy the whole database to ``target`` with SQLite's backup API."""
        copy = sqlite3.connect(target)
        try:
            self._db.conn.backup(copy)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        finally:
            copy.close()

    @property
    def in_transaction(self) -> bool:
        return self._db.conn.in_transaction

    # -- setup ------------------------------------------------------------------------------

    def _set_pragmas(self) -> None:
        self.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = self.scalar("PRAGMA journal_mode = WAL")
        if str(mode).lower() != "wal":
            raise store_error(StoreCode.CANNOT_OPEN, self.path,
                              reason=StoreCode.OPEN_NO_WAL.message(mode=str(mode)))
        self.execute("PRAGMA foreign_keys = ON")
        self.execute("PRAGMA synchronous = FULL")
        self.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def _migrate(self, version: int) -> None:
        if version == 0:
            self.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS[number - 1]
            with self.transaction():
                if isinstance(step, str):
                    self._db.executescript(step)
                else:
                    step(self)
                self.execute(f"PRAGMA user_version = {number}")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    target = read_only_uri(path) if read_only else path.resolve().as_uri() + "?mode=rwc"
    try:
        conn = sqlite3.connect(target, uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as error:
        raise store_error(StoreCode.CANNOT_OPEN, path,
                          reason=StoreCode.OPEN_FAILED.message(detail=str(error))) from error
    return conn


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` without the right to write.

    Without a ``-wal`` file beside it (no other program has it open) the file is opened as
    immutable, so SQLite creates no ``-wal``/``-shm`` files next to it either.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    wal = path.with_name(path.name + "-wal")
    return uri if wal.exists() else uri + "&immutable=1"


def inspect(path: Path, *, check_integrity: bool = False) -> int | None:
    """The schema version of the store at ``path``, or None when there is no store yet.

    Raises StoreError ``store.corrupt``, ``store.not_kelisim`` or ``store.newer_schema``; the
    file is only ever opened read-only here.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise store_error(StoreCode.CANNOT_OPEN, path, reason=StoreCode.OPEN_FOLDER.message())
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _corrupt(path, StoreCode.NOT_SQLITE.message())
    conn = _connect(path, read_only=True)
    try:
        return _check(conn, path, check_integrity)
    except sqlite3.Error as error:
        raise _corrupt(path, str(error)) from error
    finally:
        conn.close()


def _check(conn: sqlite3.Connection, path: Path, check_integrity: bool) -> int | None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id != APPLICATION_ID:
        if app_id == 0 and version == 0 and not tables:
            return None
        raise store_error(StoreCode.NOT_KELISIM, path)
    if version > SCHEMA_VERSION:
        raise store_error(StoreCode.NEWER_SCHEMA, path, version=version, known=SCHEMA_VERSION)
    if version >= 1 and not set(TABLES) <= tables:
        missing = sorted(set(TABLES) - tables)
        raise _corrupt(path, StoreCode.MISSING_TABLES.message(tables=missing))
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
