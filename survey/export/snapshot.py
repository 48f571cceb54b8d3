"""The persistent analysis snapshot: each questionnaire version's table kept beside the database.

Building the wide table means reading every answer and asking the interview engine about
relevance: seconds for a large store, in every new process. The snapshot keeps each version's
table (its frame and the reason of every cell), and the versions' tables joined, in Parquet
files beside the database, ``<database>.analysis-<id>.parquet``: owner-only, written whole and
then renamed. It is a
cache: deleting it loses nothing.

It is used only when it provably matches the store:

* it is signed (HMAC-SHA256) with a random secret kept inside the database (``meta``): a
  snapshot edited by hand, damaged, or copied from another database is refused;
* it names the form, its version and that version's checksum, the interviews' status and the
  layout of this module; its columns and their types must be those of the table built now;
* every row carries its interview's revision (:mod:`survey.store.revisions`), which triggers in
  the database raise with any change of the interview or its answers, whoever writes (an edit
  made with another SQLite tool too), and the store's change state says whether anything
  changed at all.

When the change state differs, the rows of interviews that are new or whose revision changed
are built (their answers read alone) and the others kept, so a merge of 2,000 interviews into
100,000 builds 2,000 rows; interviews no longer selected (deleted, sealed, another status)
leave. Anything else (no file, an unreadable or refused one) builds the whole version. The
joined table is used only while the change state is the same. Nothing is written when the
store changed while the table was read.

Personal data (``kelisim::pii`` questions) is never written: only tables without it are kept
(a table with it is always built in memory), and sealed interviews are never in the table. A
version whose table has notes (values that could not be read) is built every time, so the notes
are always complete. A folder that cannot be written to gets no snapshot.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from survey.errors import SurveyError
from survey.export.exporttable import MISSING_ATTR, ExportTable
from survey.form.codec import decode, encode
from survey.form.model import Form
from survey.private import private_partial
from survey.store.reader import Reader
from survey.store.store import Store

#: Bump when the table's layout or this file's format changes: older snapshots are rebuilt.
LAYOUT = 2
_REVISION = "\x1frevision"
_REASON = "\x1freason\x1f"
_META_KEY = b"kelisim.analysis_snapshot"
_TAG_SIZE = 32
#: Above this share of new or changed interviews the version's table is built whole.
_INCREMENTAL_SHARE = 0.5

Row = tuple[Any, ...]
#: Builds the table of some interviews' rows (True: a few of many, read alone).
Build = Callable[[list[Row], bool], ExportTable]


class KeptJoined:
    """A joined table as kept, and the questionnaire versions it was built from (the newest
    first), read from the snapshot instead of their XLSForm files."""

    def __init__(self, forms: list[Form], table: pa.Table) -> None:
        self.forms, self._table = forms, table

    def table(self, empty: ExportTable) -> ExportTable | None:
        """The table, when its columns and types are those of ``empty`` (the joined table of
        no rows built now); None otherwise."""
        try:
            stored = _stored(self._table, [], empty)
        except (KeyError, ValueError, TypeError, pa.ArrowException):
            return None
        return None if stored is None else _assembled(empty, stored.frame, stored.reasons)


@dataclass(frozen=True, slots=True)
class _Stored:
    state: list[int]
    frame: pd.DataFrame
    reasons: pd.DataFrame
    revisions: np.ndarray


def joined_path(database: Path, form_id: str, status: str | None, level: str = "") -> Path:
    """Where the joined table of one questionnaire's versions lies beside ``database`` (the
    table of its repeat ``level`` when given)."""
    if not level:
        return snapshot_path(database, form_id, None, status)
    tag = hashlib.sha256(json.dumps([form_id, None, status, level]).encode()).hexdigest()[:16]
    return database.with_name(f"{database.name}.analysis-{tag}.parquet")


def snapshot_path(database: Path, form_id: str, version: str | None,
                  status: str | None) -> Path:
    """Where the snapshot of one questionnaire version's interviews lies beside ``database``."""
    tag = hashlib.sha256(json.dumps([form_id, version, status]).encode()).hexdigest()[:16]
    return database.with_name(f"{database.name}.analysis-{tag}.parquet")


class Snapshots:
    """The snapshots of one store's interviews of one status (see the module notes)."""

    def __init__(self, store: Store, status: str | None, secret: bytes) -> None:
        self._store, self._status, self._secret = store, status, secret
        self._state = list(store.change_state())
        self._revisions: dict[str, int] | None = None

    @property
    def status(self) -> str | None:
        return self._status

    @classmethod
    def of(cls, reader: Reader, status: str | None) -> Snapshots | None:
        """The snapshots of a database file that can sign them; None otherwise (a server)."""
        if not isinstance(reader, Store):
            return None
        secret = reader.analysis_key()
        return None if secret is None else cls(reader, status, secret)

    def table(self, form: Form, rows: list[Row], build: Build) -> ExportTable:
        """The table of ``rows`` (interviews of ``form``'s version), from the snapshot where it
        is current, brought up to date and kept otherwise."""
        empty = build([], True)
        path = snapshot_path(self._store.path, form.form_id, form.version, self._status)
        key = self._key(form)
        stored = _read(path, self._secret, key, empty)
        uuids = [row[1] for row in rows]
        if stored is not None and stored.state == self._state \
                and stored.frame["uuid"].tolist() == uuids:
            return _assembled(empty, stored.frame, stored.reasons)
        wanted = self._revisions_of(form.form_id)
        revisions = np.asarray([wanted.get(u, 0) for u in uuids], dtype=np.int64)
        table = _updated(stored, rows, revisions, build, empty)
        self._keep(path, key, table, revisions)
        return table

    def kept_joined(self, form_id: str, sealed: set[str], level: str = "") -> KeptJoined | None:
        """The joined table of ``form_id``'s versions as kept (of its repeat ``level`` when
        given), with the forms it was built from, when the store has not changed since it was
        written (None otherwise): nothing else is read, neither the interviews nor the
        questionnaires' files."""
        try:
            data = joined_path(self._store.path, form_id, self._status, level).read_bytes()
        except OSError:
            return None
        table = _verified(data, self._secret)
        if table is None:
            return None
        try:
            written = json.loads((table.schema.metadata or {})[_META_KEY])
            if written.get("state") != self._state or written.get("sealed") != _digest(sealed) \
                    or written.get("status") != self._status \
                    or written.get("layout") != LAYOUT or written.get("level", "") != level:
                return None
            forms = [decode(f) for f in written["forms"]]
            if not forms or [self._key(f) for f in forms] != written["joined"]:
                return None
        except (KeyError, TypeError, ValueError, AttributeError, SurveyError):
            return None
        return KeptJoined(forms, table)

    def keep_joined(self, forms: list[Form], table: ExportTable, sealed: set[str],
                    level: str = "") -> None:
        """Keep the joined table of ``forms`` (newest first; of their repeat ``level`` when
        given), the forms beside it."""
        key = {"layout": LAYOUT, "joined": [self._key(f) for f in forms],
               "status": self._status, "sealed": _digest(sealed),
               "forms": [encode(f) for f in forms], **({"level": level} if level else {})}
        self._keep(joined_path(self._store.path, forms[0].form_id, self._status, level), key,
                   table, np.zeros(len(table.frame), dtype=np.int64))

    def _keep(self, path: Path, key: dict[str, Any], table: ExportTable,
              revisions: np.ndarray) -> None:
        """Write a table without notes, unless the store changed while it was read (its rows
        might then be older than the revisions beside them)."""
        if not table.notes and list(self._store.change_state()) == self._state:
            _write(path, self._secret, {**key, "state": self._state}, table, revisions)

    def _key(self, form: Form) -> dict[str, Any]:
        checksums = sorted(r.sha256 for r in self._store.forms()
                           if r.form_id == form.form_id and r.version == form.version)
        return {"layout": LAYOUT, "form_id": form.form_id, "version": form.version,
                "form": checksums, "status": self._status}

    def _revisions_of(self, form_id: str) -> dict[str, int]:
        if self._revisions is None:
            self._revisions = self._store.interview_revisions(self._status, form_id)
        return self._revisions


def _updated(stored: _Stored | None, rows: list[Row], revisions: np.ndarray, build: Build,
             empty: ExportTable) -> ExportTable:
    """The table of ``rows``: the stored rows still current, the others built."""
    if stored is None:
        return build(rows, False)
    known = dict(zip(stored.frame["uuid"].tolist(), stored.revisions.tolist(), strict=True))
    fresh = [row for row, revision in zip(rows, revisions.tolist(), strict=True)
             if known.get(row[1], -1) != revision]
    if len(fresh) > _INCREMENTAL_SHARE * max(len(rows), 1):
        return build(rows, False)
    current = dict(zip([row[1] for row in rows], revisions.tolist(), strict=True))
    keep = np.asarray([current.get(u, -1) == r for u, r in known.items()], dtype=bool)
    built = build(fresh, True) if fresh else empty
    if built.notes:
        return build(rows, False)
    frame = pd.concat([stored.frame[keep], built.frame], ignore_index=True)
    reasons = pd.concat([stored.reasons[keep], built.reasons], ignore_index=True)
    place = {row[1]: i for i, row in enumerate(rows)}
    order = np.argsort([place[u] for u in frame["uuid"].tolist()], kind="stable")
    return _assembled(empty, frame.iloc[order].reset_index(drop=True),
                      reasons.iloc[order].reset_index(drop=True))


def _assembled(empty: ExportTable, frame: pd.DataFrame, reasons: pd.DataFrame) -> ExportTable:
    """The table around a frame: its variables and form taken from the table of no rows."""
    frame.attrs[MISSING_ATTR] = dict(empty.frame.attrs.get(MISSING_ATTR, {}))
    return replace(empty, frame=frame, reasons=reasons)


def _columns(empty: ExportTable) -> list[str]:
    return [*map(str, empty.frame.columns), _reasons_name(empty.reasons), _REVISION]


def _reasons_name(reasons: pd.DataFrame) -> str:
    """The one column of every cell's reason: named by the reasons' columns, in order."""
    return _REASON + _REASON.join(map(str, reasons.columns))


def _packed(reasons: pd.DataFrame) -> pa.Array:
    """The reasons of each row as one value of as many bytes as columns (one byte more, so
    that a table of no columns has values too)."""
    matrix = np.zeros((len(reasons), reasons.shape[1] + 1), dtype=np.int8)
    matrix[:, :-1] = reasons.to_numpy(dtype=np.int8)
    return pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(matrix.shape[1]), len(matrix), [None, pa.py_buffer(matrix.tobytes())])


def _unpacked(column: pa.ChunkedArray, names: pd.Index, index: pd.Index) -> pd.DataFrame | None:
    """The reasons :func:`_packed` gave ``column`` (None when it is not such a column)."""
    width = len(names) + 1
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if array.type != pa.binary(width) or array.null_count or len(array) != len(index):
        return None
    data = np.frombuffer(array.buffers()[1], dtype=np.int8,
                         count=(array.offset + len(array)) * width)
    matrix = data[array.offset * width:].reshape(len(array), width)[:, :-1]
    return pd.DataFrame(matrix.copy(), index=index, columns=names)


def _read(path: Path, secret: bytes, key: dict[str, Any], empty: ExportTable) -> _Stored | None:
    """The snapshot at ``path`` when it is signed by this database and made for ``key`` with
    the columns and types of ``empty``; None otherwise (missing, damaged, forged, stale)."""
    try:
        table = _verified(path.read_bytes(), secret)
        if table is None:
            return None
        written = json.loads((table.schema.metadata or {})[_META_KEY])
        if {k: v for k, v in written.items() if k != "state"} != key \
                or not isinstance(written["state"], list):
            return None
        return _stored(table, [int(v) for v in written["state"]], empty)
    except (OSError, KeyError, ValueError, TypeError, AttributeError, pa.ArrowException):
        return None


def _verified(data: bytes, secret: bytes) -> pa.Table | None:
    """The table of a snapshot file's bytes when this database signed them (None otherwise);
    its texts as dictionaries (each distinct text read once)."""
    body = data[_TAG_SIZE:]
    if len(data) <= _TAG_SIZE or not hmac.compare_digest(data[:_TAG_SIZE], _tag(secret, body)):
        return None
    try:
        schema = pq.ParquetFile(pa.BufferReader(body)).schema_arrow
        texts = [f.name for f in schema if pa.types.is_string(f.type)]
        return pq.read_table(pa.BufferReader(body), read_dictionary=texts)
    except (pa.ArrowException, ValueError, OSError):
        return None


def _stored(table: pa.Table, state: list[int], empty: ExportTable) -> _Stored | None:
    """The frame, reasons and revisions of a verified table with the columns and types of
    ``empty`` (None when they are not those)."""
    if table.column_names != _columns(empty):
        return None
    frame = _frame(table, empty.frame)
    if frame is None:
        return None
    reasons = _unpacked(table.column(_reasons_name(empty.reasons)), empty.reasons.columns,
                        frame.index)
    if reasons is None:
        return None
    revisions = table.column(_REVISION).to_numpy().astype(np.int64)
    return _Stored(state, frame, reasons, revisions)


def _frame(table: pa.Table, like: pd.DataFrame) -> pd.DataFrame | None:
    """The frame's columns in the dtypes of ``like`` (None when one cannot be)."""
    columns: dict[str, object] = {}
    for name, dtype in like.dtypes.items():
        column = table.column(str(name))
        if dtype is np.dtype(object):
            columns[str(name)] = _objects(column)
        elif isinstance(dtype, pd.Int64Dtype) and pa.types.is_int64(column.type):
            values = column.fill_null(0).to_numpy()
            empty = column.is_null().to_numpy(zero_copy_only=False)
            columns[str(name)] = pd.Series(pd.arrays.IntegerArray(values, empty))
        else:
            columns[str(name)] = pd.Series(column.to_pandas()).astype(dtype)
    frame = pd.DataFrame(columns)
    return frame if list(frame.dtypes) == list(like.dtypes) else None


def _objects(column: pa.ChunkedArray) -> pd.Series:
    """A text column as Python objects, None where empty; a repeated text is one object."""
    if pa.types.is_dictionary(column.type):
        joined = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
        if pa.types.is_string(joined.type.value_type):
            known = joined.dictionary.to_numpy(zero_copy_only=False)
            words = np.empty(len(known) + 1, dtype=object)  # the last one: an empty cell
            words[:-1] = known
            return pd.Series(words[joined.indices.fill_null(-1).to_numpy()], dtype=object)
    if pa.types.is_string(column.type) or pa.types.is_null(column.type):
        return pd.Series(_shared_texts(column), dtype=object)
    return pd.Series(column.to_pylist(), dtype=object)  # numbers or flags (a calculation)


def _digest(sealed: set[str]) -> str:
    return hashlib.sha256("\n".join(sorted(sealed)).encode()).hexdigest()


def _shared_texts(column: pa.ChunkedArray) -> np.ndarray:
    """Texts as objects, one ``str`` per distinct text (as the built table shares choice
    names), None where empty: a fraction of the memory of one object per cell."""
    if pa.types.is_null(column.type):
        return np.full(len(column), None, dtype=object)
    encoded = column.combine_chunks().dictionary_encode()
    uniques = np.asarray([*encoded.dictionary.to_pylist(), None], dtype=object)
    return uniques[encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)]


def _write(path: Path, secret: bytes, key: dict[str, Any], table: ExportTable,
           revisions: np.ndarray) -> None:
    """Write the snapshot into a private partial file, then put it in place; a folder that
    cannot be written to, or a column Parquet cannot hold as it is, keeps no snapshot."""
    data = table.frame.copy(deep=False)
    data.attrs = {}
    try:
        arrow = pa.Table.from_pandas(data, preserve_index=False)
        arrow = arrow.append_column(_reasons_name(table.reasons), _packed(table.reasons))
        arrow = arrow.append_column(_REVISION, pa.array(revisions, pa.int64()))
        arrow = arrow.replace_schema_metadata(
            {**(arrow.schema.metadata or {}), _META_KEY: json.dumps(key).encode()})
        buffer = io.BytesIO()
        pq.write_table(arrow, buffer, compression="zstd")
    except (pa.ArrowException, ValueError, TypeError):
        return
    body = buffer.getvalue()
    try:
        partial = private_partial(path)
    except OSError:
        return
    try:
        partial.write_bytes(_tag(secret, body) + body)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)


def _tag(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).digest()
