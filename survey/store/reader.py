"""Where data is read from: a database file or a Kelisim server, behind one reading API.

``open_reader(location)`` gives a :class:`~survey.store.Store` opened read-only for a file
and a :class:`~survey.store.postgres.reader.ServerReader` for a ``postgresql://`` URL; both
offer ``forms``, ``load_form``, ``interviews``, ``count_interviews``, ``answer_rows``,
``answer_counts``, ``media_files``, ``quotas``, ``audit_log``, ``events``, ``is_demo``,
``path`` and ``close``. The export's wide table (and a later analysis snapshot) is built from
either in the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

from survey.store.postgres.connection import Address, is_server_url
from survey.store.postgres.reader import ServerReader
from survey.store.store import Store

Reader: TypeAlias = Store | ServerReader


def open_reader(location: str | Path, password: str | None = None) -> Reader:
    """A read-only reader of ``location`` (a file path or a ``postgresql://`` URL)."""
    if is_server_url(location):
        return ServerReader.open(Address.parse(str(location)), password)
    return Store.open_read_only(location)
