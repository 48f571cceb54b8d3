"""The compact keys of answer and paradata rows: interview ids and question names as small
integers (``interview_keys``, ``question_names``; see :mod:`survey.store.schema_lean`)."""

from __future__ import annotations

from collections.abc import Iterable

from survey.store.connection import Connection


def interview_ids(conn: Connection, uuids: Iterable[str]) -> dict[str, int]:
    """The key of each of ``uuids``, created where missing (inside the caller's transaction)."""
    return _ids(conn, "interview_keys", "uuid", uuids)


def question_ids(conn: Connection, names: Iterable[str]) -> dict[str, int]:
    """The key of each question name of ``names``, created where missing."""
    return _ids(conn, "question_names", "name", names)


def question_names(conn: Connection) -> dict[int, str]:
    """Every question name by its key."""
    return {key: name for key, name in conn.query("SELECT id, name FROM question_names")}


def _ids(conn: Connection, table: str, column: str, values: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(values))
    conn.executemany(f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)",
                     [(value,) for value in wanted])
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update((value, key) for key, value in conn.query(
            f"SELECT id, {column} FROM {table} WHERE {column} IN ({marks})", chunk))
    return found
