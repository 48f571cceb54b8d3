"""The persistent analysis snapshot: the wide table kept as Parquet beside the database.

Building the wide table means reading every answer and asking the interview engine about
relevance: seconds for a large store, on every new process. The snapshot keeps the result in
one file beside the database (``<database>.analysis-<id>.parquet``, owner-only, written whole
and then renamed), keyed by

* the form and every stored version of it (their checksums) and the table's layout;
* the store's change state (:meth:`survey.store.Store.change_state`), which changes with every
  write to interviews or answers by Kelisim or by any other program.

When the key matches, the file is the table. When only the change state differs, the rows of
interviews whose revision changed (or that are new) are rebuilt and the others kept, so a merge
of 2,000 interviews into 100,000 rebuilds 2,000 rows. Anything else (no file, another form,
an unreadable file, another layout) rebuilds it all. Personal data (``kelisim::pii``
questions) is never written: the snapshot holds the table without those columns, and a table
with them is always built in memory. A folder that cannot be written to gets no snapshot.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.table import (
    ExportTable,
    Progress,
    TableOptions,
    latest_form,
    table_of,
    table_variables,
)
from survey.form.model import Form
from survey.private import private_partial
from survey.store import Store

#: Bump when the table's columns or types change: older snapshots are then rebuilt.
LAYOUT = 1
_REVISION = "__revision"
_META_KEY = b"kelisim.snapshot"
#: Above this share of changed interviews the table is rebuilt whole.
_INCREMENTAL_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class _Key:
    form: dict[str, Any]
    state: list[int]

    def as_json(self) -> bytes:
        return json.dumps({"form": self.form, "state": self.state}, sort_keys=True).encode()


def snapshot_path(database: Path, form_id: str, status: str | None) -> Path:
    """Where the snapshot of one form's interviews (of one status) lies beside ``database``."""
    tag = hashlib.sha256(json.dumps([form_id, status]).encode()).hexdigest()[:12]
    return database.with_name(f"{database.name}.analysis-{tag}.parquet")


def snapshot_table(store: Store, form_id: str | None, *, status: str | None,
                   language: str | None, progress: Progress | None = None,
                   cancel: Callable[[], bool] | None = None) -> ExportTable:
    """The wide table without personal data, read from the snapshot when it is current and
    brought up to date (or rebuilt) otherwise. ``progress`` and ``cancel`` as for
    :func:`~survey.export.table.interview_table` (rows rebuilt are reported)."""
    if cancel is not None and cancel():
        raise ExportError(ExportCode.CANCELLED)
    table = _current(store, form_id, status, language, (progress, cancel))
    if progress is not None:
        progress(len(table.frame), len(table.frame))
    return table


def _current(store: Store, form_id: str | None, status: str | None, language: str | None,
             watch: tuple[Progress | None, Callable[[], bool] | None]) -> ExportTable:
    form = latest_form(store, form_id)
    options = TableOptions(language=language)
    key = _Key(_form_key(store, form, status), list(store.change_state()))
    path = snapshot_path(store.path, form.form_id, status)
    stored = _read(path)
    if stored is not None and stored[0] == key:
        return _with_frame(form, options, stored[1].drop(columns=[_REVISION]))
    revisions = store.interview_revisions(status, form.form_id)
    old = stored[1] if stored is not None and stored[0].form == key.form else None
    frame = _updated(store, form, revisions, old, watch)
    _write(path, frame, key)
    return _with_frame(form, options, frame.drop(columns=[_REVISION]))


def _form_key(store: Store, form: Form, status: str | None) -> dict[str, Any]:
    versions = sorted([r.version, r.sha256] for r in store.forms() if r.form_id == form.form_id)
    return {"layout": LAYOUT, "form_id": form.form_id, "version": form.version,
            "versions": versions, "status": status}


def _updated(store: Store, form: Form, revisions: dict[str, int], old: pd.DataFrame | None,
             watch: tuple[Progress | None, Callable[[], bool] | None]) -> pd.DataFrame:
    """The table with a revision column: ``old`` with stale rows rebuilt, or all built."""
    known = {} if old is None else dict(zip(old["uuid"], old[_REVISION], strict=True))
    stale = {uuid for uuid, revision in revisions.items() if known.get(uuid) != revision}
    if old is None or len(stale) > _INCREMENTAL_SHARE * max(len(revisions), 1):
        records = {r.uuid: r for r in store.interviews_of(revisions)}
        return _revised(table_of(store, form, records, TableOptions(), *watch).frame,
                        revisions)
    kept = old[old["uuid"].isin(revisions.keys() - stale)]
    if not stale:
        return kept.reset_index(drop=True)
    records = {r.uuid: r for r in store.interviews_of(stale)}
    fresh = _revised(table_of(store, form, records, TableOptions(), *watch,
                              only_these=True).frame, revisions)
    frame = pd.concat([kept, fresh], ignore_index=True) if len(kept) else fresh
    return frame.sort_values("uuid", kind="stable", ignore_index=True)


def _revised(frame: pd.DataFrame, revisions: dict[str, int]) -> pd.DataFrame:
    frame[_REVISION] = pd.array([revisions[u] for u in frame["uuid"]], dtype="int64")
    return frame


def _with_frame(form: Form, options: TableOptions, frame: pd.DataFrame) -> ExportTable:
    """The table's variables and form (cheap) around the snapshot's frame."""
    variables, language = table_variables(form, options)
    return ExportTable(frame=frame, variables=variables, form=form, language=language)


def _read(path: Path) -> tuple[_Key, pd.DataFrame] | None:
    """The key and frame of the snapshot at ``path``; None when missing or unreadable."""
    try:
        table = pq.read_table(path)
        raw = json.loads((table.schema.metadata or {})[_META_KEY])
        return _Key(raw["form"], raw["state"]), table.to_pandas()
    except (OSError, KeyError, ValueError, TypeError, pa.ArrowException):
        return None


def _write(path: Path, frame: pd.DataFrame, key: _Key) -> None:
    """Write the snapshot whole into a private partial file, then put it in place; a folder
    that cannot be written to keeps no snapshot (the table was built all the same)."""
    try:
        partial = private_partial(path)
    except OSError:
        return
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        metadata = {**(table.schema.metadata or {}), _META_KEY: key.as_json()}
        pq.write_table(table.replace_schema_metadata(metadata), partial, compression="zstd")
        os.replace(partial, path)
    except (OSError, pa.ArrowException):
        partial.unlink(missing_ok=True)
