"""The tables of a form's repeats kept in the analysis snapshot beside the database.

A report's roster indicators are estimated on the repeats' tables (one row per instance);
building them reads every interview's answers and runs the interview engine on each, as the
main table's build does. The analysis snapshot (:mod:`survey.export.snapshot`) keeps each
repeat's joined table as it keeps the main one (``<database>.analysis-<id>.parquet``, signed,
keyed by the form, its versions' checksums, the status, the sealed interviews and the repeat),
so an unchanged store gives them without reading an interview. Any change to the store (its
change state) builds them all again and keeps them; a table with notes is never kept (but
for the one naming the versions that did not ask the repeat, made again from the kept
versions), nor
personal data (only tables without it are built here), nor anything of a server.
"""

from __future__ import annotations

from dataclasses import replace

from survey.export.codes import ExportCode
from survey.export.exporttable import ExportTable
from survey.export.repeat_tables import empty_tables, not_asked, repeat_tables
from survey.export.snapshot import Snapshots
from survey.export.table import latest_form
from survey.form.repeats import repeats
from survey.store.reader import Reader


def kept_repeat_tables(store: Reader, form_id: str | None = None, *,
                       status: str | None = None,
                       language: str | None = None) -> dict[str, ExportTable]:
    """Every repeat's table of the interviews of ``form_id`` (``repeat_tables(...).repeats``,
    personal data left out): from the snapshot when the store has not changed since they
    were kept, else built and kept."""
    kept = Snapshots.of(store, status)
    if kept is None:
        return repeat_tables(store, form_id, status=status, language=language).repeats
    form = latest_form(store, form_id)
    sealed = store.sealed_uuids()
    found = _kept(store, kept, form.form_id, [g.name for g in repeats(form)], sealed, language)
    if found is not None:
        return found
    tables = repeat_tables(store, form_id, status=status, language=language)
    for name, table in tables.repeats.items():
        notes = tuple(n for n in table.notes if n.kind is not ExportCode.REPEAT_NOT_ASKED)
        if notes == ():  # the versions' note is made again from the kept versions
            kept.keep_joined(list(tables.forms), replace(table, notes=notes), sealed,
                             level=name)
    return tables.repeats


def _kept(store: Reader, kept: Snapshots, form_id: str, names: list[str], sealed: set[str],
          language: str | None) -> dict[str, ExportTable] | None:
    """Every repeat's table as kept, when all of them are current (None otherwise)."""
    found: dict[str, ExportTable] = {}
    empty = None
    for name in names:
        stored = kept.kept_joined(form_id, sealed, level=name)
        if stored is None:
            return None
        if empty is None:
            empty = empty_tables(store, stored.forms, language, kept.status).repeats
        table = stored.table(empty[name]) if name in empty else None
        if table is None:
            return None
        note = not_asked(name, stored.forms)
        found[name] = table if note is None else replace(table, notes=(*table.notes, note))
    return found
