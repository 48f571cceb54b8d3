"""Text cells for file formats: long answers cut (and counted), formula-like cells defused."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Characters that make a spreadsheet read a csv cell as a formula (OWASP "CSV injection"),
#: also after leading blanks.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_texts(column: pd.Series) -> np.ndarray:
    """An object array of ``str``: ``""`` for an empty cell (never "nan" or "None")."""
    values = column.to_numpy(dtype=object, na_value=None)
    empty = np.asarray(pd.isna(values), dtype=bool)
    out = values.copy()
    out[empty] = ""
    if pd.api.types.infer_dtype(out, skipna=False) != "string":  # numbers, dates: as text
        out = np.asarray([x if isinstance(x, str) else str(x) for x in out], dtype=object)
    return out


def cut_texts(column: pd.Series, max_bytes: int | None = None,
              max_chars: int | None = None) -> tuple[np.ndarray, int]:
    """Texts of ``column`` cut to ``max_bytes`` UTF-8 bytes (at a character boundary) or
    ``max_chars`` characters; returns them and how many were cut."""
    texts = as_texts(column)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    cut = 0
    if max_chars is not None:
        for i in np.flatnonzero(lengths > max_chars):
            texts[i] = texts[i][:max_chars]
            cut += 1
    if max_bytes is not None:
        for i in np.flatnonzero(lengths * 4 > max_bytes):
            encoded = texts[i].encode("utf-8")
            if len(encoded) > max_bytes:
                texts[i] = encoded[:max_bytes].decode("utf-8", "ignore")
                cut += 1
    return texts, cut


def defuse_formula(text: str) -> str:
    """A cell a spreadsheet would run as a formula, prefixed with an apostrophe."""
    stripped = text.lstrip(" ")
    if stripped.startswith(FORMULA_START):
        return "'" + text
    return text
