"""Writing export files safely: checked targets, private files, all or nothing.

* A target must be a regular file or a new name in an existing, writable folder: a folder, a
  symbolic link, a FIFO or a device node is refused (``--out /dev/null`` run as root would
  otherwise replace the device), and so is a missing folder (nothing is created).
* Every file is first written under a temporary name beside its target, created with
  permissions 0600 (interview data is personal), then renamed over the target: the old file
  is kept until the new one is complete, and a failure leaves no partial file behind.
* Several files of one export (data, syntax, codebook) are renamed only when all of them are
  written.
* What the operating system or a file-format library reports becomes an ``ExportError``:
  a full disk or a file too large for it (``ENOSPC``, ``EFBIG``, ``EDQUOT``, also as reported
  by lxml and ReadStat) is ``export.disk_full``; anything else ``export.cannot_write`` with the
  system's words as ``detail``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.messages import Location
from survey.private import private_partial

_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_FULL_WORDS = ("ENOSPC", "EFBIG", "EDQUOT", "No space left", "File too large",
               "Unable to write")


def check_target(path: Path) -> None:
    """Refuse a target that is not a regular file or a new name in a writable folder."""
    where = Location(file=str(path))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ExportError(ExportCode.CANNOT_WRITE, where, detail=_words(error)) from error
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ExportError(ExportCode.NOT_A_FILE, where, kind=_kind(info.st_mode).message())
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(ExportCode.NO_FOLDER, where, folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(ExportCode.FOLDER_NOT_WRITABLE, where, folder=str(folder))


def _kind(mode: int) -> ExportCode:
    if stat.S_ISLNK(mode):
        return ExportCode.KIND_LINK
    if stat.S_ISDIR(mode):
        return ExportCode.KIND_FOLDER
    if stat.S_ISFIFO(mode):
        return ExportCode.KIND_FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ExportCode.KIND_DEVICE
    return ExportCode.KIND_SPECIAL


class OutputSet:
    """Files of one export written under temporary names and renamed together at the end."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def write(self, target: Path, writer: Callable[[Path], None]) -> None:
        """Run ``writer`` on a private temporary file beside ``target``."""
        check_target(target)
        where = Location(file=str(target))
        try:
            temporary = private_partial(target)
        except OSError as error:
            if error.errno in _FULL:
                raise ExportError(ExportCode.DISK_FULL, where) from error
            raise ExportError(ExportCode.FOLDER_NOT_WRITABLE, where,
                              folder=str(target.parent)) from error
        try:
            self._pending.append((temporary, target))
            writer(temporary)
        except ExportError as error:  # name the target, not the temporary file
            raise ExportError([m.at(where) if m.location.file == str(temporary) else m
                               for m in error.messages]) from error
        except OSError as error:
            raise _write_error(where, error) from error
        except Exception as error:  # a format library's own error for an I/O failure
            if _is_full(str(error)):
                raise ExportError(ExportCode.DISK_FULL, where) from error
            raise

    def commit(self) -> list[Path]:
        """Rename every written file to its target; returns the targets."""
        targets = []
        for temporary, target in self._pending:
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise _write_error(Location(file=str(target)), error) from error
            targets.append(target)
        self._pending = []
        return targets

    def discard(self) -> None:
        """Remove the temporary files (after a failure); their targets are left as they were."""
        for temporary, _ in self._pending:
            with suppress(OSError):  # the error that brought us here is the one to report
                temporary.unlink(missing_ok=True)
        self._pending = []


@contextmanager
def output_set() -> Iterator[OutputSet]:
    """An :class:`OutputSet` committed when the block ends normally, discarded otherwise."""
    outputs = OutputSet()
    try:
        yield outputs
    except BaseException:
        outputs.discard()
        raise
    try:
        outputs.commit()
    except BaseException:
        outputs.discard()
        raise


def _write_error(where: Location, error: OSError) -> ExportError:
    if error.errno in _FULL:
        return ExportError(ExportCode.DISK_FULL, where)
    return ExportError(ExportCode.CANNOT_WRITE, where, detail=_words(error))


def _words(error: OSError) -> str:
    return error.strerror or str(error)


def _is_full(text: str) -> bool:
    return any(word.lower() in text.lower() for word in _FULL_WORDS)


def format_error(error: Exception, path: Path, fmt: str) -> ExportError:
    """A file-format library's refusal: a full disk, or a limit of the format."""
    where = Location(file=str(path))
    if _is_full(str(error)):
        return ExportError(ExportCode.DISK_FULL, where)
    return ExportError(ExportCode.FORMAT_LIMIT, where, format=fmt, detail=str(error))
