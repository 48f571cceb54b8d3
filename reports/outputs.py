"""Where a report is written: checked before any work, written whole or not at all.

:func:`output_paths` refuses an output that is the database itself (or its ``-wal``/``-shm``
journal files) and one file asked for as both the workbook and the PDF. :func:`staged` hands
out temporary files beside the real ones (parent folders are created) and renames them to
their real names only when every format was written; on any failure or cancellation the
temporaries are removed, so a half-written report never appears under the real name and an
existing file of that name is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reports.codes import ReportCode
from reports.errors import ReportError
from survey.messages import Location

PARTIAL = ".partial"


def output_paths(db_path: str | Path, xlsx: str | Path | None, pdf: str | Path | None
                 ) -> tuple[Path | None, Path | None]:
    """``xlsx`` and ``pdf`` as paths, refused (``report.same_as_input``,
    ``report.same_output``) when one would overwrite the database or the other."""
    database = Path(db_path).resolve()
    inputs = {database, *(Path(f"{database}{suffix}") for suffix in ("-wal", "-shm"))}
    outputs = [Path(p) if p is not None else None for p in (xlsx, pdf)]
    for out in outputs:
        if out is not None and out.resolve() in inputs:
            raise ReportError(ReportCode.SAME_AS_INPUT, Location(file=str(out)))
    if outputs[0] is not None and outputs[1] is not None \
            and outputs[0].resolve() == outputs[1].resolve():
        raise ReportError(ReportCode.SAME_OUTPUT, Location(file=str(outputs[0])))
    return outputs[0], outputs[1]


class Staging:
    """Temporary files standing for the real outputs until :meth:`publish`."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []

    def temporary(self, path: Path) -> Path:
        """A fresh temporary file beside ``path`` (its folder is created if missing)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _cannot_write(path, error) from error
        temporary = path.with_name(path.name + PARTIAL)
        self.pending.append((temporary, path))
        return temporary

    def publish(self) -> None:
        for temporary, path in self.pending:
            try:
                temporary.replace(path)
            except OSError as error:
                raise _cannot_write(path, error) from error

    def discard(self) -> None:
        for temporary, _path in self.pending:
            temporary.unlink(missing_ok=True)


@contextmanager
def staged() -> Iterator[Staging]:
    """Outputs written to temporaries, renamed at the end; removed if anything fails."""
    staging = Staging()
    try:
        yield staging
        staging.publish()
    except OSError as error:
        target = staging.pending[-1][1] if staging.pending else Path(".")
        raise _cannot_write(target, error) from error
    finally:
        staging.discard()


def _cannot_write(path: Path, error: OSError) -> ReportError:
    return ReportError(ReportCode.CANNOT_WRITE, Location(file=str(path)),
                       detail=error.strerror or str(error))
