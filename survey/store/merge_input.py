"""One merge input made ready to be copied: a private, checked and cleaned copy.

1. :func:`~survey.store.snapshot.take_snapshot`: the input's bytes copied (its log only when it
   is its own; a pack's checksum checked);
2. the copy checked as any store file is (Kelisim, known version, schema exactly ours) plus
   SQLite's integrity check, and migrated when it is older;
3. every questionnaire file's checksum recomputed from its bytes (``store.form_tampered``);
4. :func:`~survey.store.quarantine.sweep`: values Kelisim cannot read taken out, to be set
   aside in the master.

Errors name the input, never the temporary copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from survey.errors import StoreError
from survey.form.model import QuestionType
from survey.messages import Location, Message
from survey.store import forms
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection, inspect
from survey.store.quarantine import Sweep, notes
from survey.store.snapshot import take_snapshot
from survey.store.sweep import Types, sweep


@dataclass(frozen=True, slots=True)
class Prepared:
    """The copy to attach, the notes for the summary, and what was set aside."""

    path: Path
    notes: tuple[Message, ...]
    swept: Sweep


class QuestionTypes:
    """Question types of questionnaire files, read once per file (by checksum) for a merge."""

    def __init__(self) -> None:
        self._by_digest: dict[str, Types] = {}

    def of_store(self, conn: Connection) -> dict[tuple[str, str], Types]:
        """(form_id, version) -> question types of every questionnaire in ``conn``."""
        found: dict[tuple[str, str], Types] = {}
        for record in forms.records(conn):
            data = forms.xlsform_bytes(conn, record.form_id, record.version)
            digest = hashlib.sha256(data).hexdigest()
            if digest not in self._by_digest:
                self._by_digest[digest] = _read_types(data, record.form_id)
            found[(record.form_id, record.version)] = self._by_digest[digest]
        return found


def prepare(source: Path, folder: Path, types: QuestionTypes) -> Prepared:
    """Make the copy of ``source`` in the private ``folder`` ready to be attached."""
    copy = folder / "input.db"
    try:
        snapshot = take_snapshot(source, folder)
        if inspect(copy, check_integrity=True) is None:
            raise store_error(StoreCode.NOT_KELISIM, copy)
        conn = Connection.open(copy)  # migrates a copy of an older schema
        try:
            forms.verify_all(conn)
            table = types.of_store(conn)
        finally:
            conn.checkpoint_and_close()
        swept = sweep(str(copy), lambda form_id, version: table.get((form_id, version)))
    except StoreError as error:
        raise _relocated(error, copy, source) from error
    return Prepared(copy, snapshot.notes + notes(swept), swept)


def _read_types(data: bytes, form_id: str) -> Types:
    from survey.form.xlsform import load_form

    try:
        form = load_form(data, filename=f"{form_id}.xlsx", repeats=True)
    except Exception:  # a file that cannot be read: its answers get the type-free checks
        return None
    return {q.name: q.type for q in form.questions if q.type is not QuestionType.NOTE}


def _relocated(error: StoreError, copy: Path, source: Path) -> StoreError:
    """``error`` with messages located in the temporary copy moved to the input file."""
    here = Location(file=str(copy))
    moved = [m.at(Location(file=str(source))) if m.location == here else m
             for m in error.messages]
    return StoreError(moved) if moved else error
