"""Files and folders only their owner can read: databases, their logs, packs, exports.

Respondents' answers must not be readable by the other users of a shared computer, so every
file Kelisim creates that holds them is created with mode 0600 and every folder it creates
with mode 0700, from the first byte on (the permissions are given when the file is created,
never tightened afterwards, so there is no moment when another user could open it). On
systems without POSIX permissions (Windows) these are the operating system's defaults.

    make_private_folder(folder)            # mkdir -p; every level it creates is 0700
    create_private_file(path)              # a new, empty 0600 file (FileExistsError if there)
    with open_private(path, "w") as out:   # written from the start as a 0600 file
        ...
    partial = private_partial(target)      # a new 0600 file beside ``target``, for writing a
    ...                                    # file completely before os.replace(partial, target)
    with scratch_folder("merge") as folder:  # a 0700 temporary folder, removed afterwards
        ...

SQLite gives a database's ``-wal`` and ``-shm`` files the permissions of the database file,
so a database created empty with :func:`create_private_file` keeps its logs private too.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

#: Permissions of a private file (read and write for its owner only).
PRIVATE_FILE_MODE = 0o600
#: Permissions of a private folder (its owner only may list and enter it).
PRIVATE_FOLDER_MODE = 0o700
#: Ending of the files :func:`private_partial` creates: unfinished, never a result.
PARTIAL_SUFFIX = ".partial"


def make_private_folder(folder: Path | str) -> Path:
    """Create ``folder`` and its missing parents as 0700 folders; existing ones are left as
    they are (see :func:`restrict_folder`). Returns the folder."""
    folder = Path(folder)
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:  # made meanwhile by another process: its mode is its own
            continue
        _chmod(level, PRIVATE_FOLDER_MODE)  # mkdir's mode is reduced by the umask only
    return folder


def restrict_folder(folder: Path | str) -> Path:
    """Make an existing folder of Kelisim's own (its user-data folder) private (0700)."""
    folder = Path(folder)
    if folder.is_dir():
        _chmod(folder, PRIVATE_FOLDER_MODE)
    return folder


def create_private_file(path: Path | str) -> Path:
    """Create ``path`` as a new, empty 0600 file; FileExistsError when it exists."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    os.close(os.open(path, flags, PRIVATE_FILE_MODE))
    return path


def open_private(path: Path | str, mode: str = "w", **options: Any) -> IO[Any]:
    """``open(path, mode, **options)``, a file that does not exist yet being created 0600.

    An existing file keeps the permissions it has (``mode`` "w" empties it).
    """
    return open(path, mode, opener=_private_opener, **options)


def private_partial(target: Path | str) -> Path:
    """A new, empty 0600 file in ``target``'s folder, named ``.<target name>.<random>.partial``.

    Write the result there, then ``os.replace(partial, target)``: a reader (or a process
    killed half-way) never sees a half-written ``target``.
    """
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX,
                                    dir=target.parent)
    os.close(handle)  # mkstemp creates the file 0600
    return Path(name)


@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    """A new 0700 folder in the system's temporary folder, removed when the block ends.

    Merge and sync put private copies of laptop files there. A process killed meanwhile
    cannot remove its folder, so each new one first removes the folders that processes no
    longer running left behind (their names carry the process id): respondents' answers never
    stay in the temporary folder longer than until the next merge or sync.
    """
    root = Path(tempfile.gettempdir())
    remove_abandoned_scratch(root)
    folder = Path(tempfile.mkdtemp(prefix=f"kelisim-{kind}-{os.getpid()}-", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_SCRATCH = re.compile(r"^kelisim-[a-z]+-(\d+)-")


def remove_abandoned_scratch(root: Path) -> list[Path]:
    """Remove the scratch folders in ``root`` of processes no longer running; returns them."""
    removed = []
    for folder in root.glob("kelisim-*-*-*"):
        found = _SCRATCH.match(folder.name)
        if found is None or not folder.is_dir() or folder.is_symlink():
            continue
        pid = int(found.group(1))
        if pid == os.getpid() or _running(pid) or not _own(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _own(folder: Path) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or folder.stat().st_uid == getuid()


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, PRIVATE_FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # a file system without permissions (FAT, USB sticks)
        path.chmod(mode)
