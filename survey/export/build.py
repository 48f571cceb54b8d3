"""Columns of the wide table from the store's rows as stored (``survey.store.raw``).

Answers arrive in batches of ``(interview, question, text)``; each batch is spread into one
array per question at once (numpy), converted to the question's type on the way: choice names
and other repeated texts share one string object, numbers become floats, dates day numbers. A
stored value that cannot be read as its type (not UTF-8, a BLOB, ``"twelve"`` for an integer,
a month 13, a NUL byte) never stops the export: the cell is left empty (control characters are
replaced by U+FFFD) and the column's :class:`Slot` counts it, with an example, for a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.reading import AnswerSource
from survey.export.variable import column_kind
from survey.form.model import Question, QuestionType
from survey.interview.graph import other_name
from survey.store.raw import SEPARATOR

Progress = Callable[[int, int], None]
#: C0 control characters other than tab, line feed and carriage return: not allowed in xlsx
#: (XML) and cut SPSS/Stata strings short (NUL).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NAT = np.datetime64("NaT", "D")


@dataclass
class Slot:
    """One stored column being filled: values, which interviews gave one, what was unreadable."""

    name: str
    kind: str  # "choice" (repeated text), "text", "integer", "decimal", "date"
    values: np.ndarray
    present: np.ndarray  # an answer is stored (readable or not)
    filled: np.ndarray  # a readable answer is stored
    bad: int = 0
    example: str | None = None
    cleaned: int = 0
    canon: dict[object, object] = field(default_factory=dict)

    @classmethod
    def empty(cls, name: str, kind: str, n: int) -> Slot:
        if kind in ("integer", "decimal"):
            values = np.full(n, np.nan)
        elif kind == "date":
            values = np.full(n, NAT)
        else:
            values = np.full(n, None, dtype=object)
        return cls(name, kind, values, np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))

    def fill(self, rows: np.ndarray, texts: np.ndarray) -> None:
        self.present[rows] = True
        if self.kind in ("integer", "decimal"):
            self._numbers(rows, texts)
        elif self.kind == "text":
            self._texts(rows, texts)
        else:
            self._repeated(rows, texts)

    def _numbers(self, rows: np.ndarray, texts: np.ndarray) -> None:
        numbers = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan)
        good = np.isfinite(numbers)
        if self.kind == "integer":
            good &= numbers == np.round(numbers)
        self.values[rows[good]] = numbers[good]
        self.filled[rows[good]] = True
        self._count_bad(texts[~good])

    def _texts(self, rows: np.ndarray, texts: np.ndarray) -> None:
        readable = np.fromiter((type(t) is str for t in texts), dtype=bool, count=len(texts))
        clean = texts[readable]
        dirty = pd.Series(clean, dtype=object).str.contains(CONTROL).to_numpy(dtype=bool)
        if dirty.any():
            clean = clean.copy()
            clean[dirty] = [CONTROL.sub("\ufffd", t) for t in clean[dirty]]
            self.cleaned += int(dirty.sum())
        self.values[rows[readable]] = clean
        self.filled[rows[readable]] = True
        self._count_bad(texts[~readable])

    def _repeated(self, rows: np.ndarray, texts: np.ndarray) -> None:
        codes, uniques = pd.factorize(texts, use_na_sentinel=True)
        mapped = np.empty(len(uniques) + 1, dtype=object)  # the last one: code -1
        for i, text in enumerate(uniques):
            mapped[i] = self._canonical(text)
        values = mapped[codes]
        good = np.asarray(pd.notna(values), dtype=bool)
        self.values[rows[good]] = values[good]
        self.filled[rows[good]] = True
        self._count_bad(texts[~good])

    def _canonical(self, text: object) -> object:
        known = self.canon.get(text, self)
        if known is not self:
            return known
        value: object = None
        if self.kind == "date":
            value = _date(text)
        elif isinstance(text, str) and not CONTROL.search(text):
            value = text
        self.canon[text] = value
        return value

    def _count_bad(self, texts: np.ndarray) -> None:
        if len(texts):
            self.bad += len(texts)
            if self.example is None:
                self.example = shown_value(texts[0])


def _date(text: object) -> object:
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        return None
    try:
        return np.datetime64(date.fromisoformat(text), "D")
    except ValueError:
        return None


def shown_value(value: object) -> str:
    """A stored value as a note shows it: at most 40 characters, bytes escaped."""
    text = value.decode("ascii", "backslashreplace") if isinstance(value, bytes) else str(value)
    text = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= 40 else text[:39] + "…"


def slot_kind(question: Question) -> str:
    """How the stored answers of ``question`` are read: numbers, dates, repeated texts
    (choices, shared by many interviews) or free texts (everything else: text, time, location,
    a file's name, metadata)."""
    kind = column_kind(question)
    if kind in ("integer", "decimal", "date"):
        return kind
    if question.type.is_select or question.type is QuestionType.ACKNOWLEDGE:
        return "choice"
    return "text"


def stored_slots(questions: Iterable[Question], n: int) -> dict[str, Slot]:
    """An empty slot per stored answer: every question but notes and those the engine
    calculates, and the ``_other`` text of an ``or_other`` select."""
    slots: dict[str, Slot] = {}
    for q in questions:
        if q.type is not QuestionType.NOTE and q.calculation is None:
            slots[q.name] = Slot.empty(q.name, slot_kind(q), n)
            if q.or_other and q.type.is_select:
                slots[other_name(q)] = Slot.empty(other_name(q), "text", n)
    return slots


def fill_slots(source: AnswerSource, rowids: np.ndarray, slots: dict[str, Slot],
               progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
    """Spread every stored answer of the interviews ``rowids`` (store row numbers, in table
    order) into ``slots``; answers to names without a slot (calculations, notes, questions of
    other versions) and of interviews not in ``rowids`` are left out.

    The store gives one row per interview with its question names and answers joined
    (``Store.raw_answer_groups``); interviews that answered the same questions share one
    layout, so each batch becomes a matrix (interview x slot) by one numpy assignment per
    layout, and each slot converts its column of the batch at once.
    """
    n = len(rowids)
    position = np.full(int(rowids.max()) + 1 if n else 1, -1, dtype=np.int64)
    position[rowids] = np.arange(n)
    names = pd.Index(list(slots))
    order = list(slots.values())
    layouts: dict[object, np.ndarray] = {}
    done = 0
    for batch in source.batches():
        if cancel is not None and cancel():
            raise ExportError(ExportCode.CANCELLED)
        batch, rows = _ours(batch, position)
        if not batch:
            continue
        rowid_list, questions_list, texts_list, counts = zip(*batch, strict=True)
        matrix = np.full((len(batch), len(order)), None, dtype=object)
        codes, keys = pd.factorize(np.asarray(questions_list, dtype=object))
        sort = np.argsort(codes, kind="stable")
        bounds = np.flatnonzero(np.diff(codes[sort])) + 1
        for local in np.split(sort, bounds):
            if not len(local):
                continue
            questions = keys[codes[local[0]]]
            columns = layouts.get(questions)
            if columns is None:
                columns = layouts[questions] = names.get_indexer(_names(questions))
            block = _block([texts_list[i] for i in local], len(columns))
            if block is None:  # not UTF-8, or an answer holds the separator: one by one
                _one_by_one(source, matrix, names, local,
                            (rowid_list, questions_list, texts_list, counts))
                continue
            known = columns >= 0
            matrix[local[:, None], columns[known][None, :]] = block[:, known]
        for j, slot in enumerate(order):
            column = matrix[:, j]
            filled = pd.notna(column)
            if filled.any():
                slot.fill(rows[filled], column[filled])
        done += len(batch)
        if progress is not None:
            progress(min(done, n), n)


def _ours(batch: list[Any], position: np.ndarray) -> tuple[list[Any], np.ndarray]:
    """The rows of ``batch`` that belong to the table (an export of one questionnaire
    version reads past the interviews of the others), and their table rows."""
    ids = np.fromiter((row[0] for row in batch), dtype=np.int64, count=len(batch))
    rows = np.full(len(ids), -1, dtype=np.int64)
    inside = ids < len(position)
    rows[inside] = position[ids[inside]]
    kept = rows >= 0
    if kept.all():
        return batch, rows
    return [batch[i] for i in np.flatnonzero(kept)], rows[kept]


def _block(texts: list[object], width: int) -> np.ndarray | None:
    """The answers of interviews with the same questions as a matrix (one join and one split
    for them all); None when a text is bytes or the parts do not add up."""
    if any(type(t) is not str for t in texts):
        return None
    parts = SEPARATOR.join(texts).split(SEPARATOR)  # type: ignore[arg-type]
    if len(parts) != len(texts) * width:
        return None
    return np.asarray(parts, dtype=object).reshape(len(texts), width)


def _one_by_one(source: AnswerSource, matrix: np.ndarray, names: pd.Index, local: np.ndarray,
                batch: tuple[tuple[Any, ...], ...]) -> None:
    """Interviews whose texts need care, each on its own: bytes decoded answer by answer, and
    an answer holding the separator read from the store row by row."""
    rowids, questions, texts, counts = batch
    for i in local:
        answers = _split(texts[i], int(counts[i]))
        if answers is None:
            stored = source.answers_of(int(rowids[i]))
            asked = [str(q) for q, _ in stored]
            answers = [t for _, t in stored]
        else:
            asked = _names(questions[i])
        for column, answer in zip(names.get_indexer(asked), answers, strict=True):
            if column >= 0:
                matrix[i, column] = answer


def _split(texts: object, count: int) -> list[object] | None:
    """The answers of one interview, or None when the parts do not match ``count``."""
    if isinstance(texts, bytes):  # not UTF-8 somewhere: decode answer by answer
        parts: list[object] = [_decoded(part) for part in texts.split(SEPARATOR.encode())]
    else:
        parts = list(str(texts).split(SEPARATOR))
    return parts if len(parts) == count else None


def _decoded(part: bytes) -> object:
    try:
        return part.decode("utf-8")
    except UnicodeDecodeError:
        return part


def _names(questions: object) -> list[str]:
    text = questions.decode("utf-8", "replace") if isinstance(questions, bytes) \
        else str(questions)
    return text.split(SEPARATOR)


