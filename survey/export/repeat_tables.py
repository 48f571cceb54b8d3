"""Tables of a form with repeats: one per level, linked by the interview's UUID.

The main table is the interviews' table as for any form (one row per interview; questions
inside repeats are not columns of it). Each repeat, nested ones too, gets a table of its own
with one row per instance, as ODK Central and KoboToolbox export them:

* ``_parent_uuid``: the interview's ``uuid`` (a row of the main table);
* ``_parent_index`` (nested repeats only): the index path of the parent instance, ``"2"`` for
  the jobs of the second member, ``"2/1"`` one level deeper; it is the parent table's
  ``_parent_index`` and ``_index`` joined by ``/``;
* ``_index``: the instance's 1-based position in its parent.

Then the repeat's own questions (not those of nested repeats) with the same types, labels,
choice codes and missing reasons as the main table's columns, built by the same code
(``survey.export.build`` and ``survey.export.table``). Relevance and calculations come from
the interview engine (``RepeatInterview``), once per interview, so a condition that reads an
answer outside the repeat, or a count of the instances, is decided as in the interview.
Interviews the export leaves out (status, sealed) give no rows; personal-data questions are
left out unless asked for. Interviews are read with their own version of the questionnaire
and joined across versions as the main table is (``survey.export.combine``): interviews of a
version without the repeat have no instances of it, a question renamed inside a repeat
between versions is one column under its newest name, and ``RepeatTables.asked`` (with a note
on the repeat's table) says which versions asked each repeat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from survey.errors import ExportError, SurveyError
from survey.export.build import Progress, Slot, _names, _split, stored_slots
from survey.export.codes import ExportCode
from survey.export.combine import combine_versions, shifted, version_groups
from survey.export.exporttable import MISSING_ATTR, ExportTable, missing_values
from survey.export.meta import META_COLUMNS, meta_frame
from survey.export.reading import AnswerSource, interview_rows
from survey.export.relevance import Verdicts
from survey.export.table import (
    _Options,
    _question_columns,
    _slot_notes,
    _variables,
    _version_table,
    latest_form,
)
from survey.export.variable import Variable
from survey.expressions.nodesets import InstancePath, instance_key
from survey.form.model import Form, Question, QuestionType
from survey.form.repeats import repeat_path, repeats
from survey.i18n import LANGUAGES, translator
from survey.interview.answers import parse_answer
from survey.interview.graph import other_name
from survey.interview.instances import INSTANCE_MARK, RepeatInterview, _is_mark
from survey.messages import Message
from survey.store.reader import Reader
from survey.versions import VersionChanges, bundled_changes

KEY_COLUMNS = ("_parent_uuid", "_parent_index", "_index")
KEY_LABELS = {"_parent_uuid": "Interview identifier", "_parent_index": "Parent instance",
              "_index": "Position in the repeat"}


@dataclass(frozen=True)
class Level:
    """The main level (``name`` "", ``path`` ()) or one repeat with the repeats around it."""

    name: str
    path: tuple[str, ...]
    questions: tuple[Question, ...]

    def names(self) -> list[str]:
        """The stored or calculated names of the level (``_other`` texts included)."""
        out = []
        for q in self.questions:
            if q.type is not QuestionType.NOTE:
                out.append(q.name)
                if q.or_other and q.type.is_select:
                    out.append(other_name(q))
        return out


@dataclass(frozen=True)
class RepeatTables:
    """The main table and one table per repeat (by repeat name, in form order)."""

    main: ExportTable
    repeats: dict[str, ExportTable] = field(default_factory=dict)
    #: Per repeat, the repeats around it and itself, outermost first.
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Per repeat, the questionnaire versions of the exported interviews that asked it
    #: (interviews of other versions have no instances of it).
    asked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The questionnaire versions the tables were read with, the newest first.
    forms: tuple[Form, ...] = ()

    def levels(self) -> list[tuple[str, ExportTable]]:
        """``("", main)`` then ``(repeat, table)`` for every repeat."""
        return [("", self.main), *self.repeats.items()]


def levels_of(form: Form) -> list[Level]:
    """The main level and every repeat of ``form``, each with its own questions."""
    paths = {q.name: repeat_path(form, q) for q in form.questions}
    out = [Level("", (), tuple(q for q in form.questions if not paths[q.name]))]
    for group in repeats(form):
        path = repeat_path(form, group)
        out.append(Level(group.name, path,
                         tuple(q for q in form.questions if paths[q.name] == path)))
    return out


def repeat_frames(store: Reader, form_id: str | None = None, *, status: str | None = "complete",
                  include_pii: bool = False, language: str | None = None
                  ) -> dict[str, pd.DataFrame]:
    """The frame of every repeat of the form, by repeat name (``_parent_uuid`` is the main
    table's ``uuid``; see the module's description for the key columns)."""
    tables = repeat_tables(store, form_id, status=status, include_pii=include_pii,
                           language=language)
    return {name: table.frame for name, table in tables.repeats.items()}


def repeat_tables(store: Reader, form_id: str | None = None, *, language: str | None = None,
                  include_pii: bool = False, status: str | None = None,
                  progress: Progress | None = None,
                  cancel: Callable[[], bool] | None = None) -> RepeatTables:
    """The tables of every level of one form's interviews (as ``interview_table``).

    Interviews of each questionnaire version are read with their own version and joined as
    the main table is (``survey.export.combine``): a version without a repeat gives it no
    instances, and the repeat's table says which versions asked it (``asked``, and a note)."""
    form = latest_form(store, form_id)
    lang = language if language in form.languages else form.default_language()
    options = _Options(lang, include_pii, status)
    sealed = store.sealed_uuids()
    meta_rows = [r for r in interview_rows(store, form.form_id, status) if r[1] not in sealed]
    groups = version_groups(meta_rows, form.version)
    report = _Report(progress, cancel, len(meta_rows))
    forms = [_form_of(store, form, version) for version in groups]
    parts = [_version_levels(store, version_form, [meta_rows[i] for i in indices], options,
                             report)
             for version_form, indices in zip(forms, groups.values(), strict=True)]
    return _joined_tables(forms, list(groups), list(groups.values()), parts)


def empty_tables(store: Reader, forms: list[Form], language: str | None,
                 status: str | None) -> RepeatTables:
    """The tables of no interviews of the versions ``forms`` (newest first): the columns and
    types the tables of their interviews have (what a kept table is checked against)."""
    lang = language if language in forms[0].languages else forms[0].default_language()
    options = _Options(lang, False, status)
    report = _Report(None, None, 0)
    parts = [_version_levels(store, f, [], options, report, only_these=True) for f in forms]
    return _joined_tables(forms, [f.version for f in forms],
                          [np.zeros(0, dtype=np.int64)] * len(forms), parts)


def _joined_tables(forms: list[Form], versions: list[str], indices: list[np.ndarray],
                   parts: list[_VersionLevels]) -> RepeatTables:
    """Every level's table over the ``versions`` (newest first, read with ``forms``), each
    version's interviews at ``indices`` of the main table."""
    changes = bundled_changes(forms[0].form_id)
    pieces = list(zip(indices, parts, strict=True))
    main = parts[0].main if len(parts) == 1 else combine_versions(
        [(rows, part.main) for rows, part in pieces], changes)
    levels = levels_of(forms[0])[1:]
    asked = {level.name: tuple(v for v, part in zip(versions, parts, strict=True)
                               if level.name in part.repeats) for level in levels}
    tables = {level.name: _joined_level(level.name, pieces, changes, asked[level.name],
                                        versions) for level in levels}
    return RepeatTables(main, tables, {level.name: level.path for level in levels}, asked,
                        tuple(forms))


@dataclass(frozen=True)
class _Report:
    """Progress over all versions' interviews, and the caller's cancel."""

    progress: Progress | None
    cancel: Callable[[], bool] | None
    total: int
    done: list[int] = field(default_factory=lambda: [0])

    def piece(self) -> Progress | None:
        return shifted(self.progress, self.done[0], self.total)


@dataclass(frozen=True)
class _VersionLevels:
    """One version's main table and its repeats' tables, each instance's interview given as
    its row in the version's main table (``parents``)."""

    main: ExportTable
    repeats: dict[str, ExportTable]
    parents: dict[str, np.ndarray]


def _version_levels(store: Reader, form: Form, meta_rows: list[Any], options: _Options,
                    report: _Report, only_these: bool = False) -> _VersionLevels:
    """The levels of the interviews of one version, read with that version's questionnaire
    (``only_these``: a few interviews of many, read alone)."""
    levels = levels_of(form)
    if len(levels) == 1:  # a version without repeats: an ordinary table
        main = _version_table(store, form, meta_rows, options, report.piece(), report.cancel,
                              only_these=only_these)
        report.done[0] += len(meta_rows)
        return _VersionLevels(main, {}, {})
    collected = _collect(store, form, levels, meta_rows, options, report.cancel, only_these)
    main = _main_level(store, form, levels[0], collected[""], meta_rows, options,
                       (report.piece(), report.cancel), only_these)
    report.done[0] += len(meta_rows)
    _, draft, _ = meta_frame(meta_rows)
    uuids = [row[1] for row in meta_rows]
    tables = {level.name: _level_table(form, level, collected[level.name], options, draft,
                                       uuids) for level in levels[1:]}
    parents = {level.name: np.asarray(collected[level.name].interview, dtype=np.int64)
               for level in levels[1:]}
    return _VersionLevels(main, tables, parents)


def main_table(store: Reader, form: Form, meta_rows: list[Any], options: _Options,
               report: tuple[Progress | None, Callable[[], bool] | None],
               only_these: bool = False) -> ExportTable:
    """The main level of one version's interviews (``interview_table`` of a form with
    repeats: its questions outside the repeats, decided by ``RepeatInterview``)."""
    levels = levels_of(form)[:1]
    collected = _collect(store, form, levels, meta_rows, options, report[1], only_these)
    return _main_level(store, form, levels[0], collected[""], meta_rows, options, report,
                       only_these)


def _collect(store: Reader, form: Form, levels: list[Level], meta_rows: list[Any],
             options: _Options, cancel: Callable[[], bool] | None,
             only_these: bool = False) -> dict[str, _Collected]:
    """The engine's verdicts and the stored answers of ``levels``, interview by interview."""
    collected = {level.name: _Collected() for level in levels}
    source = AnswerSource(store, form.form_id, options.status, meta_rows,
                          only_these=only_these)
    answers = dict(_interviews(source, meta_rows))
    for row in range(len(meta_rows)):  # in the main table's order
        if cancel is not None and cancel():
            raise ExportError(ExportCode.CANCELLED)
        _walk(form, levels, row, answers.pop(row, {}), collected)
    return collected


def _main_level(store: Reader, form: Form, level: Level, rows: _Collected,
                meta_rows: list[Any], options: _Options,
                report: tuple[Progress | None, Callable[[], bool] | None],
                only_these: bool = False) -> ExportTable:
    return _version_table(store, replace(form, questions=level.questions), meta_rows, options,
                          report[0], report[1], seen=rows.verdicts(level, len(meta_rows)),
                          only_these=only_these)


def _form_of(store: Reader, newest: Form, version: str) -> Form:
    """The questionnaire of ``version``, read with its repeats (the newest one when it is not
    in the store)."""
    if version == newest.version:
        return newest
    try:
        return store.load_form(newest.form_id, version, repeats=True)
    except SurveyError:
        return newest


def _joined_level(name: str, pieces: list[tuple[np.ndarray, _VersionLevels]],
                  changes: VersionChanges | None, asked: tuple[str, ...],
                  present: list[str]) -> ExportTable:
    """One repeat's table over every version that asked it, instances in the order of their
    interviews in the main table (questions renamed between versions under their newest
    name); a note names the versions that did not ask it."""
    found = [(indices[part.parents[name]], part.repeats[name]) for indices, part in pieces
             if name in part.repeats]
    table = found[0][1] if len(found) == 1 else combine_versions(found, changes)
    others = [v for v in present if v not in asked]
    if not others or not any(len(indices) for indices, part in pieces
                             if name not in part.repeats):
        return table
    return replace(table, notes=(*table.notes, _not_asked(name, asked, others)))


def _not_asked(name: str, asked: tuple[str, ...] | list[str], others: list[str]) -> Message:
    return ExportCode.REPEAT_NOT_ASKED.message(repeat=name, asked=list(asked), versions=others)


def not_asked(name: str, forms: list[Form]) -> Message | None:
    """The note of the repeat ``name``'s table read with the versions ``forms`` (each with
    interviews, as those of a kept table) when some of them did not ask it."""
    asked = [f.version for f in forms if any(g.name == name for g in repeats(f))]
    others = [f.version for f in forms if f.version not in asked]
    return _not_asked(name, asked, others) if others else None


class _Collected:
    """The rows of one level gathered interview by interview."""

    def __init__(self) -> None:
        self.interview: list[int] = []  # row of the interview in the main table
        self.paths: list[InstancePath] = []
        self.texts: dict[str, tuple[list[int], list[object]]] = {}
        self.relevant: dict[str, list[bool]] = {}
        self.calculated: dict[str, list[object]] = {}

    def add(self, row: int, path: InstancePath) -> int:
        self.interview.append(row)
        self.paths.append(path)
        return len(self.paths) - 1

    def verdicts(self, level: Level, n: int) -> Verdicts:
        calculated = {q.name for q in level.questions if q.calculation is not None}
        return Verdicts(
            {name: np.asarray(self.relevant.get(name, [True] * n), dtype=bool)
             for name in level.names()},
            {name: _objects(self.calculated.get(name, [None] * n)) for name in calculated})


def _objects(items: list[object]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def _interviews(source: AnswerSource, meta_rows: list[Any]
                ) -> Iterator[tuple[int, dict[str, object]]]:
    """``(row in the main table, {instance path: stored text})`` of every interview."""
    position = {row[0]: i for i, row in enumerate(meta_rows)}
    for batch in source.batches():
        for rowid, questions, texts, count in batch:
            row = position.get(int(rowid))
            if row is None:
                continue
            parts = _split(texts, int(count))
            pairs = list(zip(_names(questions), parts, strict=True)) if parts is not None \
                else [(str(q), t) for q, t in source.answers_of(int(rowid))]
            yield row, dict(pairs)


def _walk(form: Form, levels: list[Level], row: int, texts: dict[str, object],
          collected: dict[str, _Collected]) -> None:
    """The engine's verdicts and the stored answers of one interview, level by level."""
    interview = _engine(form, texts)
    for level in levels:
        rows = collected[level.name]
        for path in _instances(interview, level.path, ()):
            index = rows.add(row, path)
            for name in level.names():
                key = instance_key(path, name)
                if key in texts:
                    where, values = rows.texts.setdefault(name, ([], []))
                    where.append(index)
                    values.append(texts[key])
                rows.relevant.setdefault(name, []).append(interview.engine.is_relevant(key))
            for q in level.questions:
                if q.calculation is not None:
                    value = interview.engine.value(instance_key(path, q.name))
                    rows.calculated.setdefault(q.name, []).append(
                        None if value is None or value == "" else value)


def _engine(form: Form, texts: dict[str, object]) -> RepeatInterview:
    """The interview run on its readable answers (those that cannot be read as their
    question's type are left to the table's notes, as in the main table) and the marks of
    the instances kept without answers (each such instance is a row, as ODK Central has it)."""
    questions = {q.name: q for q in form.questions}
    others = {other_name(q) for q in form.questions if q.or_other and q.type.is_select}
    groups = {g.name: g for g in repeats(form)}
    values: dict[str, object] = {}
    for key, text in texts.items():
        base = key.rsplit("/", 1)[-1]
        question = questions.get(base)
        if not isinstance(text, str):
            continue
        if question is None:
            if base in others:
                values[key] = text
            elif _is_mark(key, groups):  # an instance kept without answers: still a row
                values[key] = INSTANCE_MARK
            continue
        if question.calculation is not None or question.type is QuestionType.NOTE:
            continue
        parsed, _ = parse_answer(question, text)
        if parsed is not None:
            values[key] = parsed
    return RepeatInterview(form, values)


def _instances(interview: RepeatInterview, path: tuple[str, ...],
               parent: InstancePath) -> Iterator[InstancePath]:
    """Every instance path of the repeats ``path`` under ``parent`` (``()`` for the main
    level)."""
    if not path:
        yield parent
        return
    for index in range(1, interview.count(path[0], parent) + 1):
        yield from _instances(interview, path[1:], (*parent, (path[0], index)))


def _level_table(form: Form, level: Level, rows: _Collected, options: _Options,
                 draft: np.ndarray, uuids: list[str]) -> ExportTable:
    """The table of one repeat: key columns, then its questions' columns."""
    level_form = replace(form, questions=level.questions)
    questions = [q for q in level.questions if q.type is not QuestionType.NOTE
                 and (options.include_pii or not q.pii)]
    keys, key_variables = _keys(level, rows, uuids, options.language)
    variables = [*key_variables,
                 *_variables(level_form, questions, options.language)[len(META_COLUMNS):]]
    n = len(rows.paths)
    slots = stored_slots(level.questions, n)
    for name, (where, texts) in rows.texts.items():
        if name in slots:
            _fill(slots[name], where, texts)
    interview = np.asarray(rows.interview, dtype=np.int64)
    draft_rows = draft[interview] if n else np.zeros(0, dtype=bool)
    columns, reasons = _question_columns(level_form, questions, variables, slots,
                                         rows.verdicts(level, n), draft_rows)
    frame = pd.concat([keys, pd.DataFrame(columns, index=keys.index)], axis=1)
    frame.attrs[MISSING_ATTR] = missing_values(variables)
    return ExportTable(frame=frame, variables=tuple(variables), form=level_form,
                       language=options.language,
                       reasons=pd.DataFrame(reasons, index=keys.index),
                       notes=tuple(_slot_notes(slots, level_form)))


def _fill(slot: Slot, where: list[int], texts: list[object]) -> None:
    values = np.empty(len(texts), dtype=object)
    for i, text in enumerate(texts):
        values[i] = text
    slot.fill(np.asarray(where, dtype=np.int64), values)


def _keys(level: Level, rows: _Collected, uuids: list[str], language: str
          ) -> tuple[pd.DataFrame, list[Variable]]:
    """The key columns of a repeat's table and their variables."""
    _ = translator("export", language if language in LANGUAGES else "en")
    columns: dict[str, object] = {
        "_parent_uuid": pd.Series([uuids[i] for i in rows.interview], dtype=object)}
    if len(level.path) > 1:
        columns["_parent_index"] = pd.Series(
            ["/".join(str(index) for _, index in path[:-1]) for path in rows.paths],
            dtype=object)
    columns["_index"] = pd.array([path[-1][1] for path in rows.paths], dtype="Int64")
    variables = [Variable(name, _(KEY_LABELS[name]), "meta") for name in columns]
    return pd.DataFrame(columns), variables
