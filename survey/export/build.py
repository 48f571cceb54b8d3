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

import numpy as np
import pandas as pd

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.form.model import Question, QuestionType
from survey.interview.graph import other_name
from survey.store import Store

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
    present: np.ndarray
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
        return cls(name, kind, values, np.zeros(n, dtype=bool))

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
        self._count_bad(texts[~readable])

    def _repeated(self, rows: np.ndarray, texts: np.ndarray) -> None:
        codes, uniques = pd.factorize(texts, use_na_sentinel=True)
        mapped = np.empty(len(uniques) + 1, dtype=object)  # the last one: code -1
        for i, text in enumerate(uniques):
            mapped[i] = self._canonical(text)
        values = mapped[codes]
        good = np.fromiter((v is not None for v in values), dtype=bool, count=len(values))
        self.values[rows[good]] = values[good]
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
    """How the stored answers of ``question`` are read."""
    return {QuestionType.INTEGER: "integer", QuestionType.DECIMAL: "decimal",
            QuestionType.DATE: "date", QuestionType.TEXT: "text"}.get(question.type, "choice")


def stored_slots(questions: Iterable[Question], n: int) -> dict[str, Slot]:
    """An empty slot per stored answer: each question that takes input, and its ``_other``."""
    slots: dict[str, Slot] = {}
    for q in questions:
        if q.type.takes_input:
            slots[q.name] = Slot.empty(q.name, slot_kind(q), n)
            if q.or_other and q.type.is_select:
                slots[other_name(q)] = Slot.empty(other_name(q), "text", n)
    return slots


def fill_slots(store: Store, form_id: str, status: str | None, rowids: np.ndarray,
               slots: dict[str, Slot], progress: Progress | None,
               cancel: Callable[[], bool] | None) -> None:
    """Spread every stored answer of the interviews ``rowids`` (store row numbers, in table
    order) into ``slots``; answers to names without a slot (calculations, notes, questions of
    other versions) are left out."""
    n = len(rowids)
    position = np.full(int(rowids.max()) + 1 if n else 1, -1, dtype=np.int64)
    position[rowids] = np.arange(n)
    names = pd.Index(list(slots))
    order = list(slots.values())
    for batch in store.raw_answers(form_id, status):
        if cancel is not None and cancel():
            raise ExportError(ExportCode.CANCELLED)
        rid, questions, texts = (np.asarray(part, dtype=object) for part in zip(*batch,
                                                                                strict=True))
        rows = position[rid.astype(np.int64)]
        columns = names.get_indexer(questions)
        keep = (columns >= 0) & (rows >= 0)
        rows, columns, texts = rows[keep], columns[keep], texts[keep]
        sort = np.argsort(columns, kind="stable")
        rows, columns, texts = rows[sort], columns[sort], texts[sort]
        starts: list[int] = np.flatnonzero(np.r_[True, np.diff(columns) != 0]).tolist() \
            if len(columns) else []
        for start, stop in zip(starts, [*starts[1:], len(columns)], strict=True):
            order[columns[start]].fill(rows[start:stop], texts[start:stop])
        if progress is not None and len(rows):
            progress(int(rows.max()) + 1, n)
