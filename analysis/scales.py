"""Scales built from several items: a summed index and Cronbach's alpha.

:func:`summed_index` adds the items row by row (e.g. 0/1 "heard of mediation through ..."
items into an awareness index). By default a row needs every item answered; with
``min_answered`` a row with at least that many answers gets the sum of the answered items
(no prorating). :func:`index_mean` estimates the index's mean on the design.

:func:`cronbach_alpha` is ``k / (k - 1) * (1 - sum(var(item)) / var(sum))`` over the rows that
answered every item (listwise), with sample variances (as ``psych::alpha``'s raw alpha), or
weighted variances when ``weights`` are given. It also reports, per item, alpha if the item is
dropped and the corrected item-total correlation (item against the sum of the other items);
these are NaN, by definition, for alpha if dropped with only two items and for the correlation
of an item that does not vary (or whose other items do not), each named in ``notes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import estimates
from analysis.codes import ScaleCode, VariableCode
from analysis.design import Design
from analysis.errors import VariableError
from analysis.estimates import By
from analysis.methods import ItemSample, Method, Variance
from analysis.notes import Gap, GapReason, Row, gap_notes
from analysis.results import EstimateTable
from survey.messages import Message

#: Why cells of the item table are empty.
ITEM_GAPS = (
    Gap("alpha_if_dropped", ("alpha_if_dropped",), GapReason.NO_ALPHA_IF_DROPPED.message()),
    Gap("item_rest_correlation", ("item_rest_correlation",),
        GapReason.NO_ITEM_REST_CORRELATION.message()),
)


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of a set of items; ``items`` has one row per item
    (``item, alpha_if_dropped, item_rest_correlation``); ``notes`` names its empty cells."""

    alpha: float
    n_items: int
    n: int
    weighted: bool
    items: pd.DataFrame
    method: Method
    notes: tuple[Message, ...] = ()


def summed_index(data: pd.DataFrame, items: Sequence[str], *,
                 min_answered: int | None = None) -> pd.Series:
    """Row sums of ``items`` (NaN where fewer than ``min_answered`` items, default all, answered)."""
    frame = _items(data, items)
    need = len(items) if min_answered is None else min_answered
    if not 1 <= need <= len(items):
        raise VariableError(ScaleCode.BAD_MIN_ANSWERED, value=need, items=len(items))
    answered = frame.notna().sum(axis=1)
    return frame.sum(axis=1, min_count=1).where(answered >= need)


def index_mean(design: Design, items: Sequence[str], *, name: str = "index",
               min_answered: int | None = None, by: By = None,
               confidence: float = 0.95) -> EstimateTable:
    """Mean of the summed index of ``items`` on the design (variable name ``name``)."""
    index = summed_index(design.data, items, min_answered=min_answered)
    return estimates.mean(design.with_column(name, index), name, by=by, confidence=confidence)


def cronbach_alpha(data: pd.DataFrame, items: Sequence[str], *,
                   weights: str | None = None) -> AlphaResult:
    """Cronbach's alpha of ``items`` (listwise complete rows; optionally weighted)."""
    frame = _items(data, items)
    if len(items) < 2:
        raise VariableError(ScaleCode.TOO_FEW_ITEMS)
    w = np.ones(len(frame)) if weights is None else \
        pd.to_numeric(data[weights], errors="coerce").to_numpy(float, na_value=np.nan)
    complete = frame.notna().all(axis=1).to_numpy() & ~np.isnan(w)
    x, w = frame.to_numpy(float)[complete], w[complete]
    if len(x) < 2:
        raise VariableError(ScaleCode.TOO_FEW_ROWS)
    alpha = _alpha(x, w)
    dropped = [_alpha_without(x, j, w) for j in range(len(items))]
    rest = [_correlation(x[:, j], np.delete(x, j, axis=1).sum(axis=1), w)
            for j in range(len(items))]
    table = pd.DataFrame({"item": list(items), "alpha_if_dropped": dropped,
                          "item_rest_correlation": rest})
    method = Method(design=ItemSample(weights, len(x)),
                    variance=Variance.ALPHA_WEIGHTED if weights else Variance.ALPHA_SAMPLE)
    notes = gap_notes(table, lambda i: Row.SCALE_ITEM.message(item=items[i]), ITEM_GAPS)
    return AlphaResult(alpha=alpha, n_items=len(items), n=len(x), weighted=weights is not None,
                       items=table, method=method, notes=notes)


def _items(data: pd.DataFrame, items: Sequence[str]) -> pd.DataFrame:
    missing = [c for c in items if c not in data.columns]
    if missing:
        raise VariableError(VariableCode.UNKNOWN_COLUMN, column=missing[0])
    frame = data[list(items)].apply(pd.to_numeric, errors="coerce")
    bad = frame.isna() & data[list(items)].notna()
    if bad.to_numpy().any():
        col = frame.columns[bad.any(axis=0).to_numpy()][0]
        value = data[col][bad[col]].iloc[0]
        raise VariableError(VariableCode.NOT_NUMERIC, column=str(col), value=str(value))
    return frame


def _variance(v: np.ndarray, w: np.ndarray) -> float:
    mean = float(w @ v) / w.sum()
    return float(w @ (v - mean) ** 2) / w.sum()


def _alpha(x: np.ndarray, w: np.ndarray) -> float:
    k = x.shape[1]
    total = _variance(x.sum(axis=1), w)
    if total == 0:
        raise VariableError(ScaleCode.NO_VARIANCE)
    items = sum(_variance(x[:, j], w) for j in range(k))
    return k / (k - 1) * (1 - items / total)


def _alpha_without(x: np.ndarray, j: int, w: np.ndarray) -> float:
    """Alpha of the items other than ``j``; NaN when fewer than two remain or they sum to a constant."""
    rest = np.delete(x, j, axis=1)
    if rest.shape[1] < 2 or _variance(rest.sum(axis=1), w) == 0:
        return float("nan")
    return _alpha(rest, w)


def _correlation(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> float:
    am, bm = a - (w @ a) / w.sum(), b - (w @ b) / w.sum()
    denom = np.sqrt((w @ am**2) * (w @ bm**2))
    return float((w @ (am * bm)) / denom) if denom > 0 else float("nan")
