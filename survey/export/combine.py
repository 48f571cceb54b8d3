"""Interviews recorded on different versions of a questionnaire, in one wide table.

Each version's interviews are read with their own version's questionnaire (its questions,
conditions and calculations, ``survey.export.table``); the pieces are then joined:

* a question renamed between versions (the ``previous`` of an item in the version changes,
  ``survey.versions``) is one column under its newest name, its choice and ``_other`` columns
  too;
* the columns are those of every version: the newest version's, in its order, then each
  question only older versions have, placed after the column it followed there;
* a select_one asked in several versions keeps the newest version's codes and labels; a choice
  only an older version offered is added with its old code (or the next free one);
* a question whose kind of answer changed (a number became a text) keeps the older answers in
  a column of their own, ``<name>_<version>`` (``q_2026_1``);
* cells of a question the interview's version did not have are "not asked" (reason 1: -99,
  ``.a``);
* rows stay in the order of the interviews (by UUID), and ``form_version`` says which
  questionnaire each was recorded on; notes of the pieces about the same column are one note
  (counts added).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

import numpy as np
import pandas as pd

from survey.export.build import Progress
from survey.export.exporttable import MISSING_ATTR, ExportTable, missing_values
from survey.export.missing import NOT_ASKED
from survey.export.variable import Variable
from survey.messages import Message
from survey.store.records import version_order
from survey.versions import VersionChanges

Piece = tuple[np.ndarray, ExportTable]  # (positions of its interviews in the table, its table)


def version_groups(meta_rows: Sequence[tuple[Any, ...]], newest: str) -> dict[str, np.ndarray]:
    """Positions of the interviews of each version (column 3 of ``meta_rows``), the newest
    questionnaire's version first (even without interviews), then older ones newest first."""
    versions = np.asarray([str(row[3]) for row in meta_rows], dtype=object)
    found = sorted(set(versions.tolist()) - {newest}, key=version_order, reverse=True)
    return {version: np.flatnonzero(versions == version) for version in [newest, *found]}


def shifted(progress: Progress | None, done: int, total: int) -> Progress | None:
    """``progress`` of one piece reported as part of the whole table."""
    if progress is None:
        return None
    return lambda count, _: progress(done + count, total)


def renames(changes: VersionChanges | None, version: str, newest: str) -> dict[str, str]:
    """Question names of ``version`` that ``newest`` calls otherwise: old name -> new name."""
    if changes is None or version not in changes.versions or newest not in changes.versions:
        return {}
    low, high = changes.versions.index(version), changes.versions.index(newest)
    mapping: dict[str, str] = {}
    for step in changes.steps[low:high]:
        for item in step.items:
            if item.previous is None or item.status == "dropped":
                continue
            earlier = [old for old, name in mapping.items() if name == item.previous]
            for old in earlier or [item.previous]:
                mapping[old] = item.name
    return {old: name for old, name in mapping.items() if old != name}


def combine_versions(pieces: list[Piece], changes: VersionChanges | None) -> ExportTable:
    """One table of the pieces, the first one being the newest version's."""
    newest = pieces[0][1]
    kinds = {v.name: v.kind for v in newest.variables}
    renamed = [(rows, _renamed(table, renames(changes, table.form.version, newest.form.version),
                               kinds)) for rows, table in pieces]
    variables = _union([table.variables for _, table in renamed])
    order = np.argsort(np.concatenate([rows for rows, _ in renamed]), kind="stable")
    frame = _stacked([t.frame for _, t in renamed], [v.name for v in variables], order, None)
    reasons = _stacked([t.reasons for _, t in renamed], list(_reason_columns(renamed)), order,
                       NOT_ASKED)
    frame.attrs[MISSING_ATTR] = missing_values(variables)
    return ExportTable(frame=frame, variables=tuple(variables), form=newest.form,
                       language=newest.language, reasons=reasons,
                       notes=joined_notes([n for _, t in renamed for n in t.notes]),
                       older_forms=tuple(t.form for _, t in renamed[1:]
                                         if t.form.version != newest.form.version))


def joined_notes(notes: list[Message]) -> tuple[Message, ...]:
    """The pieces' notes with one note per kind and place: counts added, the first example."""
    joined: dict[str, Message] = {}
    for note in notes:
        key = repr((note.code, note.location,
                    sorted((k, repr(v)) for k, v in note.fields.items()
                           if k not in ("count", "example"))))
        known = joined.get(key)
        if known is None or "count" not in note.fields:
            joined.setdefault(key, note)
            continue
        total = int(cast(int, known.fields["count"])) + int(cast(int, note.fields["count"]))
        joined[key] = Message(known.kind, {**known.fields, "count": total}, known.location)
    return tuple(joined.values())


def _renamed(table: ExportTable, mapping: dict[str, str], kinds: dict[str, str]) -> ExportTable:
    """``table`` with its questions under their newest names (and, when their kind of answer
    changed, under a name of their own)."""
    columns: dict[str, str] = {}
    variables = []
    for v in table.variables:
        name, question = v.name, v.question
        if question is not None and v.kind != "meta":
            new = mapping.get(question, question)
            name, question = new + v.name[len(question):], new
            if name in kinds and kinds[name] != v.kind:
                suffix = "_" + re.sub(r"\W", "_", table.form.version)
                name, question = name + suffix, question + suffix
        columns[v.name] = name
        variables.append(replace(v, name=name, question=question))
    if all(old == new for old, new in columns.items()):
        return table
    return replace(table, variables=tuple(variables), frame=table.frame.rename(columns=columns),
                   reasons=table.reasons.rename(columns=columns))


def _union(lists: list[tuple[Variable, ...]]) -> list[Variable]:
    """The variables of every version: the first list's order, others' additions after their
    predecessor; a variable several versions have is the first list's, with the others'
    choices added."""
    merged = list(lists[0])
    where = {v.name: i for i, v in enumerate(merged)}
    for variables in lists[1:]:
        previous: str | None = None
        for v in variables:
            if v.name in where:
                merged[where[v.name]] = _merged(merged[where[v.name]], v)
            else:
                at = where[previous] + 1 if previous is not None else 0
                merged.insert(at, v)
                where = {m.name: i for i, m in enumerate(merged)}
            previous = v.name
    return merged


def _merged(newer: Variable, older: Variable) -> Variable:
    """``newer`` with the choices only ``older`` offers (labels, codes, missing kinds)."""
    extra = [c for c in older.value_labels if c not in newer.value_labels]
    if not extra or newer.kind != "select_one":
        return replace(newer, missing={**older.missing, **newer.missing})
    codes = dict(newer.codes)
    for choice in extra:
        code = older.codes.get(choice)
        if code is None or code in codes.values():
            code = max([c for c in codes.values() if c > 0], default=0) + 1
        codes[choice] = code
    labels = {**newer.value_labels, **{c: older.value_labels[c] for c in extra}}
    return replace(newer, value_labels=labels, codes=codes,
                   missing={**older.missing, **newer.missing})


def _reason_columns(pieces: list[Piece]) -> dict[str, None]:
    return {name: None for _, table in pieces for name in table.reasons.columns}


def _stacked(frames: list[pd.DataFrame], columns: list[str], order: np.ndarray,
             fill: int | None) -> pd.DataFrame:
    """The frames one under the other in ``columns``, rows put back in table order; a column
    a frame lacks is empty there (``fill`` for reasons)."""
    frames = [f.copy(deep=False) for f in frames]
    for f in frames:  # attributes would be copied with every column taken (slow)
        f.attrs = {}
    out: dict[str, pd.Series] = {}
    for name in columns:
        model = next(f[name] for f in frames if name in f.columns)
        parts = [f[name].reset_index(drop=True) if name in f.columns
                 else _blank(model, len(f), fill) for f in frames]
        joined = pd.concat(parts, ignore_index=True)
        out[name] = joined if joined.dtype == model.dtype else joined.astype(model.dtype)
    if not out:
        return pd.DataFrame(index=pd.RangeIndex(len(order)))
    return pd.DataFrame(out).take(order).reset_index(drop=True)  # rows put back, all at once


def _blank(model: pd.Series, n: int, fill: int | None) -> pd.Series:
    if fill is not None:
        return pd.Series(np.full(n, fill, dtype=model.dtype))
    if model.dtype == object:
        return pd.Series(np.full(n, None, dtype=object), dtype=object)
    return pd.Series(pd.array([None] * n, dtype=model.dtype))
