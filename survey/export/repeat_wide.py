"""The wide layout of a form with small fixed repeats: every instance's answers as columns of
the main table (``members_1_age``, ``members_2_age``, …, ``members_1_jobs_2_income``), up to
the largest number of instances any interview has.

An instance an interview does not have is "not asked" (-99 / ``.a``). A repeat with more
than ``limit`` instances in one interview is refused (``export.too_many_instances``): one
table per repeat suits it better.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.exporttable import MISSING_ATTR, ExportTable, missing_values
from survey.export.missing import NOT_ASKED
from survey.export.repeat_tables import KEY_COLUMNS, RepeatTables
from survey.export.variable import Variable

#: The most instances of one repeat in one interview the wide layout accepts.
WIDE_LIMIT = 30

Path = tuple[int, ...]


def wide_table(tables: RepeatTables, limit: int = WIDE_LIMIT) -> ExportTable:
    """The main table with every repeat's instances as columns."""
    main = tables.main
    for name, level in tables.repeats.items():
        most = int(level.frame["_index"].max()) if len(level.frame) else 0
        if most > limit:
            raise ExportError(ExportCode.TOO_MANY_INSTANCES, repeat=name, count=most,
                              limit=limit)
    rows = {uuid: i for i, uuid in enumerate(main.frame["uuid"])}
    columns: dict[str, object] = {}
    reasons: dict[str, np.ndarray] = {}
    variables: list[Variable] = []
    for name, level in tables.repeats.items():
        labels = _instance_labels(main)
        paths = _paths(level.frame)
        for path in sorted(set(paths)):
            chosen = np.flatnonzero(np.asarray([p == path for p in paths], dtype=bool))
            target = np.asarray([rows[u] for u in level.frame["_parent_uuid"].iloc[chosen]],
                                dtype=np.int64)
            prefix = "_".join(f"{r}_{i}" for r, i in zip(tables.paths[name], path,
                                                          strict=True))
            title = " / ".join(f"{labels.get(r, r)} {i}" for r, i in zip(
                tables.paths[name], path, strict=True))
            for v in level.variables:
                if v.name in KEY_COLUMNS:
                    continue
                wide = f"{prefix}_{v.name}"
                columns[wide] = _spread(level.frame[v.name], chosen, target, len(rows))
                reason = np.full(len(rows), NOT_ASKED, dtype=np.int8)
                reason[target] = level.reason(v.name)[chosen]
                reasons[wide] = reason
                variables.append(replace(v, name=wide, label=f"{title}: {v.label}"))
    frame = pd.concat([main.frame, pd.DataFrame(columns, index=main.frame.index)], axis=1)
    all_variables = (*main.variables, *variables)
    frame.attrs[MISSING_ATTR] = missing_values(all_variables)
    return replace(main, frame=frame, variables=all_variables,
                   reasons=pd.concat([main.reasons, pd.DataFrame(reasons,
                                                                 index=main.frame.index)],
                                     axis=1),
                   notes=(*main.notes, *(n for t in tables.repeats.values() for n in t.notes)))


def _paths(frame: pd.DataFrame) -> list[Path]:
    """Each row's full index path (the parent's path, then its own index)."""
    own = [int(i) for i in frame["_index"]]
    if "_parent_index" not in frame.columns:
        return [(i,) for i in own]
    return [(*(int(p) for p in str(parent).split("/")), i)
            for parent, i in zip(frame["_parent_index"], own, strict=True)]


def _instance_labels(main: ExportTable) -> dict[str, str]:
    return {g.name: g.label.get(main.language) or g.name for g in main.form.groups if g.repeat}


def _spread(column: pd.Series, chosen: np.ndarray, target: np.ndarray, n: int) -> object:
    """``column``'s cells ``chosen`` placed at rows ``target`` of an ``n``-row column of the
    same dtype (empty elsewhere)."""
    if column.dtype == object:
        out = np.full(n, None, dtype=object)
        out[target] = column.to_numpy(dtype=object)[chosen]
        return pd.Series(out, dtype=object)
    spread = pd.Series(pd.array([None] * n, dtype=column.dtype)) \
        if not str(column.dtype).startswith("datetime") \
        else pd.Series(np.full(n, np.datetime64("NaT", "ns")))
    spread.iloc[target] = column.iloc[chosen].to_numpy()
    return spread.to_numpy() if str(column.dtype).startswith("datetime") else spread.array
