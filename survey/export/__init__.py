"""Export of interviews: the wide table (a pandas DataFrame) and its file formats."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.media import media_folder, write_media
from survey.export.sheets import SheetOptions
from survey.export.table import (
    META_COLUMNS,
    ExportTable,
    Variable,
    choice_column,
    interview_table,
)
from survey.export.writers import FORMATS, write_table
from survey.messages import Location
from survey.store.postgres.connection import is_server_url
from survey.store.postgres.reader import ServerReader
from survey.store.reader import Reader, open_reader

__all__ = ["FORMATS", "META_COLUMNS", "ExportTable", "SheetOptions", "Variable", "choice_column",
           "export_interviews", "interview_table", "interviews_frame", "read_interviews",
           "refuse_database_as_output",
           "write_table"]


#: Recently built tables, keyed by database file (path, size, modification time), its change
#: counter and the options: a data snapshot is turned into a table once, however many analyses
#: or reports read it (reports run in worker threads, hence the lock).
_SNAPSHOTS: dict[tuple[object, ...], ExportTable] = {}
_SNAPSHOT_LIMIT = 2
_SNAPSHOT_LOCK = threading.Lock()


def interviews_frame(store: Reader, form_id: str | None = None, *, status: str | None = "complete",
                     include_pii: bool = False, language: str | None = None) -> ExportTable:
    """The wide table used by ``analysis`` and ``reports`` (complete interviews by default).

    Cached per data snapshot: a second call on an unchanged database returns the same table
    (treat its frame as read-only); any write to the database, or another file at the same
    path, makes a new one.
    """
    key = (*_data_key(store), form_id, status, include_pii, language)
    with _SNAPSHOT_LOCK:
        table = _SNAPSHOTS.get(key)
    if table is None:
        table = interview_table(store, form_id, status=status, include_pii=include_pii,
                                language=language, snapshot=True)
        with _SNAPSHOT_LOCK:
            if len(_SNAPSHOTS) >= _SNAPSHOT_LIMIT:
                _SNAPSHOTS.pop(next(iter(_SNAPSHOTS)))
            _SNAPSHOTS[key] = table
    return table


def _data_key(store: Reader) -> tuple[object, ...]:
    """What identifies the data a reader shows: a file's path, size, time and change counter;
    a server's own snapshot key."""
    if isinstance(store, ServerReader):
        return store.snapshot_key()
    path = store.path.resolve()
    stat = path.stat()
    return (str(path), stat.st_size, stat.st_mtime_ns, store.change_counter())


def read_interviews(store_path: Path | str, form_id: str | None = None, *,
                    status: str | None = "complete", include_pii: bool = False,
                    language: str | None = None) -> pd.DataFrame:
    """The wide table of the database at ``store_path`` (a file or a ``postgresql://``
    server) as a pandas DataFrame (a copy)."""
    with open_reader(store_path) as store:
        return interviews_frame(store, form_id, status=status, include_pii=include_pii,
                                language=language).frame.copy()


def export_interviews(store_path: Path | str, out_path: Path | str, fmt: str, *,
                      form_id: str | None = None, language: str | None = None,
                      labels: bool = False, include_pii: bool = False, status: str | None = None,
                      progress: Callable[[int, int], None] | None = None,
                      cancel: Callable[[], bool] | None = None) -> Path:
    """Export the interviews of the database at ``store_path`` (a file or a
    ``postgresql://`` server) to ``out_path`` as ``fmt`` (the data only; ``reports.exports``
    adds the design, syntax files and codebook).

    Files attached to media questions are written beside it, in ``<out name>-media/``, under
    the names the table's cells hold."""
    if not is_server_url(store_path):
        refuse_database_as_output(Path(store_path), Path(out_path))
    with open_reader(store_path) as store:
        table = interview_table(store, form_id, language=language,
                                include_pii=include_pii, status=status, progress=progress,
                                cancel=cancel, snapshot=True)
        written = write_table(table, Path(out_path), fmt, SheetOptions(labels=labels))
        write_media(store, table, media_folder(Path(out_path)), status)
    return written


def refuse_database_as_output(database: Path, out: Path) -> None:
    """Refuse an output that is the database itself (or its -wal/-shm file)."""
    targets = {database.resolve()} | {Path(f"{database.resolve()}{s}") for s in ("-wal", "-shm")}
    if out.resolve() in targets:
        raise ExportError(ExportCode.SAME_AS_INPUT, Location(file=str(out)))
