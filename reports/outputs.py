"""Where a report is written, checked before any work.

:func:`output_paths` refuses an output that is the database itself (or its ``-wal``/``-shm``
journal files) and one file asked for as both the workbook and the PDF.
"""

from __future__ import annotations

from pathlib import Path

from reports.errors import ReportError


def output_paths(db_path: str | Path, xlsx: str | Path | None, pdf: str | Path | None
                 ) -> tuple[Path | None, Path | None]:
    """``xlsx`` and ``pdf`` as paths, refused (``report.same_as_input``,
    ``report.same_output``) when one would overwrite the database or the other."""
    database = Path(db_path).resolve()
    inputs = {database, *(Path(f"{database}{suffix}") for suffix in ("-wal", "-shm"))}
    outputs = [Path(p) if p is not None else None for p in (xlsx, pdf)]
    for out in outputs:
        if out is not None and out.resolve() in inputs:
            raise ReportError(f"{out}: this is the database the report reads; choose another "
                              "output file", code="report.same_as_input")
    if outputs[0] is not None and outputs[1] is not None \
            and outputs[0].resolve() == outputs[1].resolve():
        raise ReportError(f"{outputs[0]}: given for both the Excel and the PDF report; give "
                          "each its own file", code="report.same_output")
    return outputs[0], outputs[1]
