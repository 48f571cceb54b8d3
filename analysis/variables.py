"""Turn answer columns into value matrices for the estimators (NaN marks a missing answer).

* numeric: one column of numbers;
* categorical (select_one): one 0/1 column per category, NaN where the answer is missing;
  categories are the given list, a Categorical's declared levels in their order (unused ones
  included, as R's factor levels), or the sorted observed values;
* select_multiple: either one space-separated column (missing = not answered, an empty string
  = answered with no choice ticked) or several 0/1 columns, one per choice.

Group columns become integer codes (-1 for a missing group value, which puts the row in no
group, as R's ``svyby``); only observed groups (or combinations) are kept, sorted.
:func:`level_notes` names the levels that are thereby left out (e.g. an unused level of a
pandas Categorical), so no group disappears from a table silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.codes import CategoryProblem, VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.notes import Note, value_text
from survey.messages import Message


@dataclass(frozen=True)
class Values:
    """Value blocks (n x p_i each; together n x p) with the variable and category of each column."""

    variables: tuple[str, ...]
    categories: tuple[object, ...]
    blocks: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, variables: tuple[str, ...], categories: tuple[object, ...],
           matrix: np.ndarray) -> Values:
        return cls(variables, categories, (matrix,))

    @property
    def matrix(self) -> np.ndarray:
        """All columns side by side (n x p)."""
        return self.blocks[0] if len(self.blocks) == 1 else np.hstack(self.blocks)


def column(design: Design, name: str) -> pd.Series:
    """The column ``name`` of the design's data, or a :class:`VariableError`."""
    if name not in design.data.columns:
        raise VariableError(VariableCode.UNKNOWN_COLUMN, column=name)
    values = _without_declared_missing(design, name, design.data[name])
    if values.isna().all():
        raise VariableError(VariableCode.ALL_MISSING, columns=(name,))
    return values


def _without_declared_missing(design: Design, name: str, values: pd.Series) -> pd.Series:
    """``values`` with the design's declared missing answers (don't know, refused) as
    missing: a select_one's answer, a select_multiple whose every choice is one, and the
    choice columns (``question__choice``) of such a select_multiple."""
    declared = design.missing_values
    if not declared:
        return values
    if name in declared:
        return values.where(~_only_missing(values, declared[name]))
    question, sep, _ = name.rpartition("__")
    if sep and question in declared and question in design.data.columns:
        return values.where(~_only_missing(design.data[question], declared[question]))
    return values


def _only_missing(values: pd.Series, missing: frozenset[object]) -> np.ndarray:
    """Rows whose answer names only missing choices; each distinct answer is read once."""
    codes, uniques = pd.factorize(values)
    only = np.fromiter((isinstance(v, str) and bool(v.split()) and set(v.split()) <= missing
                        for v in uniques), dtype=bool, count=len(uniques))
    return np.append(only, False)[codes]  # factorize codes a missing value -1: never only


def numeric(design: Design, name: str) -> Values:
    """One numeric column."""
    raw = column(design, name)
    values = pd.to_numeric(raw, errors="coerce")
    if (values.isna() & raw.notna()).any():
        bad = raw[values.isna() & raw.notna()].iloc[0]
        raise VariableError(VariableCode.NOT_NUMERIC, column=name, value=str(bad))
    return Values.of((name,), (None,), values.to_numpy(dtype=float, na_value=np.nan)[:, None])


def categorical(design: Design, name: str, categories: Sequence[object] | None = None) -> Values:
    """One 0/1 column per category of ``name`` (NaN where the answer is missing)."""
    raw = column(design, name)
    codes, uniques = pd.factorize(raw)
    observed = [_tidy(v) for v in uniques]
    if categories is None and isinstance(raw.dtype, pd.CategoricalDtype):
        cats = [_tidy(v) for v in raw.cat.categories]  # R's factor levels, unused ones too
    elif categories is None:
        cats = sorted(observed, key=_sort_key)
    else:
        cats = list(categories)
        unknown = [v for v in observed if v not in set(cats)]
        if unknown:
            raise unknown_category(name, unknown[0], CategoryProblem.NOT_GIVEN)
    position = {c: i for i, c in enumerate(cats)}
    to_cat = np.array([position[v] for v in observed] + [-1], dtype=np.int64)
    cat_codes = to_cat[codes]  # factorize marks missing values -1, which maps to -1
    matrix = (cat_codes[:, None] == np.arange(len(cats))).astype(float)
    matrix[codes < 0] = np.nan
    return Values.of((name,) * len(cats), tuple(cats), matrix)


def multiple(design: Design, spec: str | Sequence[str], choices: Sequence[str] | None = None,
             name: str | None = None) -> Values:
    """Each choice of a select_multiple: a space-separated column or a list of 0/1 columns."""
    if isinstance(spec, str):
        return _space_separated(design, spec, choices)
    cols = list(spec)
    if not cols:
        raise VariableError(VariableCode.NO_CHOICES)
    prefix = name if name is not None else _common_prefix(cols)
    matrix = np.column_stack([_zero_one(design, c) for c in cols])
    cats = tuple(c[len(prefix):].lstrip("/_.:") or c for c in cols) if name is None else tuple(cols)
    return Values.of((prefix or "choices",) * len(cols), cats, matrix)


def _space_separated(design: Design, name: str, choices: Sequence[str] | None) -> Values:
    raw = column(design, name)
    answered = raw.notna().to_numpy()
    tokens = [set(str(v).split()) if ok else set() for v, ok in zip(raw, answered, strict=True)]
    seen = set().union(*tokens)
    cats = sorted(seen) if choices is None else list(choices)
    unknown = seen - set(cats)
    if unknown:
        raise unknown_category(name, sorted(unknown)[0], CategoryProblem.NOT_GIVEN)
    matrix = np.array([[c in t for c in cats] for t in tokens], dtype=float).reshape(len(tokens), len(cats))
    matrix[~answered] = np.nan
    return Values.of((name,) * len(cats), tuple(cats), matrix)


def _zero_one(design: Design, name: str) -> np.ndarray:
    raw = column(design, name)
    values = pd.to_numeric(raw.replace({True: 1, False: 0}), errors="coerce")
    ok = values.isna() | values.isin([0, 1])
    if (values.isna() & raw.notna()).any() or not ok.all():
        raise VariableError(VariableCode.NOT_ZERO_ONE, column=name)
    return values.to_numpy(dtype=float, na_value=np.nan)


def group_codes(design: Design, by: str | Sequence[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per row (-1 when a group value is missing) and the groups' labels, sorted."""
    names = [by] if isinstance(by, str) else list(by)
    if not names:
        raise VariableError(VariableCode.NO_GROUPS)
    frame = pd.DataFrame({n: column(design, n).to_numpy() for n in names})
    complete = frame.notna().all(axis=1).to_numpy()
    labels = frame[complete].drop_duplicates()
    labels = labels.iloc[sorted(range(len(labels)), key=lambda i: tuple(
        _sort_key(v) for v in labels.iloc[i]))].reset_index(drop=True)
    index = pd.MultiIndex.from_frame(labels)
    codes = np.full(design.n, -1, dtype=np.int64)
    codes[complete] = index.get_indexer(pd.MultiIndex.from_frame(frame[complete]))
    return codes, labels


def level_notes(design: Design, names: Sequence[str], used: np.ndarray, *,
                dropped: Callable[[str, str], Message]) -> tuple[Message, ...]:
    """Notes for levels of the columns ``names`` that have no row in ``used``.

    A declared level of a Categorical that no row has gets :attr:`Note.LEVEL_UNUSED`; a level
    whose rows are all outside ``used`` gets ``dropped(column, level)``.
    """
    notes: list[Message] = []
    for name in names:
        col = design.data[name]
        known = col.notna().to_numpy()
        seen = set(col[known].drop_duplicates().tolist())
        kept = set(col[np.asarray(used, dtype=bool) & known].drop_duplicates().tolist())
        if isinstance(col.dtype, pd.CategoricalDtype):
            notes += [Note.LEVEL_UNUSED.message(column=name, level=value_text(level))
                      for level in col.cat.categories if level not in seen]
        notes += [dropped(name, value_text(level))
                  for level in sorted(seen - kept, key=_sort_key)]
    return tuple(notes)


def unknown_category(column: str, category: object, problem: CategoryProblem) -> VariableError:
    """The error for a category of ``column`` that does not match the data."""
    return VariableError(VariableCode.UNKNOWN_CATEGORY, column=column,
                         category=value_text(category), problem=problem.message())


def _tidy(value: object) -> object:
    """Whole-number float codes (1.0 from a column with missing values) shown as integers."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _sort_key(value: object) -> tuple[int, object]:
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return (0, float(value))
    return (1, str(value))


def _common_prefix(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    size = 0
    while all(len(n) > size and n[size] == names[0][size] for n in names):
        size += 1
    return names[0][:size].rstrip("/_.:")
