"""The interview engine's verdicts for a whole table: relevance and calculations per interview.

Whether a question is relevant depends only on the answers its conditions (and its groups'
conditions) read, followed through the calculations and the conditions of the questions they
read; a calculation's value only on what its expression and conditions read. So interviews that
agree on those answers share one verdict. For each set of such "driver" questions, the distinct
combinations of their answers are found column-wise (numpy), the engine
(``survey.interview.Interview``) is asked once per combination, and its verdict is spread back
to every interview with that combination. Nothing here decides relevance itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from survey.form.model import Form, Question
from survey.interview import Interview
from survey.interview.graph import other_name

#: Driver values of one interview, by question name (Python answer values; absent = unanswered).
Values = Mapping[str, object]


@dataclass(frozen=True)
class Verdicts:
    """Per name (question, calculation or ``<q>_other``): relevant in each interview (bool
    array), and per calculation its value in each interview (object array, None when empty)."""

    relevant: dict[str, np.ndarray]
    calculated: dict[str, np.ndarray]


class Drivers:
    """Which answers each question's relevance and each calculation's value depend on."""

    def __init__(self, form: Form) -> None:
        self._form = form
        self._questions = {q.name: q for q in form.questions}
        self._groups = {g.name: g for g in form.groups}
        self.relevance: dict[str, frozenset[str]] = {}
        for q in form.questions:
            own = self._condition_refs(q)
            self.relevance[q.name] = self._closed(own)
            if q.or_other and q.type.is_select:
                self.relevance[other_name(q)] = self._closed(own | {q.name})
        self.calculation: dict[str, frozenset[str]] = {
            q.name: self._closed(set(q.calculation.references) | self._condition_refs(q))
            for q in form.questions if q.calculation is not None}

    def _condition_refs(self, q: Question) -> set[str]:
        refs = set(q.relevant.references) if q.relevant is not None else set()
        for name in q.group_path:
            group_relevant = self._groups[name].relevant
            if group_relevant is not None:
                refs |= group_relevant.references
        return refs

    def _closed(self, names: set[str]) -> frozenset[str]:
        """``names`` and everything they depend on: a calculation's inputs, and the answers a
        referenced question's own conditions read (an answer that is not relevant reads as
        empty)."""
        todo, seen = list(names), set(names)
        while todo:
            q = self._questions.get(todo.pop())
            if q is None:
                continue
            more = self._condition_refs(q)
            if q.calculation is not None:
                more |= q.calculation.references
            for ref in more - seen:
                seen.add(ref)
                todo.append(ref)
        return frozenset(seen)

    def all(self) -> frozenset[str]:
        """Every question some verdict depends on."""
        names: set[str] = set()
        for group in (self.relevance, self.calculation):
            for drivers in group.values():
                names |= drivers
        return frozenset(n for n in names if n in self._questions
                         and self._questions[n].calculation is None)


def verdicts(form: Form, n: int, driver_column: Callable[[str], np.ndarray]) -> Verdicts:
    """Relevance of every question (and ``_other`` text) and every calculation's value for
    ``n`` interviews; ``driver_column(name)`` gives a question's answers (Python values, None
    when unanswered) as an object array of length ``n``."""
    drivers = Drivers(form)
    if n == 0:
        return Verdicts({name: np.zeros(0, dtype=bool) for name in drivers.relevance},
                        {name: np.empty(0, dtype=object) for name in drivers.calculation})
    codes: dict[str, np.ndarray] = {}
    values: dict[str, np.ndarray] = {}
    for name in sorted(drivers.all()):
        column = driver_column(name)
        codes[name], uniques = pd.factorize(column, use_na_sentinel=True)
        values[name] = np.asarray([*list(uniques), None], dtype=object)  # code -1 -> None
    relevant: dict[str, np.ndarray] = {}
    by_set: dict[frozenset[str], list[str]] = {}
    for name, needs in drivers.relevance.items():
        by_set.setdefault(frozenset(needs & codes.keys()), []).append(name)
    for needs, names in by_set.items():
        flags = _per_combination(form, n, needs, codes, values, partial(_relevance, names))
        for i, name in enumerate(names):
            relevant[name] = flags[:, i].astype(bool)
    calculated: dict[str, np.ndarray] = {}
    for name, needs in drivers.calculation.items():
        result = _per_combination(form, n, frozenset(needs & codes.keys()), codes, values,
                                  partial(_calculation, name))
        calculated[name] = result[:, 0]
    return Verdicts(relevant, calculated)


def _per_combination(form: Form, n: int, needs: Iterable[str], codes: dict[str, np.ndarray],
                     values: dict[str, np.ndarray],
                     ask: Callable[[Interview], list[object]]) -> np.ndarray:
    """``ask(Interview(form, answers))`` once per distinct combination of the ``needs``
    answers; the results spread to all ``n`` interviews (an n x k object array)."""
    names = sorted(needs)
    if not names:
        row = _objects(ask(Interview(form, {})))
        return np.tile(row, (n, 1))
    inverse, first = _combinations([codes[name] for name in names])
    answers = [{name: values[name][codes[name][row]] for name in names
                if codes[name][row] >= 0} for row in first]
    table = np.stack([_objects(ask(Interview(form, a))) for a in answers])
    return table[inverse]


def _combinations(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """For code columns (-1 = empty): each row's combination number and, per combination,
    the first row that has it. Codes are combined into one integer key per row (hash-based,
    not a sort of rows)."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for codes in columns:
        size = int(codes.max()) + 2 if len(codes) else 1
        key = pd.factorize(key * size + (codes + 1))[0].astype(np.int64)  # stays small
    inverse, _ = pd.factorize(key)
    first = np.full(int(inverse.max()) + 1 if len(inverse) else 0, -1, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]
    return inverse, first


def _relevance(names: list[str], interview: Interview) -> list[object]:
    return [interview.is_relevant(name) for name in names]


def _calculation(name: str, interview: Interview) -> list[object]:
    return [_text(interview.value(name))]


def _objects(items: list[object]) -> np.ndarray:
    """A 1-d object array of ``items`` (tuples stay elements, not rows)."""
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def _text(value: object) -> object:
    return None if value is None or value == "" else value
