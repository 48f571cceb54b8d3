"""The paradata and the audit trail as long tables, written by the same writers as the data.

* ``paradata``: one row per event (a question shown or answered on the laptop): interview,
  question, event, time (UTC), ``seconds_since_previous`` (since the interview's previous
  event) and, for an answer, ``seconds_on_question`` (since the question was last shown).
* ``audit``: one row per audit-log entry (completion, reopening, change of an answer after
  completion): interview, time, who, action, question, old and new value, reason.

Times that cannot be read are left empty (with a note), as in the wide table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from survey.export.build import shown_value
from survey.export.codes import ExportCode
from survey.export.reading import audit_rows, paradata_rows
from survey.export.table import ExportTable, latest_form
from survey.export.variable import Variable
from survey.i18n import LANGUAGES, translator
from survey.messages import Message
from survey.store.reader import Reader

TABLES: tuple[str, ...] = ("interviews", "paradata", "audit")
PARADATA = ("uuid", "question", "event", "at", "seconds_since_previous", "seconds_on_question")
AUDIT = ("uuid", "at", "who", "action", "question", "old_value", "new_value", "reason")
LABELS = {
    "uuid": "Interview identifier", "question": "Question", "event": "Event (shown or answered)",
    "at": "Time (UTC)", "seconds_since_previous": "Seconds since the previous event",
    "seconds_on_question": "Seconds on the question (from shown to answered)",
    "who": "Who", "action": "Action (complete, reopen, change)", "old_value": "Old value",
    "new_value": "New value", "reason": "Reason",
}


def paradata_table(store: Reader, form_id: str | None = None, *, status: str | None = None,
                   language: str | None = None) -> ExportTable:
    """The paradata of one form's interviews, one row per event."""
    form = latest_form(store, form_id)
    rows = paradata_rows(store, form.form_id, status)
    notes: list[Message] = []
    frame = pd.DataFrame({name: _texts([r[i] for r in rows], name, notes)
                          for i, name in enumerate(("uuid", "question", "event"))})
    frame["at"] = _times([r[3] for r in rows], notes)
    frame["seconds_since_previous"], frame["seconds_on_question"] = _durations(frame)
    return _table(frame, form, language, PARADATA, notes)


def audit_table(store: Reader, form_id: str | None = None, *, status: str | None = None,
                language: str | None = None) -> ExportTable:
    """The audit log of one form's interviews, one row per entry."""
    form = latest_form(store, form_id)
    rows = audit_rows(store, form.form_id, status)
    notes: list[Message] = []
    columns: dict[str, object] = {}
    for i, name in enumerate(AUDIT):
        values = [r[i] for r in rows]
        columns[name] = _times(values, notes) if name == "at" else _texts(values, name, notes)
    return _table(pd.DataFrame(columns), form, language, AUDIT, notes)


def _table(frame: pd.DataFrame, form: Any, language: str | None, names: Sequence[str],
           notes: list[Message]) -> ExportTable:
    lang = str(language if language in form.languages else form.default_language())
    _ = translator("export", lang if lang in LANGUAGES else "en")
    kinds = {"at": "timestamp", "seconds_since_previous": "decimal", "seconds_on_question": "decimal"}
    variables = tuple(Variable(name, _(LABELS[name]), kinds.get(name, "meta")) for name in names)
    return ExportTable(frame=frame.reset_index(drop=True), variables=variables, form=form,
                       language=lang, notes=tuple(notes))


def _texts(values: list[object], column: str, notes: list[Message]) -> pd.Series:
    bad = [v for v in values if isinstance(v, bytes)]
    if bad:
        notes.append(ExportCode.UNREADABLE_META.message(count=len(bad), column=column,
                                                        example=shown_value(bad[0])))
    return pd.Series([v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                      for v in values], dtype=object)


def _times(values: list[object], notes: list[Message]) -> pd.Series:
    texts = pd.Series([v if isinstance(v, str) else None for v in values], dtype=object)
    times = pd.to_datetime(texts, format="ISO8601", utc=True, errors="coerce")
    bad = times.isna().to_numpy() & np.asarray([v is not None for v in values], dtype=bool)
    if bad.any():
        example = values[int(np.flatnonzero(bad)[0])]
        notes.append(ExportCode.UNREADABLE_META.message(count=int(bad.sum()), column="at",
                                                        example=shown_value(example)))
    return times.dt.tz_localize(None).astype("datetime64[ns]")


def _durations(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Seconds since the interview's previous event; for answers, since the question was
    last shown (rows are in time order within each interview)."""
    at = frame["at"]
    previous = at.groupby(frame["uuid"]).shift(1)
    since = (at - previous).dt.total_seconds()
    shown = at.where(frame["event"] == "shown")
    last_shown = shown.groupby([frame["uuid"], frame["question"]]).ffill()
    on_question = (at - last_shown).dt.total_seconds().where(frame["event"] == "answered")
    return since.astype("Float64"), on_question.astype("Float64")
