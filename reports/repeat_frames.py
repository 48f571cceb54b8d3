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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from analysis.repeat_level import PARENT
from reports.data import data_error
from reports.spec import ReportSpec
from survey.errors import SurveyError
from survey.store.reader import open_reader

INDEX = "_index"


class AnswerSource(Protocol):
    """A store or a server reader."""

    def answer_rows(self, form_id: str | None = None, status: str | None = None
                    ) -> Iterator[tuple[str, str, Any]]: ...


def repeat_frame(store: AnswerSource, repeat: str, *, form_id: str | None = None,
                 status: str | None = "complete") -> pd.DataFrame:
    """The instances of ``repeat`` in the interviews of ``form_id`` with ``status``."""
    return read_instances(store, (repeat,), form_id=form_id, status=status)[repeat]


def read_instances(store: AnswerSource, repeats: Iterable[str], *, form_id: str | None = None,
                   status: str | None = "complete") -> dict[str, pd.DataFrame]:
    """One frame per repeat of ``repeats``, from one pass over the answers."""
    levels = list(dict.fromkeys(repeats))
    if not levels:
        return {}
    path = re.compile(rf"({'|'.join(map(re.escape, levels))})\[(\d+)\]/([^/\[\]]+)")
    cells: dict[str, dict[tuple[str, int], dict[str, Any]]] = {level: {} for level in levels}
    names: dict[str, dict[str, None]] = {level: {} for level in levels}
    for uuid, question, value in store.answer_rows(form_id, status):
        found = path.fullmatch(question)
        if found is None or value is None:
            continue
        level, name = found.group(1), found.group(3)
        names[level].setdefault(name)
        row = cells[level].setdefault((uuid, int(found.group(2))), {})
        row[name] = " ".join(value) if isinstance(value, tuple) else value
    return {level: pd.DataFrame([{PARENT: uuid, INDEX: index, **row}
                                 for (uuid, index), row in sorted(cells[level].items())],
                                columns=[PARENT, INDEX, *names[level]])
            for level in levels}


def stored_repeat_frames(db_path: str | Path, spec: ReportSpec,
                         form_id: str | None) -> dict[str, pd.DataFrame]:
    """The frames of the repeats ``spec``'s repeat indicators name, read from the database
    (a file or a server) the report is made from."""
    status = None if spec.status == "all" else spec.status
    levels = [ind.level for ind in spec.repeat_indicators]
    try:
        with open_reader(db_path) as store:
            return read_instances(store, levels, form_id=form_id, status=status)
    except SurveyError as error:
        raise data_error(Path(str(db_path)), error) from error
