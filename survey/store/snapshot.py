"""A private copy of a merge input: the file alone, or with its log when the log is its own.

Merge never opens an input with SQLite. It copies the file's bytes into a private temporary
folder (checking the checksum a pack carries in its name), and the ``-wal`` beside it when
there is one. The copy is read through that log only when the log provably belongs to the file
(:mod:`survey.store.logs`); otherwise the log is left out, the file is read alone and the merge
says so. Either way the copy becomes a single file without a log, and nothing is ever written
into or next to the input.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from survey.messages import Message
from survey.private import open_private
from survey.store.codes import StoreCode, store_error
from survey.store.connection import translate
from survey.store.logs import LogOwner, has_log, log_owner, log_path
from survey.store.pack import check_name

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The copy (one self-contained file) and what was done with the input's log."""

    path: Path
    notes: tuple[Message, ...]


def take_snapshot(source: Path, folder: Path) -> Snapshot:
    """Copy the input ``source`` into the private ``folder`` (see the module notes)."""
    if not source.exists():
        raise store_error(StoreCode.NOT_FOUND, source)
    if source.is_dir():
        raise store_error(StoreCode.CANNOT_OPEN, source, reason=StoreCode.OPEN_FOLDER.message())
    copy = folder / "input.db"
    check_name(source, _copy(source, copy))
    if not has_log(source):
        return Snapshot(copy, ())
    _copy(log_path(source), log_path(copy))
    owner = log_owner(copy)
    if owner is LogOwner.OWN:
        _fold_log(copy)
        return Snapshot(copy, ())
    for leftover in (log_path(copy), copy.with_name(copy.name + "-shm")):
        leftover.unlink(missing_ok=True)
    code = StoreCode.MERGE_LOG_FOREIGN if owner is LogOwner.FOREIGN \
        else StoreCode.MERGE_LOG_UNKNOWN
    return Snapshot(copy, (code.message(log=log_path(source).name),))


def _copy(source: Path, target: Path) -> str:
    """Copy ``source`` to a new private ``target``; the sha256 of the bytes copied."""
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, open_private(target, "xb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
    except OSError as error:
        raise store_error(StoreCode.CANNOT_OPEN, source, reason=StoreCode.OPEN_FAILED.message(
            detail=error.strerror or str(error))) from error
    return digest.hexdigest()


def _fold_log(copy: Path) -> None:
    """Write the copied log into the copied file and leave a single file (no log)."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as error:
        raise translate(error, copy) from error
    finally:
        conn.close()
