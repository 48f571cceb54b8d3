"""The tables of an export of a form with repeats (``survey.export.repeat_tables``).

``long`` (the default): the main table and one table per repeat, linked by ``_parent_uuid``;
``wide``: one table with every instance's answers as columns (``survey.export.repeat_wide``),
refused when a repeat has more than ``WIDE_LIMIT`` instances in one interview. The design
(weights, strata, PSUs) is added to the main table; syntax files and the codebook describe
the main table (and, in the wide layout, the instance columns it holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.exporttable import ExportTable
from survey.export.repeat_tables import RepeatTables, repeat_tables
from survey.export.repeat_wide import wide_table
from survey.export.table import latest_form
from survey.form.repeats import repeats
from survey.store.reader import Reader

REPEAT_LAYOUTS = ("long", "wide")


def check_layout(layout: str) -> None:
    if layout not in REPEAT_LAYOUTS:
        raise ExportError(ExportCode.UNKNOWN_REPEATS, repeats=layout,
                          choices=list(REPEAT_LAYOUTS))


def repeat_names(store: Reader, form_id: str | None) -> list[str]:
    """The repeats of the form an export reads, in form order (none for most forms)."""
    return [g.name for g in repeats(latest_form(store, form_id))]


def level_tables(store: Reader, layout: str, *, form_id: str | None, language: str | None,
                 include_pii: bool, status: str | None,
                 progress: Callable[[int, int], None] | None,
                 cancel: Callable[[], bool] | None) -> tuple[ExportTable, dict[str, ExportTable]]:
    """The main table and every repeat's table, or (``wide``) the main table with the
    instances as columns and no other."""
    tables = repeat_tables(store, form_id, language=language, include_pii=include_pii,
                           status=status, progress=progress, cancel=cancel)
    if layout == "wide":
        return wide_table(tables), {}
    return tables.main, tables.repeats


def with_levels(main: ExportTable, levels: dict[str, ExportTable]) -> RepeatTables:
    """The levels with the main table's demo mark, the main table with their notes."""
    marked = {name: replace(table, demo=main.demo) for name, table in levels.items()}
    extra = tuple(n for table in marked.values() for n in table.notes)
    return RepeatTables(replace(main, notes=(*main.notes, *extra)), marked)
