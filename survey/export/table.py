"""The wide interview table: one row per interview, one column per question.

This is the one place that turns the store's long answers (one row per interview and question)
into the table analysts use. ``analysis/`` and ``reports/`` read it as a pandas DataFrame; the
writers in ``survey.export.writers`` save it as csv, xlsx, sav or dta.

Columns, in order: metadata (``uuid``, ``form_id``, ``form_version``, ``status``,
``interviewer``, ``device_id``, ``language``, ``started_at``, ``completed_at``,
``duration_min``), then the questions in form order. A select_multiple gives its raw
space-separated value under the question name plus one 0/1 column per choice named by
``choice_column`` (empty where the question was not answered). An ``or_other`` question's text
is ``<name>_other``. Notes are left out; calculations are included. Answers to questions that
are not relevant for the interview are left out, as the interview engine decides. Interviews of
older questionnaire versions are read with their own version and joined to the newest
version's table (``survey.export.combine``).

The frame holds choice names (never labels) and the same dtypes under pandas 2 and 3: text and
choices ``object`` with ``None`` for an empty cell, integers ``Int64``, decimals ``Float64``,
dates and times ``datetime64[ns]`` (times in UTC). ``ExportTable.reasons`` says why each empty
question cell is empty (``survey.export.missing``); ``ExportTable.notes`` what could not be
read from the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from survey.errors import ExportError, SurveyError
from survey.export.build import Progress, Slot, fill_slots, slot_kind, stored_slots
from survey.export.codes import KIND_NAMES, ExportCode
from survey.export.combine import combine_versions, shifted, version_groups
from survey.export.exporttable import MISSING_ATTR, ExportTable, missing_values
from survey.export.meta import META_COLUMNS, meta_frame, meta_variables
from survey.export.missing import BY_NAME, NOT_ASKED, NOT_REACHED, NUMBERS, reason_of
from survey.export.reading import AnswerSource, interview_rows
from survey.export.relevance import Verdicts, verdicts
from survey.export.snapshot import Snapshots
from survey.export.variable import (
    POINT_PARTS,
    POINT_TYPES,
    Variable,
    choice_column,
    column_kind,
    point_column,
)
from survey.form.model import Form, Question, QuestionType
from survey.i18n import LANGUAGES, translator
from survey.interview.answers import parse_answer
from survey.interview.graph import other_name
from survey.messages import Location, Message
from survey.store.reader import Reader
from survey.store.records import FormRecord
from survey.versions import bundled_changes

__all__ = [
    "META_COLUMNS",
    "MISSING_ATTR",
    "ExportTable",
    "Variable",
    "choice_codes",
    "choice_column",
    "interview_table",
    "latest_form",
]



def choice_codes(question: Question) -> dict[str, int]:
    """Numeric codes of a select_one's choices: the choice names where every ordinary choice
    name is a whole number (e.g. a 1-5 scale), else 1..k in choice order; a choice marked
    ``kelisim::missing`` gets its missing code (-97 don't know, -96 refused)."""
    ordinary = [c.name for c in question.choices if c.missing is None]
    numeric = all(_whole(name) for name in ordinary) and not {int(n) for n in ordinary
                                                               if _whole(n)} & NUMBERS
    codes = {name: int(name) if numeric else i + 1 for i, name in enumerate(ordinary)}
    codes.update({c.name: BY_NAME[c.missing].number for c in question.choices
                  if c.missing is not None})
    return {c.name: codes[c.name] for c in question.choices}


def _whole(text: str) -> bool:
    body = text[1:] if text.startswith("-") else text
    return body.isdigit() and len(body) <= 9


def interview_table(store: Reader, form_id: str | None = None, *, language: str | None = None,
                    include_pii: bool = False, status: str | None = None,
                    progress: Progress | None = None,
                    cancel: Callable[[], bool] | None = None,
                    snapshot: bool = False) -> ExportTable:
    """Build the wide table of one form's interviews (the only form when ``form_id`` is None).

    ``language`` picks the labels (default: the form's default language); personal-data
    questions are left out unless ``include_pii``; ``status`` keeps only "complete" or "draft"
    interviews. Interviews recorded on older versions of the questionnaire are read with their
    own version (its questions, conditions and calculations) and joined to the newest
    version's table (``survey.export.combine``). Sealed interviews (not unsealed with the
    project's key) are left out. ``snapshot``: each version's table is read from, and kept in,
    the analysis snapshot beside a database file (``survey.export.snapshot``; never with
    personal data).
    """
    kept = Snapshots.of(store, status) if snapshot and not include_pii else None
    sealed = store.sealed_uuids()  # readable only with the project's key: left out
    if kept is not None:
        joined = _kept_joined(store, kept, _latest_record(store, form_id).form_id, sealed,
                              language)
        if joined is not None:
            if progress is not None:
                progress(len(joined.frame), len(joined.frame))
            return joined
    form = latest_form(store, form_id)
    options = _Options(_language(form, language), include_pii, status)
    meta_rows = [r for r in interview_rows(store, form.form_id, status) if r[1] not in sealed]
    groups = version_groups(meta_rows, form.version)
    if list(groups) == [form.version]:
        return _piece(store, form, meta_rows, options, (progress, cancel), kept)
    forms = [_version_form(store, form, version) for version in groups]
    pieces = []
    done = 0
    for version_form, indices in zip(forms, groups.values(), strict=True):
        rows = [meta_rows[i] for i in indices]
        piece = _piece(store, version_form, rows, options,
                       (shifted(progress, done, len(meta_rows)), cancel), kept)
        pieces.append((indices, piece))
        done += len(rows)
    table = combine_versions(pieces, bundled_changes(form.form_id))
    if kept is not None:
        kept.keep_joined(forms, table, sealed)
    return table


def _kept_joined(store: Reader, kept: Snapshots, form_id: str, sealed: set[str],
                 language: str | None) -> ExportTable | None:
    """The joined table of several versions as kept when the store has not changed since
    (its questionnaires read from the snapshot too); None otherwise."""
    found = kept.kept_joined(form_id, sealed)
    if found is None:
        return None
    options = _Options(_language(found.forms[0], language), False, kept.status)
    empty = combine_versions([(np.zeros(0, dtype=np.int64), _version_table(
        store, f, [], options, None, None, only_these=True)) for f in found.forms],
        bundled_changes(form_id))
    return found.table(empty)


def _language(form: Form, language: str | None) -> str:
    return language if language in form.languages else form.default_language()


@dataclass(frozen=True, slots=True)
class _Options:
    language: str
    include_pii: bool
    status: str | None


def _version_form(store: Reader, newest: Form, version: str) -> Form:
    """The questionnaire of ``version`` (the newest one when it is not in the store)."""
    if version == newest.version:
        return newest
    try:
        return store.load_form(newest.form_id, version, repeats=True)
    except SurveyError:
        return newest


def _piece(store: Reader, form: Form, meta_rows: list[Any], options: _Options,
           report: tuple[Progress | None, Callable[[], bool] | None],
           kept: Snapshots | None) -> ExportTable:
    """One version's table: from the snapshot when there is one, else built."""
    progress, cancel = report
    if kept is None:
        return _version_table(store, form, meta_rows, options, progress, cancel)
    table = kept.table(form, meta_rows, lambda rows, only: _version_table(
        store, form, rows, options, None if only else progress, cancel, only_these=only))
    if progress is not None:
        progress(len(meta_rows), len(meta_rows))
    return table


def _version_table(store: Reader, form: Form, meta_rows: list[Any], options: _Options,
                   progress: Progress | None, cancel: Callable[[], bool] | None,
                   seen: Verdicts | None = None, only_these: bool = False) -> ExportTable:
    """The wide table of ``meta_rows``' interviews, all recorded on ``form``'s version
    (``seen``: the engine's verdicts when the caller has them, as for a form with repeats;
    ``only_these``: a few interviews of many, whose answers are read alone)."""
    if seen is None and any(g.repeat for g in form.groups):  # the main level, one row per
        from survey.export.repeat_tables import main_table  # interview (repeats: their tables)

        return main_table(store, form, meta_rows, options, (progress, cancel), only_these)
    questions = [q for q in form.questions if q.type is not QuestionType.NOTE
                 and (options.include_pii or not q.pii)]
    variables = _variables(form, questions, options.language)
    meta, draft, notes = meta_frame(meta_rows)
    n = len(meta)
    if progress is not None:
        progress(0, n)
    slots = stored_slots(form.questions, n)
    rowids = np.asarray([row[0] for row in meta_rows], dtype=np.int64)
    if n:
        source = AnswerSource(store, form.form_id, options.status, meta_rows,
                              only_these=only_these)
        fill_slots(source, rowids, slots, progress, cancel)
    if seen is None:
        seen = verdicts(form, n, lambda name: _driver(slots[name], form.question(name)))
    columns, reasons = _question_columns(form, questions, variables, slots, seen, draft)
    frame = pd.concat([meta, pd.DataFrame(columns, index=meta.index)], axis=1)
    frame.attrs[MISSING_ATTR] = missing_values(variables)
    if progress is not None:
        progress(n, n)
    return ExportTable(frame=frame, variables=tuple(variables), form=form,
                       language=options.language,
                       reasons=pd.DataFrame(reasons, index=meta.index),
                       notes=(*notes, *_slot_notes(slots, form)))


def latest_form(store: Reader, form_id: str | None) -> Form:
    latest = _latest_record(store, form_id)
    return store.load_form(latest.form_id, latest.version, repeats=True)


def _latest_record(store: Reader, form_id: str | None) -> FormRecord:
    """The record of the newest version of ``form_id`` (of the only form when None)."""
    forms = store.forms()
    if form_id is not None:
        forms = [f for f in forms if f.form_id == form_id]
    ids = sorted({f.form_id for f in forms})
    if not ids:
        where = Location(file=str(store.path))
        raise ExportError(ExportCode.UNKNOWN_FORM.message(where, form=form_id) if form_id
                          else ExportCode.NO_FORM.message(where))
    if len(ids) > 1:
        raise ExportError(ExportCode.SEVERAL_FORMS, Location(file=str(store.path)), forms=ids)
    return max(forms, key=lambda f: f.version_order)  # by version, never by arrival


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``"2026.10"`` after ``"2026.9"``: numbers compared as numbers."""
    return tuple((int(part), "") if part.isdigit() else (-1, part)
                 for part in re.split(r"(\d+)", version) if part)


def _variables(form: Form, questions: list[Question], lang: str) -> list[Variable]:
    _ = translator("export", lang if lang in LANGUAGES else "en")
    out = meta_variables(_)
    for q in questions:
        label = q.label.get(lang) or q.name
        missing = q.missing_choices
        if q.type is QuestionType.SELECT_ONE:
            out.append(Variable(q.name, label, "select_one", q.name,
                                {c.name: c.label.get(lang) or c.name for c in q.choices}, q.pii,
                                choice_codes(q), missing))
        elif q.type is QuestionType.SELECT_MULTIPLE:
            out.append(Variable(q.name, label, "select_multiple", q.name, pii=q.pii,
                                missing=missing))
            out += [Variable(choice_column(q.name, c.name),
                             f"{label}: {c.label.get(lang) or c.name}", "choice_dummy", q.name,
                             {"choice": c.name}, q.pii, missing=missing) for c in q.choices]
        else:
            out.append(Variable(q.name, label, column_kind(q), q.name, pii=q.pii))
        if q.type in POINT_TYPES:
            out += [Variable(point_column(q.name, part), f"{label}: {part}", "decimal",
                             q.name, pii=q.pii) for part in POINT_PARTS]
        if q.or_other and q.type.is_select:
            out.append(Variable(other_name(q), _("{label} (other)", label=label), "text",
                                q.name, pii=q.pii))
    return out


def _driver(slot: Slot, question: Question) -> np.ndarray:
    """A question's stored answers as the engine takes them (Python values, None if empty)."""
    values = slot.values
    if slot.kind in ("integer", "decimal"):
        out = np.full(len(values), None, dtype=object)
        good = ~np.isnan(values)
        out[good] = [int(v) for v in values[good]] if slot.kind == "integer" \
            else values[good].tolist()
        return out
    if slot.kind == "date":
        out = np.full(len(values), None, dtype=object)
        good = ~np.isnat(values)
        out[good] = values[good].astype(object)  # datetime.date
        return out
    if question.type in (QuestionType.TEXT, QuestionType.SELECT_ONE):
        return values
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    for i, text in enumerate(uniques):  # e.g. a select_multiple's tuple, as the engine takes it
        parsed, _ = parse_answer(question, text)
        mapped[i] = text if parsed is None else parsed
    return mapped[codes]


def _question_columns(form: Form, questions: list[Question], variables: list[Variable],
                      slots: dict[str, Slot], seen: Verdicts, draft: np.ndarray
                      ) -> tuple[dict[str, object], dict[str, np.ndarray]]:
    """The question columns of the frame and the reason of every cell."""
    relevant, calculated = seen.relevant, seen.calculated
    n = len(draft)
    last = _last_answered(form, slots, relevant, n)
    by_question = {v.name: v for v in variables}
    columns: dict[str, object] = {}
    reasons: dict[str, np.ndarray] = {}
    for position, q in enumerate(form.questions):
        if q not in questions:
            continue
        names = [q.name] + ([other_name(q)] if q.or_other and q.type.is_select else [])
        for name in names:
            if name not in slots:  # calculated by the engine
                values = calculated.get(name, np.full(n, None, dtype=object))
                filled = _filled(values)
            else:
                values, filled = slots[name].values, slots[name].filled
            rel = relevant.get(name, np.ones(n, dtype=bool))
            kept = rel & filled
            reason = np.where(rel, 0, NOT_ASKED).astype(np.int8)
            reason[draft & ~kept & (position > last)] = NOT_REACHED
            kind = slots[name].kind if name in slots else (
                "choice" if q.type is QuestionType.CALCULATE else slot_kind(q))
            column = _typed(values, kept, kind)
            _declared_missing(by_question[name], column, kept, reason)
            columns[name] = column
            reasons[name] = reason
            if q.type is QuestionType.SELECT_MULTIPLE and name == q.name:
                _dummies(q, column, kept, reason, columns, reasons)
            if q.type in POINT_TYPES and name == q.name:
                _point_parts(q, column, reason, columns, reasons)
    return columns, reasons


def _last_answered(form: Form, slots: dict[str, Slot], relevant: dict[str, np.ndarray],
                   n: int) -> np.ndarray:
    """Per interview, the form position of the last relevant question answered (-1: none)."""
    last = np.full(n, -1, dtype=np.int64)
    for position, q in enumerate(form.questions):
        slot = slots.get(q.name)
        if slot is not None:
            answered = slot.present & relevant.get(q.name, np.ones(n, dtype=bool))
            last[answered] = position
    return last


def _filled(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        return np.asarray(pd.notna(values), dtype=bool)
    if values.dtype.kind == "M":
        return ~np.isnat(values)
    return ~np.isnan(values)


def _typed(values: np.ndarray, kept: np.ndarray, kind: str) -> object:
    """A frame column: the kept values in the question's dtype."""
    if kind == "integer":
        return pd.array(np.where(kept, values, np.nan), dtype="Float64").astype("Int64")
    if kind == "decimal":
        return pd.array(np.where(kept, values, np.nan), dtype="Float64")
    if kind == "date":
        return pd.Series(np.where(kept, values, NAT_D)).astype("datetime64[ns]").to_numpy()
    out = np.full(len(values), None, dtype=object)
    out[kept] = values[kept]
    return pd.Series(out, dtype=object)  # object under pandas 2 and 3 (not "str")


NAT_D = np.datetime64("NaT", "D")


def _declared_missing(variable: Variable, column: object, kept: np.ndarray,
                      reason: np.ndarray) -> None:
    """Reason 3/4 for answers that are choices marked ``kelisim::missing``."""
    if not variable.missing or variable.kind not in ("select_one", "select_multiple"):
        return
    values = np.asarray(column, dtype=object)
    for choice, kind in variable.missing.items():
        if variable.kind == "select_one":
            hit = kept & (values == choice)
        else:  # only missing choices ticked
            hit = kept & np.fromiter(
                (v is not None and set(v.split()) <= set(variable.missing) and choice in v.split()
                 for v in values), dtype=bool, count=len(values))
        reason[hit & (reason == 0)] = reason_of(kind)


def _dummies(q: Question, column: object, kept: np.ndarray, reason: np.ndarray,
             columns: dict[str, object], reasons: dict[str, np.ndarray]) -> None:
    values = np.asarray(column, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    picked = [frozenset(u.split()) for u in uniques]
    for c in q.choices:
        per_unique = np.asarray([c.name in p for p in picked] + [False])
        dummy = np.where(kept, per_unique[codes].astype(float), np.nan)
        columns[choice_column(q.name, c.name)] = pd.array(dummy, dtype="Float64").astype("Int64")
        reasons[choice_column(q.name, c.name)] = reason.copy()


def _point_parts(q: Question, column: object, reason: np.ndarray,
                 columns: dict[str, object], reasons: dict[str, np.ndarray]) -> None:
    """``lat lon alt acc`` of a geopoint as four numbers (a part that is missing: empty)."""
    texts = pd.Series(np.asarray(column, dtype=object), dtype=object)
    parts = texts.str.split(expand=True).reindex(columns=range(len(POINT_PARTS)))
    for i, part in enumerate(POINT_PARTS):
        numbers = pd.to_numeric(parts[i], errors="coerce").to_numpy(dtype=float)
        columns[point_column(q.name, part)] = pd.array(numbers, dtype="Float64")
        reasons[point_column(q.name, part)] = reason.copy()


def _slot_notes(slots: dict[str, Slot], form: Form) -> list[Message]:
    notes = []
    for slot in slots.values():
        if slot.bad:
            notes.append(ExportCode.UNREADABLE_VALUES.message(
                Location(question=slot.name), count=slot.bad, example=slot.example or "",
                kind=KIND_NAMES[slot.kind].message()))
        if slot.cleaned:
            notes.append(ExportCode.CONTROL_CHARACTERS.message(Location(question=slot.name),
                                                               count=slot.cleaned))
    return notes
