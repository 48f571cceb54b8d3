"""Merging laptop stores into a master store (``kelisim merge``).

Each input is copied into a private temporary folder and checked there (see
:mod:`survey.store.merge_input`): its log is read only when it is provably its own, its schema
must be exactly Kelisim's, its questionnaires must have their checksums, and values Kelisim
cannot read are set aside. The copy is then attached read-only to the master and copied in ONE
transaction: a bad input (not Kelisim, corrupt, tampered, newer schema, a form clash) leaves the
master exactly as it was and does not stop the other inputs. Inputs are only ever read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from survey.errors import StoreError
from survey.private import scratch_folder
from survey.store import forms, meta, quarantine
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection
from survey.store.forms import different_content
from survey.store.merge_input import Prepared, QuestionTypes, prepare
from survey.store.merge_rows import copy_new, copy_trail, reconcile
from survey.store.merge_sealed import copy_sealed
from survey.store.records import MergeSummary
from survey.store.timestamps import local_now, to_text

#: Called after each input: (inputs done, inputs in all, the input just merged).
Progress = Callable[[int, int, Path], None]

_FORM_COLUMNS = ("form_id, version, title, languages, default_language, xlsform, sha256, "
                 "registered_at")
#: Page cache of the master connection while merging (KiB): fewer disk reads on big masters.
_CACHE_KIB = 256 * 1024


def merge(into: Path | str, inputs: Iterable[Path | str],
          progress: Progress | None = None) -> list[MergeSummary]:
    """Merge every input store into the store at ``into`` (created if missing).

    Returns one summary per input, in order; a failed input has ``error`` set. StoreError only
    when the master itself cannot be opened (or holds a tampered questionnaire).
    """
    sources = [Path(p) for p in inputs]
    master = Connection.open(into)
    try:
        meta.ensure(master)
        forms.verify_all(master)
        master.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        types = QuestionTypes()
        summaries = []
        for done, source in enumerate(sources, start=1):
            summaries.append(_merge_one(master, source, types))
            if progress is not None:
                progress(done, len(sources), source)
        return summaries
    finally:
        master.checkpoint_and_close()


def _merge_one(master: Connection, source: Path, types: QuestionTypes) -> MergeSummary:
    try:
        _refuse_master_itself(master.path, source)
        with scratch_folder("merge") as folder:
            return _attach_and_copy(master, source, prepare(source, folder, types))
    except StoreError as error:
        return MergeSummary(source=source, failure=error.messages, error_code=error.code)


def _refuse_master_itself(master: Path, source: Path) -> None:
    if source.exists() and master.exists() and os.path.samefile(master, source):
        raise store_error(StoreCode.SAME_FILE, source)


def _attach_and_copy(master: Connection, source: Path, prepared: Prepared) -> MergeSummary:
    master.execute("ATTACH DATABASE ? AS src", (prepared.path.resolve().as_uri() + "?mode=ro",))
    try:
        with master.transaction():
            summary, changed = _copy(master, source, prepared)
            if changed:
                meta.bump(master)
        return summary
    finally:
        master.execute("DETACH DATABASE src")


def _copy(master: Connection, source: Path, prepared: Prepared) -> tuple[MergeSummary, bool]:
    """Copy what the master lacks; the summary and whether the master changed."""
    now = to_text(local_now())
    forms_added = _copy_forms(master)
    _list_uuids(master)
    added = copy_new(master)
    settled = copy_sealed(master, source=source.name, now=now)
    counts = reconcile(master, source=source.name, now=now)
    for key, number in settled.items():
        counts[key] += number
    trail = copy_trail(master, prepared.swept.skipped_audit_ids)
    set_aside = quarantine.record(master, prepared.swept, source=source.name, now=now)
    summary = MergeSummary(source=source, forms_added=forms_added, added=added,
                           identical=counts["identical"], updated=counts["updated"],
                           conflicts=counts["conflicts"], outdated=counts["outdated"],
                           set_aside=len(prepared.swept.rows), notes=prepared.notes)
    changed = bool(forms_added or added or trail or counts["updated"] or counts["conflicts"]
                   or set_aside)
    if master.scalar("SELECT value FROM src.meta WHERE key = ?", (meta.DEMO,)) == "yes":
        changed = meta.mark_demo(master) or changed  # demo interviews came in
    return summary, changed


def _copy_forms(master: Connection) -> int:
    clash = master.execute(
        "SELECT s.form_id, s.version FROM src.forms s JOIN main.forms m "
        "ON m.form_id = s.form_id AND m.version = s.version WHERE m.sha256 != s.sha256"
    ).fetchone()
    if clash is not None:
        raise different_content(clash[0], clash[1])
    added = master.execute(
        f"INSERT INTO main.forms ({_FORM_COLUMNS}) SELECT {_FORM_COLUMNS} FROM src.forms s "
        "WHERE NOT EXISTS (SELECT 1 FROM main.forms m WHERE m.form_id = s.form_id "
        "AND m.version = s.version)"
    ).rowcount
    master.execute("INSERT OR IGNORE INTO main.form_files SELECT * FROM src.form_files")
    return added


def _list_uuids(master: Connection) -> None:
    """Temp tables ``merge_new`` and ``merge_common``: the input's interviews, split."""
    for table in ("merge_new", "merge_common"):
        master.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (uuid TEXT PRIMARY KEY)")
        master.execute(f"DELETE FROM temp.{table}")
    master.execute("INSERT INTO temp.merge_common SELECT s.uuid FROM src.interviews s "
                   "JOIN main.interviews m ON m.uuid = s.uuid")
    master.execute("INSERT INTO temp.merge_new SELECT s.uuid FROM src.interviews s "
                   "WHERE s.uuid NOT IN (SELECT uuid FROM temp.merge_common)")
