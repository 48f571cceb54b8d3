"""A DataFrame and its description as pyreadstat takes them, turned into the columns of
``survey.export.sav_writer``: numbers as float64, dates and times as SPSS seconds (since
14 October 1582), texts as they are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from survey.export.sav_writer import Missing, SavVariable

#: Seconds from the SPSS epoch (1582-10-14) to the Unix epoch.
EPOCH_SHIFT = 12219379200


def spss_seconds(values: object) -> np.ndarray:
    """Dates or times (datetime64, ``datetime.date``/``datetime`` objects; NaT/None: missing)
    as SPSS seconds (NaN: system-missing); times with a zone as UTC."""
    series = values.reset_index(drop=True) if isinstance(values, pd.Series) \
        else pd.Series(values)
    stamps = pd.to_datetime(series)
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    micros = stamps.to_numpy(dtype="datetime64[us]").astype(np.int64)
    seconds = (micros // 10**6 + EPOCH_SHIFT) + (micros % 10**6) / 1e6
    return np.where(stamps.isna().to_numpy(), np.nan, seconds)


def sav_variables(frame: pd.DataFrame, *, column_labels: Mapping[str, str | None] | None = None,
                  variable_value_labels: Mapping[str, Mapping[float, str]] | None = None,
                  missing_ranges: Mapping[str, Sequence[Any]] | None = None,
                  variable_format: Mapping[str, str] | None = None,
                  variable_measure: Mapping[str, str] | None = None,
                  variable_display_width: Mapping[str, int] | None = None
                  ) -> list[SavVariable]:
    """The columns of ``frame`` with pyreadstat's ``write_sav`` keyword arguments."""
    labels, formats = column_labels or {}, variable_format or {}
    out = []
    for name in map(str, frame.columns):
        values, default = _values(frame[name])
        out.append(SavVariable(
            name, values, label=labels.get(name), format=formats.get(name, default),
            measure=(variable_measure or {}).get(name, "unknown"),
            display_width=(variable_display_width or {}).get(name),
            value_labels=dict((variable_value_labels or {}).get(name, {})),
            missing=[_missing(m) for m in (missing_ranges or {}).get(name, [])]))
    return out


def _values(column: pd.Series) -> tuple[np.ndarray, str | None]:
    """The column as float64 or texts, and its default format (None: the writer's)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return spss_seconds(column), "DATETIME20"
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        return column.to_numpy(dtype=np.float64, na_value=np.nan), None
    values = column.to_numpy(dtype=object)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "date":
        return spss_seconds(values), "DATE11"
    if kind == "datetime":
        return spss_seconds(values), "DATETIME20"
    return values, None


def _missing(value: Any) -> Missing:
    if isinstance(value, dict):
        lo, hi = float(value["lo"]), float(value["hi"])
        return lo if lo == hi else (lo, hi)
    return value if isinstance(value, str) else float(value)
