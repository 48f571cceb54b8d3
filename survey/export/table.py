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
are not relevant for the interview are left out, as the interview engine decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.form.model import Form, Question, QuestionType
from survey.form.parameters import range_is_decimal
from survey.i18n import LANGUAGES, translator
from survey.interview import Interview
from survey.messages import Location
from survey.store import InterviewRecord
from survey.store.reader import Reader

META_COLUMNS: tuple[str, ...] = (
    "uuid", "form_id", "form_version", "status", "interviewer", "device_id", "language",
    "started_at", "completed_at", "duration_min",
)
_META_LABELS = {
    "uuid": "Interview identifier", "form_id": "Questionnaire", "form_version": "Questionnaire version",
    "status": "Status (draft or complete)", "interviewer": "Interviewer",
    "device_id": "Device", "language": "Interview language", "started_at": "Started (UTC)",
    "completed_at": "Completed (UTC)", "duration_min": "Duration (minutes)",
}
Progress = Callable[[int, int], None]


def choice_column(question: str, choice: str) -> str:
    """Name of the 0/1 column of one choice of a select_multiple."""
    return f"{question}__{choice}"


#: A location is exported as ODK's text (``lat lon alt acc``) and as one number per part.
POINT_TYPES = frozenset({QuestionType.GEOPOINT, QuestionType.START_GEOPOINT})
POINT_PARTS = ("latitude", "longitude", "altitude", "accuracy")


def point_column(question: str, part: str) -> str:
    """Name of the column of one part of a geopoint (``home__latitude``)."""
    return f"{question}__{part}"


def _kind(question: Question) -> str:
    """The column kind of a question that is not a select (range by its steps)."""
    if question.type is QuestionType.RANGE:
        return "decimal" if range_is_decimal(dict(question.parameters)) else "integer"
    if question.type is QuestionType.TODAY:
        return "date"
    return question.type.value


@dataclass(frozen=True, slots=True)
class Variable:
    """One column of the table with what labelled formats need."""

    name: str
    label: str
    kind: str  # "meta", "text", "integer", "decimal", "date", "select_one", "select_multiple",
    #            "choice_dummy", "calculate"
    question: str | None = None
    #: For select_one: choice name -> label; for a choice dummy: the choice's label.
    value_labels: dict[str, str] = field(default_factory=dict)
    pii: bool = False


@dataclass(frozen=True, slots=True)
class ExportTable:
    """The wide table and a description of its columns."""

    frame: pd.DataFrame
    variables: tuple[Variable, ...]
    form: Form
    language: str

    def variable(self, name: str) -> Variable:
        for v in self.variables:
            if v.name == name:
                return v
        raise KeyError(name)


def interview_table(store: Reader, form_id: str | None = None, *, language: str | None = None,
                    labels: bool = False, include_pii: bool = False, status: str | None = None,
                    progress: Progress | None = None,
                    cancel: Callable[[], bool] | None = None) -> ExportTable:
    """Build the wide table of one form's interviews (the only form when ``form_id`` is None),
    one row per interview in the order of their ids.

    ``language`` picks the labels (default: the form's default language); ``labels`` puts
    choice labels instead of choice names in select_one columns; personal-data questions are
    left out unless ``include_pii``; ``status`` keeps only "complete" or "draft" interviews.
    """
    form = latest_form(store, form_id)
    records = {r.uuid: r for r in store.interviews(status=status, form_id=form.form_id)}
    return table_of(store, form, records, TableOptions(language, labels, include_pii),
                    progress, cancel)


@dataclass(frozen=True, slots=True)
class TableOptions:
    """How the wide table is made (see :func:`interview_table`)."""

    language: str | None = None
    labels: bool = False
    include_pii: bool = False


def table_of(store: Reader, form: Form, records: dict[str, InterviewRecord],
             options: TableOptions, progress: Progress | None = None,
             cancel: Callable[[], bool] | None = None, *, only_these: bool = False
             ) -> ExportTable:
    """The wide table of the interviews ``records`` of ``form`` (``only_these``: read only
    their answers, for a few interviews of a large store)."""
    lang, questions, variables = _layout(form, options)
    rows = _rows(store, form, records, progress, cancel, only_these)
    frame = _frame(variables, rows, form, questions, lang, options.labels)
    return ExportTable(frame=frame, variables=tuple(variables), form=form, language=lang)


def table_variables(form: Form, options: TableOptions) -> tuple[tuple[Variable, ...], str]:
    """The columns the wide table of ``form`` has, and the language of their labels."""
    lang, _questions, variables = _layout(form, options)
    return tuple(variables), lang


def _layout(form: Form, options: TableOptions) -> tuple[str, list[Question], list[Variable]]:
    lang = options.language if options.language in form.languages else form.default_language()
    questions = [q for q in form.questions if q.type is not QuestionType.NOTE
                 and (options.include_pii or not q.pii)]
    return lang, questions, _variables(form, questions, lang)


def latest_form(store: Reader, form_id: str | None) -> Form:
    """The newest version of ``form_id`` (of the only form when None)."""
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
    latest = max(forms, key=lambda f: f.version_order)  # by version, never by arrival
    return store.load_form(latest.form_id, latest.version)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``"2026.10"`` after ``"2026.9"``: numbers compared as numbers."""
    return tuple((int(part), "") if part.isdigit() else (-1, part)
                 for part in re.split(r"(\d+)", version) if part)


def _variables(form: Form, questions: list[Question], lang: str) -> list[Variable]:
    _ = translator("export", lang if lang in LANGUAGES else "en")
    out = [Variable(name, _(_META_LABELS[name]), "meta") for name in META_COLUMNS]
    for q in questions:
        label = q.label.get(lang) or q.name
        if q.type is QuestionType.SELECT_ONE:
            out.append(Variable(q.name, label, "select_one", q.name,
                                {c.name: c.label.get(lang) or c.name for c in q.choices}, q.pii))
        elif q.type is QuestionType.SELECT_MULTIPLE:
            out.append(Variable(q.name, label, "select_multiple", q.name, pii=q.pii))
            out += [Variable(choice_column(q.name, c.name),
                             f"{label}: {c.label.get(lang) or c.name}", "choice_dummy", q.name,
                             {"choice": c.name}, q.pii) for c in q.choices]
        else:
            out.append(Variable(q.name, label, _kind(q), q.name, pii=q.pii))
        if q.type in POINT_TYPES:
            out += [Variable(point_column(q.name, part), f"{label}: {part}", "decimal",
                             q.name, pii=q.pii) for part in POINT_PARTS]
        if q.or_other:
            out.append(Variable(f"{q.name}_other", _("{label} (other)", label=label), "text",
                                q.name, pii=q.pii))
    return out


def _rows(store: Reader, form: Form, records: dict[str, InterviewRecord],
          progress: Progress | None, cancel: Callable[[], bool] | None, only_these: bool
          ) -> Iterator[tuple[InterviewRecord, dict[str, object]]]:
    total = len(records)
    found: dict[str, dict[str, object]] = {}
    relevance = _RelevanceCache(form)
    answers = store.answer_rows(form_id=form.form_id, uuids=records if only_these else None)
    for uuid, given in _grouped(answers):
        record = records.get(uuid)
        if record is None:
            continue
        if len(found) % 500 == 0:  # also before the first row
            if cancel is not None and cancel():
                raise ExportError(ExportCode.CANCELLED)
            if progress is not None:
                progress(len(found), total)
        found[uuid] = relevance.result(given)
    for uuid in sorted(records):  # interviews without any answer yet have an empty row
        yield records[uuid], found.get(uuid, {})
    if progress is not None:
        progress(total, total)


def _grouped(rows: Iterator[tuple[str, str, object]]) -> Iterator[tuple[str, dict[str, object]]]:
    current: str | None = None
    answers: dict[str, object] = {}
    for uuid, question, value in rows:
        if uuid != current:
            if current is not None:
                yield current, answers
            current, answers = uuid, {}
        answers[question] = value
    if current is not None:
        yield current, answers


class _RelevanceCache:
    """The engine's verdict on relevance and calculations, memoised by what it reads.

    Which stored answers go into the result depends only on the relevance of the answered
    questions, and that relevance only on the answers its conditions read; calculations depend
    only on the answers their expressions (and their groups' conditions) read. So interviews
    that agree on those answers share one verdict. The verdict itself always comes from
    ``survey.interview.Interview``; nothing here decides relevance.
    """

    def __init__(self, form: Form) -> None:
        self._form = form
        questions = {q.name: q for q in form.questions}
        groups = {g.name: g for g in form.groups}
        self._calculated = tuple(q.name for q in form.questions
                                 if q.type is QuestionType.CALCULATE)

        def condition_refs(q: Question) -> set[str]:
            refs = set(q.relevant.references) if q.relevant is not None else set()
            for name in q.group_path:
                group_relevant = groups[name].relevant
                if group_relevant is not None:
                    refs |= group_relevant.references
            return refs

        def closed(names: set[str]) -> frozenset[str]:
            todo, seen = list(names), set(names)
            while todo:  # a calculation read by a condition brings in what it reads
                q = questions.get(todo.pop())
                if q is None or q.calculation is None:
                    continue
                for ref in q.calculation.references | condition_refs(q):
                    if ref not in seen:
                        seen.add(ref)
                        todo.append(ref)
            return frozenset(seen)

        self._needs: dict[str, frozenset[str]] = {}
        for q in form.questions:
            own = condition_refs(q)
            if q.or_other:
                self._needs[f"{q.name}_other"] = closed(own | {q.name})
            self._needs[q.name] = closed(own)
        calc_reads: set[str] = set()
        for name in self._calculated:
            calc = questions[name]
            calc_reads |= (calc.calculation.references if calc.calculation else set())
            calc_reads |= condition_refs(calc)
        self._calc_drivers = tuple(sorted(closed(calc_reads)))
        self._relevant_by_key: dict[object, frozenset[str]] = {}
        self._calculated_by_key: dict[tuple[object, ...], dict[str, object]] = {}

    def result(self, answers: dict[str, object]) -> dict[str, object]:
        names = frozenset(answers)
        drivers: set[str] = set()
        for name in names:
            drivers |= self._needs.get(name, frozenset())
        key = (names, tuple((d, answers.get(d)) for d in sorted(drivers)))
        relevant = self._relevant_by_key.get(key)
        if relevant is None:
            relevant = self._relevant({d: answers[d] for d in drivers if d in answers}, names)
            self._remember(self._relevant_by_key, key, relevant)
        kept = {name: value for name, value in answers.items() if name in relevant}
        if self._calculated:
            calc_key = tuple(answers.get(d) for d in self._calc_drivers)
            calculated = self._calculated_by_key.get(calc_key)
            if calculated is None:
                calculated = self._calculations(
                    {d: answers[d] for d in self._calc_drivers if d in answers})
                self._remember(self._calculated_by_key, calc_key, calculated)
            kept.update(calculated)
        return kept

    def _relevant(self, driver_answers: dict[str, object], names: frozenset[str]
                  ) -> frozenset[str]:
        interview = Interview(self._form, driver_answers)
        return frozenset(n for n in names if n not in self._calculated
                         and (n in self._needs and interview.is_relevant(n)))

    def _calculations(self, driver_answers: dict[str, object]) -> dict[str, object]:
        result = Interview(self._form, driver_answers).result()
        return {name: result[name] for name in self._calculated if name in result}

    @staticmethod
    def _remember(cache: dict, key: object, value: object) -> None:  # type: ignore[type-arg]
        if len(cache) < 100_000:
            cache[key] = value


def _frame(variables: list[Variable], rows: Iterator[tuple[InterviewRecord, dict[str, object]]],
           form: Form, questions: list[Question], lang: str, labels: bool) -> pd.DataFrame:
    columns: dict[str, list[object]] = {v.name: [] for v in variables}
    multiples = [q for q in questions if q.type is QuestionType.SELECT_MULTIPLE]
    points = [q.name for q in questions if q.type in POINT_TYPES]
    derived = {point_column(name, part) for name in points for part in POINT_PARTS}
    simple = [v.name for v in variables
              if v.kind not in ("meta", "choice_dummy") and v.name not in derived]
    for record, answers in rows:
        _append_meta(columns, record)
        for name in simple:
            columns[name].append(_cell(answers.get(name)))
        for q in multiples:
            chosen = answers.get(q.name)
            picked = chosen if isinstance(chosen, tuple) else None
            for c in q.choices:
                columns[choice_column(q.name, c.name)].append(
                    None if picked is None else int(c.name in picked))
        for name in points:
            parts = _point_parts(answers.get(name))
            for part, number in zip(POINT_PARTS, parts, strict=True):
                columns[point_column(name, part)].append(number)
    frame = pd.DataFrame(columns)
    return _typed(frame, variables, labels)


def _point_parts(value: object) -> tuple[float | None, ...]:
    if not isinstance(value, str) or not value:
        return (None,) * len(POINT_PARTS)
    numbers = [float(part) for part in value.split()]
    return tuple(numbers + [None] * (len(POINT_PARTS) - len(numbers)))[:len(POINT_PARTS)]


def _append_meta(columns: dict[str, list[object]], record: InterviewRecord) -> None:
    duration = None
    if record.completed_at is not None:
        duration = round((record.completed_at - record.started_at).total_seconds() / 60.0, 2)
    for name, value in (("uuid", record.uuid), ("form_id", record.form_id),
                        ("form_version", record.form_version), ("status", record.status),
                        ("interviewer", record.interviewer), ("device_id", record.device_id),
                        ("language", record.language), ("started_at", record.started_at),
                        ("completed_at", record.completed_at), ("duration_min", duration)):
        columns[name].append(value)


def _cell(value: object) -> object:
    if isinstance(value, tuple):
        return " ".join(value)
    return value


def _typed(frame: pd.DataFrame, variables: list[Variable], labels: bool) -> pd.DataFrame:
    for v in variables:
        column = frame[v.name]
        if v.kind in ("integer", "choice_dummy"):
            frame[v.name] = pd.array(column, dtype="Int64")
        elif v.kind in ("decimal", "duration") or v.name == "duration_min":
            frame[v.name] = pd.to_numeric(column, errors="coerce").astype("Float64")
        elif v.kind == "date":
            frame[v.name] = pd.to_datetime(column.map(_iso_date), errors="coerce")
        elif v.name in ("started_at", "completed_at"):
            frame[v.name] = pd.to_datetime(column, utc=True).dt.tz_localize(None)
        elif v.kind == "select_one" and labels:
            frame[v.name] = _labelled(column, v)
    return frame


def with_labels(table: ExportTable) -> ExportTable:
    """``table`` with choice labels instead of choice names in its select_one columns (a
    copy), as ``interview_table(..., labels=True)`` builds it."""
    frame = table.frame.copy()
    for v in table.variables:
        if v.kind == "select_one":
            frame[v.name] = _labelled(frame[v.name], v)
    return ExportTable(frame=frame, variables=table.variables, form=table.form,
                       language=table.language)


def _labelled(column: pd.Series, v: Variable) -> pd.Series:
    return column.map(lambda x, m=v.value_labels: m.get(x, x) if x else x)


def _iso_date(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
