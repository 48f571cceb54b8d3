"""The data snapshot a report is built from: the exported table, its hash, and counts.

The database is opened read-only (the file is never created, migrated or changed) and read
through :func:`survey.export.interviews_frame` (nothing here runs SQL), which builds the table
once per data snapshot. The SHA-256 is taken over the exported table sorted by interview UUID (column names, then
pandas' stable per-row hashes), so the same data always gives the same hash.

Preparation for the estimators (no statistic is computed here): only consenting respondents are
analysed; Likert answers ("1".."5") become numbers, "don't know" and "refused" missing (the
answers as given stay in ``<question>__answer``); each headline indicator gets a yes/no column
(see :mod:`reports.indicators`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from reports.codes import ReportCode, SpecCode, cause
from reports.errors import ReportError, SpecError
from reports.indicators import Indicator, answer_column, indicator_columns, likert_questions
from reports.spec import ReportSpec
from survey.errors import SurveyError
from survey.export import ExportTable, interviews_frame
from survey.form.model import Form
from survey.messages import Location
from survey.store.postgres.connection import Address, is_server_url
from survey.store.reader import open_reader

#: The last export, keyed by database file, its change counter and the export options: building
#: the wide table is the slow part of a report, and several reports of one snapshot (languages,
#: weightings) reuse it. The table is never modified by the report.
WAVE = "wave"
CONSENT = "consent"


@dataclass(frozen=True)
class Snapshot:
    """What a report knows about its data."""

    table: ExportTable
    data_sha256: str
    analysed: pd.DataFrame  # consenting respondents of the selected wave(s), prepared
    all_waves: pd.DataFrame  # consenting respondents of every wave, prepared
    wave: str | None  # the wave analysed (None: no waves or pooled)
    waves: tuple[str, ...]  # waves present, in questionnaire order
    counts: dict[str, int]
    fieldwork: tuple[date | None, date | None]
    indicators: tuple[Indicator, ...]
    likert: frozenset[str]
    demo: bool = False  # the database holds synthetic demo interviews (``Store.is_demo``)
    #: First and last interview day of the respondents analysed, and of every wave.
    analysed_fieldwork: tuple[date | None, date | None] = (None, None)
    wave_fieldwork: tuple[tuple[str, date | None, date | None, int], ...] = ()

    @property
    def form(self) -> Form:
        return self.table.form


def frame_sha256(frame: pd.DataFrame) -> str:
    """Deterministic SHA-256 of a table: column names and row hashes, rows sorted by uuid."""
    ordered = frame.sort_values("uuid", kind="stable") if "uuid" in frame.columns else frame
    digest = hashlib.sha256("\x1f".join(map(str, ordered.columns)).encode("utf-8"))
    # column by column: pandas 2 formats the datetime columns of one internal block alike
    # (dates with the times' precision), and which columns share a block can change
    texts = (ordered[name].astype(str).to_numpy(dtype=object) for name in ordered.columns)
    digest.update(row_hashes(texts, len(ordered.columns), len(ordered)).tobytes())
    return digest.hexdigest()


def row_hashes(columns: Iterator[np.ndarray], count: int, rows: int) -> np.ndarray:
    """``pd.util.hash_pandas_object(frame, index=False)`` of the frame of these ``count``
    columns, one column in memory at a time (its text form of every cell is large): each
    column hashed by ``pd.util.hash_array`` and the hashes combined as pandas combines them
    (CPython's tuple hash)."""
    mult = np.uint64(1000003)
    out = np.full(rows, 0x345678, dtype=np.uint64)
    for i, column in enumerate(columns):
        out ^= pd.util.hash_array(column)
        out *= mult
        mult += np.uint64(82520 + 2 * (count - i))
    out += np.uint64(97531)
    return out


def load_snapshot(db_path: str | Path, spec: ReportSpec,
                  progress: Callable[[int, int], None] | None = None) -> Snapshot:
    """Export the interviews of ``db_path`` (a file or a ``postgresql://`` server) and prepare
    them for the report of ``spec``."""
    path = Path(db_path)
    try:
        if is_server_url(db_path):
            path = Path(Address.parse(str(db_path)).display)
    except SurveyError as error:
        raise data_error(path, error) from error
    if not is_server_url(db_path) and not path.is_file():
        raise ReportError(ReportCode.NO_DATABASE, Location(file=str(path)))
    status = None if spec.status == "all" else spec.status
    try:
        with open_reader(db_path) as store:  # never creates, migrates or changes it
            table = interviews_frame(store, spec.form_id, status=status, language=spec.language)
            counts = {"complete": store.count_interviews(status="complete",
                                                         form_id=table.form.form_id),
                      "draft": store.count_interviews(status="draft", form_id=table.form.form_id),
                      "sealed": store.count_sealed(table.form.form_id)}
            demo = store.is_demo()
    except SurveyError as error:
        raise data_error(path, error) from error
    frame = table.frame
    if frame.empty:
        reason = ReportCode.NONE_OF_FORM.message(form=table.form.form_id, status=spec.status)
        raise ReportError(ReportCode.NO_INTERVIEWS, Location(file=str(path)), reason=reason)
    return _snapshot(table, spec, counts, demo)


def data_error(path: Path, error: SurveyError) -> ReportError:
    """The survey package's error as a report error: its own messages, hence its code; a
    message that names no place is placed in the database file."""
    if not error.messages:  # an error not yet converted to messages
        return ReportError(ReportCode.DATA, Location(file=str(path)), error=cause(error))
    return ReportError([m if m.location else m.at(Location(file=str(path)))
                        for m in error.messages])


def _snapshot(table: ExportTable, spec: ReportSpec, counts: dict[str, int],
              demo: bool) -> Snapshot:
    frame = table.frame
    likert = likert_questions(table.form)
    indicators = indicator_columns(table.form, spec.indicators, likert)
    consented = frame[frame[CONSENT] == "yes"] if CONSENT in frame.columns else frame
    counts = counts | {"exported": len(frame), "consent_yes": len(consented),
                       "consent_no": len(frame) - len(consented)}
    unknown = [b for b in spec.breakdowns if b not in frame.columns]
    if unknown:
        raise SpecError(SpecCode.UNKNOWN_BREAKDOWN, name=unknown[0], examples=_examples(table))
    prepared = _prepare(consented.reset_index(drop=True), likert, indicators)
    waves = _waves(table.form, prepared)
    wave = spec.wave if spec.wave not in (None, "all") else None
    if spec.wave is None and waves:
        wave = waves[-1]
    if wave is not None and wave not in waves:
        raise ReportError(ReportCode.UNKNOWN_WAVE, wave=wave,
                          waves=list(waves) or ReportCode.NO_WAVES.message())
    analysed = prepared if wave is None else prepared[prepared[WAVE] == wave].reset_index(drop=True)
    if analysed.empty:
        raise ReportError(ReportCode.NO_INTERVIEWS, reason=ReportCode.NONE_CONSENTING.message())
    by_wave = tuple((w, *_days(prepared[prepared[WAVE] == w]), int((prepared[WAVE] == w).sum()))
                    for w in waves)
    return Snapshot(table, frame_sha256(frame), analysed, prepared, wave, waves,
                    counts | {"analysed": len(analysed)}, _days(frame), indicators, likert,
                    demo, _days(analysed), by_wave)


def _days(frame: pd.DataFrame) -> tuple[date | None, date | None]:
    """First and last day interviews of ``frame`` started (None when unknown)."""
    if "started_at" not in frame.columns:
        return (None, None)
    started = pd.to_datetime(frame["started_at"])
    if not started.notna().any():
        return (None, None)
    return (started.min().date(), started.max().date())


def _examples(table: ExportTable) -> list[str]:
    return [v.name for v in table.variables if v.kind == "select_one"][:4]


def _prepare(frame: pd.DataFrame, likert: frozenset[str],
             indicators: tuple[Indicator, ...]) -> pd.DataFrame:
    data = frame.copy()
    for name in likert:
        if name in data.columns:
            data[answer_column(name)] = data[name]  # "don't know" and "refused" kept here
            data[name] = pd.to_numeric(data[name], errors="coerce")
    for ind in indicators:
        if ind.top is not None:
            scores = data[ind.question]
            data[ind.column] = scores.where(scores.isna(), (scores >= ind.top).map(
                {True: "yes", False: "no"}))
    return data


def _waves(form: Form, frame: pd.DataFrame) -> tuple[str, ...]:
    if WAVE not in frame.columns:
        return ()
    present = set(frame[WAVE].dropna())
    question = next((q for q in form.questions if q.name == WAVE), None)
    order = [c.name for c in question.choices] if question is not None else sorted(present)
    return tuple(w for w in order if w in present)
