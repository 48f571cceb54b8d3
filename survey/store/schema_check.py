"""Whether a file's schema is exactly ours: planted triggers, views or changed tables refused.

A Kelisim store at schema version *n* holds exactly the tables, indexes, triggers and views that
migrations 1..n create, and nothing else. A file with one more trigger would run it inside our
own writes (one autosave could delete every answer), so such a file is never opened.

The expected schema of a version is built by running migrations 1..n into an in-memory
database, so every migration added later is covered without a list to keep up to date
(migrations must therefore create the same schema whatever the data). Both sides are compared
as the rows of ``sqlite_master``: type, name, table and SQL text (runs of white space made one
space). SQLite's statistics tables (``sqlite_stat*``, written by ``ANALYZE``) hold numbers,
never code, and are not compared.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from survey.messages import Message
from survey.store.codes import StoreCode
from survey.store.schema import MIGRATIONS

#: One schema object: (type, name, table it belongs to, normalised SQL).
Entry = tuple[str, str, str, str]

_KINDS = {"table": StoreCode.KIND_TABLE, "index": StoreCode.KIND_INDEX,
          "trigger": StoreCode.KIND_TRIGGER, "view": StoreCode.KIND_VIEW}
_SPACE = re.compile(r"\s+")


def schema_differences(conn: sqlite3.Connection, version: int) -> list[Message]:
    """What differs between the schema of ``conn`` and the schema of ``version``: one message
    per object that is not ours, missing or changed (empty when the schema is exactly ours)."""
    actual = {(e[0], e[1]): e for e in read_schema(conn)}
    expected = {(e[0], e[1]): e for e in expected_schema(version)}
    found: list[Message] = []
    for key in sorted(actual.keys() - expected.keys()):
        found.append(StoreCode.SCHEMA_UNEXPECTED.message(kind=_kind(key[0]), name=key[1]))
    for key in sorted(expected.keys() - actual.keys()):
        found.append(StoreCode.SCHEMA_MISSING.message(kind=_kind(key[0]), name=key[1]))
    for key in sorted(actual.keys() & expected.keys()):
        if actual[key] != expected[key]:
            found.append(StoreCode.SCHEMA_CHANGED.message(kind=_kind(key[0]), name=key[1]))
    return found


def read_schema(conn: sqlite3.Connection) -> frozenset[Entry]:
    """The schema objects of the main database of ``conn``."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    return frozenset(_entry(row) for row in rows if not str(row[1]).startswith("sqlite_stat"))


@cache
def expected_schema(version: int) -> frozenset[Entry]:
    """The schema objects a store of ``version`` has (migrations 1..version, in memory)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        run_migrations(conn, version)
        return read_schema(conn)
    finally:
        conn.close()


def run_migrations(conn: sqlite3.Connection, version: int) -> None:
    """Run migrations 1..``version`` on a plain connection outside any transaction (an
    in-memory database here; tests build files of older versions with it)."""
    memory = _Memory(conn)
    for step in MIGRATIONS[:version]:
        if isinstance(step, str):
            conn.executescript(step)
        else:
            step(memory)


def _entry(row: Sequence[Any]) -> Entry:
    kind, name, table, sql = (_text(value) for value in row)
    return kind, name, table, _SPACE.sub(" ", sql).strip()


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _kind(kind: str) -> Message | str:
    code = _KINDS.get(kind)
    return kind if code is None else code.message()


class _Memory:
    """What a migration function uses of a connection, over a plain in-memory database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._conn.execute(sql, params).fetchall())

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        return self._conn.executemany(sql, rows).rowcount
