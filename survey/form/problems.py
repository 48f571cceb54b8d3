"""Collecting the problems of one form so they can be reported together."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from survey.errors import FormError, Location, Problem

_SHEET_ORDER = {"survey": 1, "choices": 2, "settings": 3}


class Problems:
    """Every problem found in one file, in the order the author should read them."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self._items: list[Problem] = []

    def add(self, code: str, message: str, sheet: str | None = None, row: int | None = None,
            column: str | None = None) -> None:
        """Record one problem; ``sheet`` is the sheet title as the workbook spells it."""
        self._items.append(Problem(code, message, Location(self.file, sheet, row, column)))

    def location(self, sheet: str | None = None, row: int | None = None,
                 column: str | None = None) -> Location:
        return Location(self.file, sheet, row, column)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Problem]:
        """Problems by sheet (survey, choices, settings, others), then row; stable otherwise."""
        return sorted(self._items, key=_sort_key)

    def raise_if_any(self) -> None:
        if self._items:
            raise FormError(self.sorted())


def _sort_key(problem: Problem) -> tuple[int, str, int]:
    location = problem.location
    sheet = (location.sheet or "").strip().lower()
    order = _SHEET_ORDER.get(sheet, 4) if location.sheet else 0
    return order, sheet, location.row or 0


def suggestion(word: str, candidates: Iterable[str]) -> str:
    """`` Did you mean 'x'?`` for the closest candidate, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" Did you mean '{close[0]}'?" if close else ""
