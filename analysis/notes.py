"""Notes of results: every row left out and every empty or infinite cell, as messages.

A note is a :class:`~survey.messages.Message` whose fields name the row (:class:`Row`: the
groups as ``column=value`` items and the variable as ``variable=category``) and the reason
(:class:`GapReason`), so a report renders it in its own language. :func:`gap_notes` scans a
table for NaN and infinite numbers; :func:`level_notes` (in :mod:`analysis.variables`) and
:func:`row_left_out` name rows that a table does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.phrases import joined
from survey.messages import Field, Message, MessageCode


class Row(MessageCode):
    """How a note names a row of a result table."""

    ALL = ("analysis.row.all", ())
    ITEM = ("analysis.row.item", ("where", "item"))
    NUMBER = ("analysis.row.number", ("where", "number"))
    COEFFICIENT = ("analysis.row.coefficient", ("term", "item"))
    POINTS = ("analysis.row.points", ("item",))
    SCALE_ITEM = ("analysis.row.scale_item", ("item",))
    REST = ("analysis.row.rest", ())


class GapReason(MessageCode):
    """Why cells of a row are empty or infinite (each names R's value for the cell)."""

    NO_SE = ("analysis.gap.no_se", ())
    NO_OWN_SE = ("analysis.gap.no_own_se", ())
    NO_SE_IN = ("analysis.gap.no_se_in", ("group",))
    NO_CI = ("analysis.gap.no_ci", ())
    NO_DEFF = ("analysis.gap.no_deff", ())
    INFINITE_N_EFFECTIVE = ("analysis.gap.infinite_n_effective", ())
    NO_VALUE = ("analysis.gap.no_value", ("columns",))
    INFINITE = ("analysis.gap.infinite", ("columns",))
    NO_TEST = ("analysis.gap.no_test", ())
    NO_ALPHA_IF_DROPPED = ("analysis.gap.no_alpha_if_dropped", ())
    NO_ITEM_REST_CORRELATION = ("analysis.gap.no_item_rest_correlation", ())


class Note(MessageCode):
    """Notes of result objects."""

    EMPTY_CELLS = ("analysis.note.empty_cells", ("row", "reason"))
    LEVEL_UNUSED = ("analysis.note.level_unused", ("column", "level"))
    LEVEL_INCOMPLETE = ("analysis.note.level_incomplete", ("column", "level", "groups"))
    LEVEL_NO_ANSWERS = ("analysis.note.level_no_answers", ("column", "level", "variable"))
    ROW_NO_ANSWERS = ("analysis.note.row_no_answers", ("where", "item"))


def where(groups: Sequence[tuple[str, object]]) -> Field:
    """The group part of a row label: ``column=value`` items, or "all" without groups."""
    if not groups:
        return Row.ALL.message()
    return tuple(f"{name}={value_text(value)}" for name, value in groups)


def item(variable: object, category: object = None) -> str:
    """``variable`` or ``variable=category`` (a mean or total has no category)."""
    unset = category is None or category != category  # None or NaN
    return str(variable) if unset else f"{variable}={value_text(category)}"


def value_text(value: object) -> str:
    """A value as notes show it (whole-number floats without ``.0``)."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def row_left_out(groups: Sequence[tuple[str, object]], variable: object,
                 category: object = None) -> Message:
    """A row without answers, left out of its table."""
    return Note.ROW_NO_ANSWERS.message(where=where(groups), item=item(variable, category))


@dataclass(frozen=True, slots=True)
class Gap:
    """Columns a table leaves empty for one reason, recognised by a non-finite ``trigger``."""

    trigger: str
    columns: tuple[str, ...]
    reason: Message


#: Why cells of an estimate table are empty, in order of precedence.
ESTIMATE_GAPS: tuple[Gap, ...] = (
    Gap("se", ("se", "ci_low", "ci_high", "deff", "n_effective", "moe"), GapReason.NO_SE.message()),
    Gap("ci_low", ("ci_low", "ci_high"), GapReason.NO_CI.message()),
    Gap("ci_high", ("ci_low", "ci_high"), GapReason.NO_CI.message()),
    Gap("deff", ("deff", "n_effective"), GapReason.NO_DEFF.message()),
    Gap("n_effective", ("n_effective",), GapReason.INFINITE_N_EFFECTIVE.message()),
)


def gap_notes(table: pd.DataFrame, label: Callable[[int], Message],
              gaps: Sequence[Gap] = ()) -> tuple[Message, ...]:
    """One note per row of ``table`` holding a NaN or infinite number: the row, then why.

    ``label(i)`` names row ``i`` (position); ``gaps`` explain known empty columns, in order;
    any other non-finite cell is named with a generic reason, so none goes without a note.
    """
    numbers = table.select_dtypes(include="number")
    bad = ~np.isfinite(numbers.to_numpy(dtype=float))
    notes = []
    for i in np.flatnonzero(bad.any(axis=1)):
        empty = [str(c) for c, b in zip(numbers.columns, bad[i], strict=True) if b]
        infinite = {c for c in empty if np.isinf(float(numbers.iloc[i][c]))}
        reason = joined(_reasons(empty, infinite, gaps))
        notes.append(Note.EMPTY_CELLS.message(row=label(int(i)), reason=reason))
    return tuple(notes)


def _reasons(empty: list[str], infinite: set[str], gaps: Sequence[Gap]) -> list[Message]:
    reasons: list[Message] = []
    for gap in gaps:
        if gap.trigger in empty:
            reasons.append(gap.reason)
            empty = [c for c in empty if c not in gap.columns]
    missing = tuple(c for c in empty if c not in infinite)
    if missing:
        reasons.append(GapReason.NO_VALUE.message(columns=missing))
    if infinite & set(empty):
        columns = tuple(c for c in empty if c in infinite)
        reasons.append(GapReason.INFINITE.message(columns=columns))
    return reasons
