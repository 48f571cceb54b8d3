"""``build_report``: the one function behind ``kelisim report`` and the desktop Reports tab.

    result = build_report("field.db", spec=ReportSpec(language="ru"), xlsx="r.xlsx", pdf="r.pdf")

Reads the database once (through the export), asks the analysis package for every result,
lays them out as one document and renders it to the formats asked for. ``progress(done, total)``
is called as it goes; ``cancel()`` returning True stops it with :class:`ReportCancelled`.
An output that is the database itself is refused before any work; outputs are written to
temporary files and renamed at the end, so a failed or cancelled report leaves no file behind
(:mod:`reports.outputs`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError
from reports.codes import ReportCode, cause
from reports.compute import Results, compute, steps
from reports.content import build_document
from reports.data import Snapshot, load_snapshot
from reports.document import Document
from reports.errors import ReportCancelled, ReportError
from reports.outputs import output_paths, staged
from reports.repeat_frames import asked_in, stored_repeat_frames
from reports.spec import ReportSpec, applicable
from survey.messages import Location

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class ReportResult:
    document: Document
    results: Results
    snapshot: Snapshot
    xlsx: Path | None
    pdf: Path | None

    @property
    def data_sha256(self) -> str:
        return self.snapshot.data_sha256


#: Progress ticks given to writing the PDF, so the bar moves while it is laid out and drawn.
PDF_TICKS = 40


def kelisim_version() -> str:
    try:
        return metadata.version("kelisim")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_report(db_path: str | Path, *, spec: ReportSpec, xlsx: str | Path | None = None,
                 pdf: str | Path | None = None, progress: Progress | None = None,
                 cancel: Cancel | None = None, now: datetime | None = None,
                 repeat_frames: Mapping[str, pd.DataFrame] | None = None) -> ReportResult:
    """Build the report of ``spec`` on the database at ``db_path``; write xlsx and/or pdf.

    ``repeat_frames`` (repeat name -> one row per instance with ``_parent_uuid``) are the
    tables the spec's repeat indicators are estimated on; by default they are read from the
    database's instance answers (:mod:`reports.repeat_frames`)."""
    xlsx_out, pdf_out = output_paths(db_path, xlsx, pdf)  # refused before any work
    state = {"done": 0, "total": 1}

    def tick(_what: str = "") -> None:
        if cancel is not None and cancel():
            raise ReportCancelled(ReportCode.CANCELLED)
        state["done"] += 1
        if progress is not None:
            progress(min(state["done"], state["total"]), state["total"])

    tick()
    snapshot = load_snapshot(db_path, spec)
    if repeat_frames is None and spec.repeat_indicators and any(
            g.repeat for g in snapshot.form.groups):
        repeat_frames = stored_repeat_frames(db_path, spec, snapshot.form.form_id)
    spec = applicable(spec, asked_in(repeat_frames or {}))
    state["total"] = 2 + steps(snapshot, spec) + 2 + (PDF_TICKS if pdf_out is not None else 0)
    tick()
    try:
        results = compute(snapshot, spec, tick, repeat_frames)
    except AnalysisError as error:  # e.g. no region column for design weights
        raise ReportError(ReportCode.ANALYSIS, Location(file=str(db_path)),
                          error=cause(error)) from error
    document = build_document(snapshot, results, spec, generated=now or datetime.now(UTC),
                              version=kelisim_version())
    with staged() as files:  # renamed to their real names only when all are written
        if xlsx_out is not None:
            from reports.xlsx_renderer import write_xlsx
            write_xlsx(document, files.temporary(xlsx_out))
        tick()
        if pdf_out is not None:
            from reports.pdf_renderer import write_pdf

            start = state["done"]

            def pdf_progress(fraction: float) -> None:
                """The PDF's layout and drawing move the bar (they take the longest)."""
                done = start + int(fraction * PDF_TICKS)
                if done > state["done"]:
                    state["done"] = done - 1
                    tick()

            write_pdf(document, files.temporary(pdf_out), cancel=cancel, progress=pdf_progress)
        state["done"] = state["total"] - 1
        tick()
    return ReportResult(document, results, snapshot, xlsx_out, pdf_out)
