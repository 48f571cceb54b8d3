"""The functions background jobs run: import a form, export, merge laptop files, pack.

Each returns a ``JobFn`` for :class:`desktop.workers.Job`. They only call the survey package
and open their own store connections (by path), never the GUI's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.workers import CancelledFn, JobCancelled, JobFn, ProgressFn
from survey.form.model import Form

EXPORT_FORMATS: tuple[str, ...] = ("csv", "xlsx", "sav", "dta")


def import_form_job(path: Path) -> JobFn:
    """Read and check an XLSForm; the result is ``(form, file bytes)``; FormError if invalid."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> tuple[Form, bytes]:
        from survey.form.xlsform import load_form

        progress(0, 1)
        data = path.read_bytes()
        form = load_form(path, repeats=True)  # with the files beside it (choice lists, pulldata)
        progress(1, 1)
        return form, data

    return run


def export_job(store_path: Path | str, out_path: Path, fmt: str, **options: Any) -> JobFn:
    """Export with ``reports.exports.export_survey`` from a database file or a server (data,
    and beside it the syntax files and codebook ``options`` ask for); the result is its
    ``ExportResult``."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> Any:
        from reports.exports import ExportOptions, export_survey

        def check() -> bool:
            if cancelled():
                raise JobCancelled()
            return False

        return export_survey(store_path, out_path, ExportOptions(fmt, **options),
                             progress=progress, cancel=check)

    return run


def merge_job(into_path: Path, laptop_paths: Sequence[Path]) -> JobFn:
    """Merge laptop files one by one (progress per file, cancel between files)."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> list[Any]:
        from survey.store import merge

        summaries: list[Any] = []
        progress(0, len(laptop_paths))
        for done, path in enumerate(laptop_paths, 1):
            if cancelled():
                break
            summaries.extend(merge(into_path, [path]))
            progress(done, len(laptop_paths))
        return summaries

    return run


def demo_job(path: Path, interviews: int, seed: int = 1) -> JobFn:
    """Fill the demo database at ``path`` with synthetic interviews; the result is how many.

    Refused (SurveyError with the reason) when ``path`` holds real interviews or is the real
    database, as ``kelisim demo`` refuses it."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> int:
        from survey.demo import DemoOptions, fill_database
        from survey.demo.target import demo_target_problem
        from survey.errors import SurveyError
        from survey.store import Store

        problem = demo_target_problem(path)
        if problem is not None:
            raise SurveyError(problem)

        def tick(done: int, total: int) -> None:
            if cancelled():
                raise JobCancelled()
            progress(done, total)

        with Store.open(path) as store:
            options = DemoOptions(interviews=interviews, seed=seed)
            return len(fill_database(store, options, progress=tick))

    return run


def pack_job(store_path: Path, folder: Path) -> JobFn:
    """Pack the database into one file for the supervisor (``survey.store.pack.pack``); the
    result is the written ``Pack``."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> Any:
        from survey.store.pack import pack

        progress(0, 1)
        written = pack(store_path, folder)
        progress(1, 1)
        return written

    return run
