"""The metadata columns of the wide table, from the interviews' rows as stored.

Times are read as the store writes them (UTC ISO 8601); a time stamp that is not one, or a
text that is not UTF-8, leaves the cell empty (text: decoded with U+FFFD) and gives a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from survey.export.build import shown_value
from survey.export.codes import ExportCode
from survey.export.variable import Variable
from survey.i18n import Translator
from survey.messages import Message
from survey.store.raw import INTERVIEW_FIELDS

META_COLUMNS: tuple[str, ...] = (
    "uuid", "form_id", "form_version", "status", "interviewer", "device_id", "language",
    "started_at", "completed_at", "duration_min",
)
META_LABELS = {
    "uuid": "Interview identifier", "form_id": "Questionnaire",
    "form_version": "Questionnaire version", "status": "Status (draft or complete)",
    "interviewer": "Interviewer", "device_id": "Device", "language": "Interview language",
    "started_at": "Started (UTC)", "completed_at": "Completed (UTC)",
    "duration_min": "Duration (minutes)",
}
TIMES = ("started_at", "completed_at")


def meta_variables(_: Translator) -> list[Variable]:
    return [Variable(name, _(META_LABELS[name]), "meta") for name in META_COLUMNS]


def meta_frame(rows: Sequence[tuple[Any, ...]]) -> tuple[pd.DataFrame, np.ndarray,
                                                          list[Message]]:
    """The metadata columns, which interviews are drafts, and notes on unreadable cells."""
    raw = {name: [row[i + 1] for row in rows] for i, name in enumerate(INTERVIEW_FIELDS)}
    notes: list[Message] = []
    columns: dict[str, object] = {}
    for name in INTERVIEW_FIELDS:
        if name in TIMES:
            columns[name] = _times(name, raw[name], notes)
        else:
            columns[name] = _texts(name, raw[name], notes)
    started, completed = columns["started_at"], columns["completed_at"]
    minutes = (completed - started).dt.total_seconds() / 60.0  # type: ignore[operator]
    columns["duration_min"] = minutes.round(2).astype("Float64")
    frame = pd.DataFrame({name: columns[name] for name in META_COLUMNS})
    draft = (frame["status"] != "complete").to_numpy(dtype=bool)
    return frame, draft, notes


def _texts(name: str, values: list[object], notes: list[Message]) -> pd.Series:
    bad = [v for v in values if isinstance(v, bytes)]
    if bad:
        notes.append(ExportCode.UNREADABLE_META.message(count=len(bad), column=name,
                                                        example=shown_value(bad[0])))
        values = [v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in values]
    return pd.Series(values, dtype=object)


def _times(name: str, values: list[object], notes: list[Message]) -> pd.Series:
    texts = pd.Series([v if isinstance(v, str) else None for v in values], dtype=object)
    times = pd.to_datetime(texts, format="ISO8601", utc=True, errors="coerce")
    bad = times.isna() & pd.Series([v is not None for v in values])
    if bad.any():
        first = values[int(np.flatnonzero(bad.to_numpy())[0])]
        notes.append(ExportCode.UNREADABLE_META.message(count=int(bad.sum()), column=name,
                                                        example=shown_value(first)))
    return times.dt.tz_localize(None).astype("datetime64[ns]")
