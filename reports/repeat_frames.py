"""A repeat-level frame read from a store: one row per instance of a top-level repeat.

The interview session stores every answer inside a repeat under its instance path as the
answer's question name (``members[2]/age``). :func:`repeat_frame` gathers those of one repeat
into the layout of the export's per-level tables: ``_parent_uuid`` (the interview),
``_index`` (the instance number) and one column per question of the repeat; a
select_multiple's choices are joined by spaces, as ODK writes them. Instances of nested
repeats (``members[2]/visits[1]/date``) are not part of it, and an instance without any
stored answer has no row. Reads through the store's ``answer_rows`` (no SQL here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol

import pandas as pd

from analysis.repeat_level import PARENT

INDEX = "_index"


class AnswerSource(Protocol):
    """A store or a server reader."""

    def answer_rows(self, form_id: str | None = None, status: str | None = None
                    ) -> Iterator[tuple[str, str, Any]]: ...


def repeat_frame(store: AnswerSource, repeat: str, *, form_id: str | None = None,
                 status: str | None = "complete") -> pd.DataFrame:
    """The instances of ``repeat`` in the interviews of ``form_id`` with ``status``."""
    path = re.compile(rf"{re.escape(repeat)}\[(\d+)\]/([^/\[\]]+)")
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    names: dict[str, None] = {}
    for uuid, question, value in store.answer_rows(form_id, status):
        found = path.fullmatch(question)
        if found is None or value is None:
            continue
        name = found.group(2)
        names.setdefault(name)
        row = cells.setdefault((uuid, int(found.group(1))), {})
        row[name] = " ".join(value) if isinstance(value, tuple) else value
    rows = [{PARENT: uuid, INDEX: index, **row} for (uuid, index), row in sorted(cells.items())]
    return pd.DataFrame(rows, columns=[PARENT, INDEX, *names])
