"""Collecting the problems of one form so they can be reported together."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from survey.errors import FormError, Location
from survey.form.codes import FormCode
from survey.messages import Field, Message

_SHEET_ORDER = {"survey": 1, "choices": 2, "settings": 3}


class Problems:
    """Every problem found in one file, in the order the author should read them."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self._items: list[Message] = []

    def add(self, code: FormCode, sheet: str | None = None, row: int | None = None,
            column: str | None = None, /, **fields: Field) -> None:
        """Record one problem of ``code`` with its ``fields`` at a cell of ``sheet``.

        ``sheet`` is the sheet title as the workbook spells it; ``column`` the header text.
        """
        self._items.append(code.message(self.location(sheet, row, column), **fields))

    def report(self, message: Message, sheet: str | None = None, row: int | None = None,
               column: str | None = None) -> None:
        """Record a problem built elsewhere (without a location) at a cell of ``sheet``."""
        self._items.append(message.at(self.location(sheet, row, column)))

    def location(self, sheet: str | None = None, row: int | None = None,
                 column: str | None = None) -> Location:
        return Location(self.file, sheet, row, column)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Message]:
        """Problems by sheet (survey, choices, settings, others), then row; stable otherwise."""
        return sorted(self._items, key=_sort_key)

    def raise_if_any(self) -> None:
        if self._items:
            raise FormError(self.sorted())


def _sort_key(problem: Message) -> tuple[int, str, int]:
    location = problem.location
    sheet = (location.sheet or "").strip().lower()
    order = _SHEET_ORDER.get(sheet, 4) if location.sheet else 0
    return order, sheet, location.row or 0


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word`` (a likely misspelling), or None when none is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return close[0] if close else None
