"""``kelisim pack``: one self-contained file of a laptop's database, for the supervisor.

Every laptop's database is called ``kelisim.db`` and SQLite keeps its latest writes in a
``kelisim.db-wal`` beside it; copying those files by hand mixes laptops up. A pack is a single
file with everything in it (SQLite's backup API copies a consistent snapshot, log included, and
the copy is switched out of WAL mode so no log ever belongs to it), checked, named after the
laptop and the moment and carrying its checksum in its name::

    kelisim-<device>-<YYYYMMDD-HHMMSS>-<first 16 hex digits of its sha256>.db

It is written under a hidden ``.partial`` name and renamed only when complete, so a process
killed half-way leaves no file that looks like a pack. Merge recomputes the checksum of any
input named like a pack and refuses it when the bytes do not match (``store.pack_damaged``).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from survey.messages import Message
from survey.private import PARTIAL_SUFFIX, make_private_folder, private_partial
from survey.store import meta
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection, inspect, translate

#: How many hex digits of the file's sha256 its name carries.
NAME_DIGEST = 16
PACK_NAME = re.compile(r"kelisim-[0-9a-f]{1,32}-\d{8}-\d{6}-(?P<digest>[0-9a-f]{16})\.db")
_CHUNK = 1 << 20
#: Packs are written as ``.kelisim-pack.db.<random>.partial`` first.
_PARTIAL_TARGET = "kelisim-pack.db"
_PARTIAL_PREFIX = f".{_PARTIAL_TARGET}."


@dataclass(frozen=True, slots=True)
class Pack:
    """A written pack: where, its full sha256, how many interviews it holds."""

    path: Path
    sha256: str
    interviews: int

    def message(self) -> Message:
        return StoreCode.PACKED.message(file=str(self.path), interviews=self.interviews,
                                        sha256=self.sha256)


def pack(database: Path | str, folder: Path | str, *, now: datetime | None = None) -> Pack:
    """Write a pack of the store at ``database`` into ``folder`` (created private if missing).

    The store is only read (also while the application has it open and writes to it).
    """
    folder = make_private_folder(folder)
    _remove_partials(folder)
    moment = (now or datetime.now()).astimezone()
    source = Connection.open_read_only(database)
    partial = private_partial(folder / _PARTIAL_TARGET)
    try:
        try:
            device = meta.device_id(source) or "0"
            source.backup_to(partial)
        finally:
            source.close()
        interviews = _seal(partial)
        digest = file_sha256(partial)
        name = (f"kelisim-{device[:8].lower()}-{moment:%Y%m%d-%H%M%S}-"
                f"{digest[:NAME_DIGEST]}.db")
        os.replace(partial, folder / name)
        _sync_folder(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Pack(folder / name, digest, interviews)


def name_digest(name: str) -> str | None:
    """The checksum digits a pack's file name carries (None for other names)."""
    found = PACK_NAME.fullmatch(name)
    return None if found is None else found["digest"]


def check_name(path: Path, sha256: str) -> None:
    """``store.pack_damaged`` when ``path`` is named like a pack and ``sha256`` (of its bytes)
    does not start with the checksum in its name."""
    expected = name_digest(path.name)
    if expected is not None and not sha256.startswith(expected):
        raise store_error(StoreCode.PACK_DAMAGED, path, expected=expected,
                          found=sha256[:NAME_DIGEST])


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _seal(path: Path) -> int:
    """Make the copy a single file (rollback journal, no log), check it and flush it to disk;
    returns how many interviews it holds."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        count = int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    except sqlite3.Error as error:
        raise translate(error, path) from error
    finally:
        conn.close()
    inspect(path, check_integrity=True)
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())
    return count


def _remove_partials(folder: Path) -> None:
    """Unfinished packs of a killed earlier run, with SQLite's files beside them (only files
    this module names so)."""
    for stale in folder.glob(f"{_PARTIAL_PREFIX}*{PARTIAL_SUFFIX}*"):
        stale.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
