"""The ``search()`` appearance: a select's choices from a csv file, optionally filtered.

``search('fruits')`` offers every row of ``fruits.csv``; the question's list on the choices
sheet names the csv columns to use (its ``name`` cell: the column of the value, its ``label``
cell: the column of the label). A plain filter is read as the choice filter it means:

* ``search('fruits', 'matches', 'colour', ${c})``  -> ``colour = ${c}``
  (two column/value pairs: both must match);
* ``'contains'``, ``'startswith'``, ``'endswith'`` -> ``contains()``, ``starts-with()``,
  ``ends-with()`` of the column.

Anything else (a search over several columns at once, a value that is an expression) is
refused by name (``form.unsupported_appearance``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CALL = re.compile(r"search\s*\((.*)\)", re.DOTALL)
_ARGUMENT = re.compile(r"\s*('[^']*'|\"[^\"]*\"|\$\{[^}]*\})\s*(?:,|$)")
_FUNCTIONS = {"contains": "contains", "startswith": "starts-with", "endswith": "ends-with"}


@dataclass(frozen=True, slots=True)
class Search:
    """A readable search(): the csv file and the choice filter it means ('' for none)."""

    file: str
    choice_filter: str


def has_search(appearance: str) -> bool:
    return "search(" in appearance.replace(" ", "")


def parse_search(appearance: str) -> Search | None:
    """The search() of an appearance cell, or None when it is not a plain filter."""
    match = _CALL.search(appearance)
    arguments = _arguments(match.group(1)) if match else None
    if not arguments or any(not a.startswith(("'", '"')) for a in arguments[:3]):
        return None
    file = arguments[0][1:-1].strip()
    name = file if file.lower().endswith(".csv") else f"{file}.csv"
    if len(arguments) == 1:
        return Search(name, "")
    mode = arguments[1][1:-1].strip().lower()
    pairs = arguments[2:]
    if len(pairs) not in (2, 4) or (len(pairs) == 4 and mode != "matches"):
        return None
    tests = []
    for column, value in zip(pairs[0::2], pairs[1::2], strict=True):
        if not column.startswith(("'", '"')) or not re.fullmatch(r"\w+", column[1:-1]):
            return None
        tests.append(_test(mode, column[1:-1], value))
    return None if None in tests else Search(name, " and ".join(str(t) for t in tests))


def _arguments(text: str) -> list[str] | None:
    found, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _ARGUMENT.match(text, position)
        if not match:
            return None
        found.append(match.group(1))
        position = match.end()
    return found


def _test(mode: str, column: str, value: str) -> str | None:
    if mode == "matches":
        return f"{column} = {value}"
    function = _FUNCTIONS.get(mode)
    return f"{function}({column}, {value})" if function else None
