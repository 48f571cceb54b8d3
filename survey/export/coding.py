"""Numbers and display formats for the labelled formats (SPSS, Stata) and coded csv/xlsx.

* select_one: the choice codes of ``Variable.codes`` (choice names where they are whole
  numbers, else 1..k in choice order; see ``survey.export.table.choice_codes``);
* choice columns of a select_multiple: 0 not selected, 1 selected;
* integer and decimal answers: their value;
* every question column: the missing code of its reason (``survey.export.missing``).

Measure levels: choices nominal (ordinal when the codes are the choice names, e.g. a 1-5
scale), numbers and dates scale, text nominal. Display formats: F<w>.0 for codes and integers
(w: digits of the largest valid value), F<w>.<d> for decimals (d: decimals written, at most
6), dates as dates, times as date and time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from survey.export.missing import BY_NAME, MISSING_CODES, NOT_ASKED, NOT_REACHED
from survey.export.table import ExportTable
from survey.export.variable import Variable
from survey.i18n import LANGUAGES, Translator, translator

#: Kinds of column that hold numbers with missing codes in SPSS and Stata.
CODED = frozenset({"select_one", "choice_dummy", "integer", "decimal"})
NUMERIC_META = frozenset({"duration_min"})
TIMES = frozenset({"started_at", "completed_at"})


def is_time(v: Variable) -> bool:
    """Whether a column holds date and time (interview times, paradata event times)."""
    return v.kind == "timestamp" or v.name in TIMES


def export_translator(table: ExportTable) -> Translator:
    return translator("export", table.language if table.language in LANGUAGES else "en")


@dataclass(frozen=True)
class Numbers:
    """A coded column: the numbers (NaN: system missing), how many answers had no code, and
    which cells are empty (no answer at all). The arrays are shared: read-only."""

    values: np.ndarray
    uncoded: int = 0
    empty: np.ndarray | None = None


def numbers(table: ExportTable, v: Variable, *, with_missing: bool = True) -> Numbers:
    """The numeric column of ``v`` with missing codes (-99 …) where the reason says so.

    Worked out once per table and column: the data file and the codebook of one export share
    it."""
    key = ("numbers", v.name, with_missing)
    found = table.derived.get(key)
    if not isinstance(found, Numbers):
        found = _numbers(table, v, with_missing)
        table.derived[key] = found
    return found


def plain_frame(table: ExportTable) -> pd.DataFrame:
    """The table's frame without its ``attrs`` (the same columns, not copied): pandas
    deep-copies a frame's ``attrs`` into every column taken from it."""
    found = table.derived.get("plain frame")
    if not isinstance(found, pd.DataFrame):
        found = table.frame.copy(deep=False)
        found.attrs = {}
        table.derived["plain frame"] = found
    return found


def _numbers(table: ExportTable, v: Variable, with_missing: bool) -> Numbers:
    column = plain_frame(table)[v.name]
    uncoded = 0
    if v.kind == "select_one":
        values = column.to_numpy(dtype=object)
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        table_ = np.asarray([float(v.codes.get(u, np.nan)) for u in uniques] + [np.nan])
        out = table_[codes]
        uncoded = int(((codes >= 0) & np.isnan(out)).sum())
        empty = codes < 0
    else:
        out = column.to_numpy(dtype=float, na_value=np.nan).copy()
        empty = column.isna().to_numpy(dtype=bool)
    if with_missing:
        reason = table.reason(v.name)
        for code in MISSING_CODES:
            out[reason == code.reason] = code.number
    out.flags.writeable = empty.flags.writeable = False
    return Numbers(out, uncoded, empty)


def empty_cells(table: ExportTable, name: str) -> np.ndarray:
    """Which cells of the column ``name`` are empty (read-only; worked out once per table)."""
    key = ("empty", name)
    found = table.derived.get(key)
    if not isinstance(found, np.ndarray):
        found = plain_frame(table)[name].isna().to_numpy(dtype=bool)
        found.flags.writeable = False
        table.derived[key] = found
    return found


def missing_labels(_: Translator, v: Variable) -> dict[int, str]:
    """Labels of the missing codes a column can hold (number -> label)."""
    labels = {BY_NAME[c.name].number: _(c.label) for c in MISSING_CODES
              if c.reason in (NOT_ASKED, NOT_REACHED)}
    for choice, kind in v.missing.items():
        code = BY_NAME[kind]
        own = v.value_labels.get(choice) if v.kind == "select_one" else None
        labels[code.number] = own or _(code.label)
    return labels


def is_scale(v: Variable) -> bool:
    """Whether a select_one's codes are its own (numeric) choice names: an ordered scale."""
    ordinary = [name for name in v.codes if name not in v.missing]
    return bool(ordinary) and all(str(v.codes[name]) == name for name in ordinary)


def measure(v: Variable, column: pd.Series) -> str:
    """SPSS measure level: nominal, ordinal or scale."""
    if v.kind == "select_one":
        return "ordinal" if is_scale(v) else "nominal"
    if v.kind in ("integer", "decimal", "date") or v.name in NUMERIC_META or is_time(v):
        return "scale"
    if v.kind == "design" and pd.api.types.is_float_dtype(column):
        return "scale"
    return "nominal"


def digits(values: np.ndarray) -> tuple[int, int]:
    """(width, decimals) of the valid values as plain decimal text (decimals at most 6)."""
    valid = values[np.isfinite(values)]
    if not len(valid):
        return 1, 0
    decimals = 0
    for d in range(7):
        if np.allclose(valid, np.round(valid, d), rtol=0, atol=1e-9):
            decimals = d
            break
        decimals = 6
    whole = len(str(int(np.max(np.abs(np.trunc(valid))))))
    sign = int(bool((valid < 0).any()))
    return whole + sign + (decimals + 1 if decimals else 0), decimals


def valid_values(v: Variable, values: np.ndarray) -> np.ndarray:
    """The values of a coded column that are not missing codes."""
    if v.kind == "select_one":
        return np.asarray([float(c) for name, c in v.codes.items() if name not in v.missing])
    codes = np.asarray([c.number for c in MISSING_CODES], dtype=float)
    return values[~np.isin(values, codes)]


def object_frame(data: dict[str, object]) -> pd.DataFrame:
    """The columns as given: object stays object (pandas 3 would make text "str", which the
    writers then read cell by cell)."""
    return pd.DataFrame({name: values if isinstance(values, pd.Series) else pd.Series(
        values, dtype=object if _is_object(values) else None) for name, values in data.items()})


def _is_object(values: object) -> bool:
    return isinstance(values, np.ndarray) and values.dtype.kind == "O"
