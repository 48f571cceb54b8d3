"""Export of interviews: the wide table (a pandas DataFrame) and its file formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from survey.export.table import (
    META_COLUMNS,
    ExportTable,
    Variable,
    choice_column,
    interview_table,
)
from survey.export.writers import FORMATS, write_table
from survey.store import Store

__all__ = ["FORMATS", "META_COLUMNS", "ExportTable", "Variable", "choice_column",
           "export_interviews", "interview_table", "interviews_frame", "write_table"]


def interviews_frame(store: Store, form_id: str | None = None, *, status: str | None = "complete",
                     include_pii: bool = False, language: str | None = None) -> ExportTable:
    """The wide table used by ``analysis`` and ``reports`` (complete interviews by default)."""
    return interview_table(store, form_id, status=status, include_pii=include_pii,
                           language=language)


def export_interviews(store_path: Path | str, out_path: Path | str, fmt: str, *,
                      form_id: str | None = None, language: str | None = None,
                      labels: bool = False, include_pii: bool = False, status: str | None = None,
                      progress: Callable[[int, int], None] | None = None,
                      cancel: Callable[[], bool] | None = None) -> Path:
    """Export the interviews of the database at ``store_path`` to ``out_path`` as ``fmt``."""
    with Store.open(store_path) as store:
        table = interview_table(store, form_id, language=language, labels=labels,
                                include_pii=include_pii, status=status, progress=progress,
                                cancel=cancel)
    return write_table(table, Path(out_path), fmt)
